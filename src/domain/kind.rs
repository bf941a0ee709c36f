//! The kinds of record, named once for every layer: the store keys its trees
//! and indexes by them, the screen and messages name them in a language.

use serde::{Deserialize, Serialize};

/// The kinds of record the program keeps; the store gives each a tree of
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// [`School`](super::School).
    School,
    /// [`Cluster`](super::Cluster).
    Cluster,
    /// [`Term`](super::Term).
    Term,
    /// [`Meeting`](super::Meeting).
    Meeting,
    /// [`Person`](super::Person).
    Person,
    /// [`CriteriaTable`](super::CriteriaTable).
    Table,
    /// [`ScoreSheet`](super::ScoreSheet).
    Sheet,
    /// [`Ballot`](super::Ballot).
    Ballot,
    /// [`Award`](super::Award).
    Award,
}

impl Kind {
    /// Every kind, in tree order.
    pub const ALL: [Kind; 9] = [
        Kind::School,
        Kind::Cluster,
        Kind::Term,
        Kind::Meeting,
        Kind::Person,
        Kind::Table,
        Kind::Sheet,
        Kind::Ballot,
        Kind::Award,
    ];
}
