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

use std::borrow::Cow;
use std::collections::HashMap;

use crate::domain::criteria_rules::{self, TableProblem};
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr, trf};

/// The most a criteria CSV file may weigh. A real table is a few kilobytes;
/// the limit keeps the table (at most three bytes stored per byte read)
/// well inside what the store accepts for one record.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most characters in a code, a name or the title.
pub const MAX_LINE_CHARS: usize = crate::text::LINE_LIMIT;
/// The most characters in the legal basis.
pub const MAX_BLOCK_CHARS: usize = crate::text::BLOCK_LIMIT;

/// How the file's bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
    /// UTF-16 little-endian, from its byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian, from its byte-order mark.
    Utf16Be,
    /// Windows-1258, the Vietnamese code page of Windows ("ANSI" on a
    /// Vietnamese Windows): chosen when a byte only Vietnamese uses appears.
    Windows1258,
    /// Windows-1252, the Western code page: any other non-UTF-8 file.
    Windows1252,
}

impl Encoding {
    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Bytes that Windows-1258 gives Vietnamese letters or tone marks (Ă ă Đ đ
/// Ơ ơ Ư ư ₫ and the combining grave, acute, tilde, hook and dot below)
/// where Windows-1252 has Western letters.
const VIETNAMESE_1258: &[u8] = &[
    0xC3, 0xCC, 0xD0, 0xD2, 0xD5, 0xDD, 0xDE, 0xE3, 0xEC, 0xF0, 0xF2, 0xF5, 0xFD, 0xFE,
];

/// Reads a file's bytes as text: UTF-8 with or without a byte-order mark,
/// UTF-16 LE or BE with one, else Windows-1258 when a byte only Vietnamese
/// uses there appears, else Windows-1252.
///
/// # Errors
/// A NUL byte without a byte-order mark (UTF-16 saved without one), or bytes
/// invalid in the encoding the byte-order mark names.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    fn unsure(problem: CsvProblem) -> CsvError {
        CsvError {
            line: None,
            problem,
        }
    }
    fn marked<'a>(
        rest: &'a [u8],
        enc: &'static encoding_rs::Encoding,
        ours: Encoding,
    ) -> Result<(Cow<'a, str>, Encoding), CsvError> {
        enc.decode_without_bom_handling_and_without_replacement(rest)
            .map(|text| (text, ours))
            .ok_or_else(|| unsure(CsvProblem::BadBytes(ours)))
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return marked(rest, encoding_rs::UTF_8, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return marked(rest, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return marked(rest, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    // A CSV never holds NUL; UTF-16 text does, for every ASCII letter.
    if bytes.contains(&0) {
        return Err(unsure(CsvProblem::Utf16WithoutBom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), Encoding::Utf8));
    }
    let (enc, ours) = if bytes.iter().any(|b| VIETNAMESE_1258.contains(b)) {
        (encoding_rs::WINDOWS_1258, Encoding::Windows1258)
    } else {
        (encoding_rs::WINDOWS_1252, Encoding::Windows1252)
    };
    // Every byte has a character in both code pages: nothing is replaced.
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text, ours))
}

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
    /// The table read breaks a rule of [`criteria_rules`].
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

const HEADER: [&str; 7] = [
    "section",
    "group_code",
    "group_name",
    "code",
    "name",
    "max",
    "step",
];

fn share(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.trim().split_once('/')?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (b > 0).then_some((a, b))
}

/// A keyword as written, for exact matching: a keyword with an escape
/// sequence or an invisible character in it is not that keyword, and is
/// shown with those made visible.
fn keyword(raw: &str) -> Cow<'_, str> {
    let raw = raw.trim();
    if crate::text::clean_line(raw) == raw {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.escape_debug().to_string())
    }
}

/// The lines rows were read from, to put a line on a problem found in the
/// table as a whole.
#[derive(Default)]
struct Lines {
    criteria: Vec<usize>,
    bonus: Vec<usize>,
    penalties: Vec<usize>,
    groups: Vec<usize>,
    tie_break: Vec<usize>,
    quotas: Vec<usize>,
    bonus_cap: Option<usize>,
    vote_rule: Option<usize>,
}

impl Lines {
    fn item(&self, kind: ItemKind, index: usize) -> Option<usize> {
        let lines = match kind {
            ItemKind::Criterion => &self.criteria,
            ItemKind::Bonus => &self.bonus,
            ItemKind::Penalty => &self.penalties,
        };
        lines.get(index).copied()
    }

