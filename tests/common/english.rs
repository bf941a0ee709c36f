//! Finds English words in text shown by the Vietnamese interface.
//!
//! Every screen the TUI harness draws and every line the CLI runner reads
//! in Vietnamese passes through [`assert_vietnamese`], so each key script
//! and CLI test is also a scan for English leaking into Vietnamese.
//!
//! A word is flagged when, with its tone marks folded away, it cannot be a
//! Vietnamese syllable (`file`, `error`, `number`), or it is a common English
//! word whose letters happen to make one (`the`, `not`, `such`), written
//! without the marks Vietnamese would carry. Technical names that both
//! interfaces keep (`SSH`, `XLSX`, key caps) and the place names of the
//! Central Highlands that are not Vietnamese syllables are allowed.

/// English words spelled like Vietnamese syllables: flagged as written,
/// without diacritics, since the Vietnamese words they resemble carry marks.
const ENGLISH_SHAPED_LIKE_VIETNAMESE: &[&str] = &[
    "the", "not", "such", "at", "on", "then", "than", "them", "this", "he", "she", "we", "be",
    "by", "or", "up", "cannot", "can", "get", "set", "put", "out", "into", "got", "but", "of",
    "is", "it", "if", "as", "os",
];

/// Names both interfaces keep as they are: formats, protocols, key caps,
/// the program and its tools, and proper names that are not Vietnamese
/// syllables (Đắk Lắk, Krông, …).
const ALLOWED: &[&str] = &[
    "ssh",
    "csv",
    "xlsx",
    "docx",
    "json",
    "md",
    "pdf",
    "zip",
    "utf",
    "bom",
    "osc",
    "tab",
    "esc",
    "enter",
    "ctrl",
    "alt",
    "shift",
    "pgup",
    "pgdn",
    "home",
    "end",
    "del",
    "backspace",
    "space",
    "thidua",
    "tmux",
    "sled",
    "id",
    "url",
    "http",
    "https",
    "www",
    "com",
    "vn",
    "org",
    "gov",
    "dak",
    "lak",
    "krong",
    "plei",
    "ku",
    "tp",
    "bbt",
    "hvctqg",
    "tw",
    "tu",
    "qd",
    "hd",
    "nq",
    "bb",
    "ubnd",
    "vptw",
    "admin",
    "sha",
    "ok",
    "ssh-ed",
    "ed",
    "rsa",
    "tty",
    "term",
    "f",
    "x",
    "y",
    "z",
    "w",
    "j",
    "s",
    "q",
    "hcm",
    "vs",
    "ii",
    "iii",
    "iv",
    "vi",
    "vii",
    "viii",
    "ix",
    "xi",
    "xii",
    "tv",
    "english",
    "windows",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
];

/// Initial consonants of Vietnamese syllables, longest first.
const INITIALS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Final consonants of Vietnamese syllables, longest first.
const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Whether a folded lowercase word has the shape of a Vietnamese syllable:
/// an initial, one to three vowels, a final.
fn vietnamese_shape(word: &str) -> bool {
    INITIALS.iter().any(|i| {
        word.strip_prefix(i).is_some_and(|rest| {
            FINALS.iter().any(|f| {
                rest.strip_suffix(f).is_some_and(|v| {
                    (1..=3).contains(&v.len()) && v.chars().all(|c| "aeiouy".contains(c))
                })
            })
        })
    })
}

/// Whether a word on screen is Vietnamese, allowed, or the user's own.
fn passes(word: &str, typed: &[String]) -> bool {
    let raw = word.to_lowercase();
    if word.chars().count() < 2 || typed.iter().any(|t| t.contains(&raw)) {
        return true;
    }
    let folded = thidua::text::fold(word);
    if ALLOWED.contains(&folded.as_str()) {
        return true;
    }
    // Two letters are mostly pending Telex (`ng`) or typed codes.
    let shaped = vietnamese_shape(&folded) || word.chars().count() == 2;
    shaped && !ENGLISH_SHAPED_LIKE_VIETNAMESE.contains(&raw.as_str())
}

/// Whether a word is typing run into the text beside it (`TrườngBà`,
/// `tỉnha`): split where a typed word begins or ends, both halves pass.
fn joined(word: &str, typed: &[String]) -> bool {
    let raw = word.to_lowercase();
    raw.char_indices().skip(1).any(|(i, _)| {
        let (a, b) = (&raw[..i], &raw[i..]);
        let typed_half = typed.iter().any(|t| t.contains(a) || t.contains(b));
        typed_half && passes(a, typed) && passes(b, typed)
    }) || camel(word).is_some_and(|(a, b)| passes(a, typed) && passes(b, typed))
}

/// A word split where a lowercase letter meets a capital (`NamOậọ`): text
/// typed at the end of a name.
fn camel(word: &str) -> Option<(&str, &str)> {
    let mut prev_lower = false;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower {
            return Some((&word[..i], &word[i..]));
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// Whether every letter of a word is in the Latin script: words in other
/// scripts are typed data, never the interface's own text.
fn latin(word: &str) -> bool {
    word.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || ('\u{c0}'..='\u{24f}').contains(&c)
            || ('\u{1e00}'..='\u{1eff}').contains(&c)
    })
}

/// `text` without its `code` spans: command names quoted in a message
/// (`thidua check`) are the same in both languages.
fn without_code(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The English words in `text`, as written.
pub fn english_words(text: &str) -> Vec<String> {
    english_words_except(text, &[])
}

/// The English words in `text` that are not among `data`: words the test
/// typed or named (an actor, a record) are the user's, not the interface's.
pub fn english_words_except(text: &str, data: &[String]) -> Vec<String> {
    let typed: Vec<String> = data
        .iter()
        .flat_map(|d| d.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found = Vec::new();
    for chunk in without_code(text).split_whitespace() {
        // File names, paths, addresses and dotted numbers are not prose.
        if chunk.contains(['/', '\\', '.', '@', '_', '=', '~'])
            && chunk
                .trim_end_matches(['.', ',', ':', ';', ')'])
                .contains(['/', '\\', '.', '@', '_', '=', '~'])
        {
            continue;
        }
        for word in chunk.split(|c: char| !c.is_alphanumeric()) {
            // Single letters are key caps, column letters and criterion codes.
            if word.chars().count() < 2 || word.chars().any(|c| c.is_ascii_digit()) || !latin(word)
            {
                continue;
            }
            if !passes(word, &typed) && !joined(word, &typed) {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// Fails the test when `text`, shown by the Vietnamese interface, holds
/// English; `what` says where it was seen.
pub fn assert_vietnamese(text: &str, what: &str) {
    assert_vietnamese_except(text, what, &[]);
}

/// Like [`assert_vietnamese`], letting through the words among `data`.
pub fn assert_vietnamese_except(text: &str, what: &str, data: &[String]) {
    let words = english_words_except(text, data);
    assert!(
        words.is_empty(),
        "English in the Vietnamese interface ({what}): {words:?}\n---\n{text}"
    );
}
