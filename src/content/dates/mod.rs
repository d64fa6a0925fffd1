//! Reading the published, fuzzy time text of an activity ("8月下旬", "7月-9月（评审阶段）",
//! "全年，按报名预约时间安排", "2023-09-18") the way a Chinese reader does: into an inclusive
//! date range that remembers how precise each end was written.
//!
//! The rule that shapes everything here: precision is never faked. "8月下旬" becomes
//! 21–31 August *at dekad precision*, and "7月-9月" stays a month range; callers show
//! [`When::in_words`] and [`Precision::label`] so a reader can see how exact a date is.
//!
//! Pipeline: [`parse_when`] first cuts off a note (a bracketed part or a clause after a
//! comma), then tokenizes the date part over chars while keeping byte offsets (so every
//! error can point at the exact text), reads each side of the range into a [`Part`], and
//! finally resolves the parts against the default year into dates.

use std::fmt::{self, Write as _};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

/// How exactly one end of a range was written. Ordered fine to coarse, so `max()` is the
/// coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
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
    /// Short Chinese label shown next to a bar.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Day => "日",
            Precision::Dekad => "旬",
            Precision::Month => "月",
            Precision::Year => "年",
        }
    }

    /// Stable ASCII name, used as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
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

/// When an activity happens: an inclusive date range plus the precision of each end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// First day of the range.
    pub start: NaiveDate,
    /// Last day of the range (inclusive).
    pub end: NaiveDate,
    pub start_precision: Precision,
    pub end_precision: Precision,
    /// Verbatim note: the text inside `（…）` and/or after a comma, joined with "；".
    pub note: Option<String>,
}

impl When {
    /// The coarser precision of the two ends: the honest precision of the whole range.
    pub fn precision(&self) -> Precision {
        self.start_precision.max(self.end_precision)
    }

