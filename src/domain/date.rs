//! Calendar dates as the sources give them: day, month, year, typed dd/mm/yyyy.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian). Construct it with [`Date::new`] or
/// [`Date::parse_dmy`], which refuse impossible dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, within the month's length.
    pub day: u8,
}

/// Why a typed date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form dd/mm/yyyy.
    #[error("date must be dd/mm/yyyy")]
    Format,
    /// A day, month or year outside the calendar.
    #[error("no such date: {0}")]
    Impossible(String),
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A checked date; years outside 1900–2999 are refused as typing mistakes.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1900..=2999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Impossible(format!("{day:02}/{month:02}/{year}")));
        }
        Ok(Date { year, month, day })
    }

    /// Parses `dd/mm/yyyy`; `-` and `.` are accepted as separators too, and
    /// day and month may have one digit, as people write them.
    pub fn parse_dmy(s: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
        let [d, m, y] = parts.as_slice() else {
            return Err(DateError::Format);
        };
        let num = |t: &str, max_len: usize| -> Result<u16, DateError> {
            if t.is_empty() || t.len() > max_len || !t.chars().all(|c| c.is_ascii_digit()) {
                return Err(DateError::Format);
            }
            t.parse::<u16>().map_err(|_| DateError::Format)
        };
        let (d, m, y) = (num(d, 2)?, num(m, 2)?, num(y, 4)?);
        if y < 1000 {
            return Err(DateError::Format);
        }
        let (Ok(d), Ok(m)) = (u8::try_from(d), u8::try_from(m)) else {
            return Err(DateError::Format);
        };
        Date::new(y, m, d)
    }

    /// The civil date of a Unix day number (days since 1970-01-01), after
    /// Howard Hinnant's `civil_from_days`.
    pub fn from_unix_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, i64::from(u16::MAX)) as u16,
            month,
            day,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A moment, in seconds since the Unix epoch (UTC), as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time from the system clock; a clock before 1970 reads as 0.
    pub fn now() -> Timestamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let d = Date::from_unix_days(days);
        write!(
            f,
            "{d} {:02}:{:02}:{:02} UTC",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}
