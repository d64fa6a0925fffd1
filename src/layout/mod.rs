//! Everything the site writes, by path: pages, machine-readable files and static files, in one map made before
//! anything is written. Render, export, the build and `serve` all read it, so two things can never be written
//! to one path, and every link can be checked against the set of files that really exist.

mod error;
pub mod links;

pub use error::{LayoutError, LinkProblem};

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::site::{ActivityId, Site};
use crate::urls;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Schedule(usize),
    /// Schedule `.0`'s table, page `.1` (0-based): only a schedule too large for one page has these.
    ScheduleTable(usize, usize),
    Activity(ActivityId),
    Month(usize),
    /// Week `.0` of the site (see [`Site::week_count`]): Monday to Sunday.
    Week(usize),
    /// The list of weeks (the way to this week).
    Weeks,
    /// Tag `.0`, page `.1` (0-based) of its list.
    Tag(usize, usize),
    Tags,
    NotFound,
    /// What is on, for other sites to show in an `<iframe>`.
    Embed,
}

/// Activities on one page of a tag's list: a tag of a large archive is split into pages of this many.
pub const TAG_PAGE_SIZE: usize = 200;

/// How many pages a tag of `members` activities takes.
pub fn tag_pages(members: usize) -> usize {
    members.div_ceil(TAG_PAGE_SIZE).max(1)
}

/// The most activities a schedule's page shows in full (timeline, agenda and the published table). A larger
/// schedule's page is a summary that the filter searches through an index of every activity, and its table is
/// split into pages of this many rows.
pub const TABLE_PAGE_SIZE: usize = 200;

/// Whether a schedule of `activities` is too large for one page.
pub fn is_large(activities: usize) -> bool {
    activities > TABLE_PAGE_SIZE
}

/// How many table pages a schedule of `activities` has: none when its own page holds the table.
pub fn table_pages(activities: usize) -> usize {
    if is_large(activities) { activities.div_ceil(TABLE_PAGE_SIZE) } else { 0 }
}

impl Page {
    /// Every page of `site`, in a fixed order.
    pub fn all(site: &Site) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::Tags, Page::NotFound, Page::Embed];
        for (si, s) in site.schedules.iter().enumerate() {
            pages.push(Page::Schedule(si));
            pages.extend((0..table_pages(s.activities.len())).map(|n| Page::ScheduleTable(si, n)));
            pages.extend((0..s.activities.len()).map(|ai| Page::Activity(ActivityId { schedule: si, activity: ai })));
        }
        pages.extend((0..site.months.len()).map(Page::Month));
        if site.week_count() > 0 {
            pages.push(Page::Weeks);
        }
        pages.extend((0..site.week_count()).map(Page::Week));
        for (i, t) in site.tags.iter().enumerate() {
            pages.extend((0..tag_pages(t.members.len())).map(|n| Page::Tag(i, n)));
        }
        pages
    }

    /// The page's file, relative to the output folder.
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Home => urls::HOME.to_string(),
            Page::Schedule(si) => urls::schedule(&site.schedules[si].slug),
            Page::ScheduleTable(si, n) => urls::schedule_table(&site.schedules[si].slug, n + 1),
            Page::Activity(id) => {
                let (s, a) = site.get(id);
                urls::activity(&s.slug, &a.slug)
            }
            Page::Month(i) => site.months[i].url(),
            Page::Week(i) => urls::week(site.week_monday(i)),
            Page::Weeks => urls::WEEKS.to_string(),
            Page::Tag(i, n) => urls::tag_page(&site.tags[i].slug, n + 1),
            Page::Tags => urls::TAGS.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
            Page::Embed => urls::EMBED.to_string(),
        }
    }
}

