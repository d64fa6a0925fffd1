//! The import pipeline, driven from one request: [`plan`] reads the file (`format.rs` decides the kind, then
//! `docx.rs`, `sheet.rs` or `csv.rs` reads it), chooses the table ([`rows::select`]), settles the year, reads
//! every row in the schedule's context ([`rows::read_rows`]) and decides every file
//! ([`write::plan`](super::write::plan)), writing nothing. [`Plan::write`] writes.

use std::path::{Path, PathBuf};

use super::columns::{self, Field};
use super::format::{self, Format};
use super::year::Year;
use super::{self as imp, Action, Index, Plan, Source, rows};
use super::{ImportError, ImportWarning};
use crate::content::dates::Context;
use crate::content::schedule_slug_problem;
use crate::content::write::schedule_context;
use crate::error::{Diagnostic, Diagnostics};

/// What to import, and how: `almanac import`'s options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The file to read: a .docx, .xlsx, .xls, .ods or .csv file.
    pub file: PathBuf,
    /// The schedule's folder name under content/; from the file name when `None`.
    pub schedule: Option<String>,
    /// The year of the schedule's dates; from the title or the dates when `None`.
    pub year: Option<i32>,
    /// The site's folder.
    pub root: PathBuf,
    /// In a workbook: the sheet to read.
    pub sheet: Option<String>,
    /// In a Word document: the table to read, counted from 1.
    pub table: Option<usize>,
    /// For a CSV file: its encoding label.
    pub encoding: Option<String>,
    /// `--columns`: FIELD=HEADER pairs, for headers almanac does not know.
    pub columns: Option<String>,
}

