//! Saving a form's record, and deleting a record.

use super::Outcome;
use super::undo::{self, AnyRecord, Revert, UndoStep};
use crate::app::form::{Built, Form, Target};
use crate::app::{App, SaveState};
use crate::i18n::Msg;
use crate::store::{Kind, Record, StoreError};

impl App {
    /// Saves a form: the record is built from the fields (a field that does
    /// not read gives the form back with its message), written as new or
    /// over the record the form opened (refused if someone changed it
    /// meanwhile), and the form closes. A refusal gives the form back with
    /// the reason; nothing changed.
    pub(super) fn run_save(&mut self, mut form: Form) -> Outcome {
        let lang = self.settings.lang;
        let Some(built) = form.build(&self.data, lang) else {
            self.error(form.message.clone().unwrap_or_default());
            return Outcome::KeepForm(Box::new(form));
        };
        let who = self.who();
        let by = who.author("");
        let seen = form.opened.clone();
        let seen = seen.as_ref();
        let result = match (form.target.clone(), built) {
            (Target::School(id), Built::School(r)) => self.save(by, id, r, AnyRecord::School, seen),
            (Target::Cluster(id), Built::Cluster(r)) => {
                self.save(by, id, r, AnyRecord::Cluster, seen)
            }
            (Target::Term(id, _), Built::Term(r)) => self.save(by, id, r, AnyRecord::Term, seen),
            (Target::Meeting(id), Built::Meeting(r)) => {
                self.save(by, id, r, AnyRecord::Meeting, seen)
            }
            (Target::Person(id), Built::Person(r)) => self.save(by, id, r, AnyRecord::Person, seen),
            (Target::Award(id), Built::Award(r)) => self.save(by, id, r, AnyRecord::Award, seen),
            // A second ballot for one question, recorded meanwhile by
            // someone else, is refused by the store's unique index.
            (Target::Ballot(id, ..), Built::Ballot(b)) => {
                if self.check_ballot(&mut form, &b).is_err() {
                    return Outcome::KeepForm(Box::new(form));
                }
                self.save(by, id, b, AnyRecord::Ballot, seen)
            }
            (Target::Table(id, then_sheet), Built::Table(t, reason)) => {
                return self.run_save_table(form, id, then_sheet, t, reason);
            }
            (Target::Members(id), Built::Members(_, schools, reason)) => {
                return self.run_save_members(form, id, schools, reason);
            }
            (Target::Sheet, Built::Sheet(cluster, year))
                if !crate::app::form::ballot_members(&self.data, cluster, year).is_empty()
                    && self.needs_table(cluster, year) =>
            {
                return self.offer_table(cluster, year);
            }
            (Target::Sheet, Built::Sheet(cluster, year)) => {
                match self.create_sheet(by, cluster, year) {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        form.message = Some(e.clone());
                        self.error(e);
                        return Outcome::KeepForm(Box::new(form));
                    }
                }
            }
            _ => Err(StoreError::Invalid("form and record do not match".into())),
        };
        match result {
            Ok((step, id, kind)) => {
                self.close_forms();
                self.after_write(step, Some((kind, id)))
            }
            Err(e) => {
                // The form stays open with everything typed; nothing changed.
                let why = format!("{}: {}", self.t(Msg::NotSaved), self.form_error(&e));
                form.message = Some(why.clone());
                self.save_state = SaveState::Failed;
                self.error(why);
                Outcome::KeepForm(Box::new(form))
            }
        }
    }

    /// Inserts or updates a record and returns the undo step.
    pub(super) fn save<R: Record>(
        &self,
        by: crate::store::Author<'_>,
        id: Option<R::Id>,
        record: R,
        wrap: fn(R) -> AnyRecord,
        seen: Option<&AnyRecord>,
    ) -> Result<(UndoStep, u64, Kind), StoreError> {
        let lang = self.settings.lang;
        let kind = wrap(record.clone()).kind();
        match id {
            None => {
                let new = self.store.insert(by, record.clone())?;
                let id: u64 = new.into();
                // Named from the record written: the snapshot predates it.
                let name = self.data.name_of(&wrap(record), lang);
                Ok((
                    UndoStep {
                        label: format!("{} {name}", self.t(Msg::Created)),
                        revert: Revert::Remove(kind, id),
                    },
                    id,
                    kind,
                ))
            }
            Some(id) => {
                let before = self.store.must_get::<R>(id)?;
                let after = undo::as_stored(&record, wrap);
                match seen {
                    Some(seen) => self
                        .store
                        .update_if_seen(by, id, record, |stored| wrap(stored.clone()) == *seen)?,
                    None => self.store.update(by, id, record)?,
                }
                let id: u64 = id.into();
                let name = self.data.record_name(kind, id, lang);
                Ok((
                    UndoStep {
                        label: format!("{} {name}", self.t(Msg::Updated)),
                        revert: Revert::Restore {
                            id,
                            record: Box::new(wrap(before)),
                            expect: Some(after),
                        },
                    },
                    id,
                    kind,
                ))
            }
        }
    }

    /// Deletes a record; undo puts it back. Sheets, tables and ballots
    /// belong to their conference and are never deleted from a pane.
    pub(super) fn run_delete(&mut self, kind: Kind, id: u64) -> Outcome {
        if matches!(kind, Kind::Sheet | Kind::Table | Kind::Ballot) {
            return self.write_failed(&StoreError::Invalid("not deletable here".into()));
        }
        let name = self.data.record_name(kind, id, self.settings.lang);
        let who = self.who();
        match undo::apply(&self.store, who.author(""), &Revert::Remove(kind, id)) {
            Ok(revert) => {
                let label = format!("{} {name}", self.t(Msg::Deleted));
                self.after_write(UndoStep { label, revert }, None)
            }
            Err(e) => self.write_failed(&e),
        }
    }
}
