//! Score forms in words: a form's problems with their cells, the plan of
//! changes shown before writing, and why forms could not be written.

use super::errors::Namer;
use super::{Lang, Msg, tr, trf};
use crate::domain::scoring::ScoreError;
use crate::export::score_forms::FormsError;
use crate::export::score_forms::layout::ID_SHEET;
use crate::import::score_forms::{FileProblems, FormProblem, Problem, SchoolPlan, shown_name};

/// Bytes as a person reads them.
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// What is wrong, without the cell.
pub fn problem_text(lang: Lang, p: &Problem, names: &dyn Namer) -> String {
    let cy = |c, y: &u16| -> [String; 2] { [names.cluster(c), y.to_string()] };
    match p {
        Problem::Unreadable(e) => trf(lang, Msg::SfpUnreadable, &[e]),
        Problem::TooLarge { size: s, limit } => {
            trf(lang, Msg::SfpTooLarge, &[&size(*s), &size(*limit)])
        }
        Problem::NotAForm => trf(lang, Msg::SfpNotForm, &[&ID_SHEET]),
        Problem::IdentityField(key) => trf(lang, Msg::SfpIdentityField, &[key]),
        Problem::FormVersion(v) => trf(
            lang,
            Msg::SfpFormVersion,
            &[v, &crate::export::score_forms::layout::VERSION],
        ),
        Problem::NoCluster(id) => trf(lang, Msg::SfpNoCluster, &[id]),
        Problem::NoSheet { cluster, year } => {
            let [c, y] = cy(*cluster, year);
            trf(lang, Msg::SfpNoSheet, &[&c, &y])
        }
        Problem::OtherSheet { cluster, year } => {
            let [c, y] = cy(*cluster, year);
            trf(lang, Msg::SfpOtherSheet, &[&c, &y])
        }
        Problem::NotSelected { cluster, year } => {
            let [c, y] = cy(*cluster, year);
            trf(lang, Msg::SfpNotSelected, &[&c, &y])
        }
        Problem::Locked { cluster, year } => {
            let [c, y] = cy(*cluster, year);
            trf(lang, Msg::SfpLocked, &[&c, &y])
        }
        Problem::NoSchool(id) => trf(lang, Msg::SfpNoSchool, &[id]),
        Problem::NotMember {
            school,
            cluster,
            year,
        } => {
            let [c, y] = cy(*cluster, year);
            trf(lang, Msg::SfpNotMember, &[&names.school(*school), &c, &y])
        }
        Problem::TableChanged => tr(lang, Msg::SfpTableChanged).to_string(),
        Problem::Twice { school, first } => {
            trf(lang, Msg::SfpTwice, &[&names.school(*school), first])
        }
        Problem::NotNumber(v) => trf(lang, Msg::SfpNotNumber, &[v]),
        Problem::Precision(v) => trf(lang, Msg::SfpPrecision, &[v]),
        Problem::Score(ScoreError::OutOfRange { value, .. }) if value.0 < 0 => {
            trf(lang, Msg::SfpNegative, &[value])
        }
        Problem::Score(ScoreError::OutOfRange { value, max }) => {
            trf(lang, Msg::SfpOver, &[value, max])
        }
        Problem::Score(ScoreError::OffStep { value, step }) => {
            trf(lang, Msg::SfpOffStep, &[value, step])
        }
        Problem::Score(ScoreError::UnknownItem(code)) => trf(lang, Msg::SfpUnknownCode, &[code]),
        Problem::Score(e @ ScoreError::NotMember(_)) => super::errors::score(lang, e),
        Problem::DuplicateCode { code, first } => trf(lang, Msg::SfpDuplicateCode, &[code, first]),
        Problem::ValueNoCode => tr(lang, Msg::SfpValueNoCode).to_string(),
        Problem::NoFiles => trf(lang, Msg::SfpNoFiles, &[&"."]),
    }
}

/// One problem as a line: `F14: 12 > tối đa 10`.
pub fn problem(lang: Lang, p: &FormProblem, names: &dyn Namer) -> String {
    let text = problem_text(lang, &p.what, names);
    match &p.cell {
        Some(cell) => format!("{cell}: {text}"),
        None => text,
    }
}

/// Every refused file with its problems: a heading naming the file, then
/// one indented line per problem.
pub fn problem_lines(lang: Lang, files: &[FileProblems], names: &dyn Namer) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        out.push(trf(lang, Msg::SfRefused, &[&f.file.display()]));
        for p in &f.problems {
            let line = match &p.what {
                // A folder's own problem names the folder.
                Problem::NoFiles => trf(lang, Msg::SfpNoFiles, &[&f.file.display()]),
                _ => problem(lang, p, names),
            };
            out.push(format!("  {line}"));
        }
    }
    out
}

/// The plan: per sheet a heading, per school its file and count, then one
/// line per change (`  I.1  10 → 9,5`).
pub fn plan_lines(lang: Lang, plans: &[SchoolPlan], names: &dyn Namer) -> Vec<String> {
    let mut out = Vec::new();
    let mut last_sheet = None;
    for p in plans {
        if last_sheet != Some(p.sheet) {
            let year = p.year.to_string();
            out.push(trf(
                lang,
                Msg::SfPlanHead,
                &[&names.cluster(p.cluster), &year],
            ));
            last_sheet = Some(p.sheet);
        }
        let school = names.school(p.school);
        let file = shown_name(&p.file);
        if p.changes.is_empty() {
            out.push(trf(lang, Msg::SfPlanNone, &[&school, &file]));
            continue;
        }
        out.push(trf(
            lang,
            Msg::SfPlanSchool,
            &[&school, &file, &p.changes.len()],
        ));
        for c in &p.changes {
            let old = c.old.map_or_else(|| "—".to_string(), |v| v.to_string());
            out.push(format!("  {}  {old} → {}", c.code, c.new));
        }
    }
    out
}

/// Why the forms could not be written.
pub fn forms_error(lang: Lang, e: &FormsError, names: &dyn Namer) -> String {
    match e {
        FormsError::NoSheet => tr(lang, Msg::NoSheetSelected).to_string(),
        FormsError::NoTable { year } => format!("{} {year}", tr(lang, Msg::NoTableForYear)),
        FormsError::Locked { cluster, year } => {
            trf(lang, Msg::SfpLocked, &[&names.cluster(*cluster), year])
        }
        FormsError::Xlsx(x) => x.to_string(),
        FormsError::Io { .. } => e.to_string(),
    }
}
