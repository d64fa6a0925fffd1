//! Which activity an editor means: by its slug or file name first, then by the name `almanac new --slug` was
//! given, its 序号 or its exact title; when none is meant, the nearest ones by name.

use std::path::{Path, PathBuf};

use super::RescheduleError;
use crate::content::write::{activity_files, number_of};
use crate::error::{Diagnostic, Diagnostics, nearest};
use crate::urls;

/// An activity file, with the names it answers to.
struct Candidate {
    path: PathBuf,
    /// The page's name: its `slug` key, else from the file name (`09-forum`).
    slug: String,
    name: String,
    stem: String,
    /// The file name after its 序号, as `almanac new --slug forum` was given it (`09-forum.md` → `forum`).
    short: Option<String>,
    number: Option<u32>,
    title: Option<String>,
}

impl Candidate {
    fn read(path: PathBuf, table: Option<&toml::Table>) -> Candidate {
        let text = |p: Option<&std::ffi::OsStr>| p.and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let (name, stem) = (text(path.file_name()), text(path.file_stem()));
        let key = |k: &str| table.and_then(|t| t.get(k)?.as_str().map(str::to_string));
        let slug = key("slug").unwrap_or_else(|| urls::slugify(&stem));
        let short = stem
            .split_once('-')
            .filter(|(n, rest)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty())
            .map(|(_, rest)| rest.to_string());
        let number = table.and_then(number_of);
        let title = key("title").map(|t| t.trim().to_string());
        Candidate { path, slug, name, stem, short, number, title }
    }

    /// How it is shown in a list: `09-forum.md (序号 9, 质量论坛)`.
    fn shown(&self) -> String {
        let mut about = Vec::new();
        if let Some(n) = self.number {
            about.push(format!("序号 {n}"));
        }
        if let Some(t) = &self.title {
            about.push(t.clone());
        }
        if about.is_empty() { self.name.clone() } else { format!("{} ({})", self.name, about.join(", ")) }
    }
}

/// The activity file of `dir` that `wanted` names. Its slug, file name or file stem are its own names and are
/// looked for first; only when none has it, the name after its 序号, the 序号 itself and the exact title.
pub(super) fn find(dir: &Path, wanted: &str) -> Result<PathBuf, Diagnostics> {
    let wanted = wanted.trim();
    let mut all: Vec<Candidate> =
        activity_files(dir).into_iter().map(|(p, t)| Candidate::read(p, t.as_ref())).collect();
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let number: Option<u32> = wanted.bytes().all(|b| b.is_ascii_digit()).then(|| wanted.parse().ok()).flatten();
    let own = |c: &Candidate| c.slug == wanted || c.name == wanted || c.stem == wanted;
    let given = |c: &Candidate| {
        c.short.as_deref() == Some(wanted)
            || (number.is_some() && c.number == number)
            || c.title.as_deref() == Some(wanted)
    };
    let mut found: Vec<&Candidate> = all.iter().filter(|c| own(c)).collect();
    if found.is_empty() {
        found = all.iter().filter(|c| given(c)).collect();
    }
    let error = |e: RescheduleError| Diagnostic::file(dir, e);
    match found.as_slice() {
        [one] => Ok(one.path.clone()),
        [] => {
            let help = match suggestions(&all, wanted).as_slice() {
                [] => "give the activity's slug (its page's name without .html, e.g. 01-forum), its file name, \
                       its 序号 or its exact title"
                    .to_string(),
                near => format!("did you mean {}?", near.join(" or ")),
            };
            Err(error(RescheduleError::NoSuchActivity { wanted: wanted.to_string() }).with_help(help).into())
        }
        several => {
            let candidates = several.iter().map(|c| c.shown()).collect();
            Err(error(RescheduleError::Ambiguous { wanted: wanted.to_string(), candidates })
                .with_help("give the file name of the one you mean")
                .into())
        }
    }
}

