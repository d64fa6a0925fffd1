//! What templates see: small borrowed views of the site model, one shape per page kind.
//!
//! Every `url` is relative to the site root; templates prefix it with the page's `root`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tera::Value;

use super::text::nowrap_dates;
use crate::content::changes::Change;
use crate::content::dates::{self, DatesView, Precision, occurrences_json, precision_words};
use crate::content::{Activity, Milestone, Schedule};
use crate::layout::is_large;
use crate::site::{Site, YearMonth};
use crate::urls;
use crate::words::Words;
use crate::zone::Zone;

/// A precision as a legend of the theme names it: the key of its style (`bar--dekad`), its 日/旬/月/年 and its name
/// in words.
#[derive(Serialize)]
pub(crate) struct PrecisionLegend<'a> {
    key: &'static str,
    label: &'a str,
    name: &'a str,
}

/// The precisions a list's legend names, coarsest last (a time of day is drawn as its day).
pub(crate) fn precisions(w: &Words) -> Vec<PrecisionLegend<'_>> {
    Precision::ALL[1..]
        .iter()
        .map(|&p| {
            let words = precision_words(p, w);
            PrecisionLegend { key: p.as_str(), label: &words.label, name: &words.name }
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    pub description: &'a str,
    /// The time zone the browser reads "today" in (`Asia/Shanghai`).
    pub timezone: &'a str,
}

/// What the head says about a page to search engines and link previews.
#[derive(Serialize)]
pub(crate) struct Meta {
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
pub(crate) struct ScheduleFiles {
    pub ics_url: String,
    /// `webcal://` address of the calendar: only with a `base_url`, as it must be absolute.
    pub webcal_url: Option<String>,
    pub feed_url: String,
    /// The site's feed of recorded schedule changes only.
    pub changes_url: &'static str,
    pub json_url: String,
    pub csv_url: String,
    /// The schedule's calendar as the "订阅" control offers it.
    pub subscribe: Subscription,
    /// The data a reader's own calendar is made from ("自选活动"), when the page holds the whole schedule.
    pub pick_url: Option<String>,
}

/// A calendar to subscribe to, as the "订阅" control shows it (`partials/subscribe.html`, which holds its words).
#[derive(Serialize)]
pub(crate) struct Subscription {
    /// The `.ics`, relative to the site root: a link that works on any host and from disk.
    pub ics_url: String,
    /// Its absolute address, to paste into Google or Outlook: only with a `base_url`.
    pub url: Option<String>,
    /// The same as `webcal://`, which opens the system's calendar app: only with a `base_url`.
    pub webcal_url: Option<String>,
}

impl Subscription {
    /// The calendar at `ics_url` (relative to the site root).
    pub(crate) fn new(site: &Site, ics_url: String) -> Self {
        let url = site.config.base_url().map(|b| urls::absolute(b, &ics_url));
        Subscription { webcal_url: url.as_deref().map(urls::webcal), url, ics_url }
    }
}

impl ScheduleFiles {
    pub(crate) fn new(site: &Site, schedule: &Schedule) -> Self {
        let subscribe = Subscription::new(site, urls::schedule_calendar(&schedule.slug));
        ScheduleFiles {
            webcal_url: subscribe.webcal_url.clone(),
            ics_url: subscribe.ics_url.clone(),
            subscribe,
            pick_url: (!is_large(schedule.activities.len())).then(|| urls::schedule_pick_data(&schedule.slug)),
            feed_url: urls::schedule_feed(&schedule.slug),
            changes_url: urls::CHANGES_FEED,
            // The site's data, whose every record names its schedule: written once, not once more per schedule.
            json_url: urls::DATA_JSON.to_string(),
            csv_url: urls::DATA_CSV.to_string(),
        }
    }
}

/// The offline archive as a page that offers it shows it (`archive` in templates; none on other pages and
/// when the site writes no archive).
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveView {
    /// The zip, relative to the site root (the original's, which holds every edition); none on the archive's
    /// own copy of the page.
    pub url: Option<String>,
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
pub(crate) struct EditionView {
    /// `almanac`'s version, e.g. `0.1.0`.
    pub version: &'static str,
    /// The latest `updated` of any schedule or activity (ISO date); none when no one wrote one.
    pub updated: Option<String>,
    /// The same in words, `2023年8月15日`.
    pub updated_words: Option<String>,
}

impl EditionView {
    pub(crate) fn new(site: &Site) -> Self {
        let updated = site.content_updated();
        EditionView {
            version: env!("CARGO_PKG_VERSION"),
            updated: updated.map(|d| d.to_string()),
            updated_words: updated.map(|d| site.words.dates().day(d, true)),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Nav<'a> {
    pub home_url: &'static str,
    pub tags_url: &'static str,
    /// The latest few schedules; the home page lists them all.
    pub schedules: Vec<Link<'a>>,
    pub more_schedules: bool,
    pub schedule_count: usize,
    /// The way to this week: the list of weeks, which almanac.js turns into this week's page.
    pub weeks: Option<WeeksNav>,
}

#[derive(Serialize, Clone)]
pub(crate) struct WeeksNav {
    pub url: &'static str,
}

/// An activity of the embeddable page: its card and its schedule's slug (for `?schedule=`).
#[derive(Serialize)]
pub(crate) struct EmbedItem<'a> {
    pub schedule: &'a str,
    /// Its tags as a JSON list, for `?tag=`.
    pub tags_json: String,
    pub a: Value,
}

#[derive(Serialize, Clone)]
pub(crate) struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct MonthLink {
    pub label: String,
    pub url: String,
}

impl MonthLink {
    pub(crate) fn new(m: YearMonth, w: &Words) -> Self {
        MonthLink { label: m.label(w), url: m.url() }
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
    /// The original's language, on a tag a translated edition has no word for.
    pub lang: Option<&'a str>,
}

/// An activity as lists, tables and the timeline show it.
#[derive(Serialize, Clone)]
pub(crate) struct ActivityRef<'a> {
    pub number: Option<u32>,
    pub title: &'a str,
    /// In a translated edition, the original's language on what it shows as the original wrote it (see
    /// `Editions::original_lang`): the title, the published time and place; and whether anything is.
    pub title_lang: Option<&'a str>,
    pub published_lang: Option<&'a str>,
    pub untranslated: bool,
    pub url: String,
    pub schedule_title: &'a str,
    pub schedule_url: String,
    pub when: &'a str,
    #[serde(rename = "where")]
    pub place: Option<&'a str>,
    pub published: String,
    /// `published` as HTML, each date in it kept on one line (see [`nowrap_dates`]).
    pub published_html: String,
    /// The reading in words as HTML, each date kept on one line.
    pub dates_html: String,
    /// For the browser's "today" marks, when the reading has times or several dates (see [`occurrences_json`]).
    pub occ: Option<String>,
    /// 在线, 现场 or 待定 (see [`crate::content::mode::Mode::of`]), and its CSS name.
    pub mode: &'a str,
    pub mode_key: &'static str,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
    pub tags: Vec<TagLink<'a>>,
    #[serde(flatten)]
    pub status: StatusView<'a>,
}

/// Whether an activity changed, for its badge and the filter (see [`crate::content::changes`]).
#[derive(Serialize, Clone, Copy)]
pub(crate) struct StatusView<'a> {
    /// `scheduled`, `postponed`, `cancelled` or `rescheduled`.
    pub status: &'static str,
    pub status_label: &'a str,
    /// What its badge says (调整, 延期·待定, 已取消), or nothing for an activity that never changed.
    pub status_badge: Option<&'a str>,
    /// A change is recorded, or it is not simply scheduled.
    pub changed: bool,
    /// It still takes place at a known date: neither postponed nor cancelled.
    pub active: bool,
}

impl<'a> StatusView<'a> {
    pub(crate) fn new(a: &Activity, w: &'a Words) -> Self {
        let status = a.status();
        StatusView {
            status: status.as_str(),
            status_label: status.label(w),
            // A postponed or cancelled activity always counts as changed, so it always has its badge.
            status_badge: a.changed().then_some(status.words(w).badge.as_str()),
            changed: a.changed(),
            active: status.is_active(),
        }
    }
}

/// A recorded change as pages show it.
#[derive(Serialize)]
pub(crate) struct ChangeView<'a> {
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
    pub(crate) fn new(c: &'a Change, year: i32, w: &Words) -> Self {
        ChangeView {
            date: c.date.to_string(),
            date_words: dates::day_words(c.date, year, w),
            summary: c.summary(w),
            line: c.line(year, w),
            note: c.note.as_deref(),
        }
    }
}

/// An entry of a "最近调整" list: a change, with the activity it is about.
#[derive(Serialize)]
pub(crate) struct RecentChange<'a> {
    #[serde(flatten)]
    pub change: ChangeView<'a>,
    pub title: &'a str,
    pub title_lang: Option<&'a str>,
    pub url: String,
    pub schedule_title: &'a str,
    #[serde(flatten)]
    pub status: StatusView<'a>,
}

impl<'a> ActivityRef<'a> {
    pub(crate) fn new(site: &'a Site, schedule: &'a Schedule, a: &'a Activity) -> Self {
        let mode = a.mode;
        let published = a.published();
        let dates = DatesView::new(&a.when, &site.config.timezone, &site.words);
        let mut tags: Vec<&crate::site::Tag> = a.tags.iter().filter_map(|t| site.tag(t)).collect();
        tags.sort_by_key(|t| site.tag_rank(&t.name));
        let e = &site.editions;
        let published_lang =
            e.original_lang(&a.untranslated, "when").or_else(|| e.original_lang(&a.untranslated, "where"));
        ActivityRef {
            number: a.number,
            title: &a.title,
            title_lang: e.original_lang(&a.untranslated, "title"),
            published_lang,
            untranslated: !a.untranslated.is_empty(),
            url: urls::activity(&schedule.slug, &a.slug),
            schedule_title: &schedule.title,
            schedule_url: urls::schedule(&schedule.slug),
            when: &a.when_text,
            place: a.place.as_deref(),
            published_html: nowrap_dates(&published),
            published,
            dates_html: nowrap_dates(&dates.dates_words),
            occ: occurrences_json(&a.when, &site.config.timezone),
            mode: mode.label(&site.words),
            mode_key: mode.as_str(),
            dates,
            tags: tags
                .into_iter()
                .map(|t| TagLink { name: &t.name, url: urls::tag(&t.slug), lang: t.lang.as_deref() })
                .collect(),
            status: StatusView::new(a, &site.words),
        }
    }
}

/// Position of a range on a timeline, as CSS percentages.
#[derive(Serialize, Clone)]
pub(crate) struct Bar {
    pub left: String,
    pub width: String,
}

impl Bar {
    /// Placement of `start..=end` on a timeline running `first..=last`, clipped to it.
    pub(crate) fn place(start: NaiveDate, end: NaiveDate, first: NaiveDate, last: NaiveDate) -> Bar {
        let total = (last - first).num_days() as f64 + 1.0;
        let s = (start.max(first) - first).num_days() as f64;
        let e = (end.min(last) - first).num_days() as f64 + 1.0;
        let pct = |x: f64| format!("{:.2}%", (x / total * 100.0).clamp(0.0, 100.0));
        Bar { left: pct(s), width: pct((e - s).max(0.0)) }
    }

    /// The room right of `start..=end` on that timeline (as a percentage), when its middle is past the axis's
    /// middle; else none.
    pub(crate) fn right_of(start: NaiveDate, end: NaiveDate, first: NaiveDate, last: NaiveDate) -> Option<String> {
        let total = (last - first).num_days() as f64 + 1.0;
        let s = (start.max(first) - first).num_days() as f64;
        let e = ((end.min(last) - first).num_days() as f64 + 1.0).max(s);
        ((s + e) / 2.0 > total / 2.0).then(|| format!("{:.2}%", ((total - e) / total * 100.0).clamp(0.0, 100.0)))
    }
}

#[derive(Serialize)]
pub(crate) struct MilestoneView<'a> {
    pub label: &'a str,
    pub when: &'a str,
    pub when_html: String,
    pub dates_html: String,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
    #[serde(flatten)]
    pub bar: Bar,
    /// Where its name goes under the lane: from the marker's left edge, or, for a marker past the middle of the
    /// axis, ending at the marker's right edge (`Some(the room right of it)`), so the name never runs off the axis.
    pub name_end: Option<String>,
}

