//! Clusters and schools named the way people say them ("Cụm 4", "to
//! hieu"), resolved against the database's records; a name that matches
//! none or several is refused with the candidates.

use super::Problem;
use crate::domain::{Cluster, ClusterId, School, SchoolId};
use crate::text::fold;
/// The clusters and schools with their names folded once, so resolving a
/// user's cluster or school does not fold every name again: a file of
/// thousands of delegates stays quick to load.
#[derive(Default)]
pub(super) struct Directory {
    pub(super) clusters: Vec<ClusterNames>,
    pub(super) schools: Vec<SchoolNames>,
}

pub(super) struct ClusterNames {
    id: ClusterId,
    number: Option<u16>,
    /// The name, as messages list it when several match.
    name: String,
    /// The label, as messages list it when none matches.
    label: String,
    /// The name, the aliases and the label, folded.
    folded: Vec<String>,
}

pub(super) struct SchoolNames {
    id: SchoolId,
    /// The official name, as messages list it.
    name: String,
    /// The official name, folded.
    official: String,
    /// Honorifics, former names and the province, folded.
    others: Vec<String>,
}

impl Directory {
    pub(super) fn new(
        clusters: &[(ClusterId, Cluster)],
        schools: &[(SchoolId, School)],
    ) -> Directory {
        Directory {
            clusters: clusters
                .iter()
                .map(|(id, c)| ClusterNames {
                    id: *id,
                    number: c.number,
                    name: c.name.clone(),
                    label: c.label(),
                    folded: std::iter::once(c.name.as_str())
                        .chain(c.aliases.iter().map(String::as_str))
                        .map(fold)
                        .chain(std::iter::once(fold(&c.label())))
                        .collect(),
                })
                .collect(),
            schools: schools
                .iter()
                .map(|(id, s)| SchoolNames {
                    id: *id,
                    name: s.name.clone(),
                    official: fold(&s.name),
                    others: s
                        .honorifics
                        .iter()
                        .chain(s.former_names.iter().map(|f| &f.name))
                        .chain(std::iter::once(&s.province))
                        .map(|n| fold(n))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The cluster number a folded query names, if it names one: `4`, `cum 4`,
/// `cum so 4`, `cum thi dua so 4`.
fn cluster_number(folded: &str) -> Option<u16> {
    let rest = ["cum thi dua so ", "cum thi dua ", "cum so ", "cum "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(folded);
    if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.parse().ok()
    } else {
        None
    }
}

pub(super) fn resolve_cluster(
    value: &toml::Value,
    clusters: &[ClusterNames],
) -> Result<ClusterId, Problem> {
    /// What the value asks for. A number out of range matches no cluster,
    /// rather than being taken for a name.
    enum Wanted {
        Number(Option<u16>),
        Name(String),
    }
    let (query, wanted) = match value {
        toml::Value::Integer(n) => (n.to_string(), Wanted::Number(u16::try_from(*n).ok())),
        toml::Value::String(s) => {
            let folded = fold(s);
            let wanted = match cluster_number(&folded) {
                Some(n) => Wanted::Number(Some(n)),
                None => Wanted::Name(folded),
            };
            (s.clone(), wanted)
        }
        other => return Err(Problem::BadClusterValue(other.type_str().to_string())),
    };
    let not_found = || Problem::ClusterNotFound {
        query: query.clone(),
        known: clusters.iter().map(|c| c.label.clone()).collect(),
    };
    let pick = |matches: &dyn Fn(&ClusterNames) -> bool| -> Vec<&ClusterNames> {
        clusters.iter().filter(|c| matches(c)).collect()
    };
    let found = match wanted {
        Wanted::Number(n) => pick(&|c| n.is_some() && c.number == n),
        Wanted::Name(folded) if folded.is_empty() => return Err(not_found()),
        Wanted::Name(folded) => {
            // A whole name first; a part of one only if no name matches whole.
            match pick(&|c| c.folded.contains(&folded)) {
                exact if !exact.is_empty() => exact,
                _ => pick(&|c| c.folded.iter().any(|n| contains_words(n, &folded))),
            }
        }
    };
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(not_found()),
        many => Err(Problem::ClusterAmbiguous {
            query: query.clone(),
            // Two clusters could share a number; their names differ.
            candidates: many.iter().map(|c| c.name.clone()).collect(),
        }),
    }
}

pub(super) fn resolve_school(query: &str, schools: &[SchoolNames]) -> Result<SchoolId, Problem> {
    let folded = fold(query);
    if folded.is_empty() {
        return Err(Problem::SchoolNotFound(query.to_string()));
    }
    // Tiers, most specific first, so there is always a way to name any
    // school exactly: its official name wins over another school's honorific,
    // former name or province that happens to read the same.
    let tiers: [&dyn Fn(&SchoolNames) -> bool; 3] = [
        &|s| s.official == folded,
        &|s| s.others.contains(&folded),
        &|s| {
            std::iter::once(&s.official)
                .chain(&s.others)
                .any(|n| contains_words(n, &folded))
        },
    ];
    for tier in tiers {
        let found: Vec<&SchoolNames> = schools.iter().filter(|s| tier(s)).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one.id),
            many => {
                return Err(Problem::SchoolAmbiguous {
                    query: query.to_string(),
                    candidates: many.iter().map(|s| s.name.clone()).collect(),
                });
            }
        }
    }
    Err(Problem::SchoolNotFound(query.to_string()))
}

/// Whether the folded `needle` occurs in the folded `hay` as whole words:
/// "ha nam" finds "truong chinh tri tinh ha nam", but "am" finds nothing
/// there, so a short fragment cannot match by accident inside a word.
fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {hay} ").contains(&format!(" {needle} "))
}
