//! Stage 1, lex: a date text into tokens. The clause note after a comma is cut off
//! ([`split_clause`]), words that name no dates are refused ([`check_vague`]), and the date part
//! becomes [`Token`]s ([`tokenize`]): each a [`Tok`] (a word, a number, a mark, a bracketed
//! group) with the [`Span`] of its bytes in the whole text, so any later error can point at it.
//!
//! Hands on: [`Span`], [`Token`], [`Tok`] and the word classes inside it ([`Dekad`], [`Half`],
//! [`RelYear`], [`Period`]); [`tokenize`] again for the inside of a bracket, and [`digit_value`].
//! Imports no other stage.

mod english;
mod normalise;
mod numerals;
mod vague;

use crate::error::{DateError, DateErrorKind};

pub(crate) use english::is_english;
pub(crate) use vague::{check_vague, honest_example};

// ---------------------------------------------------------------------------------------
// Spans and errors

/// Byte range `start..end` inside the whole input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub(crate) fn to(self, other: Span) -> Span {
        Span::new(self.start, other.end)
    }

    pub(crate) fn text(self, text: &str) -> String {
        self.str(text).to_string()
    }

    /// The bytes of the span in `text`, borrowed.
    pub(crate) fn str(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or_default()
    }

    /// Whether the span holds an ASCII letter: English words (or a `Q` of `Q3`).
    pub(crate) fn has_letter(self, text: &str) -> bool {
        self.str(text).bytes().any(|b| b.is_ascii_alphabetic())
    }

    pub(crate) fn error(self, kind: DateErrorKind) -> DateError {
        DateError { offset: self.start, len: self.end.saturating_sub(self.start), kind }
    }
}

// ---------------------------------------------------------------------------------------
// Notes

const OPENERS: [char; 2] = ['（', '('];
const CLOSERS: [char; 2] = ['）', ')'];
const CLAUSE_MARKS: [char; 4] = ['，', ',', '；', ';'];

