//! The tokens of a date part into the two sides of a range: times of day are read (see
//! [`time`](super::time)), brackets after either end are notes unless they hold a time, and the
//! dates are read by [`part`](super::part).

use super::part::{Side, Unit, first_unit, is_iso, join_sides, parse_iso, parse_side};
use super::time::{read_clock, starts_clock};
use super::{ClockEl, Extras, Fine, Item, Part, WeekdayEl};
use crate::error::{DateError, DateErrorKind};
use crate::lex::{Span, Tok, Token, tokenize};
use crate::when::MAX_DATES;

/// A token of the date part once brackets are looked at.
#[derive(Debug, Clone, Copy)]
enum El {
    Date(Token),
    Sep(Span),
    /// The trimmed text inside a bracket.
    Note(Span),
    /// 期间 after the last date, which says nothing more.
    During(Span),
    Clock(ClockEl),
    Weekday(WeekdayEl),
}

impl Extras {
    /// Keeps what needs an exact day only if `part` is one: a bracket that cannot be read with
    /// it stays a note, as brackets always were; anything else is an error.
    fn settle(&mut self, part: &Part, text: &str) -> Result<(), DateError> {
        if matches!(part.fine, Some(Fine::Day(..))) {
            return Ok(());
        }
        if let Some(clock) = self.clock.take() {
            match clock.group {
                Some(group) => self.notes.push(group),
                None => {
                    let (time, date) = (clock.span.text(text), part.span.text(text));
                    return Err(clock.span.error(DateErrorKind::TimeNeedsDay { time, date }));
                }
            }
        }
        if let Some(weekday) = self.weekday.take() {
            match weekday.group {
                Some(group) => self.notes.push(group),
                None => {
                    let (day, date) = (weekday.span.text(text), part.span.text(text));
                    return Err(weekday.span.error(DateErrorKind::WeekdayNeedsDay { weekday: day, date }));
                }
            }
        }
        self.notes.sort_by_key(|s| s.start);
        self.notes.dedup();
        Ok(())
    }

    /// Takes a note, a time or a weekday written after a side's date; `false` for anything else.
    fn take(&mut self, el: &El, text: &str) -> Result<bool, DateError> {
        match el {
            El::Note(span) => self.notes.push(*span),
            El::Clock(clock) if self.clock.is_none() => {
                // The slots of hours as written, since the clock says only their first start and last end.
                if clock.slots {
                    self.notes.push(clock.group.unwrap_or(clock.span));
                }
                self.clock = Some(*clock);
            }
            El::Clock(clock) => return Err(clock.span.error(DateErrorKind::MisplacedTime(clock.span.text(text)))),
            El::Weekday(day) if self.weekday.is_none() => self.weekday = Some(*day),
            El::Weekday(day) => return Err(day.span.error(DateErrorKind::Misplaced(day.span.text(text)))),
            El::Date(_) | El::Sep(_) | El::During(_) => return Ok(false),
        }
        Ok(true)
    }
}

/// Unknown text is reported before anything else: as trailing text if only brackets follow it.
pub(crate) fn check_unknown(tokens: &[Token], text: &str) -> Result<(), DateError> {
    // A slash is unknown, except in an ISO interval (which starts with a four-digit year).
    let iso_like = matches!(tokens.first(), Some(Token { tok: Tok::Num { digits: 4, .. }, .. }));
    // A slash between two slots of hours is read with them (9:00-11:00/13:00-16:00).
    let between_slots = |k: usize| k > 0 && starts_clock(tokens, k + 1);
    let unknown = |(k, t): (usize, &Token)| {
        matches!(t.tok, Tok::Other) || (t.tok == Tok::Slash && !iso_like && !between_slots(k))
    };
    let Some(k) = tokens.iter().enumerate().position(unknown) else { return Ok(()) };
    // English words unknown together are one phrase: `by appointment`.
    let words = |t: &Token| t.tok == Tok::Other && t.span.str(text).bytes().all(|b| b.is_ascii_alphabetic());
    let phrase = tokens[k..].iter().take_while(|t| words(t)).last().filter(|_| words(&tokens[k]));
    let first = phrase.map_or(tokens[k].span, |last| tokens[k].span.to(last.span));
    let rest = || tokens.iter().enumerate().skip(k);
    let trailing = k > 0 && rest().all(|(i, t)| unknown((i, t)) || matches!(t.tok, Tok::Group { .. }));
    Err(if trailing {
        let last = rest().rev().find(|&(i, t)| unknown((i, t))).map_or(first, |(_, t)| t.span);
        let span = first.to(last);
        span.error(DateErrorKind::TrailingText(span.text(text)))
    } else {
        first.error(DateErrorKind::Unrecognised(first.text(text)))
    })
}

