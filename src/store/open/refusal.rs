//! The one-line error of an open that is refused, from sled's error, an I/O
//! error or the first fatal finding; and putting the files back afterwards.

use crate::store::StoreError;
use crate::store::safety;
use crate::store::spare::Spare;
use crate::store::verify::{Finding, Problem, offset_in};
use std::path::Path;

/// sled failed, or gave what no database holds: the files are damaged.
pub(super) fn unreadable(detail: String) -> Finding {
    Finding {
        tree: String::new(),
        key: String::new(),
        problem: Problem::Unreadable(detail),
    }
}

/// Puts the files back from the spare copy after a refused open.
pub(super) fn put_back(path: &Path, spare: Option<Spare>) {
    if let Some(s) = spare
        && let Err(e) = s.restore(path)
    {
        // The copy is kept for a person to put back by hand; the next open
        // would otherwise put it back itself.
        safety::log_detail(path, &format!("putting the files back failed: {e}"));
        std::mem::forget(s);
    }
}

/// The one error for the first fatal finding.
pub(super) fn refusal(path: &Path, findings: &[Finding]) -> StoreError {
    let first = findings.iter().find(|f| f.fatal());
    match first.map(|f| &f.problem) {
        Some(Problem::Short(recorded, found)) => StoreError::Older {
            path: path.to_path_buf(),
            recorded: *recorded,
            found: *found,
        },
        Some(Problem::Replaced) => StoreError::Replaced {
            path: path.to_path_buf(),
            seq: first
                .and_then(|f| u64::from_str_radix(&f.key, 16).ok())
                .unwrap_or(0),
        },
        Some(Problem::Unreadable(raw)) => StoreError::Damaged {
            path: path.to_path_buf(),
            file: path.join("db"),
            at: offset_in(raw),
        },
        Some(_) => StoreError::Mismatch {
            path: path.to_path_buf(),
            tree: first.map(|f| f.tree.clone()).unwrap_or_default(),
            key: first.map(|f| f.key.clone()).unwrap_or_default(),
            others: findings
                .iter()
                .filter(|f| f.fatal())
                .count()
                .saturating_sub(1),
        },
        None => StoreError::Damaged {
            path: path.to_path_buf(),
            file: path.join("db"),
            at: None,
        },
    }
}

pub(super) fn damaged(path: &Path, file: &str, at: Option<u64>, raw: &str) -> StoreError {
    safety::log_detail(
        path,
        &format!("cannot open {}: {raw}", path.join(file).display()),
    );
    StoreError::Damaged {
        path: path.to_path_buf(),
        file: path.join(file),
        at,
    }
}

pub(super) fn open_io(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

pub(super) fn open_error(path: &Path, e: &sled::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("could not acquire lock") {
        return StoreError::Locked {
            path: path.to_path_buf(),
        };
    }
    match e {
        sled::Error::Corruption { .. } => damaged(path, "db", offset_in(&text), &text),
        sled::Error::Unsupported(_) => {
            safety::log_detail(path, &format!("cannot open: {text}"));
            StoreError::Open {
                path: path.to_path_buf(),
                reason: "the folder does not hold a database this program can read".into(),
            }
        }
        _ => {
            safety::log_detail(path, &format!("cannot open: {text}"));
            StoreError::Open {
                path: path.to_path_buf(),
                reason: text,
            }
        }
    }
}
