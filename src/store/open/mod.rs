//! Opening a database: the lock, the guard against sled's repairs, the
//! safety record, the schema, and the verification of what changed.
//!
//! Files that match the safety record's stamps are as this program left
//! them after a good write: they are opened directly, and only the audit
//! log's length is compared with the record. Files that changed since (a
//! crash in the middle of a write, damage, a copy from elsewhere) are
//! copied aside first ([`Spare`]), every page is read, the log is compared
//! with the record and every record with the log; a database that cannot
//! be read, or holds less than was acknowledged, is put back byte for byte
//! and refused in one line.

mod quiet;
mod refusal;

use quiet::quiet_catch_unwind;
use refusal::{damaged, open_error, open_io, put_back, refusal, unreadable};

use super::audit::REFUSE_KEY;
use super::safety::{self, Integrity, Keeper, TakeError};
use super::spare::Spare;
use super::verify::{Finding, Problem};
use super::{CACHE_BYTES, META_POS, Store, StoreError, codec, tree_names};
use std::path::Path;
use std::sync::Mutex;

/// Why a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// To work on: damage that hides changes refuses the open.
    Use,
    /// For `thidua check`: everything is verified and reported, and a
    /// database that could not be used is put back as it was.
    Check,
}

/// What `thidua check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Everything found wrong; empty when the database is whole.
    pub findings: Vec<Finding>,
    /// The audit log's length.
    pub entries: u64,
    /// The SHA-256 of its last entry.
    pub head: [u8; 32],
}

