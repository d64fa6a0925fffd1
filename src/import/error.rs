//! What stops an import (a file or an option it cannot use), and what it reports about single rows.

use std::fmt;
use std::path::PathBuf;

use super::{MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PART_BYTES, MAX_ROWS};
use crate::content::ContentError;
use crate::error::{TableCell, TableName};

/// A file or an option `almanac import` cannot use: nothing is written. The `Display` text is one plain
/// sentence; the fix goes in the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    // The options.
    #[error("cannot import: this is not an almanac site: it has no almanac.toml")]
    NotASite,
    #[error("cannot import: `{pair}` is not FIELD=HEADER")]
    ColumnsNotAPair { pair: String },
    #[error("cannot import: `{pair}` names no header")]
    ColumnsNoHeader { pair: String },
    #[error("cannot import: `{field}` is not a field")]
    ColumnsNoField { field: String },
    #[error("cannot import: --table is for Word documents, --sheet for workbooks")]
    TableAndSheet,
    #[error("cannot import: --sheet is for workbooks")]
    SheetNotWorkbook,
    #[error("cannot import: --encoding is for CSV files")]
    EncodingNotCsv,
    #[error("cannot import: `{label}` is not an encoding almanac knows")]
    UnknownEncoding { label: String },
    #[error("cannot import: the workbook has no sheet named `{name}`")]
    NoSuchSheet { name: String },
    #[error("cannot import: there is no table {table}: the file has {tables}")]
    NoSuchTable { table: usize, tables: usize },
    // The year.
    #[error("cannot import: the schedule exists, but its _index.md has no readable `year`")]
    ExistingWithoutYear,
    #[error("cannot import: the schedule {schedule} is for {year}, not {given}")]
    OtherYear { schedule: String, year: i32, given: i32 },
    #[error("cannot import: the year of the schedule's dates is not in its title, and not every date writes it")]
    NoYear,
    // The kind of file.
    #[error("cannot import: this is a folder, not a file")]
    Folder,
    #[error("cannot import: the file is {megabytes} MB, more than the {} MB almanac import reads", MAX_FILE_BYTES / (1024 * 1024))]
    FileTooBig { megabytes: u64 },
    #[error("cannot import: the file grew past the size limit while being read")]
    Grew,
    #[error("cannot import: this is a PDF file; almanac cannot read tables from a PDF")]
    Pdf,
    #[error("cannot import: this is an RTF document, not a .docx")]
    Rtf,
    #[error(
        "cannot import: this is an HTML or XML file (a Word or Excel \"web page\" or \"XML 2003\" file), not a .docx \
         or .xlsx"
    )]
    Html,
    #[error(
        "cannot import: this is not a .{extension} file: it does not start like one (it may be damaged, or renamed)"
    )]
    NotLikeExtension { extension: String },
    #[error("cannot import: this is not a Word document")]
    NotWord,
    #[error("cannot import: almanac import cannot tell what kind of file this is")]
    UnknownKind,
    #[error("cannot import: this is an OpenDocument file, but not a spreadsheet")]
    OpenDocumentNotSpreadsheet,
    #[error("cannot import: this is a zip archive, but not a Word document or an Excel workbook")]
    ZipNotOffice,
    #[error("cannot import: this is a Word 97–2003 document (.doc); almanac reads Word 2007 and later (.docx)")]
    Word97,
    #[error("cannot import: this is an Office 97–2003 file, but not a workbook")]
    OfficeNotWorkbook,
    #[error("cannot import: the file is password-protected (encrypted), so its content cannot be read")]
    Encrypted,
    // Reading it: `reason` is the reader's own message.
    #[error("cannot import: the file is damaged: it is not a complete zip container ({reason})")]
    DamagedZip { reason: String },
    #[error("cannot import: {part} unpacks to {megabytes} MB, more than the {} MB almanac reads", MAX_PART_BYTES >> 20)]
    PartTooBig { part: String, megabytes: u64 },
    #[error("cannot import: the workbook cannot be read: {reason}")]
    UnreadableWorkbook { reason: String },
    #[error("cannot import: the document's text unpacks to {megabytes} MB, more than almanac reads")]
    DocumentTooBig { megabytes: u64 },
    #[error("cannot import: the document's text cannot be unpacked: {reason}")]
    UnpackedDocument { reason: String },
    #[error("cannot import: the document's XML is damaged: {reason}")]
    DamagedXml { reason: String },
    #[error("cannot import: the file is not valid {encoding} text")]
    NotInEncoding { encoding: &'static str },
    #[error("cannot import: the file is neither UTF-8 nor GB18030 (GBK) text")]
    NeitherUtf8NorGb18030,
    #[error("cannot import: the CSV text cannot be read: {reason}")]
    DamagedCsv { reason: String },
    #[error(
        "cannot import: {table} has {size}, more than almanac imports ({MAX_ROWS} rows, {MAX_COLUMNS} columns, \
         {MAX_CELLS} cells)"
    )]
    TableTooLarge { table: TableName, size: TableSize },
    #[error("cannot import: the cell holds {chars} characters, more than almanac imports ({MAX_CELL_CHARS})")]
    CellTooLong { chars: usize },
    // The table.
    #[error(
        "cannot import: the file has no table, only {paragraphs} paragraph(s) of text: it is not a list of activities"
    )]
    NoTable { paragraphs: usize },
    #[error(
        "cannot import: {} is a calendar grid (a column for each weekday, 一 二 三 … 日, a cell for each day), not a \
         list of activities",
        Joined(tables, ", ")
    )]
    CalendarGrid { tables: Vec<TableName> },
    /// `chosen` is `--table`; `tables` is how many the file has.
    #[error("cannot import: {} header row", Which { chosen: *chosen, tables: *tables })]
    NoHeaderRow { chosen: Option<usize>, tables: usize },
    /// `cells` are the header cells of the row most like a header, at `at`.
    #[error(
        "cannot import: {} column that names the activity (活动名称, 课程名称, title …); the header cells in {at} are {}",
        Which { chosen: *chosen, tables: *tables },
        Quoted(cells)
    )]
    NoTitleColumn { chosen: Option<usize>, tables: usize, at: TableCell, cells: Vec<String> },
    #[error("cannot import: --columns names {}, but the header cells in {at} are {}", unknown.join(", "), Quoted(cells))]
    ColumnsNotInHeader { unknown: Vec<String>, at: TableCell, cells: Vec<String> },
    #[error("cannot import: {table} has no time column: its header cells are {}", Quoted(headers))]
    NoTimeColumn { table: TableName, headers: Vec<String> },
    #[error("cannot import: {table} has a header but no activity rows")]
    NoRows { table: TableName },
    // Writing.
    #[error("cannot import: the file name is longer than file systems allow (255 bytes)")]
    NameTooLong,
}

