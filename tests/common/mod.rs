//! Helpers shared by the integration tests: fixture sites in temporary folders and the real binary.
#![allow(dead_code)] // each test file uses its own subset
#![allow(clippy::print_stdout, clippy::print_stderr)] // tests report what they skipped and where artefacts are

pub mod serve;

/// The benchmark generator (`cargo run --example synth`), for sites of a realistic size.
#[path = "../../examples/synth/generator.rs"]
pub mod generator;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use libtest_mimic::{Arguments, Trial};

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
    tagged_links(html).into_iter().map(|l| l.value).collect()
}

/// A link in a page: the element and attribute holding it, and its value.
pub struct TaggedLink {
    pub element: String,
    pub attribute: &'static str,
    pub value: String,
}

impl TaggedLink {
    /// A link the browser follows only when the reader clicks it (an anchor); anything else is loaded with the page.
    pub fn is_navigation(&self) -> bool {
        self.attribute == "href" && self.element == "a"
    }
}

/// Every `href="…"`/`src="…"` with the element it is on.
pub fn tagged_links(html: &str) -> Vec<TaggedLink> {
    let mut out = Vec::new();
    for attribute in ["href", "src"] {
        let needle = format!(" {attribute}=\"");
        let mut from = 0;
        while let Some(i) = html[from..].find(&needle).map(|i| from + i) {
            let start = i + needle.len();
            let Some(len) = html[start..].find('"') else { break };
            let open = html[..i].rfind('<').unwrap_or(0);
            let element: String = html[open + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            out.push(TaggedLink { element, attribute, value: decode_entities(&html[start..start + len]) });
            from = start + len;
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

/// Checks every `href`/`src` of every page and feed under `output`: relative, to a file (never a folder), and
/// resolving to a file of the build. Nothing is loaded from another host; anchors may lead to other hosts (a
/// body's links to the web), and absolute links to the site itself appear only with a `base_url`. Returns how
/// many relative links were checked.
pub fn check_links(output: &Path, base_url: Option<&str>) -> usize {
    let own = base_url.map(|b| b.split_once("://").unwrap().1.to_string());
    let mut checked = 0;
    for (path, bytes) in read_tree(output) {
        if !path.ends_with(".html") && !path.ends_with(".xml") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = output.join(&path).parent().unwrap().to_path_buf();
        for link in tagged_links(&html) {
            let value = &link.value;
            assert!(!value.starts_with('/'), "{path}: root-relative link {value}");
            if let Some((scheme, rest)) = value.split_once("://") {
                let ours = own.as_deref().is_some_and(|o| rest.starts_with(o));
                let elsewhere = link.is_navigation() && ["https", "http"].contains(&scheme);
                assert!(
                    ours || elsewhere,
                    "{path}: <{} {}> loads from another host: {value}",
                    link.element,
                    link.attribute
                );
                continue;
            }
            if value.starts_with("mailto:") || value.starts_with("tel:") {
                continue;
            }
            assert!(!value.starts_with("//"), "{path}: link to another host {value}");
            let target = value.split(['#', '?']).next().unwrap();
            if target.is_empty() {
                continue; // a fragment on the same page
            }
            assert!(
                target.ends_with(".html") || target.contains('.'),
                "{path}: {value} is a folder link, which fails from file://"
            );
            let decoded = percent_decode(target);
            assert!(page_dir.join(&decoded).is_file(), "{path}: broken link {value}");
            checked += 1;
        }
    }
    checked
}

/// `%XX` escapes decoded (links to files with spaces or non-ASCII names).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file a build leaves at the top of its output folder to mark it as almanac's (not part of the site's
/// layout, so not in the build's counts).
pub const MARKER: &str = ".almanac-build";

/// The invariant every site must keep: each file written once (the files on disk, besides the marker, are as
/// many as the build says it wrote) and every relative link of every page and feed resolving to a written file.
pub fn assert_whole_output(output: &Path, written: usize) {
    let files = read_tree(output);
    assert!(files.contains_key(MARKER), "no {MARKER} in {}", output.display());
    assert_eq!(files.len() - 1, written, "files on disk in {}", output.display());
    assert!(check_links(output, None) > 0);
}

/// [`assert_whole_output`] for a build of `root` by the real binary; returns the output folder.
pub fn assert_whole(root: &Path) -> PathBuf {
    let (output, run) = build_with(root, &[]);
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_whole_output(&output, files_said(&said));
    output
}

/// How many files a build's summary line says it wrote: "Built A activities in S schedules: P pages, D data
/// files, F static files, the offline archive and C compressed copies in … (T ms)." (the last two only when
/// written).
pub fn files_said(said: &str) -> usize {
    let (_, list) = said.split_once(": ").unwrap_or_else(|| panic!("no summary in {said}"));
    let list = list.split(" in ").next().unwrap();
    let mut total = 0;
    let mut kinds = 0;
    for part in list.split(", ").flat_map(|p| p.split(" and ")) {
        if part == "the offline archive" {
            total += 1;
        } else {
            let (n, what) = part.split_once(' ').unwrap_or_else(|| panic!("{part} in {said}"));
            assert!(["pages", "data files", "static files", "compressed copies"].contains(&what), "{what} in {said}");
            total += n.parse::<usize>().unwrap_or_else(|_| panic!("{part} in {said}"));
        }
        kinds += 1;
    }
    assert!(kinds >= 3, "{said}");
    total
}

/// `almanac build --root ROOT` plus `args`, asserting success; returns the output folder and the run.
pub fn build_with(root: &Path, args: &[&str]) -> (PathBuf, Output) {
    let mut all = vec!["build", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = almanac(&all, &[]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    (root.join("output"), out)
}

/// One schedule, a year, of `n` activities from the benchmark generator (what `cargo run --release --example synth
/// -- --activities N --schedules 1` writes): the size at which a schedule's page must stay light.
pub fn large_schedule_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    generator::write_almanac(&generator::generate_in(n, 1, 1), dir.path()).unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// A site of `n` activities over two schedules, generated with every kind of date, milestones, colliding tag
/// names and bodies that link to other activities, to the static folder and to the site's data: for the
/// invariants that must hold on any site, not only on the fixtures.
pub fn generated_site(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("almanac.toml"), "title = \"生成的站点\"\n").unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("static/附件 1.pdf"), "%PDF").unwrap();
    let whens = |k: usize| -> String {
        let m = k % 12 + 1;
        match k % 7 {
            0 => format!("{m}月{}日", k % 28 + 1),
            1 => format!("{m}月{}日-{}日", k % 20 + 1, k % 20 + 5),
            2 => format!("{m}月{}旬", ["上", "中", "下"][k % 3]),
            3 => format!("{m}月"),
            4 => format!("{m}月-{}月", (m + k % 3).min(12)),
            5 => "全年，按通知安排".to_string(),
            _ => format!("{m}月下旬至{}月上旬", m % 12 + 1),
        }
    };
    let tags = ["评价", "平价", "ping-jia-2", "Index", "论坛", "QC小组", "ＱＣ小组", "a|b"];
    for (s, year) in [("y2023", 2023), ("y2024", 2024)] {
        let folder = dir.path().join("content").join(s);
        std::fs::create_dir_all(&folder).unwrap();
        let intro = "见 [第一项](0001.md) 与 [数据](../activities.json)。\n";
        std::fs::write(folder.join("_index.md"), format!("+++\ntitle = \"{year}年\"\nyear = {year}\n+++\n\n{intro}"))
            .unwrap();
        for k in 1..=n / 2 {
            let other = (k * 7) % (n / 2) + 1;
            let milestone = if k % 5 == 0 {
                format!("milestones = [{{ when = \"{}\", label = \"报名\" }}]\n", whens(k + 3))
            } else {
                String::new()
            };
            let text = format!(
                "+++\nnumber = {k}\ntitle = \"活动{k}\"\nwhen = \"{}\"\nwhere = \"{}\"\ntags = [\"{}\", \"{}\"]\n{milestone}+++\n\n\
                 参见 [活动{other}]({other:04}.md#x)、[附件](../static/附件%201.pdf)、[日历](calendar.ics) 与 [首页](../index.html)。\n",
                whens(k),
                ["北京", "在线观看", "地点待定", "公开征集"][k % 4],
                tags[k % tags.len()],
                tags[(k / 3) % tags.len()],
            );
            std::fs::write(folder.join(format!("{k:04}.md")), text).unwrap();
        }
    }
    dir
}

/// A test that needs a tool outside Rust (Chromium, Java, nginx), as a trial for a test binary with
/// `harness = false` (run them with [`run_trials`]). When `missing` says why the tool cannot run, the trial is
/// ignored and the reason printed, in the open (libtest would hide a printed "skipped" inside a passing test);
/// under `CI=true` a missing tool fails the trial instead, so CI never passes without running it.
pub fn tool_trial(name: &str, missing: Option<String>, test: impl FnOnce() + Send + 'static) -> Trial {
    let Some(why) = missing else {
        return Trial::test(name, move || {
            test();
            Ok(())
        });
    };
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    let said = format!("{name} needs a tool that is missing: {why}");
    if ci {
        return Trial::test(name, move || Err(format!("CI must run it, but {said}").into()));
    }
    println!("note: {said}; reported as ignored");
    // Run anyway (`--include-ignored`), it fails with the same reason rather than with a confusing error.
    Trial::test(name, move || Err(said.into())).with_ignored_flag(true)
}

/// Runs `trials` as libtest does (its arguments, filters and `test result:` line).
pub fn run_trials(trials: Vec<Trial>) -> std::process::ExitCode {
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

/// What a folder of `tests/fixtures` is for, by its name. A folder that fits no rule fails the suite
/// (`tests/errors.rs`), so a misnamed fixture cannot be skipped in silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixtureRule {
    /// `invalid-*`: `check` and `build` must fail, printing exactly its `check.stderr` and `build.stderr`
    /// (tests/errors.rs).
    Invalid,
    /// `valid-*`: must build whole (`assert_whole`, in tests/build.rs).
    Valid,
    /// Used by name by the test file given.
    UsedByName(&'static str),
    Unknown,
}

/// The fixtures that fit neither `invalid-*` nor `valid-*`, and the test file that uses each.
pub const USED_BY_NAME: &[(&str, &str)] = &[
    ("calendar-year-dated", "tests/times.rs"),
    ("import-csv", "tests/import.rs"),
    ("import-site", "tests/import.rs"),
    ("seed", "tests/common/mod.rs"),
    ("warnings", "tests/cli.rs"),
];

/// Every folder of `tests/fixtures`, sorted, with its rule.
pub fn fixture_folders() -> Vec<(String, FixtureRule)> {
    let mut all: Vec<(String, FixtureRule)> = std::fs::read_dir(repo().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| {
            let name = e.file_name().into_string().unwrap();
            let rule = if name.starts_with("invalid-") {
                FixtureRule::Invalid
            } else if name.starts_with("valid-") {
                FixtureRule::Valid
            } else if let Some((_, file)) = USED_BY_NAME.iter().find(|(n, _)| *n == name) {
                FixtureRule::UsedByName(file)
            } else {
                FixtureRule::Unknown
            };
            (name, rule)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}