impl Store {
    /// Opens (or creates) the database in `path`, migrating an older schema.
    ///
    /// Another process holding the database gives [`StoreError::Locked`]; a
    /// folder sled cannot read gives [`StoreError::Open`] or
    /// [`StoreError::Damaged`]; a database holding less than the safety
    /// record says was saved gives [`StoreError::Older`] or
    /// [`StoreError::Replaced`]. Each is one line, and a refused database
    /// is left exactly as it was. Records that do not match the audit log
    /// do not refuse the open: they are listed by [`Store::damage`], and
    /// writes are refused until an open finds none.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        match Self::open_for(path, Purpose::Use)? {
            Opened::Ready(store) => Ok(*store),
            // `Use` turns a refusal into an error; kept for completeness.
            Opened::Refused(findings) => Err(refusal(path, &findings)),
        }
    }

    /// Whether `path` holds a database (or what is left of one): sled's
    /// files or thidua's safety record. Commands that only read refuse a
    /// path without one instead of creating an empty database there.
    pub fn exists(path: &Path) -> bool {
        ["conf", "db", safety::FILE]
            .iter()
            .any(|name| path.join(name).exists())
    }

    /// Opens the database to prove it whole: every page read, the audit log
    /// as long as the safety record says and unbroken, every record equal
    /// to its last copy in the log, the indexes equal to the records. A
    /// database that could not be used is reported, and put back as it was.
    pub fn check(path: &Path) -> Result<CheckReport, StoreError> {
        match Self::open_for(path, Purpose::Check)? {
            Opened::Ready(store) => {
                let (entries, head) = store.log_tip()?;
                Ok(CheckReport {
                    findings: store.damage().to_vec(),
                    entries,
                    head,
                })
            }
            Opened::Refused(findings) => Ok(CheckReport {
                findings,
                entries: 0,
                head: [0; 32],
            }),
        }
    }

    fn open_for(path: &Path, purpose: Purpose) -> Result<Opened, StoreError> {
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            // Every write is flushed before it returns, so sled's background
            // flusher is not needed; without it, dropping the store releases
            // the file lock at once instead of up to half a second later.
            .flush_every_ms(None);
        let fresh_folder = !path.exists();
        std::fs::create_dir_all(path).map_err(|e| open_io(path, &e))?;
        let keeper = match Keeper::take(path) {
            Ok(k) => k,
            Err(TakeError::Held) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                });
            }
            Err(TakeError::Io(e)) => {
                if fresh_folder {
                    let _ = std::fs::remove_dir(path);
                }
                return Err(open_io(path, &e));
            }
        };
        // Holding the lock, no live process owns a copy of this database.
        match Spare::clean_stale(path) {
            Ok(0) => {}
            Ok(n) => safety::log_detail(
                path,
                &format!("put back and removed {n} copies left by a killed open"),
            ),
            Err(e) => safety::log_detail(
                path,
                &format!("could not clean a copy left by a killed open: {e}"),
            ),
        }
        let mark = keeper.last().cloned();
        // sled's settings file is written when its database is created: a
        // data file cut to nothing still had a database, and so did a
        // folder whose safety record says changes were saved in it.
        let had_data = path.join("conf").exists()
            || std::fs::metadata(path.join("db")).is_ok_and(|m| m.len() > 0)
            || mark.as_ref().is_some_and(|m| m.entries > 0);
        let unchanged = mark
            .as_ref()
            .is_some_and(|m| safety::stamps(path).is_ok_and(|s| s == m.files));
        let spare = if had_data && !unchanged {
            match Spare::take(path) {
                Ok(s) => Some(s),
                Err(e) => {
                    keeper.abandon();
                    return Err(StoreError::Open {
                        path: path.to_path_buf(),
                        reason: format!("cannot keep a safety copy beside it before opening: {e}"),
                    });
                }
            }
        } else {
            None
        };
        let refuse = |e: StoreError, spare: Option<Spare>, keeper: Integrity| {
            put_back(path, spare);
            keeper.abandon();
            e
        };
        // sled asserts on some damaged files instead of returning an error;
        // a damaged file must still be one clear line, not a backtrace.
        let db = match quiet_catch_unwind(|| config.open()) {
            Ok(Ok(db)) if had_data && !db.was_recovered() => {
                // sled took the unreadable (or missing) file for a new database.
                drop(db);
                let e = match &mark {
                    Some(m) if m.entries > 0 => {
                        safety::log_detail(path, "sled found no database in the data file");
                        StoreError::Older {
                            path: path.to_path_buf(),
                            recorded: m.entries,
                            found: 0,
                        }
                    }
                    _ => damaged(path, "db", None, "sled found no database in the data file"),
                };
                return Err(refuse(e, spare, Integrity::new(keeper)));
            }
            Ok(Ok(db)) => db,
            Ok(Err(e)) => {
                let e = open_error(path, &e);
                // Held by a process that is not thidua: its files are live.
                let spare = spare.filter(|_| !matches!(e, StoreError::Locked { .. }));
                return Err(refuse(e, spare, Integrity::new(keeper)));
            }
            Err(panic) => {
                let e = damaged(path, "db", None, &format!("sled stopped: {panic}"));
                return Err(refuse(e, spare, Integrity::new(keeper)));
            }
        };
        let mut trees = Vec::new();
        for name in tree_names() {
            match db.open_tree(name) {
                Ok(t) => trees.push(t),
                Err(e) => {
                    drop((trees, db));
                    let e = open_error(path, &e);
                    return Err(refuse(e, spare, Integrity::new(keeper)));
                }
            }
        }
        let mut store = Store {
            db,
            path: path.to_path_buf(),
            trees,
            subscribers: Mutex::new(Vec::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
            derived: Default::default(),
            integrity: Integrity::new(keeper),
            gate: std::sync::RwLock::new(()),
            backup_hook: Mutex::new(None),
        };
        let was_refusing = store
            .tree(META_POS)
            .and_then(|t| Ok(t.contains_key(REFUSE_KEY)?))
            .unwrap_or(true);
        let full = purpose == Purpose::Check
            || spare.is_some()
            || was_refusing
            || (had_data && mark.is_none());
        // Whatever fails from here on, the files are put back first.
        let verdict = store
            .verify_opened(purpose, full, mark.as_ref())
            .and_then(|findings| {
                if full && !findings.iter().any(Finding::fatal) {
                    store.mark_refusal(&findings)?;
                }
                Ok(findings)
            });
        let findings = match verdict {
            Ok(f) if !f.iter().any(Finding::fatal) => f,
            other => {
                let (e, findings) = match other {
                    Ok(f) => (refusal(path, &f), f),
                    Err(e) => (e, Vec::new()),
                };
                safety::log_detail(path, &format!("refused: {e}"));
                for f in findings.iter().filter(|f| f.fatal()) {
                    safety::log_detail(path, &format!("refused: {f}"));
                }
                let Store {
                    db,
                    trees,
                    integrity,
                    ..
                } = store;
                drop((trees, db));
                let e = refuse(e, spare, integrity);
                return match purpose {
                    Purpose::Check if !findings.is_empty() => Ok(Opened::Refused(findings)),
                    _ => Err(e),
                };
            }
        };
        // The files are in use now: the copy is no longer needed.
        drop(spare);
        for f in &findings {
            safety::log_detail(path, &format!("damage found on opening: {f}"));
        }
        store.integrity.set_damage(findings);
        if let Err(e) = store.write_mark() {
            safety::log_detail(path, &format!("the safety record was not written: {e}"));
        }
        Ok(Opened::Ready(Box::new(store)))
    }

    /// What an open does once sled has opened the files: with `full`, read
    /// every page; compare the log with the safety record; migrate; with
    /// `full`, verify every record. Returns what it found; a fatal finding
    /// stops it before anything is written. An error refuses the open as
    /// it is (a newer schema, say).
    fn verify_opened(
        &self,
        purpose: Purpose,
        full: bool,
        mark: Option<&safety::Mark>,
    ) -> Result<Vec<Finding>, StoreError> {
        let mut findings = if full {
            quiet_catch_unwind(|| self.read_every_page())
                .unwrap_or_else(|panic| vec![unreadable(panic)])
        } else {
            Vec::new()
        };
        if let Some(m) = mark
            && !findings.iter().any(Finding::fatal)
        {
            match quiet_catch_unwind(|| self.against_mark(m)) {
                Ok(Ok(f)) => findings.extend(f),
                Ok(Err(e)) => findings.push(unreadable(e.to_string())),
                Err(panic) => findings.push(unreadable(panic)),
            }
        }
        if findings.iter().any(Finding::fatal) {
            // A check reports what else it can read, to show how much is left.
            if purpose == Purpose::Check
                && !findings
                    .iter()
                    .any(|f| matches!(f.problem, Problem::Unreadable(_)))
                && let Ok(Ok(more)) = quiet_catch_unwind(|| self.verify_records())
            {
                findings.extend(more);
            }
            return Ok(findings);
        }
        self.bring_schema_up_to_date()?;
        if full {
            match quiet_catch_unwind(|| self.verify_records()) {
                Ok(Ok(f)) => findings.extend(f),
                Ok(Err(e)) => findings.push(unreadable(e.to_string())),
                Err(panic) => findings.push(unreadable(panic)),
            }
        }
        Ok(findings)
    }

    /// Refuses writes while damage stands, in the database itself so every
    /// write meets it inside its transaction; lifts the refusal once an open
    /// finds none.
    fn mark_refusal(&self, findings: &[Finding]) -> Result<(), StoreError> {
        let meta = self.tree(META_POS)?;
        let had = meta.contains_key(REFUSE_KEY)?;
        if findings.is_empty() {
            if had {
                meta.remove(REFUSE_KEY)?;
                self.db.flush()?;
            }
            return Ok(());
        }
        let n = u64::try_from(findings.len()).unwrap_or(u64::MAX);
        let bytes = codec::encode(&n).map_err(|e| StoreError::Io(e.to_string()))?;
        meta.insert(REFUSE_KEY, bytes)?;
        self.db.flush()?;
        Ok(())
    }
}

/// How an open ended.
enum Opened {
    /// In use.
    Ready(Box<Store>),
    /// Refused for a check, which reports why.
    Refused(Vec<Finding>),
}
