//! Sites in another language than the default: every page, feed and calendar of the English fixture is free of
//! Chinese, and the Traditional one free of the Simplified-only characters of the default catalogue; `lang` says
//! which; the dates are said as each language writes them. (The browser's own sentences are checked in
//! tests/browser/languages.test.mjs, and the pages' HTML by tests/html.rs.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The characters of a catalogue's values.
fn catalogue_chars(language: &str) -> BTreeSet<char> {
    let text = std::fs::read_to_string(repo().join(format!("themes/default/i18n/{language}.toml"))).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut out = BTreeSet::new();
    fn walk(v: &toml::Value, out: &mut BTreeSet<char>) {
        match v {
            toml::Value::String(s) => out.extend(s.chars()),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(&toml::Value::Table(table), &mut out);
    out
}

/// Every page, feed and calendar of `output` with the characters of it that `bad` says it must not have, and
/// every page that does not say `lang`.
fn offences(output: &Path, lang: &str, bad: impl Fn(char) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in read_tree(output) {
        let text = match path.rsplit('.').next() {
            Some("html" | "xml" | "ics") => String::from_utf8(bytes).unwrap(),
            _ => continue,
        };
        if path.ends_with(".html") && !text.contains(&format!("<html lang=\"{lang}\"")) {
            found.push(format!("{path}: no lang=\"{lang}\""));
        }
        for (n, line) in text.lines().enumerate() {
            let chars: String = line.chars().filter(|&c| bad(c)).collect();
            if !chars.is_empty() {
                let at: String = line.chars().take(160).collect();
                found.push(format!("{path}:{}: {chars} in {at}", n + 1));
            }
        }
    }
    found
}

#[test]
fn an_english_site_says_nothing_in_chinese_and_dates_as_english_writes_them() {
    let site = fixture_site("valid-english");
    let output = build(site.path());
    let found = offences(&output, "en", is_han);
    assert!(found.is_empty(), "Chinese on an English site:\n{}", found.join("\n"));
    let schedule = html_text(&read(&output.join("2023-quality-month/index.html")));
    for said in ["Aug 21–31, 2023 (late August)", "Sep 27, 2023, 14:30–16:30", "July–September 2023", "all year 2023"]
    {
        assert!(schedule.contains(said), "the schedule page does not say {said}:\n{schedule}");
    }
    let calendar = read(&output.join("2023-quality-month/calendar.ics")).replace("\r\n ", "");
    assert!(calendar.contains("late August"), "{calendar}");
}

#[test]
fn a_traditional_site_has_no_simplified_only_character() {
    let site = fixture_site("valid-traditional");
    let output = build(site.path());
    // What the default catalogue writes that the Traditional one never does: its Simplified-only characters (the
    // fixture's own text is Traditional too).
    let traditional = catalogue_chars("zh-TW");
    let simplified: BTreeSet<char> =
        catalogue_chars("zh-CN").into_iter().filter(|&c| is_han(c) && !traditional.contains(&c)).collect();
    for c in ['时', '项', '开', '动', '个', '这'] {
        assert!(simplified.contains(&c), "{c} is not among the characters looked for");
    }
    let found = offences(&output, "zh-TW", |c| simplified.contains(&c));
    assert!(found.is_empty(), "Simplified characters on a Traditional site:\n{}", found.join("\n"));
    let schedule = html_text(&read(&output.join("2023-quality-month/index.html")));
    assert!(schedule.contains("2023年8月21日–31日（8月下旬）"), "{schedule}");
}

/// The text of `html` that is in Chinese where no element around it says so (`lang="zh…"`): each text and each
/// label (`title`, `aria-label`, `alt`, `content`) with the Chinese in it. Scripts are not read; a page that says
/// it shows an untranslated activity (`class="untranslated"`) may name it in its `<head>`.
fn unmarked_chinese(html: &str) -> Vec<String> {
    const VOID: &[&str] =
        &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"];
    let marked_page = html.contains("class=\"untranslated\"");
    let mut stack: Vec<(String, Option<String>)> = Vec::new();
    let lang = |stack: &[(String, Option<String>)]| stack.iter().rev().find_map(|(_, l)| l.clone()).unwrap_or_default();
    let in_head = |stack: &[(String, Option<String>)]| stack.iter().any(|(t, _)| t == "head");
    let mut found = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else { break };
        let text = decode_entities(&rest[..open]);
        if text.chars().any(is_han) && !lang(&stack).starts_with("zh") && !(marked_page && in_head(&stack)) {
            found.push(format!("text “{}”", text.trim()));
        }
        rest = &rest[open..];
        let close = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            while let Some((t, _)) = stack.pop() {
                if t == name.trim() {
                    break;
                }
            }
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap_or_default().to_string();
        let attr = |key: &str| {
            let at = tag.find(&format!(" {key}=\""))? + key.len() + 3;
            Some(decode_entities(&tag[at..at + tag[at..].find('"')?]))
        };
        let own = attr("lang");
        let here = own.clone().unwrap_or_else(|| lang(&stack));
        for key in ["title", "aria-label", "alt", "content"] {
            if let Some(v) = attr(key).filter(|v| v.chars().any(is_han))
                && !here.starts_with("zh")
                && !(marked_page && in_head(&stack))
            {
                found.push(format!("<{name} {key}=“{v}”>"));
            }
        }
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            rest = &rest[rest.find(&end).unwrap_or(rest.len())..];
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push((name, own));
        }
    }
    found
}

