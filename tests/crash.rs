//! Crash safety: a child process writing records is killed with SIGKILL at
//! random moments, again and again on the same database. After each kill the
//! database must open, every write the child reported saved must be there,
//! the indexes must agree with the records and the audit chain must be intact.
//!
//! The child is this test binary itself, re-executed with `THIDUA_CRASH_CHILD`
//! set: it runs the real `Store` code, so the shipped binary needs no test hook.
//! It prints a line for a write only after the store returned `Ok`, which
//! happens only after the write was flushed.
//!
//! The kill moments come from a small deterministic generator seeded from the
//! round number; each round prints its seed. Set `THIDUA_CRASH_SEED` (hex) to
//! try other moments. The same seed gives the same delays, not the same
//! interleaving: where the kill lands still depends on the machine's speed.

mod common;

use common::child::{fail, report};

use common::rng::Rng;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use thidua::domain::{Cluster, ClusterId, Membership, School, SchoolId, Term, TermId};
use thidua::store::{Kind, Op, Store};

/// Set to the database folder in the child.
const CHILD_ENV: &str = "THIDUA_CRASH_CHILD";
/// The round number, so the child's names and counters never repeat.
const ROUND_ENV: &str = "THIDUA_CRASH_ROUND";
/// Overrides the base seed of the kill moments.
const SEED_ENV: &str = "THIDUA_CRASH_SEED";

const ROUNDS: u64 = 24;
/// Every this many rounds, the kill moment counts from the spawn, so that it
/// usually lands while the child is still opening (recovering) the database.
const STARTUP_KILL_EVERY: u64 = 4;
/// The child's line once the store is open and it starts writing.
const READY: &str = "ready";
const BASE_SEED: u64 = 0x7468_6964_7561_0001;
const ACTOR: &str = "crash-test";
const PROVINCE: &str = "Crash province";

// ---------------------------------------------------------------------------
// The child.

/// Not a test on its own: returns at once unless `THIDUA_CRASH_CHILD` names a
/// database, in which case it writes records until it is killed.
#[test]
fn crash_child() {
    let Some((db, round)) = common::child::args(CHILD_ENV, ROUND_ENV) else {
        return;
    };
    child_main(Path::new(&db), round);
}

fn child_main(db: &Path, round: u64) -> ! {
    // End the harness's "test crash_child ... " line so reports start a line.
    report("");
    // The parent closed the database a moment ago; its sled threads may
    // still hold the lock briefly.
    let store = common::retry_locked(|| Store::open(db)).unwrap_or_else(|e| fail("open", e));
    let mut rng = Rng::new(round.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xC4115);
    let mut schools: Vec<SchoolId> = store
        .all::<School>()
        .unwrap_or_else(|e| fail("read schools", e))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    report(READY);
    for n in 0u64.. {
        let name = format!("Crash school r{round} n{n}");
        let id = store
            .insert(ACTOR, School::new(&name, PROVINCE))
            .unwrap_or_else(|e| fail("insert school", e));
        report(&format!("saved {} {name}", id.0));
        schools.push(id);

        if n % 3 == 2 {
            // Update an earlier school: new notes and a new honorific, so the
            // name index loses one entry and gains another.
            let pick = schools[rng.next() as usize % schools.len()];
            let mut school = store
                .must_get::<School>(pick)
                .unwrap_or_else(|e| fail("read school", e));
            let counter = round * 1_000_000 + n;
            school.notes = format!("update {counter}");
            school.honorifics = vec![format!("Honor r{round} n{n}")];
            store
                .update(ACTOR, pick, school)
                .unwrap_or_else(|e| fail("update school", e));
            report(&format!("updated {} {counter}", pick.0));
        }

        if n % 5 == 4 {
            // A cluster with members, then its term with a head and a deputy:
            // index entries in three more trees.
            let other = schools[rng.next() as usize % schools.len()];
            let year = 2000 + (n % 50) as u16;
            let cname = format!("Crash cluster r{round} n{n}");
            let mut cluster = Cluster::new(Some((n % 90) as u16 + 10), &cname, "Crash region");
            cluster.memberships.push(Membership {
                year,
                schools: vec![id, other],
                stated_count: Some(2),
                complete: true,
                sources: Vec::new(),
            });
            let cid = store
                .insert(ACTOR, cluster)
                .unwrap_or_else(|e| fail("insert cluster", e));
            report(&format!("saved-cluster {} {cname}", cid.0));
            let mut term = Term::new(cid, year);
            term.head = Some(id);
            term.deputies = vec![other];
            term.flag_holder = Some(other);
            let tid = store
                .insert(ACTOR, term)
                .unwrap_or_else(|e| fail("insert term", e));
            report(&format!("saved-term {} {} {year}", tid.0, cid.0));
        }
    }
    unreachable!("the child writes until it is killed")
}

// ---------------------------------------------------------------------------
// The parent.

