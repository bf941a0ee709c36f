//! The record cannot go wrong (issue 9), tried by keys as a user would: the
//! reproductions of the issue, driven through the real `App`.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::domain::scoring::Which;
use thidua::domain::*;
use thidua::i18n::Lang;

/// The practice sheet's grid, open on its first cell (I.1, first school).
fn practice_grid() -> Harness {
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    assert!(h.screen().contains("I.1"), "{}", h.screen());
    h
}

#[test]
fn deleting_ha_nam_is_refused_and_history_stays_whole() {
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('1')).key(KeyCode::Char(':'));
    h.type_text("ha nam").key(KeyCode::Enter);
    h.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    let status = common::status_line(&h.screen()).to_string();
    assert!(status.contains("Không xóa được"), "{status}");
    let ha_nam = common::school_id(&h.store, "Trường Chính trị tỉnh Hà Nam");
    assert!(h.store.get::<School>(ha_nam).expect("get").is_some());
    let c4 = common::cluster_id(&h.store, 4);
    let (_, term) = h.store.term_of(c4, 2021).expect("read").expect("2021");
    assert_eq!(term.head, Some(ha_nam), "Cụm trưởng 2021 is still Hà Nam");
    assert!(h.store.check_references().expect("check").is_empty());
}

#[test]
fn undo_after_the_lock_is_refused_and_the_locked_score_stays() {
    let mut h = practice_grid();
    let (id, sheet) = common::practice_sheet(&h.store);
    let school = sheet.schools[0];
    let before = sheet.score(school, "I.1", Which::Cluster);
    assert_ne!(before, Some(Points::whole(9)));
    h.type_text("9").key(KeyCode::Enter);
    let typed = h.store.must_get::<ScoreSheet>(id).expect("sheet");
    assert_eq!(
        typed.score(school, "I.1", Which::Cluster),
        Some(Points::whole(9))
    );
    h.key(KeyCode::Char('L')).key(KeyCode::Char('y'));
    assert!(
        h.store
            .must_get::<ScoreSheet>(id)
            .expect("sheet")
            .lock
            .is_some()
    );
    // Undo, answering yes if it asks first.
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('u'))
        .key(KeyCode::Char('y'));
    let after = h.store.must_get::<ScoreSheet>(id).expect("sheet");
    assert_eq!(
        after.score(school, "I.1", Which::Cluster),
        Some(Points::whole(9))
    );
    assert!(after.amendments.is_empty(), "nothing slipped in unrecorded");
    let screen = h.screen();
    assert!(screen.contains("khóa"), "{screen}");
}

#[test]
fn a_ballot_and_the_outcomes_after_the_lock_are_refused_without_an_amendment() {
    let mut h = practice_grid();
    let (id, _) = common::practice_sheet(&h.store);
    h.key(KeyCode::Char('L')).key(KeyCode::Char('y'));
    let locked = h.store.must_get::<ScoreSheet>(id).expect("sheet");
    assert!(locked.lock.is_some());
    let ballots = h.store.all::<Ballot>().expect("ballots");
    let awards = h.store.all::<Award>().expect("awards");
    let terms = h.store.all::<Term>().expect("terms");

    // The flag ballot reopened, its member count corrected (a change the
    // tally accepts), saved: refused by the lock.
    h.key(KeyCode::Char('b'));
    if h.app.form().is_some() {
        h.focus_field("total")
            .key(KeyCode::Backspace)
            .type_text("7");
        h.ctrl('s');
    }
    assert!(h.screen().contains("khóa"), "{}", h.screen());
    h.key(KeyCode::Esc).key(KeyCode::Char('y'));
    // The outcomes: refused too.
    h.key(KeyCode::Char('o')).key(KeyCode::Char('y'));
    assert_eq!(h.store.all::<Ballot>().expect("ballots"), ballots);
    assert_eq!(h.store.all::<Award>().expect("awards"), awards);
    assert_eq!(h.store.all::<Term>().expect("terms"), terms);
    assert_eq!(h.store.must_get::<ScoreSheet>(id).expect("sheet"), locked);
}

#[test]
fn a_sheet_with_an_empty_self_score_does_not_lock_and_says_which_cell() {
    let mut h = practice_grid();
    let (id, sheet) = common::practice_sheet(&h.store);
    // The self-score view, and its first cell emptied.
    h.key(KeyCode::Char('v')).key(KeyCode::Delete);
    let cleared = h.store.must_get::<ScoreSheet>(id).expect("sheet");
    assert_eq!(
        cleared.score(sheet.schools[0], "I.1", Which::SelfScore),
        None
    );
    h.key(KeyCode::Char('L'));
    let status = common::status_line(&h.screen()).to_string();
    assert!(
        status.contains("còn ô trống") && status.contains("I.1"),
        "{status}"
    );
    h.key(KeyCode::Char('y'));
    assert!(
        h.store
            .must_get::<ScoreSheet>(id)
            .expect("sheet")
            .lock
            .is_none()
    );
}

#[test]
fn the_outcomes_and_the_minutes_name_the_same_year_end_meeting() {
    let mut h = Harness::demo(100, 30);
    let (_, sheet) = common::practice_sheet(&h.store);
    let meeting = |kind, day| {
        let mut m = Meeting::new(kind, Some(sheet.year), "Hội nghị (ví dụ minh họa)");
        m.cluster = Some(sheet.cluster);
        m.date = Date::new(2024, 11, day).ok();
        m.illustrative = true;
        m
    };
    // A five-year review first, then the year-end review: the year-end
    // review is the year's meeting, whatever order the records come in.
    let five = h
        .store
        .insert("t", meeting(MeetingKind::FiveYearReview, 5))
        .expect("five-year");
    let year_end = h
        .store
        .insert("t", meeting(MeetingKind::YearEndReview, 28))
        .expect("year-end");
    assert_ne!(five, year_end);
    h.app.reload();
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    h.key(KeyCode::Char('o')).key(KeyCode::Char('y'));
    let proposals: Vec<Award> = h
        .store
        .all::<Award>()
        .expect("awards")
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| a.cluster == Some(sheet.cluster) && a.year == sheet.year)
        .collect();
    assert!(!proposals.is_empty(), "{}", h.screen());
    assert!(proposals.iter().all(|a| a.proposed_at == Some(year_end)));
    let data = thidua::app::data::Data::load(&h.store).expect("data");
    let report =
        thidua::export::report::build(&data, sheet.cluster, sheet.year, Lang::Vi).expect("report");
    let (date, _, _) = report.meeting.expect("the minutes' meeting");
    assert_eq!(date, "28/11/2024");
}

#[test]
fn a_refusal_too_long_for_the_status_line_is_shown_whole_at_80_columns() {
    let mut h = Harness::demo(80, 24);
    h.key(KeyCode::Char('1')).key(KeyCode::Char(':'));
    h.type_text("ha nam").key(KeyCode::Enter);
    h.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    let screen = h.screen();
    let bottom: Vec<&str> = screen.lines().rev().take(2).collect();
    let text = format!("{} {}", bottom[1], bottom[0]);
    // The what-to-do part at the end of the message is on screen.
    assert!(text.contains("ghi sự kiện lịch sử (e)"), "{screen}");
    assert!(text.contains("Cụm 4"), "{screen}");
}
