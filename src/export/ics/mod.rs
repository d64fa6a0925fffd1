//! iCalendar (RFC 5545): one calendar per schedule, one per tag (its activities across schedules) and one per
//! activity. Each names itself (`NAME`, `X-WR-CALNAME`), asks subscribers to refresh it ([`REFRESH`]) and,
//! with a `base_url`, gives its page (`URL`) and its own address (`SOURCE`), RFC 7986.
//!
//! A date without a time is an all-day event over the days it is read as. A time is an event in the site's
//! `timezone` (`DTSTART;TZID=…`, with a `VTIMEZONE` describing the zone's rules from the IANA database): a
//! start time alone has no `DTEND` (RFC 5545 §3.6.1: the event is at that time), hours on each day of a range
//! (`10月1日-7日 每天9:00-11:00`) are one event repeated daily (`RRULE:FREQ=DAILY;COUNT=7`), and a span from a
//! time on one day to a time on another is one event. A list of dates (`10月1日、3日、5日`) is one event with
//! its other dates as `RDATE`s, or one such event per length of its dates (see [`series`]), the first with the
//! activity's own UID and the others numbered after it: a list's size never multiplies its text. Every event of an activity carries its revision (see [`crate::content::changes`]): the
//! same UID, `SEQUENCE` raised with each recorded change, `LAST-MODIFIED`, and `STATUS:CANCELLED` or `TENTATIVE`
//! for a cancelled or postponed activity, so a subscribed calendar replaces the event rather than keeping both.
//! Every event names its organiser (`ORGANIZER;CN=…:mailto:…`) when the site gives an `email`; then, and only
//! then, the calendar says `METHOD:PUBLISH`, which requires one (RFC 5546 §3.2.1). Without it the file is plain
//! iCalendar, which calendar apps import and subscribe to alike.
//!
//! Written by hand rather than with a crate: the format needed here is small, and the writer must be
//! byte-reproducible (no clock, no random UIDs), fold at 75 octets on UTF-8 boundaries and escape every TEXT
//! value, including property names a crate may not know (X-WR-CALNAME).

pub(crate) mod pick;
mod series;
mod text;

pub(crate) use text::escape;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::{host, organiser, organiser_email};
use crate::content::changes::Status;
use crate::content::dates::{self, Occurrence, Precision, When};
use crate::content::{Activity, Schedule};
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;
use crate::zone::{Observance, Zone, offset};
use series::{Series, Shape, Start};
use text::{Writer, param};

/// How often a subscribed calendar should be fetched again (RFC 7986 §5.7 `REFRESH-INTERVAL`, and Outlook's
/// older `X-PUBLISHED-TTL`, which Google and Apple read too): twice a day, so a moved date reaches readers the
/// same day, without asking a static host for a file that changes a few times a year every few minutes.
pub(crate) const REFRESH: &str = "PT12H";

/// Every activity of schedule `si`, with their milestones.
pub(crate) fn schedule(site: &Site, si: usize) -> String {
    calendar(site, &schedule_head(site, si), &site.schedule_ids(si).collect::<Vec<_>>(), true)
}

/// What schedule `si`'s calendar says about itself.
fn schedule_head(site: &Site, si: usize) -> Head {
    let s = &site.schedules[si];
    Head { name: s.title.clone(), page: urls::schedule(&s.slug), file: urls::schedule_calendar(&s.slug) }
}

/// One activity and its milestones.
pub(crate) fn activity(site: &Site, id: ActivityId) -> String {
    let (s, a) = site.get(id);
    let head = Head {
        name: a.title.clone(),
        page: urls::activity(&s.slug, &a.slug),
        file: urls::activity_calendar(&s.slug, &a.slug),
    };
    calendar(site, &head, &[id], true)
}

/// Every activity tagged with tag `i`, across schedules, with their milestones: the same events (and UIDs) as
/// in their schedules' calendars, so subscribing to both never shows one twice in a client that merges by UID.
/// The tag's own list of members is walked once, so the file grows with the tag, never with the site.
pub(crate) fn tag(site: &Site, i: usize) -> String {
    let t = &site.tags[i];
    let head = Head {
        name: Words::fill(&site.words.described_event.tag_calendar, &[("site", &site.config.title), ("tag", &t.name)]),
        page: urls::tag(&t.slug),
        file: urls::tag_calendar(&t.slug),
    };
    calendar(site, &head, &t.members, true)
}

