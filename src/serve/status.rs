//! What the pages learn from the long-polled status (`/__almanac/status`): the build they can reload to, and
//! the errors of the last build if it failed.
//!
//! The status is JSON:
//!
//! ```json
//! {
//!   "version": 3,
//!   "generation": 1,
//!   "errors": [
//!     {
//!       "severity": "error",
//!       "path": "templates/activity.html",
//!       "line": 4,
//!       "column": 16,
//!       "message": "template error: Field `nonexistent_field` is not defined. …",
//!       "help": "fix the template; …",
//!       "source": { "before": "<p>{{ activity.", "marked": "nonexistent_field", "after": " }}</p>" }
//!     }
//!   ]
//! }
//! ```
//!
//! `version` counts every change (a new build or new errors) and is what a long poll waits on; `generation`
//! counts good builds and is 0 until the first one, so a page knows both when to reload and whether there is
//! anything built at all. `errors` is empty when the last build succeeded. A problem about a whole file has
//! `line`, `column` and `source` null; `help` is null when there is none. The source line comes split around
//! the marked part so the page can mark it without counting columns (CJK text is not two columns wide in a
//! browser's fonts).

use serde::Serialize;

use crate::error::{Diagnostic, Severity};

/// One diagnostic as the page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorView {
    pub severity: &'static str,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    pub source: Option<Marked>,
}

/// A source line split around the part a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marked {
    pub before: String,
    pub marked: String,
    pub after: String,
}

impl From<&Diagnostic> for ErrorView {
    fn from(d: &Diagnostic) -> ErrorView {
        let located = d.line > 0;
        ErrorView {
            severity: match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            // `/` on every system, as the site's URLs and the terminal on Unix show it.
            path: d.path.to_string_lossy().replace('\\', "/"),
            line: located.then_some(d.line),
            column: located.then_some(d.column),
            message: d.kind.to_string(),
            help: d.help.clone(),
            source: d.marked().filter(|_| located).map(|(before, marked, after)| Marked { before, marked, after }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, WarningKind};
    use std::path::PathBuf;

    #[test]
    fn a_diagnostic_becomes_structured_data_with_its_line_split_around_the_mark() {
        let text = "+++\ntitle = \"质量论坛\"\nwhen = \"九月13月\"\n";
        let d = Diagnostic::at("content/s/a.md", text, text.find("13").unwrap(), "13月".len(), ErrorKind::EmptyTitle)
            .with_help("write it as 9月13日");
        let whole = Diagnostic::file(PathBuf::from("content/s/b.md"), ErrorKind::NotUtf8);
        let warning = Diagnostic::file("almanac.toml", WarningKind::PlaceLooksLikeDate("9月".into()));
        let views: Vec<ErrorView> = [d, whole, warning].iter().map(ErrorView::from).collect();
        assert_eq!(
            serde_json::to_value(views).unwrap(),
            serde_json::json!([
                {
                    "severity": "error",
                    "path": "content/s/a.md",
                    "line": 3,
                    "column": 11,
                    "message": "the title is empty",
                    "help": "write it as 9月13日",
                    "source": { "before": "when = \"九月", "marked": "13月", "after": "\"" }
                },
                {
                    "severity": "error",
                    "path": "content/s/b.md",
                    "line": null,
                    "column": null,
                    "message": "the file is not valid UTF-8 text",
                    "help": null,
                    "source": null
                },
                {
                    "severity": "warning",
                    "path": "almanac.toml",
                    "line": null,
                    "column": null,
                    "message": "`where` reads like a date: `9月`",
                    "help": null,
                    "source": null
                }
            ])
        );
    }
}
