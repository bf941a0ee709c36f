//! The printable workbook (issue 12): sheets named in Vietnamese with their
//! accents, printed A4 landscape one page wide with the title rows
//! repeated, the header row and criterion columns frozen, the illustrative
//! mark on every page, next year's head and deputies in the outcomes, and
//! totals written as formulas that — recomputed here from the cells, not
//! read from the values the writer cached — equal the score grid's totals.

mod common;

use common::formula::Sheets;
use std::collections::HashMap;
use std::io::Read;
use thidua::app::data::Data;
use thidua::domain::sheet_grid::SheetGrid;
use thidua::domain::*;
use thidua::export::xlsx::{MAX_SHEET_NAME, Tab, sheet_name};
use thidua::export::{Format, render};
use thidua::i18n::{Lang, Msg, tr};
use thidua::store::Store;

const MARK: &str = "VÍ DỤ MINH HỌA";

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    (dir, store)
}

/// The practice sheet's workbook as the CLI and the TUI write it.
fn workbook(store: &Store, lang: Lang) -> Vec<u8> {
    let (_, sheet) = common::practice_sheet(store);
    let data = Data::load(store).expect("data");
    render(&data, sheet.cluster, sheet.year, Format::Xlsx, lang).expect("xlsx")
}

/// Every part of the zip as text.
fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let name = f.name().expect("part name").to_string();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(name, s);
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The opening tags `<name …>` (or `<name/>`) in `xml`.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if after.starts_with([' ', '>', '/']) {
            let end = after.find('>').expect("tag end");
            out.push(&rest[i..i + open.len() + end + 1]);
        }
        rest = &rest[i + open.len()..];
    }
    out
}

/// An attribute of a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let end = tag[i..].find('"')?;
    Some(unescape(&tag[i..i + end]))
}

/// The text inside the first `<name>…</name>`.
fn inner<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..start + end])
}

/// The worksheets' XML by sheet name, in the workbook's order.
fn sheet_xml(parts: &HashMap<String, String>) -> Vec<(String, String)> {
    let wb = &parts["xl/workbook.xml"];
    let rels = &parts["xl/_rels/workbook.xml.rels"];
    tags(wb, "sheet")
        .into_iter()
        .map(|t| {
            let name = attr(t, "name").expect("sheet name");
            let id = attr(t, "r:id").expect("r:id");
            let target = tags(rels, "Relationship")
                .into_iter()
                .find(|r| attr(r, "Id").as_deref() == Some(&id))
                .and_then(|r| attr(r, "Target"))
                .expect("relationship");
            let path = format!("xl/{}", target.trim_start_matches("/xl/"));
            (name, parts[&path].clone())
        })
        .collect()
}

/// The print titles of each sheet, by its index: `'Cụm chấm'!$1:$4`.
fn print_titles(parts: &HashMap<String, String>) -> HashMap<usize, String> {
    let wb = &parts["xl/workbook.xml"];
    let mut out = HashMap::new();
    let mut rest = wb.as_str();
    while let Some(i) = rest.find("<definedName ") {
        let tail = &rest[i..];
        let end = tail.find("</definedName>").expect("definedName end");
        let el = &tail[..end];
        let open_end = el.find('>').expect(">");
        if attr(&el[..open_end], "name").as_deref() == Some("_xlnm.Print_Titles") {
            let sheet: usize = attr(&el[..open_end], "localSheetId")
                .and_then(|s| s.parse().ok())
                .expect("localSheetId");
            out.insert(sheet, unescape(&el[open_end + 1..]));
        }
        rest = &tail[end..];
    }
    out
}

/// Which cell formats are bold and which have borders, by style index.
struct Styles {
    bold: Vec<bool>,
    bordered: Vec<bool>,
}

