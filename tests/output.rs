//! Where a build writes, run as the real binary on temporary copies: what `--output` may replace, one build at a
//! time, what killed builds leave, and a reader that goes away.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::*;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.env_remove("RAYON_NUM_THREADS").env("NO_COLOR", "1");
    cmd
}

/// `almanac build --root ROOT --output OUTPUT` plus `more`.
fn build_into(root: &Path, output: &Path, more: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()];
    args.extend_from_slice(more);
    almanac(&args, &[("NO_COLOR", "1")])
}

/// The site's own files: everything under `root` but the lock files builds leave beside their output.
fn sources(root: &Path) -> BTreeMap<String, Vec<u8>> {
    read_tree(root).into_iter().filter(|(path, _)| !path.ends_with(".almanac-lock")).collect()
}

/// A copy of the minimal fixture at `TMP/outer/site`, so that even an ancestor of the site is a temporary folder.
fn nested_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = fixture_site("valid-minimal");
    let site = tmp.path().join("outer/site");
    std::fs::create_dir_all(&site).unwrap();
    for name in ["almanac.toml", "content", "themes"] {
        std::fs::rename(tmp.path().join(name), site.join(name)).unwrap();
    }
    std::fs::create_dir(site.join("static")).unwrap();
    std::fs::write(site.join("static/logo.txt"), "logo").unwrap();
    (tmp, site)
}

