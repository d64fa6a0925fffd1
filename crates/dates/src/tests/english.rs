//! A reading said in English ([`When::words_in`](crate::When::words_in) with [`Lang::English`]), for an English
//! edition of a site: every form the Chinese words have, never finer than written, read from Chinese and English
//! texts alike; and which language tags say which.
use chrono::Datelike;

use super::chinese_words;
use crate::{Context, Lang, Precision, When, parse_when, parse_when_in};

/// (text read at 2023, its English words)
#[rustfmt::skip]
const WORDS: &[(&str, &str)] = &[
    // days: month first, the year last, a spaced dash when either side has a space
    ("9月18日", "Sep 18, 2023"),
    ("Mon 18 Sep", "Sep 18, 2023"),
    ("May 1", "May 1, 2023"),
    ("2024-02-29", "Feb 29, 2024"),
    ("9月18日-22日", "Sep 18–22, 2023"),
    ("18–22 September 2024", "Sep 18–22, 2024"),
    ("September 28 to October 3", "Sep 28 – Oct 3, 2023"),
    ("12月20日-1月5日", "Dec 20, 2023 – Jan 5, 2024"),
    ("2023年12月28日-2024年1月3日", "Dec 28, 2023 – Jan 3, 2024"),
    // 旬: the days, and the thirds of months they were read from
    ("8月下旬", "Aug 21–31, 2023 (late August)"),
    ("early September", "Sep 1–10, 2023 (early September)"),
    ("mid-September", "Sep 11–20, 2023 (mid September)"),
    ("9月中下旬", "Sep 11–30, 2023 (mid to late September)"),
    ("9月上中旬", "Sep 1–20, 2023 (early to mid September)"),
    ("9月初-9月中", "Sep 1–20, 2023 (early to mid September)"),
    ("9月上旬-下旬", "Sep 1–30, 2023 (early to late September)"),
    ("8月下旬至9月上旬", "Aug 21 – Sep 10, 2023 (late August to early September)"),
    ("late August to early September", "Aug 21 – Sep 10, 2023 (late August to early September)"),
    ("12月下旬至1月上旬", "Dec 21, 2023 – Jan 10, 2024 (late December to early January)"),
    ("9月18日至9月下旬", "Sep 18–30, 2023 (Sep 18 to late September)"),
    ("9月下旬-10月5日", "Sep 21 – Oct 5, 2023 (late September to Oct 5)"),
    ("late February 2024", "Feb 21–29, 2024 (late February)"),
    // never finer than written: the coarser end says how the whole is said
    ("8月下旬-9月", "August–September 2023"),
    ("10月1日-10月", "October 2023"),
    ("9月18日14:00-10月", "September–October 2023"),
    ("9月18日14:00-9月下旬", "Sep 18–30, 2023 (Sep 18 to late September)"),
    // months
    ("9月", "September 2023"),
    ("July–September (review)", "July–September 2023"),
    ("Q3 2024", "July–September 2024"),
    ("上半年", "January–June 2023"),
    ("2023年11月-2024年2月", "November 2023 – February 2024"),
    ("December–January", "December 2023 – January 2024"),
    // years
    ("全年", "all year 2023"),
    ("all year, by appointment", "all year 2023"),
    ("2023年-2024年", "2023–2024"),
    ("2023年-2024年3月", "2023–2024"),
    // times, 24-hour as the Chinese words have them
    ("9月27日14:30-16:30", "Sep 27, 2023, 14:30–16:30"),
    ("Sep 27, 2:30–4:30 pm", "Sep 27, 2023, 14:30–16:30"),
    ("2024年10月31日下午13:30", "Oct 31, 2024, 13:30"),
    ("10月1日-7日 每天9:00-11:00", "Oct 1–7, 2023, daily 9:00–11:00"),
    ("Oct 1–7, 9–11 am", "Oct 1–7, 2023, daily 9:00–11:00"),
    ("9月18日-20日 14:00", "Sep 18–20, 2023, daily 14:00"),
    // one span over days: each end's day with its time
    ("10月1日9:00-3日17:00", "Oct 1, 2023, 9:00 – Oct 3, 17:00"),
    ("9月30日9:00-10月2日17:00", "Sep 30, 2023, 9:00 – Oct 2, 17:00"),
    ("12月31日20:00-2024年1月1日10:00", "Dec 31, 2023, 20:00 – Jan 1, 2024, 10:00"),
    ("12月31日20:00-2024年1月1日", "Dec 31, 2023, 20:00 – Jan 1, 2024"),
    ("9月18日14:00-9月20日", "Sep 18, 2023, 14:00 – Sep 20"),
    // lists: the year once at the end, the month once when all are in it
    ("10月1日、3日、5日", "Oct 1, 3 and 5, 2023"),
    ("Oct 1, 3 and 5", "Oct 1, 3 and 5, 2023"),
    ("10月1日-3日、8日-10日", "Oct 1–3 and 8–10, 2023"),
    ("9月28日、10月3日、10月5日", "Sep 28, Oct 3 and Oct 5, 2023"),
    ("9月28日-10月3日、10月5日", "Sep 28 – Oct 3 and Oct 5, 2023"),
    ("Oct 1 and Nov 3", "Oct 1 and Nov 3, 2023"),
    ("8、9月", "August and September 2023"),
    ("3月、6月、9月、12月", "March, June, September and December 2023"),
    ("3、4季度", "July–September and October–December 2023"),
    ("8月下旬、9月下旬", "Aug 21–31 (late August) and Sep 21–30 (late September), 2023"),
    // lists across years: year by year, joined by "; "; an occurrence across years said whole
    ("12.11、1.8", "Dec 11, 2023; Jan 8, 2024"),
    ("11.13、11.27、12.11、1.8", "Nov 13, Nov 27 and Dec 11, 2023; Jan 8, 2024"),
    ("12月30日、31日、1月2日", "Dec 30 and 31, 2023; Jan 2, 2024"),
    ("12月28日-1月3日、1月5日", "Dec 28, 2023 – Jan 3, 2024; Jan 5, 2024"),
    ("12月、1月", "December 2023; January 2024"),
    ("2023年、2024年", "all year 2023; all year 2024"),
    // lists with times: one time all share said once after the dates, else each after its date with "at"
    ("10月1日、3日、5日 9:00-11:00", "Oct 1, 3 and 5, 2023, 9:00–11:00"),
    ("10月1日-2日、5日 每天9:00", "Oct 1–2 and 5, 2023, daily 9:00"),
    ("11月7日 10:30、11月14日 14:00", "Nov 7 at 10:30 and Nov 14 at 14:00, 2023"),
    ("11月7日 10:30-12:00、11月14日 10:30", "Nov 7 at 10:30–12:00 and Nov 14 at 10:30, 2023"),
    ("10月1日、3日 9:00-11:00、5日", "Oct 1, Oct 3 at 9:00–11:00 and Oct 5, 2023"),
    ("10月1日9:00-3日17:00、10月5日", "Oct 1 at 9:00 – Oct 3 at 17:00 and Oct 5, 2023"),
    ("9月18日14:00-9月20日、9月25日", "Sep 18 at 14:00 – Sep 20 and Sep 25, 2023"),
    ("12月30日 9:00、2024年1月2日 9:00", "Dec 30, 2023, 9:00; Jan 2, 2024, 9:00"),
];