impl Styles {
    fn of(parts: &HashMap<String, String>) -> Styles {
        let xml = &parts["xl/styles.xml"];
        let section = |name: &str| -> &str {
            let start = xml.find(&format!("<{name} ")).expect(name);
            let end = xml[start..].find(&format!("</{name}>")).expect(name);
            &xml[start..start + end]
        };
        let split = |s: &str, el: &str| -> Vec<String> {
            s.split(&format!("<{el}"))
                .skip(1)
                .filter(|p| p.starts_with([' ', '>', '/']))
                .map(|p| p.to_string())
                .collect()
        };
        let fonts: Vec<bool> = split(section("fonts"), "font")
            .iter()
            .map(|f| f.contains("<b/>"))
            .collect();
        let borders: Vec<bool> = split(section("borders"), "border")
            .iter()
            .map(|b| b.contains("style=\"thin\""))
            .collect();
        let xfs = split(section("cellXfs"), "xf");
        let index = |xf: &str, a: &str| -> usize {
            attr(&format!(" {xf}"), a)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        Styles {
            bold: xfs.iter().map(|x| fonts[index(x, "fontId")]).collect(),
            bordered: xfs.iter().map(|x| borders[index(x, "borderId")]).collect(),
        }
    }
}

/// The style index of a cell (`A4`) in a sheet's XML.
fn style_of(sheet: &str, cell: &str) -> usize {
    tags(sheet, "c")
        .into_iter()
        .find(|c| attr(c, "r").as_deref() == Some(cell))
        .and_then(|c| attr(c, "s"))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn col_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// The row (0-based) whose column `col` reads `text`.
fn row_with(book: &Sheets, sheet: &str, col: u32, text: &str) -> u32 {
    book.rows(sheet)
        .into_iter()
        .find(|(r, _)| book.text(sheet, *r, col) == text)
        .map(|(r, _)| r)
        .unwrap_or_else(|| panic!("{sheet}: no row with {text:?} in column {col}"))
}

const FIRST_SCHOOL: u32 = 3;

/// The number a formula cell gives, recomputed, as exact hundredths; and
/// the value cached for it must agree.
fn points_at(book: &Sheets, sheet: &str, row: u32, col: u32) -> Points {
    let f = book
        .formula(sheet, row, col)
        .unwrap_or_else(|| panic!("{sheet}!{}{} is not a formula", col_name(col), row + 1));
    let v = book.eval(sheet, &f);
    let hundredths = (v * 100.0).round();
    assert!(
        (v * 100.0 - hundredths).abs() < 1e-6,
        "{f} = {v}: not in hundredths"
    );
    let cached = match book.value(sheet, row, col) {
        Some(calamine::Data::Float(x)) => *x,
        Some(calamine::Data::Int(i)) => *i as f64,
        other => panic!("{sheet}!{}{}: cached {other:?}", col_name(col), row + 1),
    };
    assert!(
        (cached - v).abs() < 1e-9,
        "{f}: cached {cached}, computed {v}"
    );
    Points(hundredths as i64)
}

/// The workbook's totals, recomputed from its formulas, equal the score
/// grid's for every school, in the three views; every other formula gives
/// the value cached for it too.
fn assert_totals_match_the_grid(store: &Store, bytes: &[u8], lang: Lang) {
    let (_, sheet) = common::practice_sheet(store);
    let table: CriteriaTable = store.must_get(sheet.table).expect("table");
    let grid = SheetGrid::new(&sheet, &table);
    let book = Sheets::open(bytes);
    let total_label = tr(lang, Msg::Total);
    let (cluster, own, diff) = (
        Tab::Cluster.name(lang),
        Tab::SelfScore.name(lang),
        Tab::Diff.name(lang),
    );
    for tab in [&cluster, &own, &diff] {
        let row = row_with(&book, tab, 1, total_label);
        for (j, _) in grid.schools.iter().enumerate() {
            let col = FIRST_SCHOOL + j as u32;
            let got = points_at(&book, tab, row, col);
            let standing = grid.standing(j).expect("standing").total;
            let self_total = grid.self_total(j).expect("self total");
            let want = if tab == &cluster {
                standing
            } else if tab == &own {
                self_total
            } else {
                self_total - standing
            };
            assert_eq!(got, want, "{tab}, school column {j}");
        }
    }
    // The outcomes' ranking names the same totals.
    let outcomes = Tab::Outcomes.name(lang);
    let formulas: Vec<_> = book
        .all_formulas()
        .into_iter()
        .filter(|(s, ..)| s == &outcomes)
        .collect();
    assert_eq!(formulas.len(), 2 * grid.schools.len(), "{formulas:?}");
    for (s, r, c, f) in book.all_formulas() {
        let v = book.eval(&s, &f);
        let cached = book.value(&s, r, c);
        let cached = match cached {
            Some(calamine::Data::Float(x)) => *x,
            Some(calamine::Data::Int(i)) => *i as f64,
            other => panic!("{s}!{}{}: cached {other:?}", col_name(c), r + 1),
        };
        assert!(
            (v - cached).abs() < 1e-9,
            "{s}!{}{} {f}: {v} ≠ {cached}",
            col_name(c),
            r + 1
        );
    }
}

#[test]
fn the_sheets_are_named_in_vietnamese_with_their_accents() {
    let (_dir, store) = demo();
    for (lang, want) in [
        (
            Lang::Vi,
            ["Cụm chấm", "Tự chấm", "Chênh lệch", "Bỏ phiếu", "Kết quả"],
        ),
        (
            Lang::En,
            [
                "Cluster score",
                "Self score",
                "Difference",
                "Ballots",
                "Outcomes",
            ],
        ),
    ] {
        let parts = parts(&workbook(&store, lang));
        let names: Vec<String> = sheet_xml(&parts).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, want);
        assert_eq!(names, Tab::ALL.map(|t| t.name(lang)));
    }
    // Composed, as typed: "ụ" is one character, so Excel's count is 8.
    assert_eq!("Cụm chấm".encode_utf16().count(), 8);
}

#[test]
fn any_text_becomes_a_sheet_name_excel_accepts() {
    let long = "Bảng điểm thi đua của Cụm thi đua các Trường Chính trị khu vực Đồng bằng sông Hồng";
    let cases = [
        "Bảng: điểm/tự chấm [2024]?*\\",
        long,
        "'Cụm chấm'",
        "",
        "   ",
        "Cu\u{0323}m cha\u{0302}\u{0301}m", // decomposed: combining marks
        "a\u{7}b\u{1b}[31mc",
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", // 32 UTF-16 units
    ];
    for text in cases {
        let name = sheet_name(text);
        assert!(!name.is_empty(), "{text:?}");
        assert!(
            name.encode_utf16().count() <= MAX_SHEET_NAME,
            "{text:?} → {name:?}"
        );
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
                && !name.chars().any(char::is_control),
            "{text:?} → {name:?}"
        );
        assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}");
        let mut wb = rust_xlsxwriter::Workbook::new();
        assert!(
            wb.add_worksheet().set_name(&name).is_ok(),
            "{text:?} → {name:?} refused"
        );
    }
    assert_eq!(sheet_name("Cu\u{0323}m cha\u{0302}\u{0301}m"), "Cụm chấm");
    assert!(long.starts_with(&sheet_name(long)));
    assert_eq!(sheet_name(long).chars().count(), 31);
    assert_eq!(sheet_name("'Cụm chấm'"), "Cụm chấm");
}

