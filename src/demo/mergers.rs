//! The 2025 province mergers among the demo's schools: the same events the
//! reference registry (`crate::registry`) records, built by the same
//! function, so loading the registry over the demo finds them present.

use super::{ACTOR, Loader};
use crate::domain::School;
use crate::store::StoreError;

/// (merged school, successor)
const MERGERS: [(&str, &str); 6] = [
    ("hanam", "ninhbinh"),
    ("namdinh", "ninhbinh"),
    ("haiduong", "haiphong"),
    ("thaibinh", "hungyen"),
    ("hagiang", "tuyenquang"),
    ("bacgiang", "bacninh"),
];

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    for (from, into) in MERGERS {
        let (from_id, into_id) = (l.school(from)?, l.school(into)?);
        let mut school: School = l.store.must_get(from_id)?;
        let successor: School = l.store.must_get(into_id)?;
        school.lineage.push(crate::registry::merger_event(
            &school.province,
            into_id,
            &successor.name,
        )?);
        l.store.update(ACTOR, from_id, school)?;
    }
    Ok(())
}
