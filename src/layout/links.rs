//! Links written in content (an activity's body, a schedule's intro): one rule that checks them against the files
//! the build writes and rewrites them for whichever page shows the text.
//!
//! A relative link is read from the page the text belongs to (the activity's page, the schedule's page), as an
//! editor previewing that page would expect: `../static/logo.png`, `b.html`, `calendar.ics`, `../tags/index.html`.
//! A link to a content file (`b.md`, `../2024-x/c.md`, `_index.md`) is read from the file's own folder, as in
//! an editor or on a code host, and becomes the link to that activity's (or schedule's) page. A page shown
//! elsewhere (the body on the schedule page and the home page) gets each link rewritten for where it is.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use rayon::prelude::*;

use super::Layout;
use super::{LayoutError, LinkProblem};
use crate::content::Schedule;
use crate::error::Diagnostics;
use crate::markdown;
use crate::site::Site;
use crate::urls;

/// Whose text holds a link: the page it belongs to and its source file (both relative, `/`-separated).
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    /// The page the text belongs to, relative to the output folder ("s/a.html").
    pub page: &'a str,
    /// The content file, relative to `content/` ("s/a.md").
    pub file: &'a str,
}

/// Where a link in content goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Left as written: another host, a scheme, or a fragment of the same page.
    AsWritten,
    /// A file of the site, relative to the output folder, and the `?query#fragment` after it.
    Site { path: String, suffix: String },
}

/// Characters a path written into an `href` must escape (the rest, including non-ASCII, stays readable).
const PATH_ESCAPES: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'#').add(b'?').add(b'%');

/// Reads `link`, written in the text of `owner`, against the site and its files.
pub fn resolve(site: &Site, layout: &Layout, owner: Owner<'_>, link: &str) -> Result<Target, LinkProblem> {
    if link.is_empty() || link.starts_with('#') || !markdown::is_relative(link) {
        return Ok(Target::AsWritten);
    }
    if link.starts_with('/') {
        return Err(LinkProblem::RootRelative);
    }
    let cut = link.find(['?', '#']).unwrap_or(link.len());
    let (raw_path, suffix) = link.split_at(cut);
    let path = percent_decode_str(raw_path).decode_utf8_lossy();
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".toml") {
        let file = join(dir_of(owner.file), &path).ok_or(LinkProblem::NoSuchContent)?;
        let page = match site.activity_in(&file) {
            Some(id) => {
                let (s, a) = site.get(id);
                urls::activity(&s.slug, &a.slug)
            }
            None => site
                .schedule_in(&file)
                .map(|si| urls::schedule(&site.schedules[si].slug))
                .ok_or(LinkProblem::NoSuchContent)?,
        };
        return Ok(Target::Site { path: page, suffix: suffix.to_string() });
    }
    let joined = join(dir_of(owner.page), &path).ok_or(LinkProblem::OutsideSite)?;
    // A folder (`../s/`, `../s`) means its index page, which also works from disk.
    let candidates = if joined.is_empty() {
        vec![urls::HOME.to_string()]
    } else if path.ends_with('/') {
        vec![format!("{joined}/index.html")]
    } else {
        vec![joined.clone(), format!("{joined}/index.html")]
    };
    let found = candidates.into_iter().find(|c| layout.contains(c)).ok_or(LinkProblem::NoSuchPage)?;
    Ok(Target::Site { path: found, suffix: suffix.to_string() })
}

/// The `href` for `target` on the page at `from`.
pub fn href(target: &Target, link: &str, from: &str) -> String {
    match target {
        Target::AsWritten => link.to_string(),
        Target::Site { path, suffix } => {
            let rel = urls::relative(from, path);
            format!("{}{suffix}", utf8_percent_encode(&rel, PATH_ESCAPES))
        }
    }
}

/// The link rule for the text of `owner` shown on the page `from`: a rewritten `href`, or `None` for a link that
/// does not resolve (the build has reported it; a raw-HTML link it could not see is dropped, never published
/// broken).
pub fn rewriter<'a>(
    site: &'a Site,
    layout: &'a Layout,
    owner: Owner<'a>,
    from: &'a str,
) -> impl Fn(&str) -> Option<String> + Sync + 'a {
    move |link: &str| resolve(site, layout, owner, link).ok().map(|t| href(&t, link, from))
}

/// Every link in every activity's body and schedule's intro that does not resolve, as errors at the link:
/// schedule by schedule on every core, in the site's order.
pub fn check(site: &Site, layout: &Layout) -> Diagnostics {
    let per_schedule: Vec<Diagnostics> = site.schedules.par_iter().map(|s| check_schedule(site, layout, s)).collect();
    Diagnostics(per_schedule.into_iter().flat_map(|d| d.0).collect())
}

fn check_schedule(site: &Site, layout: &Layout, s: &Schedule) -> Diagnostics {
    let mut errors = Diagnostics::default();
    {
        let page = urls::schedule(&s.slug);
        let owner = Owner { page: &page, file: &s.origin.rel };
        for link in markdown::links(&s.intro) {
            if let Err(problem) = resolve(site, layout, owner, &link.url) {
                let span = s.intro_offset + link.range.start..s.intro_offset + link.range.end;
                errors
                    .push(s.origin.at(Some(span), LayoutError::BrokenLink { link: link.url, problem }).with_help(HELP));
            }
        }
        for a in &s.activities {
            let page = urls::activity(&s.slug, &a.slug);
            let owner = Owner { page: &page, file: &a.origin.rel };
            for link in &a.body_links {
                if let Err(problem) = resolve(site, layout, owner, &link.url) {
                    let link = link.clone();
                    // A .toml body is a string value: its links are found in the file by their text.
                    let span = if a.spans.body == 0 {
                        a.origin.text.find(&link.url).map(|i| i..i + link.url.len())
                    } else {
                        Some(a.spans.body + link.range.start..a.spans.body + link.range.end)
                    };
                    errors.push(a.origin.at(span, LayoutError::BrokenLink { link: link.url, problem }).with_help(HELP));
                }
            }
        }
    }
    errors
}

const HELP: &str = "link to another activity by its file (NAME.md, read from this file's folder), to a file of \
    the built site relative to this page (NAME.html, ../static/x.png), or to a full address (https://…)";

/// The folder of a `/`-separated relative path, with its trailing `/` ("s/" for "s/a.md", "" at the top).
fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// `rel` read from the folder `dir`, normalised; `None` when it climbs above the top.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("s/", "b.md").as_deref(), Some("s/b.md"));
        assert_eq!(join("s/", "../t/c.md").as_deref(), Some("t/c.md"));
        assert_eq!(join("s/", "./x/../y.png").as_deref(), Some("s/y.png"));
        assert_eq!(join("s/", "../../x"), None);
        assert_eq!(join("", "a/"), Some("a".into()));
        assert_eq!(dir_of("s/a.md"), "s/");
        assert_eq!(dir_of("index.html"), "");
    }
}
