//! A `Shape` said in English, as an English edition of a site writes dates: month before day, the year last,
//! an en dash for ranges (spaced when either side has a space in it), 24-hour times as the Chinese has them.
//!
//! - days: `Sep 18, 2023`, `Sep 18–22, 2023`, `Sep 28 – Oct 3, 2023`, `Dec 28, 2023 – Jan 3, 2024`;
//! - 旬 readings: the days, and beside them the thirds they were read from, in full month names:
//!   `Aug 21–31, 2023 (late August)`, `Sep 11–30, 2023 (mid to late September)`,
//!   `Aug 21 – Sep 10, 2023 (late August to early September)`, `Sep 18–30, 2023 (Sep 18 to late September)`;
//! - months: `September 2023`, `July–September 2023`, `November 2023 – February 2024`;
//! - years: `all year 2023`, `2023–2024`;
//! - times: `Sep 27, 2023, 14:30–16:30`, `Oct 1–7, 2023, daily 9:00–11:00`, and one span over days with each
//!   end's day and time: `Oct 1, 2023, 9:00 – Oct 3, 17:00`.
//!
//! A list leaves out what repeats: the year, once at the end of the occurrences that share it
//! (`Oct 1, 3 and 5, 2023`), the month when they are all in one (else each says its own:
//! `Sep 28, Oct 3 and Oct 5, 2023`), and a time they all share (`Oct 1, 3 and 5, 2023, 9:00–11:00`).
//! Occurrences of different years are said year by year, joined by `; ` (`Dec 11, 2023; Jan 8, 2024`).
//! Occurrences with times of their own say them after `at` (`Nov 7 at 10:30 and Nov 14 at 14:00, 2023`), as
//! a comma after the day would read as the next date.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{DekadReading, End, Kind, Shape, Third};
use crate::when::{Clock, hm};

const SHORT_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The occurrences of a reading: one said on its own, several year by year, each year's leaving out what
/// repeats.
pub(super) fn list(shapes: &[Shape]) -> String {
    // An occurrence across years, or of whole years, has no one year to leave out: it is said whole.
    let year = |shape: &Shape| {
        (shape.start.year() == shape.end.year() && shape.kind != Kind::Years).then_some(shape.start.year())
    };
    let years = shapes.chunk_by(|a, b| year(a).is_some() && year(a) == year(b));
    years.map(of_one_year).collect::<Vec<_>>().join("; ")
}

/// One occurrence in words of its own, with its year.
pub(super) fn one(shape: &Shape) -> String {
    let (s, e) = (shape.start, shape.end);
    match shape.kind {
        Kind::Timed(clock) => timed(s, e, clock),
        Kind::Days => days(s, e),
        // The exact days are useful, but the bracket says they come from a 旬 reading.
        Kind::Dekads(reading) => format!("{} ({})", days(s, e), dekad_words(s, reading)),
        Kind::Months if s.year() == e.year() => format!("{} {}", months_of_year(s, e), s.year()),
        Kind::Months => format!("{} {} – {} {}", month(s), s.year(), month(e), e.year()),
        Kind::Years if s.year() == e.year() => format!("all year {}", s.year()),
        Kind::Years => format!("{}–{}", s.year(), e.year()),
    }
}