    /// Whether this range shares at least one day with the inclusive range `first..=last`.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.start <= last && first <= self.end
    }

    /// The range in Chinese words, at no finer precision than it was written:
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年全年`.
    pub fn in_words(&self) -> String {
        let (s, e) = (self.start, self.end);
        match self.precision() {
            Precision::Year if s.year() == e.year() => format!("{}年全年", s.year()),
            Precision::Year => format!("{}年–{}年", s.year(), e.year()),
            Precision::Month => {
                let mut out = format!("{}年{}月", s.year(), s.month());
                if (s.year(), s.month()) != (e.year(), e.month()) {
                    out.push('–');
                    if s.year() != e.year() {
                        let _ = write!(out, "{}年", e.year());
                    }
                    let _ = write!(out, "{}月", e.month());
                }
                out
            }
            Precision::Day => day_words(s, e),
            // The exact days are useful, but the bracket says they come from a 旬 reading.
            Precision::Dekad => format!("{}（{}）", day_words(s, e), self.dekad_reading()),
        }
    }

    /// The 旬 reading of a dekad-precision range, e.g. `8月下旬`, `9月中下旬`,
    /// `8月下旬至9月上旬`, `9月18日至9月下旬`.
    fn dekad_reading(&self) -> String {
        let (s, e) = (self.start, self.end);
        let both_dekads = self.start_precision == Precision::Dekad && self.end_precision == Precision::Dekad;
        if both_dekads && (s.year(), s.month()) == (e.year(), e.month()) {
            let word = match (start_third(s), end_third(e)) {
                (Some(Third::Upper), Some(Third::Upper)) => Some("上旬"),
                (Some(Third::Middle), Some(Third::Middle)) => Some("中旬"),
                (Some(Third::Lower), Some(Third::Lower)) => Some("下旬"),
                (Some(Third::Upper), Some(Third::Middle)) => Some("上中旬"),
                (Some(Third::Middle), Some(Third::Lower)) => Some("中下旬"),
                _ => None,
            };
            if let Some(word) = word {
                return format!("{}月{}", s.month(), word);
            }
        }
        format!(
            "{}至{}",
            end_reading(s, self.start_precision, start_third(s)),
            end_reading(e, self.end_precision, end_third(e)),
        )
    }
}

/// Day-precision words, leaving out the year and month of the end when they repeat.
fn day_words(s: NaiveDate, e: NaiveDate) -> String {
    let mut out = format!("{}年{}月{}日", s.year(), s.month(), s.day());
    if s != e {
        out.push('–');
        if s.year() != e.year() {
            let _ = write!(out, "{}年{}月", e.year(), e.month());
        } else if s.month() != e.month() {
            let _ = write!(out, "{}月", e.month());
        }
        let _ = write!(out, "{}日", e.day());
    }
    out
}

/// One end of a range read back in words, e.g. `9月下旬` or `9月18日`.
fn end_reading(date: NaiveDate, precision: Precision, third: Option<Third>) -> String {
    match (precision, third) {
        (Precision::Dekad, Some(t)) => format!("{}月{}旬", date.month(), t.word()),
        (Precision::Day | Precision::Dekad, _) => format!("{}月{}日", date.month(), date.day()),
        (Precision::Month, _) => format!("{}月", date.month()),
        (Precision::Year, _) => format!("{}年", date.year()),
    }
}

/// Upper, middle or lower third of a month, as a dekad is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Third {
    Upper,
    Middle,
    Lower,
}

impl Third {
    fn word(self) -> &'static str {
        match self {
            Third::Upper => "上",
            Third::Middle => "中",
            Third::Lower => "下",
        }
    }
}

/// Which dekad a range starting on `date` starts with, if it starts on a dekad boundary.
fn start_third(date: NaiveDate) -> Option<Third> {
    match date.day() {
        1 => Some(Third::Upper),
        11 => Some(Third::Middle),
        21 => Some(Third::Lower),
        _ => None,
    }
}

/// Which dekad a range ending on `date` ends with, if it ends on a dekad boundary.
fn end_third(date: NaiveDate) -> Option<Third> {
    match date.day() {
        10 => Some(Third::Upper),
        20 => Some(Third::Middle),
        d if Some(d) == last_day(date.year(), date.month()) => Some(Third::Lower),
        _ => None,
    }
}

/// A date text that could not be read, with the byte span of the offending part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct DateError {
    /// Byte offset of the offending part inside the parsed text.
    pub offset: usize,
    /// Byte length of the offending part; at least 1 unless the text is empty.
    pub len: usize,
    pub kind: DateErrorKind,
}

/// What is wrong with a date text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateErrorKind {
    #[error("the date text is empty")]
    Empty,
    #[error("there is a note but no date before it")]
    MissingDate,
    #[error("\"{0}\" does not say which month")]
    NoMonth(String),
    #[error("month {0} does not exist")]
    MonthOutOfRange(u32),
    #[error("{year:04}-{month:02} has no day {day}")]
    DayOutOfRange { year: i32, month: u32, day: u32 },
    #[error("year {0} is not a four-digit year")]
    YearOutOfRange(i64),
    #[error("the range ends on {end}, before it starts on {start}")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("\"{0}\" is not a date")]
    Unrecognised(String),
    #[error("\"{0}\" after the date is not part of a date")]
    TrailingText(String),
    #[error("\"{0}\" is out of place here")]
    Misplaced(String),
    #[error("the number {0} has no unit (年, 月 or 日)")]
    MissingUnit(String),
    #[error("there is no date on one side of \"{0}\"")]
    IncompleteRange(String),
    #[error("the bracket \"{0}\" is never closed")]
    UnclosedBracket(String),
}

impl DateError {
    /// Byte range of the offending part, for slicing the text or building a caret line.
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.len
    }

    /// One plain sentence telling the editor how to fix the text.
    pub fn help(&self) -> String {
        match &self.kind {
            DateErrorKind::Empty => "Write when the activity happens, for example 9月18日, \
                 9月18日-22日, 8月下旬, 7月-9月, 全年 or 2023-09-18."
                .to_string(),
            DateErrorKind::MissingDate => "Put the date first and the note after it, for \
                 example 9月（具体时间另行通知） or 全年，按报名预约时间安排."
                .to_string(),
            DateErrorKind::NoMonth(word) => {
                format!("Put the month before \"{word}\", for example 9月{word}.")
            }
            DateErrorKind::MonthOutOfRange(_) => {
                "Months run from 1月 to 12月 (01 to 12 in 2023-09), so check the month number.".to_string()
            }
            DateErrorKind::DayOutOfRange { year, month, day } => match last_day(*year, *month) {
                Some(n) if *month == 2 && *day == 29 => format!(
                    "{year}年2月 has only {n} days because {year} is not a leap year, \
                         so check the day or the year."
                ),
                Some(n) => {
                    format!("{year}年{month}月 has {n} days, so write a day from 1日 to {n}日.")
                }
                None => "Check the day number against the month.".to_string(),
            },
            DateErrorKind::YearOutOfRange(_) => {
                "Write the year in full with four digits, for example 2023年 or 2023-09.".to_string()
            }
            DateErrorKind::EndBeforeStart { .. } => "Put the earlier date first, for example \
                 9月18日-22日, and write both years (2023年12月-2024年1月) for a range that \
                 crosses a year."
                .to_string(),
            DateErrorKind::Unrecognised(_) => "Write a date such as 9月18日, 9月18日-22日, \
                 8月下旬, 7月-9月, 全年 or 2023-09-18, and put anything else in brackets \
                 （…） or after a comma."
                .to_string(),
            DateErrorKind::TrailingText(rest) => format!(
                "Put extra words in brackets after the date, as in 9月（{rest}）, or after a \
                 comma, as in 9月，{rest}."
            ),
            DateErrorKind::Misplaced(_) => "Write each part once in the order year, month, \
                 then day or 上旬/中旬/下旬 (as in 2023年9月下旬), and join two dates with a \
                 single - or 至."
                .to_string(),
            DateErrorKind::MissingUnit(n) => {
                format!("Add 年, 月 or 日 after {n}, for example {n}月 or {n}日.")
            }
            DateErrorKind::IncompleteRange(sep) => {
                format!("Write a date on both sides of \"{sep}\", for example 7月{sep}9月.")
            }
            DateErrorKind::UnclosedBracket(open) => {
                let close = if open == "(" { ")" } else { "）" };
                format!("Close the note with \"{close}\", for example 9月{open}评审阶段{close}.")
            }
        }
    }
}

/// Reads a published date text; ends without a year get `default_year`.
pub fn parse_when(text: &str, default_year: i32) -> Result<When, DateError> {
    let (date, note) = split_note(text)?;
    let tokens = tokenize(text, date);
    let (start, end) =
        if is_iso(&tokens, text) { parse_iso(&tokens, text)? } else { parse_chinese(&tokens, text, date)? };
    let mut when = resolve(&start, end.as_ref(), default_year, date, text)?;
    when.note = note;
    Ok(when)
}

// ---------------------------------------------------------------------------------------
// Spans and errors

/// Byte range `start..end` inside the whole input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    fn to(self, other: Span) -> Span {
        Span::new(self.start, other.end)
    }

    fn text(self, text: &str) -> String {
        text.get(self.start..self.end).unwrap_or_default().to_string()
    }

    fn error(self, kind: DateErrorKind) -> DateError {
        DateError { offset: self.start, len: self.end.saturating_sub(self.start), kind }
    }
}

// ---------------------------------------------------------------------------------------
// Notes

const OPENERS: [char; 2] = ['（', '('];
const CLOSERS: [char; 2] = ['）', ')'];
const CLAUSE_MARKS: [char; 4] = ['，', ',', '；', ';'];

/// Splits `text` into the (trimmed) span of the date part and the verbatim note.
/// The note starts at the first bracket or comma/semicolon; brackets may nest.
fn split_note(text: &str) -> Result<(Span, Option<String>), DateError> {
    if text.trim().is_empty() {
        return Err(Span::new(0, text.len()).error(DateErrorKind::Empty));
    }
    let cut = text.char_indices().find(|(_, c)| OPENERS.contains(c) || CLAUSE_MARKS.contains(c));
    let (date_end, note) = match cut {
        None => (text.len(), None),
        Some((i, c)) if CLAUSE_MARKS.contains(&c) => (i, non_empty(&text[i + c.len_utf8()..]).map(str::to_string)),
        Some((i, open)) => {
            let inner_start = i + open.len_utf8();
            let Some((close_at, close)) = find_close(text, inner_start) else {
                let span = Span::new(i, inner_start);
                return Err(span.error(DateErrorKind::UnclosedBracket(open.to_string())));
            };
            let mut parts: Vec<&str> = non_empty(&text[inner_start..close_at]).into_iter().collect();
            let rest = text[close_at + close.len_utf8()..].trim_start();
            if let Some(mark) = rest.chars().next() {
                if CLAUSE_MARKS.contains(&mark) {
                    parts.extend(non_empty(&rest[mark.len_utf8()..]));
                } else {
                    // Only a bracket or a comma clause may follow the date: "9月（评审）北京".
                    let offset = text.len() - rest.len();
                    let rest = rest.trim_end();
                    let span = Span::new(offset, offset + rest.len());
                    return Err(span.error(DateErrorKind::TrailingText(rest.to_string())));
                }
            }
            let note = (!parts.is_empty()).then(|| parts.join("；"));
            (i, note)
        }
    };
    let head = &text[..date_end];
    let start = head.len() - head.trim_start().len();
    let end = head.trim_end().len();
    if start >= end {
        // `cut` is Some here: the text is not blank, so the blank head ends at a note mark.
        let span = cut.map_or(Span::new(0, text.len()), |(i, c)| Span::new(i, i + c.len_utf8()));
        return Err(span.error(DateErrorKind::MissingDate));
    }
    Ok((Span::new(start, end), note))
}

fn non_empty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// Finds the bracket closing the one opened just before `from`, allowing nesting.
fn find_close(text: &str, from: usize) -> Option<(usize, char)> {
    let mut depth = 0usize;
    for (j, c) in text[from..].char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            if depth == 0 {
                return Some((from + j, c));
            }
            depth -= 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Tokens

/// A third of a month as written: 上旬, 中旬, 下旬, 上中旬, 中下旬 (初 = 上旬, 底/末 = 下旬).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dekad {
    Early,
    Middle,
    Late,
    EarlyMiddle,
    MiddleLate,
}

impl Dekad {
    /// First and last day covered in a month of `last` days.
    fn days(self, last: u32) -> (u32, u32) {
        match self {
            Dekad::Early => (1, 10),
            Dekad::Middle => (11, 20),
            Dekad::Late => (21, last),
            Dekad::EarlyMiddle => (1, 20),
            Dekad::MiddleLate => (11, last),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A run of ASCII or full-width digits (saturating value, digit count).
    Num {
        value: u32,
        digits: usize,
    },
    Year,
    Month,
    Day,
    WholeYear,
    Dekad(Dekad),
    /// Range separator: a run of dashes/tildes, 至 or 到.
    Sep,
    /// `/`, only meaningful in ISO intervals.
    Slash,
    /// Anything unknown, grouped so "abc" is one token.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    tok: Tok,
    span: Span,
}

/// Longest words first, so "中下旬" wins over "下旬".
const WORDS: [(&str, Tok); 16] = [
    ("上中旬", Tok::Dekad(Dekad::EarlyMiddle)),
    ("中下旬", Tok::Dekad(Dekad::MiddleLate)),
    ("上旬", Tok::Dekad(Dekad::Early)),
    ("中旬", Tok::Dekad(Dekad::Middle)),
    ("下旬", Tok::Dekad(Dekad::Late)),
    ("全年", Tok::WholeYear),
    ("初", Tok::Dekad(Dekad::Early)),
    ("底", Tok::Dekad(Dekad::Late)),
    ("末", Tok::Dekad(Dekad::Late)),
    ("年", Tok::Year),
    ("月", Tok::Month),
    ("日", Tok::Day),
    ("号", Tok::Day),
    ("至", Tok::Sep),
    ("到", Tok::Sep),
    ("/", Tok::Slash),
];

/// Dash-like range marks; a run of them ("——") is one separator.
const DASHES: [char; 10] = ['-', '~', '－', '～', '〜', '–', '—', '―', '‐', '−'];

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The known token starting `rest`, with its byte length (whitespace is "known" too, as
/// it ends an unknown run).
fn known_at(rest: &str) -> Option<(Tok, usize)> {
    let c = rest.chars().next()?;
    if c.is_whitespace() {
        return Some((Tok::Other, 0));
    }
    if digit_value(c).is_some() {
        let (mut value, mut digits, mut len) = (0u32, 0usize, 0usize);
        for d in rest.chars().map_while(|ch| digit_value(ch).map(|v| (v, ch.len_utf8()))) {
            value = value.saturating_mul(10).saturating_add(d.0);
            digits += 1;
            len += d.1;
        }
        return Some((Tok::Num { value, digits }, len));
    }
    if DASHES.contains(&c) {
        let len = rest.chars().take_while(|ch| DASHES.contains(ch)).map(char::len_utf8).sum();
        return Some((Tok::Sep, len));
    }
    WORDS.iter().find(|(word, _)| rest.starts_with(word)).map(|&(word, tok)| (tok, word.len()))
}

/// Tokens of `text[range]`, skipping whitespace; spans are offsets into all of `text`.
fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = range.start;
    while let Some(rest) = text.get(i..range.end).filter(|r| !r.is_empty()) {
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (tok, len) = match known_at(rest) {
            Some((tok, len)) if len > 0 => (tok, len),
            _ => {
                // Unknown: swallow up to the next known token or whitespace.
                let mut len = c.len_utf8();
                while let Some(r) = rest.get(len..).filter(|r| !r.is_empty()) {
                    if known_at(r).is_some() {
                        break;
                    }
                    len += r.chars().next().map_or(1, char::len_utf8);
                }
                (Tok::Other, len)
            }
        };
        tokens.push(Token { tok, span: Span::new(i, i + len) });
        i += len;
    }
    tokens
}

// ---------------------------------------------------------------------------------------
// Parts: one end of a range as written, before years are filled in

#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    span: Span,
}

/// What is finer than a month in one end.
#[derive(Debug, Clone, Copy)]
enum Fine {
    /// The day number and the span of the whole piece ("18日"), for messages.
    Day(Num, Span),
    Dekad(Dekad, Span),
}

impl Fine {
    fn span(self) -> Span {
        match self {
            Fine::Day(_, span) | Fine::Dekad(_, span) => span,
        }
    }
}

/// One end of a range as written. No year means "inherit"; no month and no fine part
/// means a whole year.
#[derive(Debug, Clone, Copy)]
struct Part {
    span: Span,
    year: Option<Num>,
    month: Option<Num>,
    fine: Option<Fine>,
}

// ---------------------------------------------------------------------------------------
// ISO 8601 / EDTF: 2023, 2023-09, 2023-09-18 and intervals joined by "/"

/// ISO is chosen only for text made of digits, single "-" and "/", starting with a
/// four-digit year; "8-9月" and "2023-2024年" stay Chinese.
fn is_iso(tokens: &[Token], text: &str) -> bool {
    let starts_with_year = matches!(tokens.first(), Some(Token { tok: Tok::Num { digits: 4, .. }, .. }));
    starts_with_year
        && tokens.iter().all(|t| match t.tok {
            Tok::Num { .. } | Tok::Slash => true,
            Tok::Sep => t.span.text(text) == "-",
            _ => false,
        })
}

fn parse_iso(tokens: &[Token], text: &str) -> Result<(Part, Option<Part>), DateError> {
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
fn iso_part(tokens: &[Token], text: &str) -> Result<Part, DateError> {
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

fn positions(tokens: &[Token], tok: Tok) -> Vec<usize> {
    tokens.iter().enumerate().filter(|(_, t)| t.tok == tok).map(|(i, _)| i).collect()
}

// ---------------------------------------------------------------------------------------
// Chinese forms

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Day,
}

/// A meaningful piece of one end, in the order it was written.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Numbered(Unit, Num, Span),
    Dekad(Dekad, Span),
    WholeYear(Span),
}

impl Piece {
    fn span(self) -> Span {
        match self {
            Piece::Numbered(_, _, span) | Piece::Dekad(_, span) | Piece::WholeYear(span) => span,
        }
    }

    /// Pieces must come in increasing rank: 2023年 全年 | 9月 18日/下旬.
    fn rank(self) -> u8 {
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
struct Side {
    span: Span,
    pieces: Vec<Piece>,
    bare: Option<Num>,
}

fn parse_chinese(tokens: &[Token], text: &str, date: Span) -> Result<(Part, Option<Part>), DateError> {
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

fn missing_unit(n: Num, text: &str) -> DateError {
    n.span.error(DateErrorKind::MissingUnit(n.span.text(text)))
}

/// Groups the tokens of one side into pieces ("9" + "月" → month 9).
fn parse_side(tokens: &[Token], text: &str) -> Result<Side, DateError> {
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
fn build_part(side: &Side, bare_unit: Option<Unit>, text: &str) -> Result<Part, DateError> {
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
struct Covered {
    first: NaiveDate,
    last: NaiveDate,
    precision: Precision,
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
}

fn check_year(n: Num) -> Result<i32, DateError> {
    // Two-digit years ("23年") would be silently misread, so only four digits are taken.
    match i32::try_from(n.value) {
        Ok(y) if (1000..=9999).contains(&y) => Ok(y),
        _ => Err(n.span.error(DateErrorKind::YearOutOfRange(i64::from(n.value)))),
    }
}

fn check_month(n: Num) -> Result<u32, DateError> {
    if (1..=12).contains(&n.value) { Ok(n.value) } else { Err(n.span.error(DateErrorKind::MonthOutOfRange(n.value))) }
}

/// The days covered by `year` / `month` / `fine`; `span` is blamed if the year itself
/// is beyond what dates can hold (only possible through the caller's default year).
fn cover(year: i32, month: Option<u32>, fine: Option<Fine>, span: Span) -> Result<Covered, DateError> {
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

fn no_month(fine: Fine, text: &str) -> DateError {
    let span = fine.span();
    span.error(DateErrorKind::NoMonth(span.text(text)))
}

/// Fills in what the end inherits from the start (year, month), turns both into dates
/// and checks their order. `date` is the span of the whole date part, blamed when the
/// caller's default year cannot hold dates.
fn resolve(start: &Part, end: Option<&Part>, default_year: i32, date: Span, text: &str) -> Result<When, DateError> {
    let start_year = start.year.map(check_year).transpose()?.unwrap_or(default_year);
    let start_month = start.month.map(check_month).transpose()?;
    if let (None, Some(fine)) = (start_month, start.fine) {
        return Err(no_month(fine, text));
    }
    let first = cover(start_year, start_month, start.fine, date)?;
    let Some(end) = end else {
        return Ok(When {
            start: first.first,
            end: first.last,
            start_precision: first.precision,
            end_precision: first.precision,
            note: None,
        });
    };
    let (end_year, end_month) = match (end.year, end.month) {
        (Some(year), month) => (check_year(year)?, month.map(check_month).transpose()?),
        (None, Some(month)) => {
            let month = check_month(month)?;
            // "12月-1月": without years, running into an earlier month means the next year.
            let crosses = start_month.is_some_and(|m| month < m);
            let year = if crosses {
                start_year
                    .checked_add(1)
                    .ok_or_else(|| date.error(DateErrorKind::YearOutOfRange(i64::from(start_year))))?
            } else {
                start_year
            };
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
    })
}

#[cfg(test)]
mod tests;
