//! Proving that the database is whole: every page readable, the audit log
//! as long as the safety record says, and every record equal to the last
//! copy of it in the log. `thidua check` runs all of it; an open runs the
//! first two on files that changed since this program last left them, and
//! the last after its migrations.

use super::audit::Break;
pub use super::error::hex;
use super::safety::Mark;
use super::{AUDIT_POS, Kind, Store, StoreError, codec, kind_pos};
use crate::domain::*;
use std::collections::HashMap;

/// What is wrong at one key of one tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// sled cannot read the tree from this key on (the key is the last one
    /// read, empty if none was): its pages are damaged.
    Unreadable(String),
    /// The stored value cannot be decoded.
    Undecodable(String),
    /// A record the audit log has no entry for.
    NoEntry,
    /// A record unlike the last copy of it in the log (that entry's number).
    Differs(u64),
    /// A record the log's entry deleted.
    Deleted(u64),
    /// A record missing although the log's entry wrote it.
    Missing(u64),
    /// An entry whose "before" is not the record's previous "after" (the
    /// previous entry of that record, if any).
    Before(Option<u64>),
    /// A break in the hash chain.
    Chain(Break),
    /// The log ends before the last acknowledged entry: (entries saved,
    /// entries present).
    Short(u64, u64),
    /// The entry the safety record names is not the one it saved.
    Replaced,
    /// An index entry missing or left over (the index's own words).
    Index(String),
    /// A reference to a record that does not exist, or a reverse reference
    /// out of step (the check's own words).
    Reference(String),
}

/// One thing found wrong: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The sled tree.
    pub tree: String,
    /// The key, in hex (empty when the problem is the whole tree's).
    pub key: String,
    /// What is wrong.
    pub problem: Problem,
}

impl Finding {
    pub(super) fn new(tree: &str, key: &[u8], problem: Problem) -> Finding {
        Finding {
            tree: tree.to_string(),
            key: hex(key),
            problem,
        }
    }

    /// Whether this keeps the database from opening at all: pages sled
    /// cannot read, a log shorter than or different from what was
    /// acknowledged or broken in itself, records unlike the log's last copy
    /// of them. Each means acknowledged changes may be gone, so the
    /// database would open older than it was. The rest (a record that
    /// cannot be decoded or that the log never wrote, an index out of step)
    /// loses nothing the log holds: it is shown, and blocks writes.
    pub fn fatal(&self) -> bool {
        !matches!(
            self.problem,
            Problem::Undecodable(_) | Problem::NoEntry | Problem::Index(_) | Problem::Reference(_)
        )
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Problem::Index(e) | Problem::Reference(e) = &self.problem {
            return write!(f, "{e}");
        }
        write!(f, "{} {}: ", self.tree, self.key)?;
        match &self.problem {
            Problem::Unreadable(e) => write!(f, "sled cannot read from here on ({e})"),
            Problem::Undecodable(e) => write!(f, "cannot be decoded ({e})"),
            Problem::NoEntry => write!(f, "has no audit entry"),
            Problem::Differs(seq) => {
                write!(f, "differs from its last copy in the audit log (#{seq})")
            }
            Problem::Deleted(seq) => write!(f, "present, though audit entry #{seq} deleted it"),
            Problem::Missing(seq) => write!(f, "missing, though audit entry #{seq} wrote it"),
            Problem::Before(Some(seq)) => {
                write!(f, "its \"before\" is not the \"after\" of entry #{seq}")
            }
            Problem::Before(None) => write!(f, "its \"before\" names a record never written"),
            Problem::Chain(b) => write!(f, "{b}"),
            Problem::Short(saved, found) => write!(
                f,
                "entries from here on are missing: {found} present, {saved} saved"
            ),
            Problem::Replaced => write!(f, "not the entry the safety record saved"),
            Problem::Index(e) | Problem::Reference(e) => write!(f, "{e}"),
        }
    }
}

/// Whether `bytes` decode as the record type of `kind`.
fn decodes(kind: Kind, bytes: &[u8]) -> Result<(), codec::CodecError> {
    match kind {
        Kind::School => codec::decode::<School>(bytes).map(drop),
        Kind::Cluster => codec::decode::<Cluster>(bytes).map(drop),
        Kind::Term => codec::decode::<Term>(bytes).map(drop),
        Kind::Meeting => codec::decode::<Meeting>(bytes).map(drop),
        Kind::Person => codec::decode::<Person>(bytes).map(drop),
        Kind::Table => codec::decode::<CriteriaTable>(bytes).map(drop),
        Kind::Sheet => codec::decode::<ScoreSheet>(bytes).map(drop),
        Kind::Ballot => codec::decode::<Ballot>(bytes).map(drop),
        Kind::Award => codec::decode::<Award>(bytes).map(drop),
    }
}

/// The last entry that wrote a record, and the bytes it left (`None` when
/// it deleted it).
type LastAfter = HashMap<(Kind, u64), (u64, Option<Vec<u8>>)>;

impl Store {
    /// `thidua check` on the database this store holds open (`serve` runs it
    /// for an SSH user): every page read, every record against the audit
    /// log, the chain, the indexes and references (damage found when it was
    /// opened is found again: writes are refused while it stands). Every
    /// write waits until it is done, so all of it is of one moment, as a
    /// [`Store::snapshot`] is.
    pub fn check_open(&self) -> Result<super::open::CheckReport, StoreError> {
        let _alone = self.gate.write().unwrap_or_else(|p| p.into_inner());
        let mut findings = self.read_every_page();
        findings.extend(self.verify_records()?);
        let (entries, head) = self.log_tip()?;
        Ok(super::open::CheckReport {
            findings,
            entries,
            head,
        })
    }

