//! Table-driven tests of the forms real schedules publish beyond the 质量月 seeds (issue 11).
use chrono::{Datelike, NaiveDate};

use crate::{Context, DateErrorKind, Precision, parse_when, parse_when_in};
use DateErrorKind as K;
use Precision::{Day as D, Dekad as X, Month as M, Year as Y};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// (text, default year, start, end, start precision, end precision, note)
type Case = (&'static str, i32, &'static str, &'static str, Precision, Precision, Option<&'static str>);

#[rustfmt::skip]
pub(super) const FORMS: &[Case] = &[
    // notes after the start of a range as well as after its end
    ("1月31日(正月初一)至2月14日(正月十五)", 2023, "2023-01-31", "2023-02-14", D, D, Some("正月初一；正月十五")),
    ("7月（报名）-9月（评审），以通知为准", 2023, "2023-07-01", "2023-09-30", M, M, Some("报名；评审；以通知为准")),
    ("2023-09-18（线上）（暂定）", 2023, "2023-09-18", "2023-09-18", D, D, Some("线上；暂定")),
    ("9月（评审，初赛）", 2023, "2023-09-01", "2023-09-30", M, M, Some("评审，初赛")),
    ("9月（）（评审）", 2023, "2023-09-01", "2023-09-30", M, M, Some("评审")),
    // 月份
    ("9月份", 2023, "2023-09-01", "2023-09-30", M, M, None),
    ("1-3月份", 2023, "2023-01-01", "2023-03-31", M, M, None),
    ("2024年9月份", 2023, "2024-09-01", "2024-09-30", M, M, None),
    ("9月份-10月份", 2023, "2023-09-01", "2023-10-31", M, M, None),
    ("9月份下旬", 2023, "2023-09-21", "2023-09-30", X, X, None),
    // half years: their months
    ("上半年", 2023, "2023-01-01", "2023-06-30", M, M, None),
    ("下半年", 2023, "2023-07-01", "2023-12-31", M, M, None),
    ("2024年上半年", 2023, "2024-01-01", "2024-06-30", M, M, None),
    ("2024上半年", 2023, "2024-01-01", "2024-06-30", M, M, None),
    // quarters: their months
    ("第三季度", 2023, "2023-07-01", "2023-09-30", M, M, None),
    ("三季度", 2023, "2023-07-01", "2023-09-30", M, M, None),
    ("第3季度", 2023, "2023-07-01", "2023-09-30", M, M, None),
    ("3季度", 2023, "2023-07-01", "2023-09-30", M, M, None),
    ("2023年第三季度", 2020, "2023-07-01", "2023-09-30", M, M, None),
    ("Q3", 2023, "2023-07-01", "2023-09-30", M, M, None),
    ("q1", 2023, "2023-01-01", "2023-03-31", M, M, None),
    ("2023Q4", 2020, "2023-10-01", "2023-12-31", M, M, None),
    ("2023年Q2", 2020, "2023-04-01", "2023-06-30", M, M, None),
    ("第一季度", 2024, "2024-01-01", "2024-03-31", M, M, None),
    ("第二季度至第三季度", 2023, "2023-04-01", "2023-09-30", M, M, None),
    ("1-3季度", 2023, "2023-01-01", "2023-09-30", M, M, None),
    ("第四季度（评审）", 2023, "2023-10-01", "2023-12-31", M, M, Some("评审")),
    ("三季度-10月", 2023, "2023-07-01", "2023-10-31", M, M, None),
    ("9月-第四季度", 2023, "2023-09-01", "2023-12-31", M, M, None),
    // Chinese numerals
    ("九月", 2023, "2023-09-01", "2023-09-30", M, M, None),
    ("十月份", 2023, "2023-10-01", "2023-10-31", M, M, None),
    ("十二月上旬", 2023, "2023-12-01", "2023-12-10", X, X, None),
    ("九月十八日", 2023, "2023-09-18", "2023-09-18", D, D, None),
    ("九月三十日", 2023, "2023-09-30", "2023-09-30", D, D, None),
    ("十一月二十一日", 2023, "2023-11-21", "2023-11-21", D, D, None),
    ("二〇二三年九月", 2020, "2023-09-01", "2023-09-30", M, M, None),
    ("二零二四年一月", 2020, "2024-01-01", "2024-01-31", M, M, None),
    ("九月至十月", 2023, "2023-09-01", "2023-10-31", M, M, None),
    ("九月十八日至二十二日", 2023, "2023-09-18", "2023-09-22", D, D, None),
    ("九月十八号", 2023, "2023-09-18", "2023-09-18", D, D, None),
    // the schedule's year, and the years around it
    ("今年11月", 2023, "2023-11-01", "2023-11-30", M, M, None),
    ("今年", 2023, "2023-01-01", "2023-12-31", Y, Y, None),
    ("明年3月", 2023, "2024-03-01", "2024-03-31", M, M, None),
    ("9月-次年8月", 2023, "2023-09-01", "2024-08-31", M, M, None),
    ("2023年11月-次年1月", 2020, "2023-11-01", "2024-01-31", M, M, None),
    ("9月1日-翌年1月15日", 2023, "2023-09-01", "2024-01-15", D, D, None),
    // 期间
    ("5月至6月期间", 2023, "2023-05-01", "2023-06-30", M, M, None),
    ("9月期间", 2023, "2023-09-01", "2023-09-30", M, M, None),
    ("5月至6月期间（评审）", 2023, "2023-05-01", "2023-06-30", M, M, Some("评审")),
    // dotted and compact
    ("10.28", 2023, "2023-10-28", "2023-10-28", D, D, None),
    ("2023.10.28", 2020, "2023-10-28", "2023-10-28", D, D, None),
    ("2023.9.18-9.22", 2020, "2023-09-18", "2023-09-22", D, D, None),
    ("9.18-22", 2023, "2023-09-18", "2023-09-22", D, D, None),
    ("9.18-10.8", 2023, "2023-09-18", "2023-10-08", D, D, None),
    ("2023.10", 2020, "2023-10-01", "2023-10-31", M, M, None),
    ("１０．２８", 2023, "2023-10-28", "2023-10-28", D, D, None),
    ("12.25-1.5", 2023, "2023-12-25", "2024-01-05", D, D, None),
    ("20230215", 2020, "2023-02-15", "2023-02-15", D, D, None),
    ("20230215-20230220", 2020, "2023-02-15", "2023-02-20", D, D, None),
    ("20230215-20", 2020, "2023-02-15", "2023-02-20", D, D, None),
    ("20230215（线上）", 2020, "2023-02-15", "2023-02-15", D, D, Some("线上")),
    ("2023/09/18", 2020, "2023-09-18", "2023-09-18", D, D, None),
    ("2023/9/8（线上）", 2020, "2023-09-08", "2023-09-08", D, D, Some("线上")),
    // 月初, 月中, 月底, 月末 (as 上旬, 中旬, 下旬)
    ("9月中", 2023, "2023-09-11", "2023-09-20", X, X, None),
    ("9月初-9月中", 2023, "2023-09-01", "2023-09-20", X, X, None),
    ("12月中至1月中", 2023, "2023-12-11", "2024-01-20", X, X, None),
    // weekdays, checked and, when right, not kept: the date says it already
    ("9月18日（周一）", 2023, "2023-09-18", "2023-09-18", D, D, None),
    ("9月18日(星期一)", 2023, "2023-09-18", "2023-09-18", D, D, None),
    ("9月18日周一", 2023, "2023-09-18", "2023-09-18", D, D, None),
    ("9月18日 星期一", 2023, "2023-09-18", "2023-09-18", D, D, None),
    ("2023年3月27日星期一", 2020, "2023-03-27", "2023-03-27", D, D, None),
    ("9月24日周日", 2023, "2023-09-24", "2023-09-24", D, D, None),
    ("9月24日（星期天）", 2023, "2023-09-24", "2023-09-24", D, D, None),
    ("9月24日礼拜天", 2023, "2023-09-24", "2023-09-24", D, D, None),
    ("9月18日(星期一)-22日(星期五)", 2023, "2023-09-18", "2023-09-22", D, D, None),
    ("9月18日（周一）（线上）", 2023, "2023-09-18", "2023-09-18", D, D, Some("线上")),
    ("2023-09-18（周一）", 2020, "2023-09-18", "2023-09-18", D, D, None),
    ("20230918星期一", 2020, "2023-09-18", "2023-09-18", D, D, None),
    ("9.18（周一）", 2023, "2023-09-18", "2023-09-18", D, D, None),
    // a bracket that says more than the weekday is kept whole (its weekday still checked)
    ("9月18日（周一下午）", 2023, "2023-09-18", "2023-09-18", D, D, Some("周一下午")),
    // a bracketed weekday with no day to check stays the note it always was
    ("9月（周三）", 2023, "2023-09-01", "2023-09-30", M, M, Some("周三")),
    ("9月-10月（周三、周五）", 2023, "2023-09-01", "2023-10-31", M, M, Some("周三、周五")),
    // a run of weekdays is no one day's: kept, not checked
    ("9月18-22日（周一至周五）", 2023, "2023-09-18", "2023-09-22", D, D, Some("周一至周五")),
    ("9月18日（周三、周五）", 2023, "2023-09-18", "2023-09-18", D, D, Some("周三、周五")),
    ("9月（周一至周五）", 2023, "2023-09-01", "2023-09-30", M, M, Some("周一至周五")),
    // what stays readable beside the questionable readings
    ("11月-4月", 2023, "2023-11-01", "2024-04-30", M, M, None),
    ("12月20日-2月29日", 2023, "2023-12-20", "2024-02-29", D, D, None),
    ("2023年9月-2024年8月", 2023, "2023-09-01", "2024-08-31", M, M, None),
    ("9月20日到9月", 2023, "2023-09-20", "2023-09-30", D, M, None),
    ("2023年-2024", 2023, "2023-01-01", "2024-12-31", Y, Y, None),
    ("1923年", 2023, "1923-01-01", "1923-12-31", Y, Y, None),
    ("2123年", 2023, "2123-01-01", "2123-12-31", Y, Y, None),
    ("09月09日", 2023, "2023-09-09", "2023-09-09", D, D, None),
    ("9月（春节前后）", 2023, "2023-09-01", "2023-09-30", M, M, Some("春节前后")),
    ("全年，常态化", 2023, "2023-01-01", "2023-12-31", Y, Y, Some("常态化")),
];

