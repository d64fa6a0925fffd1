//! A schedule's page, its table pages, and what the home page shows of the latest schedule.
//!
//! A schedule of up to [`TABLE_PAGE_SIZE`] activities is one page: the timeline, the agenda (each activity once,
//! in the month it starts) and the published table, which the filter searches in place. A larger one would be
//! megabytes, so its page is a summary (the months with their counts, and an index of every activity that the
//! filter searches and lists matches from), and its table is on numbered pages of [`TABLE_PAGE_SIZE`] rows.

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Value};

use super::SiteRenderer;
use super::text::script_json;
use super::views::*;
use crate::content::dates::{Precision, occurrences};
use crate::content::mode::Mode;
use crate::content::{Activity, Schedule};
use crate::layout::links::Owner;
use crate::layout::{TABLE_PAGE_SIZE, is_large, table_pages};
use crate::markdown;
use crate::site::{ActivityId, Site, YearMonth};
use crate::urls;
use crate::words::Words;

/// Characters of a body in a row of a large schedule's table pages.
const TABLE_SUMMARY_CHARS: usize = 60;

/// The months a schedule's timeline and agenda show: those of its dated activities and milestones. A
/// year-long activity runs past them as a band, so one 全年 entry never stretches the axis to twelve mostly
/// empty months. A schedule of year-long activities only shows its whole span.
pub(super) fn axis_months(s: &Schedule) -> Vec<YearMonth> {
    let dated = s.activities.iter().flat_map(|a| std::iter::once(&a.when).chain(a.milestones.iter().map(|m| &m.when)));
    let span = dated.filter(|w| w.precision() != Precision::Year).fold(None, |acc, w| match acc {
        None => Some((w.start, w.end)),
        Some((f, l)) => Some((w.start.min(f), w.end.max(l))),
    });
    span.or_else(|| s.span()).map(|(f, l)| YearMonth::span(f, l)).unwrap_or_default()
}

/// A month named from within `year`: "11月", or "2024年1月" in another year.
fn month_words(m: YearMonth, year: i32, w: &Words) -> String {
    if m.year == year { w.dates().month_of_year(m.month) } else { m.label(w) }
}

/// The schedule's first and last day as readers are told it: its declared span, else its activities' days.
pub(super) fn extent(s: &Schedule) -> Option<(NaiveDate, NaiveDate)> {
    s.declared_span.or_else(|| s.span())
}

/// The schedule's time in words (its [`extent`]); a whole calendar year is just "2023年".
pub(super) fn span_words(s: &Schedule, w: &Words) -> String {
    let Some((f, l)) = extent(s) else { return String::new() };
    let (f, l) = (YearMonth::of(f), YearMonth::of(l));
    if f.year == l.year && f.month == 1 && l.month == 12 { w.dates().year(f.year) } else { months_words(f, l, w) }
}

/// The months from `f` to `l` in words: "2023年9月", "2023年7月–9月", "2024年9月–2025年7月".
pub(super) fn months_words(f: YearMonth, l: YearMonth, w: &Words) -> String {
    w.dates().months(f.first_day(), l.first_day())
}

/// The line under a schedule's title: the parts it has, never an empty one.
pub(super) fn facts(s: &Schedule, w: &Words) -> Vec<String> {
    let mut out: Vec<String> = s.organiser.iter().filter(|o| !o.trim().is_empty()).cloned().collect();
    let span = span_words(s, w);
    if !span.is_empty() {
        out.push(span);
    }
    out.push(Words::fill(&w.listing.count, &[("n", &s.activities.len().to_string())]));
    out
}

fn is_year_round(a: &Activity) -> bool {
    a.when.precision() == Precision::Year
}

/// The schedule's tags in the site's reading order.
fn schedule_tags<'a>(site: &'a Site, s: &Schedule) -> Vec<&'a crate::site::Tag> {
    site.tags.iter().filter(|t| s.activities.iter().any(|a| a.tags.contains(&t.name))).collect()
}

fn timeline_month(m: YearMonth, w: &Words) -> TimelineMonth {
    TimelineMonth { key: m.key(), label: w.dates().month_short(m.month), year: m.year, url: m.url() }
}

