//! `almanac import`: a schedule as an organisation circulates it (a Word table, a spreadsheet, a CSV file) into a
//! schedule folder, verbatim, with a report of everything it read and everything it could not.
//!
//! The stages, one file each: [`format`](mod@format) (which kind of file, size limits) → [`docx`], [`sheet`] or [`csv`] (the
//! file as [`Block`]s: paragraphs and tables of [`Cell`]s, merged cells resolved) → [`rows`] (the table with an
//! activity-name column, its header recognised by [`columns`], each row into a [`Row`], a 时间地点 cell divided by
//! [`split`]) → [`write`](mod@write) (numbers, slugs and files against the schedule already on disk). [`plan`](fn@plan)
//! (in `plan.rs`) drives them from one [`Options`], writing nothing; [`Plan::write`] writes. The library never
//! prints: [`Plan::table`] and the diagnostics are text for the binary to print.

mod columns;
mod csv;
mod docx;
mod error;
mod format;
mod header;
mod plan;
mod rows;
mod sheet;
mod split;
mod write;
mod year;

pub use error::{ImportError, ImportWarning, TableSize};
pub use plan::{Options, plan};

use std::path::{Path, PathBuf};

use crate::content::dates::When;
use crate::error::{Diagnostic, Diagnostics, Kind, TableCell, TableName, display_width};

/// Files larger than this are refused before they are read: a schedule is a few hundred kilobytes, and a
/// Word file with photographs rarely passes 20 MB.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The largest part of a zip container (the Word document's XML, one worksheet) that is unpacked.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most rows a table may have: a schedule has tens, an exam timetable a few thousand. Every stage after
/// reading is linear in rows, so the bound is about memory and a report a person can read.
pub const MAX_ROWS: usize = 50_000;

/// The most columns a table may have (a schedule has a handful; Word's grid allows 63).
pub const MAX_COLUMNS: usize = 256;

/// The most cells (rows × columns, empty ones included) a table may have.
pub const MAX_CELLS: usize = 2_000_000;

/// The longest cell text, in characters: a schedule's longest cell is a paragraph or two.
pub const MAX_CELL_CHARS: usize = 20_000;

/// A table past the limits above, refused before it is built.
pub fn too_large(path: &Path, table: TableName, size: TableSize) -> Diagnostics {
    file_error(
        path,
        ImportError::TableTooLarge { table, size },
        "copy the schedule's rows into a new file (a sheet, a table), or split it into several imports",
    )
}

/// Refuses a table of `height` rows and `width` columns past the limits, before anything that size is made.
pub fn check_size(path: &Path, table: TableName, height: usize, width: usize) -> Result<(), Diagnostics> {
    if height > MAX_ROWS || width > MAX_COLUMNS || height.saturating_mul(width) > MAX_CELLS {
        return Err(too_large(path, table, TableSize::Cells { rows: height, columns: width }));
    }
    Ok(())
}

/// One cell of a table, as lines of text (a Word cell's paragraphs and line breaks, a spreadsheet cell's
/// Alt+Enter breaks), each trimmed, empty lines left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub lines: Vec<String>,
    /// How many columns the cell covers: 1, more for a horizontally merged cell, 0 for a column covered by a
    /// merged cell to its left.
    pub span: usize,
    /// A copy of the cell above (a vertically merged cell), not text written in this row.
    pub merged: bool,
}

impl Cell {
    pub fn text(lines: &[&str]) -> Cell {
        let lines = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(str::to_string).collect();
        Cell { lines, span: 1, merged: false }
    }

    /// The cell as one line (see [`join_lines`]).
    pub fn joined(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        join_lines(&lines)
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Lines of a cell as one line of text: joined with nothing, except a space between two ASCII words (a Word
/// cell that breaks "Paul" / "Grizzell" over two lines means "Paul Grizzell"; "中国质量" / "大讲堂" means
/// "中国质量大讲堂").
pub fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let ascii_words = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && line.starts_with(|c: char| c.is_ascii_alphanumeric());
        if ascii_words {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Where a table is in its file, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableOrigin {
    /// The Nth table of a Word document (1-based).
    Word { table: usize },
    /// A worksheet; its first row and column (0-based) are where the used range starts.
    Sheet { name: String, first_row: usize, first_col: usize },
    /// A CSV file.
    Csv,
}

impl TableOrigin {
    /// The cell at `row` and `col` (0-based in the table), or the whole row when `col` is `None`, as the
    /// program that wrote the file counts them.
    pub fn at(&self, row: usize, col: Option<usize>) -> TableCell {
        let (first_row, first_col) = match self {
            TableOrigin::Sheet { first_row, first_col, .. } => (*first_row, *first_col),
            TableOrigin::Word { .. } | TableOrigin::Csv => (0, 0),
        };
        TableCell { table: self.name(), row: first_row + row, column: col.map(|c| first_col + c) }
    }

    /// "Word table 1", "sheet 活动", "the CSV table".
    pub fn name(&self) -> TableName {
        match self {
            TableOrigin::Word { table } => TableName::Word(*table),
            TableOrigin::Sheet { name, .. } => TableName::Sheet(name.clone()),
            TableOrigin::Csv => TableName::Csv,
        }
    }
}

/// A table: rows of cells, every row as wide as the widest (short rows are padded with empty cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub origin: TableOrigin,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(origin: TableOrigin, mut rows: Vec<Vec<Cell>>) -> Table {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            row.resize_with(width, || Cell { span: 1, ..Cell::default() });
        }
        Table { origin, rows }
    }
}

/// What a reader finds in a file, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph outside any table, its line breaks as `\n`.
    Paragraph(String),
    Table(Table),
}

