//! Output: the site is written into a staging folder beside the target and swapped in only when the whole
//! build succeeded, so a failed build leaves the previous output untouched and no stale file survives.
//!
//! Replacing a folder deletes what was in it, so this stage guards what it replaces:
//! - [`Target::resolve`] refuses an output folder that is, holds or lies inside any source the site reads (the
//!   site's folder, `almanac.toml`, `content/` and each schedule folder in it, `themes/` and each theme with its
//!   `templates/` and `static/`, the site's `templates/` and `static/`; see [`config::sources`]), each compared
//!   where it really is, every link resolved, whatever the options; then a symbolic link, a file, and a
//!   non-empty folder that no almanac build wrote ([`MARKER`]) unless the build is forced.
//! - [`Staging::new`] takes an advisory lock (`.NAME.almanac-lock` beside the output), so builds of one output
//!   folder run one at a time; under it, it removes what builds killed midway left beside the output (only
//!   folders carrying a build's staging marker with the id in their name), then stages into a folder of its
//!   own, `.NAME.almanac-new-PID-N`, marked as that build's before anything else is written.
//! - [`Staging::commit`] marks the previous site as this build's, swaps the staged site in (atomically on Linux,
//!   `renameat2` with `RENAME_EXCHANGE`, so there is never a moment without the output folder; by two renames
//!   elsewhere or where the file system cannot exchange), then deletes the previous site, its marker last, so
//!   a kill at any moment leaves a folder the next build removes. A previous site that cannot be deleted is
//!   reported, not an error: the new site is in place, and the next build removes the old one.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::config;
use crate::error::{Diagnostic, IoOp, IoSource};
use crate::export::data;

/// The file every build writes at the top of its output: the proof that a folder is almanac's to replace.
pub const MARKER: &str = ".almanac-build";
const MARKER_TEXT: &str = "This folder was written by `almanac build`, which replaces it whole on every build:\n\
    do not keep other files in it. This file marks it as almanac's to replace.\n";

/// The file that marks a folder beside the output as a build's own: its staging folder, or the previous site it
/// is deleting. It holds the build's id, which is also in the folder's name, so a folder that merely has the
/// name, or the marker of another folder, is never taken for one. Written before anything else and deleted
/// last, so a build killed at any moment leaves a folder the next build recognises.
const STAGING_MARKER: &str = ".almanac-staging";

fn staging_marker_text(id: &str) -> String {
    format!(
        "This folder belongs to the almanac build {id}: its site in the making, or the previous site it is\n\
         deleting. The next build of the same output folder removes it if it is still here.\n"
    )
}

/// Why the build refuses an output folder. The `Display` text is one plain sentence; the fix goes in the
/// diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder {} {relation} {what}: replacing it would delete the site's sources", output.display())]
    OverlapsSources { output: PathBuf, relation: Overlap, what: String },
    #[error("the output folder is a symbolic link (to {})", to.display())]
    IsLink { to: PathBuf },
    #[error("the output path is a file, not a folder")]
    NotAFolder,
    #[error("the output folder is not empty and no almanac build wrote it (it has no `{marker}` file)")]
    NotOurs { marker: &'static str },
}

/// How an output folder would take the site's sources with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    Is,
    Inside,
    Holds,
}

impl fmt::Display for Overlap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Overlap::Is => "is",
            Overlap::Inside => "lies inside",
            Overlap::Holds => "holds",
        })
    }
}

/// An output folder that has been checked: it takes no source with it, and it is new, empty, almanac's own
/// or forced.
#[derive(Debug, Clone)]
pub struct Target {
    /// As given, for messages.
    shown: PathBuf,
    /// Absolute, with symbolic links resolved: where every operation happens.
    path: PathBuf,
    force: bool,
    /// The site's sources, resolved: what cleaning up beside the output must not touch either.
    sources: Vec<Source>,
}

/// A file or folder the build reads, absolute with links resolved, and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    path: PathBuf,
    /// With where it really is when it is reached through a link.
    what: String,
    linked: bool,
}

