//! One content file: a schedule's `_index.md` or an activity (`.md` with front matter, or a whole `.toml`), read
//! into the model with the position of every key kept for later messages.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

mod changes;
mod text;

use super::activity::{Activity, Milestone, SourceFile, Spans, Translated, Translation};
use super::dates::{Context, Precision, When, excerpt, parse_when_in};
use super::frontmatter::TomlError;
use super::frontmatter::{self, Located, Schema};
use super::mode::Mode;
use super::{ContentError, SlugOf};
use crate::error::{Diagnostic, Diagnostics, FileError, IoOp};
use crate::urls;
use changes::{RawChange, read_changes, read_status};
pub(crate) use text::check_value;
use text::{check_front_matter, check_text};

/// How far from its schedule's year an activity may run: a typo such as `2203年` or `start = 0001-01-01` would
/// otherwise make thousands of empty month pages.
pub(crate) const YEARS_AROUND: i32 = 10;

#[derive(Deserialize)]
struct RawIndex {
    title: Spanned<String>,
    year: Option<Spanned<i64>>,
    span: Option<Spanned<String>>,
    organiser: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
    updated: Option<Spanned<Datetime>>,
}

const INDEX_SCHEMA: Schema = Schema {
    keys: &["title", "year", "span", "organiser", "note", "updated"],
    nested: &[],
    translated: INDEX_TRANSLATED,
};

/// What `_index.md` may say in another language (`[en]`), in place of its own.
const INDEX_TRANSLATED: &[&str] = &["title", "organiser", "note", "body"];

/// What an activity may say in another language (`[en]`), in place of its own.
/// Its `when` there must read as the same dates as its own: a translation cannot move an activity.
const ACTIVITY_TRANSLATED: &[&str] = &["title", "when", "where", "organiser", "host", "reason", "body"];

/// The translations of a file, their values checked as the originals are (text on one line but for the
/// long ones), each value's position made a file position.
pub(crate) fn read_translations(
    at: Located<'_>,
    toml: &str,
    raw: Vec<frontmatter::RawTranslation>,
    errors: &mut Diagnostics,
) -> Vec<Translation> {
    raw.into_iter()
        .map(|t| {
            let mut values = Vec::new();
            for (key, value) in &t.values {
                if check_value(at, key, value, !matches!(*key, "body" | "note" | "reason"), errors) {
                    let offset = at.offset + value_offset(toml, value.span(), value.get_ref());
                    values.push(Translated { key, text: value.get_ref().clone(), offset });
                }
            }
            let terms = t
                .terms
                .iter()
                .filter(|(word, said)| {
                    check_value(at, "tags", word, true, errors) & check_value(at, "tags", said, true, errors)
                })
                .map(|(word, said)| (word.get_ref().trim().to_string(), said.get_ref().trim().to_string()))
                .filter(|(_, said)| !said.is_empty())
                .collect();
            let span = t.lang.span();
            Translation { lang: t.lang.into_inner(), span: at.offset + span.start..at.offset + span.end, values, terms }
        })
        .collect()
}

/// The most milestones one activity may have: each is a bar and a calendar event of its own.
pub(crate) const MAX_MILESTONES: usize = 20;

#[derive(Deserialize)]
struct RawActivity {
    number: Option<Spanned<u32>>,
    title: Spanned<String>,
    when: Spanned<String>,
    #[serde(rename = "where")]
    place: Option<Spanned<String>>,
    organiser: Option<Spanned<String>>,
    host: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    milestones: Vec<RawMilestone>,
    start: Option<Spanned<Datetime>>,
    end: Option<Spanned<Datetime>>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    updated: Option<Spanned<Datetime>>,
    body: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    #[serde(default)]
    changes: Vec<Spanned<RawChange>>,
}

#[derive(Deserialize)]
struct RawMilestone {
    when: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    outside: bool,
}

