//! Provincial political schools, with every name they have carried and their
//! lineage (renamed, merged, split), so that history reads right after 2025.

use super::{Date, FormerName, SchoolId, Source};
use serde::{Deserialize, Serialize};

/// A provincial political school (Trường Chính trị tỉnh/thành phố).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    /// The official name, e.g. `Trường Chính trị tỉnh Ninh Bình`.
    pub name: String,
    /// Honorific names, e.g. `Trường Chính trị Tô Hiệu`; users type either form.
    pub honorifics: Vec<String>,
    /// Names no longer in use.
    pub former_names: Vec<FormerName>,
    /// The province (as it was when the school was last independent).
    pub province: String,
    /// Renamings, mergers, splits; the school's status is derived from these.
    pub lineage: Vec<LineageEvent>,
    /// Free notes.
    pub notes: String,
    /// Practice data, not history: shown with a "ví dụ minh họa" mark.
    pub illustrative: bool,
    /// Where the facts come from.
    pub sources: Vec<Source>,
}

/// One event in a school's lineage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineageEvent {
    /// When it took effect, if known.
    pub date: Option<Date>,
    /// What happened.
    pub kind: LineageKind,
    /// The other school concerned (the successor of a merger, the parent of a split).
    pub other: Option<SchoolId>,
    /// One line of explanation.
    pub note: String,
    /// Where the event is stated.
    pub sources: Vec<Source>,
}

/// Kinds of lineage events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineageKind {
    /// The school took a new name (the old one is in `former_names`).
    Renamed,
    /// The school was merged into `other`, which carries on.
    MergedInto,
    /// The school was split off from `other`.
    SplitFrom,
    /// The school ceased to exist without a successor.
    Dissolved,
}

/// A school's standing today, derived from its lineage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SchoolStatus {
    /// Operating under its own name.
    Active,
    /// Merged into another school on the given date.
    MergedInto(SchoolId, Option<Date>),
    /// Dissolved on the given date.
    Dissolved(Option<Date>),
}

impl School {
    /// A new school with just a name and province.
    pub fn new(name: &str, province: &str) -> School {
        School {
            name: name.to_string(),
            honorifics: Vec::new(),
            former_names: Vec::new(),
            province: province.to_string(),
            lineage: Vec::new(),
            notes: String::new(),
            illustrative: false,
            sources: Vec::new(),
        }
    }

    /// The status after the last ending event (merger or dissolution), if any.
    pub fn status(&self) -> SchoolStatus {
        let ending = self
            .lineage
            .iter()
            .filter(|e| matches!(e.kind, LineageKind::MergedInto | LineageKind::Dissolved))
            .max_by_key(|e| e.date);
        match ending {
            Some(LineageEvent {
                kind: LineageKind::MergedInto,
                other: Some(to),
                date,
                ..
            }) => SchoolStatus::MergedInto(*to, *date),
            Some(e) if e.kind == LineageKind::Dissolved => SchoolStatus::Dissolved(e.date),
            _ => SchoolStatus::Active,
        }
    }

    /// The date the school ended (merged or dissolved), if it has ended;
    /// `Some(None)` when it ended at an unknown date.
    fn ended(&self) -> Option<Option<Date>> {
        match self.status() {
            SchoolStatus::Active => None,
            SchoolStatus::MergedInto(_, d) | SchoolStatus::Dissolved(d) => Some(d),
        }
    }

    /// Whether the school still existed when `year` began: a school merged
    /// or closed in an earlier year cannot join that year's membership,
    /// sheet, ballot or term. An ending of unknown date does not refuse,
    /// since the records cannot tell.
    pub fn exists_in(&self, year: u16) -> bool {
        !matches!(self.ended(), Some(Some(d)) if d.year < year)
    }

    /// Whether the school lasts through the whole of `year`, as a head or
    /// deputy serving that year must: one that ends during the year (or at
    /// an unknown date) is not suggested.
    pub fn lasts_through(&self, year: u16) -> bool {
        match self.ended() {
            None => true,
            Some(Some(d)) => d.year > year,
            Some(None) => false,
        }
    }

    /// Every name a user might type for this school: official, honorific, former.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.honorifics.iter().map(String::as_str))
            .chain(self.former_names.iter().map(|f| f.name.as_str()))
    }

    /// The short name people say: the honorific with the province
    /// (`Tô Hiệu Hải Phòng`), or the name without `Trường Chính trị tỉnh`
    /// (`Hà Nam`), as the articles write them.
    pub fn short_name(&self) -> String {
        let strip = |s: &str| -> String {
            let s = s.strip_prefix("Trường Chính trị ").unwrap_or(s);
            let s = s
                .strip_prefix("tỉnh ")
                .or_else(|| s.strip_prefix("thành phố "))
                .unwrap_or(s);
            s.to_string()
        };
        let short = match self.honorifics.first() {
            Some(h) if !self.province.is_empty() => format!("{} {}", strip(h), self.province),
            Some(h) => strip(h),
            None => strip(&self.name),
        };
        // Grids that show short names carry the illustrative mark in their
        // title; repeating it in every column would hide the names.
        match short.strip_suffix(" (ví dụ minh họa)") {
            Some(s) if self.illustrative => s.to_string(),
            _ => short,
        }
    }

    /// The name used in tables: the honorific with the province when there is
    /// one (`Trường Chính trị Tô Hiệu (Hải Phòng)`), otherwise the official name.
    pub fn display_name(&self) -> String {
        match self.honorifics.first() {
            Some(h) if !self.province.is_empty() => format!("{h} ({})", self.province),
            Some(h) => h.clone(),
            None => self.name.clone(),
        }
    }
}
