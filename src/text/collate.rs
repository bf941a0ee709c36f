//! Vietnamese alphabetical order.
//!
//! The order is CLDR's Vietnamese collation, as implemented by ICU4X's
//! `icu_collator` with its compiled-in data (no files or network at run time):
//! `a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y` as separate
//! letters, tone marks after that in the order none, huyền, hỏi, ngã, sắc,
//! nặng, then case with lowercase first. Comparison runs at ICU's "identical"
//! strength, so strings compare `Equal` only when they are canonically
//! equivalent (the same text in NFC or NFD), which makes sorting
//! deterministic.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use unicode_normalization::UnicodeNormalization;

/// Built once; `None` only if the compiled-in data were to lack Vietnamese,
/// in which case code-point order keeps every function total and panic-free.
static VIETNAMESE: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(vietnamese_collator);

fn vietnamese_collator() -> Option<CollatorBorrowed<'static>> {
    // `from_locale_strict` takes an `icu_locale_core::Locale`; letting its
    // parameter type pick what `parse` builds avoids a direct dependency on a
    // crate that icu_collator already brings in.
    let locale = "vi".parse().ok()?;
    let prefs = CollatorPreferences::from_locale_strict(&locale).unwrap_or_else(|lenient| lenient);
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Identical);
    CollatorBorrowed::try_new(prefs, options).ok()
}

/// Compares two strings in Vietnamese alphabetical order.
///
/// `"Hà Nam" < "Hà Nội" < "Hải Dương" < "Hải Phòng"`, `"Dương" < "Đồng Nai"`,
/// `"a" < "A" < "ă"`. The order is total: `Equal` means the strings are the
/// same text, possibly in different normalization forms.
#[must_use]
pub fn compare(a: &str, b: &str) -> Ordering {
    match VIETNAMESE.as_ref() {
        Some(collator) => collator.compare(a, b),
        None => a.nfd().cmp(b.nfd()),
    }
}

/// A precomputed key whose byte order is the order of [`compare`].
///
/// Worth it when the same strings are compared many times (a large sort, an
/// index); for a one-off comparison [`compare`] is cheaper.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(Vec<u8>);

/// Builds the [`SortKey`] of `s`; `sort_key(a).cmp(&sort_key(b))` equals
/// `compare(a, b)`.
#[must_use]
pub fn sort_key(s: &str) -> SortKey {
    let mut bytes = Vec::new();
    match VIETNAMESE.as_ref() {
        Some(collator) => {
            let Ok(()) = collator.write_sort_key_to(s, &mut bytes);
        }
        None => {
            for c in s.nfd() {
                bytes.extend_from_slice(&u32::from(c).to_be_bytes());
            }
        }
    }
    SortKey(bytes)
}

/// Sorts `items` in Vietnamese alphabetical order of the string `key` picks
/// out of each; items whose keys are the same text keep their order.
pub fn sort_by_vietnamese<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)));
}
