//! From a file's blocks to activities: the table with an activity-name column, its header, and each row as a
//! [`Row`] (or a section heading, a repeated header, the closing 注), with every problem located in the source.

use std::collections::BTreeMap;
use std::path::Path;

use super::columns::{Column, Columns, Field};
use super::split::{How, split_time_place};
use super::{Action, Block, Cell, ImportError, ImportWarning, MAX_CELL_CHARS, Row, Table, join_lines, problem};
use crate::content::ContentError;
use crate::content::dates::{Context, parse_when_in};
use crate::error::{Diagnostic, Diagnostics, TableCell, TableName};

/// The header is looked for in this many rows from the top of a table (a sheet often has a title row and a
/// blank row above it).
const HEADER_SEARCH: usize = 10;

/// The table chosen, with what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Selected {
    pub table: Table,
    /// Index of the header row in `table.rows`.
    pub header: usize,
    pub headers: Vec<String>,
    pub columns: Columns,
    /// Paragraphs (and rows above the header) before the table, in order.
    pub before: Vec<String>,
    /// Paragraphs after the table.
    pub after: Vec<String>,
    /// Lines about tables that were not read.
    pub notes: Vec<String>,
}

/// The first table (or the `choice`th, 1-based) whose header names an activity-name column; `chosen` is
/// `--columns`.
pub(super) fn select(
    path: &Path,
    blocks: Vec<Block>,
    choice: Option<usize>,
    chosen: &[(Field, String)],
) -> Result<Selected, Diagnostics> {
    let table_count = blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
    if let Some(n) = choice
        && (n == 0 || n > table_count)
    {
        return Err(super::file_error(
            path,
            ImportError::NoSuchTable { table: n, tables: table_count },
            "count the tables from 1, in the order they appear",
        ));
    }
    let mut before = Vec::new();
    let mut notes = Vec::new();
    let mut seen = 0;
    // The tables not read, for the error when none is: the most header-like row of each, and any calendar grid.
    let mut candidates: Vec<(TableCell, Vec<String>)> = Vec::new();
    let mut grids: Vec<TableName> = Vec::new();
    let mut blocks = blocks.into_iter();
    for block in blocks.by_ref() {
        let table = match block {
            Block::Paragraph(p) => {
                before.push(p);
                continue;
            }
            Block::Table(t) => t,
        };
        seen += 1;
        if choice.is_some_and(|n| n != seen) {
            notes.push(format!("{} not read (--table {})", table.origin.name(), choice.unwrap_or_default()));
            continue;
        }
        let found = table.rows.iter().take(HEADER_SEARCH).enumerate().find_map(|(i, row)| {
            let headers: Vec<String> = row.iter().map(Cell::joined).collect();
            Columns::from_header(&headers, chosen).map(|c| (i, headers, c))
        });
        let Some((header, headers, columns)) = found else {
            notes.push(format!("{} has no 活动名称 column: not read", table.origin.name()));
            if super::header::is_calendar_grid(&table, HEADER_SEARCH) {
                grids.push(table.origin.name());
            } else if let Some(row) = super::header::header_like(&table, HEADER_SEARCH) {
                candidates.push(row);
            }
            continue;
        };
        for row in &table.rows[..header] {
            before.extend(row.iter().filter(|c| c.span > 0 && !c.merged).map(Cell::joined).filter(|t| !t.is_empty()));
        }
        let mut after = Vec::new();
        for block in blocks {
            match block {
                Block::Paragraph(p) => after.push(p),
                Block::Table(t) => notes.push(format!("{} not read: only one table is imported", t.origin.name())),
            }
        }
        return Ok(Selected { table, header, headers, columns, before, after, notes });
    }
    Err(super::header::not_found(path, table_count, choice, chosen, &before, &candidates, &grids))
}

/// What the rows of a table gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Parsed {
    pub rows: Vec<Row>,
    /// The closing 注 (its lines), from a row of the table or a paragraph after it.
    pub note: Vec<String>,
    pub notes: Vec<String>,
    pub problems: Diagnostics,
    /// Cells past [`MAX_CELL_CHARS`]: the import is refused, all of them reported, nothing written.
    pub errors: Diagnostics,
}

