//! What a record is called in messages, undo labels, history titles and
//! the delete question: one place for every kind.

use super::data::Data;
use super::undo::AnyRecord;
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr};
use crate::store::Kind;

impl Data {
    /// A record's name by kind and id, from the snapshot; `#id` when it is
    /// not there.
    pub fn record_name(&self, kind: Kind, id: u64, lang: Lang) -> String {
        let name = match kind {
            Kind::School => self.schools.get(&SchoolId(id)).map(|s| s.name.clone()),
            Kind::Cluster => self.clusters.get(&ClusterId(id)).map(Cluster::label),
            Kind::Term => self.terms.get(&TermId(id)).map(|t| self.term_name(t)),
            Kind::Meeting => self.meetings.get(&MeetingId(id)).map(|m| m.title.clone()),
            Kind::Person => self.people.get(&PersonId(id)).map(|p| p.name.clone()),
            Kind::Award => self.awards.get(&AwardId(id)).map(|a| self.award_name(a)),
            Kind::Table => self.tables.get(&TableId(id)).map(|t| t.title.clone()),
            Kind::Sheet => self
                .sheets
                .get(&SheetId(id))
                .map(|s| self.sheet_name(s, lang)),
            Kind::Ballot => self
                .ballots
                .get(&BallotId(id))
                .map(|b| ballot_name(b, lang)),
        };
        name.unwrap_or_else(|| format!("#{id}"))
    }

    /// The name of a record held in hand (one just written, which the
    /// snapshot does not have yet).
    pub fn name_of(&self, r: &AnyRecord, lang: Lang) -> String {
        match r {
            AnyRecord::School(s) => s.name.clone(),
            AnyRecord::Cluster(c) => c.label(),
            AnyRecord::Term(t) => self.term_name(t),
            AnyRecord::Meeting(m) => m.title.clone(),
            AnyRecord::Person(p) => p.name.clone(),
            AnyRecord::Award(a) => self.award_name(a),
            AnyRecord::Table(t) => t.title.clone(),
            AnyRecord::Sheet(s) => self.sheet_name(s, lang),
            AnyRecord::Ballot(b) => ballot_name(b, lang),
        }
    }

    fn term_name(&self, t: &Term) -> String {
        format!("{} {}", self.cluster_label(t.cluster), t.year)
    }

    fn award_name(&self, a: &Award) -> String {
        format!(
            "{} {} · {}",
            a.kind.name_vi(),
            a.year,
            self.school_short(a.recipient)
        )
    }

    fn sheet_name(&self, s: &ScoreSheet, lang: Lang) -> String {
        format!(
            "{} {} {}",
            tr(lang, Msg::KindSheet),
            self.cluster_label(s.cluster),
            s.year
        )
    }
}

fn ballot_name(b: &Ballot, lang: Lang) -> String {
    let q = crate::i18n::names::question(lang, &b.question);
    format!("{} {q} {}", tr(lang, Msg::KindBallot), b.year)
}
