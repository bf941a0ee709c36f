//! Reading a form's cells with calamine, streaming, and only the cells a
//! form has: the identity's keys and values, and each item row's code and
//! filled value. Sizes are checked before anything is unpacked, so a file
//! that is not a form (or is built to exhaust memory) is refused cheaply.

use super::problem::{FormProblem, Problem};
use crate::export::score_forms::layout::*;
use calamine::{DataRef, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// The most a form file may weigh: a form of a few hundred items is
/// tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// The most its parts may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most item rows read; rows below are not part of a form.
pub const MAX_ROWS: u32 = 5_000;
/// The most identity rows read.
const MAX_ID_ROWS: u32 = 100;

/// A cell's value as found.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// Nothing typed.
    Empty,
    /// A number.
    Number(f64),
    /// Text (perhaps a number typed as text, `9,5`).
    Text(String),
    /// Anything else (a date, an error, true/false), shown as found.
    Other(String),
}

/// One item row as found.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// The row (0-based).
    pub row: u32,
    /// The code in column A, trimmed.
    pub code: String,
    /// The value in the fill column.
    pub value: RawValue,
}

/// A form as found: identity rows (key, value, row) and item rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawForm {
    /// The identity sheet's (key, value, row).
    pub identity: Vec<(String, String, u32)>,
    /// The item rows with a code or a value.
    pub rows: Vec<RawRow>,
}

fn unreadable(e: impl std::fmt::Display) -> FormProblem {
    FormProblem::file(Problem::Unreadable(e.to_string()))
}

fn too_large(size: u64, limit: u64) -> FormProblem {
    FormProblem::file(Problem::TooLarge { size, limit })
}

/// Reads a form file.
pub fn read_file(path: &Path) -> Result<RawForm, FormProblem> {
    let f = std::fs::File::open(path).map_err(unreadable)?;
    let size = f.metadata().map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size, MAX_FILE_BYTES));
    }
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64, MAX_FILE_BYTES));
    }
    read(&bytes)
}

/// The sum of what a zip's members unpack to, as the zip declares it.
fn unpacked_size(bytes: &[u8]) -> Result<u64, FormProblem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let member = zip.by_index_raw(i).map_err(unreadable)?;
        total = total.saturating_add(member.size());
    }
    Ok(total)
}

/// A value as the form's reader sees it.
fn raw_value(v: &DataRef<'_>) -> RawValue {
    let text = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            RawValue::Empty
        } else {
            RawValue::Text(s.to_string())
        }
    };
    match v {
        DataRef::Empty => RawValue::Empty,
        DataRef::Float(f) => RawValue::Number(*f),
        DataRef::Int(i) => RawValue::Number(*i as f64),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        other => RawValue::Other(shown(other)),
    }
}

/// A code cell as text: a number typed as a code reads as it shows.
fn code_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Empty => String::new(),
        other => crate::text::clean_line(&shown(other)),
    }
}

/// A cell's value as a spreadsheet would show it.
fn shown(v: &DataRef<'_>) -> String {
    calamine::Data::from(v.clone()).to_string()
}

/// Reads a form from its bytes.
pub fn read(bytes: &[u8]) -> Result<RawForm, FormProblem> {
    let unpacked = unpacked_size(bytes)?;
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(too_large(unpacked, MAX_UNPACKED_BYTES));
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = wb.sheet_names();
    if !names.iter().any(|n| n == ID_SHEET) {
        return Err(FormProblem::file(Problem::NotAForm));
    }
    // The form's own sheet, else (renamed) the first other one.
    let form_sheet = names
        .iter()
        .find(|n| *n == FORM_SHEET)
        .or_else(|| names.iter().find(|n| *n != ID_SHEET))
        .cloned()
        .ok_or_else(|| FormProblem::file(Problem::NotAForm))?;

    let mut form = RawForm::default();
    // (row, column) → text: the keys in A, the values in B.
    let mut ids: BTreeMap<(u32, u32), String> = BTreeMap::new();
    {
        let mut cells = wb.worksheet_cells_reader(ID_SHEET).map_err(unreadable)?;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            if row < MAX_ID_ROWS && col <= 1 {
                ids.insert((row, col), code_text(cell.get_value()));
            }
        }
    }
    for ((row, col), key) in &ids {
        if *col == 0 && !key.is_empty() {
            let value = ids.get(&(*row, 1)).cloned().unwrap_or_default();
            form.identity.push((key.clone(), value, *row));
        }
    }

    // Row → (code, value).
    let mut rows: BTreeMap<u32, (String, RawValue)> = BTreeMap::new();
    {
        let mut cells = wb.worksheet_cells_reader(&form_sheet).map_err(unreadable)?;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            if !(FIRST_ROW..FIRST_ROW + MAX_ROWS).contains(&row) {
                continue;
            }
            let entry = rows
                .entry(row)
                .or_insert_with(|| (String::new(), RawValue::Empty));
            if col == u32::from(COL_CODE) {
                entry.0 = code_text(cell.get_value());
            } else if col == u32::from(COL_FILL) {
                entry.1 = raw_value(cell.get_value());
            }
        }
    }
    form.rows = rows
        .into_iter()
        .filter(|(_, (code, value))| !code.is_empty() || *value != RawValue::Empty)
        .map(|(row, (code, value))| RawRow { row, code, value })
        .collect();
    Ok(form)
}
