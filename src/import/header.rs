//! When no table of a file names its activity column: what the file is instead (a document without a table,
//! a month-by-weekday calendar), or the header cells seen, with a `--columns` to paste.

use std::path::Path;

use super::columns::{Field, normalise};
use super::{Cell, ImportError, Table};
use crate::error::{Diagnostics, TableCell, TableName};

/// Why no table was read, as helpfully as the file allows: a document without a table, a calendar grid, or
/// the header cells seen with a `--columns` to paste.
pub(super) fn not_found(
    path: &Path,
    tables: usize,
    choice: Option<usize>,
    chosen: &[(Field, String)],
    paragraphs: &[String],
    candidates: &[(TableCell, Vec<String>)],
    grids: &[TableName],
) -> Diagnostics {
    const EXPECTS: &str = "almanac import reads a table with one activity per row under a header row naming its \
                           columns (活动名称 | 时间 | 地点 …, or title | date | location)";
    if tables == 0 {
        let paragraphs = paragraphs.iter().filter(|p| !p.trim().is_empty()).count();
        return super::file_error(
            path,
            ImportError::NoTable { paragraphs },
            format!(
                "{EXPECTS}. Put the schedule in a table (in Word: Insert → Table), one row per activity, or in a \
                 spreadsheet, and import that"
            ),
        );
    }
    if candidates.is_empty() && !grids.is_empty() {
        return super::file_error(
            path,
            ImportError::CalendarGrid { tables: grids.to_vec() },
            format!("{EXPECTS}. Write the grid's activities as rows of a table (名称, 日期), and import that"),
        );
    }
    let Some((at, cells)) = candidates.first() else {
        return super::file_error(path, ImportError::NoHeaderRow { chosen: choice, tables }, EXPECTS);
    };
    let unknown: Vec<String> =
        chosen.iter().map(|(_, h)| h.clone()).filter(|h| !cells.iter().any(|c| normalise(c) == normalise(h))).collect();
    let help = match suggest(cells) {
        Some(s) => format!("say which column is which, for example: --columns {s}"),
        None => "say which column is which with --columns, e.g. --columns 标题=课程名称,时间=考试时间".to_string(),
    };
    let (at, cells) = (at.clone(), cells.clone());
    let error = if unknown.is_empty() {
        ImportError::NoTitleColumn { chosen: choice, tables, at, cells }
    } else {
        ImportError::ColumnsNotInHeader { unknown, at, cells }
    };
    super::file_error(path, error, help)
}

/// The row most like a header among a table's first rows: the first with the most distinct non-empty cells
/// (a title row merged across the table has one).
pub(super) fn header_like(table: &Table, search: usize) -> Option<(TableCell, Vec<String>)> {
    let mut best: Option<(usize, Vec<String>)> = None;
    for (i, row) in table.rows.iter().take(search).enumerate() {
        let cells: Vec<String> =
            row.iter().filter(|c| c.span > 0 && !c.merged).map(Cell::joined).filter(|t| !t.is_empty()).collect();
        if cells.len() > best.as_ref().map_or(1, |(_, b)| b.len()) {
            best = Some((i, cells));
        }
    }
    best.map(|(i, cells)| (table.origin.at(i, None), cells))
}

/// A `--columns` value for a header row: the activity is the first column of text that is not a number, a
/// date or a place; the time the first whose header speaks of time or date; the place one of place or room.
fn suggest(cells: &[String]) -> Option<String> {
    let has = |c: &str, words: &[&str]| {
        let n = normalise(c);
        words.iter().any(|w| n.contains(w))
    };
    let time = cells.iter().find(|c| has(c, &["时间", "日期", "时", "日", "date", "time", "when"]));
    let place = cells.iter().find(|c| has(c, &["地", "室", "场", "place", "room", "venue", "where", "location"]));
    let title = cells.iter().find(|c| {
        Some(*c) != time
            && Some(*c) != place
            && !has(c, &["序", "号", "no", "#", "代码", "code", "id"])
            && !c.chars().all(|ch| ch.is_ascii_digit())
    })?;
    let mut parts = vec![format!("标题={title}")];
    parts.extend(time.map(|t| format!("时间={t}")));
    parts.extend(place.map(|p| format!("地点={p}")));
    Some(parts.join(","))
}

/// A month-by-weekday calendar (校历): a row near the top whose cells are most of the week's days.
pub(super) fn is_calendar_grid(table: &Table, search: usize) -> bool {
    const DAYS: &[&[&str]] = &[
        &["一", "周一", "星期一", "mon", "monday"],
        &["二", "周二", "星期二", "tue", "tuesday"],
        &["三", "周三", "星期三", "wed", "wednesday"],
        &["四", "周四", "星期四", "thu", "thursday"],
        &["五", "周五", "星期五", "fri", "friday"],
        &["六", "周六", "星期六", "sat", "saturday"],
        &["日", "天", "周日", "星期日", "星期天", "sun", "sunday"],
    ];
    table.rows.iter().take(search).any(|row| {
        let cells: Vec<String> = row.iter().map(|c| normalise(&c.joined())).collect();
        DAYS.iter().filter(|names| cells.iter().any(|c| names.contains(&c.as_str()))).count() >= 5
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_columns_from_header_words() {
        let s = |cells: &[&str]| suggest(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        #[rustfmt::skip]
        let cases: &[(&[&str], Option<&str>)] = &[
            (&["代码", "课目", "考试时刻", "考场"], Some("标题=课目,时间=考试时刻,地点=考场")),
            (&["No", "Talk", "When?", "Room"], Some("标题=Talk,时间=When?,地点=Room")),
            (&["序号", "议题"], Some("标题=议题")),
            (&["1", "2"], None),
        ];
        for (cells, want) in cases {
            assert_eq!(s(cells).as_deref(), *want, "{cells:?}");
        }
    }
}
