//! Property test: arbitrary Unicode typed and pasted into every text field
//! of every form. Vietnamese in NFC and NFD, CJK, emoji (ZWJ sequences,
//! flags, variation selectors), C0/C1 controls, escape sequences and bidi
//! controls. After every operation the screen draws, the terminal cursor is
//! on the focused field's row inside the form, right after the text before
//! the caret, and the caret is inside the text; after saving, every stored
//! text is NFC with no control, escape or bidi characters.
//!
//! Opening a database and loading the demo takes ~0.2 s and a draw ~5 ms in
//! a debug build, so each test keeps one demo app for all its cases and
//! opens a fresh form per case.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use std::cell::RefCell;
use std::collections::HashSet;
use thidua::app::form::{FieldKind, RefKind, Target};
use thidua::domain::{Award, Cluster, Meeting, Person, School, Term};
use thidua::i18n::{Lang, tr};
use thidua::store::{Record, Store};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const W: u16 = 80;
const H: u16 = 24;

/// The inside of the form's box on the screen, found from its title and
/// border corners so the test does not depend on the form's geometry.
#[derive(Debug, Clone, Copy)]
struct FormBox {
    left: u16,
    right: u16,
    top: u16,
    bottom: u16,
}

/// Finds the box whose top border carries `title`.
fn form_box(buffer: &Buffer, title: &str) -> Option<FormBox> {
    let title: Vec<&str> = title.graphemes(true).collect();
    for y in 0..buffer.area.height {
        for x in 1..buffer.area.width {
            let fits = title.iter().enumerate().all(|(i, g)| {
                let cx = x + i as u16;
                cx < buffer.area.width && buffer[(cx, y)].symbol() == *g
            });
            if !fits || buffer[(x - 1, y)].symbol() != "┌" {
                continue;
            }
            let right = (x..buffer.area.width).find(|cx| buffer[(*cx, y)].symbol() == "┐")?;
            let bottom =
                (y + 1..buffer.area.height).find(|cy| buffer[(x - 1, *cy)].symbol() == "└")?;
            return Some(FormBox {
                left: x,
                right: right - 1,
                top: y + 1,
                bottom: bottom - 1,
            });
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    School,
    Cluster,
    Term,
    Meeting,
    Person,
    Award,
}

#[derive(Debug, Clone)]
enum Op {
    Type(String),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

/// One case: whether to press Ctrl-S on the empty form first (so required
/// fields carry error lines that shift the rows below them), then up to two
/// fields, each picked by an index (modulo the form's text fields) with the
/// operations done in it.
#[derive(Debug, Clone)]
struct Case {
    save_first: bool,
    fields: Vec<(usize, Vec<Op>)>,
}

// ----------------------------------------------------------------------------
// Generators.

const COMBINING: [char; 8] = [
    '\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0302}', '\u{0306}', '\u{031B}',
];

const VIETNAMESE_NFC: &[&str] = &[
    "Trường",
    "Chính trị",
    "tỉnh",
    "Điện Biên",
    "Hà Nam",
    "Nguyễn Văn Đức",
    "Bà Rịa – Vũng Tàu",
    "Thừa Thiên Huế",
    "ư",
    "ơ",
    "ắ",
    "ỗ",
    "Ỷ",
    "ệ",
    "đ",
    "Đ",
    "ữ",
    "ậ",
];

const CJK: &[&str] = &[
    "漢字",
    "中文",
    "日本語",
    "한국어",
    "ᄀ",
    "ᅡ",
    "ᆨ",
    "가",
    "ｶﾀｶﾅ",
    "𠜎",
    "　",
];

const EMOJI: &[&str] = &[
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "☺\u{fe0f}",
    "🇻🇳",
    "🇻",
    "\u{200d}",
    "\u{fe0f}",
    "1\u{fe0f}\u{20e3}",
];

const ESCAPES: &[&str] = &[
    "\x1b[31m",
    "\x1b]0;x\x07",
    "\x1b[2J",
    "\x1b[0m",
    "\x1bP1;2|x\x1b\\",
    "\x1b]8;;http://x\x1b\\",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\x1b",
    "\x1bc",
];

const BIDI: &[&str] = &[
    "\u{202e}", "\u{202d}", "\u{202a}", "\u{202c}", "\u{2066}", "\u{2067}", "\u{2069}", "\u{200f}",
    "\u{200e}", "\u{061c}", "\u{feff}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(list).prop_map(str::to_string)
}

fn control_char() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0').to_string()),
        Just("\u{7f}".to_string()),
        (0x80u32..0xa0).prop_map(|c| char::from_u32(c).unwrap_or('\0').to_string()),
        Just("\r\n".to_string()),
        Just("\u{2028}".to_string()),
    ]
}

fn nfd_letter() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(&['a', 'A', 'e', 'E', 'i', 'o', 'O', 'u', 'U', 'y', 'Y', 'd'][..]),
        proptest::collection::vec(proptest::sample::select(&COMBINING[..]), 0..=2),
    )
        .prop_map(|(base, marks)| {
            let mut s = base.to_string();
            s.extend(marks);
            s
        })
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pick(VIETNAMESE_NFC),
        3 => nfd_letter(),
        1 => proptest::sample::select(&COMBINING[..]).prop_map(|c| c.to_string()),
        // A whole NFD phrase.
        1 => pick(VIETNAMESE_NFC).prop_map(|s| s.nfd().collect()),
        2 => pick(CJK),
        2 => pick(EMOJI),
        2 => control_char(),
        2 => pick(ESCAPES),
        1 => pick(BIDI),
        2 => "[a-z0-9 ;/]{1,4}",
        1 => Just(" ".to_string()),
        // Any character but the halfwidth sound marks U+FF9E/U+FF9F, which
        // ratatui-core 0.1 draws a column wider than unicode-width 0.2
        // measures them (an upstream mismatch, not this program's).
        1 => any::<char>().prop_map(|c| match c {
            '\u{ff9e}' | '\u{ff9f}' => '?'.to_string(),
            c => c.to_string(),
        }),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 1..=4).prop_map(|v| v.concat())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => text().prop_map(Op::Type),
        3 => text().prop_map(Op::Paste),
        2 => Just(Op::Backspace),
        1 => Just(Op::Delete),
        2 => Just(Op::Left),
        1 => Just(Op::Right),
        1 => Just(Op::Home),
        1 => Just(Op::End),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::bool::weighted(0.25),
        proptest::collection::vec((0usize..64, proptest::collection::vec(op(), 0..=20)), 1..=2),
    )
        .prop_map(|(save_first, fields)| Case { save_first, fields })
}

