//! The offline archive: the whole site as one zip, every file inside one folder ([`urls::ARCHIVE_FOLDER`]), so
//! that unpacked anywhere it opens from `index.html` with every link working (they are all relative).
//!
//! The zip's bytes depend on nothing but the site: files come in the layout's order (by path), each folder
//! before its first file; every entry has one fixed time (the content's `updated` date when an editor wrote
//! one, else the zip epoch, 1980-01-01) and fixed permissions; no extra fields but ZIP64's where sizes need it,
//! no comment. The pages that offer the archive cannot be inside it as they are served (they name its size); the
//! build puts in their offline copies instead (see `build::Plan`).
//!
//! Each file is deflated on its own, on whichever thread rendered it, with that thread's one reused compressor;
//! a [`Writer`] then appends the compressed entries to the file in order and writes the central directory at the
//! end, so the archive is never held whole in memory. The container is written here, not by the `zip` crate,
//! because that crate can only take bytes it compresses itself (or copy them out of another zip): the tests read
//! what this writes with the `zip` crate's reader and with Python's `zipfile`.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use flate2::{Compress, Compression, Crc, FlushCompress, Status};

use crate::urls;

/// One file of the archive, deflated, with what its headers say of it.
pub(crate) struct Entry {
    /// Relative to the site root, `/`-separated.
    path: String,
    crc: u32,
    size: u64,
    deflated: Vec<u8>,
}

thread_local! {
    // One compressor per thread, reset for each file: making one allocates its window and tables, which for
    // the many small files of a site cost as much as compressing them.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(DEFLATE_LEVEL, false));
}

/// The fastest level: zlib's default (6) makes the archive about a fifth smaller but costs three times the CPU,
/// which at 10,000 activities is more than rendering the whole site (BENCHMARKS.md).
const DEFLATE_LEVEL: Compression = Compression::new(1);

/// `bytes` as the archive's file `path` (relative to the site root, `/`-separated).
pub(crate) fn entry(path: &str, bytes: &[u8]) -> io::Result<Entry> {
    let mut crc = Crc::new();
    crc.update(bytes);
    let deflated = DEFLATE.with(|cell| deflate(&mut cell.borrow_mut(), bytes))?;
    Ok(Entry { path: path.to_string(), crc: crc.sum(), size: bytes.len() as u64, deflated })
}

/// An archive [`Entry`] made from bytes written to it a piece at a time, for a file that is streamed to disk
/// (see [`crate::export::write_to`]): the same deflate level as [`entry`].
pub(crate) struct EntryWriter {
    path: String,
    crc: Crc,
    size: u64,
    deflate: flate2::write::DeflateEncoder<Vec<u8>>,
}

impl EntryWriter {
    pub(crate) fn new(path: &str) -> EntryWriter {
        EntryWriter {
            path: path.to_string(),
            crc: Crc::new(),
            size: 0,
            deflate: flate2::write::DeflateEncoder::new(Vec::new(), DEFLATE_LEVEL),
        }
    }

    pub(crate) fn finish(self) -> io::Result<Entry> {
        let mut deflated = self.deflate.finish()?;
        deflated.shrink_to_fit();
        Ok(Entry { path: self.path, crc: self.crc.sum(), size: self.size, deflated })
    }
}

impl Write for EntryWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.deflate.write_all(bytes)?;
        self.crc.update(bytes);
        self.size += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn deflate(z: &mut Compress, bytes: &[u8]) -> io::Result<Vec<u8>> {
    z.reset();
    // Text deflates to well under half at any level; the loop grows the room when it does not.
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let read = usize::try_from(z.total_in()).map_err(io::Error::other)?;
        match z.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish).map_err(io::Error::other)? {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
        }
    }
    // Kept until the writer reaches it: without the room the compressor was given.
    out.shrink_to_fit();
    Ok(out)
}

/// Writes a zip to `out` entry by entry, in the order given, each folder an entry of its own before its first
/// file, all under [`urls::ARCHIVE_FOLDER`].
pub(crate) struct Writer<W: Write> {
    out: W,
    /// Bytes written so far: where the next local header starts.
    offset: u64,
    central: Vec<u8>,
    entries: u64,
    folders: BTreeSet<String>,
    date: u16,
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const LOCATOR64: u32 = 0x0706_4b50;
/// General purpose flag bit 11: the name is UTF-8 (a site's paths may be Chinese).
const UTF8: u16 = 1 << 11;
/// Made by Unix (3), so that unzip tools honour the modes in the external attributes; spec version 4.5.
const MADE_BY: u16 = (3 << 8) | 45;
const FILE_MODE: u32 = 0o100_644;
/// A folder, with the MS-DOS directory bit as well.
const FOLDER_MODE: u32 = 0o040_755;
const MSDOS_FOLDER: u32 = 0x10;

impl<W: Write> Writer<W> {
    /// A zip whose every entry is dated `updated` (midnight), or the zip epoch.
    pub(crate) fn new(out: W, updated: Option<NaiveDate>) -> Writer<W> {
        let date = updated.and_then(dos_date).unwrap_or(DOS_EPOCH);
        Writer { out, offset: 0, central: Vec::new(), entries: 0, folders: BTreeSet::new(), date }
    }

    /// Appends `entry`, and before it each of its folders not yet in the zip.
    pub(crate) fn add(&mut self, entry: Entry) -> io::Result<()> {
        let name = format!("{}/{}", urls::ARCHIVE_FOLDER, entry.path);
        for (at, _) in name.match_indices('/') {
            if !self.folders.contains(&name[..=at]) {
                self.folders.insert(name[..=at].to_string());
                self.record(&name[..=at], Method::Stored, 0, 0, &[], (FOLDER_MODE << 16) | MSDOS_FOLDER)?;
            }
        }
        self.record(&name, Method::Deflated, entry.crc, entry.size, &entry.deflated, FILE_MODE << 16)
    }

