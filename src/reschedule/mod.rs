//! Recording a change of an activity (its date, place or status) the honest way, for `almanac reschedule`: the
//! old value goes into `changes` with the day it was announced, the new one into the key, in one edit of the file
//! that keeps everything else as the editor wrote it (comments, order, spacing, line ends, the body), through
//! `toml_edit`.
//!
//! The edited file is read back by the content loader before it replaces the original, so the command never
//! leaves a file the build cannot read; the original is replaced in one rename.

mod edit;
mod endings;
mod error;
mod find;

use std::path::PathBuf;

use chrono::NaiveDate;
use toml_edit::{DocumentMut, InlineTable, Value};

use crate::config::Config;
use crate::content::changes::Status;
use crate::content::dates::parse_when_in;
use crate::content::schedule_slug_problem;
use crate::content::{ContentError, INDEX_FILE, file, frontmatter};
use crate::error::{Diagnostic, Diagnostics, IoOp};
use edit::{push_change, set, toml_date};
pub use error::RescheduleError;

/// A change to record, as the editor gives it.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// The site's folder.
    pub root: PathBuf,
    /// The schedule's folder name under `content/`.
    pub schedule: String,
    /// The activity: its slug, file name or file stem, the name after its 序号, its 序号 or its exact title.
    pub activity: String,
    pub when: Option<String>,
    pub place: Option<String>,
    /// The new status, as written (`cancelled`).
    pub status: Option<String>,
    pub reason: Option<String>,
    /// What the announcement said, verbatim.
    pub note: String,
    /// The day it was announced; without it, today, if today is in the schedule's span.
    pub date: Option<NaiveDate>,
}

/// What `reschedule` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescheduled {
    pub path: PathBuf,
    /// The change in words, as the activity's page shows it: 原定9月18日-22日，调整为10月9日-13日（9月1日公告）.
    pub line: String,
    pub status: Status,
    /// The status in the site's words (已改期).
    pub status_label: String,
    /// The activity's calendar `SEQUENCE` from now on.
    pub sequence: u32,
    /// The day the change is dated by.
    pub announced: NaiveDate,
    /// Whether that day is today, taken because no date was given.
    pub dated_today: bool,
    /// The translations the change made stale and removed, as `[en] when`: the edition in that language shows
    /// the original's new dates or place, marked, until they are translated again.
    pub untranslated: Vec<String>,
}

/// The words the change is told in: the site's, when its config and catalogue read, else the default's.
fn words(root: &std::path::Path) -> crate::words::Words {
    Config::load(root)
        .ok()
        .and_then(|c| crate::render::catalogue::words(root, &c.theme, &c.language).ok())
        .unwrap_or_else(crate::words::Words::builtin_zh_cn)
}

fn arg_error(name: &'static str, error: RescheduleError, help: &str) -> Diagnostics {
    Diagnostic::arg(name, error).with_help(help).into()
}

/// Records `change` in its activity's file; without a date given, it is dated today in the site's time zone.
pub fn run(change: &Change) -> Result<Rescheduled, Diagnostics> {
    reschedule(change, || Ok(Config::load(&change.root)?.timezone.today()))
}

