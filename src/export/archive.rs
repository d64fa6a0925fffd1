//! The offline archive: the whole site as one zip, every file inside one folder ([`urls::ARCHIVE_FOLDER`]), so
//! that unpacked anywhere it opens from `index.html` with every link working (they are all relative).
//!
//! The zip's bytes depend on nothing but the site: files come in the layout's order (by path), each folder
//! before its first file; every entry has one fixed time (the content's `updated` date when an editor wrote
//! one, else the zip epoch, 1980-01-01) and fixed permissions; no extra fields, no comment. The pages that
//! offer the archive cannot be inside it as they are served (they name its size); the build puts in their
//! offline copies instead (see `build::Plan`).

use std::collections::BTreeSet;
use std::io::{self, Cursor, Write};

use chrono::{Datelike, NaiveDate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::urls;

/// One file of the archive, compressed on its own so that a build compresses its files in parallel, as each is
/// rendered, and keeps only the compressed bytes: a zip holding just that file, under its final name.
pub struct Entry(Vec<u8>);

/// `bytes` as the archive's file `path` (relative to the site root, `/`-separated), dated `updated`.
pub fn entry(path: &str, bytes: &[u8], updated: Option<NaiveDate>) -> io::Result<Entry> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(format!("{}/{path}", urls::ARCHIVE_FOLDER), file_options(updated)).map_err(io::Error::other)?;
    zip.write_all(bytes)?;
    // Kept until the whole site is rendered: without the room the writer grew into, up to twice the bytes.
    let mut one = zip.finish().map_err(io::Error::other)?.into_inner();
    one.shrink_to_fit();
    Ok(Entry(one))
}

/// The zip of `entries` in the order given (the layout's, by path), each folder an entry of its own before its
/// first file, all under [`urls::ARCHIVE_FOLDER`]. The compressed bytes are copied, not compressed again.
pub fn zip(entries: Vec<Entry>, updated: Option<NaiveDate>) -> io::Result<Vec<u8>> {
    let dir_options = file_options(updated).compression_method(CompressionMethod::Stored).unix_permissions(0o755);
    // The zip is a little smaller than its entries (each holds a directory of its own): room enough at once.
    let room = entries.iter().map(|Entry(one)| one.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(room)));
    let mut folders = BTreeSet::new();
    // Each entry is dropped once copied, so the site is not held twice.
    for Entry(one) in entries {
        let mut source = ZipArchive::new(Cursor::new(&one[..])).map_err(io::Error::other)?;
        let file = source.by_index_raw(0).map_err(io::Error::other)?;
        // Unpacking then gives every folder the same mode, whatever the unzip tool.
        let name = file.name();
        for (at, _) in name.match_indices('/') {
            if folders.insert(name[..=at].to_string()) {
                zip.add_directory(&name[..=at], dir_options).map_err(io::Error::other)?;
            }
        }
        zip.raw_copy_file(file).map_err(io::Error::other)?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

fn file_options(updated: Option<NaiveDate>) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // The fastest level: zlib's default (6) makes the archive about a fifth smaller but costs three times the
        // CPU, which at 10,000 activities is more than rendering the whole site (BENCHMARKS.md).
        .compression_level(Some(1))
        .last_modified_time(updated.and_then(zip_time).unwrap_or_default())
        .unix_permissions(0o644)
}

/// Midnight of `date` as a zip time, which can say only 1980 to 2107.
fn zip_time(date: NaiveDate) -> Option<DateTime> {
    let year = u16::try_from(date.year()).ok()?;
    DateTime::from_date_and_time(year, date.month() as u8, date.day() as u8, 0, 0, 0).ok()
}

/// A size as the page says it: `850 KB`, `1.2 MB` (powers of 1024, as file managers count).
pub fn size_words(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        // One decimal, rounded half up, in whole numbers so no float is involved.
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_zip_holds_every_file_in_one_folder_and_never_varies() {
        let files: Vec<(&str, &[u8])> = vec![
            ("2023/a.html", b"<p>a</p>"),
            ("2023/sub/b.ics", b"BEGIN:VCALENDAR"),
            ("index.html", "首页".as_bytes()),
            ("static/style.css", b"body{}"),
        ];
        let date = NaiveDate::from_ymd_opt(2023, 8, 15);
        let make = |date| {
            let entries: Vec<Entry> = files.iter().map(|(path, bytes)| entry(path, bytes, date).unwrap()).collect();
            zip(entries, date).unwrap()
        };
        let bytes = make(date);
        assert_eq!(bytes, make(date));
        assert_ne!(bytes, make(None), "the date is in the entries");

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
                "offline/static/style.css"
            ]
        );
        let mut index = archive.by_name("offline/index.html").unwrap();
        let time = index.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day(), time.hour()), (2023, 8, 15, 0));
        assert_eq!(index.unix_mode(), Some(0o100644));
        let mut text = String::new();
        index.read_to_string(&mut text).unwrap();
        assert_eq!(text, "首页");
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
}
