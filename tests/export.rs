//! Exports hold the numbers the screen shows, and carry the illustrative
//! mark when the data is practice data.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::tui::Harness;
use crossterm::event::KeyCode;

fn numbers(line: &str) -> Vec<f64> {
    line.trim_matches('│')
        .split_whitespace()
        .filter_map(|w| {
            w.trim_start_matches('=')
                .replace(',', ".")
                .parse::<f64>()
                .ok()
        })
        .collect()
}

#[test]
fn the_xlsx_export_holds_the_numbers_on_screen() {
    let mut h = Harness::demo(160, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    let screen = h.screen();
    let grid: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
    let total = grid
        .iter()
        .find(|l| l.contains("Tổng"))
        .map(|l| numbers(l))
        .expect("totals row");
    let first_row = grid
        .iter()
        .find(|l| l.contains("I.1 "))
        .map(|l| numbers(l))
        .expect("row I.1");
    assert_eq!(total.len(), 6, "{screen}");

    let path = h.dir.path().join("cum.xlsx");
    h.key(KeyCode::Char('x'));
    assert!(h.app.prompt().is_some());
    h.key(KeyCode::End);
    for _ in 0..60 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&path.display().to_string()).key(KeyCode::Enter);
    assert!(h.app.prompt().is_none(), "{:?}", h.app.prompt());
    assert!(h.screen().contains("Đã ghi"));

    let mut wb: Xlsx<_> = open_workbook(&path).expect("open xlsx");
    let range = wb
        .worksheet_range(&thidua::export::xlsx::Tab::Cluster.name(thidua::i18n::Lang::Vi))
        .expect("scores sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        _ => String::new(),
    };
    assert!(
        text(&rows[0][0]).contains("VÍ DỤ MINH HỌA"),
        "{:?}",
        rows[0]
    );
    let row_with = |label: &str| -> Vec<f64> {
        let r = rows
            .iter()
            .find(|r| r.iter().any(|c| text(c) == label))
            .unwrap_or_else(|| panic!("no {label}"));
        r.iter()
            .skip(3)
            .filter_map(|c| match c {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect()
    };
    assert_eq!(row_with("Tổng"), total);
    let i1 = rows.iter().find(|r| text(&r[0]) == "I.1").expect("I.1 row");
    let xlsx_i1: Vec<f64> = i1
        .iter()
        .skip(3)
        .filter_map(|c| {
            if let Data::Float(f) = c {
                Some(*f)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(xlsx_i1, first_row, "each school's score on I.1");
}

#[test]
fn every_export_marks_illustrative_data() {
    let h = Harness::demo(80, 24);
    let data = thidua::app::data::Data::load(&h.store).expect("data");
    let (cluster, year) = data
        .sheets
        .values()
        .next()
        .map(|s| (s.cluster, s.year))
        .expect("practice sheet");
    for format in [
        thidua::export::Format::Csv,
        thidua::export::Format::Md,
        thidua::export::Format::Minutes,
    ] {
        let bytes = thidua::export::render(&data, cluster, year, format, thidua::i18n::Lang::Vi)
            .expect("export");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.contains("VÍ DỤ MINH HỌA"), "{format:?}: {text}");
    }
}
