//! The editor's commands, run as the real binary: new, init and check.

mod common;

use common::*;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn new_then_build_puts_the_activity_on_the_calendar() {
    let site = fixture_site("valid-minimal");
    let root = site.path().to_str().unwrap();
    let args = ["new", "spring", "--title", "质量沙龙", "--when", "4月上旬", "--where", "上海", "--tags", "论坛,沙龙"];
    let out = almanac(&[&args[..], &["--root", root]].concat(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    // The draft holds 序号 3, so the next free number is 4.
    let file = site.path().join("content/spring/04-zhi-liang-sha-long.md");
    assert!(said.contains("04-zhi-liang-sha-long.md"), "{said}");
    assert!(
        said.contains("4月上旬 → 2024-04-01 … 2024-04-10 (旬)") && said.contains("2024年4月1日–10日（4月上旬）"),
        "{said}"
    );
    assert!(read(&file).contains("where = \"上海\"\ntags = [\"论坛\", \"沙龙\"]"));

    let output = build(site.path());
    assert!(html_text(&read(&output.join("spring/index.html"))).contains("质量沙龙"));
    assert!(html_text(&read(&output.join("spring/04-zhi-liang-sha-long.html"))).contains("4月上旬，上海"));
    assert!(output.join("tags/sha-long.html").is_file());

    let again = almanac(&[&args[..], &["--root", root, "--number", "4"]].concat(), &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
}

#[test]
fn new_rejects_an_unreadable_date_and_writes_nothing() {
    let site = fixture_site("valid-minimal");
    let root = site.path().to_str().unwrap();
    let out = almanac(&["new", "spring", "--title", "x", "--when", "13月", "--root", root], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("month 13 does not exist"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(site.path().join("content/spring")).unwrap().count(), 4);
}

#[test]
fn new_schedule_then_activity() {
    let site = fixture_site("valid-minimal");
    let root = site.path().to_str().unwrap();
    let missing = almanac(&["new", "autumn", "--title", "秋季论坛", "--when", "10月", "--root", root], &[]);
    assert!(stderr(&missing).contains("--schedule"), "{}", stderr(&missing));
    let out = almanac(&["new", "autumn", "--schedule", "--title", "2024年秋季", "--year", "2024", "--root", root], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = almanac(&["new", "autumn", "--title", "秋季论坛", "--when", "10月", "--root", root], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = build(site.path());
    assert!(html_text(&read(&output.join("autumn/01-qiu-ji-lun-tan.html"))).contains("2024年10月"));
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = almanac(&["init", site.to_str().unwrap(), "--year", "2025"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The site uses the theme built into almanac, so it gets the theme's fixes with each new almanac.
    assert!(!site.join("themes").exists());
    assert!(!site.join("templates").exists());
    let output = build(&site);
    assert!(
        html_text(&read(&output.join("2025-activities/01-example.html"))).contains("2025年9月21日–30日（9月下旬）")
    );
    let check = almanac(&["check", "--strict", "--root", site.to_str().unwrap()], &[]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let again = almanac(&["init", site.to_str().unwrap()], &[]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn init_starts_a_site_in_each_language_the_theme_speaks() {
    let dir = tempfile::tempdir().unwrap();
    for (language, said) in [("en", "Sep 21–30, 2025 (late September)"), ("zh-TW", "2025年9月21日–30日（9月下旬）")]
    {
        let site = dir.path().join(language);
        let out = almanac(&["init", site.to_str().unwrap(), "--year", "2025", "--language", language], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let output = build(&site);
        let page = read(&output.join("2025-activities/01-example.html"));
        assert!(page.contains(&format!("<html lang=\"{language}\"")) && html_text(&page).contains(said), "{page}");
        let check = almanac(&["check", "--strict", "--root", site.to_str().unwrap()], &[]);
        assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    }
    let out = almanac(&["init", dir.path().join("fr").to_str().unwrap(), "--language", "fr"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("give one of zh-CN, zh-TW, en"), "{}", stderr(&out));
    assert!(!dir.path().join("fr").exists(), "nothing is written");
}

#[test]
fn check_shows_readings_and_warnings_and_writes_nothing() {
    let site = fixture_site("warnings");
    let root = site.path().to_str().unwrap();
    let out = almanac(&["check", "--root", root], &[("NO_COLOR", "1")]);
    let (said, err) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "warnings alone pass:\n{err}");
    assert!(said.contains("2024年3月") && said.contains("→ 2024-03-01 … 2024-03-31 (月)"), "{said}");
    for line in read(&site.path().join("expected-warnings.txt")).lines() {
        assert!(err.contains(line), "expected\n  {line}\nin\n{err}");
    }
    // One title on activities at different places or dates is no duplicate (01-a, 10-j).
    assert!(!err.contains("content/s/01-a.md:3:9") && !err.contains("content/s/10-j.md"), "{err}");
    assert!(said.contains("0 errors, 16 warnings, 13 dates read."), "{said}");
    assert!(!err.contains('\x1b'), "no colour when stderr is not a terminal");
    assert!(!site.path().join("output").exists());

    let strict = almanac(&["check", "--strict", "--root", root], &[]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("(--strict)"));
    build(site.path()); // warnings never stop a build
}

#[test]
fn check_of_the_seed_site_reads_every_date() {
    let site = repo_site();
    // --strict: the shipped content is the first thing a newcomer checks, and it checks clean.
    let out = almanac(&["check", "--strict", "--root", site.path().to_str().unwrap()], &[]);
    let said = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    for line in [
        "8月下旬                          → 2023-08-21 … 2023-08-31 (旬)",
        "9月18日-22日                     → 2023-09-18 … 2023-09-22 (日)",
        "全年，按报名预约时间安排         → 2023-01-01 … 2023-12-31 (年)",
    ] {
        assert!(said.contains(line), "{line}\nnot in\n{said}");
    }
}

#[test]
fn new_reads_the_date_in_the_schedules_academic_year() {
    let site = fixture_site("valid-academic-year");
    let root = site.path().to_str().unwrap();
    let out = almanac(&["new", "2024-25", "--title", "春季运动会", "--when", "4月中旬", "--root", root], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("4月中旬 → 2025-04-11 … 2025-04-20 (旬)"), "{}", stdout(&out));
}
