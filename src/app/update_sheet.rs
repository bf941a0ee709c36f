//! The conference in the Bảng điểm pane: typing scores, views, locking and
//! amending, ballots, outcomes, export, and the history of a record.

use super::conference::{HistoryView, Prompt, PromptFor, SheetView};
use super::form::{Form, Target};
use super::input::TextInput;
use super::undo::{self, AnyRecord, Revert, UndoStep};
use super::{Action, App, Confirm, Focus, OnYes, SaveState};
use crate::domain::access::{Intent, Owner};
use crate::domain::conference;
use crate::domain::rotation::{Reason, eligible_heads, suggest_head};
use crate::domain::scoring::check_score;
use crate::domain::tally::{TallyError, elected, tally, tally_seats};
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::{Kind, StoreError};

/// What "create the outcomes" will write, shown for confirmation first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomePlan {
    /// Award proposals to add.
    pub awards: Vec<Award>,
    /// Next year's term, new or updated.
    pub term: Term,
    /// The existing term it replaces.
    pub term_id: Option<TermId>,
    /// That term as the plan saw it: if it has changed by the time the
    /// plan is confirmed, nothing is written.
    pub seen_term: Option<Term>,
}

impl App {
    /// The selected sheet with its id and table.
    pub fn current_sheet(&self) -> Option<(SheetId, &ScoreSheet, &CriteriaTable)> {
        let id = SheetId(self.selected_id()?);
        let sheet = self.data.sheets.get(&id)?;
        let table = self.data.tables.get(&sheet.table)?;
        Some((id, sheet, table))
    }

    /// The item code and school under the grid cursor.
    pub fn cursor_cell(&self) -> Option<(String, SchoolId)> {
        let (_, sheet, table) = self.current_sheet()?;
        let (r, c) = self.sheet_cursor;
        let item = table.items().nth(r)?.1.code.clone();
        Some((item, *sheet.schools.get(c)?))
    }

    pub(super) fn update_grid(&mut self, action: Action) {
        match action {
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End => {
                let (r, c) = self.sheet_cursor;
                self.sheet_cursor = match action {
                    Action::Up => (r.saturating_sub(1), c),
                    Action::Down => (r + 1, c),
                    Action::Left => (r, c.saturating_sub(1)),
                    Action::Right => (r, c + 1),
                    Action::PageUp => (r.saturating_sub(10), c),
                    Action::PageDown => (r + 10, c),
                    Action::Home => (0, 0),
                    _ => (usize::MAX, usize::MAX),
                };
                self.clamp_sheet_cursor();
            }
            Action::Back => {
                self.focus = Focus::List;
                self.sheet_ui.amending = None;
            }
            Action::Insert(c) => self.start_edit(Some(c)),
            Action::Open => self.start_edit(None),
            Action::ClearCell => {
                // Cleared as shown: refused if someone changed it meanwhile.
                self.sheet_ui.seen = self.cell_value(self.sheet_ui.view);
                self.write_cell(None);
            }
            Action::CycleView => self.sheet_ui.view = self.sheet_ui.view.next(),
            Action::Lock => self.ask_lock(),
            Action::Amend => self.ask_amend(),
            Action::Ballots => self.open_ballots(),
            Action::Outcomes => self.ask_outcomes(),
            Action::Export => self.ask_export(),
            Action::History => self.open_history(),
            other => self.update_browse(other),
        }
    }

    /// Whether the current sheet may be changed now: not locked, or an
    /// amendment with a reason is under way. Says why not.
    fn may_change(&mut self) -> bool {
        let Some((_, sheet, _)) = self.current_sheet() else {
            self.info(self.t(Msg::NoSheetSelected).to_string());
            return false;
        };
        if sheet.lock.is_some() && self.sheet_ui.amending.is_none() {
            self.error(self.t(Msg::SheetLocked).to_string());
            return false;
        }
        if self.sheet_ui.view == SheetView::Diff {
            self.info(self.t(Msg::DiffReadOnly).to_string());
            return false;
        }
        let cluster = sheet.cluster;
        let intent = match (self.sheet_ui.view, self.cursor_cell()) {
            (SheetView::SelfScore, Some((_, school))) => Intent::SelfScore { cluster, school },
            _ => Intent::Change(Owner::Cluster(cluster)),
        };
        self.allowed(intent)
    }

