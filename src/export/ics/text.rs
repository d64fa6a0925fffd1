//! The text of an iCalendar file (RFC 5545 §3.1–3.3): TEXT values escaped, parameter values quoted or
//! caret-encoded (RFC 6868), content lines folded at 75 octets with CRLF ends.

/// Octets a content line may take, excluding CRLF (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A parameter value (RFC 5545 §3.1, RFC 6868): `^`, `"` and line breaks caret-encoded (`^^`, `^'`, `^n`), other
/// control characters dropped, and the whole quoted when it holds `:`, `;` or `,`, which a bare one cannot.
pub(super) fn param(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("^n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.contains([':', ';', ',']) { format!("\"{out}\"") } else { out }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, other
/// control characters dropped (they are not allowed in a content line).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a content line into lines of at most 75 octets, never inside a UTF-8 character; each continuation
/// starts with a space, which counts toward its 75.
pub(super) fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A calendar being written, line by line.
#[derive(Default)]
pub(super) struct Writer {
    pub out: String,
}

impl Writer {
    /// A property whose value is already in its final form (dates, URIs, escaped lists).
    pub(super) fn raw(&mut self, name: &str, value: &str) {
        fold(&format!("{name}:{value}"), &mut self.out);
    }

    pub(super) fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape("9月18日-22日，北京"), "9月18日-22日，北京");
    }

    #[test]
    fn parameter_values_are_quoted_and_caret_encoded() {
        let cases = [
            ("Asia/Shanghai", "Asia/Shanghai"),
            ("中国质量协会", "中国质量协会"),
            ("协会: 秘书处", "\"协会: 秘书处\""),
            ("A; B, C", "\"A; B, C\""),
            ("\"质量\"协会^1", "^'质量^'协会^^1"),
            ("一\r\n二\u{7}", "一^n二"),
        ];
        for (value, want) in cases {
            assert_eq!(param(value), want, "{value:?}");
        }
    }

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "质量".repeat(40));
        fold(&line, &mut out);
        assert!(out.ends_with("\r\n"));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= LINE_OCTETS, "{l}");
            assert_eq!(i > 0, l.starts_with(' '));
        }
        // Unfolding gives the line back.
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        let mut short = String::new();
        fold("VERSION:2.0", &mut short);
        assert_eq!(short, "VERSION:2.0\r\n");
    }
}
