//! `almanac serve`'s parts: the rendered site in memory, which request names which file, the reload script
//! and its overlay, the state and status the pages poll, the HTTP server and the file watcher.
//! [`crate::cmd::serve`] ties them together.

pub mod inject;
pub mod paths;
pub mod server;
pub mod status;
pub mod watch;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// What the server answers from: every file of the last good build, rendered in memory. The server never opens
/// a file for a request, so no request can reach a file outside the site, whatever its path.
#[derive(Default)]
pub struct Files(HashMap<String, Arc<[u8]>>);

impl Files {
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        self.0.get(rel).cloned()
    }

    /// Whether `rel` is a folder with an index page, which a request without the trailing slash means.
    pub fn is_folder(&self, rel: &str) -> bool {
        self.0.contains_key(&format!("{rel}/index.html"))
    }
}

impl fmt::Debug for Files {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Files({} files)", self.0.len())
    }
}

impl FromIterator<(String, Arc<[u8]>)> for Files {
    fn from_iter<I: IntoIterator<Item = (String, Arc<[u8]>)>>(files: I) -> Files {
        Files(files.into_iter().collect())
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Files {
    fn from(files: [(&str, &str); N]) -> Files {
        files.into_iter().map(|(p, t)| (p.to_string(), Arc::from(t.as_bytes()))).collect()
    }
}
