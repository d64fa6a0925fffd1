//! The two ends as written, resolved against the reading context into dates.

use super::*;

/// The days one end covers, and how precisely.
pub(super) struct Covered {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) precision: Precision,
}

pub(super) fn last_day(year: i32, month: u32) -> Option<u32> {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
}

pub(super) fn check_year(n: Num) -> Result<i32, DateError> {
    // Two-digit years ("23年") would be silently misread, so only four digits are taken.
    match i32::try_from(n.value) {
        Ok(y) if (1000..=9999).contains(&y) => Ok(y),
        _ => Err(n.span.error(DateErrorKind::YearOutOfRange(i64::from(n.value)))),
    }
}

pub(super) fn check_month(n: Num) -> Result<u32, DateError> {
    if (1..=12).contains(&n.value) { Ok(n.value) } else { Err(n.span.error(DateErrorKind::MonthOutOfRange(n.value))) }
}

/// The days covered by `year` / `month` / `fine`; `span` is blamed if the year itself
/// is beyond what dates can hold (only possible through the caller's default year).
pub(super) fn cover(year: i32, month: Option<u32>, fine: Option<Fine>, span: Span) -> Result<Covered, DateError> {
    let year_error = || span.error(DateErrorKind::YearOutOfRange(i64::from(year)));
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or_else(year_error);
    let Some(month) = month else {
        return Ok(Covered { first: ymd(1, 1)?, last: ymd(12, 31)?, precision: Precision::Year });
    };
    let last = last_day(year, month).ok_or_else(year_error)?;
    let (first_day, last_day, precision) = match fine {
        None => (1, last, Precision::Month),
        Some(Fine::Dekad(d, _)) => {
            let (a, b) = d.days(last);
            (a, b, Precision::Dekad)
        }
        Some(Fine::Day(n, _)) => {
            if !(1..=last).contains(&n.value) {
                return Err(n.span.error(DateErrorKind::DayOutOfRange { year, month, day: n.value }));
            }
            (n.value, n.value, Precision::Day)
        }
    };
    Ok(Covered { first: ymd(month, first_day)?, last: ymd(month, last_day)?, precision })
}

pub(super) fn no_month(fine: Fine, text: &str) -> DateError {
    let span = fine.span();
    span.error(DateErrorKind::NoMonth(span.text(text)))
}

/// Fills in what the end inherits from the start (year, month), turns both into dates
/// and checks their order. `date` is the span of the whole date part, blamed when the
/// context's year cannot hold dates.
pub(super) fn resolve(
    start: &Part,
    end: Option<&Part>,
    context: Context,
    date: Span,
    text: &str,
) -> Result<When, DateError> {
    let year_error = |year: i32| date.error(DateErrorKind::YearOutOfRange(i64::from(year)));
    let start_month = start.month.map(check_month).transpose()?;
    if let (None, Some(fine)) = (start_month, start.fine) {
        return Err(no_month(fine, text));
    }
    let start_year = match (start.year, start_month) {
        (Some(year), _) => check_year(year)?,
        (None, Some(month)) => context.year_of(month).ok_or_else(|| year_error(context.year))?,
        (None, None) => context.year,
    };
    // 全年 in a schedule that crosses a year is that schedule's year, month by month.
    let first = if start.year.is_none() && start_month.is_none() && context.crosses_year() {
        let (first, last) = context.span().ok_or_else(|| year_error(context.year))?;
        Covered { first, last, precision: Precision::Month }
    } else {
        cover(start_year, start_month, start.fine, date)?
    };
    let Some(end) = end else {
        return Ok(When {
            start: first.first,
            end: first.last,
            start_precision: first.precision,
            end_precision: first.precision,
            note: None,
            time: None,
            list: Vec::new(),
            year_written: start.year.is_some(),
        });
    };
    let (end_year, end_month) = match (end.year, end.month) {
        (Some(year), month) => (check_year(year)?, month.map(check_month).transpose()?),
        (None, Some(month)) => {
            let month = check_month(month)?;
            // "12月-1月": without years, running into an earlier month means the next year.
            let crosses = start_month.is_some_and(|m| month < m);
            let year =
                if crosses { start_year.checked_add(1).ok_or_else(|| year_error(start_year))? } else { start_year };
            (year, Some(month))
        }
        // "9月18日-22日", "9月中旬-下旬": the end stays in the start's month.
        (None, None) => (start_year, if end.fine.is_some() { start_month } else { None }),
    };
    if let (None, Some(fine)) = (end_month, end.fine) {
        return Err(no_month(fine, text));
    }
    let last = cover(end_year, end_month, end.fine, date)?;
    if last.last < first.first {
        return Err(end.span.error(DateErrorKind::EndBeforeStart { start: first.first, end: last.last }));
    }
    Ok(When {
        start: first.first,
        end: last.last,
        start_precision: first.precision,
        end_precision: last.precision,
        note: None,
        time: None,
        list: Vec::new(),
        // The end inherits a written start year; its own year only counts if the start has one too.
        year_written: start.year.is_some(),
    })
}
