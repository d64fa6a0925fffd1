//! Markdown to HTML (CommonMark plus tables, strikethrough and footnotes), and to plain text.
//!
//! Bodies are written by editors and often pasted from Word or the web, so the HTML is safe by default: raw HTML
//! goes through a sanitiser (ammonia) that keeps formatting and drops scripts, event handlers, dangerous URL
//! schemes, comments and unbalanced markup; links with other schemes than [`URL_SCHEMES`] are dropped in Markdown
//! too. A site may opt out (`unsafe_html = true`), and then raw HTML is published as written.
//!
//! Relative links are handed to the caller, which knows the site: it rewrites them for the page that shows the
//! body or drops them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

mod removed;

const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_FOOTNOTES);

/// The URL schemes a link in a body may use; anything else (`javascript:`, `data:`, `vbscript:`…) is removed.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "webcal"];

/// Elements raw HTML may use, beyond the sanitiser's defaults, and the attributes they keep.
const FOOTNOTE_ATTRIBUTES: &[(&str, &[&str])] =
    &[("sup", &["class", "id"]), ("div", &["class", "id"]), ("a", &["class", "id"]), ("li", &["id"])];

/// What to do with a relative link: `Some(url)` to write (maybe rewritten), `None` to drop it.
pub type Rewrite<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// How a body is turned into HTML.
#[derive(Clone, Copy)]
pub struct Policy<'a> {
    /// Publish raw HTML as written (the site's `unsafe_html = true`).
    pub unsafe_html: bool,
    /// The site's rule for relative links.
    pub relative: Rewrite<'a>,
}

/// Whether `url` starts with a scheme (`https:`), as opposed to a relative reference.
pub fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// A link is relative when it has no scheme and does not name a host (`//host/x`).
pub fn is_relative(url: &str) -> bool {
    !has_scheme(url) && !url.starts_with("//")
}

fn allowed_scheme(url: &str) -> bool {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).unwrap_or_default();
    URL_SCHEMES.contains(&scheme.as_str())
}

pub fn to_html(markdown: &str, policy: Policy<'_>) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, OPTIONS).collect();
    let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    if has_raw_html && !policy.unsafe_html {
        // The sanitiser sees every link, raw or Markdown, and applies the same rules.
        html::push_html(&mut out, events.into_iter());
        return sanitise(&out, policy.relative);
    }
    // Without raw HTML the generated markup is balanced and escaped: only link targets need the rules.
    // Links cannot nest, nor images: one flag each says the next end belongs to a dropped start.
    let (mut dropping_link, mut dropping_image) = (false, false);
    let events = events.into_iter().filter_map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => match target(&dest_url, policy.relative) {
            Some(url) => Some(Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id })),
            None => {
                dropping_link = true; // keep the text, lose the link
                None
            }
        },
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            None
        }
        // An image is part of the page: it loads with it, so it must be the site's own (no request to another
        // host, and it works offline).
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            match is_relative(&dest_url).then(|| target(&dest_url, policy.relative)).flatten() {
                Some(url) => Some(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(url), title, id })),
                None => {
                    dropping_image = true; // keep the alternative text
                    None
                }
            }
        }
        Event::End(TagEnd::Image) if dropping_image => {
            dropping_image = false;
            None
        }
        other => Some(other),
    });
    html::push_html(&mut out, events);
    out
}

/// The URL to write for a link target, or `None` to drop it.
fn target(url: &str, relative: Rewrite<'_>) -> Option<String> {
    if is_relative(url) {
        relative(url)
    } else if url.starts_with("//") || !allowed_scheme(url) {
        None
    } else {
        Some(url.to_string())
    }
}

fn sanitise(html: &str, relative: Rewrite<'_>) -> String {
    complete_images(&sanitiser(relative).clean(html).to_string())
}

/// The sanitiser's policy, the one place it is written: publishing cleans with it, and [`removed`] reads its
/// lists to say what publishing drops.
fn sanitiser(relative: Rewrite<'_>) -> ammonia::Builder<'_> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Relative(relative))))
        .add_tag_attributes("th", ["style"].iter())
        .add_tag_attributes("td", ["style"].iter())
        .filter_style_properties(["text-align"].into_iter().collect::<HashSet<_>>())
        .attribute_filter(|element, attribute, value| keeps_value(element, attribute, value).then(|| value.into()));
    for (tag, attrs) in FOOTNOTE_ATTRIBUTES {
        b.add_tag_attributes(tag, attrs.iter());
    }
    // `rel` only belongs on a link that kept its `href`; without a `target` it is not needed anyway.
    b.link_rel(None);
    b
}

