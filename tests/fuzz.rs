//! A fuzz of the content, run by `cargo test`: generated sites whose front matter, `when` texts and Markdown
//! bodies mix the everyday with the hostile (broken TOML, escapes and control characters, dates that cannot be
//! read, raw HTML, links that lead nowhere). Whatever the input, almanac must not panic; every site it accepts
//! must build whole: each path written once and every link resolving (`common::assert_whole_output`). File
//! names are fuzzed too (long Chinese and ASCII names, composed and decomposed forms, any characters), with
//! schedule and static folders kept elsewhere behind symbolic links, which no forced `--output` may replace.
//!
//! The seed is fixed and the cases bounded, so a run is repeatable and takes seconds; a failure prints the
//! smallest site that shows it. `ALMANAC_FUZZ_CASES=N` runs more cases by hand.

mod common;
// The date texts, shared with the date reader's own fuzz.
#[path = "../crates/dates/tests/strategy/mod.rs"]
mod strategy;

use std::cell::Cell;
use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use common::assert_whole_output;
use strategy::when_text;

const SEED: [u8; 32] = *b"almanac fuzz: fixed seed, v1....";

fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("ALMANAC_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 300, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
}

/// One-line text: words, punctuation that matters to TOML, HTML, CSV and URLs, and now and then any character.
fn line_text() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => prop::collection::vec(
            prop::sample::select(vec![
                "质量", "论坛", "北京", "在线", "QC小组", "ＱＣ小组", " ", "\"", "'", "\\", "<b>", "&amp;", "=1+1", "-",
                "@", "|", "#", "%20", "/", "..", "\t", "index", "calendar", "a|b", "💡",
            ]),
            1..5,
        )
        .prop_map(|p| p.concat()),
        1 => any::<String>().prop_map(|s| s.chars().take(10).collect()),
    ]
}

