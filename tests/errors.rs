//! Invalid sites: each `tests/fixtures/invalid-*` folder holds a broken site and `expected-errors.txt`, the
//! lines its build (and `almanac check`) must print (file:line:column and the message). Every error of the run must be reported
//! at once, the exit code must be 1, and the previous output must survive untouched.

mod common;

use common::*;

fn check(name: &str) {
    let site = fixture_site(name);
    let expected = read(&site.path().join("expected-errors.txt"));
    let output = site.path().join("output");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("previous.html"), "previous build").unwrap();
    std::fs::write(output.join(MARKER), "").unwrap();

    let out = almanac(&["build", "--root", site.path().to_str().unwrap()], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: exit code\n{err}");
    assert!(!err.contains("panicked"), "{name}: panic\n{err}");
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        assert!(err.contains(line), "{name}: expected\n  {line}\nin\n{err}");
    }
    let n = expected.lines().filter(|l| l.contains("--> ")).count();
    assert!(err.contains(&format!("{n} error")), "{name}: expected {n} errors in\n{err}");
    assert_eq!(read(&output.join("previous.html")), "previous build", "{name}: previous output changed");
    // `check` finds the same errors, without writing anything.
    let out = almanac(&["check", "--root", site.path().to_str().unwrap()], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: check exit code\n{err}");
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        assert!(err.contains(line), "{name}: check should print\n  {line}\nin\n{err}");
    }
    assert_eq!(read(&output.join("previous.html")), "previous build", "{name}: check touched the output");

    let left: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("almanac-") && !n.ends_with(".almanac-lock"))
        .collect();
    assert!(left.is_empty(), "{name}: staging left behind: {left:?}");
}

macro_rules! invalid_sites {
    ($($test:ident => $dir:literal,)*) => {$(
        #[test]
        fn $test() {
            check($dir);
        }
    )*};
}

invalid_sites! {
    broken_toml => "invalid-toml",
    unknown_keys_with_suggestions => "invalid-unknown-keys",
    unreadable_dates_all_reported => "invalid-dates",
    schedule_without_index => "invalid-missing-index",
    not_utf8 => "invalid-utf8",
    template_syntax_error => "invalid-template",
    template_unknown_filter => "invalid-template-filter",
    template_unknown_field => "invalid-template-field",
    front_matter_delimiters => "invalid-front-matter",
    missing_required_key => "invalid-missing-key",
    bad_config => "invalid-config",
    links_that_do_not_resolve => "invalid-links",
    two_things_at_one_path => "invalid-slug-collision",
    a_weekday_that_does_not_match => "invalid-weekday",
    control_characters_in_every_field => "invalid-control-characters",
    a_history_of_changes_that_cannot_be_read => "invalid-changes",
}

#[test]
fn missing_config_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = almanac(&["build", "--root", dir.path().to_str().unwrap()], &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("almanac.toml") && err.contains("--root"), "{err}");
}