/// Everything the children reported saved, over all rounds.
#[derive(Default)]
struct Reported {
    schools: BTreeMap<u64, String>,
    /// The highest update counter reported per school.
    updates: BTreeMap<u64, u64>,
    clusters: BTreeMap<u64, String>,
    /// Term id → (cluster id, year).
    terms: BTreeMap<u64, (u64, u16)>,
    /// Every id reported for a new record, of any kind.
    ids: BTreeSet<u64>,
    /// Number of reported writes (inserts and updates).
    writes: usize,
}

impl Reported {
    fn new_id(&mut self, id: u64, line: &str) {
        assert!(
            self.ids.insert(id),
            "id {id} was handed out twice (line `{line}`): a later insert reused an earlier id"
        );
    }

    /// Takes one complete line from the child; returns whether it was a write.
    fn take(&mut self, line: &str) -> bool {
        let parts: Vec<&str> = line.splitn(3, ' ').collect();
        let num = |s: &str| -> u64 {
            s.parse()
                .unwrap_or_else(|_| panic!("bad number in child line `{line}`"))
        };
        match parts.as_slice() {
            ["saved", id, name] => {
                let id = num(id);
                self.new_id(id, line);
                self.schools.insert(id, name.to_string());
            }
            ["updated", id, counter] => {
                let (id, counter) = (num(id), num(counter));
                let entry = self.updates.entry(id).or_insert(0);
                *entry = (*entry).max(counter);
            }
            ["saved-cluster", id, name] => {
                let id = num(id);
                self.new_id(id, line);
                self.clusters.insert(id, name.to_string());
            }
            ["saved-term", id, rest] => {
                let id = num(id);
                let (cluster, year) = rest
                    .split_once(' ')
                    .unwrap_or_else(|| panic!("bad term line `{line}`"));
                self.new_id(id, line);
                let year = u16::try_from(num(year)).expect("year fits u16");
                self.terms.insert(id, (num(cluster), year));
            }
            _ => return false,
        }
        self.writes += 1;
        true
    }
}

/// What the stdout reader passes on.
enum Out {
    /// A complete line, without its '\n'.
    Line(String),
    /// The end of a line the child was killed in the middle of.
    Partial(String),
}

/// Reads the child's stdout to the end, passing on each complete line as it
/// arrives; a trailing line without '\n' is passed on as partial.
fn read_lines(stdout: impl Read, tx: Sender<Out>) {
    let mut reader = BufReader::new(stdout);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let out = match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) if buf.ends_with(b"\n") => {
                buf.pop();
                Out::Line(String::from_utf8_lossy(&buf).into_owned())
            }
            Ok(_) => Out::Partial(String::from_utf8_lossy(&buf).into_owned()),
        };
        if tx.send(out).is_err() {
            return;
        }
    }
}

/// Opens the database after a kill and checks everything reported is there.
fn verify(db: &Path, reported: &Reported, round: u64) {
    let store = Store::open(db).unwrap_or_else(|e| {
        panic!("round {round}: the database does not open after the kill: {e}")
    });

    assert_eq!(
        store.corrupt_records().expect("corrupt_records"),
        Vec::<String>::new(),
        "round {round}: corrupt records"
    );
    let schools: HashMap<SchoolId, School> = store.map::<School>().expect("read schools");
    for (id, name) in &reported.schools {
        let school = schools.get(&SchoolId(*id)).unwrap_or_else(|| {
            panic!("round {round}: school {id} `{name}` was reported saved but is missing")
        });
        assert_eq!(
            &school.name, name,
            "round {round}: school {id} holds another name than the one reported: an id was reused"
        );
        assert_eq!(school.province, PROVINCE, "round {round}: school {id}");
    }
    for (id, counter) in &reported.updates {
        let school = schools
            .get(&SchoolId(*id))
            .unwrap_or_else(|| panic!("round {round}: updated school {id} is missing"));
        // A later update may have reached the disk without being reported,
        // so the stored counter is at least the last reported one.
        let stored: u64 = school
            .notes
            .strip_prefix("update ")
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "round {round}: school {id} lost its reported update {counter}: notes are `{}`",
                    school.notes
                )
            });
        assert!(
            stored >= *counter,
            "round {round}: school {id} has update {stored}, older than the reported {counter}"
        );
    }
    for (id, name) in &reported.clusters {
        let cluster = store
            .get::<Cluster>(ClusterId(*id))
            .expect("read cluster")
            .unwrap_or_else(|| {
                panic!("round {round}: cluster {id} `{name}` was reported saved but is missing")
            });
        assert_eq!(&cluster.name, name, "round {round}: cluster {id}");
    }
    for (id, (cluster, year)) in &reported.terms {
        let term = store
            .get::<Term>(TermId(*id))
            .expect("read term")
            .unwrap_or_else(|| {
                panic!("round {round}: term {id} was reported saved but is missing")
            });
        assert_eq!(
            (term.cluster.0, term.year),
            (*cluster, *year),
            "round {round}: term {id}"
        );
        // Found through its unique index too.
        let found = store.term_of(ClusterId(*cluster), *year).expect("term_of");
        assert_eq!(
            found.map(|(t, _)| t.0),
            Some(*id),
            "round {round}: term {id} by index"
        );
    }

    assert_eq!(
        store.check_indexes().expect("check_indexes"),
        Vec::<String>::new(),
        "round {round}: indexes disagree with the records"
    );
    let problems = store.verify_audit().expect("verify_audit");
    assert!(
        problems.is_empty(),
        "round {round}: audit chain broken: {problems:?}"
    );

    // Every reported insert has its audit entry.
    let entries = store.audit_entries().expect("audit entries");
    assert!(
        entries.len() >= reported.writes,
        "round {round}: {} audit entries for {} reported writes",
        entries.len(),
        reported.writes
    );
    let inserted: BTreeSet<(Kind, u64)> = entries
        .iter()
        .filter(|e| e.op == Op::Insert)
        .map(|e| (e.kind, e.id))
        .collect();
    let expected = (reported.schools.keys().map(|id| (Kind::School, *id)))
        .chain(reported.clusters.keys().map(|id| (Kind::Cluster, *id)))
        .chain(reported.terms.keys().map(|id| (Kind::Term, *id)));
    for (kind, id) in expected {
        assert!(
            inserted.contains(&(kind, id)),
            "round {round}: no audit entry for the insert of {kind:?} {id}"
        );
    }
}

