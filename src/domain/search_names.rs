//! The names each kind of record is found by. The store's name index, the
//! palette, the pickers and the list filters read them here, so a record is
//! found by the same names everywhere.

use super::{Cluster, Meeting, Person, School};
use std::borrow::Cow;

/// A school: its name, honorifics, former names and province.
pub fn school(s: &School) -> Vec<Cow<'_, str>> {
    s.all_names()
        .chain(std::iter::once(s.province.as_str()))
        .map(Cow::Borrowed)
        .collect()
}

/// A cluster's names as the store indexes them: its name, aliases, and
/// `cụm N` / `cụm thi đua số N` when numbered. The store's index is part of
/// the database's layout, so what it holds changes only with a migration.
pub fn cluster_indexed(c: &Cluster) -> Vec<Cow<'_, str>> {
    let mut names: Vec<Cow<'_, str>> = std::iter::once(c.name.as_str())
        .chain(c.aliases.iter().map(String::as_str))
        .map(Cow::Borrowed)
        .collect();
    if let Some(n) = c.number {
        names.push(Cow::Owned(format!("cụm {n}")));
        names.push(Cow::Owned(format!("cụm thi đua số {n}")));
    }
    names
}

/// Every name a cluster is found by on screen: the indexed ones, its label
/// and its region (people name a cluster by its region: "cụm miền núi").
pub fn cluster(c: &Cluster) -> Vec<Cow<'_, str>> {
    let mut names = cluster_indexed(c);
    names.push(Cow::Owned(c.label()));
    names.push(Cow::Borrowed(c.region.as_str()));
    names
}

/// A meeting: its title, topic, place and decisions (a year's theme or an
/// election is often written only in a decision).
pub fn meeting(m: &Meeting) -> Vec<Cow<'_, str>> {
    [m.title.as_str(), m.topic.as_str(), m.place.as_str()]
        .into_iter()
        .chain(m.decisions.iter().map(String::as_str))
        .map(Cow::Borrowed)
        .collect()
}

/// A person: their name.
pub fn person(p: &Person) -> Vec<Cow<'_, str>> {
    vec![Cow::Borrowed(p.name.as_str())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_is_found_by_its_region_on_screen_but_not_in_the_index() {
        let c = Cluster::new(Some(4), "Cụm thi đua số 4", "Đồng bằng sông Hồng");
        let shown: Vec<String> = cluster(&c).into_iter().map(Cow::into_owned).collect();
        let indexed: Vec<String> = cluster_indexed(&c)
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        assert!(shown.iter().any(|n| n == "Đồng bằng sông Hồng"));
        assert!(!indexed.iter().any(|n| n == "Đồng bằng sông Hồng"));
        assert!(indexed.iter().any(|n| n == "cụm 4"));
    }
}
