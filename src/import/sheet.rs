//! Workbooks (.xlsx, .xlsb, .xls, .ods) through `calamine`: each worksheet as one table.
//!
//! A cell's value is taken as Excel stores it: text verbatim (Alt+Enter breaks start new lines), whole numbers
//! without a decimal point (序号 1, not 1.0), and a cell formatted as a date as its ISO date (2023-09-18), which
//! the date reader reads at day precision. Merged regions (.xlsx and .xls) are resolved as in Word: the text
//! stays in the region's first column, and repeats down the rows the region covers.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataType, Dimensions, Ods, Reader, Xls, Xlsb, Xlsx, XlsxError, open_workbook_from_rs};

use super::format::{Format, password};
use super::{Block, Cell, ImportError, MAX_CELLS, Table, TableOrigin, TableSize, file_error, too_large};
use crate::error::{Diagnostics, TableName};

/// A worksheet's non-empty cells, each with its 0-based (row, column): a sheet is read cell by cell, never as
/// the rectangle its file declares (one cell at XFD1048576 declares 17 billion).
type Sparse = Vec<((u32, u32), Data)>;

/// Every worksheet, or only `only`, as tables in workbook order.
pub(super) fn read(path: &Path, bytes: Vec<u8>, format: Format, only: Option<&str>) -> Result<Vec<Block>, Diagnostics> {
    let damaged = |e: String| {
        if e.contains("password") || e.contains("Password") {
            return password(path);
        }
        file_error(
            path,
            ImportError::UnreadableWorkbook { reason: e },
            "open it in Excel or WPS, save it again as .xlsx, and import the new file",
        )
    };
    let cursor = Cursor::new(bytes);
    let mut book = match format {
        Format::Xlsx => {
            Book::Xlsx(open_workbook_from_rs(cursor).map_err(|e: calamine::XlsxError| damaged(e.to_string()))?)
        }
        Format::Xlsb => {
            Book::Xlsb(open_workbook_from_rs(cursor).map_err(|e: calamine::XlsbError| damaged(e.to_string()))?)
        }
        Format::Xls => {
            Book::Xls(open_workbook_from_rs(cursor).map_err(|e: calamine::XlsError| damaged(e.to_string()))?)
        }
        Format::Ods => {
            Book::Ods(open_workbook_from_rs(cursor).map_err(|e: calamine::OdsError| damaged(e.to_string()))?)
        }
        Format::Docx | Format::Csv => return Ok(Vec::new()),
    };
    let names = book.sheet_names();
    if let Some(name) = only
        && !names.iter().any(|n| n == name)
    {
        return Err(file_error(
            path,
            ImportError::NoSuchSheet { name: name.to_string() },
            format!("its sheets are: {}", names.join(", ")),
        ));
    }
    let mut blocks = Vec::new();
    for name in names.iter().filter(|n| only.is_none_or(|o| o == n.as_str())) {
        let cells = book.cells(name).map_err(damaged)?;
        let Some(cells) = cells else {
            return Err(too_large(path, TableName::Sheet(name.clone()), TableSize::MoreCells));
        };
        let merges = book.merges(name);
        blocks.push(Block::Table(table(path, name, &cells, &merges)?));
    }
    Ok(blocks)
}

enum Book {
    Xlsx(Xlsx<Cursor<Vec<u8>>>),
    Xlsb(Xlsb<Cursor<Vec<u8>>>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
}

impl Book {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// The sheet's non-empty cells; None past [`MAX_CELLS`]. Excel's formats (.xlsx, .xlsb) are read with
    /// calamine's cell readers, which never build the declared rectangle; .xls and .ods are read whole by
    /// calamine as it opens them, and their cells taken from that.
    fn cells(&mut self, name: &str) -> Result<Option<Sparse>, String> {
        let mut out = Sparse::new();
        let mut keep = |pos: (u32, u32), value: Data| {
            // A blank string (a cell once typed in and cleared, a space) holds no text and must not stretch
            // the table: with one at A1 and one at XFD1048576 the sheet would be its whole rectangle.
            let blank = match &value {
                Data::String(s) => s.trim().is_empty(),
                v => v.is_empty(),
            };
            if !blank {
                out.push((pos, value));
            }
            out.len() <= MAX_CELLS
        };
        let complete = match self {
            Book::Xlsx(b) => {
                let mut reader = match b.worksheet_cells_reader(name) {
                    Ok(r) => r,
                    // A chart sheet: no cells.
                    Err(XlsxError::NotAWorksheet(_)) => return Ok(Some(out)),
                    Err(e) => return Err(e.to_string()),
                };
                each_cell(|| reader.next_cell().map_err(|e| e.to_string()), &mut keep)?
            }
            Book::Xlsb(b) => {
                let mut reader = b.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                each_cell(|| reader.next_cell().map_err(|e| e.to_string()), &mut keep)?
            }
            Book::Xls(_) | Book::Ods(_) => {
                let range = match self {
                    Book::Xls(b) => b.worksheet_range(name).map_err(|e| e.to_string())?,
                    Book::Ods(b) => b.worksheet_range(name).map_err(|e| e.to_string())?,
                    _ => return Ok(Some(out)),
                };
                let (r0, c0) = range.start().unwrap_or_default();
                range.used_cells().all(|(r, c, v)| keep((r0 + r as u32, c0 + c as u32), v.clone()))
            }
        };
        Ok(complete.then_some(out))
    }

