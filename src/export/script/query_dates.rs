//! What the browser needs to read a date typed into the search box (`9月20日`, `9月下旬`, `2023-09-20`, `国庆`,
//! `本周`, `下个月`) by almanac's own date rules: the words of the 旬 with the days each covers, named periods with
//! their dates, and the words that count from today. Shipped in `static/words.js` (see
//! [`super::json`]) under `dates`.
//!
//! Nothing here is a second copy of the date reader: every day range is what [`parse_when`] reads from a date
//! text at build time (`1月下旬` gives the days of 下旬; `国庆` is read from the example the reader itself gives
//! when it refuses the word as too vague, `10月1日-7日（国庆期间）`). The forms the script reads are held to
//! Rust's reading of the same texts by the test `the_browser_reads_search_dates_as_rust_does`, through node.

use chrono::Datelike;
use serde::Serialize;

use crate::content::dates::{DateErrorKind, Precision, parse_when};

/// Words of a part of a month the reader knows (`9月下旬`, `9月初`), longest first so `中下旬` wins over `下旬`.
const DEKAD_WORDS: [&str; 8] = ["上中旬", "中下旬", "上旬", "中旬", "下旬", "初", "中", "末"];

/// English words of a third of a month (`late September`), read before a month's name.
const ENGLISH_THIRDS: [&str; 3] = ["early", "mid", "late"];

/// English months' names and abbreviations the reader might read: those it reads as a month are shipped.
const ENGLISH_MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Periods with a name whose dates do not move from year to year: the reader refuses them as dates (they are
/// vague in a published schedule), but a reader searching for them means the range the reader's own help
/// suggests for them.
const NAMED_VAGUE: [&str; 7] = ["国庆", "國慶", "暑假", "寒假", "年底", "年初", "年中"];

/// Named days the reader has no word for, with the date text they stand for, read by [`parse_when`].
const NAMED_DAYS: [(&str, &str); 4] =
    [("元旦", "1月1日"), ("劳动节", "5月1日-5日"), ("勞動節", "5月1日-5日"), ("五一", "5月1日-5日")];

/// Words counted from today: the unit (`day`, `week`, `month`, `year`) and how many of them ahead.
const RELATIVE: [(&str, &str, i32); 33] = [
    ("今天", "day", 0),
    ("明天", "day", 1),
    ("昨天", "day", -1),
    ("本周", "week", 0),
    ("这周", "week", 0),
    ("下周", "week", 1),
    ("上周", "week", -1),
    ("本月", "month", 0),
    ("这个月", "month", 0),
    ("下个月", "month", 1),
    ("下月", "month", 1),
    ("上个月", "month", -1),
    ("上月", "month", -1),
    ("今年", "year", 0),
    ("明年", "year", 1),
    // Traditional, where it differs.
    ("本週", "week", 0),
    ("這週", "week", 0),
    ("下週", "week", 1),
    ("上週", "week", -1),
    ("這個月", "month", 0),
    ("下個月", "month", 1),
    ("上個月", "month", -1),
    ("today", "day", 0),
    ("tomorrow", "day", 1),
    ("yesterday", "day", -1),
    ("this week", "week", 0),
    ("next week", "week", 1),
    ("last week", "week", -1),
    ("this month", "month", 0),
    ("next month", "month", 1),
    ("last month", "month", -1),
    ("this year", "year", 0),
    ("next year", "year", 1),
];

/// A part of a month: its word and the first and last day it covers (31: to the month's end).
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Dekad {
    pub word: &'static str,
    pub from: u32,
    pub to: u32,
}

/// A named period: months and days of its first and last day (in one year, or across into the next when the
/// last comes before the first), and how exactly they are known.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Named {
    pub word: &'static str,
    pub from: [u32; 2],
    pub to: [u32; 2],
    pub p: &'static str,
}

#[derive(Serialize)]
pub(super) struct Relative {
    pub word: &'static str,
    pub unit: &'static str,
    pub n: i32,
}

/// An English month's name or abbreviation, and its number.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct MonthWord {
    pub word: &'static str,
    pub month: u32,
}

#[derive(Serialize)]
pub(super) struct QueryDates {
    pub dekads: Vec<Dekad>,
    /// English: `early`, `mid`, `late` with their days, read before a month (`late September`).
    pub thirds: Vec<Dekad>,
    pub months: Vec<MonthWord>,
    pub named: Vec<Named>,
    pub relative: Vec<Relative>,
}

