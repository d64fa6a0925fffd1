//! Watching the site's sources: `content/`, `themes/`, `templates/`, `static/` and `almanac.toml`, with
//! changes debounced so an editor's burst of writes makes one rebuild.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config;

use notify_debouncer_full::notify::{self, Event, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventHandler, Debouncer, RecommendedCache, new_debouncer};

/// Quiet time after the last change before a rebuild starts.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(30);

/// Whether a change to `path` can change the built site. Editors' swap and backup files (hidden names,
/// `~` at the end, `#…#`) are not sources, and the loader ignores them too.
pub(super) fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let name = rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#')) {
        return false;
    }
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match (parts.next(), parts.next()) {
        (Some(first), None) => first == config::FILE || config::SOURCE_DIRS.contains(&&*first),
        (Some(first), Some(_)) => config::SOURCE_DIRS.contains(&&*first),
        _ => false,
    }
}

/// The source files that `events` changed, relative to `root`, sorted, each once. Reads are not changes
/// (inotify reports every open, and the build itself opens every source).
pub(super) fn changed_sources<'a>(root: &Path, events: impl IntoIterator<Item = &'a Event>) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = events
        .into_iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
        .flat_map(|e| &e.paths)
        .filter(|p| is_source(root, p))
        .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// The watches on one site. The root is watched on its own (for `almanac.toml`, and for a source folder that
/// appears or is replaced later); each source folder that exists is watched recursively.
pub(super) struct SiteWatcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching `root`; batches of changes go to `events` (a channel or a function).
    pub(super) fn new(root: &Path, events: impl DebounceEventHandler) -> notify::Result<SiteWatcher> {
        let mut debouncer = new_debouncer(DEBOUNCE, None, events)?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = SiteWatcher { debouncer, root: root.to_path_buf(), watched: Vec::new() };
        w.refresh()?;
        Ok(w)
    }

    /// Watches source folders that appeared since the last call and forgets those that went away (a folder
    /// that is deleted and made again needs a new watch).
    pub(super) fn refresh(&mut self) -> notify::Result<()> {
        for dir in config::SOURCE_DIRS.map(|d| self.root.join(d)) {
            let watched = self.watched.contains(&dir);
            if dir.is_dir() && !watched {
                self.debouncer.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.push(dir);
            } else if !dir.is_dir() && watched {
                let _ = self.debouncer.unwatch(&dir); // already gone with the folder
                self.watched.retain(|d| *d != dir);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    #[test]
    fn reads_are_not_changes() {
        let root = Path::new("/site");
        let event = |kind, path: &str| Event::new(kind).add_path(PathBuf::from(path));
        let events = [
            event(EventKind::Access(AccessKind::Any), "/site/content/s/a.md"),
            event(EventKind::Modify(ModifyKind::Any), "/site/content/s/b.md"),
            event(EventKind::Create(CreateKind::File), "/site/almanac.toml"),
            event(EventKind::Modify(ModifyKind::Any), "/site/content/s/b.md"),
            event(EventKind::Modify(ModifyKind::Any), "/site/output/index.html"),
        ];
        assert_eq!(changed_sources(root, &events), [PathBuf::from("almanac.toml"), PathBuf::from("content/s/b.md")]);
    }

    #[test]
    fn only_sources_count() {
        let root = Path::new("/site");
        let yes = [
            "/site/almanac.toml",
            "/site/content",
            "/site/content/spring/01-forum.md",
            "/site/themes/default/templates/base.html",
            "/site/templates/home.html",
            "/site/static/logo.png",
        ];
        let no = [
            "/site/output/index.html",
            "/site/.output.almanac-new/index.html",
            "/site/README.md",
            "/site/target/debug/x",
            "/site/content/spring/.01-forum.md.swp",
            "/site/content/spring/01-forum.md~",
            "/site/content/spring/#01-forum.md#",
            "/elsewhere/content/a.md",
            "/site",
        ];
        for p in yes {
            assert!(is_source(root, Path::new(p)), "{p}");
        }
        for p in no {
            assert!(!is_source(root, Path::new(p)), "{p}");
        }
    }
}
