//! Reading the published, fuzzy time text of an activity ("8月下旬", "7月-9月（评审阶段）",
//! "全年，按报名预约时间安排", "2023-09-18") the way a Chinese reader does: into an inclusive
//! date range that remembers how precise each end was written.
//!
//! The rule that shapes everything here: precision is never faked. "8月下旬" becomes
//! 21–31 August *at dekad precision*, and "7月-9月" stays a month range; callers show
//! [`When::in_words`] and [`Precision::label`] so a reader can see how exact a date is.
//!
//! Pipeline: [`parse_when`] first cuts off a note (a bracketed part or a clause after a
//! comma), then tokenizes the date part over chars while keeping byte offsets (so every
//! error can point at the exact text), reads each side of the range into a [`Part`], and
//! finally resolves the parts against the default year into dates.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

// The reading runs text → tokens (lex) → the two ends as written → dates (parse); the errors and the
// words of a reading have files of their own.
mod error;
mod lex;
mod parse;
mod words;

pub use error::{DateError, DateErrorKind};
use lex::*;
use parse::*;

/// How exactly one end of a range was written. Ordered fine to coarse, so `max()` is the
/// coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// An exact day: `9月18日`, `2023-09-18`.
    Day,
    /// A third of a month (旬): `8月下旬`, `9月中下旬`, `9月初`.
    Dekad,
    /// A whole month: `10月`, `2023-09`.
    Month,
    /// A whole year: `全年`, `2023年`, `2023`.
    Year,
}

impl Precision {
    /// Short Chinese label shown next to a bar.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Day => "日",
            Precision::Dekad => "旬",
            Precision::Month => "月",
            Precision::Year => "年",
        }
    }

    /// Stable ASCII name, used as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Dekad => "dekad",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When an activity happens: an inclusive date range plus the precision of each end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// First day of the range.
    pub start: NaiveDate,
    /// Last day of the range (inclusive).
    pub end: NaiveDate,
    pub start_precision: Precision,
    pub end_precision: Precision,
    /// Verbatim note: the text inside `（…）` and/or after a comma, joined with "；".
    pub note: Option<String>,
}

impl When {
    /// The coarser precision of the two ends: the honest precision of the whole range.
    pub fn precision(&self) -> Precision {
        self.start_precision.max(self.end_precision)
    }

    /// Whether this range shares at least one day with the inclusive range `first..=last`.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.start <= last && first <= self.end
    }
}

/// Reads a published date text; ends without a year get `default_year`.
pub fn parse_when(text: &str, default_year: i32) -> Result<When, DateError> {
    let (date, note) = split_note(text)?;
    let tokens = tokenize(text, date);
    let (start, end) =
        if is_iso(&tokens, text) { parse_iso(&tokens, text)? } else { parse_chinese(&tokens, text, date)? };
    let mut when = resolve(&start, end.as_ref(), default_year, date, text)?;
    when.note = note;
    Ok(when)
}

#[cfg(test)]
mod tests;
