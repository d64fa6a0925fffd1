//! Calendars, feeds, the sitemap, JSON-LD and data files of the repository's own site, read back with parsers
//! that share no code with almanac's writers.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use common::*;

const SCHEDULE: &str = "2023-quality-month";
const BASE: &str = "https://example.org/cq/";

/// A parsed VEVENT: property name → (parameters, value).
type Event = BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

fn parse_ics(text: &str) -> (Event, Vec<Event>) {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("the calendar parses");
    assert!(parser.next().is_none(), "exactly one VCALENDAR");
    let props = |ps: &[ical::property::Property]| -> Event {
        ps.iter()
            .map(|p| (p.name.clone(), (p.params.clone().unwrap_or_default(), p.value.clone().unwrap_or_default())))
            .collect()
    };
    (props(&calendar.properties), calendar.events.iter().map(|e| props(&e.properties)).collect())
}

/// A TEXT value as written, unescaped (RFC 5545 §3.3.11).
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn value<'a>(e: &'a Event, name: &str) -> Option<&'a str> {
    e.get(name).map(|(_, v)| v.as_str())
}

fn by_summary<'a>(events: &'a [Event], summary: &str) -> &'a Event {
    events.iter().find(|e| value(e, "SUMMARY") == Some(summary)).unwrap_or_else(|| panic!("no event {summary}"))
}

fn seed_title(number: &str) -> String {
    seed().1.into_iter().find(|r| r.number == number).unwrap().title
}

#[test]
fn calendars_parse_with_the_interpreted_ranges() {
    let site = repo_site();
    let output = build(site.path());
    let (cal, events) = parse_ics(&read(&output.join(SCHEDULE).join("calendar.ics")));
    assert_eq!(value(&cal, "VERSION"), Some("2.0"));
    // The shipped site gives no address for its organiser: no ORGANIZER, so no METHOD:PUBLISH, which needs one.
    assert_eq!(value(&cal, "METHOD"), None);
    assert!(events.iter().all(|e| !e.contains_key("ORGANIZER")));
    assert_eq!(value(&cal, "CALSCALE"), Some("GREGORIAN"));
    assert_eq!(value(&cal, "X-WR-TIMEZONE"), Some("Asia/Shanghai"));
    assert_eq!(value(&cal, "X-WR-CALNAME").map(unescape), Some(seed().0));
    assert_eq!(value(&cal, "NAME"), value(&cal, "X-WR-CALNAME"));
    assert_eq!(value(&cal, "REFRESH-INTERVAL"), Some("PT12H"));
    assert!(!cal.contains_key("URL") && !cal.contains_key("SOURCE"), "no address without a base_url");

    let (activities, milestones): (Vec<&Event>, Vec<&Event>) =
        events.iter().partition(|e| !e.contains_key("RELATED-TO"));
    assert_eq!(activities.len(), 24);
    let activity_uids: BTreeSet<&str> = activities.iter().map(|e| value(e, "UID").unwrap()).collect();
    assert_eq!(activity_uids.len(), 24);
    assert!(!milestones.is_empty());
    for m in &milestones {
        assert!(activity_uids.contains(value(m, "RELATED-TO").unwrap()), "milestone relates to an activity");
        assert!(value(m, "SUMMARY").unwrap().contains('：'), "milestone summary is title：label");
    }
    for e in &events {
        for name in ["DTSTART", "DTEND"] {
            let (params, v) = &e[name];
            assert_eq!(params, &[("VALUE".to_string(), vec!["DATE".to_string()])], "{name} is a date");
            assert_eq!(v.len(), 8, "{v}");
        }
        assert_eq!(value(e, "TRANSP"), Some("TRANSPARENT"));
        assert_eq!(value(e, "DTSTAMP"), Some("20230101T000000Z"), "DTSTAMP comes from the content, not the clock");
        assert!(!e.contains_key("URL"), "no page URL without a base_url");
    }
    for (number, start, end) in [
        ("5", "20230821", "20230901"),  // 8月下旬
        ("13", "20230918", "20230923"), // 9月18日-22日
        ("1", "20230701", "20231001"),  // 7月-9月
        ("24", "20230101", "20240101"), // 全年
    ] {
        let e = by_summary(&events, &seed_title(number));
        assert_eq!((value(e, "DTSTART").unwrap(), value(e, "DTEND").unwrap()), (start, end), "row {number}");
    }

    // Approximate ranges say so, with the published text, the reading and the schedule's note.
    let note = seed().2;
    let lecture = unescape(value(by_summary(&events, &seed_title("5")), "DESCRIPTION").unwrap());
    for part in ["8月下旬，在线观看", "2023年8月21日–31日（8月下旬）", "精确到旬", &note] {
        assert!(lecture.contains(part), "row 5 description lacks {part}:\n{lecture}");
    }
    let year_round = by_summary(&events, &seed_title("24"));
    assert!(unescape(value(year_round, "DESCRIPTION").unwrap()).contains("精确到年"));
    assert!(!year_round.contains_key("LOCATION"), "row 24 has no place");
    let exact = by_summary(&events, &seed_title("13"));
    assert!(!unescape(value(exact, "DESCRIPTION").unwrap()).contains("精确到"), "day ranges are exact");
    assert_eq!(value(exact, "LOCATION"), Some("地点待定"));
    assert_eq!(value(exact, "CATEGORIES"), Some("QC小组,竞赛"));

    // Each activity's own file holds that activity (same UID) and its milestones.
    let mut files = 0;
    for (path, bytes) in read_tree(&output.join(SCHEDULE)) {
        if path.ends_with(".ics") && path != "calendar.ics" {
            let (_, own) = parse_ics(&String::from_utf8(bytes).unwrap());
            assert!(activity_uids.contains(value(&own[0], "UID").unwrap()), "{path}");
            assert!(own[1..].iter().all(|e| value(e, "RELATED-TO") == value(&own[0], "UID")), "{path}");
            files += 1;
        }
    }
    assert_eq!(files, 24);
}

