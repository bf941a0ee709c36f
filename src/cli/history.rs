//! `thidua history`: each cluster's years in a table, or as JSON.

use super::Failure;
use super::names::{SchoolRef, school_ref};
use crate::domain::history::{AwardMark, cluster_history};
use crate::domain::search::match_quality;
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr};
use crate::store::Store;
use crate::text;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// An award in a report.
#[derive(Debug, Clone, Serialize)]
pub struct AwardRef {
    /// The recipient.
    pub school: SchoolRef,
    /// `proposed` or `decided`.
    pub status: &'static str,
}

/// One year of a cluster, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    /// The year.
    pub year: u16,
    /// Cụm trưởng.
    pub head: Option<SchoolRef>,
    /// Cụm phó.
    pub deputies: Vec<SchoolRef>,
    /// Cờ thi đua.
    pub flag: Vec<AwardRef>,
    /// Bằng khen.
    pub certificates: Vec<AwardRef>,
    /// Holder of the rotating flag.
    pub flag_holder: Option<SchoolRef>,
    /// Notes on the term (e.g. only nominated, recognition pending).
    pub term_notes: String,
}

/// One cluster's history, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReport {
    /// Record id.
    pub id: u64,
    /// Its number, if any.
    pub number: Option<u16>,
    /// Its name.
    pub name: String,
    /// Its region.
    pub region: String,
    /// Practice data.
    pub illustrative: bool,
    /// Year by year.
    pub years: Vec<YearReport>,
    /// What has become of the schools named (merged, renamed).
    pub notes: Vec<String>,
}

fn award_ref(m: &AwardMark, schools: &HashMap<SchoolId, School>, lang: Lang) -> AwardRef {
    AwardRef {
        school: school_ref(m.school, schools, lang),
        status: match m.status {
            AwardStatus::Proposed => "proposed",
            AwardStatus::Decided => "decided",
        },
    }
}

/// Whether a `--cluster` argument names this cluster: its number, or part of
/// any of its names with accents optional.
pub fn cluster_matches(c: &Cluster, wanted: &str) -> bool {
    let wanted = wanted.trim();
    if let Ok(n) = wanted.parse::<u16>() {
        return c.number == Some(n);
    }
    let q = text::fold(wanted);
    std::iter::once(&c.name)
        .chain(&c.aliases)
        .chain(std::iter::once(&c.label()))
        .any(|name| match_quality(&q, &text::fold(name)).is_some())
}

/// Builds the reports of the clusters matching `filter` (all when `None`).
pub fn build(
    store: &Store,
    filter: Option<&str>,
    lang: Lang,
) -> Result<Vec<ClusterReport>, Failure> {
    let schools = store.map::<School>()?;
    let mut clusters = store.all::<Cluster>()?;
    clusters.retain(|(_, c)| filter.is_none_or(|f| cluster_matches(c, f)));
    // Numbered clusters by number, then the rest by Vietnamese name order.
    clusters.sort_by(|(_, a), (_, b)| {
        (a.illustrative, a.number.is_none(), a.number)
            .cmp(&(b.illustrative, b.number.is_none(), b.number))
            .then_with(|| text::compare(&a.name, &b.name))
    });
    let mut reports = Vec::new();
    for (id, c) in clusters {
        let terms: Vec<Term> = store
            .terms_of_cluster(id)?
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let term_notes = |year: u16| {
            terms
                .iter()
                .find(|t| t.year == year)
                .map(|t| t.notes.clone())
                .unwrap_or_default()
        };
        let awards: Vec<Award> = store
            .awards_of_cluster(id)?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        let r = |s: SchoolId| school_ref(s, &schools, lang);
        let years: Vec<YearReport> = cluster_history(&terms, &awards)
            .into_iter()
            .map(|row| YearReport {
                year: row.year,
                head: row.head.map(r),
                deputies: row.deputies.iter().copied().map(r).collect(),
                flag: row
                    .flag
                    .iter()
                    .map(|m| award_ref(m, &schools, lang))
                    .collect(),
                certificates: row
                    .certificates
                    .iter()
                    .map(|m| award_ref(m, &schools, lang))
                    .collect(),
                flag_holder: row.flag_holder.map(r),
                term_notes: term_notes(row.year),
            })
            .collect();
        let mut notes: Vec<String> = Vec::new();
        let mut noted = |s: &SchoolRef| {
            if let Some(now) = &s.now {
                let line = format!("* {}: {now}", s.name);
                if !notes.contains(&line) {
                    notes.push(line);
                }
            }
        };
        for y in &years {
            y.head
                .iter()
                .chain(&y.deputies)
                .chain(&y.flag_holder)
                .for_each(&mut noted);
            y.flag
                .iter()
                .chain(&y.certificates)
                .for_each(|a| noted(&a.school));
        }
        let label = super::names::cluster_label(&c, lang);
        notes.extend(super::inherited::notes(&years, &label, &schools, lang));
        notes.extend(
            years
                .iter()
                .filter(|y| !y.term_notes.is_empty())
                .map(|y| format!("{}: {}", y.year, y.term_notes)),
        );
        reports.push(ClusterReport {
            id: id.0,
            number: c.number,
            name: c.name.clone(),
            region: c.region.clone(),
            illustrative: c.illustrative,
            years,
            notes,
        });
    }
    Ok(reports)
}

