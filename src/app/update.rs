//! `App::update`: the one place where state changes and the store is written.

use super::form::{Built, Form, Target};
use super::undo::{self, AnyRecord, Revert, UndoStep};
use super::{
    Action, App, Confirm, Focus, Level, Mode, OnYes, Pane, SaveState, layout, palette::Palette,
};
use crate::domain::access::Intent;
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::{Kind, Record, StoreError};

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                let rows = layout::list_rows(self.size);
                for l in &mut self.lists {
                    l.scroll_into_view(rows);
                }
                return;
            }
            Action::Refresh => {
                self.reload();
                return;
            }
            _ => {}
        }
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Confirm => self.update_confirm(action),
            Mode::Form => self.update_form(action),
            Mode::Palette => self.update_palette(action),
            Mode::Filter => self.update_filter(action),
            Mode::Detail | Mode::List => self.update_browse(action),
            Mode::Grid => self.update_grid(action),
            Mode::Cell => self.update_cell(action),
            Mode::Prompt => self.update_prompt(action),
            Mode::History => self.update_history(action),
        }
        self.note_input_limit();
    }

    pub(super) fn info(&mut self, msg: String) {
        self.message = Some((Level::Info, msg));
    }

    pub(super) fn error(&mut self, msg: String) {
        self.message = Some((Level::Error, msg));
    }

    /// Reloads every record from the store, keeping selections.
    pub fn reload(&mut self) {
        match super::data::Data::shared(&self.store) {
            // Already showing this snapshot (a session told of its own
            // save): nothing to rebuild.
            Ok(d) if std::sync::Arc::ptr_eq(&d, &self.data) => {}
            Ok(d) => {
                self.data = d;
                self.refresh_rows();
            }
            Err(e) => self.error(e.to_string()),
        }
        let n = self.detail_items().len();
        self.detail_selected = self.detail_selected.min(n.saturating_sub(1));
    }

    fn update_help(&mut self, action: Action) {
        let Some(scroll) = self.help.as_mut() else {
            return;
        };
        match action {
            Action::Back | Action::Help | Action::Quit => self.help = None,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll += 1,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll += 10,
            _ => {}
        }
    }

    fn update_confirm(&mut self, action: Action) {
        match action {
            Action::Yes => {
                let Some(c) = self.confirm.take() else { return };
                match c.on_yes {
                    OnYes::Delete(kind, id) => self.delete_record(kind, id),
                    OnYes::DiscardForm => {
                        self.form = None;
                        // The failure belonged to the discarded typing.
                        if self.save_state == SaveState::Failed {
                            self.save_state = SaveState::Clean;
                        }
                        self.info(self.t(Msg::Discarded).to_string());
                    }
                    OnYes::Lock(id) => self.lock_sheet(id),
                    OnYes::Outcomes(plan) => self.apply_outcomes(*plan),
                    OnYes::Quit => self.quit = true,
                    OnYes::Undo(pane) => self.apply_step(pane, Way::Undo),
                }
            }
            Action::No | Action::Back => self.confirm = None,
            _ => {}
        }
    }

    pub(super) fn update_browse(&mut self, action: Action) {
        let rows = layout::list_rows(self.size);
        let detail = self.focus == Focus::Detail;
        match action {
            Action::Quit => self.ask_quit(),
            Action::Help => self.help = Some(0),
            Action::ToggleLang => {
                self.settings.lang = self.settings.lang.toggled();
                // Some list cells are words (a meeting's kind).
                self.refresh_rows();
            }
            Action::CycleTheme => self.settings.theme = self.settings.theme.next(),
            Action::NextPane => self.go_pane(self.pane.next()),
            Action::PrevPane => self.go_pane(self.pane.prev()),
            Action::GoPane(p) => self.go_pane(p),
            Action::Palette => {
                self.palette = Some(Palette::default());
            }
            Action::Filter if !detail => {
                self.list_mut().filtering = true;
            }
            Action::Undo => self.ask_undo(),
            Action::Redo => self.redo_last(),
            Action::Sort if !detail => {
                let pane = self.pane;
                let l = self.list_mut();
                l.sorted_alt = !l.sorted_alt;
                let mut rows = self.data.rows(pane, self.settings.lang);
                if self.list().sorted_alt {
                    super::sort_alt(pane, &mut rows);
                }
                self.list_mut().set_rows(rows);
            }
            Action::Open if !detail && self.selected_id().is_some() => {
                self.focus = Focus::Detail;
                self.detail_selected = 0;
                self.detail_scroll = 0;
                self.sheet_cursor = (0, 0);
            }
            Action::Back if detail => self.focus = Focus::List,
            Action::Back => {
                // Esc in a list clears a kept filter.
                let l = self.list_mut();
                if !l.filter.is_empty() {
                    l.filter.set("");
                    l.apply_filter();
                }
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
            | Action::Left
            | Action::Right
                if detail =>
            {
                self.move_detail(&action);
            }
            Action::Up => self.move_list(-1, rows),
            Action::Down => self.move_list(1, rows),
            Action::PageUp => self.move_list(-(rows as isize), rows),
            Action::PageDown => self.move_list(rows as isize, rows),
            Action::Home => self.list_mut().jump(false, rows),
            Action::End => self.list_mut().jump(true, rows),
            Action::History => self.open_history(),
            Action::Copy => match (self.selected_id(), crate::ui::detail_text(self)) {
                (Some(id), Some(body)) => {
                    let title = self.record_name(pane_kind(self.pane), id);
                    let text = format!("{title}\n{body}");
                    let lines = text.lines().count();
                    self.info(format!("{} ({lines})", self.t(Msg::Copied)));
                    self.clipboard = Some(text);
                }
                _ => self.info(self.t(Msg::NothingToCopy).to_string()),
            },
            Action::New => self.open_new(),
            Action::Edit => self.open_edit(),
            Action::Delete => self.ask_delete(),
            _ => {}
        }
    }

    fn move_list(&mut self, delta: isize, rows: usize) {
        self.list_mut().move_by(delta, rows);
        self.detail_selected = 0;
        self.detail_scroll = 0;
        self.detail_follow = true;
        self.sheet_cursor = (0, 0);
    }

    /// Moves within a detail (the score grid has its own mode, `update_grid`).
    fn move_detail(&mut self, action: &Action) {
        let n = self.detail_items().len();
        let page = layout::detail_rows(self.size);
        match action {
            Action::Up | Action::Down if n > 0 => {
                self.detail_follow = true;
                self.detail_selected = match action {
                    Action::Up => self.detail_selected.saturating_sub(1),
                    _ => (self.detail_selected + 1).min(n - 1),
                };
            }
            Action::Up => self.detail_scroll = self.detail_scroll.saturating_sub(1),
            Action::Down => {
                self.detail_scroll =
                    (self.detail_scroll + 1).min(crate::ui::detail_max_scroll(self))
            }
            // Paging scrolls freely, so what lies past the items can be read.
            Action::PageUp | Action::PageDown | Action::Home => {
                if self.detail_follow {
                    self.detail_follow = false;
                    self.detail_scroll = 0;
                }
                // Clamped to the end the view shows, so PgUp moves at once.
                self.detail_scroll = match action {
                    Action::PageUp => self.detail_scroll.saturating_sub(page),
                    Action::PageDown => {
                        (self.detail_scroll + page).min(crate::ui::detail_max_scroll(self))
                    }
                    _ => 0,
                };
            }
            _ => {}
        }
    }

    /// Keeps the sheet cursor inside the grid of the selected sheet.
    pub(super) fn clamp_sheet_cursor(&mut self) {
        let Some(sheet) = self
            .selected_id()
            .and_then(|id| self.data.sheets.get(&SheetId(id)))
        else {
            self.sheet_cursor = (0, 0);
            return;
        };
        let items = self
            .data
            .tables
            .get(&sheet.table)
            .map_or(0, |t| t.items().count());
        let (r, c) = self.sheet_cursor;
        self.sheet_cursor = (
            r.min(items.saturating_sub(1)),
            c.min(sheet.schools.len().saturating_sub(1)),
        );
    }

    fn go_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.focus = Focus::List;
        self.detail_selected = 0;
        self.detail_scroll = 0;
    }

    fn update_filter(&mut self, action: Action) {
        let rows = layout::list_rows(self.size);
        let l = self.list_mut();
        match action {
            Action::Insert(c) => l.filter.insert(&c.to_string()),
            Action::Paste(s) => l.filter.insert(&s),
            Action::Backspace => l.filter.backspace(),
            Action::DeleteForward => l.filter.delete(),
            Action::Left => l.filter.left(),
            Action::Right => l.filter.right(),
            Action::Home => l.filter.home(),
            Action::End => l.filter.end(),
            Action::Up => return l.move_by(-1, rows),
            Action::Down => return l.move_by(1, rows),
            Action::Open => {
                l.filtering = false;
                return;
            }
            Action::Back => {
                l.filtering = false;
                l.filter.set("");
            }
            _ => return,
        }
        l.apply_filter();
        l.scroll_into_view(rows);
    }

    fn update_palette(&mut self, action: Action) {
        let Some(mut p) = self.palette.take() else {
            return;
        };
        let mut research = false;
        match action {
            Action::Insert(c) => {
                p.input.insert(&c.to_string());
                research = true;
            }
            Action::Paste(s) => {
                p.input.insert(&s);
                research = true;
            }
            Action::Backspace => {
                p.input.backspace();
                research = true;
            }
            Action::DeleteForward => {
                p.input.delete();
                research = true;
            }
            Action::Left => p.input.left(),
            Action::Right => p.input.right(),
            Action::Home => p.input.home(),
            Action::End => p.input.end(),
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(p.hits.len().saturating_sub(1)),
            Action::Back => return,
            Action::Open => {
                if let Some(hit) = p.hits.get(p.selected).cloned() {
                    self.jump_to(hit.kind, hit.id);
                    return;
                }
            }
            _ => {}
        }
        if research {
            p.search(&self.data);
        }
        self.palette = Some(p);
    }

    /// Shows a record in its pane.
    pub fn jump_to(&mut self, kind: Kind, id: u64) {
        let pane = match kind {
            Kind::School => Pane::Schools,
            Kind::Cluster | Kind::Term => Pane::Clusters,
            Kind::Meeting => Pane::Meetings,
            Kind::Sheet | Kind::Table | Kind::Ballot => Pane::Sheets,
            Kind::Person => Pane::People,
            Kind::Award => Pane::Schools,
        };
        self.go_pane(pane);
        let rows = layout::list_rows(self.size);
        let l = self.list_mut();
        l.filtering = false;
        if l.select_id(id) {
            l.scroll_into_view(rows);
        }
    }

    fn update_form(&mut self, action: Action) {
        let Some(mut form) = self.form.take() else {
            return;
        };
        match action {
            Action::Insert(c) => form.insert(&c.to_string(), &self.data),
            Action::Paste(s) => form.insert(&s, &self.data),
            Action::Backspace => form.backspace(&self.data),
            Action::DeleteForward => form.delete(&self.data),
            Action::Left | Action::Right => {
                if action == Action::Left {
                    form.left();
                } else {
                    form.right();
                }
                // Switching a ballot's question shows that question's counts.
                if form.current().is_some_and(|f| f.key == "question") {
                    super::form::refill_ballot(&mut form, &self.data);
                }
            }
            Action::Home => form.home(),
            Action::End => form.end(),
            Action::Up => form.up(),
            Action::Down => form.down(),
            Action::Open => form.enter(),
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            // Esc first closes a picker's list of candidates, so dismissing
            // it never raises the question that drops the whole form.
            Action::Back if form.close_candidates() => {}
            Action::Quit => {
                self.form = Some(form);
                self.ask_quit();
                return;
            }
            Action::Back => {
                if form.dirty {
                    self.confirm = Some(Confirm {
                        question: self.t(Msg::AskDiscard).to_string(),
                        on_yes: OnYes::DiscardForm,
                    });
                    self.form = Some(form);
                } else {
                    self.message = None;
                }
                return;
            }
            Action::Save => {
                self.save_form(form);
                return;
            }
            _ => {}
        }
        self.form = Some(form);
    }

    fn open_new(&mut self) {
        let selected = self.selected_id();
        let target = match (self.pane, self.focus) {
            (Pane::Schools, Focus::Detail) => Target::Award(None),
            (Pane::Schools, _) => Target::School(None),
            (Pane::Clusters, Focus::Detail) => match selected {
                Some(c) => Target::Term(None, ClusterId(c)),
                None => return,
            },
            (Pane::Clusters, _) => Target::Cluster(None),
            (Pane::Meetings, _) => Target::Meeting(None),
            (Pane::People, _) => Target::Person(None),
            (Pane::Sheets, _) => Target::Sheet,
        };
        let term_cluster = match &target {
            Target::Term(_, c) => Some(*c),
            _ => None,
        };
        let owner = self.new_record_owner(term_cluster);
        if !self.allowed(Intent::Add(owner)) {
            return;
        }
        let mut form = Form::open(target.clone(), &self.data);
        // A new award starts on the school it was created from.
        if let (Target::Award(None), Some(school)) = (&target, selected)
            && let Some(f) = form.fields.iter_mut().find(|f| f.key == "recipient")
        {
            f.picked = vec![school];
        }
        // A secretary's new meeting, award or sheet is for their cluster.
        if let crate::domain::access::Role::Secretary(c) = self.settings.role
            && matches!(
                target,
                Target::Meeting(None) | Target::Award(None) | Target::Sheet
            )
            && let Some(f) = form.fields.iter_mut().find(|f| f.key == "cluster")
            && f.picked.is_empty()
        {
            f.picked = vec![c.0];
        }
        self.form = Some(form);
    }

    /// The record `e` and `d` act on: a detail item when the detail has the
    /// keyboard, else the list's selection.
    pub(super) fn target_record(&self) -> Option<(Kind, u64)> {
        if self.focus == Focus::Detail {
            if let Some(item) = self.detail_items().get(self.detail_selected) {
                return Some(*item);
            }
            if matches!(self.pane, Pane::Clusters | Pane::Schools) {
                return None;
            }
        }
        let id = self.selected_id()?;
        Some((pane_kind(self.pane), id))
    }

    fn open_edit(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        if !self.may_change_record(kind, id) {
            return;
        }
        let target = match kind {
            Kind::School => Target::School(Some(SchoolId(id))),
            Kind::Cluster => Target::Cluster(Some(ClusterId(id))),
            Kind::Term => match self.data.terms.get(&TermId(id)) {
                Some(t) => Target::Term(Some(TermId(id)), t.cluster),
                None => return,
            },
            Kind::Meeting => Target::Meeting(Some(MeetingId(id))),
            Kind::Person => Target::Person(Some(PersonId(id))),
            Kind::Award => Target::Award(Some(AwardId(id))),
            Kind::Sheet | Kind::Table | Kind::Ballot => {
                self.info(self.t(Msg::SheetsComeWithConference).to_string());
                return;
            }
        };
        self.form = Some(Form::open(target, &self.data));
    }

    fn ask_delete(&mut self) {
        let Some((kind, id)) = self.target_record() else {
            return;
        };
        if matches!(kind, Kind::Sheet | Kind::Table | Kind::Ballot) {
            self.info(self.t(Msg::SheetsComeWithConference).to_string());
            return;
        }
        if !self.may_change_record(kind, id) {
            return;
        }
        let name = self.record_name(kind, id);
        self.confirm = Some(Confirm {
            question: format!("{} {name}?", self.t(Msg::AskDelete)),
            on_yes: OnYes::Delete(kind, id),
        });
    }

    /// A record's name for messages.
    pub fn record_name(&self, kind: Kind, id: u64) -> String {
        match kind {
            Kind::School => self.data.school_name(SchoolId(id)),
            Kind::Cluster => self.data.cluster_label(ClusterId(id)),
            Kind::Term => self
                .data
                .terms
                .get(&TermId(id))
                .map_or_else(String::new, |t| {
                    format!("{} {}", self.data.cluster_label(t.cluster), t.year)
                }),
            Kind::Meeting => self
                .data
                .meetings
                .get(&MeetingId(id))
                .map_or_else(String::new, |m| m.title.clone()),
            Kind::Person => self.data.person_name(PersonId(id)),
            Kind::Award => self
                .data
                .awards
                .get(&AwardId(id))
                .map_or_else(String::new, |a| {
                    format!(
                        "{} {} · {}",
                        a.kind.name_vi(),
                        a.year,
                        self.data.school_short(a.recipient)
                    )
                }),
            _ => format!("#{id}"),
        }
    }

    pub(super) fn after_write(&mut self, step: UndoStep, select: Option<(Kind, u64)>) {
        self.save_state = SaveState::Saved;
        self.info(format!("{} · {}", self.t(Msg::Saved), step.label));
        self.undo.record(self.pane, step);
        self.reload();
        if let Some((kind, id)) = select {
            if matches!(kind, Kind::Term | Kind::Award) {
                if let Some(p) = self.detail_items().iter().position(|i| *i == (kind, id)) {
                    self.detail_selected = p;
                }
            } else {
                let rows = layout::list_rows(self.size);
                let l = self.list_mut();
                if l.select_id(id) {
                    l.scroll_into_view(rows);
                }
            }
        }
    }

    pub(super) fn write_failed(&mut self, e: &StoreError) {
        self.save_state = SaveState::Failed;
        let why = self.store_error(e);
        self.error(format!("{}: {why}", self.t(Msg::NotSaved)));
    }

    /// A store error in the user's language where it is one they can act on.
    pub(super) fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::Taken {
                kind: Kind::Term, ..
            } => self.t(Msg::ErrTermExists).to_string(),
            StoreError::Taken {
                kind: Kind::Sheet, ..
            } => self.t(Msg::ErrSheetExists).to_string(),
            StoreError::Taken {
                kind: Kind::Table, ..
            } => self.t(Msg::ErrTableExists).to_string(),
            StoreError::NotFound { .. } => self.t(Msg::ErrNotFound).to_string(),
            StoreError::Refused(r) => self.refusal(*r).to_string(),
            StoreError::Changed { .. } => self.t(Msg::ErrChangedMeanwhile).to_string(),
            StoreError::Lock(r) => crate::i18n::errors::lock(self.settings.lang, r, &*self.data),
            StoreError::Ballot(e) => self.tally_error(e),
            StoreError::Score(e) => crate::i18n::errors::score(self.settings.lang, e),
            StoreError::Ended { school, year } => format!(
                "{} {} {year}",
                self.data.school_short(*school),
                self.t(Msg::ErrEnded)
            ),
            StoreError::Dangling { target, .. } => format!(
                "{}: {}",
                self.t(Msg::ErrDangling),
                self.record_name(target.0, target.1)
            ),
            StoreError::Referenced { by, .. } => self.referenced_error(by),
            StoreError::Table(problems) => problems
                .iter()
                .map(|p| crate::i18n::criteria::table_problem(self.settings.lang, p))
                .collect::<Vec<_>>()
                .join("; "),
            StoreError::ScoreChanged { seen, stored } => format!(
                "{} {} {} {}. {}",
                self.t(Msg::ErrScoreChangedSeen),
                show_points(seen),
                self.t(Msg::ErrScoreChangedNow),
                show_points(stored),
                self.t(Msg::ErrScoreChangedAgain)
            ),
            other => {
                if let StoreError::Io(raw) = other {
                    self.store.log_detail(raw);
                }
                crate::i18n::integrity::store_error(self.settings.lang, self.store.path(), other)
            }
        }
    }

    /// Who refers to a record that could not be deleted: counts by kind,
    /// a few names, and what to do instead.
    fn referenced_error(&self, by: &[(Kind, u64)]) -> String {
        let mut counts: Vec<(Kind, usize)> = Vec::new();
        for (k, _) in by {
            match counts.iter_mut().find(|(c, _)| c == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((*k, 1)),
            }
        }
        let lang = self.settings.lang;
        let kinds: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", crate::i18n::names::kind(lang, *k).to_lowercase()))
            .collect();
        let first: Vec<String> = by
            .iter()
            .take(2)
            .map(|(k, id)| self.record_name(*k, *id))
            .collect();
        format!(
            "{} {} ({}{}). {}",
            self.t(Msg::ErrReferenced),
            kinds.join(", "),
            first.join("; "),
            if by.len() > first.len() { "; …" } else { "" },
            self.t(Msg::ErrReferencedHint)
        )
    }

    /// A refused form save; a ballot saved meanwhile is shown as stored.
    fn form_error(&self, e: &StoreError) -> String {
        if let StoreError::Changed {
            kind: Kind::Ballot,
            id,
        }
        | StoreError::Taken {
            kind: Kind::Ballot,
            holder: id,
        } = e
            && let Ok(Some(b)) = self.store.get::<Ballot>(BallotId(*id))
        {
            return format!(
                "{} {} {}, {} {}, {} {}; {}",
                self.t(Msg::BallotStoredNow),
                self.t(Msg::Issued).to_lowercase(),
                b.issued,
                self.t(Msg::Valid).to_lowercase(),
                b.valid,
                self.t(Msg::Invalid).to_lowercase(),
                b.invalid,
                self.t(Msg::FormKept)
            );
        }
        self.store_error(e)
    }

    fn save_form(&mut self, mut form: Form) {
        let lang = self.settings.lang;
        let Some(built) = form.build(&self.data, lang) else {
            self.error(form.message.clone().unwrap_or_default());
            self.form = Some(form);
            return;
        };
        let who = self.who();
        let target = form.target.clone();
        let seen = form.opened.clone();
        let result = match (&target, built) {
            (Target::School(id), Built::School(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::School,
                Kind::School,
                seen.as_ref(),
            ),
            (Target::Cluster(id), Built::Cluster(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::Cluster,
                Kind::Cluster,
                seen.as_ref(),
            ),
            (Target::Term(id, _), Built::Term(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::Term,
                Kind::Term,
                seen.as_ref(),
            ),
            (Target::Meeting(id), Built::Meeting(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::Meeting,
                Kind::Meeting,
                seen.as_ref(),
            ),
            (Target::Person(id), Built::Person(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::Person,
                Kind::Person,
                seen.as_ref(),
            ),
            (Target::Award(id), Built::Award(r)) => self.save(
                who.author(""),
                *id,
                r,
                AnyRecord::Award,
                Kind::Award,
                seen.as_ref(),
            ),
            // A second ballot for one question, recorded meanwhile by
            // someone else, is refused by the store's unique index.
            (Target::Ballot(id, ..), Built::Ballot(b)) => match self.check_ballot(&mut form, &b) {
                Ok(()) => self.save(
                    who.author(""),
                    *id,
                    b,
                    AnyRecord::Ballot,
                    Kind::Ballot,
                    seen.as_ref(),
                ),
                Err(()) => {
                    self.form = Some(form);
                    return;
                }
            },
            (Target::Sheet, Built::Sheet(cluster, year)) => {
                match self.create_sheet(who.author(""), cluster, year) {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        form.message = Some(e.clone());
                        self.error(e);
                        self.form = Some(form);
                        return;
                    }
                }
            }
            _ => Err(StoreError::Invalid("form and record do not match".into())),
        };
        match result {
            Ok((step, id, kind)) => {
                self.form = None;
                self.after_write(step, Some((kind, id)));
            }
            Err(e) => {
                // The form stays open with everything typed; nothing changed.
                let why = format!("{}: {}", self.t(Msg::NotSaved), self.form_error(&e));
                form.message = Some(why.clone());
                self.save_state = SaveState::Failed;
                self.error(why);
                self.form = Some(form);
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
        kind: Kind,
        seen: Option<&AnyRecord>,
    ) -> Result<(UndoStep, u64, Kind), StoreError> {
        match id {
            None => {
                let new = self.store.insert(by, record)?;
                let id: u64 = new.into();
                Ok((
                    UndoStep {
                        label: format!(
                            "{} {}",
                            self.t(Msg::Created),
                            self.record_name_after(kind, id)
                        ),
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
                Ok((
                    UndoStep {
                        label: format!("{} {}", self.t(Msg::Updated), self.record_name(kind, id)),
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

    /// A new record's name, read from the store since the snapshot predates it.
    fn record_name_after(&self, kind: Kind, id: u64) -> String {
        let get = |k| -> Option<String> {
            let st = &self.store;
            Some(match k {
                Kind::School => st.get::<School>(SchoolId(id)).ok()??.name,
                Kind::Cluster => st.get::<Cluster>(ClusterId(id)).ok()??.name,
                Kind::Meeting => st.get::<Meeting>(MeetingId(id)).ok()??.title,
                Kind::Person => st.get::<Person>(PersonId(id)).ok()??.name,
                Kind::Term => {
                    let t = st.get::<Term>(TermId(id)).ok()??;
                    format!("{} {}", self.data.cluster_label(t.cluster), t.year)
                }
                Kind::Award => {
                    let a = st.get::<Award>(AwardId(id)).ok()??;
                    format!(
                        "{} {} · {}",
                        a.kind.name_vi(),
                        a.year,
                        self.data.school_short(a.recipient)
                    )
                }
                Kind::Ballot => {
                    let b = st.get::<Ballot>(BallotId(id)).ok()??;
                    let q = crate::i18n::names::question(self.settings.lang, &b.question);
                    format!("{} {q} {}", self.t(Msg::KindBallot), b.year)
                }
                _ => return None,
            })
        };
        get(kind).unwrap_or_default()
    }

    fn delete_record(&mut self, kind: Kind, id: u64) {
        let who = self.who();
        let actor = who.author("");
        let s = &self.store;
        let result = match kind {
            Kind::School => s
                .delete::<School>(actor, SchoolId(id))
                .map(AnyRecord::School),
            Kind::Cluster => s
                .delete::<Cluster>(actor, ClusterId(id))
                .map(AnyRecord::Cluster),
            Kind::Term => s.delete::<Term>(actor, TermId(id)).map(AnyRecord::Term),
            Kind::Meeting => s
                .delete::<Meeting>(actor, MeetingId(id))
                .map(AnyRecord::Meeting),
            Kind::Person => s
                .delete::<Person>(actor, PersonId(id))
                .map(AnyRecord::Person),
            Kind::Award => s.delete::<Award>(actor, AwardId(id)).map(AnyRecord::Award),
            _ => Err(StoreError::Invalid("not deletable here".into())),
        };
        match result {
            Ok(old) => {
                let label = format!("{} {}", self.t(Msg::Deleted), self.record_name(kind, id));
                self.after_write(
                    UndoStep {
                        label,
                        revert: Revert::Restore {
                            id,
                            record: Box::new(old),
                            expect: None,
                        },
                    },
                    None,
                );
            }
            Err(e) => self.write_failed(&e),
        }
    }

    /// Leaves at once, or asks first when a form, a cell or a prompt is
    /// open: leaving would drop it unsaved.
    pub(super) fn ask_quit(&mut self) {
        let loses = if self.form.is_some() {
            Some(Msg::QuitLosesForm)
        } else if self.sheet_ui.edit.is_some() {
            Some(Msg::QuitLosesCell)
        } else if self.prompt.is_some() {
            Some(Msg::QuitLosesPrompt)
        } else {
            None
        };
        match loses {
            None => self.quit = true,
            Some(what) => {
                self.confirm = Some(Confirm {
                    question: format!("{}\n{}", self.t(Msg::AskQuit), self.t(what)),
                    on_yes: OnYes::Quit,
                });
            }
        }
    }

    /// Asks before undoing the last change made in the pane on screen,
    /// naming it.
    fn ask_undo(&mut self) {
        let pane = self.pane;
        match self.undo.next_undo(pane) {
            Some(step) => {
                self.confirm = Some(Confirm {
                    question: format!("{}\n{}", self.t(Msg::AskUndo), step.label),
                    on_yes: OnYes::Undo(pane),
                });
            }
            None => self.info(format!(
                "{} {}",
                self.t(Msg::NothingToUndoIn),
                self.t(pane.title())
            )),
        }
    }

    /// Redoes what the last undo in the pane on screen took back.
    fn redo_last(&mut self) {
        let pane = self.pane;
        if self.undo.next_redo(pane).is_some() {
            self.apply_step(pane, Way::Redo);
        } else {
            self.info(format!(
                "{} {}",
                self.t(Msg::NothingToRedoIn),
                self.t(pane.title())
            ));
        }
    }

    /// Undoes the last change made in a pane, or redoes the last undo; the
    /// step that reverses it goes on the other stack. A refusal (the sheet
    /// was locked meanwhile, someone changed the record since) is shown and
    /// the step stays where it was, to be tried again.
    fn apply_step(&mut self, pane: Pane, way: Way) {
        let step = match way {
            Way::Undo => self.undo.pop_undo(pane),
            Way::Redo => self.undo.pop_redo(pane),
        };
        let Some(step) = step else { return };
        let (done, refused) = match way {
            Way::Undo => (Msg::Undone, Msg::UndoRefused),
            Way::Redo => (Msg::Redone, Msg::RedoRefused),
        };
        match undo::apply(&self.store, self.who().author(""), &step.revert) {
            Ok(inverse) => {
                self.save_state = SaveState::Saved;
                self.info(format!("{} · {}", self.t(done), step.label));
                self.reload();
                self.select_reverted(&step.revert);
                let back = UndoStep {
                    label: step.label,
                    revert: inverse,
                };
                match way {
                    Way::Undo => self.undo.push_redo(pane, back),
                    Way::Redo => self.undo.push_undo(pane, back),
                }
            }
            Err(e) => {
                self.step_refused(refused, &e);
                match way {
                    Way::Undo => self.undo.push_undo(pane, step),
                    Way::Redo => self.undo.push_redo(pane, step),
                }
            }
        }
    }

    /// Says that an undo or redo was refused, why, and that the step stays.
    fn step_refused(&mut self, what: Msg, e: &StoreError) {
        self.save_state = SaveState::Failed;
        let why = match e {
            StoreError::ScoreChanged { seen, stored } => format!(
                "{} {} {} {}",
                self.t(Msg::ErrScoreChangedSeen),
                show_points(seen),
                self.t(Msg::ErrScoreChangedNow),
                show_points(stored)
            ),
            other => self.store_error(other),
        };
        self.error(format!(
            "{} ({}): {why}",
            self.t(what),
            self.t(Msg::StepKept)
        ));
    }

    /// Selects the record an undo or redo put back, when the pane lists it.
    fn select_reverted(&mut self, revert: &Revert) {
        if let Revert::Restore { id, record, .. } = revert
            && kind_pane(record.kind()) == Some(self.pane)
        {
            self.list_mut().select_id(*id);
        }
    }
}

/// Which way a step goes: back (undo) or forward again (redo).
#[derive(Clone, Copy)]
enum Way {
    Undo,
    Redo,
}

/// A score as messages show it; an empty cell is a dash.
fn show_points(p: &Option<Points>) -> String {
    p.map_or_else(|| "—".to_string(), |p| p.to_string())
}

/// The kind of record a pane lists.
fn pane_kind(pane: Pane) -> Kind {
    match pane {
        Pane::Schools => Kind::School,
        Pane::Clusters => Kind::Cluster,
        Pane::Meetings => Kind::Meeting,
        Pane::Sheets => Kind::Sheet,
        Pane::People => Kind::Person,
    }
}

fn kind_pane(kind: Kind) -> Option<Pane> {
    match kind {
        Kind::School => Some(Pane::Schools),
        Kind::Cluster => Some(Pane::Clusters),
        Kind::Meeting => Some(Pane::Meetings),
        Kind::Person => Some(Pane::People),
        _ => None,
    }
}
