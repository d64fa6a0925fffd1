//! What can be wrong with a date text, and where: every stage returns a [`DateError`]. How to fix each
//! one is in `help`, after the stages, as it quotes them.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};

use crate::when::{YEAR_WINDOW, hm};

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
    #[error("quarter {0} does not exist")]
    QuarterOutOfRange(u32),
    #[error("\"{0}\" does not say which year of a schedule that crosses a year")]
    YearNeeded(String),
    #[error("\"{0}\" has no clock time after it")]
    PeriodWithoutTime(String),
    #[error("\"{0}\" is not a time of day")]
    TimeOutOfRange(String),
    #[error("{period} has no hour {hour}")]
    HourNotInPeriod { period: String, hour: u32 },
    #[error("\"{0}\" does not say 上午 or 下午")]
    AmbiguousHour(String),
    #[error("the time ends at {}, before it starts at {}", hm(*.end), hm(*.start))]
    TimeEndBeforeStart { start: NaiveTime, end: NaiveTime },
    #[error("the time \"{time}\" needs an exact day, and \"{date}\" is not one")]
    TimeNeedsDay { time: String, date: String },
    #[error("the time \"{0}\" is out of place")]
    MisplacedTime(String),
    #[error("{date} is a {}, the text says {written}", weekday_name(*.actual))]
    WeekdayMismatch { date: NaiveDate, actual: chrono::Weekday, written: String },
    #[error("the weekday \"{weekday}\" needs an exact day, and \"{date}\" is not one")]
    WeekdayNeedsDay { weekday: String, date: String },
    #[error("\"{0}\" is not written like the first date of the list")]
    UnevenList(String),
    #[error("the list does not go forward from {previous} to {next}")]
    ListOutOfOrder { previous: NaiveDate, next: NaiveDate },
    #[error("the {unit} {value} is written with {digits} digits")]
    TooManyDigits { value: u32, digits: usize, unit: &'static str },
    #[error("year {year} is more than {YEAR_WINDOW} years from the schedule's year {around}")]
    YearFarAway { year: i32, around: i32 },
    #[error("the range would run from month {from} of {year} into month {to} of the next year")]
    LongWrap { year: i32, from: u32, to: u32 },
    #[error("the end \"{end}\" adds no day after the start \"{start}\"")]
    EndAddsNothing { start: String, end: String },
    #[error("\"{0}\" names no dates")]
    Vague(String),
    #[error("the date text has {chars} characters, more than the {max} a `when` may have")]
    WhenTooLong { chars: usize, max: usize },
    #[error("the list has {count} dates, more than the {max} one `when` may list")]
    TooManyDates { count: usize, max: usize },
    #[error("the dates run from {start} to {end}, more than the {years} years one `when` may span")]
    RangeTooLong { start: NaiveDate, end: NaiveDate, years: u32 },
    #[error("the 旬 words \"{0}\" do not meet: they leave days out between them")]
    DekadsApart(String),
    #[error("the teaching week \"{0}\" says no date: almanac cannot tell which week of which term it is")]
    WeekWithoutDate(String),
    #[error("\"{0}\" puts a third of a month on a quarter or half year, which is whole months")]
    ThirdOfMonths(String),
    #[error("\"{0}\" does not say am or pm")]
    NoMeridiem(String),
    #[error("the number {0} has no month beside it")]
    NoMonthFor(String),
}

impl DateError {
    /// Byte range of the offending part, for slicing the text or building a caret line.
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.len
    }
}

/// A weekday's name, for messages.
pub(crate) fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}
