//! The palette over the shared snapshot (issue 11): a cluster is found by
//! its region, as the clusters list's filter finds it; results scroll with
//! the highlight; pickers find what the palette finds.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::app::{Action, Pane};
use thidua::domain::*;
use thidua::store::Kind;

/// The demo with one more cluster whose region is nowhere in its names.
fn demo_with_highland_cluster() -> (Harness, u64) {
    let mut h = Harness::demo(80, 24);
    let id = h
        .store
        .insert(
            "test",
            Cluster::new(Some(12), "Cụm thi đua số 12", "Tây Nguyên"),
        )
        .expect("cluster");
    h.action(Action::Refresh);
    (h, id.0)
}

#[test]
fn a_cluster_is_found_by_its_region_in_the_palette() {
    let (mut h, id) = demo_with_highland_cluster();
    h.key(KeyCode::Char(':')).type_text("tay nguyen");
    let hits = &h.app.palette().expect("palette open").hits;
    assert_eq!(
        hits.first().map(|x| (x.kind, x.id)),
        Some((Kind::Cluster, id)),
        "{hits:?}"
    );
    let s = h.screen();
    assert!(s.contains("Cụm      Cụm 12 · Cụm thi đua số 12"), "{s}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.pane, Pane::Clusters);
    assert_eq!(h.app.selected_id(), Some(id));

    // The list filter finds it by the same name.
    h.key(KeyCode::Char('/')).type_text("tây nguyên");
    let list = h.app.list();
    let found: Vec<u64> = list.visible.iter().map(|i| list.rows[*i].id).collect();
    assert_eq!(found, vec![id]);
}

#[test]
fn a_cluster_is_picked_by_its_region_in_a_form() {
    let (mut h, id) = demo_with_highland_cluster();
    // A new meeting: its cluster picker.
    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    h.focus_field("cluster").type_text("tay ng");
    let form = h.app.form().expect("form open");
    let field = form.current().expect("field");
    assert_eq!(
        field.candidates.first().map(|c| c.0),
        Some(id),
        "{:?}",
        field.candidates
    );
}

#[test]
fn palette_results_scroll_with_the_selection() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':')).type_text("truong");
    let hits = h.app.palette().expect("palette open").hits.clone();
    assert!(hits.len() > 30, "enough results to scroll: {}", hits.len());
    let first = &hits[0].title;
    let s = h.screen();
    assert!(s.contains(first.as_str()), "{s}");
    for (n, hit) in hits.iter().enumerate().skip(1) {
        h.key(KeyCode::Down);
        let s = h.screen();
        let title: String = hit.title.chars().take(40).collect();
        assert!(
            s.contains(&title),
            "result {n} ({title}) highlighted but not on screen:\n{s}"
        );
    }
    // At the last result, the first has scrolled away, and the title says
    // which results are shown.
    let s = h.screen();
    assert!(!s.contains(first.as_str()), "{s}");
    assert!(s.contains(&format!("/{}", hits.len())), "{s}");
    // And back to the top.
    for _ in 0..hits.len() {
        h.key(KeyCode::Up);
    }
    assert!(h.screen().contains(first.as_str()));
}

/// Schools, meetings and people the palette lists for its current text,
/// in order.
fn palette_records(h: &Harness) -> Vec<(Kind, u64)> {
    let p = h.app.palette().expect("palette open");
    p.hits
        .iter()
        .filter(|x| x.kind != Kind::Cluster)
        .map(|x| (x.kind, x.id))
        .collect()
}

/// The same from the store's own lookup over its name index. Clusters are
/// left out: the palette finds them by their label and region as well,
/// which the index does not hold.
fn lookup_records(h: &Harness, text: &str) -> Vec<(Kind, u64)> {
    h.store
        .lookup(text)
        .expect("lookup")
        .into_iter()
        .filter(|x| matches!(x.kind, Kind::School | Kind::Meeting | Kind::Person))
        .map(|x| (x.kind, x.id))
        .collect()
}

#[test]
fn the_palette_ranks_as_the_store_lookup_at_every_keystroke() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char(':'));
    let clusters = h.app.data.clusters.len();
    let mut text = String::new();
    let mut compared = 0;
    let mut check = |h: &Harness, text: &str| {
        let shown = palette_records(h);
        let expected = lookup_records(h, text);
        let n = shown.len();
        assert_eq!(shown, expected[..n.min(expected.len())], "{text:?}");
        assert!(
            n >= expected
                .len()
                .min(thidua::app::overlays::palette::MAX_HITS - clusters),
            "{text:?}: {n} of {}",
            expected.len()
        );
        compared += usize::from(n > 0);
    };
    for q in [
        "truong chinh tri tinh ha",
        "hoi nghi tong ket",
        "nguyen van",
        "ng th",
    ] {
        for c in q.chars() {
            h.key(KeyCode::Char(c));
            text.push(c);
            check(&h, &text);
        }
        // Back down to nothing, one Backspace at a time.
        while !text.is_empty() {
            h.key(KeyCode::Backspace);
            text.pop();
            check(&h, &text);
        }
    }
    assert!(compared > 40, "most keystrokes found something: {compared}");
}
