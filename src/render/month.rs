//! A month page: a Monday-first grid whose week rows carry each day- and 旬-level activity as a bar across its
//! days (in lanes, as calendar apps draw them), and below it every activity of the month, once, grouped by the
//! day or 旬 it starts (the list a phone shows instead of the grid, and what print reads).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use tera::{Context, Value};

use super::pages::shorten_cow;
use super::text::nowrap_dates;
use super::views::*;
use super::{SiteRenderer, to_value};
use crate::content::dates::{Occurrence, Precision, When, occurrences_json};
use crate::site::{ActivityId, YearMonth};
use crate::urls;
use crate::words::Words;

/// Lanes of bars a week row shows, so every row keeps one height; a day with more says "+N" and links to its
/// place in the list.
const LANES: usize = 4;

/// Past this many activities, a month's or a week's list shows each group's heading and count, and its
/// activities behind a toggle: a month of a thousand would otherwise be sixty screens tall.
pub(super) const FOLD_AT: usize = 60;

/// Month- and year-level activities the strip above the grid shows before "另有 N 项按月安排" folds the rest.
const STRIP_SHOWN: usize = 6;

/// The most the strip names at all (folded); past that it counts them and the list below names each, so a
/// month of a thousand activities does not draw a thousand chips twice.
const STRIP_MAX: usize = 60;

/// Characters of a title a bar in the grid shows (a week row is never wider); the list below has it all.
pub(super) const GRID_TITLE_CHARS: usize = 80;

/// The weekdays' short names, Monday first, in the site's date style: 一…日, Mon…Sun.
pub(super) fn weekdays(w: &Words) -> [&'static str; 7] {
    [0, 1, 2, 3, 4, 5, 6].map(|n| w.dates().weekday(n))
}

/// Where an activity goes in the month's list.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Group {
    /// Started in an earlier month and still runs.
    Earlier,
    /// Starts on this day (exact days and times).
    Day(NaiveDate),
    /// Starts in the 旬 beginning on this day; sorts after the exact days of that date.
    Dekad(NaiveDate),
    /// Published to the month only.
    Month,
    Year,
}

impl Group {
    pub(super) fn id(self) -> String {
        match self {
            Group::Earlier => "list-earlier".into(),
            Group::Day(d) => format!("d-{d}"),
            Group::Dekad(d) => format!("x-{d}"),
            Group::Month => "list-month".into(),
            Group::Year => "list-year".into(),
        }
    }

    pub(super) fn heading(self, m: YearMonth, w: &Words) -> String {
        match self {
            Group::Earlier => w.month.earlier.clone(),
            Group::Day(d) => {
                let weekday = w.dates().weekday(d.weekday().num_days_from_monday());
                Words::fill(&w.month.day, &[("date", &w.dates().day_of_month(d, true)), ("weekday", weekday)])
            }
            Group::Dekad(d) => w.dates().third_of_month(d),
            Group::Month => Words::fill(&w.month.in_month, &[("month", &w.dates().month_of_year(m.month))]),
            Group::Year => w.month.year_round.clone(),
        }
    }

    pub(super) fn note(self, w: &Words) -> Option<&str> {
        match self {
            Group::Dekad(_) => Some(&w.month.dekad_note),
            Group::Month => Some(&w.month.month_note),
            Group::Year => Some(&w.month.year_note),
            _ => None,
        }
    }
}

/// Lanes for runs of days `from..=to` given in order: each takes the first lane free on its first day, or none
/// when all `max` are taken. Returns each run's lane and how many lanes are used.
pub(super) fn pack(runs: impl Iterator<Item = (NaiveDate, NaiveDate)>, max: usize) -> (Vec<Option<usize>>, usize) {
    let mut ends: Vec<NaiveDate> = Vec::new();
    let placed = runs
        .map(|(from, to)| {
            let lane = match ends.iter().position(|&end| end < from) {
                Some(l) => l,
                None if ends.len() < max => {
                    ends.push(to);
                    ends.len() - 1
                }
                None => return None,
            };
            ends[lane] = to;
            Some(lane)
        })
        .collect();
    (placed, ends.len())
}

