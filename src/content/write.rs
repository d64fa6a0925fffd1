//! Writing content files for the editors' commands (`new`, `import`): never over an existing file, with the
//! keys quoted as TOML, the next free 序号 and a short slug from the title.

use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::dates::Context;
use super::frontmatter;
use crate::error::{Diagnostic, Diagnostics, IoOp};
use crate::urls;

/// A TOML basic string, escaped.
pub(crate) fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes a new file, creating its folder; never overwrites (the file is opened with `create_new`).
pub(crate) fn write(path: &Path, text: &str) -> Result<(), Diagnostics> {
    let io = |e: std::io::Error| Diagnostics::from(Diagnostic::io(IoOp::Create, path, e));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    // create_new: never overwrite, even if the file appeared since the check.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)
}

/// What the schedule's dates are read against (its `year`, and the first month of its `span`), read leniently:
/// `new` should work even if another file of the site is broken.
pub(crate) fn schedule_context(index: &Path) -> Option<Context> {
    let text = std::fs::read_to_string(index).ok()?;
    let split = frontmatter::split(index, &text).ok()?;
    let table: toml::Table = toml::from_str(split.toml).ok()?;
    let span = table.get("span").and_then(|s| s.as_str()).and_then(|s| super::dates::parse_when(s, 1970).ok());
    let year = match table.get("year").and_then(toml::Value::as_integer) {
        Some(y) => i32::try_from(y).ok()?,
        None => span.as_ref()?.start.year(),
    };
    Some(span.map_or(Context::calendar(year), |s| Context::starting(year, s.start.month())))
}

/// The activity files of a schedule folder as the build finds them (subfolders too, hidden ones not entered),
/// each with its front matter as a TOML table when that reads: read leniently, since `new`, `import` and
/// `reschedule` should work even if another file is broken (`check` reports it).
pub(crate) fn activity_files(dir: &Path) -> Vec<(PathBuf, Option<toml::Table>)> {
    // A folder that cannot be listed holds no activity to avoid: the command says what it writes.
    let files = super::schedule_files(dir, &mut Diagnostics::default());
    let activities = files.into_iter().filter(|p| p.file_name().is_none_or(|n| n != super::INDEX_FILE));
    activities
        .filter_map(|path| {
            let kind = super::kind_of(&path)?;
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let toml = match kind {
                super::Kind::Markdown => frontmatter::split(&path, &text).map(|s| s.toml).ok(),
                super::Kind::Toml => Some(text.as_str()),
            };
            let table = toml.and_then(|t| toml::from_str::<toml::Table>(t).ok());
            Some((path, table))
        })
        .collect()
}

/// An activity's `number`, read leniently.
pub(crate) fn number_of(table: &toml::Table) -> Option<u32> {
    table.get("number").and_then(toml::Value::as_integer).and_then(|n| u32::try_from(n).ok())
}

/// One more than the highest `number` among the schedule's activities.
pub(crate) fn next_number(dir: &Path) -> u32 {
    activity_files(dir).iter().filter_map(|(_, t)| number_of(t.as_ref()?)).max().map_or(1, |n| n + 1)
}

/// An ASCII slug from the title, cut at a word boundary so file names stay short.
pub(crate) fn short_slug(title: &str) -> String {
    let slug = urls::slugify(title);
    let mut out = String::new();
    for word in slug.split('-') {
        if !out.is_empty() && out.len() + word.len() + 1 > 40 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_ascii_words() {
        assert_eq!(short_slug("质量论坛"), "zhi-liang-lun-tan");
        let long = short_slug("第二期中医药大家谈暨第二批品质中药团体标准发布活动");
        assert!(long.len() <= 40 && !long.ends_with('-') && long.is_ascii(), "{long}");
    }

    #[test]
    fn quotes_toml_strings() {
        for s in ["a\"b\\c", "“高质量 可持续”", "it's", "a'\"b", "多\n行"] {
            let t: toml::Table = toml::from_str(&format!("x = {}", quote(s))).unwrap();
            assert_eq!(t["x"].as_str(), Some(s));
        }
    }
}
