//! Secret ballots (bỏ phiếu kín): one record per question.

use super::{ClusterId, MeetingId, SchoolId};
use serde::{Deserialize, Serialize};

/// What a ballot decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Question {
    /// Proposing the Academy's emulation flag.
    Flag,
    /// Proposing the Academy's certificates of merit.
    Certificate,
    /// Electing next year's head.
    Head,
    /// Electing next year's deputies.
    Deputy,
    /// Anything else, by name.
    Other(String),
}

/// Votes for one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// The candidate school.
    pub candidate: SchoolId,
    /// Ballots in its favour.
    pub votes: u32,
}

/// One question's ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// The cluster.
    pub cluster: ClusterId,
    /// The emulation year.
    pub year: u16,
    /// What is decided.
    pub question: Question,
    /// The conference it was held at.
    pub meeting: Option<MeetingId>,
    /// Ballots issued (phát ra).
    pub issued: u32,
    /// Valid ballots (hợp lệ).
    pub valid: u32,
    /// Invalid ballots (không hợp lệ).
    pub invalid: u32,
    /// Members present.
    pub members_present: u32,
    /// All members.
    pub members_total: u32,
    /// Votes per candidate.
    pub votes: Vec<Vote>,
    /// Practice data, not history.
    pub illustrative: bool,
}
