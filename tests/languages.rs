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