/// Occurrences of one year with the year once at the end; one occurrence (or one said whole) as on its own.
fn of_one_year(shapes: &[Shape]) -> String {
    let [first, ..] = shapes else { return String::new() };
    if shapes.len() == 1 {
        return one(first);
    }
    let year = first.start.year();
    let clock = shared_clock(shapes);
    let timed = shapes.iter().any(|s| matches!(s.kind, Kind::Timed(_)));
    // The month once when all are in it, unless each says a time of its own (`1 at 9:00` reads as no date).
    let month_of = |d: NaiveDate| (d.year(), d.month());
    let in_month = |s: &Shape| month_of(s.start) == month_of(first.start) && month_of(s.end) == month_of(first.start);
    let one_month = (clock.is_some() || !timed) && shapes.iter().all(in_month);
    let items = shapes.iter().enumerate().map(|(i, s)| {
        let with_month = i == 0 || !one_month;
        if clock.is_some() { days_of_year(s.start, s.end, with_month) } else { item(s, with_month) }
    });
    let mut out = and_list(items.collect());
    match (clock, first.kind) {
        (Some(clock), _) => {
            let daily = if shapes.iter().any(|s| s.start != s.end) { "daily " } else { "" };
            let _ = write!(out, ", {year}, {daily}{}", hours(clock));
        }
        (None, Kind::Months) => {
            let _ = write!(out, " {year}");
        }
        (None, _) => {
            let _ = write!(out, ", {year}");
        }
    }
    out
}

/// The time every occurrence has, when each is one day or daily hours over several: said once after all.
fn shared_clock(shapes: &[Shape]) -> Option<Clock> {
    let clock = |s: &Shape| match s.kind {
        Kind::Timed(c) if s.start == s.end || c.daily => Some(c),
        _ => None,
    };
    let first = clock(shapes.first()?)?;
    let same = |c: Clock| (c.start, c.end) == (first.start, first.end);
    shapes.iter().all(|s| clock(s).is_some_and(same)).then_some(first)
}

/// One occurrence of a list, without its year (and without its month when `with_month` is false):
/// `Sep 18–22`, `18–22`, `Aug 21–31 (late August)`, `July–September`, `Nov 7 at 10:30`.
fn item(shape: &Shape, with_month: bool) -> String {
    let (s, e) = (shape.start, shape.end);
    match shape.kind {
        Kind::Days => days_of_year(s, e, with_month),
        Kind::Dekads(reading) => format!("{} ({})", days_of_year(s, e, with_month), dekad_words(s, reading)),
        Kind::Months => months_of_year(s, e),
        Kind::Timed(clock) if s == e => format!("{} at {}", day(s), hours(clock)),
        Kind::Timed(clock) if clock.daily => format!("{} daily at {}", days_of_year(s, e, true), hours(clock)),
        Kind::Timed(clock) => {
            let mut out = format!("{} at {} – {}", day(s), hm(clock.start), day(e));
            if let Some(end) = clock.end {
                let _ = write!(out, " at {}", hm(end));
            }
            out
        }
        // Whole years are said whole (`list` keeps them apart).
        Kind::Years => one(shape),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(mut items: Vec<String>) -> String {
    let Some(last) = items.pop() else { return String::new() };
    if items.is_empty() { last } else { format!("{} and {last}", items.join(", ")) }
}

/// The 旬 reading of a range starting on `s`: `late August`, `mid to late September`, `early to late September`,
/// `late August to early September`, `Sep 18 to late September`.
fn dekad_words(s: NaiveDate, reading: DekadReading) -> String {
    match reading {
        DekadReading::Thirds { first, last } if first == last => format!("{} {}", third(first), month(s)),
        DekadReading::Thirds { first, last } => format!("{} to {} {}", third(first), third(last), month(s)),
        // Two thirds of one month name it once, as the adjacent ones do.
        DekadReading::Ends(End::Third(a, first), End::Third(b, last))
            if (a.year(), a.month()) == (b.year(), b.month()) =>
        {
            format!("{} to {} {}", third(first), third(last), month(a))
        }
        DekadReading::Ends(a, b) => format!("{} to {}", end_words(a), end_words(b)),
    }
}

/// One end of a 旬 reading: `late September`, `Sep 18`, `September`, `2023`.
fn end_words(end: End) -> String {
    match end {
        End::Third(date, t) => format!("{} {}", third(t), month(date)),
        End::Day(date) => day(date),
        End::Month(date) => month(date).to_string(),
        End::Year(date) => date.year().to_string(),
    }
}

fn third(t: Third) -> &'static str {
    match t {
        Third::Upper => "early",
        Third::Middle => "mid",
        Third::Lower => "late",
    }
}

/// The month's full name: `September`.
fn month(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// Every month's full and short name, as this writer spells them (`September`, `Sep`).
pub(crate) fn month_names() -> impl Iterator<Item = &'static str> {
    MONTHS.into_iter().chain(SHORT_MONTHS)
}

/// Month `m`'s (1–12) full name; an out-of-range number names none.
pub(crate) fn month_name(m: u32) -> &'static str {
    m.checked_sub(1).and_then(|i| MONTHS.get(i as usize)).copied().unwrap_or_default()
}

