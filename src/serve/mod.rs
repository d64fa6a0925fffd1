//! `almanac serve`'s parts: the rendered site in memory, which request names which file, the reload script
//! and its overlay, the state and status the pages poll, the HTTP server and the file watcher.
//! [`run`](fn@run) (in `run.rs`) ties them together.

mod conns;
mod inject;
mod paths;
mod run;
mod server;
mod status;
mod watch;

pub use run::{Options, ServeError, ServeEvent, run};

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::build::Plan;
use crate::error::{Diagnostic, Diagnostics};

/// What the server answers from: the last good build, in memory. The server never opens a file for a request,
/// so no request can reach a file outside the site, whatever its path.
#[derive(Default)]
pub struct Files(Source);

enum Source {
    /// Every file, already rendered.
    Made(HashMap<String, Arc<[u8]>>),
    /// A site laid out and rendered a file at a time, when a browser asks for it, then kept: a save is served
    /// as soon as the content is read again, not when every page is rendered.
    Live { plan: Box<Plan>, made: Mutex<HashMap<String, Arc<[u8]>>> },
}

impl Default for Source {
    fn default() -> Source {
        Source::Made(HashMap::new())
    }
}

impl Files {
    pub fn live(plan: Plan) -> Files {
        Files(Source::Live { plan: Box::new(plan), made: Mutex::default() })
    }

    /// The site these files are made from, when they are made as browsers ask.
    fn site(&self) -> Option<&crate::site::Site> {
        match &self.0 {
            Source::Made(_) => None,
            Source::Live { plan, .. } => Some(&plan.site),
        }
    }

    /// The file at `rel`, or the error that rendering it met.
    pub fn get(&self, rel: &str) -> Option<Result<Arc<[u8]>, Diagnostic>> {
        match &self.0 {
            Source::Made(files) => files.get(rel).cloned().map(Ok),
            Source::Live { plan, made } => {
                if let Some(bytes) = made.lock().unwrap_or_else(PoisonError::into_inner).get(rel) {
                    return Some(Ok(Arc::clone(bytes)));
                }
                // Rendered outside the lock: two requests for one new page may both render it, the same bytes.
                let bytes: Arc<[u8]> = match plan.render_path(rel)? {
                    Ok(bytes) => bytes.into(),
                    Err(e) => return Some(Err(e)),
                };
                made.lock().unwrap_or_else(PoisonError::into_inner).insert(rel.to_string(), Arc::clone(&bytes));
                Some(Ok(bytes))
            }
        }
    }

    /// Whether `rel` is a folder with an index page, which a request without the trailing slash means.
    pub fn is_folder(&self, rel: &str) -> bool {
        let index = format!("{rel}/index.html");
        match &self.0 {
            Source::Made(files) => files.contains_key(&index),
            Source::Live { plan, .. } => plan.layout.get(&index).is_some(),
        }
    }

    /// Renders every page, keeping nothing, for the errors a template meets only on some activity's data;
    /// `None` when `stop` was set before the end.
    pub fn check(&self, stop: &AtomicBool) -> Option<Diagnostics> {
        let errors = match &self.0 {
            Source::Made(_) => Diagnostics::default(),
            Source::Live { plan, .. } => plan.check_pages_while(|| !stop.load(Ordering::Relaxed)),
        };
        (!stop.load(Ordering::Relaxed)).then_some(errors)
    }
}

impl fmt::Debug for Files {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Made(files) => write!(f, "Files({} files)", files.len()),
            Source::Live { plan, .. } => write!(f, "Files({} files, rendered on request)", plan.layout.items().len()),
        }
    }
}

impl FromIterator<(String, Arc<[u8]>)> for Files {
    fn from_iter<I: IntoIterator<Item = (String, Arc<[u8]>)>>(files: I) -> Files {
        Files(Source::Made(files.into_iter().collect()))
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Files {
    fn from(files: [(&str, &str); N]) -> Files {
        files.into_iter().map(|(p, t)| (p.to_string(), Arc::from(t.as_bytes()))).collect()
    }
}
