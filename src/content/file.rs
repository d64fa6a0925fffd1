//! One content file: a schedule's `_index.md` or an activity (`.md` with front matter, or a whole `.toml`), read
//! into the model with the position of every key kept for later messages.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::activity::{Activity, Milestone, Origin, Spans};
use super::changes::{Change, FieldChange, Status, WhenChange};
use super::dates::{Context, Precision, When, parse_when_in};
use super::frontmatter::{self, Located, Schema};
use super::mode::Mode;
use crate::error::{Diagnostic, Diagnostics, ErrorKind, IoOp, SlugOf};
use crate::urls;

/// How far from its schedule's year an activity may run: a typo such as `2203年` or `start = 0001-01-01` would
/// otherwise make thousands of empty month pages.
pub const YEARS_AROUND: i32 = 10;

#[derive(Deserialize)]
struct RawIndex {
    title: Spanned<String>,
    year: Option<Spanned<i64>>,
    span: Option<Spanned<String>>,
    organiser: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
    updated: Option<Spanned<Datetime>>,
}

const INDEX_SCHEMA: Schema = Schema { keys: &["title", "year", "span", "organiser", "note", "updated"], nested: &[] };

#[derive(Deserialize)]
struct RawActivity {
    number: Option<Spanned<u32>>,
    title: Spanned<String>,
    when: Spanned<String>,
    #[serde(rename = "where")]
    place: Option<Spanned<String>>,
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

/// One entry of `changes`: the announcement's date, and for each field it changed the value before and after.
#[derive(Deserialize)]
struct RawChange {
    date: Spanned<Datetime>,
    when: Option<Spanned<String>>,
    new_when: Option<Spanned<String>>,
    #[serde(rename = "where")]
    place: Option<Spanned<String>>,
    new_where: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    new_status: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawMilestone {
    when: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    outside: bool,
}

const ACTIVITY_KEYS: &[&str] = &[
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
    "status",
    "reason",
    "changes",
];
const MILESTONE_KEYS: &[&str] = &["when", "label", "outside"];
/// The keys of a `changes` entry (see [`crate::content::changes`]).
pub const CHANGE_KEYS: &[&str] = &["date", "when", "new_when", "where", "new_where", "status", "new_status", "note"];
const NESTED: &[(&str, &[&str])] = &[("milestones", MILESTONE_KEYS), ("changes", CHANGE_KEYS)];
const MD_SCHEMA: Schema = Schema { keys: ACTIVITY_KEYS, nested: NESTED };
const TOML_KEYS: &[&str] = &[
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
    "status",
    "reason",
    "changes",
    "body",
];
const TOML_SCHEMA: Schema = Schema { keys: TOML_KEYS, nested: NESTED };

/// A schedule's `_index.md`, before its activities are added.
pub(crate) struct Index {
    pub origin: Origin,
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
}

fn origin(content_dir: &Path, path: &Path, text: String) -> Origin {
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    Origin { path: path.to_path_buf(), rel, text: Arc::from(text) }
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::io(IoOp::Read, path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        Diagnostic::at(path, &text, at, 1, ErrorKind::NotUtf8)
            .with_help("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })
}

/// Characters no published text may hold, anywhere in a content file (front matter or body): the C0 control
/// characters but tab, line feed and carriage return; DEL; and the noncharacters U+FFFE and U+FFFF.
///
/// They are invisible in an editor and on a page, XML (the feeds) cannot carry them and calendars drop them,
/// so one page would say something its feed does not. Stripping them silently would hide a broken paste (a
/// form feed from Word, an escape sequence from a terminal): each is an error at its file, line and column,
/// for the editor to delete. This loader is the only place that decides it; everything after it can rely on
/// clean text.
pub fn is_unpublishable(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
}

/// At most this many lines with such characters are reported per file (a file saved as UTF-16 has a NUL in
/// every other byte).
const MAX_REPORTED_LINES: usize = 10;

/// Every [unpublishable](is_unpublishable) character written as such in `range` of `text` (the file), the
/// first of each line. The front matter is checked before it is parsed (TOML would reject them with a vaguer
/// message), the body along with everything else.
fn check_text(path: &Path, text: &str, range: Range<usize>) -> Diagnostics {
    let mut errors = Diagnostics::default();
    let mut last_line = None;
    let mut lines = 0;
    let part = text.get(range.clone()).unwrap_or_default();
    for (i, c) in part.char_indices().filter(|&(_, c)| is_unpublishable(c)).map(|(i, c)| (range.start + i, c)) {
        let line_start = text[..i].rfind('\n');
        if last_line == Some(line_start) {
            continue;
        }
        last_line = Some(line_start);
        lines += 1;
        if lines <= MAX_REPORTED_LINES {
            let kind = ErrorKind::ControlCharacter { code: u32::from(c), field: None };
            errors.push(Diagnostic::at(path, text, i, c.len_utf8(), kind).with_help(RAW_CONTROL_HELP));
        }
    }
    if lines > MAX_REPORTED_LINES
        && let Some(d) = errors.0.last_mut()
    {
        d.help = Some(format!("{RAW_CONTROL_HELP} ({} more lines of this file have one)", lines - MAX_REPORTED_LINES));
    }
    errors
}

/// [`check_text`] of the front matter (everything before `body_offset`), as an error to stop at.
fn check_front_matter(path: &Path, text: &str, body_offset: usize) -> Result<(), Diagnostics> {
    check_text(path, text, 0..body_offset).or_ok(())
}

const RAW_CONTROL_HELP: &str = "delete it: it is invisible in most editors, and usually comes with text pasted \
    from Word, a PDF or a terminal; a file full of them (U+0000) was probably saved as UTF-16: save it as UTF-8";

/// Checks a TOML string value for [unpublishable](is_unpublishable) characters, which only escapes such as
/// `\u0001`, `\b` or `\f` can put there (raw ones are found in the file's text first), and, when it is
/// `one_line` text, for line breaks (`\n`, or a multi-line string). Reports the first, at the escape; returns
/// whether the value is clean.
fn check_value(
    at: Located<'_>,
    field: &'static str,
    value: &Spanned<String>,
    one_line: bool,
    errors: &mut Diagnostics,
) -> bool {
    let line_break = |c: char| one_line && (c == '\n' || c == '\r');
    let bad = |c: char| is_unpublishable(c) || line_break(c);
    let Some(first) = value.get_ref().chars().find(|&c| bad(c)) else { return true };
    let span = value.span();
    let raw = at.file_text.get(at.offset + span.start..at.offset + span.end).unwrap_or_default();
    let (c, start, len) = find_in_source(raw, bad).unwrap_or((first, 0, span.len()));
    let marked = span.start + start..span.start + start + len;
    let d = if line_break(c) {
        at.error(marked, ErrorKind::LineBreak { field })
            .with_help(format!("write `{field}` on one line (the main content below the front matter can have many)"))
    } else {
        at.error(marked, ErrorKind::ControlCharacter { code: u32::from(c), field: Some(field) })
            .with_help("remove the escape: the character it stands for cannot be published")
    };
    errors.push(d);
    false
}

/// The first character of the TOML string source `raw` (quotes included) that is `bad`, written as itself or
/// as an escape: the character, its byte offset in `raw` and the length of what stands for it.
fn find_in_source(raw: &str, bad: impl Fn(char) -> bool) -> Option<(char, usize, usize)> {
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            if bad(c) {
                return Some((c, i, c.len_utf8()));
            }
            continue;
        }
        let Some((_, kind)) = chars.next() else { break };
        let (decoded, len) = match kind {
            'b' => (Some('\u{8}'), 2),
            'f' => (Some('\u{c}'), 2),
            'e' => (Some('\u{1b}'), 2),
            'n' => (Some('\n'), 2),
            'r' => (Some('\r'), 2),
            'x' | 'u' | 'U' => {
                let digits = match kind {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = raw.get(i + 2..i + 2 + digits).unwrap_or_default();
                (u32::from_str_radix(hex, 16).ok().and_then(char::from_u32), 2 + digits)
            }
            _ => (None, 2),
        };
        if let Some(d) = decoded.filter(|&d| bad(d)) {
            return Some((d, i, len));
        }
    }
    None
}

pub(crate) fn load_index(content_dir: &Path, path: &Path) -> Result<Index, Diagnostics> {
    let text = read_text(path)?;
    let split = frontmatter::split(path, &text)?;
    check_front_matter(path, &text, split.body_offset)?;
    let at = Located { path, file_text: &text, offset: split.toml_offset };
    let raw: RawIndex = frontmatter::parse(at, split.toml, &INDEX_SCHEMA)?;
    let mut errors = check_text(path, &text, split.body_offset..text.len());
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
                at.error(y.span(), ErrorKind::BadYear(*y.get_ref()))
                    .with_help("write the schedule's year in full, e.g. year = 2024")
            })?;
            if let Some((first, _)) = span
                && first.year() != year
            {
                return Err(at
                    .error(y.span(), ErrorKind::SpanYear { year, span_year: first.year() })
                    .with_help("leave `year` out (the span's first year is the schedule's year), or correct one")
                    .into());
            }
            year
        }
        (None, Some((first, _))) => first.year(),
        (None, None) => {
            return Err(Diagnostic::at(path, &text, 0, 3, ErrorKind::MissingKey("year"))
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

pub(crate) fn load_activity(
    content_dir: &Path,
    path: &Path,
    context: Context,
    whole_toml: bool,
) -> Result<Activity, Failed> {
    let year = context.year;
    let text = read_text(path)?;
    let (at, toml, body, body_offset, raw) = if whole_toml {
        check_front_matter(path, &text, text.len())?;
        let at = Located { path, file_text: &text, offset: 0 };
        let raw: RawActivity = frontmatter::parse(at, &text, &TOML_SCHEMA)?;
        let (body, offset) = match &raw.body {
            Some(b) => (b.get_ref().clone(), value_offset(&text, b.span(), b.get_ref())),
            None => (String::new(), text.len()),
        };
        (at, text.as_str(), body, offset, raw)
    } else {
        let split = frontmatter::split(path, &text)?;
        check_front_matter(path, &text, split.body_offset)?;
        let at = Located { path, file_text: &text, offset: split.toml_offset };
        let raw: RawActivity = frontmatter::parse(at, split.toml, &MD_SCHEMA)?;
        (at, split.toml, split.body.to_string(), split.body_offset, raw)
    };
    let file_span = |s: Range<usize>| at.offset + s.start..at.offset + s.end;
    let body_start = if whole_toml { text.len() } else { body_offset };
    let mut errors = check_text(path, &text, body_start..text.len());
    check_value(at, "title", &raw.title, true, &mut errors);
    if let Some(p) = &raw.place {
        check_value(at, "where", p, true, &mut errors);
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
    let when = when
        .and_then(|w| apply_overrides(at, w, raw.start.as_ref(), raw.end.as_ref()).map_err(|e| errors.push(e)).ok());
    if let Some(w) = &when
        && let Err(e) = check_bounds(at, w, year, &raw)
    {
        errors.push(e);
    }
    let mut milestones = Vec::new();
    for m in &raw.milestones {
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
                at.error(s.span(), ErrorKind::BadSlug { what: SlugOf::Activity, slug: s.get_ref().clone() })
                    .with_help("use lowercase ASCII letters, digits and `-`"),
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
        errors
            .push(at.error(raw.title.span(), ErrorKind::EmptyTitle).with_help("write the activity's name in `title`"));
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
    Ok(Activity {
        slug,
        mode: Mode::of(raw.when.get_ref(), place.as_deref(), &body),
        spans,
        number: raw.number.map(|n| n.into_inner()),
        title,
        when_text: raw.when.into_inner(),
        when,
        place,
        tags: dedup(raw.tags.into_iter().map(Spanned::into_inner)),
        milestones,
        body_text: crate::markdown::to_plain_text(&body),
        body,
        draft: raw.draft,
        updated,
        status_written,
        reason: raw.reason.map(Spanned::into_inner).filter(|r| !r.trim().is_empty()),
        changes,
        origin: origin(content_dir, path, text),
    })
}

/// A field's value before and after, as written.
type Pair<'a> = (&'a Spanned<String>, &'a Spanned<String>);

/// A field's value before and after, both written or neither.
fn pair<'a>(
    at: Located<'_>,
    before: Option<&'a Spanned<String>>,
    after: Option<&'a Spanned<String>>,
    (was, became): (&'static str, &'static str),
) -> Result<Option<Pair<'a>>, Diagnostic> {
    let (value, have, missing) = match (before, after) {
        (Some(b), Some(a)) => return Ok(Some((b, a))),
        (None, None) => return Ok(None),
        (Some(v), None) => (v, was, became),
        (None, Some(v)) => (v, became, was),
    };
    Err(at
        .error(value.span(), ErrorKind::HalfChange { have, missing })
        .with_help(format!("a change says what `{was}` was and what it became: add `{missing}`")))
}

const STATUS_HELP: &str = "write one of: scheduled, postponed, cancelled, rescheduled";

fn read_status(at: Located<'_>, value: &Spanned<String>) -> Result<Status, Diagnostic> {
    Status::parse(value.get_ref())
        .ok_or_else(|| at.error(value.span(), ErrorKind::UnknownStatus(value.get_ref().clone())).with_help(STATUS_HELP))
}

/// The entries of `changes`, each checked: a date, at least one field with its value before and after (dates
/// read like `when`), oldest first. Every problem goes to `errors`; only whole entries are returned.
fn read_changes(
    at: Located<'_>,
    toml: &str,
    raw: &[Spanned<RawChange>],
    context: Context,
    errors: &mut Diagnostics,
) -> Vec<Change> {
    let file_span = |s: Range<usize>| at.offset + s.start..at.offset + s.end;
    let mut out: Vec<Change> = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for entry in raw {
        let c = entry.get_ref();
        let before = errors.len();
        for value in [&c.when, &c.new_when, &c.place, &c.new_where].into_iter().flatten() {
            check_value(at, "changes", value, true, errors);
        }
        if let Some(n) = &c.note {
            check_value(at, "note", n, false, errors);
        }
        let date = toml_date(at, &c.date).map_err(|e| errors.push(e)).ok();
        if let (Some(d), Some(p)) = (date, previous)
            && d < p
        {
            errors.push(
                at.error(c.date.span(), ErrorKind::ChangesOutOfOrder { date: d, previous: p })
                    .with_help("list the changes oldest first: a new change goes at the end"),
            );
        }
        previous = date.or(previous);
        let mut pair = |b, a, names| pair(at, b, a, names).map_err(|e| errors.push(e)).ok().flatten();
        let when = pair(c.when.as_ref(), c.new_when.as_ref(), ("when", "new_when"));
        let place = pair(c.place.as_ref(), c.new_where.as_ref(), ("where", "new_where"));
        let status = pair(c.status.as_ref(), c.new_status.as_ref(), ("status", "new_status"));
        if c.when.is_none()
            && c.new_when.is_none()
            && c.place.is_none()
            && c.new_where.is_none()
            && c.status.is_none()
            && c.new_status.is_none()
        {
            errors.push(at.error(entry.span(), ErrorKind::EmptyChange).with_help(
                "say what changed, e.g. { date = 2023-09-01, when = \"9月18日-22日\", new_when = \"10月9日-13日\" }; \
                 `almanac reschedule` writes it for you",
            ));
        }
        let field = |(b, a): (&Spanned<String>, &Spanned<String>)| FieldChange {
            before: b.get_ref().clone(),
            after: a.get_ref().clone(),
            before_span: file_span(b.span()),
            after_span: file_span(a.span()),
        };
        let when = when.and_then(|(b, a)| {
            let mut read = |v: &Spanned<String>| read_when(at, toml, v, context).map_err(|e| errors.push(e)).ok();
            let (before_when, after_when) = (read(b), read(a));
            Some(WhenChange { text: field((b, a)), before: before_when?, after: after_when? })
        });
        let place = place.map(|p| {
            let f = field(p);
            let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
            FieldChange {
                before: some(f.before),
                after: some(f.after),
                before_span: f.before_span,
                after_span: f.after_span,
            }
        });
        let status = status.and_then(|(b, a)| {
            let (sb, sa) = (
                read_status(at, b).map_err(|e| errors.push(e)).ok(),
                read_status(at, a).map_err(|e| errors.push(e)).ok(),
            );
            Some(FieldChange {
                before: sb?,
                after: sa?,
                before_span: file_span(b.span()),
                after_span: file_span(a.span()),
            })
        });
        if errors.len() > before {
            continue;
        }
        let Some(date) = date else { continue };
        out.push(Change {
            date,
            when,
            place,
            status,
            note: c.note.as_ref().map(|n| n.get_ref().clone()).filter(|n| !n.trim().is_empty()),
            span: file_span(c.date.span()),
        });
    }
    out
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
            .error(value.span(), ErrorKind::BadSpan { text: value.get_ref().clone() })
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
            ErrorKind::Date { text: value.get_ref().clone(), reason: e.to_string() },
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
            .error(span, ErrorKind::EndBeforeStart { start: when.start, end: when.end })
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
        .error(span, ErrorKind::FarFromYear { start: when.start, end: when.end, year, years: YEARS_AROUND })
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
        at.error(value.span(), ErrorKind::NotACalendarDate { value: dt.to_string() })
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
        assert_eq!((e.0[0].line, e.0[0].column), (4, 7));
    }

    #[test]
    fn activities_far_from_their_year_are_errors() {
        for (text, line) in [
            ("+++\ntitle = \"x\"\nwhen = \"2043年9月\"\n+++\n", 3),
            ("+++\ntitle = \"x\"\nwhen = \"9月\"\nstart = 1000-01-01\n+++\n", 4),
        ] {
            let e = load_str(text, "a.md").unwrap_err();
            assert_eq!(e.0[0].line, line, "{text}");
            assert!(matches!(e.0[0].kind, crate::error::Kind::Error(ErrorKind::FarFromYear { .. })), "{text}");
        }
        // Years further off are the date reader's own error.
        let e = load_str("+++\ntitle = \"x\"\nwhen = \"1000/9999\"\n+++\n", "a.md").unwrap_err();
        assert!(matches!(e.0[0].kind, crate::error::Kind::Error(ErrorKind::Date { .. })));
        assert!(load_str("+++\ntitle = \"x\"\nwhen = \"2033年12月\"\n+++\n", "a.md").is_ok());
    }

    #[test]
    fn an_empty_title_points_at_the_title() {
        let e = load_str("+++\nwhen = \"9月\"\ntitle = \" \"\n+++\n", "a.md").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (3, 9));
    }

    fn index_str(text: &str) -> Result<Index, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("_index.md");
        std::fs::write(&path, text).unwrap();
        load_index(dir.path(), &path)
    }

