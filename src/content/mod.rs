//! Content: reads `content/` into schedules of activities, reporting every problem of every file.

pub mod activity;
pub mod dates;
pub mod frontmatter;
pub mod mode;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub use activity::{Activity, Milestone, Schedule};
use dates::{Precision, When, parse_when};
use frontmatter::{Located, Schema};

use crate::error::{Diagnostic, Diagnostics, ErrorKind, Severity};
use crate::urls;

const INDEX_FILE: &str = "_index.md";

#[derive(Deserialize)]
struct RawIndex {
    title: String,
    year: i32,
    organiser: Option<String>,
    note: Option<String>,
    updated: Option<Spanned<Datetime>>,
}

const INDEX_SCHEMA: Schema = Schema { keys: &["title", "year", "organiser", "note", "updated"], nested: &[] };

#[derive(Deserialize)]
struct RawActivity {
    number: Option<u32>,
    title: String,
    when: Spanned<String>,
    #[serde(rename = "where")]
    place: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    milestones: Vec<RawMilestone>,
    start: Option<Spanned<Datetime>>,
    end: Option<Spanned<Datetime>>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    updated: Option<Spanned<Datetime>>,
    body: Option<String>,
}

#[derive(Deserialize)]
struct RawMilestone {
    when: Spanned<String>,
    label: String,
}

const ACTIVITY_KEYS: &[&str] =
    &["number", "title", "when", "where", "tags", "milestones", "start", "end", "slug", "draft", "updated"];
const MILESTONE_KEYS: &[&str] = &["when", "label"];
const MD_SCHEMA: Schema = Schema { keys: ACTIVITY_KEYS, nested: &[("milestones", MILESTONE_KEYS)] };
const TOML_SCHEMA: Schema = Schema {
    keys: &[
        "number",
        "title",
        "when",
        "where",
        "tags",
        "milestones",
        "start",
        "end",
        "slug",
        "draft",
        "updated",
        "body",
    ],
    nested: &[("milestones", MILESTONE_KEYS)],
};