/// Reads every row under the header. `context` reads the dates, as `build` will; `path` names the file in
/// problems.
pub(super) fn read_rows(path: &Path, sel: &Selected, context: Context) -> Parsed {
    let mut out = Parsed::default();
    let t = &sel.table;
    let cols = &sel.columns;
    let title_col = cols.find(Field::Title).unwrap_or(0);
    let mut section: Option<String> = None;
    let mut numbers: BTreeMap<u32, TableCell> = BTreeMap::new();
    let mut empty_rows = 0;
    let mut in_note = false;
    for (r, row) in t.rows.iter().enumerate().skip(sel.header + 1) {
        let own: Vec<(usize, &Cell)> =
            row.iter().enumerate().filter(|(_, c)| c.span > 0 && !c.merged && !c.is_empty()).collect();
        if own.is_empty() {
            empty_rows += 1;
            continue;
        }
        if is_repeated_header(row, &sel.headers) {
            out.notes.push(format!("{}: the header again (a table split over pages), skipped", t.origin.at(r, None)));
            continue;
        }
        if own.len() == 1 {
            let (c, cell) = own[0];
            let text = cell.joined();
            if in_note || is_note(&text) {
                in_note = true;
                out.note.extend(cell.lines.iter().cloned());
                continue;
            }
            let numeric = text.trim_end_matches(['.', '、']).chars().all(|ch| ch.is_ascii_digit());
            if (cell.span > 1 || c != title_col) && !numeric {
                let tag = section_tag(&text);
                out.notes
                    .push(format!("{}: section “{text}”, a tag of the rows under it: {tag}", t.origin.at(r, None)));
                section = Some(tag);
                continue;
            }
        }
        in_note = false;
        for (c, cell) in &own {
            let chars: usize = cell.lines.iter().map(|l| l.chars().count()).sum();
            if chars > MAX_CELL_CHARS {
                out.errors.push(
                    problem(path, t.origin.at(r, Some(*c)), ImportError::CellTooLong { chars })
                        .with_help("shorten the cell in the source (a long text belongs in the activity's page body)"),
                );
            }
        }
        out.rows.push(activity(path, sel, r, row, context, section.as_deref(), &mut numbers, &mut out.problems));
    }
    if empty_rows > 0 {
        out.notes.push(format!("{empty_rows} empty row(s) skipped"));
    }
    out
}

/// A row that repeats the header (a table split over pages, pasted with its header each time).
fn is_repeated_header(row: &[Cell], headers: &[String]) -> bool {
    let norm = super::columns::normalise;
    let mut same = 0;
    for (cell, header) in row.iter().zip(headers) {
        let text = cell.joined();
        if text.is_empty() {
            continue;
        }
        if norm(&text) != norm(header) {
            return false;
        }
        same += 1;
    }
    same >= 2 || (same == 1 && headers.iter().filter(|h| !h.trim().is_empty()).count() == 1)
}

/// A closing note: 注：…, 注:…, 注 1. …, 备注：….
fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("注：") || t.starts_with("注:") || t.starts_with("注 ") || t.starts_with("备注：") || t == "注"
}

/// A section heading as a tag: without its enumeration ("一、", "（一）", "1.", "第一部分 ").
fn section_tag(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix(['（', '('])
        .map_or(t, |rest| rest.split_once(['）', ')']).filter(|(n, _)| is_enumeration(n)).map_or(t, |(_, r)| r));
    let t = match t.split_once(['、', '.', '．', ' ', '　']) {
        Some((n, rest)) if is_enumeration(n) && !rest.trim().is_empty() => rest,
        _ => t,
    };
    t.trim().to_string()
}

fn is_enumeration(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇第部分类".contains(c))
}

