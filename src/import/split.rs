//! Splitting a combined 时间地点 cell into `when` and `where`.
//!
//! The site prints an activity's 时间地点 as `when`，`where` (see `Activity::published`), so a split is only
//! made where that gives back the published text: at a full-width comma `，` (or a line break in the cell,
//! which the site shows as that comma). The rule:
//!
//! 1. Find the first `，`, `,`, `；` or `;` outside brackets after which the text before it reads as a date
//!    (through [`parse_when_in`] with the schedule's [`Context`], exactly as `build` reads it). No such separator: the whole cell is `when`.
//! 2. Look at the clause after it, up to its own next separator. If it names a place or a format (北京, 全国,
//!    在线观看, 公开征集, 地点待定, 组织专家评审) it becomes `where`, with the rest of the cell. If it says how the
//!    timing is arranged (按报名预约时间安排, 以企业申报情况具体安排, 具体时间另行通知, 上午9:00) it stays in
//!    `when`, where the date reader keeps it as the date's note. A clause is about timing when it reads as a
//!    date itself, or has a timing word ([`TIMING_WORDS`]) and no place word ([`PLACE_WORDS`], which wins:
//!    地点待定 is a place).
//! 3. Only `，` and a line break split. After `,` `；` `;` the clause stays in `when` (as the date's note)
//!    whatever it says, so that the site never shows a different character than the source; the report says so.

use crate::content::dates::{Context, parse_when_in};

/// Words that make a clause a statement about timing, kept as the date's note.
pub(super) const TIMING_WORDS: &[&str] = &[
    "安排", "时间", "日期", "预约", "另行", "通知", "为准", "待定", "暂定", "左右", "前后", "期间", "截止", "之前",
    "以前", "之后", "以后", "开始", "结束", "持续", "每月", "每周", "每天", "每日", "每年", "星期", "周一", "周二",
    "周三", "周四", "周五", "周六", "周日", "上午", "下午", "晚上", "全天", "分批", "滚动",
];

/// Words that make a clause a place or a format, even when it also has a timing word (地点待定).
pub(super) const PLACE_WORDS: &[&str] =
    &["地点", "在线", "线上", "线下", "网上", "网络", "现场", "会场", "视频", "直播", "远程", "会议室", "举办地"];

const SEPARATORS: &[char] = &['，', ',', '；', ';'];
const OPENERS: &[char] = &['（', '(', '【', '[', '《', '“'];
const CLOSERS: &[char] = &['）', ')', '】', ']', '》', '”'];

/// How a 时间地点 cell was divided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Split {
    pub when: String,
    pub place: Option<String>,
    pub how: How,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// No separator after a date: the cell is the date (or unreadable).
    Whole,
    /// Split into `when` and `where`.
    Place,
    /// The clause says how timing is arranged and stays the date's note.
    TimingNote,
    /// The clause reads as a place, but follows `,` `；` or `;`: kept in the note so the text stays verbatim.
    PlaceAfterOtherSeparator(char),
}

/// Splits the lines of a 时间地点 cell; `context` is the schedule's, for reading dates.
pub(super) fn split_time_place(lines: &[String], context: Context) -> Split {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    // A line break after a date counts as the comma the site shows between 时间 and 地点.
    if lines.len() > 1 && parse_when_in(lines[0], context).is_ok() {
        let rest = lines[1..].join("，");
        return if is_place(&rest, context) {
            Split { when: lines[0].to_string(), place: Some(rest), how: How::Place }
        } else {
            Split { when: format!("{}，{rest}", lines[0]), place: None, how: How::TimingNote }
        };
    }
    split_text(&super::join_lines(&lines), context)
}

fn split_text(text: &str, context: Context) -> Split {
    let whole = |how| Split { when: text.to_string(), place: None, how };
    for (i, sep) in separators(text) {
        let head = text[..i].trim();
        if head.is_empty() || parse_when_in(head, context).is_err() {
            continue;
        }
        let clause = text[i + sep.len_utf8()..].trim();
        if clause.is_empty() {
            return whole(How::Whole);
        }
        return match (is_place(clause, context), sep) {
            (true, '，') => Split { when: head.to_string(), place: Some(clause.to_string()), how: How::Place },
            (true, other) => whole(How::PlaceAfterOtherSeparator(other)),
            (false, _) => whole(How::TimingNote),
        };
    }
    whole(How::Whole)
}

/// Byte offsets of the separators outside brackets, in order.
fn separators(text: &str) -> Vec<(usize, char)> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && SEPARATORS.contains(&c) {
            out.push((i, c));
        }
    }
    out
}