#[test]
fn every_sheet_prints_a4_landscape_one_page_wide_with_its_title_rows_repeated() {
    let (_dir, store) = demo();
    let parts = parts(&workbook(&store, Lang::Vi));
    let titles = print_titles(&parts);
    let book = Sheets::open(&workbook(&store, Lang::Vi));
    for (i, (name, xml)) in sheet_xml(&parts).into_iter().enumerate() {
        let setup = tags(&xml, "pageSetup");
        let setup = setup
            .first()
            .unwrap_or_else(|| panic!("{name}: no pageSetup"));
        assert_eq!(attr(setup, "paperSize").as_deref(), Some("9"), "{name}: A4");
        assert_eq!(
            attr(setup, "orientation").as_deref(),
            Some("landscape"),
            "{name}"
        );
        // fitToWidth defaults to 1 in the file format when it is left out.
        assert_eq!(
            attr(setup, "fitToWidth").unwrap_or_else(|| "1".into()),
            "1",
            "{name}"
        );
        assert_eq!(
            attr(setup, "fitToHeight").as_deref(),
            Some("0"),
            "{name}: any height"
        );
        let fit = tags(&xml, "pageSetUpPr");
        assert_eq!(
            fit.first().and_then(|t| attr(t, "fitToPage")).as_deref(),
            Some("1"),
            "{name}: fit to page is on"
        );
        // The rows printed at the top of every page: the title rows, and on
        // the grid sheets the column headings too.
        let t = titles
            .get(&i)
            .unwrap_or_else(|| panic!("{name}: no print titles"));
        let quoted = format!("'{name}'!$1:$");
        assert!(t.starts_with(&quoted), "{name}: {t}");
        let last: u32 = t[quoted.len()..].parse().expect("last title row");
        assert!(book.text(&name, 0, 0).contains(MARK), "{name}");
        if i < 3 {
            let head = row_with(&book, &name, 0, tr(Lang::Vi, Msg::Code));
            assert_eq!(last, head + 1, "{name}: titles end with the headings");
        } else {
            assert!(last >= 2, "{name}: {t}");
        }
    }
}

