//! `thidua stats`: history at a glance, for a school (with what it
//! inherited from the schools merged into it) or a cluster.

use super::Failure;
use super::history::{cluster_matches, table};
use super::names::{SchoolRef, cluster_label, school_ref};
use super::year::{DecisionReport, sheet_code};
use crate::domain::rotation::Reason;
use crate::domain::search::match_quality;
use crate::domain::stats::{self, ClusterStats, SchoolStats, YearStat};
use crate::domain::year::SheetStatus;
use crate::domain::*;
use crate::i18n::{Lang, Msg, names, tr, trf};
use crate::store::Store;
use crate::text;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// Own and inherited counts.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Count {
    /// The school's own.
    pub own: usize,
    /// Its predecessors'.
    pub inherited: usize,
}

impl From<(usize, usize)> for Count {
    fn from((own, inherited): (usize, usize)) -> Count {
        Count { own, inherited }
    }
}

/// An award in a school's year.
#[derive(Debug, Clone, Serialize)]
pub struct AwardStat {
    /// Record id.
    pub id: u64,
    /// The award's name.
    pub kind: String,
    /// `proposed` or `decided`.
    pub status: &'static str,
    /// The decision, once made.
    pub decision: Option<DecisionReport>,
}

/// One year of a school's record.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    /// The year.
    pub year: u16,
    /// Whose record it is.
    pub school: SchoolRef,
    /// Whether it comes from a predecessor.
    pub inherited: bool,
    /// Clusters headed.
    pub head: Vec<String>,
    /// Clusters deputised.
    pub deputy: Vec<String>,
    /// Awards.
    pub awards: Vec<AwardStat>,
    /// Rank on the year's sheet.
    pub rank: Option<usize>,
    /// How many schools the sheet ranks.
    pub of: Option<usize>,
    /// Total by the cluster's score.
    pub total: Option<String>,
    /// `open` or `locked`, when ranked.
    pub sheet: Option<&'static str>,
}

/// A school's statistics.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolReport {
    /// The school.
    pub school: SchoolRef,
    /// Years as head.
    pub head_years: Count,
    /// Years as deputy.
    pub deputy_years: Count,
    /// Awards, proposed or decided.
    pub awards: Count,
    /// Year by year, oldest first.
    pub years: Vec<YearRow>,
}

/// One year's head.
#[derive(Debug, Clone, Serialize)]
pub struct HeadRow {
    /// The year.
    pub year: u16,
    /// The head, if known.
    pub school: Option<SchoolRef>,
}

/// A member's seats.
#[derive(Debug, Clone, Serialize)]
pub struct SeatRow {
    /// The school.
    pub school: SchoolRef,
    /// Years as head.
    pub head: usize,
    /// Years as deputy.
    pub deputy: usize,
}

/// A candidate for next year's head.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// The school.
    pub school: SchoolRef,
    /// The last year it was head, if ever.
    pub last_head: Option<u16>,
}

/// A cluster's statistics.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReport {
    /// Record id.
    pub id: u64,
    /// Its label (`Cụm 4`).
    pub label: String,
    /// Its name.
    pub name: String,
    /// The head each year.
    pub heads: Vec<HeadRow>,
    /// Seats held by each member.
    pub counts: Vec<SeatRow>,
    /// The year the candidates are for.
    pub next_year: Option<u16>,
    /// The rotation's candidates, best first.
    pub next: Vec<Candidate>,
}

/// The school a `--school` argument names: the best match over every
/// name of every school, accents optional; refused when none or several
/// match equally well.
pub fn find_school(
    schools: &HashMap<SchoolId, School>,
    wanted: &str,
    lang: Lang,
) -> Result<SchoolId, Failure> {
    let q = text::fold(wanted.trim());
    let mut best: Vec<(crate::domain::search::MatchQuality, SchoolId)> = schools
        .iter()
        .filter_map(|(id, s)| {
            let short = s.short_name();
            s.all_names()
                .chain([short.as_str()])
                .filter_map(|n| match_quality(&q, &text::fold(n)))
                .min()
                .map(|m| (m, *id))
        })
        .collect();
    best.sort();
    let top = best.first().map(|(m, _)| *m);
    let found: Vec<SchoolId> = best
        .iter()
        .filter(|(m, _)| Some(*m) == top)
        .map(|(_, id)| *id)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Failure::plain(trf(
            lang,
            Msg::AyrNoSchool,
            &[&wanted.trim()],
        ))),
        many => {
            let mut names: Vec<String> = many
                .iter()
                .filter_map(|id| schools.get(id).map(|s| s.name.clone()))
                .collect();
            names.sort_by(|a, b| text::compare(a, b));
            Err(Failure::plain(trf(
                lang,
                Msg::AyrManySchools,
                &[&wanted.trim(), &names.join("; ")],
            )))
        }
    }
}

