//! Text the pages show with a little markup of their own: dates that never break across lines.
//!
//! A browser may break Chinese text between any two characters, so in a narrow column "9月-10月" becomes
//! "9月-10" over "月", and "2023年9月18日" can lose its "日" to the next line. Each date or time in a text is put
//! in one `<span class="nw">` (`white-space: nowrap` in the theme); the line breaks around it, at the comma or
//! the bracket, never inside it.

use crate::escape::escape_into;

/// `text`, HTML-escaped, with each date or time in it ("2023年9月18日–22日", "9月-10月", "8月下旬",
/// "14:30-16:30", "2023-09-18", "全年") in `<span class="nw">`.
pub(crate) fn nowrap_dates(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = String::with_capacity(text.len() + 32);
    let (mut i, mut plain) = (0, 0);
    while i < chars.len() {
        let end = if is_digit(chars[i].1) {
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
    while j < chars.len() {
        let c = chars[j].1;
        let prev = if j > from { Some(chars[j - 1].1) } else { None };
        let next = chars.get(j + 1).map(|c| c.1);
        let after_digit = prev.is_some_and(is_digit);
        let ok = is_digit(c)
            || (matches!(c, '年' | '月' | '日' | '号' | '时' | '点' | '分') && after_digit)
            || (matches!(c, '上' | '中' | '下' | '初' | '底' | '末') && prev == Some('月'))
            || (matches!(c, '中' | '下') && matches!(prev, Some('上' | '中')))
            || (c == '旬' && matches!(prev, Some('上' | '中' | '下')))
            || (is_joiner(c) && next.is_some_and(is_digit));
        if !ok {
            break;
        }
        j += 1;
    }
    j
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