    /// Reads every key and value of every tree, which makes sled read and
    /// checksum every live page. A tree it cannot read is one finding.
    pub(super) fn read_every_page(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for name in self.db.tree_names() {
            let tree_name = String::from_utf8_lossy(&name).into_owned();
            let tree = match self.db.open_tree(&name) {
                Ok(t) => t,
                Err(e) => {
                    out.push(Finding::new(
                        &tree_name,
                        &[],
                        Problem::Unreadable(e.to_string()),
                    ));
                    continue;
                }
            };
            let mut last = sled::IVec::default();
            for item in tree.iter() {
                match item {
                    Ok((k, _)) => last = k,
                    Err(e) => {
                        out.push(Finding::new(
                            &tree_name,
                            &last,
                            Problem::Unreadable(e.to_string()),
                        ));
                        break;
                    }
                }
            }
        }
        out
    }

    /// Compares the log with the safety record: it must hold at least the
    /// entries acknowledged, and the last of them must be the same entry.
    pub(super) fn against_mark(&self, mark: &Mark) -> Result<Vec<Finding>, StoreError> {
        let present = self
            .tree(AUDIT_POS)?
            .last()?
            .and_then(|(k, _)| codec::read_u64(&k))
            .unwrap_or(0);
        if present < mark.entries {
            return Ok(vec![Finding::new(
                "audit",
                &codec::id_key(present.saturating_add(1)),
                Problem::Short(mark.entries, present),
            )]);
        }
        if mark.entries > 0 && self.audit_entry_hash(mark.entries)? != Some(mark.head) {
            return Ok(vec![Finding::new(
                "audit",
                &codec::id_key(mark.entries),
                Problem::Replaced,
            )]);
        }
        Ok(Vec::new())
    }

    /// Checks every record against the audit log, the log's chain, and the
    /// indexes and references against the records.
    pub(super) fn verify_records(&self) -> Result<Vec<Finding>, StoreError> {
        let mut out = Vec::new();
        let mut last: LastAfter = HashMap::new();
        let mut before_problems = Vec::new();
        let chain = self.walk_audit(|seq, entry, _| {
            let Some(e) = entry else { return };
            let prev = last.get(&(e.kind, e.id));
            let prev_after = prev.and_then(|(_, a)| a.as_ref());
            if e.before.as_ref() != prev_after {
                before_problems.push(Finding::new(
                    "audit",
                    &codec::id_key(seq),
                    Problem::Before(prev.map(|(s, _)| *s)),
                ));
            }
            last.insert((e.kind, e.id), (seq, e.after.clone()));
        })?;
        out.extend(
            chain
                .into_iter()
                .map(|p| Finding::new("audit", &codec::id_key(p.seq), Problem::Chain(p.what))),
        );
        out.extend(before_problems);
        let mut undecodable = false;
        for kind in Kind::ALL {
            for item in self.tree(kind_pos(kind))?.iter() {
                let (k, v) = item?;
                let id = codec::read_u64(&k).filter(|_| k.len() == 8);
                let logged = id.and_then(|id| last.remove(&(kind, id)));
                let readable = match id {
                    Some(_) => decodes(kind, &v).map_err(|e| e.to_string()),
                    None => Err("the key is not an 8-byte id".to_string()),
                };
                let problem = match (readable, logged) {
                    // What the log holds of it is moot when it cannot be read.
                    (Err(e), _) => {
                        undecodable = true;
                        Some(Problem::Undecodable(e))
                    }
                    (Ok(()), None) => Some(Problem::NoEntry),
                    (Ok(()), Some((seq, None))) => Some(Problem::Deleted(seq)),
                    (Ok(()), Some((seq, Some(after)))) if after != v.as_ref() => {
                        Some(Problem::Differs(seq))
                    }
                    (Ok(()), Some(_)) => None,
                };
                if let Some(p) = problem {
                    out.push(Finding::new(kind.tree(), &k, p));
                }
            }
        }
        let mut missing: Vec<_> = last
            .into_iter()
            .filter_map(|((kind, id), (seq, after))| after.map(|_| (kind, id, seq)))
            .collect();
        missing.sort();
        out.extend(missing.into_iter().map(|(kind, id, seq)| {
            Finding::new(kind.tree(), &codec::id_key(id), Problem::Missing(seq))
        }));
        // Index checking decodes every record, so it only makes sense once they all read.
        if !undecodable {
            let lines = self.check_indexes().unwrap_or_else(|e| vec![e.to_string()]);
            out.extend(lines.into_iter().map(|line| Finding {
                tree: String::new(),
                key: String::new(),
                problem: Problem::Index(line),
            }));
            let mut lines = self
                .check_references()
                .unwrap_or_else(|e| vec![e.to_string()]);
            // Global ids and attached logs: out of step is shown and blocks
            // writes, as an index would; no acknowledged change is lost.
            lines.extend(self.check_gids().unwrap_or_else(|e| vec![e.to_string()]));
            lines.extend(
                self.check_attached()
                    .unwrap_or_else(|e| vec![e.to_string()]),
            );
            out.extend(lines.into_iter().map(|line| Finding {
                tree: String::new(),
                key: String::new(),
                problem: Problem::Reference(line),
            }));
        }
        Ok(out)
    }
}

/// The byte offset in sled's "Read corrupted data at file offset
/// Some(Inline(1254895))", if the text names one.
pub fn offset_in(raw: &str) -> Option<u64> {
    let at = raw.find("file offset")?;
    let digits: String = raw
        .get(at..)?
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
