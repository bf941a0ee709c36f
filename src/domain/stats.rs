//! History at a glance: a school's years (head, deputy, awards, rank and
//! total), with what it inherited from the schools merged into it, and a
//! cluster's head seat year by year with each member's count and the
//! rotation's next candidates. Pure: the app's detail, its chart and
//! `thidua stats` are built from the same numbers.

use super::rotation::{Reason, eligible_heads, suggest_head};
use super::scoring::rank;
use super::*;
use std::collections::{BTreeMap, HashMap};

/// A school's place on one year's score sheet, by the cluster's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The cluster whose sheet it is.
    pub cluster: ClusterId,
    /// Its total.
    pub total: Points,
    /// Its rank from 1.
    pub rank: usize,
    /// How many schools the sheet ranks.
    pub of: usize,
    /// Whether the sheet is final.
    pub locked: bool,
}

/// One year of one school's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearStat {
    /// The year.
    pub year: u16,
    /// Whose record: the school itself, or a predecessor merged into it.
    pub school: SchoolId,
    /// Whether it comes from a predecessor.
    pub inherited: bool,
    /// The clusters it headed that year.
    pub head: Vec<ClusterId>,
    /// The clusters it was a deputy of.
    pub deputy: Vec<ClusterId>,
    /// Its awards of the year, proposed or decided.
    pub awards: Vec<AwardId>,
    /// Its standing on the year's score sheets (open or locked).
    pub standing: Option<Standing>,
}

/// A school's record over the years, its own and inherited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchoolStats {
    /// One entry per year and per school (its own, then each predecessor's),
    /// oldest first.
    pub years: Vec<YearStat>,
}

impl SchoolStats {
    /// Years as head: (own, inherited).
    pub fn head_years(&self) -> (usize, usize) {
        self.count(|y| !y.head.is_empty())
    }

    /// Years as deputy: (own, inherited).
    pub fn deputy_years(&self) -> (usize, usize) {
        self.count(|y| !y.deputy.is_empty())
    }

    /// Awards: (own, inherited).
    pub fn awards(&self) -> (usize, usize) {
        let own = self.years.iter().filter(|y| !y.inherited);
        let inherited = self.years.iter().filter(|y| y.inherited);
        (
            own.map(|y| y.awards.len()).sum(),
            inherited.map(|y| y.awards.len()).sum(),
        )
    }

    fn count(&self, f: impl Fn(&YearStat) -> bool) -> (usize, usize) {
        let own = self.years.iter().filter(|y| !y.inherited && f(y)).count();
        let inherited = self.years.iter().filter(|y| y.inherited && f(y)).count();
        (own, inherited)
    }
}

/// The records statistics are built from.
pub struct Records<'a> {
    /// Every school.
    pub schools: &'a HashMap<SchoolId, School>,
    /// Every term.
    pub terms: &'a HashMap<TermId, Term>,
    /// Every award.
    pub awards: &'a HashMap<AwardId, Award>,
    /// Every score sheet.
    pub sheets: &'a HashMap<SheetId, ScoreSheet>,
    /// Every criteria table.
    pub tables: &'a HashMap<TableId, CriteriaTable>,
}

/// One school's own years, not its predecessors'.
fn own_years(r: &Records<'_>, school: SchoolId, inherited: bool) -> Vec<YearStat> {
    let mut years: BTreeMap<u16, YearStat> = BTreeMap::new();
    let mut terms: Vec<&Term> = r.terms.values().collect();
    terms.sort_by_key(|t| (t.year, t.cluster));
    for t in terms {
        if t.head == Some(school) {
            year_of(&mut years, t.year, school, inherited)
                .head
                .push(t.cluster);
        }
        if t.deputies.contains(&school) {
            year_of(&mut years, t.year, school, inherited)
                .deputy
                .push(t.cluster);
        }
    }
    let mut awards: Vec<(&AwardId, &Award)> = r
        .awards
        .iter()
        .filter(|(_, a)| a.recipient == school)
        .collect();
    awards.sort_by_key(|(id, a)| (a.year, **id));
    for (id, a) in awards {
        year_of(&mut years, a.year, school, inherited)
            .awards
            .push(*id);
    }
    let mut sheets: Vec<&ScoreSheet> = r
        .sheets
        .values()
        .filter(|s| s.schools.contains(&school))
        .collect();
    sheets.sort_by_key(|s| (s.year, s.cluster));
    for s in sheets {
        let scored = s
            .cells
            .iter()
            .any(|c| c.school == school && c.cluster_score.is_some());
        let Some(table) = r.tables.get(&s.table) else {
            continue;
        };
        if !scored {
            continue;
        }
        let ranked = rank(s, table);
        if let Some(mine) = ranked.iter().find(|x| x.totals.school == school) {
            year_of(&mut years, s.year, school, inherited).standing = Some(Standing {
                cluster: s.cluster,
                total: mine.totals.total,
                rank: mine.rank,
                of: ranked.len(),
                locked: s.lock.is_some(),
            });
        }
    }
    years.into_values().collect()
}

