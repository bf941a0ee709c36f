//! Suggesting next year's Cụm trưởng from the rotation history: the member
//! that has gone longest without being head (and so hosting), with the
//! reason. A suggestion only; the conference elects.

use super::{School, SchoolId, Term};
use std::collections::HashMap;

/// Why a school is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Never head in the records.
    NeverHead,
    /// Head last in this year.
    LastHead(u16),
}

/// A suggestion: the school and why, with the runners-up in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Members in order of preference, each with its reason.
    pub ranked: Vec<(SchoolId, Reason)>,
}

impl Suggestion {
    /// The first choice.
    pub fn first(&self) -> Option<(SchoolId, Reason)> {
        self.ranked.first().copied()
    }
}

/// Ranks `members` for head in `year`: never-head first, then longest since
/// last head. The head of the year before is never suggested again at once.
/// Ties keep the order of `members` (the caller sorts them by name).
pub fn suggest_head(members: &[SchoolId], terms: &[Term], year: u16) -> Suggestion {
    let last_head = |s: SchoolId| {
        terms
            .iter()
            .filter(|t| t.head == Some(s) && t.year < year)
            .map(|t| t.year)
            .max()
    };
    let previous = terms
        .iter()
        .find(|t| t.year + 1 == year)
        .and_then(|t| t.head);
    let mut ranked: Vec<(SchoolId, Reason)> = members
        .iter()
        .filter(|s| Some(**s) != previous)
        .map(|s| {
            (
                *s,
                match last_head(*s) {
                    Some(y) => Reason::LastHead(y),
                    None => Reason::NeverHead,
                },
            )
        })
        .collect();
    ranked.sort_by_key(|(_, r)| match r {
        Reason::NeverHead => (0, 0),
        Reason::LastHead(y) => (1, *y),
    });
    Suggestion { ranked }
}

/// The members who may be suggested as head for `year`: those that last
/// through the whole year. A school merged into another during or before
/// the year (Hải Dương on 1/7/2025) cannot serve it.
pub fn eligible_heads(
    members: &[SchoolId],
    schools: &HashMap<SchoolId, School>,
    year: u16,
) -> Vec<SchoolId> {
    members
        .iter()
        .copied()
        .filter(|s| schools.get(s).is_none_or(|s| s.lasts_through(year)))
        .collect()
}
