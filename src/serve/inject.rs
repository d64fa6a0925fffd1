//! The live-reload script, added to HTML responses in serve mode only (never to built files).

/// Where the script asks for the server's state: the build generation and the last build's error.
pub(super) const STATUS_PATH: &str = "/__almanac/status";

const SCRIPT: &str = include_str!("reload.js");

/// What every request gets before the first good build (with status 503): a page that says so, in Chinese as
/// the sites are, and that carries the script like any page, which shows the errors over it and reloads once
/// the site builds.
pub(super) fn building_page() -> &'static str {
    concat!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>站点尚未构建 · almanac serve</title>\n</head>\n<body>\n",
        "<p>站点还没有成功构建过，暂无可显示的页面。错误见终端和本页上的说明；修正后，本页会自动刷新。</p>\n",
        "</body>\n</html>\n"
    )
}

/// The page served for a page whose rendering failed, while the whole site is checked: the script then shows
/// the error and brings back the last good build.
pub(super) fn failed_page() -> &'static str {
    concat!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>本页未能生成 · almanac serve</title>\n</head>\n<body>\n",
        "<p>本页未能生成。错误见终端和本页上的说明；修正后，本页会自动刷新。</p>\n",
        "</body>\n</html>\n"
    )
}

/// The `<script>` element for a page of build `generation` (0: no build has succeeded yet).
pub(super) fn reload_tag(generation: u64) -> String {
    let js = SCRIPT.replace("__GENERATION__", &generation.to_string()).replace("__ENDPOINT__", STATUS_PATH);
    format!("<script>\n{js}</script>\n")
}

/// `html` with `tag` inserted once, before the last `</body>` (any case), or at the end when there is none.
pub(super) fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn injected(html: &str) -> String {
        String::from_utf8(inject(html.as_bytes(), "<script>X</script>")).unwrap()
    }

    #[test]
    fn goes_before_the_closing_body_tag_once() {
        let page = "<!doctype html><html><body><p>hi</p></body></html>\n";
        assert_eq!(injected(page), "<!doctype html><html><body><p>hi</p><script>X</script></body></html>\n");
        assert_eq!(injected("<BODY>x</BODY>"), "<BODY>x<script>X</script></BODY>");
    }

    #[test]
    fn uses_the_last_closing_body_tag() {
        // A page may quote the tag in its text; the real one comes last.
        let page = "<body><code>&lt;/body&gt;</code><!-- </body> --></body>";
        let out = injected(page);
        assert_eq!(out.matches("<script>X</script>").count(), 1);
        assert!(out.ends_with("--><script>X</script></body>"), "{out}");
    }

    #[test]
    fn appends_when_there_is_no_closing_body_tag() {
        assert_eq!(injected("<p>fragment"), "<p>fragment<script>X</script>");
        assert_eq!(injected(""), "<script>X</script>");
    }

    #[test]
    fn the_tag_names_the_generation_and_endpoint() {
        let tag = reload_tag(7);
        assert!(tag.starts_with("<script>") && tag.ends_with("</script>\n"));
        assert!(tag.contains("const shown = 7;"), "{tag}");
        assert!(tag.contains(&format!("\"{STATUS_PATH}?v=\"")), "{tag}");
        assert!(!tag.contains("__GENERATION__") && !tag.contains("__ENDPOINT__"), "a placeholder is left: {tag}");
        // The script must not end its own element early.
        assert_eq!(tag.matches("</script>").count(), 1);
    }
}
