//! Stage 4, words: a [`When`] said in words, Chinese or English, never finer than it was written
//! ([`When::in_words`], [`When::words_in`]). Takes only the finished reading: imports no stage before it.
//!
//! What to say is decided here, once for every language: how precise each occurrence is said (a `Shape`),
//! and which third of a month a 旬 reading starts and ends in. How to say it is each language's own
//! (`chinese`, `english`): the word order, what a list leaves out, the punctuation.

mod chinese;
mod english;

use chrono::{Datelike, NaiveDate};

use crate::when::{Clock, Occurrence, Precision, When, last_day};

/// A language a reading is said in: the language of a site's edition.
///
/// There is one Chinese for both scripts: Traditional Chinese writes dates with exactly the characters
/// Simplified does (年 月 日 旬 上 中 下 全年 每天 至), so `zh-TW` and `zh-Hant` are said as `zh-CN` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年10月1日、3日、5日`.
    Chinese,
    /// `Sep 18–22, 2023`, `Aug 21–31, 2023 (late August)`, `July–September 2023`, `Oct 1, 3 and 5, 2023`.
    English,
}

impl Lang {
    /// The language of a BCP 47 language tag: `zh`, `zh-CN`, `zh-Hans`, `zh-TW`, `zh-HK`, `zh-Hant` are
    /// Chinese, `en`, `en-GB`, `en-US` English; in any case, with `_` as well as `-` (`zh_CN`, as locales
    /// write it). Any other language, or what is no tag (an empty one, `en-`, `english`), is `None`, for the caller
    /// to report: a site in a language its dates cannot be said in should not quietly get another's.
    pub fn for_tag(tag: &str) -> Option<Lang> {
        let mut subtags = tag.split(['-', '_']);
        let primary = subtags.next()?;
        let lang = if primary.eq_ignore_ascii_case("zh") {
            Lang::Chinese
        } else if primary.eq_ignore_ascii_case("en") {
            Lang::English
        } else {
            return None;
        };
        // Region, script and variant subtags do not change the words, but each must be one.
        let subtag = |s: &str| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
        subtags.all(subtag).then_some(lang)
    }
}

impl When {
    /// The range in Chinese words, at no finer precision than it was written:
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年全年`,
    /// `2024年10月31日 13:30`, `2023年9月27日 14:30–16:30`, `2023年10月1日–7日 每天9:00–11:00`,
    /// and a list as `2023年10月1日、3日、5日`. The same as [`When::words_in`] with [`Lang::Chinese`].
    pub fn in_words(&self) -> String {
        self.words_in(Lang::Chinese)
    }

    /// Each occurrence in Chinese words of its own, with its year: for pages listing the dates. The same as
    /// [`When::occurrence_words_in`] with [`Lang::Chinese`].
    pub fn occurrence_words(&self) -> Vec<String> {
        self.occurrence_words_in(Lang::Chinese)
    }

    /// The range in words of `lang`, at no finer precision than it was written; 旬 readings give their days
    /// and, beside them, the 旬 they were read from. In English: `Sep 18–22, 2023`,
    /// `Aug 21–31, 2023 (late August)`, `July–September 2023`, `all year 2023`, `Sep 27, 2023, 14:30–16:30`,
    /// `Oct 1–7, 2023, daily 9:00–11:00`, and a list as `Oct 1, 3 and 5, 2023`.
    pub fn words_in(&self, lang: Lang) -> String {
        let shapes = self.shapes();
        match lang {
            Lang::Chinese => chinese::list(&shapes),
            Lang::English => english::list(&shapes),
        }
    }

    /// Each occurrence in words of `lang` of its own, with its year: for pages listing the dates.
    pub fn occurrence_words_in(&self, lang: Lang) -> Vec<String> {
        let one = |shape: &Shape| match lang {
            Lang::Chinese => chinese::one(shape, None),
            Lang::English => english::one(shape),
        };
        self.shapes().iter().map(one).collect()
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
