//! Every path and link of the built site is made here.
//!
//! Pages are flat `.html` files (never `dir/` links) and every link is relative to the page that holds it,
//! so `output/` works opened from disk (`file://`) and under any sub-path of a host. Templates write
//! `{{ root }}{{ url }}`: `url` is relative to the site root, `root` climbs from the page to it.

/// Folders the site itself uses; a schedule must not take their names.
pub(crate) const RESERVED_FOLDERS: &[&str] = &["months", "weeks", "tags", "embed", "static", "index", "404"];

pub(crate) const HOME: &str = "index.html";
pub(crate) const NOT_FOUND: &str = "404.html";
pub(crate) const TAGS: &str = "tags/index.html";
/// The page other sites show in an `<iframe>` (see docs/embed.md).
pub(crate) const EMBED: &str = "embed/index.html";
/// The list of weeks, which almanac.js turns into today's week.
pub(crate) const WEEKS: &str = "weeks/index.html";
/// The tag slug the list of tags takes for itself (`tags/index.html`).
pub(crate) const TAGS_INDEX_SLUG: &str = "index";
pub(crate) const STATIC_DIR: &str = "static";

// Machine-readable files of the whole site (calendars, feeds and data are also per schedule, below).
pub(crate) const FEED: &str = "feed.xml";
/// The recorded schedule changes only, as a feed.
pub(crate) const CHANGES_FEED: &str = "changes.xml";
pub(crate) const DATA_JSON: &str = "activities.json";
pub(crate) const DATA_CSV: &str = "activities.csv";
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The whole site as one zip, for reading offline; inside it, the site is in [`ARCHIVE_FOLDER`].
pub(crate) const ARCHIVE: &str = "offline.zip";
pub(crate) const ARCHIVE_FOLDER: &str = "offline";
pub(crate) const ROBOTS: &str = "robots.txt";
/// What the browser's script says and decides (see `export::script`), once for every page.
pub(crate) const WORDS: &str = "static/words.js";

pub(crate) fn schedule(schedule_slug: &str) -> String {
    format!("{schedule_slug}/index.html")
}

/// Page `n` (1-based) of the published table of a schedule too large for one page. In a folder of its own, so no
/// activity's page can take its name.
pub(crate) fn schedule_table(schedule_slug: &str, n: usize) -> String {
    format!("{schedule_slug}/table/{n}.html")
}

pub(crate) fn activity(schedule_slug: &str, activity_slug: &str) -> String {
    format!("{schedule_slug}/{activity_slug}.html")
}

/// All of a schedule's activities as one iCalendar file.
pub(crate) fn schedule_calendar(schedule_slug: &str) -> String {
    format!("{schedule_slug}/calendar.ics")
}

/// The pieces a reader's own calendar is made of in the browser, beside the schedule's page (a script, so that
/// it loads from disk too).
pub(crate) fn schedule_pick_data(schedule_slug: &str) -> String {
    format!("{schedule_slug}/calendar-pick.js")
}

/// One activity (and its milestones) as an iCalendar file, beside its page.
pub(crate) fn activity_calendar(schedule_slug: &str, activity_slug: &str) -> String {
    format!("{schedule_slug}/{activity_slug}.ics")
}

pub(crate) fn schedule_feed(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{FEED}")
}

pub(crate) fn schedule_json(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{DATA_JSON}")
}

pub(crate) fn schedule_csv(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{DATA_CSV}")
}

pub(crate) fn month(year: i32, month: u32) -> String {
    format!("months/{year:04}-{month:02}.html")
}

/// The week starting on `monday`, named by its ISO week (`weeks/2023-W38.html`), which the list of weeks says.
pub(crate) fn week(monday: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let w = monday.iso_week();
    format!("weeks/{:04}-W{:02}.html", w.year(), w.week())
}

pub(crate) fn tag(tag_slug: &str) -> String {
    format!("tags/{tag_slug}.html")
}

/// All of a tag's activities, across schedules, as one iCalendar file to subscribe to: beside the tag's page
/// (`tags/SLUG.html`), where no page or other tag can take its name.
pub(crate) fn tag_calendar(tag_slug: &str) -> String {
    format!("tags/{tag_slug}.ics")
}

