//! `almanac reschedule`: records a change of an activity (its date, place or status) the honest way: the old
//! value goes into `changes` with the day it was announced, the new one into the key, in one edit of the file
//! that keeps everything else as the editor wrote it (comments, order, spacing, the body), through `toml_edit`.
//!
//! The edited file is read back by the content loader before it replaces the original, so the command never
//! leaves a file the build cannot read; the original is replaced in one rename.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use crate::config::Config;
use crate::content::changes::Status;
use crate::content::dates::parse_when_in;
use crate::content::schedule_slug_problem;
use crate::content::write::activity_files;
use crate::content::{INDEX_FILE, file, frontmatter};
use crate::error::{Diagnostic, Diagnostics, ErrorKind, IoOp};
use crate::urls;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct RescheduleArgs {
    /// The schedule's folder name under content/, e.g. 2023-quality-month.
    pub schedule: String,
    /// The activity: its slug (the page's file name, e.g. 13-central-soe-qc-contest) or its file name.
    pub slug: String,
    /// The new published time text, e.g. "10月9日-13日" (the status becomes rescheduled unless --status says otherwise).
    #[arg(long)]
    pub when: Option<String>,
    /// The new published place, e.g. "上海".
    #[arg(long = "where", value_name = "WHERE")]
    pub place: Option<String>,
    /// The new status: scheduled, postponed, cancelled or rescheduled.
    #[arg(long)]
    pub status: Option<String>,
    /// Why it is postponed or cancelled, shown with its status.
    #[arg(long)]
    pub reason: Option<String>,
    /// What the announcement said, verbatim (e.g. "因场地调整，论坛延后一周").
    #[arg(long)]
    pub note: String,
    /// The day the change was announced, e.g. 2023-09-01 [default: today, in the site's time zone].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// What `reschedule` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescheduled {
    pub path: PathBuf,
    /// The change in words, as the activity's page shows it: 原定9月18日-22日，调整为10月9日-13日（9月1日公告）.
    pub line: String,
    pub status: Status,
    /// The activity's calendar `SEQUENCE` from now on.
    pub sequence: u32,
}

fn arg_error(what: &str, reason: impl Into<String>, help: &str) -> Diagnostics {
    Diagnostic::file(what, ErrorKind::CannotReschedule(reason.into())).with_help(help).into()
}

impl RescheduleArgs {
    pub fn run(&self) -> Result<Rescheduled, Diagnostics> {
        if let Some(kind) = schedule_slug_problem(&self.schedule) {
            return Err(Diagnostic::file("SCHEDULE", kind).with_help("give the schedule's folder name").into());
        }
        if self.when.is_none() && self.place.is_none() && self.status.is_none() {
            return Err(arg_error(
                "almanac reschedule",
                "nothing to change",
                "give the new --when, --where or --status (or several)",
            ));
        }
        let new_status = match &self.status {
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                Diagnostic::file("--status", ErrorKind::UnknownStatus(s.clone()))
                    .with_help("write one of: scheduled, postponed, cancelled, rescheduled")
            })?),
            None => None,
        };
        let content = self.root.join("content");
        let dir = content.join(&self.schedule);
        let index = file::load_index(&content, &dir.join(INDEX_FILE))?;
        let path = find(&dir, &self.slug)?;
        let whole_toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let current = file::load_activity(&content, &path, index.context, whole_toml).map_err(|f| f.errors)?;
        if let Some(w) = &self.when {
            parse_when_in(w, index.context).map_err(|e| {
                let kind = ErrorKind::Date { text: w.clone(), reason: e.to_string() };
                Diagnostics::from(Diagnostic::at("--when", w, e.offset, e.len, kind).with_help(e.help()))
            })?;
        }
        let date = match self.date {
            Some(d) => d,
            None => Config::load(&self.root)?.timezone.today(),
        };
        if let Some(last) = current.last_change()
            && date < last
        {
            return Err(arg_error(
                "--date",
                format!("{date} is before the last recorded change ({last})"),
                "changes are recorded in the order they were announced: give the day of this one",
            ));
        }

        // What changes, and what the status becomes.
        let when = self.when.as_deref().map(str::trim).filter(|w| *w != current.when_text);
        let place = self.place.as_deref().map(str::trim).filter(|p| Some(*p) != current.place.as_deref());
        let before = current.status();
        let after = new_status.unwrap_or(if when.is_some() { Status::Rescheduled } else { before });
        // The status the history leaves after this entry if it records no status: the last recorded one, else
        // rescheduled once a date moved. A status is recorded when it differs from that (or is all that changes),
        // so the history always ends where the file does.
        let history = current.history();
        let implied = match history.last_status() {
            None if when.is_some() => Status::Rescheduled,
            _ => history.recorded_status(),
        };
        let alone = when.is_none() && place.is_none();
        let status = (after != implied || (alone && after != before)).then_some((before, after));
        if alone && before == after {
            return Err(arg_error(
                "almanac reschedule",
                format!("nothing changes: the activity already says {}", current.published()),
                "give a --when, --where or --status that differs from the file's",
            ));
        }

        // The edit, on the file's own text.
        let text = current.origin.text.to_string();
        let (start, end) = if whole_toml {
            (0, text.len())
        } else {
            let split = frontmatter::split(&path, &text)?;
            (split.toml_offset, split.toml_offset + split.toml.len())
        };
        let mut doc: DocumentMut = text[start..end]
            .parse()
            .map_err(|e| arg_error(&path.display().to_string(), format!("cannot edit its TOML: {e}"), ""))?;
        let mut entry = InlineTable::new();
        entry.insert("date", Value::from(toml_date(date)));
        if let Some(w) = when {
            entry.insert("when", Value::from(current.when_text.as_str()));
            entry.insert("new_when", Value::from(w));
            set(doc.as_table_mut(), "when", w);
        }
        if let Some(p) = place {
            entry.insert("where", Value::from(current.place.as_deref().unwrap_or_default()));
            entry.insert("new_where", Value::from(p));
            set(doc.as_table_mut(), "where", p);
        }
        if let Some((b, a)) = status {
            entry.insert("status", Value::from(b.as_str()));
            entry.insert("new_status", Value::from(a.as_str()));
        }
        if doc.contains_key("status") || matches!(after, Status::Postponed | Status::Cancelled) {
            set(doc.as_table_mut(), "status", after.as_str());
        }
        if let Some(r) = &self.reason {
            set(doc.as_table_mut(), "reason", r);
        }
        if !self.note.trim().is_empty() {
            entry.insert("note", Value::from(self.note.trim()));
        }
        push_change(&mut doc, entry)?;
        let edited = format!("{}{}{}", &text[..start], doc, &text[end..]);

        // Read back by the loader before it replaces the file.
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("activity");
        let temp = path.with_file_name(format!(".{name}.almanac-reschedule"));
        let io = |op, e| Diagnostics::from(Diagnostic::io(op, &temp, e));
        std::fs::write(&temp, &edited).map_err(|e| io(IoOp::Write, e))?;
        let checked = file::load_activity(&content, &temp, index.context, whole_toml);
        let activity = match checked {
            Ok(a) => a,
            Err(f) => {
                let _ = std::fs::remove_file(&temp);
                return Err(f.errors);
            }
        };
        std::fs::rename(&temp, &path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Diagnostics::from(Diagnostic::io(IoOp::Replace, &path, e))
        })?;
        let line = activity.changes.last().map(|c| c.line(index.year)).unwrap_or_default();
        Ok(Rescheduled { path, line, status: activity.status(), sequence: activity.sequence() })
    }
}

