//! Correcting a score sheet's members: schools to add, schools to remove,
//! and the reason, which the audit keeps. The store refuses it once the
//! sheet is locked, and the removal of a school with scores.

use super::{Field, FieldKind, Form, RefKind};
use crate::app::data::Data;
use crate::domain::{SchoolId, ScoreSheet};
use crate::i18n::{Lang, Msg, tr, trf};

pub(super) fn fields() -> Vec<Field> {
    vec![
        Field::new(
            "add",
            Msg::FieldAddSchools,
            FieldKind::RefList(RefKind::School),
            "",
        ),
        Field::new(
            "remove",
            Msg::FieldRemoveSchools,
            FieldKind::RefList(RefKind::School),
            "",
        ),
        Field::new("reason", Msg::FieldMemberReason, FieldKind::Text, "").required(),
    ]
}

/// The sheet's new member list (added schools last, in the order
/// picked) and the reason; or the problems beside their fields.
pub(super) fn build(
    form: &mut Form,
    sheet: &ScoreSheet,
    data: &Data,
    lang: Lang,
) -> Option<(Vec<SchoolId>, String)> {
    let picked = |k: &str| -> Vec<SchoolId> {
        form.field(k)
            .map(|f| f.picked.iter().map(|&i| SchoolId(i)).collect())
            .unwrap_or_default()
    };
    let (add, remove) = (picked("add"), picked("remove"));
    let mut errors: Vec<(&str, String)> = Vec::new();
    let name = |s: &SchoolId| data.school_short(*s);
    if let Some(s) = add.iter().find(|s| sheet.schools.contains(s)) {
        errors.push(("add", trf(lang, Msg::ErrMemberAlreadyOn, &[&name(s)])));
    }
    if let Some(s) = remove.iter().find(|s| !sheet.schools.contains(s)) {
        errors.push(("remove", trf(lang, Msg::ErrMemberNotOn, &[&name(s)])));
    }
    if errors.is_empty() && add.is_empty() && remove.is_empty() {
        errors.push(("add", tr(lang, Msg::ErrMembersNoChange).to_string()));
    }
    if !errors.is_empty() {
        for (key, e) in errors {
            form.mark(key, None, e);
        }
        form.message = Some(tr(lang, Msg::ErrFixFields).to_string());
        return None;
    }
    let mut schools: Vec<SchoolId> = sheet
        .schools
        .iter()
        .filter(|s| !remove.contains(s))
        .copied()
        .collect();
    schools.extend(add);
    let reason = form.field("reason").map(Field::text).unwrap_or_default();
    Some((schools, reason))
}
