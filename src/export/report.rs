//! What an export holds: one cluster's score sheet for a year, with its
//! ballots and outcomes, gathered into plain rows that every format writes
//! the same way, so CSV, XLSX, Markdown and the screen agree.

use crate::app::data::Data;
use crate::domain::scoring::{self, Totals, Which};
use crate::domain::tally::{elected_marks, tally_seats};
use crate::domain::*;
use crate::i18n::{Lang, Msg, names, tr};

/// One item row of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    /// Criterion, bonus or penalty.
    pub kind: ItemKind,
    /// The code.
    pub code: String,
    /// The name.
    pub name: String,
    /// The maximum.
    pub max: Points,
    /// Per school in column order: (self score, cluster score).
    pub cells: Vec<(Option<Points>, Option<Points>)>,
}

/// A group of criteria: its heading and how many of the report's rows,
/// counted in order from the first, are its criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpan {
    /// The group's code, e.g. `I`.
    pub code: String,
    /// The group's title.
    pub name: String,
    /// How many criteria it has.
    pub len: usize,
}

/// One ballot's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotReport {
    /// What was decided.
    pub question: String,
    /// Issued, valid, invalid, present, all members.
    pub counts: [u32; 5],
    /// (candidate, votes, passes); empty when the tally was refused.
    pub results: Vec<(String, u32, bool)>,
    /// Votes needed to pass.
    pub needed: Option<u32>,
    /// Why the tally was refused, if it was.
    pub error: Option<String>,
}

/// Everything an export of one sheet contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetReport {
    /// `Cụm 4`.
    pub cluster_label: String,
    /// The cluster's name.
    pub cluster_name: String,
    /// The year scored.
    pub year: u16,
    /// Practice data: every format prints the mark.
    pub illustrative: bool,
    /// Who locked it and when, if locked.
    pub locked: Option<String>,
    /// Column headings: the schools' short names.
    pub schools: Vec<String>,
    /// The schools' official names, same order.
    pub school_names: Vec<String>,
    /// The grid.
    pub rows: Vec<ItemRow>,
    /// The criteria groups in the table's order; their criteria are the
    /// first rows of [`SheetReport::rows`], group after group.
    pub groups: Vec<GroupSpan>,
    /// The most bonus a total may count, whatever was entered.
    pub bonus_cap: Points,
    /// Per school in column order: (self totals, cluster totals).
    pub totals: Vec<(Totals, Totals)>,
    /// Per school in column order: (rank, tied).
    pub ranks: Vec<(usize, bool)>,
    /// The ballots of the year.
    pub ballots: Vec<BallotReport>,
    /// Awards proposed or decided for the year: (award, school, status).
    pub awards: Vec<(String, String, String)>,
    /// Next year's head, if elected.
    pub next_head: Option<String>,
    /// Next year's deputies.
    pub next_deputies: Vec<String>,
    /// The year-end conference: date, place, chairs.
    pub meeting: Option<(String, String, Vec<String>)>,
    /// Amendments after locking: when, who, why.
    pub amendments: Vec<String>,
    /// The audit log's length and head hash (hex) when the report was made.
    pub audit_head: (u64, String),
}

/// Why there is nothing to export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// No sheet for that cluster and year.
    #[error("no score sheet for {0} in {1}")]
    NoSheet(String, u16),
    /// The sheet's criteria table is missing.
    #[error("the sheet's criteria table is missing")]
    NoTable,
}

