//! `thidua export sheet --cluster C --year Y --format F --out FILE`.

use super::Failure;
use super::args::ExportWhat;
use super::history::cluster_matches;
use crate::app::data::Data;
use crate::domain::{Cluster, ClusterId};
use crate::export::docx::Document;
use crate::export::{Format, render, write_atomically};
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

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
        [] => Err(Failure::plain(format!(
            "{}: {wanted}",
            tr(lang, Msg::NoCluster)
        ))),
        many => Err(Failure::plain(format!(
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

/// Runs `thidua export …`: a sheet in a format, or one of the documents.
pub(super) fn run(
    store: &Store,
    what: &ExportWhat,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (cluster, year, path, bytes): (&str, u16, &Path, _) = match what {
        ExportWhat::Sheet {
            cluster,
            year,
            format,
            out: path,
        } => (cluster, *year, path, Render::Sheet(*format)),
        ExportWhat::Minutes(a) => (&a.cluster, a.year, &a.out, Render::Doc(Document::Minutes)),
        ExportWhat::Tally(a) => (&a.cluster, a.year, &a.out, Render::Doc(Document::Tally)),
        ExportWhat::Proposal(a) => (&a.cluster, a.year, &a.out, Render::Doc(Document::Proposal)),
        ExportWhat::Ballots(a) => (&a.cluster, a.year, &a.out, Render::Doc(Document::Ballots)),
        ExportWhat::ScoreForms {
            cluster,
            year,
            out: dir,
        } => return super::score_forms::export(store, cluster, *year, dir, lang, out),
    };
    let id = one_cluster(store, cluster, lang)?;
    let data = Data::load(store)?;
    let bytes = match bytes {
        Render::Sheet(format) => render(&data, id, year, format.into(), lang),
        Render::Doc(doc) => crate::export::docx::render(&data, id, year, doc, lang),
    }
    .map_err(|e| Failure::plain(crate::explain::failures::export(lang, &e)))?;
    if super::is_std(path) {
        out.write_all(&bytes)?;
        return Ok(());
    }
    write_atomically(path, &bytes)?;
    writeln!(out, "{} {}", tr(lang, Msg::Written), path.display())?;
    Ok(())
}

/// What is rendered: a sheet in a format, or a document.
enum Render {
    Sheet(FormatArg),
    Doc(Document),
}
