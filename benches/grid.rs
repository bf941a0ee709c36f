//! The score grid at the conference (see `docs/benchmarks.md`): a sheet of
//! 12 schools × 60 criteria at 80×24, per key: moving the cursor (update and
//! draw), and typing a score and committing it (update, the store's flushed
//! write, reload, draw).
//!
//! Run with `cargo bench --bench grid`.

use criterion::{Criterion as Bench, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;
use thidua::app::{App, Keymap, Settings, ThemeName};
use thidua::domain::*;
use thidua::i18n::Lang;
use thidua::store::Store;

const SCHOOLS: usize = 12;
const CRITERIA: usize = 60;

/// A database with one cluster of 12 schools, a 60-criterion table and a
/// full sheet; the app focused on its grid.
fn setup(dir: &std::path::Path) -> (App, Terminal<TestBackend>) {
    let store = Arc::new(Store::open(&dir.join("db")).expect("open"));
    let schools: Vec<SchoolId> = (0..SCHOOLS)
        .map(|i| {
            store
                .insert(
                    "bench",
                    School::new(
                        &format!("Trường Chính trị tỉnh Thử {i}"),
                        &format!("Thử {i}"),
                    ),
                )
                .expect("school")
        })
        .collect();
    let mut c = Cluster::new(Some(1), "Cụm thử", "Thử");
    c.memberships.push(Membership {
        year: 2025,
        schools: schools.clone(),
        stated_count: None,
        complete: true,
        sources: Vec::new(),
    });
    let cluster = store.insert("bench", c).expect("cluster");
    let groups = (0..6)
        .map(|g| CriteriaGroup {
            code: format!("G{g}"),
            name: format!("Nhóm {g}"),
            criteria: (0..CRITERIA / 6)
                .map(|i| Criterion {
                    code: format!("{g}.{i}"),
                    name: format!("Tiêu chí {g}.{i}"),
                    max: Points::whole(10),
                    step: Points(50),
                })
                .collect(),
        })
        .collect();
    let table = CriteriaTable {
        year: 2025,
        cluster: Some(cluster),
        title: "Bảng thử".into(),
        groups,
        bonus: Vec::new(),
        bonus_cap: Points(0),
        penalties: Vec::new(),
        tie_break: vec![TieBreak::GroupScore("G0".into())],
        vote_rule: VoteRule::default(),
        award_quotas: Vec::new(),
        legal_basis: String::new(),
        self_scores_optional: false,
        illustrative: true,
        sources: Vec::new(),
    };
    let table_id = store.insert("bench", table.clone()).expect("table");
    let cells = schools
        .iter()
        .flat_map(|s| {
            table.criteria().map(move |c| ScoreCell {
                school: *s,
                item: c.code.clone(),
                self_score: Some(Points(900)),
                cluster_score: Some(Points(850)),
            })
        })
        .collect();
    store
        .insert(
            "bench",
            ScoreSheet {
                cluster,
                year: 2025,
                table: table_id,
                schools,
                cells,
                lock: None,
                amendments: Vec::new(),
                illustrative: true,
            },
        )
        .expect("sheet");
    let settings = Settings {
        lang: Lang::Vi,
        theme: ThemeName::Dark,
        actor: "bench".into(),
        db_label: "bench.db".into(),
        role: Default::default(),
    };
    let mut app = App::new(store, Arc::new(Keymap::default()), settings, (80, 24));
    for k in [KeyCode::Char('4'), KeyCode::Enter] {
        app.handle_key(KeyEvent::new(k, KeyModifiers::NONE));
    }
    let terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    (app, terminal)
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn grid(c: &mut Bench) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut app, mut terminal) = setup(dir.path());
    terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
    let mut step = 0usize;
    c.bench_function("grid_12x60_move_key", |b| {
        b.iter(|| {
            // Down the column, then across, wrapping: every key is a real move.
            step += 1;
            let k = if step.is_multiple_of(CRITERIA) {
                KeyCode::Right
            } else {
                KeyCode::Down
            };
            if step.is_multiple_of(CRITERIA * SCHOOLS) {
                key(&mut app, KeyCode::Home);
            }
            key(&mut app, k);
            terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
        })
    });
    let mut n = 0u64;
    c.bench_function("grid_12x60_type_and_commit", |b| {
        b.iter(|| {
            // Alternate 9 and 8,5 so every commit changes the cell.
            n += 1;
            let text = if n.is_multiple_of(2) { "9" } else { "8,5" };
            for ch in text.chars() {
                key(&mut app, KeyCode::Char(ch));
                terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
            }
            key(&mut app, KeyCode::Tab);
            terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
            key(&mut app, KeyCode::Left);
        })
    });
}

criterion_group! {
    name = benches;
    config = Bench::default().measurement_time(Duration::from_secs(4)).sample_size(30);
    targets = grid
}
criterion_main!(benches);
