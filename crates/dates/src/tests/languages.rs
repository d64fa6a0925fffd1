//! The date texts of each language a schedule is written in (issue 26): Traditional characters read everywhere the
//! simplified are, and English, with the same precision model and the same honesty. The readings are said in
//! Chinese words here ([`When::in_words`](crate::When::in_words)); `english.rs` says readings in English.
use chrono::Datelike;

use super::forms::d;
use crate::{DateErrorKind, Precision, parse_when};
use DateErrorKind as K;
use Precision::{Day as D, Dekad as X, Month as M, Time as T, Year as Y};

/// (text, default year, start, end, start precision, end precision, note, the reading in words)
type Case = (&'static str, i32, &'static str, &'static str, Precision, Precision, Option<&'static str>, &'static str);

#[rustfmt::skip]
pub(super) const TRADITIONAL: &[Case] = &[
    // 貫穿全年, 全年: the whole year
    ("貫穿全年", 2023, "2023-01-01", "2023-12-31", Y, Y, None, "2023年全年"),
    ("2024年貫穿全年", 2023, "2024-01-01", "2024-12-31", Y, Y, None, "2024年全年"),
    ("全年", 2023, "2023-01-01", "2023-12-31", Y, Y, None, "2023年全年"),
    ("全年，按報名預約時間安排", 2023, "2023-01-01", "2023-12-31", Y, Y, Some("按報名預約時間安排"), "2023年全年"),
    // 時, 點, 分, 半, 兩, 上午/下午
    ("9月18日14時", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:00"),
    ("9月18日14時30分", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:30"),
    ("9月18日下午2時", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:00"),
    ("9月18日下午兩點", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:00"),
    ("9月18日 9點30分", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:30"),
    ("9月18日 9點半", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:30"),
    ("9月18日 上午9時-11時", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:00–11:00"),
    ("9月18日 上午9點至11點", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:00–11:00"),
    ("10月1日-7日 每天9時-11時", 2023, "2023-10-01", "2023-10-07", T, T, None, "2023年10月1日–7日 每天9:00–11:00"),
    ("9月27日下午兩點半-四點半", 2023, "2023-09-27", "2023-09-27", T, T, None, "2023年9月27日 14:30–16:30"),
    // 號
    ("9月18號", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月18號至22號", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("九月十八號", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    // 至, 到
    ("9月至10月", 2023, "2023-09-01", "2023-10-31", M, M, None, "2023年9月–10月"),
    ("9月到10月", 2023, "2023-09-01", "2023-10-31", M, M, None, "2023年9月–10月"),
    ("九月十八日到二十日", 2023, "2023-09-18", "2023-09-20", D, D, None, "2023年9月18日–20日"),
    // 週, 星期, 禮拜: weekdays checked
    ("9月18日（週一）", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月18日(週一)", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月18日週一", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月24日週日", 2023, "2023-09-24", "2023-09-24", D, D, None, "2023年9月24日"),
    ("9月18日（禮拜一）", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月24日禮拜天", 2023, "2023-09-24", "2023-09-24", D, D, None, "2023年9月24日"),
    ("2023年9月18日星期一", 2020, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("9月18日（週一）（線上）", 2023, "2023-09-18", "2023-09-18", D, D, Some("線上"), "2023年9月18日"),
    ("9月18日-22日（週一至週五）", 2023, "2023-09-18", "2023-09-22", D, D, Some("週一至週五"), "2023年9月18日–22日"),
    // 第X週: a teaching week, its date in brackets
    ("第11週週三(2026-05-13)", 2026, "2026-05-13", "2026-05-13", D, D, Some("第11週"), "2026年5月13日"),
    ("第十一週週三(2026-05-13) 13:30-15:20", 2026, "2026-05-13", "2026-05-13", T, T, Some("第十一週"), "2026年5月13日 13:30–15:20"),
    // 期間
    ("5月至6月期間", 2023, "2023-05-01", "2023-06-30", M, M, None, "2023年5月–6月"),
    ("9月期間", 2023, "2023-09-01", "2023-09-30", M, M, None, "2023年9月"),
    ("1月31日（正月初一）—2月14日（正月十五）期間", 2023, "2023-01-31", "2023-02-14", D, D, Some("正月初一；正月十五"), "2023年1月31日–2月14日"),
    // 旬, 與
    ("9月下旬", 2023, "2023-09-21", "2023-09-30", X, X, None, "2023年9月21日–30日（9月下旬）"),
    ("8月下旬至9月上旬", 2023, "2023-08-21", "2023-09-10", X, X, None, "2023年8月21日–9月10日（8月下旬至9月上旬）"),
    ("7月中旬與下旬", 2023, "2023-07-11", "2023-07-31", X, X, None, "2023年7月11日–31日（7月中下旬）"),
    ("7月上旬與中旬", 2023, "2023-07-01", "2023-07-20", X, X, None, "2023年7月1日–20日（7月上中旬）"),
    ("7月上、中旬", 2023, "2023-07-01", "2023-07-20", X, X, None, "2023年7月1日–20日（7月上中旬）"),
    ("十二月上旬", 2023, "2023-12-01", "2023-12-10", X, X, None, "2023年12月1日–10日（12月上旬）"),
    ("7月月初至8月月底", 2023, "2023-07-01", "2023-08-31", X, X, None, "2023年7月1日–8月31日（7月上旬至8月下旬）"),
    // 季度, 上半年, 下半年: their months
    ("第三季度", 2023, "2023-07-01", "2023-09-30", M, M, None, "2023年7月–9月"),
    ("2023年第四季度", 2020, "2023-10-01", "2023-12-31", M, M, None, "2023年10月–12月"),
    ("上半年", 2023, "2023-01-01", "2023-06-30", M, M, None, "2023年1月–6月"),
    ("2024年下半年", 2023, "2024-07-01", "2024-12-31", M, M, None, "2024年7月–12月"),
    // notes stay as written, in Traditional characters
    ("9月（具體時間另行通知）", 2023, "2023-09-01", "2023-09-30", M, M, Some("具體時間另行通知"), "2023年9月"),
    ("7月-9月（評審階段）", 2023, "2023-07-01", "2023-09-30", M, M, Some("評審階段"), "2023年7月–9月"),
    ("10月1日、3日、5日", 2023, "2023-10-01", "2023-10-05", D, D, None, "2023年10月1日、3日、5日"),
];

#[rustfmt::skip]
pub(super) const ENGLISH: &[Case] = &[
    // days, day first or month first, abbreviated with or without a dot, any case
    ("18–22 September", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("18-22 September", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("September 18–22", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("Sept 18-22", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("Sept. 18–22", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("sep 18 - 22", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("SEPTEMBER 18 TO 22", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("Sep 18, 2023", 2020, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("18 September 2023", 2020, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("September 18th", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("1st October", 2023, "2023-10-01", "2023-10-01", D, D, None, "2023年10月1日"),
    ("18 Sep – 2 Oct", 2023, "2023-09-18", "2023-10-02", D, D, None, "2023年9月18日–10月2日"),
    ("September 28 to October 3", 2023, "2023-09-28", "2023-10-03", D, D, None, "2023年9月28日–10月3日"),
    ("Sep 18 – 22, 2023", 2020, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("18th–22nd Sept", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("Sep 18–Oct 2 2024", 2023, "2024-09-18", "2024-10-02", D, D, None, "2024年9月18日–10月2日"),
    ("18–22 September 2023", 2020, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("2023-09-18", 2020, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("Sep 18, 2023, online", 2020, "2023-09-18", "2023-09-18", D, D, Some("online"), "2023年9月18日"),
    // thirds of a month: early, mid, late, end of
    ("late August", 2023, "2023-08-21", "2023-08-31", X, X, None, "2023年8月21日–31日（8月下旬）"),
    ("mid-September", 2023, "2023-09-11", "2023-09-20", X, X, None, "2023年9月11日–20日（9月中旬）"),
    ("mid September", 2023, "2023-09-11", "2023-09-20", X, X, None, "2023年9月11日–20日（9月中旬）"),
    ("early September", 2023, "2023-09-01", "2023-09-10", X, X, None, "2023年9月1日–10日（9月上旬）"),
    ("end of September", 2023, "2023-09-21", "2023-09-30", X, X, None, "2023年9月21日–30日（9月下旬）"),
    ("beginning of October", 2023, "2023-10-01", "2023-10-10", X, X, None, "2023年10月1日–10日（10月上旬）"),
    ("Late Sept.", 2023, "2023-09-21", "2023-09-30", X, X, None, "2023年9月21日–30日（9月下旬）"),
    ("late August to early September", 2023, "2023-08-21", "2023-09-10", X, X, None, "2023年8月21日–9月10日（8月下旬至9月上旬）"),
    ("late February 2024", 2023, "2024-02-21", "2024-02-29", X, X, None, "2024年2月21日–29日（2月下旬）"),
    // months
    ("September", 2023, "2023-09-01", "2023-09-30", M, M, None, "2023年9月"),
    ("July–September (review)", 2023, "2023-07-01", "2023-09-30", M, M, Some("review"), "2023年7月–9月"),
    ("July to September", 2023, "2023-07-01", "2023-09-30", M, M, None, "2023年7月–9月"),
    ("JULY - SEPTEMBER", 2023, "2023-07-01", "2023-09-30", M, M, None, "2023年7月–9月"),
    ("Sep 2024", 2023, "2024-09-01", "2024-09-30", M, M, None, "2024年9月"),
    ("July–September 2024", 2023, "2024-07-01", "2024-09-30", M, M, None, "2024年7月–9月"),
    ("December–January 2024", 2023, "2023-12-01", "2024-01-31", M, M, None, "2023年12月–2024年1月"),
    ("December–January", 2023, "2023-12-01", "2024-01-31", M, M, None, "2023年12月–2024年1月"),
    ("September (TBD)", 2023, "2023-09-01", "2023-09-30", M, M, Some("TBD"), "2023年9月"),
    // quarters and halves: their months
    ("Q3", 2023, "2023-07-01", "2023-09-30", M, M, None, "2023年7月–9月"),
    ("Q3 2024", 2023, "2024-07-01", "2024-09-30", M, M, None, "2024年7月–9月"),
    ("q4 2023", 2020, "2023-10-01", "2023-12-31", M, M, None, "2023年10月–12月"),
    ("Q2–Q3", 2023, "2023-04-01", "2023-09-30", M, M, None, "2023年4月–9月"),
    ("H2", 2023, "2023-07-01", "2023-12-31", M, M, None, "2023年7月–12月"),
    ("H1 2024", 2023, "2024-01-01", "2024-06-30", M, M, None, "2024年1月–6月"),
    // the whole year, and by appointment as a note after it (全年，按报名预约时间安排)
    ("all year", 2023, "2023-01-01", "2023-12-31", Y, Y, None, "2023年全年"),
    ("year-round", 2023, "2023-01-01", "2023-12-31", Y, Y, None, "2023年全年"),
    ("All year round", 2023, "2023-01-01", "2023-12-31", Y, Y, None, "2023年全年"),
    ("all year, by appointment", 2023, "2023-01-01", "2023-12-31", Y, Y, Some("by appointment"), "2023年全年"),
    // weekdays, first as English writes them, checked against the day
    ("Mon 18 Sep", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("Monday, September 18", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("Mon. 18 Sept. 2023", 2020, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    ("Mon 18 – Fri 22 September", 2023, "2023-09-18", "2023-09-22", D, D, None, "2023年9月18日–22日"),
    ("September 18 (Monday)", 2023, "2023-09-18", "2023-09-18", D, D, None, "2023年9月18日"),
    // times, with am and pm after them
    ("Sep 27, 2:30–4:30 pm", 2023, "2023-09-27", "2023-09-27", T, T, None, "2023年9月27日 14:30–16:30"),
    ("Sep 18, 9:00 am–5 pm", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:00–17:00"),
    ("Sep 18, 11:00–1 p.m.", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 11:00–13:00"),
    ("Sep 18 9 am", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 9:00"),
    ("Sep 18, 12 pm", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 12:00"),
    ("Sep 18 14:00–16:00", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:00–16:00"),
    ("Oct 1–7, 9–11 am", 2023, "2023-10-01", "2023-10-07", T, T, None, "2023年10月1日–7日 每天9:00–11:00"),
    // lists
    ("Oct 1, 3 and 5", 2023, "2023-10-01", "2023-10-05", D, D, None, "2023年10月1日、3日、5日"),
    ("Oct 1 and Nov 3", 2023, "2023-10-01", "2023-11-03", D, D, None, "2023年10月1日、11月3日"),
    // a Chinese date with an English note stays a Chinese date; English words join Chinese dates
    ("8-9月（online）", 2023, "2023-08-01", "2023-09-30", M, M, Some("online"), "2023年8月–9月"),
    ("9月 to 10月", 2023, "2023-09-01", "2023-10-31", M, M, None, "2023年9月–10月"),
    ("9月18日 2:30 pm", 2023, "2023-09-18", "2023-09-18", T, T, None, "2023年9月18日 14:30"),
];

#[test]
fn reads_every_language() {
    assert!(TRADITIONAL.len() >= 40 && ENGLISH.len() >= 40);
    let mut wrong = Vec::new();
    for &(text, year, start, end, sp, ep, note, words) in TRADITIONAL.iter().chain(ENGLISH) {
        let want = (d(start), d(end), sp, ep, note.map(str::to_string), words.to_string());
        match parse_when(text, year) {
            Ok(w) if (w.start, w.end, w.start_precision, w.end_precision, w.note.clone(), w.in_words()) == want => {}
            got => wrong.push(format!("{text:?}: {got:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// (text, default year, error, byte offset, offending text, a piece of its help)
type ErrorCase = (&'static str, i32, DateErrorKind, usize, &'static str, &'static str);

#[rustfmt::skip]
fn error_cases() -> Vec<ErrorCase> {
    let wrong = |date: &str, written: &str| {
        let date = d(date);
        K::WeekdayMismatch { date, actual: date.weekday(), written: written.into() }
    };
    let vague = |word: &str| K::Vague(word.into());
    vec![
        // English: no honest reading
        ("early Q3", 2023, K::ThirdOfMonths("early Q3".into()), 0, "early Q3", "Q3 (early Q3)"),
        ("late H2", 2023, K::ThirdOfMonths("late H2".into()), 0, "late H2", "early July"),
        ("Q3 mid", 2023, K::ThirdOfMonths("Q3 mid".into()), 0, "Q3 mid", "whole months"),
        ("TBD", 2023, vague("TBD"), 0, "TBD", "September (TBD)"),
        ("to be confirmed", 2023, vague("to be confirmed"), 0, "to be confirmed", "September (to be confirmed)"),
        ("September TBC", 2023, vague("TBC"), 10, "TBC", "September (TBC)"),
        ("every Wednesday", 2023, vague("every"), 0, "every", "every Wednesday"),
        ("Wednesday", 2023, vague("Wednesday"), 0, "Wednesday", "September–December (every Wednesday)"),
        ("around mid-September", 2023, vague("around"), 0, "around", "mid-September (around)"),
        ("by appointment", 2023, K::Unrecognised("by appointment".into()), 0, "by appointment", "all year, by appointment"),
        ("late 2024", 2023, K::NoMonth("late".into()), 0, "late", "late September"),
        // English: days and weekdays that do not exist or do not match
        ("Mon 19 Sep", 2023, wrong("2023-09-19", "Mon"), 0, "Mon", "September 19 is a Tuesday"),
        ("Monday, September 19", 2023, wrong("2023-09-19", "Monday"), 0, "Monday", "September 19 is a Tuesday"),
        ("September 18 (Tue)", 2023, wrong("2023-09-18", "Tue"), 14, "Tue", "September 18 is a Monday"),
        ("Sep 31", 2023, K::DayOutOfRange { year: 2023, month: 9, day: 31 }, 4, "31", "30"),
        ("Septembre 18", 2023, K::Unrecognised("Septembre".into()), 0, "Septembre", "18–22 September"),
        ("18 to 22", 2023, K::NoMonthFor("18".into()), 0, "18", "18 September"),
        ("Sep 18 22", 2023, K::NoMonthFor("22".into()), 7, "22", "September 22"),
        ("Sep Oct", 2023, K::Misplaced("Oct".into()), 4, "Oct", "18 September 2023"),
        ("September to", 2023, K::IncompleteRange("to".into()), 10, "to", "July to September"),
        ("September Wed", 2023, K::WeekdayNeedsDay { weekday: "Wed".into(), date: "September".into() }, 10, "Wed", "September (every Wed)"),
        ("18 September 2023 Beijing", 2023, K::TrailingText("Beijing".into()), 18, "Beijing", "September (Beijing)"),
        // English: times
        ("Sep 27, 2:30", 2023, K::NoMeridiem("2:30".into()), 8, "2:30", "2:30 pm"),
        ("Sep 27, 13 pm", 2023, K::HourNotInPeriod { period: "pm".into(), hour: 13 }, 8, "13 pm", "1 pm"),
        ("Sep 27, 4:30–2:30 pm", 2023, K::TimeEndBeforeStart { start: t("16:30"), end: t("14:30") }, 8, "4:30–2:30 pm", "earlier time"),
        ("September, 2 pm", 2023, K::TimeNeedsDay { time: "2 pm".into(), date: "September".into() }, 11, "2 pm", "September (2 pm)"),
        // Traditional: errors quote the text as written, and help answers in its characters
        ("每週三", 2023, vague("每週"), 0, "每週", "9月-12月（每週三）"),
        ("9月週末", 2023, vague("週末"), 4, "週末", "9月-12月（週末）"),
        ("春節前後", 2023, vague("春節前後"), 0, "春節前後", "1月20日-2月10日（春節前後）"),
        ("10月以後", 2023, vague("以後"), 5, "以後", "10月（國慶以後）"),
        ("週三", 2023, vague("週三"), 0, "週三", "9月-12月（每週三）"),
        ("9月18日（週二）", 2023, wrong("2023-09-18", "週二"), 12, "週二", "9月18日 is a Monday"),
        ("9月18日14時（禮拜三）", 2023, wrong("2023-09-18", "禮拜三"), 17, "禮拜三", "9月18日 is a Monday"),
        ("9月18日上午13點", 2023, K::HourNotInPeriod { period: "上午".into(), hour: 13 }, 9, "上午13點", "上午"),
    ]
}

fn t(s: &str) -> chrono::NaiveTime {
    chrono::NaiveTime::parse_from_str(s, "%H:%M").expect("test time")
}

#[test]
fn reports_every_error_in_its_language() {
    let mut wrong = Vec::new();
    for (text, year, kind, offset, offending, help) in error_cases() {
        match parse_when(text, year) {
            Err(e) if (&e.kind, e.offset, &text[e.span()]) == (&kind, offset, offending) && e.help().contains(help) => {
            }
            Err(e) => wrong.push(format!("{text:?}: {e:?} at {:?}: {}", &text[e.span()], e.help())),
            Ok(w) => wrong.push(format!("{text:?}: reads {w:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_language_never_panics_on_its_pieces() {
    // Every prefix and suffix of every form and error: a reading or an error inside the text, never a panic.
    let texts = TRADITIONAL.iter().chain(ENGLISH).map(|c| c.0).chain(error_cases().into_iter().map(|c| c.0));
    for text in texts {
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for part in [&text[..i], &text[i..]] {
                if let Err(e) = parse_when(part, 2023) {
                    assert!(part.get(e.span()).is_some() && !e.help().is_empty(), "{part:?}: {e:?}");
                }
            }
        }
    }
}
