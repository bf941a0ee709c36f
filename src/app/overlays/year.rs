//! The Academy's year: every cluster's year at once, where the proposals
//! are decided, several at a time. Space marks a proposal, `D` asks for
//! the decision's number and date and records it on every marked one (or
//! the one under the cursor) in one write.

use crate::app::command::{Command, Outcome};
use crate::app::input::{Applied, TextInput};
use crate::app::{Action, App, layout};
use crate::domain::deciding::ACADEMY;
use crate::domain::year::{Records, academy_year, default_year};
use crate::domain::{AwardId, Date, Decision};
use crate::i18n::{Msg, trf};

/// The decision being typed: its number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideForm {
    /// The decision's number.
    pub number: TextInput,
    /// Its date, dd/mm/yyyy.
    pub date: TextInput,
    /// Which of the two is being typed: 0 the number, 1 the date.
    pub field: usize,
    /// The proposals it will be recorded on.
    pub awards: Vec<AwardId>,
    /// Why the last try was refused.
    pub error: Option<String>,
}

impl DecideForm {
    fn current(&mut self) -> &mut TextInput {
        if self.field == 0 {
            &mut self.number
        } else {
            &mut self.date
        }
    }
}

/// The Academy's year on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearView {
    /// The year shown.
    pub year: u16,
    /// The proposal under the cursor: an index into [`App::year_proposals`].
    pub cursor: usize,
    /// The proposals marked.
    pub marked: Vec<AwardId>,
    /// The decision being typed, if any.
    pub deciding: Option<Box<DecideForm>>,
}

impl App {
    fn year_records(&self) -> Records<'_> {
        Records {
            clusters: &self.data.clusters,
            terms: &self.data.terms,
            awards: &self.data.awards,
            meetings: &self.data.meetings,
            sheets: &self.data.sheets,
        }
    }

    /// The year's proposals still waiting, in the order the view lists
    /// them: cluster by cluster, flag first.
    pub fn year_proposals(&self, year: u16) -> Vec<AwardId> {
        academy_year(&self.year_records(), year)
            .into_iter()
            .flat_map(|c| c.proposals)
            .collect()
    }

    /// Opens the Academy's year on the latest year with a proposal waiting.
    pub(crate) fn open_year(&mut self) {
        let year = default_year(&self.year_records()).unwrap_or_else(|| {
            Date::from_unix_days(crate::domain::Timestamp::now().0.div_euclid(86_400)).year
        });
        self.open(super::Overlay::Year(YearView {
            year,
            cursor: 0,
            marked: Vec::new(),
            deciding: None,
        }));
    }

    pub(super) fn update_year(&mut self, mut v: YearView, action: Action) -> Option<YearView> {
        if let Some(form) = v.deciding.take() {
            v.deciding = self.update_decide(form, &mut v, action);
            return Some(v);
        }
        let proposals = self.year_proposals(v.year);
        let last = proposals.len().saturating_sub(1);
        let page = layout::detail_rows(self.size).max(1) / 2;
        match action {
            Action::Back | Action::Quit => return None,
            Action::Up => v.cursor = v.cursor.saturating_sub(1),
            Action::Down => v.cursor = (v.cursor + 1).min(last),
            Action::PageUp => v.cursor = v.cursor.saturating_sub(page),
            Action::PageDown => v.cursor = (v.cursor + page).min(last),
            Action::Home => v.cursor = 0,
            Action::End => v.cursor = last,
            Action::Left | Action::Right => {
                v.year = if action == Action::Left {
                    v.year.saturating_sub(1).max(1900)
                } else {
                    v.year.saturating_add(1).min(2999)
                };
                v.cursor = 0;
                v.marked.clear();
            }
            Action::Mark => {
                if let Some(id) = proposals.get(v.cursor) {
                    match v.marked.iter().position(|m| m == id) {
                        Some(i) => {
                            v.marked.remove(i);
                        }
                        None => v.marked.push(*id),
                    }
                    v.cursor = (v.cursor + 1).min(last);
                }
            }
            Action::Decide | Action::Open => {
                // Marked ones still waiting, else the one under the cursor.
                let mut awards: Vec<AwardId> = v
                    .marked
                    .iter()
                    .copied()
                    .filter(|m| proposals.contains(m))
                    .collect();
                if awards.is_empty() {
                    awards.extend(proposals.get(v.cursor).copied());
                }
                if awards.is_empty() {
                    self.info(self.t(Msg::AyrNoneWaiting).to_string());
                } else {
                    v.deciding = Some(Box::new(DecideForm {
                        number: TextInput::new(""),
                        date: TextInput::new(""),
                        field: 0,
                        awards,
                        error: None,
                    }));
                }
            }
            _ => {}
        }
        v.cursor = v.cursor.min(last);
        Some(v)
    }

    /// Typing the decision: Tab moves between number and date, Enter or
    /// Ctrl-S records it, Esc drops it (the marks stay). A refusal keeps
    /// what was typed, with the reason under it.
    fn update_decide(
        &mut self,
        mut f: Box<DecideForm>,
        v: &mut YearView,
        action: Action,
    ) -> Option<Box<DecideForm>> {
        if f.current().apply(&action) != Applied::Ignored {
            f.error = None;
            return Some(f);
        }
        match action {
            Action::Back => return None,
            Action::Quit => {
                self.ask_quit_losing(Msg::QuitLosesPrompt);
            }
            Action::NextField | Action::PrevField | Action::Up | Action::Down => {
                f.field = 1 - f.field.min(1);
            }
            Action::Open | Action::Save => {
                let number = crate::text::clean_line(f.number.text());
                let date = match Date::parse_dmy(f.date.text()) {
                    Ok(d) => Some(d),
                    Err(_) if f.date.text().trim().is_empty() => None,
                    Err(_) => {
                        f.error = Some(trf(
                            self.settings.lang,
                            Msg::AyrBadDate,
                            &[&f.date.text().trim()],
                        ));
                        return Some(f);
                    }
                };
                let decision = Decision {
                    number,
                    date,
                    issuer: ACADEMY.to_string(),
                };
                match self.run(Command::Decide(f.awards.clone(), decision)) {
                    Outcome::Done => {
                        v.marked.clear();
                        v.cursor = 0;
                        return None;
                    }
                    Outcome::Refused(why) => f.error = Some(why),
                    Outcome::Failed | Outcome::KeepForm(_) => {
                        f.error = self.message.as_ref().map(|(_, m)| m.clone());
                    }
                }
            }
            _ => {}
        }
        Some(f)
    }
}
