//! `thidua history --year Y`: the Academy's year across every cluster, and
//! `thidua decide`: one decision recorded on several of its proposals.

use super::history::{cluster_matches, table};
use super::names::{SchoolRef, school_ref};
use super::{Caller, Failure};
use crate::domain::deciding::ACADEMY;
use crate::domain::year::{ClusterYear, Records, SheetStatus, academy_year};
use crate::domain::*;
use crate::i18n::{Lang, Msg, names, tr, trf};
use crate::store::{Author, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// A decision as reported.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionReport {
    /// Its number.
    pub number: String,
    /// Its date, dd/mm/yyyy.
    pub date: Option<String>,
    /// Who issued it.
    pub issuer: String,
}

/// An award as the year reports it.
#[derive(Debug, Clone, Serialize)]
pub struct AwardReport {
    /// Record id: what `thidua decide` takes.
    pub id: u64,
    /// The award's name in the output's language.
    pub kind: String,
    /// The recipient.
    pub school: SchoolRef,
    /// `proposed` or `decided`.
    pub status: &'static str,
    /// The decision, once made.
    pub decision: Option<DecisionReport>,
}

/// A meeting as the year reports it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingReport {
    /// Record id.
    pub id: u64,
    /// Its kind, in the output's language.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its date, dd/mm/yyyy.
    pub date: Option<String>,
}

/// One cluster in the year.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterYearReport {
    /// Record id.
    pub id: u64,
    /// Its number, if any.
    pub number: Option<u16>,
    /// Its name.
    pub name: String,
    /// Practice data.
    pub illustrative: bool,
    /// Cụm trưởng.
    pub head: Option<SchoolRef>,
    /// Cụm phó.
    pub deputies: Vec<SchoolRef>,
    /// Awards still proposed.
    pub proposals: Vec<AwardReport>,
    /// Awards decided.
    pub decisions: Vec<AwardReport>,
    /// Meetings of the year.
    pub meetings: Vec<MeetingReport>,
    /// `none`, `open` or `locked`.
    pub sheet: &'static str,
}

/// The Academy's year.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    /// The year.
    pub year: u16,
    /// Every cluster (or the one asked for).
    pub clusters: Vec<ClusterYearReport>,
}

/// The words of a sheet's state, for JSON.
pub fn sheet_code(s: SheetStatus) -> &'static str {
    match s {
        SheetStatus::None => "none",
        SheetStatus::Open => "open",
        SheetStatus::Locked => "locked",
    }
}

/// A sheet's state in a language, from its JSON word ([`sheet_code`]).
pub fn sheet_words(lang: Lang, code: &str) -> &'static str {
    tr(
        lang,
        match code {
            "open" => Msg::AyrSheetOpen,
            "locked" => Msg::AyrSheetLocked,
            _ => Msg::AyrSheetNone,
        },
    )
}

fn award_report(
    id: AwardId,
    a: &Award,
    schools: &HashMap<SchoolId, School>,
    lang: Lang,
) -> AwardReport {
    AwardReport {
        id: id.0,
        kind: names::award(lang, &a.kind).to_string(),
        school: school_ref(a.recipient, schools, lang),
        status: match a.status {
            AwardStatus::Proposed => "proposed",
            AwardStatus::Decided => "decided",
        },
        decision: a.decision.as_ref().map(|d| DecisionReport {
            number: d.number.clone(),
            date: d.date.map(|d| d.to_string()),
            issuer: d.issuer.clone(),
        }),
    }
}

/// Builds the year's report from the store.
pub fn build(
    store: &Store,
    cluster: Option<&str>,
    year: u16,
    lang: Lang,
) -> Result<YearReport, Failure> {
    let schools = store.map::<School>()?;
    let clusters = store.map::<Cluster>()?;
    let terms = store.map::<Term>()?;
    let awards = store.map::<Award>()?;
    let meetings = store.map::<Meeting>()?;
    let sheets = store.map::<ScoreSheet>()?;
    let records = Records {
        clusters: &clusters,
        terms: &terms,
        awards: &awards,
        meetings: &meetings,
        sheets: &sheets,
    };
    let r = |s: SchoolId| school_ref(s, &schools, lang);
    let rows: Vec<ClusterYear> = academy_year(&records, year)
        .into_iter()
        .filter(|row| {
            cluster.is_none_or(|f| {
                clusters
                    .get(&row.cluster)
                    .is_some_and(|c| cluster_matches(c, f))
            })
        })
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let Some(c) = clusters.get(&row.cluster) else {
            continue;
        };
        let list = |ids: &[AwardId]| -> Vec<AwardReport> {
            ids.iter()
                .filter_map(|id| awards.get(id).map(|a| award_report(*id, a, &schools, lang)))
                .collect()
        };
        out.push(ClusterYearReport {
            id: row.cluster.0,
            number: c.number,
            name: c.name.clone(),
            illustrative: c.illustrative,
            head: row.head.map(r),
            deputies: row.deputies.iter().copied().map(r).collect(),
            proposals: list(&row.proposals),
            decisions: list(&row.decided),
            meetings: row
                .meetings
                .iter()
                .filter_map(|id| {
                    meetings.get(id).map(|m| MeetingReport {
                        id: id.0,
                        kind: names::meeting(lang, m.kind).to_string(),
                        title: m.title.clone(),
                        date: m.date.map(|d| d.to_string()),
                    })
                })
                .collect(),
            sheet: sheet_code(row.sheet),
        });
    }
    Ok(YearReport {
        year,
        clusters: out,
    })
}

