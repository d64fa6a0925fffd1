//! Content: reads `content/` into schedules of activities, reporting every problem of every file.

mod activity;
pub(crate) mod changes;
pub mod dates;
mod error;
pub(crate) mod file;
pub(crate) mod frontmatter;
pub(crate) mod mode;
pub mod new;
pub(crate) mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use activity::{Activity, Milestone, Schedule, SourceFile, Spans, Translated, Translation};
pub use changes::Status;
pub use error::{ContentError, SlugOf};
pub use frontmatter::TomlError;

use crate::error::{Diagnostic, Diagnostics, IoOp};
use crate::urls;

/// The file that makes a folder a schedule.
pub const INDEX_FILE: &str = "_index.md";

/// What a file in a schedule folder is, by its extension (in any case: `A.MD` is Markdown too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Markdown,
    Toml,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" => Some(Kind::Markdown),
        "toml" => Some(Kind::Toml),
        _ => None, // other files (images, notes) are not activities
    }
}

/// Reads every schedule under `content_dir`. Drafts are kept only when `drafts` is true.
pub fn load(content_dir: &Path, drafts: bool) -> Result<Vec<Arc<Schedule>>, Diagnostics> {
    load_keeping(content_dir, drafts, Kept::new())
}

/// Schedules read before, by folder name, that [`load_keeping`] keeps instead of reading their folders again:
/// `almanac serve` passes those whose folders have not changed since, so a save reads one schedule, not all.
pub type Kept = HashMap<String, Arc<Schedule>>;

/// [`load`], keeping the schedules of `kept` whose folders are still there; the others are read.
pub fn load_keeping(content_dir: &Path, drafts: bool, mut kept: Kept) -> Result<Vec<Arc<Schedule>>, Diagnostics> {
    let entries = std::fs::read_dir(content_dir).map_err(|e| {
        Diagnostic::io(IoOp::List, content_dir, e)
            .with_help("create a folder `content/` with one folder per schedule, or pass --root")
    })?;
    let mut folders = Vec::new();
    let mut errors = Diagnostics::default();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::io(IoOp::List, content_dir, e));
                continue;
            }
        };
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        if path.is_dir() {
            folders.push(path);
        } else {
            errors.push(
                Diagnostic::file(&path, ContentError::StrayContentFile)
                    .with_help("move it into a schedule folder such as content/2023-quality-month/"),
            );
        }
    }
    folders.sort();
    let jobs: Vec<(PathBuf, Option<Arc<Schedule>>)> = folders
        .into_iter()
        .map(|dir| {
            let keep = dir.file_name().and_then(|n| n.to_str()).and_then(|n| kept.remove(n));
            (dir, keep)
        })
        .collect();
    let results: Vec<_> = jobs
        .into_par_iter()
        .map(|(dir, keep)| keep.map_or_else(|| load_schedule(content_dir, &dir, drafts).map(Arc::new), Ok))
        .collect();
    let mut schedules = Vec::new();
    for r in results {
        match r {
            Ok(s) => schedules.push(s),
            Err(e) => errors.extend(e),
        }
    }
    errors.or_ok(schedules)
}

/// Names the loader never reads: hidden files and folders (`.trash/`, `.01.md.swp`) and editors' backups (`a.md~`).
fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.') || n.ends_with('~'))
}

/// Every file of a schedule folder, sorted, hidden folders not entered; a folder that cannot be read is an error.
fn schedule_files(dir: &Path, errors: &mut Diagnostics) -> Vec<PathBuf> {
    let walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter().filter_entry(|e| !is_hidden(e.path()));
    let mut files = Vec::new();
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("a folder loop"));
                errors.push(Diagnostic::io(IoOp::List, path, io));
            }
        }
    }
    files.sort();
    files
}

/// What is wrong with `slug` as a schedule's folder name: not a slug, or a name the site uses for its own
/// folders. The same rule for the build and for the commands that name a schedule.
pub fn schedule_slug_problem(slug: &str) -> Option<ContentError> {
    if !urls::is_slug(slug) {
        Some(ContentError::BadSlug { what: SlugOf::Schedule, slug: slug.to_string() })
    } else if urls::RESERVED_FOLDERS.contains(&slug) {
        Some(ContentError::ReservedFolder(slug.to_string()))
    } else {
        None
    }
}

fn load_schedule(content_dir: &Path, dir: &Path, drafts: bool) -> Result<Schedule, Diagnostics> {
    let mut errors = Diagnostics::default();
    let slug = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    if let Some(kind) = schedule_slug_problem(&slug) {
        errors.push(Diagnostic::file(dir, kind).with_help("rename the folder"));
    }
    let files = schedule_files(dir, &mut errors);
    let index_path = dir.join(INDEX_FILE);
    let index = if files.contains(&index_path) {
        file::load_index(content_dir, &index_path).map_err(|e| errors.extend(e)).ok()
    } else {
        errors.push(
            Diagnostic::file(dir, ContentError::NoScheduleIndex)
                .with_help("add _index.md with title = \"…\" and year = 2023 between `+++` lines"),
        );
        None
    };
    let context = index.as_ref().map_or(dates::Context::calendar(1970), |i| i.context);
    let parsed: Vec<_> = files
        .par_iter()
        .filter(|p| **p != index_path)
        .filter_map(|p| kind_of(p).map(|k| file::load_activity(content_dir, p, context, k == Kind::Toml)))
        .collect();
    let mut activities = Vec::new();
    let mut draft_problems = Diagnostics::default();
    for r in parsed {
        match r {
            Ok(a) if a.draft && !drafts => {}
            Ok(a) => activities.push(a),
            // A draft that is left out cannot break the build: its problems are said, as warnings, until fixed.
            Err(failed) if failed.draft && !drafts => {
                draft_problems.0.extend(failed.errors.0.into_iter().map(Diagnostic::left_out_draft))
            }
            Err(failed) => errors.extend(failed.errors),
        }
    }
    activities.sort_by(|a, b| (a.number, a.when.start, &a.slug).cmp(&(b.number, b.when.start, &b.slug)));
    let Some(index) = index.filter(|_| errors.is_empty()) else { return Err(errors) };
    Ok(Schedule {
        slug,
        origin: index.origin,
        title: index.title,
        year: index.year,
        context: index.context,
        declared_span: index.span,
        organiser: index.organiser,
        note: index.note,
        updated: index.updated,
        intro: index.intro,
        intro_offset: index.intro_offset,
        translations: index.translations,
        untranslated: Vec::new(),
        activities,
        draft_problems,
        span_once: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const INDEX: &str = "+++\ntitle = \"s\"\nyear = 2023\n+++\n";
    const A: &str = "+++\ntitle = \"a\"\nwhen = \"9月\"\n+++\n";

    #[test]
    fn hidden_folders_and_backups_are_not_read_and_extensions_ignore_case() {
        let dir = site(&[
            ("s/_index.md", INDEX),
            ("s/a.md", A),
            ("s/B.MD", A),
            ("s/c.Toml", "title = \"c\"\nwhen = \"9月\"\n"),
            ("s/.trash/old.md", A),
            ("s/.draft.md", A),
            ("s/a.md~", A),
            ("s/sub/d.md", A),
            ("s/notes.txt", "x"),
        ]);
        let schedules = load(dir.path(), false).unwrap();
        let rels: Vec<&str> = schedules[0].activities.iter().map(|a| a.origin.rel.as_str()).collect();
        assert_eq!(rels, ["s/a.md", "s/B.MD", "s/c.Toml", "s/sub/d.md"]);
    }
}
