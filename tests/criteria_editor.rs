//! Issue 14 item 2, driven by keys on ratatui's `TestBackend`: a criteria
//! table built from nothing in its form (offered when a sheet is started
//! with no table), read back equal to what was typed; copied to the next
//! year; a sheet started on it and scored; the sheet's members corrected
//! with a reason before the lock and refused after it; a table a locked
//! sheet uses changed only by an amendment; an invalid table refused with
//! the problem beside its row and nothing written; a CSV file read into the
//! form from the same screen.

mod common;

use common::tui::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::app::form::Target;
use thidua::app::{Action, Focus};
use thidua::domain::scoring::Which;
use thidua::domain::*;
use thidua::store::{Kind, StoreError};

const PLACES: [&str; 5] = ["Cà Mau", "Bạc Liêu", "Sóc Trăng", "Hậu Giang", "Kiên Giang"];

/// Five schools; a cluster whose members in 2024 and 2025 are the first
/// four (the fifth was left out by mistake). No criteria table at all.
fn setup(h: &mut Harness) -> (ClusterId, Vec<SchoolId>) {
    let made = setup_in(&h.store);
    h.app.update(Action::Refresh);
    made
}

/// [`setup`] on a store.
fn setup_in(store: &thidua::store::Store) -> (ClusterId, Vec<SchoolId>) {
    let schools: Vec<SchoolId> = PLACES
        .iter()
        .map(|p| {
            store
                .insert(
                    "setup",
                    School::new(&format!("Trường Chính trị tỉnh {p}"), p),
                )
                .expect("school")
        })
        .collect();
    let mut c = Cluster::new(Some(9), "Cụm thi đua thử nghiệm", "Đồng bằng sông Cửu Long");
    for year in [2024, 2025] {
        c.memberships.push(Membership {
            year,
            schools: schools[..4].to_vec(),
            stated_count: Some(5),
            complete: false,
            sources: Vec::new(),
        });
    }
    let id = store.insert("setup", c).expect("cluster");
    (id, schools)
}

fn alt(h: &mut Harness, code: KeyCode) {
    let e = h.app.handle_key(KeyEvent::new(code, KeyModifiers::ALT));
    h.effects.merge(e);
}

/// Into the selected sheet's grid, out of any cell being typed.
fn to_grid(h: &mut Harness) {
    while h.app.sheet_ui.edit.is_some() {
        h.key(KeyCode::Esc);
    }
    if h.app.focus == Focus::List {
        h.key(KeyCode::Enter);
    }
    assert_eq!(h.app.focus, Focus::Detail);
}

/// Types into a field of the open form, found by Tab, after emptying it.
fn set(h: &mut Harness, key: &str, text: &str) {
    h.focus_field(key).clear_field().type_text(text);
}

/// Focuses the `n`-th row (0-based) of the open table form.
fn focus_row(h: &mut Harness, n: usize) {
    let at = h
        .app
        .form()
        .expect("a form")
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.key == "row")
        .nth(n)
        .map(|(i, _)| i)
        .expect("row");
    while h.app.form().expect("a form").focus != at {
        h.key(KeyCode::Tab);
    }
}

fn tables(h: &Harness) -> Vec<(TableId, CriteriaTable)> {
    h.store.all::<CriteriaTable>().expect("tables")
}

fn table_of(h: &Harness, cluster: ClusterId, year: u16) -> Option<(TableId, CriteriaTable)> {
    tables(h)
        .into_iter()
        .find(|(_, t)| t.year == year && t.cluster == Some(cluster))
}

fn item(code: &str, name: &str, max: i64, step: i64) -> Criterion {
    Criterion {
        code: code.into(),
        name: name.into(),
        max: Points(max),
        step: Points(step),
    }
}

