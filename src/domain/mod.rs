//! The domain: plain types and pure rules. Nothing here touches sled, the
//! terminal or the clock's side effects beyond reading it, so every rule is
//! tested in microseconds.

pub mod access;
mod award;
mod ballot;
mod cluster;
pub mod conference;
mod criteria;
pub mod criteria_rules;
mod date;
pub mod deciding;
pub mod history;
mod ids;
mod kind;
pub mod lock;
mod meeting;
pub mod outcomes;
mod person;
mod points;
mod proceedings;
pub mod rotation;
mod school;
pub mod score_form;
pub mod scoring;
pub mod search;
pub mod search_names;
pub mod search_query;
mod sheet;
pub mod sheet_grid;
pub mod sheet_members;
mod source;
pub mod stats;
pub mod tally;
mod term;
pub mod year;

pub use award::{Award, AwardKind, AwardStatus};
pub use ballot::{Ballot, Question, Vote};
pub use cluster::{Cluster, Membership};
pub use criteria::{
    AwardQuota, CriteriaGroup, CriteriaTable, Criterion, ItemKind, TieBreak, VoteBase, VoteRule,
};
pub use date::{Date, DateError, Timestamp};
pub use ids::{
    AwardId, BallotId, ClusterId, MeetingId, PersonId, SchoolId, SheetId, TableId, TermId,
};
pub use kind::Kind;
pub use meeting::{Figure, Meeting, MeetingKind, Participant};
pub use person::Person;
pub use points::{Points, PointsError};
pub use proceedings::{Clock, Delegation, HeadingStyle, Paper, Proceedings, TallyNumber};
pub use school::{LineageEvent, LineageKind, School, SchoolStatus};
pub use sheet::{Amendment, ScoreCell, ScoreSheet, SheetLock};
pub use source::{Decision, FormerName, Source};
pub use term::Term;
