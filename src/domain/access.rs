//! Who may change what. Pure rules over roles and records: the store applies
//! them inside the transaction of every write made on a user's behalf, and
//! the app asks them before it opens a form, so a refusal comes early and
//! still cannot be bypassed.
//!
//! | role | may |
//! |---|---|
//! | admin | everything |
//! | cluster secretary | that cluster's records, and the people directory |
//! | school delegate | that school's self-scores; read the rest |
//! | viewer | read only |
//!
//! Whatever the role, files on the server's disk and copies of the whole
//! database are an admin's (commands over SSH, `thidua serve`).

use super::*;

/// A user's role on a server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Role {
    /// Everything. The local terminal and the command line act as admin: whoever
    /// can open the database file owns it anyway.
    #[default]
    Admin,
    /// Edits one cluster's data (thư ký cụm).
    Secretary(ClusterId),
    /// Enters one school's self-scores and reads the rest (đại biểu trường).
    Delegate(SchoolId),
    /// Reads only.
    Viewer,
}

/// Whose a record is, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Shared by every cluster: schools, Academy-wide tables. Admin only.
    Shared,
    /// The people directory: every cluster's secretary records people (a
    /// meeting's chair, its guests), so secretaries may add, correct and
    /// remove entries; delegates and viewers may not.
    Directory,
    /// Belongs to one cluster.
    Cluster(ClusterId),
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The user may only read.
    ReadOnly,
    /// Only an admin may change shared records.
    AdminOnly,
    /// The record belongs to another cluster than the secretary's.
    OtherCluster,
    /// A delegate may only enter self-scores.
    SelfScoresOnly,
    /// A delegate may only enter their own school's self-scores.
    OtherSchool,
    /// Files are written on the server's disk, which only an admin may do.
    ServerFiles,
    /// Files on the server's disk are read only by an admin.
    ReadServerFiles,
    /// Only an admin may copy or check the whole database.
    WholeDatabase,
}

/// What a user is about to do, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Create, change or delete a record with this owner.
    Change(Owner),
    /// Add a record with this owner (differs from `Change` for the directory).
    Add(Owner),
    /// Enter or clear a school's self-score on a cluster's sheet.
    SelfScore {
        /// The sheet's cluster.
        cluster: ClusterId,
        /// The school scored.
        school: SchoolId,
    },
    /// Write a file (an export) on the machine the program runs on.
    WriteFile,
    /// Read a file (a criteria table to import) on the machine the program
    /// runs on.
    ReadFile,
    /// Read the whole database at one moment, every write held back
    /// meanwhile: a backup (the audit log with every user's name), a dump,
    /// a check.
    Whole,
}

/// Whether a role may do something.
pub fn allow(role: &Role, intent: Intent) -> Result<(), Refusal> {
    match (role, intent) {
        (Role::Admin, _) => Ok(()),
        (_, Intent::WriteFile) => Err(Refusal::ServerFiles),
        (_, Intent::ReadFile) => Err(Refusal::ReadServerFiles),
        (_, Intent::Whole) => Err(Refusal::WholeDatabase),
        (Role::Viewer, _) => Err(Refusal::ReadOnly),
        (Role::Secretary(_), Intent::Add(Owner::Directory) | Intent::Change(Owner::Directory)) => {
            Ok(())
        }
        (Role::Secretary(_), Intent::Change(Owner::Shared) | Intent::Add(Owner::Shared)) => {
            Err(Refusal::AdminOnly)
        }
        (
            Role::Secretary(mine),
            Intent::Change(Owner::Cluster(c)) | Intent::Add(Owner::Cluster(c)),
        )
        | (Role::Secretary(mine), Intent::SelfScore { cluster: c, .. }) => {
            if *mine == c {
                Ok(())
            } else {
                Err(Refusal::OtherCluster)
            }
        }
        (Role::Delegate(mine), Intent::SelfScore { school, .. }) => {
            if *mine == school {
                Ok(())
            } else {
                Err(Refusal::OtherSchool)
            }
        }
        (Role::Delegate(_), Intent::Change(_) | Intent::Add(_)) => Err(Refusal::SelfScoresOnly),
    }
}

/// A record the rules know the owner of.
pub trait Owned {
    /// The owner of this record, stored under `id`.
    fn owner(&self, id: u64) -> Owner;

