//! The `almanac` command line: parses arguments, runs a subcommand, prints its result.

use std::io::IsTerminal;
use std::process::ExitCode;

use almanac::build::{BuildEvent, BuildSummary};
use almanac::cmd::build::BuildArgs;
use almanac::cmd::check::CheckArgs;
use almanac::cmd::init::InitArgs;
use almanac::cmd::new::NewArgs;
use almanac::cmd::serve::{ServeArgs, ServeEvent};
use almanac::error::{Diagnostics, count};
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
    /// Check config, content and templates without writing anything; show how each date was read.
    Check(CheckArgs),
    /// Add an activity (or, with --schedule, a schedule) to the site.
    New(NewArgs),
    /// Create a new site that builds at once.
    Init(InitArgs),
    /// Preview the site on a local web server, rebuilding and reloading on every change (never writes output/).
    Serve(ServeArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => match args.run(|event| match event {
            BuildEvent::Waiting { output } => {
                eprintln!("Waiting for another build of {} to finish…", output.display())
            }
        }) {
            Ok(s) => {
                println!("Built {} in {} ({} ms).", counts(&s), s.output.display(), s.elapsed.as_millis());
                for notice in &s.notices {
                    eprintln!("{notice}");
                }
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "nothing was written."),
        },
        Command::Check(args) => {
            let report = args.run();
            print!("{}", report.table());
            let d = &report.diagnostics;
            if !d.is_empty() {
                eprint!("\n{}", d.render(color()));
            }
            let summary = format!(
                "{}, {}, {} read.",
                count(d.errors(), "error"),
                count(d.warnings(), "warning"),
                count(report.readings.len(), "date")
            );
            if report.failed() {
                eprintln!("\n{summary}{}", if report.strict && d.errors() == 0 { " (--strict)" } else { "" });
                ExitCode::FAILURE
            } else {
                println!("\n{summary} Ready to build.");
                ExitCode::SUCCESS
            }
        }
        Command::New(args) => match args.run() {
            Ok(created) => {
                println!("Created {}", created.path.display());
                if let Some((number, when)) = created.activity {
                    println!(
                        "  序号 {number}; {} → {} … {} ({}): {}",
                        args.when.as_deref().unwrap_or_default(),
                        when.start,
                        when.end,
                        when.precision().label(),
                        when.in_words()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "nothing was written."),
        },
        Command::Init(args) => match args.run() {
            Ok(files) => {
                println!("Created a site in {} ({} files).", args.dir.display(), files.len());
                println!("Next: cd {} && almanac build, then open output/index.html", args.dir.display());
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "the site was not created."),
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
        "{} activities in {} schedule{}: {} pages, {} data files and {} static files",
        s.activities,
        s.schedules,
        if s.schedules == 1 { "" } else { "s" },
        s.pages,
        s.data_files,
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

fn fail(errors: &Diagnostics, outcome: &str) -> ExitCode {
    eprint!("{}", errors.render(color()));
    eprintln!("\n{} found; {outcome}", count(errors.len(), "error"));
    ExitCode::FAILURE
}

/// Colour on a terminal only, and never when NO_COLOR is set (no-color.org).
fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