/// An activity in the index a large schedule's filter searches (and the home page reads to say what is on):
/// `[slug, 序号, title, 时间地点, tag indexes, mode index, first day, last day, precision, occurrences, reading,
/// status]`, the status only for an activity that changed (`rescheduled`, `cancelled`, …), else null.
#[derive(Serialize)]
struct IndexItem<'a>(
    &'a str,
    Option<u32>,
    &'a str,
    String,
    Vec<usize>,
    usize,
    String,
    String,
    &'static str,
    Option<Vec<[Option<String>; 4]>>,
    String,
    Option<&'static str>,
);

/// Every activity of a schedule in a compact form, with `base`, the way from the page to the activity pages.
#[derive(Serialize)]
struct Index<'a> {
    base: String,
    tags: Vec<&'a str>,
    modes: Vec<&'a str>,
    items: Vec<IndexItem<'a>>,
    /// In a translated edition, what of the items shows as the original wrote it, for the script to mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<Original<'a>>,
}

/// The original's language, and the items (by index) whose title, and whose published dates, have no translation.
#[derive(Serialize)]
struct Original<'a> {
    lang: &'a str,
    title: Vec<usize>,
    published: Vec<usize>,
}

/// The index of schedule `s` as JSON for a `<script type="application/json">` on the page at `page`. The home
/// page's (`slim`) carries only what its lists of what is on and what is next show: no tags, no reading in
/// words, and the published dates without the place (a third of the size at 3,333 activities).
fn index_json(site: &Site, s: &Schedule, page: &str, slim: bool) -> String {
    let tags: Vec<&str> =
        if slim { Vec::new() } else { schedule_tags(site, s).into_iter().map(|t| t.name.as_str()).collect() };
    let modes: Vec<&str> = Mode::ALL.into_iter().map(|m| m.label(&site.words)).collect();
    let zone = &site.config.timezone;
    let items = s
        .activities
        .iter()
        .map(|a| {
            let mut t: Vec<usize> = a.tags.iter().filter_map(|n| tags.iter().position(|x| x == n)).collect();
            t.sort_unstable();
            IndexItem(
                &a.slug,
                a.number,
                &a.title,
                if slim { a.when_text.clone() } else { a.published() },
                t,
                Mode::ALL.iter().position(|m| *m == a.mode).unwrap_or(0),
                a.when.start.to_string(),
                a.when.end.to_string(),
                a.when.precision().as_str(),
                occurrences(&a.when, zone),
                if slim { String::new() } else { crate::content::dates::words(&a.when, &site.words) },
                a.changed().then(|| a.status().as_str()),
            )
        })
        .collect();
    let base = urls::relative(page, &urls::schedule(&s.slug)).trim_end_matches("index.html").to_string();
    // The items that show any of `keys` as the original wrote it (the home page's index shows no place).
    let marked = |keys: &[&str]| -> Vec<usize> {
        let shown = |a: &&Activity| a.untranslated.iter().any(|k| keys.contains(k));
        s.activities.iter().enumerate().filter(|(_, a)| shown(a)).map(|(i, _)| i).collect()
    };
    let original = site.editions.translated_from().map(|lang| Original {
        lang,
        title: marked(&["title"]),
        published: marked(if slim { &["when"] } else { &["when", "where"] }),
    });
    script_json(&Index { base, tags, modes, items, original })
}

/// The months of the axis with how many activities start and run in each (year-long ones aside).
fn month_counts(s: &Schedule, months: &[YearMonth], w: &Words) -> Vec<MonthCount> {
    let counts: Vec<(usize, usize)> = months
        .iter()
        .map(|&m| {
            let dated = s.activities.iter().filter(|a| !is_year_round(a));
            let starting = dated.clone().filter(|a| YearMonth::of(a.when.start) == m).count();
            (starting, dated.filter(|a| a.when.overlaps(m.first_day(), m.last_day())).count())
        })
        .collect();
    let busiest = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    months
        .iter()
        .zip(counts)
        .map(|(&m, (starting, running))| MonthCount {
            key: m.key(),
            label: m.label(w),
            url: m.url(),
            starting,
            running,
            share: format!("{:.2}%", running as f64 / busiest as f64 * 100.0),
        })
        .collect()
}

