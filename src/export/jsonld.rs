//! Schema.org `Event` JSON-LD for an activity page, meeting Google's requirements for an event (name,
//! `startDate`, `location`) on every activity, from what the schedule publishes and nothing more:
//!
//! - `eventStatus` follows the activity's status (see [`crate::content::changes`]): scheduled, postponed (its
//!   dates are the ones it had), cancelled, or rescheduled with `previousStartDate`, the start before each move;
//! - the dates are the read range: true bounds at whatever precision the text has, and the description says
//!   when they are only a 旬, month or year; a written time is a timestamp with the site's UTC offset (a start
//!   time alone on one day has no `endDate`, as its calendar event has no `DTEND`), hours kept on each day of a
//!   range add an `eventSchedule`, and a list of dates is one `Event` over all of them whose `subEvent`s are its
//!   dates, each no more than its dates (the text, said once, is the parent's);
//! - `location` and `eventAttendanceMode` follow the activity's one 参加方式 ([`Mode`]): 在线 is a
//!   `VirtualLocation` (its page as `url`, with a `base_url`), 现场 a `Place` whose address is the published place,
//!   待定 a `Place` named by the published words whose address is 地点待定.

use serde::Serialize;

use super::ics::approximate;
use super::{organiser, organiser_email};
use crate::content::changes::Status;
use crate::content::dates::Occurrence;
use crate::content::mode::Mode;
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: String,
    /// None for a start time alone on one day: the event is at that time, as in the calendar files (a date-only
    /// end would come before the timed start).
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "eventStatus")]
    event_status: &'static str,
    /// For a rescheduled event: where it started before each move, oldest first (one, or a list).
    #[serde(rename = "previousStartDate", skip_serializing_if = "Option::is_none")]
    previous_start: Option<OneOrMany>,
    #[serde(rename = "eventAttendanceMode", skip_serializing_if = "Option::is_none")]
    attendance: Option<&'static str>,
    location: Location<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<Organization<'a>>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "eventSchedule", skip_serializing_if = "Option::is_none")]
    schedule: Option<Schedule>,
    /// Each date of a list of dates.
    #[serde(rename = "subEvent", skip_serializing_if = "Vec::is_empty")]
    sub_events: Vec<SubEvent>,
}

/// One date of a list: only its dates, so a long list costs a few bytes a date.
#[derive(Serialize)]
struct SubEvent {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "startDate")]
    start_date: String,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "eventSchedule", skip_serializing_if = "Option::is_none")]
    schedule: Option<Schedule>,
}

#[derive(Serialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// schema.org's `eventStatus` of each status: a postponed event keeps its old dates, as Google asks, until a new
/// one is known.
pub(crate) fn event_status(status: Status) -> &'static str {
    match status {
        Status::Scheduled => "https://schema.org/EventScheduled",
        Status::Postponed => "https://schema.org/EventPostponed",
        Status::Cancelled => "https://schema.org/EventCancelled",
        Status::Rescheduled => "https://schema.org/EventRescheduled",
    }
}

/// Hours kept on each day of a range: schema.org's `Schedule`.
#[derive(Serialize)]
struct Schedule {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "startDate")]
    start_date: String,
    #[serde(rename = "endDate")]
    end_date: String,
    #[serde(rename = "startTime")]
    start_time: String,
    #[serde(rename = "endTime", skip_serializing_if = "Option::is_none")]
    end_time: Option<String>,
    #[serde(rename = "repeatFrequency")]
    repeat_frequency: &'static str,
    #[serde(rename = "scheduleTimezone")]
    timezone: String,
}

#[derive(Serialize, Clone)]
#[serde(tag = "@type")]
enum Location<'a> {
    Place {
        name: &'a str,
        address: &'a str,
    },
    VirtualLocation {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
}

#[derive(Serialize, Clone)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

/// Characters of the body a description keeps: search engines show a line or two of it.
const DESCRIPTION_CHARS: usize = 160;

