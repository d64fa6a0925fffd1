//! Calendars read back by the `ical` crate and their recurrences expanded by the `rrule` crate, neither sharing
//! code with the writer.

use std::io::BufReader;

use super::*;
use crate::config::Email;
use crate::site::tests::site_of;

type Event = Vec<ical::property::Property>;

/// The calendar's own properties and its events, as an independent reader sees them.
fn read(text: &str) -> (Vec<ical::property::Property>, Vec<Event>) {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("it parses");
    assert!(parser.next().is_none(), "one calendar");
    (cal.properties, cal.events.into_iter().map(|e| e.properties).collect())
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn value<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    prop(props, name).and_then(|p| p.value.as_deref())
}

fn cn(p: &ical::property::Property) -> Option<String> {
    p.params.as_ref()?.iter().find(|(k, _)| k == "CN").map(|(_, v)| v.join(","))
}

fn site(organiser: Option<&str>, email: Option<&str>) -> Site {
    let mut site = site_of(None, &[("a", "9月18日-22日", None, ""), ("b", "10月1日、3日", None, "")]);
    site.config.organiser = organiser.map(str::to_string);
    site.config.email = email.map(|e| Email::parse(e).unwrap());
    site
}

#[test]
fn without_an_address_there_is_no_method_and_no_organizer() {
    let (cal, events) = read(&schedule(&site(Some("中国质量协会"), None), 0));
    assert_eq!(value(&cal, "METHOD"), None, "PUBLISH would require an ORGANIZER");
    assert_eq!(value(&cal, "VERSION"), Some("2.0"));
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| prop(e, "ORGANIZER").is_none()));
}

#[test]
fn with_an_address_every_event_names_its_organiser_and_the_calendar_publishes() {
    // The schedule's organiser names it; the site's stands in for a schedule that names none.
    for (schedule_organiser, site_organiser, want) in [
        (Some("中国质量协会"), Some("站点"), Some("中国质量协会")),
        (None, Some("质量协会: 秘书处, 北京"), Some("质量协会: 秘书处, 北京")),
        (None, None, None),
    ] {
        let mut site = site(site_organiser, Some("calendar@cqa.example.org"));
        std::sync::Arc::make_mut(&mut site.schedules[0]).organiser = schedule_organiser.map(str::to_string);
        let text = schedule(&site, 0);
        let (cal, events) = read(&text);
        assert_eq!(value(&cal, "METHOD"), Some("PUBLISH"));
        assert_eq!(events.len(), 2, "{text}");
        for e in &events {
            let o = prop(e, "ORGANIZER").unwrap_or_else(|| panic!("no ORGANIZER in {text}"));
            assert_eq!(o.value.as_deref(), Some("mailto:calendar@cqa.example.org"));
            assert_eq!(cn(o).as_deref(), want, "{text}");
        }
        for id in site.activity_ids() {
            let (cal, events) = read(&activity(&site, id));
            assert_eq!(value(&cal, "METHOD"), Some("PUBLISH"));
            assert!(events.iter().all(|e| prop(e, "ORGANIZER").is_some()));
        }
    }
}

#[test]
fn an_activitys_own_organiser_comes_before_its_schedules() {
    let mut site = site(Some("站点"), Some("calendar@cqa.example.org"));
    std::sync::Arc::make_mut(&mut site.schedules[0]).organiser = Some("中国质量协会".into());
    std::sync::Arc::make_mut(&mut site.schedules[0]).activities[0].organiser = Some("中国标准化研究院".into());
    std::sync::Arc::make_mut(&mut site.schedules[0]).activities[1].organiser = Some("  ".into());
    let (_, events) = read(&schedule(&site, 0));
    let mut names: Vec<String> = events.iter().filter_map(|e| cn(prop(e, "ORGANIZER")?)).collect();
    names.sort();
    assert_eq!(names, ["中国标准化研究院", "中国质量协会"], "a blank organiser names no one");
}

