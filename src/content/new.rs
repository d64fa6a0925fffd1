//! `almanac new`: a complete, valid activity file (or a schedule's `_index.md`) for an editor, never over an
//! existing file.

use std::path::{Path, PathBuf};

use super::dates::{When, parse_when_in};
use super::schedule_slug_problem;
use super::write::{next_number, quote, schedule_context, short_slug, write};
use super::{ContentError, SlugOf};
use crate::error::{Diagnostic, Diagnostics, FileError, Kind};
use crate::urls;

/// What `almanac new` needs that is not there. The `Display` text is one plain sentence; the fix goes in the
/// diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewError {
    #[error("there is no readable schedule {}", .0.display())]
    NoSchedule(PathBuf),
    #[error("a schedule needs its year")]
    NoYear,
}

/// What to create: `almanac new`'s arguments.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The schedule's folder name under content/.
    pub schedule: String,
    /// The activity's name (or, with `schedule_index`, the schedule's title).
    pub title: String,
    /// The published time text; required for an activity.
    pub when: Option<String>,
    /// The published place or format.
    pub place: Option<String>,
    pub tags: Vec<String>,
    /// The name after the 序号 in the file's name; from the title when `None`.
    pub slug: Option<String>,
    /// 序号; the next free one when `None`.
    pub number: Option<u32>,
    /// Create the schedule itself (content/SCHEDULE/_index.md) instead of an activity.
    pub schedule_index: bool,
    /// For a schedule: the year its dates belong to.
    pub year: Option<i32>,
    /// For a schedule: who publishes it.
    pub organiser: Option<String>,
    /// The site's folder.
    pub root: PathBuf,
}

/// What `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub path: PathBuf,
    /// The activity's number and how its `when` was read; None for a schedule.
    pub activity: Option<(u32, When)>,
}

/// Writes the activity or schedule `request` asks for.
pub fn create(request: &Request) -> Result<Created, Diagnostics> {
    let dir = request.root.join("content").join(&request.schedule);
    if let Some(kind) = schedule_slug_problem(&request.schedule) {
        let help = if matches!(kind, ContentError::ReservedFolder(_)) {
            "choose another folder name"
        } else {
            "use a folder name like 2024-quality-month"
        };
        return Err(arg_error("SCHEDULE", kind, help));
    }
    if request.title.trim().is_empty() {
        return Err(arg_error("--title", ContentError::EmptyTitle, "give the name as published"));
    }
    if request.schedule_index { request.new_schedule(&dir) } else { request.new_activity(&dir) }
}

impl Request {
    fn new_schedule(&self, dir: &Path) -> Result<Created, Diagnostics> {
        let path = dir.join("_index.md");
        refuse_existing(&path)?;
        let Some(year) = self.year else {
            return Err(arg_error("--year", NewError::NoYear, "add --year 2024"));
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
            return Err(arg_error("SCHEDULE", NewError::NoSchedule(index), &help));
        };
        let when_text = self.when.clone().unwrap_or_default();
        let when = parse_when_in(&when_text, context).map_err(|e| {
            let kind = ContentError::Date { text: when_text.clone(), reason: e.kind.clone() };
            let d = Diagnostic::arg_at("--when", &when_text, e.offset, e.len, kind);
            Diagnostics::from(d.with_help(e.help()))
        })?;
        let slug = match &self.slug {
            Some(s) if urls::is_slug(s) => s.clone(),
            Some(s) => {
                let kind = ContentError::BadSlug { what: SlugOf::Activity, slug: s.clone() };
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

fn arg_error(name: &'static str, kind: impl Into<Kind>, help: &str) -> Diagnostics {
    Diagnostic::arg(name, kind).with_help(help).into()
}

fn refuse_existing(path: &Path) -> Result<(), Diagnostics> {
    if path.exists() {
        return Err(Diagnostic::file(path, FileError::Exists)
            .with_help("almanac new never overwrites: choose another --slug or --number, or edit the file")
            .into());
    }
    Ok(())
}
