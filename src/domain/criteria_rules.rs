//! Whether a criteria table means something: the rules every table meets
//! before it is stored, whichever way it arrives (CSV import, a form, undo,
//! SSH). A table that breaks them would still score, but wrongly: a bonus
//! cap of −5 takes 5 from every total, a share of 7/2 can never be reached,
//! a tie-break on a group that does not exist decides nothing.
//!
//! Pure: no I/O, linear in the size of the table. Codes are compared after
//! [`crate::text::clean_line`], the cleaning the store applies, so `1.1` and
//! `1\u{200B}.1` are the same code here as they would be once stored.

use std::collections::HashSet;

use super::{AwardKind, CriteriaTable, ItemKind, Points, TieBreak};
use crate::text::clean_line;

/// The earliest year a table may be for (the first emulation movement).
pub const FIRST_YEAR: u16 = 1945;
/// The latest year a table may be for.
pub const LAST_YEAR: u16 = 2100;

/// One thing wrong with a table. Codes and names are given cleaned, so a
/// message can show them on any terminal; indexes count from 0 in the
/// table's own order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    /// The year is outside [`FIRST_YEAR`]–[`LAST_YEAR`].
    Year(u16),
    /// No group has a criterion.
    NoCriteria,
    /// A group's code is empty once cleaned.
    EmptyGroupCode {
        /// The group's index.
        group: usize,
    },
    /// Two groups have the same code once cleaned.
    DuplicateGroup {
        /// The second group's index.
        group: usize,
        /// The code (cleaned).
        code: String,
    },
    /// An item's code is empty once cleaned.
    EmptyCode {
        /// Criterion, bonus or penalty.
        kind: ItemKind,
        /// Its index within its kind (criteria counted across groups).
        index: usize,
    },
    /// Two items (criteria, bonus and penalty items share one set of codes)
    /// have the same code once cleaned.
    DuplicateCode {
        /// The second item's kind.
        kind: ItemKind,
        /// Its index within its kind (criteria counted across groups).
        index: usize,
        /// The code (cleaned).
        code: String,
    },
    /// An item's maximum is below zero.
    NegativeMax {
        /// Its kind.
        kind: ItemKind,
        /// Its index within its kind (criteria counted across groups).
        index: usize,
        /// Its code.
        code: String,
        /// The maximum.
        max: Points,
    },
    /// An item's step is below zero.
    NegativeStep {
        /// Its kind.
        kind: ItemKind,
        /// Its index within its kind (criteria counted across groups).
        index: usize,
        /// Its code.
        code: String,
        /// The step.
        step: Points,
    },
    /// An item's maximum is not a whole number of steps, so it cannot be
    /// scored in full.
    MaxOffStep {
        /// Its kind.
        kind: ItemKind,
        /// Its index within its kind (criteria counted across groups).
        index: usize,
        /// Its code.
        code: String,
        /// The maximum.
        max: Points,
        /// The step.
        step: Points,
    },
    /// The bonus cap is below zero.
    NegativeBonusCap(Points),
    /// The vote share is not more than 0 and at most 1.
    Share {
        /// Numerator.
        num: u32,
        /// Denominator.
        den: u32,
    },
    /// "More than all of the votes" can never be reached.
    ShareUnreachable,
    /// The quorum is more than 1, or has a zero denominator.
    Quorum {
        /// Numerator.
        num: u32,
        /// Denominator.
        den: u32,
    },
    /// A tie-break names a group the table does not have.
    UnknownGroup {
        /// The tie-break's index.
        index: usize,
        /// The code it names.
        code: String,
    },
    /// A tie-break names a criterion the table does not have.
    UnknownCriterion {
        /// The tie-break's index.
        index: usize,
        /// The code it names.
        code: String,
    },
    /// Two quotas for the same award.
    DuplicateQuota {
        /// The second quota's index.
        index: usize,
        /// The award.
        kind: AwardKind,
    },
}

