//! Score forms out and back in (issue 14, item 1): one form per member
//! school of the practice sheet, filled in as the schools would (cells
//! edited inside the workbook), read back by `thidua import scores` and
//! by the TUI; bad forms are refused cell by cell with nothing written.

mod common;

use calamine::{Reader, Xlsx};
use common::forms::{FORM_XML, ID_XML, Typed, fill_file, part};
use common::tui::Harness;
use common::{cli_en, cluster_id, lock_sheet, practice_sheet, reopen, run_after_close};
use crossterm::event::KeyCode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use thidua::domain::score_form::ScoreChange;
use thidua::domain::scoring::{ScoreError, Which};
use thidua::domain::*;
use thidua::export::score_forms::layout::{COL_CODE, COL_FILL, FIRST_ROW, address};
use thidua::store::{Kind, Store, StoreError};

/// A demo database made by the binary, in a folder kept for the test.
fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    ok(&cli_en(&db, &["init", "--demo"]), "init --demo");
    (dir, db)
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The practice cluster's 2024 forms written into `forms`; the folder as
/// the command line takes it.
fn export_forms<'a>(db: &Path, forms: &'a Path) -> &'a str {
    let forms_arg = forms.to_str().expect("path");
    let export = [
        "export",
        "score-forms",
        "--cluster",
        "luyen tap",
        "--year",
        "2024",
        "--out",
        forms_arg,
    ];
    ok(&cli_en(db, &export), "export");
    forms_arg
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The binary in Vietnamese.
fn cli_vi(db: &Path, args: &[&str]) -> Output {
    run_after_close(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["--lang", "vi", "--db"])
            .arg(db)
            .args(args)
            .output()
            .expect("run thidua")
    })
}

/// Every record and the audit log, as `thidua dump --json` prints them.
fn dump(db: &Path) -> String {
    let out = cli_en(db, &["dump", "--json"]);
    ok(&out, "dump");
    text(&out.stdout)
}

/// The practice sheet and its table, read from a closed database.
fn sheet_and_table(db: &Path) -> (SheetId, ScoreSheet, CriteriaTable) {
    let store = reopen(db);
    let (id, sheet) = practice_sheet(&store);
    let table = store
        .get::<CriteriaTable>(sheet.table)
        .expect("read")
        .expect("table");
    (id, sheet, table)
}

/// The value school `si` writes on item `ii`: on the step, within range,
/// different from what the practice data holds for I.1 of the first school.
fn filled(si: usize, ii: usize, item: &Criterion) -> Points {
    let k = ((si + ii) % 4 + 1) as i64;
    Points((item.max.0 - item.step.0 * k).max(0))
}

/// The school each form in a folder is for, read from its hidden identity.
fn forms_by_school(dir: &Path) -> HashMap<SchoolId, PathBuf> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir).expect("forms folder") {
        let path = entry.expect("entry").path();
        let mut wb: Xlsx<_> = calamine::open_workbook(&path).expect("open form");
        let id = wb.worksheet_range("thidua").expect("identity sheet");
        let school = id
            .rows()
            .find(|r| r.first().map(|c| c.to_string()) == Some("school".into()))
            .and_then(|r| r.get(1).map(|c| c.to_string()))
            .expect("school in the identity");
        out.insert(SchoolId(school.parse().expect("an id")), path);
    }
    out
}

