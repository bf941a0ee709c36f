//! The criteria table and the member list from the grid: `t` opens the
//! selected sheet's table in its form, `T` a new table for the year
//! after, `m` the correction of the sheet's member schools.

use crate::app::App;
use crate::app::form::{Form, Target};
use crate::app::overlays::Overlay;
use crate::domain::access::{Intent, Owner};
use crate::i18n::Msg;

impl App {
    /// Opens the selected sheet's criteria table in the table form.
    pub(super) fn open_criteria(&mut self) {
        let Some((_, sheet, _)) = self.current_sheet() else {
            return self.info(self.t(Msg::NoSheetSelected).to_string());
        };
        let (table, owner) = (sheet.table, Owner::Cluster(sheet.cluster));
        if !self.data.tables.contains_key(&table) {
            return self.error(self.t(Msg::ErrNoTableOfSheet).to_string());
        }
        if !self.allowed(Intent::Change(owner)) {
            return;
        }
        let form = Form::open(Target::Table(Some(table), false), &self.data);
        self.open(Overlay::Form(Box::new(form)));
    }

    /// Opens an empty table form for the selected sheet's cluster and the
    /// year after it (any cluster and year may be typed instead).
    pub(super) fn open_new_criteria(&mut self) {
        let mut form = Form::open(Target::Table(None, false), &self.data);
        if let Some((_, sheet, _)) = self.current_sheet() {
            let (cluster, year) = (sheet.cluster, sheet.year.saturating_add(1));
            if !self.allowed(Intent::Change(Owner::Cluster(cluster))) {
                return;
            }
            form.preset("cluster", cluster.0);
            if let Some(f) = form.fields.iter_mut().find(|f| f.key == "year") {
                f.input.set(&year.to_string());
            }
        }
        self.open(Overlay::Form(Box::new(form)));
    }

    /// Opens the correction of the selected sheet's members; a locked
    /// sheet's are final, said at once (the store refuses it anyway).
    pub(super) fn open_members(&mut self) {
        if !self.may_run_sheet() {
            return;
        }
        let Some((id, sheet, _)) = self.current_sheet() else {
            return;
        };
        if sheet.lock.is_some() {
            return self.error(self.t(Msg::ErrMembersLocked).to_string());
        }
        let form = Form::open(Target::Members(id), &self.data);
        self.open(Overlay::Form(Box::new(form)));
    }
}