/// Page `n` (1-based) of a tag's list; the first is the tag's own page. A folder per tag keeps page names
/// clear of other tags' slugs (which may end in "-2").
pub(crate) fn tag_page(tag_slug: &str, n: usize) -> String {
    if n <= 1 { tag(tag_slug) } else { format!("tags/{tag_slug}/page-{n}.html") }
}

/// The folder of a language's edition, from the original's root: "en/", "zh-tw/" (a slug's letters, so no
/// host or file system tells it from another).
pub(crate) fn edition_folder(lang: &str) -> String {
    format!("{}/", lang.to_ascii_lowercase())
}

/// The prefix that leads from the page at `path` back to the site root: "" or "../" repeated.
pub(crate) fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `url` (relative to the site root) as seen from the file at `from` (also relative to the root): files in the
/// same folder link by name, others climb to the root first.
pub(crate) fn relative(from: &str, url: &str) -> String {
    match from.rsplit_once('/') {
        Some((dir, _)) if url.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/')) => {
            url[dir.len() + 1..].to_string()
        }
        _ => format!("{}{url}", root_for(from)),
    }
}

/// `url` (relative to the site root) under `base`, which ends with `/` (see `Config::base_url`).
pub(crate) fn absolute(base: &str, url: &str) -> String {
    format!("{base}{url}")
}

/// The `webcal://` form of an absolute http(s) URL: calendar apps subscribe to it instead of downloading once.
pub(crate) fn webcal(absolute: &str) -> String {
    let rest = absolute.split_once("://").map_or(absolute, |(_, rest)| rest);
    format!("webcal://{rest}")
}

/// The longest slug, in bytes. A page's file name (`SLUG.html`, its `.gz`/`.br` copies, a tag's `SLUG-2`) then
/// stays far below the 255 bytes a file system allows for one name, and the address stays readable.
pub(crate) const MAX_SLUG_BYTES: usize = 100;

/// The longest name of one file or folder of the output, in bytes: what Linux, macOS and Windows file systems
/// allow.
pub(crate) const MAX_NAME_BYTES: usize = 255;

