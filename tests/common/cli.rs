//! Runs the real binary and, when it speaks Vietnamese, scans what it says
//! for English: every CLI test that runs through here is also a check that
//! no English leaks into the Vietnamese interface.

use std::ffi::OsStr;
use std::process::{Command, Output};

/// Whether a command line asks for English (`--lang en`, `--lang=en`).
fn english(cmd: &Command) -> bool {
    let args: Vec<&OsStr> = cmd.get_args().collect();
    args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| *a == "--lang=en")
}

/// Whether stdout is data for another program rather than words for a
/// reader: JSON, a dump, or a file sent to stdout (`--out -`).
fn machine_output(cmd: &Command) -> bool {
    let args: Vec<&OsStr> = cmd.get_args().collect();
    args.iter().any(|a| *a == "--json" || *a == "dump")
        || args.windows(2).any(|w| w[0] == "--out" && w[1] == "-")
}

/// Runs `cmd` and returns its output; in Vietnamese, fails the test when
/// stderr, or stdout meant for a reader, holds English. `data` lists the
/// words the test itself put in (names typed into a file, paths).
pub fn output_except(cmd: &mut Command, data: &[String]) -> Output {
    let out = cmd.output().expect("run thidua");
    if !english(cmd) {
        let what = format!("{:?}", cmd.get_args().collect::<Vec<_>>());
        let stderr = String::from_utf8_lossy(&out.stderr);
        super::english::assert_vietnamese_except(&stderr, &format!("stderr of {what}"), data);
        if !machine_output(cmd)
            && let Ok(stdout) = std::str::from_utf8(&out.stdout)
        {
            {
                super::english::assert_vietnamese_except(
                    stdout,
                    &format!("stdout of {what}"),
                    data,
                );
            }
        }
    }
    out
}

/// [`output_except`] with nothing let through.
pub fn output(cmd: &mut Command) -> Output {
    output_except(cmd, &[])
}

/// The binary on the database `db` with `args`, in the default language,
/// its words scanned as [`output`] does; retried while the database is
/// still held by this test process's store closed a moment ago.
pub fn run_at(db: &std::path::Path, args: &[&str]) -> Output {
    super::run_after_close(|| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_thidua"));
        cmd.arg("--db").arg(db).args(args).env_remove("THIDUA_DB");
        output(&mut cmd)
    })
}

/// [`run_at`] that must succeed: its standard output.
pub fn ok_at(db: &std::path::Path, args: &[&str]) -> String {
    let out = run_at(db, args);
    assert!(
        out.status.success(),
        "`thidua {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}
