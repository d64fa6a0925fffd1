//! Valid fixture sites built by the real binary.

mod common;

use common::*;

#[test]
fn minimal_site_builds_every_page_kind() {
    let site = fixture_site("valid-minimal");
    let out = almanac(&["build", "--root", site.path().to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.starts_with("Built 2 activities in 1 schedule:"), "{summary}");
    let output = site.path().join("output");
    for page in [
        "index.html",
        "404.html",
        "spring/index.html",
        "spring/01-forum.html",
        "spring/02-review.html",
        "months/2024-03.html",
        "months/2024-04.html",
        "tags/index.html",
        "tags/lun-tan.html",
        "tags/ping-shen.html",
        "static/style.css",
    ] {
        assert!(output.join(page).is_file(), "missing {page}");
    }
    assert!(!output.join("spring/03-draft.html").exists(), "drafts are left out by default");

    let forum = html_text(&read(&output.join("spring/01-forum.html")));
    assert!(forum.contains("2024年3月18日–22日") && forum.contains("3月18日-22日，北京"), "{forum}");
    let review = html_text(&read(&output.join("spring/02-review.html")));
    assert!(
        review.contains("2024年3月–4月") && review.contains("评审正文。") && review.contains("公布结果"),
        "{review}"
    );
    let march = html_text(&read(&output.join("months/2024-03.html")));
    assert!(march.contains("质量论坛") && march.contains("年度评审"), "{march}");
    let calendar = html_text(&read(&output.join("spring/index.html")));
    assert!(calendar.contains("春季活动简介。") && calendar.contains("注：以通知为准。"));
}

#[test]
fn drafts_flag_includes_drafts_and_leap_day_reads() {
    let site = fixture_site("valid-minimal");
    let out = almanac(&["build", "--drafts", "--root", site.path().to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let draft = html_text(&read(&site.path().join("output/spring/03-draft.html")));
    assert!(draft.contains("2024年2月29日"), "{draft}");
}

#[test]
fn files_of_deleted_activities_do_not_linger() {
    let site = fixture_site("valid-minimal");
    let output = build(site.path());
    assert!(output.join("spring/01-forum.html").exists());
    std::fs::remove_file(site.path().join("content/spring/01-forum.md")).unwrap();
    build(site.path());
    assert!(!output.join("spring/01-forum.html").exists());
    assert!(!output.join("tags/lun-tan.html").exists() || read(&output.join("tags/lun-tan.html")).contains("年度评审"));
}

#[test]
fn output_option_writes_elsewhere() {
    let site = fixture_site("valid-minimal");
    let elsewhere = site.path().join("public");
    let out =
        almanac(&["build", "--root", site.path().to_str().unwrap(), "--output", elsewhere.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(elsewhere.join("index.html").is_file() && !site.path().join("output").exists());
}

#[test]
fn second_schedule_just_works() {
    let site = fixture_site("valid-two-schedules");
    let output = build(site.path());
    let home = read(&output.join("index.html"));
    assert!(home.contains("new-2024/index.html") && home.contains("old-2023/index.html"), "home links every schedule");
    assert!(html_text(&home).contains("按旬活动"), "home shows the latest schedule's calendar");
    let cross = html_text(&read(&output.join("old-2023/cross-year.html")));
    assert!(cross.contains("2023年12月–2024年1月"), "{cross}");
    assert!(output.join("months/2024-01.html").is_file());
    // start = 2024-05-13 pins the start of 5月中旬 (11–20) to an exact day.
    let pinned = html_text(&read(&output.join("new-2024/b.html")));
    assert!(pinned.contains("2024年5月13日–20日"), "{pinned}");
    assert_eq!(read(&output.join("tags/index.html")), "site template overrides the theme's\n");
    // Neither schedule has an organiser, nor its activities a 序号: no stray separator, no empty label.
    for page in
        ["index.html", "new-2024/index.html", "new-2024/b.html", "old-2023/cross-year.html", "months/2024-05.html"]
    {
        let text = html_text(&read(&output.join(page)));
        assert!(!text.contains("第  项") && !text.contains("第 项") && !text.contains("序号"), "{page}: {text}");
        assert!(!text.lines().any(|l| l.trim_start().starts_with('·')), "{page}: a line starts with ·");
    }
    assert!(html_text(&home).contains("2024年活动 2024年5月 · 共 1 项活动"), "{}", html_text(&home));
}

#[test]
fn a_large_tag_is_split_into_linked_pages() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("content/big");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(dir.path().join("almanac.toml"), "title = \"大档案\"\n").unwrap();
    std::fs::write(s.join("_index.md"), "+++\ntitle = \"2023年\"\nyear = 2023\n+++\n").unwrap();
    for n in 1..=450 {
        let when = format!("{}月{}日", n % 12 + 1, n % 28 + 1);
        let text = format!("+++\nnumber = {n}\ntitle = \"活动{n}\"\nwhen = \"{when}\"\ntags = [\"评价\"]\n+++\n");
        std::fs::write(s.join(format!("{n:03}.md")), text).unwrap();
    }
    let output = build(dir.path());
    let first = html_text(&read(&output.join("tags/ping-jia.html")));
    assert!(first.contains("共 450 项活动，第 1 / 3 页") && first.contains("活动200") && !first.contains("活动201"));
    let last = html_text(&read(&output.join("tags/ping-jia/page-3.html")));
    assert!(last.contains("活动450") && !last.contains("活动400"), "{last}");
    assert!(!output.join("tags/ping-jia/page-4.html").exists());
    assert!(check_links(&output, None) > 0, "page links resolve");
}

#[test]
fn every_valid_fixture_writes_each_path_once_and_every_link_resolves() {
    let mut seen = 0;
    for (name, rule) in fixture_folders() {
        if rule == FixtureRule::Valid || name == "warnings" {
            let site = fixture_site(&name);
            assert_whole(site.path());
            seen += 1;
        }
    }
    assert!(seen >= 4, "only {seen} valid fixtures");
}

#[test]
fn links_between_content_files_become_page_links_on_every_page() {
    let site = fixture_site("valid-links");
    let output = assert_whole(site.path());
    let a = read(&output.join("s/01-a.html"));
    for href in [
        "href=\"02-b.html\"",
        "href=\"02-b.html#p2\"",
        "href=\"../t/03-c.html\"",
        "href=\"index.html\"",
        "src=\"../static/logo.png\"",
        "href=\"calendar.ics\"",
        "href=\"../activities.json\"",
        "href=\"../months/2023-09.html\"",
        "href=\"../tags/index.html\"",
        "href=\"../index.html\"",
        "href=\"https://example.org/a.md\"",
    ] {
        assert!(a.contains(href), "{href} not on the activity page");
    }
    assert!(!a.contains("href=\"02-b.toml\""), "raw HTML links are rewritten too");
    // The schedule page shows the intro and, in its table, the bodies: rewritten for where it is.
    let schedule = read(&output.join("s/index.html"));
    for href in ["href=\"02-b.html\"", "src=\"../static/logo.png\"", "href=\"../t/index.html\"", "href=\"01-a.html\""] {
        assert!(schedule.contains(href), "{href} not on the schedule page");
    }
    let home = read(&output.join("index.html"));
    assert!(home.contains("href=\"s/index.html\""), "the home page links the schedule");
    assert!(!home.contains("href=\"../"), "nothing on the home page climbs above the site");
    // A .toml body and a link across schedules.
    assert!(read(&output.join("s/02-b.html")).contains("href=\"01-a.html\""));
    assert!(read(&output.join("t/03-c.html")).contains("href=\"../s/01-a.html\""));
    // Feeds without a base_url link relative to themselves.
    assert!(read(&output.join("feed.xml")).contains("href=\"s/02-b.html\""));
    // Hidden folders are not content; upper-case extensions are.
    assert!(!output.join("s/old.html").exists() && output.join("t/03-c.html").exists());
    // The milestone before the activity's months still has its month page.
    assert!(output.join("months/2023-08.html").is_file());
}

#[test]
fn every_tag_gets_its_own_page_whatever_its_name() {
    let site = fixture_site("valid-links");
    let output = assert_whole(site.path());
    let list = read(&output.join("tags/index.html"));
    assert!(list.contains("全部标签"), "the list of tags is not replaced by the tag Index");
    // 平价 and 评价 transliterate alike, and a tag is literally named ping-jia-2: three pages.
    let pages: Vec<String> = ["ping-jia", "ping-jia-2", "ping-jia-3"]
        .iter()
        .map(|s| html_text(&read(&output.join(format!("tags/{s}.html")))))
        .collect();
    let names: Vec<&str> = ["平价", "ping-jia-2", "评价"]
        .into_iter()
        .filter(|n| pages.iter().any(|p| p.contains(&format!("标签：{n}"))))
        .collect();
    assert_eq!(names.len(), 3, "each tag has a page of its own");
    assert!(output.join("tags/index-2.html").is_file() && output.join("tags/index-3.html").is_file());
    // A tag with `|` is still one tag to the filter.
    assert!(
        read(&output.join("s/index.html"))
            .contains("data-tags=\"[&quot;Index&quot;,&quot;评价&quot;,&quot;a|b&quot;]\"")
    );
}

#[test]
fn a_generated_site_of_a_thousand_activities_keeps_the_invariants() {
    let site = generated_site(1000);
    let output = assert_whole(site.path());
    assert!(output.join("y2024/0500.html").is_file());
    let check = almanac(&["check", "--root", site.path().to_str().unwrap()], &[]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_body_pasted_from_the_web_never_runs_and_never_breaks_the_page_around_it() {
    let site = fixture_site("valid-hostile-bodies");
    let output = assert_whole(site.path());
    // Every page that shows the body: the activity and the schedule (the home page links them); and the feeds'
    // content.
    for page in ["s/01-pasted.html", "s/index.html", "feed.xml", "s/feed.xml"] {
        let text = read(&output.join(page));
        let html = if page.ends_with(".xml") { decode_entities(&text) } else { text.clone() };
        let lower = html.to_ascii_lowercase();
        for bad in [
            "alert(",
            "onerror=",
            "onload=",
            "javascript:",
            "data:text",
            "http-equiv=\"refresh\"",
            "<iframe",
            "position:fixed",
            "evil.example",
            "<input name=\"p\"",
            "<!-- 未闭合",
        ] {
            assert!(!lower.contains(bad), "{page} contains {bad}");
        }
        assert!(html.contains("<sup>1</sup>") && html.contains("<table>"), "{page}: safe formatting stays");
        // What follows the body is still there: the body could not swallow it.
        if page == "s/index.html" {
            assert!(html_text(&html).contains("后面的活动"), "{page}: the activity after the pasted one is gone");
        }
        if page.ends_with(".html") {
            assert!(text.trim_end().ends_with("</html>"), "{page} is cut short");
        }
    }
    // check says what will be removed, where.
    let check = almanac(&["check", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let err = stderr(&check);
    for what in [
        "the element `<script>`",
        "the attribute `onerror`",
        "the link `javascript:alert(3)`",
        "the element `<iframe>`",
    ] {
        assert!(err.contains(what), "{what} not reported:\n{err}");
    }
    assert!(err.contains("content/s/01-pasted.md:9:1"), "{err}");
}

/// The `<section class="current" …>` tags of a home page: each schedule the browser may feature.
fn featured_tags(home: &str) -> Vec<&str> {
    home.split("<section class=\"current\"").skip(1).map(|s| &s[..s.find('>').unwrap_or(s.len())]).collect()
}

#[test]
fn the_home_page_gives_the_browser_each_schedules_days_to_choose_by() {
    // Which schedule is on depends on the day the page is read (tests/browser/home.test.mjs), so the build ships
    // every schedule's first and last day and shows the latest by year to a reader without JavaScript.
    let site = fixture_site("valid-years");
    let home = read(&build(site.path()).join("index.html"));
    let tags = featured_tags(&home);
    let days = [
        ("2026-03-16", "2026-04-30"),
        ("2025-03-01", "2025-09-20"),
        ("2024-04-08", "2024-09-20"),
        ("2023-10-09", "2023-10-13"),
    ];
    assert_eq!(tags.len(), days.len(), "{tags:?}");
    for (tag, (first, last)) in tags.iter().zip(days) {
        assert!(tag.contains(&format!(" data-first=\"{first}\" data-last=\"{last}\"")), "{tag}");
    }
    assert!(!tags[0].contains("hidden") && tags[1..].iter().all(|t| t.ends_with(" hidden")), "{tags:?}");
    // The three latest carry their index for the lists of what is on; the oldest only its summary.
    assert_eq!(home.matches("class=\"current-index\"").count(), 3);
    assert!(!home.contains("2023年质量论坛"), "the oldest schedule's activities stay on its own page");
    // A declared span is the schedule's days, as its span in words says (September to July).
    let site = fixture_site("valid-academic-year");
    let home = read(&build(site.path()).join("index.html"));
    assert!(
        featured_tags(&home).iter().any(|t| t.contains("data-first=\"2024-09-01\" data-last=\"2025-07-31\"")),
        "{home}"
    );
}

/// Pages, written by templates, and feeds, written by the Atom writer, escape by one rule: `'` as `&#39;`, `/`
/// left as it is.
#[test]
fn templates_and_feeds_escape_by_one_rule() {
    let site = fixture_site("valid-minimal");
    let page = site.path().join("content/spring/01-forum.md");
    let text = read(&page).replace("title = \"质量论坛\"", "title = \"O'Neil 的 A/B <论坛> & \\\"对话\\\"\"");
    std::fs::write(&page, text).unwrap();
    let output = build(site.path());
    let escaped = "O&#39;Neil 的 A/B &lt;论坛&gt; &amp; &quot;对话&quot;";
    for file in ["spring/01-forum.html", "feed.xml"] {
        let written = read(&output.join(file));
        assert!(written.contains(escaped), "{file} does not contain {escaped}");
        assert!(!written.contains("&#x2F;") && !written.contains("&#x27;") && !written.contains("&apos;"), "{file}");
    }
}
