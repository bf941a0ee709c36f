//! A snapshot of the records the panes show, loaded from the store after
//! each change. The data is small (hundreds of records), so reloading it all
//! keeps every pane consistent without bookkeeping; moving the selection
//! never reloads.
//!
//! One snapshot is shared by every session (`Data::shared`), and so is what
//! is worked out from it: the collated rows of each list, the folded names
//! the palette and pickers search, the records of each cluster and year,
//! and each sheet's grid with its totals and ranks. Each is built on first
//! use, once per committed change, not once per session or per frame.

mod names;
mod years;

pub use names::{Found, NameIndex, PickIndex};
pub use years::YearIndex;

use super::Pane;
use super::form::RefKind;
use crate::domain::sheet_grid::SheetGrid;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::verify::Finding;
use crate::store::{Record, Store, StoreError};
use crate::text;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One row of a pane's list: its record id, the cells shown, and the folded
/// text the filter searches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The record id.
    pub id: u64,
    /// The cells, left to right.
    pub cells: Vec<String>,
    /// Folded search text (every name of the record).
    pub search: String,
    /// Practice data, shown with its mark.
    pub illustrative: bool,
}

/// Everything the panes show.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Schools, by id.
    pub schools: HashMap<SchoolId, School>,
    /// Clusters, by id.
    pub clusters: HashMap<ClusterId, Cluster>,
    /// Terms, by id.
    pub terms: HashMap<TermId, Term>,
    /// Meetings, by id.
    pub meetings: HashMap<MeetingId, Meeting>,
    /// People, by id.
    pub people: HashMap<PersonId, Person>,
    /// Awards, by id.
    pub awards: HashMap<AwardId, Award>,
    /// Criteria tables, by id.
    pub tables: HashMap<TableId, CriteriaTable>,
    /// Score sheets, by id.
    pub sheets: HashMap<SheetId, ScoreSheet>,
    /// Ballots, by id.
    pub ballots: HashMap<BallotId, Ballot>,
    /// Records that could not be read or do not match the audit log, by
    /// tree and key: found when the database opened, or now.
    pub damaged: Vec<Finding>,
    /// Whether the store refuses every write because of them.
    pub writes_refused: bool,
    /// The audit chain's head when the snapshot was read: its length and
    /// the SHA-256 of its last entry. Printed in the minutes and exports, it
    /// ties a paper to the log it came from (`thidua audit head`).
    pub audit_head: (u64, [u8; 32]),
    /// What is worked out from these records on first use. A snapshot is
    /// not changed once shared, so nothing here goes stale.
    cache: Cache,
}

/// Rows of each pane, language and order: `Pane::ALL.len() × 2 × 2`.
const ROW_SLOTS: usize = 20;

/// Values derived from a snapshot, each built once when first asked for.
#[derive(Default)]
struct Cache {
    rows: [OnceLock<Arc<[Row]>>; ROW_SLOTS],
    names: OnceLock<Arc<NameIndex>>,
    picks: [OnceLock<PickIndex>; 3],
    years: OnceLock<YearIndex>,
    /// Sheets are laid out one at a time, as they are looked at.
    grids: Mutex<HashMap<SheetId, Arc<SheetGrid>>>,
}

