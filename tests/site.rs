//! The repository's own site: the 2023 Quality Month schedule, built by the real binary.

mod common;

use std::path::Path;

use common::*;

fn activity_page(output: &Path, number: &str) -> String {
    let prefix = format!("{number:0>2}-");
    let dir = repo().join("content/2023-quality-month");
    let stem = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no content file for row {number}"));
    read(&output.join("2023-quality-month").join(stem.replace(".md", ".html")))
}

#[test]
fn every_word_of_the_seed_reaches_the_site() {
    let site = repo_site();
    let output = build(site.path());
    let (title, rows, note) = seed();
    assert_eq!(rows.len(), 24);
    let calendar = html_text(&read(&output.join("2023-quality-month/index.html")));
    assert!(calendar.contains(&title) && calendar.contains(&note), "title or note missing from the calendar");
    // The home page says what is on and links the schedule; it is not a second copy of it.
    let home = read(&output.join("index.html"));
    assert!(
        home.contains("href=\"2023-quality-month/index.html\"") && !home.contains("<table"),
        "home copies the table"
    );
    for row in &rows {
        assert!(calendar.contains(&row.title), "calendar lacks {}", row.title);
        assert!(!html_text(&home).contains(&row.content), "home repeats the content of row {}", row.number);
        let page = html_text(&activity_page(&output, &row.number));
        for (what, text) in [("name", &row.title), ("time/place", &row.time_place), ("content", &row.content)] {
            assert!(page.contains(text.as_str()), "row {} page lacks its {what}: {text}", row.number);
        }
        assert!(
            page.contains(&format!("序号{}", row.number)) || page.contains(&row.number),
            "row {} number",
            row.number
        );
    }
}

