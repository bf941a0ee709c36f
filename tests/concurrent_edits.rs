//! Two sessions on one store, as `thidua serve` runs them: a save by one must
//! never undo what the other saved a moment before, even when the second
//! session's screen has not been refreshed yet.

mod common;

use common::tui::{Harness, ctrl, keys, type_text};
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
    keys(&mut b, &[KeyCode::Esc, KeyCode::Char('u')]);
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
    assert!(b.form.is_none(), "B's save went through");
    let after_b = h.store.must_get::<School>(id).expect("school");
    assert_eq!(after_b.name, format!("{name} (B)"));

    // A's form was opened on the older version: refused, nothing written,
    // A's typing still on screen.
    ctrl(&mut h.app, 's');
    assert_eq!(h.store.must_get::<School>(id).expect("school"), after_b);
    let form = h.app.form.as_ref().expect("A's form stays open");
    assert!(
        form.fields.iter().any(|f| f.input.text().ends_with(" (A)")),
        "A's typing is kept"
    );
    let msg = h.app.message.clone().map(|m| m.1).unwrap_or_default();
    assert!(msg.contains("người khác vừa sửa"), "{msg}");

    // Reopened, A sees B's version and can save over it.
    keys(&mut h.app, &[KeyCode::Esc, KeyCode::Char('y')]);
    h.action(Action::Refresh);
    keys(&mut h.app, &[KeyCode::Char('e')]);
    type_text(&mut h.app, " (A)");
    ctrl(&mut h.app, 's');
    assert!(h.app.form.is_none(), "{:?}", h.app.message);
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
    assert!(h.app.form.is_some(), "{}", h.screen());
    h.focus_field("question");
    h.key(KeyCode::Right);
    h.ctrl('s');
    let msg = h.app.message.clone().map(|m| m.1).unwrap_or_default();
    assert!(!msg.contains("người khác vừa sửa"), "{msg}");
    assert!(h.app.form.is_none(), "{msg}\n{}", h.screen());
    assert_eq!(
        ballots(&h),
        before,
        "the existing ballot was updated, not added"
    );
}
