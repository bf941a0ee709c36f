//! The cluster form: number, names, region, and one year's membership.

use super::{BuildError, Field, FieldKind, Form, RefKind, get, opt, with_choice, with_picks};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr};

pub(super) fn fields(c: Option<&Cluster>, _data: &Data) -> Vec<Field> {
    let latest = c.and_then(|c| c.memberships.iter().max_by_key(|m| m.year));
    vec![
        Field::new(
            "number",
            Msg::FieldNumber,
            FieldKind::Number,
            &opt(c.and_then(|c| c.number)),
        ),
        Field::new(
            "name",
            Msg::FieldName,
            FieldKind::Text,
            c.map_or("", |c| &c.name),
        )
        .required(),
        Field::new(
            "aliases",
            Msg::FieldAliases,
            FieldKind::TextList,
            &c.map(|c| c.aliases.join("; ")).unwrap_or_default(),
        ),
        Field::new(
            "region",
            Msg::FieldRegion,
            FieldKind::Text,
            c.map_or("", |c| &c.region),
        ),
        Field::new(
            "member_year",
            Msg::FieldMemberYear,
            FieldKind::Year,
            &opt(latest.map(|m| m.year)),
        ),
        with_picks(
            Field::new(
                "members",
                Msg::FieldMembers,
                FieldKind::RefList(RefKind::School),
                "",
            ),
            latest
                .map(|m| m.schools.iter().map(|s| s.0).collect::<Vec<_>>())
                .unwrap_or_default(),
        ),
        Field::new(
            "stated",
            Msg::FieldStatedCount,
            FieldKind::Number,
            &opt(latest.and_then(|m| m.stated_count)),
        ),
        with_choice(
            Field::new("complete", Msg::FieldComplete, FieldKind::Check, ""),
            usize::from(latest.is_some_and(|m| m.complete)),
        ),
        with_choice(
            Field::new(
                "heading",
                Msg::FieldHeading,
                FieldKind::Choice(vec![
                    (
                        tr(Lang::Vi, Msg::PpHeadingParty).to_string(),
                        tr(Lang::En, Msg::PpHeadingParty).to_string(),
                    ),
                    (
                        tr(Lang::Vi, Msg::PpHeadingState).to_string(),
                        tr(Lang::En, Msg::PpHeadingState).to_string(),
                    ),
                ]),
                "",
            ),
            HeadingStyle::ALL
                .iter()
                .position(|h| Some(*h) == c.map(|c| c.heading))
                .unwrap_or(0),
        ),
        Field::new(
            "notes",
            Msg::FieldNotes,
            FieldKind::Text,
            c.map_or("", |c| &c.notes),
        )
        .note(),
    ]
}

pub(super) fn build(form: &Form, base: Option<Cluster>) -> Result<Cluster, BuildError> {
    let mut c = base.unwrap_or_else(|| Cluster::new(None, "", ""));
    c.number = match get(form, "number")?.number() {
        Some(n) => Some(u16::try_from(n).map_err(|_| ("number", Msg::ErrNumber))?),
        None => None,
    };
    c.name = get(form, "name")?.text();
    c.aliases = get(form, "aliases")?.list();
    c.region = get(form, "region")?.text();
    let members: Vec<SchoolId> = get(form, "members")?
        .picked
        .iter()
        .map(|i| SchoolId(*i))
        .collect();
    let stated = match get(form, "stated")?.number() {
        Some(n) => Some(u16::try_from(n).map_err(|_| ("stated", Msg::ErrNumber))?),
        None => None,
    };
    let complete = get(form, "complete")?.choice == 1;
    match get(form, "member_year")?.year() {
        Some(year) => {
            let existing = c.memberships.iter().position(|m| m.year == year);
            if members.is_empty() && stated.is_none() {
                if let Some(i) = existing {
                    c.memberships.remove(i);
                }
            } else {
                let sources = existing
                    .and_then(|i| c.memberships.get(i))
                    .map(|m| m.sources.clone())
                    .unwrap_or_default();
                let m = Membership {
                    year,
                    schools: members,
                    stated_count: stated,
                    complete,
                    sources,
                };
                match existing.and_then(|i| c.memberships.get_mut(i)) {
                    Some(slot) => *slot = m,
                    None => c.memberships.push(m),
                }
                c.memberships.sort_by_key(|m| m.year);
            }
        }
        None if !members.is_empty() || stated.is_some() => {
            return Err(("member_year", Msg::ErrYearForMembers));
        }
        None => {}
    }
    c.heading = HeadingStyle::ALL
        .get(get(form, "heading")?.choice)
        .copied()
        .unwrap_or_default();
    c.notes = get(form, "notes")?.text();
    Ok(c)
}
