//! User names as the audit log's reader sees them: two names that read
//! alike are one name, and a message shows where they differ.

use crate::text::clean_line;
/// A name in quotes, with every character [`name_key`] ignores written as
/// `\u{…}`, so a message shows where two names that read alike differ.
pub fn shown(name: &str) -> String {
    let mut out = String::from("\"");
    for c in name.chars() {
        if invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Whether a character shows nothing: a format character (general category
/// Cf: zero-width space and joiners, soft hyphen, word joiner, tag
/// characters…) or another default-ignorable one (the Hangul fillers,
/// variation selectors).
fn invisible(c: char) -> bool {
    use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
    use icu_properties::{CodePointMapData, CodePointSetData};
    CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// What two user names are compared by: the cleaned name without invisible
/// characters, in lower case. Two names with one key are the same name to
/// whoever reads the audit log.
pub fn name_key(name: &str) -> String {
    let visible: String = clean_line(name)
        .chars()
        .filter(|&c| !invisible(c))
        .collect();
    // Cleaned again: a removed character may have stood between two spaces
    // or two marks that now meet.
    clean_line(&visible.to_lowercase())
}
