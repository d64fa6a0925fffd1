//! The limits of one `when` (issue 20 §4): a text, a list and a range a calendar can hold, and a clear error past
//! each, pointing at where the limit is crossed.
use chrono::{Datelike, NaiveDate};

use crate::{DateErrorKind, MAX_DATES, MAX_RANGE_YEARS, MAX_WHEN_CHARS, parse_when};
use DateErrorKind as K;

/// `n` days of 2023 as a list, dotted (`1.1、1.2、…`) to stay short.
fn days(n: usize) -> String {
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let all: Vec<String> = start.iter_days().take(n).map(|d| format!("{}.{}", d.month(), d.day())).collect();
    all.join("、")
}

#[test]
fn a_list_holds_at_most_max_dates() {
    let at_limit = parse_when(&days(MAX_DATES), 2023).unwrap();
    assert_eq!(at_limit.list.len(), MAX_DATES);
    let text = days(MAX_DATES + 1);
    let err = parse_when(&text, 2023).unwrap_err();
    assert_eq!(err.kind, K::TooManyDates { count: MAX_DATES + 1, max: MAX_DATES });
    // It points at the mark before the first date past the limit.
    assert_eq!(&text[err.span()], "、");
    assert_eq!(text[..err.offset].matches('、').count(), MAX_DATES - 1);
    assert!(err.help().contains("9月-12月（每周三）") && err.help().contains(&MAX_DATES.to_string()), "{}", err.help());
}

#[test]
fn a_when_of_thousands_of_dates_is_refused_at_once() {
    // Issue 20 §4: 3,650 dates (69 KB) made 1.28 GB of output.
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let all: Vec<String> =
        start.iter_days().take(3650).map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day())).collect();
    let text = all.join("、");
    assert!(text.len() > 60_000);
    let err = parse_when(&text, 2023).unwrap_err();
    assert!(matches!(err.kind, K::WhenTooLong { max: MAX_WHEN_CHARS, .. }), "{err:?}");
    assert_eq!(err.kind, K::WhenTooLong { chars: text.chars().count(), max: MAX_WHEN_CHARS });
    // The span is the first character past the limit, not the 69 KB.
    assert_eq!(text[..err.offset].chars().count(), MAX_WHEN_CHARS);
    assert!(err.len <= 4);
    // Just under the limit in characters, a long list is still only refused for its dates.
    let short: String = days(MAX_DATES + 50);
    assert!(short.chars().count() <= MAX_WHEN_CHARS);
    assert!(matches!(parse_when(&short, 2023).unwrap_err().kind, K::TooManyDates { .. }));
}

#[test]
#[rustfmt::skip]
fn a_range_spans_at_most_max_years() {
    for (text, ok) in [
        ("2023年-2032年", true),
        ("2023年1月1日-2032年12月31日", true),
        ("2023年-2033年", false),
        ("2023年1月1日-2033年1月1日", false),
        ("2023年1月-2040年6月", false),
        ("2023年10月1日、2040年10月1日", false),
        ("2023年10月1日、2024年10月1日", true),
    ] {
        match parse_when(text, 2023) {
            Ok(w) => assert!(ok, "{text:?} read as {}", w.in_words()),
            Err(e) => {
                assert!(!ok, "{text:?}: {e}");
                assert!(matches!(e.kind, K::RangeTooLong { years: MAX_RANGE_YEARS, .. }), "{text:?}: {e:?}");
                assert_eq!(&text[e.span()], text, "{text:?}");
            }
        }
    }
}
