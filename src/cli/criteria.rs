//! `thidua criteria import|export`: the year's criteria table as CSV.

use super::export::one_cluster;
use super::{Caller, Failure, is_std};
use crate::domain::{CriteriaTable, ScoreSheet};
use crate::export::criteria;
use crate::export::write_atomically;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::store::Store;
use std::io::{Read, Write};
use std::path::Path;

fn fail(message: String) -> Failure {
    Failure {
        message,
        code: 1,
        cause: None,
    }
}

/// The name of a file in messages: `-` is standard input.
fn shown(file: &Path, lang: Lang) -> String {
    if is_std(file) {
        tr(lang, Msg::StdinName).to_string()
    } else {
        file.display().to_string()
    }
}

/// Imports a table (`-`: from standard input) as `caller`, whose role the
/// store checks inside the write; an existing table for the year is
/// replaced only when asked, and never when a locked sheet uses it.
#[allow(clippy::too_many_arguments)]
pub(super) fn import(
    store: &Store,
    cluster: Option<&str>,
    year: u16,
    file: &Path,
    replace: bool,
    lang: Lang,
    caller: &mut Caller<'_>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let cluster = cluster.map(|c| one_cluster(store, c, lang)).transpose()?;
    let bytes = read_limited(file, caller.stdin, lang)?;
    let written = |e| Failure::store(lang, store.path(), e);
    let by = crate::store::Author {
        actor: caller.actor,
        reason: "",
        role: caller.role,
    };
    let criteria::Imported {
        mut table,
        encoding,
    } = criteria::import(&bytes, year, cluster)
        .map_err(|e| fail(import_message(&shown(file, lang), &e, lang)))?;
    // A practice cluster's tables are practice data too.
    table.illustrative = match cluster {
        Some(c) => store
            .get::<crate::domain::Cluster>(c)?
            .is_some_and(|c| c.illustrative),
        None => false,
    };
    let own = store
        .table_for(cluster, year)?
        .filter(|(_, t)| t.cluster == cluster);
    match own {
        Some((id, _)) if replace => {
            let locked = store
                .all::<ScoreSheet>()?
                .into_iter()
                .any(|(_, s)| s.table == id && s.lock.is_some());
            if locked {
                return Err(fail(tr(lang, Msg::TableInLockedSheet).to_string()));
            }
            store
                .update::<CriteriaTable>(by, id, table)
                .map_err(written)?;
        }
        Some(_) => return Err(fail(tr(lang, Msg::TableExists).to_string())),
        None => {
            store.insert(by, table).map_err(written)?;
        }
    }
    writeln!(
        out,
        "{} {} ({})",
        tr(lang, Msg::Imported),
        shown(file, lang),
        trf(lang, Msg::CsvReadAs, &[&encoding.name()])
    )?;
    Ok(())
}

/// The file's bytes (`-`: standard input's), refused before reading when
/// a file is larger than a criteria table file may be, and read no further
/// than that in any case (a file may grow meanwhile).
fn read_limited(file: &Path, stdin: &mut dyn Read, lang: Lang) -> Result<Vec<u8>, Failure> {
    let name = shown(file, lang);
    let io = |e: std::io::Error| fail(format!("{name}: {e}"));
    let too_large = |e: criteria::CsvError| fail(format!("{name}: {}", e.message(lang)));
    let mut opened;
    let source: &mut dyn Read = if is_std(file) {
        stdin
    } else {
        opened = std::fs::File::open(file).map_err(io)?;
        criteria::check_size(opened.metadata().map_err(io)?.len()).map_err(too_large)?;
        &mut opened
    };
    let mut bytes = Vec::new();
    source
        .take(criteria::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    criteria::check_size(bytes.len() as u64).map_err(too_large)?;
    Ok(bytes)
}

/// Every problem on its own line, each naming the file and, once the file
/// could be read, the encoding it was read in.
fn import_message(file: &str, e: &criteria::ImportError, lang: Lang) -> String {
    let head = match e.encoding {
        Some(enc) => format!("{file} ({})", trf(lang, Msg::CsvReadAs, &[&enc.name()])),
        None => file.to_string(),
    };
    e.problems
        .iter()
        .map(|p| format!("{head}: {}", p.message(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Exports the table of a year (the cluster's own, else the Academy-wide one).
pub(super) fn export(
    store: &Store,
    cluster: Option<&str>,
    year: u16,
    file: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let cluster = cluster.map(|c| one_cluster(store, c, lang)).transpose()?;
    let (_, table) = store
        .table_for(cluster, year)?
        .ok_or_else(|| fail(format!("{} {year}", tr(lang, Msg::NoTableForYear))))?;
    let bytes = criteria::write(&table)?;
    if is_std(file) {
        out.write_all(&bytes)?;
        return Ok(());
    }
    write_atomically(file, &bytes)?;
    writeln!(out, "{} {}", tr(lang, Msg::Written), file.display())?;
    Ok(())
}
