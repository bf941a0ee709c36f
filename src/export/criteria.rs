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
//! Numbers take a decimal comma or point (`0,5`, `0.5`).

use crate::domain::*;

/// A line that could not be read, with its number (1-based, header = 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
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

/// Reads a criteria table for `year` (and `cluster`) from CSV text.
pub fn parse(text: &str, year: u16, cluster: Option<ClusterId>) -> Result<CriteriaTable, CsvError> {
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if header.iter().map(String::as_str).ne(HEADER) {
        return Err(CsvError {
            line: 1,
            message: format!("the header must be `{}`", HEADER.join(",")),
        });
    }
    let mut codes: Vec<String> = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let err = |message: String| CsvError { line, message };
        let rec = rec.map_err(|e| err(e.to_string()))?;
        if rec.len() > HEADER.len() {
            return Err(err(format!(
                "{} columns where {} are expected; a decimal comma must be quoted (\"0,5\") or written 0.5",
                rec.len(),
                HEADER.len()
            )));
        }
        let col = |n: usize| crate::text::clean_line(rec.get(n).unwrap_or(""));
        let points = |n: usize| -> Result<Points, CsvError> {
            let v = col(n);
            Points::parse(&v).map_err(|e| {
                err(format!(
                    "`{v}` in column {}: {e}",
                    HEADER.get(n).unwrap_or(&"")
                ))
            })
        };
        let section = col(0).to_lowercase();
        let mut item = || -> Result<Criterion, CsvError> {
            let code = col(3);
            if code.is_empty() {
                return Err(err("a code is required".into()));
            }
            if codes.contains(&code) {
                return Err(err(format!("the code `{code}` is used twice")));
            }
            codes.push(code.clone());
            let (max, step) = (points(5)?, points(6)?);
            if max.0 <= 0 || step.0 < 0 || (step.0 > 0 && !max.is_multiple_of(step)) {
                return Err(err(format!(
                    "max {max} must be positive and a multiple of step {step}"
                )));
            }
            Ok(Criterion {
                code,
                name: col(4),
                max,
                step,
            })
        };
        match section.as_str() {
            "" => continue,
            "title" => table.title = col(4),
            "criterion" => {
                let c = item()?;
                let (gc, gn) = (col(1), col(2));
                if gc.is_empty() {
                    return Err(err("a criterion needs a group_code".into()));
                }
                match table.groups.iter_mut().find(|g| g.code == gc) {
                    Some(g) => g.criteria.push(c),
                    None => table.groups.push(CriteriaGroup {
                        code: gc,
                        name: gn,
                        criteria: vec![c],
                    }),
                }
            }
            "bonus" => table.bonus.push(item()?),
            "penalty" => table.penalties.push(item()?),
            "bonus_cap" => table.bonus_cap = points(5)?,
            "tie_break" => {
                let code = col(3);
                let step = match code.split_once(':') {
                    Some(("group", g)) => TieBreak::GroupScore(g.trim().to_string()),
                    Some(("criterion", c)) => TieBreak::CriterionScore(c.trim().to_string()),
                    _ => match code.as_str() {
                        "more_bonus" => TieBreak::MoreBonus,
                        "fewer_penalties" => TieBreak::FewerPenalties,
                        "self_total" => TieBreak::SelfTotal,
                        other => return Err(err(format!("unknown tie_break `{other}`"))),
                    },
                };
                table.tie_break.push(step);
            }
            "vote_rule" => {
                let base = match col(3).as_str() {
                    "valid" => VoteBase::ValidBallots,
                    "present" => VoteBase::MembersPresent,
                    "all" => VoteBase::AllMembers,
                    other => {
                        return Err(err(format!(
                            "unknown vote base `{other}` (valid, present, all)"
                        )));
                    }
                };
                let strictly_more = match col(4).as_str() {
                    "more_than" => true,
                    "at_least" => false,
                    other => return Err(err(format!("`{other}`: use more_than or at_least"))),
                };
                let (share_num, share_den) =
                    share(&col(5)).ok_or_else(|| err("max must be a share such as 1/2".into()))?;
                let (quorum_num, quorum_den) = share(&col(6))
                    .ok_or_else(|| err("step must be a quorum such as 2/3".into()))?;
                table.vote_rule = VoteRule {
                    share_num,
                    share_den,
                    strictly_more,
                    base,
                    quorum_num,
                    quorum_den,
                };
            }
            "quota" => {
                let kind = match col(3).as_str() {
                    "flag" => AwardKind::AcademyFlag,
                    "certificate" => AwardKind::AcademyCertificate,
                    "excellent" => AwardKind::ExcellentCollective,
                    "" => return Err(err("a quota needs the award in `code`".into())),
                    other => AwardKind::Other(other.to_string()),
                };
                let max = col(5)
                    .parse()
                    .map_err(|_| err("max must be a whole number".into()))?;
                table.award_quotas.push(AwardQuota { kind, max });
            }
            "legal_basis" => table.legal_basis = col(4),
            other => return Err(err(format!("unknown section `{other}`"))),
        }
    }
    if table.groups.is_empty() {
        return Err(CsvError {
            line: 1,
            message: "the table has no criteria".into(),
        });
    }
    Ok(table)
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
