//! Behaviour of `thidua::text`: cleaning, folding and Vietnamese collation.

use std::cmp::Ordering;

use proptest::prelude::*;
use thidua::text::{clean_block, clean_line, compare, fold, sort_by_vietnamese, sort_key};
use unicode_normalization::{UnicodeNormalization, is_nfc};

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The invisible characters that must never reach a terminal.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

// ---------------------------------------------------------------- clean_line

#[test]
fn clean_line_removes_csi_sequences_whole() {
    assert_eq!(clean_line("\x1b[31mRed\x1b[0m"), "Red");
    assert_eq!(clean_line("\x1b[2JXoá màn hình"), "Xoá màn hình");
    assert_eq!(clean_line("\x1b[38;5;196mĐỏ\x1b[m"), "Đỏ");
    assert_eq!(clean_line("\x1b[?25lẨn"), "Ẩn");
}

#[test]
fn clean_line_removes_8bit_csi() {
    assert_eq!(clean_line("\u{9b}31mĐỏ"), "Đỏ");
    assert_eq!(clean_line("a\u{9b}2Jb"), "ab");
}

#[test]
fn clean_line_removes_osc_with_either_terminator() {
    assert_eq!(clean_line("\x1b]0;title\x07Tên"), "Tên");
    assert_eq!(clean_line("\x1b]0;title\x1b\\Tên"), "Tên");
    assert_eq!(
        clean_line("\x1b]8;;http://example.invalid\x1b\\liên kết\x1b]8;;\x1b\\"),
        "liên kết"
    );
    assert_eq!(clean_line("\u{9d}0;title\u{9c}Tên"), "Tên");
    assert_eq!(clean_line("\u{9d}0;title\x07Tên"), "Tên");
}

#[test]
fn clean_line_removes_dcs_sos_pm_apc_strings() {
    assert_eq!(clean_line("\x1bPq#0;2;0;0;0\x1b\\B"), "B");
    assert_eq!(clean_line("\x1bXsos\x1b\\C"), "C");
    assert_eq!(clean_line("\x1b^pm\x1b\\D"), "D");
    assert_eq!(clean_line("\x1b_apc\x1b\\E"), "E");
    assert_eq!(clean_line("\u{90}dcs\u{9c}F"), "F");
    assert_eq!(clean_line("\u{9f}apc\u{9c}G"), "G");
    // BEL ends an OSC, not a DCS: the DCS runs on to its ST.
    assert_eq!(clean_line("\x1bPa\x07b\x1b\\H"), "H");
}

#[test]
fn clean_line_removes_short_escapes() {
    assert_eq!(clean_line("\x1b7x\x1b8"), "x");
    assert_eq!(clean_line("\x1b(BAn"), "An");
    assert_eq!(clean_line("\x1bcBình"), "Bình");
}

#[test]
fn clean_line_handles_broken_and_unterminated_escapes() {
    assert_eq!(clean_line("An\x1b"), "An");
    assert_eq!(clean_line("An\x1b["), "An");
    assert_eq!(clean_line("An\x1b[31"), "An");
    assert_eq!(clean_line("An\x1b]0;never ends"), "An");
    // A character that cannot be part of a CSI ends it and is kept.
    assert_eq!(clean_line("\x1b[31đa"), "đa");
    assert_eq!(clean_line("\x1b[31\u{2014}x"), "\u{2014}x");
    // ESC ESC: the second one starts the real sequence.
    assert_eq!(clean_line("\x1b\x1b[0mX"), "X");
    // A new ESC inside an OSC ends it and starts a sequence of its own.
    assert_eq!(clean_line("\x1b]0;t\x1b[1mY"), "Y");
    // CAN aborts a control string.
    assert_eq!(clean_line("\x1b]0;t\x18Z"), "Z");
}

#[test]
fn clean_line_removes_other_controls() {
    assert_eq!(clean_line("a\0b\x7fc\x08d\u{80}e\u{9c}f"), "abcdef");
    assert_eq!(clean_line("chuông\x07"), "chuông");
}

#[test]
fn clean_line_removes_bidi_controls() {
    assert_eq!(clean_line("abc\u{202e}fed\u{202c}"), "abcfed");
    assert_eq!(clean_line("\u{2067}Hà Nội\u{2069}"), "Hà Nội");
    assert_eq!(
        clean_line("\u{200e}a\u{200f}b\u{061c}c\u{202a}d\u{2066}e"),
        "abcde"
    );
    assert_eq!(clean_line("\u{feff}Tên"), "Tên");
}