/// Fills every form of the folder with [`filled`] values: the second
/// school types decimal commas as text, the others numbers. Returns the
/// values by (school, code).
fn fill_all(
    dir: &Path,
    sheet: &ScoreSheet,
    table: &CriteriaTable,
) -> HashMap<(SchoolId, String), Points> {
    let files = forms_by_school(dir);
    assert_eq!(files.len(), sheet.schools.len(), "one form per member");
    let mut values = HashMap::new();
    for (si, school) in sheet.schools.iter().enumerate() {
        let mut typed: Vec<(String, String)> = Vec::new();
        for (ii, (_, item)) in table.items().enumerate() {
            let v = filled(si, ii, item);
            values.insert((*school, item.code.clone()), v);
            let row = FIRST_ROW + ii as u32;
            let shown = if si == 1 {
                v.to_string()
            } else {
                v.as_f64().to_string()
            };
            typed.push((address(row, COL_FILL), shown));
        }
        let cells: Vec<(&str, Typed<'_>)> = typed
            .iter()
            .map(|(a, v)| {
                let t = if si == 1 {
                    Typed::Text(v)
                } else {
                    Typed::Number(v)
                };
                (a.as_str(), t)
            })
            .collect();
        fill_file(&files[school], FORM_XML, &cells);
    }
    values
}

#[test]
fn forms_filled_by_the_schools_come_back_as_the_grid() {
    let (dir, db) = demo_db();
    let forms = dir.path().join("forms");
    let out = cli_en(
        &db,
        &[
            "export",
            "score-forms",
            "--cluster",
            "luyen tap",
            "--year",
            "2024",
            "--out",
            forms.to_str().expect("utf-8 path"),
        ],
    );
    ok(&out, "export score-forms");
    assert!(
        text(&out.stdout).contains("Wrote 6 score forms"),
        "{}",
        text(&out.stdout)
    );

    let (sheet_id, before, table) = sheet_and_table(&db);
    let audit_before = reopen(&db)
        .audit_of(Kind::Sheet, sheet_id.0)
        .expect("audit")
        .len();
    let values = fill_all(&forms, &before, &table);
    let out = cli_en(
        &db,
        &["import", "scores", "--yes", forms.to_str().expect("path")],
    );
    ok(&out, "import scores");
    let stdout = text(&out.stdout);
    // Old → new, per school, before writing: I.1 of the first school was 10.
    assert!(stdout.contains("I.1  10 → 9,5"), "{stdout}");
    assert!(stdout.contains("Minh họa A"), "{stdout}");

    let store = reopen(&db);
    let (_, after) = practice_sheet(&store);
    for school in &after.schools {
        for (_, item) in table.items() {
            let want = values[&(*school, item.code.clone())];
            assert_eq!(
                after.score(*school, &item.code, Which::SelfScore),
                Some(want),
                "{} of school {}",
                item.code,
                school.0
            );
            // The form fills the self-score only.
            assert_eq!(
                after.score(*school, &item.code, Which::Cluster),
                before.score(*school, &item.code, Which::Cluster)
            );
        }
    }
    // One transaction, one audit entry per school, naming its file.
    let files = forms_by_school(&forms);
    let entries = store.audit_of(Kind::Sheet, sheet_id.0).expect("audit");
    let new: Vec<_> = entries[audit_before..].to_vec();
    assert_eq!(new.len(), after.schools.len(), "{new:?}");
    for path in files.values() {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            new.iter().filter(|e| e.reason.contains(&name)).count(),
            1,
            "{name}"
        );
    }
}

#[test]
fn without_yes_and_without_a_terminal_the_plan_is_shown_and_nothing_written() {
    let (dir, db) = demo_db();
    let forms = dir.path().join("forms");
    let forms_arg = export_forms(&db, &forms);
    let (_, sheet, table) = sheet_and_table(&db);
    fill_all(&forms, &sheet, &table);
    let before = dump(&db);
    let out = cli_en(&db, &["import", "scores", forms_arg]);
    ok(&out, "import without --yes");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("I.1  10 → 9,5"), "{stdout}");
    assert!(stdout.contains("Nothing written"), "{stdout}");
    assert_eq!(dump(&db), before, "nothing may be written without --yes");
}