#[test]
fn reads_every_form() {
    for &(text, year, start, end, sp, ep, note) in FORMS {
        let got = parse_when(text, year).unwrap_or_else(|e| panic!("{text:?}: {e} ({e:?})"));
        let want = (d(start), d(end), sp, ep, note.map(str::to_string));
        assert_eq!((got.start, got.end, got.start_precision, got.end_precision, got.note), want, "{text:?}");
    }
}

/// (text, default year, error, byte offset, offending text)
type ErrorCase = (&'static str, i32, DateErrorKind, usize, &'static str);

#[rustfmt::skip]
pub(super) fn error_cases() -> Vec<ErrorCase> {
    let wrap = |from, to| K::LongWrap { year: 2023, from, to };
    let far = |year| K::YearFarAway { year, around: 2023 };
    let digits = |value, digits, unit| K::TooManyDigits { value, digits, unit };
    let nothing = |start: &str, end: &str| K::EndAddsNothing { start: start.into(), end: end.into() };
    let vague = |word: &str| K::Vague(word.into());
    let wrong = |date: &str, written: &str| {
        let date = d(date);
        K::WeekdayMismatch { date, actual: date.weekday(), written: written.into() }
    };
    vec![
        ("9月（评审）10月", 2023, K::TrailingText("10月".into()), 16, "10月"),
        ("（评审）9月", 2023, K::MissingDate, 0, "（"),
        ("9月-（评审）", 2023, K::IncompleteRange("-".into()), 4, "-"),
        ("9月（评审", 2023, K::UnclosedBracket("（".into()), 4, "（"),
        ("9月）", 2023, K::TrailingText("）".into()), 4, "）"),
        ("9月北京（评审）", 2023, K::TrailingText("北京".into()), 4, "北京"),
        // new forms, wrongly put together
        ("第五季度", 2023, K::QuarterOutOfRange(5), 3, "五"),
        ("Q0", 2023, K::QuarterOutOfRange(0), 1, "0"),
        ("第三季度下旬", 2023, K::Misplaced("下旬".into()), 12, "下旬"),
        ("上半年9月", 2023, K::Misplaced("9月".into()), 9, "9月"),
        ("9月上半年", 2023, K::Misplaced("上半年".into()), 4, "上半年"),
        ("第三场", 2023, K::Unrecognised("第三场".into()), 0, "第三场"),
        ("次年3月", 2023, K::Misplaced("次年".into()), 0, "次年"),
        ("期间", 2023, K::Misplaced("期间".into()), 0, "期间"),
        ("5月期间-6月", 2023, K::Misplaced("期间".into()), 4, "期间"),
        ("十一期间", 2023, K::Unrecognised("十一".into()), 0, "十一"),
        ("2023.9.18.1", 2023, K::Unrecognised("2023.9.18.1".into()), 0, "2023.9.18.1"),
        ("9.18.1", 2023, K::Unrecognised("9.18.1".into()), 0, "9.18.1"),
        ("10.", 2023, K::Misplaced(".".into()), 2, "."),
        ("10.32", 2023, K::DayOutOfRange { year: 2023, month: 10, day: 32 }, 3, "32"),
        ("13.1", 2023, K::MonthOutOfRange(13), 0, "13"),
        ("20231315", 2023, K::MonthOutOfRange(13), 4, "13"),
        ("20230230", 2023, K::DayOutOfRange { year: 2023, month: 2, day: 30 }, 6, "30"),
        ("下旬-9月", 2023, K::NoMonth("下旬".into()), 0, "下旬"),
        ("第三季度-下旬", 2023, K::NoMonth("下旬".into()), 13, "下旬"),
        // weekdays that do not match, and weekdays with no day
        ("9月18日（周三）", 2023, wrong("2023-09-18", "周三"), 12, "周三"),
        ("2023年3月27日星期五", 2023, wrong("2023-03-27", "星期五"), 16, "星期五"),
        ("9月18日(星期一)-22日(星期四)", 2023, wrong("2023-09-22", "星期四"), 27, "星期四"),
        ("9月18日（周三下午）", 2023, wrong("2023-09-18", "周三"), 12, "周三"),
        ("9月18日 14:30（周二）", 2023, wrong("2023-09-18", "周二"), 18, "周二"),
        ("2024-02-29（周五）", 2023, wrong("2024-02-29", "周五"), 13, "周五"),
        ("9月周三", 2023, K::WeekdayNeedsDay { weekday: "周三".into(), date: "9月".into() }, 4, "周三"),
        ("9月18日周一周二", 2023, K::Misplaced("周二".into()), 15, "周二"),
        ("周一9月18日", 2023, K::Misplaced("周一".into()), 0, "周一"),
        // questionable readings (issue 10 item 8): a long run into the next year without a year
        ("9月-8月", 2023, wrap(9, 8), 5, "8月"),
        ("9月18日-8月20日", 2023, wrap(9, 8), 10, "8月20日"),
        ("10月-4月", 2023, wrap(10, 4), 6, "4月"),
        ("9月18日-5月", 2023, wrap(9, 5), 10, "5月"),
        ("12.11、8.1", 2023, wrap(12, 8), 8, "8.1"),
        // a bare end number after a month
        ("4月-2", 2023, K::MissingUnit("2".into()), 5, "2"),
        ("4月-5", 2023, K::MissingUnit("5".into()), 5, "5"),
        // a year far from the schedule's
        ("6831", 2023, far(6831), 0, "6831"),
        ("6831年9月", 2023, far(6831), 0, "6831"),
        ("1000/9999", 2023, far(1000), 0, "1000"),
        ("2023-09/9999-01", 2023, far(9999), 8, "9999"),
        ("1922年", 2023, far(1922), 0, "1922"),
        ("2124年", 2023, far(2124), 0, "2124"),
        // leading zeros beyond the digits of the unit
        ("009月", 2023, digits(9, 3, "month"), 0, "009"),
        ("9月009日", 2023, digits(9, 3, "day"), 4, "009"),
        ("02023年9月", 2023, digits(2023, 5, "year"), 0, "02023"),
        ("2023.009.1", 2023, digits(9, 3, "month"), 5, "009"),
        // an end that contains its start and adds nothing
        ("9月30日到9月", 2023, nothing("9月30日", "9月"), 12, "9月"),
        ("9月下旬到9月", 2023, nothing("9月下旬", "9月"), 13, "9月"),
        ("2023年12月-2023年", 2023, nothing("2023年12月", "2023年"), 13, "2023年"),
        // words that name no dates
        ("春节前后", 2023, vague("春节前后"), 0, "春节前后"),
        ("常态化", 2023, vague("常态化"), 0, "常态化"),
        ("全年常态化", 2023, vague("常态化"), 6, "常态化"),
        ("待定", 2023, vague("待定"), 0, "待定"),
        ("年底前", 2023, vague("年底前"), 0, "年底前"),
        ("每周三", 2023, vague("每周"), 0, "每周"),
        ("年底", 2023, vague("年底"), 0, "年底"),
        ("2023年底", 2023, vague("年底"), 4, "年底"),
        ("年初", 2023, vague("年初"), 0, "年初"),
        ("周三", 2023, vague("周三"), 0, "周三"),
        ("周一至周五", 2023, vague("周一"), 0, "周一"),
        // numerals that are pairs, not numbers: 一二月 is January and February
        ("一二月", 2023, K::Unrecognised("一".into()), 0, "一"),
        ("七八月份", 2023, K::Unrecognised("七".into()), 0, "七"),
        // slashes: year first only (9/10 is 10 September to some readers)
        ("9/18", 2023, K::Unrecognised("/".into()), 1, "/"),
        ("2023/09/18/1", 2023, K::Misplaced("/".into()), 7, "/"),
        ("9月两日", 2023, K::Unrecognised("两".into()), 4, "两"),
        ("9月18日前", 2023, vague("前"), 9, "前"),
        ("国庆期间", 2023, vague("国庆"), 0, "国庆"),
        ("十一月底前", 2023, vague("前"), 12, "前"),
    ]
}