#[test]
fn an_organiser_address_makes_every_event_name_its_organiser_and_the_calendar_published() {
    let site = repo_site();
    let config = site.path().join("almanac.toml");
    std::fs::write(&config, format!("{}email = \"calendar@cqa.example.org\"\n", read(&config))).unwrap();
    let output = build(site.path());
    let mut files = 0;
    for (path, bytes) in read_tree(&output.join(SCHEDULE)) {
        if !path.ends_with(".ics") {
            continue;
        }
        let (cal, events) = parse_ics(&String::from_utf8(bytes).unwrap());
        assert_eq!(value(&cal, "METHOD"), Some("PUBLISH"), "{path}");
        assert!(!events.is_empty());
        for e in &events {
            let (params, address) = e.get("ORGANIZER").unwrap_or_else(|| panic!("{path}: an event without ORGANIZER"));
            assert_eq!(address, "mailto:calendar@cqa.example.org");
            // The schedule's organiser (its _index.md) names it.
            assert_eq!(params, &[("CN".to_string(), vec!["中国质量协会".to_string()])]);
        }
        files += 1;
    }
    assert_eq!(files, 25, "the schedule's calendar and each activity's");
    let ld = json_ld(&read(&output.join(activity_file("13", ".html"))));
    assert_eq!(ld["organizer"]["email"], "calendar@cqa.example.org");

    // A bad address is an error at its line and column, and nothing is built.
    std::fs::write(&config, "title = \"x\"\nemail = \"中国质量协会\"\n").unwrap();
    let out = almanac(&["build", "--root", site.path().to_str().unwrap()], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("email `中国质量协会`") && err.contains("almanac.toml:2:9"), "{err}");
}

fn uids(output: &Path) -> Vec<String> {
    let (_, events) = parse_ics(&read(&output.join(SCHEDULE).join("calendar.ics")));
    events.iter().map(|e| value(e, "UID").unwrap().to_string()).collect()
}

