//! Scores as exact hundredths, so that 0.5 + 0.25 never drifts the way
//! floating point does, and a total read aloud at the conference is exact.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A score in hundredths of a point: `Points(950)` is 9.5 points.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Points(pub i64);

/// Why a typed score was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    /// Not a number such as `9`, `9,5` or `9.25`.
    #[error("not a number")]
    Format,
    /// More than two decimals.
    #[error("at most two decimals")]
    Precision,
}

impl Points {
    /// Whole points.
    pub const fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    /// Parses a typed score. Both the Vietnamese decimal comma (`9,5`) and a
    /// point (`9.5`) are accepted, because both are typed at the table.
    pub fn parse(s: &str) -> Result<Points, PointsError> {
        let s = s.trim();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match s.split_once([',', '.']) {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) || int.len() > 12 {
            return Err(PointsError::Format);
        }
        if frac.len() > 2 {
            return Err(PointsError::Precision);
        }
        let whole: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| PointsError::Format)?
        };
        let mut hundredths: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| PointsError::Format)?
        };
        if frac.len() == 1 {
            hundredths *= 10;
        }
        let v = whole * 100 + hundredths;
        Ok(Points(if neg { -v } else { v }))
    }

    /// Whether this value is a whole number of `step`s (a zero step allows any value).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }

    /// The value as a float, for exports that want a number cell.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points(0), |a, b| a + b)
    }
}

/// Shows the shortest exact form with a decimal comma, as Vietnamese documents
/// write it: `9`, `9,5`, `9,25`.
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        let s = match frac {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
            f => format!("{sign}{whole},{f:02}"),
        };
        f.pad(&s)
    }
}