/// The keys of an activity in a `.toml` file: its body is a key there, the last, which a `.md` file does not have.
const TOML_KEYS: &[&str] = &[
    "number",
    "title",
    "when",
    "where",
    "organiser",
    "host",
    "tags",
    "milestones",
    "start",
    "end",
    "slug",
    "draft",
    "updated",
    "status",
    "reason",
    "changes",
    "body",
];
const ACTIVITY_KEYS: &[&str] = match TOML_KEYS.split_last() {
    Some((_body, rest)) => rest,
    None => &[],
};
const MILESTONE_KEYS: &[&str] = &["when", "label", "outside"];
/// The keys of a `changes` entry (see [`crate::content::changes`]).
pub(crate) const CHANGE_KEYS: &[&str] =
    &["date", "when", "new_when", "where", "new_where", "status", "new_status", "note"];
const NESTED: &[(&str, &[&str])] = &[("milestones", MILESTONE_KEYS), ("changes", CHANGE_KEYS)];
const MD_SCHEMA: Schema = Schema { keys: ACTIVITY_KEYS, nested: NESTED, translated: ACTIVITY_TRANSLATED };

const TOML_SCHEMA: Schema = Schema { keys: TOML_KEYS, nested: NESTED, translated: ACTIVITY_TRANSLATED };

/// A schedule's `_index.md`, before its activities are added.
pub(crate) struct Index {
    pub origin: SourceFile,
    pub title: String,
    pub year: i32,
    /// What dates without a year are read against: the year, and the month it starts in with a `span`.
    pub context: Context,
    /// The declared span (`span = "2024年9月-2025年7月"`): its first and last day.
    pub span: Option<(NaiveDate, NaiveDate)>,
    pub organiser: Option<String>,
    pub note: Option<String>,
    pub updated: Option<NaiveDate>,
    pub intro: String,
    pub intro_offset: usize,
    pub translations: Vec<Translation>,
}

