//! Workbooks (.xlsx, .xlsb, .xls, .ods) through `calamine`: each worksheet as one table.
//!
//! A cell's value is taken as Excel stores it: text verbatim (Alt+Enter breaks start new lines), whole numbers
//! without a decimal point (序号 1, not 1.0), and a cell formatted as a date as its ISO date (2023-09-18), which
//! the date reader reads at day precision. Merged regions (.xlsx and .xls) are resolved as in Word: the text
//! stays in the region's first column, and repeats down the rows the region covers.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsb, Xlsx, open_workbook_from_rs};

use super::format::{Format, password};
use super::{Block, Cell, Origin, Table, file_error};
use crate::error::Diagnostics;

/// A sheet larger than this many cells is refused: a schedule has a few hundred.
const MAX_CELLS: usize = 2_000_000;

/// Every worksheet, or only `only`, as tables in workbook order.
pub fn read(path: &Path, bytes: Vec<u8>, format: Format, only: Option<&str>) -> Result<Vec<Block>, Diagnostics> {
    let damaged = |e: String| {
        if e.contains("password") || e.contains("Password") {
            return password(path);
        }
        file_error(
            path,
            format!("the workbook cannot be read: {e}"),
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
            format!("the workbook has no sheet named `{name}`"),
            format!("its sheets are: {}", names.join(", ")),
        ));
    }
    let mut blocks = Vec::new();
    for name in names.iter().filter(|n| only.is_none_or(|o| o == n.as_str())) {
        let range = book.range(name).map_err(damaged)?;
        let (height, width) = range.get_size();
        if height.saturating_mul(width) > MAX_CELLS {
            return Err(file_error(
                path,
                format!("sheet {name} spans {height} rows and {width} columns, more than almanac reads"),
                "copy the schedule's rows into a new sheet (or pass --sheet NAME for the sheet that holds them)",
            ));
        }
        let merges = book.merges(name);
        blocks.push(Block::Table(table(name, &range, &merges)));
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

    fn range(&mut self, name: &str) -> Result<Range<Data>, String> {
        match self {
            Book::Xlsx(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Xlsb(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Xls(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Ods(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
        }
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
pub fn text(value: &Data) -> String {
    match value {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
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

fn table(name: &str, range: &Range<Data>, merges: &[Dimensions]) -> Table {
    let (first_row, first_col) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<Vec<Cell>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|v| {
                    let t = text(v);
                    Cell::text(&t.split(['\n', '\r']).collect::<Vec<_>>())
                })
                .collect()
        })
        .collect();
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
    Table::new(Origin::Sheet { name: name.to_string(), first_row, first_col }, rows)
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
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn merged_regions_repeat_down_and_cover_across() {
        let mut range = Range::new((1, 0), (3, 2));
        range.set_value((1, 0), Data::String("一、评价".into()));
        range.set_value((2, 2), Data::String("9月".into()));
        range.set_value((2, 1), Data::String("甲".into()));
        range.set_value((3, 1), Data::String("乙".into()));
        let merges = [Dimensions::new((1, 0), (1, 2)), Dimensions::new((2, 2), (3, 2))];
        let t = table("S", &range, &merges);
        let cells: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| c.lines.join("|")).collect()).collect();
        assert_eq!(cells, [vec!["一、评价", "", ""], vec!["", "甲", "9月"], vec!["", "乙", "9月"]]);
        assert_eq!((t.rows[0][0].span, t.rows[0][1].span), (3, 0));
        assert!(t.rows[2][2].merged);
        assert_eq!(t.origin.at(2, Some(2)), "sheet S, cell C4");
    }
}
