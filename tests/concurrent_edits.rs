//! Two sessions on one store, as `thidua serve` runs them: a save by one must
//! never undo what the other saved a moment before, even when the second
//! session's screen has not been refreshed yet.

mod common;

use common::practice_sheet;
use common::tui::{Harness, ctrl, keys, type_text, undo};
use crossterm::event::KeyCode;
use thidua::app::{Action, App};
use thidua::domain::scoring::Which;
use thidua::domain::*;

/// The practice sheet both users opened.
fn the_sheet(h: &Harness) -> (SheetId, ScoreSheet) {
    let (id, sheet, _) = h.app.current_sheet().expect("a sheet is open");
    (
        id,
        h.store
            .must_get::<ScoreSheet>(id)
            .unwrap_or_else(|_| sheet.clone()),
    )
}

/// The (school, item) under a user's cursor.
fn cursor(app: &App) -> (SchoolId, String) {
    let (item, school) = app.cursor_cell().expect("a cell");
    (school, item)
}

#[test]
fn a_stale_screen_does_not_undo_another_users_saved_score() {
    let mut h = Harness::demo(120, 40);
    let mut b = h.another_app("b");
    // Both open the grid of the first sheet; B moves one row down.
    keys(&mut h.app, &[KeyCode::Char('4'), KeyCode::Enter]);
    keys(&mut b, &[KeyCode::Char('4'), KeyCode::Enter, KeyCode::Down]);
    let (a_school, a_item) = cursor(&h.app);
    let (b_school, b_item) = cursor(&b);
    assert_ne!((a_school, &a_item), (b_school, &b_item));

    // A saves 1; B, whose snapshot predates it, then saves 2 elsewhere.
    keys(&mut h.app, &[KeyCode::Char('1'), KeyCode::Enter]);
    keys(&mut b, &[KeyCode::Char('2'), KeyCode::Enter]);

    let (_, stored) = the_sheet(&h);
    assert_eq!(
        stored.score(a_school, &a_item, Which::Cluster),
        Some(Points::parse("1").expect("points")),
        "A's score was overwritten by B's stale copy"
    );
    assert_eq!(
        stored.score(b_school, &b_item, Which::Cluster),
        Some(Points::parse("2").expect("points"))
    );

    // B's undo takes back B's score only.
    keys(&mut b, &[KeyCode::Esc]);
    undo(&mut b);
    let (_, stored) = the_sheet(&h);
    assert_eq!(
        stored.score(a_school, &a_item, Which::Cluster),
        Some(Points::parse("1").expect("points")),
        "B's undo took back A's score"
    );
    assert_ne!(
        stored.score(b_school, &b_item, Which::Cluster),
        Some(Points::parse("2").expect("points"))
    );
}

#[test]
fn a_score_typed_after_another_user_locked_the_sheet_is_refused() {
    let mut h = Harness::demo(120, 40);
    let mut b = h.another_app("b");
    keys(&mut h.app, &[KeyCode::Char('4'), KeyCode::Enter]);
    keys(&mut b, &[KeyCode::Char('4'), KeyCode::Enter]);
    let (id, _) = the_sheet(&h);
    // Another session locks it (written directly, as that session would).
    h.store
        .modify::<ScoreSheet>("a", id, |s| {
            s.lock = Some(SheetLock {
                at: Timestamp(1),
                by: "a".into(),
            });
            Ok(())
        })
        .expect("lock");
    let before = h.store.must_get::<ScoreSheet>(id).expect("sheet");
    // B's screen still shows it open.
    keys(&mut b, &[KeyCode::Char('3'), KeyCode::Enter]);
    assert_eq!(h.store.must_get::<ScoreSheet>(id).expect("sheet"), before);
    let msg = b.message.clone().map(|m| m.1).unwrap_or_default();
    assert!(msg.contains("khóa") || msg.contains("Chưa lưu"), "{msg}");
}

