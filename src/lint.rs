//! Warnings: input that is legal but probably a mistake. `almanac check` reports them; the build does not.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Datelike;
use pulldown_cmark::{Event, Parser, Tag};

use crate::content::dates::parse_when;
use crate::content::{Activity, Schedule};
use crate::error::{Diagnostic, Diagnostics, ErrorKind};
use crate::render::Page;
use crate::site::Site;
use crate::urls;

/// Every warning for `site`, in file order.
pub fn lint(site: &Site) -> Diagnostics {
    let pages: Vec<String> = Page::all(site).into_iter().map(|p| p.path(site)).collect();
    let mut out = Diagnostics::default();
    for s in &site.schedules {
        out.extend(s.draft_problems.clone());
        duplicates(s, &mut out);
        for a in &s.activities {
            activity(s, a, &pages, &mut out);
        }
    }
    tags(site, &mut out);
    out.sorted()
}

/// A warning pointing at the first line of `path` that contains `needle`, or at the whole file.
fn at(path: &Path, needle: &str, kind: ErrorKind) -> Diagnostic {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let d = match text.find(needle).filter(|_| !needle.is_empty()) {
        Some(i) => Diagnostic::at(path, &text, i, needle.len(), kind),
        None => Diagnostic::file(path, kind),
    };
    d.warning()
}

fn activity(s: &Schedule, a: &Activity, pages: &[String], out: &mut Diagnostics) {
    let w = &a.when;
    if w.start.year() != s.year || w.end.year() != s.year {
        let kind = ErrorKind::OutsideYear { start: w.start.to_string(), end: w.end.to_string(), year: s.year };
        out.push(
            at(&a.source, &a.when_text, kind)
                .with_help("check the year; a range into another year is fine if that is what the schedule says"),
        );
    }
    if let Some(place) = &a.place
        && parse_when(place, s.year).is_ok()
    {
        out.push(
            at(&a.source, place, ErrorKind::PlaceLooksLikeDate(place.clone()))
                .with_help("`where` is the place or format; put dates in `when`"),
        );
    }
    for m in &a.milestones {
        if m.when.start < w.start || m.when.end > w.end {
            let kind = ErrorKind::MilestoneOutside { label: m.label.clone(), when: m.when_text.clone() };
            out.push(at(&a.source, &m.label, kind).with_help(format!(
                "the activity runs {} … {}; check the milestone's `when` or the activity's",
                w.start, w.end
            )));
        }
    }
    let page = urls::activity(&s.slug, &a.slug);
    for link in relative_links(&a.body) {
        if !link_resolves(&a.source, &page, &link, pages) {
            out.push(
                at(&a.source, &link, ErrorKind::BrokenLink(link.clone()))
                    .with_help("link to another activity's page as NAME.html, or to its file as NAME.md"),
            );
        }
    }
}

/// Links in Markdown that stay inside the site (no scheme, not a fragment).
fn relative_links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//") && !has_scheme(l))
        .collect()
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `x.md` is looked up beside the source file; anything else among the built pages, relative to the page.
fn link_resolves(source: &Path, page: &str, link: &str, pages: &[String]) -> bool {
    let target = link.split(['#', '?']).next().unwrap_or_default();
    if target.ends_with(".md") {
        return source.parent().is_some_and(|dir| dir.join(target).is_file());
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return false;
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    pages.iter().any(|p| *p == joined || *p == format!("{joined}/index.html"))
}

fn duplicates(s: &Schedule, out: &mut Diagnostics) {
    let mut titles: BTreeMap<&str, &Activity> = BTreeMap::new();
    let mut numbers: BTreeMap<u32, &Activity> = BTreeMap::new();
    for a in &s.activities {
        if let Some(first) = titles.insert(&a.title, a) {
            let other = file_name(&first.source);
            let kind = ErrorKind::Duplicate { what: "title", value: a.title.clone(), other };
            out.push(
                at(&a.source, &a.title, kind).with_help("if these are two activities, tell them apart in the title"),
            );
        }
        if let Some(n) = a.number
            && let Some(first) = numbers.insert(n, a)
        {
            let other = file_name(&first.source);
            let kind = ErrorKind::Duplicate { what: "number (序号)", value: n.to_string(), other };
            out.push(at(&a.source, "number", kind).with_help("give each activity its own 序号"));
        }
    }
}

/// Duplicates are within one schedule folder, so the file name says which.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The same tag written two ways (QC小组 / ＱＣ小组 / qc小组) splits one tag page into two.
fn tags(site: &Site, out: &mut Diagnostics) {
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for t in &site.tags {
        by_key.entry(fold(&t.name)).or_default().push(&t.name);
    }
    for names in by_key.values().filter(|n| n.len() > 1) {
        let usage = |n: &str| site.tag(n).map_or(0, |t| t.members.len());
        let common = names.iter().copied().max_by_key(|n| (usage(n), std::cmp::Reverse(*n))).unwrap_or_default();
        for &name in names.iter().filter(|n| **n != common) {
            for &id in site.tag(name).map(|t| t.members.as_slice()).unwrap_or_default() {
                let (_, a) = site.get(id);
                let kind = ErrorKind::TagLooksLike { tag: name.to_string(), other: common.to_string() };
                out.push(at(&a.source, name, kind).with_help(format!("did you mean `{common}`?")));
            }
        }
    }
}

/// Full-width ASCII to ASCII, lower case, no spaces.
fn fold(tag: &str) -> String {
    tag.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_relative_links_only() {
        let md = "[a](02-b.md) [b](https://x.org) [c](#top) [d](../s/x.html#p) ![e](img.png) [f](mailto:a@b.c)";
        assert_eq!(relative_links(md), ["02-b.md", "../s/x.html#p", "img.png"]);
    }

    #[test]
    fn resolves_links_against_pages() {
        let pages = ["s/a.html".to_string(), "s/index.html".to_string(), "months/2023-09.html".to_string()];
        let ok = |l| link_resolves(Path::new("/nowhere/a.md"), "s/a.html", l, &pages);
        assert!(ok("a.html") && ok("../months/2023-09.html") && ok("index.html#x") && ok("../s/"));
        assert!(!ok("b.html") && !ok("../../a.html") && !ok("missing.md"));
    }

    #[test]
    fn folds_tag_spellings() {
        assert_eq!(fold("ＱＣ 小组"), "qc小组");
        assert_eq!(fold("QC小组"), fold("qc小组"));
        assert_ne!(fold("评价"), fold("评审"));
    }
}
