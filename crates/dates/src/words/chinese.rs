//! A `Shape` said in Chinese: `2023年9月18日–22日`, `2023年8月21日–31日（8月下旬）`, `2023年7月–9月`,
//! `2023年全年`, `2023年9月27日 14:30–16:30`; a list joined by `、`, each occurrence leaving out the year and
//! month that repeat from the one before it (`2023年10月1日、3日、5日`).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{DekadReading, End, Kind, Shape, Third};
use crate::when::{Clock, hm};

/// The occurrences of a reading, joined by `、`, each after the one before it.
pub(super) fn list(shapes: &[Shape]) -> String {
    let mut out = String::new();
    let mut before = None;
    for shape in shapes {
        if before.is_some() {
            out.push('、');
        }
        out.push_str(&one(shape, before));
        before = Some(shape.end);
    }
    out
}

/// One occurrence in words, leaving out what repeats from the day `before` it.
pub(super) fn one(shape: &Shape, before: Option<NaiveDate>) -> String {
    let (s, e) = (shape.start, shape.end);
    // The year, unless the occurrence before was in it.
    let year = |d: NaiveDate| match before {
        Some(b) if b.year() == d.year() => String::new(),
        _ => format!("{}年", d.year()),
    };
    match shape.kind {
        Kind::Timed(time) => timed_words(s, e, time, before),
        Kind::Years if s.year() == e.year() => format!("{}年全年", s.year()),
        Kind::Years => format!("{}年–{}年", s.year(), e.year()),
        Kind::Months => {
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
        Kind::Days => day_words(s, e, before),
        // The exact days are useful, but the bracket says they come from a 旬 reading.
        Kind::Dekads(reading) => format!("{}（{}）", day_words(s, e, before), dekad_words(s, reading)),
    }
}

/// The 旬 reading of a range starting on `s`, e.g. `8月下旬`, `9月中下旬`, `8月下旬至9月上旬`, `9月18日至9月下旬`.
fn dekad_words(s: NaiveDate, reading: DekadReading) -> String {
    match reading {
        DekadReading::Thirds { first, last } if first == last => format!("{}月{}旬", s.month(), third(first)),
        DekadReading::Thirds { first, last } => format!("{}月{}{}旬", s.month(), third(first), third(last)),
        DekadReading::Ends(a, b) => format!("{}至{}", end_words(a), end_words(b)),
    }
}

/// One end of a 旬 reading, e.g. `9月下旬` or `9月18日`.
fn end_words(end: End) -> String {
    match end {
        End::Third(date, t) => format!("{}月{}旬", date.month(), third(t)),
        End::Day(date) => format!("{}月{}日", date.month(), date.day()),
        End::Month(date) => format!("{}月", date.month()),
        End::Year(date) => format!("{}年", date.year()),
    }
}

fn third(t: Third) -> &'static str {
    match t {
        Third::Upper => "上",
        Third::Middle => "中",
        Third::Lower => "下",
    }
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

/// A third of month `month`: `9月上旬`.
pub(super) fn third_of_month(month: u32, t: Third) -> String {
    format!("{month}月{}旬", third(t))
}

/// Days of one year without it: `9月18日–24日`, `9月25日–10月1日`, `1月3日`.
pub(super) fn days_of_year(s: NaiveDate, e: NaiveDate) -> String {
    let mut out = format!("{}月{}日", s.month(), s.day());
    if s != e {
        out.push('–');
        out.push_str(&date_after(e, Some(s)));
    }
    out
}
