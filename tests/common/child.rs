//! The child side of the crash tests: a test binary re-executed as a writer
//! that reports each write it saw succeed, until it is killed.

use std::io::Write;

/// Prints one complete line and flushes it; only called after the write it
/// reports returned `Ok`.
pub fn report(line: &str) {
    let mut out = std::io::stdout();
    if out.write_all(format!("{line}\n").as_bytes()).is_err() || out.flush().is_err() {
        std::process::exit(5);
    }
}

/// Stops the child with what failed; the parent sees the exit status.
pub fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    let test = std::env::args().next().unwrap_or_default();
    eprintln!("child of {test}: {what}: {e}");
    std::process::exit(4);
}

/// The database and round a re-executed test binary is to write in, when
/// `db_env` names one; `None` in an ordinary test run.
pub fn args(db_env: &str, round_env: &str) -> Option<(std::path::PathBuf, u64)> {
    let db = std::env::var_os(db_env)?;
    let round = std::env::var(round_env)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    Some((db.into(), round))
}
