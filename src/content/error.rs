//! What can be wrong with a schedule or an activity. The date reader's own errors are
//! [`DateErrorKind`](super::dates::DateErrorKind), carried here by [`ContentError::Date`].

use std::fmt;

use chrono::NaiveDate;

use super::dates::DateErrorKind;

/// A schedule folder or an activity the build cannot publish. The `Display` text is one plain sentence; the
/// fix goes in the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// `text` is the date as written (or its start, when it is long).
    #[error("cannot read the date `{text}`: {reason}")]
    Date { text: String, reason: DateErrorKind },
    #[error("the `when` of `[{lang}]`, `{text}`, reads as {reads}, the original's as {original}")]
    TranslatedWhen { lang: String, text: String, reads: String, original: String },
    #[error("`{value}` is not a calendar date")]
    NotACalendarDate { value: String },
    #[error("the range ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("the activity runs {start} … {end}, more than {years} years from its schedule's year {year}")]
    FarFromYear { start: NaiveDate, end: NaiveDate, year: i32, years: i32 },
    #[error("year {0} is not a four-digit year")]
    BadYear(i64),
    #[error("the span `{text}` does not give whole months with their years")]
    BadSpan { text: String },
    #[error("`year` is {year}, but the span starts in {span_year}")]
    SpanYear { year: i32, span_year: i32 },
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the activity has {count} milestones, more than the {max} one activity may have")]
    TooManyMilestones { count: usize, max: usize },
    #[error("{what} `{slug}` is not lowercase ASCII letters, digits and `-`, at most {max} bytes long", max = crate::urls::MAX_SLUG_BYTES)]
    BadSlug { what: SlugOf, slug: String },
    #[error("the schedule folder name `{0}` is used by the site itself")]
    ReservedFolder(String),
    #[error("a file directly in content/ belongs to no schedule")]
    StrayContentFile,
    #[error("the schedule folder has no _index.md")]
    NoScheduleIndex,
    /// In a text value (`field`), or written as itself in the file (`None`).
    #[error("{} contains {}, which cannot be published", in_field(*field), character(*code))]
    ControlCharacter { code: u32, field: Option<&'static str> },
    #[error("`{field}` holds a line break")]
    LineBreak { field: &'static str },
    // When the schedule changes (`status`, `changes`).
    #[error("`{0}` is not a status")]
    UnknownStatus(String),
    #[error("the change records nothing: it has no `when`, `where` or `status`")]
    EmptyChange,
    #[error("the change records `{have}` without `{missing}`")]
    HalfChange { have: &'static str, missing: &'static str },
    #[error("the change of {date} is listed after the change of {previous}")]
    ChangesOutOfOrder { date: NaiveDate, previous: NaiveDate },
}

/// "`title`", or "the file" for a character written as itself.
fn in_field(field: Option<&str>) -> String {
    field.map_or_else(|| "the file".to_string(), |f| format!("`{f}`"))
}

/// "U+000C, an invisible control character".
fn character(code: u32) -> String {
    let what = if code == 0xFFFE || code == 0xFFFF { "a noncharacter" } else { "an invisible control character" };
    format!("U+{code:04X}, {what}")
}

/// Whose slug a [`ContentError::BadSlug`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugOf {
    Activity,
    Schedule,
}

impl fmt::Display for SlugOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlugOf::Activity => "the slug",
            SlugOf::Schedule => "the schedule folder name",
        })
    }
}
