//! Performance figures of the interactive program (see `docs/benchmarks.md`):
//!
//! - `startup_to_first_frame`: `Store::open` on the demo database, `App::new`,
//!   first draw on a 100×30 `TestBackend`;
//! - `key_move_500_rows`: one Down key (update) plus one draw, moving through
//!   the schools list of the demo plus 500 schools; for comparison
//!   `key_move_demo_rows` (the demo alone) and `key_update_only_*` (the
//!   update without the draw);
//! - bytes written to the terminal per selection move at 100×30, through
//!   ratatui's `CrosstermBackend` over a byte counter (printed, and written to
//!   `target/bench-bytes.txt`: criterion only reports times);
//! - the real binary's wall time to its first frame, under `script(1)`
//!   (printed, and written to the same file).
//!
//! Run with `cargo bench --bench tui`. The two measurements that are not
//! timings run only under `cargo bench` (criterion's `--bench` flag), not when
//! `cargo test --benches` runs the benches once as tests.

use criterion::{Criterion, criterion_group};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thidua::app::{App, Keymap, Pane, Settings, ThemeName};
use thidua::domain::School;
use thidua::i18n::Lang;
use thidua::store::Store;

/// The terminal size every figure is taken at.
const W: u16 = 100;
const H: u16 = 30;

/// Schools added to the demo for the long list.
const EXTRA_SCHOOLS: usize = 500;

/// Honorific names of political schools (and people schools are named after).
const HONORIFICS: [&str; 23] = [
    "Nguyễn Văn Cừ",
    "Trần Phú",
    "Lê Hồng Phong",
    "Hà Huy Tập",
    "Nguyễn Văn Linh",
    "Võ Văn Kiệt",
    "Lê Duẩn",
    "Trường Chinh",
    "Phạm Văn Đồng",
    "Tôn Đức Thắng",
    "Hoàng Văn Thụ",
    "Tô Hiệu",
    "Nguyễn Thị Minh Khai",
    "Võ Thị Sáu",
    "Lý Tự Trọng",
    "Phan Đăng Lưu",
    "Trần Văn Ơn",
    "Ngô Gia Tự",
    "Nguyễn Đức Cảnh",
    "Châu Văn Liêm",
    "Đặng Thai Mai",
    "Bùi Thị Xuân",
    "Huỳnh Thúc Kháng",
];

/// Provinces (23 × 22 = 506 distinct pairs, enough for 500 schools).
const PROVINCES: [&str; 22] = [
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hoá",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Bình Định",
    "Phú Yên",
    "Khánh Hoà",
    "Đắk Lắk",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Đồng Tháp",
];

/// The `i`-th extra school: varied Vietnamese names, every one different.
fn extra_school(i: usize) -> School {
    let hon = HONORIFICS[i % HONORIFICS.len()];
    let prov = PROVINCES[i % PROVINCES.len()];
    match i % 3 {
        0 => School::new(&format!("Trường Chính trị {hon} tỉnh {prov}"), prov),
        1 => {
            let mut s = School::new(&format!("Trường Chính trị tỉnh {prov} (cơ sở {hon})"), prov);
            s.honorifics = vec![format!("Trường Chính trị {hon}")];
            s
        }
        _ => {
            let mut s = School::new(&format!("Trường Cán bộ {hon} {prov}"), prov);
            s.notes = format!("Thêm cho phép đo: trường thứ {i}.");
            s
        }
    }
}

fn settings(db_label: &str) -> Settings {
    Settings {
        lang: Lang::Vi,
        theme: ThemeName::Dark,
        actor: "bench".into(),
        db_label: db_label.into(),
        role: Default::default(),
    }
}

/// A database in a temporary folder with the demo and `extra` more schools,
/// closed again so that each measurement opens it itself.
fn database(extra: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("db");
    let store = Store::open(&path).expect("open");
    thidua::demo::load(&store).expect("demo");
    for i in 0..extra {
        store.insert("bench", extra_school(i)).expect("insert");
    }
    store.flush().expect("flush");
    drop(store);
    (dir, path)
}

