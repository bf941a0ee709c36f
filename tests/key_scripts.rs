//! Random key scripts against the whole program (issue 9): thousands of
//! scripts of up to 200 keys, across every pane, form, the grid, ballots,
//! outcomes, lock, amend, undo and redo, typed into the real `App` over one
//! demo database that is closed and reopened along the way. After every
//! script:
//!
//! - nothing panicked (the view is drawn too);
//! - `check` finds no dangling reference and the indexes agree;
//! - every change in the audit log matches the stored records (each record
//!   equals the last "after" copy the log holds of it, and nothing else is
//!   stored);
//! - a locked year (its sheet, ballots, proposals, next term) changed after
//!   the lock only through entries that carry a reason (or the Academy's own
//!   decision fields), its lock never lifted, its amendments only appended.
//!
//! `THIDUA_SCRIPTS` sets the number of scripts (default 2,000). The database
//! lives in /dev/shm when there is one: the test is about the rules, and
//! fsync on a tmpfs costs nothing, so thousands of flushed writes fit in CI.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thidua::app::{App, Keymap, Settings, ThemeName};
use thidua::domain::lock::LockScoped;
use thidua::domain::*;
use thidua::i18n::Lang;
use thidua::store::{AuditEntry, Kind, Record, Store, codec};

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The keys scripts are made of, with weights: movement and Enter often, the
/// pane and record commands, digits and text (Vietnamese too), and the
/// conference keys.
fn alphabet() -> Vec<(u32, KeyEvent)> {
    let mut keys: Vec<(u32, KeyEvent)> = Vec::new();
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
    ] {
        keys.push((6, plain(code)));
    }
    for code in [
        KeyCode::BackTab,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(2),
    ] {
        keys.push((2, plain(code)));
    }
    for c in "0123456789".chars() {
        keys.push((3, ch(c)));
    }
    for c in "12345".chars() {
        keys.push((3, ch(c)));
    }
    // Commands and the conference.
    for c in "nedyuvboLaH?:/ ".chars() {
        keys.push((3, ch(c)));
    }
    for c in "qxsQ,.-".chars() {
        keys.push((1, ch(c)));
    }
    // Text, Vietnamese included.
    for c in "ahnmtđăâêôơướệ".chars() {
        keys.push((1, ch(c)));
    }
    for c in ['s', 'r', 'k', 'c'] {
        keys.push((2, ctrl(c)));
    }
    keys
}

/// A record-level view of the database, rebuilt from the audit log as it
/// grows: (kind, id) → the record's stored bytes after its last change.
type Model = HashMap<(Kind, u64), Vec<u8>>;

/// What a locked year looked like when its lock was first seen.
struct Locked {
    cluster: ClusterId,
    year: u16,
    sheet: SheetId,
    lock: SheetLock,
    amendments: usize,
    /// The audit sequence number the lock was seen at.
    seq: u64,
}

struct World {
    path: PathBuf,
    store: Option<Arc<Store>>,
    app: Option<App>,
    terminal: Terminal<TestBackend>,
    model: Model,
    seen: u64,
    locked: Vec<Locked>,
    scripts: u64,
}

fn settings() -> Settings {
    Settings {
        lang: Lang::Vi,
        theme: ThemeName::Light,
        actor: "kich_ban".into(),
        role: Default::default(),
        db_label: "scripts.db".into(),
    }
}

impl World {
    fn open(path: &Path) -> Result<(Arc<Store>, App), TestCaseError> {
        let store = Arc::new(
            common::retry_locked(|| Store::open(path))
                .map_err(|e| TestCaseError::fail(format!("reopen: {e}")))?,
        );
        let app = App::new(
            store.clone(),
            Arc::new(Keymap::default()),
            settings(),
            (100, 30),
        );
        Ok((store, app))
    }

    fn store_arc(&self) -> Result<Arc<Store>, TestCaseError> {
        self.store
            .clone()
            .ok_or_else(|| TestCaseError::fail("store closed"))
    }

    fn store(&self) -> Result<&Store, TestCaseError> {
        self.store
            .as_deref()
            .ok_or_else(|| TestCaseError::fail("store closed"))
    }

