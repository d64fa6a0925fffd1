//! The two ends of a range as written, resolved against the reading context (and the date before)
//! into the days they cover: [`resolve_range`], then its time of day ([`clock_of`]) and weekdays
//! ([`check_weekdays`]).

use chrono::{Datelike, NaiveDate};

use crate::error::{DateError, DateErrorKind};
use crate::lex::{Half, RelYear, Span};
use crate::parse::{ClockEl, Fine, Item, MonthSpec, Num, Part, YearSpec};
use crate::when::{Clock, Context, Precision, WRAP_MONTHS, YEAR_WINDOW, last_day};

/// The days one end covers, and how precisely.
#[derive(Debug, Clone, Copy)]
pub(super) struct Covered {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) precision: Precision,
}

/// The month or months one end names, first to last (equal for a single month).
#[derive(Debug, Clone, Copy)]
pub(super) struct Months {
    pub(super) first: u32,
    pub(super) last: u32,
}

/// One end resolved: the days it covers, the year and months they are in, and whether the
/// text fixed that year (directly, or by inheriting it from a written year).
#[derive(Debug, Clone, Copy)]
pub(super) struct End {
    pub(super) covered: Covered,
    pub(super) year: i32,
    pub(super) months: Option<Months>,
    pub(super) written: bool,
}

fn check_year(n: Num, context: Context) -> Result<i32, DateError> {
    check_digits(n, 4, "year")?;
    // Two-digit years ("23年") would be silently misread, so only four digits are taken.
    let year = match i32::try_from(n.value) {
        Ok(y) if (1000..=9999).contains(&y) => y,
        _ => return Err(n.span.error(DateErrorKind::YearOutOfRange(i64::from(n.value)))),
    };
    if (i64::from(year) - i64::from(context.year)).abs() > i64::from(YEAR_WINDOW) {
        return Err(n.span.error(DateErrorKind::YearFarAway { year, around: context.year }));
    }
    Ok(year)
}

fn check_month(n: Num) -> Result<u32, DateError> {
    check_digits(n, 2, "month")?;
    if (1..=12).contains(&n.value) { Ok(n.value) } else { Err(n.span.error(DateErrorKind::MonthOutOfRange(n.value))) }
}

/// Leading zeros beyond the digits a unit has ("009月", "02023年") are a slip, not a date.
fn check_digits(n: Num, max: usize, unit: &'static str) -> Result<(), DateError> {
    let width = n.value.checked_ilog10().map_or(1, |l| l as usize + 1);
    if n.digits > max && width <= max {
        return Err(n.span.error(DateErrorKind::TooManyDigits { value: n.value, digits: n.digits, unit }));
    }
    Ok(())
}

/// The months a written month, quarter or half year covers.
fn months(spec: MonthSpec) -> Result<Months, DateError> {
    Ok(match spec {
        MonthSpec::One(n) => {
            let m = check_month(n)?;
            Months { first: m, last: m }
        }
        MonthSpec::Quarter(n, _) if (1..=4).contains(&n.value) => Months { first: n.value * 3 - 2, last: n.value * 3 },
        MonthSpec::Quarter(n, _) => return Err(n.span.error(DateErrorKind::QuarterOutOfRange(n.value))),
        MonthSpec::Half(Half::First, _) => Months { first: 1, last: 6 },
        MonthSpec::Half(Half::Second, _) => Months { first: 7, last: 12 },
    })
}

/// The days covered by `year` / `months` / `fine`; `span` is blamed if the year itself
/// is beyond what dates can hold (only possible through the caller's default year).
fn cover(year: i32, months: Option<Months>, fine: Option<Fine>, span: Span) -> Result<Covered, DateError> {
    let year_error = || span.error(DateErrorKind::YearOutOfRange(i64::from(year)));
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or_else(year_error);
    let Some(Months { first, last: last_month }) = months else {
        return Ok(Covered { first: ymd(1, 1)?, last: ymd(12, 31)?, precision: Precision::Year });
    };
    let last = last_day(year, last_month).ok_or_else(year_error)?;
    // A quarter or half year: whole months (build_part lets nothing finer follow it).
    if first != last_month {
        return Ok(Covered { first: ymd(first, 1)?, last: ymd(last_month, last)?, precision: Precision::Month });
    }
    let month = first;
    let (first_day, last_day, precision) = match fine {
        None => (1, last, Precision::Month),
        Some(Fine::Dekad(d, _)) => {
            let (a, b) = d.days(last);
            (a, b, Precision::Dekad)
        }
        Some(Fine::Day(n, _)) => {
            check_digits(n, 2, "day")?;
            if !(1..=last).contains(&n.value) {
                return Err(n.span.error(DateErrorKind::DayOutOfRange { year, month, day: n.value }));
            }
            (n.value, n.value, Precision::Day)
        }
    };
    Ok(Covered { first: ymd(month, first_day)?, last: ymd(month, last_day)?, precision })
}

