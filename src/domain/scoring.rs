//! Totals and ranking of a score sheet, and checks of typed scores. Pure
//! functions over the sheet and its criteria table.

use super::{CriteriaTable, ItemKind, Points, SchoolId, ScoreSheet, TieBreak};
use std::cmp::Ordering;

/// Which score of a cell is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Which {
    /// The school's own score (tự chấm).
    SelfScore,
    /// The cluster's agreed score (cụm chấm), which decides the ranking.
    #[default]
    Cluster,
}

/// A school's totals under one kind of score.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// The school.
    pub school: SchoolId,
    /// Sum of the criteria.
    pub criteria: Points,
    /// Bonus as entered, before the cap.
    pub bonus_raw: Points,
    /// Bonus after the cap.
    pub bonus: Points,
    /// Penalty points (a positive number, subtracted).
    pub penalties: Points,
    /// criteria + bonus − penalties.
    pub total: Points,
    /// How many criteria, bonus or penalty cells are still empty.
    pub empty: usize,
}

/// Why a typed score was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// No such item in the table.
    #[error("no item {0} in the criteria table")]
    UnknownItem(String),
    /// Below zero or above the maximum.
    #[error("{value} is outside 0..{max}")]
    OutOfRange {
        /// The value typed.
        value: Points,
        /// The item's maximum.
        max: Points,
    },
    /// Not a multiple of the step.
    #[error("{value} is not a multiple of {step}")]
    OffStep {
        /// The value typed.
        value: Points,
        /// The item's step.
        step: Points,
    },
    /// A score for a school that is not one of the sheet's members.
    #[error("school {} is not a member of the sheet", .0.0)]
    NotMember(super::SchoolId),
}

/// Checks a value for an item: within 0..=max and on the step.
pub fn check_score(table: &CriteriaTable, item: &str, value: Points) -> Result<(), ScoreError> {
    let (_, c) = table
        .item(item)
        .ok_or_else(|| ScoreError::UnknownItem(item.to_string()))?;
    if value.0 < 0 || value > c.max {
        return Err(ScoreError::OutOfRange { value, max: c.max });
    }
    if !value.is_multiple_of(c.step) {
        return Err(ScoreError::OffStep {
            value,
            step: c.step,
        });
    }
    Ok(())
}

/// The totals of one school.
pub fn totals_of(
    sheet: &ScoreSheet,
    table: &CriteriaTable,
    school: SchoolId,
    which: Which,
) -> Totals {
    let mut t = Totals {
        school,
        ..Totals::default()
    };
    for (kind, item) in table.items() {
        let Some(v) = sheet.score(school, &item.code, which) else {
            t.empty += 1;
            continue;
        };
        match kind {
            ItemKind::Criterion => t.criteria = t.criteria + v,
            ItemKind::Bonus => t.bonus_raw = t.bonus_raw + v,
            ItemKind::Penalty => t.penalties = t.penalties + v,
        }
    }
    t.bonus = t.bonus_raw.min(table.bonus_cap);
    t.total = t.criteria + t.bonus - t.penalties;
    t
}

/// The sum of a group's criteria for a school.
pub fn group_score(
    sheet: &ScoreSheet,
    table: &CriteriaTable,
    school: SchoolId,
    group: &str,
    which: Which,
) -> Points {
    table
        .groups
        .iter()
        .filter(|g| g.code == group)
        .flat_map(|g| g.criteria.iter())
        .filter_map(|c| sheet.score(school, &c.code, which))
        .sum()
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Totals by the cluster's score.
    pub totals: Totals,
    /// Rank from 1; tied schools share a rank.
    pub rank: usize,
    /// Whether this school is still tied with another after every tie-break.
    pub tied: bool,
}

/// Compares two schools by total, then by the table's tie-break order.
/// `Less` means `a` ranks higher.
fn compare(sheet: &ScoreSheet, table: &CriteriaTable, a: &Totals, b: &Totals) -> Ordering {
    let mut ord = b.total.cmp(&a.total);
    for step in &table.tie_break {
        if ord != Ordering::Equal {
            break;
        }
        ord = match step {
            TieBreak::GroupScore(g) => {
                let (x, y) = (
                    group_score(sheet, table, a.school, g, Which::Cluster),
                    group_score(sheet, table, b.school, g, Which::Cluster),
                );
                y.cmp(&x)
            }
            TieBreak::CriterionScore(c) => {
                let (x, y) = (
                    sheet.score(a.school, c, Which::Cluster).unwrap_or_default(),
                    sheet.score(b.school, c, Which::Cluster).unwrap_or_default(),
                );
                y.cmp(&x)
            }
            TieBreak::MoreBonus => b.bonus.cmp(&a.bonus),
            TieBreak::FewerPenalties => a.penalties.cmp(&b.penalties),
            TieBreak::SelfTotal => {
                let (x, y) = (
                    totals_of(sheet, table, a.school, Which::SelfScore).total,
                    totals_of(sheet, table, b.school, Which::SelfScore).total,
                );
                y.cmp(&x)
            }
        };
    }
    ord
}

/// Ranks the sheet's schools by the cluster's score and the year's tie-break
/// order. Schools still equal after every tie-break share a rank and are
/// marked tied (standard competition ranking: 1, 2, 2, 4); among them the
/// sheet's column order is kept, and said to be arbitrary by the `tied` flag.
pub fn rank(sheet: &ScoreSheet, table: &CriteriaTable) -> Vec<Ranked> {
    let mut rows: Vec<Totals> = sheet
        .schools
        .iter()
        .map(|s| totals_of(sheet, table, *s, Which::Cluster))
        .collect();
    rows.sort_by(|a, b| compare(sheet, table, a, b));
    let mut out: Vec<Ranked> = Vec::with_capacity(rows.len());
    for (i, t) in rows.iter().enumerate() {
        let equal_prev = i > 0
            && rows
                .get(i - 1)
                .is_some_and(|p| compare(sheet, table, p, t) == Ordering::Equal);
        let equal_next = rows
            .get(i + 1)
            .is_some_and(|n| compare(sheet, table, t, n) == Ordering::Equal);
        let rank = if equal_prev {
            out.last().map_or(i + 1, |r| r.rank)
        } else {
            i + 1
        };
        out.push(Ranked {
            totals: t.clone(),
            rank,
            tied: equal_prev || equal_next,
        });
    }
    out
}