#[allow(clippy::too_many_arguments)]
fn activity(
    path: &Path,
    sel: &Selected,
    r: usize,
    row: &[Cell],
    context: Context,
    section: Option<&str>,
    numbers: &mut BTreeMap<u32, TableCell>,
    problems: &mut Diagnostics,
) -> Row {
    let origin = &sel.table.origin;
    let cols = &sel.columns;
    let cell = |f: Field| cols.find(f).and_then(|i| row.get(i));
    let text = |f: Field| cell(f).map(Cell::joined).unwrap_or_default();
    let at_col = |f: Field| origin.at(r, cols.find(f));
    let mut draft_reasons = Vec::new();
    let mut warn =
        |at: TableCell, kind: ImportWarning, help: String| problems.push(problem(path, at, kind).with_help(help));

    let number_text = text(Field::Number);
    let number = match number_text.trim().trim_end_matches(['.', '、']).parse::<u32>() {
        Ok(n) => {
            if let Some(first) = numbers.get(&n) {
                warn(
                    at_col(Field::Number),
                    ImportWarning::NumberRepeated { number: n, first: first.clone() },
                    "both rows are imported; give each activity its own 序号 (`number` in the files)".into(),
                );
            } else {
                numbers.insert(n, at_col(Field::Number));
            }
            Some(n)
        }
        Err(_) if number_text.is_empty() => None,
        Err(_) => {
            warn(
                at_col(Field::Number),
                ImportWarning::NotANumber(number_text.clone()),
                "the row is numbered after the others; change `number` in its file if it should be another".into(),
            );
            None
        }
    };

    let title = text(Field::Title);
    if title.is_empty() {
        warn(
            at_col(Field::Title),
            ImportWarning::WrittenAsDraft(ContentError::EmptyTitle),
            "the row is written as a draft (draft = true); write its `title` and delete `draft = true`".into(),
        );
        draft_reasons.push("the activity has no name".to_string());
    }

    let (when, place, when_at) = if let Some(tp) = cell(Field::TimePlace) {
        let s = split_time_place(&tp.lines, context);
        if let How::PlaceAfterOtherSeparator(sep) = s.how {
            warn(
                at_col(Field::TimePlace),
                ImportWarning::PlaceInNote(sep.to_string()),
                format!(
                    "the site shows 时间地点 as `when，where`: to show the place as 参加方式 without changing a \
                     character, write `，` instead of `{sep}` in the source, or move the place to `where` in the file"
                ),
            );
        }
        (s.when, s.place, at_col(Field::TimePlace))
    } else {
        let place = Some(text(Field::Place)).filter(|p| !p.is_empty());
        let when = match (text(Field::Time), text(Field::Clock)) {
            (date, clock) if clock.is_empty() => date,
            (date, clock) if date.is_empty() => clock,
            (date, clock) => format!("{date} {clock}"),
        };
        (when, place, at_col(Field::Time))
    };
    let reading = parse_when_in(&when, context).map_err(|e| {
        let reason = e.to_string();
        warn(
            when_at,
            ImportWarning::WrittenAsDraft(ContentError::Date { text: when.clone(), reason: e.kind.clone() }),
            format!(
                "{} The row is written as a draft (draft = true) with the text as published in `when`: correct \
                 it, then delete `draft = true`.",
                e.help()
            ),
        );
        draft_reasons.push(format!("cannot read the date `{when}`: {reason}"));
        reason
    });

    let mut paragraphs: Vec<String> = cell(Field::Content).map(|c| c.lines.clone()).unwrap_or_default();
    let mut tags: Vec<String> = section.map(str::to_string).into_iter().collect();
    if let Some(c) = cell(Field::Tags) {
        for t in c.joined().split(['、', '，', ',', '；', ';', '/', '／', ' ', '　']) {
            let t = t.trim();
            if !t.is_empty() && !tags.iter().any(|x| x == t) {
                tags.push(t.to_string());
            }
        }
    }
    if let Some(c) = cell(Field::Remarks).filter(|c| !c.is_empty()) {
        paragraphs.push(format!("备注：{}", c.lines.join("\n")));
    }
    for (i, kind) in cols.kinds.iter().enumerate() {
        let name = match kind {
            Column::Field(Field::Contact) => sel.headers.get(i).map_or_else(String::new, |h| h.trim().to_string()),
            Column::Field(_) => continue,
            Column::Extra(h) => h.clone(),
            Column::Unnamed => format!("第{}列", i + 1),
        };
        if let Some(c) = row.get(i).filter(|c| !c.is_empty()) {
            paragraphs.push(format!("{name}：{}", c.lines.join("\n")));
        }
    }
    let body = paragraphs.iter().map(|p| super::write::markdown_text(p)).collect::<Vec<_>>().join("\n\n");

    let one_line = |f: Field| Some(text(f)).filter(|t| !t.is_empty());
    Row {
        at: origin.at(r, None),
        number_text,
        number,
        title,
        when,
        place,
        organiser: one_line(Field::Organiser),
        host: one_line(Field::Host),
        reading,
        body,
        tags,
        draft_reasons,
        action: Action::Undecided,
    }
}