    /// (line, column, message) of each error.
    fn found(e: &Diagnostics) -> Vec<(usize, usize, String)> {
        e.iter().map(|d| (d.line, d.column, d.kind.to_string())).collect()
    }

    const ACTIVITY: &str = "+++\ntitle = \"论坛\"\nwhen = \"9月\"\nwhere = \"北京\"\ntags = [\"论坛\"]\n\
        milestones = [{ when = \"8月\", label = \"报名\" }]\n+++\n正文\n";

    /// Each text field of an activity, with a control character written as an escape: one error at the
    /// escape, naming the field.
    #[test]
    fn control_characters_in_each_activity_field_are_errors_where_they_are() {
        let cases = [
            ("\"论坛\"", "\"论\\u0001坛\"", "title", 2, 11),
            ("\"9月\"", "\"9月\\f\"", "when", 3, 11),
            ("\"北京\"", "\"北京\\u007F\"", "where", 4, 12),
            ("[\"论坛\"]", "[\"论坛\", \"\\e[31m\"]", "tags", 5, 16),
            ("\"报名\"", "\"报\\b名\"", "label", 6, 40),
            ("\"8月\"", "\"8月\\U0000FFFF\"", "when", 6, 27),
        ];
        for (from, to, field, line, column) in cases {
            let text = ACTIVITY.replacen(from, to, 1);
            let e = load_str(&text, "a.md").unwrap_err();
            let [(l, c, message)] = found(&e).try_into().unwrap_or_else(|f| panic!("{text}: {f:?}"));
            assert_eq!((l, c), (line, column), "{text}");
            assert!(message.starts_with(&format!("`{field}` contains U+")), "{message}");
        }
        let fffe = load_str(&ACTIVITY.replacen("\"北京\"", "\"\\uFFFE\"", 1), "a.md").unwrap_err();
        assert!(fffe.0[0].kind.to_string().contains("U+FFFE, a noncharacter"));
    }

