//! Awards: proposed by the cluster, decided by the Academy.

use super::{ClusterId, Decision, MeetingId, SchoolId, Source};
use serde::{Deserialize, Serialize};

/// Kinds of award. The common ones are named; any other is kept by its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AwardKind {
    /// Cờ thi đua của Học viện.
    AcademyFlag,
    /// Bằng khen của Học viện.
    AcademyCertificate,
    /// Tập thể lao động xuất sắc.
    ExcellentCollective,
    /// Any other award, by name.
    Other(String),
}

impl AwardKind {
    /// The Vietnamese name.
    pub fn name_vi(&self) -> &str {
        match self {
            AwardKind::AcademyFlag => "Cờ thi đua của Học viện",
            AwardKind::AcademyCertificate => "Bằng khen của Học viện",
            AwardKind::ExcellentCollective => "Tập thể lao động xuất sắc",
            AwardKind::Other(s) => s,
        }
    }

    /// The English name.
    pub fn name_en(&self) -> &str {
        match self {
            AwardKind::AcademyFlag => "Academy emulation flag",
            AwardKind::AcademyCertificate => "Academy certificate of merit",
            AwardKind::ExcellentCollective => "Excellent collective",
            AwardKind::Other(s) => s,
        }
    }
}

/// Whether the award has been decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwardStatus {
    /// Proposed by the cluster (đề nghị).
    Proposed,
    /// Decided by the Academy (quyết định).
    Decided,
}

/// An award to a school for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Award {
    /// What award.
    pub kind: AwardKind,
    /// Who receives it.
    pub recipient: SchoolId,
    /// The emulation year it is for.
    pub year: u16,
    /// The cluster that proposed it.
    pub cluster: Option<ClusterId>,
    /// Proposed or decided.
    pub status: AwardStatus,
    /// The meeting that proposed it.
    pub proposed_at: Option<MeetingId>,
    /// The decision that granted it.
    pub decision: Option<Decision>,
    /// Practice data, not history.
    pub illustrative: bool,
    /// Where the facts come from.
    pub sources: Vec<Source>,
}