fn new_app(store: Arc<Store>) -> App {
    App::new(
        store,
        Arc::new(Keymap::default()),
        settings("bench.db"),
        (W, H),
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Down, or Home when the selection is on the last row, so that every call
/// really moves the selection.
fn next_move(app: &mut App) {
    let list = app.list();
    if list.selected + 1 >= list.visible.len() {
        key(app, KeyCode::Home);
    } else {
        key(app, KeyCode::Down);
    }
}

fn startup_to_first_frame(c: &mut Criterion) {
    let (_dir, path) = database(0);
    c.bench_function("startup_to_first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t0 = Instant::now();
                let store = Arc::new(Store::open(&path).expect("open"));
                let app = new_app(store.clone());
                let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
                terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
                total += t0.elapsed();
                // sled holds a lock on the folder: close before the next open,
                // outside the timing.
                drop(black_box(terminal));
                drop(app);
                drop(store);
            }
            total
        });
    });
}

/// One key per iteration: Down (Home at the end), then one draw. The main
/// figure is `key_move_500_rows` (the demo plus 500 schools); the demo alone
/// and the update without the draw are there for comparison.
fn key_move(c: &mut Criterion) {
    for (label, extra) in [("500_rows", EXTRA_SCHOOLS), ("demo_rows", 0)] {
        let (_dir, path) = database(extra);
        let store = Arc::new(Store::open(&path).expect("open"));
        let mut app = new_app(store.clone());
        let rows = app.list_of(Pane::Schools).visible.len();
        println!("key_{label}: {rows} rows in the schools list");
        let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
        terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
        c.bench_function(&format!("key_move_{label}"), |b| {
            b.iter(|| {
                next_move(&mut app);
                terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
            });
        });
        c.bench_function(&format!("key_update_only_{label}"), |b| {
            b.iter(|| next_move(black_box(&mut app)));
        });
        drop(app);
        drop(store);
    }
}

/// Records added to the demo for the palette: half schools, half people.
const PALETTE_RECORDS: usize = 10_000;

/// Family, middle and given names for the palette's people.
const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu"];
const GIVEN: [&str; 13] = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Nam",
    "Thảo",
];

/// The demo's snapshot with [`PALETTE_RECORDS`] more records, built in
/// memory: the palette reads only the snapshot, so 10,000 writes to sled
/// would add nothing but set-up time.
fn big_snapshot(store: &Store) -> thidua::app::data::Data {
    let mut data = thidua::app::data::Data::load(store).expect("load");
    let base = 1_000_000u64;
    for i in 0..PALETTE_RECORDS / 2 {
        let id = base + i as u64;
        data.schools
            .insert(thidua::domain::SchoolId(id), extra_school(i));
        let name = format!(
            "{} {} {} {}",
            FAMILY[i % FAMILY.len()],
            MIDDLE[(i / FAMILY.len()) % MIDDLE.len()],
            GIVEN[(i / 7) % GIVEN.len()],
            i
        );
        data.people.insert(
            thidua::domain::PersonId(id),
            thidua::domain::Person::new(&name),
        );
    }
    data
}

/// One palette keystroke on the demo plus 10,000 records: typing a query
/// one character at a time, then deleting it one Backspace at a time (each
/// Backspace goes back to a search already made), update and draw. The
/// index is built before the timing, as the first keystroke after a change
/// builds it once for every session; `palette_index_build_10000` times that
/// build, `palette_search_first_letter_10000` the search of one letter
/// alone, and `palette_first_letter_key_10000` /
/// `palette_second_letter_key_10000` those keystrokes alone, update and draw.
fn palette_key(c: &mut Criterion) {
    let (_dir, path) = database(0);
    let store = Arc::new(Store::open(&path).expect("open"));
    let data = Arc::new(big_snapshot(&store));
    c.bench_function("palette_index_build_10000", |b| {
        b.iter(|| thidua::app::data::NameIndex::build(black_box(&data)));
    });
    // The first letter of a search: read off the index, no name ranked.
    data.names();
    c.bench_function("palette_search_first_letter_10000", |b| {
        b.iter(|| {
            data.names()
                .search(black_box("n"), thidua::app::overlays::palette::MAX_HITS)
        });
    });
    let mut app = new_app(store.clone());
    app.data = data;
    let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    key(&mut app, KeyCode::Char(':'));
    let queries = [
        "nguyen van",
        "ha nam",
        "truong chinh tri",
        "tran thi lan",
        "cum",
    ];
    let script: Vec<KeyCode> = queries
        .iter()
        .flat_map(|q| {
            q.chars()
                .map(KeyCode::Char)
                .chain(q.chars().map(|_| KeyCode::Backspace))
        })
        .collect();
    let mut step = 0usize;
    app.data.names();
    c.bench_function("palette_key_10000_records", |b| {
        b.iter(|| {
            key(&mut app, script[step % script.len()]);
            step += 1;
            terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
        });
    });
    let hits = app.palette().map_or(0, |p| p.hits.len());
    println!(
        "palette_key_10000_records: {} keys in the script, {hits} results at the end",
        script.len()
    );
    // The keystrokes that search the most, timed alone: the first letter of
    // a new search (the palette holds no search it could narrow), and the
    // second letter, which narrows the first letter's matches. The keys
    // that set each up and take it back are not timed.
    for _ in 0..queries.len() {
        key(&mut app, KeyCode::Backspace);
    }
    let letter = |app: &mut App, terminal: &mut Terminal<TestBackend>, c: char| {
        let start = Instant::now();
        key(app, KeyCode::Char(c));
        terminal.draw(|f| thidua::ui::draw(f, app)).expect("draw");
        start.elapsed()
    };
    let firsts: Vec<char> = queries.iter().filter_map(|q| q.chars().next()).collect();
    c.bench_function("palette_first_letter_key_10000", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                let c = firsts[i as usize % firsts.len()];
                spent += letter(&mut app, &mut terminal, c);
                key(&mut app, KeyCode::Backspace);
            }
            spent
        });
    });
    c.bench_function("palette_second_letter_key_10000", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                let mut q = queries[i as usize % queries.len()].chars();
                let (Some(first), Some(second)) = (q.next(), q.next()) else {
                    continue;
                };
                key(&mut app, KeyCode::Char(first));
                spent += letter(&mut app, &mut terminal, second);
                key(&mut app, KeyCode::Backspace);
                key(&mut app, KeyCode::Backspace);
            }
            spent
        });
    });
}