/// The mark before a bar's title: 起 where it starts and goes on past the row, 续 where it runs through, 止 where
/// it ends having started before; none when its whole run is in the row.
fn mark(starts: bool, ends: bool, w: &Words) -> Option<&str> {
    match (starts, ends) {
        (true, true) => None,
        (true, false) => Some(&w.grid.starts),
        (false, false) => Some(&w.grid.through),
        (false, true) => Some(&w.grid.ends),
    }
}

/// One activity's run of days in one week row, before it has a lane.
pub(super) struct Segment {
    pub(super) id: ActivityId,
    pub(super) occurrence: Occurrence,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
}

impl SiteRenderer<'_> {
    pub(super) fn insert_month(&self, ctx: &mut Context, i: usize, m: YearMonth) {
        let site = self.site;
        let running = site.running_in(i);
        let (first, last) = (m.first_day(), m.last_day());

        // The list: each activity once, by where its first date in the month falls.
        let mut groups: BTreeMap<Group, Vec<(NaiveDate, ActivityId)>> = BTreeMap::new();
        for &id in running {
            let a = site.get(id).1;
            let p = a.when.precision();
            // Its first date in the month (the month runs a list of dates only where one of its dates is).
            let Some(o) = a.when.occurrences().find(|o| o.start <= last && first <= o.end) else { continue };
            let group = match p {
                Precision::Year => Group::Year,
                _ if o.start < first => Group::Earlier,
                Precision::Time | Precision::Day => Group::Day(o.start),
                Precision::Dekad => Group::Dekad(o.start),
                Precision::Month => Group::Month,
            };
            groups.entry(group).or_default().push((o.start, id));
        }
        let list: Vec<MonthGroup> = groups
            .iter()
            .map(|(&g, members)| {
                let mut members = members.clone();
                members.sort();
                MonthGroup {
                    id: g.id(),
                    heading: g.heading(m, &site.words),
                    date: match g {
                        Group::Day(d) => Some(d.to_string()),
                        _ => None,
                    },
                    note: g.note(&site.words),
                    activities: members
                        .into_iter()
                        .map(|(_, id)| self.month_card(id, first, last))
                        .collect::<Vec<Value>>(),
                }
            })
            .collect();

        // The grid: day- and 旬-level activities only; coarser ones would be drawn on days they may not touch.
        let on_grid: Vec<ActivityId> =
            running.iter().copied().filter(|&id| site.get(id).1.when.precision() <= Precision::Dekad).collect();
        let day_target = |d: NaiveDate| {
            let id = Group::Day(d).id();
            if list.iter().any(|g| g.id == id) { format!("#{id}") } else { "#list-heading".to_string() }
        };
        let mut weeks = Vec::new();
        let mut monday = crate::site::monday_of(first);
        while monday <= last {
            weeks.push(self.week_row(&on_grid, monday, first, last, LANES, &day_target));
            monday += Duration::days(7);
        }
        ctx.insert(
            "month",
            &MonthView {
                key: m.key(),
                label: m.label(&site.words),
                prev: i.checked_sub(1).map(|p| MonthLink::new(site.months[p], &site.words)),
                next: site.months.get(i + 1).map(|&n| MonthLink::new(n, &site.words)),
                count: list.iter().map(|g| g.activities.len()).sum(),
            },
        );
        // The strip above the grid: what is known only by month or year, which the grid cannot place on days.
        let coarse: Vec<ActivityId> =
            running.iter().copied().filter(|&id| site.get(id).1.when.precision() >= Precision::Month).collect();
        let strip: Vec<_> = coarse.iter().take(STRIP_MAX).map(|&id| self.coarse_item(id)).collect();
        ctx.insert("strip_shown", &STRIP_SHOWN.min(strip.len()));
        ctx.insert("strip", &strip);
        ctx.insert("strip_count", &coarse.len());
        ctx.insert("weeks", &weeks);
        ctx.insert("weekdays", &weekdays(&site.words));
        ctx.insert("fold", &(running.len() > FOLD_AT));
        ctx.insert("groups", &list);
    }
}