/// Gathers the report of a cluster's sheet for a year.
pub fn build(
    data: &Data,
    cluster: ClusterId,
    year: u16,
    lang: Lang,
) -> Result<SheetReport, ReportError> {
    let label = data.cluster_label(cluster);
    let sheet = data
        .sheets
        .values()
        .find(|s| s.cluster == cluster && s.year == year)
        .ok_or_else(|| ReportError::NoSheet(label.clone(), year))?;
    let table = data.tables.get(&sheet.table).ok_or(ReportError::NoTable)?;
    let rows = table
        .items()
        .map(|(kind, c)| ItemRow {
            kind,
            code: c.code.clone(),
            name: c.name.clone(),
            max: c.max,
            cells: sheet
                .schools
                .iter()
                .map(|s| {
                    let cell = sheet.cell(*s, &c.code);
                    (
                        cell.and_then(|x| x.self_score),
                        cell.and_then(|x| x.cluster_score),
                    )
                })
                .collect(),
        })
        .collect();
    let ranking = scoring::rank(sheet, table);
    let ranks = sheet
        .schools
        .iter()
        .map(|s| {
            ranking
                .iter()
                .find(|r| r.totals.school == *s)
                .map_or((0, false), |r| (r.rank, r.tied))
        })
        .collect();
    let totals = sheet
        .schools
        .iter()
        .map(|s| {
            (
                scoring::totals_of(sheet, table, *s, Which::SelfScore),
                scoring::totals_of(sheet, table, *s, Which::Cluster),
            )
        })
        .collect();
    let ballots = conference::ballots_of(&data.ballots, cluster, year)
        .into_iter()
        .map(|(_, b)| {
            let counts = [
                b.issued,
                b.valid,
                b.invalid,
                b.members_present,
                b.members_total,
            ];
            let seats = conference::seats(Some(table), &b.question);
            match tally_seats(b, &table.vote_rule, seats) {
                Ok(t) => BallotReport {
                    question: names::question(lang, &b.question),
                    counts,
                    results: t
                        .results
                        .iter()
                        .zip(elected_marks(&t, seats))
                        .map(|(r, won)| (data.school_short(r.candidate), r.votes, won))
                        .collect(),
                    needed: Some(t.needed),
                    error: None,
                },
                Err(e) => BallotReport {
                    question: names::question(lang, &b.question),
                    counts,
                    results: Vec::new(),
                    needed: None,
                    error: Some(crate::i18n::errors::tally(lang, &e, data)),
                },
            }
        })
        .collect();
    let awards = data
        .awards_of_cluster(cluster)
        .into_iter()
        .filter(|(_, a)| a.year == year)
        .map(|(_, a)| {
            let kind = names::award(lang, &a.kind).to_string();
            let status = match a.status {
                AwardStatus::Proposed => tr(lang, Msg::Proposed),
                AwardStatus::Decided => tr(lang, Msg::Decided),
            };
            (kind, data.school_name(a.recipient), status.to_string())
        })
        .collect();
    let next = conference::next_term(&data.terms, cluster, year).map(|(_, t)| t.clone());
    let meeting = conference::year_end_meeting(&data.meetings, cluster, year).map(|(_, m)| {
        let place = m
            .host
            .map(|h| data.school_name(h))
            .unwrap_or_else(|| m.place.clone());
        let chairs = m
            .chairs
            .iter()
            .filter_map(|p| p.person.map(|id| data.person_name(id)))
            .collect();
        (
            m.date.map_or_else(String::new, |d| d.to_string()),
            place,
            chairs,
        )
    });
    Ok(SheetReport {
        cluster_label: label,
        cluster_name: data
            .clusters
            .get(&cluster)
            .map_or_else(String::new, |c| c.name.clone()),
        year,
        illustrative: sheet.illustrative || table.illustrative,
        locked: sheet
            .lock
            .as_ref()
            .map(|l| format!("{} · {}", l.by, crate::i18n::time::local(l.at))),
        schools: sheet
            .schools
            .iter()
            .map(|s| data.school_short(*s))
            .collect(),
        school_names: sheet.schools.iter().map(|s| data.school_name(*s)).collect(),
        rows,
        groups: table
            .groups
            .iter()
            .map(|g| GroupSpan {
                code: g.code.clone(),
                name: g.name.clone(),
                len: g.criteria.len(),
            })
            .collect(),
        bonus_cap: table.bonus_cap,
        totals,
        ranks,
        ballots,
        awards,
        next_head: next
            .as_ref()
            .and_then(|t| t.head)
            .map(|h| data.school_name(h)),
        next_deputies: next
            .map(|t| t.deputies.iter().map(|d| data.school_name(*d)).collect())
            .unwrap_or_default(),
        meeting,
        amendments: sheet
            .amendments
            .iter()
            .map(|a| {
                format!(
                    "{} · {} · {}",
                    crate::i18n::time::local(a.at),
                    a.by,
                    a.reason
                )
            })
            .collect(),
        audit_head: (
            data.audit_head.0,
            data.audit_head
                .1
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        ),
    })
}

/// The audit head as one line: "Audit head: <hash> (N entries)", which
/// `thidua audit head` prints too, so a paper can be matched to the log.
pub fn audit_line(r: &SheetReport, lang: Lang) -> String {
    format!(
        "{}: {} ({} {})",
        tr(lang, Msg::AuditHead),
        r.audit_head.1,
        r.audit_head.0,
        tr(lang, Msg::Entries)
    )
}

/// The illustrative mark as printed at the top of every export.
pub fn mark(lang: Lang) -> String {
    format!(
        "{} — {}",
        tr(lang, Msg::Illustrative).to_uppercase(),
        tr(lang, Msg::IllustrativeNote)
    )
}

/// A rank as printed: `2` or `=2` when tied.
pub fn rank_text(rank: usize, tied: bool) -> String {
    if tied {
        format!("={rank}")
    } else {
        rank.to_string()
    }
}