fn award_line(a: &AwardReport, lang: Lang) -> String {
    let decision = a
        .decision
        .as_ref()
        .map(|d| {
            format!(
                " · {}",
                trf(
                    lang,
                    Msg::AyrDecisionOn,
                    &[&d.number, &d.date.clone().unwrap_or_else(|| "—".into())]
                )
            )
        })
        .unwrap_or_default();
    format!("#{} {} · {}{decision}", a.id, a.kind, a.school.short_name)
}

/// The year as text: one block per cluster.
pub fn render(report: &YearReport, lang: Lang) -> String {
    let mut out = format!("{}\n", trf(lang, Msg::AyrTitle, &[&report.year]));
    for c in &report.clusters {
        let label = match c.number {
            Some(n) => format!("{} {n} · {}", tr(lang, Msg::KindCluster), c.name),
            None => c.name.clone(),
        };
        out.push_str(&format!("\n{label}\n"));
        if c.illustrative {
            out.push_str(&format!("({})\n", tr(lang, Msg::Illustrative)));
        }
        let names = |v: &[SchoolRef]| -> String {
            if v.is_empty() {
                "—".into()
            } else {
                v.iter()
                    .map(|s| s.short_name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let header = [Msg::AyrWhat, Msg::AyrValue].map(|m| tr(lang, m).to_string());
        let rows: Vec<[Vec<String>; 2]> = vec![
            [
                vec![tr(lang, Msg::Head).into()],
                vec![names(c.head.as_slice())],
            ],
            [
                vec![tr(lang, Msg::Deputies).into()],
                vec![names(&c.deputies)],
            ],
            [
                vec![tr(lang, Msg::AyrProposals).into()],
                c.proposals.iter().map(|a| award_line(a, lang)).collect(),
            ],
            [
                vec![tr(lang, Msg::AyrDecided).into()],
                c.decisions.iter().map(|a| award_line(a, lang)).collect(),
            ],
            [
                vec![tr(lang, Msg::AyrMeetings).into()],
                c.meetings
                    .iter()
                    .map(|m| match &m.date {
                        Some(d) => format!("{d} · {}", m.kind),
                        None => m.kind.clone(),
                    })
                    .collect(),
            ],
            [
                vec![tr(lang, Msg::AyrSheet).into()],
                vec![sheet_words(lang, c.sheet).into()],
            ],
        ];
        out.push_str(&table(&header, &rows));
    }
    out
}

pub(super) fn run(
    store: &Store,
    cluster: Option<&str>,
    year: u16,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let report = build(store, cluster, year, lang)?;
    if report.clusters.is_empty() && cluster.is_some() {
        return Err(Failure::no_cluster(lang, cluster.unwrap_or_default()));
    }
    if json {
        super::print_json(out, &report)?;
    } else {
        write!(out, "{}", render(&report, lang))?;
    }
    Ok(())
}

/// `thidua decide`: the decision recorded on every award named, all in
/// one transaction, or nothing when any of them cannot take it.
#[allow(clippy::too_many_arguments)]
pub(super) fn decide(
    store: &Store,
    year: u16,
    number: &str,
    date: &str,
    awards: &[u64],
    lang: Lang,
    caller: &mut Caller<'_>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let date = Date::parse_dmy(date)
        .map_err(|_| Failure::plain(trf(lang, Msg::AyrBadDate, &[&date.trim()])))?;
    let ids: Vec<AwardId> = awards.iter().map(|a| AwardId(*a)).collect();
    for id in &ids {
        match store.get::<Award>(*id)? {
            None => {
                return Err(Failure::plain(trf(lang, Msg::AyrNoAward, &[&id.0])));
            }
            Some(a) if a.year != year => {
                return Err(Failure::plain(trf(
                    lang,
                    Msg::AyrWrongYear,
                    &[&id.0, &a.year, &year],
                )));
            }
            Some(_) => {}
        }
    }
    let decision = Decision {
        number: number.to_string(),
        date: Some(date),
        issuer: ACADEMY.to_string(),
    };
    let author = Author {
        actor: caller.actor,
        reason: "",
        role: caller.role,
    };
    let done = store.decide_awards(author, &ids, &decision)?;
    let schools = store.map::<School>()?;
    writeln!(
        out,
        "{}",
        trf(
            lang,
            Msg::AyrDecideDone,
            &[&decision.number.trim(), &date, &done.len()]
        )
    )?;
    for (id, _, after) in &done {
        writeln!(
            out,
            "  {}",
            award_line(&award_report(*id, after, &schools, lang), lang)
        )?;
    }
    Ok(())
}
