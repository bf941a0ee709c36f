//! Undo and redo: each successful change pushes the step that reverses it,
//! on the stack of the pane it was made in. Undoing a step gives the step
//! that redoes it, and the other way round.

use crate::app::Pane;
use crate::domain::*;
use crate::store::{Kind, Record, Store, StoreError};

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

impl AnyRecord {
    /// The kind of record it holds.
    pub fn kind(&self) -> Kind {
        match self {
            AnyRecord::School(_) => Kind::School,
            AnyRecord::Cluster(_) => Kind::Cluster,
            AnyRecord::Term(_) => Kind::Term,
            AnyRecord::Meeting(_) => Kind::Meeting,
            AnyRecord::Person(_) => Kind::Person,
            AnyRecord::Award(_) => Kind::Award,
            AnyRecord::Table(_) => Kind::Table,
            AnyRecord::Sheet(_) => Kind::Sheet,
            AnyRecord::Ballot(_) => Kind::Ballot,
        }
    }
}

/// How to reverse one change.
#[derive(Debug, Clone, PartialEq)]
pub enum Revert {
    /// Remove a record that the change created.
    Remove(Kind, u64),
    /// Put back a record as it was before the change.
    Restore {
        /// The record's id.
        id: u64,
        /// The record as it was.
        record: Box<AnyRecord>,
        /// The record as the change left it: when someone else has changed
        /// it since, the step is refused rather than undo their change.
        /// `None` when the change deleted it.
        expect: Option<Box<AnyRecord>>,
    },
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
        /// The value to put back.
        value: Option<Points>,
        /// The value the change left, which must still be there.
        expect: Option<Points>,
    },
    /// Several changes made as one (the outcomes of a conference), reversed
    /// in order; if one is refused, those already reversed are put back.
    All(Vec<Revert>),
}

/// One undoable change.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    /// What was done, for the confirmation and the status line.
    pub label: String,
    /// How to reverse it.
    pub revert: Revert,
}

/// The undo and redo stacks of each pane, newest last.
#[derive(Debug, Clone, Default)]
pub struct Stacks {
    undo: [Vec<UndoStep>; 5],
    redo: [Vec<UndoStep>; 5],
}

fn slot(pane: Pane) -> usize {
    Pane::ALL
        .iter()
        .position(|p| *p == pane)
        .unwrap_or(0)
        .min(4)
}

impl Stacks {
    /// Records a new change made in a pane; what that pane could redo is
    /// gone, since it would now redo over the new change.
    pub fn record(&mut self, pane: Pane, step: UndoStep) {
        let i = slot(pane);
        if let (Some(u), Some(r)) = (self.undo.get_mut(i), self.redo.get_mut(i)) {
            u.push(step);
            r.clear();
        }
    }

    /// The step `u` would undo in a pane.
    pub fn next_undo(&self, pane: Pane) -> Option<&UndoStep> {
        self.undo.get(slot(pane)).and_then(|s| s.last())
    }

    /// The step redo would apply in a pane.
    pub fn next_redo(&self, pane: Pane) -> Option<&UndoStep> {
        self.redo.get(slot(pane)).and_then(|s| s.last())
    }

    /// Takes the step to undo in a pane.
    pub fn pop_undo(&mut self, pane: Pane) -> Option<UndoStep> {
        self.undo.get_mut(slot(pane)).and_then(Vec::pop)
    }

    /// Takes the step to redo in a pane.
    pub fn pop_redo(&mut self, pane: Pane) -> Option<UndoStep> {
        self.redo.get_mut(slot(pane)).and_then(Vec::pop)
    }

    /// Puts a step on a pane's undo stack without touching its redo stack
    /// (a redone step, or one whose undo was refused).
    pub fn push_undo(&mut self, pane: Pane, step: UndoStep) {
        if let Some(s) = self.undo.get_mut(slot(pane)) {
            s.push(step);
        }
    }

    /// Puts a step on a pane's redo stack.
    pub fn push_redo(&mut self, pane: Pane, step: UndoStep) {
        if let Some(s) = self.redo.get_mut(slot(pane)) {
            s.push(step);
        }
    }

    /// How many steps a pane can undo.
    pub fn undo_len(&self, pane: Pane) -> usize {
        self.undo.get(slot(pane)).map_or(0, Vec::len)
    }
}

