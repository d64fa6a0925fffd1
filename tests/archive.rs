//! The offline archive read by a reader almanac did not write: Python's `zipfile` (the `zip` crate's reader
//! checks it in the unit tests and in tests/publish.rs). Python is a tool outside Rust: missing, the test is
//! reported as ignored, and under CI it fails.

mod common;

use std::process::{Command, ExitCode};

use common::*;

/// Lists, tests (CRC and sizes of every member) and reads the archive, printing `name<TAB>size` per file.
const READ: &str = r#"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    assert bad is None, f"bad member: {bad}"
    for info in z.infolist():
        if not info.is_dir():
            print(f"{info.filename}\t{len(z.read(info))}")
"#;

fn python_missing() -> Option<String> {
    match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("python3 is not installed".into()),
    }
}

fn main() -> ExitCode {
    run_trials(vec![tool_trial("pythons_zipfile_reads_the_archive_whole", python_missing(), move || {
        let site = repo_site();
        let output = build(site.path());
        let out = Command::new("python3").args(["-c", READ]).arg(output.join("offline.zip")).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let listed: Vec<(String, usize)> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let (name, size) = l.split_once('\t').unwrap();
                (name.strip_prefix("offline/").unwrap().to_string(), size.parse().unwrap())
            })
            .collect();
        // Every file of the site but the archive and the build's marker, at its size (the pages that offer the
        // archive are its own copies, whose size differs).
        let served = read_tree(&output);
        let expected: Vec<&String> = served.keys().filter(|p| *p != "offline.zip" && *p != MARKER).collect();
        assert_eq!(listed.iter().map(|(n, _)| n).collect::<Vec<_>>(), expected);
        for (name, size) in &listed {
            if !name.ends_with("index.html") {
                assert_eq!(served[name].len(), *size, "{name}");
            }
        }
    })])
}
