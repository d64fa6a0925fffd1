//! The `almanac` command line: parses arguments, runs a subcommand, prints its result. The subcommands'
//! arguments are in `cmd/`, one file each.
// The one place almanac prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![warn(unreachable_pub)]

use std::fmt::{self, Display};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

mod cmd;

use almanac::build::{BuildEvent, BuildSummary};
use almanac::error::{Diagnostics, count};
use clap::{Parser, Subcommand};
use cmd::build::BuildArgs;
use cmd::check::CheckArgs;
#[cfg(feature = "import")]
use cmd::import::ImportArgs;
use cmd::init::InitArgs;
use cmd::new::NewArgs;
use cmd::reschedule::RescheduleArgs;
#[cfg(feature = "serve")]
use cmd::serve::ServeArgs;
use cmd::theme::{ThemeArgs, ThemeOutcome};

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
    /// Record that an activity moved, was postponed or cancelled: the old value goes into its `changes`.
    Reschedule(RescheduleArgs),
    /// Import a schedule from a Word table (.docx), a spreadsheet (.xlsx, .xls, .ods) or a .csv file.
    #[cfg(feature = "import")]
    Import(ImportArgs),
    /// Preview the site on a local web server, rebuilding and reloading on every change (never writes output/).
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// List the theme's files, or copy some into the site to override them.
    Theme(ThemeArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => {
            let result = args.run(|event| match event {
                BuildEvent::Waiting { output } => Console::ending(ExitCode::FAILURE)
                    .errln(format_args!("Waiting for another build of {} to finish…", output.display())),
            });
            match result {
                Ok(s) => {
                    let c = Console::ending(ExitCode::SUCCESS);
                    c.outln(format_args!(
                        "Built {} in {} ({} ms).",
                        counts(&s),
                        s.output.display(),
                        s.elapsed.as_millis()
                    ));
                    for notice in &s.notices {
                        c.errln(notice);
                    }
                    print_warnings(&c, &s.warnings);
                    ExitCode::SUCCESS
                }
                Err(errors) => fail(&errors, "nothing was written."),
            }
        }
        Command::Check(args) => {
            let report = args.run();
            let code = if report.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
            let c = Console::ending(code);
            c.out(report.table());
            for t in &report.translated {
                let done = t.activities - t.untranslated.iter().filter(|(_, keys)| keys.contains(&"title")).count();
                c.out(format_args!("\n{}: {done} of {} activities translated", t.lang, t.activities));
                for (file, keys) in &t.untranslated {
                    c.out(format_args!("\n  {}: shown as the original has it: {}", file.display(), keys.join(", ")));
                }
                if !t.tags.is_empty() {
                    c.out(format_args!(
                        "\n  tags with no name in [{}.tags] of almanac.toml: {}",
                        t.lang,
                        t.tags.join(", ")
                    ));
                }
                c.out("\n");
            }
            let d = &report.diagnostics;
            if !d.is_empty() {
                c.err(format_args!("\n{}", d.render(color())));
            }
            let summary = format!(
                "{}, {}, {} read.",
                count(d.errors(), "error"),
                count(d.warnings(), "warning"),
                count(report.readings.len(), "date")
            );
            if report.failed() {
                let strict = if report.strict && d.errors() == 0 { " (--strict)" } else { "" };
                c.errln(format_args!("\n{summary}{strict}"));
            } else {
                c.outln(format_args!("\n{summary} Ready to build."));
            }
            code
        }
        Command::New(args) => match args.run() {
            Ok(created) => {
                let c = Console::ending(ExitCode::SUCCESS);
                c.outln(format_args!("Created {}", created.path.display()));
                if let Some((number, when)) = created.activity {
                    c.outln(format_args!(
                        "  序号 {number}; {} → {} … {} ({}): {}",
                        args.when.as_deref().unwrap_or_default(),
                        when.start,
                        when.end,
                        when.precision().label(),
                        when.in_words()
                    ));
                }
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "nothing was written."),
        },
        Command::Init(args) => match args.run() {
            Ok(files) => {
                let c = Console::ending(ExitCode::SUCCESS);
                c.outln(format_args!("Created a site in {} ({} files).", args.dir.display(), files.len()));
                c.outln(format_args!("Next: cd {} && almanac build, then open output/index.html", args.dir.display()));
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "the site was not created."),
        },
        #[cfg(feature = "import")]
        Command::Import(args) => import(&args),
        Command::Theme(args) => match args.run() {
            Ok(outcome) => {
                print_theme(&args, outcome);
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "nothing was written."),
        },
        Command::Reschedule(args) => match args.run() {
            Ok(done) => {
                let c = Console::ending(ExitCode::SUCCESS);
                c.outln(format_args!("Updated {}", done.path.display()));
                c.outln(format_args!("  {}", done.line));
                c.outln(format_args!(
                    "  status: {} ({}); calendars see sequence {}",
                    done.status.as_str(),
                    done.status_label,
                    done.sequence
                ));
                if !done.untranslated.is_empty() {
                    c.outln(format_args!(
                        "  removed {}, which said the old dates or place: translate the new ones there",
                        done.untranslated.join(", ")
                    ));
                }
                if done.dated_today {
                    c.outln(format_args!(
                        "  dated {0}, today, as no --date was given; if it was announced another day, change \
                         `date = {0}` in the last entry of `changes` (or pass --date YYYY-MM-DD next time)",
                        done.announced
                    ));
                }
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "the file was not changed."),
        },
        #[cfg(feature = "serve")]
        Command::Serve(args) => match args.run(print_serve_event) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                Console::ending(ExitCode::FAILURE).errln(format_args!("error: {e}"));
                ExitCode::FAILURE
            }
        },
    }
}

