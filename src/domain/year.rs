//! The Academy's year: for one year, every cluster's head and deputies,
//! proposals and decisions, meetings held and the state of its score sheet.
//! Pure: the caller hands in the records (the app's snapshot or the store's
//! maps), so the pane and `thidua history --year` show the same thing.

use super::*;
use std::collections::HashMap;

/// Where a cluster's score sheet for the year stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetStatus {
    /// No sheet for the year.
    None,
    /// A sheet, still being filled in.
    Open,
    /// A final sheet.
    Locked,
}

/// One cluster in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterYear {
    /// The cluster.
    pub cluster: ClusterId,
    /// Its term for the year, if recorded.
    pub term: Option<TermId>,
    /// Cụm trưởng.
    pub head: Option<SchoolId>,
    /// Cụm phó.
    pub deputies: Vec<SchoolId>,
    /// The awards still proposed, in award order (flag first).
    pub proposals: Vec<AwardId>,
    /// The awards decided.
    pub decided: Vec<AwardId>,
    /// The cluster's meetings of the year, by date.
    pub meetings: Vec<MeetingId>,
    /// The score sheet's state.
    pub sheet: SheetStatus,
}

impl ClusterYear {
    /// Whether anything at all is recorded for the cluster in the year.
    pub fn is_empty(&self) -> bool {
        self.term.is_none()
            && self.proposals.is_empty()
            && self.decided.is_empty()
            && self.meetings.is_empty()
            && self.sheet == SheetStatus::None
    }
}

/// The records the year is built from.
pub struct Records<'a> {
    /// Every cluster.
    pub clusters: &'a HashMap<ClusterId, Cluster>,
    /// Every term.
    pub terms: &'a HashMap<TermId, Term>,
    /// Every award.
    pub awards: &'a HashMap<AwardId, Award>,
    /// Every meeting.
    pub meetings: &'a HashMap<MeetingId, Meeting>,
    /// Every score sheet.
    pub sheets: &'a HashMap<SheetId, ScoreSheet>,
}

fn kind_order(k: &AwardKind) -> u8 {
    match k {
        AwardKind::AcademyFlag => 0,
        AwardKind::AcademyCertificate => 1,
        AwardKind::ExcellentCollective => 2,
        AwardKind::Other(_) => 3,
    }
}

/// Clusters in the order reports list them: numbered first by number,
/// practice clusters last, the rest by Vietnamese name order.
pub fn cluster_order(clusters: &HashMap<ClusterId, Cluster>) -> Vec<ClusterId> {
    let mut ids: Vec<(&ClusterId, &Cluster)> = clusters.iter().collect();
    ids.sort_by(|(_, a), (_, b)| {
        (a.illustrative, a.number.is_none(), a.number)
            .cmp(&(b.illustrative, b.number.is_none(), b.number))
            .then_with(|| crate::text::compare(&a.name, &b.name))
    });
    ids.into_iter().map(|(id, _)| *id).collect()
}

/// Every cluster's year, in [`cluster_order`]; clusters with nothing
/// recorded for the year are kept (an empty row says so).
pub fn academy_year(r: &Records<'_>, year: u16) -> Vec<ClusterYear> {
    cluster_order(r.clusters)
        .into_iter()
        .map(|cluster| {
            let term = r
                .terms
                .iter()
                .find(|(_, t)| t.cluster == cluster && t.year == year);
            let mut awards: Vec<(&AwardId, &Award)> = r
                .awards
                .iter()
                .filter(|(_, a)| a.cluster == Some(cluster) && a.year == year)
                .collect();
            awards.sort_by_key(|(id, a)| (kind_order(&a.kind), a.recipient, **id));
            let split = |status: AwardStatus| -> Vec<AwardId> {
                awards
                    .iter()
                    .filter(|(_, a)| a.status == status)
                    .map(|(id, _)| **id)
                    .collect()
            };
            let mut meetings: Vec<(&MeetingId, &Meeting)> = r
                .meetings
                .iter()
                .filter(|(_, m)| m.cluster == Some(cluster) && m.year == Some(year))
                .collect();
            meetings.sort_by_key(|(id, m)| (m.date, **id));
            let sheet = match r
                .sheets
                .values()
                .find(|s| s.cluster == cluster && s.year == year)
            {
                None => SheetStatus::None,
                Some(s) if s.lock.is_some() => SheetStatus::Locked,
                Some(_) => SheetStatus::Open,
            };
            ClusterYear {
                cluster,
                term: term.map(|(id, _)| *id),
                head: term.and_then(|(_, t)| t.head),
                deputies: term.map(|(_, t)| t.deputies.clone()).unwrap_or_default(),
                proposals: split(AwardStatus::Proposed),
                decided: split(AwardStatus::Decided),
                meetings: meetings.into_iter().map(|(id, _)| *id).collect(),
                sheet,
            }
        })
        .collect()
}

/// The year the Academy's view opens on: the latest year with a proposal
/// still waiting for a decision, else the latest year with any term,
/// award or meeting; `None` on an empty database.
pub fn default_year(r: &Records<'_>) -> Option<u16> {
    let waiting = r
        .awards
        .values()
        .filter(|a| a.status == AwardStatus::Proposed && !a.illustrative)
        .map(|a| a.year)
        .max();
    waiting.or_else(|| {
        r.terms
            .values()
            .map(|t| t.year)
            .chain(r.awards.values().map(|a| a.year))
            .chain(r.meetings.values().filter_map(|m| m.year))
            .max()
    })
}