    /// Types a script; a quit starts a new session, as a user reconnecting.
    fn run(&mut self, script: &[KeyEvent]) -> Result<(), TestCaseError> {
        for (i, k) in script.iter().enumerate() {
            let app = self
                .app
                .as_mut()
                .ok_or_else(|| TestCaseError::fail("no app"))?;
            if app.handle_key(*k).quit {
                let store = self.store_arc()?;
                self.app = Some(App::new(
                    store,
                    Arc::new(Keymap::default()),
                    settings(),
                    (100, 30),
                ));
            }
            if i % 20 == 19 {
                self.draw()?;
            }
        }
        self.draw()
    }

    fn draw(&mut self) -> Result<(), TestCaseError> {
        let app = self
            .app
            .as_ref()
            .ok_or_else(|| TestCaseError::fail("no app"))?;
        self.terminal
            .draw(|f| thidua::ui::draw(f, app))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        Ok(())
    }

    fn reopen(&mut self) -> Result<(), TestCaseError> {
        self.app = None;
        self.store = None;
        let (store, app) = World::open(&self.path)?;
        self.store = Some(store);
        self.app = Some(app);
        Ok(())
    }

    /// Every invariant, after one script.
    fn check(&mut self) -> Result<(), TestCaseError> {
        let store = self.store_arc()?;
        let fail = |e: thidua::store::StoreError| TestCaseError::fail(e.to_string());
        let dangling = store.check_references().map_err(fail)?;
        prop_assert!(dangling.is_empty(), "references: {:?}", dangling);
        let index = store.check_indexes().map_err(fail)?;
        prop_assert!(index.is_empty(), "indexes: {:?}", index);

        let new = store.audit_since(self.seen).map_err(fail)?;
        for e in &new {
            prop_assert_eq!(e.seq, self.seen + 1, "audit sequence");
            self.seen = e.seq;
            match &e.after {
                Some(b) => self.model.insert((e.kind, e.id), b.clone()),
                None => self.model.remove(&(e.kind, e.id)),
            };
            self.check_lock(e)?;
        }
        let mut stored = 0usize;
        matches_log::<School>(&store, &self.model, &mut stored)?;
        matches_log::<Cluster>(&store, &self.model, &mut stored)?;
        matches_log::<Term>(&store, &self.model, &mut stored)?;
        matches_log::<Meeting>(&store, &self.model, &mut stored)?;
        matches_log::<Person>(&store, &self.model, &mut stored)?;
        matches_log::<CriteriaTable>(&store, &self.model, &mut stored)?;
        matches_log::<ScoreSheet>(&store, &self.model, &mut stored)?;
        matches_log::<Ballot>(&store, &self.model, &mut stored)?;
        matches_log::<Award>(&store, &self.model, &mut stored)?;
        prop_assert_eq!(stored, self.model.len(), "a record without an audit entry");

        // Locks seen for the first time are remembered; known ones hold.
        for (id, s) in store.all::<ScoreSheet>().map_err(fail)? {
            let known = self.locked.iter().find(|l| l.sheet == id);
            match (known, &s.lock) {
                (None, Some(lock)) => self.locked.push(Locked {
                    cluster: s.cluster,
                    year: s.year,
                    sheet: id,
                    lock: lock.clone(),
                    amendments: s.amendments.len(),
                    seq: self.seen,
                }),
                (Some(l), lock) => {
                    prop_assert_eq!(
                        lock.as_ref(),
                        Some(&l.lock),
                        "a lock was lifted or rewritten"
                    );
                    prop_assert!(s.amendments.len() >= l.amendments, "amendments removed");
                }
                (None, None) => {}
            }
        }
        for l in &self.locked {
            prop_assert!(
                store.get::<ScoreSheet>(l.sheet).map_err(fail)?.is_some(),
                "a locked sheet was deleted"
            );
        }
        Ok(())
    }

