//! Where a theme's files come from: the site's `themes/NAME/`, or, for "default" when the site has no copy,
//! the default theme built into the binary (so a site needs only its content and config).

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::{Diagnostic, Diagnostics, ErrorKind, IoOp};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One file of a theme or of a site's override folder.
pub struct ThemeFile {
    /// Relative to its folder, with `/` separators: "partials/calendar.html".
    pub name: String,
    /// Where it came from, for messages.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The built-in default theme, for `almanac init` to write out.
pub fn builtin() -> &'static Dir<'static> {
    &BUILTIN
}

/// The files under `sub` ("templates" or "static") of the theme `name`.
pub fn files(root: &Path, name: &str, sub: &str) -> Result<Vec<ThemeFile>, Diagnostics> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        return dir_files(&dir.join(sub));
    }
    if name != "default" {
        return Err(Diagnostic::file(
            root.join(crate::config::FILE),
            ErrorKind::NoSuchTheme { name: name.to_string() },
        )
        .with_help("set `theme` in almanac.toml to a folder under themes/, or to \"default\" (built in)")
        .into());
    }
    let mut out = Vec::new();
    if let Some(d) = BUILTIN.get_dir(sub) {
        collect_builtin(d, sub, &mut out);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn collect_builtin(dir: &Dir<'_>, sub: &str, out: &mut Vec<ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().strip_prefix(sub).unwrap_or(f.path());
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let path = Path::new("(built-in default theme)").join(f.path());
        out.push(ThemeFile { name, path, bytes: f.contents().to_vec() });
    }
    for d in dir.dirs() {
        collect_builtin(d, sub, out);
    }
}

/// Every file under `dir` (none if it does not exist), sorted by name; hidden files and folders are skipped, and a
/// folder that cannot be read is an error.
pub fn dir_files(dir: &Path) -> Result<Vec<ThemeFile>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Diagnostics::default();
    if !dir.exists() {
        return Ok(out);
    }
    let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|e| !hidden(e)) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push(Diagnostic::io(IoOp::List, path, e.into()));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push(ThemeFile { name, path: entry.into_path(), bytes }),
            Err(e) => errors.push(Diagnostic::io(IoOp::Read, entry.path(), e)),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_default_theme_has_templates_and_styles() {
        let dir = tempfile::tempdir().unwrap();
        let templates = files(dir.path(), "default", "templates").unwrap();
        assert!(templates.iter().any(|f| f.name == "activity.html"));
        assert!(templates.iter().any(|f| f.name.starts_with("partials/")));
        assert!(files(dir.path(), "default", "static").unwrap().iter().any(|f| f.name == "style.css"));
        assert!(files(dir.path(), "other", "templates").is_err());
    }
}
