//! What a reading is: the types every stage shares and hands on ([`When`], [`Occurrence`], [`Clock`],
//! [`Precision`]), what a text is read against ([`Context`]), and the limits of one text. No stage is
//! imported here; every stage may import from here.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// How exactly one end of a range was written. Ordered fine to coarse, so `max()` is the
/// coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A clock time on an exact day: `9月27日14:30`, `10月31日下午13:30`. The times are in
    /// [`When::time`] or the [`Occurrence`]s; the dates stay whole days.
    Time,
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
    /// Every precision, fine to coarse.
    pub const ALL: [Precision; 5] =
        [Precision::Time, Precision::Day, Precision::Dekad, Precision::Month, Precision::Year];

    /// A one-character Chinese mark, for what the command line tells an editor (`almanac check`'s list of dates,
    /// `import`'s preview). Readers see the site's catalogue's words for it (`[precision]`), in their language.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Time => "时",
            Precision::Day => "日",
            Precision::Dekad => "旬",
            Precision::Month => "月",
            Precision::Year => "年",
        }
    }

    /// Stable ASCII name, used as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Time => "time",
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

/// A time of day written after a day: `14:30`, `14:30-16:30`, `每天9:00-11:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Clock {
    /// When it starts: on the first day, or on each day when `daily`.
    pub start: NaiveTime,
    /// When it ends, if written: on the last day, or on each day when `daily`.
    pub end: Option<NaiveTime>,
    /// True for hours kept on each day of a range of several days (`10月1日-7日 每天9:00-11:00`,
    /// also without 每天); false for one span from `start` on the first day to `end` on the last
    /// (`10月1日9:00-3日17:00`) and always for a single day.
    pub daily: bool,
}

/// One occurrence of an activity: an inclusive range of days and its time of day, if any. The
/// occurrences of a [`When`] are written alike (all days, all months, …), a time aside, so the
/// `When`'s precisions, the coarsest of them, hold for each; `time` says which have a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub time: Option<Clock>,
}

impl Occurrence {
    /// The local date and time it starts, when a time is written.
    pub fn starts_at(&self) -> Option<NaiveDateTime> {
        self.time.map(|t| self.start.and_time(t.start))
    }

    /// The local date and time it ends, when an end time is written: on the last day (for daily hours too, whose
    /// last hour ends then).
    pub fn ends_at(&self) -> Option<NaiveDateTime> {
        self.time.and_then(|t| t.end).map(|end| self.end.and_time(end))
    }
}

/// When an activity happens: an inclusive date range plus the precision of each end.
///
/// A list of dates (`10月1日、10月3日、10月5日`) is several [`Occurrence`]s in `list`, with
/// `start`/`end` the first and last day of all of them; anything else is one occurrence made of
/// `start`, `end` and `time`. [`When::occurrences`] gives either without knowing which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// First day of the range (of the first occurrence of a list).
    pub start: NaiveDate,
    /// Last day of the range (of the last occurrence of a list), inclusive.
    pub end: NaiveDate,
    /// `Time` when a start time is written, else how exactly the first day was written (for a
    /// list: the coarsest over its occurrences, so `Time` only if each has a time).
    pub start_precision: Precision,
    /// `Time` when an end time is written, or a start time alone on one day or on each day (a
    /// moment: `10月31日下午13:30`), else how exactly the last day was written (for a list: the
    /// coarsest over its occurrences).
    pub end_precision: Precision,
    /// Verbatim note: the text inside `（…）` (after either end) and/or after a comma, joined with "；".
    pub note: Option<String>,
    /// The time of day of a single range; `None` for a list (each occurrence has its own).
    pub time: Option<Clock>,
    /// The occurrences of a list of dates, in order, at least two; empty for a single range.
    pub list: Vec<Occurrence>,
    /// Whether the text itself fixes every year (`2023年9月`, `2023-09-18`, `2023年12月-1月`), so
    /// the reading context had no say; false when any end took its year from the context
    /// (`9月`, `今年11月`, `全年`, `12月-2024年2月`).
    pub year_written: bool,
}