/// The activity file of `dir` whose slug (its `slug` key, else its file name) or file name is `wanted`.
fn find(dir: &Path, wanted: &str) -> Result<PathBuf, Diagnostics> {
    let mut found = Vec::new();
    for (path, table) in activity_files(dir) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or_default();
        let slug = table
            .as_ref()
            .and_then(|t| t.get("slug").and_then(|s| s.as_str()).map(str::to_string))
            .unwrap_or_else(|| urls::slugify(stem));
        if slug == wanted || name == wanted {
            found.push(path);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Diagnostic::file(dir, ErrorKind::CannotReschedule(format!("no activity `{wanted}` in it")))
            .with_help("give the activity's slug, the name of its page without .html (e.g. 01-forum)")
            .into()),
        _ => Err(Diagnostic::file(dir, ErrorKind::CannotReschedule(format!("several activities are `{wanted}`")))
            .with_help("give the file name instead")
            .into()),
    }
}

fn toml_date(d: NaiveDate) -> toml_edit::Datetime {
    let date = toml_edit::Date {
        year: u16::try_from(chrono::Datelike::year(&d)).unwrap_or_default(),
        month: u8::try_from(chrono::Datelike::month(&d)).unwrap_or_default(),
        day: u8::try_from(chrono::Datelike::day(&d)).unwrap_or_default(),
    };
    toml_edit::Datetime { date: Some(date), time: None, offset: None }
}

/// Sets `key` to the string `value`, keeping the spacing and comment around the old value; a new key goes
/// after the others.
fn set(table: &mut Table, key: &str, value: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = Value::from(value);
            *v.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::value(value));
        }
    }
}

/// Appends `entry` to `changes` in the form the file uses: a line of its own in an array of inline tables
/// (made when there is none), or a `[[changes]]` table.
fn push_change(doc: &mut DocumentMut, mut entry: InlineTable) -> Result<(), Diagnostics> {
    entry.fmt();
    match doc.get_mut("changes") {
        None => {
            let mut array = Array::new();
            array.push_formatted(Value::InlineTable(entry));
            format_lines(&mut array);
            doc.insert("changes", Item::Value(Value::Array(array)));
        }
        Some(Item::Value(Value::Array(array))) => {
            array.push_formatted(Value::InlineTable(entry));
            format_lines(array);
        }
        Some(Item::ArrayOfTables(tables)) => tables.push(entry.into_table()),
        Some(Item::Table(_)) | Some(Item::Value(_)) | Some(Item::None) => {
            return Err(arg_error(
                "changes",
                "`changes` in the file is not a list",
                "write it as changes = [ { date = …, … } ], or remove it",
            ));
        }
    }
    Ok(())
}

/// One entry a line, indented, with a trailing comma, the way README shows `changes`.
fn format_lines(array: &mut Array) {
    for item in array.iter_mut() {
        item.decor_mut().set_prefix("\n  ");
        item.decor_mut().set_suffix("");
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
}
