//! Tokens into the two ends of a range (ISO 8601 / EDTF or the Chinese forms), then into dates.

use super::*;

// ---------------------------------------------------------------------------------------
// Parts: one end of a range as written, before years are filled in

#[derive(Debug, Clone, Copy)]
pub(super) struct Num {
    pub(super) value: u32,
    pub(super) span: Span,
}

/// What is finer than a month in one end.
#[derive(Debug, Clone, Copy)]
pub(super) enum Fine {
    /// The day number and the span of the whole piece ("18日"), for messages.
    Day(Num, Span),
    Dekad(Dekad, Span),
}

impl Fine {
    pub(super) fn span(self) -> Span {
        match self {
            Fine::Day(_, span) | Fine::Dekad(_, span) => span,
        }
    }
}

/// One end of a range as written. No year means "inherit"; no month and no fine part
/// means a whole year.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part {
    pub(super) span: Span,
    pub(super) year: Option<Num>,
    pub(super) month: Option<Num>,
    pub(super) fine: Option<Fine>,
}

// ---------------------------------------------------------------------------------------
// ISO 8601 / EDTF: 2023, 2023-09, 2023-09-18 and intervals joined by "/"

/// ISO is chosen only for text made of digits, single "-" and "/", starting with a
/// four-digit year; "8-9月" and "2023-2024年" stay Chinese.
pub(super) fn is_iso(tokens: &[Token], text: &str) -> bool {
    let starts_with_year = matches!(tokens.first(), Some(Token { tok: Tok::Num { digits: 4, .. }, .. }));
    starts_with_year
        && tokens.iter().all(|t| match t.tok {
            Tok::Num { .. } | Tok::Slash => true,
            Tok::Sep => t.span.text(text) == "-",
            _ => false,
        })
}

pub(super) fn parse_iso(tokens: &[Token], text: &str) -> Result<(Part, Option<Part>), DateError> {
    let slashes: Vec<usize> = positions(tokens, Tok::Slash);
    match slashes.as_slice() {
        [] => Ok((iso_part(tokens, text)?, None)),
        [k] => {
            let (left, right) = (&tokens[..*k], &tokens[*k + 1..]);
            if left.is_empty() || right.is_empty() {
                let sep = tokens[*k].span;
                return Err(sep.error(DateErrorKind::IncompleteRange(sep.text(text))));
            }
            Ok((iso_part(left, text)?, Some(iso_part(right, text)?)))
        }
        [_, k, ..] => {
            let span = tokens[*k].span;
            Err(span.error(DateErrorKind::Misplaced(span.text(text))))
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (one- or two-digit month and day are accepted).
pub(super) fn iso_part(tokens: &[Token], text: &str) -> Result<Part, DateError> {
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => return Err(Span::new(0, text.len()).error(DateErrorKind::Empty)),
    };
    let bad = || span.error(DateErrorKind::Unrecognised(span.text(text)));
    let year = match tokens[0].tok {
        Tok::Num { value, digits: 4 } => Num { value, span: tokens[0].span },
        _ => return Err(bad()),
    };
    let mut fields = Vec::new();
    for pair in tokens[1..].chunks(2) {
        match pair {
            [Token { tok: Tok::Sep, .. }, Token { tok: Tok::Num { value, digits: 1..=2 }, span }] => {
                fields.push(Num { value: *value, span: *span })
            }
            _ => return Err(bad()),
        }
    }
    if fields.len() > 2 {
        return Err(bad());
    }
    Ok(Part {
        span,
        year: Some(year),
        month: fields.first().copied(),
        fine: fields.get(1).map(|day| Fine::Day(*day, day.span)),
    })
}

pub(super) fn positions(tokens: &[Token], tok: Tok) -> Vec<usize> {
    tokens.iter().enumerate().filter(|(_, t)| t.tok == tok).map(|(i, _)| i).collect()
}

// ---------------------------------------------------------------------------------------
// Chinese forms

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Day,
}

/// A meaningful piece of one end, in the order it was written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Piece {
    Numbered(Unit, Num, Span),
    Dekad(Dekad, Span),
    WholeYear(Span),
}

impl Piece {
    pub(super) fn span(self) -> Span {
        match self {
            Piece::Numbered(_, _, span) | Piece::Dekad(_, span) | Piece::WholeYear(span) => span,
        }
    }

    /// Pieces must come in increasing rank: 2023年 全年 | 9月 18日/下旬.
    pub(super) fn rank(self) -> u8 {
        match self {
            Piece::Numbered(Unit::Year, ..) => 1,
            Piece::WholeYear(_) => 2,
            Piece::Numbered(Unit::Month, ..) => 3,
            Piece::Numbered(Unit::Day, ..) | Piece::Dekad(..) => 4,
        }
    }
}

/// One side of a Chinese range: its pieces plus a trailing number without a unit, as the
/// "8" of "8-9月" or the "18" of "9月18-22日", which borrows its unit from the other side.
#[derive(Debug)]
pub(super) struct Side {
    pub(super) span: Span,
    pub(super) pieces: Vec<Piece>,
    pub(super) bare: Option<Num>,
}

