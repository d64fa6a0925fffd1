//! Which kind of file this is, told from its first bytes (and its zip entries) rather than its name, and the
//! limits checked before anything is unpacked.

use std::io::{Cursor, Read};
use std::path::Path;

use super::{ImportError, MAX_FILE_BYTES, MAX_PART_BYTES, file_error};
use crate::error::{Diagnostic, Diagnostics, IoOp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Docx,
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
/// An OLE compound file: .doc, .xls, and an encrypted (password-protected) .docx or .xlsx.
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const SAVE_AS: &str = "open it in Word, Excel or WPS and save it as .docx, .xlsx or .csv (UTF-8), then import that";

/// Reads the file, refusing it above [`MAX_FILE_BYTES`] before reading a byte.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let io = |e: std::io::Error| {
        Diagnostics::from(
            Diagnostic::io(IoOp::Read, path, e)
                .with_help("check the file name; almanac import FILE takes a .docx, .xlsx, .xls, .ods or .csv file"),
        )
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(file_error(path, ImportError::Folder, "give the Word, Excel or CSV file itself"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_error(
            path,
            ImportError::FileTooBig { megabytes: meta.len() / (1024 * 1024) },
            "a schedule table is far smaller: save the table alone (without pictures) as .docx, .xlsx or .csv",
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(file_error(path, ImportError::Grew, "try again"));
    }
    Ok(bytes)
}

/// The file's format, from its content; `path` only decides between text formats and names the file in errors.
pub(super) fn sniff(path: &Path, bytes: &[u8]) -> Result<Format, Diagnostics> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return zip_format(path, bytes);
    }
    if bytes.starts_with(CFB) {
        return cfb_format(path, bytes);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("%pdf") {
        return Err(file_error(path, ImportError::Pdf, SAVE_AS));
    }
    if head.starts_with("{\\rtf") {
        return Err(file_error(path, ImportError::Rtf, SAVE_AS));
    }
    if head.starts_with('<') && (head.contains("<html") || head.contains("<?xml") || head.contains("<!doctype")) {
        return Err(file_error(path, ImportError::Html, SAVE_AS));
    }
    match ext.as_str() {
        "csv" | "tsv" | "txt" => Ok(Format::Csv),
        "docx" | "docm" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            Err(file_error(path, ImportError::NotLikeExtension { extension: ext.clone() }, SAVE_AS))
        }
        "doc" => Err(file_error(path, ImportError::NotWord, SAVE_AS)),
        _ => Err(file_error(
            path,
            ImportError::UnknownKind,
            "import a .docx (Word), .xlsx, .xls or .ods (spreadsheet) or .csv file",
        )),
    }
}

fn zip_format(path: &Path, bytes: &[u8]) -> Result<Format, Diagnostics> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(path, &e))?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("xl/workbook.xml") {
        check_parts(path, &mut zip, "xl/")?;
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        check_parts(path, &mut zip, "xl/")?;
        return Ok(Format::Xlsb);
    }
    if has("content.xml") && has("mimetype") {
        let mut mime = String::new();
        if let Ok(f) = zip.by_name("mimetype") {
            let _ = f.take(200).read_to_string(&mut mime);
        }
        if mime.contains("spreadsheet") {
            check_parts(path, &mut zip, "content.xml")?;
            return Ok(Format::Ods);
        }
        return Err(file_error(path, ImportError::OpenDocumentNotSpreadsheet, SAVE_AS));
    }
    Err(file_error(path, ImportError::ZipNotOffice, SAVE_AS))
}

/// A zip archive that cannot be opened or read.
pub(super) fn corrupt(path: &Path, e: &zip::result::ZipError) -> Diagnostics {
    match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") || m.contains("ncrypt") => password(path),
        _ => file_error(
            path,
            ImportError::DamagedZip { reason: e.to_string() },
            "open it in Word, Excel or WPS (which can often repair it), save it again, and import the new file",
        ),
    }
}

pub(super) fn password(path: &Path) -> Diagnostics {
    file_error(
        path,
        ImportError::Encrypted,
        "open it with its password, remove the password (File → Info → Protect → Encrypt with Password, \
         clear it), save, and import that copy",
    )
}

/// Refuses a workbook whose sheets unpack to more than [`MAX_PART_BYTES`] each (a "zip bomb" or a huge sheet),
/// before the spreadsheet reader unpacks them.
fn check_parts(path: &Path, zip: &mut zip::ZipArchive<Cursor<&[u8]>>, prefix: &str) -> Result<(), Diagnostics> {
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else { continue };
        let (name, size) = (file.name().to_string(), file.size());
        if name.starts_with(prefix) && size > MAX_PART_BYTES {
            return Err(file_error(
                path,
                ImportError::PartTooBig { part: name, megabytes: size >> 20 },
                "copy the schedule's rows into a new workbook and import that",
            ));
        }
    }
    Ok(())
}

fn cfb_format(path: &Path, bytes: &[u8]) -> Result<Format, Diagnostics> {
    // Stream names are stored in UTF-16LE in the compound file's directory.
    let has = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(password(path));
    }
    if has("WordDocument") {
        return Err(file_error(
            path,
            ImportError::Word97,
            "open it in Word or WPS and save it as .docx (File → Save As → Word Document), then import that",
        ));
    }
    if has("Workbook") || has("Book") {
        return Ok(Format::Xls);
    }
    Err(file_error(path, ImportError::OfficeNotWorkbook, SAVE_AS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(name: &str, bytes: &[u8]) -> Result<Format, String> {
        sniff(Path::new(name), bytes).map_err(|e| e.to_string())
    }

    #[test]
    fn tells_formats_by_content() {
        assert_eq!(sniffed("a.csv", "序号,活动名称\n".as_bytes()), Ok(Format::Csv));
        assert!(sniffed("a.docx", b"hello").unwrap_err().contains("not a .docx file"));
        assert!(sniffed("a.pdf", b"%PDF-1.7").unwrap_err().contains("PDF"));
        assert!(sniffed("a.doc", b"<html><body>").unwrap_err().contains("HTML"));
        assert!(sniffed("a.bin", b"\x00\x01").unwrap_err().contains("cannot tell"));
        let mut cfb = CFB.to_vec();
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(sniffed("a.docx", &cfb).unwrap_err().contains("password-protected"));
        let mut doc = CFB.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(sniffed("a.doc", &doc).unwrap_err().contains("97–2003"));
    }

    #[test]
    fn a_truncated_zip_is_damaged() {
        let e = sniffed("a.docx", b"PK\x03\x04\x14\x00\x00\x00").unwrap_err();
        assert!(e.contains("damaged"), "{e}");
    }
}
