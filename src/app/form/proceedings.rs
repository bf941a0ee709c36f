//! The meeting form's part for the conference's papers: hours, secretary,
//! vote-counting committee, each person's title at the time, delegates per
//! member school, and each document's issuer and number. The rows that
//! depend on other fields (a title per person picked, delegates per member
//! of the cluster's year, a number per ballot of that year) follow those
//! fields as they change, keeping what was typed.

use super::{AboutKind, BuildError, Field, FieldKind, Form, RefKind, Target, get, opt, with_picks};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;
use std::collections::HashMap;

/// The person pickers whose people get a title row, in form order.
const PEOPLE: [&str; 5] = [
    "chairs",
    "guests",
    "secretaries",
    "counting_head",
    "counting_members",
];

/// The keys of the rows that follow other fields.
const TITLE: &str = "title";
const DELEGATES: &str = "delegates";
const TALLY_NUMBER: &str = "tally_number";

fn ids(ps: &[Participant]) -> Vec<u64> {
    ps.iter().filter_map(|p| p.person).map(|p| p.0).collect()
}

fn text(key: &'static str, label: Msg, value: &str) -> Field {
    Field::new(key, label, FieldKind::Text, value)
}

/// The hours and the people the papers name.
pub(super) fn people_fields(m: Option<&Meeting>) -> Vec<Field> {
    let p: Option<&Proceedings> = m.map(|m| &*m.proceedings);
    vec![
        Field::new(
            "start",
            Msg::FieldStart,
            FieldKind::Clock,
            &opt(p.and_then(|p| p.start)),
        ),
        Field::new(
            "end",
            Msg::FieldEnd,
            FieldKind::Clock,
            &opt(p.and_then(|p| p.end)),
        ),
        with_picks(
            Field::new(
                "secretaries",
                Msg::FieldSecretaries,
                FieldKind::RefList(RefKind::Person),
                "",
            ),
            p.map(|p| ids(&p.secretaries)).unwrap_or_default(),
        ),
        with_picks(
            Field::new(
                "counting_head",
                Msg::FieldCountingHead,
                FieldKind::Ref(RefKind::Person),
                "",
            ),
            p.and_then(|p| p.counting_head.as_ref())
                .and_then(|x| x.person)
                .map(|x| x.0),
        ),
        with_picks(
            Field::new(
                "counting_members",
                Msg::FieldCountingMembers,
                FieldKind::RefList(RefKind::Person),
                "",
            ),
            p.map(|p| ids(&p.counting_members)).unwrap_or_default(),
        ),
    ]
}

/// Each document's issuer and number.
pub(super) fn paper_fields(m: Option<&Meeting>) -> Vec<Field> {
    let p: Option<&Proceedings> = m.map(|m| &*m.proceedings);
    let paper = |f: fn(&Proceedings) -> &Paper| p.map(f).cloned().unwrap_or_default();
    let (minutes, tally, proposal) = (
        paper(|p| &p.minutes),
        paper(|p| &p.tally),
        paper(|p| &p.proposal),
    );
    vec![
        text("minutes_parent", Msg::FieldMinutesParent, &minutes.parent),
        text("minutes_issuer", Msg::FieldMinutesIssuer, &minutes.issuer),
        text("minutes_number", Msg::FieldMinutesNumber, &minutes.number),
        text("tally_parent", Msg::FieldTallyParent, &tally.parent),
        text("tally_issuer", Msg::FieldTallyIssuer, &tally.issuer),
        text(
            "proposal_parent",
            Msg::FieldProposalParent,
            &proposal.parent,
        ),
        text(
            "proposal_issuer",
            Msg::FieldProposalIssuer,
            &proposal.issuer,
        ),
        text(
            "proposal_number",
            Msg::FieldProposalNumber,
            &proposal.number,
        ),
        Field::new(
            "proposal_date",
            Msg::FieldProposalDate,
            FieldKind::Date,
            &opt(p.and_then(|p| p.proposal_date)),
        ),
    ]
}

/// The meeting's cluster and year as the form has them now.
fn cluster_year(form: &Form) -> Option<(ClusterId, u16)> {
    let cluster = form.field("cluster")?.one().map(ClusterId)?;
    let year = form
        .field("year")
        .and_then(Field::year)
        .or_else(|| form.field("date").and_then(Field::date).map(|d| d.year))?;
    Some((cluster, year))
}

