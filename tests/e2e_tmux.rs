//! End to end: the real binary in a real terminal (tmux, 80×24,
//! `TERM=xterm-256color`), driven by keys and read back from the screen.
//!
//! `cargo test --release` runs the release binary (`CARGO_BIN_EXE_thidua`);
//! a debug build works the same. Each test has its own tmux server (a unique
//! `-L` socket) that a guard kills however the test ends. Waits poll the
//! screen until the expected text shows, with a timeout; there are no fixed
//! sleeps.
//!
//! Without tmux the tests are skipped with a loud message, unless `CI` is
//! set: CI installs tmux (`.ci/run`), so a missing tmux there is a failure.

mod common;

use common::tmux::{Tmux, tmux_available};
use common::{line_with, status_line};
use std::path::Path;
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

const NAME: &str = "Trường Chính trị tỉnh Điện Biên";
const PROVINCE: &str = "Điện Biên";
const OTHER: &str = "Trường Chính trị tỉnh Lai Châu";

/// An empty keymap file, so a keymap in the user's config folder cannot
/// change the keys the test presses.
fn keymap_file(dir: &Path) -> String {
    let p = dir.join("keymap.txt");
    std::fs::write(&p, "# defaults only\n").expect("keymap");
    p.display().to_string()
}

fn lookup_json(db: &str, query: &str) -> serde_json::Value {
    let out = Command::new(BIN)
        .args(["--db", db, "lookup", "--json", query])
        .output()
        .expect("run lookup");
    assert!(
        out.status.success(),
        "lookup failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("lookup --json prints JSON")
}

/// The titles of the schools `lookup --json` finds.
fn school_titles(found: &serde_json::Value) -> Vec<String> {
    found
        .as_array()
        .expect("a JSON array")
        .iter()
        .filter(|f| {
            f["kind"]
                .as_str()
                .is_some_and(|k| k.eq_ignore_ascii_case("school"))
        })
        .filter_map(|f| f["title"].as_str().map(str::to_string))
        .collect()
}

/// Types a new school with diacritics, saves, quits; reopens the same
/// database and finds it by an accent-free filter.
#[test]
fn a_school_typed_with_diacritics_is_found_again_without_accents() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    let keymap = keymap_file(dir.path());
    let t = Tmux::new(dir.path(), "school");

    // First run: an empty database.
    t.start("one", BIN, &["--db", &db, "--keymap", &keymap]);
    t.wait_text("one", "Trường (0)");
    t.keys("one", &["n"]);
    t.wait_text("one", "Thêm trường");
    t.type_text("one", NAME);
    t.wait_text("one", NAME);
    // Name, honorific names, province.
    t.keys("one", &["Tab", "Tab"]);
    t.type_text("one", PROVINCE);
    let screen = t.wait_for("one", "the province typed", |s| {
        line_with(s, "Tỉnh/thành phố").is_some_and(|l| l.contains(PROVINCE))
    });
    assert!(
        line_with(&screen, "Tên*").is_some_and(|l| l.contains(NAME)),
        "the name is on its own line:\n{screen}"
    );
    t.keys("one", &["C-s"]);
    let screen = t.wait_for("one", "Đã lưu on the status line", |s| {
        status_line(s).contains("Đã lưu")
    });
    assert!(
        screen.contains("Trường (1)"),
        "the list has the new school:\n{screen}"
    );
    // A second school, which the filter must leave out.
    t.keys("one", &["n"]);
    t.wait_text("one", "Thêm trường");
    t.type_text("one", OTHER);
    t.wait_text("one", OTHER);
    t.keys("one", &["C-s"]);
    t.wait_text("one", "Trường (2)");
    t.keys("one", &["q"]);
    assert_eq!(t.wait_exit("one"), 0, "the program exits cleanly");

    // Second run on the same database: filter without accents.
    t.start("two", BIN, &["--db", &db, "--keymap", &keymap]);
    t.wait_text("two", "Trường (2)");
    t.keys("two", &["/"]);
    t.type_text("two", "dien bien");
    let screen = t.wait_text("two", "dien bien");
    assert!(
        screen.contains("Trường (1)"),
        "the title counts one row:\n{screen}"
    );
    assert!(
        !screen.contains("Lai Châu"),
        "the filter leaves the other school out:\n{screen}"
    );
    // The list (left column) shows the school by its short name.
    let in_list = screen
        .lines()
        .skip(2)
        .take(19)
        .any(|l| l.chars().take(32).collect::<String>().contains(PROVINCE));
    assert!(in_list, "the list shows {PROVINCE:?}:\n{screen}");
    // The detail shows the full name with its diacritics, as typed.
    assert!(
        screen.contains(NAME),
        "the detail shows {NAME:?}:\n{screen}"
    );
    // Enter keeps the filter and leaves it; then q quits.
    t.keys("two", &["Enter", "q"]);
    assert_eq!(t.wait_exit("two"), 0);

    // And the command line finds it, accent-free, spelled as typed.
    let found = lookup_json(&db, "dien bien");
    assert_eq!(school_titles(&found), vec![NAME.to_string()], "{found}");
}