#[test]
fn calendar_lines_are_folded_crlf_and_uids_stable() {
    let site = repo_site();
    let output = build(site.path());
    for (path, bytes) in read_tree(&output).into_iter().filter(|(p, _)| p.ends_with(".ics")) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"), "{path}");
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "{path}: bare LF");
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count(), "{path}: bare CR");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{path}: {} octets: {line}", line.len());
        }
    }
    let first = uids(&output);
    assert_eq!(first.len(), first.iter().collect::<BTreeSet<_>>().len(), "UIDs are unique");
    assert!(first.iter().all(|u| u.ends_with("@almanac.invalid")), "{first:?}");
    let again = uids(&build(site.path()));
    assert_eq!(first, again, "UIDs never change between builds");
    // With a base_url the host makes them globally unique.
    let (output, _) = build_with(site.path(), &["--base-url", BASE]);
    assert!(uids(&output).iter().all(|u| u.ends_with("@example.org")));
}

/// The values of a list property (CATEGORIES), split at unescaped commas and unescaped.
fn list(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        match (c, escaped) {
            (',', false) => out.push(String::new()),
            ('\\', false) => escaped = true,
            (c, _) => {
                if escaped {
                    out.last_mut().unwrap().push('\\');
                }
                out.last_mut().unwrap().push(c);
                escaped = false;
            }
        }
    }
    out.iter().map(|v| unescape(v)).collect()
}

#[test]
fn every_tag_has_a_calendar_holding_exactly_its_activities() {
    let site = repo_site();
    let (output, _) = build_with(site.path(), &["--base-url", BASE]);
    // What each tag should hold, from the schedules' own calendars: the UIDs of the events that name it.
    let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in read_tree(&output) {
        if path.matches('/').count() != 1 || !path.ends_with("/calendar.ics") {
            continue;
        }
        for e in parse_ics(&String::from_utf8(bytes).unwrap()).1 {
            for tag in value(&e, "CATEGORIES").map(list).unwrap_or_default() {
                want.entry(tag).or_default().insert(value(&e, "UID").unwrap().to_string());
            }
        }
    }
    assert!(want.len() > 10, "{want:?}");
    let mut seen = BTreeSet::new();
    for (path, bytes) in read_tree(&output.join("tags")) {
        let Some(slug) = path.strip_suffix(".ics") else { continue };
        // The tag's name, as its page says it.
        let page = html_text(&read(&output.join("tags").join(format!("{slug}.html"))));
        let name = page.split("标签：").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
        let (cal, events) = parse_ics(&String::from_utf8(bytes).unwrap());
        let (activities, milestones): (Vec<&Event>, Vec<&Event>) =
            events.iter().partition(|e| !e.contains_key("RELATED-TO"));
        let uids: BTreeSet<String> = activities.iter().map(|e| value(e, "UID").unwrap().to_string()).collect();
        assert_eq!(uids.len(), activities.len(), "{path}: each activity once");
        assert_eq!(Some(&uids), want.get(&name), "{path} ({name}) holds exactly its tag's activities");
        assert!(milestones.iter().all(|m| uids.contains(value(m, "RELATED-TO").unwrap())), "{path}");
        assert!(unescape(value(&cal, "NAME").unwrap()).ends_with(&name), "{path}");
        assert_eq!(value(&cal, "NAME"), value(&cal, "X-WR-CALNAME"));
        assert_eq!(value(&cal, "REFRESH-INTERVAL"), Some("PT12H"));
        assert_eq!(value(&cal, "X-PUBLISHED-TTL"), Some("PT12H"));
        assert_eq!(value(&cal, "URL").map(str::to_string), Some(format!("{BASE}tags/{slug}.html")));
        assert_eq!(value(&cal, "SOURCE").map(str::to_string), Some(format!("{BASE}tags/{path}")));
        assert!(seen.insert(name));
    }
    assert_eq!(seen, want.keys().cloned().collect(), "a calendar for every tag");
}

