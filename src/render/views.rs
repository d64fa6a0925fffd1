//! What templates see: small borrowed views of the site model, one shape per page kind.
//!
//! Every `url` is relative to the site root; templates prefix it with the page's `root`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tera::Value;

use crate::content::changes::{self, Change, Status};
use crate::content::dates::DatesView;
use crate::content::{Activity, Milestone, Schedule};
use crate::site::{Site, YearMonth};
use crate::urls;
use crate::zone::Zone;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    pub description: &'a str,
}

/// What the head says about a page to search engines and link previews.
#[derive(Serialize)]
pub struct Meta {
    /// Plain text, short: the `description` and `og:description`.
    pub description: String,
    /// `og:type`: `article` for an activity, `website` for the rest.
    pub og_type: &'static str,
    /// `og:locale`, e.g. `zh_CN`.
    pub locale: String,
    /// The page's absolute URL, only with a `base_url` (`og:url` must be absolute).
    pub url: Option<String>,
}

/// A schedule's machine-readable files, relative to the site root.
#[derive(Serialize)]
pub struct ScheduleFiles {
    pub ics_url: String,
    /// `webcal://` address of the calendar: only with a `base_url`, as it must be absolute.
    pub webcal_url: Option<String>,
    pub feed_url: String,
    pub json_url: String,
    pub csv_url: String,
}

impl ScheduleFiles {
    pub fn new(site: &Site, schedule: &Schedule) -> Self {
        let ics_url = urls::schedule_calendar(&schedule.slug);
        ScheduleFiles {
            webcal_url: site.config.base_url().map(|b| urls::webcal(&urls::absolute(b, &ics_url))),
            ics_url,
            feed_url: urls::schedule_feed(&schedule.slug),
            json_url: urls::schedule_json(&schedule.slug),
            csv_url: urls::schedule_csv(&schedule.slug),
        }
    }
}

/// The offline archive as a page that offers it shows it (`archive` in templates; none on other pages and
/// when the site writes no archive).
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveView {
    /// The zip, relative to the site root; none on the archive's own copy of the page.
    pub url: Option<&'static str>,
    /// Its size in words (`1.2 MB`); none on the archive's own copy.
    pub size: Option<String>,
    /// Its size in bytes; none on the archive's own copy.
    pub bytes: Option<usize>,
    /// This page is the archive's own copy: it says so instead of offering itself.
    pub offline: bool,
    /// The page's address on the web, when the site has a `base_url`: where the offline copy points to.
    pub online_url: Option<String>,
}

/// What every page's footer says about how it was made: the content's date, as its editors wrote it, and the
/// almanac version. Never the clock: a build is the same on every run.
#[derive(Serialize)]
pub struct EditionView {
    /// `almanac`'s version, e.g. `0.1.0`.
    pub version: &'static str,
    /// The latest `updated` of any schedule or activity (ISO date); none when no one wrote one.
    pub updated: Option<String>,
    /// The same in words, `2023年8月15日`.
    pub updated_words: Option<String>,
}

impl EditionView {
    pub fn new(site: &Site) -> Self {
        let updated = site.content_updated();
        EditionView {
            version: env!("CARGO_PKG_VERSION"),
            updated: updated.map(|d| d.to_string()),
            updated_words: updated.map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day())),
        }
    }
}

#[derive(Serialize)]
pub struct Nav<'a> {
    pub home_url: &'static str,
    pub tags_url: &'static str,
    /// The latest few schedules; the home page lists them all.
    pub schedules: Vec<Link<'a>>,
    pub more_schedules: bool,
    pub schedule_count: usize,
}

#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct MonthLink {
    pub label: String,
    pub url: String,
}

impl From<YearMonth> for MonthLink {
    fn from(m: YearMonth) -> Self {
        MonthLink { label: m.label(), url: m.url() }
    }
}

#[derive(Serialize, Clone)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// An activity as lists, tables and the timeline show it.
#[derive(Serialize, Clone)]
pub struct ActivityRef<'a> {
    pub number: Option<u32>,
    pub title: &'a str,
    pub url: String,
    pub schedule_title: &'a str,
    pub schedule_url: String,
    pub when: &'a str,
    #[serde(rename = "where")]
    pub place: Option<&'a str>,
    pub published: String,
    /// 在线, 现场 or 待定 (see [`crate::content::mode::Mode::of`]), and its CSS name.
    pub mode: &'static str,
    pub mode_key: &'static str,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
    pub tags: Vec<TagLink<'a>>,
    #[serde(flatten)]
    pub status: StatusView,
}