    #[test]
    fn one_line_fields_hold_no_line_break() {
        for (from, to) in [("\"论坛\"", "\"论\\n坛\""), ("\"北京\"", "\"\"\"北\n京\"\"\""), ("\"报名\"", "\"报\\r名\"")]
        {
            let e = load_str(&ACTIVITY.replacen(from, to, 1), "a.md").unwrap_err();
            assert!(e.0[0].kind.to_string().ends_with("holds a line break"), "{to}: {e}");
        }
    }

    /// Written as themselves, in the front matter (before TOML reads it) or the body (with the file's other
    /// errors): shown as a visible picture, marked where they are.
    #[test]
    fn control_characters_in_the_file_are_errors_where_they_are() {
        let e = load_str(&ACTIVITY.replace("正文", "正\u{c}文"), "a.md").unwrap_err();
        assert_eq!(
            found(&e),
            [(8, 2, "the file contains U+000C, an invisible control character, which cannot be published".to_string())]
        );
        assert!(e.to_string().contains("8 | 正␌文\n  |   ^\n"), "{e}");
        // Along with the front matter's other problems.
        let e = load_str(&ACTIVITY.replace("正文", "正\u{1b}文").replace("9月", "13月"), "a.md").unwrap_err();
        assert_eq!(e.len(), 2, "{e}");
        // In the front matter: the TOML is not read.
        let e = load_str(&ACTIVITY.replace("北京", "北\u{0}京"), "a.md").unwrap_err();
        assert_eq!(
            found(&e)[..],
            [(
                4,
                11,
                "the file contains U+0000, an invisible control character, which cannot be published".to_string()
            )]
        );
        // Tabs, CRLF line ends and line breaks in the body are text.
        let text = ACTIVITY.replace("北京", "北\t京").replace('\n', "\r\n").replace("正文", "正\r\n\r\n文");
        let a = load_str(&text, "a.md").unwrap();
        assert_eq!(a.place.as_deref(), Some("北\t京"));
        // A file saved as UTF-16: ten lines reported, and how many more.
        let e = load_str(&format!("{ACTIVITY}{}", "x\u{0}\n".repeat(15)), "a.md").unwrap_err();
        assert_eq!(e.len(), 10);
        assert!(e.0[9].help.as_deref().unwrap().ends_with("(5 more lines of this file have one)"), "{e}");
    }