fn origin(content_dir: &Path, path: &Path, text: String) -> SourceFile {
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    SourceFile { path: path.to_path_buf(), rel, text: Arc::from(text) }
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::io(IoOp::Read, path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        Diagnostic::at(path, &text, at, 1, FileError::NotUtf8)
            .with_help("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })
}

pub(crate) fn load_index(content_dir: &Path, path: &Path) -> Result<Index, Diagnostics> {
    let text = read_text(path)?;
    let split = frontmatter::split(path, &text)?;
    check_front_matter(path, &text, split.body_offset)?;
    let at = Located { path, file_text: &text, offset: split.toml_offset };
    let (raw, translated): (RawIndex, _) = frontmatter::parse_translated(at, split.toml, &INDEX_SCHEMA)?;
    let mut errors = check_text(path, &text, split.body_offset..text.len());
    let translations = read_translations(at, split.toml, translated, &mut errors);
    check_value(at, "title", &raw.title, true, &mut errors);
    if let Some(o) = &raw.organiser {
        check_value(at, "organiser", o, true, &mut errors);
    }
    if let Some(n) = &raw.note {
        check_value(at, "note", n, false, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let updated = raw.updated.as_ref().map(|u| toml_date(at, u)).transpose()?;
    let span = raw.span.as_ref().map(|s| read_span(at, split.toml, s)).transpose()?;
    let year = match (&raw.year, span) {
        (Some(y), _) => {
            // Dates without a year take this one, and the date reader holds four-digit years.
            let year = i32::try_from(*y.get_ref()).ok().filter(|y| (1000..=9999).contains(y)).ok_or_else(|| {
                at.error(y.span(), ContentError::BadYear(*y.get_ref()))
                    .with_help("write the schedule's year in full, e.g. year = 2024")
            })?;
            if let Some((first, _)) = span
                && first.year() != year
            {
                return Err(at
                    .error(y.span(), ContentError::SpanYear { year, span_year: first.year() })
                    .with_help("leave `year` out (the span's first year is the schedule's year), or correct one")
                    .into());
            }
            year
        }
        (None, Some((first, _))) => first.year(),
        (None, None) => {
            return Err(Diagnostic::at(path, &text, 0, 3, TomlError::MissingKey("year"))
                .with_help("add a line `year = 2024` (or a `span` such as span = \"2024年9月-2025年7月\")")
                .into());
        }
    };
    let context = span.map_or(Context::calendar(year), |(first, _)| Context::starting(year, first.month()));
    let (intro, intro_offset) = (split.body.to_string(), split.body_offset);
    Ok(Index {
        title: raw.title.into_inner(),
        year,
        context,
        span,
        organiser: raw.organiser.map(Spanned::into_inner),
        note: raw.note.map(Spanned::into_inner),
        updated,
        intro,
        intro_offset,
        translations,
        origin: origin(content_dir, path, text),
    })
}

/// An activity file that could not be read, and whether it says it is a draft (so its problems need not stop a
/// build that leaves drafts out). A file whose front matter cannot be read at all cannot say so.
pub(crate) struct Failed {
    pub errors: Diagnostics,
    pub draft: bool,
}

impl From<Diagnostics> for Failed {
    fn from(errors: Diagnostics) -> Self {
        Failed { errors, draft: false }
    }
}

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Self {
        Diagnostics::from(d).into()
    }
}

/// An optional one-line value, trimmed; blank is none.
fn text_value(v: Option<Spanned<String>>) -> Option<String> {
    v.map(|v| v.into_inner().trim().to_string()).filter(|v| !v.is_empty())
}

pub(crate) fn load_activity(
    content_dir: &Path,
    path: &Path,
    context: Context,
    whole_toml: bool,
) -> Result<Activity, Failed> {
    let year = context.year;
    let text = read_text(path)?;
    let (at, toml, body, body_offset, raw, translated) = if whole_toml {
        check_front_matter(path, &text, text.len())?;
        let at = Located { path, file_text: &text, offset: 0 };
        let (raw, translated): (RawActivity, _) = frontmatter::parse_translated(at, &text, &TOML_SCHEMA)?;
        let (body, offset) = match &raw.body {
            Some(b) => (b.get_ref().clone(), value_offset(&text, b.span(), b.get_ref())),
            None => (String::new(), text.len()),
        };
        (at, text.as_str(), body, offset, raw, translated)
    } else {
        let split = frontmatter::split(path, &text)?;
        check_front_matter(path, &text, split.body_offset)?;
        let at = Located { path, file_text: &text, offset: split.toml_offset };
        let (raw, translated): (RawActivity, _) = frontmatter::parse_translated(at, split.toml, &MD_SCHEMA)?;
        (at, split.toml, split.body.to_string(), split.body_offset, raw, translated)
    };
    let file_span = |s: Range<usize>| at.offset + s.start..at.offset + s.end;
    let body_start = if whole_toml { text.len() } else { body_offset };
    let mut errors = check_text(path, &text, body_start..text.len());
    check_value(at, "title", &raw.title, true, &mut errors);
    let translations = read_translations(at, toml, translated, &mut errors);
    if let Some(p) = &raw.place {
        check_value(at, "where", p, true, &mut errors);
    }
    for (key, value) in [("organiser", &raw.organiser), ("host", &raw.host)] {
        if let Some(v) = value {
            check_value(at, key, v, true, &mut errors);
        }
    }
    for t in &raw.tags {
        check_value(at, "tags", t, true, &mut errors);
    }
    for m in &raw.milestones {
        check_value(at, "label", &m.label, true, &mut errors);
    }
    if let Some(b) = &raw.body {
        check_value(at, "body", b, false, &mut errors);
    }
    // A date is read only when its text is clean: one error for one problem.
    let when_clean = check_value(at, "when", &raw.when, true, &mut errors);
    let when = when_clean.then(|| read_when(at, toml, &raw.when, context).map_err(|e| errors.push(e)).ok()).flatten();
    if let Some(w) = &when {
        check_translated_when(at, toml, (&raw.when, w), &translations, context, &mut errors);
    }
    let when = when
        .and_then(|w| apply_overrides(at, w, raw.start.as_ref(), raw.end.as_ref()).map_err(|e| errors.push(e)).ok());
    if let Some(w) = &when
        && let Err(e) = check_bounds(at, w, year, &raw)
    {
        errors.push(e);
    }
    let mut milestones = Vec::new();
    for (k, m) in raw.milestones.iter().enumerate() {
        if k == MAX_MILESTONES {
            let kind = ContentError::TooManyMilestones { count: raw.milestones.len(), max: MAX_MILESTONES };
            errors.push(at.error(m.when.span(), kind).with_help(
                "keep the phases a reader needs (registration, review, results); the rest belong in the content",
            ));
            break;
        }
        if !check_value(at, "when", &m.when, true, &mut errors) {
            continue;
        }
        match read_when(at, toml, &m.when, context) {
            Ok(w) => milestones.push(Milestone {
                label: m.label.get_ref().clone(),
                when_text: m.when.get_ref().clone(),
                when: w,
                span: file_span(m.when.span()),
                outside: m.outside,
            }),
            Err(e) => errors.push(e),
        }
    }
    let slug = match &raw.slug {
        Some(s) if urls::is_slug(s.get_ref()) => s.get_ref().clone(),
        Some(s) => {
            errors.push(
                at.error(s.span(), ContentError::BadSlug { what: SlugOf::Activity, slug: s.get_ref().clone() })
                    .with_help(format!(
                        "use lowercase ASCII letters, digits and `-`, at most {} bytes",
                        urls::MAX_SLUG_BYTES
                    )),
            );
            String::new()
        }
        None => urls::slugify(path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()),
    };
    let updated = raw.updated.as_ref().and_then(|u| toml_date(at, u).map_err(|e| errors.push(e)).ok());
    let status_written = raw.status.as_ref().and_then(|s| read_status(at, s).map_err(|e| errors.push(e)).ok());
    if let Some(r) = &raw.reason {
        check_value(at, "reason", r, false, &mut errors);
    }
    let changes = read_changes(at, toml, &raw.changes, context, &mut errors);
    let title = raw.title.get_ref().trim().to_string();
    if title.is_empty() {
        errors.push(
            at.error(raw.title.span(), ContentError::EmptyTitle).with_help("write the activity's name in `title`"),
        );
    }
    let Some(when) = when.filter(|_| errors.is_empty()) else { return Err(Failed { errors, draft: raw.draft }) };
    let place = raw.place.as_ref().map(|p| p.get_ref().clone()).filter(|p| !p.trim().is_empty());
    let spans = Spans {
        title: Some(file_span(raw.title.span())),
        when: Some(file_span(raw.when.span())),
        place: raw.place.as_ref().map(|p| file_span(p.span())),
        number: raw.number.as_ref().map(|n| file_span(n.span())),
        slug: raw.slug.as_ref().map(|s| file_span(s.span())),
        tags: raw.tags.iter().map(|t| (t.get_ref().clone(), file_span(t.span()))).collect(),
        status: raw.status.as_ref().map(|s| file_span(s.span())),
        body: body_offset,
    };
    let read = crate::markdown::read(&body);
    Ok(Activity {
        slug,
        mode: Mode::of(raw.when.get_ref(), place.as_deref(), &body),
        spans,
        number: raw.number.map(|n| n.into_inner()),
        title,
        when_text: raw.when.into_inner(),
        when,
        place,
        organiser: text_value(raw.organiser),
        host: text_value(raw.host),
        tags: dedup(raw.tags.into_iter().map(Spanned::into_inner)),
        milestones,
        body_text: read.text,
        body_links: read.links,
        body,
        draft: raw.draft,
        updated,
        status_written,
        reason: raw.reason.map(Spanned::into_inner).filter(|r| !r.trim().is_empty()),
        changes,
        translations,
        untranslated: Vec::new(),
        origin: origin(content_dir, path, text),
    })
}

fn dedup(tags: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A schedule's `span`: a date text read like `when`, which must write its years (it decides what the years of
/// other dates are) and cover whole months.
fn read_span(at: Located<'_>, toml: &str, value: &Spanned<String>) -> Result<(NaiveDate, NaiveDate), Diagnostic> {
    let when = read_when(at, toml, value, Context::calendar(1970))?;
    if !when.year_written || when.precision() < Precision::Month {
        return Err(at
            .error(value.span(), ContentError::BadSpan { text: value.get_ref().clone() })
            .with_help("write the first and last month with their years, e.g. span = \"2024年9月-2025年7月\""));
    }
    Ok((when.start, when.end))
}

/// Reads a `when` string, pointing any error at the offending characters inside the quotes.
fn read_when(at: Located<'_>, toml: &str, value: &Spanned<String>, context: Context) -> Result<When, Diagnostic> {
    parse_when_in(value.get_ref(), context).map_err(|e| {
        let start = value_offset(toml, value.span(), value.get_ref());
        let len = if e.len == 0 { value.get_ref().len().max(1) } else { e.len };
        at.error(
            start + e.offset..start + e.offset + len,
            ContentError::Date { text: excerpt(value.get_ref()), reason: e.kind.clone() },
        )
        .with_help(e.help())
    })
}

/// Where the text of the string `value` starts inside its quoted form at `span` of `toml`: exact unless the
/// string used escapes, when just after the opening quote is the best guess.
fn value_offset(toml: &str, span: Range<usize>, value: &str) -> usize {
    let inner = toml.get(span.clone()).and_then(|raw| if value.is_empty() { None } else { raw.find(value) });
    span.start + inner.unwrap_or(1).min(span.len())
}

/// Each translation's `when` must be readable and read as the same days, times and precision as the
/// original's `when` (`original`: its text and its reading, before `start`/`end`, which hold for every language).
fn check_translated_when(
    at: Located<'_>,
    toml: &str,
    (original, own): (&Spanned<String>, &When),
    translations: &[Translation],
    context: Context,
    errors: &mut Diagnostics,
) {
    for t in translations {
        let Some(v) = t.get("when") else { continue };
        let start = v.offset - at.offset;
        let spanned = Spanned::new(start.saturating_sub(1)..start + v.text.len() + 1, v.text.clone());
        match read_when(at, toml, &spanned, context) {
            Ok(w) if same_dates(&w, own) => {}
            Ok(w) => errors.push(
                at.error(
                    start..start + v.text.len(),
                    ContentError::TranslatedWhen {
                        lang: t.lang.clone(),
                        text: excerpt(&v.text),
                        reads: dates_said(&w),
                        original: dates_said(own),
                    },
                )
                .with_help(format!(
                    "write in `[{}]` the dates of `when` = \"{}\", or leave its `when` out to show the original's",
                    t.lang,
                    excerpt(original.get_ref())
                )),
            ),
            Err(e) => errors.push(e),
        }
    }
}

/// Whether two readings name the same days and times, as exactly: what a translation of a date must keep.
fn same_dates(a: &When, b: &When) -> bool {
    (a.start, a.end, a.start_precision, a.end_precision, &a.time, &a.list)
        == (b.start, b.end, b.start_precision, b.end_precision, &b.time, &b.list)
}

/// A reading, for a message: `2023-09-21 … 2023-09-22 (day)`.
fn dates_said(w: &When) -> String {
    let times = w.starts_at().map(|t| format!(" {}", t.format("%H:%M"))).unwrap_or_default();
    format!("{}{times} … {} ({})", w.start, w.end, w.precision().label())
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
            .error(span, ContentError::EndBeforeStart { start: when.start, end: when.end })
            .with_help("check `start` and `end`: end is the last day, inclusive"));
    }
    Ok(when)
}

/// An activity must run within [`YEARS_AROUND`] years of its schedule's year.
fn check_bounds(at: Located<'_>, when: &When, year: i32, raw: &RawActivity) -> Result<(), Diagnostic> {
    let (first, last) = (year - YEARS_AROUND, year + YEARS_AROUND);
    if (first..=last).contains(&when.start.year()) && (first..=last).contains(&when.end.year()) {
        return Ok(());
    }
    let span = raw.start.as_ref().or(raw.end.as_ref()).map_or_else(|| raw.when.span(), |s| s.span());
    Err(at
        .error(span, ContentError::FarFromYear { start: when.start, end: when.end, year, years: YEARS_AROUND })
        .with_help(format!(
            "check the year: a schedule of {year} holds activities from {first} to {last}; put activities of other \
             years in a schedule of their own"
        )))
}

fn toml_date(at: Located<'_>, value: &Spanned<Datetime>) -> Result<NaiveDate, Diagnostic> {
    let dt = value.get_ref();
    let date = match (dt.date, dt.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
        _ => None,
    };
    date.ok_or_else(|| {
        at.error(value.span(), ContentError::NotACalendarDate { value: dt.to_string() })
            .with_help("write a plain date without quotes, like start = 2023-09-18")
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const VALID: &str = "+++\nnumber = 1\ntitle = \"质量论坛\"\nwhen = \"9月18日-22日（暂定）\"\nwhere = \"北京\"\n\
        tags = [\"论坛\", \"论坛\"]\nmilestones = [{ when = \"8月下旬\", label = \"报名\" }]\nstart = 2023-09-19\n+++\n\n正文\n";

    /// (line, column, message) of each error.
    pub(super) fn found(e: &Diagnostics) -> Vec<(usize, usize, String)> {
        e.iter().map(|d| (d.line(), d.column(), d.kind.to_string())).collect()
    }

    pub(super) fn load_str(text: &str, name: &str) -> Result<Activity, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        load_activity(dir.path(), &path, Context::calendar(2023), name.ends_with(".toml")).map_err(|f| f.errors)
    }

    #[test]
    fn reads_an_activity_with_overrides_and_spans() {
        let a = load_str(VALID, "01-forum.md").unwrap();
        assert_eq!((a.slug.as_str(), a.number, a.title.as_str()), ("01-forum", Some(1), "质量论坛"));
        assert_eq!(a.published(), "9月18日-22日（暂定），北京");
        assert_eq!(a.when.start, NaiveDate::from_ymd_opt(2023, 9, 19).unwrap());
        assert_eq!(a.when.note.as_deref(), Some("暂定"));
        assert_eq!(a.tags, ["论坛"]);
        assert_eq!(a.milestones[0].when.precision(), Precision::Dekad);
        assert_eq!(a.body, "\n正文\n");
        assert_eq!((a.origin.rel.as_str(), a.mode), ("01-forum.md", Mode::OnSite));
        let text = &a.origin.text;
        assert_eq!(&text[a.spans.when.clone().unwrap()], "\"9月18日-22日（暂定）\"");
        assert_eq!(&text[a.spans.title.clone().unwrap()], "\"质量论坛\"");
        assert_eq!(&text[a.milestones[0].span.clone()], "\"8月下旬\"");
        assert_eq!(&text[a.spans.body..], "\n正文\n");
        assert_eq!(a.spans.tags.len(), 2);
    }

    /// 主办 and 承办 are activity keys (blank is none); like every one-line value they hold no line break.
    #[test]
    fn organiser_and_host_are_one_line_keys() {
        let text = "+++\ntitle = \"x\"\nwhen = \"9月\"\norganiser = \" 中国质量协会 \"\nhost = \"\"\n+++\n";
        let a = load_str(text, "a.md").unwrap();
        assert_eq!((a.organiser.as_deref(), a.host.as_deref()), (Some("中国质量协会"), None));
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"9月\"\nhost = \"甲\\n乙\"\n+++\n", "a.md").unwrap_err();
        assert_eq!(found(&e), [(4, 10, "`host` holds a line break".to_string())]);
    }

    #[test]
    fn a_toml_body_is_located_inside_its_string() {
        let text = "title = \"x\"\nwhen = \"9月\"\nbody = \"\"\"\n正文[a](b.md)\n\"\"\"\n";
        let a = load_str(text, "a.toml").unwrap();
        assert_eq!(a.body, "正文[a](b.md)\n");
        assert_eq!(&a.origin.text[a.spans.body..a.spans.body + a.body.len()], a.body);
    }

    #[test]
    fn end_before_start_override_is_an_error() {
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"9月\"\nend = 2023-08-01\n+++\n", "a.md").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (4, 7));
    }

    #[test]
    fn activities_far_from_their_year_are_errors() {
        for (text, line) in [
            ("+++\ntitle = \"x\"\nwhen = \"2043年9月\"\n+++\n", 3),
            ("+++\ntitle = \"x\"\nwhen = \"9月\"\nstart = 1000-01-01\n+++\n", 4),
        ] {
            let e = load_str(text, "a.md").unwrap_err();
            assert_eq!(e.0[0].line(), line, "{text}");
            assert!(matches!(e.0[0].kind, crate::error::Kind::Content(ContentError::FarFromYear { .. })), "{text}");
        }
        // Years further off are the date reader's own error.
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"1000/9999\"\n+++\n", "a.md").unwrap_err();
        assert!(matches!(e.0[0].kind, crate::error::Kind::Content(ContentError::Date { .. })));
        assert!(load_str("+++\ntitle = \"x\"\nwhen = \"2033年12月\"\n+++\n", "a.md").is_ok());
    }

    #[test]
    fn an_empty_title_points_at_the_title() {
        let e = load_str("+++\nwhen = \"9月\"\ntitle = \" \"\n+++\n", "a.md").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (3, 9));
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