/// The day of every instance of an event: `DTSTART`, which RFC 5545 counts as the first instance, then what
/// the `rrule` crate expands its `RDATE`s to (it leaves out a `DTSTART` that no rule generates).
fn instances(e: &Event) -> Vec<String> {
    let line = |name: &str| {
        prop(e, name).map(|p| {
            let params: Vec<String> = p.params.iter().flatten().map(|(k, v)| format!(";{k}={}", v.join(","))).collect();
            format!("{name}{}:{}", params.concat(), p.value.as_deref().unwrap_or_default())
        })
    };
    let start = line("DTSTART").unwrap();
    let mut days = vec![value(e, "DTSTART").unwrap()[..8].to_string()];
    if let Some(rdate) = line("RDATE") {
        let set: rrule::RRuleSet = format!("{start}\n{rdate}").parse().unwrap();
        let all = set.all(u16::MAX);
        assert!(!all.limited);
        days.extend(all.dates.iter().map(|d| d.format("%Y%m%d").to_string()));
    }
    days
}

#[test]
fn a_long_list_of_dates_is_one_event_with_every_date() {
    // As many full dates as a `when` holds within the reader's 1,000 characters.
    let days: Vec<NaiveDate> = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap().iter_days().step_by(3).take(80).collect();
    let text: Vec<String> = days.iter().map(|d| d.format("%Y年%-m月%-d日").to_string()).collect();
    let when = text.join("、");
    let site = site_of(None, &[("a", &when, Some("北京"), "正文")]);
    let ics = schedule(&site, 0);
    let (_, events) = read(&ics);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(value(e, "DTEND"), Some("20230103"), "each instance one day long");
    let want: Vec<String> = days.iter().map(|d| d.format("%Y%m%d").to_string()).collect();
    let got = instances(e);
    assert!(got == want, "{} instances, from {:?} to {:?}", got.len(), got.first(), got.last());
    // The date text is said once, not once per date.
    assert_eq!(ics.replace("\r\n ", "").matches("2023年1月2日").count(), 2, "published text and its reading");
}

#[test]
fn timed_lists_repeat_at_their_local_times() {
    let site = site_of(None, &[("a", "10月1日、3日、5日 9:00-11:00", None, "")]);
    let (_, events) = read(&schedule(&site, 0));
    let e = &events[0];
    assert_eq!(events.len(), 1);
    assert_eq!((value(e, "DTSTART"), value(e, "DTEND")), (Some("20231001T090000"), Some("20231001T110000")));
    assert_eq!(value(e, "RDATE"), Some("20231003T090000,20231005T090000"));
    assert_eq!(instances(e), ["20231001", "20231003", "20231005"]);
    let rdate = prop(e, "RDATE").unwrap();
    assert_eq!(rdate.params.as_ref().unwrap()[0], ("TZID".to_string(), vec!["Asia/Shanghai".to_string()]));
}

#[test]
fn milestones_name_their_activity_without_repeating_its_dates() {
    let days: Vec<String> = (1..=28).map(|d| format!("2月{d}日")).collect();
    let mut site = site_of(None, &[("a", &days.join("、"), Some("北京"), "")]);
    let milestone = |label: &str, when: &str| crate::content::Milestone {
        label: label.into(),
        when_text: when.into(),
        when: crate::content::dates::parse_when(when, 2023).unwrap(),
        span: 0..0,
        outside: false,
    };
    std::sync::Arc::make_mut(&mut site.schedules[0]).activities[0].milestones =
        (1..=10).map(|i| milestone(&format!("阶段{i}"), &format!("3月{i}日"))).collect();
    let ics = schedule(&site, 0).replace("\r\n ", "");
    let (_, events) = read(&ics);
    assert_eq!(events.len(), 11);
    // The list's text and its reading, in the activity's own event only.
    assert_eq!(ics.matches("2月1日、2日").count() + ics.matches("2月1日、2月2日").count(), 2, "{ics}");
    for e in &events[1..] {
        let description = value(e, "DESCRIPTION").unwrap();
        assert!(description.contains("所属活动：活动a") && !description.contains("2月"), "{description}");
    }
}