    /// When `after` differs from `self` only in self-scores, the schools whose
    /// self-scores changed; otherwise `None`. Only score sheets have them.
    fn self_score_changes(&self, _after: &Self) -> Option<Vec<SchoolId>> {
        None
    }
}

/// Whether a role may change a record from `before` to `after` (`None` for
/// absent: an insert has no `before`, a delete no `after`). Both owners must
/// be allowed, so a record cannot be moved out of or into another's reach.
pub fn permit<T: Owned>(
    role: &Role,
    id: u64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), Refusal> {
    match (before, after) {
        (None, None) => Ok(()),
        (None, Some(new)) => allow(role, Intent::Add(new.owner(id))),
        (Some(old), None) => allow(role, Intent::Change(old.owner(id))),
        (Some(old), Some(new)) => {
            if let (Owner::Cluster(cluster), Some(schools)) =
                (old.owner(id), old.self_score_changes(new))
                && !schools.is_empty()
            {
                // Admins and the cluster's secretary pass here too.
                return schools
                    .into_iter()
                    .try_for_each(|school| allow(role, Intent::SelfScore { cluster, school }));
            }
            allow(role, Intent::Change(old.owner(id)))?;
            allow(role, Intent::Change(new.owner(id)))
        }
    }
}

fn cluster_or_shared(c: Option<ClusterId>) -> Owner {
    c.map_or(Owner::Shared, Owner::Cluster)
}

impl Owned for School {
    fn owner(&self, _: u64) -> Owner {
        Owner::Shared
    }
}

impl Owned for Person {
    fn owner(&self, _: u64) -> Owner {
        Owner::Directory
    }
}

impl Owned for Cluster {
    fn owner(&self, id: u64) -> Owner {
        Owner::Cluster(ClusterId(id))
    }
}

impl Owned for Term {
    fn owner(&self, _: u64) -> Owner {
        Owner::Cluster(self.cluster)
    }
}

impl Owned for Meeting {
    fn owner(&self, _: u64) -> Owner {
        cluster_or_shared(self.cluster)
    }
}

impl Owned for Award {
    fn owner(&self, _: u64) -> Owner {
        cluster_or_shared(self.cluster)
    }
}

impl Owned for CriteriaTable {
    fn owner(&self, _: u64) -> Owner {
        cluster_or_shared(self.cluster)
    }
}

impl Owned for Ballot {
    fn owner(&self, _: u64) -> Owner {
        Owner::Cluster(self.cluster)
    }
}

impl Owned for ScoreSheet {
    fn owner(&self, _: u64) -> Owner {
        Owner::Cluster(self.cluster)
    }

    fn self_score_changes(&self, after: &Self) -> Option<Vec<SchoolId>> {
        // A locked sheet changes only by amendment, which is not a
        // self-score entry; so does anything outside the cells.
        if self.lock.is_some() || frame(self) != frame(after) {
            return None;
        }
        let (before, now) = (cells_by_key(self)?, cells_by_key(after)?);
        let cluster_score = |m: &CellMap<'_>, k| m.get(k).and_then(|c| c.cluster_score);
        let self_score = |m: &CellMap<'_>, k| m.get(k).and_then(|c| c.self_score);
        let mut changed = Vec::new();
        for key in before.keys().chain(now.keys()) {
            if cluster_score(&before, key) != cluster_score(&now, key) {
                return None;
            }
            if self_score(&before, key) != self_score(&now, key) {
                changed.push(key.0);
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }
}

type CellMap<'a> = std::collections::BTreeMap<(SchoolId, &'a str), &'a ScoreCell>;

/// Everything of a sheet but its cells.
fn frame(
    s: &ScoreSheet,
) -> (
    ClusterId,
    u16,
    TableId,
    &[SchoolId],
    bool,
    &[Amendment],
    bool,
) {
    (
        s.cluster,
        s.year,
        s.table,
        &s.schools,
        s.lock.is_some(),
        &s.amendments,
        s.illustrative,
    )
}

/// The cells by (school, item); `None` when a cell is doubled or belongs to
/// a school off the sheet, which no entry by a delegate produces and which
/// could hide another school's score behind the first match.
fn cells_by_key(s: &ScoreSheet) -> Option<CellMap<'_>> {
    let mut map = CellMap::new();
    for c in &s.cells {
        if !s.schools.contains(&c.school) || map.insert((c.school, c.item.as_str()), c).is_some() {
            return None;
        }
    }
    Some(map)
}
