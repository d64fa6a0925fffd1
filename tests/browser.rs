//! The browser tests (tests/browser/*.test.mjs, Node's test runner driving Debian's Chromium through
//! playwright-core) against a fresh build of the repository's site (and of the fixture `valid-changes`). A test binary of its own (`harness = false`)
//! so that without node, node_modules or Chromium it is reported as ignored with the reason, where everyone sees
//! it; under CI=true a missing piece is a failure.
#![allow(clippy::print_stdout)] // it says where the screenshots are

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use common::*;

/// Why the browser tests cannot run here, if they cannot.
fn missing(chromium: &Path) -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    for package in ["playwright-core", "axe-core"] {
        if !repo().join("node_modules").join(package).join("package.json").is_file() {
            return Some(format!("node_modules/{package} is missing; run `npm ci`"));
        }
    }
    if !chromium.is_file() {
        return Some(format!(
            "{} is missing; run `apt-get install -y chromium chromium-driver` (or set ALMANAC_CHROMIUM)",
            chromium.display()
        ));
    }
    None
}

fn main() -> ExitCode {
    let chromium = PathBuf::from(std::env::var("ALMANAC_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    run_trials(vec![tool_trial("the_site_works_in_a_real_browser", missing(&chromium), move || run(&chromium))])
}

fn run(chromium: &Path) {
    let site = repo_site();
    let output = build(site.path());
    // A year of 3,333 activities, for the large schedule's page: light, and every activity found by the filter.
    let large = large_schedule_site(3333);
    let large_output = build(large.path());
    // Fixture sites whose views the tests look at too (a year across two calendar years; times and lists; three
    // years, for the schedule the home page features).
    let fixtures = tempfile::tempdir().unwrap();
    for name in
        ["valid-academic-year", "valid-times", "valid-years", "valid-english", "valid-traditional", "valid-bilingual"]
    {
        let site = fixture_site(name);
        let target = fixtures.path().join(name);
        let out =
            almanac(&["build", "--root", site.path().to_str().unwrap(), "--output", target.to_str().unwrap()], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // A schedule with changes (tests/browser/changes.test.mjs).
    let changes = fixture_site("valid-changes");
    let changes_output = build(changes.path());
    // Screenshots and the printed PDF land beside the build, in target/browser-artifacts/.
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("browser-artifacts");
    // The files by name: newer Node versions read `--test` arguments as globs, not folders.
    let mut files: Vec<String> = std::fs::read_dir(repo().join("tests/browser"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("tests/browser/{n}"))
        .collect();
    files.sort();
    let out = Command::new("node")
        .arg("--test")
        .args(&files)
        .current_dir(repo())
        .env("ALMANAC_SITE", &output)
        .env("ALMANAC_LARGE_SITE", &large_output)
        .env("ALMANAC_FIXTURES", fixtures.path())
        .env("ALMANAC_CHANGES_SITE", &changes_output)
        .env("ALMANAC_ARTIFACTS", &artifacts)
        .env("ALMANAC_CHROMIUM", chromium)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    let summary: Vec<&str> = report.lines().filter(|l| l.starts_with("# ") && !l.starts_with("# Subtest")).collect();
    println!("browser tests: {}; artefacts in {}", summary.join(", "), artifacts.display());
    assert!(out.status.success(), "browser tests failed:\n{report}\n{}", stderr(&out));
}
