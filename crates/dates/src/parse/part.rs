//! The tokens of one side into one end of a range as written, a [`Part`] (ISO 8601 / EDTF or the
//! Chinese forms).

use super::{Fine, MonthSpec, Num, Part, YearSpec};
use crate::error::DateError;
use crate::error::DateErrorKind;
use crate::lex::{Dekad, Half, RelYear, Span, Tok, Token, digit_value};

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
    // 2023/09/18, as spreadsheets write a date: year first, so no one reads it another way.
    if let [
        y @ Token { tok: Tok::Num { digits: 4, .. }, .. },
        Token { tok: Tok::Slash, .. },
        m,
        Token { tok: Tok::Slash, .. },
        d,
    ] = tokens
        && matches!((m.tok, d.tok), (Tok::Num { digits: 1..=2, .. }, Tok::Num { digits: 1..=2, .. }))
    {
        let dash = |t: &Token| Token { tok: Tok::Sep, span: t.span };
        return Ok((iso_part(&[*y, dash(&tokens[1]), *m, dash(&tokens[3]), *d], text)?, None));
    }
    let slashes: Vec<usize> = tokens.iter().enumerate().filter(|(_, t)| t.tok == Tok::Slash).map(|(i, _)| i).collect();
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
fn iso_part(tokens: &[Token], text: &str) -> Result<Part, DateError> {
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => return Err(Span::new(0, text.len()).error(DateErrorKind::Empty)),
    };
    let bad = || span.error(DateErrorKind::Unrecognised(span.text(text)));
    let year = match tokens[0].tok {
        Tok::Num { value, digits: 4 } => Num { value, digits: 4, span: tokens[0].span },
        _ => return Err(bad()),
    };
    let mut fields = Vec::new();
    for pair in tokens[1..].chunks(2) {
        match pair {
            [Token { tok: Tok::Sep, .. }, Token { tok: Tok::Num { value, digits: digits @ 1..=2 }, span }] => {
                fields.push(Num { value: *value, digits: *digits, span: *span })
            }
            _ => return Err(bad()),
        }
    }
    if fields.len() > 2 {
        return Err(bad());
    }
    Ok(Part {
        span,
        year: Some(YearSpec::Written(year)),
        month: fields.first().copied().map(MonthSpec::One),
        fine: fields.get(1).map(|day| Fine::Day(*day, day.span)),
    })
}

// ---------------------------------------------------------------------------------------
// Chinese forms

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Day,
    Quarter,
}

/// A meaningful piece of one end, in the order it was written.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Numbered(Unit, Num, Span),
    Dekad(Dekad, Span),
    WholeYear(Span),
    Half(Half, Span),
    Relative(RelYear, Span),
}

impl Piece {
    fn span(self) -> Span {
        match self {
            Piece::Numbered(_, _, span)
            | Piece::Dekad(_, span)
            | Piece::WholeYear(span)
            | Piece::Half(_, span)
            | Piece::Relative(_, span) => span,
        }
    }

    /// Pieces must come in increasing rank: 2023年/今年 全年 | 9月/第三季度/上半年 18日/下旬.
    fn rank(self) -> u8 {
        match self {
            Piece::Numbered(Unit::Year, ..) | Piece::Relative(..) => 1,
            Piece::WholeYear(_) => 2,
            Piece::Numbered(Unit::Month | Unit::Quarter, ..) | Piece::Half(..) => 3,
            Piece::Numbered(Unit::Day, ..) | Piece::Dekad(..) => 4,
        }
    }
}

/// One side of a Chinese range: its pieces plus a trailing number without a unit, as the
/// "8" of "8-9月" or the "18" of "9月18-22日", which borrows its unit from the other side.
#[derive(Debug)]
pub(super) struct Side {
    span: Span,
    pieces: Vec<Piece>,
    bare: Option<Num>,
    /// Written in English (`18 September`, `Q3 2024`): its pieces come in any order, and a range's start takes
    /// what it leaves out from its end (`18–22 September`, `July–September 2024`).
    english: bool,
}

