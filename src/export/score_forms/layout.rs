//! Where things are on a score form. The writer and the reader
//! (`crate::import::score_forms`) both use these, so they cannot drift.

/// The visible worksheet the school fills in.
pub const FORM_SHEET: &str = "Phieu tu cham";
/// The hidden worksheet holding the form's identity.
pub const ID_SHEET: &str = "thidua";
/// The identity's first value: what the file is.
pub const FORMAT: &str = "thidua-score-form";
/// The layout's version: a reader refuses another one rather than guess.
pub const VERSION: u32 = 1;

/// The row of the column headings (0-based).
pub const HEADER_ROW: u32 = 6;
/// The first item's row (0-based); items follow one per row.
pub const FIRST_ROW: u32 = 7;
/// The item's code.
pub const COL_CODE: u16 = 0;
/// The item's group.
pub const COL_GROUP: u16 = 1;
/// The item's name.
pub const COL_NAME: u16 = 2;
/// The item's maximum.
pub const COL_MAX: u16 = 3;
/// The item's step.
pub const COL_STEP: u16 = 4;
/// The one column the school fills in.
pub const COL_FILL: u16 = 5;

/// The identity's keys, in the hidden sheet's column A; values in B.
pub mod keys {
    /// [`super::FORMAT`].
    pub const FORMAT: &str = "format";
    /// [`super::VERSION`].
    pub const VERSION: &str = "version";
    /// The cluster's id.
    pub const CLUSTER: &str = "cluster";
    /// The cluster's label, for a person reading the sheet.
    pub const CLUSTER_NAME: &str = "cluster_name";
    /// The year scored.
    pub const YEAR: &str = "year";
    /// The score sheet's id.
    pub const SHEET: &str = "sheet";
    /// The school's id.
    pub const SCHOOL: &str = "school";
    /// The school's name, for a person reading the sheet.
    pub const SCHOOL_NAME: &str = "school_name";
    /// The criteria table's id.
    pub const TABLE: &str = "table";
    /// The criteria table's fingerprint
    /// ([`crate::domain::score_form::table_fingerprint`]).
    pub const FINGERPRINT: &str = "table_fingerprint";
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell's address as a spreadsheet shows it: (7, 5) → `F8`.
pub fn address(row: u32, col: u16) -> String {
    format!("{}{}", column(col), u64::from(row) + 1)
}

/// A cell of the hidden identity sheet: `thidua!B3`.
pub fn id_address(row: u32, col: u16) -> String {
    format!("{ID_SHEET}!{}", address(row, col))
}