/// An ASCII slug: Chinese is transliterated (评价 → ping-jia), everything else becomes `-`. The text is read in
/// Unicode's composed form (NFC) first, so a name typed on one system and saved decomposed by another (macOS
/// writes `é` as `e` and an accent) makes the same slug. A slug longer than [`MAX_SLUG_BYTES`] keeps its first
/// words and ends in a hash of the whole, so long names that differ only near their end still differ.
pub(crate) fn slugify(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in text.nfc() {
        if c.is_ascii() {
            push(c);
        } else {
            // Each transliterated character is a word of its own: QC小组 → qc-xiao-zu.
            push(' ');
            deunicode::deunicode_char(c).unwrap_or("").chars().for_each(&mut push);
            push(' ');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".to_string() } else { bounded(out) }
}

/// `slug` cut to [`MAX_SLUG_BYTES`]: its leading whole words, `-`, and eight hex digits of a hash of all of it.
fn bounded(slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let hash = format!("{:08x}", fnv1a(slug.as_bytes()) as u32);
    let room = MAX_SLUG_BYTES - 1 - hash.len();
    // The slug is ASCII, so any byte is a character boundary; a word cut in two is dropped when a whole one
    // comes before it.
    let cut = &slug[..room];
    let words = if slug.as_bytes()[room] == b'-' {
        cut
    } else {
        cut.rfind('-').filter(|&end| end > 0).map_or(cut, |end| &cut[..end])
    };
    format!("{words}-{hash}")
}

/// The 64-bit FNV-1a hash: tiny, and the same on every platform and in every version, so a long name keeps its
/// page (std's hashers promise neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Whether a slug given by an editor (or a folder name) is already a clean URL segment, short enough for any
/// file system ([`MAX_SLUG_BYTES`]).
pub(crate) fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_BYTES
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        for (path, root) in [("index.html", ""), ("tags/qc.html", "../"), ("a/b/c.html", "../../")] {
            assert_eq!(root_for(path), root, "{path}");
        }
    }

    #[test]
    fn slugs() {
        for (text, slug) in [
            ("评价", "ping-jia"),
            ("QC小组", "qc-xiao-zu"),
            ("Hello, World!", "hello-world"),
            ("01-market-credit-rating", "01-market-credit-rating"),
            ("——", "x"),
        ] {
            assert_eq!(slugify(text), slug, "{text}");
        }
        assert!(is_slug("a-1") && is_slug("2023-quality-month"));
        assert!(is_slug(&"a".repeat(MAX_SLUG_BYTES)) && !is_slug(&"a".repeat(MAX_SLUG_BYTES + 1)));
        assert!(!is_slug("A") && !is_slug("") && !is_slug("a/b") && !is_slug("-a"));
    }

    /// A name typed composed (NFC) and the same name saved decomposed (NFD, as macOS writes it) are one slug.
    #[test]
    fn composed_and_decomposed_names_make_one_slug() {
        for (nfc, nfd) in [
            ("café", "cafe\u{301}"),
            ("Ångström", "A\u{30a}ngstro\u{308}m"),
            ("한국", "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}"),
        ] {
            assert_ne!(nfc, nfd);
            assert_eq!(slugify(nfc), slugify(nfd), "{nfc}");
        }
    }

    /// However long the name, the slug fits [`MAX_SLUG_BYTES`], keeps its leading whole words and ends in a
    /// hash of the whole: the same on every run, different for names that differ only at their end.
    #[test]
    fn long_names_make_bounded_distinct_stable_slugs() {
        let cjk = |n: usize| "质量月活动评审发布论坛".chars().cycle().take(n).collect::<String>();
        let (a80, a200) = (cjk(80), cjk(200));
        let mut seen = std::collections::BTreeSet::new();
        for text in
            [a80.clone(), a200.clone(), format!("{a200}甲"), format!("{a200}乙"), "a".repeat(300), "a-".repeat(200)]
        {
            let slug = slugify(&text);
            assert!(slug.len() <= MAX_SLUG_BYTES && is_slug(&slug), "{slug}");
            assert_eq!(slugify(&text), slug);
            assert!(format!("{slug}.html.gz").len() < MAX_NAME_BYTES);
            assert!(seen.insert(slug.clone()), "{slug}");
        }
        // The first words stay whole: 质量月… → zhi-liang-yue-…, cut between two syllables.
        let slug = slugify(&a80);
        let (words, hash) = slug.rsplit_once('-').unwrap();
        assert!(slugify(&a200).starts_with("zhi-liang-yue-huo-dong-") && words.len() > 80, "{slug}");
        assert!(slugify(&a80).starts_with(words) && hash.len() == 8, "{slug}");
        assert!(slug.split('-').all(|w| !w.is_empty()));
        // Short slugs are as they were.
        assert_eq!(slugify(&cjk(4)), "zhi-liang-yue-huo");
        assert_eq!(slugify(&"a".repeat(MAX_SLUG_BYTES)), "a".repeat(MAX_SLUG_BYTES));
        // A single word longer than the bound is cut inside it.
        assert_eq!(slugify(&"a".repeat(300)).len(), MAX_SLUG_BYTES);
    }

    #[test]
    fn relative_and_absolute_links() {
        assert_eq!(relative("s/feed.xml", "s/a.html"), "a.html");
        assert_eq!(relative("s/feed.xml", "t/a.html"), "../t/a.html");
        assert_eq!(relative("s/feed.xml", "sx/a.html"), "../sx/a.html");
        assert_eq!(relative("feed.xml", "s/a.html"), "s/a.html");
        assert_eq!(absolute("https://a.org/c/", "s/a.html"), "https://a.org/c/s/a.html");
        assert_eq!(webcal("https://a.org/c/s/calendar.ics"), "webcal://a.org/c/s/calendar.ics");
    }

    #[test]
    fn no_link_is_root_relative() {
        for url in [
            schedule("s"),
            schedule_table("s", 2),
            activity("s", "a"),
            month(2023, 9),
            tag("t"),
            HOME.into(),
            TAGS.into(),
        ] {
            assert!(!url.starts_with('/') && url.ends_with(".html"), "{url}");
        }
    }
}