#[test]
fn unmarked_chinese_is_found_wherever_no_element_says_it_is_chinese() {
    assert_eq!(unmarked_chinese("<p>English <b>中文</b></p>"), ["text “中文”"]);
    assert_eq!(unmarked_chinese("<p title=\"中文\">x</p>"), ["<p title=“中文”>"]);
    assert!(unmarked_chinese("<p lang=\"zh-CN\">x <b>中文</b><br>中文</p><script>'中文'</script>").is_empty());
    assert_eq!(unmarked_chinese("<p lang=\"zh-CN\">中文</p><p>中文</p>").len(), 1);
}

#[test]
fn a_bilingual_site_has_an_edition_in_each_language_linked_both_ways() {
    let site = fixture_site("valid-bilingual");
    let output = build(site.path());
    let files = read_tree(&output);
    let pages: Vec<&String> = files.keys().filter(|p| p.ends_with(".html") && !p.starts_with("en/")).collect();
    assert!(pages.len() > 30, "{} pages", pages.len());
    for path in pages {
        let english = format!("en/{path}");
        let (zh, en) =
            (String::from_utf8(files[path].clone()).unwrap(), String::from_utf8(files[&english].clone()).unwrap());
        assert!(zh.contains("<html lang=\"zh-CN\"") && en.contains("<html lang=\"en\""), "{path}: lang");
        if path == "404.html" {
            continue;
        }
        // Each page names its twin, and the twin names it back, by links that resolve.
        let root = "../".repeat(path.matches('/').count());
        assert!(zh.contains(&format!("hreflang=\"en\" href=\"{root}en/{path}\"")), "{path}: no link to {english}");
        assert!(en.contains(&format!("hreflang=\"zh-CN\" href=\"{root}../{path}\"")), "{english}: no link back");
        // The embedded list (in others' pages) has no header to switch in.
        if path != "embed/index.html" {
            let switch = format!("href=\"{root}../{path}\" hreflang=\"zh-CN\" lang=\"zh-CN\">简体中文</a>");
            assert!(en.contains(&switch), "{english}: no way back in the header");
        }
        // The English edition says nothing in Chinese but what it marks as the original's.
        let found = unmarked_chinese(&en);
        assert!(found.is_empty(), "{english}: Chinese not marked as such:\n{}", found.join("\n"));
    }
    // The activity without a translation says so, and shows the original, marked.
    let untranslated = read(&output.join("en/2023-quality-month/23-quality-professional-exam.html"));
    assert!(untranslated.contains("<p class=\"untranslated\">Not yet translated into English"), "{untranslated}");
    assert!(untranslated.contains("<h1 class=\"p-name\" lang=\"zh-CN\">2023年中国质量协会质量专业能力考试</h1>"));
    let translated = read(&output.join("en/2023-quality-month/14-global-chinese-quality-summit.html"));
    assert!(!translated.contains("class=\"untranslated\""));
    let text = html_text(&translated);
    for said in ["8th Global Chinese Quality Summit", "Sep 21–22, Singapore", "Sep 21–22, 2023"] {
        assert!(text.contains(said), "the summit's English page does not say {said}:\n{text}");
    }
    // The translated body's link to another activity leads to that activity's English page.
    assert!(translated.contains("href=\"01-market-credit-rating.html\">credit rating</a>"), "{translated}");
    // Each edition has its calendars and feeds; an event has one UID in both.
    let uids = |path: &str| -> Vec<String> {
        read(&output.join(path)).lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect()
    };
    let zh_uids = uids("2023-quality-month/calendar.ics");
    assert_eq!(zh_uids.len(), 8, "{zh_uids:?}");
    assert_eq!(uids("en/2023-quality-month/calendar.ics"), zh_uids);
    let feed = read(&output.join("en/feed.xml"));
    assert!(feed.contains("<title>China Association for Quality: calendar</title>"), "{feed}");
    // One archive holds both editions, at the original's root.
    assert!(!output.join("en/offline.zip").exists());
    let zip = files.get("offline.zip").expect("the archive");
    let names = String::from_utf8_lossy(zip);
    assert!(names.contains("offline/en/index.html") && names.contains("offline/index.html"));
}