/// Reads the times and opens the brackets: an empty one is dropped, one holding only a time
/// is read as if written without brackets, any other is a note.
fn elements(tokens: &[Token], group: Option<Span>, text: &str) -> Result<Vec<El>, DateError> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        match token.tok {
            Tok::Group { inner } => {
                let raw = inner.text(text);
                let lead = raw.len() - raw.trim_start().len();
                let trimmed = Span::new(inner.start + lead, inner.start + raw.trim_end().len());
                if trimmed.start < trimmed.end {
                    out.extend(open_group(trimmed, text)?);
                }
            }
            Tok::Sep => out.push(El::Sep(token.span)),
            Tok::During => out.push(El::During(token.span)),
            Tok::Period(_) => {
                let (clock, next) = read_clock(tokens, i, false, group, text)?;
                out.push(El::Clock(clock));
                i = next;
                continue;
            }
            Tok::Num { .. } if starts_clock(tokens, i) => {
                let (clock, next) = read_clock(tokens, i, false, group, text)?;
                out.push(El::Clock(clock));
                i = next;
                continue;
            }
            // 每天 goes right before the hours.
            Tok::Daily
                if starts_clock(tokens, i + 1) || matches!(tokens.get(i + 1).map(|t| t.tok), Some(Tok::Period(_))) =>
            {
                let (mut clock, next) = read_clock(tokens, i + 1, true, group, text)?;
                clock.span = token.span.to(clock.span);
                out.push(El::Clock(clock));
                i = next;
                continue;
            }
            Tok::Daily => return Err(token.span.error(DateErrorKind::MisplacedTime(token.span.text(text)))),
            Tok::Weekday(day) => out.push(El::Weekday(WeekdayEl { day, span: token.span, group })),
            _ => out.push(El::Date(*token)),
        }
        i += 1;
    }
    Ok(out)
}

/// The elements of a bracket: what it holds if that is only a weekday and times, else one note.
fn open_group(inner: Span, text: &str) -> Result<Vec<El>, DateError> {
    let tokens = tokenize(text, inner);
    let timely = |t: &Token| {
        matches!(
            t.tok,
            Tok::Num { .. }
                | Tok::Colon
                | Tok::Hour
                | Tok::Minute
                | Tok::HalfHour
                | Tok::Period(_)
                | Tok::Daily
                | Tok::Sep
                | Tok::Slash
                | Tok::List
                | Tok::Weekday(_)
                | Tok::Meridiem(_)
        )
    };
    let read = tokens.iter().any(|t| matches!(t.tok, Tok::Colon | Tok::Hour | Tok::Weekday(_) | Tok::Meridiem(_)));
    let note = match (tokens.first(), tokens.get(1).map(|t| t.tok)) {
        // A note that starts with a weekday (（周三下午）) is kept whole, but its weekday is still
        // checked — unless it begins a run of weekdays (（周一至周五）), which is no one day's.
        (Some(Token { tok: Tok::Weekday(day), span }), next)
            if !matches!(next, Some(Tok::Sep | Tok::List | Tok::Weekday(_))) =>
        {
            vec![El::Weekday(WeekdayEl { day: *day, span: *span, group: Some(inner) }), El::Note(inner)]
        }
        _ => vec![El::Note(inner)],
    };
    if !(read && tokens.iter().all(timely)) {
        return Ok(note);
    }
    match elements(&tokens, Some(inner), text) {
        Ok(els) if els.iter().all(|e| matches!(e, El::Clock(_) | El::Weekday(_))) => Ok(els),
        // A time written wrongly is an error even in brackets: （上午13:00）.
        Err(e) if is_clock_error(&e.kind) => Err(e),
        _ => Ok(note),
    }
}

fn is_clock_error(kind: &DateErrorKind) -> bool {
    matches!(
        kind,
        DateErrorKind::TimeOutOfRange(_)
            | DateErrorKind::HourNotInPeriod { .. }
            | DateErrorKind::AmbiguousHour(_)
            | DateErrorKind::TimeEndBeforeStart { .. }
    )
}