/// A site of activities a–d over two schedules, tagged as given, with or without a `base_url`.
fn tagged(base_url: Option<&str>) -> Site {
    let site = site_of(base_url, &[("a", "9月18日", None, ""), ("b", "10月1日", None, ""), ("c", "11月", None, "")]);
    let Site { config, mut schedules, .. } = site;
    let mut other = (*schedules[0]).clone();
    other.slug = "t".into();
    other.title = "另一个日程".into();
    other.activities.truncate(1);
    other.activities[0].slug = "d".into();
    other.activities[0].title = "活动d".into();
    other.activities[0].tags = vec!["论坛".into()];
    let tags: [&[&str]; 3] = [&["论坛", "培训"], &["培训"], &[]];
    for (a, t) in std::sync::Arc::make_mut(&mut schedules[0]).activities.iter_mut().zip(tags) {
        a.tags = t.iter().map(|t| t.to_string()).collect();
    }
    schedules.push(other.into());
    Site::new(config, crate::words::Words::builtin_zh_cn(), schedules)
}

fn summaries(text: &str) -> Vec<String> {
    read(text).1.iter().map(|e| value(e, "SUMMARY").unwrap().to_string()).collect()
}

#[test]
fn a_tags_calendar_holds_exactly_its_activities_across_schedules_with_their_uids() {
    let site = tagged(None);
    let names: Vec<&str> = site.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["论坛", "培训"], "in reading order");
    let forum = summaries(&tag(&site, 0));
    // The other schedule's activity too; each once.
    assert_eq!(forum.iter().filter(|s| *s == "活动a").count(), 1);
    assert_eq!(forum.iter().filter(|s| *s == "活动d").count(), 1);
    assert_eq!(forum.len(), 2, "{forum:?}");
    let training = summaries(&tag(&site, 1));
    assert_eq!(training, ["活动a", "活动b"]);
    // The same UIDs as the schedules' own calendars.
    let uids = |text: &str| -> Vec<String> {
        read(text).1.iter().map(|e| value(e, "UID").unwrap().to_string()).collect::<Vec<_>>()
    };
    let all: Vec<String> = uids(&schedule(&site, 0)).into_iter().chain(uids(&schedule(&site, 1))).collect();
    assert!(uids(&tag(&site, 0)).iter().all(|u| all.contains(u)));
}

#[test]
fn every_calendar_names_itself_and_says_how_often_to_refresh() {
    for base in [None, Some("https://example.org/cq")] {
        let site = tagged(base);
        let id = ActivityId { schedule: 0, activity: 0 };
        for (text, name, page, file) in [
            (schedule(&site, 0), "日程", "s/index.html", "s/calendar.ics"),
            (tag(&site, 1), "站点：培训", "tags/pei-xun.html", "tags/pei-xun.ics"),
            (activity(&site, id), "活动a", "s/a.html", "s/a.ics"),
        ] {
            let (cal, _) = read(&text);
            assert_eq!(value(&cal, "NAME"), Some(name), "{text}");
            assert_eq!(value(&cal, "X-WR-CALNAME"), Some(name));
            let refresh = prop(&cal, "REFRESH-INTERVAL").unwrap();
            assert_eq!(refresh.params, Some(vec![("VALUE".to_string(), vec!["DURATION".to_string()])]));
            assert_eq!(refresh.value.as_deref(), Some(REFRESH));
            assert_eq!(value(&cal, "X-PUBLISHED-TTL"), Some(REFRESH));
            // Absolute addresses only, so only with a base_url.
            let at = |rel: &str| base.map(|b| format!("{b}/{rel}"));
            assert_eq!(value(&cal, "URL").map(str::to_string), at(page));
            assert_eq!(value(&cal, "SOURCE").map(str::to_string), at(file));
            assert_eq!(
                prop(&cal, "ORGANIZER").map(|p| p.name.clone()),
                None,
                "ORGANIZER is an event's, not a calendar's"
            );
        }
    }
}
