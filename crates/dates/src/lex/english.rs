//! The English words of date texts (`18–22 September`, `Sept 18-22`, `late August`, `mid-September`, `Q3 2024`,
//! `H2`, `all year`, `Mon 18 Sep`, `2:30–4:30 pm`), read in the lower-case text `normalise` gives. A word counts
//! only whole: not after a letter (the caller says) and not before one, so `Junior` holds no `Jun`.

use super::{Dekad, Half, Tok};

/// Longest first where one word starts another (`september` before `sept` before `sep`, `a.m.` before `am`).
const WORDS: [(&str, Tok); 63] = [
    ("throughout the year", Tok::WholeYear),
    ("all year round", Tok::WholeYear),
    ("all-year-round", Tok::WholeYear),
    ("all year", Tok::WholeYear),
    ("all-year", Tok::WholeYear),
    ("year-round", Tok::WholeYear),
    ("year round", Tok::WholeYear),
    ("beginning of", Tok::Dekad(Dekad::Early)),
    ("start of", Tok::Dekad(Dekad::Early)),
    ("middle of", Tok::Dekad(Dekad::Middle)),
    ("end of", Tok::Dekad(Dekad::Late)),
    ("early-", Tok::Dekad(Dekad::Early)),
    ("early", Tok::Dekad(Dekad::Early)),
    ("mid-", Tok::Dekad(Dekad::Middle)),
    ("mid", Tok::Dekad(Dekad::Middle)),
    ("late-", Tok::Dekad(Dekad::Late)),
    ("late", Tok::Dekad(Dekad::Late)),
    ("january", Tok::MonthName(1)),
    ("february", Tok::MonthName(2)),
    ("march", Tok::MonthName(3)),
    ("april", Tok::MonthName(4)),
    ("may", Tok::MonthName(5)),
    ("june", Tok::MonthName(6)),
    ("july", Tok::MonthName(7)),
    ("august", Tok::MonthName(8)),
    ("september", Tok::MonthName(9)),
    ("sept", Tok::MonthName(9)),
    ("october", Tok::MonthName(10)),
    ("november", Tok::MonthName(11)),
    ("december", Tok::MonthName(12)),
    ("jan", Tok::MonthName(1)),
    ("feb", Tok::MonthName(2)),
    ("mar", Tok::MonthName(3)),
    ("apr", Tok::MonthName(4)),
    ("jun", Tok::MonthName(6)),
    ("jul", Tok::MonthName(7)),
    ("aug", Tok::MonthName(8)),
    ("sep", Tok::MonthName(9)),
    ("oct", Tok::MonthName(10)),
    ("nov", Tok::MonthName(11)),
    ("dec", Tok::MonthName(12)),
    ("monday", Tok::Weekday(1)),
    ("tuesday", Tok::Weekday(2)),
    ("wednesday", Tok::Weekday(3)),
    ("thursday", Tok::Weekday(4)),
    ("friday", Tok::Weekday(5)),
    ("saturday", Tok::Weekday(6)),
    ("sunday", Tok::Weekday(7)),
    ("tues", Tok::Weekday(2)),
    ("thurs", Tok::Weekday(4)),
    ("thur", Tok::Weekday(4)),
    ("mon", Tok::Weekday(1)),
    ("tue", Tok::Weekday(2)),
    ("wed", Tok::Weekday(3)),
    ("thu", Tok::Weekday(4)),
    ("fri", Tok::Weekday(5)),
    ("sat", Tok::Weekday(6)),
    ("sun", Tok::Weekday(7)),
    ("a.m.", Tok::Meridiem(false)),
    ("p.m.", Tok::Meridiem(true)),
    ("am", Tok::Meridiem(false)),
    ("pm", Tok::Meridiem(true)),
    ("through", Tok::Sep),
];

/// Words read only between two others: `to` and `and` join dates, `thru` as `through`.
const JOINERS: [(&str, Tok); 3] = [("thru", Tok::Sep), ("to", Tok::Sep), ("and", Tok::List)];

