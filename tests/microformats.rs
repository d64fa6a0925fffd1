//! Activity pages and cards are h-events: a microformats parser (npm's `microformats-parser`, run with Node, which
//! shares no code with almanac) reads each activity's name, start, end, place and address from the built pages.
//! A test binary of its own (`harness = false`): without Node or the parser it is reported as ignored with the
//! reason; under CI=true it fails instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use common::*;
use serde_json::Value;

fn parser() -> PathBuf {
    repo().join("node_modules/microformats-parser/package.json")
}

fn missing() -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !parser().is_file() {
        return Some(format!("{} is missing; run `npm ci` to install microformats-parser", parser().display()));
    }
    None
}

/// The microformats of each of `files`, by path.
fn read_mf2(files: &[PathBuf]) -> serde_json::Map<String, Value> {
    let out = Command::new("node")
        .arg(repo().join("tests/microformats/read.mjs"))
        .args(files)
        .current_dir(repo())
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_object().unwrap().clone()
}

/// The h-events of a parsed page, as (name, start, end, location, url), `None` for a missing property.
type Event = (String, String, Option<String>, Option<String>, Option<String>);

fn events(doc: &Value) -> Vec<Event> {
    let one = |props: &Value, key: &str| {
        props[key].as_array().and_then(|v| v.first()).and_then(|v| v.as_str()).map(str::to_string)
    };
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"].as_array().unwrap().iter().any(|t| t == "h-event"))
        .map(|i| {
            let p = &i["properties"];
            (one(p, "name").unwrap(), one(p, "start").unwrap(), one(p, "end"), one(p, "location"), one(p, "url"))
        })
        .collect()
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn main() -> ExitCode {
    run_trials(vec![tool_trial("activity_pages_and_cards_are_h_events", missing(), || {
        let site = repo_site();
        let output = build(site.path());
        let schedule = output.join("2023-quality-month");
        let page = std::fs::read_dir(&schedule)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("13-") && p.extension().unwrap() == "html")
            .unwrap();
        let tag = output.join("tags/lun-tan.html");
        let docs = read_mf2(&[page.clone(), tag.clone()]);
        // 第六届中央企业QC小组成果发表赛, 9月18日-22日，地点待定: the page is one h-event with its own address.
        let on_page = events(&docs[page.to_str().unwrap()]);
        let row = seed().1.into_iter().find(|r| r.number == "13").unwrap();
        assert_eq!(
            on_page,
            [(
                row.title.clone(),
                "2023-09-18".to_string(),
                Some("2023-09-22".to_string()),
                Some("地点待定".to_string()),
                Some(url_of(&page))
            )]
        );
        // A tag's page lists its activities as h-events, each with its name, dates and page.
        let cards = events(&docs[tag.to_str().unwrap()]);
        assert_eq!(cards.len(), 3, "{cards:?}");
        for (name, start, end, _, url) in &cards {
            assert!(!name.is_empty() && start.len() == 10 && end.as_ref().is_some_and(|e| e >= start), "{name}");
            let file = url.as_deref().and_then(|u| u.strip_prefix("file://")).unwrap();
            assert!(Path::new(file).is_file(), "{file}");
        }

        // Times: the start and end as timestamps with the site's offset; a start time alone has no end.
        let site = fixture_site("valid-times");
        let output = build(site.path());
        let pages: Vec<PathBuf> = read_tree(&output)
            .into_keys()
            .filter(|p| p.matches('/').count() == 1 && p.ends_with(".html") && !p.ends_with("index.html"))
            .map(|p| output.join(p))
            .collect();
        let timed: Vec<Event> = read_mf2(&pages).values().flat_map(events).collect();
        assert!(
            timed.iter().any(|e| e.1.ends_with("+08:00") && e.2.as_ref().is_some_and(|end| end.ends_with("+08:00"))),
            "{timed:?}"
        );
        assert!(timed.iter().any(|e| e.1.contains('T') && e.2.is_none()), "a start time alone: {timed:?}");
    })])
}
