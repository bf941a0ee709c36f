//! Checking a form as read against the database: the identity names an
//! open sheet the school is a member of, counted by the table the form was
//! made from; every value is a number on a known item, within range and
//! on the step. Every problem is listed, not just the first.

use super::problem::{FormProblem, Problem};
use super::read::{RawForm, RawValue};
use crate::app::data::Data;
use crate::domain::score_form::{cell_points, check_value, table_fingerprint};
use crate::domain::{ClusterId, CriteriaTable, Points, PointsError, SchoolId, SheetId, TableId};
use crate::export::score_forms::layout::{
    COL_CODE, COL_FILL, FORMAT, VERSION, address, id_address, keys,
};
use std::collections::HashMap;

/// A form that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The sheet it fills.
    pub sheet: SheetId,
    /// The sheet's cluster.
    pub cluster: ClusterId,
    /// The sheet's year.
    pub year: u16,
    /// The school whose self-scores these are.
    pub school: SchoolId,
    /// The filled values: (code, value), in the form's row order.
    pub values: Vec<(String, Points)>,
}

/// The identity's fields, each with its cell.
struct Fields<'f>(HashMap<&'f str, (&'f str, u32)>);

impl<'f> Fields<'f> {
    fn new(form: &'f RawForm) -> Fields<'f> {
        Fields(
            form.identity
                .iter()
                .map(|(k, v, row)| (k.as_str(), (v.as_str(), *row)))
                .collect(),
        )
    }

    /// The cell of a field's value; a missing field is shown where the
    /// identity would list it next.
    fn cell(&self, key: &str) -> String {
        let row = self
            .0
            .get(key)
            .map(|(_, r)| *r)
            .unwrap_or_else(|| self.0.values().map(|(_, r)| r + 1).max().unwrap_or(0));
        id_address(row, 1)
    }

    fn text(&self, key: &'static str, problems: &mut Vec<FormProblem>) -> Option<&'f str> {
        match self.0.get(key) {
            Some((v, _)) if !v.trim().is_empty() => Some(v.trim()),
            _ => {
                problems.push(FormProblem::at(self.cell(key), Problem::IdentityField(key)));
                None
            }
        }
    }

    fn number<T: std::str::FromStr>(
        &self,
        key: &'static str,
        problems: &mut Vec<FormProblem>,
    ) -> Option<T> {
        let v = self.text(key, problems)?;
        match v.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push(FormProblem::at(self.cell(key), Problem::IdentityField(key)));
                None
            }
        }
    }
}

/// The identity checked against the database: the sheet, the school and
/// the table the values are checked by (when the identity names one).
struct Resolved<'d> {
    sheet: Option<(SheetId, ClusterId, u16)>,
    school: Option<SchoolId>,
    table: Option<&'d CriteriaTable>,
}

fn resolve<'d>(
    f: &Fields<'_>,
    data: &'d Data,
    only: Option<SheetId>,
    problems: &mut Vec<FormProblem>,
) -> Resolved<'d> {
    let mut out = Resolved {
        sheet: None,
        school: None,
        table: None,
    };
    if f.text(keys::FORMAT, problems).is_some_and(|v| v != FORMAT) {
        problems.push(FormProblem::at(f.cell(keys::FORMAT), Problem::NotAForm));
        return out;
    }
    if let Some(v) = f.text(keys::VERSION, problems)
        && v != VERSION.to_string()
    {
        problems.push(FormProblem::at(
            f.cell(keys::VERSION),
            Problem::FormVersion(v.to_string()),
        ));
        return out;
    }
    let cluster = f.number::<u64>(keys::CLUSTER, problems);
    let year = f.number::<u16>(keys::YEAR, problems);
    let sheet_id = f.number::<u64>(keys::SHEET, problems).map(SheetId);
    let school = f.number::<u64>(keys::SCHOOL, problems);
    let table_id = f.number::<u64>(keys::TABLE, problems).map(TableId);
    let fingerprint = f.text(keys::FINGERPRINT, problems);

    // The values are checked by the table the form was made from.
    out.table = table_id.and_then(|t| data.tables.get(&t));
    if let (Some(table), Some(fp)) = (out.table, fingerprint)
        && table_fingerprint(table) != fp
    {
        problems.push(FormProblem::at(
            f.cell(keys::FINGERPRINT),
            Problem::TableChanged,
        ));
    }

    let cell = f.cell(keys::CLUSTER);
    let found = match (cluster.map(ClusterId), year) {
        (Some(c), _) if !data.clusters.contains_key(&c) => {
            problems.push(FormProblem::at(cell.clone(), Problem::NoCluster(c.0)));
            None
        }
        (Some(c), Some(y)) => match data.sheet_of(c, y) {
            None => {
                problems.push(FormProblem::at(
                    cell.clone(),
                    Problem::NoSheet {
                        cluster: c,
                        year: y,
                    },
                ));
                None
            }
            Some((id, _)) if Some(id) != sheet_id => {
                let at = f.cell(keys::SHEET);
                problems.push(FormProblem::at(
                    at,
                    Problem::OtherSheet {
                        cluster: c,
                        year: y,
                    },
                ));
                None
            }
            Some((id, sheet)) => Some((id, sheet, c, y)),
        },
        _ => None,
    };
    if let Some((id, sheet, c, y)) = found {
        if only.is_some_and(|o| o != id) {
            problems.push(FormProblem::at(
                cell,
                Problem::NotSelected {
                    cluster: c,
                    year: y,
                },
            ));
        } else if sheet.lock.is_some() {
            problems.push(FormProblem::at(
                cell,
                Problem::Locked {
                    cluster: c,
                    year: y,
                },
            ));
        } else {
            if table_id != Some(sheet.table) {
                problems.push(FormProblem::at(f.cell(keys::TABLE), Problem::TableChanged));
            }
            out.sheet = Some((id, c, y));
        }
        if let Some(s) = school.map(SchoolId) {
            let at = f.cell(keys::SCHOOL);
            if !data.schools.contains_key(&s) {
                problems.push(FormProblem::at(at, Problem::NoSchool(s.0)));
            } else if !sheet.schools.contains(&s) {
                let what = Problem::NotMember {
                    school: s,
                    cluster: c,
                    year: y,
                };
                problems.push(FormProblem::at(at, what));
            } else {
                out.school = Some(s);
            }
        }
    }
    out
}

