//! Tờ trình to the Academy: the schools proposed for the Cờ thi đua and the
//! Bằng khen with their total, rank and share of the votes, and the request
//! to recognise next year's head and deputies.

use super::facts::{DOTS, Facts};
use super::layout::{Sheet, Symbol, cell, head_cells};
use super::package::TEXT_W;
use super::xml::{Align, Cell, Para, Run, Table};
use crate::domain::{AwardKind, Question, SchoolId};
use crate::export::report::{SheetReport, rank_text};
use crate::i18n::{Msg, names};

/// The ballot question that decides an award.
fn question_of(kind: &AwardKind) -> Option<Question> {
    match kind {
        AwardKind::AcademyFlag => Some(Question::Flag),
        AwardKind::AcademyCertificate => Some(Question::Certificate),
        _ => None,
    }
}

/// A school's share of the votes of the ballot that proposed it.
fn share(f: &Facts<'_>, question: Option<Question>, school: SchoolId) -> String {
    let counted = f
        .ballots
        .iter()
        .find(|c| Some(&c.ballot.question) == question.as_ref());
    counted
        .and_then(|c| c.tally.as_ref().ok())
        .and_then(|t| {
            t.results
                .iter()
                .find(|r| r.candidate == school)
                .map(|r| format!("{}/{} ({})", r.votes, t.base, f.share(r.votes, t.base)))
        })
        .unwrap_or_else(|| super::facts::GAP.to_string())
}

fn proposals(s: &mut Sheet<'_, '_>, r: &SheetReport) {
    let f = s.facts;
    let mut awards: Vec<_> = f
        .data
        .awards_of_cluster(f.cluster_id)
        .into_iter()
        .filter(|(_, a)| a.year == f.year && question_of(&a.kind).is_some())
        .map(|(_, a)| a)
        .collect();
    awards.sort_by_key(|a| {
        question_of(&a.kind).map(|q| crate::domain::conference::question_order(&q).0)
    });
    if awards.is_empty() {
        s.body(f.t(Msg::PpNoProposals));
        return;
    }
    let sheet = crate::domain::conference::sheet_of(&f.data.sheets, f.cluster_id, f.year);
    let column =
        |school: SchoolId| sheet.and_then(|(_, sh)| sh.schools.iter().position(|x| *x == school));
    let widths = vec![
        500,
        TEXT_W - 500 - 2300 - 1100 - 900 - 1600,
        2300,
        1100,
        900,
        1600,
    ];
    let head = [
        Msg::PpNo,
        Msg::PpSchool,
        Msg::PpAward,
        Msg::PpTotal,
        Msg::PpRank,
        Msg::PpShare,
    ];
    let mut rows = vec![head_cells(f, &head)];
    for (i, a) in awards.iter().enumerate() {
        let col = column(a.recipient);
        let total = col
            .and_then(|c| r.totals.get(c))
            .map_or_else(|| DOTS.to_string(), |(_, t)| t.total.to_string());
        let rank = col
            .and_then(|c| r.ranks.get(c))
            .map_or_else(|| DOTS.to_string(), |(n, tied)| rank_text(*n, *tied));
        rows.push(vec![
            cell(Align::Center, (i + 1).to_string(), false),
            cell(Align::Left, f.school(a.recipient), false),
            cell(Align::Left, names::award(f.lang, &a.kind), false),
            cell(Align::Center, total, false),
            cell(Align::Center, rank, false),
            cell(
                Align::Center,
                share(f, question_of(&a.kind), a.recipient),
                false,
            ),
        ]);
    }
    s.table(&Table {
        widths,
        rows,
        borders: true,
        header_rows: 1,
        keep_rows: true,
    });
}

/// The proposal to the Academy.
pub fn write(f: &Facts<'_>, r: &SheetReport) -> String {
    let mut s = Sheet::new(f);
    let p = f.proceedings();
    s.heading(
        &p.proposal,
        &p.proposal.number,
        Symbol::Proposal,
        Some(p.proposal_date),
        false,
    );
    s.title(
        f.t(Msg::PpProposalWord),
        &f.f(Msg::PpProposalOf, &[&f.year, &(f.year + 1)]),
    );
    s.p(
        Para::center().after_pt(12),
        &[Run::new(f.f(Msg::PpTo, &[&f.t(Msg::PpAcademy)]))],
    );
    if let Some(t) = f.table.filter(|t| !t.legal_basis.trim().is_empty()) {
        s.body(&format!(
            "{};",
            f.f(
                Msg::PpBasis,
                &[&t.legal_basis.trim().trim_end_matches(['.', ';'])]
            )
        ));
    }
    s.body(&format!(
        "{};",
        f.f(
            Msg::PpBasisConference,
            &[&f.meeting_title(), &f.day(f.meeting.and_then(|m| m.date))],
        )
    ));
    s.body(&f.f(Msg::PpPropose, &[&f.cluster_name()]));
    proposals(&mut s, r);
    s.p(
        Para::body().before_pt(6),
        &[Run::new(f.f(Msg::PpRecognise, &[&(f.year + 1)]))],
    );
    s.next_leaders(r);
    s.body(f.t(Msg::PpProposalClose));
    let left = Cell {
        paras: s.recipient_paras(),
        span: 1,
        middle: false,
    };
    let head = f.t(Msg::PpHead).to_uppercase();
    let right = s.sign_cell(&[f.t(Msg::PpOnBehalf), &head], Vec::new());
    s.side_by_side(left, right);
    s.out
}