fn no_month(fine: Fine, text: &str) -> DateError {
    let span = fine.span();
    span.error(DateErrorKind::NoMonth(span.text(text)))
}

/// The year an end writes: digits, 今年 or 明年 (the schedule's year and the next), or 次年
/// (the year after the end `after` it, which it needs), and whether the text fixes it.
fn own_year(
    spec: YearSpec,
    after: Option<&End>,
    context: Context,
    date: Span,
    text: &str,
) -> Result<(i32, bool), DateError> {
    let next =
        |year: i32| year.checked_add(1).ok_or_else(|| date.error(DateErrorKind::YearOutOfRange(i64::from(year))));
    Ok(match (spec, after) {
        (YearSpec::Written(n), _) => (check_year(n, context)?, true),
        (YearSpec::Relative(RelYear::This, _), _) => (context.year, false),
        (YearSpec::Relative(RelYear::Next, _), _) => (next(context.year)?, false),
        (YearSpec::Relative(RelYear::Following, _), Some(after)) => (next(after.year)?, after.written),
        // 次年 follows another end; it cannot begin a text.
        (YearSpec::Relative(RelYear::Following, span), None) => {
            return Err(span.error(DateErrorKind::Misplaced(span.text(text))));
        }
    })
}

/// The first end of a text, read against the context alone.
fn resolve_start(part: &Part, context: Context, date: Span, text: &str) -> Result<End, DateError> {
    let overflow = || date.error(DateErrorKind::YearOutOfRange(i64::from(context.year)));
    let months = part.month.map(months).transpose()?;
    if let (None, Some(fine)) = (months, part.fine) {
        return Err(no_month(fine, text));
    }
    let (year, written) = match part.year {
        Some(spec) => own_year(spec, None, context, date, text)?,
        None => match (months, part.month) {
            (Some(Months { first, last }), _) if first == last => (context.year_of(first).ok_or_else(overflow)?, false),
            // A bare quarter or half year of a schedule that crosses a year could be in either year.
            (Some(_), Some(MonthSpec::Quarter(_, span) | MonthSpec::Half(_, span))) if context.crosses_year() => {
                return Err(span.error(DateErrorKind::YearNeeded(span.text(text))));
            }
            _ => (context.year, false),
        },
    };
    // 全年 in a schedule that crosses a year is that schedule's year, month by month.
    let covered = if part.year.is_none() && months.is_none() && context.crosses_year() {
        let (first, last) = context.span().ok_or_else(overflow)?;
        Covered { first, last, precision: Precision::Month }
    } else {
        cover(year, months, part.fine, date)?
    };
    Ok(End { covered, year, months, written })
}

/// An end read after `anchor` (the start of its range): what it leaves out, it inherits.
fn resolve_next(part: &Part, anchor: &End, context: Context, date: Span, text: &str) -> Result<End, DateError> {
    let overflow = |year: i32| date.error(DateErrorKind::YearOutOfRange(i64::from(year)));
    let next_year = || anchor.year.checked_add(1).ok_or_else(|| overflow(anchor.year));
    let own = part.month.map(months).transpose()?;
    let (year, written, months) = match (part.year, own) {
        (Some(spec), own) => {
            let (year, written) = own_year(spec, Some(anchor), context, date, text)?;
            (year, written, own)
        }
        (None, Some(m)) => {
            // "12月-1月": without years, running into an earlier month means the next year.
            let from = anchor.months.map(|a| a.first).filter(|&a| m.first < a);
            if let Some(from) = from {
                // The schedule's own year may cross (9月-6月 of an academic year); otherwise a
                // long run into the next year is more likely a slip (9月-8月 for 8月-9月).
                let by_context =
                    !anchor.written && context.crosses_year() && m.first < context.first() && from >= context.first();
                if !by_context && 12 - from + m.last + 1 > WRAP_MONTHS {
                    let kind = DateErrorKind::LongWrap { year: anchor.year, from, to: m.last };
                    return Err(part.span.error(kind));
                }
            }
            (if from.is_some() { next_year()? } else { anchor.year }, anchor.written, Some(m))
        }
        // "9月18日-22日", "9月中旬-下旬": the end stays in the start's month.
        (None, None) => match (part.fine, anchor.months) {
            (Some(_), Some(m)) if m.first == m.last => (anchor.year, anchor.written, Some(m)),
            (Some(fine), _) => return Err(no_month(fine, text)),
            (None, _) => (anchor.year, anchor.written, None),
        },
    };
    if let (None, Some(fine)) = (months, part.fine) {
        return Err(no_month(fine, text));
    }
    let covered = cover(year, months, part.fine, date)?;
    Ok(End { covered, year, months, written })
}

