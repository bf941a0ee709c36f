//! Saving a criteria table from its form (and then the sheet it was
//! started for), and a sheet's corrected member list. The store checks
//! both inside the write: the table by the rules of a CSV import and, when
//! a locked sheet uses it, as an amendment with the reason typed; the
//! members against the lock and the scores.

use super::Outcome;
use super::undo::{AnyRecord, Revert, UndoStep};
use crate::app::form::{Form, Target, mark_problems};
use crate::app::overlays::Overlay;
use crate::app::{App, SaveState};
use crate::domain::lock::LockRefusal;
use crate::domain::sheet_members::MemberRefusal;
use crate::domain::*;
use crate::i18n::{Msg, trf};
use crate::store::{Kind, StoreError};

impl App {
    /// Saves the table read back from its form; with `then_sheet`, creates
    /// the sheet of its cluster and year after it, both one undo step.
    pub(super) fn run_save_table(
        &mut self,
        form: Form,
        id: Option<TableId>,
        then_sheet: bool,
        table: CriteriaTable,
        reason: String,
    ) -> Outcome {
        let who = self.who();
        let by = who.author(&reason);
        let (cluster, year) = (table.cluster, table.year);
        let seen = form.opened.clone();
        let saved = self.save(by, id, table, AnyRecord::Table, seen.as_ref());
        let (mut step, mut select) = match saved {
            Ok((step, id, kind)) => (step, (kind, id)),
            Err(e) => return self.keep_table_form(form, &e),
        };
        step.label = format!("{} · {}", self.t(Msg::TableSavedLabel), step.label);
        if then_sheet && let Some(cluster) = cluster {
            match self.create_sheet(by, cluster, year) {
                Ok((sheet, id, kind)) => {
                    step = UndoStep {
                        label: format!("{} · {}", step.label, sheet.label),
                        // The sheet first: it refers to the table.
                        revert: Revert::All(vec![sheet.revert, step.revert]),
                    };
                    select = (kind, id);
                }
                Err(why) => {
                    // The table is saved; the sheet is said not to be.
                    self.close_forms();
                    self.after_write(step, None);
                    self.error(why);
                    return Outcome::Failed;
                }
            }
        }
        self.close_forms();
        self.after_write(step, Some(select))
    }

    /// A refused table: the problems beside their fields, the form kept
    /// with everything typed.
    fn keep_table_form(&mut self, mut form: Form, e: &StoreError) -> Outcome {
        let lang = self.settings.lang;
        match e {
            StoreError::Table(problems) => mark_problems(&mut form, problems, &self.data, lang),
            StoreError::Lock(LockRefusal::Locked { .. }) => {
                form.mark("reason", None, self.explain(e));
            }
            _ => {}
        }
        let why = format!("{}: {}", self.t(Msg::NotSaved), self.explain(e));
        form.message = Some(why.clone());
        self.save_state = SaveState::Failed;
        self.error(why);
        Outcome::KeepForm(Box::new(form))
    }

    /// Writes a sheet's corrected members with the reason (kept in the
    /// audit); undo puts the list back. Only the difference from the list
    /// the form was opened on is applied to the sheet as stored, so a score
    /// typed meanwhile by someone else is kept.
    pub(super) fn run_save_members(
        &mut self,
        mut form: Form,
        id: SheetId,
        schools: Vec<SchoolId>,
        reason: String,
    ) -> Outcome {
        let opened = match &form.opened {
            Some(AnyRecord::Sheet(s)) => s.schools.clone(),
            _ => Vec::new(),
        };
        let removed: Vec<SchoolId> = opened
            .iter()
            .filter(|s| !schools.contains(s))
            .copied()
            .collect();
        let added: Vec<SchoolId> = schools
            .iter()
            .filter(|s| !opened.contains(s))
            .copied()
            .collect();
        let who = self.who();
        let written = self
            .store
            .modify::<ScoreSheet>(who.author(&reason), id, |s| {
                s.schools.retain(|x| !removed.contains(x));
                for a in &added {
                    if !s.schools.contains(a) {
                        s.schools.push(*a);
                    }
                }
                Ok(())
            });
        match written {
            Ok((before, after)) => {
                let step = UndoStep {
                    label: format!("{} {}", self.t(Msg::MembersLabel), self.sheet_label(id.0)),
                    revert: Revert::Restore {
                        id: id.0,
                        record: Box::new(AnyRecord::Sheet(before)),
                        expect: Some(super::undo::as_stored(&after, AnyRecord::Sheet)),
                    },
                };
                self.close_forms();
                self.after_write(step, Some((Kind::Sheet, id.0)))
            }
            Err(e) => {
                if let StoreError::Members(MemberRefusal::HasScores(_)) = e {
                    form.mark("remove", None, self.explain(&e));
                }
                let why = format!("{}: {}", self.t(Msg::NotSaved), self.explain(&e));
                form.message = Some(why.clone());
                self.save_state = SaveState::Failed;
                self.error(why);
                Outcome::KeepForm(Box::new(form))
            }
        }
    }

    fn sheet_label(&self, id: u64) -> String {
        self.data
            .sheets
            .get(&SheetId(id))
            .map(|s| format!("{} {}", self.data.cluster_label(s.cluster), s.year))
            .unwrap_or_default()
    }

    /// A refused member change in words.
    pub(super) fn member_refusal(&self, r: &MemberRefusal) -> String {
        let lang = self.settings.lang;
        match r {
            MemberRefusal::Locked { cluster, year } => format!(
                "{} ({} · {year})",
                self.t(Msg::ErrMembersLocked),
                self.data.cluster_label(*cluster)
            ),
            MemberRefusal::HasScores(s) => trf(
                lang,
                Msg::ErrMemberHasScores,
                &[&self.data.school_short(*s)],
            ),
            MemberRefusal::Twice(s) => {
                trf(lang, Msg::ErrMemberTwice, &[&self.data.school_short(*s)])
            }
        }
    }

    /// Whether a sheet for a cluster and year would find no table: none of
    /// its own for the year, and none earlier to copy.
    pub(super) fn needs_table(&self, cluster: ClusterId, year: u16) -> bool {
        let own = self
            .data
            .tables
            .values()
            .any(|t| (t.cluster == Some(cluster) || t.cluster.is_none()) && t.year <= year);
        !own
    }

    /// Instead of a dead end: the table form for the cluster and year, which
    /// offers building the table, copying the latest one (Ctrl-L) and
    /// importing a CSV file (Ctrl-O); the sheet is created once it is saved.
    pub(super) fn offer_table(&mut self, cluster: ClusterId, year: u16) -> Outcome {
        let mut form = Form::open(Target::Table(None, true), &self.data);
        form.preset("cluster", cluster.0);
        if let Some(f) = form.fields.iter_mut().find(|f| f.key == "year") {
            f.input.set(&year.to_string());
        }
        let lang = self.settings.lang;
        form.message = Some(trf(lang, Msg::NoTableChoose, &[&year]));
        self.close_forms();
        self.open(Overlay::Form(Box::new(form)));
        self.info(trf(lang, Msg::NoTableShort, &[&year]));
        Outcome::Done
    }
}
