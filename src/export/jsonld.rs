//! Schema.org `Event` JSON-LD for an activity page, meeting Google's requirements for an event (name,
//! `startDate`, `location`) on every activity, from what the schedule publishes and nothing more:
//!
//! - `eventStatus` follows the activity's status (see [`crate::content::changes`]): scheduled, postponed (its
//!   dates are the ones it had), cancelled, or rescheduled with `previousStartDate`, the start before each move;
//! - the dates are the read range: true bounds at whatever precision the text has, and the description says
//!   when they are only a 旬, month or year; a written time is a timestamp with the site's UTC offset, hours
//!   kept on each day of a range add an `eventSchedule`, and a list of dates is one `Event` per date;
//! - `location` and `eventAttendanceMode` follow the activity's one 参加方式 ([`Mode`]): 在线 is a
//!   `VirtualLocation` (its page as `url`, with a `base_url`), 现场 a `Place` whose address is the published place,
//!   待定 a `Place` named by the published words whose address is 地点待定.

use serde::Serialize;

use super::ics::approximate;
use crate::content::changes::Status;
use crate::content::mode::Mode;
use crate::site::{ActivityId, Site};
use crate::urls;

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: String,
    #[serde(rename = "endDate")]
    end_date: String,
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
}

#[derive(Serialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// schema.org's `eventStatus` of each status: a postponed event keeps its old dates, as Google asks, until a new
/// one is known.
pub fn event_status(status: Status) -> &'static str {
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
}

/// What a schedule without a place says of it.
const NO_PLACE: &str = "地点待定";

/// The JSON-LD object for activity `id`, ready to sit inside `<script type="application/ld+json">`.
pub fn event(site: &Site, id: ActivityId) -> String {
    let (s, a) = site.get(id);
    let page = site.config.base_url().map(|b| urls::absolute(b, &urls::activity(&s.slug, &a.slug)));
    let place = a.place.as_deref().unwrap_or(NO_PLACE);
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
        Mode::Undecided => (Location::Place { name: place, address: NO_PLACE }, None),
    };
    let mut description = a.change_notice(s.year);
    description.push(format!("时间地点：{}", a.published()));
    description.extend(approximate(&a.when));
    if !a.body_text.is_empty() {
        description.push(a.body_text.clone());
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
    let events: Vec<Event> = a
        .when
        .occurrences()
        .map(|o| {
            let start = o.starts_at().map_or_else(|| o.start.to_string(), |t| zone.rfc3339(t));
            let daily = o.time.filter(|t| t.daily && o.start != o.end);
            // Daily hours end on the last day at the end time; a start time alone ends with its day.
            let end = o.ends_at().map_or_else(|| o.end.to_string(), |t| zone.rfc3339(t));
            Event {
                context: "https://schema.org",
                kind: "Event",
                name: &a.title,
                start_date: start,
                end_date: end,
                event_status: event_status(status),
                previous_start: previous_start.clone(),
                attendance,
                location: location.clone(),
                // The activity's own 主办 first: a schedule often lists activities other bodies organise.
                organizer: a
                    .organiser
                    .as_deref()
                    .or(s.organiser.as_deref())
                    .map(|name| Organization { kind: "Organization", name }),
                description: description.clone(),
                url: page.clone(),
                schedule: daily.map(|t| Schedule {
                    kind: "Schedule",
                    start_date: o.start.to_string(),
                    end_date: o.end.to_string(),
                    start_time: t.start.format("%H:%M:%S").to_string(),
                    end_time: t.end.map(|e| e.format("%H:%M:%S").to_string()),
                    repeat_frequency: "P1D",
                    timezone: zone.name().to_string(),
                }),
            }
        })
        .collect();
    let json = match events.as_slice() {
        [one] => serde_json::to_string(one),
        many => serde_json::to_string(many),
    };
    script_safe(&json.unwrap_or_default())
}

/// JSON that cannot end its `<script>` element or open a comment: `<`, `>` and `&` only occur inside JSON
/// strings, where their `\u` escapes mean the same.
pub fn script_safe(json: &str) -> String {
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
    fn script_safe_json_still_parses() {
        let text = script_safe(&serde_json::to_string(&serde_json::json!({"a": "</script><!-- & >"})).unwrap());
        assert!(!text.contains('<') && !text.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!-- & >");
    }
}
