//! Which built file a request names, and what type it is. Pure functions, so the rules that keep a request
//! inside the site can be read and tested as a table.

use percent_encoding::percent_decode_str;

/// The file of the built site that the request target names, relative to the site root with `/` separators;
/// `None` when the target could escape the site or is not a plain origin-form path.
///
/// Everything suspicious is refused rather than cleaned up: the built site never needs `.` or `..` segments,
/// encoded slashes, `%` after decoding (double encoding), backslashes, NUL, colons (drive letters), empty
/// segments or hidden names, so refusing them costs nothing and leaves no normalisation to get wrong.
/// A path ending in `/` names the folder's `index.html`.
pub(super) fn resolve(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix('/')?;
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['%', '\\', '\0', ':']) || decoded.chars().any(char::is_control) {
        return None;
    }
    let (dir, file) = match decoded.rsplit_once('/') {
        Some((dir, "")) => (Some(dir), "index.html"),
        Some((dir, file)) => (Some(dir), file),
        None if decoded.is_empty() => (None, "index.html"),
        None => (None, &*decoded),
    };
    let segments = dir.into_iter().flat_map(|d| d.split('/')).chain([file]);
    let mut out = String::with_capacity(decoded.len() + 10);
    for segment in segments {
        if segment.is_empty() || segment.starts_with('.') {
            return None;
        }
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(segment);
    }
    Some(out)
}

/// The `Content-Type` for a file of the built site, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_paths_inside_the_site() {
        let table: &[(&str, Option<&str>)] = &[
            // Ordinary pages, folders and files.
            ("/", Some("index.html")),
            ("/index.html", Some("index.html")),
            ("/spring/", Some("spring/index.html")),
            ("/spring/01-forum.html", Some("spring/01-forum.html")),
            ("/spring/01-forum.html?x=1#top", Some("spring/01-forum.html")),
            ("/?reload", Some("index.html")),
            ("/tags", Some("tags")),
            ("/static/style.css", Some("static/style.css")),
            ("/months/2024-03.html", Some("months/2024-03.html")),
            ("/%E8%AF%84%E5%AE%A1.html", Some("评审.html")),
            ("/a%20b.html", Some("a b.html")),
            // Traversal, plain and encoded.
            ("/../etc/passwd", None),
            ("/spring/../../etc/passwd", None),
            ("/spring/../index.html", None),
            ("/..", None),
            ("/./index.html", None),
            ("/%2e%2e/etc/passwd", None),
            ("/%2E%2E/%2E%2E/etc/passwd", None),
            ("/.%2e/etc/passwd", None),
            ("/%2e%2e%2fetc%2fpasswd", None),
            ("/spring%2F01-forum.html", None),
            // Double encoding: `%25` decodes to `%`, which a second decoder would turn into `..`.
            ("/%252e%252e/etc/passwd", None),
            ("/%25%32%65%25%32%65/etc/passwd", None),
            // Backslashes, raw and encoded.
            ("/..\\..\\etc\\passwd", None),
            ("/spring\\01-forum.html", None),
            ("/..%5c..%5cetc%5cpasswd", None),
            // Absolute paths and other forms of request target.
            ("//etc/passwd", None),
            ("/C:/Windows/win.ini", None),
            ("/c:%5cwindows", None),
            ("etc/passwd", None),
            ("http://127.0.0.1/index.html", None),
            ("*", None),
            ("", None),
            // NUL and other control characters.
            ("/index.html%00.png", None),
            ("/index.html\0", None),
            ("/a%0a.html", None),
            // Hidden files, empty segments, malformed or non-UTF-8 escapes.
            ("/.git/config", None),
            ("/spring//01-forum.html", None),
            ("/spring//", None),
            ("/%zz.html", None),
            ("/%ff.html", None),
        ];
        for (target, want) in table {
            assert_eq!(resolve(target).as_deref(), *want, "request target {target:?}");
        }
    }

    #[test]
    fn content_types_name_utf8_for_text() {
        let table = [
            ("index.html", "text/html; charset=utf-8"),
            ("static/style.css", "text/css; charset=utf-8"),
            ("static/app.js", "text/javascript; charset=utf-8"),
            ("spring/calendar.ics", "text/calendar; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("data.json", "application/json; charset=utf-8"),
            ("spring/activities.csv", "text/csv; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("static/logo.svg", "image/svg+xml; charset=utf-8"),
            ("static/logo.png", "image/png"),
            ("static/LOGO.PNG", "image/png"),
            ("static/unknown.bin", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ];
        for (path, want) in table {
            assert_eq!(content_type(path), want, "{path}");
        }
    }
}