/// Reads the file and plans every file, writing nothing.
pub fn plan(options: &Options) -> Result<Plan, Diagnostics> {
    let path = options.file.as_path();
    if !options.root.join("almanac.toml").is_file() {
        return Err(imp::file_error(
            &options.root,
            ImportError::NotASite,
            "run the command in the site's folder, pass --root DIR, or create a site with almanac init",
        ));
    }
    let slug = match &options.schedule {
        Some(s) => s.clone(),
        None => short_stem(path),
    };
    let bad = schedule_slug_problem(&slug);
    if let Some(kind) = bad {
        let help = "pass --schedule with a folder name like 2024-quality-month";
        return Err(Diagnostic::arg("--schedule", kind).with_help(help).into());
    }
    if options.sheet.is_some() && options.table.is_some() {
        return Err(imp::arg_error("--table", ImportError::TableAndSheet, "pass one of them"));
    }
    let chosen = options.columns.as_deref().map(columns::parse_pairs).transpose()?.unwrap_or_default();
    let source = read_source(path, options)?;
    let read_as = source.kind.clone();
    let selected = rows::select(path, source.blocks, options.table, &chosen)?;
    if !selected.columns.has_time() {
        let headers: Vec<String> =
            selected.headers.iter().filter(|h| !h.trim().is_empty()).map(|h| h.trim().to_string()).collect();
        let title = selected.columns.find(Field::Title).and_then(|i| selected.headers.get(i)).cloned();
        let guess = selected.headers.iter().find(|h| {
            let n = imp::columns::normalise(h);
            ["时", "日", "date", "time", "when"].iter().any(|w| n.contains(w))
        });
        let help = match (title, guess) {
            (Some(t), Some(g)) => {
                format!("say which column has the dates: --columns 标题={},时间={}", t.trim(), g.trim())
            }
            _ => "name the column with the dates 时间地点, 时间 or 日期 (and the place 地点), or say which it is \
                  with --columns 时间=HEADER"
                .to_string(),
        };
        return Err(imp::file_error(
            path,
            ImportError::NoTimeColumn { table: selected.table.origin.name(), headers },
            help,
        ));
    }
    let around = rows::around(&selected.before, &selected.after);
    let dir = options.root.join("content").join(&slug);
    let index_path = dir.join("_index.md");
    let mut problems = Diagnostics::default();
    let exists = index_path.exists();
    // An existing schedule's dates are read as `build` reads them: in its context (an academic year, say).
    let existing = exists.then(|| schedule_context(&index_path));
    let existing_year = existing.map(|c| c.map(|c| c.year));
    let titled = around.title.as_deref().and_then(|t| {
        let plain = rows::year_in(t).map(|year| Year { year, span: None, from: "the title" });
        imp::year::academic(t).or(plain)
    });
    // Dates that all write their year give it when nothing else does (read once more, in that year).
    let dated = || {
        let probe = rows::read_rows(path, &selected, Context::calendar(2000));
        imp::year::from_dates(probe.rows.iter().map(|r| r.when.as_str()))
    };
    let (year, year_from, span) = match (existing_year, options.year, titled) {
        (Some(None), _, _) => {
            return Err(imp::file_error(
                &index_path,
                ImportError::ExistingWithoutYear,
                "run almanac check to see what is wrong with it, fix it, and import again",
            ));
        }
        (Some(Some(y)), Some(given), _) if given != y => {
            return Err(imp::arg_error(
                "--year",
                ImportError::OtherYear { schedule: slug, year: y, given },
                "leave out --year to add to it, or pass --schedule for a new schedule",
            ));
        }
        (Some(Some(y)), _, _) => (y, "the existing schedule", None),
        (None, Some(y), _) => (y, "--year", None),
        (None, None, Some(y)) => (y.year, y.from, Some(y)),
        (None, None, None) => match dated() {
            Some(y) => (y.year, y.from, Some(y)),
            None => {
                return Err(imp::file_error(path, ImportError::NoYear, "pass --year, e.g. --year 2024"));
            }
        },
    };
    let title = around.title.clone().unwrap_or_else(|| {
        problems.push(rows::notice(path, ImportWarning::NoScheduleTitle, "edit `title` in the schedule's _index.md"));
        path.file_stem().map_or_else(|| slug.clone(), |s| s.to_string_lossy().into_owned())
    });
    let context = existing.flatten().unwrap_or_else(|| span.as_ref().map_or(Context::calendar(year), Year::context));
    let span = span.and_then(|y| y.span);
    let mut parsed = rows::read_rows(path, &selected, context);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors);
    }
    problems.extend(std::mem::take(&mut parsed.problems));
    // A 注 row under the table, then 注 paragraphs after it.
    let note_lines: Vec<String> = parsed.note.iter().chain(&around.note).cloned().collect();
    let note = (!note_lines.is_empty()).then(|| note_lines.join("\n"));
    if parsed.rows.is_empty() {
        return Err(imp::file_error(
            path,
            ImportError::NoRows { table: selected.table.origin.name() },
            "check that the rows are in the same table as the header",
        ));
    }
    imp::write::plan(&dir, &mut parsed.rows);
    for row in &parsed.rows {
        if let Action::NumberTaken(other) = &row.action {
            problems.push(
                imp::problem(
                    path,
                    row.at.clone(),
                    ImportWarning::NumberTaken { number: row.number_text.clone(), other: other.clone() },
                )
                .with_help("if this is a new activity, give it a new 序号 in the source (or add it with almanac new)"),
            );
        }
    }
    let intro = around.intro.iter().map(|p| imp::write::markdown_text(p)).collect::<Vec<_>>().join("\n\n");
    let action = if exists { Action::Exists(index_path) } else { Action::Create(index_path) };
    let headers = selected.headers.iter().zip(&selected.columns.kinds);
    let columns =
        headers.filter(|(h, _)| !h.trim().is_empty()).map(|(h, k)| (h.trim().to_string(), k.to_string())).collect();
    let mut notes = selected.notes;
    notes.extend(parsed.notes);
    Ok(Plan {
        source: path.to_path_buf(),
        read_as: match selected.table.origin {
            imp::TableOrigin::Csv => read_as,
            ref origin => format!("{read_as}, {}", origin.name()),
        },
        columns,
        schedule: slug,
        dir,
        index: Index { title, year, year_from, span, note, intro, action },
        rows: parsed.rows,
        notes,
        // A problem repeated down a long table is one line with a count and its first cells.
        problems: problems.summarised(3, 1),
    })
}

/// The file's name as a schedule folder name: `quality-month-2023.docx` → `quality-month-2023`.
fn short_stem(path: &Path) -> String {
    crate::content::write::short_slug(&path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

/// The file's blocks, read as its content says it is; the options that do not fit the kind are refused.
fn read_source(path: &Path, args: &Options) -> Result<Source, Diagnostics> {
    let bytes = format::read_file(path)?;
    let fmt = format::sniff(path, &bytes)?;
    if args.sheet.is_some() && matches!(fmt, Format::Docx | Format::Csv) {
        return Err(imp::arg_error("--sheet", ImportError::SheetNotWorkbook, "leave it out for this file"));
    }
    if args.encoding.is_some() && fmt != Format::Csv {
        return Err(imp::arg_error("--encoding", ImportError::EncodingNotCsv, "leave it out for this file"));
    }
    let (kind, blocks) = match fmt {
        Format::Docx => ("Word document".to_string(), imp::docx::read(path, &bytes)?),
        Format::Csv => {
            let (blocks, encoding) = imp::csv::read(path, &bytes, args.encoding.as_deref())?;
            (format!("CSV file ({encoding})"), blocks)
        }
        Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods => {
            let kind = if fmt == Format::Ods { "OpenDocument spreadsheet" } else { "Excel workbook" };
            (kind.to_string(), imp::sheet::read(path, bytes, fmt, args.sheet.as_deref())?)
        }
    };
    Ok(Source { kind, blocks })
}