/// The schedule's title and intro from the paragraphs around the table, and its note.
pub(super) struct Around {
    pub title: Option<String>,
    pub intro: Vec<String>,
    pub note: Vec<String>,
}

/// The first paragraph before the table (past an "附件1" line) is the title; the rest, and paragraphs after the
/// table that are not its closing 注, are the intro. The 注 paragraph and those after it are the note.
pub(super) fn around(before: &[String], after: &[String]) -> Around {
    let lines = |ps: &[String]| -> Vec<String> {
        ps.iter().map(|p| join_lines(&p.split('\n').collect::<Vec<_>>())).filter(|p| !p.is_empty()).collect()
    };
    let mut before = lines(before).into_iter().skip_while(|p| is_attachment_label(p));
    let title = before.next();
    let mut intro: Vec<String> = before.collect();
    let mut note = Vec::new();
    for p in lines(after) {
        if !note.is_empty() || is_note(&p) {
            note.push(p);
        } else {
            intro.push(p);
        }
    }
    Around { title, intro, note }
}

/// "附件", "附件1", "附件 2：" above an official document's title.
fn is_attachment_label(p: &str) -> bool {
    p.strip_prefix("附件").is_some_and(|rest| {
        rest.trim().trim_end_matches([':', '：']).chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
    })
}

/// The year of a title such as "2023年中国质量协会…": the first four-digit number followed by 年.
pub(super) fn year_in(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        let starts = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts && i + 4 < chars.len() && chars[i..i + 4].iter().all(char::is_ascii_digit) && chars[i + 4] == '年' {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            return (1900..=2200).contains(&y).then_some(y);
        }
    }
    None
}

