//! Every page of the repository's site and of the fixture sites passes the W3C Nu HTML checker (npm package
//! `vnu-jar`, run with Java). A test binary of its own (`harness = false`) so that without Java or the checker
//! it is reported as ignored with the reason; under CI=true it fails instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use common::*;

fn jar() -> PathBuf {
    repo().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

fn missing() -> Option<String> {
    if Command::new("java").arg("-version").output().is_err() {
        return Some("java is not installed".into());
    }
    if !jar().is_file() {
        return Some(format!("{} is missing; run `npm ci` to install the W3C Nu HTML checker", jar().display()));
    }
    None
}

fn main() -> ExitCode {
    run_trials(vec![tool_trial("pages_are_valid_html", missing(), move || {
        let site = repo_site();
        validate(&build(site.path()));
        for name in [
            "valid-links",
            "valid-minimal",
            "valid-hostile-bodies",
            "valid-times",
            "valid-academic-year",
            "valid-changes",
            "valid-english",
            "valid-traditional",
            "valid-bilingual",
        ] {
            let site = fixture_site(name);
            validate(&build(site.path()));
        }
        // A schedule too large for one page: its summary, its index and its table pages.
        let large = large_schedule_site(250);
        validate(&build(large.path()));
    })])
}

fn validate(output: &Path) {
    let out = Command::new("java")
        .args(["-jar", jar().to_str().unwrap(), "--errors-only", "--skip-non-html", output.to_str().unwrap()])
        .output()
        .expect("java runs the Nu checker");
    assert!(out.status.success(), "the Nu HTML checker found errors:\n{}", stderr(&out));
}
