//! What publishing removes from a body, for `almanac check` to say: each raw HTML fragment is tokenized by
//! html5ever (the tokenizer ammonia parses with) and every tag and attribute is judged by the sanitiser's own
//! policy ([`super::sanitiser`]), so the report cannot disagree with what is published.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use pulldown_cmark::{Event, Parser};

use super::{OPTIONS, allowed_scheme, is_relative, keeps_value, sanitiser};

/// Something of a body's raw HTML that the sanitiser removes, and where it is in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub what: String,
    pub range: Range<usize>,
}

/// The sanitiser's allow-lists, read from the policy itself.
struct Rules<'a> {
    tags: HashSet<&'a str>,
    tag_attributes: HashMap<&'a str, HashSet<&'a str>>,
    generic: HashSet<&'a str>,
    prefixes: HashSet<&'a str>,
}

impl Rules<'static> {
    fn new() -> Self {
        fn keep(url: &str) -> Option<String> {
            Some(url.to_string())
        }
        let b = sanitiser(&keep);
        Rules {
            tags: b.clone_tags(),
            tag_attributes: b.clone_tag_attributes(),
            generic: b.clone_generic_attributes(),
            prefixes: b.clone_generic_attribute_prefixes().unwrap_or_default(),
        }
    }
}

impl Rules<'_> {
    fn keeps_attribute(&self, element: &str, attribute: &str) -> bool {
        self.generic.contains(attribute)
            || self.tag_attributes.get(element).is_some_and(|a| a.contains(attribute))
            || self.prefixes.iter().any(|p| attribute.starts_with(p))
    }
}

/// Elements, attributes, comments and URLs of `markdown` that publishing removes, in source order. The ranges
/// locate each in the Markdown for messages; what is published is whatever the sanitiser keeps.
pub fn removed(markdown: &str) -> Vec<Removed> {
    let rules = Rules::new();
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) if !keeps_value("img", "src", &dest_url) => {
                out.push(Removed { what: format!("the image `{dest_url}` from another host"), range });
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for (what, r) in judge(&rules, &raw) {
                    out.push(Removed { what, range: range.start + r.start..range.start + r.end });
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.range.start);
    out
}

/// What the sanitiser removes from one fragment of raw HTML, with ranges within it.
fn judge(rules: &Rules<'_>, raw: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for item in walk(raw) {
        let Item::Element { name, range, attrs } = item else {
            out.push(("an HTML comment `<!--`".to_string(), item.range()));
            continue;
        };
        if !rules.tags.contains(name.as_str()) {
            out.push((format!("the element `<{name}>`"), range));
            continue;
        }
        for a in attrs {
            if !rules.keeps_attribute(&name, &a.name) {
                out.push((format!("the attribute `{}`", a.name), a.name_range));
            } else if a.name == "href" && !is_relative(&a.value) && !allowed_scheme(&a.value) {
                out.push((format!("the link `{}`", a.value), a.value_range));
            } else if !keeps_value(&name, &a.name, &a.value) {
                out.push((format!("the image `{}` from another host", a.value), a.value_range));
            }
        }
    }
    out
}

/// The `href` and `src` values of a fragment of raw HTML, with their ranges within it.
pub(super) fn raw_urls(raw: &str) -> Vec<(String, Range<usize>)> {
    walk(raw)
        .into_iter()
        .flat_map(|item| match item {
            Item::Element { attrs, .. } => attrs,
            Item::Comment(_) => Vec::new(),
        })
        .filter(|a| a.name == "href" || a.name == "src")
        .map(|a| (a.value, a.value_range))
        .collect()
}

/// A start tag or a comment of raw HTML, located in it.
enum Item {
    Comment(Range<usize>),
    Element { name: String, range: Range<usize>, attrs: Vec<Attribute> },
}

impl Item {
    fn range(&self) -> Range<usize> {
        match self {
            Item::Comment(r) | Item::Element { range: r, .. } => r.clone(),
        }
    }
}

struct Attribute {
    name: String,
    value: String,
    name_range: Range<usize>,
    /// Where the value is written; empty at the name's end if it is written with character references.
    value_range: Range<usize>,
}

