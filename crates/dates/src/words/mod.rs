//! Stage 4, words: a [`When`] said in words, never finer than it was written ([`When::in_words`],
//! [`When::words_in`]). Takes only the finished reading: imports no stage before it.
//!
//! What to say is decided here, once for every language: how precise each occurrence is said (a `Shape`),
//! and which third of a month a 旬 reading starts and ends in. How to say it is each language's own
//! (`chinese`, `english`): the word order, what a list leaves out, the punctuation.

mod chinese;

use chrono::{Datelike, NaiveDate};

use crate::when::{Clock, Occurrence, Precision, When, last_day};

impl When {
    /// The range in Chinese words, at no finer precision than it was written:
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年全年`,
    /// `2024年10月31日 13:30`, `2023年9月27日 14:30–16:30`, `2023年10月1日–7日 每天9:00–11:00`,
    /// and a list as `2023年10月1日、3日、5日`.
    pub fn in_words(&self) -> String {
        chinese::list(&self.shapes())
    }

    /// Each occurrence in Chinese words of its own, with its year: for pages listing the dates.
    pub fn occurrence_words(&self) -> Vec<String> {
        self.shapes().iter().map(|shape| chinese::one(shape, None)).collect()
    }

    /// How each occurrence is said.
    fn shapes(&self) -> Vec<Shape> {
        self.occurrences().map(|o| self.shape(&o)).collect()
    }

    /// How one occurrence is said: at the reading's precision (the coarsest of its ends, and of a list's
    /// occurrences), with its time only when the reading is as exact as days.
    fn shape(&self, o: &Occurrence) -> Shape {
        let (s, e) = (o.start, o.end);
        let kind = match (o.time, self.precision()) {
            (Some(clock), Precision::Time | Precision::Day) => Kind::Timed(clock),
            (None, Precision::Time | Precision::Day) => Kind::Days,
            (_, Precision::Dekad) => Kind::Dekads(dekad_reading(s, e, self.start_precision, self.end_precision)),
            (_, Precision::Month) => Kind::Months,
            (_, Precision::Year) => Kind::Years,
        };
        Shape { start: s, end: e, kind }
    }
}

/// One occurrence as it is to be said: its first and last day and how precisely to say them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    start: NaiveDate,
    end: NaiveDate,
    kind: Kind,
}

/// How precisely an occurrence is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Exact days with their time of day.
    Timed(Clock),
    /// Exact days.
    Days,
    /// Days read from 旬 words: said as the days, and beside them the 旬 reading they come from, so they
    /// are never shown as if written exactly.
    Dekads(DekadReading),
    /// Whole months, from the start's to the end's.
    Months,
    /// Whole years, from the start's to the end's.
    Years,
}

/// The 旬 reading of a dekad-precision range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DekadReading {
    /// One third of the range's one month, or two next to each other: 8月下旬, 9月中下旬.
    Thirds { first: Third, last: Third },
    /// From one end to the other, each as written: 8月下旬至9月上旬, 9月18日至9月下旬, 9月上旬至9月下旬.
    Ends(End, End),
}

/// One end of a 旬 reading, as exactly as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// A third of the date's month.
    Third(NaiveDate, Third),
    /// The day itself.
    Day(NaiveDate),
    /// The date's month.
    Month(NaiveDate),
    /// The date's year.
    Year(NaiveDate),
}

/// The 旬 reading of a dekad-precision range `s`–`e` whose ends were written at `sp` and `ep`: in one word
/// when both ends are 旬 of one month, next to each other (9月中下旬), else end to end.
fn dekad_reading(s: NaiveDate, e: NaiveDate, sp: Precision, ep: Precision) -> DekadReading {
    let both_dekads = sp == Precision::Dekad && ep == Precision::Dekad;
    if both_dekads
        && (s.year(), s.month()) == (e.year(), e.month())
        && let (Some(first), Some(last)) = (start_third(s), end_third(e))
        && (first == last || matches!((first, last), (Third::Upper, Third::Middle) | (Third::Middle, Third::Lower)))
    {
        return DekadReading::Thirds { first, last };
    }
    DekadReading::Ends(end(s, sp, start_third(s)), end(e, ep, end_third(e)))
}

/// One end of a range as exactly as it was written: its third of the month when written as a 旬 that one is.
fn end(date: NaiveDate, precision: Precision, third: Option<Third>) -> End {
    match (precision, third) {
        (Precision::Dekad, Some(t)) => End::Third(date, t),
        (Precision::Time | Precision::Day | Precision::Dekad, _) => End::Day(date),
        (Precision::Month, _) => End::Month(date),
        (Precision::Year, _) => End::Year(date),
    }
}

/// Upper, middle or lower third of a month, as a dekad is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Third {
    Upper,
    Middle,
    Lower,
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
