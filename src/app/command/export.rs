//! Exporting the current sheet's cluster-year to a file: the sheet (the
//! extension picks CSV, XLSX or Markdown) or one of the conference's Word
//! documents (chosen in the question).

use crate::app::App;
use crate::export::Format;
use crate::export::docx::Document;
use crate::i18n::{Lang, Msg, tr};
use std::path::{Path, PathBuf};

/// What `x` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The sheet, its ballots and outcomes in a format.
    Sheet(Format),
    /// A conference document.
    Doc(Document),
}

/// Every export `x` offers, in the order ↑/↓ go through them.
pub const EXPORTS: [ExportKind; 8] = [
    ExportKind::Sheet(Format::Xlsx),
    ExportKind::Sheet(Format::Csv),
    ExportKind::Sheet(Format::Md),
    ExportKind::Sheet(Format::Minutes),
    ExportKind::Doc(Document::Minutes),
    ExportKind::Doc(Document::Tally),
    ExportKind::Doc(Document::Proposal),
    ExportKind::Doc(Document::Ballots),
];

impl ExportKind {
    /// Its name in a language, as the question lists it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ExportKind::Sheet(f) => tr(
                lang,
                match f {
                    Format::Xlsx => Msg::ExpXlsx,
                    Format::Csv => Msg::ExpCsv,
                    Format::Md => Msg::ExpMd,
                    Format::Minutes => Msg::ExpMinutesMd,
                },
            ),
            ExportKind::Doc(d) => d.name(lang),
        }
    }

    /// The file name suggested for a cluster-year (`cum-4-2024-bien-ban.docx`).
    pub fn suggested(self, stem: &str) -> String {
        match self {
            ExportKind::Sheet(Format::Xlsx) => format!("{stem}.xlsx"),
            ExportKind::Sheet(Format::Csv) => format!("{stem}.csv"),
            ExportKind::Sheet(Format::Md) => format!("{stem}.md"),
            ExportKind::Sheet(Format::Minutes) => format!("{stem}-bien-ban.md"),
            ExportKind::Doc(d) => format!("{stem}-{}.docx", d.file_stem()),
        }
    }
}

/// The file an answer names, made absolute against the working folder, so
/// the message says exactly where it went.
pub fn full_path(file: &str) -> PathBuf {
    std::path::absolute(Path::new(file)).unwrap_or_else(|_| PathBuf::from(file))
}

impl App {
    /// What an answer writes: a `.docx` is the document chosen (`choice`
    /// into [`EXPORTS`]); other files go by their extension, as before.
    pub(crate) fn export_kind(&self, file: &str, choice: usize) -> Result<ExportKind, String> {
        let lower = file.to_lowercase();
        let chosen = EXPORTS.get(choice).copied();
        if lower.ends_with(".docx") {
            return match chosen {
                Some(k @ ExportKind::Doc(_)) => Ok(k),
                _ => Err(self.t(Msg::ExpChooseDocument).to_string()),
            };
        }
        let format = if lower.ends_with(".csv") {
            Format::Csv
        } else if lower.ends_with(".xlsx") {
            Format::Xlsx
        } else if lower.ends_with(".md") {
            match chosen {
                Some(ExportKind::Sheet(Format::Md)) => Format::Md,
                _ => Format::Minutes,
            }
        } else {
            return Err(self.t(Msg::UnknownFormat).to_string());
        };
        Ok(ExportKind::Sheet(format))
    }

    /// Writes the export (atomically) and says where, by its full path; or why not.
    pub(super) fn export_to(&self, file: &str, choice: usize) -> Result<String, String> {
        let Some((_, sheet, _)) = self.current_sheet() else {
            return Err(self.t(Msg::NoSheetSelected).to_string());
        };
        let kind = self.export_kind(file, choice)?;
        let lang = self.settings.lang;
        let bytes = match kind {
            ExportKind::Sheet(format) => {
                crate::export::render(&self.data, sheet.cluster, sheet.year, format, lang)
            }
            ExportKind::Doc(doc) => {
                crate::export::docx::render(&self.data, sheet.cluster, sheet.year, doc, lang)
            }
        }
        .map_err(|e| crate::explain::failures::export(lang, &e))?;
        let path = full_path(file);
        crate::export::write_atomically(&path, &bytes)
            .map_err(|e| crate::i18n::errors::io_at(lang, &path, &e))?;
        Ok(format!("{} {}", self.t(Msg::Written), path.display()))
    }
}
