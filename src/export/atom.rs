//! Atom feeds (RFC 4287): one per schedule and one for the site, an entry per activity; and [`changes`], the
//! site's recorded schedule changes only, an entry per change, for readers who want to hear only when a date
//! moves.
//!
//! With a `base_url` every link is absolute. Without one the feeds are still written (every page's head links
//! the site feed, and the archive must work from disk), with links relative to the feed file itself: RFC 4287
//! allows IRI references, resolved against the document's own address (RFC 3986 §5.1.3), so no `xml:base` is
//! needed. Ids are `tag:` URIs (RFC 4151) from the host and slugs, never URLs, so they survive a move.

use chrono::NaiveDate;

use super::{host, ics, organiser};
use crate::content::changes::Status;
use crate::content::dates;
use crate::escape::escape;
use crate::layout::Layout;
use crate::layout::links::{self, Owner, Target};
use crate::markdown::{self, Policy};
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;

/// Entries in one feed.
const FEED_ENTRIES: usize = 100;

/// The feed of schedule `which` (or of the whole site for `None`), to be written at `path`.
pub(crate) fn feed(site: &Site, layout: &Layout, which: Option<usize>, path: &str) -> String {
    let link = |url: &str| match site.config.base_url() {
        Some(base) => urls::absolute(base, url),
        None => urls::relative(path, url),
    };
    let (title, alternate, id, author, mut ids): (&str, String, String, &str, Vec<ActivityId>) = match which {
        Some(si) => {
            let s = &site.schedules[si];
            let author = s.organiser.as_deref().unwrap_or(&site.config.title);
            (&s.title, urls::schedule(&s.slug), schedule_id(site, si), author, site.schedule_ids(si).collect())
        }
        None => {
            // The earliest year keeps the id fixed as schedules are added.
            let year = site.schedules.iter().map(|s| s.year).min().unwrap_or(2000);
            let id = format!("tag:{},{year}:feed", host(site));
            (&site.config.title, urls::HOME.to_string(), id, &site.config.title, site.activity_ids().collect())
        }
    };
    // Most recently changed first; ties keep schedule order (the sort is stable). A feed tells subscribers
    // what changed, so the latest entries suffice; activities.json holds everything.
    ids.sort_by_key(|&id| std::cmp::Reverse(site.updated(id)));
    ids.truncate(FEED_ENTRIES);
    let updated = ids.iter().map(|&id| site.updated(id)).max();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&site.config.language)
    ));
    out.push_str(&format!("  <id>{}</id>\n", escape(&id)));
    out.push_str(&format!("  <title>{}</title>\n", escape(title)));
    if !site.config.description.is_empty() {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&site.config.description)));
    }
    out.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", escape(&link(path))));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&link(&alternate))));
    out.push_str(&format!("  <author><name>{}</name></author>\n", escape(author)));
    out.push_str("  <generator>almanac</generator>\n");
    for id in ids {
        entry(&mut out, site, layout, id, &link);
    }
    out.push_str("</feed>\n");
    out
}

/// The id of schedule `si`'s feed; entries extend it with their slug.
fn schedule_id(site: &Site, si: usize) -> String {
    let s = &site.schedules[si];
    format!("tag:{},{}:{}", host(site), s.year, s.slug)
}

fn entry(out: &mut String, site: &Site, layout: &Layout, id: ActivityId, link: &(dyn Fn(&str) -> String + Sync)) {
    let (s, a) = site.get(id);
    let page = link(&urls::activity(&s.slug, &a.slug));
    let ics = link(&urls::activity_calendar(&s.slug, &a.slug));
    // A change is the entry's latest news: it leads the title, the summary and the content, and the entry's
    // `updated` is the day it was announced (Site::updated), so readers see the entry again.
    let w = &site.words;
    let notice = a.change_notice(s.year, w);
    let mut summary = notice.iter().map(|l| Words::fill(&w.feed.notice, &[("line", l)])).collect::<String>();
    summary.push_str(&Words::fill(
        &w.feed.summary,
        &[("published", &a.published()), ("dates", &dates::words(&a.when, w))],
    ));
    let title = match (a.changed(), a.status()) {
        (true, Status::Scheduled | Status::Rescheduled) => {
            Words::fill(&w.described_event.changed, &[("title", &a.title)])
        }
        _ => ics::title(a, w),
    };
    out.push_str("  <entry>\n");
    out.push_str(&format!("    <id>{}/{}</id>\n", escape(&schedule_id(site, id.schedule)), escape(&a.slug)));
    out.push_str(&format!("    <title>{}</title>\n", escape(&title)));
    // When the entry changed, not when the activity happens.
    out.push_str(&format!("    <updated>{}</updated>\n", timestamp(Some(site.updated(id)))));
    if let Some(organiser) = organiser(site, id) {
        out.push_str(&format!("    <author><name>{}</name></author>\n", escape(organiser)));
    }
    out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&page)));
    out.push_str(&format!("    <link rel=\"related\" type=\"text/calendar\" href=\"{}\"/>\n", escape(&ics)));
    for tag in &a.tags {
        out.push_str(&format!("    <category term=\"{}\"/>\n", escape(tag)));
    }
    out.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&summary)));
    // The body's links, like the entry's own, are absolute with a base_url and relative to the feed without.
    let own = urls::activity(&s.slug, &a.slug);
    let owner = Owner { page: &own, file: &a.origin.rel };
    let rewrite = |url: &str| {
        links::resolve(site, layout, owner, url).ok().map(|t| match t {
            Target::Site { path, suffix } => format!("{}{suffix}", link(&path)),
            Target::AsWritten => url.to_string(),
        })
    };
    let mut body = markdown::to_html(&a.body, Policy { unsafe_html: site.config.unsafe_html, relative: &rewrite });
    if !notice.is_empty() {
        let lines: Vec<String> = notice.iter().map(|l| escape(l)).collect();
        body = format!("<p class=\"changes\"><strong>{}</strong></p>\n{body}", lines.join("<br>"));
    }
    if !body.trim().is_empty() {
        out.push_str(&format!("    <content type=\"html\">{}</content>\n", escape(&body)));
    }
    out.push_str("  </entry>\n");
}

