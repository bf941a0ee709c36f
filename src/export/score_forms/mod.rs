//! Score forms (phiếu tự chấm): one workbook per member school of a sheet,
//! for the school to fill in its self-scores and send back, read in again
//! by `crate::import::score_forms`. The layout is in [`layout`], the
//! identity that ties a form to its sheet in [`identity`]. Described for
//! users in docs/score-forms.md.

pub mod identity;
pub mod layout;
mod workbook;

pub use identity::Identity;
pub use workbook::{FormContent, write};

use super::write_atomically;
use crate::app::data::Data;
use crate::domain::score_form::table_fingerprint;
use crate::domain::scoring::Which;
use crate::domain::{ClusterId, SheetId};
use crate::i18n::Lang;
use std::path::{Path, PathBuf};

/// Why the forms could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    /// No such score sheet.
    #[error("no such score sheet")]
    NoSheet,
    /// The sheet's criteria table is missing.
    #[error("no criteria table for {year}")]
    NoTable {
        /// The sheet's year.
        year: u16,
    },
    /// The sheet is locked: a filled form could not be read into it.
    #[error("the score sheet is locked")]
    Locked {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// A workbook could not be made.
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// A file could not be written.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// Text folded to lowercase ASCII letters and digits joined by `-`, for
/// file names that survive any disk, mail server and zip tool.
fn ascii_slug(text: &str, limit: usize) -> String {
    let folded = crate::text::fold(text);
    let mut out = String::new();
    for word in folded.split(' ') {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() || out.len() + word.len() + 1 > limit {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// A form's file name: the school's name folded to ASCII, and the year
/// (`truong-chinh-tri-tinh-ninh-binh-2024.xlsx`).
pub fn file_name(school_name: &str, year: u16) -> String {
    let slug = ascii_slug(school_name, 80);
    let slug = if slug.is_empty() {
        "truong".into()
    } else {
        slug
    };
    format!("{slug}-{year}.xlsx")
}

/// The folder suggested for a sheet's forms (`phieu-tu-cham-cum-4-2024`).
pub fn default_folder(cluster_label: &str, year: u16) -> String {
    format!("phieu-tu-cham-{}-{year}", ascii_slug(cluster_label, 60))
}

/// Every member school's form of a sheet: (file name, bytes), in the
/// sheet's column order. Two schools whose names fold alike get `-2`, `-3`.
pub fn build(
    data: &Data,
    sheet_id: SheetId,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, FormsError> {
    let sheet = data.sheets.get(&sheet_id).ok_or(FormsError::NoSheet)?;
    if sheet.lock.is_some() {
        return Err(FormsError::Locked {
            cluster: sheet.cluster,
            year: sheet.year,
        });
    }
    let table = data
        .tables
        .get(&sheet.table)
        .ok_or(FormsError::NoTable { year: sheet.year })?;
    let fingerprint = table_fingerprint(table);
    let cluster_label = data.cluster_label(sheet.cluster);
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for school in &sheet.schools {
        let school_name = data.school_name(*school);
        let identity = Identity {
            cluster: sheet.cluster,
            cluster_name: cluster_label.clone(),
            year: sheet.year,
            sheet: sheet_id,
            school: *school,
            school_name: school_name.clone(),
            table: sheet.table,
            fingerprint: fingerprint.clone(),
        };
        let scores = table
            .items()
            .map(|(_, item)| sheet.score(*school, &item.code, Which::SelfScore))
            .collect();
        let content = FormContent {
            identity,
            cluster_label: cluster_label.clone(),
            table,
            scores,
            illustrative: sheet.illustrative || table.illustrative,
        };
        let bytes = write(&content, lang)?;
        let mut name = file_name(&school_name, sheet.year);
        let mut n = 2;
        while out.iter().any(|(taken, _)| *taken == name) {
            name = file_name(&format!("{school_name} {n}"), sheet.year);
            n += 1;
        }
        out.push((name, bytes));
    }
    Ok(out)
}

/// Writes every member school's form into a folder (made if missing),
/// each file whole or not at all; returns the files written.
pub fn write_all(
    data: &Data,
    sheet: SheetId,
    dir: &Path,
    lang: Lang,
) -> Result<Vec<PathBuf>, FormsError> {
    let forms = build(data, sheet, lang)?;
    std::fs::create_dir_all(dir).map_err(|error| FormsError::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    let mut written = Vec::new();
    for (name, bytes) in forms {
        let path = dir.join(name);
        write_atomically(&path, &bytes).map_err(|error| FormsError::Io {
            path: path.clone(),
            error,
        })?;
        written.push(path);
    }
    Ok(written)
}
