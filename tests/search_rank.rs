//! How a folded name matches a folded query (`domain::search`), which the
//! store's lookup, the palette and the pickers rank by.

use thidua::domain::search::{MatchQuality, match_quality, match_span};

#[test]
fn each_kind_of_match_is_told_apart() {
    let name = "truong chinh tri tinh ha nam";
    let cases = [
        ("truong chinh tri tinh ha nam", Some(MatchQuality::Exact)),
        ("ha nam", Some(MatchQuality::Suffix)),
        ("truong chinh", Some(MatchQuality::Prefix)),
        ("tr ch ha", Some(MatchQuality::WordPrefixes)),
        ("nam truong", Some(MatchQuality::WordsAnyOrder)),
        // A word used twice is found twice in order only if the name has it twice.
        ("tri tri", Some(MatchQuality::WordsAnyOrder)),
        ("uong chi", Some(MatchQuality::Substring)),
        ("ha noi", None),
        ("", None),
    ];
    for (q, want) in cases {
        assert_eq!(match_quality(q, name), want, "{q:?}");
    }
    // A suffix must start a word: `a nam` is only inside `ha nam`.
    assert_eq!(match_quality("a nam", name), Some(MatchQuality::Substring));
}

#[test]
fn the_span_is_the_tightest_run_of_words_in_order() {
    assert_eq!(match_span("quy dinh 11", "quy dinh so 11"), 4);
    assert_eq!(match_span("quy dinh 11", "quy dinh so 09 ngay 13 11"), 7);
    assert_eq!(match_span("a c", "a b c a c"), 2);
    assert_eq!(match_span("ha", "truong ha nam"), 1);
    assert_eq!(match_span("nam ha", "truong ha nam"), usize::MAX);
    assert_eq!(match_span("", "truong"), usize::MAX);
}