impl<'a> MilestoneView<'a> {
    pub(crate) fn new(m: &'a Milestone, zone: &Zone, w: &'a Words, first: NaiveDate, last: NaiveDate) -> Self {
        let dates = DatesView::new(&m.when, zone, w);
        MilestoneView {
            label: &m.label,
            when: &m.when_text,
            when_html: nowrap_dates(&m.when_text),
            dates_html: nowrap_dates(&dates.dates_words),
            dates,
            bar: Bar::place(m.when.start, m.when.end, first, last),
            name_end: Bar::right_of(m.when.start, m.when.end, first, last),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct ScheduleView<'a> {
    pub title: &'a str,
    /// Its folder's name, which names the files a reader saves from its page.
    pub slug: &'a str,
    pub url: String,
    pub year: i32,
    /// The month its year starts in (dates typed into the search box without a year are read against it).
    pub first_month: u32,
    pub organiser: Option<&'a str>,
    /// What the line under the title says, only the parts the schedule has: organiser, its time span in words,
    /// how many activities. Templates join them with " · ".
    pub facts: Vec<String>,
    pub intro_html: String,
    /// The original's language on the intro and the note, when a translated edition shows them as written.
    pub intro_lang: Option<&'a str>,
    pub note: Option<&'a str>,
    pub note_lang: Option<&'a str>,
    pub activity_count: usize,
    /// Whether any activity has a 序号: the table has the column only then.
    pub numbered: bool,
    pub files: ScheduleFiles,
    /// Too many activities for one page: the page summarises, the filter searches an index, the table is paged.
    pub large: bool,
    /// The pages of a large schedule's table; empty otherwise.
    pub table_pages: Vec<TablePageLink>,
}

/// One page of a large schedule's table: its address and the rows it holds (1-based, inclusive).
#[derive(Serialize)]
pub(crate) struct TablePageLink {
    pub number: usize,
    pub url: String,
    pub first: usize,
    pub last: usize,
}

#[derive(Serialize)]
pub(crate) struct TimelineMonth {
    pub key: String,
    pub label: String,
    pub year: i32,
    pub url: String,
}

/// A bar of the timeline: where it is, and whether the activity runs on past the axis (a year-long activity
/// on an axis fitted to the dated ones), so it is drawn as a band with open ends.
#[derive(Serialize)]
pub(crate) struct TimelineBar {
    #[serde(flatten)]
    pub bar: Bar,
    pub open_start: bool,
    pub open_end: bool,
}

#[derive(Serialize)]
pub(crate) struct TimelineRow<'a> {
    pub activity: Value,
    /// One bar per date of a list, else one.
    pub bars: Vec<TimelineBar>,
    /// Where it was before its last move, drawn faintly, and that reading in words; empty if it never moved.
    pub was: Vec<Bar>,
    pub was_words: Option<String>,
    pub milestones: Vec<MilestoneView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Timeline<'a> {
    /// The first and last day it draws, so the browser can place today's line.
    pub first: String,
    pub last: String,
    pub months: Vec<TimelineMonth>,
    pub rows: Vec<TimelineRow<'a>>,
}

/// What the calendar's filter form offers: the schedule's tags, the modes and the months.
#[derive(Serialize)]
pub(crate) struct FilterView<'a> {
    pub tags: Vec<TagName<'a>>,
    pub modes: Vec<&'a str>,
    /// The months one can pick: those of the timeline's axis.
    pub months: Vec<TimelineMonth>,
    /// Whether any activity changed: only then does the filter offer to show the changed or the active ones.
    pub changes: bool,
}

