//! Characters no published text may hold: found where they are in a content file, before anything reads it.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::super::ContentError;
use super::super::frontmatter::Located;
use crate::error::{Diagnostic, Diagnostics};

/// Characters no published text may hold, anywhere in a content file (front matter or body): the C0 control
/// characters but tab, line feed and carriage return; DEL; and the noncharacters U+FFFE and U+FFFF.
///
/// They are invisible in an editor and on a page, XML (the feeds) cannot carry them and calendars drop them,
/// so one page would say something its feed does not. Stripping them silently would hide a broken paste (a
/// form feed from Word, an escape sequence from a terminal): each is an error at its file, line and column,
/// for the editor to delete. This loader is the only place that decides it; everything after it can rely on
/// clean text.
fn is_unpublishable(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
}

/// At most this many lines with such characters are reported per file (a file saved as UTF-16 has a NUL in
/// every other byte).
const MAX_REPORTED_LINES: usize = 10;

/// Every [unpublishable](is_unpublishable) character written as such in `range` of `text` (the file), the
/// first of each line. The front matter is checked before it is parsed (TOML would reject them with a vaguer
/// message), the body along with everything else.
pub(super) fn check_text(path: &Path, text: &str, range: Range<usize>) -> Diagnostics {
    let mut errors = Diagnostics::default();
    let mut last_line = None;
    let mut lines = 0;
    let part = text.get(range.clone()).unwrap_or_default();
    for (i, c) in part.char_indices().filter(|&(_, c)| is_unpublishable(c)).map(|(i, c)| (range.start + i, c)) {
        let line_start = text[..i].rfind('\n');
        if last_line == Some(line_start) {
            continue;
        }
        last_line = Some(line_start);
        lines += 1;
        if lines <= MAX_REPORTED_LINES {
            let kind = ContentError::ControlCharacter { code: u32::from(c), field: None };
            errors.push(Diagnostic::at(path, text, i, c.len_utf8(), kind).with_help(RAW_CONTROL_HELP));
        }
    }
    if lines > MAX_REPORTED_LINES
        && let Some(d) = errors.0.last_mut()
    {
        d.help = Some(format!("{RAW_CONTROL_HELP} ({} more lines of this file have one)", lines - MAX_REPORTED_LINES));
    }
    errors
}

/// [`check_text`] of the front matter (everything before `body_offset`), as an error to stop at.
pub(super) fn check_front_matter(path: &Path, text: &str, body_offset: usize) -> Result<(), Diagnostics> {
    check_text(path, text, 0..body_offset).or_ok(())
}

const RAW_CONTROL_HELP: &str = "delete it: it is invisible in most editors, and usually comes with text pasted \
    from Word, a PDF or a terminal; a file full of them (U+0000) was probably saved as UTF-16: save it as UTF-8";

/// Checks a TOML string value for [unpublishable](is_unpublishable) characters, which only escapes such as
/// `\u0001`, `\b` or `\f` can put there (raw ones are found in the file's text first), and, when it is
/// `one_line` text, for line breaks (`\n`, or a multi-line string). Reports the first, at the escape; returns
/// whether the value is clean.
pub(crate) fn check_value(
    at: Located<'_>,
    field: &'static str,
    value: &Spanned<String>,
    one_line: bool,
    errors: &mut Diagnostics,
) -> bool {
    let line_break = |c: char| one_line && (c == '\n' || c == '\r');
    let bad = |c: char| is_unpublishable(c) || line_break(c);
    let Some(first) = value.get_ref().chars().find(|&c| bad(c)) else { return true };
    let span = value.span();
    let raw = at.file_text.get(at.offset + span.start..at.offset + span.end).unwrap_or_default();
    let (c, start, len) = find_in_source(raw, bad).unwrap_or((first, 0, span.len()));
    let marked = span.start + start..span.start + start + len;
    let d = if line_break(c) {
        at.error(marked, ContentError::LineBreak { field })
            .with_help(format!("write `{field}` on one line (the main content below the front matter can have many)"))
    } else {
        at.error(marked, ContentError::ControlCharacter { code: u32::from(c), field: Some(field) })
            .with_help("remove the escape: the character it stands for cannot be published")
    };
    errors.push(d);
    false
}