/// The table the keys of [`type_table`] describe.
fn expected(cluster: ClusterId) -> CriteriaTable {
    CriteriaTable {
        year: 2024,
        cluster: Some(cluster),
        title: "Bảng tiêu chí thử năm 2024".into(),
        groups: vec![
            CriteriaGroup {
                code: "I".into(),
                name: "Đào tạo bồi dưỡng".into(),
                criteria: vec![
                    item("1.1", "Hoàn thành kế hoạch lớp", 1000, 50),
                    item("1.2", "Quản lý học viên", 500, 25),
                ],
            },
            CriteriaGroup {
                code: "II".into(),
                name: "Nghiên cứu khoa học".into(),
                criteria: vec![item("2.1", "Đề tài khoa học", 800, 100)],
            },
        ],
        bonus: vec![item("T.1", "Sáng kiến được công nhận", 200, 50)],
        bonus_cap: Points(150),
        penalties: vec![item("TR.1", "Chậm báo cáo", 100, 50)],
        tie_break: vec![TieBreak::GroupScore("I".into()), TieBreak::FewerPenalties],
        vote_rule: VoteRule {
            share_num: 2,
            share_den: 3,
            strictly_more: false,
            base: VoteBase::MembersPresent,
            quorum_num: 1,
            quorum_den: 2,
        },
        award_quotas: vec![
            AwardQuota {
                kind: AwardKind::AcademyFlag,
                max: 1,
            },
            AwardQuota {
                kind: AwardKind::AcademyCertificate,
                max: 2,
            },
        ],
        legal_basis: "Nghị định 152/2025/NĐ-CP".into(),
        illustrative: false,
        sources: Vec::new(),
        self_scores_optional: true,
    }
}

/// Types the table of [`expected`] into the open, empty table form, using
/// the row keys: add (Ctrl-N), change kind (Ctrl-T), move (Alt-↑/↓),
/// delete (Ctrl-D).
fn type_table(h: &mut Harness) {
    set(h, "title", "Bảng tiêu chí thử năm 2024");
    focus_row(h, 0);
    h.type_text("I; Đào tạo bồi dưỡng");
    h.key(KeyCode::Tab)
        .type_text("1.2; Quản lý học viên; 5; 0,25");
    // Added after 1.2, then moved above it.
    h.ctrl('n')
        .type_text("1.1; Hoàn thành kế hoạch lớp; 10; 0,5");
    alt(h, KeyCode::Up);
    // A row typed by mistake, deleted.
    h.ctrl('n').type_text("sai");
    h.ctrl('d');
    focus_row(h, 2);
    // A second group: a new row after 1.2 turned into a group.
    h.ctrl('n');
    h.ctrl('t').ctrl('t').ctrl('t');
    assert!(matches!(
        h.app
            .form()
            .and_then(|f| f.current())
            .map(|f| f.kind.clone()),
        Some(thidua::app::form::FieldKind::Row(
            thidua::app::form::RowKind::Group
        ))
    ));
    h.type_text("II; Nghiên cứu khoa học");
    h.ctrl('n').type_text("2.1; Đề tài khoa học; 8; 1");
    h.ctrl('n')
        .ctrl('t')
        .type_text("T.1; Sáng kiến được công nhận; 2; 0,5");
    h.ctrl('n')
        .ctrl('t')
        .type_text("TR.1; Chậm báo cáo; 1; 0,5");
    set(h, "bonus_cap", "1,5");
    set(h, "tie_break", "nhóm:I; trừ ít hơn");
    set(h, "share", "2/3");
    h.focus_field("strict").key(KeyCode::Right);
    h.focus_field("base").key(KeyCode::Right);
    set(h, "quorum", "1/2");
    set(h, "quotas", "cờ thi đua=1; bằng khen=2");
    set(h, "legal_basis", "Nghị định 152/2025/NĐ-CP");
    h.focus_field("self_optional").key(KeyCode::Char(' '));
}

/// Starts the sheet of cluster 9 for `year` from the sheets pane.
fn start_sheet(h: &mut Harness, year: &str) {
    h.key(KeyCode::Char('4')).key(KeyCode::Char('n'));
    h.type_text("thu nghiem")
        .key(KeyCode::Enter)
        .key(KeyCode::Tab)
        .type_text(year)
        .ctrl('s');
}

/// Builds the 2024 table in the form a sheet without a table offers, and
/// so the sheet; returns the table's and the sheet's ids.
fn build_2024(h: &mut Harness, cluster: ClusterId) -> (TableId, SheetId) {
    start_sheet(h, "2024");
    let form = h.app.form().expect("the table form is offered");
    assert_eq!(form.target, Target::Table(None, true));
    let screen = h.screen();
    assert!(
        screen.contains("Chưa có bảng tiêu chí cho năm 2024"),
        "{screen}"
    );
    assert!(screen.contains("Ctrl-L"), "{screen}");
    assert!(h.store.sheet_of(cluster, 2024).expect("read").is_none());
    type_table(h);
    h.ctrl('s');
    assert!(h.app.form().is_none(), "saved: {}", h.screen());
    let (tid, _) = table_of(h, cluster, 2024).expect("the table is stored");
    let (sid, sheet) = h
        .store
        .sheet_of(cluster, 2024)
        .expect("read")
        .expect("the sheet is created after the table");
    assert_eq!(sheet.table, tid);
    (tid, sid)
}

