//! `thidua check`, `thidua audit verify` and `thidua audit head`.

use super::Failure;
use crate::explain::integrity::finding;
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use crate::store::verify::{Finding, Problem, hex};
use std::io::Write;
use std::path::Path;

/// Whether a finding is about the audit log itself, which is all
/// `audit verify` reports.
fn about_the_log(f: &Finding) -> bool {
    matches!(
        f.problem,
        Problem::Chain(_) | Problem::Short(..) | Problem::Replaced | Problem::Before(_)
    ) || f.tree == "audit"
}

/// Verifies the database at `path` (`only_audit`: the audit log alone),
/// one line per problem on stdout, and fails with their count.
pub(super) fn run(
    path: &Path,
    only_audit: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let r = Store::check(path).map_err(|e| Failure::store(lang, path, e))?;
    show(&r.findings, r.entries, &r.head, only_audit, lang, out)
}

/// Verifies the database `store` holds open, as `serve` runs it for an SSH
/// user: every write waits meanwhile, so the records, indexes and log read
/// are of one moment.
pub(super) fn live(
    store: &Store,
    only_audit: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let r = store
        .check_open()
        .map_err(|e| Failure::store(lang, store.path(), e))?;
    show(&r.findings, r.entries, &r.head, only_audit, lang, out)
}

/// The findings, one line each, and a failure with their count; or the
/// line that says all is well, with the log's length and head.
fn show(
    findings: &[Finding],
    entries: u64,
    head: &[u8; 32],
    only_audit: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let problems: Vec<&Finding> = findings
        .iter()
        .filter(|f| !only_audit || about_the_log(f))
        .collect();
    if problems.is_empty() {
        if only_audit {
            writeln!(
                out,
                "{} ({} {})",
                tr(lang, Msg::AuditOk),
                entries,
                tr(lang, Msg::Entries)
            )?;
        } else {
            writeln!(out, "{}", tr(lang, Msg::CheckOk))?;
            writeln!(
                out,
                "{}: {} (#{})",
                tr(lang, Msg::AuditHead),
                hex(head),
                entries
            )?;
        }
        return Ok(());
    }
    for f in &problems {
        if only_audit && f.tree == "audit" {
            let seq = u64::from_str_radix(&f.key, 16).unwrap_or(0);
            let line = finding(lang, f);
            let what = line.split_once(": ").map_or(line.as_str(), |(_, w)| w);
            writeln!(out, "#{seq}: {what}")?;
        } else {
            writeln!(out, "{}", finding(lang, f))?;
        }
    }
    let summary = if only_audit {
        Msg::AuditBroken
    } else {
        Msg::CheckProblems
    };
    Err(Failure {
        message: format!("{}: {}", tr(lang, summary), problems.len()),
        code: 1,
        cause: None,
    })
}

/// The audit chain's head: the hash of its last entry, and its length.
pub(super) fn audit_head(store: &Store, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let (entries, hash) = store.audit_head()?;
    writeln!(out, "{}: {}", tr(lang, Msg::AuditHead), hex(&hash))?;
    writeln!(out, "{}: {entries}", tr(lang, Msg::AuditLength))?;
    Ok(())
}