    /// Whether the role may change the current sheet as a whole (lock, amend,
    /// ballots, outcomes); says why not.
    fn may_run_sheet(&mut self) -> bool {
        match self.current_sheet() {
            Some((_, sheet, _)) => {
                let owner = Owner::Cluster(sheet.cluster);
                self.allowed(Intent::Change(owner))
            }
            None => false,
        }
    }

    fn start_edit(&mut self, first: Option<char>) {
        if !self.may_change() {
            return;
        }
        let shown = self.cell_value(self.sheet_ui.view);
        let text = match first {
            Some(c) => c.to_string(),
            None => shown.map(|p| p.to_string()).unwrap_or_default(),
        };
        self.sheet_ui.edit = Some(TextInput::new(&text));
        self.sheet_ui.seen = shown;
    }

    /// The value under the cursor in a view.
    pub fn cell_value(&self, view: SheetView) -> Option<Points> {
        let (_, sheet, _) = self.current_sheet()?;
        let (item, school) = self.cursor_cell()?;
        sheet.score(school, &item, view.which())
    }

    pub(super) fn update_cell(&mut self, action: Action) {
        let Some(input) = self.sheet_ui.edit.as_mut() else {
            return;
        };
        let step: Option<(isize, isize)> = match action {
            Action::Insert(c) => {
                input.insert(&c.to_string());
                None
            }
            Action::Paste(s) => {
                input.insert(&s);
                None
            }
            Action::Backspace => {
                input.backspace();
                None
            }
            Action::DeleteForward => {
                input.delete();
                None
            }
            Action::Left => {
                input.left();
                None
            }
            Action::Right => {
                input.right();
                None
            }
            Action::Home => {
                input.home();
                None
            }
            Action::End => {
                input.end();
                None
            }
            Action::Back => {
                self.sheet_ui.edit = None;
                self.message = None;
                return;
            }
            Action::Quit => {
                self.ask_quit();
                return;
            }
            Action::Open | Action::Down => Some((1, 0)),
            Action::Up => Some((-1, 0)),
            Action::NextField => Some((0, 1)),
            Action::PrevField => Some((0, -1)),
            _ => None,
        };
        let Some((dr, dc)) = step else { return };
        let text = input.text().to_string();
        // Refused before parsing, which would read `-2` as a number: a
        // score is never negative, and penalties are rows of their own.
        if text.contains(['-', '\u{2212}']) {
            self.error(format!(
                "{}: {}",
                self.t(Msg::NotSaved),
                self.t(Msg::ErrNegativeScore)
            ));
            return;
        }
        let parsed = if text.trim().is_empty() {
            Ok(None)
        } else {
            Points::parse(&text).map(Some)
        };
        let value = match parsed {
            Ok(v) => v,
            Err(e) => {
                // Refused: the typing stays in the cell.
                self.error(format!("{}: {e}", self.t(Msg::NotSaved)));
                return;
            }
        };
        if let (Some(v), Some((item, _)), Some((_, _, table))) =
            (value, self.cursor_cell(), self.current_sheet())
            && let Err(e) = check_score(table, &item, v)
        {
            self.error(format!(
                "{}: {item}: {}",
                self.t(Msg::NotSaved),
                self.score_error(&e)
            ));
            return;
        }
        if self.write_cell(value) {
            self.sheet_ui.edit = None;
            let (r, c) = self.sheet_cursor;
            self.sheet_cursor = (r.saturating_add_signed(dr), c.saturating_add_signed(dc));
            self.clamp_sheet_cursor();
        }
    }

