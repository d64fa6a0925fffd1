//! The files: numbers and slugs against the schedule already on disk, the text of each file (as `almanac new`
//! writes it), and writing them without ever replacing one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{Action, ImportError, Index, Plan, Row, Written};
use crate::content::write::{activity_files, number_of, quote, short_slug, write};
use crate::error::{Diagnostic, Diagnostics, FileError};

/// An activity already in the schedule folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Existing {
    pub path: PathBuf,
    pub number: Option<u32>,
    pub title: String,
}

/// The activities in `dir`, read leniently (a broken file is skipped, as `new` does: `check` reports it).
pub(super) fn existing(dir: &Path) -> Vec<Existing> {
    activity_files(dir)
        .into_iter()
        .filter_map(|(path, table)| {
            let table = table?;
            let title = table.get("title").and_then(toml::Value::as_str).unwrap_or_default().trim().to_string();
            Some(Existing { path, number: number_of(&table), title })
        })
        .collect()
}

/// Gives each row its action: skipped when the schedule has it already (same title) or has another activity
/// with its 序号; otherwise a new file `NN-slug.md` with the published 序号 or the next free one, and a slug
/// from the title, unique in the folder.
pub(super) fn plan(dir: &Path, rows: &mut [Row]) {
    let existing = existing(dir);
    // Lookups by title and number, and the next suffix of each slug, keep planning linear in rows: a table
    // with one title on 10,000 rows (an exam timetable) tried suffixes 2, 3, … from the start for every row.
    let mut by_title: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut by_number: BTreeMap<u32, &Path> = BTreeMap::new();
    for e in &existing {
        by_title.entry(e.title.as_str()).or_insert(&e.path);
        if let Some(n) = e.number {
            by_number.entry(n).or_insert(&e.path);
        }
    }
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let mut slugs: BTreeSet<String> = BTreeSet::new();
    let mut next_suffix: BTreeMap<String, u32> = BTreeMap::new();
    let mut taken: BTreeSet<u32> = existing.iter().filter_map(|e| e.number).collect();
    let mut next =
        taken.last().map_or(1, |n| n + 1).max(rows.iter().filter_map(|r| r.number).max().map_or(1, |n| n + 1));
    for row in rows.iter_mut() {
        if let Some(p) = by_title.get(row.title.as_str()).filter(|_| !row.title.is_empty()) {
            row.action = Action::Exists(p.to_path_buf());
            continue;
        }
        if let Some(p) = row.number.and_then(|n| by_number.get(&n)) {
            row.action = Action::NumberTaken(p.to_path_buf());
            continue;
        }
        let number = match row.number {
            Some(n) => n,
            None => {
                while taken.contains(&next) {
                    next += 1;
                }
                next
            }
        };
        taken.insert(number);
        row.number = Some(number);
        let base = if row.title.is_empty() { "untitled".to_string() } else { short_slug(&row.title) };
        // The suffix tried next for this base only grows, so each candidate is tried once.
        let suffix = next_suffix.entry(base.clone()).or_insert(1);
        let mut slug = if *suffix == 1 { base.clone() } else { format!("{base}-{suffix}") };
        while slugs.contains(&slug) || on_disk.contains(&format!("{number:02}-{slug}.md")) {
            *suffix += 1;
            slug = format!("{base}-{suffix}");
        }
        *suffix += 1;
        row.action = Action::Create(dir.join(format!("{number:02}-{slug}.md")));
        slugs.insert(slug);
    }
}