/// A name pasted in NFD (as some systems' clipboards hold it) is stored in
/// NFC; the paste is bracketed, so a tab in it is text, not a key.
#[test]
fn a_pasted_nfd_name_is_stored_in_nfc() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    let keymap = keymap_file(dir.path());
    let t = Tmux::new(dir.path(), "nfd");

    let nfc = "Trường Chính trị tỉnh Hà Nam";
    let nfd: String = "Trường Chính trị\ttỉnh Hà Nam".nfd().collect();
    assert_ne!(nfd.as_bytes(), nfc.as_bytes());

    t.start("run", BIN, &["--db", &db, "--keymap", &keymap]);
    t.wait_text("run", "Trường (0)");
    t.keys("run", &["n"]);
    t.wait_text("run", "Thêm trường");
    t.paste("run", &nfd);
    t.wait_for("run", "the pasted name", |s| {
        line_with(s, "Tên*").is_some_and(|l| l.contains("Hà Nam"))
    });
    t.keys("run", &["C-s"]);
    t.wait_for("run", "Đã lưu on the status line", |s| {
        status_line(s).contains("Đã lưu")
    });
    t.keys("run", &["q"]);
    assert_eq!(t.wait_exit("run"), 0);

    let found = lookup_json(&db, "ha nam");
    let titles = school_titles(&found);
    assert_eq!(titles.len(), 1, "{found}");
    assert_eq!(
        titles[0].as_bytes(),
        nfc.as_bytes(),
        "stored {:?}, want the NFC {nfc:?}",
        titles[0]
    );
}

/// The colour state of a terminal as SGR sequences change it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sgr {
    /// Foreground: `None` for the default, else a 256-colour index.
    fg: Option<u8>,
    /// Background: `None` for the default; truecolour counts as set.
    bg: Option<u16>,
    reverse: bool,
}

impl Sgr {
    fn apply(&mut self, params: &str) {
        let p: Vec<u16> = params
            .split([';', ':'])
            .map(|x| x.parse().unwrap_or(0))
            .collect();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                0 => *self = Sgr::default(),
                7 => self.reverse = true,
                27 => self.reverse = false,
                c @ 30..=37 => self.fg = Some((c - 30) as u8),
                c @ 90..=97 => self.fg = Some((c - 90 + 8) as u8),
                39 => self.fg = None,
                c @ 40..=47 => self.bg = Some(c - 40),
                c @ 100..=107 => self.bg = Some(c - 100 + 8),
                49 => self.bg = None,
                38 | 48 => {
                    let fg = p[i] == 38;
                    match p.get(i + 1) {
                        Some(5) => {
                            let n = p.get(i + 2).copied().unwrap_or(0);
                            if fg {
                                self.fg = Some(n as u8);
                            } else {
                                self.bg = Some(n);
                            }
                            i += 2;
                        }
                        Some(2) => {
                            // Truecolour: not one of the named colours.
                            if fg {
                                self.fg = Some(255);
                            } else {
                                self.bg = Some(1000);
                            }
                            i += 4;
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// Text drawn in yellow (3, 11) or white (7, 15) on the terminal's own
/// background: unreadable on a light terminal.
fn pale_text(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (row, line) in screen.lines().enumerate() {
        let mut state = Sgr::default();
        let mut chars = line.chars().peekable();
        let mut col = 0;
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    let mut params = String::new();
                    for d in chars.by_ref() {
                        if d.is_ascii_alphabetic() {
                            if d == 'm' {
                                state.apply(&params);
                            }
                            break;
                        }
                        params.push(d);
                    }
                }
                continue;
            }
            col += 1;
            if c.is_whitespace() || state.reverse || state.bg.is_some() {
                continue;
            }
            if matches!(state.fg, Some(3 | 11 | 7 | 15)) {
                found.push(format!(
                    "row {row} col {col}: {c:?} in colour {:?}",
                    state.fg
                ));
            }
        }
    }
    found
}

/// The light theme draws no yellow or white text on the terminal's
/// background, in the list, a detail, a form and the help.
#[test]
fn the_light_theme_has_no_pale_text() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let keymap = keymap_file(dir.path());
    let t = Tmux::new(dir.path(), "light");
    t.start(
        "run",
        BIN,
        &["--demo", "--theme", "light", "--keymap", &keymap],
    );
    // The list and the status line (drawn last) are there.
    let screen = t.wait_for("run", "the list and the status line", |s| {
        s.contains("Trường (") && s.contains("Bà Rịa – Vũng") && status_line(s).contains("(demo)")
    });
    assert!(
        status_line(&screen).contains("Chưa có thay đổi"),
        "the status line says nothing changed yet:\n{screen}"
    );
    let mut pale = Vec::new();
    let mut check = |what: &str, t: &Tmux| {
        let raw = t.screen_with_escapes("run");
        assert!(raw.contains("\u{1b}["), "{what}: the capture has colours");
        pale.extend(pale_text(&raw).into_iter().map(|p| format!("{what}: {p}")));
    };
    check("schools list", &t);
    t.keys("run", &["Enter"]);
    // The detail has the keys: the key bar offers Esc.
    t.wait_for("run", "the detail focused", |s| s.contains("Esc Quay lại"));
    check("school detail", &t);
    // An Esc followed at once by a key reads as Alt plus that key, so each
    // Esc is waited out.
    t.keys("run", &["Escape"]);
    t.wait_for("run", "the list", |s| !s.contains("Esc Quay lại"));
    t.keys("run", &["2"]);
    // The clusters list's title (the tab says "2 Cụm & lịch sử" without a count).
    t.wait_text("run", "Cụm & lịch sử (");
    check("clusters", &t);
    t.keys("run", &["n"]);
    t.wait_text("run", "Thêm cụm");
    check("cluster form", &t);
    t.keys("run", &["Escape"]);
    t.wait_for("run", "the form closed", |s| !s.contains("Thêm cụm"));
    t.keys("run", &["?"]);
    t.wait_text("run", "Trợ giúp: phím tắt");
    check("help", &t);
    assert!(
        pale.is_empty(),
        "yellow or white text on the default background:\n{}",
        pale.join("\n")
    );
    t.keys("run", &["q"]);
    t.wait_for("run", "the help closed", |s| {
        !s.contains("Trợ giúp: phím tắt")
    });
    t.keys("run", &["q"]);
    assert_eq!(t.wait_exit("run"), 0);
}