/// Joins the two sides of a Chinese range, lending a unit to a bare number. `lent` is the
/// unit the next date of a list lends a lone date ending in a bare number (9月18、19日).
pub(super) fn join_sides(
    start: &Side,
    end: Option<&Side>,
    lent: Option<Unit>,
    text: &str,
) -> Result<(Part, Option<Part>), DateError> {
    let Some(end) = end else {
        return Ok((build_part(start, lent, text)?, None));
    };
    if start.english || end.english {
        return join_english(start, end, text);
    }
    // "4月15-20": days without 日 after a month, both ends.
    if start.bare.is_some() && end.pieces.is_empty() && end.bare.is_some() && ends_in_month(start) {
        return Ok((build_part(start, Some(Unit::Day), text)?, Some(build_part(end, Some(Unit::Day), text)?)));
    }
    // "8-9月": a bare start number takes the unit of the first piece of the end.
    let start_unit = match (start.bare, end.pieces.first()) {
        (None, _) => None,
        (Some(_), Some(Piece::Numbered(unit, ..))) => Some(*unit),
        (Some(n), _) => return Err(missing_unit(n, text)),
    };
    // "9月18日-22": a lone bare end number takes the unit of the last piece of the start, if it
    // is a day or a year; "4月-2" could be 4月-2日 as well as 4月-2月, so it needs its unit.
    let end_unit = match (end.bare, start.pieces.last()) {
        (None, _) => None,
        (Some(_), Some(Piece::Numbered(unit @ (Unit::Day | Unit::Year), ..))) if end.pieces.is_empty() => Some(*unit),
        (Some(n), _) => return Err(missing_unit(n, text)),
    };
    Ok((build_part(start, start_unit, text)?, Some(build_part(end, end_unit, text)?)))
}

/// Joins the two sides of an English range. A bare number takes the unit the other side has (`18–22 September`,
/// `September 18–22`), and the start takes from the end the month of its day and the year it leaves out
/// (`18–22 September 2023` is 2023-09-18 to 22; `December–January 2024` starts in December 2023).
fn join_english(start: &Side, end: &Side, text: &str) -> Result<(Part, Option<Part>), DateError> {
    let has_day = |side: &Side| side.pieces.iter().any(|p| matches!(p, Piece::Numbered(Unit::Day, ..)));
    let unit = |n: Num, other: &Side| match n.digits {
        4 => Ok(Unit::Year),
        _ if has_day(other) => Ok(Unit::Day),
        _ => Err(english_missing(n, text)),
    };
    let start_unit = start.bare.map(|n| unit(n, end)).transpose()?;
    let end_unit = end.bare.map(|n| unit(n, start)).transpose()?;
    let (mut first, mut last) = (build_part(start, start_unit, text)?, build_part(end, end_unit, text)?);
    if let (None, Some(Fine::Day(..)), Some(MonthSpec::One(m))) = (first.month, first.fine, last.month) {
        first.month = Some(MonthSpec::One(m));
    }
    // Sep 18 – 22, 2023: an end with a year of its own is still in the start's month.
    if let (None, Some(_), Some(Fine::Day(..)), Some(MonthSpec::One(m))) =
        (last.month, last.year, last.fine, first.month)
    {
        last.month = Some(MonthSpec::One(m));
    }
    if let (None, Some(YearSpec::Written(y))) = (first.year, last.year) {
        let wraps = matches!((first.month, last.month), (Some(a), Some(b)) if month_range(a).0 > month_range(b).1);
        let year = if wraps { Num { value: y.value.saturating_sub(1), ..y } } else { y };
        first.year = Some(YearSpec::Written(year));
    }
    Ok((first, Some(last)))
}

/// The first and last month a written month spec names, as far as its numbers say (checked later).
fn month_range(spec: MonthSpec) -> (u32, u32) {
    match spec {
        MonthSpec::One(n) => (n.value, n.value),
        MonthSpec::Quarter(n, _) => (n.value.saturating_mul(3).saturating_sub(2), n.value.saturating_mul(3)),
        MonthSpec::Half(Half::First, _) => (1, 6),
        MonthSpec::Half(Half::Second, _) => (7, 12),
    }
}

/// Whether the last piece of a side is a month: a bare number after it is its day (`4月15`).
fn ends_in_month(side: &Side) -> bool {
    matches!(side.pieces.last(), Some(Piece::Numbered(Unit::Month, ..)))
}

/// A number of an English date that is no year and has no month beside it (`18 to 22`, `Sep 18 22`).
fn english_missing(n: Num, text: &str) -> DateError {
    n.span.error(DateErrorKind::NoMonthFor(n.span.text(text)))
}