/// What a calendar says about itself (RFC 7986 §5): its name, and the addresses (relative to the site root) of
/// the page that shows the same activities and of the file itself.
struct Head {
    name: String,
    page: String,
    file: String,
}

/// The UID of an activity's event, or of its milestone `milestone` (0-based), stable across builds.
pub(crate) fn uid(site: &Site, id: ActivityId, milestone: Option<usize>) -> String {
    let (s, a) = site.get(id);
    match milestone {
        None => format!("{}/{}@{}", s.slug, a.slug, host(site)),
        Some(i) => format!("{}/{}/milestone-{}@{}", s.slug, a.slug, i + 1, host(site)),
    }
}

/// The UID of the `n`th (0-based) event of a list of dates: the first is the activity's own.
fn nth_uid(uid: &str, n: usize) -> String {
    if n == 0 {
        return uid.to_string();
    }
    match uid.rsplit_once('@') {
        Some((local, host)) => format!("{local}/{}@{host}", n + 1),
        None => format!("{uid}/{}", n + 1),
    }
}

/// The calendar of activities `ids` under `head`; `subscribed`: a calendar fetched again (every file the build
/// writes), not one a reader picked (see [`pick`]).
fn calendar(site: &Site, head: &Head, ids: &[ActivityId], subscribed: bool) -> String {
    let h = header(site, head);
    let mut out = h.open;
    // PUBLISH requires an ORGANIZER in every event (RFC 5546 §3.2.1), which only an address makes.
    if ids.iter().all(|&id| organiser_email(site, id).is_some()) {
        out.push_str(&h.method);
    }
    out.push_str(&h.about);
    if subscribed {
        out.push_str(&h.subscription);
    }
    let mut w = Writer { out };
    // No ORGANIZER here: RFC 5545 allows it only inside a component, so each event names its own (below).
    // The zone's rules, for the years of the timed events, when there are any.
    let years = ids.iter().filter_map(|&id| timed_years(site, id));
    let first = years.clone().map(|(first, _)| first).min();
    let last = years.map(|(_, last)| last).max();
    if let (Some(first), Some(last)) = (first, last) {
        vtimezone(&mut w, &site.config.timezone, first, last);
    }
    for &id in ids {
        events(&mut w, site, id);
    }
    w.out.push_str(CLOSE);
    w.out
}

/// The calendar's last line.
const CLOSE: &str = "END:VCALENDAR\r\n";

/// The lines of a calendar before its zone, in the pieces a calendar picked in the browser is put together from
/// (see [`pick`]).
struct Header {
    /// `BEGIN` to `CALSCALE`.
    open: String,
    /// `METHOD:PUBLISH`, said only when every event names its organiser.
    method: String,
    /// Its name, zone and page.
    about: String,
    /// How often to fetch it again, and from where: for a calendar that is fetched again, not for a picked one.
    subscription: String,
}

fn header(site: &Site, head: &Head) -> Header {
    let mut w = Writer::default();
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    // No version number: a new almanac release must not change every calendar file.
    w.raw("PRODID", "-//almanac//almanac calendar//ZH");
    w.raw("CALSCALE", "GREGORIAN");
    let open = std::mem::take(&mut w.out);
    w.raw("METHOD", "PUBLISH");
    let method = std::mem::take(&mut w.out);
    // The name twice: RFC 7986's NAME, and X-WR-CALNAME, which Apple, Google and Outlook read.
    w.text("NAME", &head.name);
    w.text("X-WR-CALNAME", &head.name);
    w.text("X-WR-TIMEZONE", site.config.timezone.name());
    // Absolute addresses only (RFC 7986 §5.5, §5.8): the page showing these activities, and where the file is
    // fetched again. Without a base_url there is none to give.
    let base = site.config.base_url();
    if let Some(base) = base {
        w.raw("URL", &urls::absolute(base, &head.page));
    }
    let about = std::mem::take(&mut w.out);
    w.raw("REFRESH-INTERVAL;VALUE=DURATION", REFRESH);
    w.raw("X-PUBLISHED-TTL", REFRESH);
    if let Some(base) = base {
        w.raw("SOURCE;VALUE=URI", &urls::absolute(base, &head.file));
    }
    Header { open, method, about, subscription: w.out }
}

