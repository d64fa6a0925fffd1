//! Diagnostics: every problem a run finds, typed, with the file, line and column it is about.
//!
//! Errors stop a build; warnings are legal but suspicious input that `almanac check` reports. Both are collected,
//! not returned at the first one, so an editor sees every problem of a run at once.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

/// What stops a build. The `Display` text is one plain sentence; the fix goes in [`Diagnostic::help`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot {op} {}: {source}", path.display())]
    Io { op: IoOp, path: PathBuf, source: IoSource },
    #[error("the file is not valid UTF-8 text")]
    NotUtf8,
    #[error("invalid TOML: {0}")]
    Toml(String),
    #[error("unknown key `{key}`")]
    UnknownKey { key: String },
    #[error("missing required key `{0}`")]
    MissingKey(&'static str),
    #[error("the front matter is not closed: no line `+++` ends it")]
    UnclosedFrontMatter,
    #[error("the file has no front matter: it must start with a line `+++`")]
    NoFrontMatter,
    #[error("cannot read the date `{text}`: {reason}")]
    Date { text: String, reason: String },
    #[error("`{value}` is not a calendar date")]
    NotACalendarDate { value: String },
    #[error("the range ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("the activity runs {start} … {end}, more than {years} years from its schedule's year {year}")]
    FarFromYear { start: NaiveDate, end: NaiveDate, year: i32, years: i32 },
    #[error("year {0} is not a four-digit year")]
    BadYear(i64),
    #[error("the span `{text}` does not give whole months with their years")]
    BadSpan { text: String },
    #[error("`year` is {year}, but the span starts in {span_year}")]
    SpanYear { year: i32, span_year: i32 },
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{what} `{slug}` is not lowercase ASCII letters, digits and `-`")]
    BadSlug { what: SlugOf, slug: String },
    #[error("the schedule folder name `{0}` is used by the site itself")]
    ReservedFolder(String),
    #[error("a file directly in content/ belongs to no schedule")]
    StrayContentFile,
    #[error("the schedule folder has no _index.md")]
    NoScheduleIndex,
    #[error("two files of the site would be written to `{path}`: {first} and {second}")]
    PathCollision { path: String, first: String, second: String },
    #[error("the link `{link}` {problem}")]
    BrokenLink { link: String, problem: LinkProblem },
    #[error("base_url `{url}` {problem}")]
    BaseUrl { url: String, problem: UrlProblem },
    #[error("`{0}` is not a time zone of the IANA database")]
    UnknownTimezone(String),
    #[error("there is no theme `{name}`: no folder themes/{name}")]
    NoSuchTheme { name: String },
    #[error("the theme has no template {0}")]
    MissingTemplate(&'static str),
    #[error("template error: {0}")]
    Template(String),
    #[error("a site already exists here")]
    SiteExists,
    #[error("the file already exists")]
    FileExists,
    #[error("there is no readable schedule {}", .0.display())]
    NoSchedule(PathBuf),
    #[error("a schedule needs its year")]
    NoYear,
    /// `almanac import` cannot use a file or an option as given; the reason says which and why.
    #[error("cannot import: {0}")]
    CannotImport(String),
    #[error("{} contains {}, which cannot be published", in_field(*field), character(*code))]
    ControlCharacter { code: u32, field: Option<&'static str> },
    #[error("`{field}` holds a line break")]
    LineBreak { field: &'static str },
    #[error("the output folder {} {relation} {what}: replacing it would delete the site's sources", output.display())]
    OutputOverlapsSources { output: PathBuf, relation: Overlap, what: String },
    #[error("the output folder is a symbolic link (to {})", to.display())]
    OutputIsLink { to: PathBuf },
    #[error("the output path is a file, not a folder")]
    OutputNotAFolder,
    #[error("the output folder is not empty and no almanac build wrote it (it has no `{marker}` file)")]
    OutputNotOurs { marker: &'static str },
    // When the schedule changes (`status`, `changes`).
    #[error("`{0}` is not a status")]
    UnknownStatus(String),
    #[error("the change records nothing: it has no `when`, `where` or `status`")]
    EmptyChange,
    #[error("the change records `{have}` without `{missing}`")]
    HalfChange { have: &'static str, missing: &'static str },
    #[error("the change of {date} is listed after the change of {previous}")]
    ChangesOutOfOrder { date: NaiveDate, previous: NaiveDate },
    /// `almanac reschedule` cannot do what it was asked; the reason says why.
    #[error("cannot reschedule: {0}")]
    CannotReschedule(String),
}

/// "`title`", or "the file" for a character written as itself.
fn in_field(field: Option<&str>) -> String {
    field.map_or_else(|| "the file".to_string(), |f| format!("`{f}`"))
}

/// "U+000C, an invisible control character".
fn character(code: u32) -> String {
    let what = if code == 0xFFFE || code == 0xFFFF { "a noncharacter" } else { "an invisible control character" };
    format!("U+{code:04X}, {what}")
}

/// How an output folder would take the site's sources with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    Is,
    Inside,
    Holds,
}

impl fmt::Display for Overlap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Overlap::Is => "is",
            Overlap::Inside => "lies inside",
            Overlap::Holds => "holds",
        })
    }
}

