//! Recognising a table's columns by their header text: 序号, 活动名称, 时间地点, … in the spellings schedules use.

use std::fmt;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 序号: the activity's number.
    Number,
    /// 活动名称: the activity's name, the one column a table must have.
    Title,
    /// 时间地点: time and place in one cell, split into `when` and `where`.
    TimePlace,
    /// 时间: the published time text, `when`.
    Time,
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
    pub fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Title => "title",
            Field::TimePlace => "when + where",
            Field::Time => "when",
            Field::Place => "where",
            Field::Content => "body",
            Field::Remarks => "body (备注：…)",
            Field::Tags => "tags",
            Field::Organiser => "organiser",
            Field::Host => "host",
            Field::Contact => "body (kept as “header：value”)",
        }
    }
}

/// The header spellings of each field, compared after [`normalise`]. Longer, more specific names first is not
/// needed: a header must match one spelling exactly.
const NAMES: &[(Field, &[&str])] = &[
    (Field::Number, &["序号", "编号", "序", "no", "no.", "number", "#"]),
    (
        Field::Title,
        &["活动名称", "名称", "活动", "项目", "主题", "活动主题", "项目名称", "活动项目", "活动内容名称", "title"],
    ),
    (
        Field::TimePlace,
        &["时间地点", "时间/地点", "时间、地点", "时间及地点", "时间和地点", "时间与地点", "日期地点", "时间(地点)"],
    ),
    (
        Field::Time,
        &["时间", "日期", "举办时间", "活动时间", "活动日期", "举办日期", "起止时间", "时间安排", "when", "date"],
    ),
    (
        Field::Place,
        &["地点", "举办地点", "活动地点", "形式", "活动形式", "举办形式", "地点/形式", "参加方式", "where", "place"],
    ),
    (Field::Content, &["主要内容", "内容", "活动内容", "简介", "说明", "活动简介", "内容简介", "活动说明", "content"]),
    (Field::Remarks, &["备注", "附注", "remarks", "notes"]),
    (Field::Tags, &["标签", "类别", "类型", "分类", "活动类别", "活动类型", "tags"]),
    (Field::Organiser, &["主办单位", "主办", "主办方", "主办机构", "组织单位", "organiser", "organizer"]),
    (Field::Host, &["承办单位", "承办", "承办方", "承办机构", "负责单位", "host"]),
    (Field::Contact, &["负责人", "联系人", "联系方式", "联系电话", "咨询电话", "contact"]),
];

/// Header text as compared: no white space anywhere (Word tables often space out "序  号"), full-width
/// brackets and slashes as ASCII, ASCII lower case, no trailing colon.
pub fn normalise(header: &str) -> String {
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
pub fn recognise(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    NAMES.iter().find(|(_, names)| names.contains(&h.as_str())).map(|(f, _)| *f)
}

/// A table's columns: the field of each, by index; a header that names no field, or a field already taken by an
/// earlier column, is an extra column, kept in the body under its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// One entry per column of the header row.
    pub kinds: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Field(Field),
    /// Kept in the body as a paragraph "HEADER：value".
    Extra(String),
    /// No header text: its cells are kept like an extra column's, under "列N".
    Unnamed,
}

impl Columns {
    /// Columns from a header row's texts; None if no column names the activity.
    pub fn from_header(headers: &[String]) -> Option<Columns> {
        let mut taken = Vec::new();
        let kinds: Vec<Column> = headers
            .iter()
            .map(|h| match recognise(h) {
                // A combined column and separate time/place columns cannot both feed `when`.
                Some(f) if !taken.contains(&f) && !conflicts(f, &taken) => {
                    taken.push(f);
                    Column::Field(f)
                }
                _ if h.trim().is_empty() => Column::Unnamed,
                _ => Column::Extra(h.trim().to_string()),
            })
            .collect();
        taken.contains(&Field::Title).then_some(Columns { kinds })
    }

    pub fn find(&self, field: Field) -> Option<usize> {
        self.kinds.iter().position(|k| *k == Column::Field(field))
    }

    pub fn has_time(&self) -> bool {
        self.find(Field::TimePlace).is_some() || self.find(Field::Time).is_some()
    }
}

fn conflicts(f: Field, taken: &[Field]) -> bool {
    match f {
        Field::TimePlace => taken.contains(&Field::Time) || taken.contains(&Field::Place),
        Field::Time | Field::Place => taken.contains(&Field::TimePlace),
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

    fn cols(headers: &[&str]) -> Option<Vec<Column>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        Columns::from_header(&h).map(|c| c.kinds)
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