#[test]
fn committed_output_is_a_fresh_build() {
    let site = repo_site();
    let fresh = read_tree(&build(site.path()));
    let committed = read_tree(&repo().join("output"));
    let differ: Vec<_> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|k| fresh.get(*k) != committed.get(*k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(differ.is_empty(), "output/ is stale ({differ:?}); run `cargo run --release -- build` and commit output/");
}

#[test]
fn output_is_identical_across_thread_counts() {
    let site = repo_site();
    let root = site.path().to_str().unwrap();
    let mut trees = Vec::new();
    for (threads, out) in [("1", "out1"), ("4", "out4"), ("2", "out2")] {
        let out_dir = site.path().join(out);
        let o = almanac(
            &["build", "--root", root, "--output", out_dir.to_str().unwrap()],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        trees.push(read_tree(&out_dir));
    }
    assert!(trees[0] == trees[1] && trees[1] == trees[2]);
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let site = repo_site();
    let output = build(site.path());
    // The repository's site has no base_url, so not one absolute link may appear.
    let checked = check_links(&output, None);
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn a_year_of_3333_activities_keeps_every_page_under_2_mb_and_every_activity_findable() {
    // The benchmark generator's year: `cargo run --release --example synth -- --activities 3333 --schedules 1`.
    let site = large_schedule_site(3333);
    let output = assert_whole(site.path());
    for (path, bytes) in read_tree(&output) {
        if path.ends_with(".html") {
            assert!(bytes.len() < 2_000_000, "{path} is {} bytes", bytes.len());
        }
    }
    // The schedule page summarises; its filter searches an index of every activity, each leading to its page.
    let html = read(&output.join("2016-quality/index.html"));
    let start = "<script type=\"application/json\" id=\"almanac-index\">";
    let json = &html[html.find(start).unwrap() + start.len()..];
    let index: serde_json::Value = serde_json::from_str(&json[..json.find("</script>").unwrap()]).unwrap();
    let items = index["items"].as_array().unwrap();
    assert_eq!(items.len(), 3333);
    for item in items {
        let page = output.join("2016-quality").join(format!("{}.html", item[0].as_str().unwrap()));
        assert!(page.is_file(), "{}", page.display());
    }
    // The published table, on pages of 200 rows: every activity on one of them.
    let rows: usize = (1..=17)
        .map(|n| read(&output.join(format!("2016-quality/table/{n}.html"))).matches("<th scope=\"row\"").count())
        .sum();
    assert_eq!(rows, 3333);
    assert!(!output.join("2016-quality/table/18.html").exists());
    // The home page does not copy the schedule: it carries the index to say what is on.
    assert!(!read(&output.join("index.html")).contains("<table"));
}

#[test]
// The page itself is lighter than before its views were redesigned (each activity once in the agenda); the
// stylesheet and the script, shared by every page, now also draw the month grid and say what is on at home, and
// (issue 24) draw the week, read dates typed into the search box and list what is on this week: 115 KB became
// 140 KB with them (the script 21 → 34 KB, the stylesheet 28 → 34 KB, the page 65 → 68 KB). Issue 25 adds the
// printed overview (3 KB of print rules) and the embeddable page's filter (2 KB of script; its styles are in a
// file only that page loads), and the 订阅 control with its steps for three calendar apps and the feed of
// changes (1.5 KB of page, 1 KB of style), and 自选活动 (1 KB of page; its 3 KB script and the data load only
// when it is opened, so they are not counted): 150 KB.
fn the_schedule_page_with_its_css_and_js_stays_under_150_kb() {
    let site = repo_site();
    let output = build(site.path());
    let page = output.join("2023-quality-month/index.html");
    let html = read(&page);
    let assets: Vec<String> = links(&html).into_iter().filter(|l| l.ends_with(".css") || l.ends_with(".js")).collect();
    assert!(assets.iter().any(|a| a.ends_with("style.css")) && assets.iter().any(|a| a.ends_with("almanac.js")));
    let sizes: Vec<(String, u64)> = std::iter::once(("index.html".to_string(), html.len() as u64))
        .chain(assets.iter().map(|a| (a.clone(), std::fs::metadata(page.parent().unwrap().join(a)).unwrap().len())))
        .collect();
    let total: u64 = sizes.iter().map(|(_, n)| n).sum();
    assert!(total < 150_000, "the schedule page weighs {total} bytes uncompressed: {sizes:?}");
}

/// The theme's colours for what a reader must tell apart on the grids: the bars of each 参加方式, today's line
/// (`--focus`) and milestones (`--ms`, apart from today's line and the timeline's `--bar` too, and visible at 3:1).
/// Text on a bar is legible (4.5:1), and each pair stays apart for readers
/// with protanopia, deuteranopia and tritanopia too (Machado et al. 2009, severity 1, in linear RGB), in the
/// light and the dark scheme.
#[test]
fn palette_is_legible_and_distinct() {
    let css = std::fs::read_to_string(repo().join("themes/default/static/style.css")).unwrap();
    // The first `:root` block is light, the block under `prefers-color-scheme: dark` the dark one.
    let dark_at = css.find("@media (prefers-color-scheme: dark)").unwrap();
    let var = |from: usize, name: &str| -> [f64; 3] {
        let at = from + css[from..].find(&format!("--{name}:")).unwrap_or_else(|| panic!("--{name}"));
        let hex = css[at..].split('#').nth(1).unwrap();
        let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        let lin = |c: f64| if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
        [lin(c(0)), lin(c(2)), lin(c(4))]
    };
    let luminance = |c: [f64; 3]| 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    let contrast = |a: [f64; 3], b: [f64; 3]| {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    };
    let sims: [(&str, [[f64; 3]; 3]); 4] = [
        ("normal", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
        (
            "protanopia",
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        ),
        (
            "deuteranopia",
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        ),
        (
            "tritanopia",
            [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
        ),
    ];
    let seen = |m: &[[f64; 3]; 3], c: [f64; 3]| [0, 1, 2].map(|i| m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2]);
    for (scheme, from) in [("light", 0), ("dark", dark_at)] {
        let text = var(from, "surface");
        let modes = ["mode-onsite", "mode-online", "mode-tbd"];
        for m in modes {
            let ratio = contrast(var(from, m), text);
            assert!(ratio >= 4.5, "{scheme}: text on --{m} is {ratio:.2}:1");
        }
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (i, a) in modes.iter().enumerate() {
            pairs.extend(modes[i + 1..].iter().map(|b| (*a, *b)));
            pairs.push((a, "focus"));
        }
        // Milestones are drawn on the timeline beside today's line and under the bars: apart from both, and
        // visible on the page as a graphic (3:1, WCAG 1.4.11).
        pairs.push(("ms", "focus"));
        pairs.push(("ms", "bar"));
        let ratio = contrast(var(from, "ms"), text);
        assert!(ratio >= 3.0, "{scheme}: --ms on --surface is {ratio:.2}:1");
        for (a, b) in pairs {
            for (who, m) in &sims {
                let (x, y) = (seen(m, var(from, a)), seen(m, var(from, b)));
                let d = ((x[0] - y[0]).powi(2) + (x[1] - y[1]).powi(2) + (x[2] - y[2]).powi(2)).sqrt();
                assert!(d >= 0.05, "{scheme}: --{a} and --{b} look alike with {who} ({d:.3})");
            }
        }
    }
}