// ----------------------------------------------------------------------------
// Driving the app.

/// Closes whatever is open and goes back to a list.
fn reset(h: &mut Harness) {
    for _ in 0..4 {
        if h.app.confirm().is_some() {
            h.key(KeyCode::Enter);
        } else if h.app.form().is_some() || h.app.help().is_some() || h.app.palette().is_some() {
            h.key(KeyCode::Esc);
        } else {
            break;
        }
    }
    assert!(
        h.app.form().is_none() && h.app.confirm().is_none(),
        "cannot close the form"
    );
}

fn open_form(h: &mut Harness, kind: FormKind) {
    reset(h);
    let keys: &[KeyCode] = match kind {
        FormKind::School => &[KeyCode::Char('1'), KeyCode::Char('n')],
        FormKind::Cluster => &[KeyCode::Char('2'), KeyCode::Char('n')],
        FormKind::Term => &[KeyCode::Char('2'), KeyCode::Enter, KeyCode::Char('n')],
        FormKind::Meeting => &[KeyCode::Char('3'), KeyCode::Char('n')],
        FormKind::Person => &[KeyCode::Char('5'), KeyCode::Char('n')],
        FormKind::Award => &[KeyCode::Char('1'), KeyCode::Enter, KeyCode::Char('n')],
    };
    for k in keys {
        h.key(*k);
    }
    let target = h.app.form().map(|f| f.target.clone());
    let ok = matches!(
        (kind, &target),
        (FormKind::School, Some(Target::School(None)))
            | (FormKind::Cluster, Some(Target::Cluster(None)))
            | (FormKind::Term, Some(Target::Term(None, _)))
            | (FormKind::Meeting, Some(Target::Meeting(None)))
            | (FormKind::Person, Some(Target::Person(None)))
            | (FormKind::Award, Some(Target::Award(None)))
    );
    assert!(ok, "{kind:?}: expected a new form, got {target:?}");
}

