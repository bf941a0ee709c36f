//! How schools are named in reports, with where they stand now.

use crate::domain::history::current_successor;
use crate::domain::{Cluster, School, SchoolId, SchoolStatus};
use crate::i18n::{Lang, Msg, tr};
use serde::Serialize;
use std::collections::HashMap;

/// A school as a report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolRef {
    /// Record id.
    pub id: u64,
    /// Official name.
    pub name: String,
    /// The short name used in tables.
    pub short_name: String,
    /// Where it stands now, when it is no longer independent.
    pub now: Option<String>,
    /// Practice data.
    pub illustrative: bool,
}

/// What became of a school, in one phrase, or `None` if it is active.
pub fn fate(id: SchoolId, schools: &HashMap<SchoolId, School>, lang: Lang) -> Option<String> {
    let school = schools.get(&id)?;
    match school.status() {
        SchoolStatus::Active => None,
        SchoolStatus::Dissolved(date) => Some(match date {
            Some(d) => format!("{} {} {d}", tr(lang, Msg::Dissolved), tr(lang, Msg::Since)),
            None => tr(lang, Msg::Dissolved).to_string(),
        }),
        SchoolStatus::MergedInto(..) => {
            let (to, date) = current_successor(id, schools)?;
            let to_name = schools
                .get(&to)
                .map_or_else(|| format!("#{}", to.0), |s| s.name.clone());
            Some(match date {
                Some(d) => format!(
                    "{} {to_name} {} {d}",
                    tr(lang, Msg::MergedInto),
                    tr(lang, Msg::Since)
                ),
                None => format!("{} {to_name}", tr(lang, Msg::MergedInto)),
            })
        }
    }
}

/// A school reference for reports.
pub fn school_ref(id: SchoolId, schools: &HashMap<SchoolId, School>, lang: Lang) -> SchoolRef {
    match schools.get(&id) {
        Some(s) => SchoolRef {
            id: id.0,
            name: s.name.clone(),
            short_name: s.short_name(),
            now: fate(id, schools, lang),
            illustrative: s.illustrative,
        },
        None => SchoolRef {
            id: id.0,
            name: format!("#{}", id.0),
            short_name: format!("#{}", id.0),
            now: None,
            illustrative: false,
        },
    }
}

/// A cluster's short label in a language: `Cụm 4` / `Cluster 4`, else its name.
pub fn cluster_label(c: &Cluster, lang: Lang) -> String {
    match c.number {
        Some(n) => format!("{} {n}", tr(lang, Msg::KindCluster)),
        None => c.name.clone(),
    }
}