/// The decoded query of the anchor on `html` whose address starts with `prefix`.
fn web_calendar_link(html: &str, prefix: &str) -> Option<BTreeMap<String, String>> {
    let href = links(html).into_iter().find(|l| l.starts_with(prefix))?;
    Some(url::Url::parse(&decode_entities(&href)).unwrap().query_pairs().map(|(k, v)| (k.into(), v.into())).collect())
}

#[test]
fn activity_pages_offer_web_calendars_only_for_dates_known_to_the_day() {
    let site = repo_site();
    let output = build(site.path());
    const GOOGLE: &str = "https://calendar.google.com/calendar/render?";
    const OUTLOOK: &str = "https://outlook.live.com/calendar/0/deeplink/compose?";
    // Row 13, 9月18日-22日: both forms, all-day, the end the day after the last as in its .ics.
    let exact = read(&output.join(activity_file("13", ".html")));
    let g = web_calendar_link(&exact, GOOGLE).expect("a Google Calendar link");
    assert_eq!(g["text"], seed_title("13"));
    assert_eq!(g["dates"], "20230918/20230923");
    assert_eq!(g["location"], "地点待定");
    assert!(g["details"].contains("9月18日-22日"), "{}", g["details"]);
    let o = web_calendar_link(&exact, OUTLOOK).expect("an Outlook link");
    assert_eq!(
        (o["startdt"].as_str(), o["enddt"].as_str(), o["allday"].as_str()),
        ("2023-09-18", "2023-09-23", "true")
    );
    assert_eq!(o["subject"], seed_title("13"));
    // Row 5, 8月下旬: only the .ics, and the page says why.
    let approximate = read(&output.join(activity_file("5", ".html")));
    assert!(web_calendar_link(&approximate, GOOGLE).is_none() && web_calendar_link(&approximate, OUTLOOK).is_none());
    assert!(approximate.contains(&activity_file("5", ".ics").rsplit('/').next().unwrap().to_string()));
    assert!(html_text(&approximate).contains("只公布到旬、月或年"));
    // Links to other hosts are anchors only: nothing loads until followed.
    assert!(check_links(&output, None) > 100);
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    feed_rs::parser::parse(read(path).as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn feeds_parse_with_relative_or_absolute_links() {
    let site = repo_site();
    let output = build(site.path());
    let titles: BTreeSet<String> = seed().1.into_iter().map(|r| r.title).collect();
    for (feed_path, dir) in [("feed.xml", output.clone()), ("2023-quality-month/feed.xml", output.join(SCHEDULE))] {
        let feed = parse_feed(&output.join(feed_path));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert!(feed.id.starts_with("tag:almanac.invalid,2023:"), "{}", feed.id);
        assert_eq!(feed.entries.len(), 24, "{feed_path}");
        let got: BTreeSet<String> = feed.entries.iter().map(|e| e.title.clone().unwrap().content).collect();
        assert_eq!(got, titles);
        let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 24, "entry ids are unique");
        for e in &feed.entries {
            // Updated is when the entry changed (the schedule's year start here), not when the event is.
            assert_eq!(e.updated.unwrap().to_rfc3339(), "2023-01-01T00:00:00+00:00");
            for link in &e.links {
                assert!(dir.join(&link.href).is_file(), "{feed_path}: {} does not resolve", link.href);
            }
        }
        let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).expect("rel=self");
        assert!(dir.join(&self_link.href).is_file());
    }

    let (output, _) = build_with(site.path(), &["--base-url", BASE]);
    let feed = parse_feed(&output.join(SCHEDULE).join("feed.xml"));
    let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).unwrap();
    assert_eq!(self_link.href, format!("{BASE}{SCHEDULE}/feed.xml"));
    for link in feed.entries.iter().flat_map(|e| &e.links) {
        let rel = link.href.strip_prefix(BASE).unwrap_or_else(|| panic!("{} is not under the base", link.href));
        assert!(output.join(rel).is_file(), "{}", link.href);
    }
    assert!(feed.id.starts_with("tag:example.org,2023:"));
}

