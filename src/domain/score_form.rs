//! The rules of a score form (phiếu tự chấm): a spreadsheet value read as
//! points, the fingerprint that ties a form to the criteria table it was
//! made from, and one school's scores applied to a sheet as one change.
//! Pure functions: the form's file is read elsewhere, and the store runs
//! [`apply`] inside the write's transaction.

use super::scoring::{ScoreError, Which, check_score};
use super::{CriteriaTable, ItemKind, Points, PointsError, SchoolId, ScoreSheet};
use sha2::{Digest, Sha256};

/// A spreadsheet number as points: at most two decimals, as a typed score.
/// Spreadsheets store binary floats, so 7.3 arrives as 7.2999…; a value
/// within a millionth of a hundredth is that hundredth.
pub fn cell_points(value: f64) -> Result<Points, PointsError> {
    if !value.is_finite() || value.abs() > 1e12 {
        return Err(PointsError::Format);
    }
    let hundredths = value * 100.0;
    let rounded = hundredths.round();
    if (hundredths - rounded).abs() > 1e-6 {
        return Err(PointsError::Precision);
    }
    // In range: checked above, so the cast neither saturates nor wraps.
    Ok(Points(rounded as i64))
}

/// Checks one value of a form against the table: a known code, within
/// 0..=max, on the step. The same rule as a score typed in the grid.
pub fn check_value(table: &CriteriaTable, code: &str, value: Points) -> Result<(), ScoreError> {
    check_score(table, code, value)
}

/// A short fingerprint of what a form's values mean: every item's kind,
/// group, code, maximum and step, in order. Names are left out, so a typo
/// fixed in a criterion's name does not void the forms already sent; a
/// changed maximum, step or code does.
pub fn table_fingerprint(table: &CriteriaTable) -> String {
    let mut h = Sha256::new();
    let mut add = |s: &str| {
        h.update(s.len().to_be_bytes());
        h.update(s.as_bytes());
    };
    for g in &table.groups {
        add("group");
        add(&g.code);
        for c in &g.criteria {
            add(&c.code);
            add(&c.max.0.to_string());
            add(&c.step.0.to_string());
        }
    }
    for (kind, list) in [("bonus", &table.bonus), ("penalty", &table.penalties)] {
        add(kind);
        for c in list {
            add(&c.code);
            add(&c.max.0.to_string());
            add(&c.step.0.to_string());
        }
    }
    add("cap");
    add(&table.bonus_cap.0.to_string());
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The group an item is shown under on a form: its group's code, or the
/// bonus or penalty part of the table.
pub fn item_group<'t>(table: &'t CriteriaTable, code: &str) -> Option<(ItemKind, Option<&'t str>)> {
    if let Some(g) = table
        .groups
        .iter()
        .find(|g| g.criteria.iter().any(|c| c.code == code))
    {
        return Some((ItemKind::Criterion, Some(g.code.as_str())));
    }
    table.item(code).map(|(kind, _)| (kind, None))
}

/// One score a form changes: the item, the value stored when the form was
/// checked, and the form's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreChange {
    /// The item's code.
    pub code: String,
    /// The stored value the change was planned from (`None`: empty).
    pub old: Option<Points>,
    /// The value to write.
    pub new: Points,
}

/// The changes a school's values make to a sheet, in the values' order:
/// only those that differ from what is stored.
pub fn plan_changes(
    sheet: &ScoreSheet,
    school: SchoolId,
    which: Which,
    values: &[(String, Points)],
) -> Vec<ScoreChange> {
    values
        .iter()
        .filter_map(|(code, new)| {
            let old = sheet.score(school, code, which);
            (old != Some(*new)).then(|| ScoreChange {
                code: code.clone(),
                old,
                new: *new,
            })
        })
        .collect()
}

/// Why a school's scores could not be applied to a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyRefusal {
    /// The sheet is locked: forms fill an open sheet only.
    Locked,
    /// The school is not one of the sheet's members.
    NotMember(SchoolId),
    /// A score is no longer what the plan was made from.
    Changed {
        /// The item.
        code: String,
        /// The value the plan showed.
        seen: Option<Points>,
        /// The value stored now.
        stored: Option<Points>,
    },
    /// A value breaks the table (unknown code, range, step).
    Score(ScoreError),
}

/// Applies one school's planned changes to a sheet as stored now: refused
/// as a whole if the sheet is locked, the school is not a member, any
/// value breaks the table, or any score changed since the plan was made.
pub fn apply(
    sheet: &mut ScoreSheet,
    table: Option<&CriteriaTable>,
    school: SchoolId,
    which: Which,
    changes: &[ScoreChange],
) -> Result<(), ApplyRefusal> {
    if sheet.lock.is_some() {
        return Err(ApplyRefusal::Locked);
    }
    if !sheet.schools.contains(&school) {
        return Err(ApplyRefusal::NotMember(school));
    }
    for c in changes {
        if let Some(t) = table {
            check_value(t, &c.code, c.new).map_err(ApplyRefusal::Score)?;
        }
        let stored = sheet.score(school, &c.code, which);
        if stored != c.old {
            return Err(ApplyRefusal::Changed {
                code: c.code.clone(),
                seen: c.old,
                stored,
            });
        }
    }
    for c in changes {
        sheet.set_score(school, &c.code, which, Some(c.new));
    }
    Ok(())
}