#[test]
fn a_table_built_in_the_form_is_stored_as_typed_copied_to_the_next_year_and_scored() {
    let mut h = Harness::empty(120, 40);
    let (cluster, schools) = setup(&mut h);
    let (tid, sid) = build_2024(&mut h, cluster);
    let stored = h.store.must_get::<CriteriaTable>(tid).expect("table");
    assert_eq!(stored, expected(cluster));
    assert!(h.status().contains("Đã lưu"), "{}", h.screen());

    // Opened again, the form shows what was stored, and saving it
    // unchanged changes nothing.
    to_grid(&mut h);
    h.key(KeyCode::Char('t'));
    assert_eq!(
        h.app.form().map(|f| f.target.clone()),
        Some(Target::Table(Some(tid), false))
    );
    h.ctrl('s');
    assert_eq!(
        h.store.must_get::<CriteriaTable>(tid).expect("table"),
        stored
    );

    // Scored: the grid's first cell, by keys.
    h.type_text("9,5").key(KeyCode::Tab);
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.schools, schools[..4].to_vec());
    assert_eq!(
        sheet.score(schools[0], "1.1", Which::Cluster),
        Some(Points(950))
    );
    // A value off the table's step is refused by the table just typed.
    h.type_text("0,3").key(KeyCode::Tab);
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.score(schools[1], "1.1", Which::Cluster), None);
    to_grid(&mut h);

    // Copied to the next year: T opens a table for 2025, Ctrl-L copies
    // the latest earlier one, Ctrl-S saves it.
    h.key(KeyCode::Char('T'));
    let form = h.app.form().expect("new table form");
    assert_eq!(form.field("year").map(|f| f.text()), Some("2025".into()));
    h.ctrl('l');
    assert!(h.status().contains("Đã chép"), "{}", h.screen());
    h.ctrl('s');
    let (tid25, next) = table_of(&h, cluster, 2025).expect("copied");
    assert_ne!(tid25, tid);
    let mut want = expected(cluster);
    want.year = 2025;
    assert_eq!(next, want);
    // The 2024 table is untouched.
    assert_eq!(
        h.store.must_get::<CriteriaTable>(tid).expect("table"),
        stored
    );

    // A sheet started for 2025 uses the copied table, not a new copy.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
    start_sheet(&mut h, "2025");
    assert!(h.app.form().is_none(), "{}", h.screen());
    let (_, s25) = h
        .store
        .sheet_of(cluster, 2025)
        .expect("read")
        .expect("sheet");
    assert_eq!(s25.table, tid25);
    assert_eq!(tables(&h).len(), 2);
}

/// Picks a school in the focused picker by typing part of its name.
fn pick(h: &mut Harness, text: &str) {
    h.type_text(text).key(KeyCode::Enter);
}

fn last_audit_reason(h: &Harness, sid: SheetId) -> String {
    h.store
        .audit_of(Kind::Sheet, sid.0)
        .expect("audit")
        .last()
        .map(|e| e.reason.clone())
        .unwrap_or_default()
}

/// Fills every cluster score of a sheet through the store, as the grid
/// would, so it can be locked.
fn fill_all(h: &mut Harness, sid: SheetId) {
    h.store
        .modify::<ScoreSheet>("thu_ky", sid, |s| {
            for school in s.schools.clone() {
                for code in ["1.1", "1.2", "2.1"] {
                    s.set_score(school, code, Which::Cluster, Some(Points(100)));
                }
            }
            Ok(())
        })
        .expect("scores");
    h.app.update(Action::Refresh);
}

