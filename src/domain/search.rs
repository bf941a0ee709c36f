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
    // Iterators, not collected words: the palette ranks thousands of names
    // per keystroke, and this is the whole of the work.
    let mut after = name.split(' ');
    if query.split(' ').all(|qw| after.any(|w| starts(w, qw))) {
        return Some(MatchQuality::WordPrefixes);
    }
    if query
        .split(' ')
        .all(|qw| name.split(' ').any(|w| starts(w, qw)))
    {
        return Some(MatchQuality::WordsAnyOrder);
    }
    name.contains(query).then_some(MatchQuality::Substring)
}

/// Whether a word starts with a query word. The first bytes are compared
/// before the rest: most words differ there, and a call to compare a few
/// bytes costs more than the comparison.
fn starts(word: &str, q: &str) -> bool {
    match q.as_bytes().first() {
        None => true,
        Some(b) => word.as_bytes().first() == Some(b) && word.starts_with(q),
    }
}

/// How many words of `name` the query's words span when matched in order as
/// word prefixes, at the tightest place; `usize::MAX` when they do not all
/// match in order. Ranks `quy dinh so 11` above `quy dinh so 09 ngay 13 11`
/// for the query `quy dinh 11`.
pub fn match_span(query: &str, name: &str) -> usize {
    let mut q = query.split(' ').filter(|w| !w.is_empty());
    let Some(first) = q.next() else {
        return usize::MAX;
    };
    let mut best = usize::MAX;
    let mut words = name.split(' ');
    while let Some(w) = words.next() {
        if !starts(w, first) {
            continue;
        }
        // The words after this one, each query word taking the first that
        // it starts, in order; the span counts every word passed.
        let mut rest = words.clone();
        let mut span = 1;
        let all = q.clone().all(|qw| {
            rest.by_ref().any(|w| {
                span += 1;
                starts(w, qw)
            })
        });
        if all {
            best = best.min(span);
        }
    }
    best
}

/// Every character of a folded name with how well it matches as a query of
/// that one character: the [`match_quality`] of that occurrence alone and
/// its [`match_span`] (1 when it starts a word, `usize::MAX` when not). The
/// best over a character's occurrences is what the two functions give for
/// the query of that character (never a space), found in one pass over the
/// name instead of one pass per character.
pub fn single_char_matches(name: &str) -> impl Iterator<Item = (char, MatchQuality, usize)> + '_ {
    let bytes = name.as_bytes();
    name.char_indices().map(move |(i, c)| {
        let word_start = i == 0 || bytes.get(i - 1) == Some(&b' ');
        let last = i + c.len_utf8() == name.len();
        let quality = if i == 0 && last {
            MatchQuality::Exact
        } else if i > 0 && last && word_start {
            MatchQuality::Suffix
        } else if i == 0 {
            MatchQuality::Prefix
        } else if word_start {
            MatchQuality::WordPrefixes
        } else {
            MatchQuality::Substring
        };
        (c, quality, if word_start { 1 } else { usize::MAX })
    })
}

/// Whether the query's words stand in the name as whole words, side by
/// side and in order: `ha nam` in `bau truong chinh tri tinh ha nam`, but
/// not in `hai ... nam`. Such a match ranks above any partial one, so a
/// province is not buried under every name that merely holds `nam`.
pub fn whole_phrase(query: &str, name: &str) -> bool {
    // One letter is a start, not a word: it ranks as it always has.
    let query = query.trim();
    if query.chars().nth(1).is_none() {
        return false;
    }
    let bytes = name.as_bytes();
    name.match_indices(query).any(|(at, _)| {
        let end = at + query.len();
        (at == 0 || bytes.get(at - 1) == Some(&b' '))
            && (end == name.len() || bytes.get(end) == Some(&b' '))
    })
}