/// Whether the sanitiser keeps an allowed attribute with this value. An image from another host would load
/// with the page: only the site's own images stay.
fn keeps_value(element: &str, attribute: &str, value: &str) -> bool {
    !(element == "img" && attribute == "src" && !is_relative(value))
}

/// The sanitiser's images made valid HTML: one whose `src` was removed goes, and one without `alt` gets an
/// empty one (as Markdown's images have). The input is the sanitiser's own serialisation: every attribute is
/// quoted with `"`, which never occurs inside a value.
fn complete_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let mut quoted = false;
        let end = tag.char_indices().find(|&(_, c)| {
            quoted ^= c == '"';
            c == '>' && !quoted
        });
        let Some((end, _)) = end else {
            out.push_str(tag);
            return out;
        };
        let element = &tag[..=end];
        let (src, alt) = (element.contains(" src=\""), element.contains(" alt=\""));
        if src && alt {
            out.push_str(element);
        } else if src {
            out.push_str(&element.replacen("<img", "<img alt=\"\"", 1));
        }
        rest = &tag[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The caller's link rule, as the sanitiser asks for it.
struct Relative<'a>(Rewrite<'a>);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Relative<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if url.starts_with("//") { None } else { (self.0)(url).map(Cow::Owned) }
    }
}

/// A link written in a body: its target and where it is in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub range: Range<usize>,
}

/// Every link target in `markdown` (links, images, and `href`/`src` in raw HTML), with its byte range.
pub fn links(markdown: &str) -> Vec<Link> {
    read(markdown).links
}

/// What a body says besides its HTML: its plain text ([`to_plain_text`]) and its links ([`links`]), from one
/// pass of the parser. Made once when content is read; the HTML is made where a page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub text: String,
    pub links: Vec<Link>,
}

/// [`to_plain_text`] and [`links`] of `markdown`, parsed once.
pub fn read(markdown: &str) -> Read {
    let mut links = Vec::new();
    let mut text = PlainText::new(markdown.len());
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let at = markdown[range.clone()]
                    .rfind(dest_url.as_ref())
                    .map_or(range.clone(), |i| range.start + i..range.start + i + dest_url.len());
                links.push(Link { url: dest_url.to_string(), range: at });
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for (url, r) in removed::raw_urls(raw) {
                    links.push(Link { url, range: range.start + r.start..range.start + r.end });
                }
            }
            _ => {}
        }
        text.push(&event);
    }
    Read { text: text.finish(), links }
}

pub use removed::{Removed, removed};

/// The text a reader sees, without markup: for descriptions in calendars, feeds and metadata. Blocks are
/// separated by a blank line, line breaks kept. Raw HTML is left out.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = PlainText::new(markdown.len());
    for event in Parser::new_ext(markdown, OPTIONS) {
        text.push(&event);
    }
    text.finish()
}

/// [`to_plain_text`], event by event.
struct PlainText {
    out: String,
    /// Text between raw `<script>` or `<style>` tags is code, not words a reader sees.
    in_code: bool,
}

impl PlainText {
    fn new(capacity: usize) -> Self {
        PlainText { out: String::with_capacity(capacity), in_code: false }
    }

    fn push(&mut self, event: &Event<'_>) {
        let out = &mut self.out;
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let lower = raw.to_ascii_lowercase();
                let opens = lower.contains("<script") || lower.contains("<style");
                let closes = lower.contains("</script") || lower.contains("</style");
                self.in_code = (self.in_code || opens) && !closes;
            }
            Event::Text(_) if self.in_code => {}
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
                out.push_str("\n\n")
            }
            Event::End(TagEnd::TableCell) => out.push('\t'),
            _ => {}
        }
    }

    fn finish(self) -> String {
        let blocks: Vec<&str> = self.out.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).collect();
        blocks.join("\n\n")
    }
}