/// The binary's only way to print. A reader that has gone away (`almanac build 2>&1 | head -1`) is no reason
/// to panic: the program ends there, quietly, with the exit code it was going to have (bat does the same).
/// Any other failure to print (a full disk behind a redirection) is ignored: the work is done either way.
struct Console {
    code: u8,
}

impl Console {
    /// Printing for a run that ends with `code`.
    fn ending(code: ExitCode) -> Console {
        Console { code: if code == ExitCode::SUCCESS { 0 } else { 1 } }
    }

    fn out(&self, text: impl Display) {
        self.write(&mut io::stdout().lock(), format_args!("{text}"));
    }

    fn outln(&self, text: impl Display) {
        self.write(&mut io::stdout().lock(), format_args!("{text}\n"));
    }

    fn err(&self, text: impl Display) {
        self.write(&mut io::stderr().lock(), format_args!("{text}"));
    }

    fn errln(&self, text: impl Display) {
        self.write(&mut io::stderr().lock(), format_args!("{text}\n"));
    }

    fn write(&self, to: &mut dyn Write, text: fmt::Arguments<'_>) {
        if let Err(e) = to.write_fmt(text).and_then(|()| to.flush())
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            std::process::exit(self.code.into());
        }
    }
}

fn counts(s: &BuildSummary) -> String {
    let mut files = vec![
        format!("{} pages", s.pages),
        format!("{} data files", s.data_files),
        format!("{} static files", s.static_files),
    ];
    if s.archive {
        files.push("the offline archive".into());
    }
    if s.compressed > 0 {
        files.push(format!("{} compressed copies", s.compressed));
    }
    let last = files.pop().unwrap_or_default();
    let editions = if s.languages > 1 { format!(" in {} languages", s.languages) } else { String::new() };
    format!(
        "{} activities in {} schedule{}{editions}: {} and {last}",
        s.activities,
        s.schedules,
        if s.schedules == 1 { "" } else { "s" },
        files.join(", "),
    )
}

#[cfg(feature = "serve")]
fn print_serve_event(event: almanac::serve::ServeEvent) {
    use almanac::serve::ServeEvent;
    let c = Console::ending(ExitCode::SUCCESS);
    match event {
        ServeEvent::Built(s) => {
            c.outln(format_args!("Built {} ({} ms).", counts(&s), s.elapsed.as_millis()));
            print_warnings(&c, &s.warnings);
        }
        ServeEvent::Failed { errors, kept_previous } => {
            c.err(errors.render(color()));
            let found = count(errors.len(), "error");
            if kept_previous {
                c.errln(format_args!(
                    "\n{found} found; still serving the last good build, and the pages show them until fixed."
                ));
            } else {
                c.errln(format_args!("\n{found} found; nothing is built yet, and the pages show them until fixed."));
            }
        }
        ServeEvent::Listening { url } => c.outln(format_args!("Serving the site at {url} (Ctrl+C to stop).")),
        ServeEvent::Changed(paths) => {
            let names: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
            c.outln(format_args!("Changed: {}", names.join(", ")));
        }
        ServeEvent::Notice(text) => c.errln(format_args!("note: {text}")),
        ServeEvent::Stopped => c.outln("Stopped."),
    }
}

