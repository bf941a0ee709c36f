//! A cluster's year-by-year history, assembled from its terms and awards, and
//! where each school has gone since (renamed, merged).

use super::{
    Award, AwardKind, AwardStatus, Date, LineageKind, School, SchoolId, SchoolStatus, Term,
};
use std::collections::{BTreeMap, HashMap};

/// An award in a history row: who, and whether it was only proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardMark {
    /// The recipient.
    pub school: SchoolId,
    /// Proposed or decided.
    pub status: AwardStatus,
}

/// One year of a cluster's history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryRow {
    /// The year.
    pub year: u16,
    /// Cụm trưởng.
    pub head: Option<SchoolId>,
    /// Cụm phó.
    pub deputies: Vec<SchoolId>,
    /// Holder of the rotating flag.
    pub flag_holder: Option<SchoolId>,
    /// The Academy's flag, proposed or decided.
    pub flag: Vec<AwardMark>,
    /// The Academy's certificates, proposed or decided.
    pub certificates: Vec<AwardMark>,
    /// Other awards, by kind name.
    pub other_awards: Vec<(String, AwardMark)>,
}

/// Builds the rows of one cluster: one per year that has a term or an award,
/// oldest first. `terms` and `awards` must already be the cluster's own.
pub fn cluster_history(terms: &[Term], awards: &[Award]) -> Vec<HistoryRow> {
    let mut rows: BTreeMap<u16, HistoryRow> = BTreeMap::new();
    fn row(rows: &mut BTreeMap<u16, HistoryRow>, year: u16) -> &mut HistoryRow {
        rows.entry(year).or_insert_with(|| HistoryRow {
            year,
            ..HistoryRow::default()
        })
    }
    for t in terms {
        let r = row(&mut rows, t.year);
        r.head = t.head;
        r.deputies = t.deputies.clone();
        r.flag_holder = t.flag_holder;
    }
    for a in awards {
        let r = row(&mut rows, a.year);
        let mark = AwardMark {
            school: a.recipient,
            status: a.status,
        };
        match &a.kind {
            AwardKind::AcademyFlag => r.flag.push(mark),
            AwardKind::AcademyCertificate => r.certificates.push(mark),
            other => r.other_awards.push((other.name_vi().to_string(), mark)),
        }
    }
    rows.into_values().collect()
}

/// Where a school stands now: itself if active, otherwise the school it was
/// merged into, followed through later mergers, with the date of the first.
/// A cycle in bad data stops the walk rather than looping.
pub fn current_successor(
    school: SchoolId,
    schools: &HashMap<SchoolId, School>,
) -> Option<(SchoolId, Option<Date>)> {
    let mut seen = vec![school];
    let mut at = school;
    let mut first_date = None;
    while let Some(SchoolStatus::MergedInto(next, date)) = schools.get(&at).map(School::status) {
        if seen.contains(&next) {
            break;
        }
        if first_date.is_none() {
            first_date = date;
        }
        seen.push(next);
        at = next;
    }
    (at != school).then_some((at, first_date))
}

/// The schools merged into this one, and the schools merged into those,
/// each with the date of its own merger, in no particular order. The
/// successor's history carries theirs ("kế thừa từ"); a cycle in bad data
/// is walked once.
pub fn predecessors(
    school: SchoolId,
    schools: &HashMap<SchoolId, School>,
) -> Vec<(SchoolId, Option<Date>)> {
    let mut found: Vec<(SchoolId, Option<Date>)> = Vec::new();
    let mut queue = vec![school];
    while let Some(next) = queue.pop() {
        for (pid, p) in schools {
            let merger = p
                .lineage
                .iter()
                .find(|e| e.other == Some(next) && e.kind == LineageKind::MergedInto);
            if let Some(e) = merger
                && *pid != school
                && !found.iter().any(|(f, _)| f == pid)
            {
                found.push((*pid, e.date));
                queue.push(*pid);
            }
        }
    }
    found
}
