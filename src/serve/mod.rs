//! `almanac serve`'s parts: the site rendered on request, which request names which file, the reload script,
//! the HTTP server and the file watcher. [`crate::cmd::serve`] ties them together.

pub mod inject;
pub mod live;
pub mod paths;
pub mod server;
pub mod watch;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

pub use live::Live;

/// What the server answers from: the live site (rendered on request) or, in tests, fixed files. The server
/// never opens a file for a request, so no request can reach a file outside the site, whatever its path.
#[derive(Default)]
pub struct Files(Source);

enum Source {
    Fixed(BTreeMap<String, Arc<[u8]>>),
    Live(Box<Live>),
}

impl Default for Source {
    fn default() -> Self {
        Source::Fixed(BTreeMap::new())
    }
}

impl Files {
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        match &self.0 {
            Source::Fixed(map) => map.get(rel).cloned(),
            Source::Live(live) => live.get(rel),
        }
    }

    /// Whether `rel` is a folder with an index page, which a request without the trailing slash means.
    pub fn is_folder(&self, rel: &str) -> bool {
        let index = format!("{rel}/index.html");
        match &self.0 {
            Source::Fixed(map) => map.contains_key(&index),
            Source::Live(live) => live.contains(&index),
        }
    }
}

impl fmt::Debug for Files {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Fixed(map) => f.debug_set().entries(map.keys()).finish(),
            Source::Live(live) => write!(f, "Live({:?})", live.counts()),
        }
    }
}

impl From<Live> for Files {
    fn from(live: Live) -> Files {
        Files(Source::Live(Box::new(live)))
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Files {
    fn from(files: [(&str, &str); N]) -> Files {
        Files(Source::Fixed(files.into_iter().map(|(p, t)| (p.to_string(), t.as_bytes().into())).collect()))
    }
}
