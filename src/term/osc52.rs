//! Copying to the user's clipboard with OSC 52: the terminal the user sits
//! at does the copy, so it works the same on a local terminal and through
//! SSH, where the server's own clipboard would be the wrong one.

use base64::Engine;

/// Terminals and tmux cap what they accept; beyond this the copy is cut at
/// a character boundary rather than dropped by the terminal.
pub const LIMIT: usize = 64 * 1024;

/// The escape sequence that puts `text` on the clipboard.
pub fn sequence(text: &str) -> Vec<u8> {
    let mut end = text.len().min(LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let body = text.get(..end).unwrap_or_default();
    let encoded = base64::engine::general_purpose::STANDARD.encode(body.as_bytes());
    let mut out = Vec::with_capacity(encoded.len() + 8);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(encoded.as_bytes());
    out.push(0x07);
    out
}