impl Target {
    /// Checks that `output` may be replaced by a build of the site in `root`.
    pub fn resolve(root: &Path, output: &Path, force: bool) -> Result<Target, Diagnostic> {
        let path = resolved(output).map_err(|e| Diagnostic::io(IoOp::Read, output, e))?;
        let root = resolved(root).unwrap_or_else(|_| root.to_path_buf());
        let sources = sources(&root);
        if let Some((relation, what)) = overlap(&path, &sources) {
            let suggestion = root.join("output");
            return Err(Diagnostic::file(output, OutputError::OverlapsSources { output: path, relation, what })
                .with_help(format!(
                    "write the site into a folder of its own, outside every source folder, such as {} (the default)",
                    suggestion.display()
                )));
        }
        // A link is refused as given, unresolved: what it points to would be replaced through it.
        inspect(output, output, force)?;
        Ok(Target { shown: output.to_path_buf(), path, force, sources })
    }
}

/// Whether `path` (given as `shown`) may be replaced: missing, or a real folder that is empty, almanac's own,
/// or `force`d.
fn inspect(path: &Path, shown: &Path, force: bool) -> Result<(), Diagnostic> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Diagnostic::io(IoOp::Read, shown, e)),
    };
    if meta.file_type().is_symlink() {
        let to = std::fs::read_link(path).unwrap_or_default();
        let help = match resolved(path) {
            Ok(real) => format!(
                "almanac does not replace a folder through a link; if the site belongs in the folder it points to, \
                 pass that: --output {}",
                real.display()
            ),
            Err(_) => {
                "almanac does not replace a folder through a link: remove the link or choose another folder".to_string()
            }
        };
        return Err(Diagnostic::file(shown, OutputError::IsLink { to }).with_help(help));
    }
    if !meta.is_dir() {
        return Err(Diagnostic::file(shown, OutputError::NotAFolder)
            .with_help("choose a folder for the site: --output DIR (it is made if it does not exist)"));
    }
    if force || is_empty(path) || is_almanac_build(path) {
        return Ok(());
    }
    Err(Diagnostic::file(shown, OutputError::NotOurs { marker: MARKER }).with_help(
        "a build replaces its output folder whole, so almanac replaces only a folder it wrote: choose a new or \
         empty folder, or pass --force to replace this one and delete everything in it",
    ))
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Whether `dir` holds a site almanac wrote: it has the marker, or (written before there was a marker) an
/// `index.html` and an `activities.json` of almanac's data format.
pub fn is_almanac_build(dir: &Path) -> bool {
    if dir.join(MARKER).is_file() {
        return true;
    }
    let signature = format!("{{\n  \"format\": \"{}\",", data::FORMAT);
    let mut start = vec![0; signature.len()];
    dir.join("index.html").is_file()
        && File::open(dir.join("activities.json")).and_then(|mut f| f.read_exact(&mut start)).is_ok()
        && start == signature.as_bytes()
}

/// `path` made absolute with every symbolic link resolved, also when it (or its parents) does not exist yet:
/// the longest existing part is resolved by the file system, the rest is appended.
fn resolved(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let parts: Vec<Component<'_>> = absolute.components().collect();
    for existing in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..existing].iter().collect();
        match prefix.canonicalize() {
            Ok(mut real) => {
                for part in &parts[existing..] {
                    match part {
                        Component::ParentDir => {
                            real.pop();
                        }
                        Component::Normal(name) => real.push(name),
                        _ => {}
                    }
                }
                return Ok(real);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(io::ErrorKind::NotFound))
}

/// Every source of the site in `root` (already resolved): the site's folder and [`config::sources`], each
/// resolved, so a schedule or theme kept elsewhere through a link is guarded where it really is.
fn sources(root: &Path) -> Vec<Source> {
    let mut out = vec![Source { path: root.to_path_buf(), what: "the site's folder".into(), linked: false }];
    for rel in config::sources(root) {
        let given = root.join(&rel);
        let path = resolved(&given).unwrap_or_else(|_| given.clone());
        let linked = path != given;
        let what = if linked {
            format!("the site's `{}` (through a link, at {})", rel.display(), path.display())
        } else {
            format!("the site's `{}`", rel.display())
        };
        out.push(Source { path, what, linked });
    }
    out
}