/// A tag as the filter offers it, marked when a translated edition has no word for it.
#[derive(Serialize)]
pub(crate) struct TagName<'a> {
    pub name: &'a str,
    pub lang: Option<&'a str>,
}

/// A month of the agenda: the activities that start in it, and a line naming those that started earlier and
/// still run ("自7月起：1、2").
#[derive(Serialize)]
pub(crate) struct AgendaMonth {
    pub key: String,
    pub label: String,
    pub url: String,
    pub entries: Vec<AgendaEntry>,
    pub continuing: Vec<Continuing>,
    /// How many activities run at some time in the month, starting or continuing.
    pub running: usize,
}

/// An activity in the agenda, once, in the month it starts.
#[derive(Serialize)]
pub(crate) struct AgendaEntry {
    pub a: Value,
    /// Its `id` on the page, for the "自7月起" links of later months.
    pub anchor: String,
    /// "持续至11月" when it runs past the month.
    pub until: Option<String>,
}

/// Activities of a month that started in an earlier one.
#[derive(Serialize)]
pub(crate) struct Continuing {
    /// "7月", or "2023年12月" in another year.
    pub since: String,
    pub items: Vec<ContinuingItem>,
}

#[derive(Serialize)]
pub(crate) struct ContinuingItem {
    pub anchor: String,
    /// Its 序号, or its title when it has none.
    pub label: String,
    pub number: bool,
    /// Its whole title, after a 序号 label: the link's name says which activity out of context too (the theme
    /// shortens it to the eye, with the whole title on hover).
    pub title: Option<String>,
    pub title_lang: Option<String>,
}