impl When {
    /// The coarser precision of the two ends: the honest precision of the whole range.
    pub fn precision(&self) -> Precision {
        self.start_precision.max(self.end_precision)
    }

    /// Whether this shares at least one day with the inclusive range `first..=last`: a list of dates only on
    /// its dates, not in the gaps between them.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.occurrences().any(|o| o.start <= last && first <= o.end)
    }

    /// When the first occurrence starts, if a time is written.
    pub fn starts_at(&self) -> Option<NaiveDateTime> {
        self.occurrences().next().and_then(|o| o.starts_at())
    }

    /// When the last occurrence ends, if an end time is written.
    pub fn ends_at(&self) -> Option<NaiveDateTime> {
        self.occurrences().last().and_then(|o| o.ends_at())
    }

    /// Each occurrence in order: the list's, or the single range (`start`, `end`, `time`).
    pub fn occurrences(&self) -> impl Iterator<Item = Occurrence> + '_ {
        let single = self.list.is_empty().then_some(Occurrence { start: self.start, end: self.end, time: self.time });
        single.into_iter().chain(self.list.iter().copied())
    }
}

/// What a date text is read against: the schedule's year and the month its year starts in. A
/// month written without a year belongs to `year` from `first_month` on and to `year + 1` before
/// it, so in an academic year starting 2024-09 `3月中旬` is March 2025. The calendar year
/// (`first_month` 1) changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Context {
    pub year: i32,
    /// 1 to 12; anything else is taken as 1.
    pub first_month: u32,
}

impl Context {
    /// A schedule of one calendar year.
    pub fn calendar(year: i32) -> Context {
        Context { year, first_month: 1 }
    }

    /// A schedule whose year starts in `first_month` of `year` (`starts = 2024-09`).
    pub fn starting(year: i32, first_month: u32) -> Context {
        Context { year, first_month }
    }

    pub(crate) fn first(&self) -> u32 {
        if (1..=12).contains(&self.first_month) { self.first_month } else { 1 }
    }

    /// Whether the schedule's year crosses into the next calendar year.
    pub fn crosses_year(&self) -> bool {
        self.first() != 1
    }

    /// The year of a month written without one.
    pub fn year_of(&self, month: u32) -> Option<i32> {
        if month < self.first() { self.year.checked_add(1) } else { Some(self.year) }
    }

    /// The first and last day of the schedule's year, if dates can hold them.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = NaiveDate::from_ymd_opt(self.year, self.first(), 1)?;
        let next = NaiveDate::from_ymd_opt(self.year.checked_add(1)?, self.first(), 1)?;
        Some((first, next.pred_opt()?))
    }
}

/// The most characters one `when` may have: a published time text is a line, and a longer one is data pasted in
/// by mistake (or an attack: 3,650 dates made gigabytes of calendar).
pub const MAX_WHEN_CHARS: usize = 1000;

/// The most dates one `when` may list (`10月1日、3日、5日`): more are a recurrence, said as a range and a note.
pub const MAX_DATES: usize = 100;

/// The most years one `when` may span, from its first day to its last: a schedule's activity, not an era.
pub const MAX_RANGE_YEARS: u32 = 10;

/// The longest range, in months, that may run into the next year without a year written:
/// 12月-1月 and 11月-4月 do, 9月-8月 must say so.
pub const WRAP_MONTHS: u32 = 6;

/// How far a written year may be from the schedule's: further is a typo (6831), not a plan.
pub const YEAR_WINDOW: i32 = 100;

/// The number of days in `month` of `year`, if dates can hold that year.
pub(crate) fn last_day(year: i32, month: u32) -> Option<u32> {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
}

/// A time of day as written in words and messages: 9:00, 14:30.
pub(crate) fn hm(t: NaiveTime) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}
