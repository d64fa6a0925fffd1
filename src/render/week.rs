//! A week page (Monday to Sunday), and the list of weeks that leads to today's.
//!
//! Today is known only in the browser, so the build writes a page for every week that touches one of the site's
//! months (no gaps, so the browser can name today's file, `weeks/2023-W38.html`, from the date alone), and
//! almanac.js points every "本周" link at it. A week page is drawn as calendar apps draw one: seven columns, the
//! activities with a time of day at their hours; above them an all-day band with the exact days without a time
//! and the 旬 (hatched, "约": their days are worked out); and above that a strip with the activities known only
//! by month or year, each with its published text and never in a day's column. Below, the same activities as a
//! list, each once (what a phone, a screen reader and print read).
//!
//! Output stays proportional to the input: an activity known only by month or year is in every week of its
//! range, so a week names at most [`COARSE_SHOWN`] of them in full and counts the rest with a link to the month.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;
use tera::{Context, Value};

use super::SiteRenderer;
use super::month::{GRID_TITLE_CHARS, Group, pack};
use super::pages::shorten_cow;
use super::views::*;
use crate::content::dates::{Occurrence, Precision};
use crate::site::{ActivityId, Site, YearMonth};
use crate::urls;
use crate::words::Words;

/// Lanes of the all-day band; a day with more says "另 N 项".
const BAND_LANES: usize = 6;

/// Activities side by side at one hour of one day; more say "另 N 项".
const TIME_LANES: usize = 3;

/// Activities known only by month or year a week names in full, in its strip and in its list; the rest are
/// counted, with a link to the month's list (a year-long activity would otherwise be copied into 52 pages).
pub(super) const COARSE_SHOWN: usize = 12;

/// "2023年9月18日–24日", "2023年9月25日–10月1日", "2023年12月25日–2024年1月1日" (Sep 18–24, 2023).
pub(super) fn label(monday: NaiveDate, w: &Words) -> String {
    w.dates().days(monday, monday + Duration::days(6))
}

/// "2023-W38".
fn week_key(monday: NaiveDate) -> String {
    let w = monday.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// "2023年第38周" (Week 38, 2023): the ISO week, which the file is named by.
fn number(monday: NaiveDate, w: &Words) -> String {
    let week = monday.iso_week();
    Words::fill(&w.listing.week_number, &[("year", &week.year().to_string()), ("n", &week.week().to_string())])
}

/// The activities running at some time in the week from `monday`, in schedule order, each once.
fn running(site: &Site, monday: NaiveDate) -> Vec<ActivityId> {
    let sunday = monday + Duration::days(6);
    let mut ids: Vec<ActivityId> = [YearMonth::of(monday), YearMonth::of(sunday)]
        .into_iter()
        .filter_map(|m| site.month_index(m))
        .flat_map(|i| site.running_in(i).iter().copied())
        .filter(|&id| site.get(id).1.when.overlaps(monday, sunday))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Whether an occurrence goes in the day columns, at its hours: a time of day on one day, or daily hours.
fn at_hours(o: &Occurrence) -> bool {
    o.time.is_some_and(|t| t.daily || o.start == o.end)
}

#[derive(Serialize)]
pub(super) struct WeekPageView {
    pub key: String,
    pub label: String,
    pub number: String,
    pub first: String,
    pub last: String,
    pub prev: Option<WeekLink>,
    pub next: Option<WeekLink>,
    /// The months it touches, each with its page.
    pub months: Vec<MonthLink>,
    pub count: usize,
}

#[derive(Serialize)]
pub(super) struct WeekLink {
    pub url: String,
    pub label: String,
}

/// A day's column head.
#[derive(Serialize)]
pub(super) struct WeekDay {
    pub col: usize,
    pub date: String,
    pub weekday: &'static str,
    pub day: String,
    pub weekend: bool,
}

/// An activity known only by month or year: named with its published dates, never placed on a day.
#[derive(Serialize)]
pub(super) struct CoarseItem<'a> {
    pub title: std::borrow::Cow<'a, str>,
    /// The original's language, on a title a translated edition lacks (see `Editions::original_lang`).
    pub title_lang: Option<&'a str>,
    pub when_lang: Option<&'a str>,
    pub url: String,
    pub number: Option<u32>,
    /// Its dates as published ("9月", "全年"): how precise they are, in the schedule's words.
    pub when: &'a str,
    pub precision: &'static str,
    pub precision_label: &'a str,
    pub start: String,
    pub end: String,
    pub mode_key: &'static str,
    #[serde(flatten)]
    pub status: StatusView<'a>,
}

/// An activity at its hours on one day: column `col`, grid rows `row` to `row_end` (half hours), lane `lane`
/// of `lanes`.
#[derive(Serialize)]
pub(super) struct TimedBar<'a> {
    pub col: usize,
    pub row: usize,
    pub row_end: usize,
    pub lane: usize,
    pub lanes: usize,
    pub title: std::borrow::Cow<'a, str>,
    pub title_lang: Option<&'a str>,
    pub url: String,
    pub number: Option<u32>,
    pub time: String,
    pub mode_key: &'static str,
    #[serde(flatten)]
    pub status: StatusView<'a>,
}

