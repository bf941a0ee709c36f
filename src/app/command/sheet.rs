//! Creating a score sheet for a cluster-year, with its criteria table.

use super::undo::{Revert, UndoStep};
use crate::app::App;
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::{Kind, StoreError};

impl App {
    /// Creates a sheet for a cluster and year, with the year's members and
    /// the year's criteria table (copied from the latest earlier one when
    /// the year has none).
    pub(super) fn create_sheet(
        &self,
        by: crate::store::Author<'_>,
        cluster: ClusterId,
        year: u16,
    ) -> Result<(UndoStep, u64, Kind), String> {
        let schools = crate::app::form::ballot_members(&self.data, cluster, year);
        if schools.is_empty() {
            return Err(self.t(Msg::NoMembers).to_string());
        }
        let e = |e: StoreError| self.explain(&e);
        let table = match self.store.table_for(Some(cluster), year).map_err(e)? {
            Some((id, _)) => id,
            None => {
                let mut copy = self
                    .data
                    .tables
                    .values()
                    .filter(|t| {
                        (t.cluster == Some(cluster) || t.cluster.is_none()) && t.year < year
                    })
                    .max_by_key(|t| (t.year, t.cluster.is_some()))
                    .cloned()
                    .ok_or_else(|| self.t(Msg::NoTable).to_string())?;
                copy.year = year;
                copy.cluster = Some(cluster);
                copy.title = format!("{} ({year})", copy.title);
                self.store.insert(by, copy).map_err(e)?
            }
        };
        let illustrative = self
            .data
            .clusters
            .get(&cluster)
            .is_some_and(|c| c.illustrative);
        let sheet = ScoreSheet {
            cluster,
            year,
            table,
            schools,
            cells: Vec::new(),
            lock: None,
            amendments: Vec::new(),
            illustrative,
        };
        let id = self.store.insert(by, sheet).map_err(e)?;
        let label = format!(
            "{} {} {year}",
            self.t(Msg::SheetCreated),
            self.data.cluster_label(cluster)
        );
        let revert = Revert::Remove(Kind::Sheet, id.0);
        Ok((UndoStep { label, revert }, id.0, Kind::Sheet))
    }
}
