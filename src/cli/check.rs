//! `thidua check` and `thidua audit verify`.

use super::Failure;
use crate::i18n::{Lang, Msg, tr};
use crate::store::{Store, StoreError};
use std::io::Write;

pub(super) fn audit_verify(store: &Store, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let problems = store.verify_audit()?;
    if problems.is_empty() {
        let n = store.audit_entries()?.len();
        writeln!(
            out,
            "{} ({n} {})",
            tr(lang, Msg::AuditOk),
            tr(lang, Msg::Entries)
        )?;
        return Ok(());
    }
    for p in &problems {
        writeln!(out, "#{}: {}", p.seq, p.what)?;
    }
    Err(Failure {
        message: format!(
            "{} ({} problems)",
            tr(lang, Msg::AuditBroken),
            problems.len()
        ),
        code: 1,
    })
}

pub(super) fn run(store: &Store, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let mut problems = store.corrupt_records()?;
    // Index checking decodes every record, so it only makes sense once they all read.
    if problems.is_empty() {
        problems.extend(store.check_indexes()?);
        problems.extend(store.check_references()?);
    }
    match store.verify_audit() {
        Ok(p) => problems.extend(
            p.into_iter()
                .map(|p| format!("audit #{}: {}", p.seq, p.what)),
        ),
        Err(e) => problems.push(e.to_string()),
    }
    if problems.is_empty() {
        writeln!(out, "{}", tr(lang, Msg::CheckOk))?;
        return Ok(());
    }
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    Err(Failure::from(StoreError::Invalid(format!(
        "{}: {}",
        tr(lang, Msg::CheckProblems),
        problems.len()
    ))))
}