/// What is probably a mistake but still builds: `almanac check` reports it (and fails on it under `--strict`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarningKind {
    #[error("the dates {start} … {end} fall outside the schedule's year {year}")]
    OutsideYear { start: NaiveDate, end: NaiveDate, year: i32 },
    #[error("the dates {start} … {end} fall outside the schedule's span {first} … {last}")]
    OutsideSpan { start: NaiveDate, end: NaiveDate, first: NaiveDate, last: NaiveDate },
    #[error("the date has no year and reads as {start}, before the schedule's first dated activity ({first})")]
    BareBeforeDated { start: NaiveDate, first: NaiveDate },
    #[error("another activity has the same {what} `{value}`: {other}")]
    Duplicate { what: &'static str, value: String, other: String },
    #[error("`where` reads like a date: `{0}`")]
    PlaceLooksLikeDate(String),
    #[error("the milestone `{label}` ({when}) falls outside the activity's dates")]
    MilestoneOutside { label: String, when: String },
    #[error("the milestone `{label}` ({when}) says `outside = true` but falls within the activity's dates")]
    MilestoneNotOutside { label: String, when: String },
    #[error("the tag `{tag}` looks like a misspelling of `{other}`")]
    TagLooksLike { tag: String, other: String },
    #[error("{0} is removed from the published page")]
    Sanitised(String),
    #[error("a draft is left out of the site: {0}")]
    DraftLeftOut(Box<ErrorKind>),
    // `almanac import`: rows it writes but wants looked at, and rows it leaves out.
    #[error("the row is written as a draft: {0}")]
    WrittenAsDraft(Box<ErrorKind>),
    #[error("the 序号 `{0}` is not a whole number")]
    NotANumber(String),
    #[error("the place after `{0}` stays in the date's note, not 地点")]
    PlaceInNote(String),
    #[error("not imported: 序号 {number} is taken by {other}, another activity")]
    NumberTaken { number: String, other: String },
    #[error("there is no title before the table; the schedule is named after the file")]
    NoScheduleTitle,
    // When the schedule changes: a history that does not match the file.
    #[error("`status` is `{status}`, but {recorded}")]
    StatusNotRecorded { status: &'static str, recorded: String },
    #[error("`{field}` is `{now}`, but the last recorded change set it to `{recorded}`")]
    NotRecorded { field: &'static str, now: String, recorded: String },
    #[error("the change says `{field}` was `{before}`, but the change before it set it to `{previous}`")]
    ChangeChainBroken { field: &'static str, before: String, previous: String },
    #[error("the change leaves `{field}` as it was: `{value}`")]
    ChangeChangesNothing { field: &'static str, value: String },
}

/// An error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Error(ErrorKind),
    Warning(WarningKind),
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Error(e) => e.fmt(f),
            Kind::Warning(w) => w.fmt(f),
        }
    }
}

impl From<ErrorKind> for Kind {
    fn from(e: ErrorKind) -> Self {
        Kind::Error(e)
    }
}

impl From<WarningKind> for Kind {
    fn from(w: WarningKind) -> Self {
        Kind::Warning(w)
    }
}

/// What an I/O error was doing, for the message: "cannot read the file …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoOp {
    Read,
    List,
    Write,
    Create,
    Replace,
    Lock,
}

impl fmt::Display for IoOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IoOp::Read => "read",
            IoOp::List => "list the folder",
            IoOp::Write => "write",
            IoOp::Create => "create",
            IoOp::Replace => "replace",
            IoOp::Lock => "lock",
        })
    }
}

/// An `io::Error` that diagnostics can clone and compare (by kind and message).
#[derive(Debug, Clone)]
pub struct IoSource(pub Arc<io::Error>);

impl PartialEq for IoSource {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoSource {}

impl fmt::Display for IoSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IoSource {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// Whose slug a [`ErrorKind::BadSlug`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugOf {
    Activity,
    Schedule,
}

impl fmt::Display for SlugOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlugOf::Activity => "the slug",
            SlugOf::Schedule => "the schedule folder name",
        })
    }
}

