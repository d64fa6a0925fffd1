//! Times of day (issue 11 §1): every example of the issue, the 12- and 24-hour words, ranges of
//! days with hours, and every way a time can be written wrongly.
use super::forms::d;
use chrono::NaiveTime;

use crate::{Clock, DateErrorKind, Precision, parse_when};
use DateErrorKind as K;
use Precision::{Day as D, Dekad as X, Month as M, Time as T};

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("test time")
}

/// (text, default year, start, end, start precision, end precision, (start time, end time, daily), note)
type Case = (
    &'static str,
    i32,
    &'static str,
    &'static str,
    Precision,
    Precision,
    Option<(&'static str, Option<&'static str>, bool)>,
    Option<&'static str>,
);

#[rustfmt::skip]
pub(super) const TIMES: &[Case] = &[
    // the examples of the issue
    ("9月27日14:30-16:30", 2023, "2023-09-27", "2023-09-27", T, T, Some(("14:30", Some("16:30"), false)), None),
    ("10月31日下午13:30", 2024, "2024-10-31", "2024-10-31", T, T, Some(("13:30", None, false)), None),
    ("11月7日上午10:30", 2023, "2023-11-07", "2023-11-07", T, T, Some(("10:30", None, false)), None),
    ("2月24日上午9时30分-11时30分", 2023, "2023-02-24", "2023-02-24", T, T, Some(("09:30", Some("11:30"), false)), None),
    ("2月16日(初一)9時", 2023, "2023-02-16", "2023-02-16", T, T, Some(("09:00", None, false)), Some("初一")),
    ("10 月 19 日 21:00", 2023, "2023-10-19", "2023-10-19", T, T, Some(("21:00", None, false)), None),
    ("2024年03月15日 15:00-18:30", 2023, "2024-03-15", "2024-03-15", T, T, Some(("15:00", Some("18:30"), false)), None),
    ("10月7日18:00-20:00", 2023, "2023-10-07", "2023-10-07", T, T, Some(("18:00", Some("20:00"), false)), None),
    ("9月27日（14:30-16:30）", 2023, "2023-09-27", "2023-09-27", T, T, Some(("14:30", Some("16:30"), false)), None),
    ("10月1日-7日9:00-11:00", 2023, "2023-10-01", "2023-10-07", T, T, Some(("09:00", Some("11:00"), true)), None),
    ("10月1日-7日 每天9:00-11:00", 2023, "2023-10-01", "2023-10-07", T, T, Some(("09:00", Some("11:00"), true)), None),
    // 上午/下午/中午/晚上 with 12- and 24-hour numbers
    ("9月18日下午2:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), None),
    ("9月18日下午13:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("13:30", None, false)), None),
    ("9月18日下午12:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("12:30", None, false)), None),
    ("9月18日下午2:30-4:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", Some("16:30"), false)), None),
    ("9月18日下午2:30-17:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", Some("17:00"), false)), None),
    ("9月18日上午10:00-下午2:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("10:00", Some("14:00"), false)), None),
    ("9月18日上午11:30-12:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("11:30", Some("12:00"), false)), None),
    ("9月18日上午9:00-13:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:00", Some("13:00"), false)), None),
    ("9月18日中午12:00-下午2:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("12:00", Some("14:00"), false)), None),
    ("9月18日中午1点", 2023, "2023-09-18", "2023-09-18", T, T, Some(("13:00", None, false)), None),
    ("9月18日晚上7点-9点", 2023, "2023-09-18", "2023-09-18", T, T, Some(("19:00", Some("21:00"), false)), None),
    ("9月18日晚上19:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("19:30", None, false)), None),
    ("9月18日早上8:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("08:00", None, false)), None),
    ("9月18日凌晨5:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("05:00", None, false)), None),
    // 时/時/點/点/分/半, ：and :, numerals, brackets and spaces
    ("9月18日 14：30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), None),
    ("9月18日 9点30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:30", None, false)), None),
    ("9月18日 9點", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:00", None, false)), None),
    ("9月18日 9点05分", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:05", None, false)), None),
    ("9月18日下午2点半", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), None),
    ("九月十八日下午三点", 2023, "2023-09-18", "2023-09-18", T, T, Some(("15:00", None, false)), None),
    ("9月18日下午三点至五点半", 2023, "2023-09-18", "2023-09-18", T, T, Some(("15:00", Some("17:30"), false)), None),
    ("9月18日 14:30 至 16:30", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", Some("16:30"), false)), None),
    ("9月18日(14:30)", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), None),
    ("9月18日（下午2:30）（线上）", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), Some("线上")),
    ("9月18日 14:30（线上），以通知为准", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), Some("线上；以通知为准")),
    ("9月18日 每天9:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:00", None, false)), None),
    // ranges of days: hours after the whole range hold each day; a time after each end is one span
    ("9月18日-20日 14:00", 2023, "2023-09-18", "2023-09-20", T, T, Some(("14:00", None, true)), None),
    ("9月18日-9月18日 14:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("14:00", None, false)), None),
    ("10月1日9:00-10月3日17:00", 2023, "2023-10-01", "2023-10-03", T, T, Some(("09:00", Some("17:00"), false)), None),
    ("10月1日9:00-3日17:00", 2023, "2023-10-01", "2023-10-03", T, T, Some(("09:00", Some("17:00"), false)), None),
    ("9月18日9:00-18日17:00", 2023, "2023-09-18", "2023-09-18", T, T, Some(("09:00", Some("17:00"), false)), None),
    ("9月18日14:00-9月20日", 2023, "2023-09-18", "2023-09-20", T, D, Some(("14:00", None, false)), None),
    ("9月18日14:00-10月", 2023, "2023-09-18", "2023-10-31", T, M, Some(("14:00", None, false)), None),
    // ISO dates with a time
    ("2023-09-18 14:30", 2020, "2023-09-18", "2023-09-18", T, T, Some(("14:30", None, false)), None),
    ("2023-09-18 14:30-16:30（线上）", 2020, "2023-09-18", "2023-09-18", T, T, Some(("14:30", Some("16:30"), false)), Some("线上")),
    ("2023-09-18/2023-09-22 9:00-11:00", 2020, "2023-09-18", "2023-09-22", T, T, Some(("09:00", Some("11:00"), true)), None),
    // a bracketed time with no day to go with stays the note it always was
    ("9月（14:00）", 2023, "2023-09-01", "2023-09-30", M, M, None, Some("14:00")),
    ("8月下旬（14:30-16:30）", 2023, "2023-08-21", "2023-08-31", X, X, None, Some("14:30-16:30")),
    ("9月18日（下午）", 2023, "2023-09-18", "2023-09-18", D, D, None, Some("下午")),
    ("9月18日（9:00开始）", 2023, "2023-09-18", "2023-09-18", D, D, None, Some("9:00开始")),
    ("9月18日（第2场）", 2023, "2023-09-18", "2023-09-18", D, D, None, Some("第2场")),
    ("9月18日（3）", 2023, "2023-09-18", "2023-09-18", D, D, None, Some("3")),
];

