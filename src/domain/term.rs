//! A cluster's leadership for one year: the head (Cụm trưởng), the deputies
//! (Cụm phó), the Academy's recognition and the rotating flag.

use super::{ClusterId, Decision, MeetingId, SchoolId, Source};
use serde::{Deserialize, Serialize};

/// One cluster's leadership in one year. At most one per cluster and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The cluster.
    pub cluster: ClusterId,
    /// The year served (elected at the previous year's conference).
    pub year: u16,
    /// Cụm trưởng, if known.
    pub head: Option<SchoolId>,
    /// Cụm phó, as far as known.
    pub deputies: Vec<SchoolId>,
    /// The meeting that elected this term.
    pub elected_at: Option<MeetingId>,
    /// The Academy's decision recognising it.
    pub recognition: Option<Decision>,
    /// Who held the rotating flag (cờ luân lưu) during the year.
    pub flag_holder: Option<SchoolId>,
    /// Free notes.
    pub notes: String,
    /// Where the facts come from.
    pub sources: Vec<Source>,
}

impl Term {
    /// An empty term of a cluster and year.
    pub fn new(cluster: ClusterId, year: u16) -> Term {
        Term {
            cluster,
            year,
            head: None,
            deputies: Vec::new(),
            elected_at: None,
            recognition: None,
            flag_holder: None,
            notes: String::new(),
            sources: Vec::new(),
        }
    }
}
