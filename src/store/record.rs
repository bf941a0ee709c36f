//! What the store needs to know about each record type: its tree, its index
//! entries and its text fields (cleaned at the edge before every write).

use super::index::{Index, IndexKey, Role, date_part, key, pair_key, u64_part, year_part};
use crate::domain::search_names;
use crate::domain::*;
use crate::text;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::hash::Hash;

/// Where each record kind lives in the database. These belong to the
/// store's layout, not to the domain, so they are implemented here on the
/// domain's [`Kind`].
impl Kind {
    /// The sled tree name.
    pub fn tree(self) -> &'static str {
        match self {
            Kind::School => "schools",
            Kind::Cluster => "clusters",
            Kind::Term => "terms",
            Kind::Meeting => "meetings",
            Kind::Person => "people",
            Kind::Table => "criteria_tables",
            Kind::Sheet => "score_sheets",
            Kind::Ballot => "ballots",
            Kind::Award => "awards",
        }
    }

    /// The byte that stands for the kind inside index keys.
    pub fn byte(self) -> u8 {
        match self {
            Kind::School => 1,
            Kind::Cluster => 2,
            Kind::Term => 3,
            Kind::Meeting => 4,
            Kind::Person => 5,
            Kind::Table => 6,
            Kind::Sheet => 7,
            Kind::Ballot => 8,
            Kind::Award => 9,
        }
    }

    /// The kind of an index-key byte.
    pub fn from_byte(b: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.byte() == b)
    }
}

/// How a text field is cleaned before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A one-line name or title: [`text::clean_line`].
    Line,
    /// Multi-line notes: [`text::clean_block`].
    Block,
}

/// A type the store can keep.
pub trait Record:
    Serialize
    + DeserializeOwned
    + Clone
    + Debug
    + PartialEq
    + Send
    + Sync
    + crate::domain::access::Owned
    + super::refs::Refers
    + super::guard::Guarded
{
    /// Its typed id.
    type Id: Copy + From<u64> + Into<u64> + Eq + Hash + Ord + Debug + Send + Sync;
    /// Its kind, which names its tree.
    const KIND: Kind;

    /// The index entries this record contributes, given its id.
    fn index_keys(&self, id: u64) -> Vec<IndexKey>;

    /// Visits every text field, so the store can clean them all.
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind));

    /// Cleans every text field: NFC, no control characters or escape sequences.
    fn clean_text(&mut self) {
        self.visit_text(&mut |s, kind| {
            *s = match kind {
                TextKind::Line => text::clean_line(s),
                TextKind::Block => text::clean_block(s),
            }
        });
    }
}

fn name_keys(kind: Kind, id: u64, names: &[Cow<'_, str>]) -> Vec<IndexKey> {
    let folded: BTreeSet<String> = names
        .iter()
        .map(|n| text::fold(n))
        .filter(|f| !f.is_empty())
        .collect();
    folded
        .into_iter()
        .map(|f| IndexKey {
            index: Index::Name,
            key: key(&[f.as_bytes(), &[0, kind.byte()], &u64_part(id)]),
            unique: false,
        })
        .collect()
}

fn entry(index: Index, parts: &[&[u8]]) -> IndexKey {
    IndexKey {
        index,
        key: key(parts),
        unique: false,
    }
}

fn unique(index: Index, k: Vec<u8>) -> IndexKey {
    IndexKey {
        index,
        key: k,
        unique: true,
    }
}

fn sources(v: &mut [Source], f: &mut dyn FnMut(&mut String, TextKind)) {
    for s in v {
        f(&mut s.doc, TextKind::Line);
        f(&mut s.note, TextKind::Line);
    }
}

fn decision(d: &mut Option<Decision>, f: &mut dyn FnMut(&mut String, TextKind)) {
    if let Some(d) = d {
        f(&mut d.number, TextKind::Line);
        f(&mut d.issuer, TextKind::Line);
    }
}

fn lines(v: &mut [String], f: &mut dyn FnMut(&mut String, TextKind)) {
    for s in v {
        f(s, TextKind::Line);
    }
}

impl Record for School {
    type Id = SchoolId;
    const KIND: Kind = Kind::School;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        let mut keys = name_keys(Kind::School, id, &search_names::school(self));
        let others: BTreeSet<u64> = self
            .lineage
            .iter()
            .filter_map(|e| e.other)
            .map(|o| o.0)
            .collect();
        keys.extend(
            others
                .into_iter()
                .map(|o| entry(Index::Lineage, &[&u64_part(o), &u64_part(id)])),
        );
        keys
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.name, TextKind::Line);
        lines(&mut self.honorifics, f);
        for n in &mut self.former_names {
            f(&mut n.name, TextKind::Line);
        }
        f(&mut self.province, TextKind::Line);
        for e in &mut self.lineage {
            f(&mut e.note, TextKind::Line);
            sources(&mut e.sources, f);
        }
        f(&mut self.notes, TextKind::Block);
        sources(&mut self.sources, f);
    }
}