/// A terminal that counts the bytes written to it (the count is shared:
/// ratatui keeps the backend's writer to itself).
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Bytes per selection move through the whole schools list of the demo plus
/// 500 schools, at 100×30, one full pass from the top to the last row.
fn bytes_per_move() -> String {
    let (_dir, path) = database(EXTRA_SCHOOLS);
    let store = Arc::new(Store::open(&path).expect("open"));
    let mut app = new_app(store.clone());
    // A fixed viewport: the counter is no tty to ask the size of.
    let count = Rc::new(Cell::new(0));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(Counter(count.clone())),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
        },
    )
    .expect("terminal");
    terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
    let first = count.get();
    let rows = app.list().visible.len();
    let body = thidua::app::layout::body_height((W, H));
    let mut moves = Vec::with_capacity(rows);
    for _ in 1..rows {
        let before = count.get();
        let offset = app.list().offset;
        key(&mut app, KeyCode::Down);
        let scrolled = app.list().offset != offset;
        terminal.draw(|f| thidua::ui::draw(f, &app)).expect("draw");
        moves.push((count.get() - before, scrolled));
    }
    let stats = |v: &[usize]| -> (usize, usize, usize) {
        let n = v.len().max(1);
        (
            v.iter().sum::<usize>() / n,
            v.iter().copied().min().unwrap_or(0),
            v.iter().copied().max().unwrap_or(0),
        )
    };
    let all: Vec<usize> = moves.iter().map(|m| m.0).collect();
    let still: Vec<usize> = moves.iter().filter(|m| !m.1).map(|m| m.0).collect();
    let scroll: Vec<usize> = moves.iter().filter(|m| m.1).map(|m| m.0).collect();
    let (avg, min, max) = stats(&all);
    let (s_avg, s_min, s_max) = stats(&still);
    let (r_avg, r_min, r_max) = stats(&scroll);
    format!(
        "bytes_per_move_100x30: avg {avg}, min {min}, max {max} ({n} Down moves over {rows} rows, demo + {EXTRA_SCHOOLS} schools)\n\
         bytes_per_move_100x30 without scrolling: avg {s_avg}, min {s_min}, max {s_max} ({ns} moves)\n\
         bytes_per_move_100x30 scrolling the list: avg {r_avg}, min {r_min}, max {r_max} ({nr} moves)\n\
         bytes_first_frame_100x30: {first} (a full screen, for comparison; body {body} rows)\n",
        n = all.len(),
        ns = still.len(),
        nr = scroll.len(),
    )
}