/// The invisible characters named in issue 10 and their kin: each one,
/// inside a name, at its ends and alone, leaves nothing behind.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{200b}', "zero-width space"),
    ('\u{00ad}', "soft hyphen"),
    ('\u{2060}', "word joiner"),
    ('\u{2061}', "function application"),
    ('\u{2064}', "invisible plus"),
    ('\u{feff}', "byte-order mark"),
    ('\u{200c}', "zero-width non-joiner"),
    ('\u{200d}', "zero-width joiner"),
    ('\u{180e}', "Mongolian vowel separator"),
    ('\u{034f}', "combining grapheme joiner"),
    ('\u{fe0f}', "variation selector 16"),
    ('\u{e0100}', "variation selector 17"),
    ('\u{3164}', "Hangul filler"),
    ('\u{115f}', "Hangul choseong filler"),
    ('\u{1160}', "Hangul jungseong filler"),
    ('\u{ffa0}', "halfwidth Hangul filler"),
    ('\u{e0001}', "language tag"),
    ('\u{e0041}', "tag A"),
    ('\u{e007f}', "cancel tag"),
    ('\u{1d173}', "musical symbol begin beam"),
    ('\u{fff9}', "interlinear annotation anchor"),
    ('\u{202e}', "right-to-left override"),
    ('\u{2066}', "left-to-right isolate"),
    ('\u{061c}', "Arabic letter mark"),
];

#[test]
fn clean_line_removes_invisible_characters() {
    for &(c, what) in INVISIBLE {
        for input in [
            format!("l{c}an"),
            format!("{c}lan{c}"),
            format!("l{c}{c}{c}an"),
        ] {
            assert_eq!(clean_line(&input), "lan", "{what} (U+{:04X})", c as u32);
            assert_eq!(clean_block(&input), "lan", "{what} (U+{:04X})", c as u32);
        }
        assert_eq!(clean_line(&c.to_string()), "", "{what} alone");
    }
}

/// Issue 10: "lan" (admin) and "l\u{200B}an" (secretary) showed alike; after
/// cleaning they are the same name, so any uniqueness check sees the clash.
#[test]
fn names_differing_only_by_invisible_characters_clean_alike() {
    let a = clean_line("lan");
    for b in [
        "l\u{200b}an",
        "la\u{00ad}n",
        "\u{2060}lan",
        "lan\u{e0041}\u{e007f}",
        "l\u{3164}an",
    ] {
        assert_eq!(clean_line(b), a, "{}", b.escape_unicode());
    }
    assert_eq!(clean_line("1\u{200b}.1"), "1.1");
}

/// A whole tag sequence (as hidden "ASCII smuggling" text uses) goes, and the
/// visible text around it stays.
#[test]
fn clean_line_removes_tag_sequences() {
    let hidden: String = "ignore this"
        .chars()
        .map(|c| char::from_u32(0xe0000 + c as u32).unwrap_or('?'))
        .collect();
    assert_eq!(clean_line(&format!("Hà{hidden} Nội")), "Hà Nội");
}

/// Every format character (general category Cf) in the Unicode data is
/// removed, not only the ones listed above.
#[test]
fn clean_line_removes_every_format_character() {
    use icu_properties::CodePointMapData;
    use icu_properties::props::GeneralCategory;
    let gc = CodePointMapData::<GeneralCategory>::new();
    let format: Vec<char> = (0..=0x10ffffu32)
        .filter_map(char::from_u32)
        .filter(|&c| gc.get(c) == GeneralCategory::Format)
        .collect();
    assert!(
        format.len() > 150,
        "only {} format characters",
        format.len()
    );
    let left: Vec<String> = format
        .iter()
        .filter(|&&c| clean_line(&format!("a{c}b")) != "ab")
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    assert!(left.is_empty(), "format characters kept: {left:?}");
}

/// The Braille blank draws as a space: it becomes one, so a name made of it
/// is empty and one padded with it shows its gap.
#[test]
fn clean_line_turns_the_braille_blank_into_a_space() {
    assert_eq!(clean_line("\u{2800}"), "");
    assert_eq!(clean_line("l\u{2800}an\u{2800}"), "l an");
    // Other Braille patterns are visible and stay.
    assert_eq!(clean_line("\u{2801}\u{28ff}"), "\u{2801}\u{28ff}");
}