/// Reads every schedule under `content_dir`. Drafts are kept only when `drafts` is true.
pub fn load(content_dir: &Path, drafts: bool) -> Result<Vec<Schedule>, Diagnostics> {
    let entries = std::fs::read_dir(content_dir).map_err(|e| {
        Diagnostic::file(content_dir, ErrorKind::Io { what: "the content folder", message: e.to_string() })
            .with_help("create a folder `content/` with one folder per schedule, or pass --root")
    })?;
    let mut folders = Vec::new();
    let mut errors = Diagnostics::default();
    for entry in entries.flatten() {
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        if path.is_dir() {
            folders.push(path);
        } else {
            errors.push(
                Diagnostic::file(
                    &path,
                    ErrorKind::Invalid("a file directly in content/ belongs to no schedule".into()),
                )
                .with_help("move it into a schedule folder such as content/2023-quality-month/"),
            );
        }
    }
    folders.sort();
    let results: Vec<_> = folders.par_iter().map(|dir| load_schedule(dir, drafts)).collect();
    let mut schedules = Vec::new();
    for r in results {
        match r {
            Ok(s) => schedules.push(s),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() { Ok(schedules) } else { Err(errors) }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.') || n.ends_with('~'))
}

fn load_schedule(dir: &Path, drafts: bool) -> Result<Schedule, Diagnostics> {
    let mut errors = Diagnostics::default();
    let slug = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    if let Err(why) = urls::check_schedule_slug(&slug) {
        errors.push(Diagnostic::file(dir, ErrorKind::Invalid(why)).with_help("rename the folder"));
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !is_hidden(e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let index_path = dir.join(INDEX_FILE);
    let index = if files.contains(&index_path) {
        load_index(&index_path).map_err(|e| errors.extend(e)).ok()
    } else {
        errors.push(
            Diagnostic::file(dir, ErrorKind::Invalid(format!("the schedule folder has no {INDEX_FILE}")))
                .with_help("add _index.md with title = \"…\" and year = 2023 between `+++` lines"),
        );
        None
    };
    let year = index.as_ref().map_or(1970, |i| i.year);
    let parsed: Vec<_> = files
        .par_iter()
        .filter(|p| **p != index_path)
        .filter_map(|p| match p.extension().and_then(|e| e.to_str()) {
            Some("md") => Some(load_activity(p, year, false, drafts)),
            Some("toml") => Some(load_activity(p, year, true, drafts)),
            _ => None, // other files (images, notes) are not activities
        })
        .collect();
    let mut activities = Vec::new();
    let mut draft_problems = Diagnostics::default();
    for r in parsed {
        match r {
            Ok(a) if a.draft && !drafts => {}
            Ok(a) => activities.push(a),
            // A left-out draft's problems come back as warnings (see `load_activity`).
            Err(e) => e.0.into_iter().for_each(|d| match d.severity {
                Severity::Warning => draft_problems.push(d),
                Severity::Error => errors.push(d),
            }),
        }
    }
    activities.sort_by(|a, b| (a.number, a.when.start, &a.slug).cmp(&(b.number, b.when.start, &b.slug)));
    for pair in activities.windows(2) {
        if pair[0].slug == pair[1].slug {
            errors.push(
                Diagnostic::file(
                    &pair[1].source,
                    ErrorKind::Invalid(format!("two activities have the slug `{}`", pair[1].slug)),
                )
                .with_help(format!(
                    "give one of them another `slug`, or rename it; the other is {}",
                    pair[0].source.display()
                )),
            );
        }
    }
    let Some(index) = index.filter(|_| errors.is_empty()) else { return Err(errors) };
    Ok(Schedule {
        slug,
        source: index_path,
        title: index.title,
        year: index.year,
        organiser: index.organiser,
        note: index.note,
        updated: index.updated,
        intro: index.intro,
        activities,
        draft_problems,
    })
}

struct Index {
    title: String,
    year: i32,
    organiser: Option<String>,
    note: Option<String>,
    updated: Option<NaiveDate>,
    intro: String,
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(path, ErrorKind::Io { what: "the file", message: e.to_string() }))?;
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        Diagnostic::at(path, &text, at, 1, ErrorKind::NotUtf8)
            .with_help("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })
}

fn load_index(path: &Path) -> Result<Index, Diagnostics> {
    let text = read_text(path)?;
    let split = frontmatter::split(path, &text)?;
    let at = Located { path, file_text: &text, offset: split.toml_offset };
    let raw: RawIndex = frontmatter::parse(at, split.toml, &INDEX_SCHEMA)?;
    let updated = raw.updated.as_ref().map(|u| toml_date(at, u)).transpose()?;
    Ok(Index {
        title: raw.title,
        year: raw.year,
        organiser: raw.organiser,
        note: raw.note,
        updated,
        intro: split.body.to_string(),
    })
}

/// A draft that is left out (`drafts` false) and cannot be read gives its problems as warnings, so the build
/// goes on and says what to fix; with `drafts` they are errors like any other file's. Only problems found
/// after its front matter is read can know it is a draft.
fn load_activity(path: &Path, year: i32, whole_toml: bool, drafts: bool) -> Result<Activity, Diagnostics> {
    let text = read_text(path)?;
    let (at, toml, body, raw) = if whole_toml {
        let at = Located { path, file_text: &text, offset: 0 };
        let raw: RawActivity = frontmatter::parse(at, &text, &TOML_SCHEMA)?;
        (at, text.as_str(), raw.body.clone().unwrap_or_default(), raw)
    } else {
        let split = frontmatter::split(path, &text)?;
        let at = Located { path, file_text: &text, offset: split.toml_offset };
        let raw: RawActivity = frontmatter::parse(at, split.toml, &MD_SCHEMA)?;
        (at, split.toml, split.body.to_string(), raw)
    };
    let mut errors = Diagnostics::default();
    let when = read_when(at, toml, &raw.when, year).map_err(|e| errors.push(e)).ok();
    let when = when
        .and_then(|w| apply_overrides(at, w, raw.start.as_ref(), raw.end.as_ref()).map_err(|e| errors.push(e)).ok());
    let mut milestones = Vec::new();
    for m in &raw.milestones {
        match read_when(at, toml, &m.when, year) {
            Ok(w) => {
                milestones.push(Milestone { label: m.label.clone(), when_text: m.when.get_ref().clone(), when: w })
            }
            Err(e) => errors.push(e),
        }
    }
    let slug = match &raw.slug {
        Some(s) => match urls::check_slug(s.get_ref()) {
            Ok(()) => s.get_ref().clone(),
            Err(why) => {
                errors.push(
                    at.error(s.span(), ErrorKind::Invalid(why))
                        .with_help("use lowercase ASCII letters, digits and `-`"),
                );
                String::new()
            }
        },
        None => urls::slugify(path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()),
    };
    if urls::RESERVED_ACTIVITY.contains(&slug.as_str()) {
        errors.push(
            Diagnostic::file(
                path,
                ErrorKind::Invalid(format!("the activity slug `{slug}` is taken by the schedule's own files")),
            )
            .with_help("rename the file, or give the activity another `slug`"),
        );
    }
    let updated = raw.updated.as_ref().and_then(|u| toml_date(at, u).map_err(|e| errors.push(e)).ok());
    let title = raw.title.trim().to_string();
    if title.is_empty() {
        errors.push(
            Diagnostic::file(path, ErrorKind::Invalid("the title is empty".into()))
                .with_help("write the activity's name in `title`"),
        );
    }
    match when {
        Some(when) if errors.is_empty() => Ok(Activity {
            slug,
            source: path.to_path_buf(),
            number: raw.number,
            title,
            when_text: raw.when.into_inner(),
            when,
            place: raw.place.filter(|p| !p.trim().is_empty()),
            tags: dedup(raw.tags),
            milestones,
            body,
            draft: raw.draft,
            updated,
        }),
        _ if raw.draft && !drafts => Err(Diagnostics(errors.0.into_iter().map(Diagnostic::warning).collect())),
        _ => Err(errors),
    }
}

fn dedup(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for t in tags.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Reads a `when` string, pointing any error at the offending characters inside the quotes.
fn read_when(at: Located<'_>, toml: &str, value: &Spanned<String>, year: i32) -> Result<When, Diagnostic> {
    parse_when(value.get_ref(), year).map_err(|e| {
        let span = value.span();
        // The span covers the quoted value; find the text inside it (exact unless it used escapes, when the
        // opening quote is the best guess).
        let inner = toml.get(span.clone()).and_then(|raw| raw.find(value.get_ref().as_str()));
        let start = span.start + inner.unwrap_or(1).min(span.len());
        let len = if e.len == 0 { value.get_ref().len().max(1) } else { e.len };
        at.error(
            start + e.offset..start + e.offset + len,
            ErrorKind::Date { text: value.get_ref().clone(), reason: e.to_string() },
        )
        .with_help(e.help())
    })
}

/// `start`/`end` pin an end of the range to an exact day, whatever `when` says.
fn apply_overrides(
    at: Located<'_>,
    mut when: When,
    start: Option<&Spanned<Datetime>>,
    end: Option<&Spanned<Datetime>>,
) -> Result<When, Diagnostic> {
    if let Some(s) = start {
        when.start = toml_date(at, s)?;
        when.start_precision = Precision::Day;
    }
    if let Some(e) = end {
        when.end = toml_date(at, e)?;
        when.end_precision = Precision::Day;
    }
    if when.end < when.start {
        let span = end.or(start).map_or(0..0, |s| s.span());
        return Err(at
            .error(span, ErrorKind::Invalid(format!("the range ends ({}) before it starts ({})", when.end, when.start)))
            .with_help("check `start` and `end`: end is the last day, inclusive"));
    }
    Ok(when)
}

fn toml_date(at: Located<'_>, value: &Spanned<Datetime>) -> Result<NaiveDate, Diagnostic> {
    let dt = value.get_ref();
    let date = match (dt.date, dt.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
        _ => None,
    };
    date.ok_or_else(|| {
        at.error(value.span(), ErrorKind::Invalid(format!("`{dt}` is not a calendar date")))
            .with_help("write a plain date without quotes, like start = 2023-09-18")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = "+++\nnumber = 1\ntitle = \"质量论坛\"\nwhen = \"9月18日-22日（暂定）\"\nwhere = \"北京\"\n\
        tags = [\"论坛\", \"论坛\"]\nmilestones = [{ when = \"8月下旬\", label = \"报名\" }]\nstart = 2023-09-19\n+++\n\n正文\n";

    fn load_str(text: &str, name: &str) -> Result<Activity, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        load_activity(&path, 2023, name.ends_with(".toml"), false)
    }

    #[test]
    fn reads_an_activity_with_overrides() {
        let a = load_str(VALID, "01-forum.md").unwrap();
        assert_eq!((a.slug.as_str(), a.number, a.title.as_str()), ("01-forum", Some(1), "质量论坛"));
        assert_eq!(a.published(), "9月18日-22日（暂定），北京");
        assert_eq!(a.when.start, NaiveDate::from_ymd_opt(2023, 9, 19).unwrap());
        assert_eq!(a.when.note.as_deref(), Some("暂定"));
        assert_eq!(a.tags, ["论坛"]);
        assert_eq!(a.milestones[0].when.precision(), Precision::Dekad);
        assert_eq!(a.body, "\n正文\n");
    }

    #[test]
    fn end_before_start_override_is_an_error() {
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"9月\"\nend = 2023-08-01\n+++\n", "a.md").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (4, 7));
    }

    #[test]
    fn slugs_of_a_schedules_own_files_are_taken() {
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"9月\"\n+++\n", "calendar.md").unwrap_err();
        assert!(e.0[0].kind.to_string().contains("`calendar` is taken"), "{e}");
        assert!(load_str("+++\ntitle = \"x\"\nwhen = \"9月\"\nslug = \"index\"\n+++\n", "a.md").is_err());
    }

    /// Every truncation and a few corruptions of a valid file give a result or errors, never a panic.
    #[test]
    fn never_panics_on_damaged_files() {
        let mut texts: Vec<String> = VALID.char_indices().map(|(i, _)| VALID[..i].to_string()).collect();
        for (from, to) in [("\"", ""), ("=", ""), ("[", ""), ("+++", "++"), ("\n", "\r\n"), ("月", "\u{0}")] {
            texts.push(VALID.replacen(from, to, 1));
            texts.push(VALID.replace(from, to));
        }
        for text in &texts {
            for name in ["a.md", "a.toml"] {
                let _ = load_str(text, name);
            }
        }
    }
}
