//! A refused or failed write in the session's language: the one place the
//! app turns a [`StoreError`] into words, with the names of the records
//! it concerns from the snapshot on screen.

use crate::app::App;
use crate::domain::access::Refusal;
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::{Kind, StoreError};

impl App {
    /// A store error in the user's language.
    pub fn explain(&self, e: &StoreError) -> String {
        let lang = self.settings.lang;
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
            StoreError::Lock(r) => crate::i18n::errors::lock(lang, r, &*self.data),
            StoreError::Ballot(e) => crate::i18n::errors::tally(lang, e, &*self.data),
            StoreError::Score(e) => crate::i18n::errors::score(lang, e),
            StoreError::Ended { school, year } => format!(
                "{} {} {year}",
                self.data.school_short(*school),
                self.t(Msg::ErrEnded)
            ),
            StoreError::Dangling { target, .. } => format!(
                "{}: {}",
                self.t(Msg::ErrDangling),
                self.data.record_name(target.0, target.1, lang)
            ),
            StoreError::Referenced { by, .. } => self.referenced_error(by),
            StoreError::Members(r) => self.member_refusal(r),
            StoreError::Table(problems) => problems
                .iter()
                .map(|p| crate::i18n::criteria::table_problem(lang, p))
                .collect::<Vec<_>>()
                .join("; "),
            StoreError::ScoreChanged { seen, stored } => format!(
                "{}. {}",
                self.score_changed(seen, stored),
                self.t(Msg::ErrScoreChangedAgain)
            ),
            other => crate::explain::integrity::store_error(lang, self.store.path(), other),
        }
    }

    /// "You saw x, it is now y": a score saved by someone else meanwhile.
    pub(crate) fn score_changed(&self, seen: &Option<Points>, stored: &Option<Points>) -> String {
        format!(
            "{} {} {} {}",
            self.t(Msg::ErrScoreChangedSeen),
            show_points(seen),
            self.t(Msg::ErrScoreChangedNow),
            show_points(stored)
        )
    }

    /// A refusal of the access rules in the session's language.
    pub fn refusal(&self, r: Refusal) -> &'static str {
        crate::i18n::errors::refusal(self.settings.lang, r)
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
            .map(|(k, id)| self.data.record_name(*k, *id, lang))
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
    pub(super) fn form_error(&self, e: &StoreError) -> String {
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
        self.explain(e)
    }
}

/// A score as messages show it; an empty cell is a dash.
pub(crate) fn show_points(p: &Option<Points>) -> String {
    p.map_or_else(|| "—".to_string(), |p| p.to_string())
}
