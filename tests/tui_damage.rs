//! Damage is shown, never hidden: a record that cannot be decoded is listed
//! by tree and key in a banner, every other record still loads, and a save
//! is refused (the banner says so) instead of being reported as saved.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use thidua::app::{Action, App, Keymap, Settings, ThemeName};
use thidua::domain::School;
use thidua::i18n::Lang;
use thidua::store::{Kind, Store, codec};

/// The demo database with one school's stored value spoiled, opened in the
/// interface at 100 × 30 in `lang`.
fn damaged_demo(lang: Lang) -> (Harness, u64, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let (victim, schools) = {
        let store = Store::open(&db).expect("open");
        thidua::demo::load(&store).expect("demo");
        let all = store.all::<School>().expect("schools");
        (all[3].0.0, all.len())
    };
    common::raw_put(
        &db,
        Kind::School.tree(),
        &codec::id_key(victim),
        b"\x01\x00\x00\x00\x00not a school",
    );
    let store = Arc::new(common::reopen(&db));
    let settings = Settings {
        lang,
        theme: ThemeName::Dark,
        actor: "tester".into(),
        db_label: "test.db".into(),
        role: Default::default(),
    };
    let app = App::new(
        store.clone(),
        Arc::new(Keymap::default()),
        settings,
        (100, 30),
    );
    let terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let h = Harness {
        dir,
        store,
        app,
        terminal,
        effects: Default::default(),
        typed: vec!["tester".into()],
        scan: true,
    };
    (h, victim, schools)
}

#[test]
fn one_undecodable_record_is_named_in_a_banner_and_the_rest_loads() {
    let (mut h, victim, schools) = damaged_demo(Lang::En);
    let screen = h.screen();
    let key = format!("{victim:016x}");
    assert!(
        screen.contains(&format!("schools {key}: cannot be decoded")),
        "the banner names tree and key:\n{screen}"
    );
    assert!(screen.contains("Damaged records (1)"), "{screen}");
    assert!(
        screen.contains("changes are refused until `thidua check` passes"),
        "{screen}"
    );
    assert_eq!(
        h.app.data.schools.len(),
        schools - 1,
        "every other school loads"
    );
    assert!(!h.app.data.clusters.is_empty() && !h.app.data.meetings.is_empty());
}

#[test]
fn a_save_is_refused_while_damage_stands_and_nothing_is_written() {
    let (mut h, _, _) = damaged_demo(Lang::Vi);
    let entries = h.store.audit_entries().expect("log").len();
    let schools = h.store.count(Kind::School).expect("count");
    h.key(KeyCode::Char('n'));
    h.type_text("Trường Chính trị tỉnh Điện Biên");
    h.ctrl('s');
    let status = h.status();
    assert!(
        status.contains("Không lưu thay đổi"),
        "the refusal is said in the user's language: {status}"
    );
    assert!(!status.contains("Đã lưu"), "{status}");
    assert!(h.app.form().is_some(), "the typing stays on screen");
    assert_eq!(h.store.audit_entries().expect("log").len(), entries);
    assert_eq!(h.store.count(Kind::School).expect("count"), schools);
    // Once the form is given up, the banner is in view again.
    h.action(Action::Back).action(Action::Yes);
    assert!(h.app.form().is_none());
    assert!(h.screen().contains("Bản ghi hỏng (1)"), "{}", h.screen());
}