#[test]
fn reads_every_time() {
    for &(text, year, start, end, sp, ep, clock, note) in TIMES {
        let got = parse_when(text, year).unwrap_or_else(|e| panic!("{text:?}: {e} ({e:?})"));
        let clock = clock.map(|(s, e, daily)| Clock { start: t(s), end: e.map(t), daily });
        let want = (d(start), d(end), sp, ep, clock, note.map(str::to_string));
        assert_eq!((got.start, got.end, got.start_precision, got.end_precision, got.time, got.note), want, "{text:?}");
        assert!(got.list.is_empty());
    }
}

#[rustfmt::skip]
fn time_errors() -> Vec<(&'static str, DateErrorKind, &'static str)> {
    let needs = |time: &str, date: &str| K::TimeNeedsDay { time: time.into(), date: date.into() };
    let order = |s: &str, e: &str| K::TimeEndBeforeStart { start: t(s), end: t(e) };
    vec![
        ("9月 14:00", needs("14:00", "9月"), "14:00"),
        ("8月下旬14:30-16:30", needs("14:30-16:30", "8月下旬"), "14:30-16:30"),
        ("9月下旬-9月30日 14:00", needs("14:00", "9月下旬"), "14:00"),
        ("9月18日-下旬 14:00", needs("14:00", "下旬"), "14:00"),
        ("9月18日上午13:00", K::HourNotInPeriod { period: "上午".into(), hour: 13 }, "上午13:00"),
        ("9月18日（上午13:00）", K::HourNotInPeriod { period: "上午".into(), hour: 13 }, "上午13:00"),
        ("9月18日晚上3点", K::HourNotInPeriod { period: "晚上".into(), hour: 3 }, "晚上3点"),
        ("9月18日下午0:30", K::HourNotInPeriod { period: "下午".into(), hour: 0 }, "下午0:30"),
        ("9月18日上午9:00-1:00", order("09:00", "01:00"), "上午9:00-1:00"),
        ("9月18日2:30", K::AmbiguousHour("2:30".into()), "2:30"),
        ("9月18日（2:30-4:00）", K::AmbiguousHour("2:30".into()), "2:30"),
        ("9月18日25:00", K::TimeOutOfRange("25:00".into()), "25:00"),
        ("9月18日24:00", K::TimeOutOfRange("24:00".into()), "24:00"),
        ("9月18日14:3", K::TimeOutOfRange("14:3".into()), "14:3"),
        ("9月18日14:", K::TimeOutOfRange("14:".into()), "14:"),
        ("9月18日14:60", K::TimeOutOfRange("14:60".into()), "14:60"),
        ("9月18日014:00", K::TimeOutOfRange("014:00".into()), "014:00"),
        ("9月18日16:00-14:00", order("16:00", "14:00"), "16:00-14:00"),
        ("9月18日14:00-14:00", order("14:00", "14:00"), "14:00-14:00"),
        ("9月18日14:00-18日13:00", order("14:00", "13:00"), "13:00"),
        ("9月18日上午", K::PeriodWithoutTime("上午".into()), "上午"),
        ("9月18日下午2", K::PeriodWithoutTime("下午2".into()), "下午2"),
        ("9月18日下午-20日", K::PeriodWithoutTime("下午".into()), "下午"),
        ("10月1日9:00-11:00至3日", K::MisplacedTime("9:00-11:00".into()), "9:00-11:00"),
        ("10月1日每天9:00至3日", K::MisplacedTime("每天9:00".into()), "每天9:00"),
        ("10月1日9:00-3日 每天17:00", K::MisplacedTime("每天17:00".into()), "每天17:00"),
        ("10月1日9:00-3日 17:00-18:00", K::MisplacedTime("17:00-18:00".into()), "17:00-18:00"),
        ("9月18日 14:00 15:00", K::MisplacedTime("15:00".into()), "15:00"),
        ("9月18日 每天", K::MisplacedTime("每天".into()), "每天"),
        ("14:00", K::MisplacedTime("14:00".into()), "14:00"),
        ("9月18日-14:00", K::IncompleteRange("-".into()), "-"),
    ]
}

