//! A one-line text input that moves and deletes by grapheme, keeps its text
//! in NFC, knows where its caret is in terminal columns, and takes no more
//! than its limit.
//!
//! Every edit costs what it touches, not what the field holds: the caret is
//! a byte offset, the length is counted as it changes, and after an edit only
//! the few characters around it are normalized, between the nearest points
//! where NFC cannot join what is on either side (a character that starts a
//! new composition and cannot combine with what precedes it). Typing a
//! character into a long field is therefore as cheap as into an empty one,
//! and a key past the limit is refused before any work.

use std::borrow::Cow;

use crate::app::Action;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// How far an edit looks either way for a point where normalization can
/// stop. Real text has one within a character or two; only a run built on
/// purpose (dozens of combining marks on one letter) is longer, and then the
/// part beyond is left as it is until the value is cleaned on saving.
const WINDOW: usize = 32;

/// What [`TextInput::apply`] did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The text changed.
    Edited,
    /// The text is as it was: the caret moved, or the key changed nothing
    /// (a full field, backspace at the start).
    Moved,
    /// Not an editing action: the caller handles it.
    Ignored,
}

/// What the last insertion ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitHit {
    /// The field was full: nothing was taken.
    Refused,
    /// Only the start of the text was taken.
    Cut,
}

/// Text being typed, with a caret between graphemes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// The caret, as a byte offset at a grapheme boundary.
    caret: usize,
    /// The number of characters (code points) in `text`.
    chars: usize,
    /// The most characters typing and pasting may bring the text to.
    limit: usize,
    /// What the last insertion ran into, until someone takes it.
    hit: Option<LimitHit>,
}

impl Default for TextInput {
    fn default() -> TextInput {
        TextInput::new("")
    }
}