fn missing_unit(n: Num, text: &str) -> DateError {
    n.span.error(DateErrorKind::MissingUnit(n.span.text(text)))
}

/// Groups the tokens of one side into pieces ("9" + "月" → month 9).
/// `english`: the range it is a side of has English words, so its pieces may come in any order.
pub(super) fn parse_side(tokens: &[Token], english: bool, text: &str) -> Result<Side, DateError> {
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => return Err(Span::new(0, text.len()).error(DateErrorKind::Empty)),
    };
    let mut side = Side { span, pieces: Vec::new(), bare: None, english };
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let misplaced = || token.span.error(DateErrorKind::Misplaced(token.span.text(text)));
        let tok_at = |k: usize| tokens.get(k).map(|t| t.tok);
        match token.tok {
            Tok::Num { value, digits } => {
                let num = Num { value, digits, span: token.span };
                let unit = match tok_at(i + 1) {
                    Some(Tok::Year) => Unit::Year,
                    Some(Tok::Month) => Unit::Month,
                    Some(Tok::Day) => Unit::Day,
                    Some(Tok::Quarter) => Unit::Quarter,
                    Some(Tok::Dot) => {
                        i = dotted(tokens, i, text, &mut side.pieces)?;
                        continue;
                    }
                    // "2023Q3", "2023上半年": four digits right before a quarter or half are a year.
                    Some(Tok::QuarterMark | Tok::Half(_)) if digits == 4 => {
                        side.pieces.push(Piece::Numbered(Unit::Year, num, num.span));
                        i += 1;
                        continue;
                    }
                    // "20230215": a compact date.
                    None if digits == 8 => {
                        side.pieces.extend(compact(num, text, &[Unit::Year, Unit::Month, Unit::Day]));
                        break;
                    }
                    // "2023年0730": month and day, compact after a year.
                    None if digits == 4 && matches!(side.pieces.last(), Some(Piece::Numbered(Unit::Year, ..))) => {
                        side.pieces.extend(compact(num, text, &[Unit::Month, Unit::Day]));
                        break;
                    }
                    // English: a year of four digits anywhere, a day next to its month name (`Sep 18, 2023`,
                    // `18 September`, `Q3 2024`).
                    _ if english && digits == 4 => Unit::Year,
                    _ if english
                        && digits <= 2
                        && (matches!(tok_at(i + 1), Some(Tok::MonthName(_)))
                            || i > 0 && matches!(tok_at(i - 1), Some(Tok::MonthName(_)))) =>
                    {
                        Unit::Day
                    }
                    // `22` of `Sep 18 – 22, 2023`: a number the other side gives its unit.
                    _ if english && digits <= 2 && side.bare.is_none() => {
                        side.bare = Some(num);
                        i += 1;
                        continue;
                    }
                    None => {
                        side.bare = Some(num);
                        break;
                    }
                    Some(_) => return Err(if english { english_missing(num, text) } else { missing_unit(num, text) }),
                };
                // An English year or day has no unit word after it.
                let unit_word = matches!(tok_at(i + 1), Some(Tok::Year | Tok::Month | Tok::Day | Tok::Quarter));
                if !unit_word {
                    side.pieces.push(Piece::Numbered(unit, num, num.span));
                    i += 1;
                    continue;
                }
                let whole = token.span.to(tokens[i + 1].span);
                side.pieces.push(Piece::Numbered(unit, num, whole));
                i += 2;
                continue;
            }
            // 第三季度: the number must be followed by 季度.
            Tok::Ordinal => match (tokens.get(i + 1), tok_at(i + 2)) {
                (Some(Token { tok: Tok::Num { value, digits }, span }), Some(Tok::Quarter)) => {
                    let num = Num { value: *value, digits: *digits, span: *span };
                    side.pieces.push(Piece::Numbered(Unit::Quarter, num, token.span.to(tokens[i + 2].span)));
                    i += 3;
                    continue;
                }
                _ => return Err(misplaced()),
            },
            Tok::QuarterMark => match tokens.get(i + 1) {
                Some(Token { tok: Tok::Num { value, digits }, span }) => {
                    let num = Num { value: *value, digits: *digits, span: *span };
                    side.pieces.push(Piece::Numbered(Unit::Quarter, num, token.span.to(*span)));
                    i += 2;
                    continue;
                }
                _ => return Err(misplaced()),
            },
            // 7月初和上中旬: 旬 joined by 和 are the run of days they cover together.
            Tok::Dekad(mut d) => {
                let mut span = token.span;
                while let (Some(Tok::And), Some(Token { tok: Tok::Dekad(other), span: end })) =
                    (tok_at(i + 1), tokens.get(i + 2))
                {
                    span = span.to(*end);
                    d = d.union(*other).ok_or_else(|| span.error(DateErrorKind::DekadsApart(span.text(text))))?;
                    i += 2;
                }
                side.pieces.push(Piece::Dekad(d, span));
            }
            Tok::WholeYear => side.pieces.push(Piece::WholeYear(token.span)),
            Tok::MonthName(m) => {
                let num = Num { value: m, digits: 2, span: token.span };
                side.pieces.push(Piece::Numbered(Unit::Month, num, token.span));
            }
            Tok::Half(h) => side.pieces.push(Piece::Half(h, token.span)),
            Tok::RelYear(r) => side.pieces.push(Piece::Relative(r, token.span)),
            // A unit with no number ("月"), or a mark that slipped through.
            Tok::Year
            | Tok::Month
            | Tok::Day
            | Tok::Quarter
            | Tok::Sep
            | Tok::Dot
            | Tok::During
            | Tok::Colon
            | Tok::Hour
            | Tok::Minute
            | Tok::HalfHour
            | Tok::Period(_)
            | Tok::Daily
            | Tok::Weekday(_)
            | Tok::Week
            | Tok::And
            | Tok::Meridiem(_)
            | Tok::List => return Err(misplaced()),
            Tok::Slash | Tok::Other | Tok::Group { .. } => {
                return Err(token.span.error(DateErrorKind::Unrecognised(token.span.text(text))));
            }
        }
        i += 1;
    }
    if side.english {
        english_order(&mut side, text)?;
    }
    Ok(side)
}

