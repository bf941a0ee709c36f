//! A form's identity: which cluster, year, sheet, school and criteria table
//! it was made for. Written to a very hidden, protected worksheet, so a
//! filled form is read into the sheet it was made for and no other.

use super::layout::{FORMAT, VERSION, keys};
use crate::domain::{ClusterId, SchoolId, SheetId, TableId};

/// Who and what a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The cluster.
    pub cluster: ClusterId,
    /// The cluster's label, for a person reading the hidden sheet.
    pub cluster_name: String,
    /// The year scored.
    pub year: u16,
    /// The score sheet.
    pub sheet: SheetId,
    /// The school the form is for.
    pub school: SchoolId,
    /// The school's name, for a person reading the hidden sheet.
    pub school_name: String,
    /// The criteria table the sheet counts by.
    pub table: TableId,
    /// The table's fingerprint when the form was made.
    pub fingerprint: String,
}

impl Identity {
    /// The (key, value) rows of the hidden sheet, in order.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            (keys::FORMAT, FORMAT.to_string()),
            (keys::VERSION, VERSION.to_string()),
            (keys::CLUSTER, self.cluster.0.to_string()),
            (keys::CLUSTER_NAME, self.cluster_name.clone()),
            (keys::YEAR, self.year.to_string()),
            (keys::SHEET, self.sheet.0.to_string()),
            (keys::SCHOOL, self.school.0.to_string()),
            (keys::SCHOOL_NAME, self.school_name.clone()),
            (keys::TABLE, self.table.0.to_string()),
            (keys::FINGERPRINT, self.fingerprint.clone()),
        ]
    }
}
