//! Refusals of the domain's rules in the user's language, with their
//! numbers and the names of what they concern. One place, so the sheets
//! pane, the forms, the exports and the command line say the same thing.

use super::{Lang, Msg, tr};
use crate::domain::PointsError;
use crate::domain::access::Refusal;
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

/// A refusal of the access rules.
pub fn refusal(lang: Lang, r: Refusal) -> &'static str {
    tr(
        lang,
        match r {
            Refusal::ReadOnly => Msg::RefusedReadOnly,
            Refusal::AdminOnly => Msg::RefusedAdminOnly,
            Refusal::OtherCluster => Msg::RefusedOtherCluster,
            Refusal::SelfScoresOnly => Msg::RefusedSelfScoresOnly,
            Refusal::OtherSchool => Msg::RefusedOtherSchool,
            Refusal::ServerFiles => Msg::RefusedServerFiles,
            Refusal::ReadServerFiles => Msg::RefusedReadServerFiles,
            Refusal::WholeDatabase => Msg::RefusedWholeDatabase,
        },
    )
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

/// An input/output error in the user's language. The operating system's
/// text is English whatever the interface says, so only its kind (and the
/// system's code, for what has no name here) is shown.
pub fn io(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let msg = match e.kind() {
        K::NotFound => Msg::IoNotFound,
        K::PermissionDenied => Msg::IoDenied,
        K::AlreadyExists => Msg::IoExists,
        K::IsADirectory => Msg::IoIsFolder,
        K::NotADirectory => Msg::IoNotFolder,
        K::StorageFull | K::QuotaExceeded => Msg::IoDiskFull,
        K::ReadOnlyFilesystem => Msg::IoReadOnly,
        K::InvalidFilename | K::InvalidInput => Msg::IoInvalidName,
        K::TimedOut => Msg::IoTimedOut,
        K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof => {
            Msg::IoClosed
        }
        K::InvalidData => Msg::IoBadData,
        K::FileTooLarge => Msg::IoTooLarge,
        _ => match e.raw_os_error() {
            Some(code) => return super::trf(lang, Msg::IoOtherCode, &[&code]),
            None => Msg::IoOther,
        },
    };
    tr(lang, msg).to_string()
}

/// An I/O error about a file, as `file: why`.
pub fn io_at(lang: Lang, file: &std::path::Path, e: &std::io::Error) -> String {
    format!("{}: {}", file.display(), io(lang, e))
}
