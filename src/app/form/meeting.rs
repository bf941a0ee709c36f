//! The meeting form: kind, cluster, date, host, topic, counts, chairs and
//! guests, decisions; then what the conference's papers need
//! (`proceedings.rs`).

use super::{
    BuildError, Field, FieldKind, Form, RefKind, cluster_field, get, opt, with_choice, with_picks,
};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;

fn kinds() -> Vec<(String, String)> {
    MeetingKind::ALL
        .iter()
        .map(|k| (k.name_vi().to_string(), k.name_en().to_string()))
        .collect()
}

fn people(ps: &[Participant]) -> Vec<u64> {
    ps.iter().filter_map(|p| p.person).map(|p| p.0).collect()
}

pub(super) fn fields(m: Option<&Meeting>, _data: &Data) -> Vec<Field> {
    let mut out = facts(m);
    let notes = out.pop();
    out.extend(super::proceedings::people_fields(m));
    out.extend(super::proceedings::paper_fields(m));
    out.extend(notes);
    out
}

/// The meeting's own facts, notes last.
fn facts(m: Option<&Meeting>) -> Vec<Field> {
    let kind = m.map_or(0, |m| {
        MeetingKind::ALL
            .iter()
            .position(|k| *k == m.kind)
            .unwrap_or(0)
    });
    vec![
        with_choice(
            Field::new("kind", Msg::FieldKind, FieldKind::Choice(kinds()), ""),
            kind,
        ),
        Field::new(
            "title",
            Msg::FieldTitle,
            FieldKind::Text,
            m.map_or("", |m| &m.title),
        )
        .required(),
        cluster_field(m.and_then(|m| m.cluster)),
        Field::new(
            "year",
            Msg::FieldYear,
            FieldKind::Year,
            &opt(m.and_then(|m| m.year)),
        ),
        Field::new(
            "date",
            Msg::FieldDate,
            FieldKind::Date,
            &opt(m.and_then(|m| m.date)),
        ),
        with_picks(
            Field::new("host", Msg::FieldHost, FieldKind::Ref(RefKind::School), ""),
            m.and_then(|m| m.host).map(|h| h.0),
        ),
        Field::new(
            "place",
            Msg::FieldPlace,
            FieldKind::Text,
            m.map_or("", |m| &m.place),
        ),
        Field::new(
            "topic",
            Msg::FieldTopic,
            FieldKind::Text,
            m.map_or("", |m| &m.topic),
        ),
        Field::new(
            "papers",
            Msg::FieldPapers,
            FieldKind::Number,
            &opt(m.and_then(|m| m.papers)),
        ),
        Field::new(
            "speeches",
            Msg::FieldSpeeches,
            FieldKind::Number,
            &opt(m.and_then(|m| m.speeches)),
        ),
        with_picks(
            Field::new(
                "chairs",
                Msg::FieldChairs,
                FieldKind::RefList(RefKind::Person),
                "",
            ),
            m.map(|m| people(&m.chairs)).unwrap_or_default(),
        ),
        with_picks(
            Field::new(
                "guests",
                Msg::FieldGuests,
                FieldKind::RefList(RefKind::Person),
                "",
            ),
            m.map(|m| people(&m.guests)).unwrap_or_default(),
        ),
        Field::new(
            "decisions",
            Msg::FieldDecisions,
            FieldKind::TextList,
            &m.map(|m| m.decisions.join("; ")).unwrap_or_default(),
        ),
        Field::new(
            "notes",
            Msg::FieldNotes,
            FieldKind::Text,
            m.map_or("", |m| &m.notes),
        )
        .note(),
    ]
}

/// The participants for the picked people: a person already listed keeps the
/// title recorded for them; a new one gets their organisation; participants
/// named only by organisation are kept as they were.
fn participants(picked: &[u64], old: &[Participant], data: &Data) -> Vec<Participant> {
    let mut out: Vec<Participant> = picked
        .iter()
        .map(|id| {
            let id = PersonId(*id);
            old.iter()
                .find(|p| p.person == Some(id))
                .cloned()
                .unwrap_or_else(|| {
                    let person = data.people.get(&id);
                    Participant {
                        person: Some(id),
                        title: String::new(),
                        organisation: person
                            .map(|p| {
                                p.school
                                    .map(|s| data.school_name(s))
                                    .unwrap_or_else(|| p.organisation.clone())
                            })
                            .unwrap_or_default(),
                    }
                })
        })
        .collect();
    out.extend(old.iter().filter(|p| p.person.is_none()).cloned());
    out
}

pub(super) fn build(
    form: &Form,
    base: Option<Meeting>,
    data: &Data,
) -> Result<Meeting, BuildError> {
    let kind = MeetingKind::ALL
        .get(get(form, "kind")?.choice)
        .copied()
        .unwrap_or(MeetingKind::Other);
    let mut m = base.unwrap_or_else(|| Meeting::new(kind, None, ""));
    m.kind = kind;
    m.title = get(form, "title")?.text();
    m.cluster = get(form, "cluster")?.one().map(ClusterId);
    m.date = get(form, "date")?.date();
    m.year = get(form, "year")?.year().or(m.date.map(|d| d.year));
    m.host = get(form, "host")?.one().map(SchoolId);
    m.place = get(form, "place")?.text();
    m.topic = get(form, "topic")?.text();
    m.papers = get(form, "papers")?.number();
    m.speeches = get(form, "speeches")?.number();
    m.chairs = participants(&get(form, "chairs")?.picked, &m.chairs, data);
    m.guests = participants(&get(form, "guests")?.picked, &m.guests, data);
    super::proceedings::apply_titles(form, &mut m.chairs);
    super::proceedings::apply_titles(form, &mut m.guests);
    m.proceedings = Box::new(super::proceedings::build(
        form,
        &m.proceedings,
        data,
        |picked, old| participants(picked, old, data),
    )?);
    m.decisions = get(form, "decisions")?.list();
    m.notes = get(form, "notes")?.text();
    Ok(m)
}
