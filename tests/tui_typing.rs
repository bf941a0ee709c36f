//! Typing hazards in the grid and in forms (issue 9, item 6): what is typed
//! into a cell or a field is text, never a command; a minus is refused for a
//! score; leaving with typing open asks first; and a letter typed on never
//! answers a question.

mod common;

use common::tui::Harness;
use common::{practice_sheet, status_line};
use crossterm::event::KeyCode;
use thidua::domain::*;

/// The practice sheet's first cell (I.1 of the first school), cluster score.
fn first_cell(h: &Harness) -> Option<Points> {
    let (_, sheet) = practice_sheet(&h.store);
    let school = *sheet.schools.first().expect("a school");
    let table = h
        .store
        .must_get::<CriteriaTable>(sheet.table)
        .expect("table");
    let item = table.items().next().expect("an item").1.code.clone();
    sheet.score(school, &item, scoring::Which::Cluster)
}

/// Pane 4, the practice sheet's grid focused, cursor on the first cell.
fn grid() -> Harness {
    let mut h = Harness::demo(120, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    assert_eq!(h.app.sheet_ui.cursor, (0, 0));
    assert!(h.app.cursor_cell().is_some(), "{}", h.screen());
    h
}

fn cell_text(h: &Harness) -> Option<String> {
    h.app.sheet_ui.edit.as_ref().map(|e| e.text().to_string())
}

#[test]
fn minus_two_enter_is_refused_with_a_message_and_stores_nothing() {
    let mut h = grid();
    let before = first_cell(&h);
    assert_ne!(before, Some(Points::whole(2)));
    h.type_text("-2").key(KeyCode::Enter);
    assert_eq!(first_cell(&h), before, "-2 Enter must not store 2");
    let s = h.screen();
    assert!(
        status_line(&s).contains("điểm không bao giờ âm"),
        "the refusal says why:\n{s}"
    );
    // The typing stays in the cell, to be corrected.
    assert_eq!(cell_text(&h).as_deref(), Some("-2"));
    // In English too.
    h.app.settings.lang = thidua::i18n::Lang::En;
    h.key(KeyCode::Enter);
    assert!(
        h.status().contains("scores are never negative"),
        "{}",
        h.status()
    );
    // Corrected, it saves.
    h.key(KeyCode::Home)
        .key(KeyCode::Delete)
        .key(KeyCode::Enter);
    assert_eq!(first_cell(&h), Some(Points::whole(2)));
}

#[test]
fn letters_typed_into_a_cell_stay_text_and_never_run_grid_commands() {
    let mut h = grid();
    let before = first_cell(&h);
    // `a` (amend) has nothing to do on an open sheet and `b` opens the
    // ballots in the grid: typed as a word, all three are the cell's text.
    h.type_text("abc");
    assert!(h.app.form().is_none(), "b opened a form:\n{}", h.screen());
    assert_eq!(cell_text(&h).as_deref(), Some("abc"));
    // Refused as not a number; nothing stored, the typing kept.
    h.key(KeyCode::Enter);
    assert_eq!(first_cell(&h), before);
    assert_eq!(cell_text(&h).as_deref(), Some("abc"));
    assert!(h.status().contains("Chưa lưu"), "{}", h.status());
    h.key(KeyCode::Esc);
    assert!(h.app.sheet_ui.edit.is_none());

    // A word whose letters are mostly commands (o outcomes, L lock, n, y)
    // never reaches them once typing has begun in the cell.
    h.type_text("nyoLb");
    assert!(h.app.confirm().is_none() && h.app.form().is_none());
    assert_eq!(cell_text(&h).as_deref(), Some("nyoLb"));
    h.key(KeyCode::Esc);
    assert_eq!(first_cell(&h), before);
    let (id, sheet) = practice_sheet(&h.store);
    assert!(sheet.lock.is_none(), "sheet {id:?} was locked by typing");
}

#[test]
fn q_and_ctrl_c_ask_first_with_a_form_a_cell_or_a_prompt_open() {
    // Nothing open: q leaves at once.
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('q'));
    assert!(h.effects.quit && h.app.confirm().is_none());
    // And Ctrl-C too.
    let mut h = Harness::demo(100, 30);
    h.ctrl('c');
    assert!(h.effects.quit);

    // A form with typing: Ctrl-C asks; Esc goes back to the typing.
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('n')).type_text("Trường đang gõ");
    h.ctrl('c');
    assert!(!h.effects.quit);
    let s = h.screen();
    assert!(s.contains("Thoát chương trình?"), "{s}");
    assert!(s.contains("Biểu mẫu đang mở sẽ bị bỏ"), "{s}");
    h.key(KeyCode::Esc);
    assert!(!h.effects.quit && h.app.confirm().is_none());
    let form = h.app.form().expect("the form stays");
    assert_eq!(
        form.field("name").map(|f| f.input.text()),
        Some("Trường đang gõ")
    );
    // A focused choice (no text) asks as well.
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('3')).key(KeyCode::Char('n'));
    assert_eq!(
        h.app.form().and_then(|f| f.current()).map(|f| f.key),
        Some("kind")
    );
    h.ctrl('c');
    assert!(!h.effects.quit && h.app.confirm().is_some());
    // Enter answers yes.
    h.key(KeyCode::Enter);
    assert!(h.effects.quit);

    // A cell being typed: q is text, Ctrl-C asks.
    let mut h = grid();
    h.type_text("9q");
    assert!(!h.effects.quit);
    assert_eq!(cell_text(&h).as_deref(), Some("9q"));
    h.ctrl('c');
    assert!(!h.effects.quit);
    assert!(h.screen().contains("Điểm đang gõ trong ô sẽ bị bỏ"));
    h.key(KeyCode::Esc);
    assert_eq!(cell_text(&h).as_deref(), Some("9q"));
    // Ctrl-C twice leaves.
    h.ctrl('c').ctrl('c');
    assert!(h.effects.quit);

    // A prompt (the export file name).
    let mut h = grid();
    h.key(KeyCode::Char('x'));
    assert!(h.app.prompt().is_some(), "{}", h.screen());
    h.ctrl('c');
    assert!(!h.effects.quit && h.app.confirm().is_some());
    h.key(KeyCode::Esc);
    assert!(h.app.prompt().is_some() && !h.effects.quit);
}

