//! `thidua bundle export` and `thidua bundle import`: a cluster's year as
//! one file for the Academy, and reading it back in (docs/bundle.md).

use super::export::one_cluster;
use super::{Caller, Failure, is_std};
use crate::bundle::plan::{Plan, Status, plan};
use crate::bundle::{BundleError, MAX_FILE, export::bundle_bytes, read::prove};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::store::{Author, Store};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;

fn failed(lang: Lang, store: &Store, e: BundleError) -> Failure {
    match e {
        BundleError::Store(e) => Failure::store(lang, store.path(), e),
        e => Failure::plain(e.line(lang)),
    }
}

/// `thidua bundle export --cluster C --year Y --out FILE|-`.
pub(super) fn export(
    store: &Store,
    cluster: &str,
    year: u16,
    path: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let id = one_cluster(store, cluster, lang)?;
    let (bytes, records) = bundle_bytes(store, id, year).map_err(|e| failed(lang, store, e))?;
    let db = store.path().to_path_buf();
    let wrote = super::backup::deliver(lang, &db, path, &bytes, out)?;
    if wrote {
        writeln!(
            out,
            "{}",
            trf(lang, Msg::BundleExported, &[&records, &path.display()])
        )?;
    }
    Ok(())
}

/// The file's bytes (`-`: standard input's), read no further than a
/// bundle may be long.
fn read_limited(file: &Path, stdin: &mut dyn Read, lang: Lang) -> Result<Vec<u8>, Failure> {
    let name = file.display().to_string();
    let io = |e: std::io::Error| Failure::plain(trf(lang, Msg::BackupIo, &[&name, &e]));
    let mut opened;
    let source: &mut dyn Read = if is_std(file) {
        stdin
    } else {
        opened = std::fs::File::open(file).map_err(io)?;
        &mut opened
    };
    let mut bytes = Vec::new();
    source
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// The plan in words: schools matched by name, the records new, the same
/// and conflicting, the audit entries to attach.
fn show(plan: &Plan, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for f in plan.found.iter().filter(|f| f.by_name) {
        let kind = crate::i18n::names::kind(lang, f.anchor.kind);
        let theirs = f.anchor.names.first().cloned().unwrap_or_default();
        writeln!(
            out,
            "{}",
            trf(lang, Msg::BundleNameMatch, &[&kind, &theirs, &f.here])
        )?;
    }
    for (status, msg, mark) in [
        (Status::New, Msg::BundleNew, "+"),
        (Status::Conflict, Msg::BundleConflict, "!"),
        (Status::Same, Msg::BundleSame, "="),
    ] {
        let rows: Vec<_> = plan.rows.iter().filter(|r| r.status == status).collect();
        writeln!(out, "{}", trf(lang, msg, &[&rows.len()]))?;
        if status != Status::Same {
            for r in rows {
                writeln!(out, "  {mark} {}", r.label)?;
            }
        }
    }
    if plan.attach > 0 {
        writeln!(out, "{}", trf(lang, Msg::BundleAttach, &[&plan.attach]))?;
    }
    if let Some(reason) = &plan.amendment {
        writeln!(out, "{}", trf(lang, Msg::BundleAmends, &[reason]))?;
    }
    Ok(())
}

/// Asks at a terminal whether to write; `false` without one.
fn confirmed(lang: Lang, caller: &mut Caller<'_>, out: &mut dyn Write) -> Result<bool, Failure> {
    if !std::io::stdin().is_terminal() {
        writeln!(out, "{}", tr(lang, Msg::BundleNotWritten))?;
        return Ok(false);
    }
    write!(out, "{}", tr(lang, Msg::BundleAsk))?;
    out.flush()?;
    let mut answer = String::new();
    std::io::BufReader::new(&mut *caller.stdin).read_line(&mut answer)?;
    if super::score_forms::is_yes(&answer) {
        return Ok(true);
    }
    writeln!(out, "{}", tr(lang, Msg::BundleDeclined))?;
    Ok(false)
}

/// `thidua bundle import FILE|- [--yes]`: proves the file, shows what it
/// would change, and writes it in one transaction once confirmed.
pub(super) fn import(
    store: &Store,
    file: &Path,
    yes: bool,
    lang: Lang,
    caller: &mut Caller<'_>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let bytes = read_limited(file, caller.stdin, lang)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let proved = prove(&name, &bytes).map_err(|e| failed(lang, store, e))?;
    let plan = plan(store, &proved, lang).map_err(|e| failed(lang, store, e))?;
    if !plan.missing.is_empty() {
        let lines: Vec<String> = plan
            .missing
            .iter()
            .map(|a| {
                let kind = crate::i18n::names::kind(lang, a.kind);
                trf(lang, Msg::BundleMissing, &[&kind, &a.names.join(" / ")])
            })
            .collect();
        return Err(Failure::plain(format!(
            "{}\n{}",
            tr(lang, Msg::BundleMissingHead),
            lines.join("\n")
        )));
    }
    show(&plan, lang, out)?;
    if let Some((cluster, year)) = &plan.locked {
        return Err(Failure::plain(trf(
            lang,
            Msg::BundleLocked,
            &[cluster, year],
        )));
    }
    if plan.is_noop() {
        writeln!(out, "{}", tr(lang, Msg::BundleNothing))?;
        return Ok(());
    }
    if !yes && !confirmed(lang, caller, out)? {
        return Ok(());
    }
    let reason = plan
        .amendment
        .clone()
        .unwrap_or_else(|| trf(lang, Msg::BundleAuditReason, &[&name]));
    let by = Author {
        actor: caller.actor,
        reason: &reason,
        role: caller.role,
    };
    let done = store.write_batch(by, &plan.batch)?;
    writeln!(
        out,
        "{}",
        trf(lang, Msg::BundleWritten, &[&done.written, &done.attached])
    )?;
    Ok(())
}
