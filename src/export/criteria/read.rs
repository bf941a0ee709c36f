//! Reading a criteria table from CSV text, row by row, keeping the line of
//! each row so a rule the whole table breaks is reported on its line.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{CsvError, CsvProblem, HEADER, MAX_BLOCK_CHARS, MAX_LINE_CHARS};
use crate::domain::criteria_rules::{self, TableProblem};
use crate::domain::*;

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