/// Resolves a range: its start against the context (or after the end `before` it, in a list),
/// its end after the start.
pub(super) fn resolve_range(
    item: &Item,
    before: Option<&End>,
    context: Context,
    date: Span,
    text: &str,
) -> Result<(End, End), DateError> {
    let start = match before {
        None => resolve_start(&item.start, context, date, text)?,
        Some(before) => resolve_next(&item.start, before, context, date, text)?,
    };
    let Some(end_part) = &item.end else { return Ok((start, start)) };
    let end = resolve_next(end_part, &start, context, date, text)?;
    if end.covered.last < start.covered.first {
        let kind = DateErrorKind::EndBeforeStart { start: start.covered.first, end: end.covered.last };
        return Err(end_part.span.error(kind));
    }
    // "9月30日到9月": a coarser end that ends with the start says nothing, and its precision
    // would make one day look like a month. ("10月1日-10月", through October, reaches past it.)
    if end.covered.precision > start.covered.precision && end.covered.last == start.covered.last {
        let kind = DateErrorKind::EndAddsNothing { start: item.start.span.text(text), end: end_part.span.text(text) };
        return Err(end_part.span.error(kind));
    }
    Ok((start, end))
}

/// The time of day of a resolved range, and the precisions of its two ends with it. A time
/// after the whole range of days holds on each of them; one after each end is one span.
pub(super) fn clock_of(
    item: &Item,
    start: &End,
    end: &End,
    text: &str,
) -> Result<(Option<Clock>, Precision, Precision), DateError> {
    let (sp, ep) = (start.covered.precision, end.covered.precision);
    let misplaced = |c: &ClockEl| c.span.error(DateErrorKind::MisplacedTime(c.span.text(text)));
    let clock = match (item.end.is_some(), item.start_extras.clock, item.end_extras.clock) {
        (_, None, None) => return Ok((None, sp, ep)),
        // One day: 9月27日14:30-16:30.
        (false, Some(c), _) | (false, None, Some(c)) => Clock { start: c.start, end: c.end, daily: false },
        // A start time only: 10月1日9:00-3日.
        (true, Some(c), None) if c.end.is_none() && !c.daily => Clock { start: c.start, end: None, daily: false },
        (true, Some(c), None) => return Err(misplaced(&c)),
        // After the whole range: the same hours on each day (10月1日-7日 每天9:00-11:00).
        (true, None, Some(c)) => {
            if sp != Precision::Day {
                let (time, date) = (c.span.text(text), item.start.span.text(text));
                return Err(c.span.error(DateErrorKind::TimeNeedsDay { time, date }));
            }
            Clock { start: c.start, end: c.end, daily: start.covered.first != end.covered.last }
        }
        // One after each end: one span, 10月1日9:00-3日17:00.
        (true, Some(s), Some(e)) => {
            if s.end.is_some() || s.daily {
                return Err(misplaced(&s));
            }
            if e.end.is_some() || e.daily {
                return Err(misplaced(&e));
            }
            if start.covered.first == end.covered.last && e.start <= s.start {
                return Err(e.span.error(DateErrorKind::TimeEndBeforeStart { start: s.start, end: e.start }));
            }
            Clock { start: s.start, end: Some(e.start), daily: false }
        }
    };
    // A start time alone on one day (10月31日下午13:30), or on each day, is a moment: its end is that time too, so
    // the reading has one precision, 时. Only a start time before a later day leaves that day's end unknown.
    let moment = clock.daily || start.covered.first == end.covered.last;
    let ep = if clock.end.is_some() || moment { Precision::Time } else { ep };
    Ok((Some(clock), Precision::Time, ep))
}

/// Checks each weekday written against the day before it: real schedules print wrong ones.
pub(super) fn check_weekdays(item: &Item, start: &End, end: &End, text: &str) -> Result<(), DateError> {
    for (extras, side) in [(&item.start_extras, start), (&item.end_extras, end)] {
        let Some(written) = extras.weekday else { continue };
        // settle() kept the weekday only after an exact day, so the side is one day.
        let date = side.covered.first;
        if date.weekday().number_from_monday() != written.day {
            let kind =
                DateErrorKind::WeekdayMismatch { date, actual: date.weekday(), written: written.span.text(text) };
            return Err(written.span.error(kind));
        }
    }
    Ok(())
}
