//! Tokens into the two ends of a range as written (ISO 8601 / EDTF or the Chinese forms).

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

/// Joins the two sides of a Chinese range, lending a unit to a bare number.
pub(super) fn join_sides(start: &Side, end: Option<&Side>, text: &str) -> Result<(Part, Option<Part>), DateError> {
    let Some(end) = end else {
        return Ok((build_part(start, None, text)?, None));
    };
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
    Ok((build_part(start, start_unit, text)?, Some(build_part(end, end_unit, text)?)))
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
            Tok::Slash | Tok::Other | Tok::Group { .. } => {
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