    /// Writes a value into the cursor's cell in the current view; `None` empties it.
    /// Returns whether it was saved.
    fn write_cell(&mut self, value: Option<Points>) -> bool {
        if !self.may_change() {
            return false;
        }
        let (Some((id, sheet, _)), Some((item, school))) =
            (self.current_sheet(), self.cursor_cell())
        else {
            return false;
        };
        let locked = sheet.lock.is_some();
        let which = self.sheet_ui.view.which();
        let old = self.sheet_ui.seen;
        if old == value {
            return true;
        }
        let fmt = |p: Option<Points>| p.map_or_else(|| "—".to_string(), |p| p.to_string());
        let what = format!(
            "{item} · {} · {}: {} → {}",
            self.data.school_short(school),
            self.t(self.sheet_ui.view.label()),
            fmt(old),
            fmt(value)
        );
        let who = self.who();
        let amendment = match (&self.sheet_ui.amending, locked) {
            (Some(reason), true) => Some(Amendment {
                at: Timestamp::now(),
                by: self.settings.actor.clone(),
                reason: format!("{reason} ({what})"),
            }),
            _ => None,
        };
        let reason = self.sheet_ui.amending.clone().unwrap_or_default();
        let author = who.author(if amendment.is_some() { &reason } else { "" });
        // Only this one score is changed, on the sheet as stored now: scores
        // other sessions saved since this screen was refreshed are kept.
        let locked_now = self.t(Msg::SheetLocked).to_string();
        let result = self.store.modify::<ScoreSheet>(author, id, |s| {
            // Locked by another session since this screen was drawn.
            if s.lock.is_some() && amendment.is_none() {
                return Err(StoreError::Invalid(locked_now.clone()));
            }
            // Saved by someone else since typing began: refused, so that
            // their score is not overwritten unseen.
            let stored = s.score(school, &item, which);
            if stored != old {
                return Err(StoreError::ScoreChanged { seen: old, stored });
            }
            s.set_score(school, &item, which, value);
            if let Some(a) = &amendment {
                s.amendments.push(a.clone());
            }
            Ok(())
        });
        match result {
            Ok((before, after)) => {
                // A cell is undone on its own; an amendment stays recorded.
                let revert = match amendment {
                    None => Revert::Score {
                        sheet: id,
                        school,
                        item: item.clone(),
                        which,
                        value: before.score(school, &item, which),
                        expect: value,
                    },
                    Some(_) => Revert::Restore {
                        id: id.0,
                        record: Box::new(AnyRecord::Sheet(before)),
                        expect: Some(undo::as_stored(&after, AnyRecord::Sheet)),
                    },
                };
                self.after_write(
                    UndoStep {
                        label: what,
                        revert,
                    },
                    None,
                );
                true
            }
            Err(e) => {
                if let StoreError::ScoreChanged { stored, .. } = &e {
                    // Both values are on the status line now: a second
                    // Enter saves the typing over the stored value knowingly.
                    self.sheet_ui.seen = *stored;
                    self.reload();
                }
                self.write_failed(&e);
                false
            }
        }
    }

    fn ask_lock(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((id, sheet, table)) = self.current_sheet() else {
            return;
        };
        if sheet.lock.is_some() {
            self.info(self.t(Msg::SheetLocked).to_string());
            return;
        }
        let missing = crate::domain::lock::missing_cells(sheet, table);
        if !missing.is_empty() {
            let refusal = crate::domain::lock::LockRefusal::Incomplete {
                count: missing.len(),
                first: missing.into_iter().take(5).collect(),
            };
            self.error(crate::i18n::errors::lock(
                self.settings.lang,
                &refusal,
                &*self.data,
            ));
            return;
        }
        self.confirm = Some(Confirm {
            question: self.t(Msg::AskLock).to_string(),
            on_yes: OnYes::Lock(id),
        });
    }

    pub(super) fn lock_sheet(&mut self, id: SheetId) {
        let lock = SheetLock {
            at: Timestamp::now(),
            by: self.settings.actor.clone(),
        };
        let who = self.who();
        let reason = self.t(Msg::LockedDone).to_string();
        // Locks the sheet as stored, with every score saved up to now.
        let result = self
            .store
            .modify::<ScoreSheet>(who.author(&reason), id, |s| {
                s.lock = Some(lock.clone());
                Ok(())
            });
        match result {
            Ok(_) => {
                // A lock is not undone with `u`: reopening a final sheet is an amendment.
                self.save_state = SaveState::Saved;
                self.sheet_ui.amending = None;
                self.info(format!(
                    "{} · {}",
                    self.t(Msg::Saved),
                    self.t(Msg::LockedDone)
                ));
                self.reload();
            }
            Err(e) => self.write_failed(&e),
        }
    }

    fn ask_amend(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((_, sheet, _)) = self.current_sheet() else {
            return;
        };
        if sheet.lock.is_none() {
            return;
        }
        self.prompt = Some(Prompt {
            title: Msg::AmendReason,
            input: TextInput::default(),
            purpose: PromptFor::AmendReason,
            error: None,
        });
    }

    fn ask_export(&mut self) {
        if !self.allowed(Intent::WriteFile) {
            return;
        }
        let Some((_, sheet, _)) = self.current_sheet() else {
            return;
        };
        let label = crate::text::fold(&self.data.cluster_label(sheet.cluster)).replace(' ', "-");
        self.prompt = Some(Prompt {
            title: Msg::ExportFormat,
            input: TextInput::new(&format!("{label}-{}.xlsx", sheet.year)),
            purpose: PromptFor::ExportFile,
            error: None,
        });
    }

