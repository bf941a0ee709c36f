//! Criteria tables as CSV, both ways, so a secretary can export last year's
//! table, edit it in a spreadsheet and import it for the new year.
//!
//! Columns (a header row first): `section,group_code,group_name,code,name,max,step`.
//!
//! | section | what the row gives |
//! |---|---|
//! | `title` | `name`: the table's title |
//! | `criterion` | a criterion: its group (`group_code`, `group_name`), `code`, `name`, `max`, `step` |
//! | `bonus` | a bonus item: `code`, `name`, `max`, `step` |
//! | `bonus_cap` | `max`: the most bonus that counts |
//! | `penalty` | a penalty item: `code`, `name`, `max` (largest deduction), `step` |
//! | `tie_break` | `code`: `group:I`, `criterion:1.2`, `more_bonus`, `fewer_penalties` or `self_total`, in order |
//! | `vote_rule` | `code`: base `valid`, `present` or `all`; `name`: `more_than` or `at_least`; `max`: share `1/2`; `step`: quorum `2/3` |
//! | `quota` | `code`: `flag`, `certificate`, `excellent` or another award's name; `max`: how many |
//! | `legal_basis` | `name`: the legal basis printed on documents |
//!
//! Numbers take a decimal comma or point (`0,5`, `0.5`). The file may be
//! UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
//! or Windows-1258 / Windows-1252 ([`decode`]). Reading is linear in the
//! size of the file, which may be at most [`MAX_FILE_BYTES`]; a table read
//! is checked with [`crate::domain::criteria_rules::validate`] and every
//! problem is reported with its line.

mod encoding;
mod error;
mod read;
mod write;

pub use encoding::{Encoding, decode};
pub use error::{CsvError, CsvProblem};
pub use read::parse;
pub use write::write;

use crate::domain::{ClusterId, CriteriaTable};

/// The most a criteria CSV file may weigh. A real table is a few kilobytes;
/// the limit keeps the table (at most three bytes stored per byte read)
/// well inside what the store accepts for one record.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most characters in a code, a name or the title.
pub const MAX_LINE_CHARS: usize = crate::text::LINE_LIMIT;
/// The most characters in the legal basis.
pub const MAX_BLOCK_CHARS: usize = crate::text::BLOCK_LIMIT;

/// Refuses a file larger than [`MAX_FILE_BYTES`] before it is read.
///
/// # Errors
/// [`CsvProblem::FileTooLarge`].
pub fn check_size(bytes: u64) -> Result<(), CsvError> {
    if bytes > MAX_FILE_BYTES {
        return Err(CsvError {
            line: None,
            problem: CsvProblem::FileTooLarge(bytes),
        });
    }
    Ok(())
}

/// A table read from a file, and how its bytes were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The table, checked.
    pub table: CriteriaTable,
    /// The encoding the file was read in.
    pub encoding: Encoding,
}

/// Why a file could not be imported: every problem found, and the encoding
/// the file was read in when it could be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The encoding, once decoded.
    pub encoding: Option<Encoding>,
    /// The problems, in file order (at least one).
    pub problems: Vec<CsvError>,
}

/// Reads a criteria table for `year` (and `cluster`) from a file's bytes:
/// checks the size, decodes ([`decode`]), parses and validates ([`parse`]).
///
/// # Errors
/// Every problem found, with the encoding when the bytes could be read.
pub fn import(
    bytes: &[u8],
    year: u16,
    cluster: Option<ClusterId>,
) -> Result<Imported, ImportError> {
    let fail = |encoding, problems| ImportError { encoding, problems };
    check_size(bytes.len() as u64).map_err(|e| fail(None, vec![e]))?;
    let (text, encoding) = decode(bytes).map_err(|e| fail(None, vec![e]))?;
    let table = parse(&text, year, cluster).map_err(|p| fail(Some(encoding), p))?;
    Ok(Imported { table, encoding })
}

/// The header row, and the columns of every row, in order.
const HEADER: [&str; 7] = [
    "section",
    "group_code",
    "group_name",
    "code",
    "name",
    "max",
    "step",
];
