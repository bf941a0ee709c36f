//! From files to a plan: which school's self-scores change, from what to
//! what. Nothing is written here; the plan is shown and confirmed first.

use super::check::check;
use super::problem::{FileProblems, FormProblem, Problem};
use super::read::read_file;
use crate::app::data::Data;
use crate::domain::score_form::{ScoreChange, plan_changes};
use crate::domain::scoring::Which;
use crate::domain::{ClusterId, SchoolId, SheetId};
use std::path::{Path, PathBuf};

/// What one form will change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolPlan {
    /// The form's file.
    pub file: PathBuf,
    /// The sheet filled.
    pub sheet: SheetId,
    /// The sheet's cluster.
    pub cluster: ClusterId,
    /// The sheet's year.
    pub year: u16,
    /// The school.
    pub school: SchoolId,
    /// The self-scores that change (old → new), in the form's order.
    pub changes: Vec<ScoreChange>,
}

impl SchoolPlan {
    /// The file's name without its folder, as the audit and messages show it.
    pub fn file_name(&self) -> String {
        shown_name(&self.file)
    }
}

/// A file's name without its folder.
pub fn shown_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether a path names a form file by its extension (and is not the lock
/// file Excel leaves beside an open workbook, `~$name.xlsx`).
fn is_form_file(p: &Path) -> bool {
    let name = shown_name(p);
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        && !name.starts_with("~$")
}

/// The files named: a folder stands for the .xlsx files in it, in name
/// order. A folder with none is a problem of its own.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<FileProblems>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let listed = std::fs::read_dir(p).map(|entries| {
            let mut v: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && is_form_file(f))
                .collect();
            v.sort();
            v
        });
        match listed {
            Ok(v) if v.is_empty() => problems.push(FileProblems {
                file: p.clone(),
                problems: vec![FormProblem::file(Problem::NoFiles)],
            }),
            Ok(v) => files.extend(v),
            Err(e) => problems.push(FileProblems {
                file: p.clone(),
                problems: vec![FormProblem::file(Problem::Unreadable(e.to_string()))],
            }),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Reads and checks every file, and plans each school's changes against
/// the snapshot. Any problem in any file refuses the whole import, and
/// every problem of every file is returned. `only` restricts the forms to
/// one sheet (the one on screen).
pub fn prepare(
    data: &Data,
    paths: &[PathBuf],
    only: Option<SheetId>,
) -> Result<Vec<SchoolPlan>, Vec<FileProblems>> {
    let files = expand(paths)?;
    let mut plans: Vec<SchoolPlan> = Vec::new();
    let mut refused = Vec::new();
    for file in files {
        let checked = read_file(&file)
            .map_err(|p| vec![p])
            .and_then(|form| check(&form, data, only));
        let checked = match checked {
            Ok(c) => c,
            Err(problems) => {
                refused.push(FileProblems { file, problems });
                continue;
            }
        };
        if let Some(first) = plans
            .iter()
            .find(|p| p.sheet == checked.sheet && p.school == checked.school)
        {
            let what = Problem::Twice {
                school: checked.school,
                first: first.file_name(),
            };
            refused.push(FileProblems {
                file,
                problems: vec![FormProblem::file(what)],
            });
            continue;
        }
        let changes = match data.sheets.get(&checked.sheet) {
            Some(sheet) => plan_changes(sheet, checked.school, Which::SelfScore, &checked.values),
            None => Vec::new(),
        };
        plans.push(SchoolPlan {
            file,
            sheet: checked.sheet,
            cluster: checked.cluster,
            year: checked.year,
            school: checked.school,
            changes,
        });
    }
    if refused.is_empty() {
        Ok(plans)
    } else {
        Err(refused)
    }
}