/// One machine-readable file of the site. `None` means the whole site, `Some(i)` schedule `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Calendar(usize),
    ActivityCalendar(ActivityId),
    /// Tag `.0`'s activities across schedules (see [`crate::site::Site::tags`]).
    TagCalendar(usize),
    /// The pieces schedule `.0`'s page puts a reader's own calendar together from: only on a page that holds
    /// the whole schedule (not [`is_large`]).
    PickData(usize),
    Feed(Option<usize>),
    /// The site's recorded schedule changes, an entry per change.
    ChangesFeed,
    Json(Option<usize>),
    Csv(Option<usize>),
    Sitemap,
    Robots,
    /// The words and rules of the browser's script, loaded by every page that runs it.
    Words,
}

impl Export {
    /// Every file of `site`, in a fixed order. The sitemap and robots.txt need absolute URLs, so they come only
    /// with a `base_url`. The data (JSON, CSV) is written once, for the whole site, each record naming its
    /// schedule: a schedule's page links those files (README "Each thing said once"). `Json(Some(_))` and
    /// `Csv(Some(_))` are one schedule's records, for a caller that wants them; the build writes none.
    pub fn all(site: &Site) -> Vec<Export> {
        let mut out =
            vec![Export::Words, Export::Feed(None), Export::ChangesFeed, Export::Json(None), Export::Csv(None)];
        for si in 0..site.schedules.len() {
            out.extend([Export::Calendar(si), Export::Feed(Some(si))]);
            if !is_large(site.schedules[si].activities.len()) {
                out.push(Export::PickData(si));
            }
            out.extend(site.schedule_ids(si).map(Export::ActivityCalendar));
        }
        out.extend((0..site.tags.len()).map(Export::TagCalendar));
        if site.config.base_url().is_some() {
            out.push(Export::Sitemap);
            // Crawlers read robots.txt at the host's root only: the original's names every edition's sitemap.
            if site.editions.this == 0 {
                out.push(Export::Robots);
            }
        }
        out
    }

    /// The file, relative to the output folder.
    pub fn path(self, site: &Site) -> String {
        let slug = |si: usize| site.schedules[si].slug.as_str();
        match self {
            Export::Calendar(si) => urls::schedule_calendar(slug(si)),
            Export::ActivityCalendar(id) => {
                let (s, a) = site.get(id);
                urls::activity_calendar(&s.slug, &a.slug)
            }
            Export::TagCalendar(i) => urls::tag_calendar(&site.tags[i].slug),
            Export::PickData(si) => urls::schedule_pick_data(slug(si)),
            Export::Words => urls::WORDS.to_string(),
            Export::Feed(None) => urls::FEED.to_string(),
            Export::ChangesFeed => urls::CHANGES_FEED.to_string(),
            Export::Feed(Some(si)) => urls::schedule_feed(slug(si)),
            Export::Json(None) => urls::DATA_JSON.to_string(),
            Export::Json(Some(si)) => urls::schedule_json(slug(si)),
            Export::Csv(None) => urls::DATA_CSV.to_string(),
            Export::Csv(Some(si)) => urls::schedule_csv(slug(si)),
            Export::Sitemap => urls::SITEMAP.to_string(),
            Export::Robots => urls::ROBOTS.to_string(),
        }
    }
}

/// What a path of the output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Page(Page),
    Export(Export),
    /// A static file: its index in the list the layout was made with.
    Static(usize),
    /// The whole site as one zip ([`urls::ARCHIVE`]), unless `archive = false`.
    Archive,
    /// A compressed copy of the file whose path is this one's without the encoding's suffix (`index.html.gz`
    /// of `index.html`), with `compress = true` or `build --compress`.
    Compressed(Encoding),
}

/// How a compressed copy is encoded: each is a file of its own beside the original, for hosts that serve
/// them as they are (nginx's `gzip_static`, `brotli_static`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gzip,
    Brotli,
}

impl Encoding {
    pub const ALL: [Encoding; 2] = [Encoding::Gzip, Encoding::Brotli];

