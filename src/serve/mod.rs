//! `almanac serve`'s parts: the built site held in memory, which request names which file, the reload script,
//! the HTTP server and the file watcher. [`crate::cmd::serve`] ties them together.

pub mod inject;
pub mod paths;
pub mod server;
pub mod watch;

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// A built site, read into memory. The server answers from this map alone and never opens a file for a request,
/// so no request can reach a file outside the site, whatever its path or any symlink says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files(BTreeMap<String, Vec<u8>>);

impl Files {
    /// Every regular file under `dir`, by relative path with `/` separators. Symlinks are not followed.
    pub fn load(dir: &Path) -> io::Result<Files> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path())?);
        }
        Ok(Files(files))
    }

    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.0.get(rel).map(Vec::as_slice)
    }

    /// Whether `rel` is a folder with an index page, which a request without the trailing slash means.
    pub fn is_folder(&self, rel: &str) -> bool {
        self.0.contains_key(&format!("{rel}/index.html"))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<BTreeMap<String, Vec<u8>>> for Files {
    fn from(files: BTreeMap<String, Vec<u8>>) -> Files {
        Files(files)
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Files {
    fn from(files: [(&str, &str); N]) -> Files {
        Files(files.into_iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_regular_files_only() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("a/index.html"), "a").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), site.join("leak.txt")).unwrap();
            std::os::unix::fs::symlink(tmp.path(), site.join("up")).unwrap();
        }
        let files = Files::load(&site).unwrap();
        assert_eq!(files, Files::from([("a/index.html", "a"), ("index.html", "home")]));
        assert!(files.is_folder("a"));
        assert!(!files.is_folder("index.html"));
        assert_eq!(files.get("leak.txt"), None);
        assert_eq!(files.get("up/secret.txt"), None);
    }
}
