//! Table-driven tests of the forms real schedules publish beyond the 质量月 seeds (issue 11).
use super::*;
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
];

#[test]
fn reads_every_form() {
    for &(text, year, start, end, sp, ep, note) in FORMS {
        let got = parse_when(text, year).unwrap_or_else(|e| panic!("{text:?}: {e} ({e:?})"));
        let want = (d(start), d(end), sp, ep, note.map(str::to_string));
        assert_eq!((got.start, got.end, got.start_precision, got.end_precision, got.note), want, "{text:?}");
    }
    let _ = (X, Y);
}

/// (text, default year, error, byte offset, offending text)
type ErrorCase = (&'static str, i32, DateErrorKind, usize, &'static str);

#[rustfmt::skip]
pub(super) fn error_cases() -> Vec<ErrorCase> {
    vec![
        ("9月（评审）10月", 2023, K::TrailingText("10月".into()), 16, "10月"),
        ("（评审）9月", 2023, K::MissingDate, 0, "（"),
        ("9月-（评审）", 2023, K::IncompleteRange("-".into()), 4, "-"),
        ("9月（评审", 2023, K::UnclosedBracket("（".into()), 4, "（"),
        ("9月）", 2023, K::TrailingText("）".into()), 4, "）"),
        ("9月北京（评审）", 2023, K::TrailingText("北京".into()), 4, "北京"),
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