#[test]
fn clean_line_keeps_visible_neighbours_of_invisible_ranges() {
    // Letters and marks beside the removed fillers are untouched.
    assert_eq!(clean_line("\u{3131}\u{3165}"), "\u{3131}\u{3165}");
    assert_eq!(clean_line("\u{ffa1}"), "\u{ffa1}");
    assert_eq!(clean_line("Ỹ ỹ Ư ư Đ đ"), "Ỹ ỹ Ư ư Đ đ");
    assert_eq!(clean_line("x\u{20e3}"), "x\u{20e3}");
}

#[test]
fn clean_line_turns_whitespace_into_single_spaces() {
    assert_eq!(clean_line("  Hải \t  Dương  "), "Hải Dương");
    assert_eq!(clean_line("Nguyễn\tVăn\r\nAn\n"), "Nguyễn Văn An");
    assert_eq!(clean_line("a\u{85}b\u{2028}c\u{a0}d\u{3000}e"), "a b c d e");
    assert_eq!(clean_line(" \t\r\n "), "");
    assert_eq!(clean_line(""), "");
}

#[test]
fn clean_line_outputs_nfc() {
    let decomposed = "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{31b}\u{300}ng";
    assert_eq!(clean_line(decomposed), "Nguyễn Thị Hờng");
    assert_eq!(
        clean_line(&nfd("Trường Chính trị Tô Hiệu")),
        "Trường Chính trị Tô Hiệu"
    );
    // The mark was kept apart from its letter by a removed character.
    assert_eq!(clean_line("e\u{200e}\u{301}"), "é");
    assert_eq!(clean_line("e\x1b[0m\u{301}"), "é");
}

#[test]
fn clean_line_keeps_ordinary_text() {
    for s in [
        "Trường Chính trị tỉnh Hải Dương",
        "北京 🎉 Giải nhất",
        "Bà Rịa–Vũng Tàu",
        "50%",
    ] {
        assert_eq!(clean_line(s), s);
    }
}

// --------------------------------------------------------------- clean_block

#[test]
fn clean_block_unifies_line_breaks() {
    assert_eq!(
        clean_block("Dòng 1\r\nDòng 2\rDòng 3\nDòng 4\u{2028}Dòng 5"),
        "Dòng 1\nDòng 2\nDòng 3\nDòng 4\nDòng 5"
    );
    // CRLF is one break, not two.
    assert_eq!(clean_block("a\r\nb"), "a\nb");
    assert_eq!(clean_block("a\r\rb"), "a\n\nb");
}

#[test]
fn clean_block_trims_lines_and_blank_runs() {
    assert_eq!(clean_block("a  \t \nb\t"), "a\nb");
    assert_eq!(clean_block("\n\n  \na\n\n\n\n\nb\n \n"), "a\n\n\nb");
    assert_eq!(clean_block("a\n\nb"), "a\n\nb");
    assert_eq!(clean_block("a\n\n\nb"), "a\n\n\nb");
    assert_eq!(clean_block("a\n \t\n  \n\t\nb"), "a\n\n\nb");
    assert_eq!(clean_block("\r\n \r\n"), "");
}

#[test]
fn clean_block_keeps_indentation() {
    assert_eq!(clean_block("- một\n  - hai\n\tba"), "- một\n  - hai\n ba");
}

#[test]
fn clean_block_strips_like_clean_line() {
    assert_eq!(clean_block("\x1b[1mĐậm\x1b[0m\nthường"), "Đậm\nthường");
    assert_eq!(
        clean_block("\x1b]0;t\x07a\u{202e}b\0c\n\u{9b}2Jd"),
        "abc\nd"
    );
    assert_eq!(clean_block(&nfd("Hải Dương\nHà Nội")), "Hải Dương\nHà Nội");
}

// --------------------------------------------------------------------- fold

