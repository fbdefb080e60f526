//! The `ggw` binary: parses the command line and hands it to `cli`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let lang = args.lang();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => cli::exit_with(&error, lang),
    }
}