/// The JSON-LD block of an activity page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("a JSON-LD block") + open.len();
    let text = &html[start..start + html[start..].find("</script>").unwrap()];
    assert!(!text.contains('<'), "`<` is escaped inside the script");
    serde_json::from_str(text).unwrap()
}

fn activity_file(number: &str, ext: &str) -> String {
    let prefix = format!("{number:0>2}-");
    let dir = repo().join("content").join(SCHEDULE);
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(&prefix))
        .unwrap();
    format!("{SCHEDULE}/{}", name.replace(".md", ext))
}

#[test]
fn json_ld_meets_googles_event_requirements_from_the_published_text() {
    let site = repo_site();
    let output = build(site.path());
    let (_, rows, _) = seed();
    for row in &rows {
        let html = read(&output.join(activity_file(&row.number, ".html")));
        let ld = json_ld(&html);
        assert_eq!((ld["@context"].as_str(), ld["@type"].as_str()), (Some("https://schema.org"), Some("Event")));
        assert_eq!(ld["name"], row.title.as_str());
        assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
        assert_eq!(ld["organizer"]["@type"], "Organization");
        assert_eq!(ld["organizer"]["name"], "中国质量协会");
        // Google's required properties, on every activity: name, startDate, a location with an address.
        assert!(ld["startDate"].is_string() && ld["endDate"].is_string(), "row {}", row.number);
        match ld["location"]["@type"].as_str() {
            Some("Place") => assert!(ld["location"]["address"].is_string(), "row {}", row.number),
            Some("VirtualLocation") => assert!(ld["location"]["name"].is_string(), "row {}", row.number),
            other => panic!("row {}: location {other:?}", row.number),
        }
        let description = ld["description"].as_str().unwrap();
        assert!(description.starts_with(&format!("时间地点：{}", row.time_place)), "{description}");
        // The body as a summary: its words from the start, on one line, cut with an ellipsis when long.
        let said = description.lines().last().unwrap_or_default();
        let content = row.content.split_whitespace().collect::<Vec<_>>().join(" ");
        let kept = said.strip_suffix('…').unwrap_or(said);
        assert!(content.starts_with(kept) && (kept == content || said.ends_with('…')), "{description}");
        assert!(said.chars().count() <= 160, "{description}");
        assert!(ld.get("url").is_none(), "no url without a base_url");
        assert!(html.contains("<meta name=\"description\"") && html.contains("<meta property=\"og:title\""));
        assert!(html.contains("<meta property=\"og:locale\" content=\"zh_CN\">") && !html.contains("og:url"));
    }
    let ld = |n: &str| json_ld(&read(&output.join(activity_file(n, ".html"))));
    // 9月18日-22日，地点待定: exact dates; the place is not known, and the location says so in its words.
    let qc = ld("13");
    assert_eq!((qc["startDate"].as_str(), qc["endDate"].as_str()), (Some("2023-09-18"), Some("2023-09-22")));
    assert_eq!(
        (qc["location"]["name"].as_str(), qc["location"]["address"].as_str()),
        (Some("地点待定"), Some("地点待定"))
    );
    assert!(qc.get("eventAttendanceMode").is_none());
    // 全年，按报名预约时间安排: the year's bounds, and the description says the dates are only a year.
    let year_round = ld("24");
    assert_eq!(
        (year_round["startDate"].as_str(), year_round["endDate"].as_str()),
        (Some("2023-01-01"), Some("2023-12-31"))
    );
    assert!(year_round["description"].as_str().unwrap().contains("原文日期只精确到年"));
    // 公开征集 and 组织专家评审 are ways of taking part, not places: the place is 待定, as on the page.
    for n in ["6", "11", "20"] {
        let l = ld(n);
        assert_eq!(l["location"]["address"], "地点待定", "row {n}");
        assert!(l.get("eventAttendanceMode").is_none(), "row {n}");
    }
    // 在线观看: a virtual location, online.
    let online = ld("5");
    assert_eq!(online["location"]["@type"], "VirtualLocation");
    assert_eq!(online["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode");
    assert_eq!((online["startDate"].as_str(), online["endDate"].as_str()), (Some("2023-08-21"), Some("2023-08-31")));
    // 9月，北京: a place with its address, offline.
    let beijing = ld("10");
    assert_eq!(beijing["location"]["@type"], "Place");
    assert_eq!(beijing["location"]["address"], "北京");
    assert_eq!(beijing["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
    // The page and the JSON-LD say the same 参加方式 for every activity: one rule.
    for row in &rows {
        let html = read(&output.join(activity_file(&row.number, ".html")));
        let event = ld(&row.number);
        let mode = event["eventAttendanceMode"].as_str().map(|m| m.trim_start_matches("https://schema.org/"));
        let shown = if html.contains("<dt>参加方式</dt><dd>在线</dd>") {
            Some("OnlineEventAttendanceMode")
        } else if html.contains("<dt>参加方式</dt><dd>现场</dd>") {
            Some("OfflineEventAttendanceMode")
        } else if html.contains("<dt>参加方式</dt><dd>待定</dd>") {
            None
        } else {
            // Said once: a 时间地点 that says 地点待定 (or 另行通知) is the page's only word on it.
            assert!(!html.contains("<dt>参加方式</dt>"), "row {}", row.number);
            let said = html.split("<dt>时间地点</dt>").nth(1).and_then(|r| r.split("</dd>").next()).unwrap_or("");
            assert!(said.contains("待定") || said.contains("另行通知"), "row {}: {said}", row.number);
            None
        };
        assert_eq!(mode, shown, "row {}", row.number);
    }
    let (output, _) = build_with(site.path(), &["--base-url", BASE]);
    let html = read(&output.join(activity_file("10", ".html")));
    let url = format!("{BASE}{}", activity_file("10", ".html"));
    assert_eq!(json_ld(&html)["url"], url.as_str());
    assert!(html.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")));
}

#[test]
fn activities_json_round_trips_the_seed() {
    let site = repo_site();
    let output = build(site.path());
    let (_, rows, note) = seed();
    // The data is written once, for the whole site; the schedule page links it.
    assert!(!output.join("2023-quality-month/activities.json").exists());
    assert!(read(&output.join("2023-quality-month/index.html")).contains("href=\"../activities.json\""));
    for path in ["activities.json"] {
        let doc: serde_json::Value = serde_json::from_str(&read(&output.join(path))).unwrap();
        assert_eq!((doc["format"].as_str(), doc["version"].as_u64()), (Some("almanac-activities"), Some(1)));
        assert_eq!(doc["schedules"][0]["note"], note.as_str());
        let activities = doc["activities"].as_array().unwrap();
        assert_eq!(activities.len(), 24);
        for (a, row) in activities.iter().zip(&rows) {
            assert_eq!(a["number"].as_u64().unwrap().to_string(), row.number);
            assert_eq!(a["title"], row.title.as_str());
            assert_eq!(a["published"], row.time_place.as_str());
            assert_eq!(a["body"].as_str().unwrap().trim(), row.content);
            assert_eq!(a["schedule"], SCHEDULE);
            for key in ["url", "ics"] {
                assert!(output.join(a[key].as_str().unwrap()).is_file(), "{key} of row {}", row.number);
            }
        }
        let by_number = |n: u64| activities.iter().find(|a| a["number"] == n).unwrap();
        let lecture = by_number(5);
        assert_eq!((lecture["start"].as_str(), lecture["end"].as_str()), (Some("2023-08-21"), Some("2023-08-31")));
        assert_eq!((lecture["precision"].as_str(), lecture["where"].as_str()), (Some("dekad"), Some("在线观看")));
        assert_eq!(lecture["dates_words"], "2023年8月21日–31日（8月下旬）");
        let year_round = by_number(24);
        assert_eq!(
            (year_round["precision"].as_str(), year_round["note"].as_str()),
            (Some("year"), Some("按报名预约时间安排"))
        );
        assert!(year_round["where"].is_null());
        let ms = &by_number(1)["milestones"][1];
        assert_eq!(
            (ms["label"].as_str(), ms["when"].as_str(), ms["start"].as_str()),
            (Some("公示评价结果"), Some("9月"), Some("2023-09-01"))
        );
    }
}

#[test]
fn activities_csv_opens_in_excel_with_chinese_text() {
    let site = repo_site();
    let output = build(site.path());
    let (_, rows, _) = seed();
    assert!(!output.join("2023-quality-month/activities.csv").exists());
    for path in ["activities.csv"] {
        let bytes = std::fs::read(output.join(path)).unwrap();
        let body = bytes.strip_prefix("\u{FEFF}".as_bytes()).expect("UTF-8 byte order mark first");
        let text = std::str::from_utf8(body).unwrap();
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "CRLF line ends");
        let mut reader = csv::Reader::from_reader(body);
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h.starts_with(name)).unwrap();
        let (title, time_place, content) = (column("活动名称"), column("时间地点"), column("主要内容"));
        assert_eq!(&headers[0], "序号 number");
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 24);
        for (r, row) in records.iter().zip(&rows) {
            assert_eq!(
                (&r[0], &r[title], &r[time_place], &r[content]),
                (row.number.as_str(), row.title.as_str(), row.time_place.as_str(), row.content.as_str())
            );
        }
        // Commas in the text are quoted, not split (RFC 4180).
        assert!(records.iter().all(|r| r.len() == headers.len()));
    }
}

/// Text that a spreadsheet would run as a formula reaches `activities.csv` with a leading `'` (read back with
/// the `csv` crate's parser); `activities.json` keeps it exactly.
#[test]
fn csv_cells_never_start_a_formula_and_json_stays_exact() {
    let site = fixture_site("valid-minimal");
    let dir = site.path().join("content/spring");
    let risky = [
        ("title", "=HYPERLINK(\"http://evil.example/\",\"点此报名\")"),
        ("title", "+1+cmd|' /C calc'!A0"),
        ("title", "-2+3"),
        ("title", "@SUM(1,2)"),
        ("where", "=1+1"),
        ("where", "\t=2+2"),
        ("tags", "-标签"),
        ("body", "=cmd|' /C calc'!A0"),
    ];
    for (k, (key, text)) in risky.iter().enumerate() {
        let quoted = toml_string(text);
        let front = match *key {
            "title" => format!("title = {quoted}\n"),
            "where" => format!("title = \"地点{k}\"\nwhere = {quoted}\n"),
            "tags" => format!("title = \"标签{k}\"\ntags = [{quoted}]\n"),
            _ => format!("title = \"正文{k}\"\n"),
        };
        let body = if *key == "body" { *text } else { "" };
        let file = format!("+++\nnumber = {}\n{front}when = \"3月18日-22日\"\n+++\n{body}\n", 10 + k);
        std::fs::write(dir.join(format!("risk-{k}.md")), file).unwrap();
    }
    let output = build(site.path());
    let bytes = std::fs::read(output.join("activities.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h.ends_with(name)).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for record in &records {
        for value in record {
            assert!(!value.starts_with(['=', '+', '-', '@', '\t', '\r']), "a cell starts a formula: {value:?}");
        }
    }
    let json: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let activities = json["activities"].as_array().unwrap();
    for (k, (key, text)) in risky.iter().enumerate() {
        let number = (10 + k).to_string();
        let row = records.iter().find(|r| r[0] == number).unwrap();
        let entry = activities.iter().find(|a| a["number"] == 10 + k).unwrap();
        let (csv_cell, exact) = match *key {
            "title" => (&row[column("title")], entry["title"].as_str().unwrap().to_string()),
            "where" => (&row[column("where")], entry["where"].as_str().unwrap().to_string()),
            "tags" => (&row[column("tags")], entry["tags"][0].as_str().unwrap().to_string()),
            _ => (&row[column("content")], entry["body"].as_str().unwrap().trim().to_string()),
        };
        assert_eq!(exact, *text, "activities.json keeps the text exactly");
        assert_eq!(csv_cell, format!("'{text}"), "{key}");
    }
    // The published 时间地点 of a date range is untouched.
    let row = records.iter().find(|r| &r[0] == "16").unwrap();
    assert_eq!(&row[column("published")], "3月18日-22日");
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('\t', "\\t"))
}

#[test]
fn base_url_adds_sitemap_robots_and_subscriptions() {
    let site = repo_site();
    let output = build(site.path());
    let (_, out) = build_with(site.path(), &[]);
    assert!(stderr(&out).contains("sitemap.xml and robots.txt were not written"), "{}", stderr(&out));
    assert!(!output.join("sitemap.xml").exists() && !output.join("robots.txt").exists());
    let page = read(&output.join(SCHEDULE).join("index.html"));
    assert!(!page.contains("webcal:"), "no subscription link without a base_url");
    for text in ["加入日历 (.ics)", "订阅整个日程", "下载数据"] {
        assert!(html_text(&page).contains(text), "schedule page lacks {text}");
    }
    assert!(html_text(&read(&output.join(activity_file("13", ".html")))).contains("加入日历"));
    // The 订阅 control of a schedule and a tag: a relative link to its calendar (which exists), and the steps.
    for (page, ics) in [(format!("{SCHEDULE}/index.html"), "calendar.ics"), ("tags/lun-tan.html".into(), "lun-tan.ics")]
    {
        let html = read(&output.join(&page));
        let control = &html[html.find("<details class=\"subscribe\">").unwrap_or_else(|| panic!("{page}"))..];
        let control = &control[..control.find("</details>").unwrap()];
        let href = control.split("class=\"subscribe-link\" href=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(href.ends_with(ics) && !href.contains(':'), "{page}: {href}");
        assert!(output.join(&page).parent().unwrap().join(href).is_file(), "{page}: {href}");
        for text in ["订阅", "Apple 日历", "Google 日历", "Outlook"] {
            assert!(html_text(control).contains(text), "{page} lacks {text}");
        }
    }

    let (output, out) = build_with(site.path(), &["--base-url", BASE]);
    assert!(!stderr(&out).contains("sitemap"), "{}", stderr(&out));
    let xml = read(&output.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap()).collect();
    assert!(locs.len() > 50, "{} pages", locs.len());
    for loc in &locs {
        let rel = loc.strip_prefix(BASE).unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
        assert!(output.join(rel).is_file(), "{loc}");
    }
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert!(read(&output.join("robots.txt")).contains(&format!("Sitemap: {BASE}sitemap.xml")));
    let page = read(&output.join(SCHEDULE).join("index.html"));
    assert!(page.contains(&format!("href=\"webcal://example.org/cq/{SCHEDULE}/calendar.ics\"")));
    // The 订阅 control offers webcal:// and the https address to copy, for the schedule and for each tag.
    assert!(page.contains(&format!("readonly value=\"{BASE}{SCHEDULE}/calendar.ics\"")));
    let tag = read(&output.join("tags/lun-tan.html"));
    assert!(tag.contains("href=\"webcal://example.org/cq/tags/lun-tan.ics\""), "{tag}");
    assert!(tag.contains(&format!("readonly value=\"{BASE}tags/lun-tan.ics\"")));
    let (_, events) = parse_ics(&read(&output.join(SCHEDULE).join("calendar.ics")));
    assert!(events.iter().all(|e| value(e, "URL").is_some_and(|u| u.starts_with(BASE))));
    // Absolute links appear now, but only to the site's own address.
    assert!(check_links(&output, Some(BASE)) > 500);
}
