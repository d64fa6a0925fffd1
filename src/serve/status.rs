//! What the server shows and what the pages learn about it: the last good build, the errors of the last build
//! if it failed, and the long-polled status (`/__almanac/status`) that tells the reload script about both.
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

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;

use super::Files;
use crate::error::{Diagnostic, Diagnostics, Severity};

/// One diagnostic as the page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct ErrorView {
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
pub(super) struct Marked {
    pub before: String,
    pub marked: String,
    pub after: String,
}

impl From<&Diagnostic> for ErrorView {
    fn from(d: &Diagnostic) -> ErrorView {
        let located = d.line() > 0;
        ErrorView {
            severity: match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            // `/` on every system, as the site's URLs and the terminal on Unix show it.
            path: d.path().to_string_lossy().replace('\\', "/"),
            line: located.then_some(d.line()),
            column: located.then_some(d.column()),
            message: d.kind.to_string(),
            help: d.help.clone(),
            source: d.marked().filter(|_| located).map(|(before, marked, after)| Marked { before, marked, after }),
        }
    }
}

/// The status, as sent to the pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Status {
    pub version: u64,
    pub generation: u64,
    #[serde(serialize_with = "as_slice")]
    pub errors: Arc<[ErrorView]>,
}

fn as_slice<S: serde::Serializer>(errors: &Arc<[ErrorView]>, s: S) -> Result<S::Ok, S::Error> {
    errors[..].serialize(s)
}

#[derive(Debug, Default)]
struct State {
    /// Counts every change of state (new build or new errors), for the status long poll.
    version: u64,
    /// Counts good builds; 0 until the first one. A page reloads when the generation it came from is old.
    generation: u64,
    files: Arc<Files>,
    /// The errors of the last build, already in the form the pages get; empty when it succeeded.
    errors: Arc<[ErrorView]>,
    /// The server is shutting down: long polls answer at once.
    stopping: bool,
}

/// The state, shared between the build loop (which changes it) and the server (which reads it, and waits for
/// it to change).
#[derive(Debug)]
pub(super) struct Shared {
    state: watch::Sender<State>,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared { state: watch::Sender::new(State::default()) }
    }
}

impl Shared {
    /// Serves `files` from now on and clears any errors. Returns the new generation.
    pub(super) fn publish(&self, files: impl Into<Arc<Files>>) -> u64 {
        let files = files.into();
        let mut generation = 0;
        self.state.send_modify(|s| {
            s.files = files;
            s.generation += 1;
            s.version += 1;
            s.errors = Arc::new([]);
            generation = s.generation;
        });
        generation
    }

    /// Serves `files` again, the last good build, after the one served since `generation` turned out to fail
    /// (rendering all of it found `errors`), unless a newer build is served by now. The pages reload, to the
    /// good build, and show the errors.
    pub(super) fn restore(&self, files: Arc<Files>, generation: u64, errors: &Diagnostics) {
        let views: Arc<[ErrorView]> = errors.iter().map(ErrorView::from).collect();
        self.state.send_if_modified(|s| {
            if s.generation != generation {
                return false;
            }
            s.files = files;
            s.generation += 1;
            s.version += 1;
            s.errors = views;
            true
        });
    }

    /// Keeps serving the last good build and reports `errors` to the pages.
    pub(super) fn fail(&self, errors: &Diagnostics) {
        let views: Arc<[ErrorView]> = errors.iter().map(ErrorView::from).collect();
        self.state.send_modify(|s| {
            s.errors = views;
            s.version += 1;
        });
    }

    /// The generation being served; 0 before the first good build.
    pub(super) fn generation(&self) -> u64 {
        self.state.borrow().generation
    }

    /// The files being served and their generation.
    pub(super) fn files(&self) -> (Arc<Files>, u64) {
        let s = self.state.borrow();
        (Arc::clone(&s.files), s.generation)
    }

    /// The status now.
    pub(super) fn status(&self) -> Status {
        let s = self.state.borrow();
        Status { version: s.version, generation: s.generation, errors: Arc::clone(&s.errors) }
    }

    /// The status once its version differs from `since`, or after `timeout`, or at once when the server stops.
    pub(super) async fn status_after(&self, since: u64, timeout: Duration) -> Status {
        let mut changes = self.state.subscribe();
        // An error means the sender is gone, which cannot happen while `self` lives; answer anyway.
        let _ = tokio::time::timeout(timeout, changes.wait_for(|s| s.version != since || s.stopping)).await;
        self.status()
    }

