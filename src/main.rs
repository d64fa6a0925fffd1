//! The `almanac` command line: parses arguments, runs a subcommand, prints its result.
// The one place almanac prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::process::ExitCode;

use almanac::build::BuildSummary;
use almanac::cmd::build::BuildArgs;
use almanac::cmd::check::CheckArgs;
use almanac::cmd::import::ImportArgs;
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
    /// Import a schedule from a Word table (.docx), a spreadsheet (.xlsx, .xls, .ods) or a .csv file.
    Import(ImportArgs),
    /// Preview the site on a local web server, rebuilding and reloading on every change (never writes output/).
    Serve(ServeArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => match args.run() {
            Ok(s) => {
                println!("Built {} in {} ({} ms).", counts(&s), s.output.display(), s.elapsed.as_millis());
                for notice in &s.notices {
                    eprintln!("{notice}");
                }
                print_warnings(&s.warnings);
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
        Command::Import(args) => import(&args),
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
        ServeEvent::Built(s) => {
            println!("Built {} ({} ms).", counts(&s), s.elapsed.as_millis());
            print_warnings(&s.warnings);
        }
        ServeEvent::Failed { errors, kept_previous } => {
            eprint!("{}", errors.render(color()));
            let found = count(errors.len(), "error");
            if kept_previous {
                eprintln!("\n{found} found; still serving the last good build, and the pages show them until fixed.");
            } else {
                eprintln!("\n{found} found; nothing is built yet, and the pages show them until fixed.");
            }
        }
        ServeEvent::Listening { url } => println!("Serving the site at {url} (Ctrl+C to stop)."),
        ServeEvent::Changed(paths) => {
            let names: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
            println!("Changed: {}", names.join(", "));
        }
        ServeEvent::Notice(text) => eprintln!("note: {text}"),
        ServeEvent::Stopped => println!("Stopped."),
    }
}

/// Reads, prints what was read, then writes (unless --dry-run): the report comes before any file.
fn import(args: &ImportArgs) -> ExitCode {
    let plan = match args.plan() {
        Ok(plan) => plan,
        Err(errors) => return fail(&errors, "nothing was written."),
    };
    let i = &plan.index;
    println!("Read {} ({}): {}.", plan.source.display(), plan.read_as, count(plan.rows.len(), "activity row"));
    let columns: Vec<String> = plan.columns.iter().map(|(h, k)| format!("{h} → {k}")).collect();
    println!("Columns: {}", columns.join(", "));
    println!("Schedule {}: {} (year {}, from {})", plan.schedule, i.title, i.year, i.year_from);
    if let Some(note) = &i.note {
        println!("Note: {note}");
    }
    println!("\n{}", plan.table());
    for note in &plan.notes {
        println!("note: {note}");
    }
    if !plan.problems.is_empty() {
        eprint!("\n{}", plan.problems.render(color()));
        eprintln!();
    }
    let new: Vec<_> = plan.new_rows().collect();
    let drafts = new.iter().filter(|r| r.draft()).count();
    let skipped = plan.rows.len() - new.len();
    let index_new = matches!(i.action, almanac::import::Action::Create(_));
    let what = format!(
        "{}{}{}",
        if index_new { "the schedule's _index.md and " } else { "" },
        count(new.len(), "activity file"),
        if drafts > 0 { format!(" (drafts: {drafts})") } else { String::new() }
    );
    let kept = if skipped > 0 {
        format!("; {} already in the schedule or not added", count(skipped, "row"))
    } else {
        String::new()
    };
    if args.dry_run {
        println!(
            "Dry run: nothing was written. Without --dry-run, {what} would be created in {}{kept}.",
            plan.dir.display()
        );
        return ExitCode::SUCCESS;
    }
    match plan.write() {
        Ok(_) => {
            println!("Created {what} in {}{kept}.", plan.dir.display());
            if drafts > 0 {
                println!("Drafts are left out of the site until corrected: `almanac check` lists them.");
            }
            ExitCode::SUCCESS
        }
        Err(errors) => fail(&errors, "see above for what was written."),
    }
}

/// Drafts left out of the build because they cannot be read: said on every build until they are fixed.
fn print_warnings(warnings: &Diagnostics) {
    if !warnings.is_empty() {
        eprint!("\n{}", warnings.render(color()));
        eprintln!(
            "\n{}: drafts that cannot be read are left out of the site until they are fixed.",
            count(warnings.len(), "warning")
        );
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