/// Puts the pieces of an English side in the order the Chinese are written (year, month, day or third), as English
/// writes them in any (`18 September 2023`, `late August`). `early Q3` is refused: early, mid and late are thirds
/// of one month, and a quarter or half year is whole months, so no reading of it would be honest.
fn english_order(side: &mut Side, text: &str) -> Result<(), DateError> {
    let third = side.pieces.iter().find(|p| matches!(p, Piece::Dekad(..)));
    let months = side.pieces.iter().find(|p| matches!(p, Piece::Numbered(Unit::Quarter, ..) | Piece::Half(..)));
    if let (Some(a), Some(b)) = (third, months) {
        let (a, b) = (a.span(), b.span());
        let span = if a.start < b.start { a.to(b) } else { b.to(a) };
        return Err(span.error(DateErrorKind::ThirdOfMonths(span.text(text))));
    }
    side.pieces.sort_by_key(|p| p.rank());
    Ok(())
}

/// A dotted date starting at token `i`: `10.28` (month.day), `2023.10` (year.month) or
/// `2023.10.28`. Returns the index after it.
fn dotted(tokens: &[Token], i: usize, text: &str, pieces: &mut Vec<Piece>) -> Result<usize, DateError> {
    let mut nums = Vec::new();
    let mut k = i;
    loop {
        match tokens.get(k) {
            Some(Token { tok: Tok::Num { value, digits }, span }) => {
                nums.push(Num { value: *value, digits: *digits, span: *span })
            }
            Some(t) => return Err(t.span.error(DateErrorKind::Misplaced(t.span.text(text)))),
            None => {
                let dot = tokens[k - 1].span;
                return Err(dot.error(DateErrorKind::Misplaced(dot.text(text))));
            }
        }
        k += 1;
        if tokens.get(k).map(|t| t.tok) != Some(Tok::Dot) {
            break;
        }
        k += 1;
    }
    let units: &[Unit] = match (nums.len(), nums[0].digits) {
        (3, 4) => &[Unit::Year, Unit::Month, Unit::Day],
        (2, 4) => &[Unit::Year, Unit::Month],
        (2, _) => &[Unit::Month, Unit::Day],
        _ => {
            let span = tokens[i].span.to(tokens[k - 1].span);
            return Err(span.error(DateErrorKind::Unrecognised(span.text(text))));
        }
    };
    pieces.extend(units.iter().zip(&nums).map(|(&unit, &n)| Piece::Numbered(unit, n, n.span)));
    Ok(k)
}