    /// Writes the central directory and the end records; returns the output and the zip's size in bytes.
    pub(crate) fn finish(mut self) -> io::Result<(W, u64)> {
        let start = self.offset;
        let size = self.central.len() as u64;
        self.out.write_all(&self.central)?;
        let mut end = Vec::with_capacity(98);
        let zip64 = self.entries >= u64::from(u16::MAX) || start >= u64::from(u32::MAX) || size >= u64::from(u32::MAX);
        if zip64 {
            let at = start + size;
            put32(&mut end, END64);
            put64(&mut end, 44); // the size of the rest of this record
            put16(&mut end, MADE_BY);
            put16(&mut end, 45);
            put32(&mut end, 0);
            put32(&mut end, 0);
            put64(&mut end, self.entries);
            put64(&mut end, self.entries);
            put64(&mut end, size);
            put64(&mut end, start);
            put32(&mut end, LOCATOR64);
            put32(&mut end, 0);
            put64(&mut end, at);
            put32(&mut end, 1);
        }
        put32(&mut end, END);
        put16(&mut end, 0);
        put16(&mut end, 0);
        // Past what the plain record can count, it says 0xFFFF and the ZIP64 record the number.
        let count = u16::try_from(self.entries).unwrap_or(u16::MAX);
        put16(&mut end, count);
        put16(&mut end, count);
        put32(&mut end, clamp32(size));
        put32(&mut end, clamp32(start));
        put16(&mut end, 0);
        self.out.write_all(&end)?;
        self.out.flush()?;
        Ok((self.out, start + size + end.len() as u64))
    }

    fn record(&mut self, name: &str, method: Method, crc: u32, size: u64, data: &[u8], mode: u32) -> io::Result<()> {
        let packed = data.len() as u64;
        let big = size >= u64::from(u32::MAX) || packed >= u64::from(u32::MAX);
        let far = self.offset >= u64::from(u32::MAX);
        let needs = if big || far { 45 } else { 20 };
        let flags = if name.is_ascii() { 0 } else { UTF8 };
        let name_len = u16::try_from(name.len()).map_err(|_| io::Error::other(format!("name too long: {name}")))?;

        // The local header: sizes in ZIP64's extra field when they do not fit.
        let local_extra = if big { zip64_extra(&[size, packed]) } else { Vec::new() };
        let mut head = Vec::with_capacity(30 + name.len() + local_extra.len());
        put32(&mut head, LOCAL);
        put16(&mut head, needs);
        put16(&mut head, flags);
        put16(&mut head, method as u16);
        put16(&mut head, 0); // midnight
        put16(&mut head, self.date);
        put32(&mut head, crc);
        put32(&mut head, if big { u32::MAX } else { clamp32(packed) });
        put32(&mut head, if big { u32::MAX } else { clamp32(size) });
        put16(&mut head, name_len);
        put16(&mut head, len16(&local_extra)?);
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(&local_extra);

        // Its line in the central directory, written at the end.
        let mut values = Vec::new();
        if big {
            values.extend([size, packed]);
        }
        if far {
            values.push(self.offset);
        }
        let extra = if values.is_empty() { Vec::new() } else { zip64_extra(&values) };
        let c = &mut self.central;
        put32(c, CENTRAL);
        put16(c, MADE_BY);
        put16(c, needs);
        put16(c, flags);
        put16(c, method as u16);
        put16(c, 0);
        put16(c, self.date);
        put32(c, crc);
        put32(c, if big { u32::MAX } else { clamp32(packed) });
        put32(c, if big { u32::MAX } else { clamp32(size) });
        put16(c, name_len);
        put16(c, len16(&extra)?);
        put16(c, 0); // comment
        put16(c, 0); // disk
        put16(c, 0); // internal attributes
        put32(c, mode);
        put32(c, if far { u32::MAX } else { clamp32(self.offset) });
        c.extend_from_slice(name.as_bytes());
        c.extend_from_slice(&extra);

        self.out.write_all(&head)?;
        self.out.write_all(data)?;
        self.offset += head.len() as u64 + packed;
        self.entries += 1;
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Method {
    Stored = 0,
    Deflated = 8,
}

/// ZIP64's extended information field (header ID 1) with `values` in the order the format gives them.
fn zip64_extra(values: &[u64]) -> Vec<u8> {
    let mut extra = Vec::with_capacity(4 + 8 * values.len());
    put16(&mut extra, 1);
    put16(&mut extra, (8 * values.len()) as u16);
    values.iter().for_each(|&v| put64(&mut extra, v));
    extra
}

fn len16(bytes: &[u8]) -> io::Result<u16> {
    u16::try_from(bytes.len()).map_err(io::Error::other)
}

fn clamp32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// 1980-01-01, the first day a zip can say.
const DOS_EPOCH: u16 = (1 << 5) | 1;

/// `date` as a zip (MS-DOS) date, which can say only 1980 to 2107.
fn dos_date(date: NaiveDate) -> Option<u16> {
    let years = u16::try_from(date.year() - 1980).ok().filter(|&y| y <= 127)?;
    Some((years << 9) | ((date.month() as u16) << 5) | date.day() as u16)
}

/// A size as the page says it: `850 KB`, `1.2 MB` (powers of 1024, as file managers count).
pub(crate) fn size_words(bytes: usize) -> String {
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
mod tests;
