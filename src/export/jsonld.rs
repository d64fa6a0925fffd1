//! Schema.org `Event` JSON-LD for an activity page. A field the published data cannot honestly fill is left
//! out, never guessed: no location for 地点待定 or for formats that are not places (公开征集, 组织专家评审), and no
//! dates for a year-round activity (全年，按报名预约时间安排 is not one event spanning the year).

use serde::Serialize;

use crate::content::dates::Precision;
use crate::markdown;
use crate::site::{ActivityId, Site};
use crate::urls;

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "eventStatus")]
    event_status: &'static str,
    #[serde(rename = "eventAttendanceMode", skip_serializing_if = "Option::is_none")]
    attendance: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Location<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// What a published `where` text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Venue {
    /// A city or region: a Place with that address.
    Place,
    /// 在线观看, 在线答题, 线上…: a VirtualLocation.
    Online,
    /// Not yet known (地点待定) or a way of taking part rather than a place (公开征集, 组织专家评审).
    Unknown,
}

/// Words that make a `where` text something other than a place.
const NOT_A_PLACE: &[&str] = &["待定", "另行通知", "征集", "评审", "申报"];

impl Venue {
    pub fn of(text: &str) -> Venue {
        let t = text.trim();
        if t.starts_with("在线") || t.starts_with("线上") || t.starts_with("网上") {
            Venue::Online
        } else if t.is_empty() || NOT_A_PLACE.iter().any(|w| t.contains(w)) {
            Venue::Unknown
        } else {
            Venue::Place
        }
    }
}

/// The JSON-LD object for activity `id`, ready to sit inside `<script type="application/ld+json">`.
pub fn event(site: &Site, id: ActivityId) -> String {
    let (s, a) = site.get(id);
    let dated = a.when.precision() != Precision::Year;
    let venue = a.place.as_deref().map(|p| (p, Venue::of(p)));
    let (location, attendance) = match venue {
        Some((p, Venue::Place)) => (
            // 全国 (nationwide) names where, but is no address.
            Some(Location { kind: "Place", name: p, address: (!p.starts_with("全国")).then_some(p) }),
            Some("https://schema.org/OfflineEventAttendanceMode"),
        ),
        Some((p, Venue::Online)) => (
            Some(Location { kind: "VirtualLocation", name: p, address: None }),
            Some("https://schema.org/OnlineEventAttendanceMode"),
        ),
        _ => (None, None),
    };
    let event = Event {
        context: "https://schema.org",
        kind: "Event",
        name: &a.title,
        start_date: dated.then(|| a.when.start.to_string()),
        end_date: dated.then(|| a.when.end.to_string()),
        event_status: "https://schema.org/EventScheduled",
        attendance,
        location,
        organizer: s.organiser.as_deref().map(|name| Organization { kind: "Organization", name }),
        description: markdown::to_plain_text(&a.body),
        url: site.config.base_url().map(|b| urls::absolute(&b, &urls::activity(&s.slug, &a.slug))),
    };
    script_safe(&serde_json::to_string(&event).unwrap_or_default())
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
    fn venues() {
        for (text, venue) in [
            ("北京", Venue::Place),
            ("内蒙古呼和浩特", Venue::Place),
            ("新加坡", Venue::Place),
            ("在线观看", Venue::Online),
            ("在线答题", Venue::Online),
            ("地点待定", Venue::Unknown),
            ("公开征集", Venue::Unknown),
            ("组织专家评审", Venue::Unknown),
        ] {
            assert_eq!(Venue::of(text), venue, "{text}");
        }
    }

    #[test]
    fn script_safe_json_still_parses() {
        let text = script_safe(&serde_json::to_string(&serde_json::json!({"a": "</script><!-- & >"})).unwrap());
        assert!(!text.contains('<') && !text.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!-- & >");
    }
}
