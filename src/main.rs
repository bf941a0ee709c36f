//! The `thidua` binary: parses the command line and hands over to `cli`.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = thidua::cli::Cli::parse();
    thidua::cli::run(args)
}