/// Up to three activities whose slug, short name or title is near `wanted`, shown by slug and title.
fn suggestions(all: &[Candidate], wanted: &str) -> Vec<String> {
    let names: Vec<(&str, &Candidate)> = all
        .iter()
        .flat_map(|c| {
            let names = [Some(c.slug.as_str()), c.short.as_deref(), c.title.as_deref()];
            names.into_iter().flatten().map(move |n| (n, c))
        })
        .collect();
    let words: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
    let mut out: Vec<String> = Vec::new();
    for word in nearest(wanted, &words, words.len()) {
        let Some((_, c)) = names.iter().find(|(n, _)| *n == word) else { continue };
        let shown = match &c.title {
            Some(t) => format!("`{}` ({t})", c.slug),
            None => format!("`{}`", c.slug),
        };
        if !out.contains(&shown) {
            out.push(shown);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, front) in files {
            let text = if name.ends_with(".toml") { format!("{front}\n") } else { format!("+++\n{front}\n+++\n") };
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    fn name(found: Result<PathBuf, Diagnostics>) -> Result<String, String> {
        match found {
            Ok(p) => Ok(p.file_name().unwrap().to_str().unwrap().to_string()),
            Err(e) => Err(e.0.iter().map(|d| format!("{} | {}", d.kind, d.help.as_deref().unwrap_or(""))).collect()),
        }
    }

    #[test]
    fn an_activity_is_found_by_each_of_its_names() {
        let dir = site(&[
            ("09-x.md", "number = 9\ntitle = \"质量论坛\"\nwhen = \"9月\""),
            ("10-quality-lecture.md", "number = 10\ntitle = \"质量大讲堂\"\nwhen = \"9月\""),
            ("salon.toml", "number = 11\ntitle = \"质量沙龙\"\nwhen = \"9月\"\nslug = \"tea\""),
        ]);
        for (wanted, want) in [
            ("09-x", "09-x.md"),
            ("09-x.md", "09-x.md"),
            ("x", "09-x.md"),
            ("9", "09-x.md"),
            ("09", "09-x.md"),
            ("质量论坛", "09-x.md"),
            (" 质量论坛 ", "09-x.md"),
            ("quality-lecture", "10-quality-lecture.md"),
            ("tea", "salon.toml"),
            ("salon", "salon.toml"),
            ("salon.toml", "salon.toml"),
            ("11", "salon.toml"),
        ] {
            assert_eq!(name(find(dir.path(), wanted)), Ok(want.to_string()), "{wanted}");
        }
    }

    #[test]
    fn nothing_found_suggests_the_nearest_and_several_found_lists_them() {
        let dir = site(&[
            ("01-forum.md", "number = 1\ntitle = \"质量论坛\"\nwhen = \"9月\""),
            ("02-forum.md", "number = 2\ntitle = \"质量论坛\"\nwhen = \"10月\""),
            ("03-lecture.md", "number = 3\ntitle = \"质量大讲堂\"\nwhen = \"9月\""),
        ]);
        let e = name(find(dir.path(), "03-lectur")).unwrap_err();
        assert!(e.contains("no activity `03-lectur`") && e.contains("did you mean `03-lecture` (质量大讲堂)?"), "{e}");
        let e = name(find(dir.path(), "质量大讲")).unwrap_err();
        assert!(e.contains("did you mean `03-lecture` (质量大讲堂)?"), "{e}");
        let e = name(find(dir.path(), "zzz")).unwrap_err();
        assert!(e.contains("its 序号 or its exact title"), "{e}");
        for wanted in ["forum", "质量论坛"] {
            let e = name(find(dir.path(), wanted)).unwrap_err();
            assert!(
                e.contains("could be any of 01-forum.md (序号 1, 质量论坛); 02-forum.md (序号 2, 质量论坛)"),
                "{e}"
            );
        }
        // A name of its own wins over another's short name or title: no ambiguity.
        assert_eq!(name(find(dir.path(), "01-forum")), Ok("01-forum.md".into()));
    }
}
