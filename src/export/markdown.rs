//! The sheet and the conference minutes as Markdown.

use super::report::{SheetReport, audit_line, mark, rank_text};
use crate::i18n::{Lang, Msg, tr};
use std::fmt::Write;

/// Escapes the characters that would break a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn grid(out: &mut String, r: &SheetReport, lang: Lang) {
    let t = |m| tr(lang, m);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |",
        t(Msg::Code),
        t(Msg::Criterion),
        t(Msg::Max),
        r.schools
            .iter()
            .map(|s| cell(s))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|---|---:|{}", "---:|".repeat(r.schools.len()));
    for row in &r.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|(_, c)| c.map_or_else(|| "·".to_string(), |p| p.to_string()))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&row.code),
            cell(&row.name),
            row.max,
            cells.join(" | ")
        );
    }
    let totals: Vec<String> = r
        .totals
        .iter()
        .map(|(_, c)| format!("**{}**", c.total))
        .collect();
    let _ = writeln!(
        out,
        "| | **{}** | | {} |",
        t(Msg::Total),
        totals.join(" | ")
    );
    let ranks: Vec<String> = r
        .ranks
        .iter()
        .map(|(n, tied)| format!("**{}**", rank_text(*n, *tied)))
        .collect();
    let _ = writeln!(out, "| | **{}** | | {} |", t(Msg::Rank), ranks.join(" | "));
}

fn ballots(out: &mut String, r: &SheetReport, lang: Lang) {
    let t = |m| tr(lang, m);
    for b in &r.ballots {
        let [issued, valid, invalid, present, all] = b.counts;
        let _ = writeln!(
            out,
            "\n**{}** — {}: {issued}, {}: {valid}, {}: {invalid}, {}: {present}/{all}",
            b.question,
            t(Msg::Issued),
            t(Msg::Valid),
            t(Msg::Invalid),
            t(Msg::Present)
        );
        match &b.error {
            Some(e) => {
                let _ = writeln!(out, "\n> {e}");
            }
            None => {
                if let Some(n) = b.needed {
                    let _ = writeln!(out, "{}: {n}\n", t(Msg::Needed));
                }
                let _ = writeln!(
                    out,
                    "| | {} | {} |\n|---|---:|---|",
                    t(Msg::Votes),
                    t(Msg::Passes)
                );
                for (name, votes, passes) in &b.results {
                    let _ = writeln!(
                        out,
                        "| {} | {votes} | {} |",
                        cell(name),
                        if *passes { t(Msg::Yes) } else { t(Msg::No) }
                    );
                }
            }
        }
    }
}

fn outcomes(out: &mut String, r: &SheetReport, lang: Lang) {
    let t = |m| tr(lang, m);
    if !r.awards.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(Msg::Outcomes));
        for (kind, school, status) in &r.awards {
            let _ = writeln!(out, "- {kind}: {school} ({status})");
        }
    }
    if r.next_head.is_some() || !r.next_deputies.is_empty() {
        let _ = writeln!(out, "\n## {} {}\n", t(Msg::NextLeadership), r.year + 1);
        if let Some(h) = &r.next_head {
            let _ = writeln!(out, "- {}: {h}", t(Msg::Head));
        }
        for d in &r.next_deputies {
            let _ = writeln!(out, "- {}: {d}", t(Msg::Deputies));
        }
    }
    if !r.amendments.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(Msg::Amendments));
        for a in &r.amendments {
            let _ = writeln!(out, "- {a}");
        }
    }
}

/// The sheet, ballots and outcomes.
pub fn sheet(r: &SheetReport, lang: Lang) -> String {
    let mut out = String::new();
    if r.illustrative {
        let _ = writeln!(out, "> **{}**\n", mark(lang));
    }
    let _ = writeln!(
        out,
        "# {} · {} · {}\n\n{}\n",
        tr(lang, Msg::SheetTitle),
        r.cluster_label,
        r.year,
        r.cluster_name
    );
    grid(&mut out, r, lang);
    if !r.ballots.is_empty() {
        let _ = writeln!(out, "\n## {}", tr(lang, Msg::Ballots));
        ballots(&mut out, r, lang);
    }
    outcomes(&mut out, r, lang);
    let _ = writeln!(out, "\n{}", audit_line(r, lang));
    out
}

/// The minutes (biên bản) of the year-end conference.
pub fn minutes(r: &SheetReport, lang: Lang) -> String {
    let t = |m| tr(lang, m);
    let mut out = String::new();
    if r.illustrative {
        let _ = writeln!(out, "> **{}**\n", mark(lang));
    }
    let _ = writeln!(
        out,
        "# {} {} — {}\n\n{}\n",
        t(Msg::Minutes),
        r.year,
        r.cluster_label,
        r.cluster_name
    );
    if let Some((date, place, chairs)) = &r.meeting {
        let _ = writeln!(out, "- {}: {date}", t(Msg::FieldDate));
        let _ = writeln!(out, "- {}: {place}", t(Msg::Place));
        if !chairs.is_empty() {
            let _ = writeln!(out, "- {}: {}", t(Msg::Chairs), chairs.join(", "));
        }
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::Participants));
    for name in &r.school_names {
        let _ = writeln!(out, "- {name}");
    }
    let _ = writeln!(out, "\n## {}\n", t(Msg::Ranking));
    grid(&mut out, r, lang);
    if !r.ballots.is_empty() {
        let _ = writeln!(out, "\n## {}", t(Msg::Ballots));
        ballots(&mut out, r, lang);
    }
    outcomes(&mut out, r, lang);
    if let Some(l) = &r.locked {
        let _ = writeln!(out, "\n{}: {l}", t(Msg::Locked));
    }
    let _ = writeln!(out, "\n{}", audit_line(r, lang));
    out
}