#[test]
fn a_form_saved_over_someone_elses_newer_save_is_refused_and_keeps_the_typing() {
    let mut h = Harness::demo(120, 40);
    let mut b = h.another_app("b");
    let id = SchoolId(h.app.selected_id().expect("a school is selected"));
    assert_eq!(b.selected_id(), Some(id.0));
    let name = h.store.must_get::<School>(id).expect("school").name;

    // Both open the same school's form; B saves first.
    keys(&mut h.app, &[KeyCode::Char('e')]);
    keys(&mut b, &[KeyCode::Char('e')]);
    type_text(&mut h.app, " (A)");
    type_text(&mut b, " (B)");
    ctrl(&mut b, 's');
    assert!(b.form().is_none(), "B's save went through");
    let after_b = h.store.must_get::<School>(id).expect("school");
    assert_eq!(after_b.name, format!("{name} (B)"));

    // A's form was opened on the older version: refused, nothing written,
    // A's typing still on screen.
    ctrl(&mut h.app, 's');
    assert_eq!(h.store.must_get::<School>(id).expect("school"), after_b);
    let form = h.app.form().expect("A's form stays open");
    assert!(
        form.fields.iter().any(|f| f.input.text().ends_with(" (A)")),
        "A's typing is kept"
    );
    let msg = h.app.message.clone().map(|m| m.1).unwrap_or_default();
    assert!(msg.contains("người khác vừa sửa"), "{msg}");

    // Reopened, A sees B's version and can save over it.
    keys(&mut h.app, &[KeyCode::Esc, KeyCode::Enter]);
    h.action(Action::Refresh);
    keys(&mut h.app, &[KeyCode::Char('e')]);
    type_text(&mut h.app, " (A)");
    ctrl(&mut h.app, 's');
    assert!(h.app.form().is_none(), "{:?}", h.app.message);
    assert_eq!(
        h.store.must_get::<School>(id).expect("school").name,
        format!("{name} (B) (A)")
    );
}