#[test]
fn members_are_corrected_with_a_reason_until_the_lock() {
    let mut h = Harness::empty(120, 40);
    let (cluster, schools) = setup(&mut h);
    let (_, sid) = build_2024(&mut h, cluster);
    to_grid(&mut h);

    // Added, with the reason in the audit.
    h.key(KeyCode::Char('m'));
    assert_eq!(
        h.app.form().map(|f| f.target.clone()),
        Some(Target::Members(sid))
    );
    h.focus_field("add");
    pick(&mut h, "kien giang");
    // No reason: refused before anything is written.
    h.ctrl('s');
    assert!(h.app.form().is_some());
    assert_eq!(
        h.store.must_get::<ScoreSheet>(sid).expect("sheet").schools,
        schools[..4].to_vec()
    );
    set(&mut h, "reason", "Bổ sung trường bị sót khi lập bảng");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.schools, schools.to_vec());
    assert_eq!(
        last_audit_reason(&h, sid),
        "Bổ sung trường bị sót khi lập bảng"
    );

    // Removed again, with another reason.
    h.key(KeyCode::Char('m')).focus_field("remove");
    pick(&mut h, "kien giang");
    set(&mut h, "reason", "Thêm nhầm");
    h.ctrl('s');
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.schools, schools[..4].to_vec());
    assert_eq!(last_audit_reason(&h, sid), "Thêm nhầm");
    // Undo puts the school back; the list is as before the removal.
    h.undo();
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.schools, schools.to_vec());

    // A school with scores is not removed: the form says why.
    fill_all(&mut h, sid);
    let before = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    h.key(KeyCode::Char('m')).focus_field("remove");
    pick(&mut h, "ca mau");
    set(&mut h, "reason", "Thử bớt");
    h.ctrl('s');
    assert!(h.app.form().is_some(), "kept open");
    assert!(h.screen().contains("đã có điểm"), "{}", h.screen());
    assert_eq!(h.store.must_get::<ScoreSheet>(sid).expect("sheet"), before);
    h.discard();

    // Locked: the grid refuses at once, and the store refuses any path,
    // even one that carries an amendment with a reason.
    common::lock_sheet(&h.store, sid).expect("lock");
    h.app.update(Action::Refresh);
    let locked = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    h.key(KeyCode::Char('m'));
    assert!(h.app.form().is_none());
    assert!(h.status().contains("đã khóa"), "{}", h.screen());
    let by = thidua::store::Author {
        actor: "thu_ky",
        reason: "Bổ sung sau khi khóa",
        role: &Default::default(),
    };
    let e = h
        .store
        .modify::<ScoreSheet>(by, sid, |s| {
            s.schools.push(schools[4]);
            s.amendments.push(Amendment {
                at: Timestamp::now(),
                by: "thu_ky".into(),
                reason: "Bổ sung sau khi khóa".into(),
            });
            Ok(())
        })
        .expect_err("members of a locked sheet are final");
    assert!(matches!(e, StoreError::Members(_)), "{e:?}");
    assert_eq!(h.store.must_get::<ScoreSheet>(sid).expect("sheet"), locked);
}

#[test]
fn a_table_a_locked_sheet_uses_changes_only_by_amendment() {
    let mut h = Harness::empty(120, 40);
    let (cluster, _) = setup(&mut h);
    let (tid, sid) = build_2024(&mut h, cluster);
    fill_all(&mut h, sid);
    common::lock_sheet(&h.store, sid).expect("lock");
    h.app.update(Action::Refresh);
    let table = h.store.must_get::<CriteriaTable>(tid).expect("table");
    let amendments = h
        .store
        .must_get::<ScoreSheet>(sid)
        .expect("sheet")
        .amendments;

    to_grid(&mut h);
    h.key(KeyCode::Char('t'));
    focus_row(&mut h, 1);
    h.clear_field()
        .type_text("1.1; Hoàn thành kế hoạch lớp (sửa); 10; 0,5");
    h.ctrl('s');
    // Without a reason: refused, nothing written, the typing kept.
    let form = h.app.form().expect("kept open");
    assert!(form.field("reason").and_then(|f| f.error.clone()).is_some());
    assert!(form.fields.iter().any(|f| f.text().contains("(sửa)")));
    assert_eq!(
        h.store.must_get::<CriteriaTable>(tid).expect("table"),
        table
    );

    // With a reason: written as an amendment of the locked sheet.
    set(&mut h, "reason", "Sửa tên tiêu chí theo công văn");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let changed = h.store.must_get::<CriteriaTable>(tid).expect("table");
    assert_eq!(
        changed.groups[0].criteria[0].name,
        "Hoàn thành kế hoạch lớp (sửa)"
    );
    let sheet = h.store.must_get::<ScoreSheet>(sid).expect("sheet");
    assert_eq!(sheet.amendments.len(), amendments.len() + 1);
    assert_eq!(
        sheet.amendments.last().map(|a| a.reason.as_str()),
        Some("Sửa tên tiêu chí theo công văn")
    );

    // The same rule holds below the form: the store refuses a plain update.
    let mut other = changed.clone();
    other.title = "Đổi tên".into();
    let e = h
        .store
        .update::<CriteriaTable>("thu_ky", tid, other)
        .expect_err("locked");
    assert!(matches!(e, StoreError::Lock(_)), "{e:?}");
    assert_eq!(
        h.store.must_get::<CriteriaTable>(tid).expect("table"),
        changed
    );
}

