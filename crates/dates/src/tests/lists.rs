//! Lists of dates (issue 11 §2): several occurrences of one activity.
use super::forms::d;
use chrono::{NaiveDate, NaiveTime};

use crate::{Clock, Context, DateErrorKind, Precision, parse_when, parse_when_in};
use DateErrorKind as K;
use Precision::{Day as D, Dekad as X, Month as M, Time as T};

/// (text, occurrences as first–last day, start and end precision, in words)
type Case = (&'static str, &'static [(&'static str, &'static str)], Precision, Precision, &'static str);

#[rustfmt::skip]
pub(super) const LISTS: &[Case] = &[
    ("10月1日、10月3日、10月5日", &[("2023-10-01", "2023-10-01"), ("2023-10-03", "2023-10-03"), ("2023-10-05", "2023-10-05")], D, D, "2023年10月1日、3日、5日"),
    ("10月1日、3日、5日", &[("2023-10-01", "2023-10-01"), ("2023-10-03", "2023-10-03"), ("2023-10-05", "2023-10-05")], D, D, "2023年10月1日、3日、5日"),
    ("11.13、11.27、12.11", &[("2023-11-13", "2023-11-13"), ("2023-11-27", "2023-11-27"), ("2023-12-11", "2023-12-11")], D, D, "2023年11月13日、27日、12月11日"),
    ("12.11、1.8", &[("2023-12-11", "2023-12-11"), ("2024-01-08", "2024-01-08")], D, D, "2023年12月11日、2024年1月8日"),
    ("2023年12月30日、1月2日", &[("2023-12-30", "2023-12-30"), ("2024-01-02", "2024-01-02")], D, D, "2023年12月30日、2024年1月2日"),
    ("10月1日-3日、8日-10日", &[("2023-10-01", "2023-10-03"), ("2023-10-08", "2023-10-10")], D, D, "2023年10月1日–3日、8日–10日"),
    ("3月、6月、9月、12月", &[("2023-03-01", "2023-03-31"), ("2023-06-01", "2023-06-30"), ("2023-09-01", "2023-09-30"), ("2023-12-01", "2023-12-31")], M, M, "2023年3月、6月、9月、12月"),
    ("8月下旬、9月下旬", &[("2023-08-21", "2023-08-31"), ("2023-09-21", "2023-09-30")], X, X, "2023年8月21日–31日（8月下旬）、9月21日–30日（9月下旬）"),
    ("10月1日（周日）、10月3日（周二）", &[("2023-10-01", "2023-10-01"), ("2023-10-03", "2023-10-03")], D, D, "2023年10月1日、3日"),
    ("九月十八日、十月八日", &[("2023-09-18", "2023-09-18"), ("2023-10-08", "2023-10-08")], D, D, "2023年9月18日、10月8日"),
    ("9月18、19日", &[("2023-09-18", "2023-09-18"), ("2023-09-19", "2023-09-19")], D, D, "2023年9月18日、19日"),
    ("8、9月", &[("2023-08-01", "2023-08-31"), ("2023-09-01", "2023-09-30")], M, M, "2023年8月、9月"),
    ("3、4季度", &[("2023-07-01", "2023-09-30"), ("2023-10-01", "2023-12-31")], M, M, "2023年7月–9月、10月–12月"),
    ("2023-09-18、2023-09-25", &[("2023-09-18", "2023-09-18"), ("2023-09-25", "2023-09-25")], D, D, "2023年9月18日、25日"),
    // times: each its own, or one after the last date for all
    ("11月7日 10:30、11月14日 14:00", &[("2023-11-07", "2023-11-07"), ("2023-11-14", "2023-11-14")], T, T, "2023年11月7日 10:30、14日 14:00"),
    ("10月1日、3日、5日 9:00-11:00", &[("2023-10-01", "2023-10-01"), ("2023-10-03", "2023-10-03"), ("2023-10-05", "2023-10-05")], T, T, "2023年10月1日 9:00–11:00、3日 9:00–11:00、5日 9:00–11:00"),
    ("10月1日-2日、5日 每天9:00", &[("2023-10-01", "2023-10-02"), ("2023-10-05", "2023-10-05")], T, T, "2023年10月1日–2日 每天9:00、5日 9:00"),
    // a time on one date only is that date's; the list is as precise as its coarsest date
    ("10月1日、3日 9:00-11:00、5日", &[("2023-10-01", "2023-10-01"), ("2023-10-03", "2023-10-03"), ("2023-10-05", "2023-10-05")], D, D, "2023年10月1日、3日 9:00–11:00、5日"),
    ("11月7日 10:30-12:00、11月14日 10:30", &[("2023-11-07", "2023-11-07"), ("2023-11-14", "2023-11-14")], T, T, "2023年11月7日 10:30–12:00、14日 10:30"),
];

#[test]
fn reads_every_list() {
    for &(text, occurrences, sp, ep, words) in LISTS {
        let when = parse_when(text, 2023).unwrap_or_else(|e| panic!("{text:?}: {e} ({e:?})"));
        let got: Vec<(NaiveDate, NaiveDate)> = when.occurrences().map(|o| (o.start, o.end)).collect();
        let want: Vec<(NaiveDate, NaiveDate)> = occurrences.iter().map(|&(s, e)| (d(s), d(e))).collect();
        assert_eq!(got, want, "{text:?}");
        assert_eq!(when.list.len(), occurrences.len(), "{text:?}");
        assert_eq!((when.start, when.end), (want[0].0, want[want.len() - 1].1), "{text:?}");
        assert_eq!((when.start_precision, when.end_precision, when.time), (sp, ep, None), "{text:?}");
        assert_eq!(when.in_words(), words, "{text:?}");
    }
}

#[test]
fn occurrences_carry_their_times() {
    let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    let when = parse_when("11月7日上午10:30、11月14日下午2:00-4:00", 2023).unwrap();
    let times: Vec<Option<Clock>> = when.occurrences().map(|o| o.time).collect();
    assert_eq!(
        times,
        [
            Some(Clock { start: t("10:30"), end: None, daily: false }),
            Some(Clock { start: t("14:00"), end: Some(t("16:00")), daily: false })
        ]
    );
    let when = parse_when("10月1日、3日 9:00-11:00", 2023).unwrap();
    assert!(
        when.occurrences().all(|o| o.time == Some(Clock { start: t("09:00"), end: Some(t("11:00")), daily: false }))
    );
    assert_eq!(when.occurrence_words(), ["2023年10月1日 9:00–11:00", "2023年10月3日 9:00–11:00"]);
}

#[test]
fn a_list_keeps_every_note_and_year_written() {
    let when = parse_when("10月1日（线上）、3日（线下），以通知为准", 2023).unwrap();
    assert_eq!(when.note.as_deref(), Some("线上；线下；以通知为准"));
    assert!(!when.year_written);
    assert!(parse_when("2023年10月1日、3日", 2020).unwrap().year_written);
    assert!(parse_when("2023年10月1日、2024年1月3日", 2020).unwrap().year_written);
    assert!(!parse_when("10月1日、2024年1月3日", 2023).unwrap().year_written);
    // A list in an academic year: bare months before the first month are in the next year.
    let when = parse_when_in("9月5日、3月10日", Context::starting(2024, 9)).unwrap();
    assert_eq!((when.start, when.end), (d("2024-09-05"), d("2025-03-10")));
}

#[test]
fn reports_list_errors() {
    let back = |p: &str, n: &str| K::ListOutOfOrder { previous: d(p), next: d(n) };
    #[rustfmt::skip]
    let cases = [
        ("10月5日、10月3日", back("2023-10-05", "2023-10-03"), "10月3日"),
        ("10月1日、10月1日", back("2023-10-01", "2023-10-01"), "10月1日"),
        ("10月1日-5日、3日", back("2023-10-05", "2023-10-03"), "3日"),
        ("10月1日、", K::IncompleteRange("、".into()), "、"),
        ("、10月1日", K::IncompleteRange("、".into()), "、"),
        ("10月1日、、3日", K::IncompleteRange("、".into()), "、"),
        ("9月18日、10月", K::UnevenList("10月".into()), "10月"),
        ("9月18日、10月下旬", K::UnevenList("10月下旬".into()), "10月下旬"),
        ("9月、10月18日", K::UnevenList("10月18日".into()), "10月18日"),
        ("10月1日、3日（周三）", K::WeekdayMismatch { date: d("2023-10-03"), actual: chrono::Weekday::Tue, written: "周三".into() }, "周三"),
        ("10月1日、（补）", K::MissingDate, "（"),
    ];
    for (text, kind, offending) in cases {
        let err = parse_when(text, 2023).expect_err(text);
        assert_eq!((&err.kind, &text[err.span()]), (&kind, offending), "{text:?}");
        assert!(!err.help().is_empty() && !err.to_string().is_empty());
    }
}