impl SiteRenderer<'_> {
    /// One week row of a grid from `monday`: the days of `first..=last` in it, and a bar for each run of days of
    /// the activities `ids` in those days, in at most `max_lanes` lanes; a day with more says "另 N 项", leading
    /// to `day_target(day)`.
    pub(super) fn week_row(
        &self,
        ids: &[ActivityId],
        monday: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
        max_lanes: usize,
        day_target: &dyn Fn(NaiveDate) -> String,
    ) -> WeekView<'_> {
        let site = self.site;
        let sunday = monday + Duration::days(6);
        let days = (0..7).map(|c| monday + Duration::days(c)).map(|d| (first <= d && d <= last).then_some(d));
        let days: Vec<DayView> = days.enumerate().map(|(c, d)| DayView::new(c + 1, d)).collect();
        let mut segments: Vec<Segment> = Vec::new();
        for &id in ids {
            for o in site.get(id).1.when.occurrences() {
                let (from, to) = (o.start.max(monday).max(first), o.end.min(sunday).min(last));
                if from <= to {
                    segments.push(Segment { id, occurrence: o, from, to });
                }
            }
        }
        // Earlier first, longer first: the usual packing of a calendar's week row.
        segments.sort_by_key(|g| (g.from, std::cmp::Reverse(g.to), g.id));
        let (placed, lanes) = pack(segments.iter().map(|g| (g.from, g.to)), max_lanes);
        let mut hidden = [0usize; 7];
        let mut bars = Vec::new();
        let col = |d: NaiveDate| (d - monday).num_days() as usize;
        for (g, lane) in segments.into_iter().zip(placed) {
            let Some(lane) = lane else {
                (col(g.from)..=col(g.to)).for_each(|c| hidden[c] += 1);
                continue;
            };
            let (s, a) = site.get(g.id);
            let o = g.occurrence;
            let (starts, ends) = (g.from == o.start, g.to == o.end);
            let p = a.when.precision();
            bars.push(GridBar {
                col: col(g.from) + 1,
                span: col(g.to) - col(g.from) + 1,
                row: lane + 2,
                title: shorten_cow(&a.title, GRID_TITLE_CHARS),
                title_lang: self.site.editions.original_lang(&a.untranslated, "title"),
                url: urls::activity(&s.slug, &a.slug),
                number: a.number,
                precision: p.as_str(),
                approximate: p == Precision::Dekad,
                mark: mark(starts, ends, &self.site.words),
                open_start: !starts,
                open_end: !ends,
                time: o.time.filter(|t| t.daily || starts).map(|t| t.start.format("%H:%M").to_string()),
                mode_key: a.mode.as_str(),
                status: StatusView::new(a, &self.site.words),
            });
        }
        let more = hidden
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(c, &n)| MoreLink { col: c + 1, count: n, href: day_target(monday + Duration::days(c as i64)) })
            .collect();
        WeekView { days, bars, more, lanes: lanes.max(1) }
    }
}