    /// A change after a year's lock must carry a reason, unless it is only
    /// the Academy's decision on a proposal or a term.
    fn check_lock(&self, e: &AuditEntry) -> Result<(), TestCaseError> {
        let after_lock = |c: ClusterId, y: u16| {
            self.locked
                .iter()
                .any(|l| l.cluster == c && l.year == y && e.seq > l.seq)
        };
        let in_scope = match e.kind {
            Kind::Sheet => scoped::<ScoreSheet>(e, &after_lock, false),
            Kind::Ballot => scoped::<Ballot>(e, &after_lock, false),
            Kind::Award => scoped::<Award>(e, &after_lock, true),
            Kind::Term => scoped::<Term>(e, &after_lock, true),
            _ => false,
        };
        prop_assert!(
            !in_scope || !e.reason.trim().is_empty(),
            "entry {} changed a locked year without a reason: {:?} {} ({:?} by {}); locked: {:?}; before: {:?}; after: {:?}",
            e.seq,
            e.kind,
            e.id,
            e.op,
            e.actor,
            self.locked
                .iter()
                .map(|l| (l.cluster, l.year, l.sheet, l.seq))
                .collect::<Vec<_>>(),
            e.before
                .as_deref()
                .and_then(|b| codec::decode::<Ballot>(b).ok()),
            e.after
                .as_deref()
                .and_then(|b| codec::decode::<Ballot>(b).ok()),
        );
        Ok(())
    }
}

/// Whether an entry changes a record of a locked year (not counting the
/// Academy's own fields where `academy` says they exist).
fn scoped<R: Record + LockScoped>(
    e: &AuditEntry,
    after_lock: &dyn Fn(ClusterId, u16) -> bool,
    academy: bool,
) -> bool {
    let decode = |b: &Option<Vec<u8>>| b.as_deref().and_then(|b| codec::decode::<R>(b).ok());
    let (before, after) = (decode(&e.before), decode(&e.after));
    if academy
        && let (Some(b), Some(a)) = (&before, &after)
        && b.academy_change_only(a)
    {
        return false;
    }
    [&before, &after]
        .into_iter()
        .flatten()
        .filter_map(LockScoped::lock_scope)
        .any(|(c, y)| after_lock(c, y))
}

fn matches_log<R: Record>(
    store: &Store,
    model: &Model,
    count: &mut usize,
) -> Result<(), TestCaseError> {
    let all = store
        .all::<R>()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (id, r) in all {
        let id: u64 = id.into();
        let logged = model
            .get(&(R::KIND, id))
            .ok_or_else(|| TestCaseError::fail(format!("{:?} {id} is not in the log", R::KIND)))?;
        let logged: R = codec::decode(logged).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(
            &logged,
            &r,
            "{:?} {} differs from its last audit entry",
            R::KIND,
            id
        );
        *count += 1;
    }
    Ok(())
}

fn scripts() -> u32 {
    std::env::var("THIDUA_SCRIPTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000)
}

#[test]
fn random_key_scripts_never_break_the_record() {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    // Exports typed at random land here, not in the repository.
    std::env::set_current_dir(base.path()).expect("cd");
    let path = base.path().join("db");
    {
        let store = Store::open(&path).expect("open");
        thidua::demo::load(&store).expect("demo");
    }
    let (store, app) = World::open(&path).expect("open");
    let world = RefCell::new(World {
        path,
        store: Some(store),
        app: Some(app),
        terminal: Terminal::new(TestBackend::new(100, 30)).expect("terminal"),
        model: Model::new(),
        seen: 0,
        locked: Vec::new(),
        scripts: 0,
    });
    world.borrow_mut().check().expect("the demo itself");

    let keys = alphabet();
    let weights: Vec<(u32, KeyEvent)> = keys.clone();
    let key = proptest::strategy::Union::new_weighted(
        weights
            .into_iter()
            .map(|(w, k)| (w, Just(k).boxed()))
            .collect(),
    );
    let script = proptest::collection::vec(key, 1..=200);
    let mut runner = TestRunner::new(Config {
        cases: scripts(),
        failure_persistence: None,
        max_shrink_iters: 0,
        ..Config::default()
    });
    let result = runner.run(&script, |keys| {
        let mut w = world.borrow_mut();
        w.scripts += 1;
        if w.scripts.is_multiple_of(50) {
            w.reopen()?;
        }
        w.run(&keys)?;
        w.check().map_err(|e| {
            TestCaseError::fail(format!("after script {}: {e}\nkeys: {keys:?}", w.scripts))
        })
    });
    let w = world.borrow();
    if let Err(e) = result {
        panic!("{e}");
    }
    let store = w.store().expect("store");
    assert!(store.verify_audit().expect("verify").is_empty());
    eprintln!(
        "{} scripts, {} audit entries, {} locked years",
        w.scripts,
        w.seen,
        w.locked.len()
    );
}
