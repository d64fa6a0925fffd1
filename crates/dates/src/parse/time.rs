//! Times of day after a day: 14:30, 14：30, 下午2:30, 上午9时30分, 9點, 三点半, 2:30 pm, 9 am, and ranges of
//! them (14:30-16:30, 上午9时30分-11时30分, 2:30–4:30 pm, 9:00 am–5 pm), with 每天 for hours kept on each day of a
//! range.

use chrono::NaiveTime;

use super::{ClockEl, Num};
use crate::error::{DateError, DateErrorKind};
use crate::lex::{Period, Span, Tok, Token, is_english};

/// The 24-hour hour meant by `hour` after the word `period`, if it can be one: 下午2 is 14 and
/// 下午13 is 13, but 上午13 is nothing.
fn hour_in(period: Period, hour: u32) -> Option<u32> {
    match (period, hour) {
        (Period::Dawn, 0..=6) | (Period::Morning, 0..=12) | (Period::Noon, 11..=14) => Some(hour),
        (Period::Noon, 1..=2) | (Period::Afternoon, 1..=11) | (Period::Evening, 5..=11) => Some(hour + 12),
        (Period::Afternoon, 12..=23) | (Period::Evening, 17..=23) => Some(hour),
        _ => None,
    }
}

/// A time of day as written, before its period is applied.
#[derive(Debug, Clone, Copy)]
struct Raw {
    period: Option<(Period, Span)>,
    hour: Num,
    minute: Option<Num>,
    /// 半: half past.
    half: bool,
    /// `am` (false) or `pm` (true) after it, and where.
    meridiem: Option<(bool, Span)>,
    span: Span,
}

/// Whether the tokens at `i` start a time: an optional period, a number, then `:` or 时/点 (or am/pm).
pub(super) fn starts_clock(tokens: &[Token], i: usize) -> bool {
    let at = |k: usize| tokens.get(k).map(|t| t.tok);
    let k = if matches!(at(i), Some(Tok::Period(_))) { i + 1 } else { i };
    matches!(at(k), Some(Tok::Num { .. }))
        && (matches!(at(k + 1), Some(Tok::Colon | Tok::Hour | Tok::Meridiem(_))) || bare_hours(tokens, k))
}

/// Whether the tokens at `k` are a range of bare hours that ends in am or pm: `9–11 am`.
fn bare_hours(tokens: &[Token], k: usize) -> bool {
    let at = |k: usize| tokens.get(k).map(|t| t.tok);
    matches!(
        (at(k), at(k + 1), at(k + 2), at(k + 3)),
        (Some(Tok::Num { .. }), Some(Tok::Sep), Some(Tok::Num { .. }), Some(Tok::Meridiem(_)))
    )
}

/// Reads a time or time range starting at token `i` (where [`starts_clock`] holds, or at a
/// period word), returning it and the index after it.
pub(super) fn read_clock(
    tokens: &[Token],
    i: usize,
    daily: bool,
    group: Option<Span>,
    text: &str,
) -> Result<(ClockEl, usize), DateError> {
    let (mut clock, k) = read_clock_once(tokens, i, text)?;
    clock.daily = daily;
    clock.group = group;
    let k = if clock.end.is_some() { read_slots(tokens, k, &mut clock, text)? } else { k };
    Ok((clock, k))
}

/// More slots of hours after a first one, at token `k`: joined by `/` or `、`, or only by a space (`上午9:00-11:00
/// 下午2:00-4:00`). Each must be a range that starts after the one before has ended. Returns the index after them.
fn read_slots(tokens: &[Token], mut k: usize, clock: &mut ClockEl, text: &str) -> Result<usize, DateError> {
    loop {
        let joined = matches!(tokens.get(k).map(|t| t.tok), Some(Tok::Slash | Tok::List));
        let at = if joined { k + 1 } else { k };
        let period = matches!(tokens.get(at).map(|t| t.tok), Some(Tok::Period(_)));
        if !(starts_clock(tokens, at) || (joined && period)) {
            if joined {
                // A `/` or `、` after hours with no slot after it.
                let span = tokens[k].span;
                return Err(span.error(DateErrorKind::IncompleteRange(span.text(text))));
            }
            return Ok(k);
        }
        let (slot, next) = read_clock_once(tokens, at, text)?;
        let (Some(previous), Some(end)) = (clock.end, slot.end) else {
            return Err(slot.span.error(DateErrorKind::MisplacedTime(slot.span.text(text))));
        };
        if slot.start < previous {
            return Err(slot.span.error(DateErrorKind::TimeEndBeforeStart { start: previous, end: slot.start }));
        }
        clock.end = Some(end);
        clock.span = clock.span.to(slot.span);
        clock.slots = true;
        k = next;
    }
}

