//! The ballot form: the question, the counts, and the votes of each member.

use super::{BuildError, Field, FieldKind, Form, get, opt, options, with_choice};
use crate::app::data::Data;
use crate::domain::conference;
use crate::domain::*;
use crate::i18n::Msg;

const QUESTIONS: [(&str, &str); 4] = [
    ("Cờ thi đua của Học viện", "Academy emulation flag"),
    ("Bằng khen của Học viện", "Academy certificate of merit"),
    ("Cụm trưởng năm sau", "Next year's head"),
    ("Cụm phó năm sau", "Next year's deputies"),
];

/// The question of a choice index.
pub fn question(i: usize) -> Question {
    match i {
        1 => Question::Certificate,
        2 => Question::Head,
        3 => Question::Deputy,
        _ => Question::Flag,
    }
}

fn index(q: &Question) -> usize {
    match q {
        Question::Certificate => 1,
        Question::Head => 2,
        Question::Deputy => 3,
        _ => 0,
    }
}

/// The cluster's members in a year (else the latest year before it),
/// without the schools that had merged or closed before that year.
pub fn members(data: &Data, cluster: ClusterId, year: u16) -> Vec<SchoolId> {
    data.clusters
        .get(&cluster)
        .map(|c| crate::domain::conference::members_for_year(c, year, &data.schools))
        .unwrap_or_default()
}

/// The schools a ballot's question may name (see
/// [`conference::ballot_candidates`]). A school the stored ballot already
/// gives votes keeps its row, so saving never drops recorded votes.
fn candidates(
    data: &Data,
    b: Option<&Ballot>,
    cluster: ClusterId,
    year: u16,
    question: &Question,
) -> Vec<SchoolId> {
    let mut out: Vec<SchoolId> = data
        .clusters
        .get(&cluster)
        .map(|c| conference::ballot_candidates(c, year, question, &data.schools))
        .unwrap_or_default();
    for v in b.map(|b| b.votes.as_slice()).unwrap_or_default() {
        if !out.contains(&v.candidate) {
            out.push(v.candidate);
        }
    }
    out
}

/// The ballot already recorded for a question.
pub fn existing(
    data: &Data,
    cluster: ClusterId,
    year: u16,
    q: usize,
) -> Option<(BallotId, Ballot)> {
    crate::domain::conference::ballot_of(&data.ballots, cluster, year, &question(q))
        .map(|(id, b)| (id, b.clone()))
}

pub(super) fn fields(
    b: Option<&Ballot>,
    question: &Question,
    cluster: ClusterId,
    year: u16,
    data: &Data,
) -> Vec<Field> {
    let n = u32::try_from(members(data, cluster, year).len()).unwrap_or(0);
    let num =
        |key, label, v: Option<u32>| Field::new(key, label, FieldKind::Number, &opt(v)).required();
    let mut out = vec![
        with_choice(
            Field::new(
                "question",
                Msg::BallotQuestion,
                FieldKind::Choice(options(&QUESTIONS)),
                "",
            ),
            b.map_or(0, |b| index(&b.question)),
        ),
        num(
            "total",
            Msg::AllMembers,
            Some(b.map_or(n, |b| b.members_total)),
        ),
        num(
            "present",
            Msg::Present,
            Some(b.map_or(n, |b| b.members_present)),
        ),
        num("issued", Msg::Issued, b.map(|b| b.issued)),
        num("valid", Msg::Valid, b.map(|b| b.valid)),
        num("invalid", Msg::Invalid, b.map(|b| b.invalid).or(Some(0))),
    ];
    for school in candidates(data, b, cluster, year, question) {
        let votes = b
            .and_then(|b| b.votes.iter().find(|v| v.candidate == school))
            .map(|v| v.votes);
        let mut f = Field::new("votes", Msg::Votes, FieldKind::Number, &opt(votes));
        f.about = Some(school.0);
        out.push(f);
    }
    out
}

pub(super) fn build(
    form: &Form,
    base: Option<Ballot>,
    cluster: ClusterId,
    year: u16,
) -> Result<Ballot, BuildError> {
    let count = |key: &'static str| -> Result<u32, BuildError> {
        get(form, key)?.number().ok_or((key, Msg::ErrNumber))
    };
    let mut b = base.unwrap_or(Ballot {
        cluster,
        year,
        question: Question::Flag,
        meeting: None,
        issued: 0,
        valid: 0,
        invalid: 0,
        members_present: 0,
        members_total: 0,
        votes: Vec::new(),
        illustrative: false,
    });
    b.question = question(get(form, "question")?.choice);
    b.members_total = count("total")?;
    b.members_present = count("present")?;
    b.issued = count("issued")?;
    b.valid = count("valid")?;
    b.invalid = count("invalid")?;
    b.votes = form
        .fields
        .iter()
        .filter(|f| f.key == "votes")
        .filter_map(|f| {
            Some(Vote {
                candidate: SchoolId(f.about?),
                votes: f.number()?,
            })
        })
        .collect();
    Ok(b)
}
