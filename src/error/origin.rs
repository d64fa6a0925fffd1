//! Where a diagnostic points: a file (or a place in it), a command-line argument (or a place in its value), a
//! cell of an imported table, or the places of a repeated warning. Each renders after `-->` as a reader looks
//! for it: `content/a.md:3:9`, `--when:1:4`, `plan.xlsx, sheet 活动, cell C5`.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file; with a span, a place in it.
    File { path: PathBuf, span: Option<Span> },
    /// A command-line argument: a flag (`--schedule`), a positional argument (`SCHEDULE`), or the command as a
    /// whole (`almanac reschedule`); with a span, a place in the value given.
    Arg { name: &'static str, span: Option<Span> },
    /// A cell (or a whole row) of a table in a file `almanac import` reads: a cell has no line and column of
    /// text.
    #[cfg(feature = "import")]
    Cell { path: PathBuf, cell: TableCell },
    /// The first few places of a warning repeated many times; `more` when there are others.
    Places { places: Vec<Origin>, more: bool },
}

/// A place in a text: its line and column, with the line itself to show under the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    /// The line, as a terminal can show it (see [`Span::locate`]).
    pub source_line: String,
    /// Width of the marked part, in characters; at least 1.
    pub marker_len: usize,
}

impl Span {
    /// The place at byte `offset` of `text`, spanning `len` bytes (cut at the end of its line).
    pub fn locate(text: &str, offset: usize, len: usize) -> Span {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let end = floor_char_boundary(text, (offset + len.max(1)).min(line_end));
        Span {
            line: text[..offset].matches('\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
            source_line: visible(text[line_start..line_end].trim_end_matches('\r')),
            marker_len: text[offset..end].chars().count().max(1),
        }
    }

    /// The source line split around the marked part: (before, marked, after), for a caret or a highlight.
    pub fn marked(&self) -> (String, String, String) {
        let src = &self.source_line;
        let skip = self.column.saturating_sub(1);
        let before: String = src.chars().take(skip).collect();
        let marked: String = src.chars().skip(skip).take(self.marker_len).collect();
        let after: String = src.chars().skip(skip + self.marker_len).collect();
        (before, marked, after)
    }
}

/// A source line as it can be shown on a terminal: control characters as their visible pictures (`␌` for a
/// form feed), one for one, so the marker stays under them and no escape sequence reaches the terminal.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match u32::from(c) {
            code @ 0..0x20 if c != '\t' => char::from_u32(0x2400 + code).unwrap_or(c),
            0x7f => '\u{2421}',
            _ => c,
        })
        .collect()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Origin {
    /// The span, for an origin that has one.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Origin::File { span, .. } | Origin::Arg { span, .. } => span.as_ref(),
            #[cfg(feature = "import")]
            Origin::Cell { .. } => None,
            Origin::Places { .. } => None,
        }
    }

    /// Where, without line and column: the file, the argument, `file, cell C5`, or the places listed. Reports
    /// are ordered by it.
    pub fn path(&self) -> Cow<'_, Path> {
        match self {
            Origin::File { path, .. } => Cow::Borrowed(path),
            Origin::Arg { name, .. } => Cow::Borrowed(Path::new(name)),
            #[cfg(feature = "import")]
            Origin::Cell { .. } => Cow::Owned(PathBuf::from(self.to_string())),
            Origin::Places { .. } => Cow::Owned(PathBuf::from(self.to_string())),
        }
    }

    /// The origin with its file named relative to `root`.
    pub fn relative_to(&mut self, root: &Path) {
        match self {
            Origin::File { path, .. } => strip(path, root),
            #[cfg(feature = "import")]
            Origin::Cell { path, .. } => strip(path, root),
            Origin::Arg { .. } => {}
            Origin::Places { places, .. } => places.iter_mut().for_each(|p| p.relative_to(root)),
        }
    }

    /// One place of a summary: the file and line, without the column.
    fn short(&self) -> String {
        match self {
            Origin::File { span: Some(s), .. } | Origin::Arg { span: Some(s), .. } => {
                format!("{}:{}", self.path().display(), s.line)
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { span: None, .. } | Origin::Arg { span: None, .. } => write!(f, "{}", self.path().display()),
            Origin::File { span: Some(s), .. } | Origin::Arg { span: Some(s), .. } => {
                write!(f, "{}:{}:{}", self.path().display(), s.line, s.column)
            }
            #[cfg(feature = "import")]
            Origin::Cell { path, cell } => write!(f, "{}, {cell}", path.display()),
            Origin::Places { places, more } => {
                let mut shown: Vec<String> = places.iter().map(Origin::short).collect();
                // Cells of one file name the file once: "plan.csv, cell C6, cell C7".
                #[cfg(feature = "import")]
                if let Some(Origin::Cell { path: first, .. }) = places.first() {
                    let cells: Option<Vec<String>> = places
                        .iter()
                        .map(|p| match p {
                            Origin::Cell { path, cell } if path == first => Some(cell.to_string()),
                            _ => None,
                        })
                        .collect();
                    if let Some(cells) = cells {
                        shown.splice(1.., cells.into_iter().skip(1));
                    }
                }
                if *more {
                    shown.push("…".to_string());
                }
                f.write_str(&shown.join(", "))
            }
        }
    }
}