#[test]
fn fold_examples() {
    assert_eq!(fold("Hải Dương"), "hai duong");
    assert_eq!(fold("hai duong"), "hai duong");
    assert_eq!(fold("HAI  DUONG"), "hai duong");
    assert_eq!(fold("Bà Rịa-Vũng Tàu"), "ba ria vung tau");
    assert_eq!(fold("Bà Rịa–Vũng Tàu"), "ba ria vung tau");
    assert_eq!(fold("Trường Chính trị Tô Hiệu"), "truong chinh tri to hieu");
    assert_eq!(fold("ĐÀ NẴNG"), "da nang");
    assert_eq!(fold("Điện Biên"), "dien bien");
    assert_eq!(fold("Ðồng Nai"), "dong nai");
    assert_eq!(fold("  (Khóa XII), 2024!  "), "khoa xii 2024");
    assert_eq!(fold("🎉 Giải nhất 北京"), "giai nhat 北京");
    assert_eq!(fold("Ｈà Ｎội"), "ha noi");
    assert_eq!(fold(""), "");
    assert_eq!(fold(" -- "), "");
}

#[test]
fn fold_treats_nfd_like_nfc() {
    for s in [
        "Hải Dương",
        "Bà Rịa-Vũng Tàu",
        "Trường Chính trị Tô Hiệu",
        "Đặng Thị Ướt",
    ] {
        assert_eq!(fold(&nfd(s)), fold(s));
    }
    assert_eq!(fold("Ha\u{309}i Du\u{31b}o\u{31b}ng"), "hai duong");
}

/// Lowercasing and compatibility decomposition feed each other (`㎀` is
/// `pA`), so idempotence is checked on every code point, not just on samples.
#[test]
fn fold_is_idempotent_on_every_single_char() {
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let f = fold(c.encode_utf8(&mut [0; 4]));
        assert_eq!(fold(&f), f, "fold not idempotent on U+{:04X}", u32::from(c));
    }
}

// ------------------------------------------------------------------ compare

fn assert_strictly_increasing(words: &[&str]) {
    for pair in words.windows(2) {
        if let [a, b] = pair {
            assert_eq!(
                compare(a, b),
                Ordering::Less,
                "{a:?} should sort before {b:?}"
            );
            assert_eq!(
                compare(b, a),
                Ordering::Greater,
                "{b:?} should sort after {a:?}"
            );
            assert!(
                sort_key(a) < sort_key(b),
                "sort_key({a:?}) < sort_key({b:?})"
            );
        }
    }
}

#[test]
fn compare_orders_the_vietnamese_alphabet() {
    let alphabet = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô",
        "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
    ];
    assert_strictly_increasing(&alphabet);
    let upper: Vec<String> = alphabet.iter().map(|s| s.to_uppercase()).collect();
    let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
    assert_strictly_increasing(&upper);
}

#[test]
fn compare_letters_before_tones() {
    // A separate letter outranks any tone mark on the letter before it.
    assert_strictly_increasing(&["ạ", "ă"]);
    assert_strictly_increasing(&["Ạ", "Ă"]);
    assert_strictly_increasing(&["bạn", "băn"]);
    assert_strictly_increasing(&["dự", "đa"]);
    assert_strictly_increasing(&["Dương", "Dưỡng", "Đa", "Đồng Nai"]);
    assert_strictly_increasing(&["họ", "hô", "hơ", "hu", "hư"]);
}

#[test]
fn compare_orders_tone_marks() {
    // none, huyền, hỏi, ngã, sắc, nặng
    assert_strictly_increasing(&["a", "à", "ả", "ã", "á", "ạ"]);
    assert_strictly_increasing(&["ma", "mà", "mả", "mã", "má", "mạ"]);
    assert_strictly_increasing(&["ê", "ề", "ể", "ễ", "ế", "ệ"]);
    assert_strictly_increasing(&["ư", "ừ", "ử", "ữ", "ứ", "ự"]);
    // Tones are secondary: a later base letter decides first.
    assert_strictly_increasing(&["mạ", "mai"]);
    assert_strictly_increasing(&["Há", "Hai"]);
}

#[test]
fn compare_puts_lowercase_first() {
    assert_strictly_increasing(&["a", "A", "à", "À", "ă", "Ă"]);
    assert_strictly_increasing(&["hà nội", "Hà Nội", "hà nội x"]);
    // Tone is decided before case.
    assert_strictly_increasing(&["Ha", "hà"]);
}

