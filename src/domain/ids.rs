//! Typed record ids. Every record is keyed by a `u64` from sled's id generator,
//! stored big-endian so that key order is id order.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),+ $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u64);

        impl From<u64> for $name {
            fn from(v: u64) -> Self {
                Self(v)
            }
        }

        impl From<$name> for u64 {
            fn from(v: $name) -> u64 {
                v.0
            }
        }
    )+};
}

id_type!(
    /// A provincial political school.
    SchoolId,
    /// An emulation cluster (cụm thi đua).
    ClusterId,
    /// One cluster's leadership for one year.
    TermId,
    /// A conference, seminar or other meeting.
    MeetingId,
    /// A person named in the records.
    PersonId,
    /// A criteria table (bảng tiêu chí) with the year's rules.
    TableId,
    /// A score sheet (bảng điểm) of one cluster and year.
    SheetId,
    /// One secret ballot question.
    BallotId,
    /// An award, proposed or decided.
    AwardId,
);
