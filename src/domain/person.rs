//! People named in the records. A person's title changes over time, so the
//! title is kept where they appear (a meeting), not here.

use super::{SchoolId, Source};
use serde::{Deserialize, Serialize};

/// A person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Full name, e.g. `Nguyễn Văn Viên`.
    pub name: String,
    /// The school they belong to, if any.
    pub school: Option<SchoolId>,
    /// Their organisation when it is not a school, e.g. `Vụ Các trường chính trị`.
    pub organisation: String,
    /// Free notes.
    pub notes: String,
    /// Where they are named.
    pub sources: Vec<Source>,
}

impl Person {
    /// A person with just a name.
    pub fn new(name: &str) -> Person {
        Person {
            name: name.to_string(),
            school: None,
            organisation: String::new(),
            notes: String::new(),
            sources: Vec::new(),
        }
    }
}
