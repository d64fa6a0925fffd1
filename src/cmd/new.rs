//! `almanac new`: writes a complete, valid activity file (or a schedule's `_index.md`) for an editor.

use std::path::{Path, PathBuf};

use crate::content::dates::{When, parse_when_in};
use crate::content::schedule_slug_problem;
use crate::content::write::{next_number, quote, schedule_context, short_slug, write};
use crate::error::{Diagnostic, Diagnostics, ErrorKind, SlugOf};
use crate::urls;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct NewArgs {
    /// The schedule's folder name under content/, e.g. 2023-quality-month.
    pub schedule: String,
    /// The activity's name (or, with --schedule, the schedule's title).
    #[arg(long)]
    pub title: String,
    /// The published time text, e.g. "9月下旬" or "9月18日-22日".
    #[arg(long, required_unless_present = "schedule_index")]
    pub when: Option<String>,
    /// The published place or format, e.g. "北京" or "在线观看".
    #[arg(long = "where", value_name = "WHERE")]
    pub place: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The name after the 序号 in the file's name, NN-SLUG.md (lowercase ASCII, digits, -) [default: from the
    /// title]; `almanac reschedule` finds the activity by it as given.
    #[arg(long)]
    pub slug: Option<String>,
    /// 序号 [default: the next free one].
    #[arg(long)]
    pub number: Option<u32>,
    /// Create the schedule itself (content/SCHEDULE/_index.md) instead of an activity.
    #[arg(long = "schedule", conflicts_with_all = ["when", "place", "tags", "slug", "number"])]
    pub schedule_index: bool,
    /// With --schedule: the year its dates belong to.
    #[arg(long, requires = "schedule_index")]
    pub year: Option<i32>,
    /// With --schedule: who publishes it.
    #[arg(long, requires = "schedule_index")]
    pub organiser: Option<String>,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// What `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub path: PathBuf,
    /// The activity's number and how its `when` was read; None for a schedule.
    pub activity: Option<(u32, When)>,
}

impl NewArgs {
    pub fn run(&self) -> Result<Created, Diagnostics> {
        let dir = self.root.join("content").join(&self.schedule);
        let schedule = self.schedule.clone();
        if let Some(kind) = schedule_slug_problem(&schedule) {
            let help = if matches!(kind, ErrorKind::ReservedFolder(_)) {
                "choose another folder name"
            } else {
                "use a folder name like 2024-quality-month"
            };
            return Err(arg_error("SCHEDULE", kind, help));
        }
        if self.title.trim().is_empty() {
            return Err(arg_error("--title", ErrorKind::EmptyTitle, "give the name as published"));
        }
        if self.schedule_index { self.new_schedule(&dir) } else { self.new_activity(&dir) }
    }

    fn new_schedule(&self, dir: &Path) -> Result<Created, Diagnostics> {
        let path = dir.join("_index.md");
        refuse_existing(&path)?;
        let Some(year) = self.year else {
            return Err(arg_error("--year", ErrorKind::NoYear, "add --year 2024"));
        };
        let mut text = format!("+++\ntitle = {}\nyear = {year}\n", quote(&self.title));
        if let Some(o) = &self.organiser {
            text += &format!("organiser = {}\n", quote(o));
        }
        text += "# note = \"注：…\"  (the closing note, verbatim)\n+++\n\n这里写日程的简介。\n";
        write(&path, &text)?;
        Ok(Created { path, activity: None })
    }

    fn new_activity(&self, dir: &Path) -> Result<Created, Diagnostics> {
        let index = dir.join("_index.md");
        let Some(context) = schedule_context(&index) else {
            let help = format!(
                "create the schedule first: almanac new {} --schedule --title \"…\" --year 2024",
                self.schedule
            );
            return Err(arg_error("SCHEDULE", ErrorKind::NoSchedule(index), &help));
        };
        let when_text = self.when.clone().unwrap_or_default();
        let when = parse_when_in(&when_text, context).map_err(|e| {
            let d = Diagnostic::at(
                "--when",
                &when_text,
                e.offset,
                e.len,
                ErrorKind::Date { text: when_text.clone(), reason: e.to_string() },
            );
            Diagnostics::from(d.with_help(e.help()))
        })?;
        let slug = match &self.slug {
            Some(s) if urls::is_slug(s) => s.clone(),
            Some(s) => {
                let kind = ErrorKind::BadSlug { what: SlugOf::Activity, slug: s.clone() };
                return Err(arg_error("--slug", kind, "use lowercase ASCII letters, digits and -"));
            }
            None => short_slug(&self.title),
        };
        let number = self.number.unwrap_or_else(|| next_number(dir));
        let path = dir.join(format!("{number:02}-{slug}.md"));
        refuse_existing(&path)?;
        let mut text =
            format!("+++\nnumber = {number}\ntitle = {}\nwhen = {}\n", quote(&self.title), quote(&when_text));
        if let Some(p) = &self.place {
            text += &format!("where = {}\n", quote(p));
        }
        let tags: Vec<String> = self.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).map(quote).collect();
        text += &format!("tags = [{}]\n", tags.join(", "));
        text += "# milestones = [{ when = \"9月\", label = \"…\" }]\n+++\n\n这里写活动的主要内容（Markdown）。\n";
        write(&path, &text)?;
        Ok(Created { path, activity: Some((number, when)) })
    }
}

fn arg_error(what: &str, kind: ErrorKind, help: &str) -> Diagnostics {
    Diagnostic::file(what, kind).with_help(help).into()
}

fn refuse_existing(path: &Path) -> Result<(), Diagnostics> {
    if path.exists() {
        return Err(Diagnostic::file(path, ErrorKind::FileExists)
            .with_help("almanac new never overwrites: choose another --slug or --number, or edit the file")
            .into());
    }
    Ok(())
}
