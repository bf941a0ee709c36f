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