    /// The suffix its files add to the original's name, with the dot.
    pub fn suffix(self) -> &'static str {
        match self {
            Encoding::Gzip => ".gz",
            Encoding::Brotli => ".br",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "brotli",
        }
    }
}

/// Extensions of the files that get compressed copies: text, which compresses well and which hosts send
/// compressed (images, PDFs and zips are compressed already).
const TEXT_EXTENSIONS: &[&str] =
    &["html", "css", "js", "mjs", "json", "xml", "csv", "ics", "txt", "svg", "map", "webmanifest", "md"];

/// Whether the file at `path` is text that gets compressed copies.
pub fn is_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The file a compressed copy at `path` is of: `path` without the encoding's suffix.
pub fn original(path: &str, encoding: Encoding) -> &str {
    path.strip_suffix(encoding.suffix()).unwrap_or(path)
}

impl Item {
    /// Whether the file goes into the offline archive: everything of the site but the archive itself and the
    /// compressed copies (a reader opening files from disk has no use for them).
    pub fn in_archive(self) -> bool {
        !matches!(self, Item::Archive | Item::Compressed(_))
    }

    /// Whether the page offers the offline archive for download, and so cannot be made before it (the
    /// archive's own copy of it says that it is the offline copy instead).
    pub fn offers_archive(self) -> bool {
        matches!(self, Item::Page(Page::Home | Page::Schedule(_)))
    }
}

/// Every file of a build: path → what it holds, unique by construction.
#[derive(Debug)]
pub struct Layout {
    items: BTreeMap<String, Item>,
    pages: usize,
    exports: usize,
    statics: usize,
    archive: bool,
    compressed: usize,
}

impl Layout {
    /// Lays out `site` with the static files named `statics` (relative to `static/`). Two things claiming one
    /// path are an error naming both, never a file silently written twice.
    pub fn new(site: &Site, statics: &[String]) -> Result<Layout, Diagnostics> {
        let pages = Page::all(site);
        let exports = Export::all(site);
        let (n_pages, n_exports) = (pages.len(), exports.len());
        // One archive holds every edition: the original's root has it; the others' pages offer that one.
        let archive =
            (site.config.archive && site.editions.this == 0).then(|| (urls::ARCHIVE.to_string(), Item::Archive));
        // Paths are made on every core; the map is filled in this fixed order, so what collides with what is
        // said the same way on every run.
        let mut site_files: Vec<(String, Item)> =
            pages.into_par_iter().map(|p| (p.path(site), Item::Page(p))).collect();
        site_files.par_extend(exports.into_par_iter().map(|e| (e.path(site), Item::Export(e))));
        let site_files: Vec<(String, Item)> = site_files
            .into_iter()
            .chain(
                statics.iter().enumerate().map(|(i, name)| (format!("{}/{name}", urls::STATIC_DIR), Item::Static(i))),
            )
            .chain(archive)
            .collect();
        // Compressed copies are laid out with the rest, so a copy can never overwrite a file of the site (a
        // static `x.css.gz` beside `x.css`): that is a collision like any other.
        let compressed: Vec<(String, Item)> = if site.config.compress {
            let text = site_files.iter().filter(|(path, _)| is_text(path));
            text.flat_map(|(path, _)| Encoding::ALL.map(|e| (format!("{path}{}", e.suffix()), Item::Compressed(e))))
                .collect()
        } else {
            Vec::new()
        };
        let n_compressed = compressed.len();
        let all = site_files.into_iter().chain(compressed);
        let mut items = BTreeMap::new();
        let mut errors = Diagnostics::default();
        // Two activities with one slug collide twice (page and calendar): one error per pair of owners.
        let mut reported = Vec::new();
        for (path, item) in all {
            if let Some(name) = path.split('/').find(|name| name.len() > urls::MAX_NAME_BYTES) {
                errors.push(too_long(site, statics, &path, name, item));
                continue;
            }
            if let Some(&first) = items.get(&path) {
                let pair = (owner(first), owner(item));
                if !reported.contains(&pair) {
                    reported.push(pair);
                    errors.push(collision(site, statics, &path, first, item));
                }
                continue;
            }
            items.insert(path, item);
        }
        errors.sorted().or_ok(Layout {
            items,
            pages: n_pages,
            exports: n_exports,
            statics: statics.len(),
            archive: site.config.archive,
            compressed: n_compressed,
        })
    }