/// The JSON-LD object for activity `id`, ready to sit inside `<script type="application/ld+json">`.
pub(crate) fn event(site: &Site, id: ActivityId) -> String {
    let (s, a) = site.get(id);
    let page = site.config.base_url().map(|b| urls::absolute(b, &urls::activity(&s.slug, &a.slug)));
    let w = &site.words;
    // What an activity without a place says of it.
    let no_place = w.described_event.no_place.as_str();
    let place = a.place.as_deref().unwrap_or(no_place);
    let (location, attendance) = match a.mode {
        Mode::Online => (
            Location::VirtualLocation { name: place, url: page.clone() },
            Some("https://schema.org/OnlineEventAttendanceMode"),
        ),
        Mode::OnSite => {
            (Location::Place { name: place, address: place }, Some("https://schema.org/OfflineEventAttendanceMode"))
        }
        // Not yet known (地点待定, or a procedure such as 公开征集): the published words name it, the address says
        // it is to be decided, and no attendance mode is claimed.
        Mode::Undecided => (Location::Place { name: place, address: no_place }, None),
    };
    let mut description = a.change_notice(s.year, w);
    description.push(Words::fill(&w.described_event.published, &[("text", &a.published())]));
    description.extend(approximate(&a.when, w));
    // A summary of the body: the page carries the whole text once, in its prose (README "Each thing said once").
    if !a.body_text.is_empty() {
        description.push(crate::markdown::summary(&a.body_text, DESCRIPTION_CHARS));
    }
    let description = description.join("\n");
    let zone = &site.config.timezone;
    let status = a.status();
    // Each earlier start: the date, or the time with its offset where the text gave one.
    let previous: Vec<String> =
        a.previous_whens().map(|w| w.starts_at().map_or_else(|| w.start.to_string(), |t| zone.rfc3339(t))).collect();
    let previous_start = match (status, previous.len()) {
        (Status::Rescheduled, 1) => previous.first().cloned().map(OneOrMany::One),
        (Status::Rescheduled, 2..) => Some(OneOrMany::Many(previous)),
        _ => None,
    };
    // Its dates: when, from and to, and the hours kept on each day of a range.
    let dates = |o: &Occurrence| {
        let start = o.starts_at().map_or_else(|| o.start.to_string(), |t| zone.rfc3339(t));
        // Daily hours end on the last day at the end time; a start time alone before a later day ends with
        // that day, and one alone on its day has no end.
        let moment = o.time.is_some_and(|t| t.end.is_none()) && o.start == o.end;
        let end = match o.ends_at() {
            Some(t) => Some(zone.rfc3339(t)),
            None => (!moment).then(|| o.end.to_string()),
        };
        let daily = o.time.filter(|t| t.daily && o.start != o.end);
        let schedule = daily.map(|t| Schedule {
            kind: "Schedule",
            start_date: o.start.to_string(),
            end_date: o.end.to_string(),
            start_time: t.start.format("%H:%M:%S").to_string(),
            end_time: t.end.map(|e| e.format("%H:%M:%S").to_string()),
            repeat_frequency: "P1D",
            timezone: zone.name().to_string(),
        });
        (start, end, schedule)
    };
    let occurrences: Vec<Occurrence> = a.when.occurrences().collect();
    let (first, last) = match (occurrences.first(), occurrences.last()) {
        (Some(first), Some(last)) => (dates(first), dates(last)),
        _ => return String::new(),
    };
    let sub_events = match occurrences.as_slice() {
        [_] => Vec::new(),
        all => all
            .iter()
            .map(|o| {
                let (start_date, end_date, schedule) = dates(o);
                SubEvent { kind: "Event", start_date, end_date, schedule }
            })
            .collect(),
    };
    let event = Event {
        context: "https://schema.org",
        kind: "Event",
        name: &a.title,
        start_date: first.0,
        end_date: last.1,
        event_status: event_status(status),
        previous_start,
        attendance,
        location,
        organizer: organiser(site, id).map(|name| Organization {
            kind: "Organization",
            name,
            email: organiser_email(site, id).map(|e| e.as_str()),
        }),
        description,
        url: page,
        // A single range's daily hours; a list's are its dates'.
        schedule: if sub_events.is_empty() { first.2 } else { None },
        sub_events,
    };
    script_safe(&serde_json::to_string(&event).unwrap_or_default())
}