/// A warning about the whole import, not one row.
pub(super) fn notice(path: &Path, kind: ImportWarning, help: &str) -> Diagnostic {
    Diagnostic::file(path, kind).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::TableOrigin;

    fn t(rows: &[&[&str]]) -> Table {
        let rows = rows.iter().map(|r| r.iter().map(|c| Cell::text(&c.split('\n').collect::<Vec<_>>())).collect());
        Table::new(TableOrigin::Word { table: 1 }, rows.collect())
    }

    fn sel(rows: &[&[&str]]) -> Selected {
        select(Path::new("a.docx"), vec![Block::Paragraph("2023年日程".into()), Block::Table(t(rows))], None, &[])
            .unwrap()
    }

    #[test]
    fn finds_the_first_table_with_a_title_column() {
        let blocks = vec![
            Block::Paragraph("附件1".into()),
            Block::Table(t(&[&["联系人", "电话"], &["张三", "1"]])),
            Block::Paragraph("2023年日程".into()),
            Block::Table(t(&[&["日程"], &["序号", "活动名称", "时间"], &["1", "论坛", "9月"]])),
            Block::Paragraph("注：以通知为准。".into()),
        ];
        let s = select(Path::new("a.docx"), blocks.clone(), None, &[]).unwrap();
        assert_eq!(
            (s.header, s.before.clone(), s.after.clone()),
            (1, vec!["附件1".into(), "2023年日程".into(), "日程".into()], vec!["注：以通知为准。".into()])
        );
        assert_eq!(s.notes, ["Word table 1 has no 活动名称 column: not read"]);
        assert!(select(Path::new("a.docx"), blocks.clone(), Some(1), &[]).is_err());
        assert!(select(Path::new("a.docx"), blocks, Some(3), &[]).unwrap_err().to_string().contains("no table 3"));
        let none = select(Path::new("a.docx"), vec![Block::Paragraph("x".into())], None, &[]).unwrap_err();
        assert!(none.to_string().contains("has no table"), "{none}");
    }

    #[test]
    fn rows_sections_repeated_headers_and_notes() {
        let s = sel(&[
            &["序号", "活动名称", "时间地点", "主要内容", "联系人"],
            &["一、评价类", "", "", "", ""],
            &["1", "评价", "9月，北京", "甲\n乙", "评价部"],
            &["", "", "", "", ""],
            &["序 号", "活动名称", "时间地点", "主要内容", "联系人"],
            &["2", "", "九月中", "", ""],
            &["2", "考试", "10月", "", ""],
            &["注：以通知为准。", "", "", "", ""],
        ]);
        let p = read_rows(Path::new("a.docx"), &s, Context::calendar(2023));
        let got: Vec<_> = p.rows.iter().map(|r| (r.number, r.title.as_str(), r.when.as_str(), r.draft())).collect();
        assert_eq!(
            got,
            [(Some(1), "评价", "9月", false), (Some(2), "", "九月中", true), (Some(2), "考试", "10月", false)]
        );
        assert_eq!(p.rows[0].place.as_deref(), Some("北京"));
        assert_eq!(p.rows[0].body, "甲\n\n乙\n\n联系人：评价部");
        assert_eq!(p.rows[0].tags, ["评价类"]);
        assert_eq!(p.note, ["注：以通知为准。"]);
        let at: Vec<String> = p.problems.iter().map(|d| d.origin.to_string()).collect();
        assert_eq!(at, ["a.docx, Word table 1, row 6, column 2", "a.docx, Word table 1, row 7, column 1"]);
        assert!(p.notes.iter().any(|n| n.contains("row 5: the header again")), "{:?}", p.notes);
        assert!(p.notes.iter().any(|n| n.contains("1 empty row")), "{:?}", p.notes);
    }

    #[test]
    fn separate_time_and_place_columns_and_tags() {
        let s =
            sel(&[&["名称", "日期", "地点", "类别", "备注"], &["论坛", "2023-09-18", "上海", "论坛、在线", "免费"]]);
        let p = read_rows(Path::new("a.docx"), &s, Context::calendar(2023));
        let r = &p.rows[0];
        assert_eq!((r.when.as_str(), r.place.as_deref(), r.number), ("2023-09-18", Some("上海"), None));
        assert_eq!(r.tags, ["论坛", "在线"]);
        assert_eq!(r.body, "备注：免费");
    }

    #[test]
    fn title_intro_and_note_around_the_table() {
        let a = around(
            &["附件1：".into(), "2023年中国质量协会“质量月”\n系列活动安排".into(), "说明一段".into()],
            &["联系人：张三".into(), "注：根据业务情况调整。".into(), "二、另一条".into()],
        );
        assert_eq!(a.title.as_deref(), Some("2023年中国质量协会“质量月”系列活动安排"));
        assert_eq!(a.intro, ["说明一段", "联系人：张三"]);
        assert_eq!(a.note, ["注：根据业务情况调整。", "二、另一条"]);
    }

    #[test]
    fn years_and_section_tags() {
        for (title, year) in [
            ("2023年中国质量协会", Some(2023)),
            ("中国质量协会2024年质量月", Some(2024)),
            ("第12023年", None),
            ("质量月", None),
        ] {
            assert_eq!(year_in(title), year, "{title}");
        }
        for (text, tag) in
            [("一、评价类活动", "评价类活动"), ("（二）竞赛", "竞赛"), ("3. 宣讲", "宣讲"), ("质量评价", "质量评价")]
        {
            assert_eq!(section_tag(text), tag, "{text}");
        }
    }
}