/// Moves the form's focus to field `i` with Tab.
fn focus_field(h: &mut Harness, i: usize) {
    let n = h.app.form().map_or(0, |f| f.fields.len());
    for _ in 0..=n.max(20) {
        if h.app.form().map(|f| f.focus) == Some(i) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("could not reach field {i}");
}

fn apply(h: &mut Harness, op: &Op) {
    match op {
        Op::Type(s) => h.type_text(s),
        Op::Paste(s) => h.paste(s),
        Op::Backspace => h.key(KeyCode::Backspace),
        Op::Delete => h.key(KeyCode::Delete),
        Op::Left => h.key(KeyCode::Left),
        Op::Right => h.key(KeyCode::Right),
        Op::Home => h.key(KeyCode::Home),
        Op::End => h.key(KeyCode::End),
    };
}

/// Draws a frame and returns it with the cursor. The frame is the one the
/// app drew, not the test backend's copy: `TestBackend` does not let a wide
/// character cover the next cell as a terminal does, so after CJK or emoji
/// its copy keeps stale characters that no real screen would show.
fn draw(h: &mut Harness) -> (Buffer, Option<(u16, u16)>) {
    let app = &h.app;
    let frame = h
        .terminal
        .draw(|f| thidua::ui::draw(f, app))
        .expect("draw")
        .buffer
        .clone();
    let backend = h.terminal.backend();
    let cursor = backend
        .cursor_visible()
        .then(|| (backend.cursor_position().x, backend.cursor_position().y));
    (frame, cursor)
}

/// The frame as text, one line per row (wide characters take one `char`).
fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Draws once and checks the screen, the terminal cursor and the caret.
fn check_after_op(h: &mut Harness, what: &str) -> Result<(), TestCaseError> {
    let (buffer, cursor) = draw(h);
    let screen = text_of(&buffer);
    let form = h.app.form();
    prop_assert!(form.is_some(), "{what}: the form closed\n{screen}");
    let form = form.unwrap();
    let field = &form.fields[form.focus];
    let text = field.input.text();
    prop_assert!(
        field.input.caret() <= field.input.len(),
        "{what}: caret {} beyond length {} in {:?}",
        field.input.caret(),
        field.input.len(),
        text
    );
    prop_assert!(
        !text.chars().any(|c| c.is_control() || is_bidi(c)),
        "{what}: the input holds a control character: {text:?}"
    );
    let Some((x, y)) = cursor else {
        return Err(TestCaseError::fail(format!(
            "{what}: no cursor shown in field {}\n{screen}",
            field.key
        )));
    };
    prop_assert!(x < W && y < H, "{what}: cursor ({x}, {y}) off screen");
    let title = tr(Lang::Vi, form.title());
    let Some(b) = form_box(&buffer, title) else {
        return Err(TestCaseError::fail(format!(
            "{what}: no form titled {title:?} on the screen\n{screen}"
        )));
    };
    let label = tr(Lang::Vi, field.label);
    // The value column starts after the label.
    let value_left = b.left + label.width() as u16 + 1;
    prop_assert!(
        (value_left..=b.right).contains(&x),
        "{what}: cursor column {x} outside the value column {value_left}..={} \
         (field {}, text {text:?})\n{screen}",
        b.right,
        field.key
    );
    prop_assert!(
        (b.top..=b.bottom).contains(&y),
        "{what}: cursor row {y} outside the form's rows {}..={}\n{screen}",
        b.top,
        b.bottom
    );
    // The cursor's row is the focused field's row: it starts with its label.
    let label: String = label.chars().take(8).collect();
    let row: String = (b.left..=b.right)
        .map(|x| buffer[(x, y)].symbol())
        .collect();
    prop_assert!(
        row.starts_with(&label),
        "{what}: cursor row {y} is not field {}'s row (label {label:?}): {row:?}\n{screen}",
        field.key
    );
    // The cursor sits right after the grapheme before the caret, as drawn:
    // an input method shows its preedit there, and the next character
    // typed appears there. Checked while the value is not scrolled (the
    // cursor left of the last column); a scrolled value misplaces it, see
    // `caret_follows_a_scrolled_value_*` below.
    let caret = field.input.caret();
    if caret > 0 && x < b.right {
        let prev = text.graphemes(true).nth(caret - 1).unwrap_or("");
        let w = prev.cell_width();
        if w > 0 && x >= value_left + w {
            let drawn = buffer[(x - w, y)].symbol();
            prop_assert_eq!(
                drawn,
                prev,
                "{}: the cursor at column {} is not after {:?} (column {} holds {:?}); \
                 text {:?}, caret {}\n{}",
                what,
                x,
                prev,
                x - w,
                drawn,
                text,
                caret,
                screen
            );
        }
    }
    Ok(())
}

/// Empties the focused field's text (not its picks).
fn clear_text(h: &mut Harness) {
    h.key(KeyCode::End);
    for _ in 0..10_000 {
        let empty = h
            .app
            .form()
            .is_none_or(|f| f.fields[f.focus].input.is_empty());
        if empty {
            return;
        }
        h.key(KeyCode::Backspace);
    }
    panic!("backspace does not empty the field");
}

/// Leaves the form ready to save: fuzzed free text stays (made non-empty
/// where required); numbers, years, dates and picker searches are emptied,
/// and required ones filled with valid values. `year` is one no record of
/// the same kind uses yet.
fn make_valid(h: &mut Harness, year: u16) {
    let n = h.app.form().map_or(0, |f| f.fields.len());
    for i in 0..n {
        // A meeting's rows follow its people, cluster and year, so the
        // form may have shortened.
        if i >= h.app.form().map_or(0, |f| f.fields.len()) {
            break;
        }
        focus_field(h, i);
        let f = h.app.form().unwrap().fields[i].clone();
        match &f.kind {
            FieldKind::Text | FieldKind::TextList | FieldKind::Row(_) => {
                if f.required && thidua::text::clean_line(f.input.text()).is_empty() {
                    h.key(KeyCode::End).type_text("x");
                }
            }
            FieldKind::Number | FieldKind::Date | FieldKind::Clock => clear_text(h),
            FieldKind::Year => {
                clear_text(h);
                if f.required {
                    h.type_text(&year.to_string());
                }
            }
            FieldKind::Ref(k) | FieldKind::RefList(k) => {
                clear_text(h);
                let picked = !h.app.form().unwrap().fields[i].picked.is_empty();
                if f.required && !picked {
                    let q = match k {
                        RefKind::School => "truong",
                        RefKind::Cluster => "cum",
                        RefKind::Person => "a",
                    };
                    h.type_text(q).key(KeyCode::Enter);
                }
            }
            FieldKind::Choice(_) | FieldKind::Check => {}
        }
    }
}

/// Bidi embeddings, overrides, isolates and marks.
fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// What must never be stored: controls (ESC among them), bidi controls and
/// the byte-order mark.
fn is_forbidden(c: char) -> bool {
    c.is_control() || is_bidi(c) || c == '\u{feff}'
}

fn ids<R: Record>(store: &Store) -> HashSet<u64> {
    store
        .all::<R>()
        .expect("read")
        .into_iter()
        .map(|(id, _)| id.into())
        .collect()
}

fn new_records<R: Record>(store: &Store, before: &HashSet<u64>) -> Vec<serde_json::Value> {
    store
        .all::<R>()
        .expect("read")
        .into_iter()
        .filter(|(id, _)| !before.contains(&(*id).into()))
        .map(|(_, r)| serde_json::to_value(&r).expect("json"))
        .collect()
}

fn kind_ids(store: &Store, kind: FormKind) -> HashSet<u64> {
    match kind {
        FormKind::School => ids::<School>(store),
        FormKind::Cluster => ids::<Cluster>(store),
        FormKind::Term => ids::<Term>(store),
        FormKind::Meeting => ids::<Meeting>(store),
        FormKind::Person => ids::<Person>(store),
        FormKind::Award => ids::<Award>(store),
    }
}

fn created(store: &Store, kind: FormKind, before: &HashSet<u64>) -> Vec<serde_json::Value> {
    match kind {
        FormKind::School => new_records::<School>(store, before),
        FormKind::Cluster => new_records::<Cluster>(store, before),
        FormKind::Term => new_records::<Term>(store, before),
        FormKind::Meeting => new_records::<Meeting>(store, before),
        FormKind::Person => new_records::<Person>(store, before),
        FormKind::Award => new_records::<Award>(store, before),
    }
}

/// Every string in a record, keys included.
fn strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k);
            strings(x, out);
        }),
        _ => {}
    }
}