/// The recorded changes of every schedule (`changes` in activity files), latest first, an entry per change:
/// its summary (原定…，调整为…) and the activity as it stands now. A change's id is its activity's and its date
/// with its place among that activity's changes of the same day, so it stays when more changes are recorded.
/// Written with no entries when nothing has changed, so readers can subscribe before anything does.
pub(crate) fn changes(site: &Site, path: &str) -> String {
    let link = |url: &str| match site.config.base_url() {
        Some(base) => urls::absolute(base, url),
        None => urls::relative(path, url),
    };
    // Each activity's changes once, so the feed grows with the changes, never with the site.
    let mut all: Vec<(ActivityId, usize)> =
        site.activity_ids().flat_map(|id| (0..site.get(id).1.changes.len()).map(move |i| (id, i))).collect();
    // Latest first; ties keep schedule and file order (the sort is stable).
    all.sort_by_key(|&(id, i)| std::cmp::Reverse(site.get(id).1.changes[i].date));
    all.truncate(FEED_ENTRIES);
    let updated = all.first().map(|&(id, i)| site.get(id).1.changes[i].date).or(site.content_updated());
    let year = site.schedules.iter().map(|s| s.year).min().unwrap_or(2000);

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&site.config.language)
    ));
    out.push_str(&format!("  <id>tag:{},{year}:changes</id>\n", escape(host(site))));
    let w = &site.words;
    let title = Words::fill(&w.feed.changes_title, &[("site", &site.config.title)]);
    out.push_str(&format!("  <title>{}</title>\n", escape(&title)));
    out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&w.feed.changes_subtitle)));
    out.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", escape(&link(path))));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&link(urls::HOME))));
    out.push_str(&format!("  <author><name>{}</name></author>\n", escape(&site.config.title)));
    out.push_str("  <generator>almanac</generator>\n");
    for (id, i) in all {
        let (s, a) = site.get(id);
        let c = &a.changes[i];
        let same_day = a.changes[..i].iter().filter(|o| o.date == c.date).count();
        let page = link(&urls::activity(&s.slug, &a.slug));
        // Where it stands now: its dates, unless it is not taking place at them.
        let now = if a.status().is_active() {
            Words::fill(&w.feed.now, &[("published", &a.published()), ("dates", &dates::words(&a.when, w))])
        } else {
            Words::fill(&w.feed.now_off, &[("status", a.status().label(w))])
        };
        let mut summary = Words::fill(&w.feed.change, &[("line", &c.line(s.year, w)), ("now", &now)]);
        if let Some(note) = &c.note {
            summary.push_str(&Words::fill(&w.feed.change_note, &[("note", note)]));
        }
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <id>{}/{}/changes/{}-{}</id>\n",
            escape(&schedule_id(site, id.schedule)),
            escape(&a.slug),
            c.date.format("%Y-%m-%d"),
            same_day + 1
        ));
        out.push_str(&format!(
            "    <title>{}</title>\n",
            escape(&Words::fill(&w.feed.change_title, &[("title", &ics::title(a, w)), ("summary", &c.summary(w))]))
        ));
        out.push_str(&format!("    <updated>{}</updated>\n", timestamp(Some(c.date))));
        if let Some(organiser) = organiser(site, id) {
            out.push_str(&format!("    <author><name>{}</name></author>\n", escape(organiser)));
        }
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&page)));
        out.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A date as an RFC 3339 timestamp (midnight UTC): entries carry dates, not times.
fn timestamp(date: Option<NaiveDate>) -> String {
    let date = date.unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}
