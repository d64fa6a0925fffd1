//! Recognising a table's columns by their header text: 序号, 活动名称, 时间地点, … in the spellings schedules use.

use std::fmt;

use super::ImportError;
use crate::error::Diagnostics;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Field {
    /// 序号: the activity's number.
    Number,
    /// 活动名称: the activity's name, the one column a table must have.
    Title,
    /// 时间地点: time and place in one cell, split into `when` and `where`.
    TimePlace,
    /// 时间: the published time text, `when`.
    Time,
    /// A second time column beside a date column (日期 | 时间, date | time): its text follows the date's in
    /// `when`, after a space.
    Clock,
    /// 地点 or 形式: `where`.
    Place,
    /// 主要内容: the body.
    Content,
    /// 备注: a closing paragraph of the body, "备注：…".
    Remarks,
    /// 标签 / 类别 / 类型: tags.
    Tags,
    /// 主办单位: `organiser`.
    Organiser,
    /// 承办单位: `host`.
    Host,
    /// 负责人 / 联系人: kept in the body under its header, like an extra column.
    Contact,
}

impl Field {
    /// Where the column goes in an activity file, for the report.
    pub(super) fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Title => "title",
            Field::TimePlace => "when + where",
            Field::Time => "when",
            Field::Clock => "when (after the date)",
            Field::Place => "where",
            Field::Content => "body",
            Field::Remarks => "body (备注：…)",
            Field::Tags => "tags",
            Field::Organiser => "organiser",
            Field::Host => "host",
            Field::Contact => "body (kept as “header：value”)",
        }
    }

    /// The names `--columns` accepts for the field, Chinese first.
    pub(super) fn option_names(self) -> &'static [&'static str] {
        match self {
            Field::Number => &["序号", "number"],
            Field::Title => &["标题", "名称", "title"],
            Field::TimePlace => &["时间地点", "when+where"],
            Field::Time => &["时间", "日期", "when", "date"],
            Field::Clock => &["时刻", "time"],
            Field::Place => &["地点", "where", "place"],
            Field::Content => &["内容", "body", "content"],
            Field::Remarks => &["备注", "notes"],
            Field::Tags => &["标签", "类别", "tags"],
            Field::Organiser => &["主办", "organiser"],
            Field::Host => &["承办", "host"],
            Field::Contact => &["联系人", "负责人", "contact"],
        }
    }

    /// The field `--columns` names, if any (`标题`, `title`, …).
    pub(super) fn from_option(name: &str) -> Option<Field> {
        let n = normalise(name);
        NAMES.iter().map(|(f, _)| *f).find(|f| f.option_names().iter().any(|o| normalise(o) == n))
    }
}

