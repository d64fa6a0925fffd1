//! `sitemap.xml` and `robots.txt`. Both need absolute URLs, so they are written only with a `base_url`.

use crate::escape::escape;
use crate::layout::Page;
use crate::site::Site;
use crate::urls;

/// Every page but the 404 page, absolute; activity pages say when they last changed.
pub(crate) fn sitemap(site: &Site) -> String {
    let base = site.config.base_url().unwrap_or_default();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in Page::all(site).into_iter().filter(|p| !matches!(p, Page::NotFound | Page::Embed)) {
        let loc = urls::absolute(base, &page.path(site));
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&loc)));
        if let Page::Activity(id) = page {
            out.push_str(&format!("<lastmod>{}</lastmod>", site.updated(id).format("%Y-%m-%d")));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Allows everything and names the sitemap. Crawlers read robots.txt only at a host's root, so under a
/// sub-path it is there to be copied up.
pub(crate) fn robots(site: &Site) -> String {
    let base = site.config.base_url().unwrap_or_default();
    let mut out = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls::absolute(base, urls::SITEMAP));
    // Each other edition's sitemap, in its folder (see `Editions`).
    for i in 1..site.editions.languages.len() {
        out +=
            &format!("Sitemap: {}\n", urls::absolute(base, &format!("{}{}", site.editions.root_of(i), urls::SITEMAP)));
    }
    out
}