    pub(super) fn update_prompt(&mut self, action: Action) {
        let Some(mut p) = self.prompt.take() else {
            return;
        };
        match action {
            Action::Insert(c) => p.input.insert(&c.to_string()),
            Action::Paste(s) => p.input.insert(&s),
            Action::Backspace => p.input.backspace(),
            Action::DeleteForward => p.input.delete(),
            Action::Left => p.input.left(),
            Action::Right => p.input.right(),
            Action::Home => p.input.home(),
            Action::End => p.input.end(),
            Action::Back => return,
            Action::Quit => {
                self.prompt = Some(p);
                self.ask_quit();
                return;
            }
            Action::Open => {
                let answer = crate::text::clean_line(p.input.text());
                match p.purpose {
                    PromptFor::AmendReason if answer.is_empty() => {
                        p.error = Some(self.t(Msg::ReasonRequired).to_string());
                    }
                    PromptFor::AmendReason => {
                        self.sheet_ui.amending = Some(answer);
                        self.info(format!(
                            "{}: {}",
                            self.t(Msg::AmendOn),
                            self.sheet_ui.amending.clone().unwrap_or_default()
                        ));
                        return;
                    }
                    PromptFor::ExportFile => match self.export_to(&answer) {
                        Ok(msg) => {
                            self.info(msg);
                            return;
                        }
                        Err(e) => p.error = Some(e),
                    },
                }
            }
            _ => {}
        }
        self.prompt = Some(p);
    }

    fn export_to(&self, file: &str) -> Result<String, String> {
        use crate::export::Format;
        let Some((_, sheet, _)) = self.current_sheet() else {
            return Err(self.t(Msg::NoSheetSelected).to_string());
        };
        let lower = file.to_lowercase();
        let format = if lower.ends_with(".csv") {
            Format::Csv
        } else if lower.ends_with(".xlsx") {
            Format::Xlsx
        } else if lower.ends_with(".md") {
            Format::Minutes
        } else {
            return Err(self.t(Msg::UnknownFormat).to_string());
        };
        let bytes = crate::export::render(
            &self.data,
            sheet.cluster,
            sheet.year,
            format,
            self.settings.lang,
        )
        .map_err(|e| e.to_string())?;
        let path = std::path::Path::new(file);
        crate::export::write_atomically(path, &bytes).map_err(|e| format!("{file}: {e}"))?;
        Ok(format!("{} {file}", self.t(Msg::Written)))
    }

    fn open_ballots(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((_, sheet, _)) = self.current_sheet() else {
            return;
        };
        let (cluster, year) = (sheet.cluster, sheet.year);
        let existing = super::form::ballot_for(&self.data, cluster, year, 0);
        let mut form = Form::open(Target::Ballot(existing, cluster, year), &self.data);
        super::form::refill_ballot(&mut form, &self.data);
        self.form = Some(form);
    }

    /// Checks a ballot against the year's rule; a refusal marks the field
    /// it concerns and keeps the form open.
    pub(super) fn check_ballot(&mut self, form: &mut Form, b: &Ballot) -> Result<(), ()> {
        let table = conference::sheet_of(&self.data.sheets, b.cluster, b.year)
            .and_then(|(_, s)| self.data.tables.get(&s.table));
        let rule = table.map(|t| t.vote_rule.clone()).unwrap_or_default();
        match tally_seats(b, &rule, conference::seats(table, &b.question)) {
            Ok(t) => {
                let passing: Vec<String> = t
                    .results
                    .iter()
                    .filter(|r| r.passes)
                    .map(|r| format!("{} ({})", self.data.school_short(r.candidate), r.votes))
                    .collect();
                self.info(format!(
                    "{} · {}: {}",
                    self.t(Msg::BallotSaved),
                    self.t(Msg::Passes),
                    passing.join(", ")
                ));
                Ok(())
            }
            Err(e) => {
                let key = match &e {
                    TallyError::DoesNotAddUp { .. } => "valid",
                    TallyError::MoreBallotsThanPresent { .. } => "issued",
                    TallyError::MorePresentThanMembers { .. } | TallyError::NoQuorum { .. } => {
                        "present"
                    }
                    TallyError::TooManyVotes { .. }
                    | TallyError::DuplicateCandidate(_)
                    | TallyError::TooManyVotesInAll { .. } => "votes",
                    TallyError::BadRule => "question",
                };
                let about = match &e {
                    TallyError::TooManyVotes { candidate, .. } => Some(candidate.0),
                    _ => None,
                };
                let why = self.tally_error(&e);
                if let Some(f) = form
                    .fields
                    .iter_mut()
                    .find(|f| f.key == key && (about.is_none() || f.about == about))
                {
                    f.error = Some(why.clone());
                }
                form.message = Some(format!("{}: {why}", self.t(Msg::NotSaved)));
                self.error(format!("{}: {why}", self.t(Msg::NotSaved)));
                Err(())
            }
        }
    }

