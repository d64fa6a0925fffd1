//! Stage 4, words: a [`When`] said in Chinese words, never finer than it was written
//! ([`When::in_words`], [`When::occurrence_words`]). Takes only the finished reading: imports no
//! stage before it.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::when::{Clock, Occurrence, Precision, When, hm, last_day};

impl When {
    /// The range in Chinese words, at no finer precision than it was written:
    /// `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`, `2023年全年`,
    /// `2024年10月31日 13:30`, `2023年9月27日 14:30–16:30`, `2023年10月1日–7日 每天9:00–11:00`,
    /// and a list as `2023年10月1日、3日、5日`.
    pub fn in_words(&self) -> String {
        let mut out = String::new();
        let mut before = None;
        for o in self.occurrences() {
            if before.is_some() {
                out.push('、');
            }
            out.push_str(&self.words_of(&o, before));
            before = Some(o.end);
        }
        out
    }

    /// Each occurrence in words of its own, with its year: for pages listing the dates.
    pub fn occurrence_words(&self) -> Vec<String> {
        self.occurrences().map(|o| self.words_of(&o, None)).collect()
    }

    /// One occurrence in words, leaving out what repeats from the day `before` it.
    fn words_of(&self, o: &Occurrence, before: Option<NaiveDate>) -> String {
        let (s, e) = (o.start, o.end);
        let (sp, ep) = (self.start_precision, self.end_precision);
        if let (Some(time), Precision::Time | Precision::Day) = (o.time, self.precision()) {
            return timed_words(s, e, time, before);
        }
        // The year, unless the occurrence before was in it.
        let year = |d: NaiveDate| match before {
            Some(b) if b.year() == d.year() => String::new(),
            _ => format!("{}年", d.year()),
        };
        match self.precision() {
            Precision::Year if s.year() == e.year() => format!("{}年全年", s.year()),
            Precision::Year => format!("{}年–{}年", s.year(), e.year()),
            Precision::Month => {
                let mut out = format!("{}{}月", year(s), s.month());
                if (s.year(), s.month()) != (e.year(), e.month()) {
                    out.push('–');
                    if s.year() != e.year() {
                        let _ = write!(out, "{}年", e.year());
                    }
                    let _ = write!(out, "{}月", e.month());
                }
                out
            }
            Precision::Time | Precision::Day => day_words(s, e, before),
            // The exact days are useful, but the bracket says they come from a 旬 reading.
            Precision::Dekad => format!("{}（{}）", day_words(s, e, before), dekad_reading(s, e, sp, ep)),
        }
    }
}

/// The 旬 reading of a dekad-precision range, e.g. `8月下旬`, `9月中下旬`,
/// `8月下旬至9月上旬`, `9月18日至9月下旬`.
fn dekad_reading(s: NaiveDate, e: NaiveDate, sp: Precision, ep: Precision) -> String {
    let both_dekads = sp == Precision::Dekad && ep == Precision::Dekad;
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
    format!("{}至{}", end_reading(s, sp, start_third(s)), end_reading(e, ep, end_third(e)))
}

/// Day-precision words, leaving out the year and month of the start that repeat from the day
/// `before` it, and those of the end that repeat from the start.
fn day_words(s: NaiveDate, e: NaiveDate, before: Option<NaiveDate>) -> String {
    let mut out = date_after(s, before);
    if s != e {
        out.push('–');
        out.push_str(&date_after(e, Some(s)));
    }
    out
}

/// A day in words after `before`, leaving out the year and month it repeats: `2023年9月18日`,
/// then `22日` or `10月8日`.
fn date_after(d: NaiveDate, before: Option<NaiveDate>) -> String {
    match before {
        Some(b) if (b.year(), b.month()) == (d.year(), d.month()) => format!("{}日", d.day()),
        Some(b) if b.year() == d.year() => format!("{}月{}日", d.month(), d.day()),
        _ => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// Days with their time: `2023年9月27日 14:30–16:30`, `2023年10月1日–7日 每天9:00–11:00`,
/// `2023年10月1日 9:00–3日 17:00`.
fn timed_words(s: NaiveDate, e: NaiveDate, time: Clock, before: Option<NaiveDate>) -> String {
    let hours = match time.end {
        Some(end) => format!("{}–{}", hm(time.start), hm(end)),
        None => hm(time.start),
    };
    if s == e {
        return format!("{} {hours}", date_after(s, before));
    }
    if time.daily {
        return format!("{} 每天{hours}", day_words(s, e, before));
    }
    let mut out = format!("{} {}–{}", date_after(s, before), hm(time.start), date_after(e, Some(s)));
    if let Some(end) = time.end {
        let _ = write!(out, " {}", hm(end));
    }
    out
}

/// One end of a range read back in words, e.g. `9月下旬` or `9月18日`.
fn end_reading(date: NaiveDate, precision: Precision, third: Option<Third>) -> String {
    match (precision, third) {
        (Precision::Dekad, Some(t)) => format!("{}月{}旬", date.month(), t.word()),
        (Precision::Time | Precision::Day | Precision::Dekad, _) => format!("{}月{}日", date.month(), date.day()),
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