#[test]
fn compare_word_by_word() {
    assert_strictly_increasing(&["Hà Nam", "Hà Nội", "Hải Dương", "Hải Phòng"]);
    assert_strictly_increasing(&["Bình Dương", "Bình Phước", "Bình Thuận"]);
    assert_strictly_increasing(&["Hà", "Hà Giang", "Hai"]);
}

#[test]
fn compare_ignores_normalization_form() {
    for s in [
        "Hà Nội",
        "Đồng Nai",
        "Nguyễn Thị Ướt",
        "Bà Rịa–Vũng Tàu",
        "",
    ] {
        assert_eq!(compare(&nfd(s), s), Ordering::Equal);
        assert_eq!(compare(s, &nfd(s)), Ordering::Equal);
        assert_eq!(sort_key(&nfd(s)), sort_key(s));
    }
}

#[test]
fn compare_is_equal_only_for_the_same_text() {
    // Even characters the collation ignores break the tie, so sorting is
    // deterministic.
    assert_ne!(compare("ab", "a\u{200b}b"), Ordering::Equal);
    assert_ne!(compare("a", "a\0"), Ordering::Equal);
    assert_eq!(compare("Hà Nội", "Hà Nội"), Ordering::Equal);
}

/// Shuffled by hand; every name appears once.
const PROVINCES_SHUFFLED: [&str; 19] = [
    "Thái Bình",
    "Hải Phòng",
    "Điện Biên",
    "Bình Thuận",
    "Hà Nội",
    "Tây Ninh",
    "Quảng Ninh",
    "Đồng Nai",
    "Hưng Yên",
    "Bà Rịa–Vũng Tàu",
    "Hà Giang",
    "Nam Định",
    "Bình Dương",
    "Tuyên Quang",
    "Hải Dương",
    "Lạng Sơn",
    "Hà Nam",
    "Ninh Bình",
    "Bình Phước",
];

/// Worked out by hand from the alphabet a ă â b c d đ e ê g h i k l m n o ô
/// ơ p q r s t u ư v x y, a space sorting before any letter, and tones only
/// breaking ties.
const PROVINCES_SORTED: [&str; 19] = [
    "Bà Rịa–Vũng Tàu",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Điện Biên",
    "Đồng Nai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hải Dương",
    "Hải Phòng",
    "Hưng Yên",
    "Lạng Sơn",
    "Nam Định",
    "Ninh Bình",
    "Quảng Ninh",
    "Tây Ninh",
    "Thái Bình",
    "Tuyên Quang",
];

#[test]
fn provinces_sort_in_vietnamese_order() {
    let mut names = PROVINCES_SHUFFLED;
    names.sort_by(|a, b| compare(a, b));
    assert_eq!(names, PROVINCES_SORTED);

    let mut by_key = PROVINCES_SHUFFLED;
    by_key.sort_by_key(|s| sort_key(s));
    assert_eq!(by_key, PROVINCES_SORTED);

    // Decomposed input (as some keyboards and imports produce) sorts the same.
    let mut decomposed: Vec<String> = PROVINCES_SHUFFLED.iter().map(|s| nfd(s)).collect();
    decomposed.sort_by(|a, b| compare(a, b));
    let decomposed: Vec<String> = decomposed.iter().map(|s| nfc(s)).collect();
    assert_eq!(decomposed, PROVINCES_SORTED);
}

#[test]
fn sort_by_vietnamese_sorts_records_by_a_field() {
    struct School {
        province: String,
        id: usize,
    }
    let mut schools: Vec<School> = PROVINCES_SHUFFLED
        .iter()
        .enumerate()
        .map(|(id, p)| School {
            province: (*p).to_owned(),
            id,
        })
        .collect();
    sort_by_vietnamese(&mut schools, |s| &s.province);
    let names: Vec<&str> = schools.iter().map(|s| s.province.as_str()).collect();
    assert_eq!(names, PROVINCES_SORTED);
    // Ids travelled with their names.
    for s in &schools {
        assert_eq!(PROVINCES_SHUFFLED.get(s.id), Some(&s.province.as_str()));
    }
}

// ---------------------------------------------------------------- proptests

