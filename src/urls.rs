//! Every path and link of the built site is made here.
//!
//! Pages are flat `.html` files (never `dir/` links) and every link is relative to the page that holds it,
//! so `output/` works opened from disk (`file://`) and under any sub-path of a host. Templates write
//! `{{ root }}{{ url }}`: `url` is relative to the site root, `root` climbs from the page to it.

/// Folders the site itself uses; a schedule must not take their names.
pub const RESERVED_FOLDERS: &[&str] = &["months", "tags", "static", "index", "404"];

pub const HOME: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const TAGS: &str = "tags/index.html";
/// The tag slug the list of tags takes for itself (`tags/index.html`).
pub const TAGS_INDEX_SLUG: &str = "index";
pub const STATIC_DIR: &str = "static";

// Machine-readable files of the whole site (calendars, feeds and data are also per schedule, below).
pub const FEED: &str = "feed.xml";
pub const DATA_JSON: &str = "activities.json";
pub const DATA_CSV: &str = "activities.csv";
pub const SITEMAP: &str = "sitemap.xml";
/// The whole site as one zip, for reading offline; inside it, the site is in [`ARCHIVE_FOLDER`].
pub const ARCHIVE: &str = "offline.zip";
pub const ARCHIVE_FOLDER: &str = "offline";
pub const ROBOTS: &str = "robots.txt";

pub fn schedule(schedule_slug: &str) -> String {
    format!("{schedule_slug}/index.html")
}

/// Page `n` (1-based) of the published table of a schedule too large for one page. In a folder of its own, so no
/// activity's page can take its name.
pub fn schedule_table(schedule_slug: &str, n: usize) -> String {
    format!("{schedule_slug}/table/{n}.html")
}

pub fn activity(schedule_slug: &str, activity_slug: &str) -> String {
    format!("{schedule_slug}/{activity_slug}.html")
}

/// All of a schedule's activities as one iCalendar file.
pub fn schedule_calendar(schedule_slug: &str) -> String {
    format!("{schedule_slug}/calendar.ics")
}

/// One activity (and its milestones) as an iCalendar file, beside its page.
pub fn activity_calendar(schedule_slug: &str, activity_slug: &str) -> String {
    format!("{schedule_slug}/{activity_slug}.ics")
}

pub fn schedule_feed(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{FEED}")
}

pub fn schedule_json(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{DATA_JSON}")
}

pub fn schedule_csv(schedule_slug: &str) -> String {
    format!("{schedule_slug}/{DATA_CSV}")
}

pub fn month(year: i32, month: u32) -> String {
    format!("months/{year:04}-{month:02}.html")
}

pub fn tag(tag_slug: &str) -> String {
    format!("tags/{tag_slug}.html")
}

/// Page `n` (1-based) of a tag's list; the first is the tag's own page. A folder per tag keeps page names
/// clear of other tags' slugs (which may end in "-2").
pub fn tag_page(tag_slug: &str, n: usize) -> String {
    if n <= 1 { tag(tag_slug) } else { format!("tags/{tag_slug}/page-{n}.html") }
}

/// The prefix that leads from the page at `path` back to the site root: "" or "../" repeated.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `url` (relative to the site root) as seen from the file at `from` (also relative to the root): files in the
/// same folder link by name, others climb to the root first.
pub fn relative(from: &str, url: &str) -> String {
    match from.rsplit_once('/') {
        Some((dir, _)) if url.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/')) => {
            url[dir.len() + 1..].to_string()
        }
        _ => format!("{}{url}", root_for(from)),
    }
}

/// `url` (relative to the site root) under `base`, which ends with `/` (see `Config::base_url`).
pub fn absolute(base: &str, url: &str) -> String {
    format!("{base}{url}")
}

/// The `webcal://` form of an absolute http(s) URL: calendar apps subscribe to it instead of downloading once.
pub fn webcal(absolute: &str) -> String {
    let rest = absolute.split_once("://").map_or(absolute, |(_, rest)| rest);
    format!("webcal://{rest}")
}

/// An ASCII slug: Chinese is transliterated (评价 → ping-jia), everything else becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in text.chars() {
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
    if out.is_empty() { "x".to_string() } else { out }
}

/// Whether a slug given by an editor (or a folder name) is already a clean URL segment.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
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
        assert!(!is_slug("A") && !is_slug("") && !is_slug("a/b") && !is_slug("-a"));
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