/// Plain `text` as a one-line summary of at most `max` characters: runs of white space made one space, and an
/// ellipsis where it is cut.
pub fn summary(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut out: String = line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(url: &str) -> Option<String> {
        Some(url.to_string())
    }

    const SAFE: Policy<'static> = Policy { unsafe_html: false, relative: &keep };

    #[test]
    fn renders_chinese_text_verbatim_and_escapes_html() {
        assert_eq!(
            to_html("大赛以“高质量 可持续 享未来”为主题。\n", SAFE),
            "<p>大赛以“高质量 可持续 享未来”为主题。</p>\n"
        );
        assert_eq!(to_html("a < b & c", SAFE), "<p>a &lt; b &amp; c</p>\n");
        assert!(to_html("| a |\n|---|\n| b |\n", SAFE).contains("<table>"));
    }

    #[test]
    fn dangerous_markup_never_reaches_the_page() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "<javascript:alert(1)>",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<svg onload=alert(1)>",
            "<div style=\"position:fixed;inset:0\">x</div>",
            "<!-- the rest of the page",
            "<style>body{display:none}</style>",
            "<form action=\"https://evil.example/\"><input name=p></form>",
            "[x](//evil.example/)",
        ];
        for p in payloads {
            let html = to_html(p, SAFE).to_ascii_lowercase();
            for bad in [
                "<script",
                "onerror=",
                "href=\"javascript",
                "href=\"data",
                "src=\"data",
                "<meta",
                "<iframe",
                "onload=",
                "<!--",
                "<style",
                "position:fixed",
                "<form",
                "<input",
                "href=\"//evil",
                "src=\"//evil",
            ] {
                assert!(!html.contains(bad), "{p:?} gave {html:?}");
            }
        }
        // Safe formatting stays.
        let html =
            to_html("a<br>b<sup>2</sup> <u>c</u> [d](https://example.org/) <a href=\"mailto:a@b.org\">e</a>", SAFE);
        for good in ["<br>", "<sup>2</sup>", "<u>c</u>", "href=\"https://example.org/\"", "href=\"mailto:a@b.org\""] {
            assert!(html.contains(good), "{good} in {html}");
        }
        // What the sanitiser leaves is valid HTML: an image keeps a `src` and has an `alt`, a link without `href`
        // has no `rel`.
        let html = to_html(
            "<img alt=\"x\" src=\"https://x.org/a.png\"> <img src=\"a.png\"> <img alt=\"图 > 1\" src=\"b.png\"> <a href=\"javascript:x\">t</a>",
            SAFE,
        );
        assert_eq!(html, "<p> <img alt=\"\" src=\"a.png\"> <img alt=\"图 &gt; 1\" src=\"b.png\"> <a>t</a></p>\n");
        // An unclosed element cannot swallow what follows the body.
        assert_eq!(to_html("<div><b>x", SAFE).matches("</b>").count(), 1);
        // The opt-out publishes raw HTML as written.
        let raw = Policy { unsafe_html: true, relative: &keep };
        assert!(to_html("<script>x()</script>", raw).contains("<script>"));
    }

    #[test]
    fn relative_links_go_through_the_callers_rule() {
        let rewrite = |url: &str| (url != "gone.md").then(|| format!("../x/{url}"));
        let policy = Policy { unsafe_html: false, relative: &rewrite };
        assert_eq!(to_html("[a](b.md)", policy), "<p><a href=\"../x/b.md\">a</a></p>\n");
        assert_eq!(to_html("[a](gone.md) c", policy), "<p>a c</p>\n");
        assert!(to_html("<a href=\"b.md\">a</a> <b>!</b>", policy).contains("href=\"../x/b.md\""));
        assert!(!to_html("<a href=\"gone.md\">a</a> <b>!</b>", policy).contains("gone"));
        assert!(to_html("[a](https://example.org/b.md)", policy).contains("href=\"https://example.org/b.md\""));
    }

    #[test]
    fn finds_links_with_their_places() {
        let md = "[a](02-b.md) [b](https://x.org) ![e](img.png)\n\n<a href=\"../s/x.html#p\">y</a>\n";
        let found = links(md);
        let found: Vec<(&str, &str)> = found.iter().map(|l| (l.url.as_str(), &md[l.range.clone()])).collect();
        assert_eq!(
            found,
            [
                ("02-b.md", "02-b.md"),
                ("https://x.org", "https://x.org"),
                ("img.png", "img.png"),
                ("../s/x.html#p", "../s/x.html#p")
            ]
        );
        let once = read(md);
        assert_eq!((once.links, once.text), (links(md), to_plain_text(md)), "one pass gives both");
        assert!(is_relative("a.md") && is_relative("#top") && !is_relative("mailto:a@b.c") && !is_relative("//x.org"));
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(to_plain_text("论坛**正文**，含 [链接](https://example.org/)。\n"), "论坛正文，含 链接。");
        assert_eq!(to_plain_text("# 标题\n\n一\n二\n\n- 甲\n- 乙\n"), "标题\n\n一\n二\n\n甲\n\n乙");
        assert_eq!(to_plain_text(""), "");
        assert_eq!(to_plain_text("简介<script>alert(1)</script>完"), "简介完");
    }

    #[test]
    fn summaries_are_one_line_and_cut_with_an_ellipsis() {
        for (text, max, want) in [
            ("一二三", 5, "一二三"),
            ("一二\n\n三  四", 10, "一二 三 四"),
            ("一二三四五六", 4, "一二三…"),
            ("一二三四", 4, "一二三四"),
            ("", 3, ""),
        ] {
            assert_eq!(summary(text, max), want, "{text:?}");
        }
    }
}
