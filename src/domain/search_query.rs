//! Reading a search as a question: years, cluster numbers and the head's or
//! deputies' seat in a folded query (`cum 8 2019`, `cum truong 2021 cum 4`),
//! and the misspellings accepted for a name (`gioong` for `giong`). Pure:
//! the store's lookup and the palette answer from their own records.

use super::{Cluster, ClusterId, Kind, Meeting, MeetingId, MeetingKind, Term};

/// Misspellings a search accepts, folded: (typed, meant). Only the query
/// is read this way; no record stores the misspelling.
pub const ALIASES: [(&str, &str); 1] = [
    // Hoàng Đình Giong (Cao Bằng's school) is often written "Gioong".
    ("gioong", "giong"),
];

/// A seat asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// Cụm trưởng.
    Head,
    /// Cụm phó.
    Deputy,
}

/// What a folded query asks, beyond its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    /// A year named (1945–2100).
    pub year: Option<u16>,
    /// A cluster's number (`cum 4`, `cum thi dua so 4`).
    pub cluster: Option<u16>,
    /// A seat (`cum truong`, `truong cum`, `cum pho`, `pho cum`).
    pub seat: Option<Seat>,
}

impl Asked {
    /// Whether the query asks anything the words alone do not.
    pub fn is_question(&self) -> bool {
        self.cluster.is_some() || (self.seat.is_some() && self.year.is_some())
    }
}

/// The folded query with each misspelled word replaced by what it means.
pub fn normalize(folded: &str) -> String {
    folded
        .split(' ')
        .map(|w| {
            ALIASES
                .iter()
                .find(|(typed, _)| *typed == w)
                .map_or(w, |(_, meant)| meant)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn year_word(w: &str) -> Option<u16> {
    (w.len() == 4)
        .then(|| w.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1945..=2100).contains(y))
}

/// Reads the years, cluster numbers and seats in a folded query.
pub fn parse(folded: &str) -> Asked {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut asked = Asked::default();
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let next = words.get(i + 1).copied();
        match (*w, next) {
            ("cum", Some("truong")) | ("truong", Some("cum")) => {
                asked.seat = Some(Seat::Head);
                i += 2;
                continue;
            }
            ("cum", Some("pho")) | ("pho", Some("cum")) => {
                asked.seat = Some(Seat::Deputy);
                i += 2;
                continue;
            }
            _ => {}
        }
        if *w == "cum" {
            // `cum 4`, `cum thi dua so 4`, `cum so 4`.
            let rest: Vec<&str> = words.iter().skip(i + 1).take(4).copied().collect();
            let skip = match rest.as_slice() {
                ["thi", "dua", "so", ..] => 3,
                ["so", ..] => 1,
                _ => 0,
            };
            if let Some(n) = rest
                .get(skip)
                .filter(|n| n.len() <= 2)
                .and_then(|n| n.parse::<u16>().ok())
            {
                asked.cluster = Some(n);
                i += skip + 2;
                continue;
            }
        }
        if let Some(y) = year_word(w) {
            asked.year = Some(y);
        }
        i += 1;
    }
    asked
}

/// The records that answer a question, best first: the school in the seat
/// asked (a cluster's head or deputies that year), else the cluster's
/// meetings of the year (the year-end conference first), then the cluster.
/// Empty when the query asks nothing the words alone do not.
pub fn answer<'a>(
    asked: &Asked,
    clusters: impl IntoIterator<Item = (ClusterId, &'a Cluster)>,
    terms: impl IntoIterator<Item = &'a Term>,
    meetings: impl IntoIterator<Item = (MeetingId, &'a Meeting)>,
) -> Vec<(Kind, u64)> {
    if !asked.is_question() {
        return Vec::new();
    }
    let wanted: Vec<ClusterId> = clusters
        .into_iter()
        .filter(|(_, c)| asked.cluster.is_none_or(|n| c.number == Some(n)))
        .map(|(id, _)| id)
        .collect();
    let mut out: Vec<(Kind, u64)> = Vec::new();
    let push = |k: Kind, id: u64, out: &mut Vec<(Kind, u64)>| {
        if !out.contains(&(k, id)) {
            out.push((k, id));
        }
    };
    if let (Some(seat), Some(year)) = (asked.seat, asked.year) {
        let mut terms: Vec<&Term> = terms
            .into_iter()
            .filter(|t| t.year == year && wanted.contains(&t.cluster))
            .collect();
        terms.sort_by_key(|t| t.cluster);
        for t in terms {
            match seat {
                Seat::Head => t
                    .head
                    .iter()
                    .for_each(|s| push(Kind::School, s.0, &mut out)),
                Seat::Deputy => t
                    .deputies
                    .iter()
                    .for_each(|s| push(Kind::School, s.0, &mut out)),
            }
        }
        return out;
    }
    if asked.cluster.is_none() {
        return out;
    }
    if let Some(year) = asked.year {
        let mut found: Vec<(u8, MeetingId)> = meetings
            .into_iter()
            .filter(|(_, m)| m.cluster.is_some_and(|c| wanted.contains(&c)))
            .filter(|(_, m)| m.year.or(m.date.map(|d| d.year)) == Some(year))
            .map(|(id, m)| {
                let order = match m.kind {
                    MeetingKind::YearEndReview | MeetingKind::FiveYearReview => 0,
                    _ => 1,
                };
                (order, id)
            })
            .collect();
        found.sort();
        for (_, id) in found {
            push(Kind::Meeting, id.0, &mut out);
        }
    }
    for c in wanted {
        push(Kind::Cluster, c.0, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_clusters_and_seats_are_read() {
        let a = parse("cum truong 2021 cum 4");
        assert_eq!(a.year, Some(2021));
        assert_eq!(a.cluster, Some(4));
        assert_eq!(a.seat, Some(Seat::Head));
        let a = parse("cum thi dua so 8 nam 2019");
        assert_eq!((a.cluster, a.year, a.seat), (Some(8), Some(2019), None));
        // A name is not a question.
        assert!(!parse("ha nam").is_question());
        assert!(!parse("quy dinh 11").is_question());
        assert_eq!(normalize("hoang dinh gioong"), "hoang dinh giong");
    }
}
