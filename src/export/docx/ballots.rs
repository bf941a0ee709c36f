//! Phiếu bầu: blank ballot papers to print before the vote, one page per
//! question (flag, certificates, head, deputies, then any other question
//! recorded), as many papers to a page as fit, with a dashed line to cut
//! along. Each paper lists the candidates with a box to tick.

use super::facts::Facts;
use super::layout::Sheet;
use super::package::{MARGIN_BOTTOM, MARGIN_TOP, PAGE_H, TEXT_W};
use super::xml::{Align, Cell, Para, Rule, Run, Table};
use crate::domain::{Question, conference};
use crate::i18n::{Msg, names};

/// The questions papers are printed for: the four of every conference, and
/// any other the year's ballots ask.
fn questions(f: &Facts<'_>) -> Vec<Question> {
    let mut out = vec![
        Question::Flag,
        Question::Certificate,
        Question::Head,
        Question::Deputy,
    ];
    for c in &f.ballots {
        if !out.contains(&c.ballot.question) {
            out.push(c.ballot.question.clone());
        }
    }
    out
}

/// How many papers of `candidates` rows fit on a page: a paper is about
/// 110 pt of headings and cut line and 20 pt a candidate, and a page
/// 728 pt of text (measured on LibreOffice's rendering).
pub fn per_page(candidates: usize) -> usize {
    let page = (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) / 20;
    let paper = 110 + 20 * u32::try_from(candidates).unwrap_or(u32::MAX / 40);
    usize::try_from(page / paper.max(1))
        .unwrap_or(1)
        .clamp(1, 4)
}

fn paper(s: &mut Sheet<'_, '_>, q: &Question, first: bool) {
    let f = s.facts;
    let year = match q {
        Question::Head | Question::Deputy => f.year.saturating_add(1),
        _ => f.year,
    };
    let candidates = conference::ballot_candidates(f.cluster, f.year, q, &f.data.schools);
    let seats = conference::seats(f.table, q);
    s.p(
        Para {
            page_break: first,
            ..Para::center().keep()
        },
        &[Run::new(f.cluster_name().to_uppercase()).b().pt(12)],
    );
    if f.illustrative {
        s.p(
            Para::center().keep(),
            &[Run::new(f.t(Msg::PpIllustrative)).b().i().pt(9)],
        );
    }
    s.p(
        Para::center().before_pt(6).keep(),
        &[Run::new(f.t(Msg::PpBallotWord)).b()],
    );
    s.p(
        Para::center().keep(),
        &[
            Run::new(f.f(Msg::PpBallotOf, &[&names::question(f.lang, q), &year]))
                .b()
                .pt(13),
        ],
    );
    let how = match seats {
        Some(n) => f.f(Msg::PpBallotHowTo, &[&n]),
        None => f.t(Msg::PpBallotHowToAny).to_string(),
    };
    s.p(
        Para::center().after_pt(6).keep(),
        &[Run::new(how).i().pt(12)],
    );
    if candidates.is_empty() {
        s.p(
            Para::center(),
            &[Run::new(f.t(Msg::PpCandidatesNone)).i().pt(12)],
        );
        return;
    }
    let rows = candidates
        .iter()
        .map(|c| {
            vec![
                Cell::text(Align::Center, ""),
                super::layout::cell(Align::Left, f.school(*c), false),
            ]
        })
        .collect();
    let box_w = 567;
    s.table(&Table {
        widths: vec![box_w, TEXT_W * 3 / 4 - box_w],
        rows,
        borders: true,
        header_rows: 0,
        keep_rows: true,
    });
}

/// The ballot papers of a cluster's year.
pub fn write(f: &Facts<'_>) -> String {
    let mut s = Sheet::new(f);
    for (qi, q) in questions(f).iter().enumerate() {
        let n = conference::ballot_candidates(f.cluster, f.year, q, &f.data.schools).len();
        let copies = per_page(n);
        for copy in 0..copies {
            paper(&mut s, q, qi > 0 && copy == 0);
            if copy + 1 < copies {
                // A dashed line to cut along, between papers.
                s.p(
                    Para {
                        rule: Some(Rule::Dashed),
                        after: 360,
                        size: Some(8),
                        ..Para::default()
                    },
                    &[],
                );
            }
        }
    }
    s.out
}