/// One time or range of hours at `i`, without slots after it.
fn read_clock_once(tokens: &[Token], i: usize, text: &str) -> Result<(ClockEl, usize), DateError> {
    let (first, mut k) = read_raw(tokens, i, text)?;
    let second = if tokens.get(k).map(|t| t.tok) == Some(Tok::Sep) && starts_clock(tokens, k + 1) {
        Some(read_raw(tokens, k + 1, text)?)
    } else {
        None
    };
    // 2:30–4:30 pm: the start takes the end's am or pm, unless that puts it after the end (11:00–1 pm).
    let start = match second {
        Some((second @ Raw { meridiem: Some((pm, end_word)), .. }, _))
            if first.meridiem.is_none() && first.period.is_none() =>
        {
            let same = Raw { meridiem: second.meridiem, ..first };
            let end = to_time(&second, None, false, text)?;
            match to_time(&same, None, false, text)? {
                // 11:00–1 pm: a morning start; 4:30–2:30 pm stays backwards, as written.
                start if start >= end && pm && (6..=11).contains(&first.hour.value) => {
                    to_time(&Raw { meridiem: Some((false, end_word)), ..first }, None, false, text)?
                }
                start => start,
            }
        }
        _ => to_time(&first, first.period, false, text)?,
    };
    let mut clock = ClockEl { start, end: None, daily: false, span: first.span, group: None, slots: false };
    if let Some((second, next)) = second {
        // 下午2:30-4:30: the end keeps the start's period unless it names its own.
        let end = match second.period {
            Some(p) => to_time(&second, Some(p), false, text)?,
            None => to_time(&second, first.period, true, text)?,
        };
        clock.span = first.span.to(second.span);
        if end <= start {
            return Err(clock.span.error(DateErrorKind::TimeEndBeforeStart { start, end }));
        }
        clock.end = Some(end);
        k = next;
    }
    Ok((clock, k))
}

