//! `almanac new`: writes a complete, valid activity file (or a schedule's `_index.md`) for an editor.

use std::path::{Path, PathBuf};

use crate::content::dates::{When, parse_when};
use crate::content::frontmatter;
use crate::error::{Diagnostic, Diagnostics, ErrorKind, IoOp, SlugOf};
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
    /// The page's file name (lowercase ASCII, digits, -) [default: from the title].
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
        if !urls::is_slug(&schedule) {
            let kind = ErrorKind::BadSlug { what: SlugOf::Schedule, slug: schedule };
            return Err(arg_error("SCHEDULE", kind, "use a folder name like 2024-quality-month"));
        }
        if urls::RESERVED_FOLDERS.contains(&schedule.as_str()) {
            return Err(arg_error("SCHEDULE", ErrorKind::ReservedFolder(schedule), "choose another folder name"));
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
        let Some(year) = schedule_year(&index) else {
            let help = format!(
                "create the schedule first: almanac new {} --schedule --title \"…\" --year 2024",
                self.schedule
            );
            return Err(arg_error("SCHEDULE", ErrorKind::NoSchedule(index), &help));
        };
        let when_text = self.when.clone().unwrap_or_default();
        let when = parse_when(&when_text, year).map_err(|e| {
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

/// A TOML basic string, escaped.
pub(crate) fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn refuse_existing(path: &Path) -> Result<(), Diagnostics> {
    if path.exists() {
        return Err(Diagnostic::file(path, ErrorKind::FileExists)
            .with_help("almanac new never overwrites: choose another --slug or --number, or edit the file")
            .into());
    }
    Ok(())
}

/// Writes a new file, creating its folder; never overwrites (the file is opened with `create_new`).
pub(crate) fn write(path: &Path, text: &str) -> Result<(), Diagnostics> {
    let io = |e: std::io::Error| Diagnostics::from(Diagnostic::io(IoOp::Create, path, e));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    // create_new: never overwrite, even if the file appeared since the check.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)
}

/// The schedule's `year`, read leniently: `new` should work even if another file of the site is broken.
pub(crate) fn schedule_year(index: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(index).ok()?;
    let split = frontmatter::split(index, &text).ok()?;
    let table: toml::Table = toml::from_str(split.toml).ok()?;
    i32::try_from(table.get("year")?.as_integer()?).ok()
}

/// One more than the highest `number` among the schedule's activities.
pub(crate) fn next_number(dir: &Path) -> u32 {
    let mut max = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let toml = match path.extension().and_then(|e| e.to_str()) {
            Some("md") => frontmatter::split(&path, &text).map(|s| s.toml).unwrap_or(""),
            Some("toml") => &text,
            _ => continue,
        };
        let n = toml::from_str::<toml::Table>(toml).ok().and_then(|t| t.get("number")?.as_integer());
        max = max.max(n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0));
    }
    max + 1
}

/// An ASCII slug from the title, cut at a word boundary so file names stay short.
pub(crate) fn short_slug(title: &str) -> String {
    let slug = urls::slugify(title);
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + word.len() + 1 > 40 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_ascii_words() {
        assert_eq!(short_slug("质量论坛"), "zhi-liang-lun-tan");
        let long = short_slug("第二期中医药大家谈暨第二批品质中药团体标准发布活动");
        assert!(long.len() <= 40 && !long.ends_with('-') && long.is_ascii(), "{long}");
    }

    #[test]
    fn quotes_toml_strings() {
        for s in ["a\"b\\c", "“高质量 可持续”", "it's", "a'\"b", "多\n行"] {
            let t: toml::Table = toml::from_str(&format!("x = {}", quote(s))).unwrap();
            assert_eq!(t["x"].as_str(), Some(s));
        }
    }
}