/// What a file was read as, for the report: "Word document", "Excel workbook", "CSV (GB18030)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: String,
    pub blocks: Vec<Block>,
}

/// A problem about a cell (or a row) of the table in `path`.
pub fn problem(path: &Path, at: TableCell, kind: impl Into<Kind>) -> Diagnostic {
    Diagnostic::cell(path, at, kind)
}

/// A problem with the whole file, which stops the import.
pub fn file_error(path: &Path, error: ImportError, help: impl Into<String>) -> Diagnostics {
    Diagnostic::file(path, error).with_help(help).into()
}

/// A problem with the command-line argument `name`, which stops the import.
pub fn arg_error(name: &'static str, error: ImportError, help: impl Into<String>) -> Diagnostics {
    Diagnostic::arg(name, error).with_help(help).into()
}

/// One activity read from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where the row is: "Word table 1, row 3".
    pub at: TableCell,
    /// The 序号 as published, "" when the table has none.
    pub number_text: String,
    /// The number it gets: the published 序号, or the next free one. Set by [`write::plan`].
    pub number: Option<u32>,
    pub title: String,
    /// The published time text, verbatim.
    pub when: String,
    pub place: Option<String>,
    /// 主办 and 承办, from their columns.
    pub organiser: Option<String>,
    pub host: Option<String>,
    /// How `when` reads, as `build` reads it; the error's text otherwise.
    pub reading: Result<When, String>,
    /// Markdown: the 主要内容 paragraphs, then 备注 and any extra columns.
    pub body: String,
    pub tags: Vec<String>,
    /// Why the row is written as a draft (an unreadable date, an empty title); empty when it is not.
    pub draft_reasons: Vec<String>,
    /// What happens to it.
    pub action: Action,
}

impl Row {
    pub fn draft(&self) -> bool {
        !self.draft_reasons.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Action {
    /// Not planned yet.
    #[default]
    Undecided,
    /// A new file.
    Create(PathBuf),
    /// The schedule already has an activity with this title: not written.
    Exists(PathBuf),
    /// The schedule already has another activity with this 序号: not written.
    NumberTaken(PathBuf),
}

/// The schedule's `_index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub title: String,
    pub year: i32,
    /// Where the year came from: "--year", "the title", "the existing schedule".
    pub year_from: &'static str,
    /// For a schedule that crosses into the next year (an academic year): its `span`.
    pub span: Option<String>,
    pub note: Option<String>,
    /// Markdown: other paragraphs before and after the table.
    pub intro: String,
    /// Create(path), or Exists(path) when the schedule is already there.
    pub action: Action,
}

/// Everything `import` read and will write; nothing is written until [`Plan::write`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The file read, as given.
    pub source: PathBuf,
    /// "Word document, table 1", "Excel workbook, sheet 活动安排", "CSV file (GB18030)".
    pub read_as: String,
    /// Each column's header and where it goes.
    pub columns: Vec<(String, String)>,
    pub schedule: String,
    pub dir: PathBuf,
    pub index: Index,
    pub rows: Vec<Row>,
    /// Facts worth a line: repeated header rows skipped, section rows made tags, tables not read.
    pub notes: Vec<String>,
    /// Problems of single rows: warnings, since the rows are still written (as drafts) or reported.
    pub problems: Diagnostics,
}

/// What [`Plan::write`] wrote, relative to nothing: the paths as planned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub drafts: usize,
}

