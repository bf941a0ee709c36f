//! `thidua criteria import|export`: the year's criteria table as CSV.

use super::Failure;
use super::export::{one_cluster, write_atomically};
use crate::domain::{CriteriaTable, ScoreSheet};
use crate::export::criteria;
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use std::io::Write;
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
    let text =
        std::fs::read_to_string(file).map_err(|e| fail(format!("{}: {e}", file.display())))?;
    let mut table = criteria::parse(&text, year, cluster)
        .map_err(|e| fail(format!("{}: {e}", file.display())))?;
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
    writeln!(out, "{} {}", tr(lang, Msg::Imported), file.display())?;
    Ok(())
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
