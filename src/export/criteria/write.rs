//! Writing a criteria table as CSV, in the columns [`super::parse`] reads.

use super::HEADER;
use crate::domain::{AwardKind, CriteriaTable, TieBreak, VoteBase};

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
