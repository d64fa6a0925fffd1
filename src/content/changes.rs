//! When the schedule changes: an activity's status and the recorded history of its changes, as plain data, and
//! the one set of rules every view and export reads (status, sequence, last change, the words for a change).
//!
//! The front matter keeps the history (README "When the schedule changes"):
//!
//! ```toml
//! when = "10月16日-20日"
//! changes = [
//!   { date = 2023-08-20, when = "9月18日-22日", new_when = "10月9日-13日", note = "因场地调整" },
//!   { date = 2023-09-01, when = "10月9日-13日", new_when = "10月16日-20日", where = "北京", new_where = "上海" },
//! ]
//! ```
//!
//! Each entry is one announcement: its `date`, and for each field it changed (`when`, `where`, `status`) the
//! value before and the value after, so the history can be checked: each entry starts from where the one
//! before it left the field, and the last one leaves it as the file says now (`almanac check` warns
//! otherwise: an edit that was not recorded). Entries are listed oldest first (an error otherwise).
//!
//! From it, and nowhere else:
//! - the **status** is the `status` key, or when there is none what the history leaves: the last recorded
//!   `new_status`, else `rescheduled` if a date was moved, else `scheduled`;
//! - the **sequence** (iCalendar `SEQUENCE`) is the number of recorded changes: 0, then 1, 2… with each;
//! - the **last change** is the date of the last entry: feeds and calendars say it (`updated`, `LAST-MODIFIED`),
//!   never the clock.

use std::ops::Range;

use chrono::NaiveDate;

use super::dates::When;
use crate::words::{StatusWord, Words};

/// Whether an activity takes place as announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// As announced.
    Scheduled,
    /// Put off, without a new date yet (待定): its `when` stays the date it had.
    Postponed,
    /// Will not take place.
    Cancelled,
    /// Takes place at a new date: its `when` is the new one, its `changes` hold the old.
    Rescheduled,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Scheduled, Status::Postponed, Status::Cancelled, Status::Rescheduled];

    /// The status written as `name` in front matter or on the command line.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name.trim())
    }

    /// The name written in front matter, the data files and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Postponed => "postponed",
            Status::Cancelled => "cancelled",
            Status::Rescheduled => "rescheduled",
        }
    }

    /// Its words in the site's language (`[status.NAME]` of the catalogue): `label` for readers (如期举行,
    /// 已改期…), `badge` on an activity that changed (调整, 延期·待定, 已取消; see `Activity::changed`: an
    /// activity never changed has no badge). Pages, data files and the browser (through `export::script`) read
    /// them here.
    pub fn words(self, w: &Words) -> &StatusWord {
        match self {
            Status::Scheduled => &w.status.scheduled,
            Status::Postponed => &w.status.postponed,
            Status::Cancelled => &w.status.cancelled,
            Status::Rescheduled => &w.status.rescheduled,
        }
    }

    /// In words, for readers.
    pub fn label(self, w: &Words) -> &str {
        &self.words(w).label
    }

    /// Whether the activity still takes place at a known date: scheduled or rescheduled. Only such an activity
    /// is on (or not) today (see `export::script`).
    pub fn is_active(self) -> bool {
        matches!(self, Status::Scheduled | Status::Rescheduled)
    }
}

/// One recorded announcement of a change: what it changed, from what to what.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// When it was announced.
    pub date: NaiveDate,
    pub when: Option<WhenChange>,
    /// The place before and after (`None`: no place).
    pub place: Option<FieldChange<Option<String>>>,
    pub status: Option<FieldChange<Status>>,
    /// What the announcement said, verbatim.
    pub note: Option<String>,
    /// The byte range of the entry's `date` in the file.
    pub span: Range<usize>,
}

/// A field's value before and after a change, with where each is written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange<T> {
    pub before: T,
    pub after: T,
    pub before_span: Range<usize>,
    pub after_span: Range<usize>,
}

/// A move of the dates: the time texts before and after, verbatim, and how each was read.
#[derive(Debug, Clone, PartialEq)]
pub struct WhenChange {
    pub text: FieldChange<String>,
    pub before: When,
    pub after: When,
}

impl Change {
    /// What changed, in the words of `w`: 原定9月18日-22日，调整为10月9日-13日；地点由北京调整为上海；活动取消.
    pub fn summary(&self, w: &Words) -> String {
        let c = &w.history;
        let mut parts = Vec::new();
        if let Some(m) = &self.when {
            parts.push(Words::fill(&c.moved, &[("before", &m.text.before), ("after", &m.text.after)]));
        }
        if let Some(p) = &self.place {
            parts.push(match (&p.before, &p.after) {
                (Some(b), Some(a)) => Words::fill(&c.place_moved, &[("before", b), ("after", a)]),
                (None, Some(a)) => Words::fill(&c.place_set, &[("after", a)]),
                (Some(b), None) => Words::fill(&c.place_dropped, &[("before", b)]),
                (None, None) => c.place_same.clone(),
            });
        }
        if let Some(s) = &self.status {
            let words = match (s.before, s.after) {
                (_, Status::Cancelled) => Some(&c.cancelled),
                (_, Status::Postponed) => Some(&c.postponed),
                (Status::Cancelled, _) => Some(&c.resumed),
                // A new date after a postponement says itself; without one it is the old date again.
                (Status::Postponed, _) if self.when.is_none() => Some(&c.as_planned),
                _ => None,
            };
            parts.extend(words.cloned());
            if parts.is_empty() {
                parts.push(Words::fill(&c.status_now, &[("status", s.after.label(w))]));
            }
        }
        parts.join(&c.sep)
    }