/// `[period] hour (: minute | 时 [minute [分] | 半])` at token `i`.
fn read_raw(tokens: &[Token], i: usize, text: &str) -> Result<(Raw, usize), DateError> {
    let at = |k: usize| tokens.get(k).map(|t| t.tok);
    let (period, mut k) = match tokens.get(i) {
        Some(Token { tok: Tok::Period(p), span }) => (Some((*p, *span)), i + 1),
        _ => (None, i),
    };
    let (hour, colon) = match (tokens.get(k), at(k + 1)) {
        (Some(Token { tok: Tok::Num { value, digits }, span }), Some(mark @ (Tok::Colon | Tok::Hour))) => {
            (Num { value: *value, digits: *digits, span: *span }, mark == Tok::Colon)
        }
        // 9–11 am: the start of a range of bare hours, which takes the end's am or pm.
        (Some(Token { tok: Tok::Num { value, digits }, span }), Some(Tok::Sep)) if bare_hours(tokens, k) => {
            let hour = Num { value: *value, digits: *digits, span: *span };
            return Ok((Raw { period, hour, minute: None, half: false, meridiem: None, span: *span }, k + 1));
        }
        // 9 am: an hour and its am or pm, nothing between.
        (Some(Token { tok: Tok::Num { value, digits }, span }), Some(Tok::Meridiem(pm))) => {
            let hour = Num { value: *value, digits: *digits, span: *span };
            let meridiem = Some((pm, tokens[k + 1].span));
            let span = period.map_or(*span, |(_, s)| s).to(tokens[k + 1].span);
            return Ok((Raw { period, hour, minute: None, half: false, meridiem, span }, k + 2));
        }
        _ => {
            // A period with no clock time after it: 9月18日上午.
            let num = tokens.get(k).filter(|t| k > i && matches!(t.tok, Tok::Num { .. }));
            let span = tokens[i].span.to(num.map_or(tokens[i].span, |t| t.span));
            return Err(span.error(DateErrorKind::PeriodWithoutTime(span.text(text))));
        }
    };
    k += 2;
    let num_at = |k: usize| match tokens.get(k) {
        Some(Token { tok: Tok::Num { value, digits }, span }) => {
            Some(Num { value: *value, digits: *digits, span: *span })
        }
        _ => None,
    };
    let (mut minute, mut half) = (None, false);
    if colon {
        // 14:30 needs its two-digit minutes.
        match num_at(k) {
            Some(m) if m.digits == 2 => minute = Some(m),
            _ => {
                let span = hour.span.to(num_at(k).map_or(tokens[k - 1].span, |m| m.span));
                return Err(span.error(DateErrorKind::TimeOutOfRange(span.text(text))));
            }
        }
        k += 1;
    } else if at(k) == Some(Tok::HalfHour) {
        half = true;
        k += 1;
    } else if let Some(m) = num_at(k).filter(|m| m.digits <= 2) {
        // 9点30, 9时30分
        minute = Some(m);
        k += if at(k + 1) == Some(Tok::Minute) { 2 } else { 1 };
    }
    let meridiem = match tokens.get(k) {
        Some(Token { tok: Tok::Meridiem(pm), span }) => {
            k += 1;
            Some((*pm, *span))
        }
        _ => None,
    };
    let first = period.map_or(hour.span, |(_, span)| span);
    let span = first.to(tokens[k - 1].span);
    Ok((Raw { period, hour, minute, half, meridiem, span }, k))
}

/// The time of day a raw time means. An `inherited` period (from the start of a range) also
/// lets a 24-hour number stand: 上午10:00-13:00.
fn to_time(raw: &Raw, period: Option<(Period, Span)>, inherited: bool, text: &str) -> Result<NaiveTime, DateError> {
    let out_of_range = || raw.span.error(DateErrorKind::TimeOutOfRange(raw.span.text(text)));
    let minute = if raw.half { 30 } else { raw.minute.map_or(0, |m| m.value) };
    if raw.hour.digits > 2 || minute > 59 {
        return Err(out_of_range());
    }
    let h = raw.hour.value;
    if let Some((pm, word)) = raw.meridiem {
        // 12 am is midnight and 12 pm noon; am or pm with 上午/下午, or with a 24-hour hour, is no time.
        if period.is_some() || !(1..=12).contains(&h) {
            return Err(raw.span.error(DateErrorKind::HourNotInPeriod { period: word.text(text), hour: h }));
        }
        let hour = h % 12 + if pm { 12 } else { 0 };
        return NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(out_of_range);
    }
    let hour = match period {
        Some((p, _)) if inherited => hour_in(p, h).or((12..=23).contains(&h).then_some(h)),
        Some((p, _)) => hour_in(p, h),
        None => Some(h),
    };
    let hour = match (hour, period) {
        (Some(hour), _) if hour <= 23 => hour,
        (_, Some((_, word))) => {
            let period = word.text(text);
            return Err(raw.span.error(DateErrorKind::HourNotInPeriod { period, hour: h }));
        }
        (_, None) => return Err(out_of_range()),
    };
    // An hour before six with no 上午/下午 is far more likely a 12-hour afternoon than a night.
    if period.is_none() && hour <= 5 {
        let time = raw.span.text(text);
        let kind = if is_english(text) { DateErrorKind::NoMeridiem(time) } else { DateErrorKind::AmbiguousHour(time) };
        return Err(raw.span.error(kind));
    }
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(out_of_range)
}
