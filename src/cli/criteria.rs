//! `thidua criteria import|export`: the year's criteria table as CSV.

use super::Failure;
use super::export::one_cluster;
use crate::domain::{CriteriaTable, ScoreSheet};
use crate::export::criteria;
use crate::export::write_atomically;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::store::Store;
use std::io::{Read, Write};
use std::path::Path;

fn fail(message: String) -> Failure {
    Failure { message, code: 1 }
}

/// Imports a table; an existing table for the year is replaced only when
/// asked, and never when a locked sheet uses it.
pub(super) fn import(
    store: &Store,
    cluster: Option<&str>,
    year: u16,
    file: &Path,
    replace: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let cluster = cluster.map(|c| one_cluster(store, c, lang)).transpose()?;
    let bytes = read_limited(file, lang)?;
    let criteria::Imported {
        mut table,
        encoding,
    } = criteria::import(&bytes, year, cluster)
        .map_err(|e| fail(import_message(file, &e, lang)))?;
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
            store.update::<CriteriaTable>(&crate::term::os_user(), id, table)?;
        }
        Some(_) => return Err(fail(tr(lang, Msg::TableExists).to_string())),
        None => {
            store.insert(&crate::term::os_user(), table)?;
        }
    }
    writeln!(
        out,
        "{} {} ({})",
        tr(lang, Msg::Imported),
        file.display(),
        trf(lang, Msg::CsvReadAs, &[&encoding.name()])
    )?;
    Ok(())
}

/// The file's bytes, refused before reading when larger than a criteria
/// table file may be (and read no further than that if it grows meanwhile).
fn read_limited(file: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    let io = |e: std::io::Error| fail(format!("{}: {e}", file.display()));
    let too_large =
        |e: criteria::CsvError| fail(format!("{}: {}", file.display(), e.message(lang)));
    let f = std::fs::File::open(file).map_err(io)?;
    criteria::check_size(f.metadata().map_err(io)?.len()).map_err(too_large)?;
    let mut bytes = Vec::new();
    f.take(criteria::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    criteria::check_size(bytes.len() as u64).map_err(too_large)?;
    Ok(bytes)
}

/// Every problem on its own line, each naming the file and, once the file
/// could be read, the encoding it was read in.
fn import_message(file: &Path, e: &criteria::ImportError, lang: Lang) -> String {
    let head = match e.encoding {
        Some(enc) => format!(
            "{} ({})",
            file.display(),
            trf(lang, Msg::CsvReadAs, &[&enc.name()])
        ),
        None => file.display().to_string(),
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
    write_atomically(file, &criteria::write(&table)?)?;
    writeln!(out, "{} {}", tr(lang, Msg::Written), file.display())?;
    Ok(())
}