    #[test]
    fn control_characters_in_a_toml_body_are_errors() {
        let e =
            load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"\"\"\n第一页\\f第二页\n\"\"\"\n", "a.toml").unwrap_err();
        assert_eq!(
            found(&e),
            [(4, 4, "`body` contains U+000C, an invisible control character, which cannot be published".to_string())]
        );
        let e = load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"a\u{7f}\"\n", "a.toml").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (3, 10));
        assert!(load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"a\\n\\tb\"\n", "a.toml").is_ok());
    }

    #[test]
    fn control_characters_in_each_schedule_field_are_errors() {
        let index = "+++\ntitle = \"日程\"\nyear = 2023\norganiser = \"协会\"\nnote = \"注\"\n+++\n简介\n";
        assert!(index_str(index).is_ok());
        assert!(index_str(&index.replace("\"注\"", "\"注：\\n以通知为准\"")).is_ok(), "a note may have lines");
        for (from, to, expected) in [
            ("\"日程\"", "\"日\\u0002程\"", (2, 11, "`title` contains U+0002")),
            ("\"协会\"", "\"协会\\u001F\"", (4, 16, "`organiser` contains U+001F")),
            ("\"注\"", "\"\\b注\"", (5, 9, "`note` contains U+0008")),
            ("简介", "简\u{7f}介", (7, 2, "the file contains U+007F")),
        ] {
            let Err(e) = index_str(&index.replace(from, to)) else { panic!("{to}") };
            let (line, column, message) = found(&e).remove(0);
            assert_eq!((line, column), (expected.0, expected.1), "{to}");
            assert!(message.starts_with(expected.2), "{message}");
        }
    }

    const MOVED: &str = "+++\ntitle = \"论坛\"\nwhen = \"10月16日-20日\"\nwhere = \"上海\"\nchanges = [\n  \
        { date = 2023-08-20, when = \"9月18日-22日\", new_when = \"10月9日-13日\", note = \"因场地调整\" },\n  \
        { date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", where = \"北京\", new_where = \"上海\" },\n\
        ]\n+++\n";

    #[test]
    fn reads_the_history_of_changes() {
        let a = load_str(MOVED, "a.md").unwrap();
        assert_eq!((a.status(), a.sequence()), (Status::Rescheduled, 2));
        assert_eq!(a.last_change(), NaiveDate::from_ymd_opt(2023, 9, 1));
        let first = &a.changes[0];
        let w = first.when.as_ref().unwrap();
        assert_eq!((w.before.start.to_string(), w.after.start.to_string()), ("2023-09-18".into(), "2023-10-09".into()));
        assert_eq!(&a.origin.text[w.text.before_span.clone()], "\"9月18日-22日\"");
        assert_eq!(first.note.as_deref(), Some("因场地调整"));
        let p = a.changes[1].place.as_ref().unwrap();
        assert_eq!((p.before.as_deref(), p.after.as_deref()), (Some("北京"), Some("上海")));
        let whole = "title = \"x\"\nwhen = \"9月\"\nstatus = \"cancelled\"\nreason = \"报名不足\"\n\
            [[changes]]\ndate = 2023-09-05\nstatus = \"scheduled\"\nnew_status = \"cancelled\"\n";
        let a = load_str(whole, "a.toml").unwrap();
        assert_eq!((a.status(), a.sequence(), a.reason.as_deref()), (Status::Cancelled, 1, Some("报名不足")));
    }

    #[test]
    fn a_history_that_cannot_be_read_is_an_error_where_it_is() {
        for (from, to, expected) in [
            ("changes = [", "status = \"canceled\"\nchanges = [", (5, 10, "`canceled` is not a status")),
            (", new_when = \"10月9日-13日\", note", ", note", (6, 31, "the change records `when` without `new_when`")),
            (
                "date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", ",
                "date = 2023-09-01, ",
                (0, 0, ""),
            ),
            (
                "date = 2023-09-01",
                "date = 2023-08-01",
                (7, 12, "the change of 2023-08-01 is listed after the change of 2023-08-20"),
            ),
            ("\"9月18日-22日\"", "\"9月38日\"", (6, 34, "cannot read the date")),
            ("date = 2023-08-20, ", "", (6, 3, "missing required key `date`")),
            (
                "new_where = \"上海\"",
                "new_where = \"上海\", new_status = \"done\"",
                (7, 114, "the change records `new_status` without `status`"),
            ),
        ] {
            let text = MOVED.replacen(from, to, 1);
            let result = load_str(&text, "a.md");
            if expected.2.is_empty() {
                assert!(result.is_ok(), "a change of the place alone is a change: {text}");
                continue;
            }
            let e = result.unwrap_err();
            let (line, column, message) = found(&e).remove(0);
            assert!(message.starts_with(expected.2), "{text}\n{message}");
            assert_eq!(line, expected.0, "{text}\n{message}");
            if expected.1 > 0 {
                assert_eq!(column, expected.1, "{text}\n{message}");
            }
        }
        let e = load_str(&MOVED.replace("note = \"因场地调整\"", "note = \"x\"").replace(
            "{ date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", where = \"北京\", new_where = \"上海\" }",
            "{ date = 2023-09-01 }"), "a.md").unwrap_err();
        assert_eq!(found(&e)[0].2, "the change records nothing: it has no `when`, `where` or `status`");
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