#[test]
fn reports_every_error() {
    for (text, year, kind, offset, offending) in error_cases() {
        let err = parse_when(text, year).expect_err(text);
        assert_eq!((&err.kind, err.offset, &text[err.span()]), (&kind, offset, offending), "{text:?}");
        assert!(!err.help().is_empty() && !err.to_string().is_empty());
    }
}

#[test]
fn bare_quarters_and_halves_need_a_year_when_the_schedule_crosses_one() {
    for (text, offending) in [("第三季度", "第三季度"), ("Q1", "Q1"), ("上半年", "上半年"), ("下半年-3月", "下半年")]
    {
        let err = parse_when_in(text, Context::starting(2024, 9)).expect_err(text);
        assert_eq!((&err.kind, &text[err.span()]), (&K::YearNeeded(offending.into()), offending), "{text:?}");
        assert!(err.help().contains("2025年"), "{}", err.help());
    }
    let when = parse_when_in("2025年上半年", Context::starting(2024, 9)).unwrap();
    assert_eq!((when.start, when.end, when.year_written), (d("2025-01-01"), d("2025-06-30"), true));
    let when = parse_when_in("今年11月", Context::starting(2024, 9)).unwrap();
    assert_eq!((when.start, when.year_written), (d("2024-11-01"), false));
}

