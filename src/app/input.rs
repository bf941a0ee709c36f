//! A one-line text input that moves and deletes by grapheme, keeps its text
//! in NFC, and knows where its caret is in terminal columns.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Text being typed, with a caret between graphemes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// The caret, as a number of graphemes before it.
    caret: usize,
}

impl TextInput {
    /// An input holding `text`, caret at the end.
    pub fn new(text: &str) -> TextInput {
        let text: String = crate::text::clean_line(text);
        let caret = text.graphemes(true).count();
        TextInput { text, caret }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret, in graphemes from the start.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// The number of graphemes.
    pub fn len(&self) -> usize {
        self.text.graphemes(true).count()
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The caret's column: the display width of the text before it.
    pub fn caret_column(&self) -> usize {
        display_width(self.text.get(..self.byte_at(self.caret)).unwrap_or(""))
    }

    fn byte_at(&self, grapheme: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .nth(grapheme)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts text at the caret. The text is cleaned (no control characters
    /// or escape sequences, newlines become spaces) and the whole input is
    /// kept in NFC, so a combining mark typed after a letter (as some input
    /// methods send it) joins that letter and the caret stays after it.
    pub fn insert(&mut self, s: &str) {
        let s: String = s
            .chars()
            .map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let s = strip_controls(&s);
        if s.is_empty() {
            return;
        }
        let at = self.byte_at(self.caret);
        let (before, after) = self.text.split_at(at);
        let head: String = format!("{before}{s}").nfc().collect();
        let head_len = head.graphemes(true).count();
        let whole: String = format!("{head}{after}").nfc().collect();
        let total = whole.graphemes(true).count();
        self.text = whole;
        self.caret = head_len.min(total);
    }

    /// Removes the bytes `a..b` and renormalizes: joining what was on
    /// either side can compose (Hangul jamo, a base and a mark), and the text
    /// stays NFC with the caret where the removal was.
    fn remove(&mut self, a: usize, b: usize) {
        let head: String = self.text.get(..a).unwrap_or("").nfc().collect();
        let tail = self.text.get(b..).unwrap_or("");
        let whole: String = format!("{head}{tail}").nfc().collect();
        self.caret = head
            .graphemes(true)
            .count()
            .min(whole.graphemes(true).count());
        self.text = whole;
    }

    /// Deletes the grapheme before the caret.
    pub fn backspace(&mut self) {
        if self.caret == 0 {
            return;
        }
        let (a, b) = (self.byte_at(self.caret - 1), self.byte_at(self.caret));
        self.remove(a, b);
    }

    /// Deletes the grapheme after the caret.
    pub fn delete(&mut self) {
        if self.caret >= self.len() {
            return;
        }
        let (a, b) = (self.byte_at(self.caret), self.byte_at(self.caret + 1));
        self.remove(a, b);
    }

    /// Moves the caret one grapheme left.
    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    /// Moves the caret one grapheme right.
    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.len());
    }

    /// Moves the caret to the start.
    pub fn home(&mut self) {
        self.caret = 0;
    }

    /// Moves the caret to the end.
    pub fn end(&mut self) {
        self.caret = self.len();
    }

    /// Replaces the whole text.
    pub fn set(&mut self, s: &str) {
        *self = TextInput::new(s);
    }
}

/// The columns text takes on screen, measured grapheme by grapheme as
/// ratatui draws it. Measuring the whole string at once can differ for
/// joined sequences (a keycap followed by a zero-width joiner), which would
/// put the cursor beside the text instead of after it.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Removes what a terminal would act on instead of showing: control
/// characters and escape sequences. Spaces stay as typed (trimming happens
/// when the field is saved, not while typing).
fn strip_controls(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_bidi(c)) {
        return s.to_string();
    }
    // clean_line trims and collapses spaces, which typing must not do; keep
    // leading and trailing spaces around the cleaned core.
    let lead = s.len() - s.trim_start_matches(' ').len();
    let trail = s.len() - s.trim_end_matches(' ').len();
    let core = crate::text::clean_line(s);
    if core.is_empty() {
        return " ".repeat(lead.min(1));
    }
    format!(
        "{}{core}{}",
        " ".repeat(lead.min(1)),
        " ".repeat(trail.min(1))
    )
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
}
