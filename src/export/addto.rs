//! "Add to calendar" links of an activity page: plain links that open Google Calendar's and Outlook's new-event
//! forms with the activity's title, dates, place and description filled in. Nothing is loaded until the reader
//! follows one; the activity's own `.ics` is beside them on the page.
//!
//! These forms take one range of dates, exact to the day. So an activity gets them only when its dates are one
//! range known to the day or the minute; otherwise the page offers only the `.ics` and says why ([`Why`]):
//! - dates known only to the 旬, month or year: a form would have to name days the schedule never gave, and the
//!   reader's calendar would show them as fact. The `.ics` event spans the whole 旬 or month and its
//!   description says that the days are a reading, which the form's short fields would lose.
//! - several dates (a list, or hours on each day of a range): the forms take one range, the `.ics` holds all.
//! - cancelled or postponed: there is nothing to add until a date is set.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::content::changes::Status;
use crate::content::dates::{self, Precision};
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;
use crate::zone::Zone;

const GOOGLE: &str = "https://calendar.google.com/calendar/render";
const OUTLOOK: &str = "https://outlook.live.com/calendar/0/deeplink/compose";

/// The links an activity page offers, or why it offers only the `.ics`.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AddTo {
    Links { google: String, outlook: String },
    Only { why: Why },
}

/// Why an activity gets no links to web calendars (the template says it in words).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Why {
    /// Known only to the 旬, month or year.
    Approximate,
    /// A list of dates, or hours on each day of a range.
    Several,
    /// Cancelled, or postponed without a new date.
    NotOn,
}

/// The start and end of one range: whole days (the end exclusive, as calendars count them), or local times.
enum Span {
    Days(NaiveDate, NaiveDate),
    Times(NaiveDateTime, NaiveDateTime),
}

/// What activity `id`'s page offers besides its `.ics`.
pub(crate) fn add_to(site: &Site, id: ActivityId) -> AddTo {
    let (s, a) = site.get(id);
    if !matches!(a.status(), Status::Scheduled | Status::Rescheduled) {
        return AddTo::Only { why: Why::NotOn };
    }
    if !matches!(a.when.precision(), Precision::Time | Precision::Day) {
        return AddTo::Only { why: Why::Approximate };
    }
    let mut occurrences = a.when.occurrences();
    let (Some(o), None) = (occurrences.next(), occurrences.next()) else {
        return AddTo::Only { why: Why::Several };
    };
    let after = |d: NaiveDate| d.succ_opt().unwrap_or(d);
    let span = match o.time {
        None => Span::Days(o.start, after(o.end)),
        Some(t) if t.daily && o.end > o.start => return AddTo::Only { why: Why::Several },
        Some(t) => {
            let start = o.start.and_time(t.start);
            // As in the .ics: to the end time on the last day; a start alone on one day is at that time; from a
            // time on the first day to the end of the last.
            let end = match t.end {
                Some(end) => o.end.and_time(end),
                None if o.end == o.start => start,
                None => after(o.end).and_time(NaiveTime::MIN),
            };
            Span::Times(start, end)
        }
    };
    let w = &site.words;
    let title = super::ics::title(a, w);
    let mut details = vec![
        Words::fill(&w.described_event.published, &[("text", &a.published())]),
        Words::fill(&w.described_event.reading, &[("dates", &dates::words(&a.when, w))]),
    ];
    if let Some(base) = site.config.base_url() {
        details.push(urls::absolute(base, &urls::activity(&s.slug, &a.slug)));
    }
    let details = details.join("\n");
    let place = a.place.as_deref();
    AddTo::Links {
        google: google(&title, &span, &site.config.timezone, &details, place),
        outlook: outlook(&title, &span, &site.config.timezone, &details, place),
    }
}

/// Google Calendar's event template: `dates` as `start/end`, all-day as dates, timed as local times read in
/// `ctz`.
fn google(title: &str, span: &Span, zone: &Zone, details: &str, place: Option<&str>) -> String {
    let mut q = Query::new(GOOGLE);
    q.add("action", "TEMPLATE").add("text", title);
    match span {
        Span::Days(start, end) => q.add("dates", &format!("{}/{}", start.format("%Y%m%d"), end.format("%Y%m%d"))),
        Span::Times(start, end) => {
            let local = |t: &NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
            q.add("dates", &format!("{}/{}", local(start), local(end))).add("ctz", zone.name())
        }
    };
    q.add("details", details);
    if let Some(place) = place {
        q.add("location", place);
    }
    q.out
}

/// Outlook's compose deep link: all-day as dates with `allday=true` (the end the day after the last, as in
/// iCalendar), timed in UTC (`Z`), the one form of time its undocumented parameters are known to read right
/// whatever the reader's own zone.
fn outlook(title: &str, span: &Span, zone: &Zone, details: &str, place: Option<&str>) -> String {
    let mut q = Query::new(OUTLOOK);
    q.add("path", "/calendar/action/compose").add("rru", "addevent").add("subject", title);
    match span {
        Span::Days(start, end) => {
            q.add("startdt", &start.to_string()).add("enddt", &end.to_string()).add("allday", "true")
        }
        Span::Times(start, end) => {
            let utc = |at: &NaiveDateTime| {
                let utc = *at - chrono::TimeDelta::seconds(i64::from(zone.offset_at(*at)));
                utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            };
            q.add("startdt", &utc(start)).add("enddt", &utc(end)).add("allday", "false")
        }
    };
    q.add("body", details);
    if let Some(place) = place {
        q.add("location", place);
    }
    q.out
}

