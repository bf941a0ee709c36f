//! Meetings: conferences, seminars and the rest of a cluster's year.

use super::{ClusterId, Date, PersonId, Proceedings, SchoolId, Source};
use serde::{Deserialize, Serialize};

/// What kind of meeting it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingKind {
    /// Hội nghị ký kết giao ước thi đua.
    PledgeSigning,
    /// Hội nghị sơ kết.
    MidYearReview,
    /// Hội nghị tổng kết.
    YearEndReview,
    /// Hội nghị tổng kết 5 năm.
    FiveYearReview,
    /// Tọa đàm / hội thảo khoa học.
    Seminar,
    /// Hội nghị phối hợp.
    Coordination,
    /// Anything else.
    Other,
}

impl MeetingKind {
    /// Every kind, in the order shown in pickers.
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::PledgeSigning,
        MeetingKind::MidYearReview,
        MeetingKind::YearEndReview,
        MeetingKind::FiveYearReview,
        MeetingKind::Seminar,
        MeetingKind::Coordination,
        MeetingKind::Other,
    ];

    /// The Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            MeetingKind::PledgeSigning => "Hội nghị ký giao ước thi đua",
            MeetingKind::MidYearReview => "Hội nghị sơ kết",
            MeetingKind::YearEndReview => "Hội nghị tổng kết",
            MeetingKind::FiveYearReview => "Hội nghị tổng kết 5 năm",
            MeetingKind::Seminar => "Tọa đàm / hội thảo khoa học",
            MeetingKind::Coordination => "Hội nghị phối hợp",
            MeetingKind::Other => "Khác",
        }
    }

    /// A short Vietnamese name for lists.
    pub fn short_vi(self) -> &'static str {
        match self {
            MeetingKind::PledgeSigning => "Giao ước",
            MeetingKind::MidYearReview => "Sơ kết",
            MeetingKind::YearEndReview => "Tổng kết",
            MeetingKind::FiveYearReview => "Tổng kết 5 năm",
            MeetingKind::Seminar => "Tọa đàm",
            MeetingKind::Coordination => "Phối hợp",
            MeetingKind::Other => "Khác",
        }
    }

    /// A short English name for lists.
    pub fn short_en(self) -> &'static str {
        match self {
            MeetingKind::PledgeSigning => "Pledge",
            MeetingKind::MidYearReview => "Mid-year",
            MeetingKind::YearEndReview => "Year-end",
            MeetingKind::FiveYearReview => "5-year review",
            MeetingKind::Seminar => "Seminar",
            MeetingKind::Coordination => "Coordination",
            MeetingKind::Other => "Other",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            MeetingKind::PledgeSigning => "Pledge signing",
            MeetingKind::MidYearReview => "Mid-year review",
            MeetingKind::YearEndReview => "Year-end review",
            MeetingKind::FiveYearReview => "Five-year review",
            MeetingKind::Seminar => "Seminar / workshop",
            MeetingKind::Coordination => "Coordination",
            MeetingKind::Other => "Other",
        }
    }
}

/// Someone who chaired or attended, with the title they held at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The person, when named; some sources name only the organisation.
    pub person: Option<PersonId>,
    /// Title at the time, e.g. `Phó Vụ trưởng Vụ Các trường chính trị`.
    pub title: String,
    /// Organisation at the time.
    pub organisation: String,
}

/// A figure a source reports, kept as written (`hơn 450`, `22.000+`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted.
    pub label: String,
    /// The value as stated.
    pub value: String,
}

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// What kind.
    pub kind: MeetingKind,
    /// The cluster, when it is a cluster meeting.
    pub cluster: Option<ClusterId>,
    /// The emulation year it concerns, if known.
    pub year: Option<u16>,
    /// When, if the source says.
    pub date: Option<Date>,
    /// The host school, if the source names it.
    pub host: Option<SchoolId>,
    /// The place as the source gives it.
    pub place: String,
    /// Title.
    pub title: String,
    /// The seminar topic, if any.
    pub topic: String,
    /// Papers submitted (bài tham luận).
    pub papers: Option<u32>,
    /// Speeches or contributions (ý kiến phát biểu).
    pub speeches: Option<u32>,
    /// Who chaired.
    pub chairs: Vec<Participant>,
    /// Guests and attendees named.
    pub guests: Vec<Participant>,
    /// Decisions taken, one line each.
    pub decisions: Vec<String>,
    /// Figures reported.
    pub figures: Vec<Figure>,
    /// Free notes.
    pub notes: String,
    /// Practice data, not history.
    pub illustrative: bool,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// What the conference's papers need: hours, secretary, vote-counting
    /// committee, delegations, document numbers (schema 3; last, so the
    /// migration appends it). Boxed: most meetings never print a paper, and
    /// it would triple the size of every value holding a meeting.
    pub proceedings: Box<Proceedings>,
}

impl Meeting {
    /// An empty meeting of a kind and year.
    pub fn new(kind: MeetingKind, year: Option<u16>, title: &str) -> Meeting {
        Meeting {
            kind,
            cluster: None,
            year,
            date: None,
            host: None,
            place: String::new(),
            title: title.to_string(),
            topic: String::new(),
            papers: None,
            speeches: None,
            chairs: Vec::new(),
            guests: Vec::new(),
            decisions: Vec::new(),
            figures: Vec::new(),
            notes: String::new(),
            illustrative: false,
            sources: Vec::new(),
            proceedings: Box::default(),
        }
    }
}