/// Why a link in a body does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// A `.md`/`.toml` link to a file that is not a published activity.
    NoSuchContent,
    /// A relative link to a file the build does not write.
    NoSuchPage,
    /// A relative link that climbs out of the site.
    OutsideSite,
    /// `/x.html`: breaks under a sub-path and from disk.
    RootRelative,
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkProblem::NoSuchContent => "points to a content file that is not a published activity",
            LinkProblem::NoSuchPage => "points to a file the site does not have",
            LinkProblem::OutsideSite => "climbs out of the site",
            LinkProblem::RootRelative => {
                "starts with `/`, which breaks when the site is opened from disk or served under a sub-path"
            }
        })
    }
}

/// Why a `base_url` cannot be the address of a site's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    NotAbsolute,
    NotHttp,
    NoHost,
    Credentials,
    Query,
    Fragment,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::NotAbsolute => "is not an absolute address",
            UrlProblem::NotHttp => "is not an http(s) address",
            UrlProblem::NoHost => "has no host name",
            UrlProblem::Credentials => "carries a user name or password",
            UrlProblem::Query => "has a query (`?…`), which cannot be a folder",
            UrlProblem::Fragment => "has a fragment (`#…`), which cannot be a folder",
        })
    }
}

/// Errors stop the build; warnings are reported by `almanac check` (and fail it under `--strict`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub kind: Kind,
    pub help: Option<String>,
    /// The offending source line, shown under the message with a marker.
    pub source_line: Option<String>,
    /// Width of the marked part, in characters.
    pub marker_len: usize,
}

impl Diagnostic {
    /// A problem about a whole file (cannot read it, not UTF-8, …).
    pub fn file(path: impl Into<PathBuf>, kind: impl Into<Kind>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            column: 0,
            kind: kind.into(),
            help: None,
            source_line: None,
            marker_len: 0,
        }
    }

    /// An I/O error while doing `op` on `path`.
    pub fn io(op: IoOp, path: impl Into<PathBuf>, error: io::Error) -> Self {
        let path = path.into();
        Diagnostic::file(path.clone(), ErrorKind::Io { op, path, source: IoSource(Arc::new(error)) })
    }

    /// A problem at byte `offset` (spanning `len` bytes) of `text`, the whole content of `path`.
    pub fn at(path: impl Into<PathBuf>, text: &str, offset: usize, len: usize, kind: impl Into<Kind>) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + len.max(1)).min(line_end));
        Diagnostic {
            path: path.into(),
            line,
            column,
            kind: kind.into(),
            help: None,
            source_line: Some(visible(text[line_start..line_end].trim_end_matches('\r'))),
            marker_len: text[offset..end].chars().count().max(1),
        }
    }

    pub fn severity(&self) -> Severity {
        match self.kind {
            Kind::Error(_) => Severity::Error,
            Kind::Warning(_) => Severity::Warning,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// This error of a draft that the build leaves out, as a warning: it need not stop the build, but it is said
    /// until fixed (`--drafts` makes it an error again).
    pub fn left_out_draft(mut self) -> Self {
        if let Kind::Error(e) = self.kind {
            self.kind = Kind::Warning(WarningKind::DraftLeftOut(Box::new(e)));
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Makes the paths relative to `root` for shorter messages.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.path.strip_prefix(root) {
            self.path = rel.to_path_buf();
        }
        if let Kind::Error(ErrorKind::Io { path, .. }) = &mut self.kind
            && let Ok(rel) = path.strip_prefix(root)
        {
            *path = rel.to_path_buf();
        }
        self
    }

    /// The source line split around the marked part: (before, marked, after), for a caret or a highlight.
    pub fn marked(&self) -> Option<(String, String, String)> {
        let src = self.source_line.as_ref()?;
        let skip = self.column.saturating_sub(1);
        let before: String = src.chars().take(skip).collect();
        let marked: String = src.chars().skip(skip).take(self.marker_len).collect();
        let after: String = src.chars().skip(skip + self.marker_len).collect();
        Some((before, marked, after))
    }
}

/// A source line as it can be shown on a terminal: control characters as their visible pictures (`␌` for a
/// form feed), one for one, so the marker stays under them and no escape sequence reaches the terminal.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match u32::from(c) {
            code @ 0..0x20 if c != '\t' => char::from_u32(0x2400 + code).unwrap_or(c),
            0x7f => '\u{2421}',
            _ => c,
        })
        .collect()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Terminal columns a string takes (East Asian wide characters take two), by Unicode's width tables.
pub fn display_width(s: &str) -> usize {
    s.width()
}

/// Terminal styles; all empty without colour.
struct Palette {
    head: anstyle::Style,
    accent: anstyle::Style,
    help: anstyle::Style,
}

