//! Emulation clusters and their membership, which changes from year to year.

use super::{HeadingStyle, SchoolId, Source};
use serde::{Deserialize, Serialize};

/// An emulation cluster (cụm thi đua).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// The Academy's number, e.g. 4 for Cụm 4; unknown for some clusters.
    pub number: Option<u16>,
    /// The current name.
    pub name: String,
    /// Other names the cluster has been called by.
    pub aliases: Vec<String>,
    /// The region, e.g. `Đồng bằng sông Hồng`.
    pub region: String,
    /// Membership, one entry per year for which anything is known.
    pub memberships: Vec<Membership>,
    /// Free notes.
    pub notes: String,
    /// Practice data, not history.
    pub illustrative: bool,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// The heading its documents carry (schema 3; last, so the migration
    /// appends it).
    pub heading: HeadingStyle,
}

/// Who belonged to a cluster in one year. Sources often give a count without
/// a list, or name only some members: both are kept as they are, not guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The emulation year.
    pub year: u16,
    /// Members known by name.
    pub schools: Vec<SchoolId>,
    /// The number of members the source states, if it does.
    pub stated_count: Option<u16>,
    /// Whether `schools` is the complete list.
    pub complete: bool,
    /// Where the membership is stated.
    pub sources: Vec<Source>,
}

impl Cluster {
    /// A new cluster with a number, name and region.
    pub fn new(number: Option<u16>, name: &str, region: &str) -> Cluster {
        Cluster {
            number,
            name: name.to_string(),
            aliases: Vec::new(),
            region: region.to_string(),
            memberships: Vec::new(),
            notes: String::new(),
            illustrative: false,
            sources: Vec::new(),
            heading: HeadingStyle::Party,
        }
    }

    /// The short label used in tables: `Cụm 4` when numbered; else the name
    /// when it is short, or `Cụm` and the region (`Cụm miền núi biên giới
    /// phía Bắc`) when the official name is too long to show.
    pub fn label(&self) -> String {
        match self.number {
            Some(n) => format!("Cụm {n}"),
            None if self.name.chars().count() <= 32 || self.region.is_empty() => self.name.clone(),
            None => {
                let mut region = self.region.chars();
                let first: String = region
                    .next()
                    .map(|c| c.to_lowercase().collect())
                    .unwrap_or_default();
                format!("Cụm {first}{}", region.as_str())
            }
        }
    }

    /// The membership entry of one year.
    pub fn members_in(&self, year: u16) -> Option<&Membership> {
        self.memberships.iter().find(|m| m.year == year)
    }
}
