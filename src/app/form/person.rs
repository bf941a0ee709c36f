//! The person form.

use super::{BuildError, Field, FieldKind, Form, RefKind, get, with_picks};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;

pub(super) fn fields(p: Option<&Person>, _data: &Data) -> Vec<Field> {
    vec![
        Field::new(
            "name",
            Msg::FieldName,
            FieldKind::Text,
            p.map_or("", |p| &p.name),
        )
        .required(),
        with_picks(
            Field::new(
                "school",
                Msg::FieldSchool,
                FieldKind::Ref(RefKind::School),
                "",
            ),
            p.and_then(|p| p.school).map(|s| s.0),
        ),
        Field::new(
            "organisation",
            Msg::FieldOrganisation,
            FieldKind::Text,
            p.map_or("", |p| &p.organisation),
        ),
        Field::new(
            "notes",
            Msg::FieldNotes,
            FieldKind::Text,
            p.map_or("", |p| &p.notes),
        )
        .note(),
    ]
}

pub(super) fn build(form: &Form, base: Option<Person>) -> Result<Person, BuildError> {
    let mut p = base.unwrap_or_else(|| Person::new(""));
    p.name = get(form, "name")?.text();
    p.school = get(form, "school")?.one().map(SchoolId);
    p.organisation = get(form, "organisation")?.text();
    p.notes = get(form, "notes")?.text();
    Ok(p)
}
