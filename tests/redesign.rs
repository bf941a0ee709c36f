//! What the redesign of the app (issue 11) fixed, seen as a user sees it:
//! the help stops scrolling at its end, and a tally the year's rule refuses
//! is explained in Vietnamese in the sheets pane and in the exports.

mod common;

use common::practice_sheet;
use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::domain::access::Role;
use thidua::domain::*;
use thidua::i18n::Lang;
use thidua::store::Author;

#[test]
fn help_scroll_stops_at_the_last_row_and_comes_back_at_once() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('?'));
    assert!(h.app.help().is_some(), "{}", h.screen());
    let end = h.app.help_max_scroll();
    assert!(end > 0, "the help is longer than one screen at 80×24");
    for _ in 0..(end + 40) {
        h.key(KeyCode::PageDown);
    }
    assert_eq!(h.app.help().map(|x| x.scroll), Some(end));
    // The last row of the help is on screen, with nothing blank after it.
    let last_row = thidua::app::overlays::help_rows(&h.app.keymap)
        .last()
        .cloned();
    let Some(thidua::app::overlays::HelpRow::Keys(keys, _)) = last_row else {
        panic!("the help ends with a binding");
    };
    let s = h.screen();
    assert!(s.contains(keys.trim()), "{s}");
    // One ↑ moves at once: the scroll was never past the end.
    h.key(KeyCode::Up);
    assert_eq!(h.app.help().map(|x| x.scroll), Some(end - 1));
}

/// Cuts the practice table's quota of certificates to one, after its
/// ballot gave 11 votes among 6 valid ballots for two seats: the recorded
/// ballot no longer tallies under the year's rule.
fn one_certificate(h: &Harness) -> (ClusterId, u16) {
    let (_, sheet) = practice_sheet(&h.store);
    let mut table: CriteriaTable = h
        .store
        .get(sheet.table)
        .expect("read")
        .expect("the practice table");
    table
        .award_quotas
        .retain(|q| q.kind != AwardKind::AcademyCertificate);
    table.award_quotas.push(AwardQuota {
        kind: AwardKind::AcademyCertificate,
        max: 1,
    });
    let by = Author {
        actor: "thu_ky",
        reason: "",
        role: &Role::Admin,
    };
    h.store
        .update(by, sheet.table, table)
        .expect("update table");
    (sheet.cluster, sheet.year)
}

const VI: &str = "tổng số phiếu bầu vượt số phiếu hợp lệ";
const EN: &str = "more votes in all";

#[test]
fn a_refused_tally_reads_in_vietnamese_in_the_sheets_pane_and_the_exports() {
    let mut h = Harness::demo(120, 40);
    let (cluster, year) = one_certificate(&h);
    h.action(thidua::app::Action::Refresh);
    // The list of sheets shows the selected sheet's ballots beside it.
    h.key(KeyCode::Char('4'));
    let s = h.screen();
    assert!(s.contains(VI), "{s}");
    assert!(!s.contains(EN), "{s}");
    for format in [thidua::export::Format::Minutes, thidua::export::Format::Csv] {
        let bytes =
            thidua::export::render(&h.app.data, cluster, year, format, Lang::Vi).expect("render");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(VI), "{format:?}: {text}");
        assert!(!text.contains(EN), "{format:?}: {text}");
    }
}