#[test]
fn the_grid_freezes_its_headings_and_criterion_columns_and_has_a_maximum_column() {
    let (_dir, store) = demo();
    let bytes = workbook(&store, Lang::Vi);
    let parts = parts(&bytes);
    let styles = Styles::of(&parts);
    let book = Sheets::open(&bytes);
    let (_, sheet) = common::practice_sheet(&store);
    let table: CriteriaTable = store.must_get(sheet.table).expect("table");
    for (name, xml) in sheet_xml(&parts).into_iter().take(3) {
        let head = row_with(&book, &name, 0, "Mã");
        assert_eq!(book.text(&name, head, 1), "Tiêu chí");
        assert_eq!(book.text(&name, head, 2), "Tối đa");
        let pane = tags(&xml, "pane");
        let pane = pane
            .first()
            .unwrap_or_else(|| panic!("{name}: no frozen pane"));
        assert_eq!(attr(pane, "state").as_deref(), Some("frozen"), "{name}");
        assert_eq!(
            attr(pane, "xSplit").as_deref(),
            Some("3"),
            "{name}: A–C stay"
        );
        let y = (head + 1).to_string();
        assert_eq!(attr(pane, "ySplit").as_deref(), Some(y.as_str()), "{name}");
        // Bold, bordered headings; bordered cells.
        for col in 0..(FIRST_SCHOOL + sheet.schools.len() as u32) {
            let s = style_of(&xml, &format!("{}{}", col_name(col), head + 1));
            assert!(styles.bold[s] && styles.bordered[s], "{name} heading {col}");
        }
        // Each item's maximum, in the table's order.
        for (_, item) in table.items() {
            let row = row_with(&book, &name, 0, &item.code);
            let s = style_of(&xml, &format!("D{}", row + 1));
            assert!(styles.bordered[s], "{name} {}", item.code);
            assert_eq!(
                book.value(&name, row, 2),
                Some(&calamine::Data::Float(item.max.as_f64())),
                "{name} {}",
                item.code
            );
        }
        // The bonus line's maximum is the cap.
        let bonus = row_with(&book, &name, 1, tr(Lang::Vi, Msg::WbBonusCounted));
        assert_eq!(
            book.value(&name, bonus, 2),
            Some(&calamine::Data::Float(table.bonus_cap.as_f64()))
        );
    }
}