    fn of(&self, p: &TableProblem) -> Option<usize> {
        use TableProblem as P;
        match p {
            P::Year(_) | P::NoCriteria => None,
            P::EmptyGroupCode { group } | P::DuplicateGroup { group, .. } => {
                self.groups.get(*group).copied()
            }
            P::EmptyCode { kind, index }
            | P::DuplicateCode { kind, index, .. }
            | P::NegativeMax { kind, index, .. }
            | P::NegativeStep { kind, index, .. }
            | P::MaxOffStep { kind, index, .. } => self.item(*kind, *index),
            P::NegativeBonusCap(_) => self.bonus_cap,
            P::Share { .. } | P::ShareUnreachable | P::Quorum { .. } => self.vote_rule,
            P::UnknownGroup { index, .. } | P::UnknownCriterion { index, .. } => {
                self.tie_break.get(*index).copied()
            }
            P::DuplicateQuota { index, .. } => self.quotas.get(*index).copied(),
        }
    }
}

/// Reads a criteria table for `year` (and `cluster`) from CSV text and
/// checks it ([`criteria_rules::validate`]). Linear in the length of the
/// text.
///
/// # Errors
/// The first line that cannot be read, or every rule the table breaks, each
/// with its line where it has one.
pub fn parse(
    text: &str,
    year: u16,
    cluster: Option<ClusterId>,
) -> Result<CriteriaTable, Vec<CsvError>> {
    let mut table = CriteriaTable {
        year,
        cluster,
        title: format!("Bảng tiêu chí thi đua năm {year}"),
        groups: Vec::new(),
        bonus: Vec::new(),
        bonus_cap: Points(0),
        penalties: Vec::new(),
        tie_break: Vec::new(),
        vote_rule: VoteRule::default(),
        award_quotas: Vec::new(),
        legal_basis: String::new(),
        self_scores_optional: false,
        illustrative: false,
        sources: Vec::new(),
    };
    let lines = read_rows(text, &mut table).map_err(|e| vec![e])?;
    criteria_rules::validate(&table).map_err(|problems| {
        let mut errors: Vec<CsvError> = problems
            .into_iter()
            .map(|p| CsvError {
                line: lines.of(&p),
                problem: CsvProblem::Table(p),
            })
            .collect();
        // In file order; problems without a line (the year) first.
        errors.sort_by_key(|e| e.line);
        errors
    })?;
    Ok(table)
}

/// Line numbers from the CSV reader's byte offsets, counted once. (The
/// reader's own line numbers are off by one after a CRLF line, as Excel
/// writes; its byte offset then points at the LF, which is counted here.)
#[derive(Default)]
struct LineCounter {
    /// Bytes already counted.
    upto: usize,
    /// Line breaks in them.
    breaks: usize,
}

impl LineCounter {
    /// The 1-based line of the record starting at byte `at` (offsets only
    /// grow, so the whole text is scanned once).
    fn line_at(&mut self, text: &[u8], at: u64) -> usize {
        let to = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .saturating_add(1)
            .min(text.len());
        if to > self.upto {
            let new = text.get(self.upto..to).unwrap_or_default();
            self.breaks += new.iter().filter(|&&b| b == b'\n').count();
            self.upto = to;
        }
        self.breaks + 1
    }
}