/// The real binary on the demo database, in a pseudo-terminal set to 100×30
/// by `script(1)`: wall time from spawning to the end of the first frame
/// (ratatui hides or shows the cursor after the last cell of a frame; nothing
/// before the first frame does), then `q` to quit. The same spawn running
/// `printf` instead of thidua gives the cost of `script` and `sh` alone.
fn binary_to_first_frame() -> String {
    let script_ok = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !script_ok {
        return "binary_to_first_frame: skipped (no `script` command)\n".to_string();
    }
    let (dir, path) = database(0);
    let config = dir.path().join("config");
    let bin = env!("CARGO_BIN_EXE_thidua");
    let thidua = format!(
        "stty cols {W} rows {H}; exec '{bin}' --db '{}'",
        path.display()
    );
    let baseline = format!("stty cols {W} rows {H}; exec printf '\\033[?1049h\\033[2J\\033[?25l'");
    let runs = 20;
    let mut times = Vec::new();
    let mut base = Vec::new();
    let mut failures = Vec::new();
    for i in 0..runs + 2 {
        match spawn_to_frame(&thidua, &config) {
            Ok(t) if i >= 2 => times.push(t),
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
        match spawn_to_frame(&baseline, &config) {
            Ok(t) if i >= 2 => base.push(t),
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
    }
    if times.is_empty() {
        return format!("binary_to_first_frame: failed ({})\n", failures.join("; "));
    }
    times.sort();
    base.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |v: &[Duration]| v.get(v.len() / 2).copied().unwrap_or_default();
    let mut out = format!(
        "binary_to_first_frame_100x30: median {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs; includes script+sh+stty)\n",
        ms(median(&times)),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len(),
    );
    if !base.is_empty() {
        out.push_str(&format!(
            "binary_to_first_frame_baseline (script+sh+stty+printf alone): median {:.1} ms, min {:.1} ms, max {:.1} ms\n",
            ms(median(&base)),
            ms(base[0]),
            ms(base[base.len() - 1]),
        ));
    }
    if !failures.is_empty() {
        out.push_str(&format!(
            "binary_to_first_frame: {} failed runs: {}\n",
            failures.len(),
            failures.join("; ")
        ));
    }
    out
}

/// Spawns `sh -c cmd` under `script`, returns the time until the first
/// cursor hide/show after the screen was cleared, then quits it.
fn spawn_to_frame(cmd: &str, config: &Path) -> Result<Duration, String> {
    use std::process::{Command, Stdio};
    let t0 = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", cmd, "/dev/null"])
        .env("XDG_CONFIG_HOME", config)
        .env_remove("THIDUA_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let stdin = Arc::new(Mutex::new(child.stdin.take().ok_or("no stdin")?));
    let (tx, rx) = std::sync::mpsc::channel();
    let answer = stdin.clone();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        let mut sent = false;
        let mut answered = 0;
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    seen.extend_from_slice(&buf[..n]);
                    // Answer cursor-position requests as a terminal would
                    // (ratatui's `Terminal::clear` asks before clearing).
                    let asked = count(&seen, b"\x1b[6n");
                    while answered < asked {
                        if let Ok(mut w) = answer.lock() {
                            let _ = w.write_all(b"\x1b[1;1R");
                            let _ = w.flush();
                        }
                        answered += 1;
                    }
                    if !sent && frame_done(&seen) {
                        let _ = tx.send(Instant::now());
                        sent = true;
                    }
                }
            }
        }
        seen
    });
    let done = rx.recv_timeout(Duration::from_secs(10));
    // Quit (the baseline has already exited).
    if let Ok(mut w) = stdin.lock() {
        let _ = w.write_all(b"q");
        let _ = w.flush();
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
    }
    let seen = reader.join().unwrap_or_default();
    match done {
        Ok(t) => Ok(t - t0),
        Err(_) => Err(format!(
            "no frame within 10 s; output began {:?}",
            String::from_utf8_lossy(&seen[..seen.len().min(200)])
        )),
    }
}

/// How many times `needle` occurs in `hay`.
fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Whether the output holds a cleared screen followed by a cursor hide or show.
fn frame_done(seen: &[u8]) -> bool {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let Some(clear) = find(seen, b"\x1b[2J") else {
        return false;
    };
    let rest = &seen[clear..];
    find(rest, b"\x1b[?25l").is_some() || find(rest, b"\x1b[?25h").is_some()
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = startup_to_first_frame, key_move, palette_key
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not.
    let benching = args.iter().any(|a| a == "--bench");
    let filter = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_default();
    if benching && (filter.is_empty() || "bytes_per_move binary_to_first_frame".contains(&filter)) {
        let mut report = bytes_per_move();
        report.push_str(&binary_to_first_frame());
        print!("{report}");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
        let file = target.join("bench-bytes.txt");
        match std::fs::write(&file, &report) {
            Ok(()) => println!("(written to {})\n", file.display()),
            Err(e) => println!("(could not write {}: {e})\n", file.display()),
        }
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
