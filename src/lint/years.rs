//! Whether a schedule read as a calendar year plausibly crosses into the next one (an academic or fiscal year
//! written without a `span`), judged from its dates as a set: their order in files or lists says nothing.

use chrono::{Months, NaiveDate};

use crate::content::dates::{Precision, When};

/// A year across the calendar's that the dates fit far better: it starts on `start` (the first of a month, on or
/// before the first date that writes its year) and its dates run to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Crossing {
    /// The first day a date that writes its year starts on.
    pub first_dated: NaiveDate,
    /// Where the crossing year starts: a date without a year that reads before it probably belongs to the next.
    pub start: NaiveDate,
    /// The last day of the dates read across the year.
    pub last: NaiveDate,
}

/// How long the break must be that a crossing reading leaves between the schedule's last date and its first
/// date a year on: six weeks, as an academic year's summer break.
const BREAK: i64 = 42;

/// How much longer that break must be than the one the calendar reading leaves over New Year: a month.
const LONGER_BY: i64 = 31;

/// The crossing year the dates of a schedule of calendar year `year` plausibly have, if any. Some date must write
/// its year (else nothing says the others are misread); reading the dates without a year before the first of
/// some month of `year` (on or before that first written date) in the next year must leave a break of at least
/// [`BREAK`] days between the dates' end and their start a year on, [`LONGER_BY`] days longer than the calendar
/// reading leaves over New Year. A whole year without a year written (`全年`) is no evidence either way.
pub(super) fn crossing<'a>(dates: impl IntoIterator<Item = &'a When>, year: i32) -> Option<Crossing> {
    let evidence: Vec<&When> =
        dates.into_iter().filter(|w| w.year_written || w.precision() != Precision::Year).collect();
    let first_dated = evidence.iter().filter(|w| w.year_written).map(|w| w.start).min()?;
    let calendar = gap(evidence.iter().map(|w| w.start).min()?, evidence.iter().map(|w| w.end).max()?)?;
    let mut best: Option<(i64, Crossing)> = None;
    for month in 2..=12 {
        let Some(start) = NaiveDate::from_ymd_opt(year, month, 1).filter(|&c| c <= first_dated) else { break };
        let moved = |w: &&&When| !w.year_written && w.start < start;
        let Some(moved_last) = evidence.iter().filter(moved).map(|w| w.end).max() else { continue };
        let Some(moved_last) = moved_last.checked_add_months(Months::new(12)) else { continue };
        let stays = evidence.iter().filter(|w| !moved(w));
        let (Some(first), Some(stays_last)) = (stays.clone().map(|w| w.start).min(), stays.map(|w| w.end).max()) else {
            continue;
        };
        let last = moved_last.max(stays_last);
        let Some(across) = gap(first, last) else { continue };
        // Ties go to the later month: the one the dates after the break start in.
        if across >= BREAK && across >= calendar + LONGER_BY && best.is_none_or(|(b, _)| across >= b) {
            best = Some((across, Crossing { first_dated, start, last }));
        }
    }
    best.map(|(_, c)| c)
}

/// The days between `last` and `first` a year on: the break a reading from `first` to `last` leaves (negative when
/// it runs for more than a year).
fn gap(first: NaiveDate, last: NaiveDate) -> Option<i64> {
    Some((first.checked_add_months(Months::new(12))? - last).num_days() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::parse_when;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A name, the schedule's year, its dates, and the crossing's start and last day.
    type Case = (&'static str, i32, &'static [&'static str], Option<(NaiveDate, NaiveDate)>);

    #[test]
    fn crosses_only_when_the_dates_fit_a_crossing_year_far_better() {
        let academic = Some((d("2024-09-01"), d("2025-06-30")));
        let cases: [Case; 12] = [
            // Issue 19.3: correct calendar years with one full date (a spreadsheet cell) late in them.
            ("excel date", 2025, &["1月10日", "2月", "3月", "5月中旬", "6月", "7月1日", "8月", "2025-09-20"], None),
            ("dotted date", 2025, &["1月", "3月中旬", "4月", "5月20日", "2025.6.18", "7月", "9月", "11月"], None),
            // Autumn and a March: read across the year they are half a year shorter, so a crossing is plausible.
            (
                "autumn and a March",
                2025,
                &["3月", "2025-09-20", "10月", "12月下旬"],
                Some((d("2025-09-01"), d("2026-03-31"))),
            ),
            ("nothing writes its year", 2024, &["9月2日", "12月", "3月中旬"], None),
            ("the written date comes first", 2025, &["2025年1月5日", "3月", "11月"], None),
            (
                "a whole year says nothing",
                2024,
                &["全年", "2024年9月2日", "12月", "3月中旬"],
                Some((d("2024-09-01"), d("2025-03-20"))),
            ),
            // An academic year written without its span: autumn, winter and spring, a summer break.
            (
                "academic year",
                2024,
                &["2024年9月2日", "10月", "11月中旬", "12月下旬", "1月中旬", "3月中旬", "5月", "6月下旬"],
                academic,
            ),
            (
                "in any order",
                2024,
                &["6月下旬", "3月中旬", "12月下旬", "2024年9月2日", "1月中旬", "5月", "11月中旬", "10月"],
                academic,
            ),
            (
                "autumn then spring",
                2024,
                &["2024年9月2日", "12月", "3月中旬"],
                Some((d("2024-09-01"), d("2025-03-20"))),
            ),
            // A bare range across the start cannot be moved whole: the calendar reading stays.
            ("a range across the start", 2024, &["2024年9月2日", "8月-10月", "3月中旬"], None),
            // Spread over the whole year (the benchmark's synthetic schedules): no break anywhere.
            ("spread", 2020, &["1月1日", "2020年1月4日", "2月", "4月", "6月", "8月", "10月", "12月"], None),
            // A break of one month before the full date is no academic summer.
            ("every other month", 2020, &["2月", "4月", "6月", "2020年8月5日", "10月", "12月"], None),
        ];
        let bare_whole_year: Case = ("a whole year alone", 2024, &["全年", "2024年9月2日"], None);
        for (name, year, texts, want) in cases.into_iter().chain([bare_whole_year]) {
            let whens: Vec<When> = texts.iter().map(|t| parse_when(t, year).unwrap()).collect();
            let got = crossing(&whens, year).map(|c| (c.start, c.last));
            assert_eq!(got, want, "{name}: {texts:?}");
        }
    }
}
