//! The one escaper for markup: HTML text, HTML attribute values (either quote) and XML (feeds, sitemap) alike.
//!
//! The rule: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`. The apostrophe is
//! written as a numeric reference because `&apos;` is XML and HTML5 but not HTML 4, while `&#39;` means the
//! same in all three. Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return, and
//! U+FFFE/U+FFFF) are dropped: they would make a feed unparseable, and HTML treats them as parse errors too.

/// `text` escaped for markup (see the module's rule).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// [`escape`], appending to `out`.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// [`escape`] for a writer: the form Tera takes its escape function in.
pub(crate) fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_html_and_xml() {
        for (text, escaped) in [
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"),
            ("质量\n月\t\r", "质量\n月\t\r"),
            ("x\u{1}\u{1f}\u{FFFE}\u{FFFF}y", "xy"),
            ("&amp;", "&amp;amp;"),
            ("", ""),
        ] {
            assert_eq!(escape(text), escaped, "{text:?}");
        }
    }

    /// What an independent XML parser reads back is the text, in content and in attributes of either quote.
    #[test]
    fn xml_reads_back_the_text() {
        let text = "a<b>&\"c'd 质量月";
        for doc in [
            format!("<r>{}</r>", escape(text)),
            format!("<r a=\"{}\"/>", escape(text)),
            format!("<r a='{}'/>", escape(text)),
        ] {
            let parsed = roxmltree::Document::parse(&doc).unwrap();
            let root = parsed.root_element();
            assert_eq!(root.attribute("a").or(root.text()), Some(text), "{doc}");
        }
    }
}
