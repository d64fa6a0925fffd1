//! The families of published time expressions of issue 21 the reader used to reject: two time slots in a day,
//! Traditional characters, combined 旬 words, lunar dates in brackets, a day without 日, compact digits and
//! week-numbered dates. Each family has readings and near misses that stay errors.
use crate::{DateErrorKind, parse_when};
use DateErrorKind as K;

/// (text, default year, the reading in words, its precision label, the note kept)
type Reads = (&'static str, i32, &'static str, &'static str, Option<&'static str>);

fn reads(cases: &[Reads]) {
    for &(text, year, words, label, note) in cases {
        let w = parse_when(text, year).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!((w.in_words().as_str(), w.precision().label(), w.note.as_deref()), (words, label, note), "{text:?}");
    }
}

/// Near misses: each stays an error, of the kind said when it matters.
fn refuses(cases: &[(&str, i32, Option<K>)]) {
    for (text, year, kind) in cases {
        let err = parse_when(text, *year).map(|w| w.in_words()).expect_err(text);
        if let Some(kind) = kind {
            assert_eq!(&err.kind, kind, "{text:?}");
        }
        assert!(text.get(err.span()).is_some_and(|s| !s.is_empty()), "{text:?}: {err:?}");
    }
}

#[test]
#[rustfmt::skip]
fn two_time_slots_in_a_day_read_as_their_hours_with_the_slots_kept() {
    reads(&[
        ("9月18日9:00-11:00/13:00-16:00", 2023, "2023年9月18日 9:00–16:00", "时", Some("9:00-11:00/13:00-16:00")),
        ("9月18日 9:00-11:00/13:00-16:00", 2023, "2023年9月18日 9:00–16:00", "时", Some("9:00-11:00/13:00-16:00")),
        ("9月18日上午9:00-11:00、下午14:00-16:00", 2023, "2023年9月18日 9:00–16:00", "时", Some("上午9:00-11:00、下午14:00-16:00")),
        ("9月18日 9:00-11:00、13:00-16:00", 2023, "2023年9月18日 9:00–16:00", "时", Some("9:00-11:00、13:00-16:00")),
        ("9月18日 上午9:00-11:00 下午2:00-4:00", 2023, "2023年9月18日 9:00–16:00", "时", Some("上午9:00-11:00 下午2:00-4:00")),
        ("9月18日8:30-11:30/14:00-17:00/19:00-21:00", 2023, "2023年9月18日 8:30–21:00", "时", Some("8:30-11:30/14:00-17:00/19:00-21:00")),
        ("2023-09-18 9:00-11:00/13:00-16:00", 2020, "2023年9月18日 9:00–16:00", "时", Some("9:00-11:00/13:00-16:00")),
        ("10月1日-7日 9:00-11:00/13:00-16:00", 2023, "2023年10月1日–7日 每天9:00–16:00", "时", Some("9:00-11:00/13:00-16:00")),
        ("9月18日（9:00-11:00/13:00-16:00）", 2023, "2023年9月18日 9:00–16:00", "时", Some("9:00-11:00/13:00-16:00")),
        // Unchanged: a slot after a comma is a clause note, as it always was.
        ("9月18日上午9:00-11:00，下午14:00-16:00", 2023, "2023年9月18日 9:00–11:00", "时", Some("下午14:00-16:00")),
        // A list of days is still a list.
        ("10月1日、3日 9:00-11:00", 2023, "2023年10月1日 9:00–11:00、3日 9:00–11:00", "时", None),
    ]);
    refuses(&[
        ("9月18日9:00-12:00/11:00-13:00", 2023, None),
        ("9月18日9:00/13:00", 2023, None),
        ("9月18日9:00-11:00/13:00", 2023, None),
        ("9月18日9:00-11:00/", 2023, None),
        ("9月18日9:00-11:00、", 2023, None),
        ("9月9:00-11:00/13:00-16:00", 2023, None),
        ("9:00-11:00/13:00-16:00", 2023, None),
        ("9月18日 13:00-16:00/9:00-11:00", 2023, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn traditional_characters_read_as_the_simplified() {
    reads(&[
        ("貫穿全年", 2023, "2023年全年", "年", None),
        ("贯穿全年", 2023, "2023年全年", "年", None),
        ("9月18日14時", 2023, "2023年9月18日 14:00", "时", None),
        ("9月18日下午兩點", 2023, "2023年9月18日 14:00", "时", None),
        ("9月18日 9點30分", 2023, "2023年9月18日 9:30", "时", None),
        ("9月18號", 2023, "2023年9月18日", "日", None),
        ("9月18日（週一）", 2023, "2023年9月18日", "日", None),
        ("9月18日（禮拜一）", 2023, "2023年9月18日", "日", None),
        ("5月至6月期間", 2023, "2023年5月–6月", "月", None),
        ("九月十八日到二十日", 2023, "2023年9月18日–20日", "日", None),
    ]);
    refuses(&[
        ("貫穿", 2023, None),
        ("每週三", 2023, Some(K::Vague("每週".into()))),
        ("春節前後", 2023, Some(K::Vague("春節前後".into()))),
        ("國慶", 2023, Some(K::Vague("國慶".into()))),
        ("9月週末", 2023, Some(K::Vague("週末".into()))),
        ("常態化", 2023, Some(K::Vague("常態化".into()))),
        ("10月之後", 2023, Some(K::Vague("之後".into()))),
        ("9月18日（週二）", 2023, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn combined_dekad_words_read_as_their_union() {
    reads(&[
        ("7月初和上中旬", 2023, "2023年7月1日–20日（7月上中旬）", "旬", None),
        ("7月上旬和中旬", 2023, "2023年7月1日–20日（7月上中旬）", "旬", None),
        ("7月中旬与下旬", 2023, "2023年7月11日–31日（7月中下旬）", "旬", None),
        ("7月上、中旬", 2023, "2023年7月1日–20日（7月上中旬）", "旬", None),
        ("7月中、下旬", 2023, "2023年7月11日–31日（7月中下旬）", "旬", None),
        ("7月上中旬", 2023, "2023年7月1日–20日（7月上中旬）", "旬", None),
        ("7月中下旬", 2023, "2023年7月11日–31日（7月中下旬）", "旬", None),
        ("7月月初", 2023, "2023年7月1日–10日（7月上旬）", "旬", None),
        ("7月月中", 2023, "2023年7月11日–20日（7月中旬）", "旬", None),
        ("7月月底", 2023, "2023年7月21日–31日（7月下旬）", "旬", None),
        ("2月月末", 2023, "2023年2月21日–28日（2月下旬）", "旬", None),
        ("7月月初至8月月底", 2023, "2023年7月1日–8月31日（7月上旬至8月下旬）", "旬", None),
    ]);
    refuses(&[
        ("上中旬", 2023, Some(K::NoMonth("上中旬".into()))),
        ("月初", 2023, None),
        ("7月初和下旬", 2023, None),
        ("7月上中旬和下旬", 2023, None),
        ("7月初和", 2023, None),
        ("和上旬", 2023, None),
        ("7月和8月", 2023, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn lunar_dates_in_brackets_stay_notes() {
    reads(&[
        ("1月31日(正月初一)至2月14日(正月十五)期间", 2023, "2023年1月31日–2月14日", "日", Some("正月初一；正月十五")),
        ("1月31日（正月初一）—2月14日（正月十五）期間", 2023, "2023年1月31日–2月14日", "日", Some("正月初一；正月十五")),
        ("1月31日(正月初一)至2月14日(正月十五)", 2023, "2023年1月31日–2月14日", "日", Some("正月初一；正月十五")),
        ("2月9日（除夕）", 2024, "2024年2月9日", "日", Some("除夕")),
        ("9月29日（农历八月十五）", 2023, "2023年9月29日", "日", Some("农历八月十五")),
    ]);
    refuses(&[
        ("正月初一", 2023, None),
        ("正月初一至正月十五", 2023, None),
        ("1月31日(正月初一)期间至2月14日", 2023, None),
        ("期间1月31日", 2023, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_day_without_its_unit_after_a_month_is_a_day() {
    reads(&[
        ("4月15", 2023, "2023年4月15日", "日", None),
        ("4月15-20", 2023, "2023年4月15日–20日", "日", None),
        ("4月15（周六）", 2023, "2023年4月15日", "日", None),
        ("2023年4月15", 2020, "2023年4月15日", "日", None),
        ("4月15 14:00", 2023, "2023年4月15日 14:00", "时", None),
    ]);
    refuses(&[
        // Before a day names no dates, with 日 or without it: the same answer, a range to write instead.
        ("4月15前", 2023, Some(K::Vague("前".into()))),
        ("4月15日前", 2023, Some(K::Vague("前".into()))),
        ("4月-2", 2023, Some(K::MissingUnit("2".into()))),
        ("4月32", 2023, Some(K::DayOutOfRange { year: 2023, month: 4, day: 32 })),
        ("4月015", 2023, None),
        ("2023年4", 2023, Some(K::MissingUnit("4".into()))),
        ("4月15-5月", 2023, None),
        ("15-20", 2023, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn compact_digits_after_a_year_are_month_and_day() {
    reads(&[
        ("2023年0730", 2020, "2023年7月30日", "日", None),
        ("2023年0730 14:00", 2020, "2023年7月30日 14:00", "时", None),
        ("20230730", 2020, "2023年7月30日", "日", None),
    ]);
    refuses(&[
        ("2023年0732", 2020, Some(K::DayOutOfRange { year: 2023, month: 7, day: 32 })),
        ("2023年1330", 2020, Some(K::MonthOutOfRange(13))),
        ("2023年730", 2020, None),
        ("0730", 2023, None),
        ("2023年073", 2020, None),
        ("2023年07300", 2020, None),
    ]);
}

#[test]
#[rustfmt::skip]
fn week_numbered_dates_read_the_date_and_check_the_weekday() {
    reads(&[
        ("第11周周3(2026-05-13) 13:30-15:20", 2026, "2026年5月13日 13:30–15:20", "时", Some("第11周")),
        ("第3周星期二(2026-03-10)", 2026, "2026年3月10日", "日", Some("第3周")),
        ("第3周 周二 （2026年3月10日）", 2026, "2026年3月10日", "日", Some("第3周")),
        ("第十一周周三(2026-05-13)", 2026, "2026年5月13日", "日", Some("第十一周")),
        ("第11週週三(2026-05-13)", 2026, "2026年5月13日", "日", Some("第11週")),
        ("第11周(2026-05-13)", 2026, "2026年5月13日", "日", Some("第11周")),
        ("第11周周3(5月13日)8:00-9:40", 2026, "2026年5月13日 8:00–9:40", "时", Some("第11周")),
        ("第11周周3(2026-05-13)、第12周周3(2026-05-20)", 2026, "2026年5月13日、20日", "日", Some("第11周；第12周")),
    ]);
    let wednesday = || K::WeekdayMismatch { date: "2026-05-13".parse().unwrap(), actual: chrono::Weekday::Wed, written: "周4".into() };
    refuses(&[
        ("第11周周4(2026-05-13)", 2026, Some(wednesday())),
        ("第11周周3", 2026, None),
        ("第11周", 2026, None),
        ("第11周周3(5月)", 2026, None),
        ("第11周周3(待定)", 2026, None),
        ("第周周3(2026-05-13)", 2026, None),
        ("2026-05-13第11周", 2026, None),
        ("周3", 2026, None),
    ]);
}
