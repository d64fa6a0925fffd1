//! Words that name no dates (春节前后, 常态化, 待定, 年底前, 每周三), in simplified or Traditional characters: no
//! range would be honest, so they are an error whose help shows the range-plus-note that says the same.

use super::{CLOSERS, OPENERS, Span};
use crate::error::{DateError, DateErrorKind};

/// Each word and an example of writing it honestly. Longer words first, so 春节前后 is named
/// whole rather than as 春节.
const VAGUE: [(&str, &str); 37] = [
    ("春节前后", "1月20日-2月10日（春节前后）"),
    ("春節前後", "1月20日-2月10日（春節前後）"),
    ("常態化", "全年（常態化）"),
    ("國慶", "10月1日-7日（國慶期間）"),
    ("前後", "9月中下旬（前後）"),
    ("每週", "9月-12月（每週三）"),
    ("週末", "9月-12月（週末）"),
    ("長期", "全年（長期）"),
    ("之後", "10月（國慶之後）"),
    ("以後", "10月（國慶以後）"),
    ("後", "10月（國慶後）"),
    ("年底之前", "9月-12月（年底之前）"),
    ("年底前", "9月-12月（年底前）"),
    ("常态化", "全年（常态化）"),
    ("另行通知", "9月（具体时间另行通知）"),
    ("春节", "1月20日-2月10日（春节）"),
    ("国庆", "10月1日-7日（国庆期间）"),
    ("中秋", "9月下旬（中秋）"),
    ("暑假", "7月-8月（暑假）"),
    ("寒假", "1月-2月（寒假）"),
    ("前后", "9月中下旬（前后）"),
    ("左右", "9月中旬（左右）"),
    ("待定", "9月（待定）"),
    ("年底", "12月（年底）"),
    ("年末", "12月（年末）"),
    ("年初", "1月（年初）"),
    ("年中", "6月-7月（年中）"),
    ("每周", "9月-12月（每周三）"),
    ("每月", "全年（每月15日）"),
    ("周末", "9月-12月（周末）"),
    ("近期", "9月-10月（近期）"),
    ("长期", "全年（长期）"),
    ("之前", "9月1日-30日（9月底之前）"),
    ("以前", "9月1日-30日（9月底以前）"),
    ("之后", "10月（国庆之后）"),
    ("前", "9月1日-30日（9月底前）"),
    ("后", "10月（国庆后）"),
];

/// The first vague word in the date part, outside brackets (a note may say anything).
pub(crate) fn check_vague(text: &str, date: Span) -> Result<(), DateError> {
    let mut depth = 0usize;
    for (i, c) in text[date.start..date.end].char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            let rest = &text[date.start + i..date.end];
            if let Some((word, _)) = VAGUE.iter().find(|(word, _)| rest.starts_with(word)) {
                let span = Span::new(date.start + i, date.start + i + word.len());
                return Err(span.error(DateErrorKind::Vague(word.to_string())));
            }
        }
    }
    Ok(())
}

/// How to write `word` honestly; a weekly word when it is not in the table (周三 alone).
pub(crate) fn honest_example(word: &str) -> String {
    match VAGUE.iter().find(|(w, _)| *w == word) {
        Some((_, example)) => example.to_string(),
        None => format!("9月-12月（每{word}）"),
    }
}
