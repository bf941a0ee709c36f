//! What can be wrong with a score form, each with the cell it is in.

use crate::domain::scoring::ScoreError;
use crate::domain::{ClusterId, SchoolId};
use std::path::PathBuf;

/// One thing wrong with a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be opened or is not a workbook.
    Unreadable(String),
    /// The file, or what it unpacks to, is larger than a form can be.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The most a form may be.
        limit: u64,
    },
    /// No identity sheet: not a form thidua made.
    NotAForm,
    /// An identity field is missing or cannot be read (its key).
    IdentityField(&'static str),
    /// Another layout version than this build reads.
    FormVersion(String),
    /// The identity names a cluster the database does not have.
    NoCluster(u64),
    /// The cluster has no sheet for the year.
    NoSheet {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// The cluster-year's sheet is not the one the form was made for.
    OtherSheet {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// The form belongs to another sheet than the one being filled.
    NotSelected {
        /// The form's cluster.
        cluster: ClusterId,
        /// The form's year.
        year: u16,
    },
    /// The sheet is locked.
    Locked {
        /// The cluster.
        cluster: ClusterId,
        /// The year.
        year: u16,
    },
    /// The identity names a school the database does not have.
    NoSchool(u64),
    /// The school is not a member of the sheet.
    NotMember {
        /// The school.
        school: SchoolId,
        /// The sheet's cluster.
        cluster: ClusterId,
        /// The sheet's year.
        year: u16,
    },
    /// The criteria table changed since the form was made.
    TableChanged,
    /// A second form for the same school in one import.
    Twice {
        /// The school.
        school: SchoolId,
        /// The file that came first.
        first: String,
    },
    /// A value that is not a number (as found).
    NotNumber(String),
    /// A number with more than two decimals (as found).
    Precision(String),
    /// A value the table refuses: unknown code, out of range, off step.
    Score(ScoreError),
    /// A code listed twice (the cell of the first).
    DuplicateCode {
        /// The code.
        code: String,
        /// Where it appeared first.
        first: String,
    },
    /// A value in a row without a code.
    ValueNoCode,
    /// A folder with no forms in it.
    NoFiles,
}

/// A problem and the cell it is in (`F14`, `thidua!B3`), if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    /// The cell's address.
    pub cell: Option<String>,
    /// What is wrong.
    pub what: Problem,
}

impl FormProblem {
    /// A problem in a cell.
    pub fn at(cell: String, what: Problem) -> FormProblem {
        FormProblem {
            cell: Some(cell),
            what,
        }
    }

    /// A problem of the whole file.
    pub fn file(what: Problem) -> FormProblem {
        FormProblem { cell: None, what }
    }
}

/// Every problem of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblems {
    /// The file.
    pub file: PathBuf,
    /// Its problems, in the order found (identity first, then rows).
    pub problems: Vec<FormProblem>,
}
