//! Markdown to HTML (CommonMark plus tables, strikethrough and footnotes), and to plain text.

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_FOOTNOTES);

pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, OPTIONS));
    out
}

/// The text a reader sees, without markup: for descriptions in calendars, feeds and metadata. Blocks are
/// separated by a blank line, line breaks kept.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
                out.push_str("\n\n")
            }
            Event::End(TagEnd::TableCell) => out.push('\t'),
            _ => {}
        }
    }
    let blocks: Vec<&str> = out.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).collect();
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_chinese_text_verbatim_and_escapes_html() {
        assert_eq!(to_html("大赛以“高质量 可持续 享未来”为主题。\n"), "<p>大赛以“高质量 可持续 享未来”为主题。</p>\n");
        assert_eq!(to_html("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
        assert!(to_html("| a |\n|---|\n| b |\n").contains("<table>"));
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(to_plain_text("论坛**正文**，含 [链接](https://example.org/)。\n"), "论坛正文，含 链接。");
        assert_eq!(to_plain_text("# 标题\n\n一\n二\n\n- 甲\n- 乙\n"), "标题\n\n一\n二\n\n甲\n\n乙");
        assert_eq!(to_plain_text(""), "");
    }
}