/// A group of the week's list.
#[derive(Serialize)]
pub(super) struct WeekGroup<'a> {
    pub id: String,
    pub heading: String,
    pub date: Option<String>,
    pub note: Option<&'a str>,
    pub activities: Vec<Value>,
    pub coarse: Vec<CoarseItem<'a>>,
    /// Those not named, and where they are all listed.
    pub more: Option<MoreCoarse>,
}

#[derive(Serialize)]
pub(super) struct MoreCoarse {
    pub count: usize,
    pub url: String,
    pub label: String,
}

/// A week in the list of weeks.
#[derive(Serialize)]
pub(super) struct WeekEntry {
    pub key: String,
    pub url: String,
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
pub(super) struct WeekMonth {
    pub label: String,
    pub weeks: Vec<WeekEntry>,
}

impl SiteRenderer<'_> {
    pub(super) fn coarse_item(&self, id: ActivityId) -> CoarseItem<'_> {
        let (s, a) = self.site.get(id);
        let p = a.when.precision();
        let e = &self.site.editions;
        CoarseItem {
            title: shorten_cow(&a.title, GRID_TITLE_CHARS),
            title_lang: e.original_lang(&a.untranslated, "title"),
            when_lang: e.original_lang(&a.untranslated, "when"),
            url: urls::activity(&s.slug, &a.slug),
            number: a.number,
            when: &a.when_text,
            precision: p.as_str(),
            precision_label: &crate::content::dates::precision_words(p, &self.site.words).label,
            start: a.when.start.to_string(),
            end: a.when.end.to_string(),
            mode_key: a.mode.as_str(),
            status: StatusView::new(a, &self.site.words),
        }
    }

    pub(super) fn insert_week(&self, ctx: &mut Context, i: usize) {
        let site = self.site;
        let w = &site.words;
        let monday = site.week_monday(i);
        let sunday = monday + Duration::days(6);
        let ids = running(site, monday);
        let precision = |id: ActivityId| site.get(id).1.when.precision();

        // The list: exact and 旬 activities by where their first date in the week falls; month and year ones
        // named up to COARSE_SHOWN each.
        let mut groups: BTreeMap<Group, Vec<(NaiveDate, ActivityId)>> = BTreeMap::new();
        for &id in &ids {
            let a = site.get(id).1;
            let Some(o) = a.when.occurrences().find(|o| o.start <= sunday && monday <= o.end) else { continue };
            let group = match a.when.precision() {
                Precision::Year => Group::Year,
                Precision::Month => Group::Month,
                _ if o.start < monday => Group::Earlier,
                Precision::Time | Precision::Day => Group::Day(o.start),
                Precision::Dekad => Group::Dekad(o.start),
            };
            groups.entry(group).or_default().push((o.start, id));
        }
        let month_of = |d: NaiveDate| YearMonth::of(d);
        let list: Vec<WeekGroup> = groups
            .iter()
            .map(|(&g, members)| {
                let mut members = members.clone();
                members.sort();
                let coarse = matches!(g, Group::Month | Group::Year);
                let (heading, note) = match g {
                    Group::Earlier => (w.week.earlier.clone(), None),
                    Group::Month => (w.week.by_month.clone(), Some(w.week.by_month_note.as_str())),
                    Group::Year => (w.month.year_round.clone(), Some(w.week.year_note.as_str())),
                    _ => (g.heading(month_of(monday), w), g.note(w)),
                };
                let more = (coarse && members.len() > COARSE_SHOWN).then(|| {
                    // The month holding most of the week (its Thursday's), if the site has its page.
                    let m = [monday + Duration::days(3), monday, sunday]
                        .into_iter()
                        .map(month_of)
                        .find(|&m| site.month_index(m).is_some())
                        .unwrap_or_else(|| month_of(monday));
                    MoreCoarse {
                        count: members.len() - COARSE_SHOWN,
                        url: format!("{}#{}", m.url(), g.id()),
                        label: Words::fill(&site.words.listing.month_list, &[("month", &m.label(&site.words))]),
                    }
                });
                WeekGroup {
                    id: g.id(),
                    heading,
                    date: match g {
                        Group::Day(d) => Some(d.to_string()),
                        _ => None,
                    },
                    note,
                    activities: if coarse {
                        Vec::new()
                    } else {
                        // A list of dates says only its dates in this week, as a month page does.
                        members.iter().map(|&(_, id)| self.range_card(id, monday, sunday, &w.week.this_week)).collect()
                    },
                    coarse: if coarse {
                        members.iter().take(COARSE_SHOWN).map(|&(_, id)| self.coarse_item(id)).collect()
                    } else {
                        Vec::new()
                    },
                    more,
                }
            })
            .collect();

        // The all-day band: exact days without hours, and 旬 (their days worked out, drawn as such).
        let band_ids: Vec<ActivityId> = ids
            .iter()
            .copied()
            .filter(|&id| precision(id) <= Precision::Dekad)
            .filter(|&id| {
                site.get(id).1.when.occurrences().any(|o| o.start <= sunday && monday <= o.end && !at_hours(&o))
            })
            .collect();
        let day_target = |d: NaiveDate| {
            let id = Group::Day(d).id();
            if list.iter().any(|g| g.id == id) { format!("#{id}") } else { "#list-heading".to_string() }
        };
        let band = self.week_row(&band_ids, monday, monday, sunday, BAND_LANES, &day_target);

        // The strip: month and year activities, by their published dates.
        let strip_ids: Vec<ActivityId> = ids.iter().copied().filter(|&id| precision(id) >= Precision::Month).collect();
        let strip: Vec<CoarseItem> = strip_ids.iter().take(COARSE_SHOWN).map(|&id| self.coarse_item(id)).collect();
        let strip_more = strip_ids.len().saturating_sub(COARSE_SHOWN);

        // The day columns: each occurrence at hours, on each of its days in the week.
        let mut timed: Vec<(usize, NaiveTime, NaiveTime, ActivityId)> = Vec::new();
        for &id in &ids {
            if precision(id) > Precision::Day {
                continue;
            }
            for o in site.get(id).1.when.occurrences().filter(at_hours) {
                let Some(t) = o.time else { continue };
                let end = t
                    .end
                    .filter(|e| *e > t.start)
                    .unwrap_or_else(|| t.start.overflowing_add_signed(Duration::hours(1)).0.max(t.start));
                let mut d = o.start.max(monday);
                while d <= o.end.min(sunday) {
                    timed.push(((d - monday).num_days() as usize, t.start, end, id));
                    d += Duration::days(1);
                }
            }
        }
        timed.sort_by_key(|&(c, s, e, id)| (c, s, std::cmp::Reverse(e), id));
        let first_hour = timed.iter().map(|t| t.1.hour()).min().unwrap_or(0);
        let last_hour = timed.iter().map(|t| if t.2.minute() > 0 { t.2.hour() + 1 } else { t.2.hour() }).max();
        let last_hour = last_hour.unwrap_or(0).max(first_hour + 1).min(24);
        let half = |t: NaiveTime| {
            let h = t.hour().clamp(first_hour, last_hour);
            ((h - first_hour) * 2 + u32::from(t.minute() >= 30 && h < last_hour)) as usize
        };
        let mut bars = Vec::new();
        let mut time_more: Vec<MoreLink> = Vec::new();
        for col in 0..7 {
            let day: Vec<_> = timed.iter().filter(|t| t.0 == col).collect();
            // Lanes by time: a half-hour row is a "day" of `pack`'s runs.
            let base = NaiveDate::MIN;
            let runs = day.iter().map(|t| {
                let (a, b) = (half(t.1), half(t.2).max(half(t.1) + 1) - 1);
                (base + Duration::days(a as i64), base + Duration::days(b as i64))
            });
            let (placed, lanes) = pack(runs, TIME_LANES);
            let mut hidden = 0;
            for (t, lane) in day.iter().zip(placed) {
                let Some(lane) = lane else {
                    hidden += 1;
                    continue;
                };
                let (s, a) = site.get(t.3);
                let row = half(t.1) + 2;
                bars.push(TimedBar {
                    col: col + 1,
                    row,
                    row_end: (half(t.2) + 2).max(row + 1),
                    lane,
                    lanes,
                    title: shorten_cow(&a.title, GRID_TITLE_CHARS),
                    title_lang: site.editions.original_lang(&a.untranslated, "title"),
                    url: urls::activity(&s.slug, &a.slug),
                    number: a.number,
                    time: format!("{}–{}", t.1.format("%H:%M"), t.2.format("%H:%M")),
                    mode_key: a.mode.as_str(),
                    status: StatusView::new(a, &self.site.words),
                });
            }
            if hidden > 0 {
                let d = monday + Duration::days(col as i64);
                time_more.push(MoreLink { col: col + 1, count: hidden, href: day_target(d) });
            }
        }
        let hours: Vec<String> =
            if timed.is_empty() { Vec::new() } else { (first_hour..last_hour).map(|h| format!("{h:02}:00")).collect() };

        let days: Vec<WeekDay> = (0..7)
            .map(|c| {
                let d = monday + Duration::days(c);
                WeekDay {
                    col: c as usize + 1,
                    date: d.to_string(),
                    weekday: w.dates().weekday(c as u32),
                    day: w.dates().day_of_month(d, c == 0 || d.day() == 1),
                    weekend: c >= 5,
                }
            })
            .collect();
        let link = |j: usize| {
            let m = site.week_monday(j);
            WeekLink { url: urls::week(m), label: label(m, w) }
        };
        let mut months = vec![YearMonth::of(monday)];
        if YearMonth::of(sunday) != months[0] {
            months.push(YearMonth::of(sunday));
        }
        ctx.insert(
            "week",
            &WeekPageView {
                key: week_key(monday),
                label: label(monday, w),
                number: number(monday, w),
                first: monday.to_string(),
                last: sunday.to_string(),
                prev: i.checked_sub(1).map(link),
                next: (i + 1 < site.week_count()).then(|| link(i + 1)),
                months: months
                    .into_iter()
                    .filter(|m| site.month_index(*m).is_some())
                    .map(|m| MonthLink::new(m, w))
                    .collect(),
                count: ids.len(),
            },
        );
        ctx.insert("days", &days);
        ctx.insert("band", &band);
        ctx.insert("strip", &strip);
        ctx.insert("strip_more", &strip_more);
        ctx.insert("timed", &bars);
        ctx.insert("time_more", &time_more);
        ctx.insert("hours", &hours);
        ctx.insert("time_rows", &(hours.len() * 2));
        ctx.insert("fold", &(ids.len() > super::month::FOLD_AT));
        ctx.insert("groups", &list);
    }

    pub(super) fn insert_weeks(&self, ctx: &mut Context) {
        let site = self.site;
        let w = &site.words;
        let mut months: Vec<WeekMonth> = Vec::new();
        for i in 0..site.week_count() {
            let monday = site.week_monday(i);
            // A week is listed under the month its Thursday is in, as ISO weeks are numbered.
            let m = YearMonth::of(monday + Duration::days(3));
            let entry = WeekEntry {
                key: week_key(monday),
                url: urls::week(monday),
                label: Words::fill(&w.listing.week, &[("days", &label(monday, w)), ("number", &number(monday, w))]),
                count: running(site, monday).len(),
            };
            match months.last_mut() {
                Some(last) if last.label == m.label(w) => last.weeks.push(entry),
                _ => months.push(WeekMonth { label: m.label(w), weeks: vec![entry] }),
            }
        }
        ctx.insert("weeks", &months);
    }
}