/// Abbreviations that may end in a dot (`Sept.`, `Mon.`): the dot is read with them.
fn abbreviation(word: &str, tok: Tok) -> bool {
    matches!(tok, Tok::MonthName(_) | Tok::Weekday(_)) && word.len() <= 5
}

/// The English word at the start of `rest` (lower case), and its byte length with a dot after an abbreviation.
pub(super) fn word_at(rest: &str) -> Option<(Tok, usize)> {
    let whole = |len: usize| !rest.as_bytes().get(len).is_some_and(u8::is_ascii_alphabetic);
    // H1, H2: the halves of a year, as Q3 is a quarter.
    if let [b'h', d @ (b'1' | b'2'), ..] = rest.as_bytes()
        && !rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphanumeric)
    {
        return Some((Tok::Half(if *d == b'1' { Half::First } else { Half::Second }), 2));
    }
    let (word, tok) =
        WORDS.iter().chain(&JOINERS).find(|(w, _)| rest.starts_with(w) && (w.ends_with('-') || whole(w.len())))?;
    let dot = abbreviation(word, *tok) && rest.as_bytes().get(word.len()) == Some(&b'.');
    Some((*tok, word.len() + usize::from(dot)))
}

/// Whether `word` (any case) names a month or a weekday: a comma after such a word, or before one, stays in an
/// English date (`Monday, September 18`, `Sep 18, 2023`) instead of starting its note.
pub(super) fn is_date_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    WORDS.iter().any(|(w, t)| matches!(t, Tok::MonthName(_) | Tok::Weekday(_)) && w.eq_ignore_ascii_case(word))
}

/// The length of an English ordinal suffix after a day number (`18th`, `1st`, `2nd`, `3rd`), if `rest` starts
/// with one that ends the word.
pub(super) fn ordinal_suffix(rest: &str) -> usize {
    let b = rest.as_bytes();
    match b {
        [x, y, ..]
            if matches!(
                [x.to_ascii_lowercase(), y.to_ascii_lowercase()],
                [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
            ) && !b.get(2).is_some_and(u8::is_ascii_alphabetic) =>
        {
            2
        }
        _ => 0,
    }
}

/// Whether `rest` starts with a time of day: `2:30`, `9 am`, `9–11 am`, `9:00 to 11:00` (a number and `:` or
/// am/pm, or a range of numbers ending in am/pm).
pub(super) fn clock_ahead(rest: &str) -> bool {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(rest);
    if n == 0 || n > 2 {
        return false;
    }
    if rest[n..].starts_with(':') {
        return true;
    }
    let meridiem = |s: &str| word_at(s.trim_start()).is_some_and(|(t, _)| matches!(t, Tok::Meridiem(_)));
    let tail = rest[n..].trim_start();
    if meridiem(tail) {
        return true;
    }
    // 9–11 am: a range of hours whose end says am or pm.
    let Some(dash) = tail.chars().next().filter(|c| matches!(c, '-' | '–' | '—' | '~')) else { return false };
    let end = tail[dash.len_utf8()..].trim_start();
    let m = digits(end);
    m > 0 && m <= 2 && meridiem(&end[m..])
}

/// Whether the text is English, for its messages: it has an English date word.
pub(crate) fn is_english(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| !w.is_empty() && WORDS.iter().chain(&JOINERS).any(|(x, _)| x.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::{Tok, word_at};

    #[test]
    fn words() {
        assert_eq!(word_at("sept. 18"), Some((Tok::MonthName(9), 5)));
        assert_eq!(word_at("september"), Some((Tok::MonthName(9), 9)));
        assert_eq!(word_at("junior"), None);
        assert_eq!(word_at("mid-september"), Some((Tok::Dekad(super::Dekad::Middle), 4)));
        assert_eq!(word_at("h2 2024"), Some((Tok::Half(super::Half::Second), 2)));
        assert_eq!(word_at("h22"), None);
        assert_eq!(word_at("p.m."), Some((Tok::Meridiem(true), 4)));
        assert_eq!(word_at("tomorrow"), None);
    }
}