/// Whether an activity changed, for its badge and the filter (see [`crate::content::changes`]).
#[derive(Serialize, Clone, Copy)]
pub struct StatusView {
    /// `scheduled`, `postponed`, `cancelled` or `rescheduled`.
    pub status: &'static str,
    pub status_label: &'static str,
    /// What its badge says (调整, 延期·待定, 已取消), or nothing for an activity that never changed.
    pub status_badge: Option<&'static str>,
    /// A change is recorded, or it is not simply scheduled.
    pub changed: bool,
    /// It still takes place at a known date: neither postponed nor cancelled.
    pub active: bool,
}

impl StatusView {
    pub fn new(a: &Activity) -> Self {
        let status = a.status();
        let badge = match status {
            Status::Cancelled => Some("已取消"),
            Status::Postponed => Some("延期·待定"),
            Status::Scheduled | Status::Rescheduled => a.changed().then_some("调整"),
        };
        StatusView {
            status: status.as_str(),
            status_label: status.label(),
            status_badge: badge,
            changed: a.changed(),
            active: status.is_active(),
        }
    }
}

/// A recorded change as pages show it.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    /// When it was announced, ISO 8601, and as the schedule writes it (9月1日).
    pub date: String,
    pub date_words: String,
    /// 原定9月18日-22日，调整为10月9日-13日
    pub summary: String,
    /// 原定9月18日-22日，调整为10月9日-13日（9月1日公告）
    pub line: String,
    pub note: Option<&'a str>,
}

impl<'a> ChangeView<'a> {
    pub fn new(c: &'a Change, year: i32) -> Self {
        ChangeView {
            date: c.date.to_string(),
            date_words: changes::date_words(c.date, year),
            summary: c.summary(),
            line: c.line(year),
            note: c.note.as_deref(),
        }
    }
}

/// An entry of a "最近调整" list: a change, with the activity it is about.
#[derive(Serialize)]
pub struct RecentChange<'a> {
    #[serde(flatten)]
    pub change: ChangeView<'a>,
    pub title: &'a str,
    pub url: String,
    pub schedule_title: &'a str,
    #[serde(flatten)]
    pub status: StatusView,
}

impl<'a> ActivityRef<'a> {
    pub fn new(site: &'a Site, schedule: &'a Schedule, a: &'a Activity) -> Self {
        let mode = a.mode;
        ActivityRef {
            number: a.number,
            title: &a.title,
            url: urls::activity(&schedule.slug, &a.slug),
            schedule_title: &schedule.title,
            schedule_url: urls::schedule(&schedule.slug),
            when: &a.when_text,
            place: a.place.as_deref(),
            published: a.published(),
            mode: mode.label(),
            mode_key: mode.as_str(),
            dates: DatesView::new(&a.when, &site.config.timezone),
            tags: a
                .tags
                .iter()
                .filter_map(|t| site.tag(t))
                .map(|t| TagLink { name: &t.name, url: urls::tag(&t.slug) })
                .collect(),
            status: StatusView::new(a),
        }
    }
}

/// Position of a range on a timeline, as CSS percentages.
#[derive(Serialize, Clone)]
pub struct Bar {
    pub left: String,
    pub width: String,
}

impl Bar {
    /// Placement of `start..=end` on a timeline running `first..=last`, clipped to it.
    pub fn place(start: NaiveDate, end: NaiveDate, first: NaiveDate, last: NaiveDate) -> Bar {
        let total = (last - first).num_days() as f64 + 1.0;
        let s = (start.max(first) - first).num_days() as f64;
        let e = (end.min(last) - first).num_days() as f64 + 1.0;
        let pct = |x: f64| format!("{:.2}%", (x / total * 100.0).clamp(0.0, 100.0));
        Bar { left: pct(s), width: pct((e - s).max(0.0)) }
    }
}

#[derive(Serialize)]
pub struct MilestoneView<'a> {
    pub label: &'a str,
    pub when: &'a str,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
    #[serde(flatten)]
    pub bar: Bar,
}

impl<'a> MilestoneView<'a> {
    pub fn new(m: &'a Milestone, zone: &Zone, first: NaiveDate, last: NaiveDate) -> Self {
        MilestoneView {
            label: &m.label,
            when: &m.when_text,
            dates: DatesView::new(&m.when, zone),
            bar: Bar::place(m.when.start, m.when.end, first, last),
        }
    }
}

#[derive(Serialize)]
pub struct ScheduleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub year: i32,
    pub organiser: Option<&'a str>,
    pub intro_html: String,
    pub note: Option<&'a str>,
    pub activity_count: usize,
    pub files: ScheduleFiles,
}

