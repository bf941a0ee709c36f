//! The search key: what is left of a string once tone marks, diacritics, case
//! and punctuation are gone.
//!
//! People search for "hai duong" when they mean "Hải Dương", and type on
//! keyboards (or paste from documents) that produce either precomposed or
//! decomposed Vietnamese, so both sides of a search are folded the same way.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `s` into a search key: no diacritics, `đ` as `d`, lowercase, and
/// single spaces in place of every run of non-alphanumeric characters.
///
/// `"Bà Rịa-Vũng Tàu"` folds to `"ba ria vung tau"`, and `"Hải Dương"`,
/// `"hai duong"` and `"HAI  DUONG"` all fold to `"hai duong"`. Canonically
/// equivalent inputs (NFC or NFD) fold the same, and folding a folded key
/// changes nothing.
///
/// Compatibility decomposition (NFKD) is used rather than plain NFD so that
/// full-width letters, ligatures and superscript digits also match their
/// plain forms.
#[must_use]
pub fn fold(s: &str) -> String {
    // Decomposing before lowercasing matters: `㎀` has no lowercase but
    // decomposes to `pA`, whose capital would otherwise survive. In this order
    // no lowercased character needs decomposing again; the test
    // `fold_is_idempotent_on_every_single_char` checks that for every code
    // point, so a Unicode update that breaks it will show.
    let letters = s
        .nfkd()
        .flat_map(char::to_lowercase)
        .filter(|&c| !is_combining_mark(c))
        .map(fold_letter);

    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in letters {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// Maps the letters that carry a stroke rather than a combining mark, and so
/// survive decomposition, to their base letter.
fn fold_letter(c: char) -> char {
    match c {
        // đ, and ð, which some legacy Vietnamese encodings and keyboards
        // produce in its place.
        'đ' | 'ð' => 'd',
        c => c,
    }
}