fn year_row(
    y: &YearStat,
    schools: &HashMap<SchoolId, School>,
    clusters: &HashMap<ClusterId, Cluster>,
    awards: &HashMap<AwardId, Award>,
    lang: Lang,
) -> YearRow {
    let label = |c: &ClusterId| {
        clusters
            .get(c)
            .map_or_else(|| format!("#{}", c.0), |c| cluster_label(c, lang))
    };
    YearRow {
        year: y.year,
        school: school_ref(y.school, schools, lang),
        inherited: y.inherited,
        head: y.head.iter().map(label).collect(),
        deputy: y.deputy.iter().map(label).collect(),
        awards: y
            .awards
            .iter()
            .filter_map(|id| {
                awards.get(id).map(|a| AwardStat {
                    id: id.0,
                    kind: names::award(lang, &a.kind).to_string(),
                    status: match a.status {
                        AwardStatus::Proposed => "proposed",
                        AwardStatus::Decided => "decided",
                    },
                    decision: a.decision.as_ref().map(|d| DecisionReport {
                        number: d.number.clone(),
                        date: d.date.map(|d| d.to_string()),
                        issuer: d.issuer.clone(),
                    }),
                })
            })
            .collect(),
        rank: y.standing.map(|s| s.rank),
        of: y.standing.map(|s| s.of),
        total: y.standing.map(|s| s.total.to_string()),
        sheet: y.standing.map(|s| {
            sheet_code(if s.locked {
                SheetStatus::Locked
            } else {
                SheetStatus::Open
            })
        }),
    }
}

/// A school's report from the store.
pub fn school_report(store: &Store, wanted: &str, lang: Lang) -> Result<SchoolReport, Failure> {
    let schools = store.map::<School>()?;
    let id = find_school(&schools, wanted, lang)?;
    let clusters = store.map::<Cluster>()?;
    let terms = store.map::<Term>()?;
    let awards = store.map::<Award>()?;
    let sheets = store.map::<ScoreSheet>()?;
    let tables = store.map::<CriteriaTable>()?;
    let s: SchoolStats = stats::school_stats(
        &stats::Records {
            schools: &schools,
            terms: &terms,
            awards: &awards,
            sheets: &sheets,
            tables: &tables,
        },
        id,
    );
    Ok(SchoolReport {
        school: school_ref(id, &schools, lang),
        head_years: s.head_years().into(),
        deputy_years: s.deputy_years().into(),
        awards: s.awards().into(),
        years: s
            .years
            .iter()
            .map(|y| year_row(y, &schools, &clusters, &awards, lang))
            .collect(),
    })
}

/// A cluster's report from the store.
pub fn cluster_report(store: &Store, wanted: &str, lang: Lang) -> Result<ClusterReport, Failure> {
    let schools = store.map::<School>()?;
    let clusters = store.map::<Cluster>()?;
    let mut matching: Vec<(&ClusterId, &Cluster)> = clusters
        .iter()
        .filter(|(_, c)| cluster_matches(c, wanted))
        .collect();
    matching.sort_by_key(|(id, _)| **id);
    let (id, c) = match matching.as_slice() {
        [one] => *one,
        [] => {
            return Err(Failure::plain(format!(
                "{}: {}",
                tr(lang, Msg::NoCluster),
                wanted.trim()
            )));
        }
        many => {
            let names: Vec<String> = many.iter().map(|(_, c)| c.label()).collect();
            return Err(Failure::plain(trf(
                lang,
                Msg::AyrManyClusters,
                &[&wanted.trim(), &names.join("; ")],
            )));
        }
    };
    let terms: Vec<Term> = store
        .terms_of_cluster(*id)?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let short = |s: SchoolId| {
        schools
            .get(&s)
            .map_or_else(|| format!("#{}", s.0), School::short_name)
    };
    let st: ClusterStats = stats::cluster_stats(c, &terms, &schools, short);
    let r = |s: SchoolId| school_ref(s, &schools, lang);
    Ok(ClusterReport {
        id: id.0,
        label: cluster_label(c, lang),
        name: c.name.clone(),
        heads: st
            .heads
            .iter()
            .map(|(year, s)| HeadRow {
                year: *year,
                school: s.map(r),
            })
            .collect(),
        counts: st
            .counts
            .iter()
            .map(|n| SeatRow {
                school: r(n.school),
                head: n.head,
                deputy: n.deputy,
            })
            .collect(),
        next_year: st.next_year,
        next: st
            .next
            .iter()
            .map(|(s, why)| Candidate {
                school: r(*s),
                last_head: match why {
                    Reason::NeverHead => None,
                    Reason::LastHead(y) => Some(*y),
                },
            })
            .collect(),
    })
}

fn count(lang: Lang, c: Count) -> String {
    if c.inherited == 0 {
        c.own.to_string()
    } else {
        trf(lang, Msg::AyrCountInherited, &[&c.own, &c.inherited])
    }
}

