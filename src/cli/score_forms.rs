//! `thidua export score-forms` and `thidua import scores`: one form per
//! member school out, filled forms back in (docs/score-forms.md).

use super::Failure;
use super::export::one_cluster;
use crate::app::data::Data;
use crate::domain::access::Role;
use crate::domain::scoring::Which;
use crate::i18n::{Lang, Msg, score_forms, tr, trf};
use crate::import::score_forms::{SchoolPlan, prepare};
use crate::store::{Author, Store, StoreError};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

fn fail(message: String) -> Failure {
    Failure {
        message,
        code: 1,
        cause: None,
    }
}

/// Writes the forms of a cluster's sheet for a year into a folder.
pub(super) fn export(
    store: &Store,
    cluster: &str,
    year: u16,
    dir: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let id = one_cluster(store, cluster, lang)?;
    let data = Data::load(store)?;
    let Some((sheet, _)) = data.sheet_of(id, year) else {
        let label = data.cluster_label(id);
        return Err(fail(trf(lang, Msg::SfpNoSheet, &[&label, &year])));
    };
    let written = crate::export::score_forms::write_all(&data, sheet, dir, lang)
        .map_err(|e| fail(score_forms::forms_error(lang, &e, &data)))?;
    writeln!(
        out,
        "{}",
        trf(lang, Msg::SfExported, &[&written.len(), &dir.display()])
    )?;
    for f in &written {
        writeln!(out, "  {}", f.display())?;
    }
    Ok(())
}

/// Whether a typed answer is yes, in either language.
pub(super) fn is_yes(answer: &str) -> bool {
    matches!(
        crate::text::fold(answer).as_str(),
        "y" | "yes" | "c" | "co" | "dong y"
    )
}

/// A refused write of one school, in the user's language.
fn write_error(lang: Lang, store: &Store, data: &Data, e: &StoreError) -> String {
    match e {
        StoreError::Score(s) => crate::i18n::errors::score(lang, s),
        StoreError::Lock(r) => crate::i18n::errors::lock(lang, r, data),
        _ => crate::explain::integrity::store_error(lang, store.path(), e),
    }
}

/// Writes each school's changes in one transaction, the file's name in
/// the audit entry; says what was written and what was refused.
fn write_plans(
    store: &Store,
    data: &Data,
    plans: &[SchoolPlan],
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let actor = crate::term::os_user();
    let mut failed = Vec::new();
    for p in plans.iter().filter(|p| !p.changes.is_empty()) {
        let reason = trf(lang, Msg::SfAuditReason, &[&p.file_name()]);
        let by = Author {
            actor: &actor,
            reason: &reason,
            role: &Role::Admin,
        };
        let school = data.school_name(p.school);
        match store.set_scores(by, p.sheet, p.school, Which::SelfScore, &p.changes) {
            Ok(_) => writeln!(
                out,
                "{}",
                trf(lang, Msg::SfWrittenSchool, &[&p.changes.len(), &school])
            )?,
            Err(e) => {
                let why = write_error(lang, store, data, &e);
                failed.push(trf(lang, Msg::SfFailed, &[&school, &why]));
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(fail(failed.join("\n")))
    }
}

/// Reads filled forms, shows what will change, and writes it once
/// confirmed: by `--yes`, or by an answer typed at a terminal. Without a
/// terminal to ask and without `--yes`, nothing is written.
pub(super) fn import(
    store: &Store,
    files: &[PathBuf],
    yes: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let data = Data::load(store)?;
    let plans = prepare(&data, files, None)
        .map_err(|refused| fail(score_forms::problem_lines(lang, &refused, &data).join("\n")))?;
    for line in score_forms::plan_lines(lang, &plans, &data) {
        writeln!(out, "{line}")?;
    }
    if plans.iter().all(|p| p.changes.is_empty()) {
        writeln!(out, "{}", tr(lang, Msg::SfNothingToWrite))?;
        return Ok(());
    }
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            writeln!(out, "{}", tr(lang, Msg::SfNotWritten))?;
            return Ok(());
        }
        write!(out, "{}", tr(lang, Msg::SfAsk))?;
        out.flush()?;
        let mut answer = String::new();
        stdin.lock().read_line(&mut answer)?;
        if !is_yes(&answer) {
            writeln!(out, "{}", tr(lang, Msg::SfDeclined))?;
            return Ok(());
        }
    }
    write_plans(store, &data, &plans, lang, out)
}