impl Clone for Cache {
    /// A copy of the data may be changed, so it starts with nothing cached.
    fn clone(&self) -> Cache {
        Cache::default()
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

/// Every readable record of a kind; what could not be read is added to
/// `damaged` unless the open already listed it.
fn load_kind<R: Record>(
    store: &Store,
    damaged: &mut Vec<Finding>,
) -> Result<HashMap<R::Id, R>, StoreError> {
    let (good, bad) = store.all_lenient::<R>()?;
    for f in bad {
        if !damaged.iter().any(|d| d.tree == f.tree && d.key == f.key) {
            damaged.push(f);
        }
    }
    Ok(good.into_iter().collect())
}

impl Data {
    /// The snapshot shared by every session on this store: read once after
    /// each change, not once per session.
    pub fn shared(store: &Store) -> Result<std::sync::Arc<Data>, StoreError> {
        store.derived(Data::load)
    }

    /// Loads every record; damaged ones are listed, not fatal: one record
    /// that cannot be read leaves every other one on screen.
    pub fn load(store: &Store) -> Result<Data, StoreError> {
        let mut damaged = store.damage().to_vec();
        // Read first, so the records shown hold at least these changes.
        let audit_head = store.audit_head()?;
        Ok(Data {
            schools: load_kind(store, &mut damaged)?,
            clusters: load_kind(store, &mut damaged)?,
            terms: load_kind(store, &mut damaged)?,
            meetings: load_kind(store, &mut damaged)?,
            people: load_kind(store, &mut damaged)?,
            awards: load_kind(store, &mut damaged)?,
            tables: load_kind(store, &mut damaged)?,
            sheets: load_kind(store, &mut damaged)?,
            ballots: load_kind(store, &mut damaged)?,
            damaged,
            writes_refused: !store.damage().is_empty(),
            audit_head,
            cache: Cache::default(),
        })
    }

    /// A school's display name, or its id if it is missing.
    pub fn school_name(&self, id: SchoolId) -> String {
        self.schools
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), |s| s.name.clone())
    }

