//! Stage 4, words: a [`When`] said in words, Chinese or English, never finer than it was written
//! ([`When::in_words`], [`When::words_in`]). Takes only the finished reading: imports no stage before it.
//!
//! What to say is decided here, once for every language: how precise each occurrence is said (a `Shape`),
//! and which third of a month a 旬 reading starts and ends in. How to say it is each language's own
//! (`chinese`, `english`): the word order, what a list leaves out, the punctuation.

mod chinese;
mod english;

pub(crate) use english::month_name;

/// Every English month's full and short name, as dates are written in English (`September`, `Sep`): for a
/// caller that finds such dates in a text.
pub fn english_month_names() -> impl Iterator<Item = &'static str> {
    english::month_names()
}

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

/// Dates that are not a reading, in words of the language: a site's month pages, weeks, the day a change was
/// announced. Said by the same rules as readings (a month as a month-precision reading is, days as days), so
/// a page never writes the same date two ways.
impl Lang {
    /// A day: `2023年9月1日` (`Sep 1, 2023`), or without its year when `with_year` is false: `9月1日` (`Sep 1`).
    pub fn day(self, d: NaiveDate, with_year: bool) -> String {
        match (self, with_year) {
            (Lang::Chinese, true) => chinese::one(&Shape { start: d, end: d, kind: Kind::Days }, None),
            (Lang::Chinese, false) => format!("{}月{}日", d.month(), d.day()),
            (Lang::English, true) => english::one(&Shape { start: d, end: d, kind: Kind::Days }),
            (Lang::English, false) => english::day(d),
        }
    }

    /// The days from `first` to `last`: `2023年9月18日–24日`, `2023年12月25日–2024年1月1日` (`Sep 18–24, 2023`,
    /// `Dec 25, 2023 – Jan 1, 2024`).
    pub fn days(self, first: NaiveDate, last: NaiveDate) -> String {
        self.say(&Shape { start: first, end: last, kind: Kind::Days })
    }

    /// The days from `first` to `last` of one year, without it: `9月18日–24日`, `9月25日–10月1日`
    /// (`Sep 18–24`, `Sep 25 – Oct 1`); days of two years are said with them, as [`Lang::days`] does.
    pub fn days_of_year(self, first: NaiveDate, last: NaiveDate) -> String {
        if first.year() != last.year() {
            return self.days(first, last);
        }
        match self {
            Lang::Chinese => chinese::days_of_year(first, last),
            Lang::English => english::days_of_year(first, last, true),
        }
    }

    /// The months from the one holding `first` to the one holding `last`: `2023年9月`, `2023年7月–9月`,
    /// `2024年9月–2025年7月` (`September 2023`, `July–September 2023`, `September 2024 – July 2025`).
    pub fn months(self, first: NaiveDate, last: NaiveDate) -> String {
        self.say(&Shape { start: first, end: last, kind: Kind::Months })
    }

    /// A month without its year, for a page that names the year once: `11月` (`November`).
    pub fn month_of_year(self, month: u32) -> String {
        match self {
            Lang::Chinese => format!("{month}月"),
            Lang::English => english::month_name(month).to_string(),
        }
    }

    /// A month's short name, for narrow columns: `9月` (`Sep`).
    pub fn month_short(self, month: u32) -> String {
        match self {
            Lang::Chinese => format!("{month}月"),
            Lang::English => english::short_month_name(month).to_string(),
        }
    }

    /// A day of the month, with its month when `with_month`: `9月18日`, `18日` (`Sep 18`, `18`).
    pub fn day_of_month(self, d: NaiveDate, with_month: bool) -> String {
        match (self, with_month) {
            (Lang::Chinese, true) => format!("{}月{}日", d.month(), d.day()),
            (Lang::Chinese, false) => format!("{}日", d.day()),
            (Lang::English, true) => english::day(d),
            (Lang::English, false) => d.day().to_string(),
        }
    }

