//! Exports of a cluster's year: the score sheet with its ballots and
//! outcomes as CSV, XLSX or Markdown, and the conference minutes. Every
//! format is written from the same [`report::SheetReport`].

pub mod criteria;
pub mod csv;
pub mod markdown;
pub mod report;
pub mod xlsx;

pub use report::{SheetReport, build};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
