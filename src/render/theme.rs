//! Where a theme's files come from: the site's `themes/NAME/`, or, for "default" when the site has no copy,
//! the default theme built into the binary (so a site needs only its content and config).

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::TemplateError;
use crate::error::{Diagnostic, Diagnostics, FileError, IoOp, did_you_mean};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One file of a theme or of a site's override folder.
pub struct ThemeFile {
    /// Relative to its folder, with `/` separators: "partials/calendar.html".
    pub name: String,
    /// Where it came from, for messages.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// A theme's static file as the site ships it: a style sheet without its `/* comments */`, a script without its
/// lines that are only a `// comment` (unless it has a template literal, where such a line may be text). The
/// theme's sources explain themselves; readers need not download that (10 KB of almanac.js, 5 KB of style.css).
/// Any other file, and any file that is not UTF-8, as it is.
pub(crate) fn shipped(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else { return bytes };
    if name.ends_with(".css") {
        return css_without_comments(text).into_bytes();
    }
    let code = |l: &&str| !l.trim_start().starts_with("//");
    if name.ends_with(".js") && !text.lines().filter(code).any(|l| l.contains('`')) {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n').filter(|l| code(l)) {
            out.push_str(line);
        }
        return out.into_bytes();
    }
    bytes
}

/// `css` without its comments; a `/*` inside a quoted string is text.
fn css_without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut quote: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if rest.starts_with("/*") => {
                rest = rest[2..].find("*/").map_or("", |end| &rest[2 + end + 2..]);
                // A comment on lines of its own leaves no blank line behind.
                if out.is_empty() || out.ends_with('\n') {
                    rest = rest.strip_prefix('\n').unwrap_or(rest);
                }
                continue;
            }
            None => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
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
            TemplateError::NoSuchTheme { name: name.to_string() },
        )
        .with_help("set `theme` in almanac.toml to a folder under themes/, or to \"default\" (built in)")
        .into());
    }
    Ok(builtin_files(sub))
}

