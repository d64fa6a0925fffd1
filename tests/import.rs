//! `almanac import`, run as the real binary, and the draft mechanism it relies on.

mod common;

use std::process::Output;

use common::*;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------------------
// The draft mechanism, on a hand-written file.

/// A draft that cannot be read no longer stops the build: it is left out, and `build` and `check` warn about it;
/// `--drafts` (which builds drafts) makes it an error.
#[test]
fn a_draft_that_cannot_be_read_is_a_warning_unless_drafts_are_built() {
    let site = fixture_site("import-site");
    let dir = site.path().join("content/s");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_index.md"), "+++\ntitle = \"日程\"\nyear = 2023\n+++\n").unwrap();
    std::fs::write(dir.join("01-a.md"), "+++\ntitle = \"论坛\"\nwhen = \"9月\"\n+++\n").unwrap();
    std::fs::write(dir.join("02-b.md"), "+++\ntitle = \"交流\"\nwhen = \"13月\"\ndraft = true\n+++\n").unwrap();
    let root = site.path().to_str().unwrap();
    let (output, built) = build_with(site.path(), &[]);
    let warned = stderr(&built);
    assert!(warned.contains("warning: cannot read the date `13月`: month 13 does not exist"), "{warned}");
    assert!(warned.contains("content/s/02-b.md:3:9") && warned.contains("1 warning"), "{warned}");
    assert!(output.join("s/01-a.html").is_file() && !output.join("s/02-b.html").exists());
    let checked = almanac(&["check", "--root", root], &[]);
    assert!(checked.status.success() && stdout(&checked).contains("0 errors, 1 warning"), "{}", stdout(&checked));
    let strict = almanac(&["check", "--root", root, "--strict"], &[]);
    assert_eq!(strict.status.code(), Some(1));
    for command in ["build", "check"] {
        let with_drafts = almanac(&[command, "--root", root, "--drafts"], &[]);
        assert_eq!(with_drafts.status.code(), Some(1), "{command} --drafts");
        assert!(stderr(&with_drafts).contains("error: cannot read the date `13月`"), "{}", stderr(&with_drafts));
    }
}