/// Pieces that stress the functions: Vietnamese letters in both forms, loose
/// combining marks, CJK, emoji, whitespace, controls, bidi controls and
/// fragments of escape sequences.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "a",
        "ă",
        "â",
        "đ",
        "Đ",
        "ê",
        "ô",
        "ơ",
        "ư",
        "Ư",
        "ệ",
        "ữ",
        "ạ",
        "Ỹ",
        "Hà",
        "Nội",
        "Hải",
        "Dương",
        "\u{300}",
        "\u{301}",
        "\u{303}",
        "\u{309}",
        "\u{323}",
        "\u{302}",
        "\u{306}",
        "\u{31b}",
        "\u{307}",
        "北",
        "京",
        "🎉",
        "👩\u{200d}🏫",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{85}",
        "\u{a0}",
        "\u{2028}",
        "\u{3000}",
        "\x1b",
        "\x1b[",
        "\x1b[31m",
        "\x1b]",
        "\x1b]0;t",
        "\x07",
        "\x1b\\",
        "\x1bP",
        "\x1b_",
        "\x1b(",
        "\u{9b}",
        "\u{9d}",
        "\u{90}",
        "\u{9c}",
        "\x18",
        "\0",
        "\x7f",
        "\u{202e}",
        "\u{2066}",
        "\u{2069}",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{feff}",
        "\u{200b}",
        "\u{200d}",
        "\u{00ad}",
        "\u{2060}",
        "\u{3164}",
        "\u{e0041}",
        "\u{fe0f}",
        "\u{2800}",
        "-",
        "–",
        ";",
        "m",
        "[",
        "]",
        "\\",
        "0",
        "9",
        "İ",
        "ß",
        "ﬁ",
        "Ｈ",
        "²",
        "㎀",
        "\u{fffe}",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        4 => fixed,
        1 => proptest::char::range('\u{0}', '\u{ff}').prop_map(String::from),
        1 => proptest::char::range('\u{1e00}', '\u{1eff}').prop_map(String::from),
        1 => proptest::char::range('\u{300}', '\u{36f}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), mixed()]
}

/// Short strings over a small alphabet, so that random pairs and triples
/// often share prefixes and differ only in tone, case or letter variant.
fn word() -> impl Strategy<Value = String> {
    let letter = prop::sample::select(vec![
        "a", "à", "á", "ạ", "ă", "ắ", "â", "A", "À", "Ă", "d", "đ", "Đ", "o", "ô", "ơ", "ờ", "u",
        "ư", "ữ", " ", "-", "\u{301}", "\u{300}", "\u{200b}",
    ]);
    prop::collection::vec(letter, 0..6).prop_map(|v| v.concat())
}

/// Vietnamese words in mixed case and either normalization form.
fn vietnamese() -> impl Strategy<Value = String> {
    let syllable = prop::sample::select(vec![
        "Hải",
        "DƯƠNG",
        "hà",
        "Nội",
        "Bà",
        "Rịa",
        "Vũng",
        "TÀU",
        "trường",
        "Chính",
        "trị",
        "Tô",
        "HIỆU",
        "Đồng",
        "đặng",
        "Ướt",
        "nghiêng",
        "khuỷu",
        "Quảng",
        "Ỷ",
        "ễ",
    ]);
    let sep = prop::sample::select(vec![" ", "  ", "-", "–", ", ", "\t"]);
    (prop::collection::vec((syllable, sep), 0..8), any::<bool>()).prop_map(|(parts, decompose)| {
        let s: String = parts.into_iter().flat_map(|(w, sep)| [w, sep]).collect();
        if decompose { nfd(&s) } else { s }
    })
}

fn any_word() -> impl Strategy<Value = String> {
    prop_oneof![3 => word(), 1 => mixed()]
}

fn check_clean_line(s: &str) -> Result<(), TestCaseError> {
    let out = clean_line(s);
    prop_assert!(is_nfc(&out), "not NFC: {out:?}");
    prop_assert!(
        !out.chars()
            .any(|c| c.is_control() || is_bidi_control(c) || c == '\u{feff}'),
        "control left in {out:?}"
    );
    prop_assert!(
        !out.chars().any(|c| INVISIBLE.iter().any(|&(i, _)| i == c)),
        "invisible character left in {}",
        out.escape_unicode()
    );
    prop_assert!(!out.contains('\x1b'));
    prop_assert!(!out.chars().any(|c| c.is_whitespace() && c != ' '));
    prop_assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
    prop_assert_eq!(clean_line(&out), out.clone(), "not idempotent");
    Ok(())
}