/// The days of 旬 words, as the reader reads them in January (a month of 31 days, so 31 means "to the end").
pub(super) fn dekads() -> Vec<Dekad> {
    parts_of_january(&DEKAD_WORDS, |word| format!("1月{word}"))
}

/// The days of the English words of a third of a month, as the reader reads them before January.
pub(super) fn thirds() -> Vec<Dekad> {
    parts_of_january(&ENGLISH_THIRDS, |word| format!("{word} January"))
}

/// Each of `words` that the reader reads as a part of January in `text(word)`, with its days.
fn parts_of_january(words: &[&'static str], text: impl Fn(&str) -> String) -> Vec<Dekad> {
    words
        .iter()
        .filter_map(|&word| {
            let w = parse_when(&text(word), 2023).ok()?;
            (w.precision() == Precision::Dekad).then(|| Dekad { word, from: w.start.day(), to: w.end.day() })
        })
        .collect()
}

/// The English month words the reader reads as a whole month.
pub(super) fn months() -> Vec<MonthWord> {
    let mut out: Vec<MonthWord> = Vec::new();
    for &word in &ENGLISH_MONTHS {
        let Ok(w) = parse_when(word, 2023) else { continue };
        if w.precision() == Precision::Month && w.start.month() == w.end.month() {
            out.push(MonthWord { word, month: w.start.month() });
        }
    }
    out
}

/// The example the reader's help gives for a vague word ("…for example 10月1日-7日（国庆期间）."), if any.
fn suggested(word: &str) -> Option<String> {
    let err = parse_when(word, 2023).err()?;
    if !matches!(err.kind, DateErrorKind::Vague(_)) {
        return None;
    }
    let help = err.help();
    let example = help.rsplit("for example ").next()?.trim_end_matches('.');
    Some(example.to_string())
}

pub(super) fn named() -> Vec<Named> {
    let vague = NAMED_VAGUE.iter().filter_map(|&w| Some((w, suggested(w)?)));
    let days = NAMED_DAYS.iter().map(|&(w, t)| (w, t.to_string()));
    vague
        .chain(days)
        .filter_map(|(word, text)| {
            let w = parse_when(&text, 2023).ok()?;
            Some(Named {
                word,
                from: [w.start.month(), w.start.day()],
                to: [w.end.month(), w.end.day()],
                p: w.precision().as_str(),
            })
        })
        .collect()
}

pub(super) fn vocabulary() -> QueryDates {
    QueryDates {
        dekads: dekads(),
        thirds: thirds(),
        months: months(),
        named: named(),
        relative: RELATIVE.iter().map(|&(word, unit, n)| Relative { word, unit, n }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    #[test]
    fn every_word_is_read_by_the_date_reader() {
        let d = dekads();
        assert_eq!(d.len(), DEKAD_WORDS.len(), "a 旬 word the reader does not read: {d:?}");
        assert!(d.contains(&Dekad { word: "下旬", from: 21, to: 31 }));
        assert!(d.contains(&Dekad { word: "中旬", from: 11, to: 20 }));
        let n = named();
        assert_eq!(
            n.len(),
            NAMED_VAGUE.len() + NAMED_DAYS.len(),
            "a named period the reader gives no dates for: {n:?}"
        );
        assert!(n.contains(&Named { word: "国庆", from: [10, 1], to: [10, 7], p: "day" }));
        assert!(n.contains(&Named { word: "暑假", from: [7, 1], to: [8, 31], p: "month" }));
        assert_eq!(thirds().len(), ENGLISH_THIRDS.len(), "{:?}", thirds());
        assert!(thirds().contains(&Dekad { word: "late", from: 21, to: 31 }));
        let m = months();
        assert_eq!(m.len(), 24, "an English month word the reader does not read: {m:?}");
        assert!(m.contains(&MonthWord { word: "sept", month: 9 }) && m.contains(&MonthWord { word: "may", month: 5 }));
    }

    /// almanac.js reads a search term as Rust's date reader reads it: a table of terms, with what Rust makes of
    /// each (absolute forms by `parse_when`, words counted from today by the calendar), run by node through the
    /// script's own reader with the page's vocabulary.
    #[test]
    fn the_browser_reads_search_dates_as_rust_does() {
        let node = std::process::Command::new("node").arg("--version").output();
        assert!(node.is_ok_and(|o| o.status.success()), "this test needs Node.js (`node` on the PATH)");
        let year = 2023;
        let mut cases = Vec::new();
        let absolute = [
            "9月20日",
            "9月20号",
            "2023年9月20日",
            "2023-09-20",
            "2023-9-5",
            "2023年9月",
            "9月",
            "12月",
            "2024年1月",
            "9月下旬",
            "9月上旬",
            "9月中旬",
            "2月下旬",
            "2024年2月下旬",
            "9月中下旬",
            "9月初",
            "10月末",
            "2023年",
            "Sep 20",
            "sep 20, 2023",
            "Sept. 5",
            "20 September",
            "20th September 2024",
            "September",
            "december 2023",
            "May",
            "late September",
            "mid-September",
            "early Oct 2024",
            "late Feb",
        ];
        for text in absolute {
            let w = parse_when(text, year).unwrap_or_else(|e| panic!("{text}: {e}"));
            cases.push(serde_json::json!({
                "text": text, "start": w.start.to_string(), "end": w.end.to_string(), "p": w.precision().as_str()
            }));
        }
        for n in named() {
            let start = NaiveDate::from_ymd_opt(year, n.from[0], n.from[1]).unwrap();
            let end = NaiveDate::from_ymd_opt(year, n.to[0], n.to[1]).unwrap();
            cases.push(serde_json::json!({
                "text": n.word, "start": start.to_string(), "end": end.to_string(), "p": n.p
            }));
        }
        // Words counted from a Wednesday.
        let today = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
        let monday = today - Duration::days(2);
        let relative = [
            ("今天", today, today, "day"),
            ("today", today, today, "day"),
            ("Tomorrow", today + Duration::days(1), today + Duration::days(1), "day"),
            ("this week", monday, monday + Duration::days(6), "day"),
            ("本週", monday, monday + Duration::days(6), "day"),
            ("next week", monday + Duration::days(7), monday + Duration::days(13), "day"),
            (
                "next month",
                NaiveDate::from_ymd_opt(2023, 10, 1).unwrap(),
                NaiveDate::from_ymd_opt(2023, 10, 31).unwrap(),
                "month",
            ),
            ("明天", today + Duration::days(1), today + Duration::days(1), "day"),
            ("本周", monday, monday + Duration::days(6), "day"),
            ("下周", monday + Duration::days(7), monday + Duration::days(13), "day"),
            (
                "本月",
                NaiveDate::from_ymd_opt(2023, 9, 1).unwrap(),
                NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
                "month",
            ),
            (
                "下个月",
                NaiveDate::from_ymd_opt(2023, 10, 1).unwrap(),
                NaiveDate::from_ymd_opt(2023, 10, 31).unwrap(),
                "month",
            ),
            (
                "今年",
                NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
                "year",
            ),
        ];
        for (text, start, end, p) in relative {
            cases.push(serde_json::json!({ "text": text, "start": start.to_string(), "end": end.to_string(), "p": p }));
        }
        // Words that are not dates stay words.
        for text in ["QC", "伊利", "18日", "论坛", "forum", "week", "late", "20"] {
            cases.push(serde_json::json!({ "text": text, "start": null, "end": null, "p": null }));
        }
        let words: serde_json::Value =
            serde_json::from_str(&super::super::json(&crate::words::Words::builtin_zh_cn())).unwrap();
        // A search's terms: words that read as one date together are one term, the rest each a word.
        let terms = serde_json::json!([
            { "q": "forum sep 20", "terms": [["forum", null], ["sep 20", "2023-09-20"]] },
            { "q": "late september 2024 qc", "terms": [["late september 2024", "2024-09-21"], ["qc", null]] },
            { "q": "this week", "terms": [["this week", "2023-09-18"]] },
            { "q": "9月 qc", "terms": [["9月", "2023-09-01"], ["qc", null]] },
        ]);
        let body = serde_json::json!({
            "words": words, "today": today.to_string(), "year": year, "first_month": 1, "cases": cases, "terms": terms
        });
        super::super::assert_node_agrees(
            "tests/browser/dates.mjs",
            &body,
            "almanac.js reads dates otherwise than Rust",
        );
    }
}