#[test]
fn a_letter_typed_on_never_answers_the_question_over_a_form() {
    let mut h = Harness::demo(100, 30);
    let schools = h.store.count(thidua::store::Kind::School).expect("count");
    h.key(KeyCode::Char('n'))
        .type_text("Trường Chính trị tỉnh Bắc");
    // An Esc by mistake raises the question; the user types on.
    h.key(KeyCode::Esc);
    assert!(h.app.confirm().is_some());
    h.type_text(" Kạn ncyk");
    assert!(
        h.app.confirm().is_some(),
        "a typed letter answered the question"
    );
    let form = h.app.form().expect("the form is not discarded");
    assert_eq!(
        form.field("name").map(|f| f.input.text()),
        Some("Trường Chính trị tỉnh Bắc")
    );
    assert!(
        h.status().contains("Hãy trả lời câu hỏi trước"),
        "{}",
        h.status()
    );
    // The box shows the keys that do answer it.
    let s = h.screen();
    assert!(s.contains("Enter") && s.contains("Esc"), "{s}");
    h.key(KeyCode::Esc);
    h.type_text(" Kạn").ctrl('s');
    assert_eq!(
        h.store.count(thidua::store::Kind::School).expect("count"),
        schools + 1
    );
}

#[test]
fn esc_in_a_picker_closes_its_list_without_asking_to_drop_the_form() {
    let mut h = Harness::demo(100, 30);
    h.key(KeyCode::Char('2')).key(KeyCode::Char('n'));
    h.focus_field("name").type_text("Cụm thử");
    h.focus_field("members").type_text("ninh");
    let picker = |h: &Harness| {
        h.app
            .form()
            .and_then(|f| f.current())
            .map(|f| f.candidates.len())
            .unwrap_or(0)
    };
    assert!(picker(&h) > 0, "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(h.app.confirm().is_none(), "{}", h.screen());
    assert_eq!(picker(&h), 0);
    assert!(h.app.form().is_some());
    // A second Esc asks, since the form was changed.
    h.key(KeyCode::Esc);
    assert!(h.app.confirm().is_some());
}
