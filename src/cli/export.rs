//! `thidua export sheet --cluster C --year Y --format F --out FILE`.

use super::Failure;
use super::history::cluster_matches;
use crate::app::data::Data;
use crate::domain::{Cluster, ClusterId};
use crate::export::{Format, render, write_atomically};
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

fn fail(message: String) -> Failure {
    Failure {
        message,
        code: 1,
        cause: None,
    }
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

/// The export formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values (UTF-8 with BOM, so spreadsheets read the diacritics).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// Markdown: the sheet, ballots and outcomes.
    Md,
    /// Markdown: the minutes (biên bản) of the conference.
    Minutes,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Md => Format::Md,
            FormatArg::Minutes => Format::Minutes,
        }
    }
}

pub(super) fn run(
    store: &Store,
    cluster: &str,
    year: u16,
    format: FormatArg,
    out_path: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let id = one_cluster(store, cluster, lang)?;
    let data = Data::load(store)?;
    let bytes = render(&data, id, year, format.into(), lang).map_err(|e| fail(e.to_string()))?;
    if super::is_std(out_path) {
        out.write_all(&bytes)?;
        return Ok(());
    }
    write_atomically(out_path, &bytes)?;
    writeln!(out, "{} {}", tr(lang, Msg::Written), out_path.display())?;
    Ok(())
}