/// Splits `text` into the (trimmed) span of the date part and the verbatim clause note after
/// the first comma or semicolon outside brackets. Brackets stay in the date part: a bracket
/// may follow either end of a range, and one holding a weekday or a time is read.
pub(crate) fn split_clause(text: &str) -> Result<(Span, Option<String>), DateError> {
    if text.trim().is_empty() {
        return Err(Span::new(0, text.len()).error(DateErrorKind::Empty));
    }
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut cut = None;
    for (i, c) in text.char_indices() {
        if OPENERS.contains(&c) {
            open.push((i, c));
        } else if CLOSERS.contains(&c) {
            // A closer with no opener stays in the date part, where it is unreadable text.
            open.pop();
        } else if open.is_empty() && CLAUSE_MARKS.contains(&c) && !(c == ',' && english_comma(text, i)) {
            cut = Some((i, c));
            break;
        }
    }
    if let Some(&(i, c)) = open.first() {
        let span = Span::new(i, i + c.len_utf8());
        return Err(span.error(DateErrorKind::UnclosedBracket(c.to_string())));
    }
    let (date_end, note) = match cut {
        None => (text.len(), None),
        Some((i, c)) => (i, non_empty(&text[i + c.len_utf8()..]).map(str::to_string)),
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

/// Whether the `,` at `at` is inside an English date rather than before its note: after a month or weekday
/// name (`Monday, September 18`, `Sep 18, 2023`, `Oct 1, 3 and 5`) and before a number, a month or a weekday.
fn english_comma(text: &str, at: usize) -> bool {
    let after = text[at + 1..].trim_start();
    let next_word = after.split(|c: char| !(c.is_ascii_alphabetic() || c == '.')).next().unwrap_or_default();
    let continues = after.starts_with(|c: char| c.is_ascii_digit()) || english::is_date_word(next_word);
    continues && text[..at].split(|c: char| !(c.is_ascii_alphabetic() || c == '.')).any(english::is_date_word)
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
pub(crate) enum Dekad {
    Early,
    Middle,
    Late,
    EarlyMiddle,
    MiddleLate,
}

impl Dekad {
    /// First and last day covered in a month of `last` days.
    pub(crate) fn days(self, last: u32) -> (u32, u32) {
        match self {
            Dekad::Early => (1, 10),
            Dekad::Middle => (11, 20),
            Dekad::Late => (21, last),
            Dekad::EarlyMiddle => (1, 20),
            Dekad::MiddleLate => (11, last),
        }
    }

    /// Two 旬 written together (`7月初和上中旬`, `上旬和中旬`): the one run of days they cover, if they meet.
    pub(crate) fn union(self, other: Dekad) -> Option<Dekad> {
        let ((a, b), (c, d)) = (self.days(31), other.days(31));
        let (first, last) = (a.min(c), b.max(d));
        // They must meet or overlap: 上旬和下旬 leaves 中旬 out.
        if a.max(c) > b.min(d) + 1 {
            return None;
        }
        [Dekad::Early, Dekad::Middle, Dekad::Late, Dekad::EarlyMiddle, Dekad::MiddleLate]
            .into_iter()
            .find(|k| k.days(31) == (first, last))
    }
}

/// 上半年 or 下半年.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Half {
    First,
    Second,
}

/// A year named relative to another: 今年 and 明年 to the schedule's, 次年/翌年 to the start's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelYear {
    This,
    Next,
    Following,
}

/// A word saying which part of the day an hour is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// 凌晨
    Dawn,
    /// 上午, 早上
    Morning,
    /// 中午
    Noon,
    /// 下午
    Afternoon,
    /// 晚上
    Evening,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of ASCII or full-width digits (saturating value, digit count), or of Chinese
    /// numerals followed by a unit.
    Num {
        value: u32,
        digits: usize,
    },
    /// 年
    Year,
    /// 月, 月份
    Month,
    /// 日, 号
    Day,
    /// 季度
    Quarter,
    /// `Q` before a quarter number.
    QuarterMark,
    /// 第 before a quarter number.
    Ordinal,
    /// A teaching week, `第11周`, `第十一週`: said in timetables before the weekday and the date in brackets.
    Week,
    /// 和, 与, 及 between two 旬 words (`7月初和上中旬`).
    And,
    WholeYear,
    Half(Half),
    RelYear(RelYear),
    Dekad(Dekad),
    /// Range separator: a run of dashes/tildes, 至 or 到, `to` or `through`.
    Sep,
    /// `/`, only meaningful in ISO intervals.
    Slash,
    /// `.` between the numbers of a dotted date (10.28, 2023.9.18).
    Dot,
    /// 期间 ("during") after a range, which adds nothing to it.
    During,
    /// `:` or `：` in a time.
    Colon,
    /// 时, 時, 点, 點 after an hour.
    Hour,
    /// 分 after minutes.
    Minute,
    /// 半 after an hour: half past.
    HalfHour,
    Period(Period),
    /// 每天, 每日 before the hours of each day.
    Daily,
    /// 周三, 星期五, 礼拜天, Wed, Friday: the day of the week from Monday (1) to Sunday (7).
    Weekday(u32),
    /// 、 between the dates of a list; `,` or `and` in English (`Oct 1, 3 and 5`).
    List,
    /// A bracketed part, `（…）` or `(…)`, brackets nested inside; `inner` is between the brackets.
    Group {
        inner: Span,
    },
    /// An English month name, `September`, `Sept`, `Sep.`: the month from 1 to 12.
    MonthName(u32),
    /// `am` (false) or `pm` (true) after an English time.
    Meridiem(bool),
    /// Anything unknown, grouped so "abc" is one token.
    Other,
}

/// A token and where it was written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) span: Span,
}