#[test]
fn says_every_form_in_english() {
    assert!(WORDS.len() >= 30);
    let mut wrong = Vec::new();
    for &(text, want) in WORDS {
        let when = parse_when(text, 2023).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let got = when.words_in(Lang::English);
        if got != want {
            wrong.push(format!("{text:?}: {got:?}, not {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
#[rustfmt::skip]
fn says_each_occurrence_whole() {
    let cases: &[(&str, &[&str])] = &[
        ("10月1日、3日 9:00-11:00", &["Oct 1, 2023, 9:00–11:00", "Oct 3, 2023, 9:00–11:00"]),
        ("12.11、1.8", &["Dec 11, 2023", "Jan 8, 2024"]),
        ("8月下旬、9月下旬", &["Aug 21–31, 2023 (late August)", "Sep 21–30, 2023 (late September)"]),
        ("3、4季度", &["July–September 2023", "October–December 2023"]),
        ("10月1日-2日、5日 每天9:00", &["Oct 1–2, 2023, daily 9:00", "Oct 5, 2023, 9:00"]),
        ("9月18日-22日", &["Sep 18–22, 2023"]),
    ];
    for &(text, want) in cases {
        let when = parse_when(text, 2023).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(when.occurrence_words_in(Lang::English), want, "{text:?}");
    }
}

#[test]
fn chinese_is_the_default_words() {
    for &(text, _) in WORDS {
        let when = parse_when(text, 2023).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(when.words_in(Lang::Chinese), when.in_words(), "{text:?}");
        assert_eq!(when.occurrence_words_in(Lang::Chinese), when.occurrence_words(), "{text:?}");
    }
}

#[test]
fn language_tags() {
    let cases = [
        ("zh", Some(Lang::Chinese)),
        ("zh-CN", Some(Lang::Chinese)),
        ("zh-Hans", Some(Lang::Chinese)),
        ("zh-Hans-CN", Some(Lang::Chinese)),
        ("zh-TW", Some(Lang::Chinese)),
        ("zh-HK", Some(Lang::Chinese)),
        ("zh-Hant", Some(Lang::Chinese)),
        ("ZH-hant-tw", Some(Lang::Chinese)),
        ("zh_CN", Some(Lang::Chinese)),
        ("en", Some(Lang::English)),
        ("EN", Some(Lang::English)),
        ("en-GB", Some(Lang::English)),
        ("en-US", Some(Lang::English)),
        ("en-us", Some(Lang::English)),
        ("en_GB", Some(Lang::English)),
        ("en-Latn-GB", Some(Lang::English)),
        ("", None),
        ("fr", None),
        ("de-DE", None),
        ("ja", None),
        ("eng", None),
        ("english", None),
        ("chinese", None),
        ("zhx", None),
        ("en-", None),
        ("-en", None),
        ("en--GB", None),
        ("en GB", None),
        (" en", None),
        ("en-toolongsubtag", None),
        ("zh-中文", None),
    ];
    for (tag, want) in cases {
        assert_eq!(Lang::for_tag(tag), want, "{tag:?}");
    }
}

/// Every piece (each prefix and suffix) of every text these tests read, in a calendar and an academic year:
/// whatever reads is said in English only, never a CJK character (a Chinese text's notes are not its words), and
/// never finer than it reads.
#[test]
fn english_words_are_english_and_never_finer_than_the_reading() {
    let texts = chinese_words::SINGLE.iter().map(|c| c.0).chain(chinese_words::LISTS.iter().map(|c| c.0));
    let mut wrong = Vec::new();
    let mut read = 0;
    for text in texts.chain(WORDS.iter().map(|c| c.0)) {
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for piece in [&text[..i], &text[i..]] {
                for context in [Context::calendar(2023), Context::starting(2024, 9)] {
                    if let Ok(when) = parse_when_in(piece, context) {
                        read += 1;
                        if let Err(why) = honest(&when) {
                            wrong.push(format!("{piece:?}: {why}"));
                        }
                    }
                }
            }
        }
    }
    assert!(read > 5000, "{read}");
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Whether a reading's English words keep to English and to its precision: a month- or year-level reading names
/// no number but its years, a 旬-level one gives its days only beside the thirds of months they were read from (so
/// they are never shown as if written exactly), and a day-level one names no third.
fn honest(when: &When) -> Result<(), String> {
    let words = when.words_in(Lang::English);
    let each = when.occurrence_words_in(Lang::English);
    for w in each.iter().chain([&words]) {
        if w.is_empty() || !w.chars().all(|c| c.is_ascii() || c == '–') {
            return Err(format!("not English: {w:?}"));
        }
    }
    let thirds = |w: &str| ["early ", "mid ", "late "].iter().any(|t| w.contains(t));
    for (o, w) in when.occurrences().zip(&each) {
        let numbers = w.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty());
        let years = i64::from(o.start.year())..=i64::from(o.end.year());
        match when.precision() {
            Precision::Month | Precision::Year => {
                if !numbers.map(|n| n.parse::<i64>()).all(|n| n.is_ok_and(|n| years.contains(&n))) {
                    return Err(format!("{w:?} names a day of a reading by months"));
                }
            }
            Precision::Dekad => match w.strip_suffix(')').and_then(|w| w.split_once(" (")) {
                Some((_, reading)) if thirds(reading) => {}
                _ => return Err(format!("{w:?} gives days without the thirds they were read from")),
            },
            Precision::Day | Precision::Time => {
                if w.contains(['(', ')']) || thirds(w) {
                    return Err(format!("{w:?} says a third of a month of a reading by days"));
                }
            }
        }
    }
    // A list says each 旬 reading beside its days.
    if when.precision() == Precision::Dekad && words.matches(" (").count() != each.len() {
        return Err(format!("{words:?} leaves out a 旬 reading"));
    }
    Ok(())
}