/// Fills `table` from the rows; returns the line of each row it used.
fn read_rows(text: &str, table: &mut CriteriaTable) -> Result<Lines, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError {
            line: Some(1),
            problem: CsvProblem::Malformed(e.to_string()),
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if header.iter().map(String::as_str).ne(HEADER) {
        return Err(CsvError {
            line: Some(1),
            problem: CsvProblem::Header,
        });
    }
    let mut lines = Lines::default();
    // Group code → index in table.groups: one lookup per row, whatever the
    // number of groups.
    let mut groups: HashMap<String, usize> = HashMap::new();
    let mut record = ::csv::StringRecord::new();
    let mut counter = LineCounter::default();
    loop {
        let ended = reader.read_record(&mut record);
        let at = record.position().map_or(0, |p| p.byte());
        let line = counter.line_at(text.as_bytes(), at);
        match ended {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(line, |p| counter.line_at(text.as_bytes(), p.byte()));
                return Err(CsvError {
                    line: Some(line),
                    problem: CsvProblem::Malformed(e.to_string()),
                });
            }
        }
        let err = |problem| CsvError {
            line: Some(line),
            problem,
        };
        if record.len() > HEADER.len() {
            return Err(err(CsvProblem::TooManyColumns(record.len())));
        }
        let raw = |n: usize| record.get(n).unwrap_or("");
        let column = |n: usize| HEADER.get(n).copied().unwrap_or("");
        let limited = |n: usize, limit: usize, value: String| -> Result<String, CsvError> {
            let chars = value.chars().count();
            if chars > limit {
                return Err(err(CsvProblem::TooLong {
                    column: column(n),
                    chars,
                    limit,
                }));
            }
            Ok(value)
        };
        let col = |n: usize| limited(n, MAX_LINE_CHARS, crate::text::clean_line(raw(n)));
        let points = |n: usize| -> Result<Points, CsvError> {
            let v = col(n)?;
            Points::parse(&v).map_err(|e| {
                let column = column(n);
                err(match e {
                    PointsError::Format => CsvProblem::NotNumber { column, value: v },
                    PointsError::Precision => CsvProblem::Precision { column, value: v },
                })
            })
        };
        let item = || -> Result<Criterion, CsvError> {
            let code = col(3)?;
            if code.is_empty() {
                return Err(err(CsvProblem::CodeRequired));
            }
            Ok(Criterion {
                code,
                name: col(4)?,
                max: points(5)?,
                step: points(6)?,
            })
        };
        let section = keyword(raw(0)).to_lowercase();
        match section.as_str() {
            "" => continue,
            "title" => table.title = col(4)?,
            "criterion" => {
                let c = item()?;
                let gc = col(1)?;
                if gc.is_empty() {
                    return Err(err(CsvProblem::GroupRequired));
                }
                lines.criteria.push(line);
                match groups.get(&gc).and_then(|&i| table.groups.get_mut(i)) {
                    Some(g) => g.criteria.push(c),
                    None => {
                        groups.insert(gc.clone(), table.groups.len());
                        lines.groups.push(line);
                        table.groups.push(CriteriaGroup {
                            code: gc,
                            name: col(2)?,
                            criteria: vec![c],
                        });
                    }
                }
            }
            "bonus" => {
                table.bonus.push(item()?);
                lines.bonus.push(line);
            }
            "penalty" => {
                table.penalties.push(item()?);
                lines.penalties.push(line);
            }
            "bonus_cap" => {
                table.bonus_cap = points(5)?;
                lines.bonus_cap = Some(line);
            }
            "tie_break" => {
                let code = raw(3).trim();
                let step = match code.split_once(':') {
                    Some((k, g)) if keyword(k) == "group" => {
                        TieBreak::GroupScore(crate::text::clean_line(g))
                    }
                    Some((k, c)) if keyword(k) == "criterion" => {
                        TieBreak::CriterionScore(crate::text::clean_line(c))
                    }
                    _ => match keyword(code).as_ref() {
                        "more_bonus" => TieBreak::MoreBonus,
                        "fewer_penalties" => TieBreak::FewerPenalties,
                        "self_total" => TieBreak::SelfTotal,
                        other => return Err(err(CsvProblem::UnknownTieBreak(other.to_string()))),
                    },
                };
                table.tie_break.push(step);
                lines.tie_break.push(line);
            }
            "vote_rule" => {
                let base = match keyword(raw(3)).as_ref() {
                    "valid" => VoteBase::ValidBallots,
                    "present" => VoteBase::MembersPresent,
                    "all" => VoteBase::AllMembers,
                    other => return Err(err(CsvProblem::UnknownVoteBase(other.to_string()))),
                };
                let strictly_more = match keyword(raw(4)).as_ref() {
                    "more_than" => true,
                    "at_least" => false,
                    other => return Err(err(CsvProblem::UnknownStrictness(other.to_string()))),
                };
                let (share_num, share_den) =
                    share(&col(5)?).ok_or_else(|| err(CsvProblem::BadShare))?;
                let (quorum_num, quorum_den) =
                    share(&col(6)?).ok_or_else(|| err(CsvProblem::BadQuorum))?;
                table.vote_rule = VoteRule {
                    share_num,
                    share_den,
                    strictly_more,
                    base,
                    quorum_num,
                    quorum_den,
                };
                lines.vote_rule = Some(line);
            }
            "quota" => {
                let kind = match col(3)?.as_str() {
                    "flag" => AwardKind::AcademyFlag,
                    "certificate" => AwardKind::AcademyCertificate,
                    "excellent" => AwardKind::ExcellentCollective,
                    "" => return Err(err(CsvProblem::QuotaNeedsAward)),
                    other => AwardKind::Other(other.to_string()),
                };
                let max = col(5)?.parse().map_err(|_| err(CsvProblem::QuotaWhole))?;
                table.award_quotas.push(AwardQuota { kind, max });
                lines.quotas.push(line);
            }
            "legal_basis" => {
                table.legal_basis = limited(4, MAX_BLOCK_CHARS, crate::text::clean_block(raw(4)))?;
            }
            other => return Err(err(CsvProblem::UnknownSection(other.to_string()))),
        }
    }
    Ok(lines)
}

