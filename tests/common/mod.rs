//! Helpers shared by the integration tests: fixture sites in temporary folders and the real binary.
#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/<name>` in a temporary folder, with the repository's themes when it has none.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/fixtures").join(name);
    assert!(src.is_dir(), "no fixture {}", src.display());
    copy_dir(&src, dir.path());
    if !dir.path().join("themes").exists() {
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    }
    dir
}

/// A copy of the repository's own site (config, content, themes).
pub fn repo_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("almanac.toml"), dir.path().join("almanac.toml")).unwrap();
    dir
}

pub fn almanac(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.args(args).env_remove("RAYON_NUM_THREADS");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// `almanac build --root ROOT`, asserting success.
pub fn build(root: &Path) -> PathBuf {
    let out = almanac(&["build", "--root", root.to_str().unwrap()], &[]);
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    root.join("output")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, by relative path with `/` separators.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The visible text of an HTML page: tags dropped, entities decoded, so tests can look for verbatim text.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

pub fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&")
}

/// The values of every `href="…"` and `src="…"` in `html`.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(decode_entities(&rest[..end]));
            }
        }
    }
    out
}

/// One row of the published table.
pub struct Row {
    pub number: String,
    pub title: String,
    pub time_place: String,
    pub content: String,
}

/// Reads the seed (a Word table exported as text): title line, tab-indented cells in blank-line-separated
/// blocks, closing note.
pub fn seed() -> (String, Vec<Row>, String) {
    let text = read(&repo().join("tests/fixtures/seed/quality-month-2023.txt"));
    let mut lines = text.lines();
    let first = lines.next().unwrap();
    // "[bookmark: _GoBack]" is an export artefact before the title.
    let title = first.rsplit(']').next().unwrap().trim().to_string();
    let mut rows = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let mut note = String::new();
    for line in lines.chain(std::iter::once("")) {
        if let Some(cell) = line.strip_prefix('\t') {
            block.push(cell.to_string());
        } else if line.starts_with("注：") {
            note = line.to_string();
        } else if line.is_empty() && !block.is_empty() {
            assert_eq!(block.len(), 4, "{block:?}");
            if block[0] != "序号" {
                let mut b = block.drain(..);
                let mut next = || b.next().unwrap();
                rows.push(Row { number: next(), title: next(), time_place: next(), content: next() });
            }
            block.clear();
        }
    }
    (title, rows, note)
}

/// Checks every `href`/`src` of every page under `output`: relative, to a file (never a folder), and resolving
/// to a file of the build. Absolute links (`https:`, `webcal:`) are allowed only to the site's own address,
/// `base_url`, when the site has one. Returns how many relative links were checked.
pub fn check_links(output: &Path, base_url: Option<&str>) -> usize {
    let own = base_url.map(|b| b.split_once("://").unwrap().1.to_string());
    let mut checked = 0;
    for (path, bytes) in read_tree(output) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = output.join(&path).parent().unwrap().to_path_buf();
        for link in links(&html) {
            assert!(!link.starts_with('/'), "{path}: root-relative link {link}");
            if let Some((scheme, rest)) = link.split_once("://") {
                let ours = own.as_deref().is_some_and(|o| rest.starts_with(o));
                assert!(["https", "http", "webcal"].contains(&scheme) && ours, "{path}: link to another host {link}");
                continue;
            }
            assert!(!link.starts_with("//"), "{path}: link to another host {link}");
            let target = link.split(['#', '?']).next().unwrap();
            if target.is_empty() {
                continue; // a fragment on the same page
            }
            assert!(
                target.ends_with(".html") || target.contains('.'),
                "{path}: {link} is a folder link, which fails from file://"
            );
            assert!(page_dir.join(target).is_file(), "{path}: broken link {link}");
            checked += 1;
        }
    }
    checked
}

/// `almanac build --root ROOT` plus `args`, asserting success; returns the output folder and the run.
pub fn build_with(root: &Path, args: &[&str]) -> (PathBuf, Output) {
    let mut all = vec!["build", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = almanac(&all, &[]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    (root.join("output"), out)
}
