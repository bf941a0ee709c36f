//! The new-sheet form: which cluster and year. The members and the criteria
//! table are taken from the records (the table copied from the year before
//! when the year has none).

use super::{BuildError, Field, FieldKind, Form, cluster_field, get};
use crate::app::data::Data;
use crate::domain::ClusterId;
use crate::i18n::Msg;

pub(super) fn fields(_data: &Data) -> Vec<Field> {
    vec![
        cluster_field(None).required(),
        Field::new("year", Msg::FieldYear, FieldKind::Year, "").required(),
    ]
}

pub(super) fn build(form: &Form) -> Result<(ClusterId, u16), BuildError> {
    let cluster = get(form, "cluster")?
        .one()
        .ok_or(("cluster", Msg::ErrRequired))?;
    let year = get(form, "year")?.year().ok_or(("year", Msg::ErrYear))?;
    Ok((ClusterId(cluster), year))
}
