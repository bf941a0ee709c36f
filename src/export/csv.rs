//! The sheet as CSV: one row per item with the cluster's scores, then the
//! totals, ranks, self-score totals, ballots and outcomes as labelled rows.

use super::report::{SheetReport, audit_line, mark, rank_text};
use crate::i18n::{Lang, Msg, tr};

fn opt(p: Option<crate::domain::Points>) -> String {
    p.map(|p| p.to_string()).unwrap_or_default()
}

/// Writes the report as CSV bytes (UTF-8 with a byte-order mark).
pub fn write(r: &SheetReport, lang: Lang) -> Result<Vec<u8>, std::io::Error> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let t = |m| tr(lang, m).to_string();
    let err = |e: ::csv::Error| std::io::Error::other(e.to_string());
    if r.illustrative {
        w.write_record([mark(lang)]).map_err(err)?;
    }
    w.write_record([
        format!("{} · {} · {}", t(Msg::SheetTitle), r.cluster_label, r.year),
        r.cluster_name.clone(),
    ])
    .map_err(err)?;
    let mut head = vec![t(Msg::Code), t(Msg::Criterion), t(Msg::Max)];
    head.extend(r.schools.iter().cloned());
    w.write_record(&head).map_err(err)?;
    for row in &r.rows {
        let mut rec = vec![row.code.clone(), row.name.clone(), row.max.to_string()];
        rec.extend(row.cells.iter().map(|(_, c)| opt(*c)));
        w.write_record(&rec).map_err(err)?;
    }
    let mut total = vec![String::new(), t(Msg::Total), String::new()];
    total.extend(r.totals.iter().map(|(_, c)| c.total.to_string()));
    w.write_record(&total).map_err(err)?;
    let mut rank = vec![String::new(), t(Msg::Rank), String::new()];
    rank.extend(r.ranks.iter().map(|(n, tied)| rank_text(*n, *tied)));
    w.write_record(&rank).map_err(err)?;
    let mut own = vec![
        String::new(),
        format!("{} ({})", t(Msg::Total), t(Msg::SelfScore)),
        String::new(),
    ];
    own.extend(r.totals.iter().map(|(s, _)| s.total.to_string()));
    w.write_record(&own).map_err(err)?;
    for b in &r.ballots {
        w.write_record([t(Msg::Ballots), b.question.clone()])
            .map_err(err)?;
        match &b.error {
            Some(e) => w.write_record([String::new(), e.clone()]).map_err(err)?,
            None => {
                for (name, votes, passes) in &b.results {
                    let p = if *passes { t(Msg::Yes) } else { t(Msg::No) };
                    w.write_record([String::new(), name.clone(), votes.to_string(), p])
                        .map_err(err)?;
                }
            }
        }
    }
    for (kind, school, status) in &r.awards {
        w.write_record([
            t(Msg::Outcomes),
            kind.clone(),
            school.clone(),
            status.clone(),
        ])
        .map_err(err)?;
    }
    for a in &r.amendments {
        w.write_record([t(Msg::Amendments), a.clone()])
            .map_err(err)?;
    }
    w.write_record([audit_line(r, lang)]).map_err(err)?;
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(
        w.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?,
    );
    Ok(out)
}