impl Palette {
    fn new(severity: Severity, color: bool) -> Self {
        use anstyle::{AnsiColor, Style};
        if !color {
            return Palette { head: Style::new(), accent: Style::new(), help: Style::new() };
        }
        let head = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
        };
        Palette {
            head: Style::new().bold().fg_color(Some(head.into())),
            accent: Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            help: Style::new().fg_color(Some(AnsiColor::Cyan.into())),
        }
    }
}

impl Diagnostic {
    /// The diagnostic as text for a terminal, in colour when `color` is true.
    pub fn render(&self, color: bool) -> String {
        let p = Palette::new(self.severity(), color);
        let (h, a, hp) = (p.head, p.accent, p.help);
        let label = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{h}{label}{h:#}: {}\n", self.kind);
        if self.line == 0 {
            out += &format!("  {a}-->{a:#} {}\n", self.path.display());
        } else {
            out += &format!("  {a}-->{a:#} {}:{}:{}\n", self.path.display(), self.line, self.column);
        }
        if let (Some(src), Some((before, marked, _))) = (&self.source_line, self.marked()) {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let spaces = " ".repeat(display_width(&before));
            let carets = "^".repeat(display_width(&marked).max(1));
            out += &format!("{a}{pad} |{a:#}\n{a}{gutter} |{a:#} {src}\n{a}{pad} |{a:#} {spaces}{h}{carets}{h:#}\n");
        }
        if let Some(help) = &self.help {
            out += &format!("  {hp}= help:{hp:#} {help}\n");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// All the problems of one run. Never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Adds `d` unless an equal one is there already (a broken template fails every page that uses it).
    pub fn push_once(&mut self, d: Diagnostic) {
        if !self.0.contains(&d) {
            self.0.push(d);
        }
    }

    /// `Ok(value)` when there is no error among these.
    pub fn or_ok<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.errors() == 0 { Ok(value) } else { Err(self) }
    }

    /// Paths relative to `root`, in file order.
    pub fn relative_to(self, root: &Path) -> Self {
        Diagnostics(self.0.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
    }

    /// Orders by file and position so the report does not depend on thread scheduling.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity(), a.kind.to_string()).cmp(&(
                &b.path,
                b.line,
                b.column,
                b.severity(),
                b.kind.to_string(),
            ))
        });
        self
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    /// Every diagnostic, a blank line between them.
    pub fn render(&self, color: bool) -> String {
        self.0.iter().map(|d| d.render(color)).collect::<Vec<_>>().join("\n")
    }
}

/// "1 error", "3 warnings".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any() -> ErrorKind {
        ErrorKind::EmptyTitle
    }

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "+++\ntitle = \"质量\"\nwhen = \"13月\"\n";
        let offset = text.find("13").unwrap();
        let d = Diagnostic::at("a.md", text, offset, 2, any());
        assert_eq!((d.line, d.column, d.marker_len), (3, 9, 2));
        assert_eq!(d.source_line.as_deref(), Some("when = \"13月\""));
        assert_eq!(d.marked().unwrap(), ("when = \"".into(), "13".into(), "月\"".into()));
    }

    #[test]
    fn marker_accounts_for_wide_characters() {
        let text = "when = \"九月13月\"";
        let offset = text.find("13").unwrap();
        let d = Diagnostic::at("a.md", text, offset, "13月".len(), any());
        let shown = d.to_string();
        // 8 ASCII columns and 2 wide characters before the marker; "13月" is 4 columns wide.
        assert!(shown.contains(&format!("  | {}^^^^\n", " ".repeat(12))), "{shown}");
        // Full-width punctuation and combining marks take their real widths.
        assert_eq!(display_width("（评审）"), 8);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::at("a.md", "when = \"13月\"", 8, 2, any()).with_help("fix");
        assert!(!d.render(false).contains('\x1b'));
        let coloured = d.render(true);
        assert!(coloured.contains("\x1b[") && coloured.contains("error"), "{coloured:?}");
        let w = Diagnostic::file("a.md", WarningKind::PlaceLooksLikeDate("9月".into()));
        assert!(w.render(false).starts_with("warning: `where` reads like a date"));
        assert_eq!(w.severity(), Severity::Warning);
    }

    #[test]
    fn io_errors_name_the_operation_and_path() {
        let d = Diagnostic::io(IoOp::Read, "/site/content/a.md", io::Error::from(io::ErrorKind::PermissionDenied));
        let d = d.relative_to(Path::new("/site"));
        assert_eq!(d.path, Path::new("content/a.md"));
        assert!(d.kind.to_string().starts_with("cannot read content/a.md: permission denied"), "{}", d.kind);
        assert_eq!(d.clone(), d);
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "when", "where", "tags"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("wehre", &keys), Some("where"));
        assert_eq!(did_you_mean("organisation", &keys), None);
    }
}