#[test]
fn an_output_folder_that_would_take_sources_with_it_is_refused_even_when_forced() {
    let (_tmp, site) = nested_site();
    let before = sources(site.parent().unwrap());
    let cases = [
        site.join("content"),
        site.join("content/spring"),
        site.join("content/new"),
        site.join("themes"),
        site.join("themes/default/static"),
        site.join("static"),
        site.join("almanac.toml"),
        site.clone(),
        site.join("."),
        site.join("content/.."),
        site.parent().unwrap().to_path_buf(),
    ];
    for output in &cases {
        for force in [&[][..], &["--force"]] {
            let out = build_into(&site, output, force);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{}: {err}", output.display());
            assert!(err.contains("replacing it would delete the site's sources"), "{}: {err}", output.display());
            assert!(!err.contains("panicked"));
        }
    }
    assert_eq!(sources(site.parent().unwrap()), before, "nothing of the sources changed");
    // Relative paths are resolved the same way.
    let out = bin().args(["build", "--output", "content"]).current_dir(&site).output().unwrap();
    assert!(stderr(&out).contains("is the site's `content`"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn links_are_refused_and_sources_behind_links_are_guarded() {
    let (tmp, site) = nested_site();
    // A link named like an output folder, to a folder of someone else's files.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("output")).unwrap();
    for force in [&[][..], &["--force"]] {
        let out = build_into(&site, &site.join("output"), force);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is a symbolic link"), "{}", stderr(&out));
    }
    assert_eq!(read(&elsewhere.join("keep.txt")), "keep");
    // A link to the sources is the sources.
    std::os::unix::fs::symlink(site.join("content"), site.join("public")).unwrap();
    let out = build_into(&site, &site.join("public"), &["--force"]);
    assert!(stderr(&out).contains("is the site's `content`"), "{}", stderr(&out));
    // Content kept elsewhere through a link is guarded where it is.
    let real = tmp.path().join("real-content");
    std::fs::rename(site.join("content"), &real).unwrap();
    std::os::unix::fs::symlink(&real, site.join("content")).unwrap();
    let out = build_into(&site, &real.join("spring"), &["--force"]);
    assert!(stderr(&out).contains("is the site's `content/spring` (through a link, at "), "{}", stderr(&out));
    assert!(real.join("spring/01-forum.md").is_file());
}

#[test]
fn a_file_is_not_an_output_folder_and_stays() {
    let (_tmp, site) = nested_site();
    let file = site.join("notes.txt");
    std::fs::write(&file, "notes").unwrap();
    for force in [&[][..], &["--force"]] {
        let out = build_into(&site, &file, force);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("the output path is a file, not a folder"), "{}", stderr(&out));
    }
    assert_eq!(read(&file), "notes");
    build(&site); // and later builds still work
}

#[test]
fn a_folder_no_build_wrote_is_replaced_only_with_force() {
    let (_tmp, site) = nested_site();
    let foreign = site.join("public");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.tex"), "years of work").unwrap();
    let out = build_into(&site, &foreign, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no almanac build wrote it") && err.contains("--force"), "{err}");
    assert_eq!(read(&foreign.join("thesis.tex")), "years of work");

    let out = build_into(&site, &foreign, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!foreign.join("thesis.tex").exists() && foreign.join("index.html").is_file());
    assert!(foreign.join(MARKER).is_file());
    // Now it is almanac's: no flag needed.
    let out = build_into(&site, &foreign, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // An empty folder or a new one needs none either.
    let empty = site.join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(build_into(&site, &empty, &[]).status.success());
    assert!(build_into(&site, &site.join("new/deeper"), &[]).status.success());
}

/// The default `output/` keeps working, also when an almanac that wrote no marker built it.
#[test]
fn an_earlier_build_without_the_marker_is_still_almanacs() {
    let (_tmp, site) = nested_site();
    let output = build(&site);
    std::fs::remove_file(output.join(MARKER)).unwrap();
    std::fs::write(output.join("stale.html"), "").unwrap();
    build(&site);
    assert!(output.join(MARKER).is_file() && !output.join("stale.html").exists());
    // Without almanac's data file it is not recognised.
    std::fs::remove_file(output.join(MARKER)).unwrap();
    std::fs::remove_file(output.join("activities.json")).unwrap();
    let out = build_into(&site, &output, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Problems of the output folder are reported with those of the content, in one run.
#[test]
fn output_and_content_errors_come_together() {
    let (_tmp, site) = nested_site();
    std::fs::write(site.join("content/spring/09-bad.md"), "+++\ntitle = \"x\"\nwhen = \"13月\"\n+++\n").unwrap();
    let out = build_into(&site, &site.join("content"), &[]);
    let err = stderr(&out);
    assert!(
        err.contains("month 13") && err.contains("the site's `content`") && err.contains("2 errors found"),
        "{err}"
    );
}

/// Two builds of one site at once: each finishes, and the output is one complete site, the same as a single
/// build's (they used to share one staging folder and leave a mix).
#[test]
fn two_builds_at_once_leave_one_complete_site() {
    let site = fixture_site("valid-links");
    let root = site.path();
    let expected = read_tree(&build(root));
    for round in 0..12 {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                bin()
                    .args(["build", "--root", root.to_str().unwrap()])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for run in runs {
            let out = run.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            assert!(String::from_utf8_lossy(&out.stdout).starts_with("Built "), "round {round}");
        }
        assert!(read_tree(&root.join("output")) == expected, "round {round}: the output differs from a single build");
        let beside: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(beside, [".output.almanac-lock"], "round {round}");
    }
}

/// A build that finds the output folder locked says so and waits.
#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let lock = std::fs::File::create(root.join(".output.almanac-lock")).unwrap();
    lock.lock().unwrap(); // as a running build holds it
    let mut child = bin()
        .args(["build", "--root", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    BufReader::new(child.stderr.as_mut().unwrap()).read_line(&mut said).unwrap();
    assert_eq!(said, format!("Waiting for another build of {} to finish…\n", root.join("output").display()));
    assert!(!root.join("output").exists(), "it waits before writing");
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(root.join("output/index.html").is_file());
}

/// `kill -9` in the middle of a build leaves its staging folder; the next build removes it and says so.
#[test]
fn what_a_killed_build_left_is_removed_and_reported() {
    let site = generated_site(1000);
    let root = site.path();
    let mut child = bin()
        .args(["build", "--root", root.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = loop {
        let found = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(".output.almanac-new-"));
        if let Some(dir) = found.filter(|d| d.join(MARKER).is_file()) {
            break dir;
        }
        assert!(child.try_wait().unwrap().is_none(), "the build ended before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    child.kill().unwrap(); // SIGKILL: no destructor runs
    child.wait().unwrap();
    assert!(staging.is_dir(), "the killed build left its staging folder");

    let (output, run) = build_with(root, &[]);
    let err = stderr(&run);
    assert!(err.contains("note: removed what interrupted builds left behind: "), "{err}");
    assert!(err.contains(staging.file_name().unwrap().to_str().unwrap()), "{err}");
    assert!(!staging.exists() && output.join("index.html").is_file());
    // Said once: the build after that finds nothing to remove.
    let (_, run) = build_with(root, &[]);
    assert!(!stderr(&run).contains("interrupted"), "{}", stderr(&run));
}

/// A site with `n` activities whose dates cannot be read: a long error report.
fn site_with_errors(n: usize) -> tempfile::TempDir {
    let site = fixture_site("valid-minimal");
    for k in 0..n {
        let text = format!("+++\ntitle = \"坏{k}\"\nwhen = \"13月{k}日\"\n+++\n");
        std::fs::write(site.path().join(format!("content/spring/bad-{k:03}.md")), text).unwrap();
    }
    site
}

/// `almanac build 2>&1 | head -1`: the reader goes away after one line. The binary must end quietly with its
/// own exit code (1: the build failed), not panic (101).
#[test]
fn a_reader_that_goes_away_ends_the_program_quietly() {
    let site = site_with_errors(300);
    let root = site.path().to_str().unwrap();
    for _ in 0..5 {
        let (reader, writer) = std::io::pipe().unwrap();
        let mut child =
            bin().args(["build", "--root", root]).stdout(writer.try_clone().unwrap()).stderr(writer).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(reader).read_line(&mut first).unwrap(); // the reader is dropped here
        assert!(first.starts_with("error: "), "{first}");
        assert_eq!(child.wait().unwrap().code(), Some(1));
    }

    // The reader of stdout gone before anything is printed; stderr kept to see that nothing panicked.
    for (args, code) in [(vec!["check", "--root", root], 1), (vec!["build", "--root", root], 1)] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = bin().args(&args).stdout(writer).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}: {}", stderr(&out));
    }
    let good = fixture_site("valid-minimal");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let args = ["build", "--root", good.path().to_str().unwrap()];
    let out = bin().args(args).stdout(writer).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked") && good.path().join("output/index.html").is_file());
}
