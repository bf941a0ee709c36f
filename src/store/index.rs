//! Secondary indexes. Each is its own sled tree whose keys sort the way its
//! lookup needs; every key ends with the record id, so one record may appear
//! under many keys. Entries are derived from records by [`super::Record::index_keys`]
//! and written in the same transaction as the record.

use super::codec::id_key;
use crate::domain::Date;

/// The index trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Index {
    /// folded name ‖ 0x00 ‖ kind byte ‖ id: accent-free lookup.
    Name,
    /// cluster ‖ year → term: at most one term per cluster and year.
    TermYear,
    /// school ‖ year ‖ role ‖ term: a school's terms as head, deputy, flag holder.
    SchoolRole,
    /// school ‖ year ‖ cluster: which cluster a school belonged to each year.
    Member,
    /// cluster (0 = none) ‖ date (yyyymmdd, 0 = unknown) ‖ meeting.
    ClusterMeeting,
    /// cluster (0 = Academy-wide) ‖ year → criteria table (unique).
    TableYear,
    /// cluster ‖ year → score sheet (unique).
    SheetYear,
    /// cluster ‖ year ‖ ballot.
    ClusterBallot,
    /// school ‖ year ‖ award.
    SchoolAward,
    /// cluster (0 = none) ‖ year ‖ award.
    ClusterAward,
    /// other school ‖ school: the schools whose lineage names another (predecessors).
    Lineage,
    /// cluster ‖ year ‖ question → the ballot: one ballot per question.
    BallotQuestion,
}

impl Index {
    /// Every index, in tree order.
    pub const ALL: [Index; 12] = [
        Index::Name,
        Index::TermYear,
        Index::SchoolRole,
        Index::Member,
        Index::ClusterMeeting,
        Index::TableYear,
        Index::SheetYear,
        Index::ClusterBallot,
        Index::SchoolAward,
        Index::ClusterAward,
        Index::Lineage,
        Index::BallotQuestion,
    ];

    /// The sled tree name.
    pub fn tree(self) -> &'static str {
        match self {
            Index::Name => "idx_name",
            Index::TermYear => "idx_term_year",
            Index::SchoolRole => "idx_school_role",
            Index::Member => "idx_member",
            Index::ClusterMeeting => "idx_cluster_meeting",
            Index::TableYear => "idx_table_year",
            Index::SheetYear => "idx_sheet_year",
            Index::ClusterBallot => "idx_cluster_ballot",
            Index::SchoolAward => "idx_school_award",
            Index::ClusterAward => "idx_cluster_award",
            Index::Lineage => "idx_lineage",
            Index::BallotQuestion => "idx_ballot_question",
        }
    }
}

/// One index entry a record contributes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndexKey {
    /// Which index.
    pub index: Index,
    /// The full key.
    pub key: Vec<u8>,
    /// Whether no other record may hold the same key.
    pub unique: bool,
}

/// Roles in [`Index::SchoolRole`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Role {
    /// Cụm trưởng.
    Head = 1,
    /// Cụm phó.
    Deputy = 2,
    /// Holder of the rotating flag.
    FlagHolder = 3,
}

/// Builds a key from parts.
pub fn key(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A `u64` part.
pub fn u64_part(v: u64) -> [u8; 8] {
    id_key(v)
}

/// A year part.
pub fn year_part(y: u16) -> [u8; 2] {
    y.to_be_bytes()
}

/// A date part that sorts by date; unknown dates sort first.
pub fn date_part(d: Option<Date>) -> [u8; 4] {
    let n = d.map_or(0u32, |d| {
        u32::from(d.year) * 10_000 + u32::from(d.month) * 100 + u32::from(d.day)
    });
    n.to_be_bytes()
}

/// The prefix of a unique `a ‖ year` key, which is the whole key.
pub fn pair_key(a: u64, year: u16) -> Vec<u8> {
    key(&[&u64_part(a), &year_part(year)])
}
