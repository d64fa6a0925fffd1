//! The `almanac` command line: parses arguments, runs a subcommand, prints its result.

use std::process::ExitCode;

use almanac::cmd::build::BuildArgs;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "almanac", version, about = "Builds a static calendar site from a folder of activities")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into output/.
    Build(BuildArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => match args.run() {
            Ok(s) => {
                println!(
                    "Built {} activities in {} schedule{}: {} pages, {} data files and {} static files in {} ({} ms).",
                    s.activities,
                    s.schedules,
                    if s.schedules == 1 { "" } else { "s" },
                    s.pages,
                    s.data_files,
                    s.static_files,
                    s.output.display(),
                    s.elapsed.as_millis()
                );
                for notice in &s.notices {
                    eprintln!("{notice}");
                }
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                ExitCode::FAILURE
            }
        },
    }
}
