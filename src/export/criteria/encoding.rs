//! How a criteria file's bytes are read as text: the byte-order marks, and
//! the Windows code pages spreadsheets save in when there is none.

use std::borrow::Cow;

use super::{CsvError, CsvProblem};

/// How the file's bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
    /// UTF-16 little-endian, from its byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian, from its byte-order mark.
    Utf16Be,
    /// Windows-1258, the Vietnamese code page of Windows ("ANSI" on a
    /// Vietnamese Windows): chosen when a byte only Vietnamese uses appears.
    Windows1258,
    /// Windows-1252, the Western code page: any other non-UTF-8 file.
    Windows1252,
}

impl Encoding {
    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Bytes that Windows-1258 gives Vietnamese letters or tone marks (Ă ă Đ đ
/// Ơ ơ Ư ư ₫ and the combining grave, acute, tilde, hook and dot below)
/// where Windows-1252 has Western letters.
const VIETNAMESE_1258: &[u8] = &[
    0xC3, 0xCC, 0xD0, 0xD2, 0xD5, 0xDD, 0xDE, 0xE3, 0xEC, 0xF0, 0xF2, 0xF5, 0xFD, 0xFE,
];

/// Reads a file's bytes as text: UTF-8 with or without a byte-order mark,
/// UTF-16 LE or BE with one, else Windows-1258 when a byte only Vietnamese
/// uses there appears, else Windows-1252.
///
/// # Errors
/// A NUL byte without a byte-order mark (UTF-16 saved without one), or bytes
/// invalid in the encoding the byte-order mark names.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    fn unsure(problem: CsvProblem) -> CsvError {
        CsvError {
            line: None,
            problem,
        }
    }
    fn marked<'a>(
        rest: &'a [u8],
        enc: &'static encoding_rs::Encoding,
        ours: Encoding,
    ) -> Result<(Cow<'a, str>, Encoding), CsvError> {
        enc.decode_without_bom_handling_and_without_replacement(rest)
            .map(|text| (text, ours))
            .ok_or_else(|| unsure(CsvProblem::BadBytes(ours)))
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return marked(rest, encoding_rs::UTF_8, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return marked(rest, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return marked(rest, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    // A CSV never holds NUL; UTF-16 text does, for every ASCII letter.
    if bytes.contains(&0) {
        return Err(unsure(CsvProblem::Utf16WithoutBom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), Encoding::Utf8));
    }
    let (enc, ours) = if bytes.iter().any(|b| VIETNAMESE_1258.contains(b)) {
        (encoding_rs::WINDOWS_1258, Encoding::Windows1258)
    } else {
        (encoding_rs::WINDOWS_1252, Encoding::Windows1252)
    };
    // Every byte has a character in both code pages: nothing is replaced.
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text, ours))
}