impl Record for Cluster {
    type Id = ClusterId;
    const KIND: Kind = Kind::Cluster;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        let mut keys = name_keys(Kind::Cluster, id, &search_names::cluster_indexed(self));
        let members: BTreeSet<(u64, u16)> = self
            .memberships
            .iter()
            .flat_map(|m| m.schools.iter().map(move |s| (s.0, m.year)))
            .collect();
        keys.extend(members.into_iter().map(|(school, year)| {
            entry(
                Index::Member,
                &[&u64_part(school), &year_part(year), &u64_part(id)],
            )
        }));
        keys
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.name, TextKind::Line);
        lines(&mut self.aliases, f);
        f(&mut self.region, TextKind::Line);
        for m in &mut self.memberships {
            sources(&mut m.sources, f);
        }
        f(&mut self.notes, TextKind::Block);
        sources(&mut self.sources, f);
    }
}

impl Record for Term {
    type Id = TermId;
    const KIND: Kind = Kind::Term;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        let mut roles: BTreeSet<(u64, u8)> = BTreeSet::new();
        if let Some(h) = self.head {
            roles.insert((h.0, Role::Head as u8));
        }
        for d in &self.deputies {
            roles.insert((d.0, Role::Deputy as u8));
        }
        if let Some(h) = self.flag_holder {
            roles.insert((h.0, Role::FlagHolder as u8));
        }
        let mut keys = vec![unique(Index::TermYear, pair_key(self.cluster.0, self.year))];
        keys.extend(roles.into_iter().map(|(school, role)| {
            entry(
                Index::SchoolRole,
                &[
                    &u64_part(school),
                    &year_part(self.year),
                    &[role],
                    &u64_part(id),
                ],
            )
        }));
        keys
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        decision(&mut self.recognition, f);
        f(&mut self.notes, TextKind::Block);
        sources(&mut self.sources, f);
    }
}

impl Record for Meeting {
    type Id = MeetingId;
    const KIND: Kind = Kind::Meeting;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        // Decisions are searched too: the year's theme or an election is
        // often only written there.
        let mut keys = name_keys(Kind::Meeting, id, &search_names::meeting(self));
        keys.push(entry(
            Index::ClusterMeeting,
            &[
                &u64_part(self.cluster.map_or(0, |c| c.0)),
                &date_part(self.date),
                &u64_part(id),
            ],
        ));
        keys
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.place, TextKind::Line);
        f(&mut self.title, TextKind::Line);
        f(&mut self.topic, TextKind::Line);
        for p in self.chairs.iter_mut().chain(self.guests.iter_mut()) {
            f(&mut p.title, TextKind::Line);
            f(&mut p.organisation, TextKind::Line);
        }
        lines(&mut self.decisions, f);
        for fig in &mut self.figures {
            f(&mut fig.label, TextKind::Line);
            f(&mut fig.value, TextKind::Line);
        }
        f(&mut self.notes, TextKind::Block);
        sources(&mut self.sources, f);
        let p = &mut self.proceedings;
        for x in p.participants_mut() {
            f(&mut x.title, TextKind::Line);
            f(&mut x.organisation, TextKind::Line);
        }
        for paper in [&mut p.minutes, &mut p.tally, &mut p.proposal] {
            f(&mut paper.parent, TextKind::Line);
            f(&mut paper.issuer, TextKind::Line);
            f(&mut paper.number, TextKind::Line);
        }
        for t in &mut p.tally_numbers {
            f(&mut t.number, TextKind::Line);
            if let Question::Other(q) = &mut t.question {
                f(q, TextKind::Line);
            }
        }
    }
}

