//! The term form: one year's head, deputies, flag holder and recognition.

use super::{
    BuildError, Field, FieldKind, Form, RefKind, decision_fields, decision_from, get, opt,
    with_picks,
};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;

pub(super) fn fields(t: Option<&Term>, _cluster: ClusterId, _data: &Data) -> Vec<Field> {
    let rec = t.and_then(|t| t.recognition.as_ref());
    let mut fields = vec![
        Field::new(
            "year",
            Msg::FieldYear,
            FieldKind::Year,
            &opt(t.map(|t| t.year)),
        )
        .required(),
        with_picks(
            Field::new("head", Msg::FieldHead, FieldKind::Ref(RefKind::School), ""),
            t.and_then(|t| t.head).map(|s| s.0),
        ),
        with_picks(
            Field::new(
                "deputies",
                Msg::FieldDeputies,
                FieldKind::RefList(RefKind::School),
                "",
            ),
            t.map(|t| t.deputies.iter().map(|s| s.0).collect::<Vec<_>>())
                .unwrap_or_default(),
        ),
        with_picks(
            Field::new(
                "flag_holder",
                Msg::FieldFlagHolder,
                FieldKind::Ref(RefKind::School),
                "",
            ),
            t.and_then(|t| t.flag_holder).map(|s| s.0),
        ),
        Field::new(
            "notes",
            Msg::FieldNotes,
            FieldKind::Text,
            t.map_or("", |t| &t.notes),
        )
        .note(),
    ];
    // The recognition decision sits before the notes, as before.
    let at = fields.len().saturating_sub(1);
    fields.splice(at..at, decision_fields(rec));
    fields
}

pub(super) fn build(
    form: &Form,
    base: Option<Term>,
    cluster: ClusterId,
) -> Result<Term, BuildError> {
    let year = get(form, "year")?.year().ok_or(("year", Msg::ErrYear))?;
    let mut t = base.unwrap_or_else(|| Term::new(cluster, year));
    t.year = year;
    t.head = get(form, "head")?.one().map(SchoolId);
    t.deputies = get(form, "deputies")?
        .picked
        .iter()
        .map(|i| SchoolId(*i))
        .collect();
    if t.head.is_some_and(|h| t.deputies.contains(&h)) {
        return Err(("deputies", Msg::ErrHeadIsDeputy));
    }
    t.flag_holder = get(form, "flag_holder")?.one().map(SchoolId);
    t.recognition = decision_from(form, t.recognition.as_ref())?;
    t.notes = get(form, "notes")?.text();
    Ok(t)
}