/// Writes a table as CSV (UTF-8 with a byte-order mark for spreadsheets).
pub fn write(t: &CriteriaTable) -> Result<Vec<u8>, std::io::Error> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let e = |e: ::csv::Error| std::io::Error::other(e.to_string());
    w.write_record(HEADER).map_err(e)?;
    let row = |s: &str, gc: &str, gn: &str, code: &str, name: &str, max: String, step: String| {
        [
            s.to_string(),
            gc.to_string(),
            gn.to_string(),
            code.to_string(),
            name.to_string(),
            max,
            step,
        ]
    };
    w.write_record(row(
        "title",
        "",
        "",
        "",
        &t.title,
        String::new(),
        String::new(),
    ))
    .map_err(e)?;
    for g in &t.groups {
        for c in &g.criteria {
            w.write_record(row(
                "criterion",
                &g.code,
                &g.name,
                &c.code,
                &c.name,
                c.max.to_string(),
                c.step.to_string(),
            ))
            .map_err(e)?;
        }
    }
    for (section, items) in [("bonus", &t.bonus), ("penalty", &t.penalties)] {
        for c in items {
            w.write_record(row(
                section,
                "",
                "",
                &c.code,
                &c.name,
                c.max.to_string(),
                c.step.to_string(),
            ))
            .map_err(e)?;
        }
    }
    w.write_record(row(
        "bonus_cap",
        "",
        "",
        "",
        "",
        t.bonus_cap.to_string(),
        String::new(),
    ))
    .map_err(e)?;
    for tb in &t.tie_break {
        let code = match tb {
            TieBreak::GroupScore(g) => format!("group:{g}"),
            TieBreak::CriterionScore(c) => format!("criterion:{c}"),
            TieBreak::MoreBonus => "more_bonus".into(),
            TieBreak::FewerPenalties => "fewer_penalties".into(),
            TieBreak::SelfTotal => "self_total".into(),
        };
        w.write_record(row(
            "tie_break",
            "",
            "",
            &code,
            "",
            String::new(),
            String::new(),
        ))
        .map_err(e)?;
    }
    let r = &t.vote_rule;
    let base = match r.base {
        VoteBase::ValidBallots => "valid",
        VoteBase::MembersPresent => "present",
        VoteBase::AllMembers => "all",
    };
    let strict = if r.strictly_more {
        "more_than"
    } else {
        "at_least"
    };
    w.write_record(row(
        "vote_rule",
        "",
        "",
        base,
        strict,
        format!("{}/{}", r.share_num, r.share_den),
        format!("{}/{}", r.quorum_num, r.quorum_den),
    ))
    .map_err(e)?;
    for q in &t.award_quotas {
        let code = match &q.kind {
            AwardKind::AcademyFlag => "flag".to_string(),
            AwardKind::AcademyCertificate => "certificate".to_string(),
            AwardKind::ExcellentCollective => "excellent".to_string(),
            AwardKind::Other(s) => s.clone(),
        };
        w.write_record(row(
            "quota",
            "",
            "",
            &code,
            "",
            q.max.to_string(),
            String::new(),
        ))
        .map_err(e)?;
    }
    if !t.legal_basis.is_empty() {
        w.write_record(row(
            "legal_basis",
            "",
            "",
            "",
            &t.legal_basis,
            String::new(),
            String::new(),
        ))
        .map_err(e)?;
    }
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(
        w.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?,
    );
    Ok(out)
}
