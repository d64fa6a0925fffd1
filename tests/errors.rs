//! Invalid sites, discovered: every `tests/fixtures/invalid-*` folder holds a broken site, and beside it the
//! whole diagnostic output of `almanac check` and `almanac build` (`check.stderr`, `build.stderr`; `NO_COLOR=1`,
//! the site's temporary path written `[ROOT]`). Every error of the run is reported at once, the exit code is 1,
//! and the previous output survives untouched. `SNAPSHOTS=overwrite cargo test --test errors` rewrites the
//! snapshots; read each before committing it, as they are the record of what a user sees.
//!
//! A folder of `tests/fixtures` that fits no rule (`common::fixture_folders`) fails here. A test binary of its
//! own (`harness = false`) so that each fixture is a test of its own, named by its folder.

mod common;

use std::path::Path;
use std::process::ExitCode;

use common::*;
use libtest_mimic::Trial;

fn main() -> ExitCode {
    let mut trials = vec![
        Trial::test("every_fixture_folder_fits_a_rule", || {
            every_fixture_folder_fits_a_rule();
            Ok(())
        }),
        Trial::test("missing_config_is_explained", || {
            missing_config_is_explained();
            Ok(())
        }),
    ];
    for (name, rule) in fixture_folders() {
        if rule == FixtureRule::Invalid {
            trials.push(Trial::test(format!("fixtures::{name}"), move || {
                check(&name);
                Ok(())
            }));
        }
    }
    run_trials(trials)
}

/// `stderr` of `run` as a snapshot compares it: the site's temporary path made `[ROOT]`.
fn diagnostics(out: &std::process::Output, root: &Path) -> String {
    stderr(out).replace(root.to_str().unwrap(), "[ROOT]")
}

/// Compares `actual` with the snapshot `tests/fixtures/<name>/<file>`, whole (`SNAPSHOTS=overwrite` rewrites it).
fn assert_snapshot(name: &str, file: &str, actual: String) {
    let path = repo().join("tests/fixtures").join(name).join(file);
    snapbox::Assert::new().action_env("SNAPSHOTS").eq(actual, snapbox::Data::read_from(&path, None).raw());
}

fn check(name: &str) {
    let site = fixture_site(name);
    let root = site.path();
    let output = root.join("output");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("previous.html"), "previous build").unwrap();
    std::fs::write(output.join(MARKER), "").unwrap();
    let no_color = [("NO_COLOR", "1")];

    let out = almanac(&["build", "--root", root.to_str().unwrap()], &no_color);
    let err = diagnostics(&out, root);
    assert_eq!(out.status.code(), Some(1), "{name}: exit code\n{err}");
    assert!(!err.contains("panicked"), "{name}: panic\n{err}");
    assert_snapshot(name, "build.stderr", err);
    assert_eq!(read(&output.join("previous.html")), "previous build", "{name}: previous output changed");

    // `check` finds the same errors, without writing anything.
    let out = almanac(&["check", "--root", root.to_str().unwrap()], &no_color);
    let err = diagnostics(&out, root);
    assert_eq!(out.status.code(), Some(1), "{name}: check exit code\n{err}");
    assert_snapshot(name, "check.stderr", err);
    assert_eq!(read(&output.join("previous.html")), "previous build", "{name}: check touched the output");

    let left: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("almanac-") && !n.ends_with(".almanac-lock"))
        .collect();
    assert!(left.is_empty(), "{name}: staging left behind: {left:?}");
}

fn every_fixture_folder_fits_a_rule() {
    let folders = fixture_folders();
    let unknown: Vec<&str> =
        folders.iter().filter(|(_, rule)| *rule == FixtureRule::Unknown).map(|(n, _)| n.as_str()).collect();
    assert!(
        unknown.is_empty(),
        "tests/fixtures/{{{}}} fits no rule: name a folder invalid-* (a site that must fail, with check.stderr and \
         build.stderr beside it) or valid-* (a site that must build whole), or list it in common::USED_BY_NAME \
         with the test that uses it",
        unknown.join(",")
    );
    // The list of folders used by name stays true: each is there, and named in the file that uses it.
    for (name, file) in USED_BY_NAME {
        assert!(folders.iter().any(|(n, _)| n == name), "common::USED_BY_NAME lists {name}, not in tests/fixtures");
        assert!(read(&repo().join(file)).contains(name), "{file} does not use the fixture {name}");
    }
    assert!(folders.iter().filter(|(_, r)| *r == FixtureRule::Invalid).count() >= 16, "{folders:?}");
}

fn missing_config_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = almanac(&["build", "--root", dir.path().to_str().unwrap()], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("almanac.toml") && err.contains("--root"), "{err}");
}
