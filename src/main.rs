//! The `almanac` command line: parses arguments, runs a subcommand, prints its result.

use std::process::ExitCode;

use almanac::cmd::build::{BuildArgs, BuildSummary};
use almanac::cmd::serve::{ServeArgs, ServeEvent};
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
    /// Preview the site on a local web server, rebuilding and reloading on every change (never writes output/).
    Serve(ServeArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => match args.run() {
            Ok(s) => {
                println!("Built {} in {} ({} ms).", counts(&s), s.output.display(), s.elapsed.as_millis());
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                ExitCode::FAILURE
            }
        },
        Command::Serve(args) => match args.run(print_serve_event) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn counts(s: &BuildSummary) -> String {
    format!(
        "{} activities in {} schedule{}: {} pages and {} static files",
        s.activities,
        s.schedules,
        if s.schedules == 1 { "" } else { "s" },
        s.pages,
        s.static_files
    )
}

fn print_serve_event(event: ServeEvent) {
    match event {
        ServeEvent::Built(s) => println!("Built {} ({} ms).", counts(&s), s.elapsed.as_millis()),
        ServeEvent::Failed { errors, kept_previous } => {
            eprintln!("{errors}");
            if kept_previous {
                eprintln!("Still serving the last good build; the pages show the error until it is fixed.");
            } else {
                eprintln!("Nothing to serve until the site builds; the pages show the error until it is fixed.");
            }
        }
        ServeEvent::Listening { url } => println!("Serving the site at {url} (Ctrl+C to stop)."),
        ServeEvent::Changed(paths) => {
            let names: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
            println!("Changed: {}", names.join(", "));
        }
        ServeEvent::Notice(text) => eprintln!("note: {text}"),
    }
}