    /// Creates a sheet for a cluster and year, with the year's members and
    /// the year's criteria table (copied from the latest earlier one when
    /// the year has none).
    pub(super) fn create_sheet(
        &mut self,
        by: crate::store::Author<'_>,
        cluster: ClusterId,
        year: u16,
    ) -> Result<(UndoStep, u64, Kind), String> {
        let schools = super::form::ballot_members(&self.data, cluster, year);
        if schools.is_empty() {
            return Err(self.t(Msg::NoMembers).to_string());
        }
        let e = |e: StoreError| e.to_string();
        let table = match self.store.table_for(Some(cluster), year).map_err(e)? {
            Some((id, _)) => id,
            None => {
                let latest = self
                    .data
                    .tables
                    .values()
                    .filter(|t| {
                        (t.cluster == Some(cluster) || t.cluster.is_none()) && t.year < year
                    })
                    .max_by_key(|t| (t.year, t.cluster.is_some()))
                    .cloned()
                    .ok_or_else(|| self.t(Msg::NoTable).to_string())?;
                let mut copy = latest;
                copy.year = year;
                copy.cluster = Some(cluster);
                copy.title = format!("{} ({year})", copy.title);
                self.store.insert(by, copy).map_err(e)?
            }
        };
        let illustrative = self
            .data
            .clusters
            .get(&cluster)
            .is_some_and(|c| c.illustrative);
        let sheet = ScoreSheet {
            cluster,
            year,
            table,
            schools,
            cells: Vec::new(),
            lock: None,
            amendments: Vec::new(),
            illustrative,
        };
        let id = self.store.insert(by, sheet).map_err(e)?;
        Ok((
            UndoStep {
                label: format!(
                    "{} {} {year}",
                    self.t(Msg::SheetCreated),
                    self.data.cluster_label(cluster)
                ),
                revert: Revert::Remove(Kind::Sheet, id.0),
            },
            id.0,
            Kind::Sheet,
        ))
    }