impl SiteRenderer<'_> {
    fn schedule_view(&self, si: usize, page: &str) -> ScheduleView<'_> {
        let (site, s) = (self.site, &self.site.schedules[si]);
        let n = s.activities.len();
        ScheduleView {
            title: &s.title,
            slug: &s.slug,
            url: urls::schedule(&s.slug),
            year: s.year,
            organiser: s.organiser.as_deref(),
            facts: facts(s, &site.words),
            intro_html: self.markdown(&s.intro, Owner { page: &urls::schedule(&s.slug), file: &s.origin.rel }, page),
            intro_lang: site.editions.original_lang(&s.untranslated, "body"),
            note: s.note.as_deref(),
            note_lang: site.editions.original_lang(&s.untranslated, "note"),
            activity_count: n,
            numbered: s.activities.iter().any(|a| a.number.is_some()),
            first_month: s.context.first_month,
            files: ScheduleFiles::new(site, s),
            large: is_large(n),
            table_pages: (0..table_pages(n))
                .map(|k| TablePageLink {
                    number: k + 1,
                    url: urls::schedule_table(&s.slug, k + 1),
                    first: k * TABLE_PAGE_SIZE + 1,
                    last: ((k + 1) * TABLE_PAGE_SIZE).min(n),
                })
                .collect(),
        }
    }

    fn filter_view(&self, s: &Schedule, months: &[YearMonth]) -> FilterView<'_> {
        let modes = Mode::ALL
            .into_iter()
            .filter(|m| s.activities.iter().any(|a| a.mode == *m))
            .map(|m| m.label(&self.site.words));
        FilterView {
            tags: schedule_tags(self.site, s)
                .into_iter()
                .map(|t| TagName { name: &t.name, lang: t.lang.as_deref() })
                .collect(),
            modes: modes.collect(),
            months: months.iter().map(|&m| timeline_month(m, &self.site.words)).collect(),
            changes: s.activities.iter().any(Activity::changed),
        }
    }

    /// Rows of the published table for activities `range` of schedule `si`, on the page at `page`: each body
    /// whole on a schedule's own page (printed like the original), as a one-line summary on a large schedule's
    /// table pages, whose rows lead to the activity pages that carry it (README "Each thing said once").
    fn table_rows(&self, si: usize, range: std::ops::Range<usize>, page: &str, whole: bool) -> Vec<TableRow> {
        let s = &self.site.schedules[si];
        range
            .map(|ai| {
                let a = &s.activities[ai];
                let body_html = if whole {
                    self.body_html(s, a, page)
                } else if a.body_text.is_empty() {
                    String::new()
                } else {
                    format!("<p>{}</p>", crate::escape::escape(&markdown::summary(&a.body_text, TABLE_SUMMARY_CHARS)))
                };
                TableRow {
                    summary: self.card(ActivityId { schedule: si, activity: ai }),
                    body_html,
                    body_lang: self.site.editions.original_lang(&a.untranslated, "body").map(str::to_string),
                    tags_json: serde_json::to_string(&a.tags).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The schedule page's context: everything for a schedule of one page, the summary for a large one.
    pub(super) fn insert_calendar(&self, ctx: &mut Context, si: usize, page: &str) {
        let (site, s) = (self.site, &self.site.schedules[si]);
        let months = axis_months(s);
        ctx.insert("schedule", &self.schedule_view(si, page));
        ctx.insert("filter", &self.filter_view(s, &months));
        let year_round: Vec<Value> = site
            .schedule_ids(si)
            .filter(|id| is_year_round(&s.activities[id.activity]))
            .map(|id| self.card(id))
            .collect();
        ctx.insert("year_round", &year_round);
        if is_large(s.activities.len()) {
            ctx.insert("overview", &month_counts(s, &months, &self.site.words));
            ctx.insert("index_json", &index_json(site, s, page, false));
            return;
        }
        ctx.insert("timeline", &self.timeline(si, &months));
        ctx.insert("agenda", &self.agenda(si, &months));
        ctx.insert("activities", &self.table_rows(si, 0..s.activities.len(), page, true));
    }

    /// Page `n` (0-based) of a large schedule's table.
    pub(super) fn insert_table_page(&self, ctx: &mut Context, si: usize, n: usize, page: &str) {
        let s = &self.site.schedules[si];
        let view = self.schedule_view(si, page);
        let count = view.table_pages.len();
        ctx.insert("pager", &Pager::new(n, count, |k| urls::schedule_table(&s.slug, k + 1)));
        ctx.insert("rows", &view.table_pages.get(n).map(|p| (p.first, p.last)).unwrap_or((0, 0)));
        ctx.insert("schedule", &view);
        let first = n * TABLE_PAGE_SIZE;
        ctx.insert(
            "activities",
            &self.table_rows(si, first..(first + TABLE_PAGE_SIZE).min(s.activities.len()), page, false),
        );
    }

    /// The home page's view of each schedule it may feature (see [`Featured`]): its facts, its months, its
    /// extent, and an index from which the browser lists what is on and what comes next.
    pub(super) fn insert_home(&self, ctx: &mut Context, page: &str) {
        let featured: Vec<Featured> = self
            .site
            .schedules
            .iter()
            .enumerate()
            .map(|(si, s)| {
                let span = extent(s);
                let latest = si < super::NAV_SCHEDULES;
                Featured {
                    schedule: super::pages::schedule_summary(s, &self.site.words),
                    first: span.map(|(f, _)| f.to_string()),
                    last: span.map(|(_, l)| l.to_string()),
                    months: if latest { month_counts(s, &axis_months(s), &self.site.words) } else { Vec::new() },
                    year_round_count: s.activities.iter().filter(|a| is_year_round(a)).count(),
                    // A large schedule's index would make the home page as heavy as its own: the home page
                    // then leads to this week's page instead of listing what is on.
                    index_json: (latest && !is_large(s.activities.len())).then(|| index_json(self.site, s, page, true)),
                    large: latest && is_large(s.activities.len()),
                }
            })
            .collect();
        ctx.insert("featured", &featured);
    }

    /// What the embeddable page lists: every activity of the schedules the navigation names (the latest), by the
    /// day it starts; the browser keeps what is on or next, by the reader's filter and today.
    pub(super) fn embed_items(&self) -> Vec<EmbedItem<'_>> {
        let site = self.site;
        let mut ids: Vec<ActivityId> =
            (0..site.schedules.len().min(super::NAV_SCHEDULES)).flat_map(|si| site.schedule_ids(si)).collect();
        // Stable: within a day, schedule and file order stay.
        ids.sort_by_key(|&id| site.get(id).1.when.start);
        ids.into_iter()
            .map(|id| EmbedItem {
                schedule: &site.schedules[id.schedule].slug,
                tags_json: serde_json::to_string(&site.get(id).1.tags).unwrap_or_default(),
                a: self.card(id),
            })
            .collect()
    }

    fn timeline(&self, si: usize, months: &[YearMonth]) -> Timeline<'_> {
        let (site, s) = (self.site, &self.site.schedules[si]);
        let (first, last) = match (months.first(), months.last()) {
            (Some(f), Some(l)) => (f.first_day(), l.last_day()),
            _ => (NaiveDate::MIN, NaiveDate::MIN),
        };
        let rows = s
            .activities
            .iter()
            .enumerate()
            .map(|(ai, a)| TimelineRow {
                activity: self.card(ActivityId { schedule: si, activity: ai }),
                bars: a
                    .when
                    .occurrences()
                    .map(|o| TimelineBar {
                        bar: Bar::place(o.start, o.end, first, last),
                        open_start: o.start < first,
                        open_end: o.end > last,
                    })
                    .collect(),
                was: a
                    .latest_move()
                    .map(|m| m.before.occurrences().map(|o| Bar::place(o.start, o.end, first, last)).collect())
                    .unwrap_or_default(),
                was_words: a.latest_move().map(|m| crate::content::dates::words(&m.before, &site.words)),
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| MilestoneView::new(m, &site.config.timezone, &site.words, first, last))
                    .collect(),
            })
            .collect();
        Timeline {
            first: first.to_string(),
            last: last.to_string(),
            months: months.iter().map(|&m| timeline_month(m, &self.site.words)).collect(),
            rows,
        }
    }

    /// Each dated activity once, in the month it starts, ordered by its first day; later months it runs in name
    /// it on a "自7月起" line. Year-long activities are listed once above the months, by the template.
    fn agenda(&self, si: usize, months: &[YearMonth]) -> Vec<AgendaMonth> {
        let s = &self.site.schedules[si];
        let w = &self.site.words;
        let anchor = |a: &Activity| format!("a-{}", a.slug);
        let mut dated: Vec<(usize, &Activity)> =
            s.activities.iter().enumerate().filter(|(_, a)| !is_year_round(a)).collect();
        dated.sort_by_key(|(ai, a)| (a.when.start, *ai));
        months
            .iter()
            .map(|&m| {
                let entries: Vec<AgendaEntry> = dated
                    .iter()
                    .filter(|(_, a)| YearMonth::of(a.when.start) == m)
                    .map(|&(ai, a)| {
                        let end = YearMonth::of(a.when.end);
                        AgendaEntry {
                            a: self.card(ActivityId { schedule: si, activity: ai }),
                            anchor: anchor(a),
                            until: (end > m)
                                .then(|| Words::fill(&w.listing.until, &[("month", &month_words(end, m.year, w))])),
                        }
                    })
                    .collect();
                let mut continuing: Vec<Continuing> = Vec::new();
                for &(_, a) in dated
                    .iter()
                    .filter(|(_, a)| YearMonth::of(a.when.start) < m && a.when.overlaps(m.first_day(), m.last_day()))
                {
                    let since = month_words(YearMonth::of(a.when.start), m.year, w);
                    let item = ContinuingItem {
                        anchor: anchor(a),
                        label: a.number.map_or_else(|| a.title.clone(), |n| n.to_string()),
                        number: a.number.is_some(),
                        // A bare number says nothing: the link names the activity.
                        title: a.number.map(|_| a.title.clone()),
                        title_lang: self.site.editions.original_lang(&a.untranslated, "title").map(str::to_string),
                    };
                    match continuing.last_mut() {
                        Some(c) if c.since == since => c.items.push(item),
                        _ => continuing.push(Continuing { since, items: vec![item] }),
                    }
                }
                AgendaMonth {
                    key: m.key(),
                    label: m.label(w),
                    url: m.url(),
                    running: entries.len() + continuing.iter().map(|c| c.items.len()).sum::<usize>(),
                    entries,
                    continuing,
                }
            })
            .filter(|m| m.running > 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::site_of;

    #[test]
    fn the_axis_fits_the_dated_activities_and_a_year_long_one_runs_past_it() {
        let site =
            site_of(None, &[("a", "9月18日-22日", None, ""), ("b", "全年", None, ""), ("c", "8月下旬", None, "")]);
        let keys: Vec<String> = axis_months(&site.schedules[0]).iter().map(|m| m.key()).collect();
        assert_eq!(keys, ["2023-08", "2023-09"]);
        let only_year = site_of(None, &[("b", "全年", None, "")]);
        assert_eq!(axis_months(&only_year.schedules[0]).len(), 12, "with nothing dated, the year itself");
    }

    #[test]
    fn facts_leave_out_what_a_schedule_does_not_have() {
        let site = site_of(None, &[("a", "9月18日-22日", None, ""), ("b", "10月", None, "")]);
        assert_eq!(facts(&site.schedules[0], &site.words), ["2023年9月–10月", "共 2 项活动"]);
        let site = site_of(None, &[("a", "全年", None, "")]);
        let w = &site.words;
        assert_eq!(span_words(&site.schedules[0], w), "2023年");
        assert_eq!(month_words(YearMonth { year: 2024, month: 1 }, 2023, w), "2024年1月");
        assert_eq!(month_words(YearMonth { year: 2023, month: 11 }, 2023, w), "11月");
    }
}
