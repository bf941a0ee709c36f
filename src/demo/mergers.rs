//! The 2025 province mergers the domain notes list: 63 provinces became 34 on
//! 1 July 2025, and the schools merged with them.

use super::{ACTOR, Loader, date, src};
use crate::domain::{LineageEvent, LineageKind, School};
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

/// The handle of the merger resolution among sources.
pub const RESOLUTION: &str = "sap-nhap-2025";

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let effective = date(1, 7, 2025)?;
    for (from, into) in MERGERS {
        let (from_id, into_id) = (l.school(from)?, l.school(into)?);
        let mut school: School = l.store.must_get(from_id)?;
        let successor: School = l.store.must_get(into_id)?;
        school.lineage.push(LineageEvent {
            date: Some(effective),
            kind: LineageKind::MergedInto,
            other: Some(into_id),
            note: format!("Sáp nhập vào {} khi hợp nhất tỉnh", successor.name),
            sources: vec![src(
                RESOLUTION,
                "Nghị quyết của Quốc hội ngày 12/6/2025 về sắp xếp đơn vị hành chính cấp tỉnh (63 → 34 tỉnh, hiệu lực 01/07/2025)",
            )],
        });
        l.store.update(ACTOR, from_id, school)?;
    }
    Ok(())
}
