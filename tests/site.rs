//! The repository's own site: the 2023 Quality Month schedule, built by the real binary.

mod common;

use std::path::Path;

use common::*;

/// One row of the published table.
struct Row {
    number: String,
    title: String,
    time_place: String,
    content: String,
}

/// Reads the seed (a Word table exported as text): title line, tab-indented cells in blank-line-separated
/// blocks, closing note.
fn seed() -> (String, Vec<Row>, String) {
    let text = read(&repo().join("tests/fixtures/seed/quality-month-2023.txt"));
    let mut lines = text.lines();
    let first = lines.next().unwrap();
    // "[bookmark: _GoBack]" is an export artefact before the title.
    let title = first.rsplit(']').next().unwrap().trim().to_string();
    let mut rows = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let mut note = String::new();
    for line in lines.chain(std::iter::once("")) {
        if let Some(cell) = line.strip_prefix('\t') {
            block.push(cell.to_string());
        } else if line.starts_with("注：") {
            note = line.to_string();
        } else if line.is_empty() && !block.is_empty() {
            assert_eq!(block.len(), 4, "{block:?}");
            if block[0] != "序号" {
                let mut b = block.drain(..);
                let mut next = || b.next().unwrap();
                rows.push(Row { number: next(), title: next(), time_place: next(), content: next() });
            }
            block.clear();
        }
    }
    (title, rows, note)
}

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
    let home = html_text(&read(&output.join("index.html")));
    for row in &rows {
        assert!(calendar.contains(&row.title), "calendar lacks {}", row.title);
        assert!(home.contains(&row.title), "home lacks {}", row.title);
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
    let mut checked = 0;
    for (path, bytes) in read_tree(&output) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = output.join(&path).parent().unwrap().to_path_buf();
        for link in links(&html) {
            assert!(!link.starts_with('/'), "{path}: root-relative link {link}");
            assert!(!link.contains("://") && !link.starts_with("//"), "{path}: link to another host {link}");
            let target = link.split(['#', '?']).next().unwrap();
            if target.is_empty() {
                continue; // a fragment on the same page
            }
            assert!(
                target.ends_with(".html") || target.contains('.'),
                "{path}: {link} is a folder link, which fails from file://"
            );
            assert!(page_dir.join(target).is_file(), "{path}: broken link {link}");
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn pages_are_valid_html() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(std::env::var("CI").is_err(), "CI must install vnu-jar (npm ci) to check HTML validity");
        eprintln!("skipped: {} is missing; run `npm ci` to install the W3C Nu HTML checker", jar.display());
        return;
    }
    let site = repo_site();
    let output = build(site.path());
    let out = std::process::Command::new("java")
        .args(["-jar", jar.to_str().unwrap(), "--errors-only", "--skip-non-html", output.to_str().unwrap()])
        .output()
        .expect("java runs the Nu checker");
    assert!(out.status.success(), "the Nu HTML checker found errors:\n{}", stderr(&out));
}

#[test]
fn the_schedule_page_with_its_css_and_js_stays_under_100_kb() {
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
    assert!(total < 100_000, "the schedule page weighs {total} bytes uncompressed: {sizes:?}");
}
