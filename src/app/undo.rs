//! Undo: each successful change pushes the step that reverses it.

use crate::domain::*;
use crate::store::{Kind, Store, StoreError};

/// A record of any kind, as undo needs to put it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyRecord {
    /// A school.
    School(School),
    /// A cluster.
    Cluster(Cluster),
    /// A term.
    Term(Term),
    /// A meeting.
    Meeting(Meeting),
    /// A person.
    Person(Person),
    /// An award.
    Award(Award),
    /// A criteria table.
    Table(CriteriaTable),
    /// A score sheet.
    Sheet(ScoreSheet),
    /// A ballot.
    Ballot(Ballot),
}

/// How to reverse one change.
#[derive(Debug, Clone, PartialEq)]
pub enum Revert {
    /// Remove a record that the change created.
    Remove(Kind, u64),
    /// Put back a record as it was before the change (updated or deleted).
    Restore(u64, Box<AnyRecord>),
    /// Put back one score, leaving the rest of the sheet as others left it.
    Score {
        /// The sheet.
        sheet: SheetId,
        /// The school.
        school: SchoolId,
        /// The item's code.
        item: String,
        /// Which score.
        which: crate::domain::scoring::Which,
        /// The value before the change.
        value: Option<Points>,
    },
}

/// One undoable change.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    /// What was done, for the status line.
    pub label: String,
    /// How to reverse it.
    pub revert: Revert,
}

/// Reverses a change in the store.
pub fn apply(
    store: &Store,
    actor: crate::store::Author<'_>,
    revert: &Revert,
) -> Result<(), StoreError> {
    match revert {
        Revert::Remove(kind, id) => {
            let id = *id;
            match kind {
                Kind::School => store.delete::<School>(actor, SchoolId(id)).map(drop),
                Kind::Cluster => store.delete::<Cluster>(actor, ClusterId(id)).map(drop),
                Kind::Term => store.delete::<Term>(actor, TermId(id)).map(drop),
                Kind::Meeting => store.delete::<Meeting>(actor, MeetingId(id)).map(drop),
                Kind::Person => store.delete::<Person>(actor, PersonId(id)).map(drop),
                Kind::Award => store.delete::<Award>(actor, AwardId(id)).map(drop),
                Kind::Table => store.delete::<CriteriaTable>(actor, TableId(id)).map(drop),
                Kind::Sheet => store.delete::<ScoreSheet>(actor, SheetId(id)).map(drop),
                Kind::Ballot => store.delete::<Ballot>(actor, BallotId(id)).map(drop),
            }
        }
        Revert::Score {
            sheet,
            school,
            item,
            which,
            value,
        } => store
            .modify::<ScoreSheet>(actor, *sheet, |s| {
                s.set_score(*school, item, *which, *value);
                Ok(())
            })
            .map(drop),
        Revert::Restore(id, record) => {
            let id = *id;
            match (**record).clone() {
                AnyRecord::School(r) => store.put(actor, SchoolId(id), r),
                AnyRecord::Cluster(r) => store.put(actor, ClusterId(id), r),
                AnyRecord::Term(r) => store.put(actor, TermId(id), r),
                AnyRecord::Meeting(r) => store.put(actor, MeetingId(id), r),
                AnyRecord::Person(r) => store.put(actor, PersonId(id), r),
                AnyRecord::Award(r) => store.put(actor, AwardId(id), r),
                AnyRecord::Table(r) => store.put(actor, TableId(id), r),
                AnyRecord::Sheet(r) => store.put(actor, SheetId(id), r),
                AnyRecord::Ballot(r) => store.put(actor, BallotId(id), r),
            }
        }
    }
}