/// How `output` would take a source with it: it is, lies inside or holds one of `sources`. The site's folder
/// (the first) only counts when the output is or holds it: `ROOT/output` is the default. Of several, the
/// closest is named: the source the output is, else the innermost one it lies in.
fn overlap(output: &Path, sources: &[Source]) -> Option<(Overlap, String)> {
    let mut found: Vec<(u8, std::cmp::Reverse<usize>, Overlap, &Source)> = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let relation = if *output == source.path {
            Overlap::Is
        } else if i > 0 && output.starts_with(&source.path) {
            Overlap::Inside
        } else if source.path.starts_with(output) {
            Overlap::Holds
        } else {
            continue;
        };
        let rank = match relation {
            Overlap::Is => 0,
            Overlap::Inside => 1,
            Overlap::Holds => 2,
        };
        let depth = if relation == Overlap::Holds { usize::MAX - i } else { source.path.components().count() };
        found.push((rank, std::cmp::Reverse(depth), relation, source));
    }
    let (_, _, relation, source) = found.into_iter().min_by_key(|f| (f.0, f.1))?;
    // The path is the output's own when it is the source.
    let what = if relation == Overlap::Is || source.linked {
        source.what.clone()
    } else {
        format!("{} ({})", source.what, source.path.display())
    };
    Some((relation, what))
}

/// Something the output stage did besides writing the site, for the build summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Folders that builds killed midway left beside the output, now removed.
    RemovedLeftovers(Vec<PathBuf>),
    /// Such a folder that could not be removed.
    LeftoverRemains { path: PathBuf, error: IoSource },
    /// The site was replaced, but the previous one could not be deleted.
    PreviousSiteLeft { path: PathBuf, error: IoSource },
    /// A folder named like a build's leftover that is not provably one, left as it is.
    LeftAlone { path: PathBuf, why: &'static str },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::RemovedLeftovers(paths) => {
                let names: Vec<_> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(f, "note: removed what interrupted builds left behind: {}", names.join(", "))
            }
            Note::LeftoverRemains { path, error } => write!(
                f,
                "warning: cannot remove {}, left behind by an interrupted build ({error}); delete it by hand",
                path.display()
            ),
            Note::LeftAlone { path, why } => write!(
                f,
                "note: left {} alone: it is named like what an interrupted build leaves, but {why}; delete it by \
                 hand if nothing in it is needed",
                path.display()
            ),
            Note::PreviousSiteLeft { path, error } => write!(
                f,
                "warning: the site was replaced, but the previous one could not be deleted ({error}): it is left \
                 at {}; the next build removes it, or delete it by hand",
                path.display()
            ),
        }
    }
}

/// A build's staging folder, under the output folder's lock.
pub struct Staging {
    dir: PathBuf,
    /// `PID-N`, which names the staging folder (`new-…`) and the previous site set aside by its swap (`old-…`).
    id: String,
    target: Target,
    notes: Vec<Note>,
    committed: bool,
    /// Held until the staging folder is swapped in or removed (closing the file releases the lock).
    _lock: File,
}

/// Numbers the staging folders of one process.
static STAGINGS: AtomicU32 = AtomicU32::new(0);

