//! Reading the published, fuzzy time text of an activity ("8月下旬", "7月-9月（评审阶段）",
//! "全年，按报名预约时间安排", "2023-09-18", "9月27日14:30-16:30", "10月1日、3日、5日") the way a
//! Chinese reader does: into an inclusive date range — or a list of them — that remembers how
//! precise each end was written, with its time of day when one is written. Traditional characters
//! read as the simplified ones ("貫穿全年", "9月18日14時"), and English as an English reader does
//! ("18–22 September", "late August", "Q3 2024", "Sep 27, 2:30–4:30 pm"), at the same precisions.
//!
//! The rule that shapes everything here: precision is never faked. "8月下旬" becomes
//! 21–31 August *at dekad precision*, "7月-9月" and "第三季度" stay month ranges, and a time is
//! only read after an exact day; callers show [`When::in_words`] (or [`When::words_in`] for an
//! English edition: `Aug 21–31, 2023 (late August)`) and [`Precision::label`] so a reader can see
//! how exact a date is. What cannot be read honestly ("春节前后", "9月-8月") is
//! a [`DateError`] pointing at the characters (a byte range of the text), with [`DateError::help`]
//! saying what to write instead.
//!
//! This crate is almanac's date reader and depends on nothing of almanac: it knows no files, no
//! configuration and no diagnostics. almanac turns a [`DateError`] into a diagnostic with a file,
//! line and column where it reads a `when`.
//!
//! # The stages
//!
//! [`parse_when_in`] runs four stages, and data flows one way: each stage hands the next the types
//! named here, and a module imports only from the stages before it (and from the shared types in
//! `when` and `error`), never from one after it.
//!
//! 1. `lex`: the text into a date part and a clause note (`split_clause`), words that name no
//!    dates refused (`check_vague`), then the date part into `Token`s of kind `Tok`, each with the
//!    `Span` of its bytes (`tokenize`; Chinese numerals, weekdays and English words are read here, in
//!    a normalised copy of the text whose bytes are the text's: Traditional characters simplified,
//!    ASCII in lower case).
//! 2. `parse`: the tokens into `Item`s, one per date of a list: the two ends of a range as
//!    written (`Part`: year, months, day or 旬, nothing filled in yet) and what each end says
//!    beside its date (`Extras`: notes, a time of day as a `ClockEl`, a weekday).
//! 3. `resolve`: the items against the [`Context`] (and each against the date before it) into
//!    days, precisions and times, checked (weekdays, order, limits), and put together into a
//!    [`When`] (`assemble`).
//! 4. `words`: a [`When`] said in words, Chinese ([`When::in_words`]) or English
//!    ([`When::words_in`] with a [`Lang`]).
//!
//! `help` (how to fix each [`DateErrorKind`]) comes last, as it may quote any stage.

mod error;
mod help;
mod lex;
mod parse;
mod resolve;
mod when;
mod words;

pub use error::{DateError, DateErrorKind};
pub use when::{
    Clock, Context, MAX_DATES, MAX_RANGE_YEARS, MAX_WHEN_CHARS, Occurrence, Precision, WRAP_MONTHS, When, YEAR_WINDOW,
};
pub use words::{Lang, english_month_names};

/// Reads a published date text of a calendar-year schedule; ends without a year get `default_year`.
pub fn parse_when(text: &str, default_year: i32) -> Result<When, DateError> {
    parse_when_in(text, Context::calendar(default_year))
}

/// Reads a published date text against a reading context (the schedule's year and first month).
pub fn parse_when_in(text: &str, context: Context) -> Result<When, DateError> {
    // Before anything else, so nothing is read, or allocated, for a text past the limit.
    if let Some((i, c)) = text.char_indices().nth(MAX_WHEN_CHARS) {
        let kind = DateErrorKind::WhenTooLong { chars: text.chars().count(), max: MAX_WHEN_CHARS };
        return Err(DateError { offset: i, len: c.len_utf8(), kind });
    }
    let (date, clause) = lex::split_clause(text)?;
    lex::check_vague(text, date)?;
    let tokens = lex::tokenize(text, date);
    parse::check_unknown(&tokens, text)?;
    let items = parse::read_items(&tokens, text)?;
    resolve::assemble(&items, clause, context, date, text)
}

/// A date text as a message quotes it: whole, unless it is past [`MAX_WHEN_CHARS`], then only its start.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(MAX_WHEN_CHARS) {
        Some(_) => format!("{}…", text.chars().take(40).collect::<String>()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