/// Reads the dates of a list (or the one range) from the tokens of the date part.
pub(crate) fn read_items(tokens: &[Token], text: &str) -> Result<Vec<Item>, DateError> {
    // A 、 before hours joins two slots of them (9:00-11:00、13:00-16:00); any other separates dates.
    let mut chunks: Vec<&[Token]> = Vec::new();
    let mut from = 0;
    for (k, t) in tokens.iter().enumerate() {
        let slots = starts_clock(tokens, k + 1) || matches!(tokens.get(k + 1).map(|t| t.tok), Some(Tok::Period(_)));
        if t.tok == Tok::List && !(k > 0 && slots) {
            if chunks.len() + 1 == MAX_DATES {
                let count = 1 + tokens[k..].iter().filter(|t| t.tok == Tok::List).count();
                return Err(t.span.error(DateErrorKind::TooManyDates { count: chunks.len() + count, max: MAX_DATES }));
            }
            chunks.push(&tokens[from..k]);
            from = k + 1;
        }
    }
    chunks.push(&tokens[from..]);
    // Oct 1, 3 and 5: in English a lone number of a list is a day of the month before it.
    let english = tokens.iter().any(|t| matches!(t.tok, Tok::MonthName(_)));
    let mut items = Vec::new();
    for (k, chunk) in chunks.iter().enumerate() {
        if chunk.is_empty() {
            // The mark before or after the empty chunk.
            let marks: Vec<&Token> = tokens.iter().filter(|t| t.tok == Tok::List).collect();
            let mark = marks[k.min(marks.len() - 1)].span;
            return Err(mark.error(DateErrorKind::IncompleteRange(mark.text(text))));
        }
        // 9月18、19日: a bare number takes its unit from the next date, as 8-9月 does.
        let lone_day = english && k > 0 && matches!(chunk, [Token { tok: Tok::Num { digits: 1..=2, .. }, .. }]);
        let lent = if lone_day { Some(Unit::Day) } else { chunks.get(k + 1).and_then(|next| first_unit(next)) };
        items.push(read_item(chunk, lent, text)?);
    }
    Ok(items)
}

/// Reads a date of a timetable, `第11周周3(2026-05-13) 13:30-15:20`: the date in its brackets, with the weekday
/// checked against it, the hours after it, and the week kept as a note (nothing says which day its term began).
fn read_week(tokens: &[Token], text: &str) -> Result<Item, DateError> {
    let week = tokens[0].span;
    let weekday = tokens.get(1).filter(|t| matches!(t.tok, Tok::Weekday(_))).copied();
    let at = 1 + usize::from(weekday.is_some());
    let Some(Token { tok: Tok::Group { inner }, .. }) = tokens.get(at) else {
        let span = week.to(weekday.map_or(week, |w| w.span));
        return Err(span.error(DateErrorKind::WeekWithoutDate(span.text(text))));
    };
    let date = tokenize(text, *inner);
    if date.is_empty() {
        return Err(week.error(DateErrorKind::WeekWithoutDate(week.text(text))));
    }
    check_unknown(&date, text)?;
    let rest = date.into_iter().chain(weekday).chain(tokens[at + 1..].iter().copied());
    let mut item = read_item(&rest.collect::<Vec<_>>(), None, text)?;
    item.span = item_span(tokens);
    item.start_extras.notes.insert(0, week);
    Ok(item)
}

/// Reads the two sides of a range from its tokens.
fn read_item(tokens: &[Token], lent: Option<Unit>, text: &str) -> Result<Item, DateError> {
    if tokens.first().is_some_and(|t| t.tok == Tok::Week) {
        return read_week(tokens, text);
    }
    if let Some(Token { tok: Tok::Group { inner }, span }) = tokens.first() {
        // A note first: say so, pointing at the opening bracket.
        return Err(Span::new(span.start, inner.start).error(DateErrorKind::MissingDate));
    }
    let els = elements(tokens, None, text)?;
    // Weekdays with no date at all are a weekly activity: 周一至周五.
    if !els.iter().any(|e| matches!(e, El::Date(_)))
        && let Some(El::Weekday(day)) = els.iter().find(|e| matches!(e, El::Weekday(_)))
    {
        return Err(day.span.error(DateErrorKind::Vague(day.span.text(text))));
    }
    if let Some(item) = read_iso(&els, item_span(tokens), text)? {
        return Ok(item);
    }
    let seps: Vec<(usize, Span)> =
        els.iter().enumerate().filter_map(|(i, e)| if let El::Sep(s) = e { Some((i, *s)) } else { None }).collect();
    let (left, right) = match seps.as_slice() {
        [] => (&els[..], None),
        [(k, sep)] => {
            let (left, right) = (&els[..*k], &els[*k + 1..]);
            // The end may start with its English weekday: Mon 18 – Fri 22 September.
            let starts = match right {
                [El::Date(_), ..] => true,
                [El::Weekday(w), El::Date(_), ..] => w.span.has_letter(text),
                _ => false,
            };
            if left.is_empty() || !starts {
                return Err(sep.error(DateErrorKind::IncompleteRange(sep.text(text))));
            }
            (left, Some(right))
        }
        [_, (_, span), ..] => return Err(span.error(DateErrorKind::Misplaced(span.text(text)))),
    };
    // English words anywhere in the range, outside its notes, make both sides English (`Sep 18 – 22, 2023`).
    let english = tokens.iter().any(|t| !matches!(t.tok, Tok::Group { .. }) && t.span.has_letter(text));
    let (start_side, start_extras) = read_side(left, right.is_none(), english, text)?;
    let (end_side, end_extras) = match right {
        Some(right) => {
            let (side, extras) = read_side(right, true, english, text)?;
            (Some(side), extras)
        }
        None => (None, Extras::default()),
    };
    let (start, end) = join_sides(&start_side, end_side.as_ref(), lent, text)?;
    let (mut start_extras, mut end_extras) = (start_extras, end_extras);
    start_extras.settle(&start, text)?;
    if let Some(end) = &end {
        end_extras.settle(end, text)?;
    }
    Ok(Item { span: item_span(tokens), start, end, start_extras, end_extras })
}

