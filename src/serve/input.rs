//! Bytes from an SSH channel to the `crossterm` events a local terminal
//! would produce.
//!
//! The parsing itself is `terminput`, which is crossterm's own unix parser
//! lifted out, so keys mean the same thing over SSH as they do locally. What
//! this module adds is what crossterm gets from the tty and SSH does not give:
//! packets that split sequences, a timer for a lone ESC, the client's erase
//! character, and a memory cap on pastes and unfinished sequences.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// How long a lone ESC waits for the rest of an escape sequence.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(40);

/// A bracketed paste larger than this is cut (bytes of the paste body).
pub const PASTE_LIMIT: usize = 64 * 1024;

const ESC: u8 = 0x1B;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Real key and mouse sequences are a few dozen bytes; anything that stays
/// incomplete past this is garbage that would otherwise pin memory.
const MAX_SEQUENCE: usize = 256;

/// Decodes one SSH session's input stream; keep one per channel.
#[derive(Debug, Default)]
pub struct InputDecoder {
    /// The unfinished sequence. Fed one byte at a time because `parse_from`
    /// does not report how much it consumed.
    pending: Vec<u8>,
    /// When the lone ESC in `pending` arrived.
    esc_at: Option<Instant>,
    /// Inside a bracketed paste: the body so far, at most `PASTE_LIMIT`
    /// bytes plus a window just wide enough to spot the end marker.
    paste: Option<Vec<u8>>,
    /// Whether the paste in progress lost bytes to the cap.
    cutting: bool,
    /// Whether the last finished paste was cut; reported once.
    paste_cut: bool,
    erase: Option<u8>,
}

impl InputDecoder {
    /// A decoder with nothing pending.
    pub fn new() -> InputDecoder {
        InputDecoder::default()
    }

    /// The client's erase character from the pty modes (VERASE); that byte
    /// becomes Backspace.
    ///
    /// Bytes that carry other keys (ESC, Tab, Enter, NUL) and printable or
    /// non-ASCII bytes are ignored: OpenSSH sends 255 for a disabled VERASE,
    /// and honouring it would turn garbage or Enter into Backspace.
    pub fn set_erase(&mut self, byte: u8) {
        let control = matches!(byte, 0x01..=0x1F | 0x7F);
        let other_key = matches!(byte, ESC | b'\t' | b'\n' | b'\r');
        if control && !other_key {
            self.erase = Some(byte);
        }
    }

    /// Feeds bytes received at `now`; returns the complete events, in order.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) -> Vec<Event> {
        // A late `tick` must not let a stale ESC glue onto the next key.
        let mut out = self.tick(now);
        for &byte in bytes {
            self.push(byte, now, &mut out);
        }
        out
    }

    /// When `tick` must be called next (a lone ESC pending), or None.
    pub fn deadline(&self) -> Option<Instant> {
        let esc_at = self.esc_at?;
        Some(esc_at.checked_add(ESC_TIMEOUT).unwrap_or(esc_at))
    }

    /// Emits what timed out by `now` (a lone ESC becomes the Esc key).
    pub fn tick(&mut self, now: Instant) -> Vec<Event> {
        match self.deadline() {
            Some(due) if now >= due => {
                self.pending.clear();
                self.esc_at = None;
                vec![key(KeyCode::Esc, KeyModifiers::NONE)]
            }
            _ => Vec::new(),
        }
    }

    /// Whether the last paste was cut at `PASTE_LIMIT` (cleared when read),
    /// so the app can say so.
    pub fn take_paste_cut(&mut self) -> bool {
        std::mem::take(&mut self.paste_cut)
    }

    fn push(&mut self, byte: u8, now: Instant, out: &mut Vec<Event>) {
        if self.paste.is_some() {
            self.push_paste(byte, out);
            return;
        }
        if self.esc_at.is_some() {
            // ESC ESC would parse as Alt+Esc and swallow a double press of
            // Esc, which the app uses to back out; the second ESC may still
            // start a sequence of its own.
            if byte == ESC {
                self.esc_at = Some(now);
                out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                return;
            }
            self.esc_at = None;
            if self.erase == Some(byte) {
                self.pending.clear();
                out.push(key(KeyCode::Backspace, KeyModifiers::ALT));
                return;
            }
        } else if self.pending.is_empty() {
            if byte == ESC {
                // Parsed alone, ESC is the Esc key at once; wait for the
                // rest of the sequence instead (see `tick`).
                self.pending.push(byte);
                self.esc_at = Some(now);
                return;
            }
            if self.erase == Some(byte) {
                out.push(key(KeyCode::Backspace, KeyModifiers::NONE));
                return;
            }
        }

        self.pending.push(byte);
        if self.pending == PASTE_START {
            self.pending.clear();
            self.paste = Some(Vec::new());
            return;
        }
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                // Events crossterm has no form for are of no use to the app.
                if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                    out.push(event);
                }
            }
            Ok(None) => {
                if self.pending.len() >= MAX_SEQUENCE {
                    self.pending.clear();
                }
            }
            Err(_) => {
                // Drop the broken prefix but give the byte that broke it a
                // chance of its own, so `ESC [` then `x` still types `x` and
                // garbage before an ESC does not eat the ESC.
                let retry = self.pending.len() > 1;
                self.pending.clear();
                if retry {
                    self.push(byte, now, out);
                }
            }
        }
    }

    fn push_paste(&mut self, byte: u8, out: &mut Vec<Event>) {
        let Some(body) = self.paste.as_mut() else {
            return;
        };
        body.push(byte);
        if body.ends_with(PASTE_END) {
            body.truncate(body.len() - PASTE_END.len());
            if self.cutting {
                body.truncate(complete_chars(body));
            }
            out.push(Event::Paste(String::from_utf8_lossy(body).into_owned()));
            self.paste = None;
            self.paste_cut = std::mem::take(&mut self.cutting);
        } else if body.len() >= PASTE_LIMIT + PASTE_END.len() {
            // The oldest byte past the limit cannot be part of the end
            // marker (that was just ruled out), so it is body to drop.
            body.remove(PASTE_LIMIT);
            self.cutting = true;
        }
    }
}

/// The length of `bytes` without a UTF-8 character the cut split at the end.
fn complete_chars(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for back in 1..=3.min(len) {
        let start = len - back;
        let Some(&lead) = bytes.get(start) else {
            break;
        };
        let needed = match lead {
            0x80..=0xBF => continue,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if needed > back { start } else { len };
    }
    len
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}
