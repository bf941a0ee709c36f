//! The names of domain values in a language: one place for each, so the
//! screen, the command line and the exports say the same thing.

use super::{Lang, Msg, tr};
use crate::domain::{AwardKind, Kind, MeetingKind, Question};

/// What a ballot decides.
pub fn question(lang: Lang, q: &Question) -> String {
    let msg = match q {
        Question::Flag => Msg::Flag,
        Question::Certificate => Msg::Certificates,
        Question::Head => Msg::Head,
        Question::Deputy => Msg::Deputies,
        Question::Other(s) => return s.clone(),
    };
    tr(lang, msg).to_string()
}

/// The word for a record kind.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    tr(
        lang,
        match k {
            Kind::School => Msg::KindSchool,
            Kind::Cluster => Msg::KindCluster,
            Kind::Meeting => Msg::KindMeeting,
            Kind::Person => Msg::KindPerson,
            Kind::Term => Msg::KindTerm,
            Kind::Table => Msg::KindTable,
            Kind::Sheet => Msg::KindSheet,
            Kind::Ballot => Msg::KindBallot,
            Kind::Award => Msg::KindAward,
        },
    )
}

/// An award's name.
pub fn award(lang: Lang, a: &AwardKind) -> &str {
    match lang {
        Lang::Vi => a.name_vi(),
        Lang::En => a.name_en(),
    }
}

/// A meeting kind's full name.
pub fn meeting(lang: Lang, m: MeetingKind) -> &'static str {
    match lang {
        Lang::Vi => m.name_vi(),
        Lang::En => m.name_en(),
    }
}

/// A meeting kind's short name, for lists.
pub fn meeting_short(lang: Lang, m: MeetingKind) -> &'static str {
    match lang {
        Lang::Vi => m.short_vi(),
        Lang::En => m.short_en(),
    }
}

/// The year's voting rule as the ballot-count minutes quote it: the share,
/// what it is of, and the seats when the question has a limit.
pub fn vote_rule(lang: Lang, rule: &crate::domain::VoteRule, seats: Option<u32>) -> String {
    use crate::domain::VoteBase;
    let base = tr(
        lang,
        match rule.base {
            VoteBase::ValidBallots => Msg::PpBaseValid,
            VoteBase::MembersPresent => Msg::PpBasePresent,
            VoteBase::AllMembers => Msg::PpBaseAll,
        },
    );
    let share = if rule.strictly_more {
        Msg::PpRuleMore
    } else {
        Msg::PpRuleAtLeast
    };
    let mut out = super::trf(lang, share, &[&rule.share_num, &rule.share_den, &base]);
    if let Some(n) = seats {
        out.push_str(&super::trf(lang, Msg::PpSeats, &[&n]));
        out.push_str(tr(lang, Msg::PpTie));
    }
    out
}
