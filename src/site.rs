//! The site model: the loaded content plus the indexes pages need (tags, months). Built once, then only read.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::content::{Activity, Schedule};
use crate::urls;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> Self {
        YearMonth { year: date.year(), month: date.month() }
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }
    pub fn next(self) -> Self {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { month: self.month + 1, ..self }
        }
    }
    pub fn prev(self) -> Self {
        if self.month == 1 {
            YearMonth { year: self.year - 1, month: 12 }
        } else {
            YearMonth { month: self.month - 1, ..self }
        }
    }
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
    pub fn url(self) -> String {
        urls::month(self.year, self.month)
    }
    /// Every month from the one holding `start` to the one holding `end`, inclusive.
    pub fn span(start: NaiveDate, end: NaiveDate) -> Vec<YearMonth> {
        let (mut m, last) = (YearMonth::of(start), YearMonth::of(end));
        let mut out = Vec::new();
        while m <= last {
            out.push(m);
            m = m.next();
        }
        out
    }
}

/// Where an activity is: its schedule's index and its own index in that schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActivityId {
    pub schedule: usize,
    pub activity: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    /// Unique among the site's tags.
    pub slug: String,
    pub members: Vec<ActivityId>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Latest first (by year, then folder name).
    pub schedules: Vec<Schedule>,
    /// Sorted by name.
    pub tags: Vec<Tag>,
    tag_index: BTreeMap<String, usize>,
    /// Every month from the earliest activity to the latest, with no gaps, so month pages chain.
    pub months: Vec<YearMonth>,
    /// For each of `months`, the activities running in it, in schedule order.
    running: Vec<Vec<ActivityId>>,
}

impl Site {
    pub fn new(config: Config, mut schedules: Vec<Schedule>) -> Site {
        schedules.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.slug.cmp(&b.slug)));
        let mut by_name: BTreeMap<&str, Vec<ActivityId>> = BTreeMap::new();
        for (si, s) in schedules.iter().enumerate() {
            for (ai, a) in s.activities.iter().enumerate() {
                for t in &a.tags {
                    by_name.entry(t).or_default().push(ActivityId { schedule: si, activity: ai });
                }
            }
        }
        let mut taken = BTreeMap::new();
        let tags: Vec<Tag> = by_name
            .into_iter()
            .map(|(name, members)| {
                // Two names can transliterate alike (评价, 平价): number the later ones.
                let base = urls::slugify(name);
                let n = taken.entry(base.clone()).and_modify(|n| *n += 1).or_insert(1);
                let slug = if *n == 1 { base } else { format!("{base}-{n}") };
                Tag { name: name.to_string(), slug, members }
            })
            .collect();
        let tag_index = tags.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let all = schedules.iter().flat_map(|s| &s.activities);
        let first = all.clone().map(|a| a.when.start).min();
        let last = all.flat_map(|a| std::iter::once(a.when.end).chain(a.milestones.iter().map(|m| m.when.end))).max();
        let months = match (first, last) {
            (Some(f), Some(l)) => YearMonth::span(f, l),
            _ => Vec::new(),
        };
        let mut running = vec![Vec::new(); months.len()];
        if let Some(&first) = months.first() {
            let index = |m: YearMonth| ((m.year - first.year) * 12 + m.month as i32 - first.month as i32) as usize;
            for (si, s) in schedules.iter().enumerate() {
                for (ai, a) in s.activities.iter().enumerate() {
                    for m in YearMonth::span(a.when.start, a.when.end) {
                        running[index(m)].push(ActivityId { schedule: si, activity: ai });
                    }
                }
            }
        }
        Site { config, schedules, tags, tag_index, months, running }
    }

    pub fn get(&self, id: ActivityId) -> (&Schedule, &Activity) {
        let s = &self.schedules[id.schedule];
        (s, &s.activities[id.activity])
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tag_index.get(name).map(|&i| &self.tags[i])
    }

    /// Every activity of the site, in schedule order.
    pub fn activity_ids(&self) -> impl Iterator<Item = ActivityId> + '_ {
        self.schedules
            .iter()
            .enumerate()
            .flat_map(|(si, s)| (0..s.activities.len()).map(move |ai| ActivityId { schedule: si, activity: ai }))
    }

    /// The activities of one schedule, in order.
    pub fn schedule_ids(&self, schedule: usize) -> impl Iterator<Item = ActivityId> {
        (0..self.schedules[schedule].activities.len()).map(move |ai| ActivityId { schedule, activity: ai })
    }

    pub fn activity_count(&self) -> usize {
        self.schedules.iter().map(|s| s.activities.len()).sum()
    }

    /// When an activity last changed: its own `updated`, else its schedule's, else 1 January of the schedule's
    /// year. Never the clock or a file time, so builds stay byte-identical.
    pub fn updated(&self, id: ActivityId) -> NaiveDate {
        let (s, a) = self.get(id);
        a.updated.or(s.updated).unwrap_or_else(|| NaiveDate::from_ymd_opt(s.year, 1, 1).unwrap_or(NaiveDate::MIN))
    }

    /// Activities of every schedule running at some time in `months[i]`, in schedule order.
    pub fn running_in(&self, i: usize) -> &[ActivityId] {
        self.running.get(i).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_arithmetic() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(YearMonth { year: 2024, month: 2 }.last_day(), d(2024, 2, 29));
        assert_eq!(YearMonth { year: 2023, month: 12 }.next(), YearMonth { year: 2024, month: 1 });
        assert_eq!(YearMonth { year: 2024, month: 1 }.prev(), YearMonth { year: 2023, month: 12 });
        let span = YearMonth::span(d(2023, 11, 30), d(2024, 2, 1));
        assert_eq!(span.iter().map(|m| m.key()).collect::<Vec<_>>(), ["2023-11", "2023-12", "2024-01", "2024-02"]);
    }
}