/// A URL with a query, each value percent-encoded as UTF-8 (RFC 3986: only unreserved characters stay).
struct Query {
    out: String,
    first: bool,
}

impl Query {
    fn new(base: &str) -> Self {
        Query { out: base.to_string(), first: true }
    }

    fn add(&mut self, key: &str, value: &str) -> &mut Self {
        self.out.push(if self.first { '?' } else { '&' });
        self.first = false;
        self.out.push_str(key);
        self.out.push('=');
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                self.out.push(b as char);
            } else {
                self.out.push_str(&format!("%{b:02X}"));
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::site_of;

    /// The query of `url` as (key, decoded value) pairs, read back with the `url` crate's parser.
    fn query(link: &str) -> Vec<(String, String)> {
        url::Url::parse(link).unwrap().query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
    }

    fn get<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
        q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn links(when: &str, place: Option<&str>) -> AddTo {
        let site = site_of(Some("https://example.org/cq"), &[("a", when, place, "")]);
        add_to(&site, ActivityId { schedule: 0, activity: 0 })
    }

    #[test]
    fn exact_dates_fill_both_forms_all_day_or_timed() {
        // (when, Google's dates, its ctz, Outlook's start, end, allday)
        for (when, dates, ctz, start, end, allday) in [
            ("9月18日-22日", "20230918/20230923", None, "2023-09-18", "2023-09-23", "true"),
            ("9月18日", "20230918/20230919", None, "2023-09-18", "2023-09-19", "true"),
            (
                "9月27日14:30-16:30",
                "20230927T143000/20230927T163000",
                Some("Asia/Shanghai"),
                "2023-09-27T06:30:00Z",
                "2023-09-27T08:30:00Z",
                "false",
            ),
            (
                "10月31日下午13:30",
                "20231031T133000/20231031T133000",
                Some("Asia/Shanghai"),
                "2023-10-31T05:30:00Z",
                "2023-10-31T05:30:00Z",
                "false",
            ),
            (
                "12月20日9:00至22日17:00",
                "20231220T090000/20231222T170000",
                Some("Asia/Shanghai"),
                "2023-12-20T01:00:00Z",
                "2023-12-22T09:00:00Z",
                "false",
            ),
        ] {
            let AddTo::Links { google, outlook } = links(when, Some("北京，会议中心 A&B")) else {
                panic!("{when}: no links")
            };
            assert!(google.starts_with(GOOGLE) && outlook.starts_with(OUTLOOK), "{when}");
            let g = query(&google);
            assert_eq!(get(&g, "action"), Some("TEMPLATE"));
            assert_eq!(get(&g, "text"), Some("活动a"));
            assert_eq!(get(&g, "dates"), Some(dates), "{when}");
            assert_eq!(get(&g, "ctz"), ctz, "{when}");
            assert_eq!(get(&g, "location"), Some("北京，会议中心 A&B"), "the place survives encoding");
            let details = get(&g, "details").unwrap();
            assert!(details.contains(when) && details.contains("https://example.org/cq/s/a.html"), "{details}");
            let o = query(&outlook);
            assert_eq!(get(&o, "rru"), Some("addevent"));
            assert_eq!(get(&o, "subject"), Some("活动a"));
            assert_eq!(
                (get(&o, "startdt"), get(&o, "enddt"), get(&o, "allday")),
                (Some(start), Some(end), Some(allday))
            );
            assert_eq!(get(&o, "body"), Some(details));
            assert!(!google.contains([' ', '\n']) && !outlook.contains([' ', '\n']), "{when}: encoded");
        }
    }

    #[test]
    fn dates_not_known_to_the_day_or_several_dates_get_only_the_ics() {
        for (when, why) in [
            ("8月下旬", Why::Approximate),
            ("9月", Why::Approximate),
            ("全年", Why::Approximate),
            ("9月中旬-9月25日", Why::Approximate),
            ("10月1日、3日", Why::Several),
            ("10月8日-12日 每天9:00-11:00", Why::Several),
        ] {
            assert_eq!(links(when, None), AddTo::Only { why }, "{when}");
        }
    }

    #[test]
    fn a_cancelled_activity_gets_no_links() {
        let mut site = site_of(None, &[("a", "9月18日", None, "")]);
        std::sync::Arc::make_mut(&mut site.schedules[0]).activities[0].status_written = Some(Status::Cancelled);
        assert_eq!(add_to(&site, ActivityId { schedule: 0, activity: 0 }), AddTo::Only { why: Why::NotOn });
    }
}
