//! The award form: kind, recipient, year, cluster, proposed or decided.

use super::{
    BuildError, Field, FieldKind, Form, RefKind, cluster_field, decision_fields, decision_from,
    get, opt, options, with_choice, with_picks,
};
use crate::app::data::Data;
use crate::domain::*;
use crate::i18n::Msg;

const KINDS: [(&str, &str); 4] = [
    ("Cờ thi đua của Học viện", "Academy emulation flag"),
    ("Bằng khen của Học viện", "Academy certificate of merit"),
    ("Tập thể lao động xuất sắc", "Excellent collective"),
    ("Khác (ghi tên)", "Other (name it)"),
];

pub(super) fn fields(a: Option<&Award>, _data: &Data) -> Vec<Field> {
    let (kind, other) = match a.map(|a| &a.kind) {
        None | Some(AwardKind::AcademyFlag) => (0, ""),
        Some(AwardKind::AcademyCertificate) => (1, ""),
        Some(AwardKind::ExcellentCollective) => (2, ""),
        Some(AwardKind::Other(s)) => (3, s.as_str()),
    };
    let decided = a.is_some_and(|a| a.status == AwardStatus::Decided);
    let decision = a.and_then(|a| a.decision.as_ref());
    let mut fields = vec![
        with_choice(
            Field::new(
                "kind",
                Msg::FieldKind,
                FieldKind::Choice(options(&KINDS)),
                "",
            ),
            kind,
        ),
        Field::new("other", Msg::FieldOtherAward, FieldKind::Text, other),
        with_picks(
            Field::new(
                "recipient",
                Msg::FieldRecipient,
                FieldKind::Ref(RefKind::School),
                "",
            ),
            a.map(|a| a.recipient.0),
        )
        .required(),
        Field::new(
            "year",
            Msg::FieldYear,
            FieldKind::Year,
            &opt(a.map(|a| a.year)),
        )
        .required(),
        cluster_field(a.and_then(|a| a.cluster)),
        with_choice(
            Field::new(
                "status",
                Msg::FieldStatus,
                FieldKind::Choice(options(&[
                    ("Đề nghị", "Proposed"),
                    ("Đã quyết định", "Decided"),
                ])),
                "",
            ),
            usize::from(decided),
        ),
    ];
    fields.extend(decision_fields(decision));
    fields
}

pub(super) fn build(form: &Form, base: Option<Award>) -> Result<Award, BuildError> {
    let other = get(form, "other")?.text();
    let kind = match get(form, "kind")?.choice {
        0 => AwardKind::AcademyFlag,
        1 => AwardKind::AcademyCertificate,
        2 => AwardKind::ExcellentCollective,
        _ if other.is_empty() => return Err(("other", Msg::ErrRequired)),
        _ => AwardKind::Other(other),
    };
    let recipient = SchoolId(
        get(form, "recipient")?
            .one()
            .ok_or(("recipient", Msg::ErrRequired))?,
    );
    let year = get(form, "year")?.year().ok_or(("year", Msg::ErrYear))?;
    let status = if get(form, "status")?.choice == 1 {
        AwardStatus::Decided
    } else {
        AwardStatus::Proposed
    };
    let mut a = base.unwrap_or(Award {
        kind: kind.clone(),
        recipient,
        year,
        cluster: None,
        status,
        proposed_at: None,
        decision: None,
        illustrative: false,
        sources: Vec::new(),
    });
    a.kind = kind;
    a.recipient = recipient;
    a.year = year;
    a.cluster = get(form, "cluster")?.one().map(ClusterId);
    a.status = status;
    a.decision = decision_from(form, a.decision.as_ref())?;
    Ok(a)
}
