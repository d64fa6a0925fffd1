//! The reading context (a schedule's year and the month it starts in) and `year_written`.
use chrono::NaiveDate;

use crate::{Context, Occurrence, Precision, parse_when, parse_when_in};
use Precision::{Day as D, Dekad as X, Month as M, Year as Y};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// (text, schedule year, first month, start, end, start precision, end precision, year written)
type Case = (&'static str, i32, u32, &'static str, &'static str, Precision, Precision, bool);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // A calendar year: nothing changes, and a year is written only when the text says it.
    ("9月", 2023, 1, "2023-09-01", "2023-09-30", M, M, false),
    ("2023年9月", 2020, 1, "2023-09-01", "2023-09-30", M, M, true),
    ("2023-09-18", 2020, 1, "2023-09-18", "2023-09-18", D, D, true),
    ("2023年12月-1月", 2020, 1, "2023-12-01", "2024-01-31", M, M, true),
    ("12月-2024年2月", 2023, 1, "2023-12-01", "2024-02-29", M, M, false),
    ("全年", 2023, 1, "2023-01-01", "2023-12-31", Y, Y, false),
    ("2023年全年", 2020, 1, "2023-01-01", "2023-12-31", Y, Y, true),
    // An academic year from 2024-09: months before September are in 2025.
    ("3月中旬", 2024, 9, "2025-03-11", "2025-03-20", X, X, false),
    ("9月", 2024, 9, "2024-09-01", "2024-09-30", M, M, false),
    ("8月", 2024, 9, "2025-08-01", "2025-08-31", M, M, false),
    ("12月-1月", 2024, 9, "2024-12-01", "2025-01-31", M, M, false),
    ("9月-6月", 2024, 9, "2024-09-01", "2025-06-30", M, M, false),
    ("3月-5月", 2024, 9, "2025-03-01", "2025-05-31", M, M, false),
    ("10月8日-1月10日", 2024, 9, "2024-10-08", "2025-01-10", D, D, false),
    ("2024年3月", 2024, 9, "2024-03-01", "2024-03-31", M, M, true),
    ("2025年9月", 2024, 9, "2025-09-01", "2025-09-30", M, M, true),
    // 全年 of an academic year is that year, month by month.
    ("全年", 2024, 9, "2024-09-01", "2025-08-31", M, M, false),
    ("全年", 2024, 4, "2024-04-01", "2025-03-31", M, M, false),
    // A first month out of 1..=12 is the calendar year.
    ("3月", 2024, 0, "2024-03-01", "2024-03-31", M, M, false),
    ("3月", 2024, 13, "2024-03-01", "2024-03-31", M, M, false),
];

#[test]
fn reads_against_the_context() {
    for &(text, year, first, start, end, sp, ep, written) in CASES {
        let when = parse_when_in(text, Context::starting(year, first)).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let got = (when.start, when.end, when.start_precision, when.end_precision, when.year_written);
        assert_eq!(got, (d(start), d(end), sp, ep, written), "{text:?} in {year}-{first:02}");
    }
}

#[test]
fn calendar_context_is_parse_when() {
    for text in ["9月", "12月-1月", "全年", "8月下旬", "2023-09-18/2023-09-22"] {
        assert_eq!(parse_when(text, 2023), parse_when_in(text, Context::calendar(2023)), "{text:?}");
    }
}

#[test]
fn context_helpers() {
    let academic = Context::starting(2024, 9);
    assert!(academic.crosses_year() && !Context::calendar(2024).crosses_year());
    assert_eq!((academic.year_of(8), academic.year_of(9), academic.year_of(12)), (Some(2025), Some(2024), Some(2024)));
    assert_eq!(academic.span(), Some((d("2024-09-01"), d("2025-08-31"))));
    assert_eq!(Context::calendar(2023).span(), Some((d("2023-01-01"), d("2023-12-31"))));
    assert_eq!(Context::starting(i32::MAX, 9).year_of(1), None);
    assert_eq!(Context::starting(i32::MAX, 9).span(), None);
}

#[test]
fn a_single_range_is_one_occurrence() {
    let when = parse_when("9月18日-22日（暂定）", 2023).unwrap();
    let all: Vec<Occurrence> = when.occurrences().collect();
    assert_eq!(all, [Occurrence { start: d("2023-09-18"), end: d("2023-09-22"), time: None }]);
}

#[test]
fn time_is_the_finest_precision() {
    assert!(Precision::Time < D);
    assert_eq!((Precision::Time.label(), Precision::Time.as_str()), ("时", "time"));
    assert_eq!(D.max(Precision::Time), D);
}