#[test]
fn one_language_says_nothing_of_editions() {
    let site = fixture_site("valid-english");
    let output = build(site.path());
    let home = read(&output.join("index.html"));
    assert!(!home.contains("hreflang") && !home.contains("site-langs"), "{home}");
}

#[test]
fn check_says_what_each_edition_has_not_translated() {
    let site = fixture_site("valid-bilingual");
    let out = almanac(&["check", "--root", site.path().to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("\nen: 5 of 6 activities translated\n"), "{said}");
    assert!(
        said.contains("  content/2023-quality-month/23-quality-professional-exam.md: shown as the original has it: title, when, body\n"),
        "{said}"
    );
    assert!(!said.contains("tags with no name"), "{said}");
    // A tag the site names no translation of: said, with where to name it.
    let config = site.path().join("almanac.toml");
    std::fs::write(&config, read(&config).replace("\"QC小组\" = \"QC circles\"\n", "")).unwrap();
    let out = almanac(&["check", "--root", site.path().to_str().unwrap()], &[]);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("\n  tags with no name in [en.tags] of almanac.toml: QC小组\n"), "{said}");
}

#[test]
fn each_edition_has_its_sitemap_and_the_roots_robots_txt_names_them_all() {
    let site = fixture_site("valid-bilingual");
    let root = site.path().to_str().unwrap();
    let out = almanac(&["build", "--root", root, "--base-url", "https://example.org/cal/"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    let robots = read(&output.join("robots.txt"));
    assert!(
        robots.ends_with(
            "Sitemap: https://example.org/cal/sitemap.xml\nSitemap: https://example.org/cal/en/sitemap.xml\n"
        ),
        "{robots}"
    );
    assert!(!output.join("en/robots.txt").exists());
    let sitemap = read(&output.join("en/sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/cal/en/2023-quality-month/index.html</loc>"), "{sitemap}");
    // An English page's address on the web, in its metadata, is under en/.
    let page = read(&output.join("en/2023-quality-month/index.html"));
    assert!(page.contains("content=\"https://example.org/cal/en/2023-quality-month/index.html\""), "{page}");
}
