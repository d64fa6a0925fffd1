//! When the schedule changes (README "When the schedule changes"): the fixture `valid-changes` (an activity moved
//! twice, one cancelled, one postponed without a new date, one unchanged, one moved once in a `.toml` file) through
//! every output, each read back by a parser that shares no code with almanac's writers (`ical`, `feed-rs`,
//! `serde_json`, `csv`); and `almanac reschedule`, which records a change in the file without disturbing the rest.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use common::*;

const S: &str = "2023-autumn";
const BASE: &str = "https://example.org/autumn/";

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A VEVENT: property name → value.
type Event = BTreeMap<String, String>;

fn events(path: &Path) -> Vec<Event> {
    let text = read(path);
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("a calendar").expect("it parses");
    calendar
        .events
        .iter()
        .map(|e| e.properties.iter().map(|p| (p.name.clone(), p.value.clone().unwrap_or_default())).collect())
        .collect()
}

/// The activity's own event (the one without RELATED-TO) of `SLUG.ics`.
fn event(output: &Path, slug: &str) -> Event {
    events(&output.join(S).join(format!("{slug}.ics"))).into_iter().find(|e| !e.contains_key("RELATED-TO")).unwrap()
}

fn get<'a>(e: &'a Event, name: &str) -> Option<&'a str> {
    e.get(name).map(String::as_str)
}

fn unescape(v: &str) -> String {
    v.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
}

#[test]
fn calendars_say_the_status_and_count_the_changes_under_the_same_uid() {
    let site = fixture_site("valid-changes");
    let output = build(site.path());
    for (slug, sequence, status, modified, summary) in [
        ("01-forum", "2", None, "20230901T000000Z", "质量创新论坛"),
        ("02-contest", "1", Some("CANCELLED"), "20230905T000000Z", "【已取消】质量知识竞赛"),
        ("03-lecture", "1", Some("TENTATIVE"), "20230910T000000Z", "【延期】质量大讲堂"),
        ("04-visit", "0", None, "20230101T000000Z", "标杆企业参观"),
        ("05-salon", "1", None, "20231020T000000Z", "质量沙龙"),
    ] {
        let e = event(&output, slug);
        assert_eq!(get(&e, "UID"), Some(format!("{S}/{slug}@almanac.invalid").as_str()), "{slug}");
        assert_eq!(get(&e, "SEQUENCE"), Some(sequence), "{slug}");
        assert_eq!(get(&e, "STATUS"), status, "{slug}");
        assert_eq!(get(&e, "LAST-MODIFIED"), Some(modified), "{slug}: the day of the last change, not the clock");
        assert_eq!(get(&e, "DTSTAMP"), Some(modified), "{slug}");
        assert_eq!(get(&e, "SUMMARY"), Some(summary), "{slug}");
    }
    // The moved activity is at its new dates; its description leads with the changes, newest first.
    let forum = event(&output, "01-forum");
    assert_eq!((get(&forum, "DTSTART"), get(&forum, "DTEND")), (Some("20231016"), Some("20231021")));
    let description = unescape(get(&forum, "DESCRIPTION").unwrap());
    assert!(
        description.starts_with(
            "状态：已改期\n原定10月9日-13日，调整为10月16日-20日；地点由北京调整为上海（9月1日公告）：为便于各地代表参会，调整时间与地点\n\
             原定9月18日-22日，调整为10月9日-13日（8月20日公告）：因会场改造，论坛延后举办\n时间地点：10月16日-20日，上海"
        ),
        "{description}"
    );
    // A postponed activity without a new date stays at its old time, tentative, and says why.
    let lecture = event(&output, "03-lecture");
    assert!(unescape(get(&lecture, "DESCRIPTION").unwrap()).starts_with("状态：延期，时间待定（主讲嘉宾行程调整）"));
    // The schedule's calendar says the same of each event.
    let all = events(&output.join(S).join("calendar.ics"));
    let cancelled = all.iter().find(|e| get(e, "UID") == Some(&format!("{S}/02-contest@almanac.invalid"))).unwrap();
    assert_eq!((get(cancelled, "STATUS"), get(cancelled, "SEQUENCE")), (Some("CANCELLED"), Some("1")));
}