#[test]
fn killed_writer_loses_no_reported_write() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let exe = std::env::current_exe().expect("current_exe");
    let base = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| {
            let s = s.trim_start_matches("0x");
            u64::from_str_radix(s, 16).ok()
        })
        .unwrap_or(BASE_SEED);

    let mut reported = Reported::default();
    let mut rounds_with_saves = 0;
    for round in 0..ROUNDS {
        let seed = base ^ round;
        let mut rng = Rng::new(seed);
        let delay = rng.between(5, 300);

        let during_startup = round % STARTUP_KILL_EVERY == STARTUP_KILL_EVERY - 1;
        println!(
            "round {round}: seed {seed:#x} (base {base:#x}), SIGKILL {delay} ms after {}",
            if during_startup {
                "the spawn"
            } else {
                "the child is ready"
            }
        );

        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &db)
            .env(ROUND_ENV, round.to_string())
            .env_remove(SEED_ENV)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut stderr = child.stderr.take().expect("child stderr");
        let (tx, rx) = channel();
        let out_reader = thread::spawn(move || read_lines(stdout, tx));
        let err_reader = thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });

        let mut lines = Vec::new();
        let mut ready = false;
        if !during_startup {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(left) {
                    Ok(Out::Line(l)) if l == READY => {
                        ready = true;
                        break;
                    }
                    Ok(Out::Line(l)) => lines.push(l),
                    // The child ended (or stalled) without opening the store.
                    Ok(Out::Partial(_)) | Err(_) => break,
                }
            }
        }
        thread::sleep(Duration::from_millis(delay));
        let early_exit = child.try_wait().expect("try_wait");
        child.kill().expect("SIGKILL the child");
        let status = child.wait().expect("wait for the child");
        out_reader.join().expect("stdout reader");
        let err = err_reader.join().expect("stderr reader");
        assert!(
            early_exit.is_none(),
            "round {round}: the child stopped by itself ({early_exit:?}) before the kill; stderr:\n{err}"
        );
        assert!(
            during_startup || ready,
            "round {round}: the child did not open the store within 30 s; stderr:\n{err}"
        );
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "round {round}: child not killed by SIGKILL: {status:?}"
            );
        }
        let mut partial = None;
        for out in rx.try_iter() {
            match out {
                Out::Line(l) => lines.push(l),
                Out::Partial(p) => partial = Some(p),
            }
        }

        let before = reported.writes;
        for line in &lines {
            reported.take(line);
        }
        let saved = reported.writes - before;
        if saved > 0 {
            rounds_with_saves += 1;
        }
        println!(
            "round {round}: {saved} writes reported{}",
            match &partial {
                Some(p) => format!(", cut-off line `{}` ignored", p.escape_debug()),
                None => String::new(),
            }
        );

        verify(&db, &reported, round);
    }

    println!(
        "{} rounds, {rounds_with_saves} with writes; verified {} writes: {} schools, {} updated, {} clusters, {} terms in {:.1?}",
        ROUNDS,
        reported.writes,
        reported.schools.len(),
        reported.updates.len(),
        reported.clusters.len(),
        reported.terms.len(),
        started.elapsed()
    );
    assert!(
        reported.schools.len() > 20,
        "only {} school inserts reported over {ROUNDS} rounds: the test proved little",
        reported.schools.len()
    );
    assert!(
        rounds_with_saves * 2 >= ROUNDS,
        "only {rounds_with_saves} of {ROUNDS} rounds reported any write"
    );
    assert!(
        !reported.terms.is_empty(),
        "no term was ever reported saved"
    );
}
