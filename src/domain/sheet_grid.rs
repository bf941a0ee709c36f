//! A score sheet laid out as its grid: the table's items down, the sheet's
//! schools across, every score in one dense array, with each school's
//! totals and rank worked out once. Built once per sheet and snapshot, so
//! moving the cursor costs no search through the cells and no ranking.

use super::scoring::{self, Which};
use super::{CriteriaTable, ItemKind, Points, SchoolId, ScoreSheet};
use std::collections::HashMap;

/// One row of the grid: an item of the criteria table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// Criterion, bonus or penalty.
    pub kind: ItemKind,
    /// The item's code, which cells refer to.
    pub code: String,
    /// What is scored.
    pub name: String,
}

/// A school's standing under the cluster's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Its total.
    pub total: Points,
    /// Its rank from 1; tied schools share one.
    pub rank: usize,
    /// Whether it is still tied with another after every tie-break.
    pub tied: bool,
}

/// The two scores of one cell: the school's own and the cluster's.
pub type CellScores = (Option<Points>, Option<Points>);

/// A sheet as a grid, with its totals and ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetGrid {
    /// The rows, in the table's order: criteria, bonus, penalties.
    pub rows: Vec<GridRow>,
    /// The columns: the sheet's schools in its order.
    pub schools: Vec<SchoolId>,
    /// Row-major scores, `rows.len() × schools.len()`.
    cells: Vec<CellScores>,
    /// Each column's total of the school's own scores.
    self_totals: Vec<Points>,
    /// Each column's standing under the cluster's score (`scoring::rank`).
    standings: Vec<Option<Standing>>,
}

impl SheetGrid {
    /// Lays out a sheet over its table; totals and ranks are the ones
    /// [`scoring::totals_of`] and [`scoring::rank`] give.
    pub fn new(sheet: &ScoreSheet, table: &CriteriaTable) -> SheetGrid {
        // First cell of a school and item wins, as `ScoreSheet::cell` reads it.
        let mut by_key: HashMap<(SchoolId, &str), CellScores> = HashMap::new();
        for c in &sheet.cells {
            by_key
                .entry((c.school, c.item.as_str()))
                .or_insert((c.self_score, c.cluster_score));
        }
        let rows: Vec<GridRow> = table
            .items()
            .map(|(kind, c)| GridRow {
                kind,
                code: c.code.clone(),
                name: c.name.clone(),
            })
            .collect();
        let cells = rows
            .iter()
            .flat_map(|r| {
                sheet.schools.iter().map(|s| {
                    by_key
                        .get(&(*s, r.code.as_str()))
                        .copied()
                        .unwrap_or((None, None))
                })
            })
            .collect();
        let ranking: HashMap<SchoolId, Standing> = scoring::rank(sheet, table)
            .into_iter()
            .map(|r| {
                let standing = Standing {
                    total: r.totals.total,
                    rank: r.rank,
                    tied: r.tied,
                };
                (r.totals.school, standing)
            })
            .collect();
        SheetGrid {
            self_totals: sheet
                .schools
                .iter()
                .map(|s| scoring::totals_of(sheet, table, *s, Which::SelfScore).total)
                .collect(),
            standings: sheet
                .schools
                .iter()
                .map(|s| ranking.get(s).copied())
                .collect(),
            rows,
            schools: sheet.schools.clone(),
            cells,
        }
    }

    /// Both scores of the cell at a row and column; empty outside the grid.
    pub fn cell(&self, row: usize, col: usize) -> CellScores {
        if col >= self.schools.len() {
            return (None, None);
        }
        row.checked_mul(self.schools.len())
            .and_then(|i| i.checked_add(col))
            .and_then(|i| self.cells.get(i))
            .copied()
            .unwrap_or((None, None))
    }

    /// One score of the cell at a row and column.
    pub fn score(&self, row: usize, col: usize, which: Which) -> Option<Points> {
        let (own, cluster) = self.cell(row, col);
        match which {
            Which::SelfScore => own,
            Which::Cluster => cluster,
        }
    }

    /// The total of a column's own scores.
    pub fn self_total(&self, col: usize) -> Option<Points> {
        self.self_totals.get(col).copied()
    }

    /// A column's standing under the cluster's score.
    pub fn standing(&self, col: usize) -> Option<Standing> {
        self.standings.get(col).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CriteriaGroup, Criterion, ScoreCell, TableId, TieBreak, VoteRule};

    fn table(n: usize) -> CriteriaTable {
        CriteriaTable {
            year: 2025,
            cluster: None,
            title: "t".into(),
            groups: vec![CriteriaGroup {
                code: "I".into(),
                name: "I".into(),
                criteria: (0..n)
                    .map(|i| Criterion {
                        code: format!("I.{i}"),
                        name: format!("c{i}"),
                        max: Points::whole(10),
                        step: Points(0),
                    })
                    .collect(),
            }],
            bonus: Vec::new(),
            bonus_cap: Points(0),
            penalties: Vec::new(),
            tie_break: vec![TieBreak::SelfTotal],
            vote_rule: VoteRule::default(),
            award_quotas: Vec::new(),
            legal_basis: String::new(),
            self_scores_optional: false,
            illustrative: false,
            sources: Vec::new(),
        }
    }

    #[test]
    fn the_grid_reads_every_cell_and_ranks_as_scoring_does() {
        let t = table(5);
        let schools = vec![SchoolId(3), SchoolId(1), SchoolId(2)];
        let mut cells = Vec::new();
        for (si, s) in schools.iter().enumerate() {
            for i in 0..5i64 {
                if (i + si as i64) % 4 == 0 {
                    continue; // some cells empty
                }
                cells.push(ScoreCell {
                    school: *s,
                    item: format!("I.{i}"),
                    self_score: Some(Points(100 * (i + 1))),
                    cluster_score: Some(Points(50 * (i + si as i64))),
                });
            }
        }
        // A second cell for the same school and item is not read.
        cells.push(ScoreCell {
            school: SchoolId(3),
            item: "I.1".into(),
            self_score: Some(Points(1)),
            cluster_score: Some(Points(1)),
        });
        let sheet = ScoreSheet {
            cluster: crate::domain::ClusterId(1),
            year: 2025,
            table: TableId(1),
            schools: schools.clone(),
            cells,
            lock: None,
            amendments: Vec::new(),
            illustrative: false,
        };
        let g = SheetGrid::new(&sheet, &t);
        for (r, (_, item)) in t.items().enumerate() {
            for (c, s) in schools.iter().enumerate() {
                for which in [Which::SelfScore, Which::Cluster] {
                    assert_eq!(g.score(r, c, which), sheet.score(*s, &item.code, which));
                }
            }
        }
        let ranking = scoring::rank(&sheet, &t);
        for (c, s) in schools.iter().enumerate() {
            let r = ranking
                .iter()
                .find(|r| r.totals.school == *s)
                .expect("ranked");
            let st = g.standing(c).expect("standing");
            assert_eq!(
                (st.total, st.rank, st.tied),
                (r.totals.total, r.rank, r.tied)
            );
            assert_eq!(
                g.self_total(c),
                Some(scoring::totals_of(&sheet, &t, *s, Which::SelfScore).total)
            );
        }
        assert_eq!(g.cell(99, 0), (None, None));
        assert_eq!(g.cell(0, 99), (None, None));
    }
}