/// A school's table cell text: its short name, starred when it has since
/// merged (the note under the table says into what).
fn cell_name(s: &SchoolRef) -> String {
    if s.now.is_some() {
        format!("{}*", s.short_name)
    } else {
        s.short_name.clone()
    }
}

fn award_cell(a: &AwardRef, lang: Lang) -> String {
    let status = match a.status {
        "decided" => tr(lang, Msg::Decided),
        _ => tr(lang, Msg::Proposed),
    };
    format!("{} ({status})", cell_name(&a.school))
}

/// Renders reports as text tables; a cell with several schools takes several lines.
pub fn render(reports: &[ClusterReport], lang: Lang) -> String {
    let mut out = String::new();
    for (i, c) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let number = c
            .number
            .map(|n| format!("{} {n} · ", tr(lang, Msg::KindCluster)))
            .unwrap_or_default();
        out.push_str(&format!("{number}{} · {}\n", c.name, c.region));
        if c.illustrative {
            out.push_str(&format!("({})\n", tr(lang, Msg::Illustrative)));
        }
        if c.years.is_empty() {
            out.push_str(&format!("  {}\n", tr(lang, Msg::NoHistory)));
            continue;
        }
        let header = [
            Msg::Year,
            Msg::Head,
            Msg::Deputies,
            Msg::Flag,
            Msg::Certificates,
            Msg::FlagHolder,
        ]
        .map(|m| tr(lang, m).to_string());
        let rows: Vec<[Vec<String>; 6]> = c
            .years
            .iter()
            .map(|y| {
                [
                    vec![y.year.to_string()],
                    y.head.iter().map(cell_name).collect(),
                    y.deputies.iter().map(cell_name).collect(),
                    y.flag.iter().map(|a| award_cell(a, lang)).collect(),
                    y.certificates.iter().map(|a| award_cell(a, lang)).collect(),
                    y.flag_holder.iter().map(cell_name).collect(),
                ]
            })
            .collect();
        out.push_str(&table(&header, &rows));
        if !c.notes.is_empty() {
            out.push_str(&format!("{}:\n", tr(lang, Msg::Notes)));
            for n in &c.notes {
                out.push_str(&format!("  {n}\n"));
            }
        }
    }
    out
}

/// Lays out a table with aligned columns; empty cells show `—`.
pub(super) fn table<const N: usize>(header: &[String; N], rows: &[[Vec<String>; N]]) -> String {
    let mut widths = header.clone().map(|h| h.width());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = cell
                .iter()
                .map(|s| s.width())
                .chain([1, *w])
                .max()
                .unwrap_or(*w);
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            s.push_str(cell);
            if i + 1 < N {
                s.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(String::as_str).collect());
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for row in rows {
        let height = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| match c.get(k) {
                    Some(s) => s.as_str(),
                    None if k == 0 => "—",
                    None => "",
                })
                .collect();
            out.push_str(&line(cells));
        }
    }
    out
}

pub(super) fn run(
    store: &Store,
    cluster: Option<&str>,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let reports = build(store, cluster, lang)?;
    if reports.is_empty() && cluster.is_some() {
        return Err(Failure::no_cluster(lang, cluster.unwrap_or_default()));
    }
    if json {
        super::print_json(out, &reports)?;
    } else {
        write!(out, "{}", render(&reports, lang))?;
    }
    Ok(())
}