/// A month of a large schedule's overview, or of the home page's list of months.
#[derive(Serialize)]
pub(crate) struct MonthCount {
    pub key: String,
    pub label: String,
    pub url: String,
    /// Activities that start in it, and that run at some time in it.
    pub starting: usize,
    pub running: usize,
    /// `running` as a share of the busiest month's, for a bar ("62.50%").
    pub share: String,
}

#[derive(Serialize)]
pub(crate) struct ScheduleSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub year: i32,
    pub organiser: Option<&'a str>,
    pub activity_count: usize,
    pub dates_words: String,
    /// Organiser, span and count, only those there are (join with " · ").
    pub facts: Vec<String>,
}

/// A schedule as the home page may feature it. The home page carries one per schedule; which are shown is decided
/// where "today" is known, in the browser, from `first` and `last` (see almanac.js). Without the script the first
/// one shows. The latest few by year (those the navigation names) come with their months and the index from
/// which the browser lists what is on; the others with their summary and link alone, so that an archive of many
/// years does not put every year's index in its home page.
#[derive(Serialize)]
pub(crate) struct Featured<'a> {
    pub schedule: ScheduleSummary<'a>,
    /// Its first and last day (ISO 8601); none for a schedule without dates.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Empty for an older schedule.
    pub months: Vec<MonthCount>,
    pub year_round_count: usize,
    /// None for an older schedule.
    pub index_json: Option<String>,
    /// Too many activities to carry an index on the home page.
    pub large: bool,
}

