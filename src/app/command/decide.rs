//! Recording the Academy's decision on several proposals: one store
//! transaction, one undo step that puts every proposal back.

use super::Outcome;
use super::undo::{AnyRecord, Revert, UndoStep};
use crate::app::{App, SaveState};
use crate::domain::{AwardId, Decision};
use crate::i18n::{Msg, trf};

impl App {
    /// Writes the decision on every award of `ids` at once. A refusal
    /// (one of them decided meanwhile, no number) writes nothing and
    /// comes back to the question that asked, which keeps the typing.
    pub(super) fn run_decide(&mut self, ids: &[AwardId], decision: &Decision) -> Outcome {
        let who = self.who();
        match self.store.decide_awards(who.author(""), ids, decision) {
            Ok(done) => {
                let date = decision.date.map(|d| d.to_string()).unwrap_or_default();
                let label = trf(
                    self.settings.lang,
                    Msg::AyrDecideDone,
                    &[&decision.number, &date, &done.len()],
                );
                let revert = Revert::All(
                    done.into_iter()
                        .rev()
                        .map(|(id, before, after)| Revert::Restore {
                            id: id.0,
                            record: Box::new(AnyRecord::Award(before)),
                            expect: Some(Box::new(AnyRecord::Award(after))),
                        })
                        .collect(),
                );
                self.save_state = SaveState::Saved;
                self.info(format!("{} · {label}", self.t(Msg::Saved)));
                self.undo.record(self.pane, UndoStep { label, revert });
                self.reload();
                Outcome::Done
            }
            Err(e) => {
                self.save_state = SaveState::Failed;
                let why = self.explain(&e);
                self.error(format!("{}: {why}", self.t(Msg::NotSaved)));
                Outcome::Refused(why)
            }
        }
    }
}