/// How big a table too large to import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSize {
    Cells {
        rows: usize,
        columns: usize,
    },
    /// A sheet whose cells are counted as they are read, and stop being read past [`MAX_CELLS`].
    MoreCells,
}

impl fmt::Display for TableSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableSize::Cells { rows, columns } => write!(f, "{rows} rows and {columns} columns"),
            TableSize::MoreCells => write!(f, "more than {MAX_CELLS} cells"),
        }
    }
}

/// What a row of the table gives that is written but worth a look, or is left out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportWarning {
    /// The error the build would report for the row (an empty title, an unreadable date).
    #[error("the row is written as a draft: {0}")]
    WrittenAsDraft(ContentError),
    #[error("the 序号 `{0}` is not a whole number")]
    NotANumber(String),
    /// The separator before the place, as written.
    #[error("the place after `{0}` stays in the date's note, not 地点")]
    PlaceInNote(String),
    #[error("another activity has the same 序号 `{number}`: {first}")]
    NumberRepeated { number: u32, first: TableCell },
    /// `number` as published; `other` is the file that has it.
    #[error("not imported: 序号 {number} is taken by {}, another activity", other.display())]
    NumberTaken { number: String, other: PathBuf },
    #[error("there is no title before the table; the schedule is named after the file")]
    NoScheduleTitle,
}

/// "table 2 has no", "none of its 3 table(s) has a": which tables a header was looked for in.
struct Which {
    chosen: Option<usize>,
    tables: usize,
}

impl fmt::Display for Which {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.chosen {
            Some(n) => write!(f, "table {n} has no"),
            None => write!(f, "none of its {} table(s) has a", self.tables),
        }
    }
}

/// Cells as "`a` | `b`".
struct Quoted<'a>(&'a [String]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted: Vec<String> = self.0.iter().map(|c| format!("`{c}`")).collect();
        f.write_str(&quoted.join(" | "))
    }
}

/// Items joined by a separator.
struct Joined<'a, T>(&'a [T], &'static str);

impl<T: fmt::Display> fmt::Display for Joined<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items: Vec<String> = self.0.iter().map(T::to_string).collect();
        f.write_str(&items.join(self.1))
    }
}