/// The files under `sub` of the default theme built into the binary, whatever the site has.
pub(crate) fn builtin_files(sub: &str) -> Vec<ThemeFile> {
    let mut out = Vec::new();
    if let Some(d) = BUILTIN.get_dir(sub) {
        collect_builtin(d, sub, &mut out);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
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

/// The two folders of a theme, each of which a site can override file by file with its own folder of that name.
pub const PARTS: [&str; 2] = ["templates", "static"];

/// One file of the theme a site uses, for `almanac theme list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// "templates" or "static".
    pub part: &'static str,
    /// Relative to the part: "partials/calendar.html".
    pub name: String,
    /// The site's own file of the same name in `templates/` or `static/`, which the build uses instead.
    pub overridden_by: Option<PathBuf>,
}

/// The theme a site uses and its files.
#[derive(Debug, Clone)]
pub struct Listing {
    pub theme: String,
    /// The theme's folder, or none when it is the built-in default theme.
    pub folder: Option<PathBuf>,
    pub files: Vec<Listed>,
}

/// The files of the theme `almanac.toml` picks, marking those the site overrides.
pub fn list(root: &Path) -> Result<Listing, Diagnostics> {
    let theme = crate::config::Config::load(root)?.theme;
    let mut files = Vec::new();
    for part in PARTS {
        for f in self::files(root, &theme, part)? {
            let own = root.join(part).join(&f.name);
            files.push(Listed { part, overridden_by: own.is_file().then_some(own), name: f.name });
        }
    }
    let folder = Some(root.join("themes").join(&theme)).filter(|d| d.is_dir());
    Ok(Listing { theme, folder, files })
}

/// Copies the named files of the site's theme into its `templates/` and `static/`, where they override the
/// theme's. A name is a file's name within its part ("activity.html", "partials/calendar.html", "style.css"),
/// optionally with the part in front ("static/style.css"). Nothing is written unless every name is known and,
/// without `force`, no target exists. Returns the files written.
pub fn copy(root: &Path, names: &[String], force: bool) -> Result<Vec<PathBuf>, Diagnostics> {
    let theme = crate::config::Config::load(root)?.theme;
    let mut by_part = Vec::new();
    for part in PARTS {
        by_part.push((part, self::files(root, &theme, part)?));
    }
    let source = root.join("themes").join(&theme);
    let source = if source.is_dir() { source } else { PathBuf::from("(built-in default theme)") };
    let mut errors = Diagnostics::default();
    let mut plan: Vec<(PathBuf, &[u8])> = Vec::new();
    for name in names {
        let found: Vec<_> = by_part
            .iter()
            .flat_map(|(part, files)| files.iter().map(move |f| (*part, f)))
            .filter(|(part, f)| f.name == *name || format!("{part}/{}", f.name) == *name)
            .collect();
        let (part, file) = match found[..] {
            [one] => one,
            [] => {
                errors.push(unknown(&source, &theme, name, &by_part));
                continue;
            }
            _ => {
                errors.push(
                    Diagnostic::file(&source, TemplateError::AmbiguousThemeFile { name: name.clone() })
                        .with_help(format!("write templates/{name} or static/{name}")),
                );
                continue;
            }
        };
        let to = root.join(part).join(&file.name);
        if plan.iter().any(|(p, _)| *p == to) {
            continue;
        }
        plan.push((to, &file.bytes));
    }
    refuse_existing(&plan, force, "delete it, or pass --force to replace it with the theme's copy", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    write_all(plan)
}

/// Copies the whole built-in default theme into the site's `themes/default/`, which the site then uses (with
/// `theme = "default"`) instead of the built-in one. Returns the files written.
pub fn copy_all(root: &Path, force: bool) -> Result<Vec<PathBuf>, Diagnostics> {
    let to = root.join("themes/default");
    let mut plan: Vec<(PathBuf, &[u8])> = Vec::new();
    let mut stack = vec![&BUILTIN];
    while let Some(dir) = stack.pop() {
        plan.extend(dir.files().map(|f| (to.join(f.path()), f.contents())));
        stack.extend(dir.dirs());
    }
    plan.sort_by(|a, b| a.0.cmp(&b.0));
    let mut errors = Diagnostics::default();
    let help = "pass --force to replace the site's copy of the theme with this version's, losing its edits";
    refuse_existing(&plan, force, help, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    write_all(plan)
}

/// An unknown name, with the theme's names closest to it, compared by their last part so that "calender.html"
/// finds "partials/calendar.html".
fn unknown(source: &Path, theme: &str, name: &str, by_part: &[(&str, Vec<ThemeFile>)]) -> Diagnostic {
    let last = |n: &str| n.rsplit('/').next().unwrap_or_default().to_string();
    let names: Vec<&str> = by_part.iter().flat_map(|(_, files)| files.iter().map(|f| f.name.as_str())).collect();
    let tails: Vec<String> = names.iter().map(|n| last(n)).collect();
    let mut tail_refs: Vec<&str> = tails.iter().map(String::as_str).collect();
    tail_refs.sort_unstable();
    tail_refs.dedup();
    // The closest last part, and every name ending in it (one in a folder and one at the top, say).
    let close: Vec<&str> = match did_you_mean(&last(name), &tail_refs) {
        Some(tail) => names.iter().copied().filter(|n| last(n) == tail).collect(),
        None => Vec::new(),
    };
    let help = match &close[..] {
        [] => "`almanac theme list` shows the theme's files".to_string(),
        [one] => format!("did you mean `{one}`?"),
        many => format!("did you mean one of `{}`?", many.join("`, `")),
    };
    Diagnostic::file(source, TemplateError::NoSuchThemeFile { theme: theme.to_string(), name: name.to_string() })
        .with_help(help)
}

fn refuse_existing(plan: &[(PathBuf, &[u8])], force: bool, help: &str, errors: &mut Diagnostics) {
    if force {
        return;
    }
    for (to, _) in plan {
        if to.exists() {
            errors.push(Diagnostic::file(to, FileError::Exists).with_help(help));
        }
    }
}

fn write_all(plan: Vec<(PathBuf, &[u8])>) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut written = Vec::new();
    for (to, bytes) in plan {
        let done = to.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&to, bytes));
        match done {
            Ok(()) => written.push(to),
            Err(e) => errors.push(Diagnostic::io(IoOp::Create, to, e)),
        }
    }
    if errors.is_empty() { Ok(written) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_scripts_and_style_sheets_leave_their_comments_out() {
        let shipped = |name: &str, text: &str| String::from_utf8(shipped(name, text.as_bytes().to_vec())).unwrap();
        let js = "// why\nvar a = 'http://x'; // kept: code\n  // indented comment\nvar b = '//';\n";
        assert_eq!(shipped("a.js", js), "var a = 'http://x'; // kept: code\nvar b = '//';\n");
        // A template literal may hold a line that starts with //: such a script goes as it is.
        let literal = "var t = `\n// text\n`;\n";
        assert_eq!(shipped("a.js", literal), literal);
        let css = "/* head */\na { content: \"/* not */\"; } /* tail */\nb { }\n";
        assert_eq!(shipped("a.css", css), "a { content: \"/* not */\"; } \nb { }\n");
        assert_eq!(shipped("a.html", "<!-- x -->"), "<!-- x -->");
        assert_eq!(shipped("a.css", "a{}/* open"), "a{}");
    }

    #[test]
    fn builtin_default_theme_has_templates_and_styles() {
        let dir = tempfile::tempdir().unwrap();
        let templates = files(dir.path(), "default", "templates").unwrap();
        assert!(templates.iter().any(|f| f.name == "activity.html"));
        assert!(templates.iter().any(|f| f.name.starts_with("partials/")));
        assert!(files(dir.path(), "default", "static").unwrap().iter().any(|f| f.name == "style.css"));
        assert!(files(dir.path(), "other", "templates").is_err());
    }

    #[test]
    fn copy_and_list_use_the_sites_own_theme_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(crate::config::FILE), "title = \"x\"\ntheme = \"mine\"\n").unwrap();
        let own = root.join("themes/mine");
        std::fs::create_dir_all(own.join("templates/partials")).unwrap();
        std::fs::create_dir_all(own.join("static")).unwrap();
        std::fs::write(own.join("templates/partials/card.html"), "card").unwrap();
        std::fs::write(own.join("templates/home.html"), "home").unwrap();
        std::fs::write(own.join("static/home.html"), "static home").unwrap();

        let written = copy(root, &["templates/partials/card.html".into(), "static/home.html".into()], false).unwrap();
        assert_eq!(written, [root.join("templates/partials/card.html"), root.join("static/home.html")]);
        assert_eq!(std::fs::read_to_string(root.join("static/home.html")).unwrap(), "static home");

        let listing = list(root).unwrap();
        assert_eq!(listing.folder, Some(own.clone()));
        let marked: Vec<_> =
            listing.files.iter().map(|f| (f.part, f.name.as_str(), f.overridden_by.is_some())).collect();
        assert_eq!(
            marked,
            [
                ("templates", "home.html", false),
                ("templates", "partials/card.html", true),
                ("static", "home.html", true)
            ]
        );

        // A bare name of both parts is ambiguous; a typo is compared by its last part; every problem at once.
        let e = copy(root, &["home.html".into(), "crad.html".into()], false).unwrap_err();
        let kinds: Vec<_> = e.iter().map(|d| (d.kind.to_string(), d.help.clone())).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(kinds[0].0.contains("both a template and a static file"), "{kinds:?}");
        assert_eq!(kinds[1].1.as_deref(), Some("did you mean `partials/card.html`?"));
        assert!(e.iter().all(|d| d.path() == own));
    }
}
