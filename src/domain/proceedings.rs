//! What the conference's papers need beyond the meeting's facts: the hours,
//! the secretary, the vote-counting committee, the delegations, and the
//! issuing body and number of each document (biên bản, biên bản kiểm phiếu,
//! tờ trình). Every field may be empty: a paper prints a dotted line for
//! it, to fill by hand, never an invented value.

use super::{Participant, Question, SchoolId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A time of day, to the minute, as minutes record it ("8 giờ 00").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Clock {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl Clock {
    /// A checked time of day.
    pub fn new(hour: u8, minute: u8) -> Option<Clock> {
        (hour < 24 && minute < 60).then_some(Clock { hour, minute })
    }

    /// Parses `8:00`, `08:30`, `8h30`, `8g30` or `8` (on the hour), as
    /// people write a time; anything else is `None`.
    pub fn parse(s: &str) -> Option<Clock> {
        let s = s.trim().to_lowercase();
        let (h, m) = match s.split_once([':', 'h', 'g']) {
            Some((h, m)) => (h.trim(), m.trim()),
            None => (s.as_str(), ""),
        };
        let digits = |t: &str, max: usize| {
            (!t.is_empty() && t.len() <= max && t.chars().all(|c| c.is_ascii_digit()))
                .then(|| t.parse::<u8>().ok())
                .flatten()
        };
        let hour = digits(h, 2)?;
        let minute = if m.is_empty() { 0 } else { digits(m, 2)? };
        Clock::new(hour, minute)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// How many delegates a member school sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    /// The school.
    pub school: SchoolId,
    /// Its delegates present.
    pub delegates: u32,
}

/// Who issues a document and its number, as printed in the heading's left
/// side (Nghị định 30/2020/NĐ-CP, Phụ lục I).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    /// The body above the issuer (cơ quan chủ quản), e.g. `TỈNH ỦY NINH BÌNH`.
    pub parent: String,
    /// The issuing body (cơ quan ban hành), e.g. `TRƯỜNG CHÍNH TRỊ TỈNH NINH BÌNH`.
    pub issuer: String,
    /// The number and symbol as printed after "Số", e.g. `12-BB/TCT`.
    pub number: String,
}

/// The number of one vote's ballot-count minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyNumber {
    /// The vote.
    pub question: Question,
    /// Its number and symbol.
    pub number: String,
}

/// The facts the minutes, the ballot-count minutes and the proposal print.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proceedings {
    /// When the meeting opened.
    pub start: Option<Clock>,
    /// When it closed.
    pub end: Option<Clock>,
    /// The secretary or secretaries (thư ký), with their titles at the time.
    pub secretaries: Vec<Participant>,
    /// The head of the vote-counting committee (trưởng ban kiểm phiếu).
    pub counting_head: Option<Participant>,
    /// The committee's other members.
    pub counting_members: Vec<Participant>,
    /// Delegates per member school.
    pub delegations: Vec<Delegation>,
    /// The minutes' issuer and number.
    pub minutes: Paper,
    /// The ballot-count minutes' issuer; each vote's number is in `tally_numbers`.
    pub tally: Paper,
    /// The number of each vote's ballot-count minutes.
    pub tally_numbers: Vec<TallyNumber>,
    /// The proposal's (tờ trình) issuer and number.
    pub proposal: Paper,
    /// The proposal's date.
    pub proposal_date: Option<super::Date>,
}

impl Proceedings {
    /// The number of a vote's ballot-count minutes, if recorded.
    pub fn tally_number(&self, question: &Question) -> Option<&str> {
        self.tally_numbers
            .iter()
            .find(|t| t.question == *question && !t.number.is_empty())
            .map(|t| t.number.as_str())
    }

    /// The delegates a school sent, if recorded.
    pub fn delegates_of(&self, school: SchoolId) -> Option<u32> {
        self.delegations
            .iter()
            .find(|d| d.school == school)
            .map(|d| d.delegates)
    }

    /// Every participant named, for references and text cleaning.
    pub fn participants(&self) -> impl Iterator<Item = &Participant> {
        self.secretaries
            .iter()
            .chain(self.counting_head.iter())
            .chain(&self.counting_members)
    }

    /// Every participant named, to change.
    pub fn participants_mut(&mut self) -> impl Iterator<Item = &mut Participant> {
        self.secretaries
            .iter_mut()
            .chain(self.counting_head.iter_mut())
            .chain(self.counting_members.iter_mut())
    }
}

/// The heading a cluster's documents carry on the right: the Party's
/// (Hướng dẫn 36-HD/VPTW) or the State's (Nghị định 30/2020/NĐ-CP).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeadingStyle {
    /// "ĐẢNG CỘNG SẢN VIỆT NAM": the political schools are Party bodies.
    #[default]
    Party,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc".
    State,
}

impl HeadingStyle {
    /// Both, in the order a picker offers them.
    pub const ALL: [HeadingStyle; 2] = [HeadingStyle::Party, HeadingStyle::State];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_parse_as_people_write_them() {
        assert_eq!(Clock::parse("8:00"), Clock::new(8, 0));
        assert_eq!(Clock::parse(" 08h30 "), Clock::new(8, 30));
        assert_eq!(Clock::parse("14g05"), Clock::new(14, 5));
        assert_eq!(Clock::parse("7"), Clock::new(7, 0));
        assert_eq!(Clock::parse("24:00"), None);
        assert_eq!(Clock::parse("8:60"), None);
        assert_eq!(Clock::parse("tám giờ"), None);
        assert_eq!(Clock::parse(""), None);
        assert_eq!(
            Clock::new(8, 5).map(|c| c.to_string()),
            Some("08:05".into())
        );
    }
}
