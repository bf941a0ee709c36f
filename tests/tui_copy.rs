//! `y` copies what the user is reading to their own clipboard: the app hands
//! the text to its terminal, which writes it as OSC 52 (locally to stdout,
//! over SSH to that session's channel).

mod common;

use base64::Engine;
use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::term::osc52;

/// Decodes an OSC 52 sequence back to its text.
fn decode(seq: &[u8]) -> String {
    let body = seq
        .strip_prefix(b"\x1b]52;c;")
        .and_then(|s| s.strip_suffix(b"\x07"))
        .expect("an OSC 52 sequence ending in BEL");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("base64");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn y_copies_the_selected_clusters_history_with_its_name() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('/'));
    h.type_text("cum 4").key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    let text = h.effects.clipboard.clone().expect("something was copied");
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("Cụm 4"), "{text}");
    assert!(text.contains("Cụm trưởng: Hà Nam"), "{text}");
    assert!(h.screen().contains("Đã chép"), "{}", h.screen());
    // What goes to the terminal decodes to the same text.
    assert_eq!(decode(&osc52::sequence(&text)), text);
}

#[test]
fn y_with_nothing_selected_copies_nothing_and_says_so() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('/'));
    h.type_text("khong co truong nao ten nay")
        .key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    assert!(h.effects.clipboard.is_none());
    assert!(h.screen().contains("Không có gì để chép"), "{}", h.screen());
}

#[test]
fn a_long_copy_is_cut_at_a_character_boundary() {
    let text = "ệ".repeat(osc52::LIMIT);
    let back = decode(&osc52::sequence(&text));
    assert!(back.len() <= osc52::LIMIT);
    assert!(back.len() > osc52::LIMIT - 4);
    assert!(back.chars().all(|c| c == 'ệ'));
}