#[test]
fn every_page_of_every_sheet_carries_the_illustrative_mark() {
    let (_dir, store) = demo();
    let parts = parts(&workbook(&store, Lang::Vi));
    for (name, xml) in sheet_xml(&parts) {
        let header = inner(&xml, "oddHeader").map(unescape).unwrap_or_default();
        let footer = inner(&xml, "oddFooter").map(unescape).unwrap_or_default();
        assert!(header.contains(MARK), "{name} header: {header}");
        assert!(footer.contains(MARK), "{name} footer: {footer}");
        assert!(footer.contains("&P"), "{name}: page numbers: {footer}");
    }
    // Real records carry no mark.
    let (_, sheet) = common::practice_sheet(&store);
    let data = Data::load(&store).expect("data");
    let mut report =
        thidua::export::report::build(&data, sheet.cluster, sheet.year, Lang::Vi).expect("report");
    report.illustrative = false;
    let bytes = thidua::export::xlsx::write(&report, Lang::Vi).expect("xlsx");
    let parts = self::parts(&bytes);
    for (name, xml) in sheet_xml(&parts) {
        let header = inner(&xml, "oddHeader").map(unescape).unwrap_or_default();
        let footer = inner(&xml, "oddFooter").map(unescape).unwrap_or_default();
        assert!(
            !header.contains(MARK) && !footer.contains(MARK),
            "{name}: {header} {footer}"
        );
    }
    let book = Sheets::open(&bytes);
    let everything: String = book
        .names
        .iter()
        .flat_map(|n| book.rows(n))
        .flat_map(|(_, cells)| cells)
        .collect();
    // The school names say "(ví dụ minh họa)" themselves; the upper-case mark is ours.
    assert!(!everything.contains(MARK));
}

#[test]
fn the_totals_are_formulas_that_give_the_grids_totals() {
    let (_dir, store) = demo();
    for lang in [Lang::Vi, Lang::En] {
        assert_totals_match_the_grid(&store, &workbook(&store, lang), lang);
    }
}

#[test]
fn a_bonus_above_its_cap_and_penalties_count_as_thidua_counts_them() {
    let (_dir, store) = demo();
    let (id, mut sheet) = common::practice_sheet(&store);
    let table: CriteriaTable = store.must_get(sheet.table).expect("table");
    let (a, b) = (sheet.schools[0], sheet.schools[1]);
    let mut set = |school: SchoolId, item: &str, own: Option<i64>, cluster: Option<i64>| {
        let c = sheet
            .cells
            .iter_mut()
            .find(|c| c.school == school && c.item == item)
            .expect("cell");
        c.self_score = own.map(Points);
        c.cluster_score = cluster.map(Points);
    };
    // A: 4 points of bonus against a cap of 3, and 6.5 of penalties.
    set(a, "T.1", Some(200), Some(200));
    set(a, "T.2", Some(200), Some(200));
    set(a, "TR.1", Some(0), Some(150));
    set(a, "TR.2", Some(100), Some(500));
    // B: 3.5 of bonus, a criterion left empty (it counts 0), one penalty.
    set(b, "T.1", Some(200), Some(150));
    set(b, "T.2", Some(150), Some(200));
    set(b, "I.1", Some(1000), None);
    set(b, "TR.2", None, Some(100));
    store.update("tester", id, sheet.clone()).expect("update");

    // The case does test the cap: summing the bonus would give more.
    for s in [a, b] {
        let t = scoring::totals_of(&sheet, &table, s, scoring::Which::Cluster);
        assert!(
            t.bonus_raw > table.bonus_cap && t.penalties > Points(0),
            "{t:?}"
        );
        assert_ne!(t.total, t.criteria + t.bonus_raw - t.penalties);
    }
    for lang in [Lang::Vi, Lang::En] {
        assert_totals_match_the_grid(&store, &workbook(&store, lang), lang);
    }
    // The empty cell stays empty, not 0.
    let book = Sheets::open(&workbook(&store, Lang::Vi));
    let row = row_with(&book, "Cụm chấm", 0, "I.1");
    assert_eq!(book.eval_cell("Cụm chấm", row, FIRST_SCHOOL + 1), None);
    assert_eq!(book.eval_cell("Chênh lệch", row, FIRST_SCHOOL + 1), None);
}