/// Compact digits as `units`, a year four digits and a month or day two: `20230215` as year, month and day, `0730`
/// as month and day; each piece with the span of its digits.
fn compact(num: Num, text: &str, units: &[Unit]) -> Vec<Piece> {
    let offsets: Vec<usize> = num.span.text(text).char_indices().map(|(i, _)| num.span.start + i).collect();
    let at = |k: usize| offsets.get(k).copied().unwrap_or(num.span.end);
    let mut from = 0;
    let mut pieces = Vec::with_capacity(units.len());
    for &unit in units {
        let to = from + if unit == Unit::Year { 4 } else { 2 };
        let digits: String =
            text[at(from)..at(to)].chars().filter_map(digit_value).map(|d| char::from(b'0' + d as u8)).collect();
        let value = digits.parse().unwrap_or(0);
        let span = Span::new(at(from), at(to));
        pieces.push(Piece::Numbered(unit, Num { value, digits: to - from, span }, span));
        from = to;
    }
    pieces
}

/// Checks the order of the pieces of one side and collects them into a [`Part`].
fn build_part(side: &Side, bare_unit: Option<Unit>, text: &str) -> Result<Part, DateError> {
    let bare = match (side.bare, bare_unit) {
        (None, _) => None,
        (Some(n), Some(unit)) => Some(Piece::Numbered(unit, n, n.span)),
        // "4月15": a day without 日 after its month.
        (Some(n), None) if ends_in_month(side) => Some(Piece::Numbered(Unit::Day, n, n.span)),
        (Some(n), None) => return Err(if side.english { english_missing(n, text) } else { missing_unit(n, text) }),
    };
    let mut part = Part { span: side.span, year: None, month: None, fine: None };
    let mut rank = 0;
    let mut whole_year = false;
    let pieces = side.pieces.iter().map(|p| (*p, false));
    for (piece, is_bare) in pieces.chain(bare.map(|p| (p, true))) {
        // A quarter or half year is whole months: nothing finer may follow it.
        let after_months = matches!(part.month, Some(MonthSpec::Quarter(..) | MonthSpec::Half(..)));
        if piece.rank() <= rank || whole_year || after_months {
            return Err(match (is_bare, side.bare) {
                (true, Some(n)) => {
                    if side.english {
                        english_missing(n, text)
                    } else {
                        missing_unit(n, text)
                    }
                }
                _ => {
                    let span = piece.span();
                    span.error(DateErrorKind::Misplaced(span.text(text)))
                }
            });
        }
        rank = piece.rank();
        match piece {
            Piece::Numbered(Unit::Year, n, _) => part.year = Some(YearSpec::Written(n)),
            Piece::Relative(r, span) => part.year = Some(YearSpec::Relative(r, span)),
            Piece::WholeYear(_) => whole_year = true,
            Piece::Numbered(Unit::Month, n, _) => part.month = Some(MonthSpec::One(n)),
            Piece::Numbered(Unit::Quarter, n, span) => part.month = Some(MonthSpec::Quarter(n, span)),
            Piece::Half(h, span) => part.month = Some(MonthSpec::Half(h, span)),
            Piece::Numbered(Unit::Day, n, span) => part.fine = Some(Fine::Day(n, span)),
            Piece::Dekad(d, span) => part.fine = Some(Fine::Dekad(d, span)),
        }
    }
    Ok(part)
}

/// The unit of the first number of a date as written ("19日" lends 日), for a bare number
/// before it in a list.
pub(super) fn first_unit(tokens: &[Token]) -> Option<Unit> {
    match (tokens.first().map(|t| t.tok), tokens.get(1).map(|t| t.tok)) {
        (Some(Tok::Num { .. }), Some(Tok::Year)) => Some(Unit::Year),
        (Some(Tok::Num { .. }), Some(Tok::Month)) => Some(Unit::Month),
        (Some(Tok::Num { .. }), Some(Tok::Day)) => Some(Unit::Day),
        (Some(Tok::Num { .. }), Some(Tok::Quarter)) => Some(Unit::Quarter),
        _ => None,
    }
}