#[derive(Serialize)]
pub struct TimelineMonth {
    pub key: String,
    pub label: String,
    pub year: i32,
    pub url: String,
}

#[derive(Serialize)]
pub struct TimelineRow<'a> {
    pub activity: Value,
    /// One bar per date of a list, else one.
    pub bars: Vec<Bar>,
    /// Where it was before its last move, drawn faintly, and that reading in words; empty if it never moved.
    pub was: Vec<Bar>,
    pub was_words: Option<String>,
    pub milestones: Vec<MilestoneView<'a>>,
}

#[derive(Serialize)]
pub struct Timeline<'a> {
    /// The first and last day it draws, so the browser can place today's line.
    pub first: String,
    pub last: String,
    pub months: Vec<TimelineMonth>,
    pub rows: Vec<TimelineRow<'a>>,
}

/// What the calendar's filter form offers: the schedule's tags and the modes, plus the time zone its "today"
/// is read in.
#[derive(Serialize)]
pub struct FilterView<'a> {
    pub tags: Vec<&'a str>,
    pub modes: Vec<&'static str>,
    pub timezone: &'a str,
    /// Whether any activity changed: only then does the filter offer to show the changed or the active ones.
    pub changes: bool,
}

#[derive(Serialize)]
pub struct AgendaMonth {
    pub key: String,
    pub label: String,
    pub url: String,
    pub activities: Vec<Value>,
}

#[derive(Serialize)]
pub struct ScheduleSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub year: i32,
    pub organiser: Option<&'a str>,
    pub activity_count: usize,
    pub dates_words: String,
}

/// A row of the schedule table: the published columns with the main content (printed like the original), and
/// what the calendar's filter reads.
#[derive(Serialize)]
pub struct TableRow {
    #[serde(flatten)]
    pub summary: Value,
    pub body_html: String,
    /// Tag names as a JSON array, for a `data-` attribute: any character may be in a tag.
    pub tags_json: String,
    /// For the browser's "today" marks, when the reading has times or several dates: each occurrence as
    /// `[first day, last day, starts_at, ends_at]` (JSON, local times with the site's offset, or null).
    pub occurrences_json: Option<String>,
}

#[derive(Serialize)]
pub struct ActivityPage<'a> {
    #[serde(flatten)]
    pub summary: ActivityRef<'a>,
    pub body_html: String,
    pub milestones: Vec<MilestoneView<'a>>,
    pub months: Vec<MonthLink>,
    /// This activity's own `.ics`, relative to the site root.
    pub ics_url: String,
    /// Why it is postponed or cancelled, and its recorded changes, oldest first.
    pub reason: Option<&'a str>,
    pub changes: Vec<ChangeView<'a>>,
    /// Schema.org Event JSON-LD, safe to put inside `<script>` as is.
    pub jsonld: String,
}

#[derive(Serialize)]
pub struct MonthView {
    pub key: String,
    pub label: String,
    pub prev: Option<MonthLink>,
    pub next: Option<MonthLink>,
}

#[derive(Serialize)]
pub struct DayItem<'a> {
    pub title: &'a str,
    pub url: String,
    pub number: Option<u32>,
    pub precision: &'static str,
    pub precision_label: &'static str,
    /// Dekad-level: the activity falls somewhere in these days, not necessarily on each.
    pub approximate: bool,
    pub starts: bool,
    pub ends: bool,
    /// The time it starts that day (`14:30`), when the text gives one.
    pub time: Option<String>,
    #[serde(flatten)]
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct DayCell<'a> {
    pub day: Option<u32>,
    pub date: Option<String>,
    pub items: Vec<DayItem<'a>>,
}

impl DayCell<'_> {
    pub fn padding() -> Self {
        DayCell { day: None, date: None, items: Vec::new() }
    }
    pub fn day(date: NaiveDate) -> Self {
        DayCell { day: Some(date.day()), date: Some(date.to_string()), items: Vec::new() }
    }
}

#[derive(Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct TagGroup<'a> {
    pub schedule: Link<'a>,
    pub activities: Vec<Value>,
}

/// Where a page is in a list split over several pages. Empty when there is one page.
#[derive(Serialize)]
pub struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pager {
    /// Page `n` (0-based) of `total`; `url(k)` is page `k`'s address.
    pub fn new(n: usize, total: usize, url: impl Fn(usize) -> String) -> Pager {
        Pager {
            current: n + 1,
            total,
            prev: n.checked_sub(1).map(&url),
            next: (n + 1 < total).then(|| url(n + 1)),
            pages: (0..total).map(|k| PagerLink { number: k + 1, url: url(k), current: k == n }).collect(),
        }
    }
}
