//! Moments as a reader expects them: in the local time zone (`TZ`, else the
//! system's), day first as Vietnamese writes dates. The audit log keeps
//! seconds since the epoch in UTC; only the display is local.

use crate::domain::Timestamp;
use std::sync::OnceLock;

/// The time zone of this process, looked up once: `TZ` when set, else the
/// system's zone, else UTC.
fn zone() -> &'static jiff::tz::TimeZone {
    static ZONE: OnceLock<jiff::tz::TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
}

/// A moment as `dd/mm/yyyy HH:MM:SS` in the local time zone; a moment out of
/// range falls back to the UTC text the audit log would give.
pub fn local(at: Timestamp) -> String {
    match jiff::Timestamp::from_second(at.0) {
        Ok(t) => t
            .to_zoned_datetime(zone().clone())
            .strftime("%d/%m/%Y %H:%M:%S")
            .to_string(),
        Err(_) => at.to_string(),
    }
}
