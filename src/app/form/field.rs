//! One form field: its kind, its text, what has been picked, its error.

use crate::app::data::Data;
use crate::app::input::TextInput;
use crate::domain::{Clock, Date, DateError, SchoolId};
use crate::i18n::{Lang, Msg, tr};

/// What a reference field points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// A school.
    School,
    /// A cluster.
    Cluster,
    /// A person.
    Person,
}

/// The kind of a field, which decides how it is typed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text on one line.
    Text,
    /// Several values on one line, separated by `;`.
    TextList,
    /// A whole number.
    Number,
    /// A year, 1900–2999.
    Year,
    /// A date typed dd/mm/yyyy.
    Date,
    /// A time of day typed hh:mm (`8:00`, `8h30`).
    Clock,
    /// One of several options, changed with ←/→; (Vietnamese, English).
    Choice(Vec<(String, String)>),
    /// One record, picked by typing part of its name.
    Ref(RefKind),
    /// Several records, picked one after another.
    RefList(RefKind),
    /// Yes or no, changed with ←/→ or Space.
    Check,
    /// A row of a criteria table, `;`-separated (its kind is its label).
    Row(super::RowKind),
}

/// A field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Identifies the field to the form's adapter.
    pub key: &'static str,
    /// The label.
    pub label: Msg,
    /// How it is typed.
    pub kind: FieldKind,
    /// The typed text (for pickers: the search text).
    pub input: TextInput,
    /// Picked record ids (pickers).
    pub picked: Vec<u64>,
    /// Chosen option (choices), or 0/1 (checks).
    pub choice: usize,
    /// Must not be empty.
    pub required: bool,
    /// The validation message shown beside the field.
    pub error: Option<String>,
    /// Picker candidates for the current search: (id, name).
    pub candidates: Vec<(u64, String)>,
    /// The highlighted candidate.
    pub candidate: usize,
    /// The record a per-record field is about (a ballot's candidate).
    pub about: Option<u64>,
    /// What kind of record `about` is, for its label.
    pub about_kind: AboutKind,
}

/// What a per-record field is about: its label names that record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AboutKind {
    /// A school (a ballot's candidate, a delegation).
    #[default]
    School,
    /// A person (their title at the time).
    Person,
    /// A ballot (its count's document number).
    Ballot,
}

impl Field {
    /// A field of a kind with an initial text.
    pub fn new(key: &'static str, label: Msg, kind: FieldKind, text: &str) -> Field {
        Field {
            key,
            label,
            kind,
            input: TextInput::new(text),
            picked: Vec::new(),
            choice: 0,
            required: false,
            error: None,
            candidates: Vec::new(),
            candidate: 0,
            about: None,
            about_kind: AboutKind::School,
        }
    }

    /// The same field, about one record.
    pub fn about(mut self, kind: AboutKind, id: u64) -> Field {
        self.about = Some(id);
        self.about_kind = kind;
        self
    }

    /// The same field, required.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The same field, holding a note: it takes up to
    /// [`crate::text::BLOCK_LIMIT`] characters instead of a line's
    /// [`crate::text::LINE_LIMIT`].
    pub fn note(mut self) -> Field {
        self.input = self.input.with_limit(crate::text::BLOCK_LIMIT);
        self
    }

    /// Whether typing goes into this field's text.
    pub fn takes_text(&self) -> bool {
        !matches!(self.kind, FieldKind::Choice(_) | FieldKind::Check)
    }

    /// Whether it picks records.
    pub fn ref_kind(&self) -> Option<RefKind> {
        match self.kind {
            FieldKind::Ref(k) | FieldKind::RefList(k) => Some(k),
            _ => None,
        }
    }

    /// The text, trimmed.
    pub fn text(&self) -> String {
        crate::text::clean_line(self.input.text())
    }

    /// The `;`-separated values.
    pub fn list(&self) -> Vec<String> {
        self.input
            .text()
            .split(';')
            .map(crate::text::clean_line)
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Checks the typed value; sets and returns the error.
    pub fn validate(&mut self, lang: Lang) -> bool {
        self.error = self.problem(lang);
        self.error.is_none()
    }

    fn problem(&self, lang: Lang) -> Option<String> {
        let text = self.text();
        // Text typed into a picker but not picked would be lost silently.
        if self.ref_kind().is_some() && !text.is_empty() {
            return Some(tr(lang, Msg::ErrNotPicked).to_string());
        }
        let empty = match self.kind {
            FieldKind::Ref(_) | FieldKind::RefList(_) => self.picked.is_empty(),
            FieldKind::Choice(_) | FieldKind::Check => false,
            _ => text.is_empty(),
        };
        if empty {
            return self
                .required
                .then(|| tr(lang, Msg::ErrRequired).to_string());
        }
        match &self.kind {
            FieldKind::Number if text.parse::<u32>().is_err() => {
                Some(tr(lang, Msg::ErrNumber).to_string())
            }
            FieldKind::Year if parse_year(&text).is_none() => {
                Some(tr(lang, Msg::ErrYear).to_string())
            }
            FieldKind::Clock if Clock::parse(&text).is_none() => {
                Some(tr(lang, Msg::ErrClock).to_string())
            }
            FieldKind::Date => match Date::parse_dmy(&text) {
                Ok(_) => None,
                Err(DateError::Format) => Some(tr(lang, Msg::ErrDateFormat).to_string()),
                Err(DateError::Impossible(d)) => {
                    Some(format!("{}: {d}", tr(lang, Msg::ErrDateImpossible)))
                }
            },
            _ => None,
        }
    }

    /// The year typed, if valid.
    pub fn year(&self) -> Option<u16> {
        parse_year(&self.text())
    }

    /// The number typed, if valid.
    pub fn number(&self) -> Option<u32> {
        self.text().parse().ok()
    }

    /// The date typed, if valid.
    pub fn date(&self) -> Option<Date> {
        Date::parse_dmy(&self.text()).ok()
    }

    /// The time typed, if valid.
    pub fn clock(&self) -> Option<Clock> {
        Clock::parse(&self.text())
    }

    /// The one record picked.
    pub fn one(&self) -> Option<u64> {
        self.picked.first().copied()
    }

    /// Recomputes a picker's candidates from its search text, ignoring
    /// accents, best matches first, then alphabetically. The names were
    /// folded once for the snapshot (`Data::picks`), not at every key. For
    /// a year, schools merged or closed before it are not offered.
    pub fn find_candidates(&mut self, data: &Data, year: Option<u16>) {
        let Some(kind) = self.ref_kind() else { return };
        self.candidate = 0;
        let offer = |id: u64| match (kind, year) {
            (RefKind::School, Some(y)) => data
                .schools
                .get(&SchoolId(id))
                .is_none_or(|s| s.exists_in(y)),
            _ => true,
        };
        self.candidates = data
            .picks(kind)
            .candidates(self.input.text(), offer, CANDIDATES);
    }
}

/// How many candidates a picker lists.
const CANDIDATES: usize = 6;

fn parse_year(s: &str) -> Option<u16> {
    s.parse::<u16>().ok().filter(|y| (1900..=2999).contains(y))
}