impl SiteRenderer<'_> {
    /// An activity in a month's list. A list of dates says its dates in this month and how many it has in all,
    /// and gives the browser only those and the ones around them (enough for its "today" marks on this
    /// page): every month page of a long list repeating all of it would grow the site with months × dates.
    pub(super) fn month_card(&self, id: ActivityId, first: NaiveDate, last: NaiveDate) -> Value {
        self.range_card(id, first, last, &self.site.words.month.this_month)
    }

    /// [`Self::month_card`] for any range of days, `scope` naming it ("本月", "本周").
    pub(super) fn range_card(&self, id: ActivityId, first: NaiveDate, last: NaiveDate, scope: &str) -> Value {
        let (s, a) = self.site.get(id);
        let list = &a.when.list;
        let inside: Vec<usize> = (0..list.len()).filter(|&i| list[i].start <= last && first <= list[i].end).collect();
        let (Some(&from), Some(&to)) = (inside.first(), inside.last()) else { return self.card(id) };
        let mut card = ActivityRef::new(self.site, s, a);
        let month = part(&a.when, &list[from..=to]);
        let w = &self.site.words;
        let mut said = Words::fill(
            &w.month.dates_in,
            &[
                ("dates", &crate::content::dates::words(&month, w)),
                ("scope", scope),
                ("n", &(to - from + 1).to_string()),
                ("total", &list.len().to_string()),
            ],
        );
        if let Some(place) = &a.place {
            said = Words::fill(&w.month.place, &[("text", &said), ("place", place)]);
        }
        card.published_html = nowrap_dates(&said);
        card.dates_html = String::new();
        // The dates around the month and the last one keep the browser's "past" and "upcoming" right.
        let mut near: Vec<usize> = (from.saturating_sub(1)..=(to + 1).min(list.len() - 1)).collect();
        near.push(list.len() - 1);
        near.dedup();
        let near = part(&a.when, &near.iter().map(|&i| list[i]).collect::<Vec<_>>());
        card.occ = occurrences_json(&near, &self.site.config.timezone);
        to_value(&card)
    }
}

/// Some of the dates of a list, read as `when` reads them (its precisions), without its note.
fn part(when: &When, dates: &[Occurrence]) -> When {
    let (start, end) = match (dates.first(), dates.last()) {
        (Some(f), Some(l)) => (f.start, l.end),
        _ => (when.start, when.end),
    };
    When {
        start,
        end,
        start_precision: when.start_precision,
        end_precision: when.end_precision,
        note: None,
        time: match dates {
            [one] => one.time,
            _ => None,
        },
        list: if dates.len() > 1 { dates.to_vec() } else { Vec::new() },
        year_written: when.year_written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 9, day).unwrap()
    }

    #[test]
    fn runs_take_the_first_free_lane_and_overflow_is_counted_out() {
        // 18–22, 18, 19–20, 21–24, 23: a run takes the lowest lane free on its first day.
        let runs = [(d(18), d(22)), (d(18), d(18)), (d(19), d(20)), (d(21), d(24)), (d(23), d(23))];
        let (placed, lanes) = pack(runs.into_iter(), 6);
        assert_eq!(placed, [Some(0), Some(1), Some(1), Some(1), Some(0)]);
        assert_eq!(lanes, 2);
        // With one lane, what does not fit is left for "另 N 项".
        let (placed, lanes) = pack(runs.into_iter(), 1);
        assert_eq!(placed, [Some(0), None, None, None, Some(0)]);
        assert_eq!(lanes, 1);
    }

    #[test]
    fn marks_say_where_a_run_goes_on() {
        let w = &Words::builtin_zh_cn();
        assert_eq!(
            [mark(true, true, w), mark(true, false, w), mark(false, false, w), mark(false, true, w)],
            [None, Some("起"), Some("续"), Some("止")]
        );
    }

    #[test]
    fn the_list_goes_earlier_days_dekads_month_year() {
        let m = YearMonth { year: 2023, month: 9 };
        let mut groups =
            [Group::Year, Group::Month, Group::Dekad(d(21)), Group::Day(d(21)), Group::Day(d(18)), Group::Earlier];
        groups.sort();
        let w = &Words::builtin_zh_cn();
        let headings: Vec<String> = groups.iter().map(|g| g.heading(m, w)).collect();
        assert_eq!(
            headings,
            ["此前开始，本月仍在进行", "9月18日 周一", "9月21日 周四", "9月下旬", "9月内，具体日期未公布", "全年进行"]
        );
    }
}