/// Month `m`'s (1–12) short name; an out-of-range number names none.
pub(super) fn short_month_name(m: u32) -> &'static str {
    m.checked_sub(1).and_then(|i| SHORT_MONTHS.get(i as usize)).copied().unwrap_or_default()
}

/// A third of `d`'s month: `early September`.
pub(super) fn third_of_month(d: NaiveDate, t: Third) -> String {
    format!("{} {}", third(t), month(d))
}

/// A day without its year: `Sep 18`.
pub(super) fn day(d: NaiveDate) -> String {
    format!("{} {}", SHORT_MONTHS[d.month0() as usize], d.day())
}

/// Days with their year: `Sep 18, 2023`, `Sep 18–22, 2023`, `Sep 28 – Oct 3, 2023`, `Dec 28, 2023 – Jan 3, 2024`.
fn days(s: NaiveDate, e: NaiveDate) -> String {
    if s.year() == e.year() {
        format!("{}, {}", days_of_year(s, e, true), s.year())
    } else {
        format!("{}, {} – {}, {}", day(s), s.year(), day(e), e.year())
    }
}

/// Days of one year without it: `Sep 18`, `Sep 18–22`, `Sep 28 – Oct 3`; without their month when `with_month`
/// is false and they are in one: `18`, `18–22`.
pub(super) fn days_of_year(s: NaiveDate, e: NaiveDate, with_month: bool) -> String {
    let same_month = s.month() == e.month();
    match (s == e, same_month) {
        (true, _) if with_month => day(s),
        (true, _) => s.day().to_string(),
        (false, true) if with_month => format!("{}–{}", day(s), e.day()),
        (false, true) => format!("{}–{}", s.day(), e.day()),
        (false, false) => format!("{} – {}", day(s), day(e)),
    }
}

/// Months of one year without it: `September`, `July–September`.
fn months_of_year(s: NaiveDate, e: NaiveDate) -> String {
    if s.month() == e.month() { month(s).to_string() } else { format!("{}–{}", month(s), month(e)) }
}

/// A time of day or its range: `13:30`, `14:30–16:30`.
fn hours(clock: Clock) -> String {
    match clock.end {
        Some(end) => format!("{}–{}", hm(clock.start), hm(end)),
        None => hm(clock.start),
    }
}

/// Days with their time, and their year: `Sep 27, 2023, 14:30–16:30`, `Oct 1–7, 2023, daily 9:00–11:00`, and
/// one span from a time on the first day to one on the last, each day with its time:
/// `Oct 1, 2023, 9:00 – Oct 3, 17:00` (`Dec 31, 2023, 20:00 – Jan 1, 2024` when they cross a year).
fn timed(s: NaiveDate, e: NaiveDate, clock: Clock) -> String {
    if s == e {
        return format!("{}, {}, {}", day(s), s.year(), hours(clock));
    }
    if clock.daily {
        return format!("{}, daily {}", days(s, e), hours(clock));
    }
    let mut out = format!("{}, {}, {} – {}", day(s), s.year(), hm(clock.start), day(e));
    if e.year() != s.year() {
        let _ = write!(out, ", {}", e.year());
    }
    if let Some(end) = clock.end {
        let _ = write!(out, ", {}", hm(end));
    }
    out
}