fn year_of(
    years: &mut BTreeMap<u16, YearStat>,
    year: u16,
    school: SchoolId,
    inherited: bool,
) -> &mut YearStat {
    years.entry(year).or_insert_with(|| YearStat {
        year,
        school,
        inherited,
        head: Vec::new(),
        deputy: Vec::new(),
        awards: Vec::new(),
        standing: None,
    })
}

/// A school's record: its own years and, marked inherited, those of every
/// school merged into it (through earlier mergers too), oldest first; in
/// one year its own entry comes before its predecessors'.
pub fn school_stats(r: &Records<'_>, school: SchoolId) -> SchoolStats {
    let mut years = own_years(r, school, false);
    let mut preds = super::history::predecessors(school, r.schools);
    preds.sort_by_key(|(id, _)| *id);
    for (p, _) in preds {
        years.extend(own_years(r, p, true));
    }
    years.sort_by_key(|y| (y.year, y.inherited, y.school));
    SchoolStats { years }
}

/// How often one school has held a seat of a cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatCount {
    /// The school.
    pub school: SchoolId,
    /// Years as head.
    pub head: usize,
    /// Years as deputy.
    pub deputy: usize,
}

/// A cluster's seats over the years.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClusterStats {
    /// Who held the head's seat, each year with a term, oldest first.
    pub heads: Vec<(u16, Option<SchoolId>)>,
    /// Every member or office holder, most years as head first.
    pub counts: Vec<SeatCount>,
    /// The year after the last term.
    pub next_year: Option<u16>,
    /// The rotation's candidates for head in `next_year`, best first.
    pub next: Vec<(SchoolId, Reason)>,
}

/// The statistics of one cluster from its own terms. `names` orders
/// schools that tie (the caller's Vietnamese name order).
pub fn cluster_stats(
    cluster: &Cluster,
    terms: &[Term],
    schools: &HashMap<SchoolId, School>,
    names: impl Fn(SchoolId) -> String,
) -> ClusterStats {
    let mut terms: Vec<&Term> = terms.iter().collect();
    terms.sort_by_key(|t| t.year);
    let heads: Vec<(u16, Option<SchoolId>)> = terms.iter().map(|t| (t.year, t.head)).collect();
    let mut everyone: Vec<SchoolId> = Vec::new();
    let mut add = |s: SchoolId| {
        if !everyone.contains(&s) {
            everyone.push(s);
        }
    };
    for m in &cluster.memberships {
        m.schools.iter().copied().for_each(&mut add);
    }
    for t in &terms {
        t.head.iter().chain(&t.deputies).copied().for_each(&mut add);
    }
    let mut counts: Vec<SeatCount> = everyone
        .iter()
        .map(|s| SeatCount {
            school: *s,
            head: terms.iter().filter(|t| t.head == Some(*s)).count(),
            deputy: terms.iter().filter(|t| t.deputies.contains(s)).count(),
        })
        .collect();
    counts.sort_by(|a, b| {
        (b.head, b.deputy)
            .cmp(&(a.head, a.deputy))
            .then_with(|| crate::text::compare(&names(a.school), &names(b.school)))
    });
    let next_year = terms.last().map(|t| t.year.saturating_add(1));
    let next = match next_year {
        Some(year) => {
            // The latest known members, and whoever served in the last term.
            let mut members: Vec<SchoolId> = cluster
                .memberships
                .iter()
                .max_by_key(|m| m.year)
                .map(|m| m.schools.clone())
                .unwrap_or_default();
            if let Some(t) = terms.last() {
                for s in t.head.iter().chain(&t.deputies) {
                    if !members.contains(s) {
                        members.push(*s);
                    }
                }
            }
            members.sort_by(|a, b| crate::text::compare(&names(*a), &names(*b)));
            let members = eligible_heads(&members, schools, year);
            let owned: Vec<Term> = terms.iter().map(|t| (*t).clone()).collect();
            suggest_head(&members, &owned, year).ranked
        }
        None => Vec::new(),
    };
    ClusterStats {
        heads,
        counts,
        next_year,
        next,
    }
}