/// `--columns 标题=课程名称,时间=考试时间` as (field, header) pairs.
pub(super) fn parse_pairs(value: &str) -> Result<Vec<(Field, String)>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Diagnostics::default();
    for pair in value.split([',', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((field, header)) = pair.split_once(['=', '＝']) else {
            errors.extend(super::arg_error(
                "--columns",
                ImportError::ColumnsNotAPair { pair: pair.to_string() },
                "write each column as FIELD=HEADER, e.g. --columns 标题=课程名称,时间=考试时间",
            ));
            continue;
        };
        match Field::from_option(field) {
            Some(f) if !header.trim().is_empty() => out.push((f, header.trim().to_string())),
            Some(_) => errors.extend(super::arg_error(
                "--columns",
                ImportError::ColumnsNoHeader { pair: pair.to_string() },
                "write the header after `=` as the table has it",
            )),
            None => {
                let names: Vec<&str> = NAMES.iter().flat_map(|(f, _)| f.option_names().iter().copied()).collect();
                errors.extend(super::arg_error(
                    "--columns",
                    ImportError::ColumnsNoField { field: field.trim().to_string() },
                    format!("the fields are: {}", names.join(", ")),
                ));
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The header vocabulary: every spelling of every field, gathered from schedules, exam timetables, training
/// plans, meeting and contest lists as published, compared after [`normalise`]. A header must match a
/// spelling exactly (a cell of text under a header is never taken for one). The README's table of headers is
/// [`vocabulary_table`] of this list, and a test keeps the two equal.
pub(super) const NAMES: &[(Field, &[&str])] = &[
    (Field::Number, &["序号", "编号", "序", "排序", "no", "no.", "number", "#", "nr."]),
    (
        Field::Title,
        &[
            "活动名称",
            "名称",
            "活动",
            "项目",
            "主题",
            "活动主题",
            "项目名称",
            "活动项目",
            "活动内容名称",
            "课程名称",
            "课程",
            "培训课程",
            "培训名称",
            "培训项目",
            "培训主题",
            "会议名称",
            "会议",
            "会议主题",
            "讲座名称",
            "讲座题目",
            "报告题目",
            "题目",
            "标题",
            "赛事名称",
            "比赛名称",
            "竞赛名称",
            "比赛项目",
            "考试科目",
            "科目",
            "科目名称",
            "事项",
            "工作事项",
            "title",
            "event",
            "name",
            "activity",
            "course",
            "subject",
            "session",
        ],
    ),
    (
        Field::TimePlace,
        &[
            "时间地点",
            "时间/地点",
            "时间、地点",
            "时间及地点",
            "时间和地点",
            "时间与地点",
            "日期地点",
            "时间(地点)",
            "时间、地点及形式",
            "when/where",
            "date/place",
        ],
    ),
    (
        Field::Time,
        &[
            "时间",
            "日期",
            "举办时间",
            "活动时间",
            "活动日期",
            "举办日期",
            "起止时间",
            "起止日期",
            "时间安排",
            "日期安排",
            "考试时间",
            "考试日期",
            "培训时间",
            "培训日期",
            "会议时间",
            "会议日期",
            "上课时间",
            "开课时间",
            "比赛时间",
            "比赛日期",
            "竞赛时间",
            "具体时间",
            "计划时间",
            "完成时间",
            "when",
            "date",
            "dates",
            "time",
            "date/time",
        ],
    ),
    (Field::Clock, &["时刻", "时段", "时间段", "钟点", "hours"]),
    (
        Field::Place,
        &[
            "地点",
            "举办地点",
            "活动地点",
            "形式",
            "活动形式",
            "举办形式",
            "地点/形式",
            "参加方式",
            "考试地点",
            "考场",
            "培训地点",
            "会议地点",
            "上课地点",
            "比赛地点",
            "场地",
            "教室",
            "举办城市",
            "where",
            "place",
            "location",
            "venue",
            "room",
        ],
    ),
    (
        Field::Content,
        &[
            "主要内容",
            "内容",
            "活动内容",
            "简介",
            "说明",
            "活动简介",
            "内容简介",
            "活动说明",
            "培训内容",
            "会议内容",
            "工作内容",
            "具体内容",
            "content",
            "description",
            "details",
            "summary",
        ],
    ),
    (Field::Remarks, &["备注", "附注", "remarks", "notes", "note", "comments"]),
    (Field::Tags, &["标签", "类别", "类型", "分类", "活动类别", "活动类型", "级别", "tags", "type", "category"]),
    (Field::Organiser, &["主办单位", "主办", "主办方", "主办机构", "主办部门", "组织单位", "organiser", "organizer"]),
    (Field::Host, &["承办单位", "承办", "承办方", "承办机构", "承办部门", "负责单位", "执行单位", "host"]),
    (Field::Contact, &["负责人", "联系人", "联系方式", "联系电话", "咨询电话", "contact", "contact person"]),
];

/// The README's table of recognised headers, made from [`NAMES`] (for the test that holds them equal).
#[cfg(test)]
pub(super) fn vocabulary_table() -> String {
    let mut out = String::from("| header | goes to |\n|---|---|\n");
    for (field, names) in NAMES {
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let goes = match field {
            Field::Title => "`title` (a table must have it)".to_string(),
            Field::TimePlace => "`when` and `where`, split as below".to_string(),
            Field::Clock => "`when`, after the date column's text (日期 \\| 时刻)".to_string(),
            Field::Content => "the body: each paragraph (or line) of the cell a Markdown paragraph".to_string(),
            Field::Remarks => "a last paragraph of the body, `备注：…`".to_string(),
            Field::Tags => "`tags` (split at 、，,；/ and spaces)".to_string(),
            Field::Contact => "the body, as `HEADER：value`".to_string(),
            f => format!("`{}`", f.key()),
        };
        out += &format!("| {} | {goes} |\n", names.join(", "));
    }
    out + "| anything else | kept in the body as a paragraph `HEADER：value` (`第N列：value` without a header), never dropped |\n"
}

/// Header text as compared: no white space anywhere (Word tables often space out "序  号"), full-width
/// brackets and slashes as ASCII, ASCII lower case, no trailing colon.
pub(super) fn normalise(header: &str) -> String {
    let folded: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            '＃' => '#',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    folded.trim_end_matches([':', '：']).to_string()
}

/// The field a header names, if any.
pub(super) fn recognise(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    NAMES.iter().find(|(_, names)| names.iter().any(|n| normalise(n) == h)).map(|(f, _)| *f)
}

/// A table's columns: the field of each, by index; a header that names no field, or a field already taken by an
/// earlier column, is an extra column, kept in the body under its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    /// One entry per column of the header row.
    pub kinds: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    Field(Field),
    /// Kept in the body as a paragraph "HEADER：value".
    Extra(String),
    /// No header text: its cells are kept like an extra column's, under "列N".
    Unnamed,
}

impl Columns {
    /// Columns from a header row's texts; None if no column names the activity. `chosen` (from `--columns`)
    /// names the field of a header, before the vocabulary.
    pub(super) fn from_header(headers: &[String], chosen: &[(Field, String)]) -> Option<Columns> {
        let mut taken = Vec::new();
        let forced = |h: &str| chosen.iter().find(|(_, c)| normalise(c) == normalise(h)).map(|(f, _)| *f);
        let kinds: Vec<Column> = headers
            .iter()
            .map(|h| {
                let field = match forced(h) {
                    Some(f) => Some(f),
                    // A field that `--columns` gives another header is not taken from the vocabulary.
                    None => recognise(h).filter(|f| !chosen.iter().any(|(c, _)| c == f)),
                };
                // A second time column beside the date is its time of day.
                let field = match field {
                    Some(Field::Time) if taken.contains(&Field::Time) => Some(Field::Clock),
                    f => f,
                };
                match field {
                    // A combined column and separate time/place columns cannot both feed `when`.
                    Some(f) if !taken.contains(&f) && !conflicts(f, &taken) => {
                        taken.push(f);
                        Column::Field(f)
                    }
                    _ if h.trim().is_empty() => Column::Unnamed,
                    _ => Column::Extra(h.trim().to_string()),
                }
            })
            .collect();
        taken.contains(&Field::Title).then_some(Columns { kinds })
    }

    pub(super) fn find(&self, field: Field) -> Option<usize> {
        self.kinds.iter().position(|k| *k == Column::Field(field))
    }

    pub(super) fn has_time(&self) -> bool {
        self.find(Field::TimePlace).is_some() || self.find(Field::Time).is_some()
    }
}

fn conflicts(f: Field, taken: &[Field]) -> bool {
    match f {
        Field::TimePlace => taken.contains(&Field::Time) || taken.contains(&Field::Place),
        Field::Time | Field::Place => taken.contains(&Field::TimePlace),
        Field::Clock => !taken.contains(&Field::Time),
        _ => false,
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Column::Field(field) => f.write_str(field.key()),
            Column::Extra(_) | Column::Unnamed => f.write_str("body (kept as “header：value”)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Field::*;

    #[test]
    fn recognises_the_usual_spellings() {
        #[rustfmt::skip]
        let cases: &[(&str, Option<Field>)] = &[
            ("序号", Some(Number)), ("序  号", Some(Number)), ("编号", Some(Number)), ("No.", Some(Number)),
            ("NO", Some(Number)), ("序号：", Some(Number)),
            ("活动名称", Some(Title)), ("名称", Some(Title)), ("活动", Some(Title)), ("项目", Some(Title)),
            ("主题", Some(Title)), (" 活动名称 ", Some(Title)), ("活 动 名 称", Some(Title)),
            ("时间地点", Some(TimePlace)), ("时间/地点", Some(TimePlace)), ("时间、地点", Some(TimePlace)),
            ("时间／地点", Some(TimePlace)), ("时间及地点", Some(TimePlace)), ("时间（地点）", Some(TimePlace)),
            ("时间", Some(Time)), ("日期", Some(Time)), ("举办时间", Some(Time)), ("活动时间", Some(Time)),
            ("地点", Some(Place)), ("举办地点", Some(Place)), ("活动地点", Some(Place)), ("形式", Some(Place)),
            ("主要内容", Some(Content)), ("内容", Some(Content)), ("活动内容", Some(Content)),
            ("简介", Some(Content)), ("说明", Some(Content)),
            ("备注", Some(Remarks)),
            ("标签", Some(Tags)), ("类别", Some(Tags)), ("类型", Some(Tags)),
            ("负责部门", None), ("主办单位", Some(Organiser)), ("承办单位", Some(Host)), ("主 办", Some(Organiser)),
            ("负责人", Some(Contact)), ("联系人", Some(Contact)), ("", None), ("   ", None), ("时间地点备注", None),
        ];
        for (header, want) in cases {
            assert_eq!(recognise(header), *want, "{header:?}");
        }
    }

    /// docs/import.md's table of headers is this list's: `cargo test` fails, printing the table to paste,
    /// until the documentation says what the code reads.
    #[test]
    fn the_import_docs_list_the_vocabulary() {
        let table = vocabulary_table();
        let docs = include_str!("../../docs/import.md");
        assert!(docs.contains(&table), "docs/import.md must hold this table:\n{table}");
        // No spelling names two fields.
        let mut seen = std::collections::BTreeMap::new();
        for (f, names) in NAMES {
            for n in *names {
                assert_eq!(*seen.entry(normalise(n)).or_insert(*f), *f, "{n}");
            }
        }
    }

    #[test]
    fn columns_option_names_fields_before_the_vocabulary() {
        let h: Vec<String> = ["课程代码", "课程简称", "考试时刻", "地点"].iter().map(|s| s.to_string()).collect();
        assert_eq!(Columns::from_header(&h, &[]), None);
        let chosen = [(Title, "课程简称".to_string()), (Time, "考试时刻".to_string())];
        let c = Columns::from_header(&h, &chosen).unwrap().kinds;
        assert_eq!(c[1..], [Column::Field(Title), Column::Field(Time), Column::Field(Place)]);
        // A header the vocabulary knows gives way to the one --columns names for its field.
        let h: Vec<String> = ["名称", "课程名称", "日期"].iter().map(|s| s.to_string()).collect();
        let c = Columns::from_header(&h, &[(Title, "课程名称".into())]).unwrap().kinds;
        assert_eq!(c, [Column::Extra("名称".into()), Column::Field(Title), Column::Field(Time)]);
        for (name, field) in [("标题", Some(Title)), ("title", Some(Title)), ("时间", Some(Time)), ("x", None)] {
            assert_eq!(Field::from_option(name), field, "{name}");
        }
    }

    #[test]
    fn a_date_and_a_time_column_make_one_when() {
        let c = cols(&["date", "time", "event", "location"]).unwrap();
        assert_eq!(c, [Column::Field(Time), Column::Field(Clock), Column::Field(Title), Column::Field(Place)]);
        let c = cols(&["考试日期", "时段", "课程名称", "考场"]).unwrap();
        assert_eq!(c, [Column::Field(Time), Column::Field(Clock), Column::Field(Title), Column::Field(Place)]);
    }

    fn cols(headers: &[&str]) -> Option<Vec<Column>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        Columns::from_header(&h, &[]).map(|c| c.kinds)
    }

    #[test]
    fn a_table_needs_a_title_column() {
        assert_eq!(cols(&["序号", "时间", "地点"]), None);
        assert_eq!(cols(&[]), None);
        let c = cols(&["序号", "活动名称", "时间地点", "主要内容"]).unwrap();
        assert_eq!(c, [Column::Field(Number), Column::Field(Title), Column::Field(TimePlace), Column::Field(Content)]);
    }

    #[test]
    fn unknown_repeated_and_blank_headers_are_kept_as_extra_columns() {
        let c = cols(&["活动名称", "时间", "负责部门", "名称", "", "时间地点", "地点"]).unwrap();
        assert_eq!(
            c,
            [
                Column::Field(Title),
                Column::Field(Time),
                Column::Extra("负责部门".into()),
                Column::Extra("名称".into()),
                Column::Unnamed,
                Column::Extra("时间地点".into()),
                Column::Field(Place),
            ]
        );
    }
}