/// Longest words first, so "中下旬" wins over "下旬" and "上半年" is not read from its 年. Traditional characters
/// are read as the simplified (`normalise`), so each word is here once.
const WORDS: [(&str, Tok); 41] = [
    // 贯穿全年, "throughout the year", is the whole year.
    ("贯穿全年", Tok::WholeYear),
    ("上、中旬", Tok::Dekad(Dekad::EarlyMiddle)),
    ("中、下旬", Tok::Dekad(Dekad::MiddleLate)),
    ("上半年", Tok::Half(Half::First)),
    ("下半年", Tok::Half(Half::Second)),
    ("上中旬", Tok::Dekad(Dekad::EarlyMiddle)),
    ("中下旬", Tok::Dekad(Dekad::MiddleLate)),
    ("上旬", Tok::Dekad(Dekad::Early)),
    ("中旬", Tok::Dekad(Dekad::Middle)),
    ("下旬", Tok::Dekad(Dekad::Late)),
    ("全年", Tok::WholeYear),
    ("今年", Tok::RelYear(RelYear::This)),
    ("明年", Tok::RelYear(RelYear::Next)),
    ("次年", Tok::RelYear(RelYear::Following)),
    ("翌年", Tok::RelYear(RelYear::Following)),
    ("季度", Tok::Quarter),
    ("月份", Tok::Month),
    ("期间", Tok::During),
    ("上午", Tok::Period(Period::Morning)),
    ("早上", Tok::Period(Period::Morning)),
    ("中午", Tok::Period(Period::Noon)),
    ("下午", Tok::Period(Period::Afternoon)),
    ("晚上", Tok::Period(Period::Evening)),
    ("凌晨", Tok::Period(Period::Dawn)),
    ("每天", Tok::Daily),
    ("每日", Tok::Daily),
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
    (".", Tok::Dot),
    ("．", Tok::Dot),
    (":", Tok::Colon),
    ("：", Tok::Colon),
    ("、", Tok::List),
];

/// What may follow a Chinese numeral for it to be read as a number.
const NUMERAL_UNITS: [char; 8] = ['年', '月', '日', '号', '季', '时', '点', '分'];

/// Dash-like range marks; a run of them ("——") is one separator.
const DASHES: [char; 10] = ['-', '~', '－', '～', '〜', '–', '—', '―', '‐', '−'];

pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The known token starting `rest` (of the normalised text), with its byte length (whitespace is "known" too, as
/// it ends an unknown run). `prev` is the token before, for words that mean something only after another (月中
/// after a month); inside unknown text it is `Other`. `after_letter`: an ASCII letter comes just before, so no
/// English word starts here.
fn known_at(rest: &str, prev: Option<Tok>, after_letter: bool) -> Option<(Tok, usize)> {
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
        // 18th, 1st: an English day number with its ordinal.
        let len = len + if digits <= 2 { english::ordinal_suffix(&rest[len..]) } else { 0 };
        return Some((Tok::Num { value, digits }, len));
    }
    if c.is_ascii_alphabetic()
        && !after_letter
        && let Some(word) = english::word_at(rest)
    {
        return Some(word);
    }
    if DASHES.contains(&c) {
        let len = rest.chars().take_while(|ch| DASHES.contains(ch)).map(char::len_utf8).sum();
        return Some((Tok::Sep, len));
    }
    let next = rest[c.len_utf8()..].chars().next();
    if let Some((day, len)) = numerals::weekday_at(rest) {
        return Some((Tok::Weekday(day), len));
    }
    if let Some((value, digits, len)) = numerals::numeral_at(rest, &NUMERAL_UNITS) {
        return Some((Tok::Num { value, digits }, len));
    }
    // 7月月初, 7月月底: the month said again before its 旬.
    if c == '月' && prev == Some(Tok::Month) {
        let dekad = match next {
            Some('初') => Some(Dekad::Early),
            Some('中') => Some(Dekad::Middle),
            Some('底' | '末') => Some(Dekad::Late),
            _ => None,
        };
        if let Some(d) = dekad {
            return Some((Tok::Dekad(d), c.len_utf8() * 2));
        }
    }
    if let Some(word) = WORDS.iter().find(|(word, _)| rest.starts_with(word)) {
        return Some((word.1, word.0.len()));
    }
    match c {
        // 月中 is the middle of the month, as 中旬.
        '中' if prev == Some(Tok::Month) => Some((Tok::Dekad(Dekad::Middle), c.len_utf8())),
        // Clock units count only after a number, so 时间 or 分会场 stay words.
        '时' | '点' if matches!(prev, Some(Tok::Num { .. })) => Some((Tok::Hour, c.len_utf8())),
        '分' if matches!(prev, Some(Tok::Num { .. })) => Some((Tok::Minute, c.len_utf8())),
        '半' if prev == Some(Tok::Hour) => Some((Tok::HalfHour, c.len_utf8())),
        'Q' | 'q' | 'Ｑ' if next.and_then(digit_value).is_some() => Some((Tok::QuarterMark, c.len_utf8())),
        '和' | '与' | '及' if matches!(prev, Some(Tok::Dekad(_))) => Some((Tok::And, c.len_utf8())),
        // 第 before a quarter (第三季度, 第3季度) or a teaching week (第11周, 第十一週).
        '第' => {
            let after = &rest[c.len_utf8()..];
            let run: usize = after
                .chars()
                .take_while(|&ch| numerals::is_numeral(ch) || digit_value(ch).is_some())
                .map(char::len_utf8)
                .sum();
            let week = after[run..].starts_with('周').then_some('周');
            match week {
                Some(w) if run > 0 => Some((Tok::Week, c.len_utf8() + run + w.len_utf8())),
                _ => (run > 0 && after[run..].starts_with("季度")).then_some((Tok::Ordinal, c.len_utf8())),
            }
        }
        _ => None,
    }
}

