//! Where a fact came from. Every historical record carries its sources, so a
//! disputed fact can be traced to the article or decision that states it.

use serde::{Deserialize, Serialize};

/// A reference to a source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// A short handle, e.g. `"000"` for the first seed article, or a decision number.
    pub doc: String,
    /// What the source says or where, in one line; may be empty.
    pub note: String,
}

impl Source {
    /// A source with a handle and a note.
    pub fn new(doc: &str, note: &str) -> Source {
        Source {
            doc: doc.to_string(),
            note: note.to_string(),
        }
    }
}

/// A past name of a school or cluster, with the date it stopped being used
/// when that is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerName {
    /// The name as it was written.
    pub name: String,
    /// The last day it was in use, if known.
    pub until: Option<super::Date>,
}

/// A decision of the Academy or another body: number and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// e.g. `550-QĐ/HVCTQG`.
    pub number: String,
    /// Date of signing, if known.
    pub date: Option<super::Date>,
    /// Who issued it, e.g. `Học viện Chính trị quốc gia Hồ Chí Minh`.
    pub issuer: String,
}