#[test]
fn an_invalid_table_shows_the_problem_keeps_the_typing_and_writes_nothing() {
    let mut h = Harness::empty(120, 40);
    let (cluster, _) = setup(&mut h);
    start_sheet(&mut h, "2024");
    focus_row(&mut h, 0);
    h.type_text("I; Đào tạo");
    h.key(KeyCode::Tab)
        .type_text("1.1; Hoàn thành kế hoạch lớp; 10,25; 0,5");
    h.ctrl('n').type_text("1.1; Trùng mã; 5; 1");
    set(&mut h, "tie_break", "nhóm:IX");
    let audit = h.store.audit_entries().expect("audit").len();
    h.ctrl('s');
    let form = h.app.form().expect("kept open");
    let rows: Vec<_> = form.fields.iter().filter(|f| f.key == "row").collect();
    let off_step = rows[1].error.clone().unwrap_or_default();
    assert!(off_step.contains("10,25"), "{off_step}");
    assert!(off_step.contains("bước"), "{off_step}");
    assert!(rows[2].error.clone().unwrap_or_default().contains("1.1"));
    assert!(
        form.field("tie_break")
            .and_then(|f| f.error.clone())
            .is_some()
    );
    // Typing kept.
    assert_eq!(
        rows[1].input.text(),
        "1.1; Hoàn thành kế hoạch lớp; 10,25; 0,5"
    );
    let screen = h.screen();
    assert!(screen.contains("không phải bội số của bước"), "{screen}");
    // Nothing written.
    assert!(tables(&h).is_empty());
    assert!(h.store.sheet_of(cluster, 2024).expect("read").is_none());
    assert_eq!(h.store.audit_entries().expect("audit").len(), audit);

    // A row that does not read says what it needs, beside it.
    focus_row(&mut h, 1);
    h.clear_field().type_text("1.1; thiếu điểm");
    h.ctrl('s');
    let form = h.app.form().expect("kept open");
    let rows: Vec<_> = form.fields.iter().filter(|f| f.key == "row").collect();
    assert!(
        rows[1]
            .error
            .clone()
            .unwrap_or_default()
            .contains("tối đa; bước"),
        "{:?}",
        rows[1].error
    );
    assert!(tables(&h).is_empty());
}

#[test]
fn a_csv_file_is_read_into_the_form_from_the_same_screen() {
    let mut h = Harness::empty(120, 40);
    let (cluster, _) = setup(&mut h);
    let csv = "section,group_code,group_name,code,name,max,step\n\
title,,,,Bảng tiêu chí thi đua năm 2024,,\n\
criterion,I,Đào tạo bồi dưỡng,1.1,Hoàn thành kế hoạch lớp,15,\"0,5\"\n\
criterion,II,Nghiên cứu khoa học,2.1,Đề tài khoa học,10,\"0,25\"\n\
bonus,,,T.1,Sáng kiến được công nhận,2,\"0,5\"\n\
bonus_cap,,,,,3,\n\
penalty,,,TR.1,Chậm báo cáo,2,\"0,5\"\n\
tie_break,,,group:I,,,\n\
tie_break,,,fewer_penalties,,,\n\
vote_rule,,,valid,more_than,1/2,2/3\n\
quota,,,flag,,1,\n\
legal_basis,,,,Nghị định 152/2025/NĐ-CP,,\n";
    let file = h.dir.path().join("bang-2024.csv");
    std::fs::write(&file, csv).expect("csv");
    let path = file.display().to_string();

    start_sheet(&mut h, "2024");
    // A file that is not there: said on the prompt, the form untouched.
    h.ctrl('o')
        .type_text(&format!("{path}.khong-co"))
        .key(KeyCode::Enter);
    let prompt = h.app.prompt().expect("the prompt stays");
    assert!(prompt.error.is_some());
    h.key(KeyCode::Esc);
    h.ctrl('o').type_text(&path).key(KeyCode::Enter);
    assert!(h.app.prompt().is_none(), "{}", h.screen());
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let (_, stored) = table_of(&h, cluster, 2024).expect("stored");
    let want = thidua::export::criteria::parse(csv, 2024, Some(cluster)).expect("parse");
    assert_eq!(stored, want);
    assert!(h.store.sheet_of(cluster, 2024).expect("read").is_some());
}

