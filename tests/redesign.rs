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

/// The display column where `needle` starts on the screen's line `row`.
fn column_of(screen: &str, row: usize, needle: &str) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let line = screen.lines().nth(row).unwrap_or_default();
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} on row {row}: {line}"));
    u16::try_from(line.get(..at).unwrap_or_default().width()).unwrap_or(u16::MAX)
}

#[test]
fn the_grid_caret_stands_where_the_typing_is_with_wide_characters_and_arrows() {
    let mut h = Harness::demo(120, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    let s = h.screen();
    // The first school's column starts where its name starts in the header;
    // the first criterion's row is the row of "I.1".
    let header_row = s
        .lines()
        .position(|l| l.contains("Minh họa A"))
        .expect("the grid's header");
    let x0 = column_of(&s, header_row, "Minh họa A");
    let y0 = u16::try_from(header_row + 1).unwrap_or(u16::MAX);
    // Move one cell right, so the column is not the first one either.
    h.key(KeyCode::Right);
    let x1 = column_of(&s, header_row, "Minh họa B");
    h.type_text("9");
    assert_eq!(h.cursor(), Some((x1 + 1, y0)), "{}", h.screen());
    // A wide character (two columns) moves the caret two columns.
    h.type_text("５");
    assert_eq!(h.cursor(), Some((x1 + 3, y0)));
    h.key(KeyCode::Left);
    assert_eq!(
        h.cursor(),
        Some((x1 + 1, y0)),
        "← puts it back between the two"
    );
    h.key(KeyCode::Left);
    assert_eq!(h.cursor(), Some((x1, y0)));
    h.key(KeyCode::Right).key(KeyCode::Right);
    assert_eq!(h.cursor(), Some((x1 + 3, y0)));
    assert!(x1 > x0, "the second column is right of the first");
}