/// The first character of the TOML string source `raw` (quotes included) that is `bad`, written as itself or
/// as an escape: the character, its byte offset in `raw` and the length of what stands for it.
fn find_in_source(raw: &str, bad: impl Fn(char) -> bool) -> Option<(char, usize, usize)> {
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            if bad(c) {
                return Some((c, i, c.len_utf8()));
            }
            continue;
        }
        let Some((_, kind)) = chars.next() else { break };
        let (decoded, len) = match kind {
            'b' => (Some('\u{8}'), 2),
            'f' => (Some('\u{c}'), 2),
            'e' => (Some('\u{1b}'), 2),
            'n' => (Some('\n'), 2),
            'r' => (Some('\r'), 2),
            'x' | 'u' | 'U' => {
                let digits = match kind {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = raw.get(i + 2..i + 2 + digits).unwrap_or_default();
                (u32::from_str_radix(hex, 16).ok().and_then(char::from_u32), 2 + digits)
            }
            _ => (None, 2),
        };
        if let Some(d) = decoded.filter(|&d| bad(d)) {
            return Some((d, i, len));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, load_str};
    use super::super::*;

    fn index_str(text: &str) -> Result<Index, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("_index.md");
        std::fs::write(&path, text).unwrap();
        load_index(dir.path(), &path)
    }

    const ACTIVITY: &str = "+++\ntitle = \"论坛\"\nwhen = \"9月\"\nwhere = \"北京\"\ntags = [\"论坛\"]\n\
        milestones = [{ when = \"8月\", label = \"报名\" }]\n+++\n正文\n";

    /// Each text field of an activity, with a control character written as an escape: one error at the
    /// escape, naming the field.
    #[test]
    fn control_characters_in_each_activity_field_are_errors_where_they_are() {
        let cases = [
            ("\"论坛\"", "\"论\\u0001坛\"", "title", 2, 11),
            ("\"9月\"", "\"9月\\f\"", "when", 3, 11),
            ("\"北京\"", "\"北京\\u007F\"", "where", 4, 12),
            ("[\"论坛\"]", "[\"论坛\", \"\\e[31m\"]", "tags", 5, 16),
            ("\"报名\"", "\"报\\b名\"", "label", 6, 40),
            ("\"8月\"", "\"8月\\U0000FFFF\"", "when", 6, 27),
        ];
        for (from, to, field, line, column) in cases {
            let text = ACTIVITY.replacen(from, to, 1);
            let e = load_str(&text, "a.md").unwrap_err();
            let [(l, c, message)] = found(&e).try_into().unwrap_or_else(|f| panic!("{text}: {f:?}"));
            assert_eq!((l, c), (line, column), "{text}");
            assert!(message.starts_with(&format!("`{field}` contains U+")), "{message}");
        }
        let fffe = load_str(&ACTIVITY.replacen("\"北京\"", "\"\\uFFFE\"", 1), "a.md").unwrap_err();
        assert!(fffe.0[0].kind.to_string().contains("U+FFFE, a noncharacter"));
    }

    #[test]
    fn one_line_fields_hold_no_line_break() {
        for (from, to) in [("\"论坛\"", "\"论\\n坛\""), ("\"北京\"", "\"\"\"北\n京\"\"\""), ("\"报名\"", "\"报\\r名\"")]
        {
            let e = load_str(&ACTIVITY.replacen(from, to, 1), "a.md").unwrap_err();
            assert!(e.0[0].kind.to_string().ends_with("holds a line break"), "{to}: {e}");
        }
    }

    /// Written as themselves, in the front matter (before TOML reads it) or the body (with the file's other
    /// errors): shown as a visible picture, marked where they are.
    #[test]
    fn control_characters_in_the_file_are_errors_where_they_are() {
        let e = load_str(&ACTIVITY.replace("正文", "正\u{c}文"), "a.md").unwrap_err();
        assert_eq!(
            found(&e),
            [(8, 2, "the file contains U+000C, an invisible control character, which cannot be published".to_string())]
        );
        assert!(e.to_string().contains("8 | 正␌文\n  |   ^\n"), "{e}");
        // Along with the front matter's other problems.
        let e = load_str(&ACTIVITY.replace("正文", "正\u{1b}文").replace("9月", "13月"), "a.md").unwrap_err();
        assert_eq!(e.len(), 2, "{e}");
        // In the front matter: the TOML is not read.
        let e = load_str(&ACTIVITY.replace("北京", "北\u{0}京"), "a.md").unwrap_err();
        assert_eq!(
            found(&e)[..],
            [(
                4,
                11,
                "the file contains U+0000, an invisible control character, which cannot be published".to_string()
            )]
        );
        // Tabs, CRLF line ends and line breaks in the body are text.
        let text = ACTIVITY.replace("北京", "北\t京").replace('\n', "\r\n").replace("正文", "正\r\n\r\n文");
        let a = load_str(&text, "a.md").unwrap();
        assert_eq!(a.place.as_deref(), Some("北\t京"));
        // A file saved as UTF-16: ten lines reported, and how many more.
        let e = load_str(&format!("{ACTIVITY}{}", "x\u{0}\n".repeat(15)), "a.md").unwrap_err();
        assert_eq!(e.len(), 10);
        assert!(e.0[9].help.as_deref().unwrap().ends_with("(5 more lines of this file have one)"), "{e}");
    }

    #[test]
    fn control_characters_in_a_toml_body_are_errors() {
        let e =
            load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"\"\"\n第一页\\f第二页\n\"\"\"\n", "a.toml").unwrap_err();
        assert_eq!(
            found(&e),
            [(4, 4, "`body` contains U+000C, an invisible control character, which cannot be published".to_string())]
        );
        let e = load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"a\u{7f}\"\n", "a.toml").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (3, 10));
        assert!(load_str("title = \"x\"\nwhen = \"9月\"\nbody = \"a\\n\\tb\"\n", "a.toml").is_ok());
    }

    #[test]
    fn control_characters_in_each_schedule_field_are_errors() {
        let index = "+++\ntitle = \"日程\"\nyear = 2023\norganiser = \"协会\"\nnote = \"注\"\n+++\n简介\n";
        assert!(index_str(index).is_ok());
        assert!(index_str(&index.replace("\"注\"", "\"注：\\n以通知为准\"")).is_ok(), "a note may have lines");
        for (from, to, expected) in [
            ("\"日程\"", "\"日\\u0002程\"", (2, 11, "`title` contains U+0002")),
            ("\"协会\"", "\"协会\\u001F\"", (4, 16, "`organiser` contains U+001F")),
            ("\"注\"", "\"\\b注\"", (5, 9, "`note` contains U+0008")),
            ("简介", "简\u{7f}介", (7, 2, "the file contains U+007F")),
        ] {
            let Err(e) = index_str(&index.replace(from, to)) else { panic!("{to}") };
            let (line, column, message) = found(&e).remove(0);
            assert_eq!((line, column), (expected.0, expected.1), "{to}");
            assert!(message.starts_with(expected.2), "{message}");
        }
    }
}
