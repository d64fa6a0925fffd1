//! Output: the site is written into a staging folder beside the target and swapped in only when the whole
//! build succeeded, so a failed build leaves the previous output untouched and no stale file survives.

use std::io;
use std::path::{Path, PathBuf};

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a fresh staging folder next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> io::Result<Staging> {
        let dir = sibling(target, "new");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?; // left over from a build that was killed
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf(), committed: false })
    }

    /// The folder the staged site will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        match std::fs::write(&path, bytes) {
            // Folders are made when their first file needs them: one failed write per folder, not a
            // create_dir_all per file.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, bytes)
            }
            other => other,
        }
    }

    /// Replaces `target` with the staged site.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_target = self.target.exists();
        if had_target {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_target {
                let _ = std::fs::rename(&old, &self.target); // put the previous site back
            }
            return Err(e);
        }
        self.committed = true;
        if had_target {
            remove_tree(&old)?;
        }
        Ok(())
    }
}

/// Removes a folder tree, its top-level entries in parallel: deleting the previous site's thousands of files
/// is a visible part of a rebuild.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() { std::fs::remove_dir_all(e.path()) } else { std::fs::remove_file(e.path()) }
    })?;
    std::fs::remove_dir(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `.output.almanac-new` next to `output`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.almanac-{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        std::fs::create_dir_all(target.join("gone")).unwrap();
        std::fs::write(target.join("gone/old.html"), "old").unwrap();

        let s = Staging::new(&target).unwrap();
        s.write("a/b.html", b"new").unwrap();
        drop(s); // a failed build
        assert!(target.join("gone/old.html").exists());

        let s = Staging::new(&target).unwrap();
        s.write("a/b.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(target.join("a/b.html")).unwrap(), "new");
        assert!(!target.join("gone").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["output"]);
    }
}