pub(super) fn parse_chinese(tokens: &[Token], text: &str, date: Span) -> Result<(Part, Option<Part>), DateError> {
    // Unknown text is reported first: as trailing text if it only follows a date.
    if let Some(k) = tokens.iter().position(|t| matches!(t.tok, Tok::Other | Tok::Slash)) {
        let first = tokens[k].span;
        let trailing = k > 0 && tokens[k..].iter().all(|t| matches!(t.tok, Tok::Other | Tok::Slash));
        return Err(if trailing {
            let span = Span::new(first.start, date.end);
            span.error(DateErrorKind::TrailingText(span.text(text)))
        } else {
            first.error(DateErrorKind::Unrecognised(first.text(text)))
        });
    }
    let seps = positions(tokens, Tok::Sep);
    let (left, right) = match seps.as_slice() {
        [] => (tokens, None),
        [k] => {
            let (left, right) = (&tokens[..*k], &tokens[*k + 1..]);
            if left.is_empty() || right.is_empty() {
                let sep = tokens[*k].span;
                return Err(sep.error(DateErrorKind::IncompleteRange(sep.text(text))));
            }
            (left, Some(right))
        }
        [_, k, ..] => {
            let span = tokens[*k].span;
            return Err(span.error(DateErrorKind::Misplaced(span.text(text))));
        }
    };
    let start = parse_side(left, text)?;
    let Some(right) = right else {
        return Ok((build_part(&start, None, text)?, None));
    };
    let end = parse_side(right, text)?;
    // "8-9月": a bare start number takes the unit of the first piece of the end.
    let start_unit = match (start.bare, end.pieces.first()) {
        (None, _) => None,
        (Some(_), Some(Piece::Numbered(unit, ..))) => Some(*unit),
        (Some(n), _) => return Err(missing_unit(n, text)),
    };
    // "9月18日-22": a lone bare end number takes the unit of the last piece of the start.
    let end_unit = match (end.bare, start.pieces.last()) {
        (None, _) => None,
        (Some(_), Some(Piece::Numbered(unit, ..))) if end.pieces.is_empty() => Some(*unit),
        (Some(n), _) => return Err(missing_unit(n, text)),
    };
    Ok((build_part(&start, start_unit, text)?, Some(build_part(&end, end_unit, text)?)))
}

pub(super) fn missing_unit(n: Num, text: &str) -> DateError {
    n.span.error(DateErrorKind::MissingUnit(n.span.text(text)))
}

/// Groups the tokens of one side into pieces ("9" + "月" → month 9).
pub(super) fn parse_side(tokens: &[Token], text: &str) -> Result<Side, DateError> {
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => return Err(Span::new(0, text.len()).error(DateErrorKind::Empty)),
    };
    let mut side = Side { span, pieces: Vec::new(), bare: None };
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let misplaced = || token.span.error(DateErrorKind::Misplaced(token.span.text(text)));
        match token.tok {
            Tok::Num { value, .. } => {
                let num = Num { value, span: token.span };
                let unit = match tokens.get(i + 1).map(|t| t.tok) {
                    Some(Tok::Year) => Unit::Year,
                    Some(Tok::Month) => Unit::Month,
                    Some(Tok::Day) => Unit::Day,
                    None => {
                        side.bare = Some(num);
                        break;
                    }
                    Some(_) => return Err(missing_unit(num, text)),
                };
                let whole = token.span.to(tokens[i + 1].span);
                side.pieces.push(Piece::Numbered(unit, num, whole));
                i += 2;
                continue;
            }
            Tok::Dekad(d) => side.pieces.push(Piece::Dekad(d, token.span)),
            Tok::WholeYear => side.pieces.push(Piece::WholeYear(token.span)),
            // A unit with no number ("月"), or a separator that slipped through.
            Tok::Year | Tok::Month | Tok::Day | Tok::Sep => return Err(misplaced()),
            Tok::Slash | Tok::Other => {
                return Err(token.span.error(DateErrorKind::Unrecognised(token.span.text(text))));
            }
        }
        i += 1;
    }
    Ok(side)
}

/// Checks the order of the pieces of one side and collects them into a [`Part`].
pub(super) fn build_part(side: &Side, bare_unit: Option<Unit>, text: &str) -> Result<Part, DateError> {
    let bare = match (side.bare, bare_unit) {
        (None, _) => None,
        (Some(n), Some(unit)) => Some(Piece::Numbered(unit, n, n.span)),
        (Some(n), None) => return Err(missing_unit(n, text)),
    };
    let mut part = Part { span: side.span, year: None, month: None, fine: None };
    let mut rank = 0;
    let mut whole_year = false;
    let pieces = side.pieces.iter().map(|p| (*p, false));
    for (piece, is_bare) in pieces.chain(bare.map(|p| (p, true))) {
        if piece.rank() <= rank || whole_year {
            return Err(match (is_bare, side.bare) {
                (true, Some(n)) => missing_unit(n, text),
                _ => {
                    let span = piece.span();
                    span.error(DateErrorKind::Misplaced(span.text(text)))
                }
            });
        }
        rank = piece.rank();
        match piece {
            Piece::Numbered(Unit::Year, n, _) => part.year = Some(n),
            Piece::WholeYear(_) => whole_year = true,
            Piece::Numbered(Unit::Month, n, _) => part.month = Some(n),
            Piece::Numbered(Unit::Day, n, span) => part.fine = Some(Fine::Day(n, span)),
            Piece::Dekad(d, span) => part.fine = Some(Fine::Dekad(d, span)),
        }
    }
    Ok(part)
}

// ---------------------------------------------------------------------------------------
// Resolving parts into dates

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
