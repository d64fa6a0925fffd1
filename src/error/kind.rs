//! What can go wrong, by stage. Each stage owns its error type (config, front matter, content, layout,
//! templates, output, the commands) and [`Kind`] wraps them, so a new error is a variant in its stage's own
//! file, and the compiler lists every `match` that must handle a new stage. What every stage shares (reading
//! and writing files) is [`FileError`], here.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::ConfigError;
use crate::content::ContentError;
use crate::content::frontmatter::TomlError;
use crate::content::new::NewError;
#[cfg(feature = "import")]
use crate::import::{ImportError, ImportWarning};
use crate::init::InitError;
use crate::layout::LayoutError;
use crate::lint::Lint;
use crate::output::OutputError;
use crate::render::TemplateError;
use crate::reschedule::RescheduleError;

/// What a diagnostic says, by the stage that found it. Errors stop a build; the last four kinds are warnings
/// ([`Kind::severity`]). The `Display` text is one plain sentence; the fix goes in the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Reading or writing a file, in any stage.
    File(FileError),
    /// `almanac.toml` (`src/config.rs`).
    Config(ConfigError),
    /// TOML and front matter, of `almanac.toml` and of content files (`content/frontmatter.rs`).
    Toml(TomlError),
    /// Schedules and activities (`content/error.rs`).
    Content(ContentError),
    /// Paths and links of the site (`layout/error.rs`).
    Layout(LayoutError),
    /// Themes and templates (`render/error.rs`).
    Template(TemplateError),
    /// The output folder (`src/output.rs`).
    Output(OutputError),
    /// `almanac new` (`content/new.rs`).
    New(NewError),
    /// `almanac init` (`src/init.rs`).
    Init(InitError),
    /// `almanac reschedule` (`src/reschedule/`).
    Reschedule(RescheduleError),
    /// `almanac import`, a file or an option it cannot use (`import/error.rs`).
    #[cfg(feature = "import")]
    Import(ImportError),
    /// Warning: `almanac check`'s lint (`src/lint.rs`).
    Lint(Lint),
    /// Warning: a row `almanac import` writes as a draft or leaves out (`import/error.rs`).
    #[cfg(feature = "import")]
    ImportWarning(ImportWarning),
    /// Warning: an error of a draft, which the build leaves out instead of stopping.
    DraftLeftOut(Box<Kind>),
    /// Warning: copies of one warning past a limit, in one line (see [`Diagnostics::summarised`](super::Diagnostics::summarised)).
    Repeated { count: usize, what: String },
}

/// Errors stop the build; warnings are reported by `almanac check` (and fail it under `--strict`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Kind {
    pub fn severity(&self) -> Severity {
        match self {
            Kind::File(_)
            | Kind::Config(_)
            | Kind::Toml(_)
            | Kind::Content(_)
            | Kind::Layout(_)
            | Kind::Template(_)
            | Kind::Output(_)
            | Kind::New(_)
            | Kind::Init(_)
            | Kind::Reschedule(_) => Severity::Error,
            #[cfg(feature = "import")]
            Kind::Import(_) => Severity::Error,
            #[cfg(feature = "import")]
            Kind::ImportWarning(_) => Severity::Warning,
            Kind::Lint(_) | Kind::DraftLeftOut(_) | Kind::Repeated { .. } => Severity::Warning,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::File(e) => e.fmt(f),
            Kind::Config(e) => e.fmt(f),
            Kind::Toml(e) => e.fmt(f),
            Kind::Content(e) => e.fmt(f),
            Kind::Layout(e) => e.fmt(f),
            Kind::Template(e) => e.fmt(f),
            Kind::Output(e) => e.fmt(f),
            Kind::New(e) => e.fmt(f),
            Kind::Init(e) => e.fmt(f),
            Kind::Reschedule(e) => e.fmt(f),
            #[cfg(feature = "import")]
            Kind::Import(e) => e.fmt(f),
            Kind::Lint(w) => w.fmt(f),
            #[cfg(feature = "import")]
            Kind::ImportWarning(w) => w.fmt(f),
            Kind::DraftLeftOut(e) => write!(f, "a draft is left out of the site: {e}"),
            Kind::Repeated { count, what } => write!(f, "{count} more like this: {what}"),
        }
    }
}

/// `impl From<StageError> for Kind`, so a stage passes its own error wherever a kind is taken.
macro_rules! kind_from {
    ($($(#[$cfg:meta])* $variant:ident($ty:ty)),* $(,)?) => {$(
        $(#[$cfg])*
        impl From<$ty> for Kind {
            fn from(e: $ty) -> Self {
                Kind::$variant(e)
            }
        }
    )*};
}

kind_from!(
    File(FileError),
    Config(ConfigError),
    Toml(TomlError),
    Content(ContentError),
    Layout(LayoutError),
    Template(TemplateError),
    Output(OutputError),
    New(NewError),
    Init(InitError),
    Reschedule(RescheduleError),
    #[cfg(feature = "import")]
    Import(ImportError),
    Lint(Lint),
    #[cfg(feature = "import")]
    ImportWarning(ImportWarning),
);

/// Reading and writing files, which every stage does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("cannot {op} {}: {source}", path.display())]
    Io { op: IoOp, path: PathBuf, source: IoSource },
    #[error("the file is not valid UTF-8 text")]
    NotUtf8,
    /// The commands that write sources never overwrite one.
    #[error("the file already exists")]
    Exists,
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