/// Reverses a change in the store and returns the step that reverses the
/// reversal (redo of an undo, undo of a redo). The store checks every write
/// as usual: a locked sheet or a role refuses it like any other change.
pub fn apply(
    store: &Store,
    actor: crate::store::Author<'_>,
    revert: &Revert,
) -> Result<Revert, StoreError> {
    match revert {
        Revert::Remove(kind, id) => {
            let id = *id;
            let old = match kind {
                Kind::School => AnyRecord::School(store.delete(actor, SchoolId(id))?),
                Kind::Cluster => AnyRecord::Cluster(store.delete(actor, ClusterId(id))?),
                Kind::Term => AnyRecord::Term(store.delete(actor, TermId(id))?),
                Kind::Meeting => AnyRecord::Meeting(store.delete(actor, MeetingId(id))?),
                Kind::Person => AnyRecord::Person(store.delete(actor, PersonId(id))?),
                Kind::Award => AnyRecord::Award(store.delete(actor, AwardId(id))?),
                Kind::Table => AnyRecord::Table(store.delete(actor, TableId(id))?),
                Kind::Sheet => AnyRecord::Sheet(store.delete(actor, SheetId(id))?),
                Kind::Ballot => AnyRecord::Ballot(store.delete(actor, BallotId(id))?),
            };
            Ok(Revert::Restore {
                id,
                record: Box::new(old),
                expect: None,
            })
        }
        Revert::Score {
            sheet,
            school,
            item,
            which,
            value,
            expect,
        } => {
            store.modify::<ScoreSheet>(actor, *sheet, |s| {
                let stored = s.score(*school, item, *which);
                if stored != *expect {
                    return Err(StoreError::ScoreChanged {
                        seen: *expect,
                        stored,
                    });
                }
                s.set_score(*school, item, *which, *value);
                Ok(())
            })?;
            Ok(Revert::Score {
                sheet: *sheet,
                school: *school,
                item: item.clone(),
                which: *which,
                value: *expect,
                expect: *value,
            })
        }
        Revert::Restore { id, record, expect } => {
            let id = *id;
            let expected = expect.as_deref();
            match ((**record).clone(), expected) {
                (AnyRecord::School(r), e) => restore(store, actor, SchoolId(id), r, e, pick_school),
                (AnyRecord::Cluster(r), e) => {
                    restore(store, actor, ClusterId(id), r, e, pick_cluster)
                }
                (AnyRecord::Term(r), e) => restore(store, actor, TermId(id), r, e, pick_term),
                (AnyRecord::Meeting(r), e) => {
                    restore(store, actor, MeetingId(id), r, e, pick_meeting)
                }
                (AnyRecord::Person(r), e) => restore(store, actor, PersonId(id), r, e, pick_person),
                (AnyRecord::Award(r), e) => restore(store, actor, AwardId(id), r, e, pick_award),
                (AnyRecord::Table(r), e) => restore(store, actor, TableId(id), r, e, pick_table),
                (AnyRecord::Sheet(r), e) => restore(store, actor, SheetId(id), r, e, pick_sheet),
                (AnyRecord::Ballot(r), e) => restore(store, actor, BallotId(id), r, e, pick_ballot),
            }?;
            Ok(match expect {
                Some(after) => Revert::Restore {
                    id,
                    record: after.clone(),
                    expect: Some(record.clone()),
                },
                None => Revert::Remove(record.kind(), id),
            })
        }
        Revert::All(steps) => {
            let mut done: Vec<Revert> = Vec::new();
            for step in steps {
                match apply(store, actor, step) {
                    Ok(inverse) => done.push(inverse),
                    Err(e) => {
                        // Put back what was already reversed, newest first,
                        // so a refused step leaves the record as it was.
                        for inverse in done.iter().rev() {
                            let _ = apply(store, actor, inverse);
                        }
                        return Err(e);
                    }
                }
            }
            done.reverse();
            Ok(Revert::All(done))
        }
    }
}

/// Writes `record` back under `id`: over the stored one only if it is still
/// `expect`, or (when the change deleted it) whatever is there.
fn restore<R: Record>(
    store: &Store,
    actor: crate::store::Author<'_>,
    id: R::Id,
    record: R,
    expect: Option<&AnyRecord>,
    pick: fn(&AnyRecord) -> Option<&R>,
) -> Result<(), StoreError> {
    match expect {
        Some(e) => {
            let after = pick(e).ok_or_else(|| {
                StoreError::Invalid("an undo step names two kinds of record".into())
            })?;
            store.update_if_seen(actor, id, record, |stored| stored == after)
        }
        None => store.put(actor, id, record),
    }
}

macro_rules! pickers {
    ($($name:ident: $variant:ident => $ty:ty),+ $(,)?) => {
        $(fn $name(r: &AnyRecord) -> Option<&$ty> {
            match r {
                AnyRecord::$variant(x) => Some(x),
                _ => None,
            }
        })+
    };
}

pickers! {
    pick_school: School => School,
    pick_cluster: Cluster => Cluster,
    pick_term: Term => Term,
    pick_meeting: Meeting => Meeting,
    pick_person: Person => Person,
    pick_award: Award => Award,
    pick_table: Table => CriteriaTable,
    pick_sheet: Sheet => ScoreSheet,
    pick_ballot: Ballot => Ballot,
}

/// The record a change left, as the store keeps it (text cleaned), for the
/// undo step's check that nobody has changed it since.
pub fn as_stored<R: Record>(record: &R, wrap: fn(R) -> AnyRecord) -> Box<AnyRecord> {
    let mut r = record.clone();
    r.clean_text();
    Box::new(wrap(r))
}