/// A row of the schedule table: the published columns with the main content (printed like the original), and
/// what the calendar's filter reads.
#[derive(Serialize)]
pub(crate) struct TableRow {
    #[serde(flatten)]
    pub summary: Value,
    pub body_html: String,
    /// The original's language, on a body a translated edition shows as the original wrote it.
    pub body_lang: Option<String>,
    /// Tag names as a JSON array, for a `data-` attribute: any character may be in a tag.
    pub tags_json: String,
}

#[derive(Serialize)]
pub(crate) struct ActivityPage<'a> {
    #[serde(flatten)]
    pub summary: ActivityRef<'a>,
    pub body_html: String,
    /// 主办 and 承办 of this activity (`organiser`, `host`), shown only when written.
    pub organiser: Option<&'a str>,
    pub host: Option<&'a str>,
    /// In a translated edition, the original's language on each part still as the original wrote it.
    pub langs: PartLangs<'a>,
    pub milestones: Vec<MilestoneView<'a>>,
    /// Its 时间地点 already says 地点待定: the page does not say 待定 again as its 参加方式.
    pub mode_said: bool,
    pub months: Vec<MonthLink>,
    /// This activity's own `.ics`, relative to the site root.
    pub ics_url: String,
    /// Links that open Google Calendar and Outlook with the activity filled in, or why there are none.
    pub add_to: crate::export::addto::AddTo,
    /// Why it is postponed or cancelled, and its recorded changes, oldest first.
    pub reason: Option<&'a str>,
    pub changes: Vec<ChangeView<'a>>,
    /// Schema.org Event JSON-LD, safe to put inside `<script>` as is.
    pub jsonld: String,
}

