//! What a build publishes besides the site's pages: the offline archive (a zip of the whole site), the
//! compressed copies of its text files, and the footer line that says what a copy was built from.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;

use common::*;

/// The offline archive's files, by path inside its folder, and the folder's name.
fn unzip(zip: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("offline.zip is a zip");
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let rel = name.strip_prefix("offline/").unwrap_or_else(|| panic!("{name} is outside the archive's folder"));
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        files.insert(rel.to_string(), bytes);
    }
    files
}

/// Unpacks `zip` into `dir` with the zip crate's own extraction (which refuses paths that climb out).
fn extract(zip: &[u8], dir: &Path) {
    zip::ZipArchive::new(Cursor::new(zip)).unwrap().extract(dir).unwrap();
}

#[test]
fn the_offline_archive_holds_the_whole_site_and_opens_from_any_folder() {
    let site = repo_site();
    let output = build(site.path());
    let zip = std::fs::read(output.join("offline.zip")).expect("the build writes offline.zip");
    let inside = unzip(&zip);
    let served = read_tree(&output);

    // Every file of the site is inside, byte for byte, but the archive itself and the marker; the pages that
    // offer the archive are the archive's own copies.
    let offering = ["index.html", "2023-quality-month/index.html"];
    let expected: Vec<&String> = served.keys().filter(|p| *p != "offline.zip" && *p != MARKER).collect();
    assert_eq!(inside.keys().collect::<Vec<_>>(), expected);
    for (path, bytes) in &inside {
        if offering.contains(&path.as_str()) {
            continue;
        }
        assert!(&served[path] == bytes, "{path} differs inside the archive");
    }
    let size = zip.len();
    let words = if size < 1024 * 1024 {
        format!("{} KB", size.div_ceil(1024))
    } else {
        format!(
            "{}.{} MB",
            (size * 10 + 512 * 1024) / (1024 * 1024) / 10,
            (size * 10 + 512 * 1024) / (1024 * 1024) % 10
        )
    };
    for page in offering {
        let online = html_text(&read(&output.join(page)));
        assert!(online.contains(&format!("下载离线版（ZIP，{words}）")), "{page} names the archive's size:\n{online}");
        let offline = String::from_utf8(inside[page].clone()).unwrap();
        assert!(!offline.contains("offline.zip"), "the archive's {page} does not link the archive");
        assert!(html_text(&offline).contains("这是本站的离线版"), "the archive's {page} says what it is");
    }

    // Unpacked anywhere, it opens from index.html and every link works.
    let elsewhere = tempfile::tempdir().unwrap();
    extract(&zip, elsewhere.path());
    let root = elsewhere.path().join("offline");
    assert!(root.join("index.html").is_file());
    assert!(check_links(&root, None) > 500);
    assert!(!root.join(MARKER).exists(), "the marker of the output folder is not part of the site");
}

#[test]
fn with_a_base_url_the_offline_copy_points_to_the_site_online() {
    let site = repo_site();
    let (output, _) = build_with(site.path(), &["--base-url", "https://example.org/calendar/"]);
    let inside = unzip(&std::fs::read(output.join("offline.zip")).unwrap());
    let home = String::from_utf8(inside["2023-quality-month/index.html"].clone()).unwrap();
    assert!(home.contains("在线版：<a href=\"https://example.org/calendar/2023-quality-month/index.html\">"), "{home}");
}

#[test]
fn archive_false_writes_no_archive_and_offers_none() {
    let site = fixture_site("valid-minimal");
    let config = site.path().join("almanac.toml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}archive = false\n")).unwrap();
    let (output, run) = build_with(site.path(), &[]);
    assert!(!String::from_utf8_lossy(&run.stdout).contains("archive"));
    assert!(!output.join("offline.zip").exists());
    for page in ["index.html", "spring/index.html"] {
        assert!(!read(&output.join(page)).contains("离线版"), "{page}");
    }
    assert_whole(site.path());
}

#[test]
fn compressed_copies_decode_to_their_files_and_never_vary() {
    let site = fixture_site("valid-links");
    let (output, run) = build_with(site.path(), &["--compress"]);
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    let files = read_tree(&output);
    assert_eq!(files.len() - 1, files_said(&said), "{said}");
    let mut copies = 0;
    for (path, bytes) in &files {
        let text = [".html", ".css", ".js", ".xml", ".json", ".csv", ".ics"].iter().any(|e| path.ends_with(e));
        if !text {
            assert!(!path.ends_with(".gz.gz") && !path.ends_with(".png.gz"), "{path}");
            continue;
        }
        let gz = &files[&format!("{path}.gz")];
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert!(&back == bytes, "{path}.gz");
        let br = &files[&format!("{path}.br")];
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut back).unwrap();
        assert!(&back == bytes, "{path}.br");
        copies += 2;
    }
    assert!(copies > 20 && said.contains(&format!("{copies} compressed copies")), "{copies}: {said}");
    assert!(!files.contains_key("offline.zip.gz"), "a zip is compressed already");
    // The archive is the site, not its compressed copies.
    let inside = unzip(&files["offline.zip"]);
    assert!(inside.keys().all(|p| !p.ends_with(".gz") && !p.ends_with(".br")));

    // The same bytes on every run, and with compress = true in almanac.toml instead of the flag.
    let again = site.path().join("again");
    let config = site.path().join("almanac.toml");
    std::fs::write(&config, format!("{}compress = true\n", read(&config))).unwrap();
    let out = almanac(
        &["build", "--root", site.path().to_str().unwrap(), "--output", again.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read_tree(&again) == files, "a second build differs");
}

#[test]
fn a_static_file_where_a_compressed_copy_goes_is_an_error_naming_both() {
    let site = fixture_site("valid-minimal");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/style.css.gz"), b"\x1f\x8b").unwrap();
    build(site.path()); // without compression it is a file like any other
    let out = almanac(&["build", "--compress", "--root", site.path().to_str().unwrap()], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("static/style.css.gz")
            && err.contains("the static file style.css.gz")
            && err.contains("the gzip copy of static/style.css"),
        "{err}"
    );
}

#[test]
fn the_footer_says_what_the_site_was_built_from_never_when() {
    let site = fixture_site("valid-minimal");
    let output = build(site.path());
    let version = env!("CARGO_PKG_VERSION");
    let footer = html_text(&read(&output.join("spring/01-forum.html")));
    assert!(footer.contains(&format!("内容未注明更新日期 · 由 almanac {version} 生成")), "{footer}");

    // The latest `updated` an editor wrote, of a schedule or an activity.
    let index = site.path().join("content/spring/_index.md");
    std::fs::write(&index, read(&index).replacen("+++\n", "+++\nupdated = 2024-02-20\n", 1)).unwrap();
    let forum = site.path().join("content/spring/01-forum.md");
    std::fs::write(&forum, read(&forum).replacen("+++\n", "+++\nupdated = 2024-03-01\n", 1)).unwrap();
    let output = build(site.path());
    for page in ["index.html", "spring/02-review.html", "months/2024-03.html", "tags/index.html"] {
        let html = read(&output.join(page));
        assert!(
            html.contains(&format!(
                "内容更新于 <time datetime=\"2024-03-01\">2024年3月1日</time> · 由 almanac {version} 生成"
            )),
            "{page}"
        );
    }
    // Entries of the archive carry the same date.
    let zip = std::fs::read(output.join("offline.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(&zip)).unwrap();
    let time = archive.by_name("offline/index.html").unwrap().last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (2024, 3, 1));
}