#[test]
fn reports_every_time_error() {
    for (text, kind, offending) in time_errors() {
        let err = parse_when(text, 2023).expect_err(text);
        assert_eq!((&err.kind, &text[err.span()]), (&kind, offending), "{text:?}");
        assert!(!err.help().is_empty() && !err.to_string().is_empty());
    }
    let err = parse_when("9月18日16:00-14:00", 2023).unwrap_err();
    assert_eq!(err.to_string(), "the time ends at 14:00, before it starts at 16:00");
    let err = parse_when("8月下旬14:30", 2023).unwrap_err();
    assert!(err.help().contains("8月下旬（14:30）"), "{}", err.help());
}

#[test]
fn words_with_times() {
    let cases = [
        ("10月31日 13:30", 2024, "2024年10月31日 13:30"),
        ("9月27日14:30-16:30", 2023, "2023年9月27日 14:30–16:30"),
        ("10月1日-7日 每天9:00-11:00", 2023, "2023年10月1日–7日 每天9:00–11:00"),
        ("10月1日-7日9:00", 2023, "2023年10月1日–7日 每天9:00"),
        ("10月1日9:00-3日17:00", 2023, "2023年10月1日 9:00–3日 17:00"),
        ("9月30日9:00-10月2日17:00", 2023, "2023年9月30日 9:00–10月2日 17:00"),
        ("12月31日20:00-2024年1月1日", 2023, "2023年12月31日 20:00–2024年1月1日"),
        ("9月18日14:00-9月20日", 2023, "2023年9月18日 14:00–20日"),
        // never finer than written: a time at one end of a month range says nothing
        ("9月18日14:00-10月", 2023, "2023年9月–10月"),
    ];
    for (text, year, want) in cases {
        let when = parse_when(text, year).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(when.in_words(), want, "{text:?}");
    }
}
