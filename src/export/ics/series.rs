//! A list of dates as few events as it takes: the dates of one shape (as many days, or as long from the same
//! kind of start) are one event whose first date is `DTSTART` and whose others are `RDATE`s (RFC 5545
//! §3.8.5.2), each instance as long as the first (§3.8.5.3). So a list of a thousand dates is one event of a
//! thousand short `RDATE` values, never a thousand copies of its title and description.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::content::dates::Occurrence;

/// How long each instance of an event lasts, which is what its dates must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// All day over this many days.
    AllDay(i64),
    /// From a local time, for this long; `None` for a start time alone (no `DTEND`: the event is at that time).
    Timed(Option<Duration>),
}

/// Where an instance starts: a day, or a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    Day(NaiveDate),
    At(NaiveDateTime),
}

/// One event of a list: its shape and its instances' starts, in order (the first is `DTSTART`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Series {
    pub shape: Shape,
    pub starts: Vec<Start>,
}

/// More shapes than this in one list (a list made to have a different length at every date) and each date is
/// reduced to a shape every list can share: its days one by one, or its start time alone. The number of events
/// a list makes stays bounded, whatever it says.
pub(super) const MAX_SERIES: usize = 4;

/// The events of a list of dates, in the order of their first date.
pub(super) fn of(occurrences: &[Occurrence]) -> Vec<Series> {
    let series = group(occurrences.iter().flat_map(|o| instances(o, false)));
    if series.len() <= MAX_SERIES {
        return series;
    }
    group(occurrences.iter().flat_map(|o| instances(o, true)))
}

fn group(instances: impl Iterator<Item = (Shape, Start)>) -> Vec<Series> {
    let mut series: Vec<Series> = Vec::new();
    for (shape, start) in instances {
        match series.iter_mut().find(|s| s.shape == shape) {
            Some(s) => s.starts.push(start),
            None => series.push(Series { shape, starts: vec![start] }),
        }
    }
    series
}

/// The instances of one occurrence: itself, or each of its days for hours kept daily (an `RRULE` cannot be
/// combined with other dates). `reduced`: its days one by one without a time, its start alone with one.
fn instances(o: &Occurrence, reduced: bool) -> Vec<(Shape, Start)> {
    let days = o.start.iter_days().take_while(|d| *d <= o.end);
    let Some(time) = o.time else {
        if reduced {
            return days.map(|d| (Shape::AllDay(1), Start::Day(d))).collect();
        }
        return vec![(Shape::AllDay((o.end - o.start).num_days() + 1), Start::Day(o.start))];
    };
    let start = o.start.and_time(time.start);
    if time.daily && o.start != o.end {
        let length = if reduced { None } else { time.end.map(|end| end - time.start) };
        return days.map(|d| (Shape::Timed(length), Start::At(d.and_time(time.start)))).collect();
    }
    let end = match time.end {
        Some(end) => Some(o.end.and_time(end)),
        // From a time on the first day to some time on the last: the end of the last day.
        None if o.end > o.start => o.end.succ_opt().map(|d| d.and_time(NaiveTime::MIN)),
        None => None,
    };
    let length = if reduced { None } else { end.map(|end| end - start) };
    vec![(Shape::Timed(length), Start::At(start))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::parse_when;

    fn series(text: &str) -> Vec<(Shape, Vec<String>)> {
        let when = parse_when(text, 2023).unwrap();
        of(&when.list)
            .into_iter()
            .map(|s| {
                let starts = s.starts.iter().map(|st| match st {
                    Start::Day(d) => d.to_string(),
                    Start::At(t) => t.to_string(),
                });
                (s.shape, starts.collect())
            })
            .collect()
    }

    #[test]
    fn dates_of_one_shape_are_one_event() {
        let hours = |h: i64| Shape::Timed(Some(Duration::hours(h)));
        type Case<'a> = (&'a str, &'a [(Shape, &'a [&'a str])]);
        let cases: &[Case] = &[
            ("10月1日、3日、5日", &[(Shape::AllDay(1), &["2023-10-01", "2023-10-03", "2023-10-05"])]),
            ("10月1日-3日、8日-10日", &[(Shape::AllDay(3), &["2023-10-01", "2023-10-08"])]),
            // Months of different lengths: one event per length.
            (
                "3月、6月、9月、12月",
                &[
                    (Shape::AllDay(31), &["2023-03-01", "2023-12-01"]),
                    (Shape::AllDay(30), &["2023-06-01", "2023-09-01"]),
                ],
            ),
            (
                "10月1日、3日、5日 9:00-11:00",
                &[(hours(2), &["2023-10-01 09:00:00", "2023-10-03 09:00:00", "2023-10-05 09:00:00"])],
            ),
            // Daily hours within a list: each of its days.
            (
                "10月1日-2日、5日 每天9:00-10:00",
                &[(hours(1), &["2023-10-01 09:00:00", "2023-10-02 09:00:00", "2023-10-05 09:00:00"])],
            ),
            ("11月7日 10:30、11月14日 14:00", &[(Shape::Timed(None), &["2023-11-07 10:30:00", "2023-11-14 14:00:00"])]),
            (
                "10月1日、3日 9:00-11:00、5日",
                &[(Shape::AllDay(1), &["2023-10-01", "2023-10-05"]), (hours(2), &["2023-10-03 09:00:00"])],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(Shape, Vec<String>)> =
                want.iter().map(|(s, d)| (*s, d.iter().map(|d| d.to_string()).collect())).collect();
            assert_eq!(series(text), want, "{text}");
        }
    }

    #[test]
    fn a_list_of_many_shapes_is_reduced_to_few_events() {
        // Five lengths of days, five lengths of hours: at most two events, and every day and start kept.
        let days = series("10月1日、3日-4日、6日-8日、10日-13日、15日-19日");
        assert_eq!(days.len(), 1, "{days:?}");
        assert_eq!((days[0].0, days[0].1.len()), (Shape::AllDay(1), 15));
        let hours = series("10月1日9:00-10:00、2日9:00-11:00、3日9:00-12:00、4日9:00-13:00、5日9:00-14:00、6日9:00");
        assert_eq!(hours, [(Shape::Timed(None), (1..=6).map(|d| format!("2023-10-0{d} 09:00:00")).collect())]);
    }
}
