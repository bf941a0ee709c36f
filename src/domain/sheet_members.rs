//! Correcting a score sheet's member list (the schools scored). A wrong
//! list is corrected before the conference decides; after the lock it is
//! part of what was decided, and no amendment changes who took part. A
//! school with scores is not removed: its scores would drop out of the
//! record unseen (see `docs/decisions.md`, "Criteria and members on
//! screen"). Pure: the store applies it inside every sheet write.

use super::{ClusterId, SchoolId, ScoreSheet};

/// Why a change of a sheet's members was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRefusal {
    /// The sheet is locked: its members are final.
    Locked {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// The school has scores on the sheet; they must be emptied first.
    HasScores(SchoolId),
    /// A school is listed twice.
    Twice(SchoolId),
}

impl std::fmt::Display for MemberRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MemberRefusal::Locked { cluster, year } => write!(
                f,
                "the score sheet of cluster {} for {year} is locked: its members cannot change",
                cluster.0
            ),
            MemberRefusal::HasScores(s) => {
                write!(
                    f,
                    "school {} has scores on the sheet; empty them first",
                    s.0
                )
            }
            MemberRefusal::Twice(s) => write!(f, "school {} is listed twice", s.0),
        }
    }
}

/// Checks a change of a sheet's member list: free until the lock, never
/// after; a school removed must have no score; no school twice.
pub fn check_members(
    before: Option<&ScoreSheet>,
    after: Option<&ScoreSheet>,
) -> Result<(), MemberRefusal> {
    let Some(new) = after else { return Ok(()) };
    let mut seen = std::collections::HashSet::with_capacity(new.schools.len());
    for s in &new.schools {
        if !seen.insert(*s) {
            return Err(MemberRefusal::Twice(*s));
        }
    }
    let Some(old) = before else { return Ok(()) };
    if old.schools == new.schools {
        return Ok(());
    }
    if old.lock.is_some() {
        return Err(MemberRefusal::Locked {
            cluster: old.cluster,
            year: old.year,
        });
    }
    for gone in old.schools.iter().filter(|s| !seen.contains(s)) {
        let scored =
            new.cells.iter().chain(&old.cells).any(|c| {
                c.school == *gone && (c.self_score.is_some() || c.cluster_score.is_some())
            });
        if scored {
            return Err(MemberRefusal::HasScores(*gone));
        }
    }
    Ok(())
}
