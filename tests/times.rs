//! Times of day, lists of dates and schedules that cross a year, through every output: pages, iCalendar (read
//! back by `ical` and its recurrences expanded by `rrule`, neither sharing code with almanac), JSON-LD, JSON, CSV.

mod common;

use std::collections::BTreeMap;
use std::io::BufReader;

use common::*;

/// A VEVENT or VTIMEZONE observance: property name → (parameters, value).
type Props = BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

struct Calendar {
    timezones: Vec<ical::parser::ical::component::IcalTimeZone>,
    events: Vec<Props>,
}

fn parse(text: &str) -> Calendar {
    // RFC 5545 §3.1: CRLF line ends, no line over 75 octets.
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75 && !line.contains('\n'), "bad content line {line:?}");
    }
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("it parses");
    let props = |ps: &[ical::property::Property]| -> Props {
        ps.iter()
            .map(|p| (p.name.clone(), (p.params.clone().unwrap_or_default(), p.value.clone().unwrap_or_default())))
            .collect()
    };
    Calendar { timezones: cal.timezones.clone(), events: cal.events.iter().map(|e| props(&e.properties)).collect() }
}

fn get<'a>(e: &'a Props, name: &str) -> Option<&'a str> {
    e.get(name).map(|(_, v)| v.as_str())
}

fn tzid(e: &Props, name: &str) -> Option<String> {
    e.get(name)?.0.iter().find(|(k, _)| k == "TZID").map(|(_, v)| v.join(","))
}

/// Every event of a calendar is valid enough for calendar apps: UID, DTSTAMP and DTSTART, and every TZID it
/// uses is described by a VTIMEZONE of the same calendar with its offsets.
fn assert_valid(cal: &Calendar) {
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .map(|z| z.properties.iter().find(|p| p.name == "TZID").and_then(|p| p.value.clone()).unwrap())
        .collect();
    for z in &cal.timezones {
        assert!(!z.transitions.is_empty(), "a VTIMEZONE needs an observance");
        for t in &z.transitions {
            for name in ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"] {
                assert!(t.properties.iter().any(|p| p.name == name), "observance lacks {name}");
            }
        }
    }
    for e in &cal.events {
        for name in ["UID", "DTSTAMP", "DTSTART"] {
            assert!(get(e, name).is_some(), "event lacks {name}: {e:?}");
        }
        for prop in ["DTSTART", "DTEND"] {
            if let Some(tz) = tzid(e, prop) {
                assert!(zones.contains(&tz), "{prop} names {tz}, which no VTIMEZONE describes");
            }
        }
    }
    let uids: Vec<&str> = cal.events.iter().map(|e| get(e, "UID").unwrap()).collect();
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "UIDs are unique: {uids:?}");
}

fn summary<'a>(cal: &'a Calendar, title: &str) -> Vec<&'a Props> {
    cal.events.iter().filter(|e| get(e, "SUMMARY") == Some(title)).collect()
}