fn print_theme(args: &ThemeArgs, outcome: ThemeOutcome) {
    let c = Console::ending(ExitCode::SUCCESS);
    match outcome {
        ThemeOutcome::Listed(l) => {
            match &l.folder {
                Some(dir) => c.outln(format_args!("Theme `{}`, from {}.", l.theme, dir.display())),
                None => c.outln(format_args!("Theme `{}`, built into almanac.", l.theme)),
            }
            for part in almanac::render::theme::PARTS {
                c.outln(format_args!("\n{part}:"));
                for f in l.files.iter().filter(|f| f.part == part) {
                    match &f.overridden_by {
                        Some(own) => c.outln(format_args!("  {:<32} overridden by {}", f.name, own.display())),
                        None => c.outln(format_args!("  {}", f.name)),
                    }
                }
            }
            c.outln("\nTo override a file: almanac theme copy NAME, then edit the copy.");
        }
        ThemeOutcome::Copied { files, all } => {
            for f in &files {
                c.outln(format_args!("Created {}", f.display()));
            }
            if all {
                c.outln(format_args!(
                    "The site now uses its own copy of the theme, in {}.",
                    args.root.join("themes/default").display()
                ));
            } else {
                c.outln("Edit the copies: the build uses them instead of the theme's.");
            }
        }
    }
}

/// Reads, prints what was read, then writes (unless --dry-run): the report comes before any file.
#[cfg(feature = "import")]
fn import(args: &ImportArgs) -> ExitCode {
    let plan = match args.run() {
        Ok(plan) => plan,
        Err(errors) => return fail(&errors, "nothing was written."),
    };
    let c = Console::ending(ExitCode::SUCCESS);
    let i = &plan.index;
    c.outln(format_args!(
        "Read {} ({}): {}.",
        plan.source.display(),
        plan.read_as,
        count(plan.rows.len(), "activity row")
    ));
    let columns: Vec<String> = plan.columns.iter().map(|(h, k)| format!("{h} → {k}")).collect();
    c.outln(format_args!("Columns: {}", columns.join(", ")));
    c.outln(format_args!("Schedule {}: {} (year {}, from {})", plan.schedule, i.title, i.year, i.year_from));
    if let Some(note) = &i.note {
        c.outln(format_args!("Note: {note}"));
    }
    c.outln(format_args!("\n{}", plan.table()));
    for note in &plan.notes {
        c.outln(format_args!("note: {note}"));
    }
    if !plan.problems.is_empty() {
        c.errln(format_args!("\n{}", plan.problems.render(color())));
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
        c.outln(format_args!(
            "Dry run: nothing was written. Without --dry-run, {what} would be created in {}{kept}.",
            plan.dir.display()
        ));
        return ExitCode::SUCCESS;
    }
    match plan.write() {
        Ok(_) => {
            c.outln(format_args!("Created {what} in {}{kept}.", plan.dir.display()));
            if drafts > 0 {
                c.outln("Drafts are left out of the site until corrected: `almanac check` lists them.");
            }
            ExitCode::SUCCESS
        }
        Err(errors) => fail(&errors, "see above for what was written."),
    }
}

/// Drafts left out of the build because they cannot be read: said on every build until they are fixed.
fn print_warnings(c: &Console, warnings: &Diagnostics) {
    if !warnings.is_empty() {
        c.err(format_args!("\n{}", warnings.render(color())));
        c.errln(format_args!(
            "\n{}: drafts that cannot be read are left out of the site until they are fixed.",
            count(warnings.len(), "warning")
        ));
    }
}

fn fail(errors: &Diagnostics, outcome: &str) -> ExitCode {
    let c = Console::ending(ExitCode::FAILURE);
    c.err(errors.render(color()));
    c.errln(format_args!("\n{} found; {outcome}", count(errors.len(), "error")));
    ExitCode::FAILURE
}

/// Colour on a terminal only, and never when NO_COLOR is set (no-color.org).
fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