impl Staging {
    /// Locks the output folder (calling `waiting` first when another build holds it), removes what killed
    /// builds left beside it, and starts a fresh staging folder there (same file system, so the swap is a
    /// rename).
    pub fn new(target: &Target, waiting: impl FnOnce()) -> Result<Staging, Diagnostic> {
        let parent = target
            .path
            .parent()
            .ok_or_else(|| Diagnostic::io(IoOp::Create, &target.shown, io::Error::from(io::ErrorKind::InvalidInput)))?;
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::io(IoOp::Create, parent, e))?;
        let lock_path = sibling(&target.path, "lock");
        let lock = lock(&lock_path, waiting).map_err(|e| Diagnostic::io(IoOp::Lock, &lock_path, e))?;
        let notes = remove_leftovers(&target.path, &target.sources);
        let n = STAGINGS.fetch_add(1, Ordering::Relaxed);
        let id = format!("{}-{n}", std::process::id());
        let dir = sibling(&target.path, &format!("new-{id}"));
        std::fs::create_dir(&dir).map_err(|e| Diagnostic::io(IoOp::Create, &dir, e))?;
        let staging = Staging { dir, id, target: target.clone(), notes, committed: false, _lock: lock };
        // The markers first: a staging folder of a killed build is then recognisably this build's.
        let marked = staging
            .write(STAGING_MARKER, staging_marker_text(&staging.id).as_bytes())
            .and_then(|()| staging.write(MARKER, MARKER_TEXT.as_bytes()));
        marked.map_err(|e| Diagnostic::io(IoOp::Write, &staging.dir, e))?;
        Ok(staging)
    }

    /// The folder the staged site will replace, as given.
    pub fn target(&self) -> &Path {
        &self.target.shown
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

    /// A new file `rel` of the staged site, for a writer that streams it (the offline archive).
    pub fn create(&self, rel: &str) -> io::Result<File> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        File::create_new(path)
    }

    /// Replaces the output folder with the staged site, checking it once more now that the lock is held.
    /// Returns what else was done or left (see [`Note`]).
    pub fn commit(self) -> Result<Vec<Note>, Diagnostic> {
        self.commit_with(remove_marked)
    }

    /// [`Staging::commit`], deleting the previous site with `remove` (a test interrupts it).
    fn commit_with(mut self, remove: impl Fn(&Path) -> io::Result<()>) -> Result<Vec<Note>, Diagnostic> {
        let Target { shown, path, force, .. } = self.target.clone();
        inspect(&path, &shown, force)?;
        // The previous site is marked as this build's before it is moved aside, so that wherever a kill stops
        // its deletion, the next build finds it marked. Unmarked, its deletion is merely not crash-safe.
        let claim = path.join(STAGING_MARKER);
        let claimed = path.is_dir() && std::fs::write(&claim, staging_marker_text(&self.id)).is_ok();
        let aside = sibling(&path, &format!("old-{}", self.id));
        let previous = match swap_in(&self.dir, &path, &aside) {
            Ok(previous) => previous,
            Err(e) => {
                if claimed {
                    let _ = std::fs::remove_file(&claim);
                }
                return Err(Diagnostic::io(IoOp::Replace, &shown, e));
            }
        };
        self.committed = true;
        // The new site carries the staging marker in with it; it is no part of the site. (A build killed just
        // now leaves it in the output folder, which the next build replaces whole.)
        let _ = std::fs::remove_file(&claim);
        let mut notes = std::mem::take(&mut self.notes);
        if let Some(old) = previous
            && let Err(e) = remove(&old)
        {
            notes.push(Note::PreviousSiteLeft { path: old, error: IoSource(Arc::new(e)) });
        }
        Ok(notes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_marked(&self.dir);
        }
    }
}

/// Opens (making it if needed) and locks the lock file at `path`; calls `waiting` before blocking on another
/// holder. The file stays: deleting a lock file would let a waiting build and a new one both hold a lock.
fn lock(path: &Path, waiting: impl FnOnce()) -> io::Result<File> {
    let file = File::options().read(true).write(true).create(true).truncate(false).open(path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// Moves `staged` to `target`. When `target` exists the two are exchanged atomically where the system can
/// (Linux), else `target` is first renamed to `aside`. Returns where the previous site now is.
fn swap_in(staged: &Path, target: &Path, aside: &Path) -> io::Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(target).is_err() {
        std::fs::rename(staged, target)?;
        return Ok(None);
    }
    match exchange(staged, target) {
        Ok(()) => Ok(Some(staged.to_path_buf())),
        Err(e) if cannot_exchange(&e) => rename_twice(staged, target, aside).map(Some),
        Err(e) => Err(e),
    }
}

/// The swap without an atomic exchange: for a moment there is no `target`.
fn rename_twice(staged: &Path, target: &Path, aside: &Path) -> io::Result<PathBuf> {
    std::fs::rename(target, aside)?;
    if let Err(e) = std::fs::rename(staged, target) {
        return match std::fs::rename(aside, target) {
            Ok(()) => Err(e),
            Err(_) => Err(io::Error::new(
                e.kind(),
                format!("{e}; the previous site could not be put back and is at {}", aside.display()),
            )),
        };
    }
    Ok(aside.to_path_buf())
}

/// Exchanges two existing paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The system or the file system has no atomic exchange (an old kernel, some network file systems).
fn cannot_exchange(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        let refused = [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP];
        if refused.iter().any(|errno| e.raw_os_error() == Some(errno.raw_os_error())) {
            return true;
        }
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Removes the folders that builds of `target` killed midway left beside it. Only this build system's own are
/// touched: the name is one a build gives (`.NAME.almanac-new-ID`, `.NAME.almanac-old-ID`), it is a real folder,
/// it holds none of `sources`, and it carries the staging marker naming that same ID (or it is empty, so
/// removing it cannot lose anything). Any other folder named so, almanac 0.1's `.NAME.almanac-new`/`-old`
/// included, is reported and left. The caller holds the lock, so no running build owns them.
fn remove_leftovers(target: &Path, sources: &[Source]) -> Vec<Note> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else { return Vec::new() };
    let prefix = format!(".{name}.almanac-");
    let mut found: Vec<(PathBuf, Leftover)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file_name = e.file_name().into_string().ok()?;
            let kind = leftover_kind(file_name.strip_prefix(&prefix)?)?;
            Some((e.path(), kind))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut removed = Vec::new();
    let mut notes = Vec::new();
    for (path, kind) in found {
        let result = if overlap(&path, sources).is_some() {
            notes.push(Note::LeftAlone { path, why: "it holds the site's sources" });
            continue;
        } else if let Leftover::Numbered(id) = &kind
            && is_marked(&path, id)
        {
            remove_marked(&path)
        } else if matches!(kind, Leftover::Numbered(_)) && is_empty(&path) {
            // What a build killed between making the folder and marking it, or between deleting the marker and
            // the folder, leaves; `remove_dir` removes only an empty folder.
            std::fs::remove_dir(&path)
        } else {
            notes.push(Note::LeftAlone { path, why: "no almanac build marked it as its own" });
            continue;
        };
        match result {
            Ok(()) => removed.push(path),
            Err(e) => notes.push(Note::LeftoverRemains { path, error: IoSource(Arc::new(e)) }),
        }
    }
    if !removed.is_empty() {
        notes.insert(0, Note::RemovedLeftovers(removed));
    }
    notes
}

/// Whether `dir` carries the staging marker of the build `id`: a real file holding exactly what that build
/// writes.
fn is_marked(dir: &Path, id: &str) -> bool {
    let expected = staging_marker_text(id);
    let marker = dir.join(STAGING_MARKER);
    let is_file = std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file() && m.len() == expected.len() as u64);
    is_file && std::fs::read(&marker).is_ok_and(|bytes| bytes == expected.as_bytes())
}

