//! Stage 3, resolve: the [`Item`]s of a text into a [`When`]: one range, or a list of dates of one
//! activity (10月1日、10月3日、10月5日; 11.13、11.27、12.11), each resolved like a range against the
//! [`Context`], the later ones inheriting what they leave out from the date before (`ends.rs`).
//! The weekdays written are checked against the days, times of day are placed, and the limits of
//! one text ([`MAX_RANGE_YEARS`]) and of a list (in order, written alike) are kept.
//!
//! Takes from lex and parse: [`Span`]s and [`Item`]s. Hands on: [`assemble`], a [`When`]. Imports
//! nothing from words.

mod ends;

use crate::error::{DateError, DateErrorKind};
use crate::lex::Span;
use crate::parse::{ClockEl, Fine, Item, Part};
use crate::when::{Clock, Context, MAX_RANGE_YEARS, Occurrence, Precision, When};
use ends::{End, check_weekdays, clock_of, resolve_range};

/// One date of a list, read.
struct Read {
    start: End,
    end: End,
    time: Option<Clock>,
    precisions: (Precision, Precision),
}

pub(crate) fn assemble(
    items: &[Item],
    clause: Option<String>,
    context: Context,
    date: Span,
    text: &str,
) -> Result<When, DateError> {
    // A time after the last date of a list where no other date has one holds for each of them
    // (10月1日、3日、5日 9:00-11:00), as hours after a range of days hold on each day.
    let has_clock = |item: &Item| item.start_extras.clock.is_some() || item.end_extras.clock.is_some();
    let shared = match items.split_last() {
        Some((last, rest)) if !rest.is_empty() && !rest.iter().any(has_clock) => {
            last.end_extras.clock.or(last.start_extras.clock)
        }
        _ => None,
    };
    let mut read: Vec<Read> = Vec::with_capacity(items.len());
    for item in items {
        let item = &with_clock(item, shared);
        let before = read.last().map(|r| &r.end);
        let (start, end) = resolve_range(item, before, context, date, text)?;
        if let Some(before) = before
            && start.covered.first <= before.covered.last
        {
            let kind = DateErrorKind::ListOutOfOrder { previous: before.covered.last, next: start.covered.first };
            return Err(item.span.error(kind));
        }
        check_weekdays(item, &start, &end, text)?;
        let (time, sp, ep) = clock_of(item, &start, &end, text)?;
        // Every date of a list is written as exactly as the first (a time or not aside, which each
        // occurrence carries), so the list's precision is honest for each.
        let days = |p: Precision| p.max(Precision::Day);
        if let Some(first) = read.first()
            && (days(first.precisions.0), days(first.precisions.1)) != (days(sp), days(ep))
        {
            return Err(item.span.error(DateErrorKind::UnevenList(item.span.text(text))));
        }
        read.push(Read { start, end, time, precisions: (sp, ep) });
    }
    let (Some(first), Some(last)) = (read.first(), read.last()) else {
        return Err(date.error(DateErrorKind::Empty));
    };
    let (start, end) = (first.start.covered.first, last.end.covered.last);
    if start.checked_add_months(chrono::Months::new(12 * MAX_RANGE_YEARS)).is_some_and(|limit| end >= limit) {
        return Err(date.error(DateErrorKind::RangeTooLong { start, end, years: MAX_RANGE_YEARS }));
    }
    let notes: Vec<String> = items.iter().flat_map(Item::notes).map(|span| span.text(text)).chain(clause).collect();
    let list = match read.as_slice() {
        [_] => Vec::new(),
        all => all
            .iter()
            .map(|r| Occurrence { start: r.start.covered.first, end: r.end.covered.last, time: r.time })
            .collect(),
    };
    Ok(When {
        start: first.start.covered.first,
        end: last.end.covered.last,
        // The coarsest of the dates: Time only if every one has a time.
        start_precision: read.iter().map(|r| r.precisions.0).max().unwrap_or(first.precisions.0),
        end_precision: read.iter().map(|r| r.precisions.1).max().unwrap_or(first.precisions.1),
        note: (!notes.is_empty()).then(|| notes.join("；")),
        time: if list.is_empty() { first.time } else { None },
        list,
        year_written: read.iter().all(|r| r.start.written && r.end.written),
    })
}

/// The item with the list's shared time after its last day, if it has none and is days.
fn with_clock(item: &Item, shared: Option<ClockEl>) -> Item {
    let mut item = item.clone();
    let is_day = |part: &Part| matches!(part.fine, Some(Fine::Day(..)));
    let days = is_day(&item.start) && item.end.as_ref().is_none_or(is_day);
    if item.start_extras.clock.is_none() && item.end_extras.clock.is_none() && days {
        match item.end {
            Some(_) => item.end_extras.clock = shared,
            None => item.start_extras.clock = shared,
        }
    }
    item
}