/// Tokens of `text[range]`, skipping whitespace; spans are offsets into all of `text`. Words are found in the
/// normalised text (Traditional characters simplified, English in lower case), whose bytes are the text's.
pub(crate) fn tokenize(text: &str, range: Span) -> Vec<Token> {
    // Only the range: byte `i` of the text is byte `i - base` of `norm`.
    let base = range.start;
    let norm = normalise::normalise(text.get(range.start..range.end).unwrap_or_default());
    let norm = norm.as_ref();
    let letter_at = |i: usize| i > base && norm.as_bytes().get(i - base - 1).is_some_and(u8::is_ascii_alphabetic);
    let mut tokens = Vec::new();
    let mut i = range.start;
    while let Some(rest) = norm.get(i - base..).filter(|r| !r.is_empty()) {
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // A comma inside an English date (split_clause left it there): after a weekday or before a year or a
        // time it says nothing (`Monday, September 18`, `Sep 18, 2023`, `Sep 27, 2:30 pm`); between days it
        // lists them (`Oct 1, 3 and 5`).
        if c == ',' {
            let after = rest[1..].trim_start();
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let quiet = matches!(tokens.last(), Some(Token { tok: Tok::Weekday(_), .. }))
                || digits == 4
                || english::clock_ahead(after)
                || english::word_at(after).is_some_and(|(t, _)| matches!(t, Tok::MonthName(_) | Tok::Weekday(_)))
                    && !matches!(tokens.last(), Some(Token { tok: Tok::Num { .. }, .. }));
            if !quiet {
                tokens.push(Token { tok: Tok::List, span: Span::new(i, i + 1) });
            }
            i += 1;
            continue;
        }
        let group = OPENERS.contains(&c).then(|| find_close(text, i + c.len_utf8())).flatten();
        let (tok, len) = match (group, known_at(rest, tokens.last().map(|t: &Token| t.tok), letter_at(i))) {
            (Some((close_at, close)), _) if close_at < range.end => {
                let inner = Span::new(i + c.len_utf8(), close_at);
                (Tok::Group { inner }, close_at + close.len_utf8() - i)
            }
            (_, Some((tok, len))) if len > 0 => (tok, len),
            _ => {
                // Unknown: swallow up to the next known token, bracket or whitespace.
                let mut len = c.len_utf8();
                while let Some(r) = rest.get(len..).filter(|r| !r.is_empty()) {
                    if known_at(r, Some(Tok::Other), letter_at(i + len)).is_some() || r.starts_with(OPENERS) {
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