/// This page in each edition of the site (`languages`), for `hreflang` links and the switch between them.
#[derive(Serialize)]
pub(crate) struct EditionLink<'a> {
    pub lang: &'a str,
    /// The language's name in itself: "English", "简体中文".
    pub name: &'a str,
    /// Relative to this edition's root.
    pub url: String,
    pub current: bool,
}

impl<'a> EditionLink<'a> {
    /// The page at `path` in every edition; none when the site has one.
    pub(crate) fn all(site: &'a Site, path: &str) -> Vec<EditionLink<'a>> {
        let e = &site.editions;
        if !e.many() {
            return Vec::new();
        }
        e.languages
            .iter()
            .enumerate()
            .map(|(i, (lang, name))| EditionLink {
                lang,
                name,
                url: format!("{}{path}", e.root_of(i)),
                current: i == e.this,
            })
            .collect()
    }
}

/// The original's language on each part of an activity's page that a translated edition shows as the original
/// wrote it (see `Editions::original_lang`); all none in the original.
#[derive(Serialize)]
pub(crate) struct PartLangs<'a> {
    pub body: Option<&'a str>,
    pub organiser: Option<&'a str>,
    pub host: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub when: Option<&'a str>,
}

impl<'a> PartLangs<'a> {
    pub(crate) fn new(site: &'a Site, a: &Activity) -> Self {
        let e = &site.editions;
        PartLangs {
            body: e.original_lang(&a.untranslated, "body"),
            organiser: e.original_lang(&a.untranslated, "organiser"),
            host: e.original_lang(&a.untranslated, "host"),
            reason: e.original_lang(&a.untranslated, "reason"),
            when: e.original_lang(&a.untranslated, "when"),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct MonthView {
    pub key: String,
    pub label: String,
    pub prev: Option<MonthLink>,
    pub next: Option<MonthLink>,
    /// How many activities run at some time in it.
    pub count: usize,
}

/// A week row of the month grid: its seven days, the bars drawn across them in lanes, and the days with more
/// than the lanes can hold.
#[derive(Serialize)]
pub(crate) struct WeekView<'a> {
    pub days: Vec<DayView>,
    pub bars: Vec<GridBar<'a>>,
    pub more: Vec<MoreLink>,
    pub lanes: usize,
}

/// A day of the grid; days of the months before and after are blank (`day` none).
#[derive(Serialize)]
pub(crate) struct DayView {
    /// 1 (Monday) to 7.
    pub col: usize,
    pub day: Option<u32>,
    pub date: Option<String>,
    pub weekend: bool,
}

impl DayView {
    pub(crate) fn new(col: usize, date: Option<NaiveDate>) -> Self {
        DayView { col, day: date.map(|d| d.day()), date: date.map(|d| d.to_string()), weekend: col >= 6 }
    }
}

/// An activity's run of days within one week row: a bar from column `col` over `span` days, in lane `lane`.
#[derive(Serialize)]
pub(crate) struct GridBar<'a> {
    pub col: usize,
    pub span: usize,
    /// The grid row: lane 1 is row 2 (row 1 holds the day numbers).
    pub row: usize,
    /// Cut to [`GRID_TITLE_CHARS`]: a bar is drawn on each date, and the list below gives the whole title.
    pub title: std::borrow::Cow<'a, str>,
    /// The original's language, on a title a translated edition lacks (see `Editions::original_lang`).
    pub title_lang: Option<&'a str>,
    pub url: String,
    pub number: Option<u32>,
    pub precision: &'static str,
    /// Published by 旬: somewhere in these days, not on each.
    pub approximate: bool,
    /// 起 where it starts and runs on past the row, 续 where it runs through, 止 where it ends having started
    /// before; none when the whole run is in the row.
    pub mark: Option<&'a str>,
    pub open_start: bool,
    pub open_end: bool,
    /// The time it starts (`14:30`), on the day it does or on each day of daily hours.
    pub time: Option<String>,
    /// 参加方式 as its CSS name: the bar's colour (the theme's palette).
    pub mode_key: &'static str,
    #[serde(flatten)]
    pub status: StatusView<'a>,
}

/// "另 N 项" on a day whose activities do not all fit the lanes, leading to the list below.
#[derive(Serialize)]
pub(crate) struct MoreLink {
    pub col: usize,
    pub count: usize,
    pub href: String,
}

/// A group of the month's list: a day, a 旬, those that started earlier, month- and year-long ones.
#[derive(Serialize)]
pub(crate) struct MonthGroup<'a> {
    pub id: String,
    pub heading: String,
    /// For a day's group, the day (ISO), so the browser can mark today.
    pub date: Option<String>,
    pub note: Option<&'a str>,
    pub activities: Vec<Value>,
}

