//! Ranking of lookup matches over folded text (see `text::fold`): the query
//! `ha nam` must find `Trường Chính trị tỉnh Hà Nam`, best matches first.

/// How well a folded name matches a folded query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchQuality {
    /// The whole name equals the query.
    Exact,
    /// The query's words end the name, as in `ha nam` for `truong chinh tri tinh ha nam`.
    Suffix,
    /// The name starts with the query.
    Prefix,
    /// Every query word starts a word of the name, in order.
    WordPrefixes,
    /// Every query word starts a word of the name, in any order.
    WordsAnyOrder,
    /// The query occurs inside the name.
    Substring,
}

/// Scores one folded name against a folded query; `None` if it does not match.
/// Both sides must already be folded, so this is pure string work.
pub fn match_quality(query: &str, name: &str) -> Option<MatchQuality> {
    if query.is_empty() {
        return None;
    }
    if name == query {
        return Some(MatchQuality::Exact);
    }
    if name
        .strip_suffix(query)
        .is_some_and(|rest| rest.ends_with(' '))
    {
        return Some(MatchQuality::Suffix);
    }
    if name.starts_with(query) {
        return Some(MatchQuality::Prefix);
    }
    let words: Vec<&str> = name.split(' ').collect();
    let q: Vec<&str> = query.split(' ').collect();
    let mut at = 0;
    let in_order = q.iter().all(
        |qw| match words.iter().skip(at).position(|w| w.starts_with(qw)) {
            Some(p) => {
                at += p + 1;
                true
            }
            None => false,
        },
    );
    if in_order {
        return Some(MatchQuality::WordPrefixes);
    }
    if q.iter().all(|qw| words.iter().any(|w| w.starts_with(qw))) {
        return Some(MatchQuality::WordsAnyOrder);
    }
    name.contains(query).then_some(MatchQuality::Substring)
}

/// How many words of `name` the query's words span when matched in order as
/// word prefixes, at the tightest place; `usize::MAX` when they do not all
/// match in order. Ranks `quy dinh so 11` above `quy dinh so 09 ngay 13 11`
/// for the query `quy dinh 11`.
pub fn match_span(query: &str, name: &str) -> usize {
    let words: Vec<&str> = name.split(' ').collect();
    let q: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(first) = q.first() else {
        return usize::MAX;
    };
    let mut best = usize::MAX;
    for (start, w) in words.iter().enumerate() {
        if !w.starts_with(first) {
            continue;
        }
        let mut at = start + 1;
        let mut ok = true;
        for qw in q.iter().skip(1) {
            match words.iter().skip(at).position(|w| w.starts_with(qw)) {
                Some(p) => at += p + 1,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            best = best.min(at - start);
        }
    }
    best
}