    /// A weekday's short name, Monday first (`n` 0–6): `一` … `日` (`Mon` … `Sun`), as a calendar's columns
    /// are headed.
    pub fn weekday(self, n: u32) -> &'static str {
        const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = (n as usize).min(6);
        match self {
            Lang::Chinese => ZH[i],
            Lang::English => EN[i],
        }
    }

    /// The third of a month (旬) holding `d`, without its year: `9月上旬` (`early September`).
    pub fn third_of_month(self, d: NaiveDate) -> String {
        let third = match d.day() {
            1..=10 => Third::Upper,
            11..=20 => Third::Middle,
            _ => Third::Lower,
        };
        match self {
            Lang::Chinese => chinese::third_of_month(d.month(), third),
            Lang::English => english::third_of_month(d, third),
        }
    }

    /// A year: `2023年` (`2023`).
    pub fn year(self, year: i32) -> String {
        match self {
            Lang::Chinese => format!("{year}年"),
            Lang::English => year.to_string(),
        }
    }

    fn say(self, shape: &Shape) -> String {
        match self {
            Lang::Chinese => chinese::one(shape, None),
            Lang::English => english::one(shape),
        }
    }
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_that_are_not_readings() {
        use Lang::{Chinese as Zh, English as En};
        let cases: [(Lang, String, &str); 16] = [
            (Zh, Zh.day(d(2023, 9, 1), true), "2023年9月1日"),
            (Zh, Zh.day(d(2023, 9, 1), false), "9月1日"),
            (En, En.day(d(2023, 9, 1), true), "Sep 1, 2023"),
            (En, En.day(d(2023, 9, 1), false), "Sep 1"),
            (Zh, Zh.days(d(2023, 9, 18), d(2023, 9, 24)), "2023年9月18日–24日"),
            (Zh, Zh.days(d(2023, 9, 25), d(2023, 10, 1)), "2023年9月25日–10月1日"),
            (Zh, Zh.days(d(2023, 12, 25), d(2024, 1, 1)), "2023年12月25日–2024年1月1日"),
            (En, En.days(d(2023, 9, 18), d(2023, 9, 24)), "Sep 18–24, 2023"),
            (En, En.days(d(2023, 12, 25), d(2024, 1, 1)), "Dec 25, 2023 – Jan 1, 2024"),
            (Zh, Zh.months(d(2023, 9, 1), d(2023, 9, 30)), "2023年9月"),
            (Zh, Zh.months(d(2023, 7, 1), d(2023, 9, 30)), "2023年7月–9月"),
            (Zh, Zh.months(d(2024, 9, 1), d(2025, 7, 31)), "2024年9月–2025年7月"),
            (En, En.months(d(2023, 7, 1), d(2023, 9, 30)), "July–September 2023"),
            (En, En.months(d(2024, 9, 1), d(2025, 7, 31)), "September 2024 – July 2025"),
            (En, En.month_of_year(11), "November"),
            (Zh, Zh.year(2023), "2023年"),
        ];
        for (lang, got, want) in cases {
            assert_eq!(got, want, "{lang:?}");
        }
        assert_eq!(Zh.month_of_year(11), "11月");
        assert_eq!(Zh.days_of_year(d(2023, 9, 25), d(2023, 10, 1)), "9月25日–10月1日");
        assert_eq!(En.days_of_year(d(2023, 9, 18), d(2023, 9, 24)), "Sep 18–24");
        assert_eq!(Zh.days_of_year(d(2024, 1, 1), d(2024, 1, 7)), "1月1日–7日");
        assert_eq!(Zh.days_of_year(d(2024, 1, 3), d(2024, 1, 3)), "1月3日");
        assert_eq!(En.days_of_year(d(2023, 12, 25), d(2024, 1, 1)), "Dec 25, 2023 – Jan 1, 2024");
        assert_eq!((Zh.month_short(9), En.month_short(9)), ("9月".to_string(), "Sep".to_string()));
        assert_eq!(
            (Zh.day_of_month(d(2023, 9, 18), false), En.day_of_month(d(2023, 9, 18), true)),
            ("18日".into(), "Sep 18".into())
        );
        for (day, zh, en) in
            [(1, "9月上旬", "early September"), (20, "9月中旬", "mid September"), (30, "9月下旬", "late September")]
        {
            assert_eq!(
                (Zh.third_of_month(d(2023, 9, day)), En.third_of_month(d(2023, 9, day))),
                (zh.into(), en.into())
            );
        }
        assert_eq!(En.year(2023), "2023");
    }
}