/// Records `change` in its activity's file. `today` is asked only when the change gives no date.
pub fn reschedule(
    change: &Change,
    today: impl FnOnce() -> Result<NaiveDate, Diagnostics>,
) -> Result<Rescheduled, Diagnostics> {
    if let Some(kind) = schedule_slug_problem(&change.schedule) {
        return Err(Diagnostic::arg("SCHEDULE", kind).with_help("give the schedule's folder name").into());
    }
    if change.when.is_none() && change.place.is_none() && change.status.is_none() {
        return Err(arg_error(
            "almanac reschedule",
            RescheduleError::NothingToChange,
            "give the new --when, --where or --status (or several)",
        ));
    }
    let new_status = match &change.status {
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            Diagnostic::arg("--status", ContentError::UnknownStatus(s.clone()))
                .with_help("write one of: scheduled, postponed, cancelled, rescheduled")
        })?),
        None => None,
    };
    let content = change.root.join("content");
    let dir = content.join(&change.schedule);
    let index = file::load_index(&content, &dir.join(INDEX_FILE))?;
    let path = find::find(&dir, &change.activity)?;
    let whole_toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let current = file::load_activity(&content, &path, index.context, whole_toml).map_err(|f| f.errors)?;
    if let Some(w) = &change.when {
        parse_when_in(w, index.context).map_err(|e| {
            let kind = ContentError::Date { text: w.clone(), reason: e.kind.clone() };
            Diagnostics::from(Diagnostic::arg_at("--when", w, e.offset, e.len, kind).with_help(e.help()))
        })?;
    }
    let (date, dated_today) = match change.date {
        Some(d) => (d, false),
        None => (today_in(index.span, index.year, today()?)?, true),
    };
    if let Some(last) = current.last_change()
        && date < last
    {
        return Err(arg_error(
            "--date",
            RescheduleError::BeforeLastChange { date, last },
            "changes are recorded in the order they were announced: give the day of this one",
        ));
    }

    // What changes, and what the status becomes.
    let when = change.when.as_deref().map(str::trim).filter(|w| *w != current.when_text);
    let place = change.place.as_deref().map(str::trim).filter(|p| Some(*p) != current.place.as_deref());
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
            RescheduleError::NothingChanges { published: current.published() },
            "give a --when, --where or --status that differs from the file's",
        ));
    }

    // The edit, on the file's own text, made on its LF form; the lines it leaves get their own bytes back.
    let text = current.origin.text.to_string();
    let (start, end) = if whole_toml {
        (if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 }, text.len())
    } else {
        let split = frontmatter::split(&path, &text)?;
        (split.toml_offset, split.toml_offset + split.toml.len())
    };
    let original = &text[start..end];
    let mut doc: DocumentMut = endings::as_lf(original)
        .parse()
        .map_err(|e: toml_edit::TomlError| Diagnostic::file(&path, RescheduleError::Unedited(e.to_string())))?;
    // A translation of the old dates or place would say what is no longer so (and dates that no longer read as
    // the original's): it goes, and the editor is told.
    let mut untranslated = Vec::new();
    for (key, changed) in [("when", when.is_some()), ("where", place.is_some())] {
        for (lang, item) in doc.as_table_mut().iter_mut().filter(|_| changed) {
            if frontmatter::is_language_tag(lang.get())
                && let Some(table) = item.as_table_like_mut()
                && table.remove(key).is_some()
            {
                untranslated.push(format!("[{}] {key}", lang.get()));
            }
        }
    }
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
    if let Some(r) = &change.reason {
        set(doc.as_table_mut(), "reason", r);
    }
    if !change.note.trim().is_empty() {
        entry.insert("note", Value::from(change.note.trim()));
    }
    push_change(&mut doc, entry)
        .map_err(|e| Diagnostic::file(&path, e).with_help("write it as changes = [ { date = …, … } ], or remove it"))?;
    let toml = endings::restore(original, &doc.to_string(), endings::dominant(&text));
    let edited = format!("{}{toml}{}", &text[..start], &text[end..]);

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
    let words = words(&change.root);
    let line = activity.changes.last().map(|c| c.line(index.year, &words)).unwrap_or_default();
    Ok(Rescheduled {
        path,
        line,
        status: activity.status(),
        status_label: activity.status().label(&words).to_string(),
        sequence: activity.sequence(),
        announced: date,
        dated_today,
        untranslated,
    })
}

/// `today`, as the day of an announcement no date was given for: only inside the schedule's span (its declared
/// `span`, else its year), where it is likely the day meant. Outside it, a day from the clock is more likely a
/// mistake (a change to a 2025 activity recorded as announced in 2026): the editor must say.
fn today_in(span: Option<(NaiveDate, NaiveDate)>, year: i32, today: NaiveDate) -> Result<NaiveDate, Diagnostics> {
    let (first, last) = span.unwrap_or_else(|| {
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
        (day(1, 1), day(12, 31))
    });
    if (first..=last).contains(&today) {
        return Ok(today);
    }
    Err(arg_error(
        "--date",
        RescheduleError::TodayOutsideSpan { today, first, last },
        "give the day the change was announced: --date YYYY-MM-DD",
    ))
}

#[cfg(test)]
mod tests;