/// The first and last day of activity `id`'s timed events (its own and its milestones'), when it has any: the
/// years its calendar's zone must describe.
fn timed_years(site: &Site, id: ActivityId) -> Option<(NaiveDate, NaiveDate)> {
    let a = site.get(id).1;
    let timed =
        std::iter::once(&a.when).chain(a.milestones.iter().map(|m| &m.when)).filter(|w| w.starts_at().is_some());
    let first = timed.clone().map(|w| w.start).min()?;
    let last = timed.map(|w| w.end).max()?;
    Some((first, last))
}

/// The zone's rules from the start of `first`'s year to the end of `last`'s.
fn vtimezone(w: &mut Writer, zone: &Zone, first: NaiveDate, last: NaiveDate) {
    let from = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    let until = NaiveDate::from_ymd_opt(last.year(), 12, 31).unwrap_or(last);
    w.out.push_str(&zone_open(zone));
    for o in zone.observances(from, until) {
        w.out.push_str(&observance(&o));
    }
    w.out.push_str(ZONE_CLOSE);
}

const ZONE_CLOSE: &str = "END:VTIMEZONE\r\n";

fn zone_open(zone: &Zone) -> String {
    let mut w = Writer::default();
    w.raw("BEGIN", "VTIMEZONE");
    w.text("TZID", zone.name());
    w.out
}

/// One rule of a zone: a `STANDARD` or `DAYLIGHT` component.
fn observance(o: &Observance) -> String {
    let mut w = Writer::default();
    let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
    w.raw("BEGIN", kind);
    w.raw("DTSTART", &o.start.format("%Y%m%dT%H%M%S").to_string());
    w.raw("TZOFFSETFROM", &offset(o.from, false));
    w.raw("TZOFFSETTO", &offset(o.to, false));
    if !o.name.is_empty() {
        w.text("TZNAME", &o.name);
    }
    w.raw("END", kind);
    w.out
}

/// What a calendar needs to replace an event it already has rather than keep the old one (RFC 5545 §3.8.7.4,
/// §3.8.1.11): the same UID, a `SEQUENCE` one higher with each recorded change, `LAST-MODIFIED` the day of the
/// last one, and a `STATUS` when the activity is cancelled (`CANCELLED`) or postponed without a new date
/// (`TENTATIVE`). Every event of an activity, its milestones too, carries its activity's.
fn revision(w: &mut Writer, a: &Activity, stamp: &str) {
    match a.status() {
        Status::Cancelled => w.raw("STATUS", "CANCELLED"),
        Status::Postponed => w.raw("STATUS", "TENTATIVE"),
        Status::Scheduled | Status::Rescheduled => {}
    }
    w.raw("SEQUENCE", &a.sequence().to_string());
    w.raw("LAST-MODIFIED", stamp);
}

/// The title as calendars show it: a cancelled or postponed activity says so first, since not every calendar
/// app shows `STATUS`.
pub(crate) fn title(a: &Activity, w: &Words) -> String {
    let e = &w.described_event;
    match a.status() {
        Status::Cancelled => Words::fill(&e.cancelled, &[("title", &a.title)]),
        Status::Postponed => Words::fill(&e.postponed, &[("title", &a.title)]),
        Status::Scheduled | Status::Rescheduled => a.title.clone(),
    }
}

/// What every event of one activity says besides its dates.
struct Common<'a> {
    stamp: String,
    page: Option<String>,
    /// `ORGANIZER` with its parameters, and its address.
    organizer: Option<(String, String)>,
    activity: &'a Activity,
}