/// The start tags (names lower case, as the tokenizer gives them) and comments of `raw`, in order.
fn walk(raw: &str) -> Vec<Item> {
    let lower = raw.to_ascii_lowercase();
    // The tokenizer gives no offsets: each token is found in the text after the previous one.
    let mut cursor = 0;
    let find = |needle: &str, from: usize, within: &str| -> Range<usize> {
        let from = from.min(within.len());
        let at = within[from..].find(needle).map_or(from, |i| from + i);
        at..(at + needle.len()).min(within.len())
    };
    let mut out = Vec::new();
    for token in tokens(raw) {
        match token {
            Token::CommentToken(_) => {
                let r = find("<!--", cursor, &lower);
                cursor = r.end;
                out.push(Item::Comment(r));
            }
            Token::TagToken(Tag { kind: TagKind::EndTag, name, .. }) => {
                cursor = find(&format!("</{}", &*name), cursor, &lower).end;
            }
            Token::TagToken(Tag { kind: TagKind::StartTag, name, attrs, .. }) => {
                let range = find(&format!("<{}", &*name), cursor, &lower);
                cursor = range.end;
                let mut located = Vec::new();
                for attr in attrs {
                    let (name, value) = (attr.name.local.to_string(), attr.value.to_string());
                    let name_range = find(&name, cursor, &lower);
                    cursor = name_range.end;
                    let mut value_range = find(&value, cursor, raw);
                    if value_range.start == cursor || value.is_empty() {
                        value_range = cursor..cursor;
                    } else {
                        cursor = value_range.end;
                    }
                    located.push(Attribute { name, value, name_range, value_range });
                }
                out.push(Item::Element { name: name.to_string(), range, attrs: located });
            }
            _ => {}
        }
    }
    out
}

/// The tokens of `raw`, with the text of `<script>`, `<style>` and the like read as the HTML parser reads it.
fn tokens(raw: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(raw));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[derive(Default)]
struct Sink(RefCell<Vec<Token>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        // Without a tree builder the tokenizer must be told which elements hold raw text (HTML §13.2.6.4).
        let raw = match &token {
            Token::TagToken(Tag { kind: TagKind::StartTag, name, .. }) => match &**name {
                "script" => Some(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
                "title" | "textarea" => Some(RawKind::Rcdata),
                _ => None,
            },
            _ => None,
        };
        self.0.borrow_mut().push(token);
        raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Policy, to_html};

    fn keep(url: &str) -> Option<String> {
        Some(url.to_string())
    }

    /// The report and the published HTML agree: what is reported is gone, what is kept is not reported.
    #[test]
    fn reports_what_the_sanitiser_removes_and_nothing_else() {
        let safe = Policy { unsafe_html: false, relative: &keep };
        for (md, reported, kept, gone) in [
            (
                "<table><tr><td style=\"text-align:right\">1</td></tr></table>",
                &[][..],
                &["<td style=\"text-align:right\">"][..],
                &[][..],
            ),
            ("<p style=\"color:red\">a</p>", &["the attribute `style`"], &["<p>a</p>"], &["style"]),
            ("a <script>x('<p>')</script> b", &["the element `<script>`"], &["a "], &["script", "x("]),
            (
                "<p onclick=\"x()\" ONMOUSEOVER=y>a</p>",
                &["the attribute `onclick`", "the attribute `onmouseover`"],
                &["<p>a</p>"],
                &["on"],
            ),
            ("<a href=\"javascript:c()\">d</a>", &["the link `javascript:c()`"], &["d"], &["javascript"]),
            (
                "<a href=\"https://example.org/\" title=t>d</a>",
                &[],
                &["href=\"https://example.org/\"", "title=\"t\""],
                &[],
            ),
            (
                "<img src=\"https://x.org/a.png\" alt=a>",
                &["the image `https://x.org/a.png` from another host"],
                &[],
                &["x.org"],
            ),
            ("前<!-- 备注 -->后 <b>粗", &["an HTML comment `<!--`"], &["<b>粗</b>"], &["备注"]),
            ("<p class=\"MsoNormal\">a</p>", &["the attribute `class`"], &["<p>a</p>"], &["Mso"]),
            (
                "<sup class=\"footnote-reference\" id=\"r1\">1</sup> <br>",
                &[],
                &["<sup class=\"footnote-reference\" id=\"r1\">1</sup>", "<br>"],
                &[],
            ),
            ("<style>p{color:red}</style>", &["the element `<style>`"], &[], &["color"]),
            (
                "<iframe src=\"https://x.org\"></iframe> <i>unclosed",
                &["the element `<iframe>`"],
                &["<i>unclosed"],
                &["iframe"],
            ),
        ] {
            let what: Vec<String> = removed(md).into_iter().map(|r| r.what).collect();
            assert_eq!(what, reported, "{md}");
            let html = to_html(md, safe);
            for k in kept {
                assert!(html.contains(k), "{md} published as {html}, without {k}");
            }
            for g in gone {
                assert!(!html.contains(g), "{md} published as {html}, with {g}");
            }
        }
    }

    #[test]
    fn ranges_point_at_the_source() {
        let md = "正文\n\n<p onclick=\"x()\">a</p><script>b()</script><a href=\"javascript:c()\">d</a>\n";
        let found: Vec<&str> = removed(md).iter().map(|r| &md[r.range.clone()]).collect();
        assert_eq!(found, ["onclick", "<script", "javascript:c()"]);
        let md = "![图](https://x.org/a.png) <img src='https://y.org/b.png'>";
        let found: Vec<&str> = removed(md).iter().map(|r| &md[r.range.clone()]).collect();
        assert_eq!(found, ["![图](https://x.org/a.png)", "https://y.org/b.png"]);
        assert!(removed("只有 **Markdown** 和 <br> 与 <sup>1</sup>").is_empty());
    }
}
