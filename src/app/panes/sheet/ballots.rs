//! The secret ballots of the sheet's cluster-year: the form, and the
//! tally checked before the save so that a refusal marks its field.

use crate::app::App;
use crate::app::form::{self, Form, Target};
use crate::app::overlays::Overlay;
use crate::domain::conference;
use crate::domain::tally::{TallyError, tally_seats};
use crate::domain::*;
use crate::i18n::Msg;

impl App {
    /// Opens the ballot form of the sheet's cluster-year, on the first
    /// question (its counts when it is recorded).
    pub(super) fn open_ballots(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((_, sheet, _)) = self.current_sheet() else {
            return;
        };
        let (cluster, year) = (sheet.cluster, sheet.year);
        let existing = form::ballot_for(&self.data, cluster, year, 0);
        let mut f = Form::open(Target::Ballot(existing, cluster, year), &self.data);
        form::refill_ballot(&mut f, &self.data);
        self.open(Overlay::Form(Box::new(f)));
    }

    /// Checks a ballot against the year's rule; a refusal marks the field
    /// it concerns and keeps the form open. The store checks it again.
    pub(in crate::app) fn check_ballot(&mut self, form: &mut Form, b: &Ballot) -> Result<(), ()> {
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
                let why = crate::i18n::errors::tally(self.settings.lang, &e, &*self.data);
                form.mark(field_of(&e), about(&e), why.clone());
                form.message = Some(format!("{}: {why}", self.t(Msg::NotSaved)));
                self.error(format!("{}: {why}", self.t(Msg::NotSaved)));
                Err(())
            }
        }
    }
}

/// The ballot form's field a refused tally concerns.
fn field_of(e: &TallyError) -> &'static str {
    match e {
        TallyError::DoesNotAddUp { .. } => "valid",
        TallyError::MoreBallotsThanPresent { .. } => "issued",
        TallyError::MorePresentThanMembers { .. } | TallyError::NoQuorum { .. } => "present",
        TallyError::TooManyVotes { .. }
        | TallyError::DuplicateCandidate(_)
        | TallyError::TooManyVotesInAll { .. } => "votes",
        TallyError::BadRule => "question",
    }
}

/// The candidate whose votes a refused tally concerns, when one does.
fn about(e: &TallyError) -> Option<u64> {
    match e {
        TallyError::TooManyVotes { candidate, .. } => Some(candidate.0),
        _ => None,
    }
}
