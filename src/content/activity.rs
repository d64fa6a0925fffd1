//! The content model: schedules and their activities, as plain data, each remembering where it was written.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::changes::{Change, History, Status, WhenChange};
use super::dates::{Context, When};
use super::mode::Mode;
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::words::Words;

/// A content file: where it is and what it says, so any later diagnostic can point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// As found on disk (under the site root), for messages.
    pub path: PathBuf,
    /// Relative to `content/`, with `/` separators: "2023-quality-month/01-forum.md". Links between content
    /// files are resolved with it.
    pub rel: String,
    /// The whole file.
    pub text: Arc<str>,
}

impl SourceFile {
    /// A diagnostic at the bytes `span` of the file (the whole file when `span` is `None`).
    pub fn at(&self, span: Option<Range<usize>>, kind: impl Into<Kind>) -> Diagnostic {
        match span {
            Some(s) => Diagnostic::at(&self.path, &self.text, s.start, s.len(), kind),
            None => Diagnostic::file(&self.path, kind),
        }
    }
}

/// What a file says in a second language: a table named by the language (`[en]`, `[zh-TW]`) whose values stand
/// in for the file's own in that language's edition of the site (see [`crate::site::Site::translated`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// As written: "en", "zh-TW".
    pub lang: String,
    /// Where the table's name is in the file, for messages about it.
    pub span: Range<usize>,
    /// Each value by its key ("title", "where", "body" …), in the order written.
    pub values: Vec<Translated>,
    /// Terms, for the site's (`[en.tags]`): each original word and what it is in this language.
    pub terms: Vec<(String, String)>,
}

/// One value of a [`Translation`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub key: &'static str,
    pub text: String,
    /// Where the text starts in the file (its first character inside the quotes), for messages about its body.
    pub offset: usize,
}

impl Translation {
    /// The value written for `key`, if any (blank is none).
    pub fn get(&self, key: &str) -> Option<&Translated> {
        self.values.iter().find(|v| v.key == key && !v.text.trim().is_empty())
    }
}

/// One schedule: a folder under `content/` with an `_index.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Folder name; the schedule's URL segment.
    pub slug: String,
    pub origin: SourceFile,
    pub title: String,
    pub year: i32,
    /// What dates without a year are read against (the year, and the month it starts in).
    pub context: Context,
    /// The span the schedule declares (`span = "2024年9月-2025年7月"`): its first and last day.
    pub declared_span: Option<(NaiveDate, NaiveDate)>,
    pub organiser: Option<String>,
    /// The closing note, verbatim (e.g. "注：…").
    pub note: Option<String>,
    /// When the schedule was last changed, if the editor says so (`updated = 2023-08-15`).
    pub updated: Option<NaiveDate>,
    /// Markdown intro, the body of `_index.md`, and its byte offset in the file.
    pub intro: String,
    pub intro_offset: usize,
    /// Sorted by number, then start date, then slug.
    pub activities: Vec<Activity>,
    /// Problems of drafts left out of this build, as warnings: `build` prints them and `check` lists them, so
    /// a draft written by `almanac import` with an unreadable date is reported until it is fixed. With
    /// `--drafts` they are errors instead, and this is empty.
    pub draft_problems: Diagnostics,
    /// What `_index.md` says in other languages (title, organiser, note, body).
    pub translations: Vec<Translation>,
    /// In a translated edition: what is still in the original language (see [`Activity::untranslated`]).
    pub untranslated: Vec<&'static str>,
    /// [`Schedule::span`], worked out on first use: every page of the schedule asks for it. Set it to
    /// `Default::default()`; a schedule whose activities change after it was asked is a new schedule.
    pub span_once: OnceLock<Option<(NaiveDate, NaiveDate)>>,
}

/// One activity of a schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub slug: String,
    pub origin: SourceFile,
    /// Byte ranges of the keys in `origin.text`.
    pub spans: Spans,
    /// 序号, as published.
    pub number: Option<u32>,
    pub title: String,
    /// The published time text, verbatim.
    pub when_text: String,
    /// How `when_text` was read, after any `start`/`end` override.
    pub when: When,
    /// The published place or format text, verbatim.
    pub place: Option<String>,
    /// 主办: who organises this activity (`organiser`), when it is not (only) the schedule's organiser.
    pub organiser: Option<String>,
    /// 承办: who hosts or runs it (`host`).
    pub host: Option<String>,
    pub tags: Vec<String>,
    pub milestones: Vec<Milestone>,
    /// Markdown source of the main content.
    pub body: String,
    /// The main content as a reader sees it, without markup: for descriptions in calendars, feeds, data and
    /// metadata (made once here rather than by each of them).
    pub body_text: String,
    /// The links written in the body, with their places in it: read with `body_text` in one pass of the
    /// parser, for the link check.
    pub body_links: Vec<crate::markdown::Link>,
    pub draft: bool,
    /// When this entry was last changed (`updated = 2023-08-15`): feeds and calendars say it, not the clock.
    pub updated: Option<NaiveDate>,
    /// 在线, 现场 or 待定, read once from the published text (see [`Mode::of`]); every view reads it here.
    pub mode: Mode,
    /// The `status` key, if written; [`Activity::status`] is what every view reads.
    pub status_written: Option<Status>,
    /// Why it is postponed or cancelled (`reason`), verbatim.
    pub reason: Option<String>,
    /// The recorded changes, oldest first (see [`crate::content::changes`]).
    pub changes: Vec<Change>,
    /// What the file says in other languages (title, where, organiser, host, reason, body).
    pub translations: Vec<Translation>,
    /// In a translated edition of the site: which of the values a reader sees are still the original
    /// language's, because the file has no translation of them. Empty in the original.
    pub untranslated: Vec<&'static str>,
}