fn status_word(lang: Lang, status: &str) -> &'static str {
    match status {
        "decided" => tr(lang, Msg::Decided),
        _ => tr(lang, Msg::Proposed),
    }
}

/// A school's report as text.
pub fn render_school(r: &SchoolReport, lang: Lang) -> String {
    let mut out = format!("{}\n{}\n", r.school.name, tr(lang, Msg::AyrGlance));
    out.push_str(&format!(
        "  {}: {}\n  {}: {}\n  {}: {}\n",
        tr(lang, Msg::AyrHeadYears),
        count(lang, r.head_years),
        tr(lang, Msg::AyrDeputyYears),
        count(lang, r.deputy_years),
        tr(lang, Msg::Awards),
        count(lang, r.awards),
    ));
    if r.years.is_empty() {
        out.push_str(&format!("  {}\n", tr(lang, Msg::NoHistory)));
        return out;
    }
    let header = [
        Msg::Year,
        Msg::KindSchool,
        Msg::AyrRoles,
        Msg::Awards,
        Msg::AyrRankTotal,
    ]
    .map(|m| tr(lang, m).to_string());
    let rows: Vec<[Vec<String>; 5]> = r
        .years
        .iter()
        .map(|y| {
            let whose = if y.inherited {
                format!("{} ({})", y.school.short_name, tr(lang, Msg::AyrInherited))
            } else {
                y.school.short_name.clone()
            };
            let roles: Vec<String> = y
                .head
                .iter()
                .map(|c| format!("{} {c}", tr(lang, Msg::Head)))
                .chain(
                    y.deputy
                        .iter()
                        .map(|c| format!("{} {c}", tr(lang, Msg::Deputies))),
                )
                .collect();
            let awards = y
                .awards
                .iter()
                .map(|a| format!("{} ({})", a.kind, status_word(lang, a.status)))
                .collect();
            let standing = match (y.rank, y.of, &y.total, y.sheet) {
                (Some(rank), Some(of), Some(total), Some(sheet)) => vec![format!(
                    "{} · {} ({})",
                    trf(lang, Msg::AyrRankOf, &[&rank, &of]),
                    total,
                    super::year::sheet_words(lang, sheet)
                )],
                _ => Vec::new(),
            };
            [
                vec![y.year.to_string()],
                vec![whose],
                roles,
                awards,
                standing,
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows));
    out
}

/// A cluster's report as text.
pub fn render_cluster(r: &ClusterReport, lang: Lang) -> String {
    let mut out = format!("{} · {}\n{}\n", r.label, r.name, tr(lang, Msg::AyrGlance));
    out.push_str(&format!("{}\n", tr(lang, Msg::AyrHeadsByYear)));
    if r.heads.is_empty() {
        out.push_str(&format!("  {}\n", tr(lang, Msg::NoHistory)));
    }
    for h in &r.heads {
        let name = h
            .school
            .as_ref()
            .map_or_else(|| "—".to_string(), |s| s.short_name.clone());
        out.push_str(&format!("  {}  {name}\n", h.year));
    }
    out.push_str(&format!("{}\n", tr(lang, Msg::AyrSeats)));
    let header = [Msg::KindSchool, Msg::Head, Msg::Deputies].map(|m| tr(lang, m).to_string());
    let rows: Vec<[Vec<String>; 3]> = r
        .counts
        .iter()
        .map(|n| {
            [
                vec![n.school.short_name.clone()],
                vec![n.head.to_string()],
                vec![n.deputy.to_string()],
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows));
    if let Some(year) = r.next_year {
        out.push_str(&format!("{}\n", trf(lang, Msg::AyrNext, &[&year])));
        if r.next.is_empty() {
            out.push_str(&format!("  {}\n", tr(lang, Msg::NoneYet)));
        }
        for (i, c) in r.next.iter().enumerate() {
            let why = match c.last_head {
                None => tr(lang, Msg::NeverHead).to_string(),
                Some(y) => format!("{} {y}", tr(lang, Msg::LastHeadIn)),
            };
            out.push_str(&format!("  {}. {} ({why})\n", i + 1, c.school.short_name));
        }
    }
    out
}

pub(super) fn run(
    store: &Store,
    school: Option<&str>,
    cluster: Option<&str>,
    as_json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match (school, cluster) {
        (Some(s), _) => {
            let r = school_report(store, s, lang)?;
            if as_json {
                super::print_json(out, &r)
            } else {
                write!(out, "{}", render_school(&r, lang))?;
                Ok(())
            }
        }
        (None, Some(c)) => {
            let r = cluster_report(store, c, lang)?;
            if as_json {
                super::print_json(out, &r)
            } else {
                write!(out, "{}", render_cluster(&r, lang))?;
                Ok(())
            }
        }
        (None, None) => Err(Failure::plain(tr(lang, Msg::AyrStatsWhich).to_string())),
    }
}
