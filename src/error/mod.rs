//! Diagnostics: every problem a run finds, typed, with the file, line and column it is about.
//!
//! Errors stop a build; warnings are legal but suspicious input that `almanac check` reports. Both are collected,
//! not returned at the first one, so an editor sees every problem of a run at once.

mod kind;
mod origin;
mod repeat;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use kind::{FileError, IoOp, IoSource, Kind, Severity};
pub use origin::{Origin, Span};
#[cfg(feature = "import")]
pub use origin::{TableCell, TableName};

// Every stage's own error, nameable from here too: matching a `Kind` needs no other path (the config and the
// lint are not public modules).
pub use crate::config::{ConfigError, EmailProblem, UrlProblem};
pub use crate::content::new::NewError;
pub use crate::content::{ContentError, SlugOf, TomlError};
#[cfg(feature = "import")]
pub use crate::import::{ImportError, ImportWarning, TableSize};
pub use crate::init::InitError;
pub use crate::layout::{LayoutError, LinkProblem};
pub use crate::lint::{Lint, Recorded};
pub use crate::output::{OutputError, Overlap};
pub use crate::render::TemplateError;
pub use crate::reschedule::RescheduleError;
use unicode_width::UnicodeWidthStr;

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub origin: Origin,
    pub kind: Kind,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(origin: Origin, kind: impl Into<Kind>) -> Self {
        Diagnostic { origin, kind: kind.into(), help: None }
    }

    /// A problem about a whole file (cannot read it, not UTF-8, …).
    pub fn file(path: impl Into<PathBuf>, kind: impl Into<Kind>) -> Self {
        Diagnostic::new(Origin::File { path: path.into(), span: None }, kind)
    }

    /// An I/O error while doing `op` on `path`.
    pub fn io(op: IoOp, path: impl Into<PathBuf>, error: io::Error) -> Self {
        let path = path.into();
        Diagnostic::file(path.clone(), FileError::Io { op, path, source: IoSource(Arc::new(error)) })
    }

    /// A problem at byte `offset` (spanning `len` bytes) of `text`, the whole content of `path`.
    pub fn at(path: impl Into<PathBuf>, text: &str, offset: usize, len: usize, kind: impl Into<Kind>) -> Self {
        Diagnostic::new(Origin::File { path: path.into(), span: Some(Span::locate(text, offset, len)) }, kind)
    }

    /// A problem with the command-line argument `name` (`--schedule`, `SCHEDULE`).
    pub fn arg(name: &'static str, kind: impl Into<Kind>) -> Self {
        Diagnostic::new(Origin::Arg { name, span: None }, kind)
    }

    /// A problem at byte `offset` (spanning `len` bytes) of `value`, the value of the argument `name`.
    pub fn arg_at(name: &'static str, value: &str, offset: usize, len: usize, kind: impl Into<Kind>) -> Self {
        Diagnostic::new(Origin::Arg { name, span: Some(Span::locate(value, offset, len)) }, kind)
    }

    /// A problem with a cell (or a row) of a table in the imported file `path`.
    #[cfg(feature = "import")]
    pub fn cell(path: impl Into<PathBuf>, cell: TableCell, kind: impl Into<Kind>) -> Self {
        Diagnostic::new(Origin::Cell { path: path.into(), cell }, kind)
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// This error of a draft that the build leaves out, as a warning: it need not stop the build, but it is said
    /// until fixed (`--drafts` makes it an error again).
    pub fn left_out_draft(mut self) -> Self {
        if self.is_error() {
            self.kind = Kind::DraftLeftOut(Box::new(self.kind));
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Makes the paths relative to `root` for shorter messages.
    pub fn relative_to(mut self, root: &Path) -> Self {
        self.origin.relative_to(root);
        if let Kind::File(FileError::Io { path, .. }) = &mut self.kind
            && let Ok(rel) = path.strip_prefix(root)
        {
            *path = rel.to_path_buf();
        }
        self
    }

    /// Where the problem is, without line and column (see [`Origin::path`]).
    pub fn path(&self) -> std::borrow::Cow<'_, Path> {
        self.origin.path()
    }

    /// 1-based; 0 when the problem is about a whole file, argument or cell.
    pub fn line(&self) -> usize {
        self.origin.span().map_or(0, |s| s.line)
    }

    /// 1-based, counted in characters; 0 when [`Diagnostic::line`] is.
    pub fn column(&self) -> usize {
        self.origin.span().map_or(0, |s| s.column)
    }

    /// The source line split around the marked part: (before, marked, after), for a caret or a highlight.
    pub fn marked(&self) -> Option<(String, String, String)> {
        self.origin.span().map(Span::marked)
    }
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
        out += &format!("  {a}-->{a:#} {}\n", self.origin);
        if let Some(span) = self.origin.span() {
            let (before, marked, after) = span.marked();
            let src = &span.source_line;
            // A long line (a 69 KB `when`) is shown around its marker only.
            let (src, before, marked) = if src.chars().count() > SHOWN_CHARS {
                let before = match before.chars().count().checked_sub(SHOWN_AROUND) {
                    Some(cut @ 1..) => format!("…{}", before.chars().skip(cut).collect::<String>()),
                    _ => before,
                };
                let marked = shorten(&marked, SHOWN_AROUND);
                let shown = format!("{before}{marked}{}", shorten(&after, SHOWN_AROUND));
                (shown, before, marked)
            } else {
                (src.clone(), before, marked)
            };
            let gutter = span.line.to_string();
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

/// The longest source line shown whole under a message, in characters; a longer one is shown [`SHOWN_AROUND`]
/// characters either side of its marker, and of the marked part itself.
const SHOWN_CHARS: usize = 200;
const SHOWN_AROUND: usize = 60;

/// `text` cut to its first `n` characters, with `…` when it was longer.
fn shorten(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
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
            (a.path(), a.line(), a.column(), a.severity(), a.kind.to_string()).cmp(&(
                b.path(),
                b.line(),
                b.column(),
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
    nearest(word, candidates, 1).into_iter().next()
}

/// Up to `n` of `candidates` close enough to `word` to be a likely typo of it, the closest first (ties in the
/// order given).
pub fn nearest<'a>(word: &str, candidates: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut close: Vec<(f64, &str)> =
        candidates.iter().map(|c| (strsim::jaro_winkler(word, c), *c)).filter(|(score, _)| *score > 0.8).collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    close.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any() -> crate::content::ContentError {
        crate::content::ContentError::EmptyTitle
    }

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "+++\ntitle = \"质量\"\nwhen = \"13月\"\n";
        let offset = text.find("13").unwrap();
        let d = Diagnostic::at("a.md", text, offset, 2, any());
        let span = d.origin.span().unwrap();
        assert_eq!((d.line(), d.column(), span.marker_len), (3, 9, 2));
        assert_eq!(span.source_line, "when = \"13月\"");
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
        let w = Diagnostic::file("a.md", crate::lint::Lint::PlaceLooksLikeDate("9月".into()));
        assert!(w.render(false).starts_with("warning: `where` reads like a date"));
        assert_eq!(w.severity(), Severity::Warning);
    }

    #[test]
    fn io_errors_name_the_operation_and_path() {
        let d = Diagnostic::io(IoOp::Read, "/site/content/a.md", io::Error::from(io::ErrorKind::PermissionDenied));
        let d = d.relative_to(Path::new("/site"));
        assert_eq!(d.path(), Path::new("content/a.md"));
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