#[derive(Debug, PartialEq, Eq)]
enum Leftover {
    /// `new-ID` / `old-ID`, ID being `PID-N`.
    Numbered(String),
    /// `new` / `old`, as almanac 0.1 named them.
    Unnumbered,
}

/// What the part after `.NAME.almanac-` says the folder is, if it is named as a build names them.
fn leftover_kind(rest: &str) -> Option<Leftover> {
    let rest = rest.strip_prefix("new").or_else(|| rest.strip_prefix("old"))?;
    if rest.is_empty() {
        return Some(Leftover::Unnumbered);
    }
    let id = rest.strip_prefix('-')?;
    let (pid, n) = id.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n)).then(|| Leftover::Numbered(id.to_string()))
}

/// Removes a folder that carries the staging marker, the marker last: a kill at any moment leaves the folder
/// marked (or empty), so the next build still recognises and removes it.
fn remove_marked(dir: &Path) -> io::Result<()> {
    remove_marked_with(dir, || Ok(()))
}

/// [`remove_marked`], calling `step` before each removal (a test stops there, as a kill would).
fn remove_marked_with(dir: &Path, step: impl Fn() -> io::Result<()> + Sync) -> io::Result<()> {
    remove_tree_but(dir, STAGING_MARKER, &step)?;
    step()?;
    match std::fs::remove_file(dir.join(STAGING_MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    step()?;
    std::fs::remove_dir(dir)
}

/// Removes everything in `dir` but the file `keep`, its top-level entries in parallel: deleting the previous
/// site's thousands of files is a visible part of a rebuild.
fn remove_tree_but(dir: &Path, keep: &str, step: &(impl Fn() -> io::Result<()> + Sync)) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().filter(|e| e.file_name() != keep).try_for_each(|e| {
        step()?;
        if e.file_type()?.is_dir() { std::fs::remove_dir_all(e.path()) } else { std::fs::remove_file(e.path()) }
    })
}

/// `.output.almanac-WHAT` next to `output`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.almanac-{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    fn target(path: &Path) -> Target {
        Target { shown: path.to_path_buf(), path: path.to_path_buf(), force: false, sources: Vec::new() }
    }

    fn stage(t: &Target, files: &[(&str, &str)]) -> Staging {
        // Another test's child process can briefly hold an inherited copy of the lock between its fork and
        // exec, so a test waits for the lock like a second build would.
        let s = Staging::new(t, || {}).unwrap();
        for (rel, text) in files {
            s.write(rel, text.as_bytes()).unwrap();
        }
        s
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let t = target(&path);
        stage(&t, &[("gone/old.html", "old")]).commit().unwrap();

        drop(stage(&t, &[("a/b.html", "new")])); // a failed build
        assert!(path.join("gone/old.html").exists());

        let notes = stage(&t, &[("a/b.html", "new")]).commit().unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(std::fs::read_to_string(path.join("a/b.html")).unwrap(), "new");
        assert!(!path.join("gone").exists());
        assert_eq!(std::fs::read_to_string(path.join(MARKER)).unwrap(), MARKER_TEXT);
        assert_eq!(names(tmp.path()), [".output.almanac-lock", "output"]);
    }

    #[test]
    fn exchange_swaps_two_folders_atomically_or_says_it_cannot() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for (dir, text) in [(&a, "A"), (&b, "B")] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("f"), text).unwrap();
        }
        match exchange(&a, &b) {
            Ok(()) => {
                assert_eq!(std::fs::read_to_string(a.join("f")).unwrap(), "B");
                assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "A");
            }
            Err(e) => assert!(cannot_exchange(&e), "{e}"),
        }
        #[cfg(target_os = "linux")]
        assert!(cannot_exchange(&io::Error::from_raw_os_error(rustix::io::Errno::INVAL.raw_os_error())));
        assert!(!cannot_exchange(&io::Error::from(io::ErrorKind::PermissionDenied)));
    }

    /// The fallback swap moves the old site aside, and puts it back when the new one cannot move in.
    #[test]
    fn renaming_twice_swaps_or_restores() {
        let tmp = tempfile::tempdir().unwrap();
        let (staged, target, aside) = (tmp.path().join("s"), tmp.path().join("t"), tmp.path().join("x"));
        std::fs::create_dir(&staged).unwrap();
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old"), "").unwrap();
        assert_eq!(rename_twice(&staged, &target, &aside).unwrap(), aside);
        assert!(aside.join("old").exists() && target.is_dir() && !staged.exists());

        std::fs::remove_dir_all(&aside).unwrap();
        let missing = tmp.path().join("missing");
        assert!(rename_twice(&missing, &target, &aside).is_err());
        assert!(target.is_dir() && !aside.exists(), "the previous site is back in place");
    }

    /// Readers of the output folder never find it missing while builds replace it.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_output_folder_never_disappears_during_a_swap() {
        use std::sync::atomic::AtomicBool;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let t = target(&path);
        stage(&t, &[("index.html", "0")]).commit().unwrap();
        let probe = tmp.path().join("probe");
        std::fs::create_dir(&probe).unwrap();
        if exchange(&probe, &path).and_then(|()| exchange(&probe, &path)).is_err() {
            return; // this file system cannot exchange: the two renames are all there is
        }
        let done = AtomicBool::new(false);
        let (missing, swapped) = std::thread::scope(|scope| {
            let watcher = scope.spawn(|| {
                let mut missing = 0;
                while !done.load(Ordering::Relaxed) {
                    missing += usize::from(!path.join("index.html").is_file());
                }
                missing
            });
            // The watcher stops even when a swap fails, so a failure is reported instead of hanging.
            let swapped = (0..200).try_for_each(|i| stage(&t, &[("index.html", &i.to_string())]).commit().map(drop));
            done.store(true, Ordering::Relaxed);
            (watcher.join().unwrap(), swapped)
        });
        swapped.unwrap();
        assert_eq!(missing, 0);
    }

    /// The new site is in place even when the old one cannot be deleted; the note says where it is, and the
    /// next build removes it.
    #[test]
    fn a_previous_site_that_cannot_be_deleted_is_reported_and_removed_later() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let t = target(&path);
        stage(&t, &[("index.html", "old")]).commit().unwrap();
        let refuse = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        let notes = stage(&t, &[("index.html", "new")]).commit_with(refuse).unwrap();
        let [Note::PreviousSiteLeft { path: left, .. }] = notes.as_slice() else { panic!("{notes:?}") };
        assert_eq!(std::fs::read_to_string(path.join("index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(left.join("index.html")).unwrap(), "old");
        assert!(notes[0].to_string().contains(&left.display().to_string()), "{}", notes[0]);

        let notes = stage(&t, &[("index.html", "newer")]).commit().unwrap();
        assert_eq!(notes, [Note::RemovedLeftovers(vec![left.clone()])]);
        assert!(!left.exists());
        assert_eq!(names(tmp.path()), [".output.almanac-lock", "output"]);
    }

    /// A folder of `files` at `TMP/name`.
    fn dir(tmp: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
        let d = tmp.join(name);
        std::fs::create_dir_all(&d).unwrap();
        for (f, text) in files {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), text).unwrap();
        }
        d
    }

    /// What a killed build leaves is removed by the next; folders that only look alike are reported and kept,
    /// whatever they hold: a name, an almanac site or another build's marker is no proof.
    #[test]
    fn leftovers_are_removed_only_with_this_builds_marker_and_id() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let marker = |id: &str| staging_marker_text(id);
        let (m77, m11) = (marker("77-0"), marker("11-1"));
        dir(tmp.path(), ".output.almanac-new-77-0", &[(STAGING_MARKER, &m77), (MARKER, ""), ("index.html", "")]);
        dir(tmp.path(), ".output.almanac-old-77-0", &[(STAGING_MARKER, &m77), ("a/b.html", "")]);
        dir(tmp.path(), ".output.almanac-old-77-3", &[]); // killed between making and marking it
        let kept = [
            dir(tmp.path(), ".output.almanac-new", &[(MARKER, ""), ("index.html", "")]), // almanac 0.1's name
            dir(tmp.path(), ".output.almanac-old", &[("thesis.tex", "years of work")]),
            dir(tmp.path(), ".output.almanac-new-12-4", &[(MARKER, ""), ("index.html", "")]), // no id
            dir(tmp.path(), ".output.almanac-new-12-5", &[(STAGING_MARKER, &m11), ("x", "")]), // another's id
            dir(tmp.path(), ".output.almanac-new-12-6", &[(STAGING_MARKER, "forged"), ("x", "")]),
        ];
        // A marker that is a link, to a file that says the right thing, is no marker.
        let linked = dir(tmp.path(), ".output.almanac-new-12-7", &[("x", "")]);
        std::fs::write(tmp.path().join("elsewhere"), marker("12-7")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.path().join("elsewhere"), linked.join(STAGING_MARKER)).unwrap();
        let ignored = [
            dir(tmp.path(), ".output.almanac-new-x-1", &[(STAGING_MARKER, &marker("x-1"))]), // not a build's name
            dir(tmp.path(), ".output2.almanac-new-1-1", &[(STAGING_MARKER, &marker("1-1"))]), // another output's
        ];
        let notes = stage(&target(&path), &[]).commit().unwrap();
        let removed = |name: &str| tmp.path().join(name);
        let mut expected = vec![Note::RemovedLeftovers(vec![
            removed(".output.almanac-new-77-0"),
            removed(".output.almanac-old-77-0"),
            removed(".output.almanac-old-77-3"),
        ])];
        let why = "no almanac build marked it as its own";
        expected
            .extend(kept.iter().chain(cfg!(unix).then_some(&linked)).map(|p| Note::LeftAlone { path: p.clone(), why }));
        expected.sort_by_key(|n| n.to_string());
        let mut notes = notes;
        notes.sort_by_key(|n| n.to_string());
        assert_eq!(notes, expected);
        assert!(notes.iter().any(|n| n.to_string().starts_with("note: left ") && n.to_string().contains(why)));
        for d in kept.iter().chain([&linked]).chain(&ignored) {
            assert!(d.is_dir(), "{}", d.display());
        }
        assert_eq!(std::fs::read_to_string(kept[1].join("thesis.tex")).unwrap(), "years of work");
    }

    /// The site's own folder named like a leftover of its output is never touched, even marked.
    #[test]
    fn the_sites_folder_is_never_a_leftover() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap().join(".output.almanac-new-5-5");
        dir(&root, "", &[(STAGING_MARKER, &staging_marker_text("5-5")), (config::FILE, "title = \"x\"\n")]);
        let output = root.with_file_name("output");
        let t = Target { sources: sources(&root), ..target(&output) };
        let notes = stage(&t, &[]).commit().unwrap();
        assert_eq!(notes, [Note::LeftAlone { path: root.clone(), why: "it holds the site's sources" }]);
        assert!(root.join(config::FILE).is_file());
    }

    /// `kill -9` after the delete of the previous site took its `.almanac-build` and some pages (its entries
    /// are deleted in parallel, in no fixed order): the next build still removes the rest.
    #[test]
    fn a_half_deleted_previous_site_without_its_build_marker_is_removed_later() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let t = target(&path);
        stage(&t, &[("index.html", "old"), ("a/1.html", ""), ("b/2.html", "")]).commit().unwrap();
        let killed = |old: &Path| {
            std::fs::remove_file(old.join(MARKER))?;
            std::fs::remove_dir_all(old.join("a"))?;
            Err(io::Error::other("killed"))
        };
        let notes = stage(&t, &[("index.html", "new")]).commit_with(killed).unwrap();
        let [Note::PreviousSiteLeft { path: left, .. }] = notes.as_slice() else { panic!("{notes:?}") };
        assert!(left.join("b/2.html").is_file());
        let notes = stage(&t, &[("index.html", "newer")]).commit().unwrap();
        assert_eq!(notes, [Note::RemovedLeftovers(vec![left.clone()])]);
        assert_eq!(names(tmp.path()), [".output.almanac-lock", "output"]);
    }

    /// A delete of the previous site stopped at any step, as `kill -9` would stop it, leaves a folder that the
    /// next build recognises and removes; nothing else beside the output is touched.
    #[test]
    fn an_interrupted_delete_of_the_previous_site_is_finished_by_the_next_build() {
        let files: Vec<(String, String)> = (0..6)
            .map(|i| (format!("d{i}/page.html"), i.to_string()))
            .chain([(MARKER.to_string(), String::new()), ("index.html".into(), String::new())])
            .collect();
        let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        for stop_at in 0..12 {
            let tmp = tempfile::tempdir().unwrap();
            let path = tmp.path().join("output");
            let t = target(&path);
            stage(&t, &files).commit().unwrap();
            let steps = AtomicU32::new(0);
            let interrupted = |dir: &Path| {
                remove_marked_with(dir, || {
                    let step = steps.fetch_add(1, Ordering::SeqCst);
                    if step >= stop_at { Err(io::Error::other("killed")) } else { Ok(()) }
                })
            };
            let notes = stage(&t, &[("index.html", "new")]).commit_with(interrupted).unwrap();
            let left: Vec<String> =
                names(tmp.path()).into_iter().filter(|n| n.contains("-new-") || n.contains("-old-")).collect();
            match notes.as_slice() {
                [] => assert!(left.is_empty(), "{stop_at}: {left:?}"),
                [Note::PreviousSiteLeft { path: old, .. }] => assert!(old.is_dir(), "{stop_at}"),
                other => panic!("{stop_at}: {other:?}"),
            }
            let notes = stage(&t, &[("index.html", "newer")]).commit().unwrap();
            assert!(notes.iter().all(|n| matches!(n, Note::RemovedLeftovers(_))), "{stop_at}: {notes:?}");
            assert_eq!(names(tmp.path()), [".output.almanac-lock", "output"], "{stop_at}");
            assert_eq!(std::fs::read_to_string(path.join("index.html")).unwrap(), "newer");
        }
    }

    #[test]
    fn a_second_build_waits_for_the_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("output");
        let t = target(&path);
        let first = stage(&t, &[("index.html", "first")]);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let s = Staging::new(&t, || tx.send(()).unwrap()).unwrap();
                s.write("index.html", b"second").unwrap();
                s.commit().unwrap();
            });
            rx.recv().unwrap(); // the second build is waiting
            first.commit().unwrap();
            second.join().unwrap();
        });
        assert_eq!(std::fs::read_to_string(path.join("index.html")).unwrap(), "second");
    }

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        assert_eq!(resolved(&tmp.path().join("a/b/../c")).unwrap(), real.join("a/c"));
        std::fs::create_dir(tmp.path().join("d")).unwrap();
        assert_eq!(resolved(&tmp.path().join("d/../e/./f")).unwrap(), real.join("e/f"));
    }

    #[test]
    fn leftover_names() {
        assert_eq!(leftover_kind("new-1-2"), Some(Leftover::Numbered("1-2".into())));
        assert_eq!(leftover_kind("old"), Some(Leftover::Unnumbered));
        for rest in ["lock", "new-1", "new-1-", "new--2", "new-1-2-3", "newer", "new-a-1"] {
            assert_eq!(leftover_kind(rest), None, "{rest}");
        }
    }
}