    /// Wakes every waiting long poll, for a shutdown.
    pub(super) fn stop(&self) {
        self.state.send_modify(|s| s.stopping = true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentError;
    use crate::error::FileError;
    use crate::lint::Lint;
    use std::path::PathBuf;

    fn views(json: &Status) -> serde_json::Value {
        serde_json::to_value(json).unwrap()
    }

    #[test]
    fn a_diagnostic_becomes_structured_data_with_its_line_split_around_the_mark() {
        let text = "+++\ntitle = \"质量论坛\"\nwhen = \"九月13月\"\n";
        let d =
            Diagnostic::at("content/s/a.md", text, text.find("13").unwrap(), "13月".len(), ContentError::EmptyTitle)
                .with_help("write it as 9月13日");
        let whole = Diagnostic::file(PathBuf::from("content/s/b.md"), FileError::NotUtf8);
        let warning = Diagnostic::file("almanac.toml", Lint::PlaceLooksLikeDate("9月".into()));
        let shared = Shared::default();
        shared.fail(&Diagnostics(vec![d, whole, warning]));
        assert_eq!(
            views(&shared.status()),
            serde_json::json!({
                "version": 1,
                "generation": 0,
                "errors": [
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
                ]
            })
        );
    }

    #[test]
    fn publishing_clears_the_errors_and_counts_generations() {
        let shared = Shared::default();
        assert_eq!((shared.generation(), shared.status().version), (0, 0));
        shared.fail(&Diagnostic::file("a.md", FileError::NotUtf8).into());
        assert_eq!(shared.status().errors.len(), 1);
        assert_eq!(shared.publish(Files::from([("index.html", "x")])), 1);
        let s = shared.status();
        assert_eq!((s.version, s.generation, s.errors.len()), (2, 1, 0));
        assert!(shared.files().0.get("index.html").is_some());
    }

    #[tokio::test]
    async fn a_long_poll_waits_for_a_change_or_the_timeout_or_the_stop() {
        let shared = Arc::new(Shared::default());
        shared.publish(Files::default());
        // Already different: at once.
        assert_eq!(shared.status_after(0, Duration::from_secs(60)).await.version, 1);
        // No change: the timeout.
        let started = std::time::Instant::now();
        assert_eq!(shared.status_after(1, Duration::from_millis(50)).await.version, 1);
        assert!(started.elapsed() >= Duration::from_millis(50));
        // A change wakes it.
        let waiter = tokio::spawn({
            let shared = Arc::clone(&shared);
            async move { shared.status_after(1, Duration::from_secs(60)).await }
        });
        tokio::task::yield_now().await;
        shared.fail(&Diagnostic::file("a.md", FileError::NotUtf8).into());
        let s = waiter.await.unwrap();
        assert_eq!((s.version, s.errors.len()), (2, 1));
        // So does the stop, without a change of version.
        let waiter = tokio::spawn({
            let shared = Arc::clone(&shared);
            async move { shared.status_after(2, Duration::from_secs(60)).await }
        });
        tokio::task::yield_now().await;
        shared.stop();
        assert_eq!(waiter.await.unwrap().version, 2);
    }

    #[test]
    fn a_build_that_fails_its_check_gives_way_to_the_last_good_one_unless_a_newer_one_is_served() {
        let shared = Shared::default();
        shared.publish(Files::from([("index.html", "good")]));
        let (good, _) = shared.files();
        let failing = shared.publish(Files::from([("index.html", "broken")]));
        let errors: Diagnostics = Diagnostic::file("templates/a.html", FileError::NotUtf8).into();
        shared.restore(Arc::clone(&good), failing, &errors);
        let (files, generation) = shared.files();
        assert_eq!(&*files.get("index.html").unwrap().unwrap(), b"good");
        assert_eq!((generation, shared.status().errors.len()), (failing + 1, 1), "the pages reload, to the good one");

        // A check of a build that is no longer served changes nothing.
        let newer = shared.publish(Files::from([("index.html", "newer")]));
        shared.restore(good, failing, &errors);
        let (files, generation) = shared.files();
        assert_eq!((&*files.get("index.html").unwrap().unwrap(), generation), (&b"newer"[..], newer));
        assert!(shared.status().errors.is_empty());
    }
}
