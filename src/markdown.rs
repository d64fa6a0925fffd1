//! Markdown to HTML (CommonMark plus tables, strikethrough and footnotes).

use pulldown_cmark::{Options, Parser, html};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
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
}
