//! `thidua export sheet --cluster C --year Y --format F --out FILE`.

use super::Failure;
use super::history::cluster_matches;
use crate::app::data::Data;
use crate::domain::{Cluster, ClusterId};
use crate::export::{Format, build, csv, markdown, xlsx};
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

fn fail(message: String) -> Failure {
    Failure { message, code: 1 }
}

/// The one cluster a `--cluster` argument names; several matches is an error
/// that lists them, so an export never goes to the wrong cluster.
pub fn one_cluster(store: &Store, wanted: &str, lang: Lang) -> Result<ClusterId, Failure> {
    let matches: Vec<(ClusterId, Cluster)> = store
        .all::<Cluster>()?
        .into_iter()
        .filter(|(_, c)| cluster_matches(c, wanted))
        .collect();
    match matches.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(fail(format!("{}: {wanted}", tr(lang, Msg::NoCluster)))),
        many => Err(fail(format!(
            "`{wanted}`: {}",
            many.iter()
                .map(|(_, c)| c.label())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Writes bytes to a file through a temporary file and a rename, so a
/// failed export never leaves half a file where a good one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The bytes of an export.
pub fn render(
    data: &Data,
    cluster: ClusterId,
    year: u16,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, Failure> {
    let report = build(data, cluster, year, lang).map_err(|e| fail(e.to_string()))?;
    Ok(match format {
        Format::Csv => csv::write(&report, lang)?,
        Format::Xlsx => xlsx::write(&report, lang).map_err(|e| fail(e.to_string()))?,
        Format::Md => markdown::sheet(&report, lang).into_bytes(),
        Format::Minutes => markdown::minutes(&report, lang).into_bytes(),
    })
}

pub(super) fn run(
    store: &Store,
    cluster: &str,
    year: u16,
    format: Format,
    out_path: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let id = one_cluster(store, cluster, lang)?;
    let data = Data::load(store)?;
    let bytes = render(&data, id, year, format, lang)?;
    write_atomically(out_path, &bytes)?;
    writeln!(out, "{} {}", tr(lang, Msg::Written), out_path.display())?;
    Ok(())
}
