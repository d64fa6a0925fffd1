//! Why `almanac reschedule` changes nothing.

use std::fmt;

use chrono::NaiveDate;

/// What `almanac reschedule` cannot do as asked. The `Display` text is one plain sentence; the fix goes in the
/// diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RescheduleError {
    #[error("cannot reschedule: nothing to change")]
    NothingToChange,
    /// `published` is the activity's time and place as its file says them.
    #[error("cannot reschedule: nothing changes: the activity already says {published}")]
    NothingChanges { published: String },
    #[error("cannot reschedule: {date} is before the last recorded change ({last})")]
    BeforeLastChange { date: NaiveDate, last: NaiveDate },
    #[error(
        "cannot reschedule: no --date given, and today ({today}) is outside the schedule's span ({first} to {last})"
    )]
    TodayOutsideSpan { today: NaiveDate, first: NaiveDate, last: NaiveDate },
    #[error("cannot reschedule: no activity `{wanted}` in it")]
    NoSuchActivity { wanted: String },
    /// `candidates` names each activity `wanted` could be.
    #[error("cannot reschedule: `{wanted}` could be any of {}", Joined(candidates))]
    Ambiguous { wanted: String, candidates: Vec<String> },
    /// The TOML editor's own message, for a file the TOML reader read.
    #[error("cannot reschedule: cannot edit its TOML: {0}")]
    Unedited(String),
    #[error("cannot reschedule: `changes` in the file is not a list")]
    ChangesNotAList,
}

/// Items joined by "; ".
struct Joined<'a>(&'a [String]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}
