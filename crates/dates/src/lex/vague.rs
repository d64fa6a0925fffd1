//! Words that name no dates (春节前后, 常态化, 待定, 年底前, 每周三, TBD, every Wednesday), in simplified or
//! Traditional characters (found in the normalised text) or in English: no range would be honest, so they are an
//! error whose help shows the range-plus-note that says the same, in the script or language the word was written in.

use super::normalise::{normalise, traditional};
use super::{CLOSERS, OPENERS, Span};
use crate::error::{DateError, DateErrorKind};

/// Each word and an example of writing it honestly. Longer words first, so 春节前后 is named
/// whole rather than as 春节.
const VAGUE: [(&str, &str); 28] = [
    ("春节前后", "1月20日-2月10日（春节前后）"),
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
    ("以后", "10月（国庆以后）"),
    ("前", "9月1日-30日（9月底前）"),
    ("后", "10月（国庆后）"),
];

/// English words that name no dates (in lower case, read whole), and how to write each honestly. `by appointment`
/// is not here: as 按预约, it is no date at all, and is refused as unreadable unless it follows one as a note.
const VAGUE_EN: [(&str, &str); 19] = [
    ("to be confirmed", "September (to be confirmed)"),
    ("to be determined", "September (to be determined)"),
    ("to be announced", "September (to be announced)"),
    ("tbd", "September (TBD)"),
    ("tbc", "September (TBC)"),
    ("tba", "September (TBA)"),
    ("ongoing", "all year (ongoing)"),
    ("every", "September–December (every Wednesday)"),
    ("weekly", "September–December (weekly)"),
    ("monthly", "all year (monthly)"),
    ("weekends", "September–December (weekends)"),
    ("weekend", "September–December (weekend)"),
    ("around", "mid-September (around)"),
    ("approx", "mid-September (approx.)"),
    ("about", "mid-September (about)"),
    ("before", "September 1–30 (before the end of September)"),
    ("after", "October (after the holiday)"),
    ("until", "September 1–30 (until the end of September)"),
    ("soon", "September–October (soon)"),
];

/// The first vague word in the date part, outside brackets (a note may say anything). Words are found in the
/// normalised text, so a Traditional 春節前後 is the simplified 春节前后; the error quotes the text as written.
pub(crate) fn check_vague(text: &str, date: Span) -> Result<(), DateError> {
    // Byte `i` of the date part is byte `date.start + i` of the text.
    let norm = normalise(&text[date.start..date.end]);
    let norm = norm.as_ref();
    let mut depth = 0usize;
    for (i, c) in norm.char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            let at = date.start + i;
            let rest = &norm[i..];
            let found = if c.is_ascii_alphabetic() {
                let whole = |len: usize| !rest.as_bytes().get(len).is_some_and(u8::is_ascii_alphabetic);
                let after_letter = i > 0 && norm.as_bytes()[i - 1].is_ascii_alphabetic();
                VAGUE_EN.iter().map(|(w, _)| *w).find(|w| !after_letter && rest.starts_with(w) && whole(w.len()))
            } else {
                VAGUE.iter().map(|(w, _)| *w).find(|w| rest.starts_with(w))
            };
            if let Some(word) = found {
                let span = Span::new(at, at + word.len());
                return Err(span.error(DateErrorKind::Vague(span.text(text))));
            }
        }
    }
    Ok(())
}

/// How to write `word` honestly, in its own script or language; a weekly word when it is not in the table (周三
/// alone, Wednesday alone).
pub(crate) fn honest_example(word: &str) -> String {
    let norm = normalise(word);
    if let Some((_, example)) = VAGUE_EN.iter().find(|(w, _)| *w == norm.as_ref()) {
        return example.to_string();
    }
    if word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return format!("September–December (every {word})");
    }
    let example = match VAGUE.iter().find(|(w, _)| *w == norm.as_ref()) {
        Some((_, example)) => example.to_string(),
        None => format!("9月-12月（每{norm}）"),
    };
    if norm.as_ref() == word { example } else { traditional(&example) }
}