    /// Merged regions, where the format records them; an unreadable list is no merges.
    fn merges(&mut self, name: &str) -> Vec<Dimensions> {
        match self {
            Book::Xlsx(b) => b.worksheet_merge_cells(name).and_then(Result::ok).unwrap_or_default(),
            Book::Xls(b) => b.worksheet_merge_cells(name).unwrap_or_default(),
            Book::Xlsb(_) | Book::Ods(_) => Vec::new(),
        }
    }
}

/// A cell's value as text.
pub(super) fn text(value: &Data) -> String {
    match value {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // A time of day alone is a serial under 1 (a fraction of a day): `13:30`, not 1899-12-31.
        Data::DateTime(dt) if dt.is_datetime() && (0.0..1.0).contains(&dt.as_f64()) => {
            let (_, _, _, h, min, _, _) = dt.to_ymd_hms_milli();
            format!("{h:02}:{min:02}")
        }
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}")
            }
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The sheet as a table over the rows and columns its cells use, refused past the import's limits.
fn table(path: &Path, name: &str, cells: &Sparse, merges: &[Dimensions]) -> Result<Table, Diagnostics> {
    let rows_used = || cells.iter().map(|((r, _), _)| *r as usize);
    let cols_used = || cells.iter().map(|((_, c), _)| *c as usize);
    let (first_row, first_col) = (rows_used().min().unwrap_or(0), cols_used().min().unwrap_or(0));
    let height = rows_used().max().map_or(0, |last| last - first_row + 1);
    let width = cols_used().max().map_or(0, |last| last - first_col + 1);
    super::check_size(path, TableName::Sheet(name.to_string()), height, width)?;
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell { span: 1, ..Cell::default() }; width]; height];
    for ((r, c), value) in cells {
        let t = text(value);
        rows[*r as usize - first_row][*c as usize - first_col] = Cell::text(&t.split(['\n', '\r']).collect::<Vec<_>>());
    }
    for m in merges {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
        if r0 < first_row || c0 < first_col || r1 < r0 || c1 < c0 {
            continue;
        }
        let (r0, r1, c0, c1) = (r0 - first_row, r1 - first_row, c0 - first_col, c1 - first_col);
        let Some(top) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.lines.clone()) else { continue };
        for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
                *cell = match (r == r0, c == c0) {
                    (true, true) => Cell { span: c1 - c0 + 1, ..cell.clone() },
                    (false, true) => Cell { lines: top.clone(), span: c1 - c0 + 1, merged: true },
                    _ => Cell::default(),
                };
            }
        }
    }
    Ok(Table::new(TableOrigin::Sheet { name: name.to_string(), first_row, first_col }, rows))
}

/// Feeds the cells `next` yields to `keep` until one is refused (false) or none is left (true): the loop
/// shared by the .xlsx and .xlsb cell readers, which have no common trait.
fn each_cell<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, String>,
    keep: &mut impl FnMut((u32, u32), Data) -> bool,
) -> Result<bool, String> {
    while let Some(c) = next()? {
        if !keep(c.get_position(), c.get_value().clone().into()) {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_published() {
        assert_eq!(text(&Data::Float(1.0)), "1");
        assert_eq!(text(&Data::Float(1.5)), "1.5");
        assert_eq!(text(&Data::Int(24)), "24");
        assert_eq!(text(&Data::String(" 9月下旬 ".into())), " 9月下旬 ");
        let day = calamine::ExcelDateTime::new(45187.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(day)), "2023-09-18");
        let at = calamine::ExcelDateTime::new(45187.5625, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(at)), "2023-09-18 13:30");
        let clock = calamine::ExcelDateTime::new(0.5625, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(clock)), "13:30");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn merged_regions_repeat_down_and_cover_across() {
        let s = |t: &str| Data::String(t.into());
        let cells = vec![((1, 0), s("一、评价")), ((2, 2), s("9月")), ((2, 1), s("甲")), ((3, 1), s("乙"))];
        let merges = [Dimensions::new((1, 0), (1, 2)), Dimensions::new((2, 2), (3, 2))];
        let t = table(Path::new("a.xlsx"), "S", &cells, &merges).unwrap();
        let cells: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| c.lines.join("|")).collect()).collect();
        assert_eq!(cells, [vec!["一、评价", "", ""], vec!["", "甲", "9月"], vec!["", "乙", "9月"]]);
        assert_eq!((t.rows[0][0].span, t.rows[0][1].span), (3, 0));
        assert!(t.rows[2][2].merged);
        assert_eq!(t.origin.at(2, Some(2)).to_string(), "sheet S, cell C4");
    }

    fn xlsx(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, c, t) in cells {
            sheet.write_string(*r, *c, *t).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    /// One cell at XFD1048576, the last cell Excel has, declares a sheet of 17 billion cells: it is read as
    /// the one cell it is (this aborted with a 512 GB allocation when sheets were read as their rectangle).
    #[test]
    fn a_far_cell_is_one_cell_not_its_rectangle() {
        let cells = [(0, 0, " "), (5, 3, ""), (1_048_575, 16_383, "活动名称")];
        let blocks = read(Path::new("a.xlsx"), xlsx(&cells), Format::Xlsx, None).unwrap();
        let [Block::Table(t)] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.origin.at(0, Some(0)).to_string(), "sheet Sheet1, cell XFD1048576");
        // Cells at both corners do span the whole sheet: refused with the limits, nothing allocated.
        let both = xlsx(&[(0, 0, "序号"), (1_048_575, 16_383, "x")]);
        let e = read(Path::new("a.xlsx"), both, Format::Xlsx, None).unwrap_err().to_string();
        assert!(e.contains("1048576 rows and 16384 columns, more than almanac imports"), "{e}");
    }
}