    /// Every file, by path.
    pub fn items(&self) -> impl ExactSizeIterator<Item = (&str, Item)> {
        self.items.iter().map(|(p, i)| (p.as_str(), *i))
    }

    pub fn get(&self, path: &str) -> Option<Item> {
        self.items.get(path).copied()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.items.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Pages, machine-readable files and static files.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.pages, self.exports, self.statics)
    }

    /// Whether the build writes the offline archive.
    pub fn has_archive(&self) -> bool {
        self.archive
    }

    /// How many compressed copies the build writes.
    pub fn compressed(&self) -> usize {
        self.compressed
    }
}

/// Who an item belongs to: an activity's page and calendar have one owner.
fn owner(item: Item) -> Item {
    match item {
        Item::Export(Export::ActivityCalendar(id)) => Item::Page(Page::Activity(id)),
        Item::Export(
            Export::Calendar(si)
            | Export::PickData(si)
            | Export::Feed(Some(si))
            | Export::Json(Some(si))
            | Export::Csv(Some(si)),
        ) => Item::Page(Page::Schedule(si)),
        Item::Page(Page::Tag(i, _)) | Item::Export(Export::TagCalendar(i)) => Item::Page(Page::Tag(i, 0)),
        Item::Page(Page::ScheduleTable(si, _)) => Item::Page(Page::Schedule(si)),
        other => other,
    }
}

/// The error for `path` claimed by `first` and then `second`, placed where the second one's name was written.
fn collision(site: &Site, statics: &[String], path: &str, first: Item, second: Item) -> Diagnostic {
    let kind = LayoutError::PathCollision {
        path: path.to_string(),
        first: describe(site, statics, path, first),
        second: describe(site, statics, path, second),
    };
    let help = match (owner(first), owner(second)) {
        (Item::Page(Page::Activity(a)), Item::Page(Page::Activity(b)))
            if one_name_two_forms(&site.get(a).1.origin.rel, &site.get(b).1.origin.rel) =>
        {
            "the two file names are the same text saved in two Unicode forms (composed, and decomposed as macOS \
             writes names), so they are one name: delete or rename one of the files"
        }
        _ => "give one of them another name: an activity's `slug` (or its file name), or the schedule's folder",
    };
    let at = |id: ActivityId| {
        let (_, a) = site.get(id);
        a.origin.at(a.spans.slug.clone(), kind.clone()).with_help(help)
    };
    match (first, second) {
        (_, Item::Compressed(_)) | (Item::Compressed(_), _) => Diagnostic::file(crate::config::FILE, kind.clone())
            .with_help(
                "with compress = true the build makes the compressed copies itself: remove the compressed file from \
                 static/, or turn compress off",
            ),
        (_, Item::Page(Page::Activity(id)) | Item::Export(Export::ActivityCalendar(id)))
        | (Item::Page(Page::Activity(id)) | Item::Export(Export::ActivityCalendar(id)), _) => at(id),
        (_, Item::Page(Page::Schedule(si) | Page::ScheduleTable(si, _)))
        | (Item::Page(Page::Schedule(si) | Page::ScheduleTable(si, _)), _) => {
            site.schedules[si].origin.at(None, kind.clone()).with_help(help)
        }
        _ => Diagnostic::file(crate::config::FILE, kind).with_help(help),
    }
}

/// Whether two different names are the same text in Unicode's composed form (NFC), the form slugs are made of.
fn one_name_two_forms(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    a != b && a.nfc().eq(b.nfc())
}

