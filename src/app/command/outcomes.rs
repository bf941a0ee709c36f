//! Writing the outcomes of a conference, as one undo step.

use super::Outcome;
use super::undo::{self, AnyRecord, Revert, UndoStep};
use crate::app::{App, SaveState};
use crate::domain::outcomes::OutcomePlan;
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::{Kind, StoreError};

impl App {
    /// Writes a confirmed plan: next year's term first, checked against the
    /// term the plan was made from (a new one is refused by the store if
    /// someone created it meanwhile), then the proposals not already
    /// stored. One undo step takes it all back.
    pub(super) fn run_outcomes(&mut self, plan: OutcomePlan) -> Outcome {
        let who = self.who();
        let by = who.author("");
        let (cluster, year) = (plan.term.cluster, plan.term.year.saturating_sub(1));
        let term = match (plan.term_id, plan.seen_term) {
            (Some(id), Some(seen)) => {
                let after = undo::as_stored(&plan.term, AnyRecord::Term);
                self.store
                    .update_if_seen(by, id, plan.term, |stored| *stored == seen)
                    .map(|()| Revert::Restore {
                        id: id.0,
                        record: Box::new(AnyRecord::Term(seen.clone())),
                        expect: Some(after),
                    })
            }
            _ => self
                .store
                .insert(by, plan.term)
                .map(|id| Revert::Remove(Kind::Term, id.0)),
        };
        let mut done = match term {
            Ok(revert) => vec![revert],
            Err(StoreError::Changed { .. } | StoreError::Taken { .. }) => {
                self.save_state = SaveState::Failed;
                self.error(format!(
                    "{}: {}",
                    self.t(Msg::NotSaved),
                    self.t(Msg::OutcomesChanged)
                ));
                self.reload();
                return Outcome::Failed;
            }
            Err(e) => return self.write_failed(&e),
        };
        // Read again now: proposals someone else created since the plan
        // was made are not added twice.
        let stored = match self.store.awards_of_cluster(cluster) {
            Ok(a) => a,
            Err(e) => {
                self.outcomes_step(done, cluster, year);
                return self.write_failed(&e);
            }
        };
        let mut failed = None;
        for a in plan.awards {
            let exists = stored
                .iter()
                .any(|(_, s)| s.year == a.year && s.recipient == a.recipient && s.kind == a.kind);
            if exists {
                continue;
            }
            match self.store.insert(by, a) {
                Ok(id) => done.push(Revert::Remove(Kind::Award, id.0)),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        self.outcomes_step(done, cluster, year);
        let outcome = match failed {
            Some(e) => self.write_failed(&e),
            None => {
                self.save_state = SaveState::Saved;
                self.info(format!(
                    "{} · {}",
                    self.t(Msg::Saved),
                    self.t(Msg::OutcomesDone)
                ));
                Outcome::Done
            }
        };
        self.reload();
        outcome
    }

    /// Records the writes of the outcomes as one undo step, newest undone first.
    fn outcomes_step(&mut self, mut done: Vec<Revert>, cluster: ClusterId, year: u16) {
        done.reverse();
        let label = format!(
            "{} · {} {year}",
            self.t(Msg::OutcomesDone),
            self.data.cluster_label(cluster)
        );
        self.undo.record(
            self.pane,
            UndoStep {
                label,
                revert: Revert::All(done),
            },
        );
    }
}
