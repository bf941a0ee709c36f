//! Score sheets: each member's self-score and the cluster's agreed score on
//! every item of the year's table.

use super::scoring::Which;
use super::{ClusterId, Points, SchoolId, TableId, Timestamp};
use serde::{Deserialize, Serialize};

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreCell {
    /// The school scored.
    pub school: SchoolId,
    /// The item's code in the criteria table.
    pub item: String,
    /// The school's own score (tự chấm).
    pub self_score: Option<Points>,
    /// The cluster's agreed score (cụm chấm).
    pub cluster_score: Option<Points>,
}

/// A change made after the sheet was locked, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    /// When.
    pub at: Timestamp,
    /// Who.
    pub by: String,
    /// Why.
    pub reason: String,
}

/// Who locked the sheet and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLock {
    /// When.
    pub at: Timestamp,
    /// Who.
    pub by: String,
}

/// A cluster's score sheet for one year. At most one per cluster and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheet {
    /// The cluster.
    pub cluster: ClusterId,
    /// The year scored.
    pub year: u16,
    /// The criteria table used.
    pub table: TableId,
    /// The schools scored, in column order.
    pub schools: Vec<SchoolId>,
    /// The filled cells; a missing cell is an empty one.
    pub cells: Vec<ScoreCell>,
    /// Set once the sheet is final.
    pub lock: Option<SheetLock>,
    /// Changes made after locking.
    pub amendments: Vec<Amendment>,
    /// Practice data, not history.
    pub illustrative: bool,
}

impl ScoreSheet {
    /// One score of a school on an item, as stored.
    pub fn score(&self, school: SchoolId, item: &str, which: Which) -> Option<Points> {
        let c = self.cell(school, item)?;
        match which {
            Which::SelfScore => c.self_score,
            Which::Cluster => c.cluster_score,
        }
    }

    /// Sets (or, with `None`, clears) one score of a school on an item,
    /// leaving every other score as it is.
    pub fn set_score(&mut self, school: SchoolId, item: &str, which: Which, value: Option<Points>) {
        let cell = match self
            .cells
            .iter_mut()
            .position(|c| c.school == school && c.item == item)
        {
            Some(i) => self.cells.get_mut(i),
            None => {
                self.cells.push(ScoreCell {
                    school,
                    item: item.to_string(),
                    self_score: None,
                    cluster_score: None,
                });
                self.cells.last_mut()
            }
        };
        if let Some(c) = cell {
            match which {
                Which::SelfScore => c.self_score = value,
                Which::Cluster => c.cluster_score = value,
            }
        }
    }

    /// The cell of a school and item, if filled.
    pub fn cell(&self, school: SchoolId, item: &str) -> Option<&ScoreCell> {
        self.cells
            .iter()
            .find(|c| c.school == school && c.item == item)
    }
}
