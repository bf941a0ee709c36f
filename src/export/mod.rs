//! Exports of a cluster's year: the score sheet with its ballots and
//! outcomes as CSV, XLSX or Markdown, and the conference minutes. Every
//! format is written from the same [`report::SheetReport`].

pub mod criteria;
pub mod csv;
pub mod docx;
mod file;
pub mod markdown;
pub mod report;
pub mod score_forms;
pub mod xlsx;

pub use file::write_atomically;
pub use report::{SheetReport, build};

use crate::app::data::Data;
use crate::domain::ClusterId;
use crate::i18n::Lang;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values (UTF-8 with BOM, so spreadsheets read the diacritics).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// Markdown: the sheet, ballots and outcomes.
    Md,
    /// Markdown: the minutes (biên bản) of the conference.
    Minutes,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Nothing to export (no sheet, no table).
    #[error("{0}")]
    Report(#[from] report::ReportError),
    /// The workbook could not be written.
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing the bytes failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The bytes of a cluster's year in a format, from the snapshot on screen.
pub fn render(
    data: &Data,
    cluster: ClusterId,
    year: u16,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let report = build(data, cluster, year, lang)?;
    Ok(match format {
        Format::Csv => csv::write(&report, lang)?,
        Format::Xlsx => xlsx::write(&report, lang)?,
        Format::Md => markdown::sheet(&report, lang).into_bytes(),
        Format::Minutes => markdown::minutes(&report, lang).into_bytes(),
    })
}