fn check_clean_block(s: &str) -> Result<(), TestCaseError> {
    let out = clean_block(s);
    prop_assert!(is_nfc(&out), "not NFC: {out:?}");
    prop_assert!(
        !out.chars()
            .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)),
        "control left in {out:?}"
    );
    prop_assert!(
        !out.chars()
            .any(|c| c.is_whitespace() && c != ' ' && c != '\n')
    );
    prop_assert!(!out.starts_with('\n') && !out.ends_with('\n'));
    prop_assert!(
        !out.contains("\n\n\n\n"),
        "more than two blank lines: {out:?}"
    );
    prop_assert!(
        !out.lines().any(|l| l.ends_with(' ')),
        "trailing space in {out:?}"
    );
    prop_assert_eq!(clean_block(&out), out.clone(), "not idempotent");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn clean_line_output_is_safe_and_stable(s in text()) {
        check_clean_line(&s)?;
    }

    #[test]
    fn clean_line_agrees_on_normalization_form(s in text()) {
        prop_assert_eq!(clean_line(&nfd(&s)), clean_line(&nfc(&s)));
    }

    #[test]
    fn clean_block_output_is_safe_and_stable(s in text()) {
        check_clean_block(&s)?;
    }

    #[test]
    fn clean_block_lines_agree_with_clean_line(s in text()) {
        // Joining a cleaned block's lines gives the cleaned line.
        prop_assert_eq!(clean_line(&clean_block(&s)), clean_line(&s));
    }

    #[test]
    fn fold_is_idempotent_and_form_blind(s in text()) {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f.clone());
        prop_assert_eq!(fold(&nfd(&s)), fold(&nfc(&s)));
        prop_assert!(f.chars().all(|c| c == ' ' || c.is_alphanumeric()), "{f:?}");
        prop_assert!(f.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))), "{f:?}");
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
    }

    #[test]
    fn fold_ignores_case_and_tones(s in vietnamese()) {
        prop_assert_eq!(fold(&s.to_uppercase()), fold(&s.to_lowercase()));
        let toneless: String = nfd(&s)
            .chars()
            .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            .collect();
        prop_assert_eq!(fold(&toneless), fold(&s));
    }

    #[test]
    fn compare_is_antisymmetric(a in any_word(), b in any_word()) {
        prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
        prop_assert_eq!(compare(&a, &a), Ordering::Equal);
        // Equal means the same text, in whatever normalization form.
        prop_assert_eq!(compare(&a, &b) == Ordering::Equal, nfd(&a) == nfd(&b));
    }

    #[test]
    fn compare_is_transitive(a in any_word(), b in any_word(), c in any_word()) {
        let ab = compare(&a, &b);
        let bc = compare(&b, &c);
        if ab != Ordering::Greater && bc != Ordering::Greater {
            prop_assert_ne!(compare(&a, &c), Ordering::Greater, "{:?} {:?} {:?}", a, b, c);
        }
        if ab == bc {
            prop_assert_eq!(compare(&a, &c), ab, "{:?} {:?} {:?}", a, b, c);
        }
    }

    #[test]
    fn compare_is_blind_to_normalization_form(s in text()) {
        prop_assert_eq!(compare(&nfd(&s), &s), Ordering::Equal);
        prop_assert_eq!(compare(&s, &nfd(&s)), Ordering::Equal);
    }

    #[test]
    fn sort_key_agrees_with_compare(a in any_word(), b in any_word()) {
        prop_assert_eq!(sort_key(&a).cmp(&sort_key(&b)), compare(&a, &b), "{:?} {:?}", a, b);
    }

    #[test]
    fn sort_key_agrees_with_compare_on_any_text(a in text(), b in text()) {
        prop_assert_eq!(sort_key(&a).cmp(&sort_key(&b)), compare(&a, &b), "{:?} {:?}", a, b);
    }
}

proptest! {
    // Each case makes hundreds of comparisons.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn compare_sorts_consistently(mut v in prop::collection::vec(any_word(), 0..30)) {
        v.sort_by(|a, b| compare(a, b));
        for (i, a) in v.iter().enumerate() {
            for b in v.iter().skip(i + 1) {
                prop_assert_ne!(compare(a, b), Ordering::Greater, "{:?} after {:?}", a, b);
            }
        }
    }
}