    /// A school's short name for tables.
    pub fn school_short(&self, id: SchoolId) -> String {
        self.schools
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), School::short_name)
    }

    /// `→ Ninh Bình` when a school has merged into another, else empty.
    pub fn successor_short(&self, id: SchoolId) -> String {
        crate::domain::history::current_successor(id, &self.schools)
            .map(|(to, _)| {
                format!(
                    "→ {}",
                    self.schools
                        .get(&to)
                        .map_or_else(|| format!("#{}", to.0), |s| s.province.clone())
                )
            })
            .unwrap_or_default()
    }

    /// A cluster's label (`Cụm 4`, or its name).
    pub fn cluster_label(&self, id: ClusterId) -> String {
        self.clusters
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), Cluster::label)
    }

    /// A person's name.
    pub fn person_name(&self, id: PersonId) -> String {
        self.people
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), |p| p.name.clone())
    }

    /// A cluster's terms, oldest first.
    pub fn terms_of(&self, cluster: ClusterId) -> Vec<(TermId, &Term)> {
        let mut v: Vec<(TermId, &Term)> = self
            .terms
            .iter()
            .filter(|(_, t)| t.cluster == cluster)
            .map(|(id, t)| (*id, t))
            .collect();
        v.sort_by_key(|(id, t)| (t.year, *id));
        v
    }

    /// A cluster's awards, oldest first.
    pub fn awards_of_cluster(&self, cluster: ClusterId) -> Vec<(AwardId, &Award)> {
        let mut v: Vec<(AwardId, &Award)> = self
            .awards
            .iter()
            .filter(|(_, a)| a.cluster == Some(cluster))
            .map(|(id, a)| (*id, a))
            .collect();
        v.sort_by_key(|(id, a)| (a.year, *id));
        v
    }

    /// A school's awards, oldest first.
    pub fn awards_of_school(&self, school: SchoolId) -> Vec<(AwardId, &Award)> {
        let mut v: Vec<(AwardId, &Award)> = self
            .awards
            .iter()
            .filter(|(_, a)| a.recipient == school)
            .map(|(id, a)| (*id, a))
            .collect();
        v.sort_by_key(|(id, a)| (a.year, *id));
        v
    }

    /// The rows of a pane, in its default order.
    pub fn rows(&self, pane: Pane, lang: Lang) -> Vec<Row> {
        self.list_rows(pane, lang, false).to_vec()
    }

    /// The rows of a pane in a language, in its default or its alternative
    /// order ([`sort_alt`]): collated once per snapshot and shared by every
    /// session showing it.
    pub fn list_rows(&self, pane: Pane, lang: Lang, alt: bool) -> Arc<[Row]> {
        let p = Pane::ALL.iter().position(|x| *x == pane).unwrap_or(0);
        let l = match lang {
            Lang::Vi => 0,
            Lang::En => 1,
        };
        let slot = (p * 2 + l) * 2 + usize::from(alt);
        let build = || {
            let mut rows = self.build_rows(pane, lang);
            if alt {
                sort_alt(pane, &mut rows);
            }
            Arc::from(rows)
        };
        match self.cache.rows.get(slot) {
            Some(cell) => Arc::clone(cell.get_or_init(build)),
            None => build(),
        }
    }

    /// Builds the lists every session shows in a language, in their
    /// default order, ahead of the sessions asking for them.
    pub fn prepare(&self, lang: Lang) {
        for pane in Pane::ALL {
            self.list_rows(pane, lang, false);
        }
    }

    /// The folded names of every school, cluster, meeting and person, for
    /// the palette.
    pub fn names(&self) -> &Arc<NameIndex> {
        self.cache
            .names
            .get_or_init(|| Arc::new(NameIndex::build(self)))
    }

    /// The folded names of the records a picker of this kind offers.
    pub fn picks(&self, kind: RefKind) -> &PickIndex {
        let slot = match kind {
            RefKind::School => 0,
            RefKind::Cluster => 1,
            RefKind::Person => 2,
        };
        self.cache.picks[slot].get_or_init(|| PickIndex::build(self, kind))
    }

    /// The records of each cluster and year.
    pub fn years(&self) -> &YearIndex {
        self.cache.years.get_or_init(|| YearIndex::build(self))
    }

    /// The ballots of a cluster and year, in question order, then by id.
    pub fn ballots_of(&self, cluster: ClusterId, year: u16) -> Vec<(BallotId, &Ballot)> {
        self.years()
            .ballots(cluster, year)
            .iter()
            .filter_map(|id| self.ballots.get(id).map(|b| (*id, b)))
            .collect()
    }

    /// The score sheet of a cluster and year.
    pub fn sheet_of(&self, cluster: ClusterId, year: u16) -> Option<(SheetId, &ScoreSheet)> {
        let id = self.years().sheet(cluster, year)?;
        self.sheets.get(&id).map(|s| (id, s))
    }

    /// The term of a cluster in a year.
    pub fn term_of(&self, cluster: ClusterId, year: u16) -> Option<(TermId, &Term)> {
        let id = self.years().term(cluster, year)?;
        self.terms.get(&id).map(|t| (id, t))
    }

    /// The term elected at a year's conference: the next year's.
    pub fn next_term(&self, cluster: ClusterId, year: u16) -> Option<(TermId, &Term)> {
        self.term_of(cluster, year.checked_add(1)?)
    }

    /// A sheet laid out as its grid, with totals and ranks; `None` when the
    /// sheet or its criteria table is missing.
    pub fn sheet_grid(&self, id: SheetId) -> Option<Arc<SheetGrid>> {
        let sheet = self.sheets.get(&id)?;
        let table = self.tables.get(&sheet.table)?;
        // Built outside the lock: another session's frame need not wait.
        if let Ok(grids) = self.cache.grids.lock()
            && let Some(g) = grids.get(&id)
        {
            return Some(Arc::clone(g));
        }
        let grid = Arc::new(SheetGrid::new(sheet, table));
        if let Ok(mut grids) = self.cache.grids.lock() {
            return Some(Arc::clone(grids.entry(id).or_insert(grid)));
        }
        Some(grid)
    }

    fn build_rows(&self, pane: Pane, lang: Lang) -> Vec<Row> {
        match pane {
            Pane::Schools => self.school_rows(),
            Pane::Clusters => self.cluster_rows(),
            Pane::Meetings => self.meeting_rows(lang),
            Pane::Sheets => self.sheet_rows(),
            Pane::People => self.people_rows(),
        }
    }

    fn school_rows(&self) -> Vec<Row> {
        let mut v: Vec<(&SchoolId, &School, String)> = self
            .schools
            .iter()
            .map(|(id, s)| (id, s, s.short_name()))
            .collect();
        // Practice data last, then Vietnamese order of the name people say.
        // One sort key per row rather than a collation per comparison.
        v.sort_by_cached_key(|(id, s, short)| (s.illustrative, text::sort_key(short), **id));
        v.into_iter()
            .map(|(id, s, short)| Row {
                id: id.0,
                cells: vec![match self.successor_short(*id) {
                    to if to.is_empty() => short,
                    to => format!("{short} {to}"),
                }],
                search: folded(&crate::domain::search_names::school(s)),
                illustrative: s.illustrative,
            })
            .collect()
    }

    fn cluster_rows(&self) -> Vec<Row> {
        let mut v: Vec<(&ClusterId, &Cluster)> = self.clusters.iter().collect();
        v.sort_by_cached_key(|(id, c)| {
            (
                (c.illustrative, c.number.is_none(), c.number),
                text::sort_key(&c.name),
                **id,
            )
        });
        v.into_iter()
            .map(|(id, c)| Row {
                id: id.0,
                cells: vec![c.label()],
                search: folded(&crate::domain::search_names::cluster(c)),
                illustrative: c.illustrative,
            })
            .collect()
    }

    fn meeting_rows(&self, lang: Lang) -> Vec<Row> {
        let mut v: Vec<(&MeetingId, &Meeting)> = self.meetings.iter().collect();
        // Newest first; undated meetings last.
        v.sort_by(|a, b| {
            (b.1.date.is_some(), b.1.date, b.0).cmp(&(a.1.date.is_some(), a.1.date, a.0))
        });
        v.into_iter()
            .map(|(id, m)| {
                let cluster = m.cluster.map(|c| self.cluster_label(c)).unwrap_or_default();
                // Titles often start alike ("Hội nghị tổng kết…"); who and
                // what kind tell the rows apart, the title is in the detail.
                let who = match (m.cluster, m.host) {
                    (Some(_), _) => cluster.clone(),
                    (None, Some(h)) => self.school_short(h),
                    (None, None) => m.place.clone(),
                };
                let kind = crate::i18n::names::meeting_short(lang, m.kind);
                Row {
                    id: id.0,
                    cells: vec![
                        m.date.map_or_else(|| "—".to_string(), |d| d.to_string()),
                        format!("{kind} · {who}"),
                    ],
                    search: [&m.title, &m.topic, &m.place, &cluster]
                        .iter()
                        .map(|s| text::fold(s))
                        .collect::<Vec<_>>()
                        .join(" | "),
                    illustrative: m.illustrative,
                }
            })
            .collect()
    }

    fn sheet_rows(&self) -> Vec<Row> {
        let mut v: Vec<(&SheetId, &ScoreSheet)> = self.sheets.iter().collect();
        v.sort_by(|a, b| (b.1.year, a.1.cluster, a.0).cmp(&(a.1.year, b.1.cluster, b.0)));
        v.into_iter()
            .map(|(id, s)| {
                let label = self.cluster_label(s.cluster);
                Row {
                    id: id.0,
                    cells: vec![s.year.to_string(), label.clone()],
                    search: text::fold(&format!("{label} {}", s.year)),
                    illustrative: s.illustrative,
                }
            })
            .collect()
    }

    fn people_rows(&self) -> Vec<Row> {
        let mut v: Vec<(&PersonId, &Person)> = self.people.iter().collect();
        // Sorted by full name; Vietnamese order puts family names together.
        v.sort_by_cached_key(|(id, p)| (text::sort_key(&p.name), **id));
        v.into_iter()
            .map(|(id, p)| {
                let org = p
                    .school
                    .map(|s| self.school_short(s))
                    .unwrap_or_else(|| p.organisation.clone());
                Row {
                    id: id.0,
                    cells: vec![p.name.clone(), org.clone()],
                    search: [p.name.as_str(), org.as_str()].map(text::fold).join(" | "),
                    illustrative: false,
                }
            })
            .collect()
    }
}

/// The filter's search text of a record: its names folded, one after another.
fn folded(names: &[std::borrow::Cow<'_, str>]) -> String {
    names
        .iter()
        .map(|n| text::fold(n))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The alternative order of a pane: schools by province, the rest reversed.
pub fn sort_alt(pane: Pane, rows: &mut [Row]) {
    match pane {
        // Merged schools grouped under their successor.
        Pane::Schools => rows.sort_by_cached_key(|r| {
            let cell = r.cells.first().map_or("", String::as_str);
            let group = cell.split(" → ").nth(1).unwrap_or(cell);
            text::sort_key(group)
        }),
        _ => rows.reverse(),
    }
}