/// The rows the form's other fields call for now: (key, what about).
fn wanted(form: &Form, data: &Data) -> Vec<(&'static str, u64)> {
    let mut out: Vec<(&'static str, u64)> = Vec::new();
    for key in PEOPLE {
        for id in form
            .field(key)
            .map(|f| f.picked.clone())
            .unwrap_or_default()
        {
            if !out.contains(&(TITLE, id)) {
                out.push((TITLE, id));
            }
        }
    }
    if let Some((cluster, year)) = cluster_year(form) {
        if let Some(c) = data.clusters.get(&cluster) {
            for s in conference::members_for_year(c, year, &data.schools) {
                out.push((DELEGATES, s.0));
            }
        }
        for (id, _) in conference::ballots_of(&data.ballots, cluster, year) {
            out.push((TALLY_NUMBER, id.0));
        }
    }
    out
}

/// The stored value of a row, for a row that appears.
fn stored(m: Option<&Meeting>, key: &str, about: u64, data: &Data) -> String {
    let Some(m) = m else {
        return String::new();
    };
    let p = &m.proceedings;
    match key {
        TITLE => m
            .chairs
            .iter()
            .chain(&m.guests)
            .chain(p.participants())
            .find(|x| x.person == Some(PersonId(about)))
            .map(|x| x.title.clone())
            .unwrap_or_default(),
        DELEGATES => opt(p.delegates_of(SchoolId(about))),
        TALLY_NUMBER => data
            .ballots
            .get(&BallotId(about))
            .and_then(|b| p.tally_number(&b.question))
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    }
}

fn row(key: &'static str, about: u64, value: &str) -> Field {
    let (label, kind, about_kind) = match key {
        TITLE => (Msg::FieldTitleAt, FieldKind::Text, AboutKind::Person),
        DELEGATES => (Msg::FieldDelegates, FieldKind::Number, AboutKind::School),
        _ => (Msg::FieldTallyNumber, FieldKind::Text, AboutKind::Ballot),
    };
    Field::new(key, label, kind, value).about(about_kind, about)
}

/// Brings the rows that follow other fields up to date: a title row per
/// person picked (after the last person picker), a delegates row per member
/// of the cluster's year (after it), a number row per ballot of that year
/// (after the tally's issuer). Typing in rows that stay is kept.
pub fn reshape(form: &mut Form, data: &Data) {
    if !matches!(form.target, Target::Meeting(_)) {
        return;
    }
    let want = wanted(form, data);
    let have: Vec<(&'static str, u64)> = form
        .fields
        .iter()
        .filter(|f| matches!(f.key, TITLE | DELEGATES | TALLY_NUMBER))
        .filter_map(|f| f.about.map(|a| (f.key, a)))
        .collect();
    if want == have {
        return;
    }
    let meeting = match form.target {
        Target::Meeting(Some(id)) => data.meetings.get(&id),
        _ => None,
    };
    let focus = form.current().map(|f| (f.key, f.about));
    let mut typed: HashMap<(&'static str, u64), Field> = HashMap::new();
    let mut rest = Vec::new();
    for f in std::mem::take(&mut form.fields) {
        match (f.key, f.about) {
            (TITLE | DELEGATES | TALLY_NUMBER, Some(a)) => {
                typed.insert((f.key, a), f);
            }
            _ => rest.push(f),
        }
    }
    let mut make = |key: &'static str| -> Vec<Field> {
        want.iter()
            .filter(|(k, _)| *k == key)
            .map(|(k, a)| {
                typed
                    .remove(&(*k, *a))
                    .unwrap_or_else(|| row(k, *a, &stored(meeting, k, *a, data)))
            })
            .collect()
    };
    let (titles, delegates, numbers) = (make(TITLE), make(DELEGATES), make(TALLY_NUMBER));
    let mut out = Vec::with_capacity(rest.len() + want.len());
    let (mut titles, mut delegates, mut numbers) = (Some(titles), Some(delegates), Some(numbers));
    for f in rest {
        let key = f.key;
        out.push(f);
        match key {
            "counting_members" => {
                out.extend(titles.take().unwrap_or_default());
                out.extend(delegates.take().unwrap_or_default());
            }
            "tally_issuer" => out.extend(numbers.take().unwrap_or_default()),
            _ => {}
        }
    }
    for left in [titles, delegates, numbers].into_iter().flatten() {
        out.extend(left);
    }
    form.fields = out;
    if let Some((key, about)) = focus
        && let Some(i) = form
            .fields
            .iter()
            .position(|f| f.key == key && f.about == about)
    {
        form.focus = i;
    }
    form.focus = form.focus.min(form.fields.len().saturating_sub(1));
}

/// The title typed for a person, if the form has a row for them.
fn title_of(form: &Form, person: Option<PersonId>) -> Option<String> {
    let id = person?.0;
    form.fields
        .iter()
        .find(|f| f.key == TITLE && f.about == Some(id))
        .map(Field::text)
}

/// Sets each participant's title to the one typed in their row.
pub(super) fn apply_titles(form: &Form, list: &mut [Participant]) {
    for p in list {
        if let Some(t) = title_of(form, p.person) {
            p.title = t;
        }
    }
}

/// Reads the papers' facts back; `participants` turns picks into
/// participants (keeping what was recorded for people already named).
pub(super) fn build(
    form: &Form,
    old: &Proceedings,
    data: &Data,
    participants: impl Fn(&[u64], &[Participant]) -> Vec<Participant>,
) -> Result<Proceedings, BuildError> {
    let mut p = old.clone();
    p.start = get(form, "start")?.clock();
    p.end = get(form, "end")?.clock();
    p.secretaries = participants(&get(form, "secretaries")?.picked, &old.secretaries);
    let head_old: Vec<Participant> = old.counting_head.iter().cloned().collect();
    p.counting_head = get(form, "counting_head")?
        .one()
        .and_then(|id| participants(&[id], &head_old).into_iter().next());
    p.counting_members = participants(
        &get(form, "counting_members")?.picked,
        &old.counting_members,
    );
    apply_titles(form, &mut p.secretaries);
    apply_titles(form, &mut p.counting_members);
    if let Some(h) = &mut p.counting_head {
        apply_titles(form, std::slice::from_mut(h));
    }
    p.delegations = form
        .fields
        .iter()
        .filter(|f| f.key == DELEGATES)
        .filter_map(|f| {
            Some(Delegation {
                school: SchoolId(f.about?),
                delegates: f.number()?,
            })
        })
        .collect();
    let paper = |prefix: &str| -> Result<Paper, BuildError> {
        let key = |k: &str| -> Result<String, BuildError> {
            let want = format!("{prefix}_{k}");
            form.fields
                .iter()
                .find(|f| f.key == want)
                .map(Field::text)
                .ok_or(("minutes_issuer", Msg::ErrRequired))
        };
        Ok(Paper {
            parent: key("parent")?,
            issuer: key("issuer")?,
            number: if prefix == "tally" {
                String::new()
            } else {
                key("number")?
            },
        })
    };
    p.minutes = paper("minutes")?;
    p.tally = paper("tally")?;
    p.proposal = paper("proposal")?;
    p.proposal_date = get(form, "proposal_date")?.date();
    // Numbers of votes no longer in the form's year are kept as they were.
    let mut numbers: Vec<TallyNumber> = Vec::new();
    for f in form.fields.iter().filter(|f| f.key == TALLY_NUMBER) {
        let Some(b) = f.about.and_then(|a| data.ballots.get(&BallotId(a))) else {
            continue;
        };
        let number = f.text();
        if !number.is_empty() && !numbers.iter().any(|n| n.question == b.question) {
            numbers.push(TallyNumber {
                question: b.question.clone(),
                number,
            });
        }
    }
    for n in &old.tally_numbers {
        let shown = form.fields.iter().any(|f| {
            f.key == TALLY_NUMBER
                && f.about
                    .and_then(|a| data.ballots.get(&BallotId(a)))
                    .is_some_and(|b| b.question == n.question)
        });
        if !shown {
            numbers.push(n.clone());
        }
    }
    p.tally_numbers = numbers;
    Ok(p)
}