/// The error for a file whose `name` (a part of its `path`) no file system can hold, placed where the name
/// comes from. Slugs made from names are bounded ([`urls::slugify`]), so this is a static file, or a
/// compressed copy adding its suffix to a name near the limit: `check` finds it as `build` would.
fn too_long(site: &Site, statics: &[String], path: &str, name: &str, item: Item) -> Diagnostic {
    let kind = LayoutError::NameTooLong {
        name: name.to_string(),
        what: describe(site, statics, path, item),
        bytes: name.len(),
    };
    let help = format!("shorten the name to at most {} bytes (a Chinese character takes 3)", urls::MAX_NAME_BYTES);
    match owner(item) {
        Item::Page(Page::Activity(id)) => {
            let (_, a) = site.get(id);
            a.origin.at(a.spans.slug.clone(), kind).with_help(help)
        }
        Item::Page(Page::Schedule(si)) => site.schedules[si].origin.at(None, kind).with_help(help),
        Item::Static(i) => Diagnostic::file(format!("{}/{}", urls::STATIC_DIR, statics[i]), kind).with_help(help),
        _ => Diagnostic::file(crate::config::FILE, kind).with_help(help),
    }
}

/// What the item at `path` is, in words, with the file it comes from.
fn describe(site: &Site, statics: &[String], path: &str, item: Item) -> String {
    let activity = |id: ActivityId| format!("content/{}", site.get(id).1.origin.rel);
    let schedule = |si: usize| format!("content/{}", site.schedules[si].origin.rel);
    match item {
        Item::Page(Page::Home) => "the home page".into(),
        Item::Page(Page::Tags) => "the list of tags".into(),
        Item::Page(Page::NotFound) => "the 404 page".into(),
        Item::Page(Page::Embed) => "the embeddable page".into(),
        Item::Page(Page::Schedule(si)) => format!("the schedule page of {}", schedule(si)),
        Item::Page(Page::ScheduleTable(si, n)) => format!("page {} of the table of {}", n + 1, schedule(si)),
        Item::Page(Page::Activity(id)) => format!("the page of {}", activity(id)),
        Item::Page(Page::Month(i)) => format!("the month page {}", site.months[i].key()),
        Item::Page(Page::Week(i)) => format!("the week page of {}", site.week_monday(i)),
        Item::Page(Page::Weeks) => "the list of weeks".into(),
        Item::Page(Page::Tag(i, _)) => format!("the page of the tag `{}`", site.tags[i].name),
        Item::Export(Export::Calendar(si)) => format!("the calendar of {}", schedule(si)),
        Item::Export(Export::ActivityCalendar(id)) => format!("the calendar of {}", activity(id)),
        Item::Export(Export::TagCalendar(i)) => format!("the calendar of the tag `{}`", site.tags[i].name),
        Item::Export(Export::PickData(si)) => format!("the data of the picked calendars of {}", schedule(si)),
        Item::Export(Export::Feed(Some(si))) => format!("the feed of {}", schedule(si)),
        Item::Export(Export::Json(Some(si)) | Export::Csv(Some(si))) => format!("the data of {}", schedule(si)),
        Item::Export(Export::Words) => "the words of the browser's script".into(),
        Item::Export(Export::Feed(None)) => "the site's feed".into(),
        Item::Export(Export::ChangesFeed) => "the feed of schedule changes".into(),
        Item::Export(Export::Json(None) | Export::Csv(None)) => "the site's data".into(),
        Item::Export(Export::Sitemap) => "the sitemap".into(),
        Item::Export(Export::Robots) => "robots.txt".into(),
        Item::Static(i) => format!("the static file {}", statics[i]),
        Item::Archive => "the offline archive".into(),
        Item::Compressed(e) => format!("the {} copy of {} (compress = true)", e.name(), original(path, e)),
    }
}
