//! The writer's zips, read back by the `zip` crate's reader (this module writes the container by hand; the
//! reader was written by others). `tests/archive.rs` reads a built site's archive with Python's `zipfile`.

use std::io::{Cursor, Read};

use super::*;

fn zip_of(files: &[(&str, &[u8])], date: Option<NaiveDate>) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new(), date);
    for (path, bytes) in files {
        writer.add(entry(path, bytes).unwrap()).unwrap();
    }
    let (bytes, size) = writer.finish().unwrap();
    assert_eq!(size, bytes.len() as u64, "finish says the size it wrote");
    bytes
}

#[test]
fn the_zip_holds_every_file_in_one_folder_and_never_varies() {
    let long = "论坛".repeat(5000);
    let files: Vec<(&str, &[u8])> = vec![
        ("2023/a.html", b"<p>a</p>"),
        ("2023/sub/b.ics", b"BEGIN:VCALENDAR"),
        ("index.html", "首页".as_bytes()),
        ("static/style.css", b"body{}"),
        ("标签/论坛.html", long.as_bytes()),
        ("empty.txt", b""),
    ];
    let date = NaiveDate::from_ymd_opt(2023, 8, 15);
    let bytes = zip_of(&files, date);
    assert_eq!(bytes, zip_of(&files, date));
    assert_ne!(bytes, zip_of(&files, None), "the date is in the entries");

    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = archive.file_names().map(String::from).collect();
    assert_eq!(
        names,
        [
            "offline/",
            "offline/2023/",
            "offline/2023/a.html",
            "offline/2023/sub/",
            "offline/2023/sub/b.ics",
            "offline/index.html",
            "offline/static/",
            "offline/static/style.css",
            "offline/标签/",
            "offline/标签/论坛.html",
            "offline/empty.txt",
        ]
    );
    for (path, want) in &files {
        let mut file = archive.by_name(&format!("offline/{path}")).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day(), time.hour()), (2023, 8, 15, 0));
        assert_eq!(file.unix_mode(), Some(0o100644));
        let mut got = Vec::new();
        file.read_to_end(&mut got).unwrap();
        assert_eq!(&got, want, "{path}");
    }
    let folder = archive.by_name("offline/标签/").unwrap();
    assert!(folder.is_dir());
    assert_eq!(folder.unix_mode(), Some(0o040755));
    drop(folder);
    let big = archive.by_name("offline/标签/论坛.html").unwrap();
    assert!(big.compressed_size() * 10 < big.size(), "deflated, not stored");
}

#[test]
fn a_date_outside_what_a_zip_can_say_is_the_epoch() {
    let files: Vec<(&str, &[u8])> = vec![("a.html", b"a")];
    let epoch = zip_of(&files, None);
    assert_eq!(zip_of(&files, NaiveDate::from_ymd_opt(1979, 12, 31)), epoch);
    assert_eq!(zip_of(&files, NaiveDate::from_ymd_opt(2108, 1, 1)), epoch);
    let mut archive = zip::ZipArchive::new(Cursor::new(&epoch)).unwrap();
    let time = archive.by_name("offline/a.html").unwrap().last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1));
}

#[test]
fn the_reused_compressor_starts_afresh_for_each_file() {
    // The same bytes give the same entry whatever the thread compressed before them.
    let first = entry("a", "质量月".repeat(100).as_bytes()).unwrap();
    entry("b", &[7u8; 100_000]).unwrap();
    let again = entry("a", "质量月".repeat(100).as_bytes()).unwrap();
    assert_eq!(first.deflated, again.deflated);
    assert_eq!(first.crc, again.crc);
}

#[test]
fn more_entries_than_a_plain_zip_can_count_take_zip64() {
    let names: Vec<String> = (0..70_000).map(|i| format!("p/{i:05}.html")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let bytes = zip_of(&files, None);
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    assert_eq!(archive.len(), 70_002, "two folders and every file");
    let mut last = String::new();
    archive.by_name("offline/p/69999.html").unwrap().read_to_string(&mut last).unwrap();
    assert_eq!(last, "x");
}

#[test]
fn sizes_in_words() {
    assert_eq!(size_words(0), "1 KB");
    assert_eq!(size_words(1024), "1 KB");
    assert_eq!(size_words(1025), "2 KB");
    assert_eq!(size_words(1024 * 1024 - 1), "1024 KB");
    assert_eq!(size_words(1024 * 1024), "1.0 MB");
    assert_eq!(size_words(1024 * 1024 * 12 / 10 + 1), "1.2 MB");
    assert_eq!(size_words(1024 * 1024 * 1000), "1000.0 MB");
}