fn events(w: &mut Writer, site: &Site, id: ActivityId) {
    let (s, a) = site.get(id);
    let stamp = format!("{}T000000Z", site.updated(id).format("%Y%m%d"));
    let page = site.config.base_url().map(|b| urls::absolute(b, &urls::activity(&s.slug, &a.slug)));
    let common = Common { stamp, page, organizer: organizer(site, id), activity: a };
    let activity_uid = uid(site, id, None);
    let zone = &site.config.timezone;
    let words = &site.words;
    let e = &words.described_event;
    let title = title(a, words);
    let description = describe(s, a, words);
    let tags = (!a.tags.is_empty()).then(|| a.tags.iter().map(|t| escape(t)).collect::<Vec<_>>().join(","));
    event(w, &common, &a.when, zone, &activity_uid, |w| {
        w.text("SUMMARY", &title);
        w.text("DESCRIPTION", &description);
        if let Some(place) = &a.place {
            w.text("LOCATION", place);
        }
        if let Some(tags) = &tags {
            w.raw("CATEGORIES", tags);
        }
    });

    for (i, m) in a.milestones.iter().enumerate() {
        let mut lines = vec![
            Words::fill(&e.milestone_time, &[("text", &m.when_text)]),
            Words::fill(&e.reading, &[("dates", &dates::words(&m.when, words))]),
        ];
        lines.extend(approximate(&m.when, words));
        // The activity by its title: its dates and place are its own event's (RELATED-TO), said once there.
        lines.push(Words::fill(&e.milestone_of, &[("title", &a.title)]));
        lines.extend(a.change_notice(s.year, words));
        lines.push(may_change(s, words));
        let description = lines.join("\n");
        let summary = Words::fill(&e.milestone, &[("title", &title), ("label", &m.label)]);
        event(w, &common, &m.when, zone, &uid(site, id, Some(i)), |w| {
            w.text("SUMMARY", &summary);
            w.text("DESCRIPTION", &description);
            if let Some(place) = &a.place {
                w.text("LOCATION", place);
            }
            w.raw("RELATED-TO", &activity_uid);
        });
    }
}

/// The events of one `when`: one for a single range, one per [`Series`] for a list of dates, each with what
/// `say` writes (summary, description, place) and the activity's revision, organiser and page.
fn event(w: &mut Writer, common: &Common, when: &When, zone: &Zone, uid: &str, say: impl Fn(&mut Writer)) {
    let list = series::of(&when.list);
    let single = when.list.is_empty().then(|| when.occurrences().next()).flatten();
    let count = if single.is_some() { 1 } else { list.len() };
    for n in 0..count {
        w.raw("BEGIN", "VEVENT");
        w.raw("UID", &nth_uid(uid, n));
        w.raw("DTSTAMP", &common.stamp);
        revision(w, common.activity, &common.stamp);
        match (&single, list.get(n)) {
            (Some(o), _) => dates(w, o, zone),
            (None, Some(series)) => series_dates(w, series, zone),
            (None, None) => {}
        }
        say(w);
        if let Some((name, address)) = &common.organizer {
            w.raw(name, address);
        }
        if let Some(url) = &common.page {
            w.raw("URL", url);
        }
        // A schedule's dates say when things happen, not that the reader is busy.
        w.raw("TRANSP", "TRANSPARENT");
        w.raw("END", "VEVENT");
    }
}

/// The `ORGANIZER` property (`ORGANIZER;CN=…`) and its `mailto:` value, when the organiser has an address: the
/// name is [`organiser`]'s, the one rule for who organises an activity. A name alone makes none: ORGANIZER's
/// value is a cal-address, a URI (RFC 5545 §3.8.4.3), and the site knows no other URI for its organisers
/// (a made-up one is an address a client might write to); the name stays on the activity's page and in its
/// JSON-LD.
fn organizer(site: &Site, id: ActivityId) -> Option<(String, String)> {
    let mailto = organiser_email(site, id)?.mailto();
    let property = match organiser(site, id) {
        Some(name) => format!("ORGANIZER;CN={}", param(name)),
        None => "ORGANIZER".to_string(),
    };
    Some((property, mailto))
}