/// The ballot form checks its save against the ballot of the question now
/// chosen, not the one it opened on: switching the question and saving
/// unchanged counts is no conflict.
#[test]
fn switching_the_ballot_question_and_saving_is_not_taken_for_a_conflict() {
    let mut h = Harness::demo(120, 40);
    let ballots = |h: &Harness| h.store.count(thidua::store::Kind::Ballot).expect("count");
    let before = ballots(&h);
    h.key(KeyCode::Char('4'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('b'));
    assert!(h.app.form().is_some(), "{}", h.screen());
    h.focus_field("question");
    h.key(KeyCode::Right);
    h.ctrl('s');
    let msg = h.app.message.clone().map(|m| m.1).unwrap_or_default();
    assert!(!msg.contains("người khác vừa sửa"), "{msg}");
    assert!(h.app.form().is_none(), "{msg}\n{}", h.screen());
    assert_eq!(
        ballots(&h),
        before,
        "the existing ballot was updated, not added"
    );
}

/// Issue 9, item 5: a delegate saves a self-score while the secretary has
/// another value typed in that cell. The secretary's Enter is refused with
/// both values shown and the typing kept; a second Enter saves it knowingly.
#[test]
fn a_self_score_saved_while_another_user_types_in_that_cell_is_not_overwritten_unseen() {
    let mut h = Harness::demo_as(160, 40, "thu_ky", |s| {
        thidua::domain::access::Role::Secretary(practice_sheet(s).1.cluster)
    });
    let (id, sheet) = practice_sheet(&h.store);
    let school = *sheet.schools.first().expect("a school");
    let mut delegate = h.another_app_as("dai_bieu", thidua::domain::access::Role::Delegate(school));
    // Both on the first cell of the self-score view.
    keys(
        &mut h.app,
        &[KeyCode::Char('4'), KeyCode::Enter, KeyCode::Char('v')],
    );
    keys(
        &mut delegate,
        &[KeyCode::Char('4'), KeyCode::Enter, KeyCode::Char('v')],
    );
    let (item, at) = h.app.cursor_cell().expect("a cell");
    assert_eq!(at, school);
    let seen = sheet.score(school, &item, Which::SelfScore);
    let (theirs, mine) = (
        Points::parse("9").expect("9"),
        Points::parse("8").expect("8"),
    );
    assert_ne!(seen, Some(theirs));

    // The secretary starts typing 8; the delegate saves 9 meanwhile.
    type_text(&mut h.app, "8");
    type_text(&mut delegate, "9");
    keys(&mut delegate, &[KeyCode::Enter]);
    let stored = |h: &Harness| {
        h.store
            .must_get::<ScoreSheet>(id)
            .expect("sheet")
            .score(school, &item, Which::SelfScore)
    };
    assert_eq!(stored(&h), Some(theirs));

    // The secretary's Enter: refused, both values shown, typing kept.
    h.key(KeyCode::Enter);
    assert_eq!(stored(&h), Some(theirs), "the delegate's 9 was overwritten");
    let show = |p: Option<Points>| p.map_or_else(|| "—".to_string(), |p| p.to_string());
    let st = h.status();
    assert!(
        st.contains(&format!(
            "người khác vừa đổi ô này từ {} thành {}",
            show(seen),
            show(Some(theirs))
        )),
        "{st}"
    );
    assert_eq!(
        h.app.sheet_ui.edit.as_ref().map(|e| e.text().to_string()),
        Some("8".to_string())
    );
    // Enter again, having seen it: saved.
    h.key(KeyCode::Enter);
    assert_eq!(stored(&h), Some(mine), "{}", h.status());
}

/// A new ballot saved while someone else recorded one for the same
/// question since the form opened is refused, not added a second time.
#[test]
fn a_new_ballot_recorded_meanwhile_by_another_user_is_not_added_twice() {
    let mut h = Harness::demo(120, 40);
    let mut b = h.another_app("b");
    let (_, sheet) = practice_sheet(&h.store);
    let ballots = |h: &Harness| {
        h.store
            .ballots_of(sheet.cluster, sheet.year)
            .expect("ballots")
    };
    let before = ballots(&h).len();
    // Both open the ballot of next year's head, which has none yet.
    let open_head = |app: &mut App| {
        keys(
            app,
            &[KeyCode::Char('4'), KeyCode::Enter, KeyCode::Char('b')],
        );
        keys(app, &[KeyCode::Right, KeyCode::Right]);
    };
    open_head(&mut h.app);
    open_head(&mut b);
    let fill = |app: &mut App, valid: &str| {
        // issued, valid (Tab past the question, the total and present).
        keys(app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
        type_text(app, "6");
        keys(app, &[KeyCode::Tab]);
        type_text(app, valid);
        ctrl(app, 's');
    };
    fill(&mut b, "6");
    assert!(b.form().is_none(), "{:?}", b.message);
    assert_eq!(ballots(&h).len(), before + 1);

    fill(&mut h.app, "6");
    assert_eq!(
        ballots(&h).len(),
        before + 1,
        "a second head ballot was added"
    );
    assert!(h.app.form().is_some(), "the form stays with the typing");
    let st = h.status();
    assert!(st.contains("người khác vừa lưu phiếu này"), "{st}");
    assert!(st.contains("hợp lệ 6"), "{st}");
}

/// Outcomes confirmed after someone else created them from the same plan
/// write nothing twice: no second set of proposals, no overwritten term.
#[test]
fn outcomes_confirmed_after_another_user_created_them_add_no_duplicates() {
    let mut h = Harness::demo(120, 40);
    let mut b = h.another_app("b");
    let (_, sheet) = practice_sheet(&h.store);
    let awards = |h: &Harness| {
        h.store
            .awards_of_cluster(sheet.cluster)
            .expect("awards")
            .len()
    };
    let before = awards(&h);
    // A looks at the plan; B confirms the same plan first.
    keys(
        &mut h.app,
        &[KeyCode::Char('4'), KeyCode::Enter, KeyCode::Char('o')],
    );
    assert!(h.app.confirm().is_some(), "{}", h.screen());
    keys(
        &mut b,
        &[
            KeyCode::Char('4'),
            KeyCode::Enter,
            KeyCode::Char('o'),
            KeyCode::Char('y'),
        ],
    );
    let after_b = awards(&h);
    assert!(after_b > before, "B created proposals: {:?}", b.message);
    let term = h.store.terms_of_cluster(sheet.cluster).expect("terms");

    // A confirms the plan made before B's write: refused, nothing added.
    h.key(KeyCode::Char('y'));
    assert_eq!(awards(&h), after_b, "proposals were added twice");
    assert_eq!(
        h.store.terms_of_cluster(sheet.cluster).expect("terms"),
        term
    );
    let st = h.status();
    assert!(st.contains("vừa được người khác ghi"), "{st}");
}
