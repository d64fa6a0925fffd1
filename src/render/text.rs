//! Text the pages show with a little markup of their own: dates that never break across lines.
//!
//! A browser may break Chinese text between any two characters, so in a narrow column "9月-10月" becomes
//! "9月-10" over "月", and "2023年9月18日" can lose its "日" to the next line. Each date or time in a text is put
//! in one `<span class="nw">` (`white-space: nowrap` in the theme); the line breaks around it, at the comma or
//! the bracket, never inside it. English dates are kept whole the same way: `Sep 18–22, 2023`,
//! `Sep 28 – Oct 3`, `14:30–16:30`, where a browser would otherwise break at any space.

use crate::escape::escape_into;

/// `text`, HTML-escaped, with each date or time in it ("2023年9月18日–22日", "9月-10月", "8月下旬",
/// "14:30-16:30", "2023-09-18", "全年") in `<span class="nw">`.
pub(crate) fn nowrap_dates(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = String::with_capacity(text.len() + 32);
    let (mut i, mut plain) = (0, 0);
    while i < chars.len() {
        // A date starts with a digit, or with an English month's name that starts a word.
        let english = month_word(&chars, i).is_some() && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        let end = if is_digit(chars[i].1) || english {
            date_run(&chars, i)
        } else if text[byte(i)..].starts_with("全年") {
            i + 2
        } else {
            i
        };
        if end > i + 1 && chars[i..end].iter().any(|&(_, c)| !is_digit(c)) {
            escape_into(&text[plain..byte(i)], &mut out);
            out.push_str("<span class=\"nw\">");
            escape_into(&text[byte(i)..byte(end)], &mut out);
            out.push_str("</span>");
            plain = byte(end);
        }
        i = end.max(i + 1);
    }
    escape_into(&text[plain..], &mut out);
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Characters that join two parts of one date or range: `9月18日-22日`, `8月下旬至9月上旬`, `14:30`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '~' | '～' | '至' | '到' | '/' | '.' | ':' | '：')
}

/// The end (exclusive) of the date that starts with the digit at `from`: digits with the units that follow a
/// number (年, 月, 日, 号, 时, 点, 分), 上旬/中下旬/初/底/末 after a month, and joiners that a digit follows.
fn date_run(chars: &[(usize, char)], from: usize) -> usize {
    let mut j = from;
    let digit_at = |k: usize| chars.get(k).is_some_and(|c| is_digit(c.1));
    while j < chars.len() {
        let c = chars[j].1;
        let prev = if j > from { Some(chars[j - 1].1) } else { None };
        let next = chars.get(j + 1).map(|c| c.1);
        let after_digit = prev.is_some_and(is_digit);
        // English: a month's name (first, or after a dash: `Sep 28 – Oct 3`) goes on the run with its day.
        if (j == from || matches!(prev, Some(' ' | '–')))
            && let Some(n) = month_word(chars, j)
        {
            j += n;
            continue;
        }
        let english = (c == ',' && next == Some(' ') && (j + 2..j + 6).all(digit_at))
            || (c == ' ' && prev == Some(',') && digit_at(j + 1))
            || (c == ' ' && after_digit && next == Some('–') && chars.get(j + 2).is_some_and(|c| c.1 == ' '))
            || (c == '–' && prev == Some(' ') && next == Some(' '))
            || (c == ' ' && prev == Some('–') && (digit_at(j + 1) || month_word(chars, j + 1).is_some()));
        let ok = is_digit(c)
            || (matches!(c, '年' | '月' | '日' | '号' | '时' | '点' | '分') && after_digit)
            || (matches!(c, '上' | '中' | '下' | '初' | '底' | '末') && prev == Some('月'))
            || (matches!(c, '中' | '下') && matches!(prev, Some('上' | '中')))
            || (c == '旬' && matches!(prev, Some('上' | '中' | '下')))
            || (is_joiner(c) && next.is_some_and(is_digit))
            || english;
        if !ok {
            break;
        }
        j += 1;
    }
    j
}

/// The length in characters of an English month's name at `at` with the space after it, when a digit follows
/// (`Sep ` of `Sep 18`, `September ` of `September 2023`), or with the dash after it when another month's name
/// follows (`July–` of `July–September 2023`).
fn month_word(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let rest = chars.get(at..)?;
    // The writer's names, and `Sept`, which schedules write too.
    crate::content::dates::english_month_names().chain(["Sept"]).find_map(|m| {
        let n = m.chars().count();
        let word = rest.get(..n)?.iter().map(|c| c.1).eq(m.chars());
        let then = |k: usize| rest.get(k).map(|c| c.1);
        let dated = then(n) == Some(' ') && then(n + 1).is_some_and(is_digit);
        let ranged = then(n) == Some('–') && month_word(chars, at + n + 1).is_some();
        (word && (dated || ranged)).then_some(n + 1)
    })
}

/// JSON for a `<script type="application/json">` element: `<` escaped, so no text can close the element.
pub(crate) fn script_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_kept_whole_and_the_rest_escaped() {
        for (text, html) in [
            ("9月18日-22日，地点待定", "<span class=\"nw\">9月18日-22日</span>，地点待定"),
            ("7月-11月，以企业申报情况具体安排", "<span class=\"nw\">7月-11月</span>，以企业申报情况具体安排"),
            (
                "2023年8月21日–31日（8月下旬）",
                "<span class=\"nw\">2023年8月21日–31日</span>（<span class=\"nw\">8月下旬</span>）",
            ),
            ("8月下旬至9月上旬", "<span class=\"nw\">8月下旬至9月上旬</span>"),
            ("9月中下旬", "<span class=\"nw\">9月中下旬</span>"),
            (
                "10月8日-12日 每天9:00-11:00",
                "<span class=\"nw\">10月8日-12日</span> 每天<span class=\"nw\">9:00-11:00</span>",
            ),
            ("2023-09-18", "<span class=\"nw\">2023-09-18</span>"),
            ("全年，按报名预约时间安排", "<span class=\"nw\">全年</span>，按报名预约时间安排"),
            ("30个赛区", "30个赛区"),
            ("3月到场", "<span class=\"nw\">3月</span>到场"),
            ("9月，上海", "<span class=\"nw\">9月</span>，上海"),
            ("<b>&", "&lt;b&gt;&amp;"),
            ("Aug 21–31, 2023 (late August)", "<span class=\"nw\">Aug 21–31, 2023</span> (late August)"),
            ("Sep 28 – Oct 3, 2023", "<span class=\"nw\">Sep 28 – Oct 3, 2023</span>"),
            (
                "Sep 27, 2023, 14:30–16:30",
                "<span class=\"nw\">Sep 27, 2023</span>, <span class=\"nw\">14:30–16:30</span>",
            ),
            ("July–September 2023", "<span class=\"nw\">July–September 2023</span>"),
            ("November 2023 – February 2024", "<span class=\"nw\">November 2023 – February 2024</span>"),
            ("Oct 1, 3 and 5, 2023", "<span class=\"nw\">Oct 1</span>, 3 and <span class=\"nw\">5, 2023</span>"),
            ("Seps 18, Sep 2", "Seps 18, <span class=\"nw\">Sep 2</span>"),
            ("in May 2024", "in <span class=\"nw\">May 2024</span>"),
            ("", ""),
        ] {
            assert_eq!(nowrap_dates(text), html, "{text}");
        }
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        assert_eq!(script_json(&["</script>"]), "[\"\\u003c/script>\"]");
    }
}