impl Plan {
    /// Rows that will be written.
    pub fn new_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| matches!(r.action, Action::Create(_)))
    }

    /// The rows as an aligned table, as `check` prints readings:
    /// `序号  7月-9月（评审阶段） → 2023-07-01 … 2023-09-30 (月)  全国  2023年市场质量信用等级评价`.
    /// The first column marks each row: `+` new, `!` new but a draft, `=` already in the schedule, `×` not added.
    pub fn table(&self) -> String {
        let readings: Vec<String> = self
            .rows
            .iter()
            .map(|r| match &r.reading {
                Ok(w) => format!("{} … {} ({})", w.start, w.end, w.precision().label()),
                Err(_) => "cannot read: written as a draft".to_string(),
            })
            .collect();
        let numbers: Vec<String> =
            self.rows.iter().map(|r| r.number.map_or_else(|| r.number_text.clone(), |n| n.to_string())).collect();
        let places: Vec<&str> = self.rows.iter().map(|r| r.place.as_deref().unwrap_or("—")).collect();
        let w_num = numbers.iter().map(|n| display_width(n)).chain([display_width("序号")]).max().unwrap_or(0);
        let w_when = self.rows.iter().map(|r| display_width(&r.when)).max().unwrap_or(0);
        let w_read = readings.iter().map(|r| display_width(r)).max().unwrap_or(0);
        let w_place = places.iter().map(|p| display_width(p)).chain([display_width("地点")]).max().unwrap_or(0);
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))));
        let mut out = format!(
            "  {}  {}  {}  活动名称\n",
            pad("序号", w_num),
            pad("时间 → 读作", w_when + 3 + w_read),
            pad("地点", w_place)
        );
        for (i, r) in self.rows.iter().enumerate() {
            let (mark, after) = match &r.action {
                Action::Create(_) if r.draft() => ('!', String::new()),
                Action::Create(_) | Action::Undecided => ('+', String::new()),
                Action::Exists(p) => ('=', format!("  (already in {})", file_name(p))),
                Action::NumberTaken(p) => ('×', format!("  (序号 taken by {})", file_name(p))),
            };
            let line = format!(
                "{mark} {}{}  {} → {}  {}  {}{after}",
                " ".repeat(w_num.saturating_sub(display_width(&numbers[i]))),
                numbers[i],
                pad(&r.when, w_when),
                pad(&readings[i], w_read),
                pad(places[i], w_place),
                if r.title.is_empty() { "（no name）" } else { &r.title },
            );
            out += line.trim_end();
            out.push('\n');
        }
        out + "(+ new, ! new as a draft, = already in the schedule, × not added)\n"
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_name_the_table_and_cell() {
        assert_eq!(TableOrigin::Word { table: 1 }.at(4, Some(2)).to_string(), "Word table 1, row 5, column 3");
        let sheet = TableOrigin::Sheet { name: "活动".into(), first_row: 1, first_col: 0 };
        assert_eq!(sheet.at(10, Some(2)).to_string(), "sheet 活动, cell C12");
        assert_eq!(TableOrigin::Csv.at(0, None).to_string(), "row 1");
    }

    /// Truncated and corrupted Word and Excel files give a result or an error, never a panic.
    #[test]
    fn damaged_files_never_panic() {
        use std::io::Write;
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        for r in 0..20u32 {
            for c in 0..4u16 {
                s.write_string(r, c, format!("格{r}-{c}")).unwrap();
            }
        }
        s.merge_range(30, 0, 31, 3, "注：x", &rust_xlsxwriter::Format::new()).unwrap();
        let xlsx = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let cell = |t: &str| {
            format!(
                "<w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"
            )
        };
        let row = format!("<w:tr>{}{}</w:tr>", cell("活动名称"), cell("时间"));
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
             <w:p><w:r><w:t>2023年</w:t></w:r></w:p><w:tbl>{}</w:tbl></w:body></w:document>",
            row.repeat(10)
        );
        zip.write_all(xml.as_bytes()).unwrap();
        let docx = zip.finish().unwrap().into_inner();
        for (name, bytes) in [("x.xlsx", xlsx), ("x.docx", docx)] {
            let path = Path::new(name);
            for i in (0..bytes.len()).step_by(bytes.len() / 150 + 1) {
                for mutate in 0..3 {
                    let mut b = bytes.clone();
                    match mutate {
                        0 => b.truncate(i),
                        1 => b[i] ^= 0xFF,
                        _ => b[i] = b'<',
                    }
                    match format::sniff(path, &b) {
                        Ok(format::Format::Docx) => drop(docx::read(path, &b)),
                        Ok(f) => drop(sheet::read(path, b, f, None)),
                        Err(_) => {}
                    }
                }
            }
        }
    }

    #[test]
    fn joins_lines_without_spaces_between_chinese() {
        assert_eq!(join_lines(&["中国质量", "大讲堂"]), "中国质量大讲堂");
        assert_eq!(join_lines(&["Paul", "Grizzell"]), "Paul Grizzell");
        assert_eq!(join_lines(&["QC", "小组"]), "QC小组");
        assert_eq!(join_lines(&[" a ", "", "b"]), "a b");
        assert_eq!(join_lines(&[]), "");
    }
}