fn strip(path: &mut PathBuf, root: &Path) {
    if let Ok(rel) = path.strip_prefix(root) {
        *path = rel.to_path_buf();
    }
}

/// A table of an imported file, as its place is said: "Word table 1", "sheet 活动", "the CSV table".
#[cfg(feature = "import")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableName {
    /// The Nth table of a Word document (1-based).
    Word(usize),
    /// A worksheet, by name.
    Sheet(String),
    /// A CSV file, which is one table.
    Csv,
}

#[cfg(feature = "import")]
impl fmt::Display for TableName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableName::Word(n) => write!(f, "Word table {n}"),
            TableName::Sheet(name) => write!(f, "sheet {name}"),
            TableName::Csv => f.write_str("the CSV table"),
        }
    }
}

/// A cell, or a whole row, of an imported table; `row` and `column` are 0-based in the sheet or table as its
/// program shows it (a sheet's used range need not start at A1).
#[cfg(feature = "import")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCell {
    pub table: TableName,
    pub row: usize,
    pub column: Option<usize>,
}

#[cfg(feature = "import")]
impl fmt::Display for TableCell {
    /// "Word table 1, row 5, column 3", "sheet 活动, cell C5", "cell C5", "row 5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = self.row + 1;
        match (&self.table, self.column) {
            (TableName::Word(t), None) => write!(f, "Word table {t}, row {row}"),
            (TableName::Word(t), Some(c)) => write!(f, "Word table {t}, row {row}, column {}", c + 1),
            (TableName::Sheet(name), None) => write!(f, "sheet {name}, row {row}"),
            (TableName::Sheet(name), Some(c)) => write!(f, "sheet {name}, cell {}{row}", column_letters(c)),
            (TableName::Csv, None) => write!(f, "row {row}"),
            (TableName::Csv, Some(c)) => write!(f, "cell {}{row}", column_letters(c)),
        }
    }
}

/// Spreadsheet column letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.
#[cfg(feature = "import")]
fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

// Every origin these tests show is a cell of an imported table, or sits beside one.
#[cfg(all(test, feature = "import"))]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_like_a_spreadsheet() {
        for (col, letters) in [(0, "A"), (2, "C"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column_letters(col), letters);
        }
    }

    #[test]
    fn origins_render_as_a_reader_looks_for_them() {
        let text = "a\nwhen = \"13月\"";
        let span = || Some(Span::locate(text, text.find("13").unwrap_or(0), 2));
        let cell = |row, column| TableCell { table: TableName::Csv, row, column };
        for (origin, shown) in [
            (Origin::File { path: "a.md".into(), span: None }, "a.md"),
            (Origin::File { path: "a.md".into(), span: span() }, "a.md:2:9"),
            (Origin::Arg { name: "--schedule", span: None }, "--schedule"),
            (Origin::Arg { name: "--when", span: span() }, "--when:2:9"),
            (Origin::Cell { path: "p.csv".into(), cell: cell(5, Some(2)) }, "p.csv, cell C6"),
            (
                Origin::Cell {
                    path: "p.xlsx".into(),
                    cell: TableCell { table: TableName::Sheet("活动".into()), row: 11, column: Some(2) },
                },
                "p.xlsx, sheet 活动, cell C12",
            ),
            (
                Origin::Cell {
                    path: "p.docx".into(),
                    cell: TableCell { table: TableName::Word(1), row: 4, column: Some(2) },
                },
                "p.docx, Word table 1, row 5, column 3",
            ),
            (Origin::Cell { path: "p.csv".into(), cell: cell(0, None) }, "p.csv, row 1"),
            (
                Origin::Places {
                    places: vec![
                        Origin::Cell { path: "p.csv".into(), cell: cell(1, Some(0)) },
                        Origin::Cell { path: "p.csv".into(), cell: cell(2, Some(0)) },
                    ],
                    more: true,
                },
                "p.csv, cell A2, cell A3, …",
            ),
            (
                Origin::Places {
                    places: vec![
                        Origin::File { path: "a.md".into(), span: span() },
                        Origin::File { path: "b.md".into(), span: None },
                    ],
                    more: false,
                },
                "a.md:2, b.md",
            ),
        ] {
            assert_eq!(origin.to_string(), shown);
        }
    }
}