#[test]
fn times_and_lists_reach_the_pages() {
    let site = fixture_site("valid-times");
    let output = build(site.path());
    let s = output.join("2024-events");
    let lecture = html_text(&read(&s.join("01-lecture.html")));
    assert!(lecture.contains("2024年9月27日 14:30–16:30"), "{lecture}");
    let opening = html_text(&read(&s.join("02-opening.html")));
    assert!(opening.contains("2024年10月31日 13:30"), "{opening}");
    let training = html_text(&read(&s.join("03-training.html")));
    assert!(training.contains("2024年10月8日–12日 每天9:00–11:00"), "{training}");
    let salon = html_text(&read(&s.join("04-salon.html")));
    assert!(salon.contains("2024年11月13日、27日、12月11日"), "{salon}");
    let exam = html_text(&read(&s.join("05-exam.html")));
    assert!(exam.contains("2024年10月–12月") && exam.contains("按月"), "{exam}");
    // The month grid puts the time before the title, and a list of dates on its dates only.
    let november = read(&output.join("months/2024-11.html"));
    let in_grid = "href=\"../2024-events/04-salon.html\" tabindex=\"-1\"";
    assert_eq!(november.matches(in_grid).count(), 2, "two of its dates are in November, each a bar on its day");
    // Its entry in a month's list says the month's dates, and how many it has in all.
    assert!(html_text(&november).contains("2024年11月13日、27日（本月2个日期，共3个），广州"), "{november}");
    let december = html_text(&read(&output.join("months/2024-12.html")));
    assert!(december.contains("2024年12月11日（本月1个日期，共3个），广州"), "{december}");
    let october = html_text(&read(&output.join("months/2024-10.html")));
    assert!(october.contains("13:30") && october.contains("09:00"), "{october}");
    // The table row tells the browser the times, for its today marks.
    let calendar = read(&s.join("index.html"));
    assert!(
        calendar.contains(
            "data-occ=\"[[&quot;2024-09-27&quot;,&quot;2024-09-27&quot;,&quot;2024-09-27T14:30:00+08:00&quot;"
        )
    );
    assert!(check_links(&output, None) > 0);
}