#[test]
fn the_row_keys_are_in_the_key_bar_and_the_rows_hint() {
    let mut h = Harness::empty(120, 40);
    setup(&mut h);
    start_sheet(&mut h, "2024");
    let bar = h.keybar();
    for k in ["Ctrl-N", "Ctrl-L", "Ctrl-O", "Ctrl-S"] {
        assert!(bar.contains(k), "{k} in {bar}");
    }
    // Saving and the row keys still show at 80 columns.
    h.resize(80, 24);
    let bar = h.keybar();
    for k in ["Ctrl-S", "Ctrl-N"] {
        assert!(bar.contains(k), "{k} in {bar}");
    }
    // The other row keys are named under the rows' own hint.
    focus_row(&mut h, 0);
    let screen = h.screen();
    for k in ["Ctrl-D", "Ctrl-T", "Alt-↑/↓"] {
        assert!(screen.contains(k), "{k} in {screen}");
    }
}

/// The release binary at 80×24 in tmux: a sheet started with no table
/// opens the table form; a group and a criterion typed with the row keys
/// are saved, and the sheet is created on them.
#[test]
fn the_binary_builds_a_table_in_tmux_at_80x24() {
    use common::tmux::{Tmux, tmux_available};
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let cluster = {
        let store = thidua::store::Store::open(&db).expect("open");
        setup_in(&store).0
    };
    let keymap = dir.path().join("keymap.txt");
    std::fs::write(&keymap, "# defaults only\n").expect("keymap");
    let (db_arg, keymap_arg) = (db.display().to_string(), keymap.display().to_string());
    let t = Tmux::new(dir.path(), "criteria");
    t.start(
        "one",
        env!("CARGO_BIN_EXE_thidua"),
        &["--db", &db_arg, "--keymap", &keymap_arg],
    );
    t.wait_text("one", "Trường (5)");
    t.keys("one", &["4", "n"]);
    t.wait_text("one", "Bảng điểm mới");
    t.type_text("one", "thu nghiem");
    t.wait_text("one", "Cụm thi đua thử nghiệm");
    t.keys("one", &["Enter", "Tab"]);
    t.type_text("one", "2024");
    t.keys("one", &["C-s"]);
    let screen = t.wait_text("one", "Bảng tiêu chí mới");
    assert!(
        common::status_line(&screen).contains("Chưa có bảng tiêu chí năm 2024"),
        "{screen}"
    );
    assert!(
        screen.lines().last().unwrap_or("").contains("Ctrl-N"),
        "{screen}"
    );
    // Cluster, year, title, then the first row (a group).
    t.keys("one", &["Tab", "Tab", "Tab"]);
    t.type_text("one", "I; Đào tạo");
    t.keys("one", &["Tab"]);
    t.type_text("one", "1.2; Quản lý học viên; 5; 0,5");
    t.keys("one", &["C-n"]);
    t.type_text("one", "1.1; Kế hoạch lớp; 10; 0,5");
    t.keys("one", &["M-Up"]);
    // Alt-↑ moved 1.1 above 1.2; the row's hint is under it.
    t.wait_for("one", "1.1 above 1.2", |s| {
        match (s.find("1.1; Kế hoạch"), s.find("1.2; Quản lý")) {
            (Some(first), Some(second)) => first < second && s.contains("mã; tên; tối đa; bước"),
            _ => false,
        }
    });
    t.keys("one", &["C-s"]);
    t.wait_for("one", "saved", |s| {
        common::status_line(s).contains("Đã lưu")
    });
    t.keys("one", &["q"]);
    assert_eq!(t.wait_exit("one"), 0);

    let store = common::reopen(&db);
    let (_, sheet) = store
        .sheet_of(cluster, 2024)
        .expect("read")
        .expect("the sheet was created");
    let table = store.must_get::<CriteriaTable>(sheet.table).expect("table");
    let codes: Vec<&str> = table.criteria().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["1.1", "1.2"]);
    assert_eq!(table.groups[0].name, "Đào tạo");
}