#[test]
fn a_form_with_bad_values_or_another_clusters_identity_writes_nothing() {
    let (dir, db) = demo_db();
    let forms = dir.path().join("forms");
    let forms_arg = export_forms(&db, &forms);
    let (_, sheet, table) = sheet_and_table(&db);
    fill_all(&forms, &sheet, &table);
    let other_cluster = cluster_id(&reopen(&db), 4).0.to_string();
    let bad = forms_by_school(&forms)[&sheet.schools[0]].clone();
    let codes: Vec<&str> = table.items().map(|(_, c)| c.code.as_str()).collect();
    assert_eq!(&codes[..3], ["I.1", "I.2", "II.1"]);
    let (i1, i2, ii1) = (FIRST_ROW, FIRST_ROW + 1, FIRST_ROW + 2);
    fill_file(
        &bad,
        FORM_XML,
        &[
            // I.1: at most 10.
            (&address(i1, COL_FILL), Typed::Number("12")),
            // I.2: steps of 0,5.
            (&address(i2, COL_FILL), Typed::Number("3.3")),
            // A code the table does not have.
            (&address(ii1, COL_CODE), Typed::Text("X.9")),
        ],
    );
    // The identity's cluster (row 3 of the hidden sheet): Cụm 4.
    fill_file(&bad, ID_XML, &[("B3", Typed::Text(&other_cluster))]);

    let before = dump(&db);
    // The whole folder: five good forms and the bad one.
    let out = cli_en(&db, &["import", "scores", "--yes", forms_arg]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    let (f_i1, f_i2, a_ii1) = (
        address(i1, COL_FILL),
        address(i2, COL_FILL),
        address(ii1, COL_CODE),
    );
    for want in [
        format!("{f_i1}: 12 > max 10"),
        format!("{f_i2}: 3,3 is not a multiple of the step 0,5"),
        format!("{a_ii1}: the code X.9 is not in the criteria table"),
        "thidua!B3: Cụm 4 has no score sheet for 2024".to_string(),
    ] {
        assert!(stderr.contains(&want), "missing `{want}` in:\n{stderr}");
    }
    assert!(
        stderr.contains(
            &bad.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        )
    );
    assert_eq!(dump(&db), before, "a refused import writes nothing");

    // In Vietnamese, as the issue writes it.
    let out = cli_vi(
        &db,
        &["import", "scores", "--yes", bad.to_str().expect("path")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&format!("{f_i1}: 12 > tối đa 10")),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn a_second_form_for_a_school_or_a_locked_sheet_is_refused() {
    let (dir, db) = demo_db();
    let forms = dir.path().join("forms");
    let forms_arg = export_forms(&db, &forms);
    let (sheet_id, sheet, table) = sheet_and_table(&db);
    fill_all(&forms, &sheet, &table);
    let first = forms_by_school(&forms)[&sheet.schools[0]].clone();
    let copy = dir.path().join("copy.xlsx");
    std::fs::copy(&first, &copy).expect("copy");
    let before = dump(&db);
    let out = cli_en(
        &db,
        &[
            "import",
            "scores",
            "--yes",
            forms_arg,
            copy.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a second form for Minh họa A"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(dump(&db), before);

    lock_sheet(&reopen(&db), sheet_id).expect("lock");
    let before = dump(&db);
    let out = cli_en(
        &db,
        &["import", "scores", "--yes", first.to_str().expect("path")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("thidua!B3: the score sheet of Cụm luyện tập"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("is locked"));
    assert_eq!(dump(&db), before);
}

#[test]
fn the_forms_carry_validation_protection_and_a_hidden_identity() {
    let (dir, db) = demo_db();
    let forms = dir.path().join("forms");
    export_forms(&db, &forms);
    let (sheet_id, sheet, table) = sheet_and_table(&db);
    let files = forms_by_school(&forms);
    let school = sheet.schools[2];
    let bytes = std::fs::read(&files[&school]).expect("form");
    let form = part(&bytes, FORM_XML);
    let items: Vec<&Criterion> = table.items().map(|(_, c)| c).collect();

    // One validation per item on its fill cell: range and step.
    assert_eq!(
        form.matches("<dataValidation ").count(),
        items.len(),
        "{form}"
    );
    for (i, item) in items.iter().enumerate() {
        let cell = address(FIRST_ROW + i as u32, COL_FILL);
        let start = form
            .find(&format!("sqref=\"{cell}\""))
            .unwrap_or_else(|| panic!("no validation on {cell}"));
        let rule = &form[start..start + form[start..].find("</dataValidation>").expect("end")];
        let max = item.max.as_f64();
        assert!(rule.contains(&format!("{cell}&lt;={max}")), "{rule}");
        assert!(
            rule.contains(&format!("MOD(ROUND({cell}*100,0),{})=0", item.step.0)),
            "{rule}"
        );
    }
    // The form sheet is protected and only the fill cells are unlocked.
    assert!(form.contains("<sheetProtection sheet=\"1\""), "{form}");
    let styles = part(&bytes, "xl/styles.xml");
    let xfs_start = styles.find("<cellXfs").expect("cellXfs");
    let xfs = &styles[xfs_start..xfs_start + styles[xfs_start..].find("</cellXfs>").expect("end")];
    let unlocked: Vec<usize> = xfs
        .split("<xf ")
        .skip(1)
        .enumerate()
        .filter(|(_, xf)| {
            let xf = &xf[..xf.find("</xf>").unwrap_or(xf.len())];
            xf.contains("locked=\"0\"")
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!unlocked.is_empty(), "{xfs}");
    let fill_col = thidua::export::score_forms::layout::column(COL_FILL);
    let mut unlocked_cells = Vec::new();
    for cell in form.split("<c r=\"").skip(1) {
        let addr = &cell[..cell.find('"').expect("addr")];
        let tag = &cell[..cell.find('>').expect("tag")];
        let style = tag
            .find(" s=\"")
            .map(|i| {
                tag[i + 4..]
                    .split('"')
                    .next()
                    .unwrap_or("0")
                    .parse::<usize>()
                    .expect("style")
            })
            .unwrap_or(0);
        if unlocked.contains(&style) {
            unlocked_cells.push(addr.to_string());
        }
    }
    let want: Vec<String> = (0..items.len())
        .map(|i| address(FIRST_ROW + i as u32, COL_FILL))
        .collect();
    assert_eq!(
        unlocked_cells, want,
        "only the fill column is unlocked ({fill_col})"
    );

    // The identity: a very hidden, protected sheet naming the sheet's
    // cluster, year, the school and the table.
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"thidua\" sheetId=\"2\" state=\"veryHidden\""),
        "{workbook}"
    );
    assert!(part(&bytes, ID_XML).contains("<sheetProtection sheet=\"1\""));
    let mut wb: Xlsx<_> = calamine::open_workbook(&files[&school]).expect("open");
    let id = wb.worksheet_range("thidua").expect("identity");
    let field = |key: &str| -> String {
        id.rows()
            .find(|r| r[0] == key)
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    assert_eq!(field("format"), "thidua-score-form");
    assert_eq!(field("cluster"), sheet.cluster.0.to_string());
    assert_eq!(field("year"), "2024");
    assert_eq!(field("sheet"), sheet_id.0.to_string());
    assert_eq!(field("school"), school.0.to_string());
    assert_eq!(field("table"), sheet.table.0.to_string());
    assert_eq!(
        field("table_fingerprint"),
        thidua::domain::score_form::table_fingerprint(&table)
    );
    // The heading names the school and the year; the file name too, in ASCII.
    let name = files[&school]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(name, "truong-chinh-tri-minh-hoa-c-vi-du-minh-hoa-2024.xlsx");
    let range = wb.worksheet_range("Phieu tu cham").expect("form sheet");
    let heading: Vec<String> = range.rows().take(3).map(|r| r[0].to_string()).collect();
    assert!(heading[0].contains("2024"), "{heading:?}");
    assert!(
        heading[1].contains("Trường Chính trị Minh họa C"),
        "{heading:?}"
    );
}

/// The store's batch write: every rule of a single score, inside one
/// transaction; a refusal writes nothing.
#[test]
fn the_store_writes_a_schools_scores_in_one_transaction_under_the_grids_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (id, sheet) = practice_sheet(&store);
    let school = sheet.schools[0];
    let stored = |code: &str| sheet.score(school, code, Which::SelfScore);
    let change = |code: &str, new: i64| ScoreChange {
        code: code.into(),
        old: stored(code),
        new: Points(new),
    };
    let head = store.audit_head().expect("head");
    let refuse = |changes: &[ScoreChange], on: SchoolId| -> StoreError {
        let e = store
            .set_scores("tester", id, on, Which::SelfScore, changes)
            .expect_err("refused");
        assert_eq!(store.audit_head().expect("head"), head, "nothing written");
        e
    };
    // Out of range, with a good change before it: the whole batch is refused.
    let e = refuse(&[change("I.2", 450), change("I.1", 1050)], school);
    assert!(
        matches!(e, StoreError::Score(ScoreError::OutOfRange { .. })),
        "{e:?}"
    );
    let e = refuse(&[change("I.1", 930)], school);
    assert!(
        matches!(e, StoreError::Score(ScoreError::OffStep { .. })),
        "{e:?}"
    );
    let e = refuse(&[change("Z.1", 100)], school);
    assert!(
        matches!(e, StoreError::Score(ScoreError::UnknownItem(_))),
        "{e:?}"
    );
    // A school that is not a member of the sheet.
    let outsider = store
        .all::<School>()
        .expect("schools")
        .into_iter()
        .map(|(s, _)| s)
        .find(|s| !sheet.schools.contains(s))
        .expect("a school outside the practice cluster");
    let e = refuse(&[change("I.1", 900)], outsider);
    assert!(
        matches!(e, StoreError::Score(ScoreError::NotMember(_))),
        "{e:?}"
    );
    // Planned from a value that is no longer stored.
    let stale = ScoreChange {
        code: "I.1".into(),
        old: Some(Points(100)),
        new: Points(900),
    };
    let e = refuse(&[stale], school);
    assert!(matches!(e, StoreError::ScoreChanged { .. }), "{e:?}");
    // The same membership rule holds for any write of the sheet.
    let e = store
        .modify::<ScoreSheet>("tester", id, |s| {
            s.set_score(outsider, "I.1", Which::SelfScore, Some(Points(500)));
            Ok(())
        })
        .expect_err("a score for a non-member");
    assert!(
        matches!(e, StoreError::Score(ScoreError::NotMember(_))),
        "{e:?}"
    );
    assert_eq!(store.audit_head().expect("head"), head);

    // Written: one audit entry with the reason, both scores.
    let by = thidua::store::Author {
        actor: "tester",
        reason: "from a-2024.xlsx",
        role: &thidua::domain::access::Role::Admin,
    };
    store
        .set_scores(
            by,
            id,
            school,
            Which::SelfScore,
            &[change("I.1", 950), change("I.2", 400)],
        )
        .expect("written");
    let (seq, _) = store.audit_head().expect("head");
    assert_eq!(seq, head.0 + 1, "one transaction");
    let last = store.audit_of(Kind::Sheet, id.0).expect("audit");
    assert_eq!(
        last.last().map(|e| e.reason.as_str()),
        Some("from a-2024.xlsx")
    );
    let (_, now) = practice_sheet(&store);
    assert_eq!(
        now.score(school, "I.1", Which::SelfScore),
        Some(Points(950))
    );
    assert_eq!(
        now.score(school, "I.2", Which::SelfScore),
        Some(Points(400))
    );

    // A locked sheet takes no form.
    lock_sheet(&store, id).expect("lock");
    let head = store.audit_head().expect("head");
    let e = store
        .set_scores(
            "tester",
            id,
            school,
            Which::SelfScore,
            &[ScoreChange {
                code: "I.1".into(),
                old: Some(Points(950)),
                new: Points(900),
            }],
        )
        .expect_err("locked");
    assert!(matches!(e, StoreError::Lock(_)), "{e:?}");
    assert_eq!(store.audit_head().expect("head"), head);
}

/// Clears the open prompt and types an answer, then Enter.
fn answer(h: &mut Harness, text: &str) {
    h.key(KeyCode::End);
    for _ in 0..200 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(text).key(KeyCode::Enter);
}

#[test]
fn the_tui_lists_each_schools_changes_and_writes_them_only_on_yes() {
    let mut h = Harness::demo(120, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    let (_, sheet) = practice_sheet(&h.store);
    let table = h
        .store
        .get::<CriteriaTable>(sheet.table)
        .expect("read")
        .expect("table");
    let forms = h.dir.path().join("forms");

    // Out: f asks for a folder, suggesting one named for the sheet.
    h.key(KeyCode::Char('f'));
    let suggested = h.app.prompt().expect("a prompt").input.text().to_string();
    assert_eq!(suggested, "phieu-tu-cham-cum-luyen-tap-vi-du-minh-hoa-2024");
    answer(&mut h, forms.to_str().expect("path"));
    assert!(h.app.prompt().is_none(), "{:?}", h.app.prompt());
    assert!(
        h.status().contains("Đã ghi 6 phiếu tự chấm"),
        "{}",
        h.status()
    );
    let values = fill_all(&forms, &sheet, &table);

    // In: the changes per school, old → new, in a question.
    h.key(KeyCode::Char('i'));
    answer(&mut h, forms.to_str().expect("path"));
    let question = h
        .app
        .confirm()
        .expect("the changes are asked about")
        .question
        .clone();
    assert!(question.contains("Minh họa A"), "{question}");
    assert!(question.contains("I.1  10 → 9,5"), "{question}");
    let screen = h.screen();
    assert!(screen.contains("I.1  10 → 9,5"), "{screen}");
    assert!(screen.contains("↑/↓ cuộn"), "a long list scrolls: {screen}");
    // Scrolling shows the last school's changes.
    for _ in 0..20 {
        h.key(KeyCode::PageDown);
    }
    assert!(
        h.screen().contains("Ghi các thay đổi này?"),
        "{}",
        h.screen()
    );

    // No: nothing written.
    h.key(KeyCode::Char('n'));
    assert!(h.app.confirm().is_none());
    assert_eq!(practice_sheet(&h.store).1, sheet, "no writes on no");

    // Yes: every school's self-scores, as filled.
    h.key(KeyCode::Char('i'));
    answer(&mut h, forms.to_str().expect("path"));
    h.key(KeyCode::Char('y'));
    assert!(
        h.status().contains("Đã nhập điểm tự chấm của 6 trường"),
        "{}",
        h.status()
    );
    let (_, now) = practice_sheet(&h.store);
    for ((school, code), v) in &values {
        assert_eq!(
            now.score(*school, code, Which::SelfScore),
            Some(*v),
            "{code}"
        );
    }
    // One undo step takes the import back.
    h.undo();
    assert_eq!(practice_sheet(&h.store).1.cells, sheet.cells);

    // A bad form: every problem with its cell, nothing written, the path
    // still typed under the list.
    let bad = forms_by_school(&forms)[&sheet.schools[0]].clone();
    fill_file(
        &bad,
        FORM_XML,
        &[(&address(FIRST_ROW, COL_FILL), Typed::Number("12"))],
    );
    let path = bad.to_str().expect("path").to_string();
    h.key(KeyCode::Char('i'));
    answer(&mut h, &path);
    let list = h
        .app
        .history()
        .expect("the problems are listed")
        .lines
        .join("\n");
    assert!(
        list.contains(&format!("{}: 12 > tối đa 10", address(FIRST_ROW, COL_FILL))),
        "{list}"
    );
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app.prompt().map(|p| p.input.text().to_string()),
        Some(path)
    );
    assert_eq!(practice_sheet(&h.store).1.cells, sheet.cells);
}
