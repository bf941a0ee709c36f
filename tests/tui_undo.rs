//! Undo is scoped (issue 9, item 7): `u` takes back the last change made in
//! the pane on screen, after a question naming it; Ctrl-R redoes, per pane;
//! an undo the store refuses is reported and kept.

mod common;

use common::practice_sheet;
use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::domain::scoring::Which;
use thidua::domain::*;

/// Creates a meeting in pane 3 from its form and returns its id.
fn new_meeting(h: &mut Harness, title: &str) -> MeetingId {
    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    h.focus_field("title").type_text(title).ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    meeting(h, title).expect("the meeting was created")
}

fn meeting(h: &Harness, title: &str) -> Option<MeetingId> {
    h.store
        .all::<Meeting>()
        .expect("meetings")
        .into_iter()
        .find(|(_, m)| m.title == title)
        .map(|(id, _)| id)
}

#[test]
fn u_in_another_pane_never_undoes_a_meeting_made_in_pane_3() {
    let mut h = Harness::demo(100, 30);
    let title = "Hội nghị thử hoàn tác";
    let id = new_meeting(&mut h, title);

    // Pane 5 has nothing of its own to undo: u says so, three times.
    h.key(KeyCode::Char('5'));
    for _ in 0..3 {
        h.key(KeyCode::Char('u'));
        assert!(h.app.confirm().is_none(), "{}", h.screen());
        if h.app.confirm().is_some() {
            h.key(KeyCode::Char('y'));
        }
    }
    assert_eq!(
        meeting(&h, title),
        Some(id),
        "u in pane 5 undid pane 3's meeting"
    );
    let st = h.status();
    assert!(st.contains("Không có gì để hoàn tác ở khung Người"), "{st}");

    // In pane 3, u first asks, naming what it will undo; no keeps it.
    h.key(KeyCode::Char('3')).key(KeyCode::Char('u'));
    let s = h.screen();
    assert!(s.contains("Hoàn tác thay đổi này?"), "{s}");
    assert!(s.contains(title), "the question names the meeting:\n{s}");
    assert_eq!(meeting(&h, title), Some(id), "nothing before the answer");
    h.key(KeyCode::Char('n'));
    assert_eq!(meeting(&h, title), Some(id));
    // Yes undoes it.
    h.key(KeyCode::Char('u')).key(KeyCode::Char('y'));
    assert_eq!(meeting(&h, title), None);
    assert!(h.status().contains("Đã hoàn tác"), "{}", h.status());
}

#[test]
fn ctrl_r_redoes_in_its_own_pane_and_a_new_change_clears_what_it_could_redo() {
    let mut h = Harness::demo(100, 30);
    let title = "Hội nghị thử làm lại";
    let id = new_meeting(&mut h, title);
    // A person added in pane 5 is pane 5's to undo.
    h.key(KeyCode::Char('5')).key(KeyCode::Char('n'));
    h.type_text("Người Thử Hoàn Tác").ctrl('s');
    let people = h.store.count(thidua::store::Kind::Person).expect("count");

    h.key(KeyCode::Char('3')).undo();
    assert_eq!(meeting(&h, title), None);
    assert_eq!(
        h.store.count(thidua::store::Kind::Person).expect("count"),
        people,
        "undo in pane 3 took back pane 5's person"
    );

    // Redo belongs to pane 3 too.
    h.key(KeyCode::Char('5')).ctrl('r');
    assert_eq!(meeting(&h, title), None);
    assert!(
        h.status().contains("Không có gì để làm lại"),
        "{}",
        h.status()
    );
    h.key(KeyCode::Char('3')).ctrl('r');
    assert_eq!(
        meeting(&h, title),
        Some(id),
        "redo brings it back under its id"
    );
    assert!(h.status().contains("Đã làm lại"), "{}", h.status());
    // Undo and redo again, as often as wanted.
    h.undo();
    assert_eq!(meeting(&h, title), None);
    h.ctrl('r');
    assert_eq!(meeting(&h, title), Some(id));

    // After an undo, a new change in the pane: nothing left to redo.
    h.undo();
    assert_eq!(meeting(&h, title), None);
    new_meeting(&mut h, "Hội nghị khác");
    h.ctrl('r');
    assert_eq!(meeting(&h, title), None, "redo reapplied over a new change");
    assert!(
        h.status().contains("Không có gì để làm lại"),
        "{}",
        h.status()
    );
}

#[test]
fn an_undo_the_store_refuses_is_reported_and_the_step_is_kept() {
    let mut h = Harness::demo(120, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    let (item, school) = h.app.cursor_cell().expect("a cell");
    let (id, sheet) = practice_sheet(&h.store);
    let score = |h: &Harness| {
        h.store
            .must_get::<ScoreSheet>(id)
            .expect("sheet")
            .score(school, &item, Which::Cluster)
    };
    let was = sheet.score(school, &item, Which::Cluster);
    let (mine, theirs) = if was == Some(Points::whole(7)) {
        (Points::whole(6), Points::whole(5))
    } else {
        (Points::whole(7), Points::whole(5))
    };
    h.type_text(&mine.to_string()).key(KeyCode::Enter);
    assert_eq!(score(&h), Some(mine));

    // Another session then saves its own value in that cell.
    h.store
        .modify::<ScoreSheet>("khac", id, |s| {
            s.set_score(school, &item, Which::Cluster, Some(theirs));
            Ok(())
        })
        .expect("their save");

    // Undoing mine would silently put back the old value over theirs.
    h.key(KeyCode::Esc).key(KeyCode::Char('u'));
    let question = h.app.confirm().map(|c| c.question.clone());
    assert!(
        question.as_deref().is_some_and(|q| q.contains(&item)),
        "{question:?}"
    );
    h.key(KeyCode::Char('y'));
    assert_eq!(score(&h), Some(theirs), "the undo overwrote their score");
    let st = h.status();
    assert!(st.contains("Không hoàn tác được"), "{st}");
    assert!(st.contains("bước này vẫn được giữ"), "{st}");
    assert!(
        st.contains(&format!(
            "người khác vừa đổi ô này từ {mine} thành {theirs}"
        )),
        "{st}"
    );
    // The step is still there, named the same.
    h.key(KeyCode::Char('u'));
    assert_eq!(h.app.confirm().map(|c| c.question.clone()), question);
    h.key(KeyCode::Char('n'));
    assert_eq!(score(&h), Some(theirs));
    assert_ne!(was, Some(theirs));
}
