//! CSV files: decoded (UTF-8 with or without a byte-order mark, UTF-16 with one, or GB18030, the superset of
//! GBK that Chinese Excel writes for "CSV"), then split into one table. The delimiter is the comma, or the tab
//! or semicolon when the first line has more of them.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::{Block, Cell, ImportError, Table, TableOrigin, TableSize, file_error};
use crate::error::Diagnostics;
use crate::error::TableName;

/// The text of the file and the name of the encoding it was read in.
pub(super) fn decode(path: &Path, bytes: &[u8], label: Option<&str>) -> Result<(String, &'static str), Diagnostics> {
    if let Some(label) = label {
        let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) else {
            return Err(file_error(
                path,
                ImportError::UnknownEncoding { label: label.to_string() },
                "use a name such as utf-8, gb18030, gbk, big5 or utf-16le",
            ));
        };
        let (text, used, errors) = encoding.decode(bytes);
        if errors {
            return Err(file_error(
                path,
                ImportError::NotInEncoding { encoding: used.name() },
                "check --encoding; without it almanac tells UTF-8 from GB18030 (GBK) by itself",
            ));
        }
        return Ok((text.into_owned(), used.name()));
    }
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        let (text, used, errors) = encoding.decode(bytes);
        if !errors {
            return Ok((text.into_owned(), used.name()));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8.name()));
    }
    let (text, errors) = GB18030.decode_without_bom_handling(bytes);
    if errors {
        return Err(file_error(
            path,
            ImportError::NeitherUtf8NorGb18030,
            "save it from Excel as \"CSV UTF-8\", or pass --encoding with its encoding (e.g. --encoding big5)",
        ));
    }
    Ok((text.into_owned(), GB18030.name()))
}

fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.matches(c).count();
    [(b'\t', count('\t')), (b';', count(';'))]
        .into_iter()
        .filter(|(_, n)| *n > count(','))
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| d)
}

pub(super) fn read(path: &Path, bytes: &[u8], label: Option<&str>) -> Result<(Vec<Block>, &'static str), Diagnostics> {
    let (text, encoding) = decode(path, bytes, label)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut width = 0;
    for record in reader.records() {
        let record = record.map_err(|e| {
            file_error(
                path,
                ImportError::DamagedCsv { reason: e.to_string() },
                "save it again from Excel or WPS as CSV",
            )
        })?;
        width = width.max(record.len());
        if rows.len() >= super::MAX_ROWS || width > super::MAX_COLUMNS || (rows.len() + 1) * width > super::MAX_CELLS {
            let size = TableSize::Cells { rows: rows.len() + 1, columns: width };
            return Err(super::too_large(path, TableName::Csv, size));
        }
        rows.push(record.iter().map(|field| Cell::text(&field.split(['\n', '\r']).collect::<Vec<_>>())).collect());
    }
    Ok((vec![Block::Table(Table::new(TableOrigin::Csv, rows))], encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "序号,活动名称,时间地点\n1,质量论坛,\"9月，北京\"\n";

    fn cells(bytes: &[u8], label: Option<&str>) -> (Vec<Vec<String>>, &'static str) {
        let (blocks, enc) = read(Path::new("a.csv"), bytes, label).unwrap();
        let Block::Table(t) = &blocks[0] else { panic!() };
        (t.rows.iter().map(|r| r.iter().map(|c| c.lines.join("|")).collect()).collect(), enc)
    }

    #[test]
    fn reads_every_encoding_excel_writes() {
        let want: Vec<Vec<String>> = [["序号", "活动名称", "时间地点"], ["1", "质量论坛", "9月，北京"]]
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let gbk = GB18030.encode(TEXT).0.into_owned();
        let bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(TEXT.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        for (bytes, label, enc) in [
            (TEXT.as_bytes().to_vec(), None, "UTF-8"),
            (bom, None, "UTF-8"),
            (gbk.clone(), None, "gb18030"),
            (gbk, Some("gbk"), "GBK"),
            (utf16, None, "UTF-16LE"),
        ] {
            assert_eq!(cells(&bytes, label), (want.clone(), enc), "{enc}");
        }
    }

    #[test]
    fn tabs_and_semicolons_delimit_when_they_lead() {
        assert_eq!(delimiter("序号\t活动名称\t时间"), b'\t');
        assert_eq!(delimiter("序号;活动名称;时间"), b';');
        assert_eq!(delimiter("序号,活动名称;时间"), b',');
        let (c, _) = cells("a\tb\n\"x\ny\"\tz\n".as_bytes(), None);
        assert_eq!(c, [vec!["a", "b"], vec!["x|y", "z"]]);
    }

    #[test]
    fn unknown_encodings_and_bad_bytes_are_errors() {
        assert!(decode(Path::new("a.csv"), b"x", Some("klingon")).is_err());
        assert!(decode(Path::new("a.csv"), &[0xFF, 0xFF, 0xFF], None).is_err());
    }
}