    fn ask_outcomes(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((_, sheet, table)) = self.current_sheet() else {
            return;
        };
        let (cluster, year) = (sheet.cluster, sheet.year);
        let rule = table.vote_rule.clone();
        let ballots = conference::ballots_of(&self.data.ballots, cluster, year);
        let winners = |q: Question| -> (Vec<SchoolId>, Vec<SchoolId>) {
            let seats = conference::seats(Some(table), &q).unwrap_or(0) as usize;
            ballots
                .iter()
                .find(|(_, b)| b.question == q)
                .and_then(|(_, b)| tally(b, &rule).ok())
                .map(|t| elected(&t, seats))
                .unwrap_or_default()
        };
        let meeting =
            conference::year_end_meeting(&self.data.meetings, cluster, year).map(|(id, _)| id);
        let mut lines = vec![self.t(Msg::OutcomesTitle).to_string()];
        let mut awards = Vec::new();
        let mut ties = Vec::new();
        for (q, kind) in [
            (Question::Flag, AwardKind::AcademyFlag),
            (Question::Certificate, AwardKind::AcademyCertificate),
        ] {
            let (won, tied) = winners(q);
            ties.extend(tied);
            for s in won {
                let exists = self.data.awards.values().any(|a| {
                    a.year == year
                        && a.recipient == s
                        && a.kind == kind
                        && a.cluster == Some(cluster)
                });
                if !exists {
                    lines.push(format!(
                        "+ {} · {}",
                        kind.name_vi(),
                        self.data.school_name(s)
                    ));
                    awards.push(Award {
                        kind: kind.clone(),
                        recipient: s,
                        year,
                        cluster: Some(cluster),
                        status: AwardStatus::Proposed,
                        proposed_at: meeting,
                        decision: None,
                        illustrative: sheet.illustrative,
                        sources: Vec::new(),
                    });
                }
            }
        }
        let existing =
            conference::next_term(&self.data.terms, cluster, year).map(|(id, t)| (id, t.clone()));
        let mut term = existing
            .as_ref()
            .map_or_else(|| Term::new(cluster, year + 1), |(_, t)| t.clone());
        let (head, head_tie) = winners(Question::Head);
        ties.extend(head_tie);
        match head.first() {
            Some(h) => term.head = Some(*h),
            None if term.head.is_none() => {
                let terms: Vec<Term> = self
                    .data
                    .terms_of(cluster)
                    .into_iter()
                    .map(|(_, t)| t.clone())
                    .collect();
                let members = eligible_heads(
                    &super::form::ballot_members(&self.data, cluster, year),
                    &self.data.schools,
                    year + 1,
                );
                if let Some((s, why)) = suggest_head(&members, &terms, year + 1).first() {
                    let reason = match why {
                        Reason::NeverHead => self.t(Msg::NeverHead).to_string(),
                        Reason::LastHead(y) => format!("{} {y}", self.t(Msg::LastHeadIn)),
                    };
                    lines.push(format!(
                        "{}: {} ({reason})",
                        self.t(Msg::Suggested),
                        self.data.school_name(s)
                    ));
                    term.head = Some(s);
                }
            }
            None => {}
        }
        let (deputies, dep_tie) = winners(Question::Deputy);
        ties.extend(dep_tie);
        if !deputies.is_empty() {
            term.deputies = deputies;
        }
        term.flag_holder = term.head;
        term.elected_at = term.elected_at.or(meeting);
        if let Some(h) = term.head {
            lines.push(format!(
                "{} {}: {}",
                self.t(Msg::Head),
                year + 1,
                self.data.school_name(h)
            ));
        }
        if !term.deputies.is_empty() {
            lines.push(format!(
                "{} {}: {}",
                self.t(Msg::Deputies),
                year + 1,
                term.deputies
                    .iter()
                    .map(|d| self.data.school_short(*d))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !ties.is_empty() {
            lines.push(format!(
                "{}: {}",
                self.t(Msg::TieLeft),
                ties.iter()
                    .map(|d| self.data.school_short(*d))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        self.confirm = Some(Confirm {
            question: lines.join("\n"),
            on_yes: OnYes::Outcomes(Box::new(OutcomePlan {
                awards,
                term,
                term_id: existing.as_ref().map(|(id, _)| *id),
                seen_term: existing.map(|(_, t)| t),
            })),
        });
    }

    /// Writes a confirmed plan: next year's term first, checked against the
    /// term the plan was made from (a new one is refused by the store if
    /// someone created it meanwhile), then the proposals not already
    /// stored. One undo step takes it all back.
    pub(super) fn apply_outcomes(&mut self, plan: OutcomePlan) {
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
                return;
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
        match failed {
            Some(e) => self.write_failed(&e),
            None => {
                self.save_state = SaveState::Saved;
                self.info(format!(
                    "{} · {}",
                    self.t(Msg::Saved),
                    self.t(Msg::OutcomesDone)
                ));
            }
        }
        self.reload();
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

    /// A refused score in the user's language, with its numbers.
    fn score_error(&self, e: &crate::domain::scoring::ScoreError) -> String {
        crate::i18n::errors::score(self.settings.lang, e)
    }

    /// A refused tally in the user's language, with its numbers.
    pub(super) fn tally_error(&self, e: &TallyError) -> String {
        crate::i18n::errors::tally(self.settings.lang, e, &*self.data)
    }

    /// Opens the history of the record under the selection.
    pub(super) fn open_history(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        match self.store.audit_of(kind, id) {
            Ok(entries) => {
                let mut lines = super::history::lines(&entries, &self.data);
                if lines.is_empty() {
                    lines.push(self.t(Msg::NoHistoryEntries).to_string());
                }
                self.history = Some(HistoryView {
                    title: format!(
                        "{} · {}",
                        self.t(Msg::HistoryTitle),
                        self.record_name(kind, id)
                    ),
                    lines,
                    scroll: 0,
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn update_history(&mut self, action: Action) {
        let Some(h) = self.history.as_mut() else {
            return;
        };
        match action {
            Action::Back => self.history = None,
            Action::Up => h.scroll = h.scroll.saturating_sub(1),
            Action::Down => h.scroll = (h.scroll + 1).min(h.lines.len().saturating_sub(1)),
            Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
            Action::PageDown => h.scroll = (h.scroll + 10).min(h.lines.len().saturating_sub(1)),
            _ => {}
        }
    }
}
