//! File and page names: long Chinese names make page names a file system can hold, a name saved composed
//! (NFC) or decomposed (NFD, as macOS writes it) is one name, and `check --strict` fails exactly when `build`
//! would.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const ACTIVITY: &str = "+++\ntitle = \"活动\"\nwhen = \"3月18日\"\n+++\n";

fn cjk(n: usize) -> String {
    "质量月活动评审发布论坛标准".chars().cycle().take(n).collect()
}

fn check_strict(root: &Path) -> Output {
    almanac(&["check", "--strict", "--root", root.to_str().unwrap()], &[("NO_COLOR", "1")])
}

fn build_site(root: &Path) -> Output {
    almanac(&["build", "--root", root.to_str().unwrap()], &[("NO_COLOR", "1")])
}

/// `check --strict` and `build` agree on the site; returns whether it builds, with both outputs.
fn agree(root: &Path) -> (bool, Output, Output) {
    let (check, build) = (check_strict(root), build_site(root));
    assert!(!stderr(&check).contains("panicked") && !stderr(&build).contains("panicked"));
    assert_eq!(
        check.status.success(),
        build.status.success(),
        "check and build disagree:\n--- check\n{}{}\n--- build\n{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check),
        stderr(&build)
    );
    (build.status.success(), check, build)
}

/// Every name in the output fits a file system.
fn assert_names_fit(output: &Path) {
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_str().unwrap();
        assert!(name.len() <= 255, "{} bytes: {name}", name.len());
    }
}

/// An activity file named with 80 Chinese characters (240 bytes, which the file system holds) and a tag of
/// 200: both pages are written, with short names, and check agrees.
#[test]
fn long_chinese_names_make_pages_that_fit() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let long_file = root.join(format!("content/spring/{}.md", cjk(80)));
    std::fs::write(&long_file, ACTIVITY).unwrap();
    let tagged = format!("+++\ntitle = \"标签\"\nwhen = \"3月19日\"\ntags = [\"{}\"]\n+++\n", cjk(200));
    std::fs::write(root.join("content/spring/tagged.md"), tagged).unwrap();
    let (built, _, build) = agree(root);
    assert!(built, "{}", stderr(&build));
    let output = root.join("output");
    assert_names_fit(&output);
    let pages: Vec<String> = std::fs::read_dir(output.join("spring"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("zhi-liang-yue") && n.ends_with(".html"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0].len() <= 100 + ".html".len(), "{}", pages[0]);
    // The same names on the next build: the hash is stable.
    let before = read_tree(&output);
    assert!(build_site(root).status.success());
    assert!(read_tree(&output) == before);
    check_links(&output, None);
}

/// A static file whose name is near the limit, with compressed copies that would pass it: check reports what
/// build reports, naming the file, before anything is written.
#[test]
fn a_name_past_the_limit_fails_check_and_build_alike() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let name = format!("{}.css", "a".repeat(250)); // 254 bytes; its .gz copy would be 257
    std::fs::create_dir(root.join("static")).unwrap();
    std::fs::write(root.join("static").join(&name), "a{}").unwrap();
    let (built, _, _) = agree(root);
    assert!(built, "without compressed copies the name fits");
    std::fs::write(root.join("almanac.toml"), "title = \"测试站点\"\ncompress = true\n").unwrap();
    let before = read_tree(&root.join("output"));
    let (built, check, build) = agree(root);
    assert!(!built);
    for out in [&check, &build] {
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(out));
        assert!(
            said.contains("more than a file system allows (255)") && said.contains(&format!("{name}.gz")),
            "{said}"
        );
    }
    assert!(read_tree(&root.join("output")) == before, "a refused build writes nothing");
}

/// An editor's own `slug` past the bound is refused by check and build alike.
#[test]
fn a_written_slug_past_the_bound_is_an_error() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let text = format!("+++\ntitle = \"x\"\nwhen = \"3月18日\"\nslug = \"{}\"\n+++\n", "a".repeat(101));
    std::fs::write(root.join("content/spring/long.md"), text).unwrap();
    let (built, _, build) = agree(root);
    assert!(!built && stderr(&build).contains("at most 100 bytes"), "{}", stderr(&build));
}

/// `café.md` saved composed and decomposed: one name, so the two files are a collision naming both, and
/// either alone makes the same page.
#[test]
fn composed_and_decomposed_names_are_one_name() {
    let (nfc, nfd) = ("café.md", "cafe\u{301}.md");
    let site = fixture_site("valid-minimal");
    let root = site.path();
    std::fs::write(root.join("content/spring").join(nfc), ACTIVITY).unwrap();
    std::fs::write(root.join("content/spring").join(nfd), ACTIVITY).unwrap();
    let (built, check, build) = agree(root);
    assert!(!built);
    for out in [&check, &build] {
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(out));
        assert!(said.contains(nfc) && said.contains(nfd) && said.contains("spring/caf-e.html"), "{said}");
        assert!(said.contains("the same text saved in two Unicode forms"), "{said}");
    }
    let mut pages = Vec::new();
    for keep in [nfc, nfd] {
        let site = fixture_site("valid-minimal");
        std::fs::write(site.path().join("content/spring").join(keep), ACTIVITY).unwrap();
        let (built, _, build) = agree(site.path());
        assert!(built, "{}", stderr(&build));
        let files = read_tree(&site.path().join("output"));
        pages.push(files.keys().filter(|p| p.contains("caf")).cloned().collect::<Vec<_>>());
    }
    assert_eq!(pages[0], pages[1]);
    assert!(pages[0].contains(&"spring/caf-e.html".to_string()), "{:?}", pages[0]);
}