/// The sequence a calendar app follows: build, reschedule, build, reschedule, build; one UID throughout.
#[test]
fn each_reschedule_raises_the_sequence_of_the_same_event() {
    let site = fixture_site("valid-changes");
    let root = site.path().to_str().unwrap();
    let file = site.path().join("content").join(S).join("04-visit.md");
    let original = read(&file);
    let mut seen = Vec::new();
    for (step, args) in [
        (0, None),
        (1, Some(["--when", "10月下旬", "--note", "因接待安排调整", "--date", "2023-09-15"].as_slice())),
        (2, Some(["--when", "11月上旬", "--where", "宁波", "--note", "再次调整", "--date", "2023-09-20"].as_slice())),
    ] {
        if let Some(args) = args {
            let mut all = vec!["reschedule", S, "04-visit", "--root", root];
            all.extend_from_slice(args);
            let out = almanac(&all, &[]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert!(stdout(&out).contains(&format!("calendars see sequence {step}")), "{}", stdout(&out));
        }
        let output = build(site.path());
        let e = event(&output, "04-visit");
        seen.push((get(&e, "UID").unwrap().to_string(), get(&e, "SEQUENCE").unwrap().to_string()));
        if step == 2 {
            assert_eq!((get(&e, "DTSTART"), get(&e, "LOCATION")), (Some("20231101"), Some("宁波")));
            assert_eq!(get(&e, "LAST-MODIFIED"), Some("20230920T000000Z"));
        }
    }
    let uid = format!("{S}/04-visit@almanac.invalid");
    assert_eq!(seen, [(uid.clone(), "0".into()), (uid.clone(), "1".into()), (uid, "2".into())]);
    // The file: the new values in place, the old ones in `changes`, the rest as it was.
    let edited = read(&file);
    assert_eq!(
        edited,
        original
            .replace("when = \"10月\"", "when = \"11月上旬\"")
            .replace("where = \"杭州\"", "where = \"宁波\"")
            .replace(
                "tags = [\"参观\"]\n",
                "tags = [\"参观\"]\nchanges = [\n  \
                 { date = 2023-09-15, when = \"10月\", new_when = \"10月下旬\", note = \"因接待安排调整\" },\n  \
                 { date = 2023-09-20, when = \"10月下旬\", new_when = \"11月上旬\", where = \"杭州\", new_where = \"宁波\", note = \"再次调整\" },\n]\n"
            )
    );
    let check = almanac(&["check", "--root", root], &[]);
    assert!(stdout(&check).contains("0 errors, 0 warnings"), "{}", stderr(&check));
}

#[test]
fn reschedule_keeps_comments_and_the_body_and_refuses_what_it_cannot_record() {
    let site = fixture_site("valid-changes");
    let root = site.path().to_str().unwrap();
    let dir = site.path().join("content").join(S);
    let run = |args: &[&str]| {
        let mut all = vec!["reschedule", S];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--root", root]);
        almanac(&all, &[])
    };
    // A third move of the forum: its comment, its two changes and its body stay.
    let before = read(&dir.join("01-forum.md"));
    let out = run(&["01-forum", "--when", "10月23日-27日", "--note", "第三次调整", "--date", "2023-09-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = read(&dir.join("01-forum.md"));
    assert!(after.contains("# Moved twice: first to October, then a week later and to another city.\n"));
    assert!(after.ends_with("+++\n\n论坛正文：邀请质量领域专家分享创新成果。\n"), "{after}");
    assert!(after.contains(
        "  { date = 2023-09-20, when = \"10月16日-20日\", new_when = \"10月23日-27日\", note = \"第三次调整\" },\n]\n+++"
    ));
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    // A cancellation in a .toml file with `[[changes]]` tables: a table more, the status and the reason set.
    let out = run(&[
        "05-salon",
        "--status",
        "cancelled",
        "--reason",
        "嘉宾无法出席",
        "--note",
        "取消",
        "--date",
        "2023-10-25",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let salon = read(&dir.join("05-salon.toml"));
    assert!(salon.contains("status = \"cancelled\"\nreason = \"嘉宾无法出席\"\n"), "{salon}");
    assert!(
        salon.ends_with(
            "[[changes]]\ndate = 2023-10-25\nstatus = \"rescheduled\"\nnew_status = \"cancelled\"\nnote = \"取消\"\n"
        ),
        "{salon}"
    );
    // A postponed activity gets its new date: postponed → rescheduled, recorded.
    let out = run(&["03-lecture", "--when", "10月18日14:30-16:30", "--note", "新时间确定", "--date", "2023-10-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("原定9月27日14:30-16:30，调整为10月18日14:30-16:30（10月1日公告）"),
        "{}",
        stdout(&out)
    );
    let lecture = read(&dir.join("03-lecture.md"));
    assert!(
        lecture.contains("status = \"rescheduled\"\n")
            && lecture.contains("status = \"postponed\", new_status = \"rescheduled\"")
    );
    let check = almanac(&["check", "--root", root], &[]);
    assert!(stdout(&check).contains("0 errors, 0 warnings"), "{}", stderr(&check));

    // What it refuses, leaving the file as it was.
    let forum = read(&dir.join("01-forum.md"));
    for (args, said) in [
        (vec!["01-forum", "--when", "13月", "--note", "x", "--date", "2023-10-01"], "cannot read the date `13月`"),
        (vec!["01-forum", "--when", "10月23日-27日", "--note", "x", "--date", "2023-10-01"], "nothing changes"),
        (vec!["01-forum", "--where", "杭州", "--note", "x", "--date", "2023-08-01"], "before the last recorded change"),
        (vec!["01-forum", "--status", "over", "--note", "x"], "`over` is not a status"),
        (vec!["99-none", "--status", "cancelled", "--note", "x"], "no activity `99-none`"),
        (vec!["01-forum", "--note", "x"], "nothing to change"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(said) && stderr(&out).contains("the file was not changed"), "{}", stderr(&out));
    }
    assert_eq!(read(&dir.join("01-forum.md")), forum);
    let left: Vec<_> =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    assert!(!left.iter().any(|n| n.starts_with('.')), "no temporary file left: {left:?}");
}

/// What `new` names an activity, `reschedule` finds (issue 19.6); without `--date`, `reschedule` takes today
/// only inside the schedule's span and says so, and asks for the date outside it (issue 19.7).
#[test]
fn reschedule_finds_what_new_wrote_and_says_which_day_it_dated() {
    let site = fixture_site("valid-changes");
    let root = site.path().to_str().unwrap();
    let new =
        almanac(&["new", S, "--title", "质量开放日", "--when", "10月20日", "--slug", "open-day", "--root", root], &[]);
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(stdout(&new).contains("06-open-day.md"), "{}", stdout(&new));
    let reschedule = |activity: &str, extra: &[&str]| {
        let mut all = vec!["reschedule", S, activity, "--note", "x", "--root", root];
        all.extend_from_slice(extra);
        almanac(&all, &[])
    };
    // The fixture's schedule is 2023's: today is outside it, so the day must be given.
    let out = reschedule("open-day", &["--where", "宁波"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is outside the schedule's span") && stderr(&out).contains("--date YYYY-MM-DD"));
    for (activity, date) in [("open-day", "2023-10-01"), ("6", "2023-10-02"), ("质量开放日", "2023-10-03")] {
        let out = reschedule(activity, &["--where", date, "--date", date]);
        assert!(out.status.success(), "{activity}: {}", stderr(&out));
        assert!(stdout(&out).contains("06-open-day.md") && !stdout(&out).contains("today"), "{}", stdout(&out));
    }
    let out = reschedule("open-dya", &["--where", "宁波", "--date", "2023-10-04"]);
    assert!(stderr(&out).contains("no activity `open-dya`") && stderr(&out).contains("did you mean `06-open-day`"));

    // A schedule that runs from last year to next year holds today, whatever the zone: it is taken, and said.
    let year =
        1970 + std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 31_556_952;
    let span = format!("+++\ntitle = \"长期活动\"\nspan = \"{}年1月-{}年12月\"\n+++\n", year - 1, year + 1);
    let dir = site.path().join("content/long-term");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_index.md"), span).unwrap();
    std::fs::write(dir.join("01-forum.md"), "+++\nnumber = 1\ntitle = \"论坛\"\nwhen = \"5月\"\n+++\n").unwrap();
    let out = almanac(&["reschedule", "long-term", "1", "--when", "6月", "--note", "x", "--root", root], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let dated = said.split("\n  dated ").nth(1).and_then(|s| s.get(..10)).unwrap_or_else(|| panic!("{said}"));
    assert!(said.contains(", today, as no --date was given") && said.contains("pass --date YYYY-MM-DD"), "{said}");
    let file = read(&dir.join("01-forum.md"));
    assert!(file.contains(&format!("{{ date = {dated}, when = ")), "{file}");
}

fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).unwrap() + open.len();
    serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap()
}

#[test]
fn json_ld_says_the_event_status_and_the_previous_starts() {
    let site = fixture_site("valid-changes");
    let (output, _) = build_with(site.path(), &["--base-url", BASE]);
    let ld = |slug: &str| json_ld(&read(&output.join(S).join(format!("{slug}.html"))));
    let forum = ld("01-forum");
    assert_eq!(forum["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(forum["previousStartDate"], serde_json::json!(["2023-09-18", "2023-10-09"]), "oldest first");
    assert_eq!(
        (forum["startDate"].as_str(), forum["location"]["address"].as_str()),
        (Some("2023-10-16"), Some("上海"))
    );
    assert!(forum["description"].as_str().unwrap().starts_with("状态：已改期\n原定10月9日-13日"));
    let salon = ld("05-salon");
    assert_eq!(salon["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(salon["previousStartDate"], "2023-11-01", "one move: one date");
    let cancelled = ld("02-contest");
    assert_eq!(cancelled["eventStatus"], "https://schema.org/EventCancelled");
    assert!(cancelled.get("previousStartDate").is_none());
    // Postponed without a new date: Google asks for the old dates until a new one is known.
    let lecture = ld("03-lecture");
    assert_eq!(lecture["eventStatus"], "https://schema.org/EventPostponed");
    assert_eq!(lecture["startDate"], "2023-09-27T14:30:00+08:00");
    assert_eq!(ld("04-visit")["eventStatus"], "https://schema.org/EventScheduled");
}

#[test]
fn feeds_lead_with_the_change_and_are_dated_by_it() {
    let site = fixture_site("valid-changes");
    let output = build(site.path());
    let feed = feed_rs::parser::parse(read(&output.join(S).join("feed.xml")).as_bytes()).unwrap();
    let entries: Vec<(String, String)> = feed
        .entries
        .iter()
        .map(|e| (e.title.clone().unwrap().content, e.updated.unwrap().format("%Y-%m-%d").to_string()))
        .collect();
    let want = [
        ("【调整】质量沙龙", "2023-10-20"),
        ("【延期】质量大讲堂", "2023-09-10"),
        ("【已取消】质量知识竞赛", "2023-09-05"),
        ("【调整】质量创新论坛", "2023-09-01"),
        ("标杆企业参观", "2023-01-01"),
    ];
    assert_eq!(entries, want.map(|(t, d)| (t.to_string(), d.to_string())), "latest change first");
    assert_eq!(feed.updated.unwrap().format("%Y-%m-%d").to_string(), "2023-10-20");
    let contest = feed.entries.iter().find(|e| e.title.as_ref().unwrap().content.contains("竞赛")).unwrap();
    let summary = &contest.summary.as_ref().unwrap().content;
    assert!(
        summary.starts_with("状态：已取消（报名人数不足）。活动取消（9月5日公告）：本年度竞赛取消，明年再办。9月下旬"),
        "{summary}"
    );
    let content = contest.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(content.starts_with("<p class=\"changes\"><strong>状态：已取消（报名人数不足）<br>活动取消"), "{content}");
}

#[test]
fn the_changes_feed_has_an_entry_per_recorded_change_and_nothing_else() {
    let site = fixture_site("valid-changes");
    let output = build(site.path());
    let feed = feed_rs::parser::parse(read(&output.join("changes.xml")).as_bytes()).unwrap();
    // What was recorded, from the data file: each activity's changes with their dates and summaries.
    let data: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let mut want: Vec<(String, String)> = data["activities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            let title = a["title"].as_str().unwrap().to_string();
            a["changes"].as_array().unwrap().iter().map(move |c| {
                (c["date"].as_str().unwrap().to_string(), format!("{title}：{}", c["summary"].as_str().unwrap()))
            })
        })
        .collect();
    want.sort_by(|a, b| b.0.cmp(&a.0));
    assert!(want.len() >= 4, "{want:?}");
    let got: Vec<(String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            let title = e.title.clone().unwrap().content;
            // A cancelled or postponed activity's title says so first, as in its calendar.
            let title =
                title.strip_prefix('【').and_then(|t| t.split_once('】')).map_or(title.as_str(), |(_, rest)| rest);
            (e.updated.unwrap().format("%Y-%m-%d").to_string(), title.to_string())
        })
        .collect();
    let dates = |v: &[(String, String)]| v.iter().map(|(d, _)| d.clone()).collect::<Vec<_>>();
    assert_eq!(dates(&got), dates(&want), "one entry per change, latest first");
    let (mut got_sorted, mut want_sorted) = (got.clone(), want.clone());
    got_sorted.sort();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted);
    assert_eq!(feed.updated.unwrap().format("%Y-%m-%d").to_string(), want[0].0);
    let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), feed.entries.len(), "ids are unique");
    // Every entry leads to its activity's page, relative to the feed without a base_url.
    for e in &feed.entries {
        let href = &e.links[0].href;
        assert!(output.join(href).is_file(), "{href}");
    }
    // The schedule page links it.
    assert!(read(&output.join(S).join("index.html")).contains("href=\"../changes.xml\""));
    // A site without recorded changes still has the feed, empty, to subscribe to before anything moves.
    let quiet = fixture_site("valid-minimal");
    let quiet = feed_rs::parser::parse(read(&build(quiet.path()).join("changes.xml")).as_bytes()).unwrap();
    assert!(quiet.entries.is_empty());
}

#[test]
fn data_files_carry_the_status_and_the_previous_dates() {
    let site = fixture_site("valid-changes");
    let output = build(site.path());
    let doc: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let a = |slug: &str| doc["activities"].as_array().unwrap().iter().find(|a| a["slug"] == slug).unwrap().clone();
    let forum = a("01-forum");
    assert_eq!((forum["status"].as_str(), forum["sequence"].as_u64()), (Some("rescheduled"), Some(2)));
    assert_eq!((forum["changed"].as_bool(), forum["updated"].as_str()), (Some(true), Some("2023-09-01")));
    let changes = forum["changes"].as_array().unwrap();
    assert_eq!(changes[0]["date"], "2023-08-20");
    assert_eq!(changes[0]["when"]["before"], "9月18日-22日");
    assert_eq!(changes[0]["when"]["before_dates"]["start"], "2023-09-18");
    assert_eq!(changes[0]["when"]["after_dates"]["end"], "2023-10-13");
    assert_eq!(changes[1]["where"], serde_json::json!({ "before": "北京", "after": "上海" }));
    assert_eq!(changes[1]["summary"], "原定10月9日-13日，调整为10月16日-20日；地点由北京调整为上海");
    let contest = a("02-contest");
    assert_eq!((contest["status"].as_str(), contest["reason"].as_str()), (Some("cancelled"), Some("报名人数不足")));
    assert_eq!(contest["changes"][0]["status"], serde_json::json!({ "before": "scheduled", "after": "cancelled" }));
    assert!(contest["changes"][0]["when"].is_null());
    let visit = a("04-visit");
    assert_eq!((visit["status"].as_str(), visit["changed"].as_bool()), (Some("scheduled"), Some(false)));
    assert_eq!(visit["changes"], serde_json::json!([]));

    // The site's CSV: the fixture's one schedule.
    let bytes = std::fs::read(output.join("activities.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells = |i: usize| {
        ["状态 status", "调整前时间 previous_when", "调整前开始 previous_start", "调整前结束 previous_end"]
            .map(|c| rows[i][col(c)].to_string())
    };
    assert_eq!(cells(0), ["rescheduled", "10月9日-13日", "2023-10-09", "2023-10-13"], "the dates before the last move");
    assert_eq!(cells(1), ["cancelled", "", "", ""]);
    assert_eq!(cells(2), ["postponed", "", "", ""]);
    assert_eq!(cells(3), ["scheduled", "", "", ""]);
    assert!(rows[0][col("调整记录 changes")].contains("原定9月18日-22日，调整为10月9日-13日（8月20日公告）"));
}

#[test]
fn pages_show_the_changes_where_readers_look() {
    let site = fixture_site("valid-changes");
    let output = build(site.path());
    let page = |p: &str| read(&output.join(p));
    let forum = html_text(&page(&format!("{S}/01-forum.html")));
    for line in [
        "调整情况 调整",
        "原定9月18日-22日，调整为10月9日-13日（8月20日公告）：因会场改造，论坛延后举办",
        "原定10月9日-13日，调整为10月16日-20日；地点由北京调整为上海（9月1日公告）",
    ] {
        assert!(forum.contains(line), "{line} not in\n{forum}");
    }
    let contest = html_text(&page(&format!("{S}/02-contest.html")));
    assert!(contest.contains("本活动已取消。原因：报名人数不足。"), "{contest}");
    let lecture = html_text(&page(&format!("{S}/03-lecture.html")));
    assert!(
        lecture.contains("延期·待定") && lecture.contains("本活动延期举行，新时间待定。原定9月27日14:30-16:30，北京。")
    );
    let visit = page(&format!("{S}/04-visit.html"));
    assert!(!visit.contains("class=\"changes") && !visit.contains("class=\"status"), "an unchanged activity");

    // The schedule page: 最近调整 newest first, the filter's control, the rows' data, the old range.
    let schedule = page(&format!("{S}/index.html"));
    let text = html_text(&schedule);
    let recent = &text[text.find("最近调整").unwrap()..text.find("查找活动").unwrap()];
    let order: Vec<usize> = ["10月20日", "9月10日", "9月5日", "9月1日", "8月20日"]
        .iter()
        .map(|d| recent.find(d).unwrap_or_else(|| panic!("{d} not in {recent}")))
        .collect();
    assert!(order.is_sorted(), "newest first: {recent}");
    assert!(schedule.contains("<select name=\"status\">"));
    assert!(schedule.contains("data-status=\"cancelled\" data-changed=\"true\""));
    assert_eq!(schedule.matches("data-changed=\"true\"").count(), 4);
    assert!(
        schedule.contains("<span class=\"bar-was\"") && text.contains("原定2023年10月9日–13日"),
        "the range before the last move"
    );
    assert_eq!(
        schedule.matches("<span class=\"status status--").count(),
        4 * 3 + 5,
        "table, timeline, agenda, 最近调整"
    );
    // The home page lists the site's changes too; a month page marks the items of its grid.
    assert!(html_text(&page("index.html")).contains("最近调整"));
    assert!(page("months/2023-09.html").contains("<span class=\"status status--cancelled\""));
}