/// A list's event: its first date, the length every instance has, and its other dates (RFC 5545 §3.8.5.2: the
/// same value type as `DTSTART`, a `DATE` list for all-day events, local times in the same zone for timed ones).
fn series_dates(w: &mut Writer, series: &Series, zone: &Zone) {
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let local = |at: NaiveDateTime| at.format("%Y%m%dT%H%M%S").to_string();
    let tzid = format!("TZID={}", param(zone.name()));
    let value = |s: &Start| match s {
        Start::Day(d) => day(*d),
        Start::At(t) => local(*t),
    };
    let Some((first, rest)) = series.starts.split_first() else { return };
    let (kind, end) = match (series.shape, first) {
        (Shape::AllDay(days), Start::Day(d)) => {
            ("VALUE=DATE", u64::try_from(days).ok().and_then(|n| d.checked_add_days(chrono::Days::new(n))).map(day))
        }
        (Shape::Timed(length), Start::At(t)) => {
            (tzid.as_str(), length.and_then(|l| t.checked_add_signed(l)).map(local))
        }
        _ => return,
    };
    w.raw(&format!("DTSTART;{kind}"), &value(first));
    if let Some(end) = end {
        w.raw(&format!("DTEND;{kind}"), &end);
    }
    if !rest.is_empty() {
        w.raw(&format!("RDATE;{kind}"), &rest.iter().map(value).collect::<Vec<_>>().join(","));
    }
}

/// The dates of one occurrence: all-day (`DTEND` is the day after the last day, exclusive, RFC 5545 §3.6.1),
/// or at its times in the site's zone.
fn dates(w: &mut Writer, o: &Occurrence, zone: &Zone) {
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    let Some(time) = o.time else {
        w.raw("DTSTART;VALUE=DATE", &day(o.start));
        w.raw("DTEND;VALUE=DATE", &day(o.end.succ_opt().unwrap_or(o.end)));
        return;
    };
    let local = |at: NaiveDateTime| at.format("%Y%m%dT%H%M%S").to_string();
    let tzid = format!("TZID={}", param(zone.name()));
    w.raw(&format!("DTSTART;{tzid}"), &local(o.start.and_time(time.start)));
    let days = (o.end - o.start).num_days() + 1;
    if time.daily && days > 1 {
        // The same hours on each day: the first day's event, repeated.
        if let Some(end) = time.end {
            w.raw(&format!("DTEND;{tzid}"), &local(o.start.and_time(end)));
        }
        w.raw("RRULE", &format!("FREQ=DAILY;COUNT={days}"));
    } else if let Some(end) = time.end {
        w.raw(&format!("DTEND;{tzid}"), &local(o.end.and_time(end)));
    } else if days > 1 {
        // From a time on the first day to some time on the last: the end of the last day.
        let after = o.end.succ_opt().unwrap_or(o.end);
        w.raw(&format!("DTEND;{tzid}"), &local(after.and_time(NaiveTime::MIN)));
    }
    // A start time alone on one day: no DTEND, the event is at that time.
}

/// What changed first, when anything did; then the published text, its reading, how exact it is, the schedule's
/// caveat and the content.
fn describe(s: &Schedule, a: &Activity, w: &Words) -> String {
    let e = &w.described_event;
    let mut lines = a.change_notice(s.year, w);
    lines.push(Words::fill(&e.published, &[("text", &a.published())]));
    lines.push(Words::fill(&e.reading, &[("dates", &dates::words(&a.when, w))]));
    lines.extend(approximate(&a.when, w));
    lines.push(may_change(s, w));
    let body = &a.body_text;
    if !body.is_empty() {
        lines.push(String::new());
        lines.push(body.clone());
    }
    lines.join("\n")
}

/// For a range known only to the 旬, month or year: a sentence saying the calendar dates are a reading.
pub(crate) fn approximate(when: &When, w: &Words) -> Option<String> {
    let e = &w.described_event;
    match when.precision() {
        Precision::Time | Precision::Day => None,
        Precision::Dekad => Some(e.approximate_dekad.clone()),
        Precision::Month => Some(e.approximate_month.clone()),
        Precision::Year => Some(e.approximate_year.clone()),
    }
}

fn may_change(s: &Schedule, w: &Words) -> String {
    match &s.note {
        Some(note) => Words::fill(&w.described_event.schedule_note, &[("note", note)]),
        None => w.described_event.may_change.clone(),
    }
}

#[cfg(test)]
mod tests;
