//! Output stays proportional to input: a `when` listing many dates (and a title, note and body that grow with
//! it) never makes a file repeat the text once per date or per month. Sites with 5, 20 and 80 dates (about the
//! most a `when` of full dates holds within its 1,000 characters) are built with the real binary; the bytes each
//! added input byte costs must not grow with the size, and the calendars, read back by `ical` and expanded by
//! `rrule` (neither sharing code with almanac), still hold every date, as do the JSON-LD and the data.

#![allow(clippy::print_stdout)] // the sizes, for whoever reads a failure

mod common;

use std::io::BufReader;
use std::path::Path;

use chrono::NaiveDate;
use common::*;

/// Output bytes an input byte may cost: pages, calendars, data and the archive each say a date a few times, and
/// each date in a week of its own gives that week a page (about 8 KB of page around it, and its copy in the
/// archive): 150 before week pages, 174 with them at 80 dates.
const BYTES_PER_INPUT_BYTE: f64 = 200.0;

fn dates(n: usize) -> Vec<NaiveDate> {
    // Every other day from 2023: well inside the 10-year limit.
    NaiveDate::from_ymd_opt(2023, 1, 2).unwrap().iter_days().step_by(2).take(n).collect()
}

/// A site whose activity lists `n` dates (with a milestone on the same dates, and a second activity on them at
/// 9:00–11:00), with a title, a note and a body that grow with `n`. Returns the site and its input bytes.
fn site(n: usize) -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let when: Vec<String> = dates(n).iter().map(|d| d.format("%Y年%-m月%-d日").to_string()).collect();
    let when = when.join("、");
    let title = format!("质量活动{}", "系列".repeat(n / 20));
    let note = "线上".repeat(n / 10);
    let body = "开展质量提升活动。".repeat(n / 10 + 1);
    let files = [
        ("almanac.toml".to_string(), "title = \"站点\"\nemail = \"cal@example.org\"\n".to_string()),
        (
            "content/s/_index.md".to_string(),
            "+++\ntitle = \"日程\"\nyear = 2023\norganiser = \"协会\"\n+++\n".to_string(),
        ),
        (
            "content/s/a.md".to_string(),
            format!(
                "+++\ntitle = \"{title}\"\nwhen = \"{when}（{note}）\"\nwhere = \"北京\"\ntags = [\"培训\"]\n\
                 milestones = [{{ when = \"{when}\", label = \"报名\" }}]\n+++\n{body}\n"
            ),
        ),
        (
            "content/s/b.md".to_string(),
            format!("+++\ntitle = \"{title}\"\nwhen = \"{when} 9:00-11:00\"\n+++\n{body}\n"),
        ),
    ];
    let mut input = 0;
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        input += text.len();
    }
    copy_dir(&repo().join("themes"), &root.join("themes"));
    (dir, input)
}

fn output_bytes(output: &Path) -> usize {
    read_tree(output).values().map(Vec::len).sum()
}

#[test]
fn output_grows_linearly_with_the_dates_and_text_of_a_when() {
    let mut sizes = Vec::new();
    for n in [5, 20, 80] {
        let (site, input) = site(n);
        let output = build(site.path());
        let bytes = output_bytes(&output);
        let biggest = read_tree(&output).into_iter().map(|(p, b)| (b.len(), p)).max().unwrap();
        println!("{n} dates: {input} input bytes, {bytes} output bytes; largest file {biggest:?}");
        sizes.push((input as f64, bytes as f64));
        if n == 80 {
            every_date_is_read_back(&output, n);
        }
    }
    // The cost of an added input byte from 20 to 80 dates, against from 5 to 20: a product of dates and text (an
    // event, a page or a line per date repeating the text) would multiply it by about four.
    let rate = |(i0, o0): (f64, f64), (i1, o1): (f64, f64)| (o1 - o0) / (i1 - i0);
    let (small, large) = (rate(sizes[0], sizes[1]), rate(sizes[1], sizes[2]));
    assert!(large <= small * 1.25, "output grows faster than input: {small:.1} then {large:.1} bytes per input byte");
    assert!(large <= BYTES_PER_INPUT_BYTE, "{large:.1} output bytes per input byte");
}

type Props = Vec<ical::property::Property>;

fn value<'a>(e: &'a Props, name: &str) -> Option<&'a str> {
    e.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

/// The days of an event's instances: DTSTART (RFC 5545's first instance), and its RDATEs as `rrule` expands them.
fn instances(e: &Props) -> Vec<String> {
    let line = |name: &str| {
        e.iter().find(|p| p.name == name).map(|p| {
            let params: String = p.params.iter().flatten().map(|(k, v)| format!(";{k}={}", v.join(","))).collect();
            format!("{name}{params}:{}", p.value.as_deref().unwrap_or_default())
        })
    };
    let mut days = vec![value(e, "DTSTART").unwrap()[..8].to_string()];
    if let Some(rdate) = line("RDATE") {
        let set: rrule::RRuleSet = format!("{}\n{rdate}", line("DTSTART").unwrap()).parse().unwrap();
        let all = set.all(u16::MAX);
        assert!(!all.limited);
        days.extend(all.dates.iter().map(|d| d.format("%Y%m%d").to_string()));
    }
    days
}

fn every_date_is_read_back(output: &Path, n: usize) {
    let want: Vec<String> = dates(n).iter().map(|d| d.format("%Y%m%d").to_string()).collect();
    let text = read(&output.join("s/calendar.ics"));
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().unwrap().unwrap();
    assert_eq!(value(&cal.properties, "METHOD"), Some("PUBLISH"));
    // The activity, its milestone and the timed activity: one event each.
    assert_eq!(cal.events.len(), 3);
    for e in &cal.events {
        assert_eq!(value(&e.properties, "ORGANIZER"), Some("mailto:cal@example.org"));
        let got = instances(&e.properties);
        assert!(got == want, "{} instances, {:?} … {:?}", got.len(), got.first(), got.last());
    }
    let timed = cal.events.iter().find(|e| value(&e.properties, "DTSTART").unwrap().contains('T')).unwrap();
    assert_eq!(value(&timed.properties, "DTEND"), Some("20230102T110000"));

    let html = read(&output.join("s/a.html"));
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let ld: serde_json::Value =
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap();
    let subs: Vec<String> =
        ld["subEvent"].as_array().unwrap().iter().map(|e| e["startDate"].as_str().unwrap().replace('-', "")).collect();
    assert_eq!(subs, want);

    let data: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    for a in data["activities"].as_array().unwrap() {
        assert_eq!(a["occurrences"].as_array().unwrap().len(), n);
    }
}
