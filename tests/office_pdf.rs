//! The exported documents open in LibreOffice and print: each is converted
//! to PDF with `soffice --headless --convert-to pdf`, which must succeed
//! with pages of the right size. Skipped (loudly) where LibreOffice is not
//! installed; `.ci/run` installs it, and under CI a missing one fails.

mod common;

use common::office;
use thidua::export::xlsx::Tab;
use thidua::export::{Format, render};
use thidua::i18n::Lang;

/// The practice conference's workbook, written to `dir`.
fn practice_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let store = thidua::store::Store::open(&dir.join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (_, sheet) = common::practice_sheet(&store);
    let data = thidua::app::data::Data::load(&store).expect("data");
    let bytes = render(&data, sheet.cluster, sheet.year, Format::Xlsx, Lang::Vi).expect("xlsx");
    let file = dir.join("cum-luyen-tap-2024.xlsx");
    std::fs::write(&file, bytes).expect("write");
    file
}

#[test]
fn the_workbook_converts_to_a4_landscape_pdf_pages() {
    if !office::available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = practice_workbook(dir.path());
    let pdf = office::to_pdf(&file, dir.path());
    // Every sheet prints on one page wide at least.
    assert!(pdf.pages as usize >= Tab::ALL.len(), "{} pages", pdf.pages);
    let (w, h) = office::page_size(&pdf.path);
    assert!(
        (w - 841.9).abs() < 2.0 && (h - 595.3).abs() < 2.0,
        "{w} × {h} pt"
    );
    let text = office::text(&pdf.path);
    // The mark on every page, the titles and a total as LibreOffice shows them.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), pdf.pages as usize);
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("VÍ DỤ MINH HỌA"), "page {}: {p}", i + 1);
    }
    assert!(
        text.contains("BẢNG ĐIỂM THI ĐUA NĂM 2024 — CỤM CHẤM"),
        "{text}"
    );
    assert!(
        text.contains("KẾT QUẢ HỘI NGHỊ TỔNG KẾT NĂM 2024"),
        "{text}"
    );
}