#[test]
fn a_start_time_alone_is_one_reading_at_time_precision_in_check_json_json_ld_and_ics() {
    // Issue 19.4: `10月31日下午13:30` is a moment on one day, precision 时 as the README's table says, and no
    // export may end it before it starts.
    let site = fixture_site("valid-times");
    let check = almanac(&["check", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    let line = said.lines().find(|l| l.starts_with("10月31日下午13:30")).unwrap_or_default();
    assert!(line.contains("→ 2024-10-31 13:30 (时)"), "{said}");

    let output = build(site.path());
    let doc: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let opening = doc["activities"].as_array().unwrap().iter().find(|a| a["title"] == "开幕式").unwrap();
    let fields = ["precision", "start_precision", "end_precision", "precision_label", "starts_at"];
    let got: Vec<&str> = fields.iter().map(|f| opening[f].as_str().unwrap_or("null")).collect();
    assert_eq!(got, ["time", "time", "time", "时", "2024-10-31T13:30:00+08:00"], "{opening}");
    assert!(opening["ends_at"].is_null(), "no end time is written: {opening}");

    // JSON-LD: the timed start, and no end before it (none at all: the event is at that time, as in the ICS).
    let ld = json_ld(&read(&output.join("2024-events/02-opening.html")));
    assert_eq!(ld["startDate"], "2024-10-31T13:30:00+08:00");
    assert!(ld.get("endDate").is_none(), "{ld}");
    // Every event of every page: an end, where there is one, is never before its start.
    for page in ["01-lecture", "02-opening", "03-training", "04-salon", "05-exam", "06-camp"] {
        let ld = json_ld(&read(&output.join(format!("2024-events/{page}.html"))));
        let subs = ld["subEvent"].as_array().cloned().unwrap_or_default();
        for e in std::iter::once(ld.clone()).chain(subs) {
            let (start, end) = (e["startDate"].as_str().unwrap(), e["endDate"].as_str());
            if let Some(end) = end {
                assert!(instant(end, true) >= instant(start, false), "{page}: {start} … {end}");
            }
        }
    }

    // ICS: the time in the site's zone, no DTEND (RFC 5545 §3.6.1: the event is at that time), no note of a
    // coarser precision.
    let cal = parse(&read(&output.join("2024-events/02-opening.ics")));
    assert_valid(&cal);
    let e = &cal.events[0];
    assert_eq!((get(e, "DTSTART"), tzid(e, "DTSTART").as_deref()), (Some("20241031T133000"), Some("Asia/Shanghai")));
    assert_eq!(get(e, "DTEND"), None);
    assert!(!get(e, "DESCRIPTION").unwrap_or_default().contains("只精确到"), "{e:?}");
}

/// A JSON-LD date or timestamp as an instant: a date alone stands for its whole day, from its start (`end` false)
/// or to its end (`end` true).
fn instant(value: &str, end: bool) -> chrono::DateTime<chrono::FixedOffset> {
    match chrono::DateTime::parse_from_rfc3339(value) {
        Ok(t) => t,
        Err(_) => {
            let day = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").unwrap();
            let at = if end { day.and_hms_opt(23, 59, 59) } else { day.and_hms_opt(0, 0, 0) }.unwrap();
            // The site's zone (+08:00), in which the dates are read.
            at.and_local_timezone(chrono::FixedOffset::east_opt(8 * 3600).unwrap()).unwrap()
        }
    }
}

#[test]
fn timed_events_carry_their_zone_and_a_list_is_one_event_with_rdates() {
    let site = fixture_site("valid-times");
    let output = build(site.path());
    let cal = parse(&read(&output.join("2024-events/calendar.ics")));
    assert_valid(&cal);
    assert_eq!(cal.timezones.len(), 1, "one VTIMEZONE for the site's zone");

    let lecture = summary(&cal, "质量讲座")[0];
    assert_eq!(
        (get(lecture, "DTSTART"), tzid(lecture, "DTSTART").as_deref()),
        (Some("20240927T143000"), Some("Asia/Shanghai"))
    );
    assert_eq!(
        (get(lecture, "DTEND"), tzid(lecture, "DTEND").as_deref()),
        (Some("20240927T163000"), Some("Asia/Shanghai"))
    );
    // A start time alone: no DTEND.
    let opening = summary(&cal, "开幕式")[0];
    assert_eq!((get(opening, "DTSTART"), get(opening, "DTEND")), (Some("20241031T133000"), None));
    // Daily hours: one event repeated each day, expanded by an independent RRULE reader.
    let training = summary(&cal, "集中培训")[0];
    let rule = format!(
        "DTSTART;TZID=Asia/Shanghai:{}\nRRULE:{}",
        get(training, "DTSTART").unwrap(),
        get(training, "RRULE").unwrap()
    );
    let set: rrule::RRuleSet = rule.parse().unwrap();
    let days: Vec<String> = set.all(100).dates.iter().map(|d| d.format("%Y-%m-%d %H:%M %z").to_string()).collect();
    assert_eq!(
        days,
        ["08", "09", "10", "11", "12"].map(|d| format!("2024-10-{d} 09:00 +0800")),
        "five mornings, 9:00 in Shanghai"
    );
    assert_eq!(get(training, "DTEND"), Some("20241008T110000"));
    // A list of dates: one event with the activity's UID, its first date DTSTART and the others RDATEs of the
    // same value type, which an independent reader expands (it leaves out DTSTART, the first instance).
    let salon = summary(&cal, "质量沙龙");
    assert_eq!(salon.len(), 1, "one event for the list");
    let salon = salon[0];
    assert_eq!(get(salon, "UID"), Some("2024-events/04-salon@almanac.invalid"));
    assert_eq!((get(salon, "DTSTART"), get(salon, "DTEND")), (Some("20241113"), Some("20241114")));
    let rdate = salon.get("RDATE").unwrap();
    assert_eq!(rdate.0, [("VALUE".to_string(), vec!["DATE".to_string()])]);
    let set: rrule::RRuleSet = format!("DTSTART;VALUE=DATE:20241113\nRDATE;VALUE=DATE:{}", rdate.1).parse().unwrap();
    let days: Vec<String> = set.all(100).dates.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect();
    assert_eq!(days, ["2024-11-27", "2024-12-11"]);
    // A span from a time on one day to a time on another.
    let camp = summary(&cal, "训练营")[0];
    assert_eq!((get(camp, "DTSTART"), get(camp, "DTEND")), (Some("20241220T090000"), Some("20241222T170000")));
    // A calendar with no time in it needs no VTIMEZONE.
    let exam = parse(&read(&output.join("2024-events/05-exam.ics")));
    assert!(exam.timezones.is_empty());
    assert_eq!(get(&exam.events[0], "DTSTART"), Some("20241001"));
}

#[test]
fn a_zone_with_daylight_saving_is_described_with_its_changes() {
    let site = fixture_site("valid-times");
    let config = site.path().join("almanac.toml");
    std::fs::write(&config, format!("{}timezone = \"America/New_York\"\n", read(&config))).unwrap();
    let output = build(site.path());
    let cal = parse(&read(&output.join("2024-events/calendar.ics")));
    assert_valid(&cal);
    use ical::parser::ical::component::IcalTimeZoneTransitionType as Kind;
    let kinds: Vec<bool> =
        cal.timezones[0].transitions.iter().map(|t| matches!(t.transition, Kind::DAYLIGHT)).collect();
    assert!(kinds.contains(&true) && kinds.contains(&false), "both daylight and standard time");
    let ld = json_ld(&read(&output.join("2024-events/01-lecture.html")));
    assert_eq!(ld["startDate"], "2024-09-27T14:30:00-04:00");
    let ld = json_ld(&read(&output.join("2024-events/06-camp.html")));
    assert_eq!(ld["endDate"], "2024-12-22T17:00:00-05:00");
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn data_and_json_ld_say_the_times_with_the_offset() {
    let site = fixture_site("valid-times");
    let output = build(site.path());
    let doc: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let by_title = |t: &str| doc["activities"].as_array().unwrap().iter().find(|a| a["title"] == t).unwrap().clone();
    let lecture = by_title("质量讲座");
    assert_eq!(
        (lecture["starts_at"].as_str(), lecture["ends_at"].as_str(), lecture["precision"].as_str()),
        (Some("2024-09-27T14:30:00+08:00"), Some("2024-09-27T16:30:00+08:00"), Some("time"))
    );
    assert!(by_title("专业考试")["starts_at"].is_null());
    let salon = by_title("质量沙龙");
    let dates: Vec<&str> =
        salon["occurrences"].as_array().unwrap().iter().map(|o| o["start"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2024-11-13", "2024-11-27", "2024-12-11"]);

    let ld = json_ld(&read(&output.join("2024-events/01-lecture.html")));
    assert_eq!(
        (ld["startDate"].as_str(), ld["endDate"].as_str()),
        (Some("2024-09-27T14:30:00+08:00"), Some("2024-09-27T16:30:00+08:00"))
    );
    let ld = json_ld(&read(&output.join("2024-events/03-training.html")));
    assert_eq!(ld["eventSchedule"]["repeatFrequency"], "P1D");
    assert_eq!(
        (ld["eventSchedule"]["startTime"].as_str(), ld["eventSchedule"]["endTime"].as_str()),
        (Some("09:00:00"), Some("11:00:00"))
    );
    let ld = json_ld(&read(&output.join("2024-events/04-salon.html")));
    assert_eq!((ld["startDate"].as_str(), ld["endDate"].as_str()), (Some("2024-11-13"), Some("2024-12-11")));
    let starts: Vec<&str> =
        ld["subEvent"].as_array().unwrap().iter().map(|e| e["startDate"].as_str().unwrap()).collect();
    assert_eq!(starts, ["2024-11-13", "2024-11-27", "2024-12-11"], "one Event, its dates sub-events");

    let csv_bytes = std::fs::read(output.join("activities.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let header = reader.headers().unwrap().clone();
    let at = header.iter().position(|h| h == "开始时间 starts_at").unwrap();
    let lecture = reader.records().map(Result::unwrap).find(|r| &r[1] == "质量讲座").unwrap();
    assert_eq!(&lecture[at], "2024-09-27T14:30:00+08:00");
}

#[test]
fn an_academic_year_reads_bare_months_into_the_next_year() {
    let site = fixture_site("valid-academic-year");
    let output = build(site.path());
    let spring = html_text(&read(&output.join("2024-25/03-spring.html")));
    assert!(spring.contains("2025年3月11日–20日（3月中旬）"), "{spring}");
    assert!(html_text(&read(&output.join("months/2025-03.html"))).contains("春季学期开学"));
    let home = html_text(&read(&output.join("index.html")));
    assert!(home.contains("2024年9月–2025年7月"), "the schedule's span: {home}");
    // Without a span the bare month is read in the schedule's year, and check says it reads before the
    // first dated activity; the declared schedule never warns about its dates.
    let check = almanac(&["check", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let err = stderr(&check);
    assert!(
        err.contains(
            "the date has no year and reads as 2024-03-11, before the schedule's first dated activity (2024-09-02)"
        ),
        "{err}"
    );
    assert!(err.contains("--> content/2024-plain/02-b.md:4:8"), "{err}");
    assert!(err.contains("span = \"2024年9月-2025年3月\""), "the help proposes the span the dates fit: {err}");
    assert!(!err.contains("content/2024-25/"), "{err}");
}

#[test]
fn a_calendar_year_with_one_full_date_late_in_it_reads_as_it_is() {
    // Issue 19.3: a spreadsheet date (2025-09-20) or a dotted one (2025.6.18) among dates without a year, all
    // correct in 2025: nothing suggests a year that crosses, so nothing is said about it.
    let site = fixture_site("calendar-year-dated");
    let check = almanac(&["check", "--strict", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    assert!(check.status.success(), "{}", stderr(&check));
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
}

#[test]
fn the_synthetic_sites_dates_in_any_file_order_read_in_their_years_without_warnings() {
    // The benchmark's schedules spread their dates over the year, a few with the year written, in files that are
    // not in date order: no crossing year is plausible, whichever date happens to be written in full.
    let dir = tempfile::tempdir().unwrap();
    generator::write_almanac(&generator::generate(4000, 1), dir.path()).unwrap();
    let check = almanac(&["check", "--root", dir.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert_eq!(err.matches("the date has no year").count(), 0, "{err}");
}

#[test]
fn a_when_of_thousands_of_dates_and_too_many_milestones_are_refused_with_the_limits() {
    // Issue 20 §4: a 69 KB `when` of 3,650 dates made 1.28 GB of output. The reader refuses it at once, as it
    // refuses more milestones than an activity may have, naming the limit.
    let site = fixture_site("valid-minimal");
    let days: Vec<String> = (0..3650)
        .map(|k| chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(k))
        .map(|d| format!("{}年{}月{}日", d.format("%Y"), d.format("%-m"), d.format("%-d")))
        .collect();
    let many = format!("+++\ntitle = \"每天\"\nwhen = \"{}\"\n+++\n", days.join("、"));
    std::fs::write(site.path().join("content/spring/09-daily.md"), many).unwrap();
    let phases: Vec<String> = (1..=25).map(|k| format!("{{ when = \"3月{k}日\", label = \"第{k}段\" }}")).collect();
    let milestones = format!("+++\ntitle = \"阶段\"\nwhen = \"3月\"\nmilestones = [{}]\n+++\n", phases.join(", "));
    std::fs::write(site.path().join("content/spring/10-phases.md"), milestones).unwrap();
    let started = std::time::Instant::now();
    let out = almanac(&["build", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "refused at once");
    let chars = days.join("、").chars().count();
    assert!(
        err.contains(&format!("the date text has {chars} characters, more than the 1000 a `when` may have")),
        "{err}"
    );
    assert!(err.contains("--> content/spring/09-daily.md:3:"), "{err}");
    assert!(err.contains("the activity has 25 milestones, more than the 20 one activity may have"), "{err}");
    assert!(err.contains("--> content/spring/10-phases.md:"), "{err}");
    assert!(err.len() < 20_000, "the message does not repeat the 69 KB: {} bytes", err.len());
    assert!(!site.path().join("output").exists());
}