/// The rows' values, each checked by the table when there is one.
fn values(
    form: &RawForm,
    table: Option<&CriteriaTable>,
    problems: &mut Vec<FormProblem>,
) -> Vec<(String, Points)> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for r in &form.rows {
        let code_cell = address(r.row, COL_CODE);
        let cell = address(r.row, COL_FILL);
        if r.code.is_empty() {
            problems.push(FormProblem::at(cell, Problem::ValueNoCode));
            continue;
        }
        if let Some(first) = seen.get(r.code.as_str()) {
            let first = address(*first, COL_CODE);
            problems.push(FormProblem::at(
                code_cell,
                Problem::DuplicateCode {
                    code: r.code.clone(),
                    first,
                },
            ));
            continue;
        }
        seen.insert(&r.code, r.row);
        if let Some(t) = table
            && t.item(&r.code).is_none()
        {
            let e = crate::domain::scoring::ScoreError::UnknownItem(r.code.clone());
            problems.push(FormProblem::at(code_cell, Problem::Score(e)));
            continue;
        }
        let value = match &r.value {
            RawValue::Empty => continue,
            RawValue::Number(n) => cell_points(*n).map_err(|e| match e {
                PointsError::Precision => Problem::Precision(n.to_string()),
                PointsError::Format => Problem::NotNumber(n.to_string()),
            }),
            RawValue::Text(s) => Points::parse(s).map_err(|e| match e {
                PointsError::Precision => Problem::Precision(s.clone()),
                PointsError::Format => Problem::NotNumber(s.clone()),
            }),
            RawValue::Other(s) => Err(Problem::NotNumber(s.clone())),
        };
        let value = match value {
            Ok(v) => v,
            Err(p) => {
                problems.push(FormProblem::at(cell, p));
                continue;
            }
        };
        if let Some(t) = table
            && let Err(e) = check_value(t, &r.code, value)
        {
            problems.push(FormProblem::at(cell, Problem::Score(e)));
            continue;
        }
        out.push((r.code.clone(), value));
    }
    out
}

/// Checks a form against the database; `only` restricts it to one sheet
/// (the one on screen). Every problem is returned, identity first.
pub fn check(
    form: &RawForm,
    data: &Data,
    only: Option<SheetId>,
) -> Result<Checked, Vec<FormProblem>> {
    let mut problems = Vec::new();
    let fields = Fields::new(form);
    let resolved = resolve(&fields, data, only, &mut problems);
    let values = values(form, resolved.table, &mut problems);
    match (resolved.sheet, resolved.school) {
        (Some((sheet, cluster, year)), Some(school)) if problems.is_empty() => Ok(Checked {
            sheet,
            cluster,
            year,
            school,
            values,
        }),
        _ => {
            if problems.is_empty() {
                problems.push(FormProblem::file(Problem::NotAForm));
            }
            Err(problems)
        }
    }
}
