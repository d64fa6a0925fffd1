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

use std::fmt::{self, Write as _};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

// The reading runs text → tokens (lex) → the two ends as written → dates (parse).
mod lex;
mod parse;
mod view;

pub use view::DatesView;

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

    /// How exact a reading is, in words (具体日期, 按旬, 按月, 全年).
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "具体日期",
            Precision::Dekad => "按旬",
            Precision::Month => "按月",
            Precision::Year => "全年",
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

    /// The range in Chinese words, at no finer precision than it was written:
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年全年`.
    pub fn in_words(&self) -> String {
        let (s, e) = (self.start, self.end);
        match self.precision() {
            Precision::Year if s.year() == e.year() => format!("{}年全年", s.year()),
            Precision::Year => format!("{}年–{}年", s.year(), e.year()),
            Precision::Month => {
                let mut out = format!("{}年{}月", s.year(), s.month());
                if (s.year(), s.month()) != (e.year(), e.month()) {
                    out.push('–');
                    if s.year() != e.year() {
                        let _ = write!(out, "{}年", e.year());
                    }
                    let _ = write!(out, "{}月", e.month());
                }
                out
            }
            Precision::Day => day_words(s, e),
            // The exact days are useful, but the bracket says they come from a 旬 reading.
            Precision::Dekad => format!("{}（{}）", day_words(s, e), self.dekad_reading()),
        }
    }

    /// The 旬 reading of a dekad-precision range, e.g. `8月下旬`, `9月中下旬`,
    /// `8月下旬至9月上旬`, `9月18日至9月下旬`.
    fn dekad_reading(&self) -> String {
        let (s, e) = (self.start, self.end);
        let both_dekads = self.start_precision == Precision::Dekad && self.end_precision == Precision::Dekad;
        if both_dekads && (s.year(), s.month()) == (e.year(), e.month()) {
            let word = match (start_third(s), end_third(e)) {
                (Some(Third::Upper), Some(Third::Upper)) => Some("上旬"),
                (Some(Third::Middle), Some(Third::Middle)) => Some("中旬"),
                (Some(Third::Lower), Some(Third::Lower)) => Some("下旬"),
                (Some(Third::Upper), Some(Third::Middle)) => Some("上中旬"),
                (Some(Third::Middle), Some(Third::Lower)) => Some("中下旬"),
                _ => None,
            };
            if let Some(word) = word {
                return format!("{}月{}", s.month(), word);
            }
        }
        format!(
            "{}至{}",
            end_reading(s, self.start_precision, start_third(s)),
            end_reading(e, self.end_precision, end_third(e)),
        )
    }
}

/// Day-precision words, leaving out the year and month of the end when they repeat.
fn day_words(s: NaiveDate, e: NaiveDate) -> String {
    let mut out = format!("{}年{}月{}日", s.year(), s.month(), s.day());
    if s != e {
        out.push('–');
        if s.year() != e.year() {
            let _ = write!(out, "{}年{}月", e.year(), e.month());
        } else if s.month() != e.month() {
            let _ = write!(out, "{}月", e.month());
        }
        let _ = write!(out, "{}日", e.day());
    }
    out
}

/// One end of a range read back in words, e.g. `9月下旬` or `9月18日`.
fn end_reading(date: NaiveDate, precision: Precision, third: Option<Third>) -> String {
    match (precision, third) {
        (Precision::Dekad, Some(t)) => format!("{}月{}旬", date.month(), t.word()),
        (Precision::Day | Precision::Dekad, _) => format!("{}月{}日", date.month(), date.day()),
        (Precision::Month, _) => format!("{}月", date.month()),
        (Precision::Year, _) => format!("{}年", date.year()),
    }
}

/// Upper, middle or lower third of a month, as a dekad is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Third {
    Upper,
    Middle,
    Lower,
}

impl Third {
    fn word(self) -> &'static str {
        match self {
            Third::Upper => "上",
            Third::Middle => "中",
            Third::Lower => "下",
        }
    }
}

/// Which dekad a range starting on `date` starts with, if it starts on a dekad boundary.
fn start_third(date: NaiveDate) -> Option<Third> {
    match date.day() {
        1 => Some(Third::Upper),
        11 => Some(Third::Middle),
        21 => Some(Third::Lower),
        _ => None,
    }
}

/// Which dekad a range ending on `date` ends with, if it ends on a dekad boundary.
fn end_third(date: NaiveDate) -> Option<Third> {
    match date.day() {
        10 => Some(Third::Upper),
        20 => Some(Third::Middle),
        d if Some(d) == last_day(date.year(), date.month()) => Some(Third::Lower),
        _ => None,
    }
}

/// A date text that could not be read, with the byte span of the offending part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct DateError {
    /// Byte offset of the offending part inside the parsed text.
    pub offset: usize,
    /// Byte length of the offending part; at least 1 unless the text is empty.
    pub len: usize,
    pub kind: DateErrorKind,
}

/// What is wrong with a date text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateErrorKind {
    #[error("the date text is empty")]
    Empty,
    #[error("there is a note but no date before it")]
    MissingDate,
    #[error("\"{0}\" does not say which month")]
    NoMonth(String),
    #[error("month {0} does not exist")]
    MonthOutOfRange(u32),
    #[error("{year:04}-{month:02} has no day {day}")]
    DayOutOfRange { year: i32, month: u32, day: u32 },
    #[error("year {0} is not a four-digit year")]
    YearOutOfRange(i64),
    #[error("the range ends on {end}, before it starts on {start}")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("\"{0}\" is not a date")]
    Unrecognised(String),
    #[error("\"{0}\" after the date is not part of a date")]
    TrailingText(String),
    #[error("\"{0}\" is out of place here")]
    Misplaced(String),
    #[error("the number {0} has no unit (年, 月 or 日)")]
    MissingUnit(String),
    #[error("there is no date on one side of \"{0}\"")]
    IncompleteRange(String),
    #[error("the bracket \"{0}\" is never closed")]
    UnclosedBracket(String),
}

impl DateError {
    /// Byte range of the offending part, for slicing the text or building a caret line.
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.len
    }

    /// One plain sentence telling the editor how to fix the text.
    pub fn help(&self) -> String {
        match &self.kind {
            DateErrorKind::Empty => "Write when the activity happens, for example 9月18日, \
                 9月18日-22日, 8月下旬, 7月-9月, 全年 or 2023-09-18."
                .to_string(),
            DateErrorKind::MissingDate => "Put the date first and the note after it, for \
                 example 9月（具体时间另行通知） or 全年，按报名预约时间安排."
                .to_string(),
            DateErrorKind::NoMonth(word) => {
                format!("Put the month before \"{word}\", for example 9月{word}.")
            }
            DateErrorKind::MonthOutOfRange(_) => {
                "Months run from 1月 to 12月 (01 to 12 in 2023-09), so check the month number.".to_string()
            }
            DateErrorKind::DayOutOfRange { year, month, day } => match last_day(*year, *month) {
                Some(n) if *month == 2 && *day == 29 => format!(
                    "{year}年2月 has only {n} days because {year} is not a leap year, \
                         so check the day or the year."
                ),
                Some(n) => {
                    format!("{year}年{month}月 has {n} days, so write a day from 1日 to {n}日.")
                }
                None => "Check the day number against the month.".to_string(),
            },
            DateErrorKind::YearOutOfRange(_) => {
                "Write the year in full with four digits, for example 2023年 or 2023-09.".to_string()
            }
            DateErrorKind::EndBeforeStart { .. } => "Put the earlier date first, for example \
                 9月18日-22日, and write both years (2023年12月-2024年1月) for a range that \
                 crosses a year."
                .to_string(),
            DateErrorKind::Unrecognised(_) => "Write a date such as 9月18日, 9月18日-22日, \
                 8月下旬, 7月-9月, 全年 or 2023-09-18, and put anything else in brackets \
                 （…） or after a comma."
                .to_string(),
            DateErrorKind::TrailingText(rest) => format!(
                "Put extra words in brackets after the date, as in 9月（{rest}）, or after a \
                 comma, as in 9月，{rest}."
            ),
            DateErrorKind::Misplaced(_) => "Write each part once in the order year, month, \
                 then day or 上旬/中旬/下旬 (as in 2023年9月下旬), and join two dates with a \
                 single - or 至."
                .to_string(),
            DateErrorKind::MissingUnit(n) => {
                format!("Add 年, 月 or 日 after {n}, for example {n}月 or {n}日.")
            }
            DateErrorKind::IncompleteRange(sep) => {
                format!("Write a date on both sides of \"{sep}\", for example 7月{sep}9月.")
            }
            DateErrorKind::UnclosedBracket(open) => {
                let close = if open == "(" { ")" } else { "）" };
                format!("Close the note with \"{close}\", for example 9月{open}评审阶段{close}.")
            }
        }
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
