//! The site model: the loaded content plus the indexes pages need (tags, months). Built once, then only read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::content::{Activity, Schedule};
use crate::urls;
use crate::words::Words;

mod translated;

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
    /// The month in words of the site's language: 2023年9月, September 2023.
    pub fn label(self, w: &Words) -> String {
        w.dates().months(self.first_day(), self.first_day())
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
    /// In a translated edition, the original's language when the site names no translation of this tag (see
    /// `Editions`): pages mark it with `lang`.
    pub lang: Option<String>,
}

/// The editions of a site, one per language of `languages` in `almanac.toml`, the original first, and which
/// one a [`Site`] is. Each other edition is a whole site in a folder of the original's root (see
/// [`urls::edition_folder`]), its pages at the same paths there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editions {
    /// Each language's tag and its name in itself (from its catalogue): ("en", "English").
    pub languages: Vec<(String, String)>,
    /// Which of `languages` this site is.
    pub this: usize,
}

impl Editions {
    /// From this edition's root to edition `i`'s: "en/" from the original, "../" back to it, "../zh-tw/" across,
    /// "" to itself.
    pub fn root_of(&self, i: usize) -> String {
        if i == self.this {
            return String::new();
        }
        let up = if self.this == 0 { "" } else { "../" };
        if i == 0 { up.to_string() } else { format!("{up}{}", urls::edition_folder(&self.languages[i].0)) }
    }

    /// The original's language, when this is a translated edition and `key` is among what an activity or a
    /// schedule left `untranslated`: what a page marks that value with (`lang`).
    pub fn original_lang(&self, untranslated: &[&str], key: &str) -> Option<&str> {
        untranslated.contains(&key).then(|| self.languages[0].0.as_str())
    }

    /// The original's language, in a translated edition.
    pub fn translated_from(&self) -> Option<&str> {
        (self.this > 0).then(|| self.languages[0].0.as_str())
    }

    /// Whether the site has more than one edition.
    pub fn many(&self) -> bool {
        self.languages.len() > 1
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// What almanac's code says to readers, in the site's language (from the theme's catalogue).
    pub words: Words,
    /// The site's editions, one per language, and which one this is.
    pub editions: Editions,
    /// Latest first (by year, then folder name).
    pub schedules: Vec<Arc<Schedule>>,
    /// In reading order: by pinyin (each character's transliteration), so 标准 comes before 评价 and QC小组
    /// sits among the Q's; names that read alike by their characters. Every page and the filter show them so.
    pub tags: Vec<Tag>,
    tag_index: BTreeMap<String, usize>,
    /// Every month from the earliest date of any schedule to the latest, with no gaps, so month pages chain.
    pub months: Vec<YearMonth>,
    /// For each of `months`, the activities running in it, in schedule order.
    running: Vec<Vec<ActivityId>>,
    /// The Mondays of the weeks with a page (see [`week_mondays`]).
    weeks: Vec<NaiveDate>,
    /// Activities by their file relative to `content/` ("s/a.md"), for links between content files.
    by_file: HashMap<String, ActivityId>,
}

impl Site {
    pub fn new(config: Config, words: Words, schedules: Vec<impl Into<Arc<Schedule>>>) -> Site {
        let mut schedules: Vec<Arc<Schedule>> = schedules.into_iter().map(Into::into).collect();
        schedules.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.slug.cmp(&b.slug)));
        let mut by_name: BTreeMap<&str, Vec<ActivityId>> = BTreeMap::new();
        let mut by_file = HashMap::new();
        for (si, s) in schedules.iter().enumerate() {
            for (ai, a) in s.activities.iter().enumerate() {
                let id = ActivityId { schedule: si, activity: ai };
                for t in &a.tags {
                    by_name.entry(t).or_default().push(id);
                }
                by_file.insert(a.origin.rel.clone(), id);
            }
        }
        // Slugs are given in the names' code-point order, so reordering the list never moves a tag's page.
        let slugs = tag_slugs(by_name.keys().copied());
        let mut tags: Vec<Tag> = by_name
            .into_iter()
            .zip(slugs)
            .map(|((name, members), slug)| Tag { name: name.to_string(), slug, members, lang: None })
            .collect();
        tags.sort_by_cached_key(|t| (reading_key(&t.name), t.name.clone()));
        let tag_index = tags.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let spans: Vec<_> = schedules.iter().filter_map(|s| s.span()).collect();
        let first = spans.iter().map(|s| s.0).min();
        let last = spans.iter().map(|s| s.1).max();
        let months = match (first, last) {
            (Some(f), Some(l)) => YearMonth::span(f, l),
            _ => Vec::new(),
        };
        let mut running = vec![Vec::new(); months.len()];
        if let Some(&first) = months.first() {
            let index = |m: YearMonth| ((m.year - first.year) * 12 + m.month as i32 - first.month as i32) as usize;
            for (si, s) in schedules.iter().enumerate() {
                for (ai, a) in s.activities.iter().enumerate() {
                    // A list of dates runs only in the months of its dates, each month once.
                    let mut months: Vec<YearMonth> =
                        a.when.occurrences().flat_map(|o| YearMonth::span(o.start, o.end)).collect();
                    months.dedup();
                    for m in months {
                        running[index(m)].push(ActivityId { schedule: si, activity: ai });
                    }
                }
            }
        }
        let weeks = week_mondays(&schedules);
        let editions = Editions { languages: vec![(config.language.clone(), String::new())], this: 0 };
        Site { config, words, editions, schedules, tags, tag_index, months, running, weeks, by_file }
    }

    /// The activity written in `file` (relative to `content/`, `/`-separated), if it is published.
    pub fn activity_in(&self, file: &str) -> Option<ActivityId> {
        self.by_file.get(file).copied()
    }

    /// The schedule whose `_index.md` is `file` (relative to `content/`).
    pub fn schedule_in(&self, file: &str) -> Option<usize> {
        self.schedules.iter().position(|s| s.origin.rel == file)
    }

    pub fn get(&self, id: ActivityId) -> (&Schedule, &Activity) {
        let s = &self.schedules[id.schedule];
        (s, &s.activities[id.activity])
    }

    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tag_index.get(name).map(|&i| &self.tags[i])
    }

    /// Where a tag comes in [`Site::tags`]' reading order (unknown names last).
    pub fn tag_rank(&self, name: &str) -> usize {
        self.tag_index.get(name).copied().unwrap_or(usize::MAX)
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

    /// When the content last changed, as its editors wrote it: the latest `updated` of any schedule or activity,
    /// `None` when none says. Never the clock, so a build says the same on every run.
    pub fn content_updated(&self) -> Option<NaiveDate> {
        let schedules = self.schedules.iter().filter_map(|s| s.updated);
        let activities = self.schedules.iter().flat_map(|s| s.activities.iter().filter_map(|a| a.updated));
        schedules.chain(activities).max()
    }

    /// When an activity last changed: its own `updated`, else its schedule's, else 1 January of the schedule's
    /// year; or the activity's last recorded change (`changes`), when that is later. Never the clock or a
    /// file time, so builds stay byte-identical.
    pub fn updated(&self, id: ActivityId) -> NaiveDate {
        let (s, a) = self.get(id);
        let written =
            a.updated.or(s.updated).unwrap_or_else(|| NaiveDate::from_ymd_opt(s.year, 1, 1).unwrap_or(NaiveDate::MIN));
        a.last_change().map_or(written, |c| c.max(written))
    }

    /// Activities of every schedule running at some time in `months[i]`, in schedule order.
    pub fn running_in(&self, i: usize) -> &[ActivityId] {
        self.running.get(i).map_or(&[], Vec::as_slice)
    }

    /// How many weeks (Monday to Sunday) the site has a page for (see [`week_mondays`]).
    pub fn week_count(&self) -> usize {
        self.weeks.len()
    }

    /// The Monday of week `i` of [`Site::week_count`], in order.
    pub fn week_monday(&self, i: usize) -> NaiveDate {
        self.weeks.get(i).copied().unwrap_or(NaiveDate::MIN)
    }

    /// The index in [`Site::months`] of `m`, if the site has it.
    pub fn month_index(&self, m: YearMonth) -> Option<usize> {
        self.months.binary_search(&m).ok()
    }
}