impl TextInput {
    /// Applies an editing or caret action, the one dispatch every text
    /// field uses (filter, palette, form, cell, prompt). Says what it did,
    /// so a caller re-searches only after the text changed.
    pub fn apply(&mut self, action: &Action) -> Applied {
        let before = (self.text.len(), self.chars);
        match action {
            Action::Insert(c) => self.insert(c.encode_utf8(&mut [0; 4])),
            Action::Paste(s) => self.insert(s),
            Action::Backspace => self.backspace(),
            Action::DeleteForward => self.delete(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Home => self.home(),
            Action::End => self.end(),
            _ => return Applied::Ignored,
        }
        // A key that changed nothing (a full field, backspace at the
        // start) is not an edit: nothing to search again, nothing unsaved.
        if (self.text.len(), self.chars) == before {
            Applied::Moved
        } else {
            Applied::Edited
        }
    }

    /// Where the terminal's cursor goes for this input drawn from column
    /// `x` with `room` columns: after the text before the caret, never past
    /// the room. Every view places its caret with this, so the cursor (where
    /// an input method shows the text it is composing) sits on the caret.
    pub fn caret_x(&self, x: u16, room: u16) -> u16 {
        let col = u16::try_from(self.caret_column()).unwrap_or(u16::MAX);
        x.saturating_add(col.min(room.saturating_sub(1)))
    }

    /// An input holding `text` (cleaned), caret at the end, with the limit of
    /// a one-line value ([`crate::text::LINE_LIMIT`]). A longer `text` is
    /// kept whole: the limit stops typing, never loses what was stored.
    pub fn new(text: &str) -> TextInput {
        let text: String = crate::text::clean_line(text);
        TextInput {
            caret: text.len(),
            chars: text.chars().count(),
            text,
            limit: crate::text::LINE_LIMIT,
            hit: None,
        }
    }

    /// The same input with another limit, in characters.
    #[must_use]
    pub fn with_limit(mut self, limit: usize) -> TextInput {
        self.limit = limit;
        self
    }

    /// The most characters typing and pasting may bring the text to.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// What the last insertion ran into, once: a caller shows it and the
    /// next one finds nothing.
    pub fn take_limit_hit(&mut self) -> Option<LimitHit> {
        self.hit.take()
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret, in graphemes from the start (counted: linear in the text
    /// before the caret).
    pub fn caret(&self) -> usize {
        self.before_caret().graphemes(true).count()
    }

    /// The number of graphemes (counted: linear in the text).
    pub fn len(&self) -> usize {
        self.text.graphemes(true).count()
    }

    /// The number of characters (code points), which the limit counts.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the caret is after the last grapheme.
    pub fn at_end(&self) -> bool {
        self.caret >= self.text.len()
    }

    /// The caret's column: the display width of the text before it.
    pub fn caret_column(&self) -> usize {
        display_width(self.before_caret())
    }

    fn before_caret(&self) -> &str {
        self.text.get(..self.caret).unwrap_or(&self.text)
    }

    /// Inserts text at the caret. The text is cleaned (no control or
    /// invisible characters or escape sequences, line breaks and tabs become
    /// spaces) and normalized with its surroundings, so a combining mark
    /// typed after a letter (as some input methods send it) joins that
    /// letter and the caret stays after it.
    ///
    /// A full field refuses the text at once; text that does not fit is cut
    /// at the last whole grapheme that does. Either is recorded for
    /// [`TextInput::take_limit_hit`].
    pub fn insert(&mut self, s: &str) {
        if self.chars >= self.limit {
            self.hit = Some(LimitHit::Refused);
            return;
        }
        let stripped = crate::text::strip_unsafe(s);
        let spaced: Cow<'_, str> = if stripped.contains(is_break) {
            // CRLF is one line break, so one space.
            Cow::Owned(stripped.replace("\r\n", "\n").replace(is_break, " "))
        } else {
            stripped
        };
        let mut piece = nfc(&spaced);
        if piece.is_empty() {
            return;
        }
        let room = self.limit.saturating_sub(self.chars);
        if piece.chars().nth(room).is_some() {
            piece = cut(&piece, room);
            self.hit = Some(LimitHit::Cut);
            if piece.is_empty() {
                return;
            }
        }
        self.caret = self.splice(self.caret, self.caret, &piece);
    }

    /// Deletes the grapheme before the caret.
    pub fn backspace(&mut self) {
        if let Some(a) = self.prev_boundary(self.caret) {
            self.caret = self.splice(a, self.caret, "");
        }
    }

    /// Deletes the grapheme after the caret.
    pub fn delete(&mut self) {
        if let Some(b) = self.next_boundary(self.caret) {
            self.caret = self.splice(self.caret, b, "");
        }
    }

    /// Moves the caret one grapheme left.
    pub fn left(&mut self) {
        if let Some(a) = self.prev_boundary(self.caret) {
            self.caret = a;
        }
    }

    /// Moves the caret one grapheme right.
    pub fn right(&mut self) {
        if let Some(b) = self.next_boundary(self.caret) {
            self.caret = b;
        }
    }

    /// Moves the caret to the start.
    pub fn home(&mut self) {
        self.caret = 0;
    }

    /// Moves the caret to the end.
    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    /// Replaces the whole text, keeping the limit.
    pub fn set(&mut self, s: &str) {
        *self = TextInput::new(s).with_limit(self.limit);
    }

    /// Replaces the bytes `a..b` (at grapheme boundaries) with `piece` (NFC)
    /// and renormalizes only around them. Returns where the caret goes: after
    /// `piece`, at the next grapheme boundary.
    fn splice(&mut self, a: usize, b: usize, piece: &str) -> usize {
        let q = self.stable_before(a);
        let r = self.stable_after(b);
        let (Some(head), Some(tail), Some(old)) = (
            self.text.get(q..a),
            self.text.get(b..r),
            self.text.get(q..r),
        ) else {
            return self.caret;
        };
        let head = nfc(&format!("{head}{piece}"));
        let window = nfc(&format!("{head}{tail}"));
        self.chars = self.chars.saturating_sub(old.chars().count()) + window.chars().count();
        let end = q + window.len();
        self.text.replace_range(q..r, &window);
        self.grapheme_at_or_after((q + head.len()).min(end))
    }

    /// The start of the nearest character at or before `at` (looking back at
    /// most [`WINDOW`] characters) before which normalization cannot join
    /// anything: text before it never changes when text after it does.
    fn stable_before(&self, at: usize) -> usize {
        let before = self.text.get(..at).unwrap_or("");
        let mut q = at;
        for (i, c) in before.char_indices().rev().take(WINDOW) {
            q = i;
            if starts_fresh(c) {
                break;
            }
        }
        q
    }

    /// The start of the nearest character at or after `at` (looking ahead at
    /// most [`WINDOW`] characters) before which normalization cannot join
    /// anything, or the end of the text.
    fn stable_after(&self, at: usize) -> usize {
        let after = self.text.get(at..).unwrap_or("");
        for (n, (i, c)) in after.char_indices().enumerate() {
            if starts_fresh(c) || n >= WINDOW {
                return at + i;
            }
        }
        self.text.len()
    }

    /// The first grapheme boundary at or after byte `at`.
    fn grapheme_at_or_after(&self, at: usize) -> usize {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        let mut cursor = GraphemeCursor::new(at, self.text.len(), true);
        match cursor.is_boundary(&self.text, 0) {
            Ok(true) => at,
            _ => self.next_boundary(at).unwrap_or(self.text.len()),
        }
    }

    /// The grapheme boundary before `at`, if any.
    fn prev_boundary(&self, at: usize) -> Option<usize> {
        GraphemeCursor::new(at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
    }

    /// The grapheme boundary after `at`, if any.
    fn next_boundary(&self, at: usize) -> Option<usize> {
        GraphemeCursor::new(at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
    }
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether normalization never joins `c` with what precedes it: it does not
/// combine (class 0) and is not the second half of any composition (NFC
/// quick check "yes"). Hangul vowels and final consonants, and marks, are
/// not; letters, digits and ordinary symbols are.
fn starts_fresh(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// The longest run of whole graphemes of `s` with at most `room` characters.
fn cut(s: &str, room: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        if used + n > room {
            break;
        }
        used += n;
        out.push_str(g);
    }
    out
}

/// The columns text takes on screen, measured grapheme by grapheme as
/// ratatui draws it. Measuring the whole string at once can differ for
/// joined sequences (a keycap followed by a zero-width joiner), which would
/// put the cursor beside the text instead of after it.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}