#[derive(Serialize)]
pub(crate) struct TagView<'a> {
    pub name: &'a str,
    pub lang: Option<&'a str>,
    pub url: String,
    pub count: usize,
    /// The tag's calendar (its activities across schedules), on the tag's own pages; none in the list of tags.
    pub subscribe: Option<Subscription>,
}

#[derive(Serialize)]
pub(crate) struct TagGroup<'a> {
    pub schedule: Link<'a>,
    pub activities: Vec<Value>,
}

/// Where a page is in a list split over several pages. Empty when there is one page.
#[derive(Serialize)]
pub(crate) struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(crate) struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pager {
    /// Page `n` (0-based) of `total`; `url(k)` is page `k`'s address.
    pub(crate) fn new(n: usize, total: usize, url: impl Fn(usize) -> String) -> Pager {
        Pager {
            current: n + 1,
            total,
            prev: n.checked_sub(1).map(&url),
            next: (n + 1 < total).then(|| url(n + 1)),
            pages: (0..total).map(|k| PagerLink { number: k + 1, url: url(k), current: k == n }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_is_named_at_its_marker() {
        let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
        let (first, last) = (d(7, 1), d(12, 31));
        // (start, end, from the left edge at, ends with this much room right of it)
        let cases = [
            ((d(8, 1), d(8, 31)), "16.85%", None),
            ((d(11, 1), d(12, 31)), "66.85%", Some("0.00%")),
            ((d(10, 1), d(10, 31)), "50.00%", Some("33.15%")),
            ((d(6, 1), d(7, 31)), "0.00%", None),
        ];
        for ((start, end), left, end_room) in cases {
            assert_eq!(Bar::place(start, end, first, last).left, left, "{start}");
            assert_eq!(Bar::right_of(start, end, first, last).as_deref(), end_room, "{start}");
        }
    }
}