/// Occurrences up to this many days long give a page to every week they touch; longer ones only to the weeks
/// they start and end in (in between, a week holds them as the weeks around it do).
pub const SHORT_DAYS: i64 = 35;

/// The weeks that get a page: those in which an occurrence of an activity starts or ends, and every week of a
/// short one. A week only crossed by long activities has none: a five-year activity would otherwise write 260
/// pages, and the site must grow with its content, not with the time it spans.
pub fn week_mondays(schedules: &[Arc<Schedule>]) -> Vec<NaiveDate> {
    let mut weeks = Vec::new();
    for a in schedules.iter().flat_map(|s| &s.activities) {
        for o in a.when.occurrences() {
            let (first, last) = (monday_of(o.start), monday_of(o.end));
            if (o.end - o.start).num_days() <= SHORT_DAYS {
                let mut m = first;
                while m <= last {
                    weeks.push(m);
                    m += chrono::Duration::days(7);
                }
            } else {
                weeks.extend([first, last]);
            }
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

/// The Monday of the week holding `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// How a name sorts for a Chinese reader: its pinyin, without tones (deunicode's transliteration, one syllable per
/// character), case and width ignored, so ＱＣ and qc sort with QC.
pub fn reading_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        // Full-width letters and digits (ＱＣ, ２０２３) are their ASCII selves.
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
            continue;
        }
        // Each other character is a syllable of its own: 评价 → "ping jia ".
        if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
        let t = deunicode::deunicode_char(c).unwrap_or("");
        key.extend(t.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
        key.push(' ');
    }
    key
}

/// A slug for each tag name (given in order), unique among them and never a name the tags folder uses itself
/// (`index`, the list of tags). Names that transliterate alike (评价, 平价) or a name that is itself a numbered
/// slug (`ping-jia-2`) get the next free number, so no two tags ever share a page.
fn tag_slugs<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let bases: Vec<String> = names.map(urls::slugify).collect();
    // A name's own slug is taken first by the first name that has it, so numbering never steals one.
    let mut taken: BTreeSet<String> = BTreeSet::from([urls::TAGS_INDEX_SLUG.to_string()]);
    let mut first: Vec<bool> = Vec::with_capacity(bases.len());
    for b in &bases {
        first.push(taken.insert(b.clone()));
    }
    bases
        .into_iter()
        .zip(first)
        .map(|(base, is_first)| {
            if is_first {
                return base;
            }
            let slug = (2..).map(|n| format!("{base}-{n}")).find(|s| !taken.contains(s)).unwrap_or(base);
            taken.insert(slug.clone());
            slug
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::dates::parse_when;
    use crate::content::mode::Mode;
    use crate::content::{Activity, SourceFile, Spans};

    /// A site of one 2023 schedule `s` whose activities are `(slug, when, where, body)`, for unit tests.
    #[test]
    fn weeks_with_a_page_grow_with_the_content_not_the_time_it_spans() {
        let mondays = |whens: &[&str]| {
            let site = site_of(None, &whens.iter().map(|w| ("a", *w, None, "")).collect::<Vec<_>>());
            (0..site.week_count()).map(|i| site.week_monday(i).to_string()).collect::<Vec<_>>()
        };
        // A week-long activity: its week. Three weeks: each of them.
        assert_eq!(mondays(&["9月18日-22日"]), ["2023-09-18"]);
        assert_eq!(mondays(&["9月下旬"]), ["2023-09-18", "2023-09-25"]);
        // A long one: the weeks it starts and ends in only, however long it runs.
        assert_eq!(mondays(&["2023年1月2日-2027年12月31日"]), ["2023-01-02", "2027-12-27"]);
        assert_eq!(mondays(&["全年"]), ["2022-12-26", "2023-12-25"]);
        // A list of dates: the week of each.
        assert_eq!(mondays(&["10月1日、3日、5日"]), ["2023-09-25", "2023-10-02"]);
    }

    pub(crate) fn site_of(base_url: Option<&str>, activities: &[(&str, &str, Option<&str>, &str)]) -> Site {
        let origin = |rel: String| SourceFile { path: format!("content/{rel}").into(), rel, text: "".into() };
        let activities = activities
            .iter()
            .enumerate()
            .map(|(i, &(slug, when, place, body))| Activity {
                slug: slug.into(),
                origin: origin(format!("s/{slug}.md")),
                spans: Spans::default(),
                number: Some(i as u32 + 1),
                title: format!("活动{slug}"),
                when_text: when.into(),
                when: parse_when(when, 2023).unwrap(),
                place: place.map(Into::into),
                organiser: None,
                host: None,
                tags: vec![],
                milestones: vec![],
                body: body.into(),
                body_text: crate::markdown::to_plain_text(body),
                body_links: crate::markdown::links(body),
                draft: false,
                updated: None,
                mode: Mode::of(when, place, body),
                status_written: None,
                reason: None,
                changes: vec![],
                translations: vec![],
                untranslated: vec![],
            })
            .collect();
        let schedule = Schedule {
            slug: "s".into(),
            origin: origin("s/_index.md".into()),
            title: "日程".into(),
            year: 2023,
            context: crate::content::dates::Context::calendar(2023),
            declared_span: None,
            organiser: None,
            note: None,
            updated: None,
            intro: String::new(),
            intro_offset: 0,
            translations: vec![],
            untranslated: vec![],
            activities,
            draft_problems: Default::default(),
            span_once: Default::default(),
        };
        let config = Config {
            title: "站点".into(),
            description: String::new(),
            theme: "default".into(),
            language: "zh-CN".into(),
            languages: vec!["zh-CN".into()],
            translations: vec![],
            base_url: base_url.map(|u| crate::config::BaseUrl::parse(u).unwrap()),
            timezone: crate::zone::Zone::get("Asia/Shanghai").unwrap(),
            unsafe_html: false,
            archive: true,
            compress: false,
            organiser: None,
            email: None,
        };
        Site::new(config, Words::builtin_zh_cn(), vec![schedule])
    }

    #[test]
    fn tag_slugs_never_collide() {
        let slugs = |names: &[&str]| tag_slugs(names.iter().copied());
        assert_eq!(slugs(&["平价", "评价"]), ["ping-jia", "ping-jia-2"]);
        assert_eq!(slugs(&["ping-jia-2", "平价", "评价"]), ["ping-jia-2", "ping-jia", "ping-jia-3"]);
        assert_eq!(slugs(&["Index", "index"]), ["index-2", "index-3"]);
        assert_eq!(slugs(&["QC", "qc", "Qc"]), ["qc", "qc-2", "qc-3"]);
    }

    #[test]
    fn tags_sort_by_pinyin() {
        let mut names = vec!["评价", "标准", "QC小组", "在线", "ESG", "发布", "竞赛", "ＱＣ", "论坛"];
        names.sort_by_cached_key(|n| (reading_key(n), n.to_string()));
        assert_eq!(names, ["标准", "ESG", "发布", "竞赛", "论坛", "评价", "ＱＣ", "QC小组", "在线"]);
    }

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
