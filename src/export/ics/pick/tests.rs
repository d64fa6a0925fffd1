//! static/pick.js puts picked calendars together from the data script; node runs its function on every choice of a
//! small schedule's activities, and each must be the calendar the build's writer makes of them.

use super::*;
use crate::config::Email;
use crate::export::ics::{calendar, schedule, schedule_head};
use crate::site::ActivityId;
use crate::site::tests::site_of;

/// Activities whose zone rules differ by year (New York changes twice a year), timed and all-day, with a list.
fn site(email: Option<&str>) -> Site {
    let mut site = site_of(
        Some("https://example.org/cq"),
        &[
            ("a", "2021年3月14日 10:00", None, ""),
            ("b", "2023年9月18日-22日", Some("北京"), ""),
            ("c", "2024年11月3日 9:00-11:00", None, ""),
            ("d", "2022年10月1日、3日 14:00", None, ""),
            ("e", "全年", None, ""),
        ],
    );
    site.config.timezone = Zone::get("America/New_York").unwrap();
    site.config.email = email.map(|e| Email::parse(e).unwrap());
    site
}

#[test]
fn every_choice_is_the_builds_calendar_of_the_chosen() {
    for email in [None, Some("info@example.org")] {
        let site = site(email);
        let ids: Vec<ActivityId> = site.schedule_ids(0).collect();
        let hrefs: Vec<String> =
            ids.iter().map(|&id| format!("../{}", urls::activity("s", &site.get(id).1.slug))).collect();
        let cases: Vec<serde_json::Value> = (1..1u32 << ids.len())
            .map(|mask| {
                let chosen: Vec<usize> = (0..ids.len()).filter(|i| mask & (1 << i) != 0).collect();
                let picked: Vec<ActivityId> = chosen.iter().map(|&i| ids[i]).collect();
                let all = picked.len() == ids.len();
                let expected = calendar(&site, &schedule_head(&site, 0), &picked, all);
                if all {
                    assert_eq!(expected, schedule(&site, 0), "every activity picked is the schedule's calendar");
                }
                serde_json::json!({
                    "picked": chosen.iter().map(|&i| &hrefs[i]).collect::<Vec<_>>(),
                    "expected": expected,
                })
            })
            .collect();
        let body = serde_json::json!({ "data": data(&site, 0), "cases": cases });
        crate::export::script::assert_node_agrees("tests/browser/pick.mjs", &body, "pick.js's picked calendars");
    }
}

#[test]
fn zone_rules_cover_every_range_of_years_and_no_more() {
    let site = site(None);
    let text = data(&site, 0);
    let json: serde_json::Value =
        serde_json::from_str(text.trim_start_matches("window.almanacPick = ").trim_end_matches(";\n")).unwrap();
    let zone = &json["zone"];
    // Start years 2021, 2022, 2024 (the all-day activities have no zone): the rule in force as each begins.
    assert_eq!(zone["first"].as_object().unwrap().keys().collect::<Vec<_>>(), ["2021", "2022", "2024"]);
    // Two changes a year from March 2021 to November 2024.
    let changes = zone["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 8, "{changes:?}");
    assert!(changes[0][0].as_str().unwrap().contains("DTSTART:20210314T020000"));
    assert_eq!((&changes[0][1], &changes[0][2]), (&serde_json::json!(2021), &serde_json::json!(2021)));
    assert_eq!((&changes[7][1], &changes[7][2]), (&serde_json::json!(2024), &serde_json::json!(2024)));
}

#[test]
fn without_timed_events_there_is_no_zone() {
    let site = site_of(None, &[("a", "9月", None, "")]);
    assert!(data(&site, 0).contains("\"zone\":null"));
}
