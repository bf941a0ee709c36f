//! A first check that the harness drives the app.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;

#[test]
fn the_demo_opens_on_the_schools_pane_and_moves() {
    let mut h = Harness::demo(80, 24);
    let s = h.screen();
    assert!(s.contains("1 Trường"), "{s}");
    assert!(s.contains("Bà Rịa – Vũng"), "{s}");
    h.key(KeyCode::Char('2'));
    let s = h.screen();
    assert!(s.contains("Cụm 4"), "{s}");
}
