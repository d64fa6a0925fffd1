//! Machine-readable files: calendars (iCalendar), feeds (Atom), the sitemap, and the data (JSON, CSV), each a
//! pure function of the site model. Schema.org JSON-LD goes into activity pages, through [`jsonld`].
//!
//! [`crate::layout::Export`] lists them with their paths; [`render`] makes each one's bytes. Besides them,
//! [`archive`] zips the whole site for reading offline and [`compress`] makes the compressed copies of its
//! text files.

pub(crate) mod addto;
pub(crate) mod archive;
pub(crate) mod atom;
pub(crate) mod compress;
pub(crate) mod data;
pub(crate) mod ics;
pub(crate) mod jsonld;
pub(crate) mod script;
pub(crate) mod sitemap;

use std::io;

use crate::config::Email;
use crate::layout::{Export, Layout};
use crate::site::{ActivityId, Site};
use crate::urls;

/// Host name for calendar UIDs and feed ids when the site has no `base_url`: `.invalid` is reserved (RFC 2606),
/// so these never clash with anyone's real identifiers.
pub(crate) const FALLBACK_HOST: &str = "almanac.invalid";

/// The bytes of the machine-readable file `file` of `site`, laid out in `layout`.
pub(crate) fn render(file: Export, site: &Site, layout: &Layout) -> io::Result<Vec<u8>> {
    let path = file.path(site);
    Ok(match file {
        Export::Calendar(si) => ics::schedule(site, si).into_bytes(),
        Export::ActivityCalendar(id) => ics::activity(site, id).into_bytes(),
        Export::TagCalendar(i) => ics::tag(site, i).into_bytes(),
        Export::PickData(si) => ics::pick::data(site, si).into_bytes(),
        Export::Feed(which) => atom::feed(site, layout, which, &path).into_bytes(),
        Export::ChangesFeed => atom::changes(site, &path).into_bytes(),
        Export::Json(which) => data::json(site, which).into_bytes(),
        Export::Csv(which) => data::csv(site, which)?,
        Export::Sitemap => sitemap::sitemap(site).into_bytes(),
        Export::Robots => sitemap::robots(site).into_bytes(),
        Export::Words => script::file(&site.words).into_bytes(),
    })
}

/// Whether `file` can be written as it is made, by [`write_to`]: the files that grow with the whole site.
pub(crate) fn streams(file: Export) -> bool {
    matches!(file, Export::Json(_) | Export::Csv(_))
}

/// The file `file` written to `out` as it is made, never held whole: for the files [`streams`] names; any
/// other is made whole and then written.
pub(crate) fn write_to(file: Export, site: &Site, layout: &Layout, mut out: impl io::Write) -> io::Result<()> {
    match file {
        Export::Json(which) => data::json_to(site, which, out),
        Export::Csv(which) => data::csv_to(site, which, out),
        other => out.write_all(&render(other, site, layout)?),
    }
}

/// One line per thing the build left out, for the binary to print.
pub(crate) fn notices(site: &Site) -> Vec<String> {
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
pub(crate) fn host(site: &Site) -> &str {
    site.config.host().unwrap_or(FALLBACK_HOST)
}

/// Who organises activity `id`, as calendars, feeds and structured data name it: its own `organiser` (主办; a
/// schedule often lists activities other bodies organise), else its schedule's, else the site's. The one place
/// that decides it.
pub(crate) fn organiser(site: &Site, id: ActivityId) -> Option<&str> {
    let (s, a) = site.get(id);
    named(&a.organiser).or(named(&s.organiser)).or(site.config.organiser.as_deref())
}

/// A name that says something: not missing, not blank.
fn named(name: &Option<String>) -> Option<&str> {
    name.as_deref().filter(|n| !n.trim().is_empty())
}

/// The address the organiser of activity `id` is reached at: the site's `email`.
pub(crate) fn organiser_email(site: &Site, _id: ActivityId) -> Option<&Email> {
    site.config.email.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::site::tests::site_of;

    fn site(base_url: Option<&str>) -> Site {
        site_of(base_url, &[("a", "9月", None, "")])
    }

    #[test]
    fn sitemap_and_robots_need_a_base_url() {
        let without = site(None);
        let paths: Vec<String> = Export::all(&without).into_iter().map(|e| e.path(&without)).collect();
        assert_eq!(
            paths,
            [
                "static/words.js",
                "feed.xml",
                "changes.xml",
                "activities.json",
                "activities.csv",
                "s/calendar.ics",
                "s/feed.xml",
                "s/calendar-pick.js"
            ]
            .into_iter()
            .chain(["s/a.ics"])
            .collect::<Vec<_>>()
        );
        assert_eq!(notices(&without).len(), 1);
        assert_eq!(host(&without), FALLBACK_HOST);
        let with = site(Some("https://example.org/cq"));
        let all = Export::all(&with);
        assert!(all.contains(&Export::Sitemap) && all.contains(&Export::Robots) && notices(&with).is_empty());
        assert_eq!(host(&with), "example.org");
        let layout = Layout::new(&with, &[]).unwrap();
        let robots = String::from_utf8(render(Export::Robots, &with, &layout).unwrap()).unwrap();
        assert!(robots.ends_with("Sitemap: https://example.org/cq/sitemap.xml\n"), "{robots}");
    }
}
