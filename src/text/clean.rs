//! Making user-supplied text safe to store and to draw on someone's terminal.
//!
//! A name typed or pasted by one person is later printed on another person's
//! terminal. Escape sequences in it could recolour, clear or retitle that
//! screen, bidi controls could make it read as a different name, and
//! invisible characters could make two different names look the same
//! (`lan` and `l\u{200B}an`), so all three are removed before the text is
//! stored. Escape sequences are removed whole (`"\x1b[31mRed"` becomes
//! `"Red"`, not `"[31mRed"`), the way a terminal would have swallowed them.

use std::borrow::Cow;
use std::iter::Peekable;

use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use unicode_normalization::{UnicodeNormalization, is_nfc};

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// CAN and SUB abort a control string in ECMA-48 terminals.
const CAN: char = '\u{18}';
const SUB: char = '\u{1a}';
/// The 8-bit string terminator; the 7-bit one is `ESC \`.
const ST_8BIT: char = '\u{9c}';

/// The Braille blank: a symbol by category, but it draws as a space and is
/// the usual way to make a name that looks empty or to pad one invisibly.
const BRAILLE_BLANK: char = '\u{2800}';

/// Whether a character draws nothing yet can change how text displays or
/// compares, and so is removed from everything stored.
///
/// That is every format character (general category Cf: the zero-width
/// space, joiners and non-joiners, the soft hyphen, the word joiner, bidi
/// controls, the byte-order mark, tag characters, …) and every default
/// ignorable code point (the Hangul fillers U+115F, U+1160, U+3164 and
/// U+FFA0, variation selectors, the combining grapheme joiner, the
/// Mongolian free variation selectors, the unassigned U+E0000–U+E0FFF …),
/// taken from the Unicode data in `icu_properties` so that new characters
/// are covered when the data is updated. See docs/decisions.md for why the
/// joiners go too.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// Cleans a one-line value (a name, a title) for storage and display.
///
/// The result is NFC, has no control characters, no escape sequences, no
/// invisible characters ([`is_invisible`]), no tabs or line breaks, single spaces between words and no
/// leading or trailing space. Cleaning twice gives the same as cleaning once.
#[must_use]
pub fn clean_line(s: &str) -> String {
    let stripped = strip(s);
    let mut out = String::with_capacity(stripped.len());
    for word in stripped.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    to_nfc(&out)
}

/// Cleans a multi-line value (a note, minutes) for storage and display.
///
/// Like [`clean_line`], except that line breaks survive as `'\n'` (CRLF, lone
/// CR, NEL, VT, FF and the Unicode line and paragraph separators all become
/// `'\n'`). Within a line every other whitespace character becomes one space
/// and runs are kept, so indented lists stay indented; trailing spaces are
/// trimmed, more than two blank lines in a row become two, and blank lines at
/// the start and end are dropped.
#[must_use]
pub fn clean_block(s: &str) -> String {
    // CRLF is one break, not a break and an empty line.
    let stripped = strip(s).replace("\r\n", "\n");
    let mut out = String::with_capacity(stripped.len());
    let mut pending_blank_lines = 0usize;
    for raw_line in stripped.split(is_line_break) {
        let line: String = raw_line
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank_lines = pending_blank_lines.saturating_add(1);
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            // Two blank lines are enough to show a break; more is usually a
            // paste artefact that pushes the rest of the note off screen.
            for _ in 0..pending_blank_lines.min(2) {
                out.push('\n');
            }
        }
        pending_blank_lines = 0;
        out.push_str(line);
    }
    to_nfc(&out)
}

/// Removes what must never reach a terminal or the store (escape sequences,
/// control characters, invisible characters) and nothing else: spaces, tabs
/// and line breaks stay for the caller, and the result is not normalized.
/// For text being typed, which [`clean_line`] tidies when it is saved.
#[must_use]
pub fn strip_unsafe(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| {
        (c.is_control() && c != '\t' && !is_line_break(c)) || is_invisible(c) || c == BRAILLE_BLANK
    }) {
        Cow::Owned(strip(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Removes escape sequences, controls (except whitespace ones) and invisible
/// characters; the Braille blank becomes a space.
///
/// This works on the NFD form: there an escape's final letter (`ESC [ 0 m`)
/// cannot have fused with a combining mark that follows it (`m` + U+0301 is
/// `ḿ` in NFC), and precomposed and decomposed input strip alike.
fn strip(s: &str) -> String {
    strip_escapes_and_controls(s.nfd())
}

/// Normalizes the cleaned text to NFC, last, because removing a character can
/// leave a base letter next to a combining mark that the removed character
/// used to block.
fn to_nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Tabs become spaces and line breaks are kept, for the callers to turn into
/// spaces or `'\n'`.
fn strip_escapes_and_controls(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            // 8-bit CSI.
            '\u{9b}' => skip_csi(&mut chars),
            // 8-bit OSC.
            '\u{9d}' => skip_control_string(&mut chars, true),
            // 8-bit DCS, SOS, PM and APC.
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_control_string(&mut chars, false),
            '\t' | BRAILLE_BLANK => out.push(' '),
            c if is_line_break(c) => out.push(c),
            c if c.is_control() || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips what follows an ESC that has just been consumed.
fn skip_escape(chars: &mut Peekable<impl Iterator<Item = char>>) {
    let Some(&next) = chars.peek() else {
        return;
    };
    match next {
        '[' => {
            chars.next();
            skip_csi(chars);
        }
        ']' => {
            chars.next();
            skip_control_string(chars, true);
        }
        'P' | 'X' | '^' | '_' => {
            chars.next();
            skip_control_string(chars, false);
        }
        // A control here interrupts the sequence, as it would on a terminal;
        // leaving it lets the caller handle it (another ESC starts a new
        // sequence, a line break stays a line break).
        c if c.is_control() => {}
        _ => {
            // ECMA-48 escape: any intermediate bytes, then one final char.
            // The intermediates matter: `tput sgr0` emits `ESC ( B`, whose
            // `B` would otherwise be left on screen.
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| !c.is_control());
        }
    }
}

/// Skips the rest of a CSI sequence: parameter and intermediate bytes up to a
/// final byte in 0x40–0x7E. Anything else ends the sequence early and is left
/// for the caller, so a malformed sequence cannot swallow the text after it.
fn skip_csi(chars: &mut Peekable<impl Iterator<Item = char>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            _ => return,
        }
    }
}

/// Skips the body of an OSC, DCS, SOS, PM or APC string up to its terminator.
///
/// An unterminated string runs to the end of the text, as it would on the
/// terminal that was meant to swallow it.
fn skip_control_string(chars: &mut Peekable<impl Iterator<Item = char>>, bel_terminates: bool) {
    while let Some(&c) = chars.peek() {
        match c {
            // Left for the caller: `ESC \` (the terminator) is then skipped as
            // a two-char escape, and any other ESC starts a new sequence.
            ESC => return,
            BEL if bel_terminates => {
                chars.next();
                return;
            }
            ST_8BIT | CAN | SUB => {
                chars.next();
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}