/// Checks a table against every rule; all problems found, in table order.
///
/// # Errors
/// The problems, when there is at least one.
pub fn validate(table: &CriteriaTable) -> Result<(), Vec<TableProblem>> {
    let mut problems = Vec::new();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&table.year) {
        problems.push(TableProblem::Year(table.year));
    }
    let groups = check_groups(table, &mut problems);
    let criteria = check_items(table, &mut problems);
    if table.bonus_cap.0 < 0 {
        problems.push(TableProblem::NegativeBonusCap(table.bonus_cap));
    }
    check_vote_rule(table, &mut problems);
    for (index, step) in table.tie_break.iter().enumerate() {
        match step {
            TieBreak::GroupScore(g) => {
                let code = clean_line(g);
                if !groups.contains(&code) {
                    problems.push(TableProblem::UnknownGroup { index, code });
                }
            }
            TieBreak::CriterionScore(c) => {
                let code = clean_line(c);
                if !criteria.contains(&code) {
                    problems.push(TableProblem::UnknownCriterion { index, code });
                }
            }
            _ => {}
        }
    }
    let mut awards = HashSet::new();
    for (index, q) in table.award_quotas.iter().enumerate() {
        let kind = match &q.kind {
            AwardKind::Other(name) => AwardKind::Other(clean_line(name)),
            k => k.clone(),
        };
        if !awards.insert(kind.clone()) {
            problems.push(TableProblem::DuplicateQuota { index, kind });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Group codes: present and unique. Returns the cleaned codes.
fn check_groups(table: &CriteriaTable, problems: &mut Vec<TableProblem>) -> HashSet<String> {
    let mut codes = HashSet::with_capacity(table.groups.len());
    for (group, g) in table.groups.iter().enumerate() {
        let code = clean_line(&g.code);
        if code.is_empty() {
            problems.push(TableProblem::EmptyGroupCode { group });
        } else if codes.contains(&code) {
            problems.push(TableProblem::DuplicateGroup { group, code });
        } else {
            codes.insert(code);
        }
    }
    if table.criteria().next().is_none() {
        problems.push(TableProblem::NoCriteria);
    }
    codes
}

/// Item codes, maxima and steps. Returns the cleaned codes of the criteria
/// (not bonus or penalty items), which tie-breaks may name.
fn check_items(table: &CriteriaTable, problems: &mut Vec<TableProblem>) -> HashSet<String> {
    let mut codes: HashSet<String> = HashSet::new();
    let mut criteria = HashSet::new();
    let (mut criteria_seen, mut bonus_seen, mut penalties_seen) = (0, 0, 0);
    for (kind, item) in table.items() {
        let seen = match kind {
            ItemKind::Criterion => &mut criteria_seen,
            ItemKind::Bonus => &mut bonus_seen,
            ItemKind::Penalty => &mut penalties_seen,
        };
        let index = *seen;
        *seen += 1;
        let cleaned = clean_line(&item.code);
        let code = || cleaned.clone();
        if cleaned.is_empty() {
            problems.push(TableProblem::EmptyCode { kind, index });
        } else if codes.contains(&cleaned) {
            problems.push(TableProblem::DuplicateCode {
                kind,
                index,
                code: code(),
            });
        } else {
            if kind == ItemKind::Criterion {
                criteria.insert(code());
            }
            codes.insert(code());
        }
        let (max, step) = (item.max, item.step);
        if max.0 < 0 {
            problems.push(TableProblem::NegativeMax {
                kind,
                index,
                code: code(),
                max,
            });
        }
        if step.0 < 0 {
            problems.push(TableProblem::NegativeStep {
                kind,
                index,
                code: code(),
                step,
            });
        } else if !max.is_multiple_of(step) {
            problems.push(TableProblem::MaxOffStep {
                kind,
                index,
                code: code(),
                max,
                step,
            });
        }
    }
    criteria
}

/// The share is in (0, 1] and reachable; the quorum in [0, 1] (0 for none,
/// as [`super::VoteRule`] documents).
fn check_vote_rule(table: &CriteriaTable, problems: &mut Vec<TableProblem>) {
    let r = &table.vote_rule;
    if r.share_num == 0 || r.share_den == 0 || r.share_num > r.share_den {
        problems.push(TableProblem::Share {
            num: r.share_num,
            den: r.share_den,
        });
    } else if r.strictly_more && r.share_num == r.share_den {
        problems.push(TableProblem::ShareUnreachable);
    }
    if r.quorum_den == 0 || r.quorum_num > r.quorum_den {
        problems.push(TableProblem::Quorum {
            num: r.quorum_num,
            den: r.quorum_den,
        });
    }
}