struct Session {
    h: Harness,
    /// Saves so far, for a fresh year per term and award.
    saves: u16,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fn run_case(kind: FormKind, case: &Case) -> Result<(), TestCaseError> {
    SESSION.with(|cell| {
        let mut slot = cell.borrow_mut();
        let session = slot.get_or_insert_with(|| {
            let mut h = Harness::demo(W, H);
            // Random edits inside words make words no scan could tell from English.
            h.scan = false;
            Session { h, saves: 0 }
        });
        let year = 2100 + session.saves;
        let result = fuzz_form(&mut session.h, kind, case, year);
        session.saves += 1;
        result
    })
}

fn fuzz_form(h: &mut Harness, kind: FormKind, case: &Case, year: u16) -> Result<(), TestCaseError> {
    open_form(h, kind);
    if kind == FormKind::Award {
        // The "other award" name is stored only for the "other" kind.
        for _ in 0..3 {
            h.key(KeyCode::Right);
        }
    }
    if case.save_first {
        h.ctrl('s');
        prop_assert!(h.app.form().is_some(), "{kind:?}: an empty form was saved");
    }
    let fields = h.app.form().unwrap().fields.clone();
    let text_fields: Vec<usize> = (0..fields.len())
        .filter(|i| fields[*i].takes_text())
        .collect();
    for (pick, ops) in &case.fields {
        let i = text_fields[pick % text_fields.len()];
        let key = fields[i].key;
        focus_field(h, i);
        check_after_op(h, &format!("{kind:?}.{key} focused"))?;
        for (n, op) in ops.iter().enumerate() {
            apply(h, op);
            check_after_op(h, &format!("{kind:?}.{key} op {n} {op:?}"))?;
        }
        // The harness's own drawing, too.
        let _ = h.screen();
    }
    make_valid(h, year);
    let typed: Vec<(&str, String)> = h
        .app
        .form()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.key, f.input.text().to_string()))
        .collect();
    let before = kind_ids(&h.store, kind);
    h.ctrl('s');
    let screen = text_of(&draw(h).0);
    if h.app.form().is_some() {
        // Not saved (a rule of the record refused it): nothing stored.
        prop_assert!(
            created(&h.store, kind, &before).is_empty(),
            "{kind:?}: the form is still open but a record was stored"
        );
        return Ok(());
    }
    let records = created(&h.store, kind, &before);
    prop_assert_eq!(
        records.len(),
        1,
        "{:?}: expected one new record after saving\n{}",
        kind,
        screen
    );
    let mut texts = Vec::new();
    strings(&records[0], &mut texts);
    for s in texts {
        prop_assert!(
            is_nfc(s),
            "{kind:?}: stored text not NFC: {s:?}\ntyped: {typed:?}"
        );
        prop_assert!(
            !s.chars().any(is_forbidden),
            "{kind:?}: stored text has a control, escape or bidi character: {s:?}\n\
             typed: {typed:?}"
        );
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking replays cases on the shared app; keep it short.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

// 24 cases per form; the meeting form, with 13 text fields, gets more.
proptest! {
    #![proptest_config(config(24))]
    #[test]
    fn school_form_fields(c in case()) {
        run_case(FormKind::School, &c)?;
    }
}

proptest! {
    #![proptest_config(config(24))]
    #[test]
    fn cluster_form_fields(c in case()) {
        run_case(FormKind::Cluster, &c)?;
    }
}

proptest! {
    #![proptest_config(config(24))]
    #[test]
    fn term_form_fields(c in case()) {
        run_case(FormKind::Term, &c)?;
    }
}

proptest! {
    #![proptest_config(config(36))]
    #[test]
    fn meeting_form_fields(c in case()) {
        run_case(FormKind::Meeting, &c)?;
    }
}

proptest! {
    #![proptest_config(config(24))]
    #[test]
    fn person_form_fields(c in case()) {
        run_case(FormKind::Person, &c)?;
    }
}

proptest! {
    #![proptest_config(config(24))]
    #[test]
    fn award_form_fields(c in case()) {
        run_case(FormKind::Award, &c)?;
    }
}

/// Every text field of every form, once each, with a fixed mix of the hard
/// inputs and every editing key; each form must then save.
#[test]
fn every_text_field_of_every_form_takes_the_hard_inputs() {
    let ops = vec![
        Op::Paste("\x1b[31mĐie\u{0323}\u{0302}n\x1b[0m \u{202e}Biên\t漢字".into()),
        Op::Type("Tru\u{031B}o\u{031B}\u{0300}ng \u{1}\u{9b}👨\u{200d}👩\u{200d}👧 🇻🇳".into()),
        Op::Left,
        Op::Left,
        Op::Backspace,
        Op::Type("\u{0301}ệ".into()),
        Op::Home,
        Op::Delete,
        Op::Right,
        Op::Paste("\x1b]0;title\x07ｶﾀｶﾅ\r\n☺\u{fe0f}".into()),
        Op::End,
        Op::Backspace,
    ];
    let mut h = Harness::demo(W, H);
    let kinds = [
        FormKind::School,
        FormKind::Cluster,
        FormKind::Term,
        FormKind::Meeting,
        FormKind::Person,
        FormKind::Award,
    ];
    for (k, kind) in kinds.into_iter().enumerate() {
        open_form(&mut h, kind);
        let n = h
            .app
            .form()
            .unwrap()
            .fields
            .iter()
            .filter(|f| f.takes_text())
            .count();
        let case = Case {
            save_first: true,
            fields: (0..n).map(|i| (i, ops.clone())).collect(),
        };
        if let Err(e) = fuzz_form(&mut h, kind, &case, 2900 + k as u16) {
            panic!("{e}");
        }
        assert!(
            h.app.form().is_none(),
            "{kind:?}: not saved\n{}",
            h.screen()
        );
    }
}

/// The inputs the generator is built around, each checked once, typed and
/// pasted, with the exact name stored.
#[test]
fn known_hard_inputs_in_the_school_name() {
    let cases: &[(&str, &str)] = &[
        ("Tru\u{031B}o\u{031B}\u{0300}ng", "Trường"),
        ("\x1b[31mĐiện\x1b[0m Biên", "Điện Biên"),
        ("\x1b]0;x\x07Hà Nam", "Hà Nam"),
        ("\u{202e}Hà Nam\u{202c}", "Hà Nam"),
        ("a\u{0}b\u{7f}c\u{85}d\u{9b}1m", "abc d"),
        // Joiners are invisible and go (docs/decisions.md); the emoji stay.
        ("👨\u{200d}👩\u{200d}👧 漢字", "👨👩👧 漢字"),
        ("l\u{200b}a\u{00ad}n\u{e0041}\u{3164}", "lan"),
    ];
    let mut h = Harness::demo(W, H);
    for (input, want) in cases {
        for paste in [false, true] {
            open_form(&mut h, FormKind::School);
            if paste {
                h.paste(input);
            } else {
                h.type_text(input);
            }
            check_after_op(&mut h, &format!("{input:?}")).unwrap();
            let before = kind_ids(&h.store, FormKind::School);
            h.ctrl('s');
            assert!(
                h.app.form().is_none(),
                "{input:?}: not saved\n{}",
                h.screen()
            );
            let rec = created(&h.store, FormKind::School, &before);
            assert_eq!(rec.len(), 1);
            let name = rec[0]["name"].as_str().unwrap_or_default().to_string();
            let sequence = input.contains(['\u{1b}', '\u{9b}']);
            if paste || !sequence {
                assert_eq!(&name, want, "paste {paste}: {input:?}");
            } else {
                // Typed one character at a time, an escape sequence's tail is
                // ordinary text (a terminal would have sent it as one key).
                assert!(is_nfc(&name) && !name.chars().any(is_forbidden), "{name:?}");
            }
        }
    }
}

/// Pastes `text` into a new school's name; returns the name's row as drawn
/// from the cursor's row, the cursor column, and the form's right edge.
fn paste_long_name(text: &str) -> (Vec<String>, u16, u16) {
    let mut h = Harness::demo(W, H);
    open_form(&mut h, FormKind::School);
    h.paste(text);
    let (buffer, cursor) = draw(&mut h);
    let (x, y) = cursor.expect("a cursor");
    let title = tr(Lang::Vi, h.app.form().unwrap().title());
    let b = form_box(&buffer, title).expect("the form");
    let row = (0..W)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect();
    (row, x, b.right)
}

/// A value wider than the field scrolls so the caret stays visible; the
/// cursor must then be right after the last character drawn. With wide
/// characters before the caret, one of the two lengths puts the scroll
/// offset inside a character.
#[test]
fn caret_follows_a_scrolled_value_after_cjk() {
    let mut wrong = Vec::new();
    for tail in ["a", "ab"] {
        let text = format!("{}{tail}", "漢".repeat(40));
        let (row, x, right) = paste_long_name(&text);
        let last = tail.chars().last().unwrap().to_string();
        if x == 0 || row[usize::from(x - 1)] != last {
            wrong.push(format!(
                "{text:?}: cursor at column {x} (form edge {right}), row {:?}",
                row.concat()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "the cursor is not after the last character:\n{}",
        wrong.join("\n")
    );
}

/// The same after emoji sequences: 👍🏽 is two columns as a string but four
/// as the sum of its characters, so too little scrolls out and the text
/// before the caret is cut with `…` under the cursor; a ZWJ family is cut
/// inside; ☺️ (with VS16) is one column by characters but two as a string,
/// so the text ends a column before the cursor.
#[test]
fn caret_follows_a_scrolled_value_after_an_emoji_sequence() {
    let mut wrong = Vec::new();
    for emoji in ["👍🏽", "👨\u{200d}👩\u{200d}👧\u{200d}👦", "☺\u{fe0f}", "🇻🇳"]
    {
        let text = format!("{emoji}{}", "abcdefghij".repeat(7));
        let (row, x, right) = paste_long_name(&text);
        if x == 0 || row[usize::from(x - 1)] != "j" || row[usize::from(x)] == "…" {
            wrong.push(format!(
                "{emoji:?}: cursor at column {x} (form edge {right}), row {:?}",
                row.concat()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "the cursor is not after the last character:\n{}",
        wrong.join("\n")
    );
}

/// Deleting what stood between two Hangul jamo leaves them side by side;
/// the input claims to keep its text in NFC, where they are one syllable.
/// (Saving cleans the text, so the stored record is NFC regardless.)
#[test]
fn the_input_stays_nfc_after_a_deletion_joins_jamo() {
    let mut h = Harness::demo(W, H);
    open_form(&mut h, FormKind::School);
    h.type_text("ᄀ😀ᅡ");
    h.key(KeyCode::Left).key(KeyCode::Backspace);
    let text = h.app.form().unwrap().fields[0].input.text().to_string();
    assert!(
        is_nfc(&text),
        "the name field holds {}, not NFC (U+AC00 가)",
        text.escape_unicode()
    );
}
