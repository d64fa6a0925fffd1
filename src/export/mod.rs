//! Machine-readable files: calendars (iCalendar), feeds (Atom), the sitemap, and the data (JSON, CSV), each a
//! pure function of the site model. Schema.org JSON-LD goes into activity pages, through [`jsonld`].
//!
//! [`Export`] lists them the way [`crate::render::Page`] lists pages: the build writes each `(path, bytes)`.

pub mod atom;
pub mod data;
pub mod ics;
pub mod jsonld;
pub mod sitemap;

use std::io;

use crate::site::{ActivityId, Site};
use crate::urls;

/// Host name for calendar UIDs and feed ids when the site has no `base_url`: `.invalid` is reserved (RFC 2606),
/// so these never clash with anyone's real identifiers.
pub const FALLBACK_HOST: &str = "almanac.invalid";

/// One machine-readable file of the site. `None` means the whole site, `Some(i)` schedule `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Calendar(usize),
    ActivityCalendar(ActivityId),
    Feed(Option<usize>),
    Json(Option<usize>),
    Csv(Option<usize>),
    Sitemap,
    Robots,
}

impl Export {
    /// Every file of `site`, in a fixed order. The sitemap and robots.txt need absolute URLs, so they come only
    /// with a `base_url` (see [`notices`]).
    pub fn all(site: &Site) -> Vec<Export> {
        let mut out = vec![Export::Feed(None), Export::Json(None), Export::Csv(None)];
        for si in 0..site.schedules.len() {
            out.extend([Export::Calendar(si), Export::Feed(Some(si)), Export::Json(Some(si)), Export::Csv(Some(si))]);
            out.extend(site.schedule_ids(si).map(Export::ActivityCalendar));
        }
        if site.config.base_url().is_some() {
            out.extend([Export::Sitemap, Export::Robots]);
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
            Export::Feed(None) => urls::FEED.to_string(),
            Export::Feed(Some(si)) => urls::schedule_feed(slug(si)),
            Export::Json(None) => urls::DATA_JSON.to_string(),
            Export::Json(Some(si)) => urls::schedule_json(slug(si)),
            Export::Csv(None) => urls::DATA_CSV.to_string(),
            Export::Csv(Some(si)) => urls::schedule_csv(slug(si)),
            Export::Sitemap => urls::SITEMAP.to_string(),
            Export::Robots => urls::ROBOTS.to_string(),
        }
    }

    pub fn render(self, site: &Site) -> io::Result<Vec<u8>> {
        let path = self.path(site);
        Ok(match self {
            Export::Calendar(si) => ics::schedule(site, si).into_bytes(),
            Export::ActivityCalendar(id) => ics::activity(site, id).into_bytes(),
            Export::Feed(which) => atom::feed(site, which, &path).into_bytes(),
            Export::Json(which) => data::json(site, which).into_bytes(),
            Export::Csv(which) => data::csv(site, which)?,
            Export::Sitemap => sitemap::sitemap(site).into_bytes(),
            Export::Robots => sitemap::robots(site).into_bytes(),
        })
    }
}

/// One line per thing the build left out, for the binary to print.
pub fn notices(site: &Site) -> Vec<String> {
    if site.config.base_url().is_some() {
        return Vec::new();
    }
    vec![format!(
        "note: {} and {} were not written: they need absolute URLs; set base_url in almanac.toml or pass --base-url URL",
        urls::SITEMAP,
        urls::ROBOTS
    )]
}

/// The host that makes UIDs and ids globally unique.
pub fn host(site: &Site) -> &str {
    site.config.host().unwrap_or(FALLBACK_HOST)
}

/// Text for XML content and attribute values: the five special characters escaped, and characters XML 1.0
/// does not allow (most control characters) dropped rather than written as a broken document.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::Config;
    use crate::content::dates::parse_when;
    use crate::content::{Activity, Schedule};

    fn site(base_url: Option<&str>) -> Site {
        let activity = Activity {
            slug: "a".into(),
            source: "a.md".into(),
            number: Some(1),
            title: "论坛".into(),
            when_text: "9月".into(),
            when: parse_when("9月", 2023).unwrap(),
            place: None,
            tags: vec![],
            milestones: vec![],
            body: String::new(),
            draft: false,
            updated: None,
        };
        let schedule = Schedule {
            slug: "s".into(),
            source: "s/_index.md".into(),
            title: "日程".into(),
            year: 2023,
            organiser: None,
            note: None,
            updated: None,
            intro: String::new(),
            activities: vec![activity],
            draft_problems: Default::default(),
        };
        let config = Config {
            title: "站点".into(),
            description: String::new(),
            theme: "default".into(),
            language: "zh-CN".into(),
            base_url: base_url.map(str::to_string),
            timezone: "Asia/Shanghai".into(),
        };
        Site::new(config, vec![schedule])
    }

    #[test]
    fn sitemap_and_robots_need_a_base_url() {
        let without = site(None);
        let paths: Vec<String> = Export::all(&without).into_iter().map(|e| e.path(&without)).collect();
        assert_eq!(
            paths,
            ["feed.xml", "activities.json", "activities.csv", "s/calendar.ics", "s/feed.xml"]
                .into_iter()
                .chain(["s/activities.json", "s/activities.csv", "s/a.ics"])
                .collect::<Vec<_>>()
        );
        assert_eq!(notices(&without).len(), 1);
        assert_eq!(host(&without), FALLBACK_HOST);
        let with = site(Some("https://example.org/cq"));
        let all = Export::all(&with);
        assert!(all.contains(&Export::Sitemap) && all.contains(&Export::Robots) && notices(&with).is_empty());
        assert_eq!(host(&with), "example.org");
        let robots = String::from_utf8(Export::Robots.render(&with).unwrap()).unwrap();
        assert!(robots.ends_with("Sitemap: https://example.org/cq/sitemap.xml\n"), "{robots}");
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("质量\n月"), "质量\n月");
    }
}