#[test]
fn words_of_the_new_forms() {
    let cases = [
        ("第三季度", "2023年7月–9月"),
        ("Q4", "2023年10月–12月"),
        ("上半年", "2023年1月–6月"),
        ("下半年", "2023年7月–12月"),
        ("1-3月份", "2023年1月–3月"),
        ("九月十八日", "2023年9月18日"),
        ("十二月上旬", "2023年12月1日–10日（12月上旬）"),
        ("9月中", "2023年9月11日–20日（9月中旬）"),
        ("9月-次年8月", "2023年9月–2024年8月"),
        ("2023.9.18-9.22", "2023年9月18日–22日"),
        ("20230215", "2023年2月15日"),
        ("1月31日(正月初一)至2月14日(正月十五)", "2023年1月31日–2月14日"),
    ];
    for (text, want) in cases {
        let when = parse_when(text, 2023).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(when.in_words(), want, "{text:?}");
    }
    let academic = parse_when_in("全年", Context::starting(2024, 9)).unwrap();
    assert_eq!(academic.in_words(), "2024年9月–2025年8月");
}

#[test]
fn a_wrong_weekday_names_both() {
    let err = parse_when("9月18日（周三）", 2023).unwrap_err();
    assert_eq!(err.to_string(), "2023-09-18 is a Monday, the text says 周三");
    assert!(err.help().contains("9月18日 is a Monday"), "{}", err.help());
}

#[test]
fn help_for_the_questionable_readings() {
    let help = |text: &str| parse_when(text, 2023).unwrap_err().help();
    assert!(help("9月-8月").contains("2023年9月-2024年8月") && help("9月-8月").contains("9月-次年8月"));
    assert!(help("9月-8月").contains("8月-9月"));
    assert!(help("年底").contains("12月（年底）"), "{}", help("年底"));
    assert!(help("周三").contains("9月-12月（每周三）"), "{}", help("周三"));
    assert!(help("009月").contains("as 9"), "{}", help("009月"));
    // An academic year crosses by itself: 9月-6月 there is no slip.
    let when = parse_when_in("9月-6月", Context::starting(2024, 9)).unwrap();
    assert_eq!((when.start, when.end), (d("2024-09-01"), d("2025-06-30")));
    let err = parse_when_in("11月-10月", Context::starting(2024, 9)).unwrap_err();
    assert_eq!(err.kind, K::LongWrap { year: 2024, from: 11, to: 10 });
    // The window follows the schedule's year.
    assert!(parse_when("2000年", 2023).is_ok() && parse_when("2000年", 2101).is_err());
}