    /// "9月1日公告", the year written when it is not the schedule's `year`.
    pub fn announced(&self, year: i32, w: &Words) -> String {
        Words::fill(&w.history.announced, &[("date", &super::dates::day_words(self.date, year, w))])
    }

    /// The whole line: 原定9月18日-22日，调整为10月9日-13日（9月1日公告）.
    pub fn line(&self, year: i32, w: &Words) -> String {
        Words::fill(&w.history.line, &[("summary", &self.summary(w)), ("announced", &self.announced(year, w))])
    }
}

/// What an activity's history says, checked against what its file says now.
#[derive(Debug, Clone, PartialEq)]
pub struct History<'a> {
    pub written: Option<Status>,
    pub changes: &'a [Change],
}

impl History<'_> {
    /// The status the recorded changes leave: the last `new_status`, else `rescheduled` once a date was moved,
    /// else `scheduled`.
    pub fn recorded_status(&self) -> Status {
        if let Some(s) = self.last_status() {
            return s;
        }
        if self.changes.iter().any(|c| c.when.is_some()) { Status::Rescheduled } else { Status::Scheduled }
    }

    /// The last `new_status` recorded, if any change records one.
    pub fn last_status(&self) -> Option<Status> {
        self.changes.iter().rev().find_map(|c| c.status.as_ref()).map(|s| s.after)
    }

    /// The status: as written, else as recorded.
    pub fn status(&self) -> Status {
        self.written.unwrap_or_else(|| self.recorded_status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::parse_when;

    fn field<T>(before: T, after: T) -> FieldChange<T> {
        FieldChange { before, after, before_span: 0..0, after_span: 0..0 }
    }

    fn moved(date: NaiveDate, from: &str, to: &str) -> Change {
        Change {
            date,
            when: Some(WhenChange {
                text: field(from.into(), to.into()),
                before: parse_when(from, 2023).unwrap(),
                after: parse_when(to, 2023).unwrap(),
            }),
            place: None,
            status: None,
            note: None,
            span: 0..0,
        }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, d).unwrap()
    }

    #[test]
    fn a_change_in_words() {
        let w = &Words::builtin_zh_cn();
        let mut c = moved(day(9, 1), "9月18日-22日", "10月9日-13日");
        assert_eq!(c.line(2023, w), "原定9月18日-22日，调整为10月9日-13日（9月1日公告）");
        assert_eq!(c.announced(2024, w), "2023年9月1日公告");
        c.place = Some(field(Some("北京".into()), Some("上海".into())));
        assert_eq!(c.summary(w), "原定9月18日-22日，调整为10月9日-13日；地点由北京调整为上海");
        c.when = None;
        c.place = None;
        c.status = Some(field(Status::Scheduled, Status::Cancelled));
        assert_eq!(c.summary(w), "活动取消");
        c.status = Some(field(Status::Scheduled, Status::Postponed));
        assert_eq!(c.summary(w), "活动延期，新时间待定");
        c.status = Some(field(Status::Postponed, Status::Rescheduled));
        c.place = Some(field(Some("北京".into()), Some("北京".into())));
        assert_eq!(c.summary(w), "地点由北京调整为北京；按原定时间举办");
    }

    #[test]
    fn the_status_is_written_or_what_the_history_leaves() {
        let history = |written, changes| History { written, changes };
        assert_eq!(history(None, &[]).status(), Status::Scheduled);
        let changes = [moved(day(8, 20), "9月", "10月")];
        assert_eq!(history(None, &changes).status(), Status::Rescheduled);
        assert_eq!(history(Some(Status::Cancelled), &changes).status(), Status::Cancelled);
        assert_eq!(history(Some(Status::Cancelled), &changes).recorded_status(), Status::Rescheduled);
        let mut postponed = moved(day(9, 1), "10月", "10月");
        postponed.when = None;
        postponed.status = Some(field(Status::Rescheduled, Status::Postponed));
        let changes = [changes[0].clone(), postponed];
        assert_eq!(history(None, &changes).status(), Status::Postponed);
        assert!(!Status::Postponed.is_active() && Status::Rescheduled.is_active());
        assert_eq!(Status::parse(" cancelled"), Some(Status::Cancelled));
        assert_eq!(Status::parse("canceled"), None);
    }
}