/// Markdown that shows `text` character for character: the characters Markdown would read as markup are
/// escaped with a backslash (`*` `_` `` ` `` `[` `]` `<` `>` `&` `~` `|` `\` anywhere, and `#` `>` `+` `-` `=`
/// or a list number at the start of a line).
pub(super) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            // A line break inside a paragraph stays one: a Markdown hard break.
            out.push_str("\\\n");
        }
        let line = line.trim();
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in line.chars().enumerate() {
            let at_start = j == 0 && "#>+-=".contains(c);
            let list_number = digits > 0 && j == digits && (c == '.' || c == ')');
            if at_start || list_number || "\\`*_[]<>&~|".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The text of an activity file.
pub(super) fn activity_file(row: &Row, source: &str) -> String {
    let number = row.number.unwrap_or_default();
    let mut t = format!("+++\nnumber = {number}\ntitle = {}\nwhen = {}\n", quote(&row.title), quote(&row.when));
    if let Some(p) = &row.place {
        t += &format!("where = {}\n", quote(p));
    }
    for (key, value) in [("organiser", &row.organiser), ("host", &row.host)] {
        if let Some(v) = value {
            t += &format!("{key} = {}\n", quote(v));
        }
    }
    let tags: Vec<String> = row.tags.iter().map(|t| quote(t)).collect();
    t += &format!("tags = [{}]\n", tags.join(", "));
    if row.draft() {
        t += &format!("# almanac import could not read this row ({source}, {}):\n", row.at);
        for reason in &row.draft_reasons {
            t += &format!("#   {}\n", reason.replace('\n', " "));
        }
        t += "# It is a draft, left out of the site (`build` warns about it) until you correct it and delete the\n";
        t += "# line below. The text above is as published.\n";
        t += "draft = true\n";
    }
    t += "+++\n";
    if !row.body.is_empty() {
        t += &format!("\n{}\n", row.body);
    }
    t
}

/// The text of the schedule's `_index.md`.
pub(super) fn index_file(index: &Index, source: &str) -> String {
    let mut t = format!(
        "+++\n# Imported by almanac import from {source}.\ntitle = {}\nyear = {}\n",
        quote(&index.title),
        index.year
    );
    if let Some(span) = &index.span {
        t += &format!("span = {}\n", quote(span));
    }
    if let Some(note) = &index.note {
        t += &format!("note = {}\n", quote(note));
    }
    t += "+++\n";
    if !index.intro.is_empty() {
        t += &format!("\n{}\n", index.intro);
    }
    t
}

impl Plan {
    /// Writes `_index.md` (unless the schedule exists) and every new row; never replaces a file. Files are
    /// checked first, so a file that exists stops the import before anything is written.
    pub fn write(&self) -> Result<Written, Diagnostics> {
        let source = self
            .source
            .file_name()
            .map_or_else(|| self.source.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        if let Action::Create(path) = &self.index.action {
            files.push((path.clone(), index_file(&self.index, &source)));
        }
        for row in self.new_rows() {
            if let Action::Create(path) = &row.action {
                files.push((path.clone(), activity_file(row, &source)));
            }
        }
        let mut errors = Diagnostics::default();
        for (path, _) in &files {
            // A name the file system refuses would fail mid-way, after other files were written.
            if path.file_name().is_some_and(|n| n.len() > 255) {
                errors.push(Diagnostic::file(path, ImportError::NameTooLong));
            } else if path.exists() {
                errors.push(
                    Diagnostic::file(path, FileError::Exists)
                        .with_help("almanac import never overwrites: run it again to see what is new"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut written = Written::default();
        for (path, text) in files {
            match write(&path, &text) {
                Ok(()) => written.files.push(path),
                Err(e) => errors.extend(e),
            }
        }
        written.drafts = self.new_rows().filter(|r| r.draft()).count();
        if errors.is_empty() { Ok(written) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Action;

    #[test]
    fn escapes_markdown_so_text_shows_verbatim() {
        #[rustfmt::skip]
        let cases = [
            ("为广大企业提供服务。8月开展AAA、AA、A等类别评价；9月公示。", "为广大企业提供服务。8月开展AAA、AA、A等类别评价；9月公示。"),
            ("1. 第一", "1\\. 第一"),
            ("- 项", "\\- 项"),
            ("# 号", "\\# 号"),
            ("a*b*_c_ <x> & [l](u) `c` ~~s~~ | t \\", "a\\*b\\*\\_c\\_ \\<x\\> \\& \\[l\\](u) \\`c\\` \\~\\~s\\~\\~ \\| t \\\\"),
            ("甲\n乙", "甲\\\n乙"),
            ("2023年9月", "2023年9月"),
        ];
        for (text, md) in cases {
            assert_eq!(markdown_text(text), md, "{text}");
            let back = crate::markdown::to_plain_text(md);
            assert_eq!(back, text, "{md}");
        }
    }

    fn row(n: Option<u32>, title: &str) -> Row {
        Row {
            at: crate::error::TableCell { table: crate::error::TableName::Csv, row: 0, column: None },
            number_text: String::new(),
            number: n,
            title: title.into(),
            when: "9月".into(),
            place: None,
            organiser: None,
            host: None,
            reading: Err(String::new()),
            body: String::new(),
            tags: vec![],
            draft_reasons: vec![],
            action: Action::Undecided,
        }
    }

    #[test]
    fn numbers_slugs_and_existing_activities() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("_index.md"), "+++\ntitle = \"x\"\nyear = 2023\n+++\n").unwrap();
        std::fs::write(d.join("01-a.md"), "+++\nnumber = 1\ntitle = \"论坛\"\nwhen = \"9月\"\n+++\n").unwrap();
        std::fs::write(d.join("02-b.md"), "+++\nnumber = 2\ntitle = \"评价\"\nwhen = \"9月\"\n+++\n").unwrap();
        let mut rows =
            vec![row(Some(1), "论坛"), row(Some(2), "新评价"), row(Some(7), "讲座"), row(None, "讲座"), row(None, "")];
        plan(d, &mut rows);
        let got: Vec<String> = rows
            .iter()
            .map(|r| match &r.action {
                Action::Create(p) => format!("new {}", p.file_name().unwrap().to_string_lossy()),
                Action::Exists(p) => format!("exists {}", p.file_name().unwrap().to_string_lossy()),
                Action::NumberTaken(p) => format!("taken {}", p.file_name().unwrap().to_string_lossy()),
                Action::Undecided => "?".into(),
            })
            .collect();
        assert_eq!(
            got,
            ["exists 01-a.md", "taken 02-b.md", "new 07-jiang-zuo.md", "new 08-jiang-zuo-2.md", "new 09-untitled.md"]
        );
    }

    #[test]
    fn files_read_back_as_written() {
        let mut r = row(Some(3), "“高质量 可持续”\"论坛\"");
        r.place = Some("北京".into());
        r.tags = vec!["论坛".into()];
        r.when = "九月中".into();
        r.draft_reasons = vec!["cannot read the date `九月中`".into()];
        r.body = "正文".into();
        let text = activity_file(&r, "a.docx");
        let split = crate::content::frontmatter::split(Path::new("x.md"), &text).unwrap();
        let t: toml::Table = toml::from_str(split.toml).unwrap();
        assert_eq!(t["title"].as_str(), Some("“高质量 可持续”\"论坛\""));
        assert_eq!(
            (t["when"].as_str(), t["where"].as_str(), t["draft"].as_bool()),
            (Some("九月中"), Some("北京"), Some(true))
        );
        assert_eq!(split.body, "\n正文\n");
    }
}
