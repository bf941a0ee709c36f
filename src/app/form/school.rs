//! The school form: names, province, former names, and a merger.

use super::{BuildError, Field, FieldKind, Form, RefKind, get, opt, with_picks};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;

pub(super) fn fields(s: Option<&School>, _data: &Data) -> Vec<Field> {
    let merger = s.and_then(|s| s.lineage.iter().find(|e| e.kind == LineageKind::MergedInto));
    vec![
        Field::new(
            "name",
            Msg::FieldName,
            FieldKind::Text,
            s.map_or("", |s| &s.name),
        )
        .required(),
        Field::new(
            "honorifics",
            Msg::FieldHonorifics,
            FieldKind::TextList,
            &s.map(|s| s.honorifics.join("; ")).unwrap_or_default(),
        ),
        Field::new(
            "province",
            Msg::FieldProvince,
            FieldKind::Text,
            s.map_or("", |s| &s.province),
        ),
        Field::new(
            "former",
            Msg::FieldFormerNames,
            FieldKind::TextList,
            &s.map(|s| {
                s.former_names
                    .iter()
                    .map(|f| f.name.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        ),
        with_picks(
            Field::new(
                "merged_into",
                Msg::FieldMergedInto,
                FieldKind::Ref(RefKind::School),
                "",
            ),
            merger.and_then(|m| m.other).map(|o| o.0),
        ),
        Field::new(
            "merged_on",
            Msg::FieldMergedOn,
            FieldKind::Date,
            &opt(merger.and_then(|m| m.date)),
        ),
        Field::new(
            "notes",
            Msg::FieldNotes,
            FieldKind::Text,
            s.map_or("", |s| &s.notes),
        )
        .note(),
    ]
}

pub(super) fn build(form: &Form, base: Option<School>) -> Result<School, BuildError> {
    let mut s = base.unwrap_or_else(|| School::new("", ""));
    s.name = get(form, "name")?.text();
    s.honorifics = get(form, "honorifics")?.list();
    s.province = get(form, "province")?.text();
    let former = get(form, "former")?.list();
    let old = std::mem::take(&mut s.former_names);
    s.former_names = former
        .into_iter()
        .map(|name| {
            let until = old.iter().find(|f| f.name == name).and_then(|f| f.until);
            FormerName { name, until }
        })
        .collect();
    let into = get(form, "merged_into")?.one().map(SchoolId);
    let on = get(form, "merged_on")?.date();
    if on.is_some() && into.is_none() {
        return Err(("merged_into", Msg::ErrMergerNeedsSchool));
    }
    match (
        into,
        s.lineage
            .iter_mut()
            .find(|e| e.kind == LineageKind::MergedInto),
    ) {
        (Some(to), Some(e)) => {
            e.other = Some(to);
            e.date = on;
        }
        (Some(to), None) => s.lineage.push(LineageEvent {
            date: on,
            kind: LineageKind::MergedInto,
            other: Some(to),
            note: String::new(),
            sources: Vec::new(),
        }),
        (None, _) => s.lineage.retain(|e| e.kind != LineageKind::MergedInto),
    }
    s.notes = get(form, "notes")?.text();
    Ok(s)
}
