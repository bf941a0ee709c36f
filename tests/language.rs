//! The Vietnamese interface speaks Vietnamese: the scan that every TUI and
//! CLI test runs (tests/common/english.rs) is itself checked here, and the
//! messages for I/O and parse errors are checked in both languages.

mod common;

use common::english::english_words;

#[test]
fn the_scan_finds_english_and_passes_vietnamese() {
    assert_eq!(english_words("Chưa lưu: not a number"), ["not", "number"]);
    assert_eq!(
        english_words("No such file or directory (os error 2)"),
        ["such", "file", "or", "directory", "os", "error"]
    );
    assert!(english_words("Trường Chính trị Tô Hiệu · Cụm 4 · Đắk Lắk").is_empty());
    assert!(english_words("Đã lưu /tmp/x/biên-bản.docx · Ctrl+S").is_empty());
}