/// Where each key of an activity file is, as byte ranges of the file (the quoted value for strings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    pub title: Option<Range<usize>>,
    pub when: Option<Range<usize>>,
    pub place: Option<Range<usize>>,
    pub number: Option<Range<usize>>,
    pub slug: Option<Range<usize>>,
    /// One per tag as written (before duplicates are dropped).
    pub tags: Vec<(String, Range<usize>)>,
    pub status: Option<Range<usize>>,
    /// Where the body starts.
    pub body: usize,
}

/// A dated phase named by an activity's content, e.g. 8月评价 / 9月公示.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub label: String,
    pub when_text: String,
    pub when: When,
    /// The byte range of its `when` value in the activity's file.
    pub span: Range<usize>,
    /// `outside = true`: the content names this phase outside the activity's published dates on purpose (a
    /// registration before it, results announced after it), so `check` does not take it for a typo.
    pub outside: bool,
}

/// A Chinese character (or a full-width sign), as a text written in Chinese has.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

impl Activity {
    /// The 时间地点 cell as published: the time text, then the place after a comma as the time text writes
    /// one: full-width after Chinese (`9月18日-22日，北京`), `, ` after English (`18–22 September, Beijing`).
    pub fn published(&self) -> String {
        match &self.place {
            Some(place) if self.when_text.chars().any(is_cjk) => format!("{}，{}", self.when_text, place),
            Some(place) => format!("{}, {}", self.when_text, place),
            None => self.when_text.clone(),
        }
    }

    /// The status and the recorded changes, together.
    pub fn history(&self) -> History<'_> {
        History { written: self.status_written, changes: &self.changes }
    }

    /// Whether it takes place as announced, is postponed, cancelled or rescheduled: the `status` key, else what
    /// the recorded changes leave (see [`crate::content::changes`]).
    pub fn status(&self) -> Status {
        self.history().status()
    }

    /// The iCalendar `SEQUENCE`: one more with each recorded change, so subscribed calendars replace the event.
    pub fn sequence(&self) -> u32 {
        u32::try_from(self.changes.len()).unwrap_or(u32::MAX)
    }

    /// When the last recorded change was announced.
    pub fn last_change(&self) -> Option<NaiveDate> {
        self.changes.iter().map(|c| c.date).max()
    }

    /// Whether readers should be told it changed: a change is recorded, or it is not simply scheduled.
    pub fn changed(&self) -> bool {
        !self.changes.is_empty() || self.status() != Status::Scheduled
    }

    /// The readings of its dates before each recorded move, oldest first.
    pub fn previous_whens(&self) -> impl Iterator<Item = &When> + '_ {
        self.changes.iter().filter_map(|c| c.when.as_ref().map(|w| &w.before))
    }

    /// The last recorded move of its dates, if any.
    pub fn latest_move(&self) -> Option<&WhenChange> {
        self.changes.iter().rev().find_map(|c| c.when.as_ref())
    }

    /// What readers are told about its changes, a line each, for calendars, feeds and structured data: the
    /// status with its reason when it is not going ahead as announced, then each recorded change, newest first,
    /// with its note. Empty for an activity that never changed. `year` is its schedule's (dates in it are
    /// written without one).
    pub fn change_notice(&self, year: i32, w: &Words) -> Vec<String> {
        let mut lines = Vec::new();
        let status = self.status();
        if status != Status::Scheduled {
            let reason = self.reason.as_deref().map(|r| Words::fill(&w.history.reason, &[("reason", r)]));
            lines.push(Words::fill(
                &w.history.status,
                &[("status", status.label(w)), ("reason", reason.as_deref().unwrap_or_default())],
            ));
        }
        for c in self.changes.iter().rev() {
            match &c.note {
                Some(note) => lines.push(Words::fill(&w.history.noted, &[("line", &c.line(year, w)), ("note", note)])),
                None => lines.push(c.line(year, w)),
            }
        }
        lines
    }

    /// The span of a tag as written in the file, for messages about it.
    pub fn tag_span(&self, tag: &str) -> Option<Range<usize>> {
        self.spans.tags.iter().find(|(t, _)| t.trim() == tag).map(|(_, s)| s.clone())
    }
}

impl Schedule {
    /// The first and last day of the schedule: every activity and milestone. The one rule for a schedule's
    /// extent; the timeline, the month pages and the summaries all read it.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        *self.span_once.get_or_init(|| {
            let dates = self
                .activities
                .iter()
                .flat_map(|a| std::iter::once(&a.when).chain(a.milestones.iter().map(|m| &m.when)));
            let first = dates.clone().map(|w| w.start).min()?;
            let last = dates.map(|w| w.end).max()?;
            Some((first, last))
        })
    }
}
