//! What can go wrong, by kind: the errors that stop a build, the warnings `almanac check` reports, and the small
//! types their messages are made of.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

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
    #[error("the activity has {count} milestones, more than the {max} one activity may have")]
    TooManyMilestones { count: usize, max: usize },
    #[error("{what} `{slug}` is not lowercase ASCII letters, digits and `-`, at most {max} bytes long", max = crate::urls::MAX_SLUG_BYTES)]
    BadSlug { what: SlugOf, slug: String },
    #[error("the name `{name}` of {what} is {bytes} bytes long, more than a file system allows ({max})", max = crate::urls::MAX_NAME_BYTES)]
    NameTooLong { name: String, what: String, bytes: usize },
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
    #[error("email `{email}` {problem}")]
    Email { email: String, problem: EmailProblem },
    #[error("`{0}` is not a time zone of the IANA database")]
    UnknownTimezone(String),
    #[error("there is no theme `{name}`: no folder themes/{name}")]
    NoSuchTheme { name: String },
    #[error("the theme `{theme}` has no template or static file `{name}`")]
    NoSuchThemeFile { theme: String, name: String },
    #[error("`{name}` is both a template and a static file of the theme")]
    AmbiguousThemeFile { name: String },
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
    /// Copies of one warning past a limit, in one line (see [`Diagnostics::summarised`](super::Diagnostics)).
    #[error("{count} more like this: {what}")]
    Repeated { count: usize, what: String },
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

/// Why an `email` is not an address calendars can write as `mailto:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    NoAt,
    BadLocalPart,
    BadDomain,
}

impl fmt::Display for EmailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EmailProblem::NoAt => "is not one address of the form name@domain",
            EmailProblem::BadLocalPart => {
                "has a name before `@` that is empty, too long or has characters an address cannot"
            }
            EmailProblem::BadDomain => "has a domain after `@` that is not a host name such as example.org",
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