fn item_span(tokens: &[Token]) -> Span {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => Span::new(0, 0),
    }
}

/// One side: its date tokens, then what follows them. `last` is the side that ends the text.
fn read_side(els: &[El], last: bool, english_item: bool, text: &str) -> Result<(Side, Extras), DateError> {
    // English names the weekday first (`Mon 18 Sep`, `Monday, September 18`); it is checked as 9月18日（周一）.
    let english = |w: &WeekdayEl| w.span.has_letter(text);
    let (lead, els) = match els {
        [El::Weekday(w), rest @ ..] if w.group.is_none() && english(w) && matches!(rest.first(), Some(El::Date(_))) => {
            (Some(*w), rest)
        }
        _ => (None, els),
    };
    let dates: Vec<Token> = els.iter().map_while(|e| if let El::Date(t) = e { Some(*t) } else { None }).collect();
    match (dates.is_empty(), els.first()) {
        (true, Some(El::During(span) | El::Sep(span) | El::Note(span))) => {
            return Err(span.error(DateErrorKind::Misplaced(span.text(text))));
        }
        (true, Some(El::Clock(clock))) => {
            return Err(clock.span.error(DateErrorKind::MisplacedTime(clock.span.text(text))));
        }
        (true, Some(El::Weekday(day))) => {
            return Err(day.span.error(DateErrorKind::Misplaced(day.span.text(text))));
        }
        _ => {}
    }
    let mut extras = Extras { weekday: lead, ..Extras::default() };
    for (k, el) in els.iter().enumerate().skip(dates.len()) {
        if extras.take(el, text)? {
            continue;
        }
        match el {
            // Date tokens after a note: "9月（评审）10月" has no separator to make it a range.
            El::Date(token) => {
                let last = els[k..].iter().rev().find_map(|e| if let El::Date(t) = e { Some(t.span) } else { None });
                let span = token.span.to(last.unwrap_or(token.span));
                return Err(span.error(DateErrorKind::TrailingText(span.text(text))));
            }
            // "5月至6月期间": during the range, which is the range; also after the end's note (2月14日(正月十五)期间).
            El::During(_) if last && els[dates.len()..k].iter().all(|e| matches!(e, El::Note(_))) => {}
            El::Sep(span) | El::During(span) | El::Note(span) => {
                return Err(span.error(DateErrorKind::Misplaced(span.text(text))));
            }
            El::Clock(_) | El::Weekday(_) => {}
        }
    }
    Ok((parse_side(&dates, english_item, text)?, extras))
}

/// An ISO 8601 / EDTF date or interval, with any notes, weekday and time after it.
fn read_iso(els: &[El], span: Span, text: &str) -> Result<Option<Item>, DateError> {
    let head = els.iter().take_while(|e| matches!(e, El::Date(_) | El::Sep(_))).count();
    let tokens: Vec<Token> = els[..head]
        .iter()
        .filter_map(|e| match e {
            El::Date(t) => Some(*t),
            El::Sep(span) => Some(Token { tok: Tok::Sep, span: *span }),
            _ => None,
        })
        .collect();
    if !is_iso(&tokens, text) {
        return Ok(None);
    }
    let mut extras = Extras::default();
    for el in &els[head..] {
        if !extras.take(el, text)? {
            return Ok(None);
        }
    }
    let (start, end) = parse_iso(&tokens, text)?;
    extras.settle(end.as_ref().unwrap_or(&start), text)?;
    let (start_extras, end_extras) =
        if end.is_some() { (Extras::default(), extras) } else { (extras, Extras::default()) };
    Ok(Some(Item { span, start, end, start_extras, end_extras }))
}