/// JSON that cannot end its `<script>` element or open a comment: `<`, `>` and `&` only occur inside JSON
/// strings, where their `\u` escapes mean the same.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_meets_googles_event_requirements() {
        let site = crate::site::tests::site_of(
            Some("https://example.org/cal/"),
            &[
                ("a", "8月下旬", Some("在线观看"), ""),
                ("b", "9月18日-22日", Some("地点待定"), ""),
                ("c", "9月", None, "开展宣贯。"),
                ("d", "全年，按报名预约时间安排", None, ""),
                ("e", "9月", Some("北京（直播）"), ""),
                ("f", "9月21日-22日", Some("新加坡"), ""),
            ],
        );
        let events: Vec<serde_json::Value> =
            site.activity_ids().map(|id| serde_json::from_str(&event(&site, id)).unwrap()).collect();
        for e in &events {
            assert!(e["name"].is_string() && e["startDate"].is_string() && e["endDate"].is_string(), "{e}");
            match e["location"]["@type"].as_str() {
                Some("Place") => assert!(e["location"]["address"].is_string(), "{e}"),
                Some("VirtualLocation") => assert!(e["location"]["url"].is_string(), "{e}"),
                _ => panic!("no location: {e}"),
            }
        }
        let types: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e["location"]["@type"].as_str().unwrap(), e["eventAttendanceMode"].as_str().unwrap_or("-")))
            .collect();
        let online = ("VirtualLocation", "https://schema.org/OnlineEventAttendanceMode");
        let offline = ("Place", "https://schema.org/OfflineEventAttendanceMode");
        assert_eq!(types, [online, ("Place", "-"), ("Place", "-"), ("Place", "-"), online, offline]);
        assert_eq!(events[2]["location"]["address"], "地点待定");
        assert_eq!(events[3]["startDate"], "2023-01-01");
        assert!(events[3]["description"].as_str().unwrap().contains("只精确到年"), "{}", events[3]);
    }

    #[test]
    fn a_list_of_dates_is_one_event_with_its_dates_as_sub_events() {
        let mut site =
            crate::site::tests::site_of(None, &[("a", "10月1日、3日 9:00-11:00、5日", Some("北京"), "正文")]);
        std::sync::Arc::make_mut(&mut site.schedules[0]).organiser = Some("中国质量协会".into());
        site.config.email = crate::config::Email::parse("cal@example.org").ok();
        let id = site.activity_ids().next().unwrap();
        let e: serde_json::Value = serde_json::from_str(&event(&site, id)).unwrap();
        assert_eq!(
            (e["@type"].as_str(), e["startDate"].as_str(), e["endDate"].as_str()),
            (Some("Event"), Some("2023-10-01"), Some("2023-10-05"))
        );
        let subs: Vec<(&str, &str)> = e["subEvent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["startDate"].as_str().unwrap(), s["endDate"].as_str().unwrap()))
            .collect();
        assert_eq!(
            subs,
            [
                ("2023-10-01", "2023-10-01"),
                ("2023-10-03T09:00:00+08:00", "2023-10-03T11:00:00+08:00"),
                ("2023-10-05", "2023-10-05")
            ]
        );
        assert_eq!(e["subEvent"][0].as_object().unwrap().len(), 3, "a date and nothing else: {e}");
        assert_eq!(
            e["organizer"],
            serde_json::json!({"@type": "Organization", "name": "中国质量协会", "email": "cal@example.org"})
        );
    }

    #[test]
    fn script_safe_json_still_parses() {
        let text = script_safe(&serde_json::to_string(&serde_json::json!({"a": "</script><!-- & >"})).unwrap());
        assert!(!text.contains('<') && !text.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!-- & >");
    }
}
