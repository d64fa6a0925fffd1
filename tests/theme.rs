//! `almanac theme`, run as the real binary on a site made by `almanac init`: list the built-in theme, copy a file
//! of it to override it, or the whole theme; never overwrite without --force; suggest a name for a typo.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A new site from `almanac init`, which has no theme of its own.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = almanac(&["init", site.to_str().unwrap(), "--year", "2025"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, site)
}

fn theme(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["theme", "--root", site.to_str().unwrap()];
    all.extend_from_slice(args);
    almanac(&all, &[])
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_copied_template_overrides_the_theme_after_an_edit() {
    let (_dir, site) = new_site();
    let out = theme(&site, &["copy", "activity.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = site.join("templates/activity.html");
    let theirs = read(&repo().join("themes/default/templates/activity.html"));
    assert_eq!(read(&copy), theirs);
    assert!(stdout(&out).contains("templates/activity.html"), "{}", stdout(&out));
    std::fs::write(&copy, theirs.replace(">{{ activity.title }}</h1>", ">编辑过的模板 {{ activity.title }}</h1>"))
        .unwrap();
    let output = build(&site);
    assert!(html_text(&read(&output.join("2025-activities/01-example.html"))).contains("编辑过的模板 示例活动"));
    // Only that one file: the rest still comes from the theme built into almanac.
    assert!(!site.join("themes").exists());
    assert_eq!(read_tree(&site.join("templates")).len(), 1);

    let list = theme(&site, &["list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let listed = stdout(&list);
    let line = |name: &str| listed.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_default().to_string();
    assert!(line("activity.html").contains("overridden by"), "{listed}");
    assert!(!line("home.html").contains("overridden by"), "{listed}");
    assert!(line("partials/calendar.html").starts_with("  partials/calendar.html"), "{listed}");
    assert!(line("style.css").starts_with("  style.css"), "{listed}");
}

#[test]
fn copy_never_overwrites_without_force() {
    let (_dir, site) = new_site();
    assert!(theme(&site, &["copy", "activity.html"]).status.success());
    let copy = site.join("templates/activity.html");
    std::fs::write(&copy, "mine").unwrap();

    // Both refusals at once, and nothing written for the name that was free.
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/style.css"), "mine too").unwrap();
    let again = theme(&site, &["copy", "activity.html", "style.css", "home.html"]);
    assert_eq!(again.status.code(), Some(1));
    let err = stderr(&again);
    assert_eq!(err.matches("the file already exists").count(), 2, "{err}");
    assert!(err.contains("templates/activity.html") && err.contains("static/style.css"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&copy), "mine");
    assert!(!site.join("templates/home.html").exists());

    let forced = theme(&site, &["copy", "--force", "activity.html"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(read(&copy), read(&repo().join("themes/default/templates/activity.html")));
}

#[test]
fn an_unknown_name_gets_a_suggestion_and_nothing_is_written() {
    let (_dir, site) = new_site();
    let out = theme(&site, &["copy", "home.html", "calender.html", "activty.html", "zzzz"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no template or static file `calender.html`"), "{err}");
    assert!(err.contains("did you mean `partials/calendar.html`?"), "{err}");
    assert!(err.contains("did you mean `activity.html`?"), "{err}");
    assert!(err.contains("`almanac theme list` shows the theme's files"), "{err}");
    assert!(err.contains("3 errors found"), "{err}");
    assert!(!site.join("templates").exists());
}

#[test]
fn copy_all_forks_the_default_theme_and_the_site_builds_from_it() {
    let (_dir, site) = new_site();
    let out = theme(&site, &["copy", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_tree(&site.join("themes/default")), read_tree(&repo().join("themes/default")));
    let list = stdout(&theme(&site, &["list"]));
    assert!(list.contains("themes/default"), "{list}");

    let base = site.join("themes/default/templates/base.html");
    std::fs::write(&base, read(&base).replace("</body>", "<p>本站的主题</p></body>")).unwrap();
    assert!(html_text(&read(&build(&site).join("index.html"))).contains("本站的主题"));

    let again = theme(&site, &["copy", "--all"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(read(&base).contains("本站的主题"));
    let forced = theme(&site, &["copy", "--all", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!read(&base).contains("本站的主题"));
}

#[test]
fn copy_needs_names_or_all_but_not_both() {
    let (_dir, site) = new_site();
    assert_eq!(theme(&site, &["copy"]).status.code(), Some(2));
    assert_eq!(theme(&site, &["copy", "--all", "home.html"]).status.code(), Some(2));
    assert!(!site.join("templates").exists() && !site.join("themes").exists());
}
