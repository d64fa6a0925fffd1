//! The year a schedule's dates belong to, when `--year` does not say: from a title such as "2023年…" or an
//! academic year's "2025-2026学年第二学期", or from the dates themselves when every one writes its year.

use std::collections::BTreeSet;

use chrono::Datelike;

use crate::content::dates::{Context, parse_when_in};

/// A year and, for a schedule that crosses into the next year, its `span` ("2025年9月-2026年1月").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Year {
    pub year: i32,
    pub span: Option<String>,
    pub from: &'static str,
}

impl Year {
    /// What dates without a year are read against.
    pub(super) fn context(&self) -> Context {
        match &self.span {
            Some(span) => match crate::content::dates::parse_when(span, self.year) {
                Ok(w) => Context::starting(w.start.year(), w.start.month()),
                Err(_) => Context::calendar(self.year),
            },
            None => Context::calendar(self.year),
        }
    }
}

/// An academic year in a title: `2025-2026学年` (also `2025—2026`, `2025～2026`, `2025至2026`), with
/// `第一学期` (autumn: September to January), `第二学期` (spring: February to July) or neither (September to
/// August).
pub(super) fn academic(title: &str) -> Option<Year> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(first) = digits4(&chars, i) else { continue };
        let mut j = i + 4;
        if !chars.get(j).is_some_and(|c| "-－—–~～至到/".contains(*c)) {
            continue;
        }
        j += 1;
        let Some(second) = digits4(&chars, j) else { continue };
        let rest: String = chars[j + 4..].iter().collect();
        let rest = rest.trim_start_matches(['年', ' ']);
        if second != first + 1 || !rest.starts_with("学年") || !(1900..=2200).contains(&first) {
            continue;
        }
        let term = rest.trim_start_matches("学年").trim_start_matches(['度', ' ']);
        let (year, span) = if ["第一学期", "第1学期", "上学期", "秋季学期"].iter().any(|t| term.starts_with(t))
        {
            (first, Some(format!("{first}年9月-{second}年1月")))
        } else if ["第二学期", "第2学期", "下学期", "春季学期"].iter().any(|t| term.starts_with(t)) {
            (second, None)
        } else {
            (first, Some(format!("{first}年9月-{second}年8月")))
        };
        return Some(Year { year, span, from: "the academic year in the title" });
    }
    None
}

fn digits4(chars: &[char], at: usize) -> Option<i32> {
    let s: String = chars.get(at..at + 4)?.iter().collect();
    (s.chars().all(|c| c.is_ascii_digit()) && !chars.get(at + 4).is_some_and(char::is_ascii_digit))
        .then(|| s.parse().ok())
        .flatten()
}

/// The year of dates that all write their own (`2026-05-13`, `2025年9月`, a spreadsheet's date cells): each
/// reads the same whatever year it is read in. The earliest year is the schedule's; dates running into later
/// years give it a `span` from the first month to the last. None if any date lacks its year or none reads.
pub(super) fn from_dates<'a>(whens: impl Iterator<Item = &'a str>) -> Option<Year> {
    let mut months = BTreeSet::new();
    for when in whens.filter(|w| !w.trim().is_empty()) {
        let a = parse_when_in(when, Context::calendar(1999)).ok()?;
        let b = parse_when_in(when, Context::calendar(2001)).ok()?;
        if (a.start, a.end) != (b.start, b.end) {
            return None;
        }
        months.insert((a.start.year(), a.start.month()));
        months.insert((a.end.year(), a.end.month()));
    }
    let (&(y0, m0), &(y1, m1)) = (months.first()?, months.last()?);
    let span = (y1 > y0).then(|| format!("{y0}年{m0}月-{y1}年{m1}月"));
    Some(Year { year: y0, span, from: "the dates, which all write their year" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_in_titles() {
        type Want = Option<(i32, Option<&'static str>)>;
        let y = |t: &str| academic(t).map(|y| (y.year, y.span));
        #[rustfmt::skip]
        let cases: &[(&str, Want)] = &[
            ("2025-2026学年第二学期考试安排", Some((2026, None))),
            ("XX大学2025-2026学年第一学期期末考试", Some((2025, Some("2025年9月-2026年1月")))),
            ("2025—2026学年校历", Some((2025, Some("2025年9月-2026年8月")))),
            ("2025～2026学年度上学期", Some((2025, Some("2025年9月-2026年1月")))),
            ("2025-2027学年", None),
            ("2023年质量月", None),
            ("12025-2026学年", None),
        ];
        for (title, want) in cases {
            let want = want.map(|(y, s)| (y, s.map(str::to_string)));
            assert_eq!(y(title), want, "{title}");
        }
        let spring = academic("2025-2026学年第二学期").unwrap();
        assert_eq!(spring.context(), Context::calendar(2026));
        let autumn = academic("2025-2026学年第一学期").unwrap();
        assert_eq!(autumn.context(), Context::starting(2025, 9));
    }

    #[test]
    fn years_from_dates_that_write_them() {
        let y = |ws: &[&str]| from_dates(ws.iter().copied()).map(|y| (y.year, y.span));
        assert_eq!(y(&["2026-05-13", "2026年6月1日", ""]), Some((2026, None)));
        assert_eq!(y(&["2025-11-03", "2026-01-12"]), Some((2025, Some("2025年11月-2026年1月".to_string()))));
        assert_eq!(y(&["2026-05-13", "6月1日"]), None);
        assert_eq!(y(&["不是日期"]), None);
        assert_eq!(y(&[]), None);
    }
}