/// Whether a clause after the date is a place or format (true) or a statement about timing (false). Only its
/// first part, up to the next separator, is looked at: "北京，时间待定" is a place with a remark. A part that
/// reads as a date is about timing.
pub(super) fn is_place(clause: &str, context: Context) -> bool {
    let first = separators(clause).first().map_or(clause, |(i, _)| &clause[..*i]).trim();
    if parse_when_in(first, context).is_ok() {
        return false;
    }
    PLACE_WORDS.iter().any(|w| first.contains(w)) || !TIMING_WORDS.iter().any(|w| first.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(cell: &str) -> (String, Option<String>, How) {
        let lines: Vec<String> = cell.split('\n').map(str::to_string).collect();
        let s = split_time_place(&lines, Context::calendar(2023));
        (s.when, s.place, s.how)
    }

    /// Every 时间地点 of the 2023 schedule, split as the editors did by hand in content/2023-quality-month/.
    #[test]
    fn splits_the_seed_as_its_editors_did() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("7月-9月（评审阶段），全国", "7月-9月（评审阶段）", Some("全国")),
            ("7月-11月，以企业申报情况具体安排", "7月-11月，以企业申报情况具体安排", None),
            ("7月-11月，全国各赛区", "7月-11月", Some("全国各赛区")),
            ("8月25日-11月30日，在线答题", "8月25日-11月30日", Some("在线答题")),
            ("8月下旬，在线观看", "8月下旬", Some("在线观看")),
            ("8月-10月，公开征集", "8月-10月", Some("公开征集")),
            ("8月-10月（评审阶段），全国", "8月-10月（评审阶段）", Some("全国")),
            ("8月-10月", "8月-10月", None),
            ("8月-12月，全国", "8月-12月", Some("全国")),
            ("9月，北京", "9月", Some("北京")),
            ("9月，公开征集", "9月", Some("公开征集")),
            ("9月，内蒙古呼和浩特", "9月", Some("内蒙古呼和浩特")),
            ("9月18日-22日，地点待定", "9月18日-22日", Some("地点待定")),
            ("9月21日-22日，新加坡", "9月21日-22日", Some("新加坡")),
            ("9月下旬，在线观看", "9月下旬", Some("在线观看")),
            ("9月下旬", "9月下旬", None),
            ("9月-10月，北京", "9月-10月", Some("北京")),
            ("9月-10月", "9月-10月", None),
            ("9月-10月，组织专家评审", "9月-10月", Some("组织专家评审")),
            ("9月-10月，在线观看", "9月-10月", Some("在线观看")),
            ("9月-11月", "9月-11月", None),
            ("10月", "10月", None),
            ("全年，按报名预约时间安排", "全年，按报名预约时间安排", None),
        ];
        for (cell, when, place) in cases {
            let (w, p, _) = split(cell);
            assert_eq!((w.as_str(), p.as_deref()), (*when, *place), "{cell}");
            let published = p.map_or(w.clone(), |p| format!("{w}，{p}"));
            assert_eq!(published, *cell, "the split must give back the cell");
        }
    }

    #[test]
    fn splits_other_shapes() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, Option<&str>, How)] = &[
            // A comma inside brackets is part of the date's note.
            ("9月（暂定，北京）", "9月（暂定，北京）", None, How::Whole),
            ("9月，具体时间另行通知", "9月，具体时间另行通知", None, How::TimingNote),
            ("9月18日，上午9:00", "9月18日，上午9:00", None, How::TimingNote),
            ("9月，时间待定", "9月，时间待定", None, How::TimingNote),
            // The first part of the clause decides.
            ("9月，北京，时间待定", "9月", Some("北京，时间待定"), How::Place),
            ("9月，线上线下结合", "9月", Some("线上线下结合"), How::Place),
            // Only the full-width comma splits: the site joins with it.
            ("9月；北京", "9月；北京", None, How::PlaceAfterOtherSeparator('；')),
            ("9月,北京", "9月,北京", None, How::PlaceAfterOtherSeparator(',')),
            // A line break after a date is a separator.
            ("9月18日-22日\n地点待定", "9月18日-22日", Some("地点待定"), How::Place),
            ("全年\n按报名预约时间安排", "全年，按报名预约时间安排", None, How::TimingNote),
            ("九月中，北京", "九月中", Some("北京"), How::Place),
            // Unreadable: the whole cell is kept as `when`.
            ("春节前后，北京", "春节前后，北京", None, How::Whole),
            ("待定", "待定", None, How::Whole),
            ("9月，", "9月，", None, How::Whole),
            ("", "", None, How::Whole),
            // The first separator after a readable date, not the first separator.
            ("2023年，9月，北京", "2023年，9月，北京", None, How::TimingNote),
        ];
        for (cell, when, place, how) in cases {
            assert_eq!(split(cell), (when.to_string(), place.map(str::to_string), *how), "{cell}");
        }
    }
}
