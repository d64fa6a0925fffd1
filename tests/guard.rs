//! The output guard against every source folder a build reads, reached directly and through symbolic links:
//! no `--output`, forced or not, may be, lie inside or hold one of them.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The kinds of source folder, relative to the site: schedules, themes and their parts, the site's own
/// templates and static files, and the folders that hold them.
const KINDS: &[&str] = &[
    "content/spring",
    "themes/default",
    "themes/default/templates",
    "themes/default/static",
    "templates",
    "static",
    "content",
    "themes",
];

/// A site at `TMP/site` with every kind of source folder, and its parent folder.
fn full_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = fixture_site("valid-minimal");
    let site = tmp.path().join("site");
    std::fs::create_dir(&site).unwrap();
    for name in ["almanac.toml", "content", "themes"] {
        std::fs::rename(tmp.path().join(name), site.join(name)).unwrap();
    }
    std::fs::create_dir(site.join("static")).unwrap();
    std::fs::write(site.join("static/logo.txt"), "logo").unwrap();
    std::fs::create_dir(site.join("templates")).unwrap();
    std::fs::copy(site.join("themes/default/templates/404.html"), site.join("templates/404.html")).unwrap();
    (tmp, site)
}

/// `almanac build --root ROOT --output OUTPUT --force`.
fn forced(root: &Path, output: &Path) -> std::process::Output {
    let args = ["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap(), "--force"];
    almanac(&args, &[("NO_COLOR", "1")])
}

fn assert_refused(root: &Path, output: &Path, case: &str) {
    let out = forced(root, output);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{case}: {}: {err}", output.display());
    assert!(err.contains("replacing it would delete the site's sources"), "{case}: {}: {err}", output.display());
    assert!(!err.contains("panicked"), "{case}: {err}");
}

/// Each kind of source folder, as it is and moved elsewhere behind a link: `--output` at it, inside it and at
/// its parent is refused with `--force`, and not one byte of anything changes.
#[cfg(unix)]
#[test]
fn every_source_folder_is_guarded_directly_and_through_links() {
    for kind in KINDS {
        for linked in [false, true] {
            let (tmp, site) = full_site();
            let real = if linked {
                // The folder really lives at TMP/away/KIND, and the site reaches it through a link.
                let real = tmp.path().join("away").join(kind.replace('/', "-")).join("real");
                std::fs::create_dir_all(real.parent().unwrap()).unwrap();
                std::fs::rename(site.join(kind), &real).unwrap();
                std::os::unix::fs::symlink(&real, site.join(kind)).unwrap();
                real
            } else {
                site.join(kind)
            };
            let before = read_tree(tmp.path());
            let case = format!("{kind} (linked: {linked})");
            for output in
                [real.clone(), real.join("out"), real.join("sub/deeper"), real.parent().unwrap().to_path_buf()]
            {
                assert_refused(&site, &output, &case);
            }
            // Named through the link as well.
            if linked {
                assert_refused(&site, &site.join(kind).join("out"), &case);
            }
            assert!(read_tree(tmp.path()) == before, "{case}: the sources changed");
            let out = forced(&site, &real);
            assert!(stderr(&out).contains(&format!("the site's `{kind}`")), "{case}: {}", stderr(&out));
        }
    }
}

/// The site's own folder (the one with almanac.toml), also when the build is given a link to it: the output
/// may not be it or hold it (a folder inside it, such as the default `output/`, is the usual place).
#[cfg(unix)]
#[test]
fn the_sites_folder_is_guarded_directly_and_through_a_link() {
    let (tmp, site) = full_site();
    let link = tmp.path().join("link-to-site");
    std::os::unix::fs::symlink(&site, &link).unwrap();
    let before = read_tree(tmp.path());
    for root in [&site, &link] {
        for output in [site.clone(), link.clone(), tmp.path().to_path_buf(), site.join("content/..")] {
            assert_refused(root, &output, "the site's folder");
        }
    }
    assert!(read_tree(tmp.path()) == before, "the sources changed");
}

/// A schedule kept elsewhere through a link, the case that was lost: its files stay, and the message says
/// which schedule and where it really is.
#[cfg(unix)]
#[test]
fn a_linked_schedule_is_not_replaced_by_the_site() {
    let (tmp, site) = full_site();
    let real = tmp.path().join("shared-schedules/spring");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::rename(site.join("content/spring"), &real).unwrap();
    std::os::unix::fs::symlink(&real, site.join("content/spring")).unwrap();
    let files = read_tree(&real);
    let out = forced(&site, &real);
    let err = stderr(&out);
    assert!(read_tree(&real) == files, "the schedule's files were replaced: {err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is the site's `content/spring` (through a link, at ")
            && err.contains("outside every source folder"),
        "{err}"
    );
    // A folder beside it is fine.
    let out = forced(&site, &tmp.path().join("shared-schedules-site"));
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Folders beside the output named like what an interrupted build leaves, but not marked as a build's own,
/// are reported and kept, with or without `--force`: a user's folder, an almanac site, and the site itself.
#[test]
fn cleanup_beside_the_output_keeps_what_no_build_marked() {
    let (tmp, site) = full_site();
    // The site's own folder is named like a leftover of the output `TMP/out`.
    let root = tmp.path().join(".out.almanac-new");
    std::fs::rename(&site, &root).unwrap();
    let theirs = [".out.almanac-old", ".out.almanac-new-1-2", ".out.almanac-old-3-4"].map(|n| tmp.path().join(n));
    for dir in &theirs {
        std::fs::create_dir(dir).unwrap();
        std::fs::write(dir.join("thesis.tex"), "years of work").unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
    }
    let before = read_tree(tmp.path());
    for force in [&[][..], &["--force"]] {
        let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output"];
        let output = tmp.path().join("out");
        args.push(output.to_str().unwrap());
        args.extend_from_slice(force);
        let out = almanac(&args, &[("NO_COLOR", "1")]);
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        for dir in theirs.iter().chain([&root]) {
            assert!(err.contains(&format!("note: left {} alone", dir.display())), "{err}");
        }
        assert!(!err.contains("removed what interrupted builds left"), "{err}");
    }
    let after = read_tree(tmp.path());
    let kept: Vec<_> = before.keys().filter(|k| after.get(*k) != before.get(*k)).collect();
    assert!(kept.is_empty(), "changed or gone: {kept:?}");
}
