//! Refusals of the domain's rules in the user's language, with their
//! numbers and the names of what they concern. One place, so the sheets
//! pane, the forms, the exports and the command line say the same thing.

use super::{Lang, Msg, tr};
use crate::domain::PointsError;
use crate::domain::lock::LockRefusal;
use crate::domain::scoring::{ScoreError, Which};
use crate::domain::tally::TallyError;
use crate::domain::{ClusterId, SchoolId};

/// Names a school and a cluster for a message.
pub trait Namer {
    /// A school's short name.
    fn school(&self, id: SchoolId) -> String;
    /// A cluster's label.
    fn cluster(&self, id: ClusterId) -> String;
}

/// A refused tally.
pub fn tally(lang: Lang, e: &TallyError, names: &dyn Namer) -> String {
    let t = |m| tr(lang, m);
    match e {
        TallyError::DoesNotAddUp {
            issued,
            valid,
            invalid,
        } => format!(
            "{} ({valid} + {invalid} ≠ {issued})",
            t(Msg::ErrDoesNotAddUp)
        ),
        TallyError::TooManyVotes {
            candidate,
            votes,
            valid,
        } => format!(
            "{}: {} {votes} > {valid}",
            t(Msg::ErrTooManyVotes),
            names.school(*candidate)
        ),
        TallyError::MoreBallotsThanPresent { issued, present } => {
            format!("{} ({issued} > {present})", t(Msg::ErrMoreBallots))
        }
        TallyError::MorePresentThanMembers { present, total } => {
            format!("{} ({present} > {total})", t(Msg::ErrMorePresent))
        }
        TallyError::NoQuorum {
            present,
            total,
            needed,
        } => format!("{} ({present}/{total}, ≥ {needed})", t(Msg::ErrNoQuorum)),
        TallyError::DuplicateCandidate(s) => {
            format!("{}: {}", t(Msg::ErrDuplicateCandidate), names.school(*s))
        }
        TallyError::BadRule => t(Msg::ErrBadRule).to_string(),
        TallyError::TooManyVotesInAll {
            total,
            valid,
            seats,
        } => format!(
            "{} ({total} > {valid} × {seats})",
            t(Msg::ErrTooManyVotesInAll)
        ),
    }
}

/// Typed text that is not a score.
pub fn points(lang: Lang, e: &PointsError) -> String {
    tr(
        lang,
        match e {
            PointsError::Format => Msg::ErrNotANumber,
            PointsError::Precision => Msg::ErrTwoDecimals,
        },
    )
    .to_string()
}

/// A refused score.
pub fn score(lang: Lang, e: &ScoreError) -> String {
    match e {
        ScoreError::OutOfRange { value, max } => {
            format!("{value} {} {max}", tr(lang, Msg::ErrOutOfRange))
        }
        ScoreError::OffStep { value, step } => {
            format!("{value} {} {step}", tr(lang, Msg::ErrOffStep))
        }
        ScoreError::UnknownItem(i) => format!("{i}: {}", tr(lang, Msg::ErrUnknownItem)),
        ScoreError::NotMember(_) => tr(lang, Msg::ErrNotMember).to_string(),
    }
}

/// A change refused by the lock of a cluster-year.
pub fn lock(lang: Lang, r: &LockRefusal, names: &dyn Namer) -> String {
    let t = |m| tr(lang, m);
    match r {
        LockRefusal::Locked { cluster, year } => format!(
            "{} ({} · {year})",
            t(Msg::ErrYearLocked),
            names.cluster(*cluster)
        ),
        LockRefusal::Final { cluster, year } => format!(
            "{} ({} · {year})",
            t(Msg::ErrSheetFinal),
            names.cluster(*cluster)
        ),
        LockRefusal::NoAmendment => t(Msg::ErrNoAmendment).to_string(),
        LockRefusal::Incomplete { count, first } => {
            let cells: Vec<String> = first
                .iter()
                .map(|(item, school, which)| {
                    let w = match which {
                        Which::Cluster => t(Msg::ViewCluster),
                        Which::SelfScore => t(Msg::ViewSelf),
                    };
                    format!("{item} · {} · {w}", names.school(*school))
                })
                .collect();
            format!("{} ({count}): {}", t(Msg::LockEmpty), cells.join("; "))
        }
    }
}
