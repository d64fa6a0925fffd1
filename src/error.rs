//! Diagnostics: every problem a build finds, with the file, line and column it is about.
//!
//! Errors are collected, not returned at the first one, so an editor sees every problem of a run at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong. The `Display` text is one plain sentence; the fix goes in [`Diagnostic::help`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read {what}: {message}")]
    Io { what: &'static str, message: String },
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
    #[error("{0}")]
    Invalid(String),
    #[error("template error: {0}")]
    Template(String),
    // Warnings: legal but suspicious input, reported by `almanac check`.
    #[error("the activity runs {start} … {end}, outside its schedule's year {year}")]
    OutsideYear { start: String, end: String, year: i32 },
    #[error("another activity has the same {what} `{value}`: {other}")]
    Duplicate { what: &'static str, value: String, other: String },
    #[error("`where` reads like a date: `{0}`")]
    PlaceLooksLikeDate(String),
    #[error("the milestone `{label}` ({when}) falls outside the activity's dates")]
    MilestoneOutside { label: String, when: String },
    #[error("the link `{0}` points to a page that does not exist")]
    BrokenLink(String),
    #[error("the tag `{tag}` looks like a misspelling of `{other}`")]
    TagLooksLike { tag: String, other: String },
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
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub kind: ErrorKind,
    pub help: Option<String>,
    /// The offending source line, shown under the message with a marker.
    pub source_line: Option<String>,
    /// Width of the marker, in characters.
    pub marker_len: usize,
}

impl Diagnostic {
    /// A problem about a whole file (cannot read it, not UTF-8, …).
    pub fn file(path: impl Into<PathBuf>, kind: ErrorKind) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            kind,
            help: None,
            source_line: None,
            marker_len: 0,
        }
    }

    /// A problem at byte `offset` (spanning `len` bytes) of `text`, the whole content of `path`.
    pub fn at(path: impl Into<PathBuf>, text: &str, offset: usize, len: usize, kind: ErrorKind) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + len.max(1)).min(line_end));
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            kind,
            help: None,
            source_line: Some(text[line_start..line_end].trim_end_matches('\r').to_string()),
            marker_len: text[offset..end].chars().count().max(1),
        }
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Makes the path relative to `root` for shorter messages.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.path.strip_prefix(root) {
            self.path = rel.to_path_buf();
        }
        self
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Terminal columns a string takes: CJK and full-width characters take two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => 2,
            0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
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
        let p = Palette::new(self.severity, color);
        let (h, a, hp) = (p.head, p.accent, p.help);
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{h}{label}{h:#}: {}\n", self.kind);
        if self.line == 0 {
            out += &format!("  {a}-->{a:#} {}\n", self.path.display());
        } else {
            out += &format!("  {a}-->{a:#} {}:{}:{}\n", self.path.display(), self.line, self.column);
        }
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let before: String = src.chars().take(self.column - 1).collect();
            let marked: String = src.chars().skip(self.column - 1).take(self.marker_len).collect();
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
    /// Paths relative to `root`, in file order.
    pub fn relative_to(self, root: &Path) -> Self {
        Diagnostics(self.0.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
    }

    /// Orders by file and position so the report does not depend on thread scheduling.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity)));
        self
    }
}

impl Diagnostics {
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
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

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "+++\ntitle = \"质量\"\nwhen = \"13月\"\n";
        let offset = text.find("13").unwrap();
        let d = Diagnostic::at("a.md", text, offset, 2, ErrorKind::Invalid("x".into()));
        assert_eq!((d.line, d.column, d.marker_len), (3, 9, 2));
        assert_eq!(d.source_line.as_deref(), Some("when = \"13月\""));
    }

    #[test]
    fn marker_accounts_for_wide_characters() {
        let text = "when = \"九月13月\"";
        let offset = text.find("13").unwrap();
        let d = Diagnostic::at("a.md", text, offset, "13月".len(), ErrorKind::Invalid("x".into()));
        let shown = d.to_string();
        // 8 ASCII columns and 2 wide characters before the marker; "13月" is 4 columns wide.
        assert!(shown.contains(&format!("  | {}^^^^\n", " ".repeat(12))), "{shown}");
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::at("a.md", "when = \"13月\"", 8, 2, ErrorKind::Invalid("x".into())).with_help("fix");
        assert!(!d.render(false).contains('\x1b'));
        let coloured = d.render(true);
        assert!(coloured.contains("\x1b[") && coloured.contains("error"), "{coloured:?}");
        assert!(d.clone().warning().render(false).starts_with("warning: x"));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "when", "where", "tags"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("wehre", &keys), Some("where"));
        assert_eq!(did_you_mean("organisation", &keys), None);
    }
}