/// Markdown bodies: everyday formatting, links to the site's files (some missing), and hostile raw HTML.
fn body() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "正文。\n",
        "\n",
        "# 标题\n",
        "- 项目\n- 另一项\n",
        "1. 第一\n",
        "**粗体** _斜体_ `代码`\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "```\n<script>\n```\n",
        "> 引用\n",
        "[第一项](01.md)\n",
        "[锚点](02.toml#x)\n",
        "[数据](../activities.json)\n",
        "[日历](calendar.ics)\n",
        "[首页](../index.html)\n",
        "[外部](https://example.org/a.md)\n",
        "[邮件](mailto:a@example.org)\n",
        "<script>alert(1)</script>\n",
        "<img src=\"../static/style.css\" onerror=\"alert(1)\">\n",
        "<a href=\"javascript:alert(1)\">点我</a>\n",
        "[点我](javascript:alert(1))\n",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">\n",
        "<!-- 未闭合的注释\n",
        "<div><table><tr><td>未闭合\n",
        "<br><sup>1</sup>\n",
        "&lt;&amp;&#x0;\n",
        "+++\n",
        "\\u0001\n",
        "\r\n",
    ]);
    prop_oneof![
        8 => prop::collection::vec(piece, 0..6).prop_map(|p| p.concat()),
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

/// How a value is put into the front matter.
#[derive(Debug, Clone, Copy)]
enum Quoting {
    /// A TOML basic string with everything escaped that must be: always valid TOML.
    Escaped,
    /// Between quotes as it is: broken TOML when the text has a quote or a line break.
    Raw,
}

fn quoting() -> impl Strategy<Value = Quoting> {
    prop_oneof![40 => Just(Quoting::Escaped), 1 => Just(Quoting::Raw)]
}

fn toml_string(text: &str, q: Quoting) -> String {
    match q {
        Quoting::Raw => format!("\"{text}\""),
        Quoting::Escaped => {
            let mut out = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if c.is_control() => write!(out, "\\u{:04X}", u32::from(c)).unwrap(),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

#[derive(Debug, Clone)]
struct Activity {
    markdown: bool,
    number: Option<u32>,
    title: String,
    when: String,
    place: Option<String>,
    tags: Vec<String>,
    milestones: Vec<(String, String)>,
    start: Option<(u32, u32, u32)>,
    slug: Option<String>,
    draft: bool,
    body: String,
    quoting: Quoting,
}

fn activity() -> impl Strategy<Value = Activity> {
    let dates = prop::option::weighted(0.1, (2018..2030u32, 1..=12u32, 1..=31u32));
    let slug = prop::option::weighted(0.05, prop_oneof![9 => "[a-z0-9-]{1,8}", 1 => line_text()]);
    let when = || when_text(40, 2, 1);
    (
        (any::<bool>(), prop::option::of(0..30u32), line_text(), when(), prop::option::of(line_text())),
        (
            prop::collection::vec(line_text(), 0..3),
            prop::collection::vec((when(), line_text()), 0..2),
            dates,
            slug,
            prop::bool::weighted(0.1),
            body(),
            quoting(),
        ),
    )
        .prop_map(
            |((markdown, number, title, when, place), (tags, milestones, start, slug, draft, body, quoting))| {
                Activity { markdown, number, title, when, place, tags, milestones, start, slug, draft, body, quoting }
            },
        )
}

impl Activity {
    fn file(&self) -> String {
        let q = |t: &str| toml_string(t, self.quoting);
        let mut toml = String::new();
        if let Some(n) = self.number {
            writeln!(toml, "number = {n}").unwrap();
        }
        writeln!(toml, "title = {}\nwhen = {}", q(&self.title), q(&self.when)).unwrap();
        if let Some(p) = &self.place {
            writeln!(toml, "where = {}", q(p)).unwrap();
        }
        let tags: Vec<String> = self.tags.iter().map(|t| q(t)).collect();
        writeln!(toml, "tags = [{}]", tags.join(", ")).unwrap();
        let milestones: Vec<String> =
            self.milestones.iter().map(|(w, l)| format!("{{ when = {}, label = {} }}", q(w), q(l))).collect();
        writeln!(toml, "milestones = [{}]", milestones.join(", ")).unwrap();
        if let Some((y, m, d)) = self.start {
            writeln!(toml, "start = {y:04}-{m:02}-{d:02}").unwrap();
        }
        if let Some(s) = &self.slug {
            writeln!(toml, "slug = {}", q(s)).unwrap();
        }
        if self.draft {
            toml.push_str("draft = true\n");
        }
        if self.markdown {
            format!("+++\n{toml}+++\n{}", self.body)
        } else {
            format!("{toml}body = {}\n", toml_string(&self.body, Quoting::Escaped))
        }
    }
}

#[derive(Debug, Clone)]
struct Schedule {
    year: i64,
    title: String,
    organiser: Option<String>,
    note: Option<String>,
    intro: String,
    activities: Vec<Activity>,
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (
        prop_oneof![16 => Just(2023i64), 8 => Just(2024), 1 => Just(999), 1 => Just(10000)],
        line_text(),
        prop::option::of(line_text()),
        prop::option::of(line_text()),
        body(),
        prop::collection::vec(activity(), 1..5),
    )
        .prop_map(|(year, title, organiser, note, intro, activities)| Schedule {
            year,
            title,
            organiser,
            note,
            intro,
            activities,
        })
}

/// Writes the site's files under `root`.
fn write_site(root: &Path, schedules: &[Schedule]) {
    std::fs::write(root.join("almanac.toml"), "title = \"模糊测试\"\n").unwrap();
    std::fs::create_dir(root.join("static")).unwrap();
    std::fs::write(root.join("static/logo.png"), "png").unwrap();
    for (i, s) in schedules.iter().enumerate() {
        let dir = root.join(format!("content/s{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let q = |t: &str| toml_string(t, Quoting::Escaped);
        let mut index = format!("+++\ntitle = {}\nyear = {}\n", q(&s.title), s.year);
        if let Some(o) = &s.organiser {
            writeln!(index, "organiser = {}", q(o)).unwrap();
        }
        if let Some(n) = &s.note {
            writeln!(index, "note = {}", q(n)).unwrap();
        }
        write!(index, "+++\n{}", s.intro).unwrap();
        std::fs::write(dir.join("_index.md"), index).unwrap();
        for (k, a) in s.activities.iter().enumerate() {
            let ext = if a.markdown { "md" } else { "toml" };
            std::fs::write(dir.join(format!("{:02}.{ext}", k + 1)), a.file()).unwrap();
        }
    }
}

/// What a built site may weigh: the theme, static files and the pages every site has (a month page for each month
/// its dates span, up to the reader's ten years: the generated sites reach 630 KB), then a bounded number of
/// bytes for each byte of content (tests/proportional.rs measures about 100). A text repeated per date of a
/// list goes far past both.
const OUTPUT_BASE: usize = 1024 * 1024;
const OUTPUT_PER_INPUT_BYTE: usize = 200;

/// Whole sites: loaded, checked and built in-process. No panic; an accepted site is whole; a refused one says
/// why with at least one error; `check` agrees with `build` on whether there are errors.
#[test]
fn any_site_builds_whole_or_is_refused_with_errors() {
    let (accepted, refused) = (Cell::new(0), Cell::new(0));
    let result = runner(128).run(&prop::collection::vec(schedule(), 1..3), |schedules| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_site(root, &schedules);
        let options = almanac::build::Options { root: root.to_path_buf(), ..Default::default() };
        let report = almanac::build::check(root, false, false);
        match almanac::build::build(&options) {
            Ok(s) => {
                accepted.set(accepted.get() + 1);
                let written = s.pages + s.data_files + s.static_files + usize::from(s.archive) + s.compressed;
                assert_whole_output(&root.join("output"), written);
                // Output proportional to input: no file says a long list (or any text) once per date or month.
                let size = |dir: &Path| common::read_tree(dir).values().map(Vec::len).sum::<usize>();
                let (input, output) = (size(&root.join("content")), size(&root.join("output")));
                prop_assert!(output <= OUTPUT_PER_INPUT_BYTE * input + OUTPUT_BASE, "{input} bytes in, {output} out");
                prop_assert_eq!(report.diagnostics.errors(), 0, "check found errors in a site that builds");
            }
            Err(errors) => {
                refused.set(refused.get() + 1);
                prop_assert!(errors.errors() > 0);
                prop_assert!(!errors.to_string().is_empty());
                prop_assert!(report.diagnostics.errors() > 0, "check found no error in a site that does not build");
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The generator must exercise both sides, or it proves little.
    let (accepted, refused) = (accepted.get(), refused.get());
    assert!(accepted >= 10 && refused >= 10, "accepted {accepted}, refused {refused}");
}

/// `when` texts alone, many more of them: the loader reads each into a range that does not run backwards,
/// or reports an error; never a panic.
#[test]
fn any_when_text_reads_or_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let s = content.join("s");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(s.join("_index.md"), "+++\ntitle = \"s\"\nyear = 2023\n+++\n").unwrap();
    let read = Cell::new(0);
    let result = runner(1000).run(&(when_text(2, 4, 1), quoting()), |(when, quoting)| {
        let file = format!("+++\ntitle = \"a\"\nwhen = {}\n+++\n", toml_string(&when, quoting));
        std::fs::write(s.join("a.md"), file).unwrap();
        match almanac::content::load(&content, false) {
            Ok(schedules) => {
                read.set(read.get() + 1);
                let w = &schedules[0].activities[0].when;
                prop_assert!(w.start <= w.end, "{when:?} reads backwards: {w:?}");
            }
            Err(errors) => prop_assert!(errors.errors() > 0),
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(read.get() >= 150, "only {} of the texts read", read.get());
}

/// File names of activities: short ones, Chinese ones up to what a file system holds (83 characters, 249 bytes, and
/// `.toml`: 254 of the 255 bytes of a name), ASCII ones up to 250 bytes, one name composed (NFC) or decomposed (NFD, as macOS writes it), and any characters a name may have.
fn file_stem() -> impl Strategy<Value = String> {
    let cjk = prop::collection::vec(prop::sample::select(vec!['质', '量', '月', '论', '坛', '标', '准', '评']), 1..=83)
        .prop_map(|c| c.into_iter().collect::<String>());
    prop_oneof![
        8 => "[a-z0-9-]{1,12}",
        3 => cjk,
        1 => (1..=250usize).prop_map(|n| "a".repeat(n)),
        2 => prop::sample::select(vec!["café", "cafe\u{301}", "Ångström", "A\u{30a}ngstro\u{308}m", "한", "\u{1112}\u{1161}\u{11ab}"])
            .prop_map(String::from),
        1 => any::<String>().prop_map(|s| {
            let clean = s.chars().filter(|c| *c != '/' && *c != '\0').collect::<String>();
            let mut out = String::new();
            for c in clean.chars() {
                if out.len() + c.len_utf8() > 200 {
                    break;
                }
                out.push(c);
            }
            if out.is_empty() || out == "." || out == ".." { "x".to_string() } else { out }
        }),
    ]
}

/// How a schedule folder is reached: where it is, or through a symbolic link from elsewhere.
#[derive(Debug, Clone, Copy)]
enum Reach {
    Direct,
    Linked,
}

/// Writes the site as [`write_site`] does, but with each activity's file named `stems[k]` and some schedule
/// folders (and `static/`) kept elsewhere behind links, plus a dangling link and a link loop. Returns the
/// real folders of the linked schedules.
#[cfg(unix)]
fn write_named_site(
    root: &Path,
    schedules: &[(Schedule, Vec<String>, Reach)],
    static_linked: bool,
) -> Vec<std::path::PathBuf> {
    use std::os::unix::fs::symlink;
    let site = root.join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    let plain: Vec<Schedule> = schedules.iter().map(|(s, _, _)| s.clone()).collect();
    write_site(&site, &plain);
    let mut linked = Vec::new();
    for (i, (s, stems, reach)) in schedules.iter().enumerate() {
        let dir = site.join(format!("content/s{i}"));
        for (k, (a, stem)) in s.activities.iter().zip(stems).enumerate() {
            let ext = if a.markdown { "md" } else { "toml" };
            std::fs::rename(dir.join(format!("{:02}.{ext}", k + 1)), dir.join(format!("{stem}.{ext}"))).unwrap();
        }
        // A link inside a schedule to its own folder: the build must not loop.
        symlink("..", dir.join("loop")).unwrap();
        if let Reach::Linked = reach {
            let real = root.join(format!("away/s{i}"));
            std::fs::create_dir_all(real.parent().unwrap()).unwrap();
            std::fs::rename(&dir, &real).unwrap();
            symlink(&real, &dir).unwrap();
            linked.push(real);
        }
    }
    if static_linked {
        let real = root.join("away-static");
        std::fs::rename(site.join("static"), &real).unwrap();
        symlink(&real, site.join("static")).unwrap();
        linked.push(real);
    }
    // A hidden dangling link in content/ is not read.
    symlink(root.join("nowhere"), site.join("content/.gone")).unwrap();
    linked
}

/// Sites with long, decomposed and odd file names and folders behind links: no panic; `check` and `build`
/// agree; an accepted site is whole with every name one a file system holds; and no `--output`, forced, may
/// replace a folder reached through a link.
#[cfg(unix)]
#[test]
fn any_names_and_links_build_whole_or_are_refused_with_errors() {
    let (accepted, refused) = (Cell::new(0), Cell::new(0));
    let site_of = (
        prop::collection::vec(
            (
                schedule(),
                prop::collection::vec(file_stem(), 5),
                prop_oneof![3 => Just(Reach::Direct), 1 => Just(Reach::Linked)],
            ),
            1..3,
        ),
        prop::bool::weighted(0.3),
    );
    let result = runner(48).run(&site_of, |(schedules, static_linked)| {
        let dir = tempfile::tempdir().unwrap();
        let linked = write_named_site(dir.path(), &schedules, static_linked);
        let root = dir.path().join("site");
        for real in &linked {
            let before = common::read_tree(real);
            for output in [real.clone(), real.join("out"), real.parent().unwrap().to_path_buf()] {
                let options = almanac::build::Options {
                    root: root.clone(),
                    output: Some(output.clone()),
                    force: true,
                    ..Default::default()
                };
                prop_assert!(almanac::build::build(&options).is_err(), "{} was replaced", output.display());
            }
            prop_assert!(common::read_tree(real) == before, "{} changed", real.display());
        }
        let report = almanac::build::check(&root, false, false);
        let options = almanac::build::Options { root: root.clone(), ..Default::default() };
        match almanac::build::build(&options) {
            Ok(s) => {
                accepted.set(accepted.get() + 1);
                let written = s.pages + s.data_files + s.static_files + usize::from(s.archive) + s.compressed;
                assert_whole_output(&root.join("output"), written);
                for entry in walkdir::WalkDir::new(root.join("output")) {
                    let entry = entry.unwrap();
                    prop_assert!(entry.file_name().len() <= 255, "{}", entry.path().display());
                }
                prop_assert_eq!(report.diagnostics.errors(), 0, "check found errors in a site that builds");
            }
            Err(errors) => {
                refused.set(refused.get() + 1);
                prop_assert!(errors.errors() > 0);
                prop_assert!(report.diagnostics.errors() > 0, "check found no error in a site that does not build");
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (accepted, refused) = (accepted.get(), refused.get());
    assert!(accepted >= 5 && refused >= 5, "accepted {accepted}, refused {refused}");
}