#[test]
fn the_outcomes_name_next_years_head_and_deputies() {
    let (_dir, store) = demo();
    let (_, sheet) = common::practice_sheet(&store);
    let book = Sheets::open(&workbook(&store, Lang::Vi));
    let outcomes = "Kết quả";
    // Not elected yet: lines to fill by hand, no name invented.
    let head_row = row_with(&book, outcomes, 0, "Cụm trưởng");
    assert!(book.text(outcomes, head_row, 1).starts_with('…'));

    let s = &sheet.schools;
    let mut term = Term::new(sheet.cluster, sheet.year + 1);
    term.head = Some(s[5]);
    term.deputies = vec![s[1], s[0]];
    term.sources = vec![Source::new("ví dụ minh họa", "")];
    store.insert("tester", term).expect("term");
    let data = Data::load(&store).expect("data");
    let book = Sheets::open(&workbook(&store, Lang::Vi));
    let head_row = row_with(&book, outcomes, 0, "Cụm trưởng");
    assert_eq!(book.text(outcomes, head_row, 1), data.school_name(s[5]));
    let deputies: Vec<String> = book
        .rows(outcomes)
        .into_iter()
        .filter(|(r, _)| book.text(outcomes, *r, 0) == "Cụm phó")
        .map(|(r, _)| book.text(outcomes, r, 1))
        .collect();
    assert_eq!(deputies, [data.school_name(s[1]), data.school_name(s[0])]);
    assert_eq!(
        book.text(outcomes, head_row - 1, 0),
        format!("Cụm trưởng, Cụm phó năm {}", sheet.year + 1)
    );
}

#[test]
fn the_ballots_sheet_holds_the_stores_votes() {
    let (_dir, store) = demo();
    let data = Data::load(&store).expect("data");
    let book = Sheets::open(&workbook(&store, Lang::Vi));
    let sheet = "Bỏ phiếu";
    let ballots = store.all::<Ballot>().expect("ballots");
    assert_eq!(ballots.len(), 2);
    for (_, b) in ballots {
        let q = thidua::i18n::names::question(Lang::Vi, &b.question);
        let at = row_with(&book, sheet, 0, &q);
        // Issued, valid, invalid, present, all members under their headings.
        let counts = [
            b.issued,
            b.valid,
            b.invalid,
            b.members_present,
            b.members_total,
        ];
        for (col, n) in counts.iter().enumerate() {
            assert_eq!(
                book.value(sheet, at + 2, col as u32),
                Some(&calamine::Data::Float(f64::from(*n))),
                "{q} count {col}"
            );
        }
        for v in &b.votes {
            let name = data.school_short(v.candidate);
            let row = book
                .rows(sheet)
                .into_iter()
                .map(|(r, _)| r)
                .find(|r| *r > at && book.text(sheet, *r, 0) == name)
                .unwrap_or_else(|| panic!("{q}: no row for {name}"));
            assert_eq!(
                book.value(sheet, row, 1),
                Some(&calamine::Data::Float(f64::from(v.votes)))
            );
            let share = book.eval_cell(sheet, row, 2).expect("share");
            assert!((share - f64::from(v.votes) / f64::from(b.valid)).abs() < 1e-12);
        }
    }
}

#[test]
fn the_cli_writes_the_workbook() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let out = common::cli_en(&db, &["init", "--demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("practice.xlsx");
    let path = file.display().to_string();
    let args = [
        "export",
        "sheet",
        "--cluster",
        "luyện tập",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--out",
        &path,
    ];
    let out = common::cli_en(&db, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).expect("written");
    let store = common::reopen(&db);
    assert_eq!(
        Sheets::open(&bytes).names,
        Tab::ALL.map(|t| t.name(Lang::En))
    );
    assert_totals_match_the_grid(&store, &bytes, Lang::En);
}
