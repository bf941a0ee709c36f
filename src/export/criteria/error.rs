//! What can be wrong with a criteria file, with its line, in a language.

use super::{Encoding, HEADER, MAX_FILE_BYTES};
use crate::domain::criteria_rules::TableProblem;
use crate::i18n::{Lang, Msg, tr, trf};

/// What is wrong with a criteria file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// The file is larger than [`MAX_FILE_BYTES`]; its size in bytes.
    FileTooLarge(u64),
    /// NUL bytes without a byte-order mark.
    Utf16WithoutBom,
    /// Bytes invalid in the encoding the byte-order mark names.
    BadBytes(Encoding),
    /// The CSV reader's own complaint.
    Malformed(String),
    /// The header row is not the expected one.
    Header,
    /// More columns than the header's.
    TooManyColumns(usize),
    /// A value that is not a number.
    NotNumber {
        /// The column.
        column: &'static str,
        /// The value (cleaned).
        value: String,
    },
    /// A number with more than two decimals.
    Precision {
        /// The column.
        column: &'static str,
        /// The value (cleaned).
        value: String,
    },
    /// An item without a code.
    CodeRequired,
    /// A criterion without a group code.
    GroupRequired,
    /// An unknown tie-break (shown with escapes made visible).
    UnknownTieBreak(String),
    /// An unknown vote base.
    UnknownVoteBase(String),
    /// Neither `more_than` nor `at_least`.
    UnknownStrictness(String),
    /// `max` of `vote_rule` is not a share.
    BadShare,
    /// `step` of `vote_rule` is not a quorum.
    BadQuorum,
    /// A quota without its award.
    QuotaNeedsAward,
    /// A quota that is not a whole number.
    QuotaWhole,
    /// An unknown section.
    UnknownSection(String),
    /// A value longer than its limit.
    TooLong {
        /// The column.
        column: &'static str,
        /// Its length in characters, once cleaned.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// The table read breaks a rule of [`criteria_rules`](crate::domain::criteria_rules).
    Table(TableProblem),
}

/// A problem with the line it is on (1-based, header = 1), when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The line.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: CsvProblem,
}

impl CsvError {
    /// One line in a language: `line 7: …`.
    pub fn message(&self, lang: Lang) -> String {
        let what = self.problem.message(lang);
        match self.line {
            Some(line) => trf(lang, Msg::CsvLine, &[&line, &what]),
            None => what,
        }
    }
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CsvError {}

impl CsvProblem {
    /// The problem in a language, without its line.
    pub fn message(&self, lang: Lang) -> String {
        use CsvProblem as P;
        match self {
            P::FileTooLarge(size) => trf(
                lang,
                Msg::CsvFileTooLarge,
                &[&megabytes(lang, *size), &megabytes(lang, MAX_FILE_BYTES)],
            ),
            P::Utf16WithoutBom => tr(lang, Msg::CsvUtf16NoBom).to_string(),
            P::BadBytes(enc) => trf(lang, Msg::CsvBadEncoding, &[&enc.name()]),
            P::Malformed(why) => trf(lang, Msg::CsvMalformed, &[why]),
            P::Header => trf(lang, Msg::CsvHeader, &[&HEADER.join(",")]),
            P::TooManyColumns(n) => trf(lang, Msg::CsvTooManyColumns, &[n, &HEADER.len()]),
            P::NotNumber { column, value } => trf(lang, Msg::CsvNotNumber, &[value, column]),
            P::Precision { column, value } => trf(lang, Msg::CsvPrecision, &[value, column]),
            P::CodeRequired => tr(lang, Msg::CsvCodeRequired).to_string(),
            P::GroupRequired => tr(lang, Msg::CsvGroupRequired).to_string(),
            P::UnknownTieBreak(v) => trf(lang, Msg::CsvUnknownTieBreak, &[v]),
            P::UnknownVoteBase(v) => trf(lang, Msg::CsvUnknownVoteBase, &[v]),
            P::UnknownStrictness(v) => trf(lang, Msg::CsvUnknownStrictness, &[v]),
            P::BadShare => tr(lang, Msg::CsvBadShare).to_string(),
            P::BadQuorum => tr(lang, Msg::CsvBadQuorum).to_string(),
            P::QuotaNeedsAward => tr(lang, Msg::CsvQuotaNeedsAward).to_string(),
            P::QuotaWhole => tr(lang, Msg::CsvQuotaWhole).to_string(),
            P::UnknownSection(v) => trf(lang, Msg::CsvUnknownSection, &[v]),
            P::TooLong {
                column,
                chars,
                limit,
            } => trf(lang, Msg::CsvTooLong, &[column, chars, limit]),
            P::Table(p) => crate::i18n::criteria::table_problem(lang, p),
        }
    }
}

/// A size in megabytes with one decimal, the decimal sign the language's.
fn megabytes(lang: Lang, bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let sign = if lang == Lang::Vi { ',' } else { '.' };
    format!("{whole}{sign}{tenth} MB")
}