impl Record for Person {
    type Id = PersonId;
    const KIND: Kind = Kind::Person;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        name_keys(Kind::Person, id, &search_names::person(self))
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.name, TextKind::Line);
        f(&mut self.organisation, TextKind::Line);
        f(&mut self.notes, TextKind::Block);
        sources(&mut self.sources, f);
    }
}

impl Record for CriteriaTable {
    type Id = TableId;
    const KIND: Kind = Kind::Table;

    fn index_keys(&self, _id: u64) -> Vec<IndexKey> {
        vec![unique(
            Index::TableYear,
            pair_key(self.cluster.map_or(0, |c| c.0), self.year),
        )]
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.title, TextKind::Line);
        for g in &mut self.groups {
            f(&mut g.code, TextKind::Line);
            f(&mut g.name, TextKind::Line);
            for c in &mut g.criteria {
                f(&mut c.code, TextKind::Line);
                f(&mut c.name, TextKind::Line);
            }
        }
        for c in self.bonus.iter_mut().chain(self.penalties.iter_mut()) {
            f(&mut c.code, TextKind::Line);
            f(&mut c.name, TextKind::Line);
        }
        for t in &mut self.tie_break {
            if let TieBreak::GroupScore(s) | TieBreak::CriterionScore(s) = t {
                f(s, TextKind::Line);
            }
        }
        for q in &mut self.award_quotas {
            if let AwardKind::Other(s) = &mut q.kind {
                f(s, TextKind::Line);
            }
        }
        f(&mut self.legal_basis, TextKind::Block);
        sources(&mut self.sources, f);
    }
}

impl Record for ScoreSheet {
    type Id = SheetId;
    const KIND: Kind = Kind::Sheet;

    fn index_keys(&self, _id: u64) -> Vec<IndexKey> {
        vec![unique(
            Index::SheetYear,
            pair_key(self.cluster.0, self.year),
        )]
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        for c in &mut self.cells {
            f(&mut c.item, TextKind::Line);
        }
        if let Some(l) = &mut self.lock {
            f(&mut l.by, TextKind::Line);
        }
        for a in &mut self.amendments {
            f(&mut a.by, TextKind::Line);
            f(&mut a.reason, TextKind::Block);
        }
    }
}

impl Record for Ballot {
    type Id = BallotId;
    const KIND: Kind = Kind::Ballot;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        let question: Vec<u8> = match &self.question {
            Question::Flag => vec![1],
            Question::Certificate => vec![2],
            Question::Head => vec![3],
            Question::Deputy => vec![4],
            Question::Other(name) => [&[5u8][..], text::fold(name).as_bytes()].concat(),
        };
        vec![
            entry(
                Index::ClusterBallot,
                &[
                    &u64_part(self.cluster.0),
                    &year_part(self.year),
                    &u64_part(id),
                ],
            ),
            // Two ballots for one question would leave the minutes to guess
            // which counts; a second one made meanwhile is refused here.
            unique(
                Index::BallotQuestion,
                key(&[&u64_part(self.cluster.0), &year_part(self.year), &question]),
            ),
        ]
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        if let Question::Other(s) = &mut self.question {
            f(s, TextKind::Line);
        }
    }
}

impl Record for Award {
    type Id = AwardId;
    const KIND: Kind = Kind::Award;

    fn index_keys(&self, id: u64) -> Vec<IndexKey> {
        vec![
            entry(
                Index::SchoolAward,
                &[
                    &u64_part(self.recipient.0),
                    &year_part(self.year),
                    &u64_part(id),
                ],
            ),
            entry(
                Index::ClusterAward,
                &[
                    &u64_part(self.cluster.map_or(0, |c| c.0)),
                    &year_part(self.year),
                    &u64_part(id),
                ],
            ),
        ]
    }

    fn visit_text(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        if let AwardKind::Other(s) = &mut self.kind {
            f(s, TextKind::Line);
        }
        decision(&mut self.decision, f);
        sources(&mut self.sources, f);
    }
}
