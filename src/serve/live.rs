//! The preview's site, rendered page by page as a browser asks for it: after a save, only the content is
//! read again and only the pages looked at are rendered, so the new page is there at once even for an
//! archive of thousands of activities.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use crate::cmd::build::{Counts, static_files};
use crate::error::Diagnostics;
use crate::export::Export;
use crate::render::{Cards, Page, Renderer};
use crate::site::Site;
use crate::urls;

enum Item {
    Page(Page),
    Export(Export),
    Static(Arc<[u8]>),
}

pub struct Live {
    site: Site,
    templates: Renderer,
    cards: Cards,
    items: HashMap<String, Item>,
    rendered: Mutex<HashMap<String, Arc<[u8]>>>,
    counts: Counts,
}

impl Live {
    /// Loads the templates and indexes every file of `site` (sources under `root`) without rendering any.
    pub fn new(root: &Path, site: Site) -> Result<Live, Diagnostics> {
        let templates = Renderer::new(root, &site.config.theme).map_err(|e| e.relative_to(root))?;
        let statics = static_files(root, &site.config.theme)?;
        let pages = Page::all(&site);
        let exports = Export::all(&site);
        let counts = Counts { pages: pages.len(), data_files: exports.len(), static_files: statics.len() };
        let mut items: HashMap<String, Item> = HashMap::with_capacity(pages.len() + exports.len() + statics.len());
        items.extend(pages.into_iter().map(|p| (p.path(&site), Item::Page(p))));
        items.extend(exports.into_iter().map(|e| (e.path(&site), Item::Export(e))));
        items.extend(
            statics.into_values().map(|f| (format!("{}/{}", urls::STATIC_DIR, f.name), Item::Static(f.bytes.into()))),
        );
        let cards = Cards::new(&site);
        Ok(Live { site, templates, cards, items, rendered: Mutex::default(), counts })
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The file `rel`, rendered on first request. A page whose template fails shows the error instead.
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        let item = self.items.get(rel)?;
        if let Item::Static(bytes) = item {
            return Some(Arc::clone(bytes));
        }
        if let Some(done) = self.rendered.lock().unwrap_or_else(PoisonError::into_inner).get(rel) {
            return Some(Arc::clone(done));
        }
        let bytes: Arc<[u8]> = match item {
            Item::Page(page) => match self.templates.for_site(&self.site, &self.cards).render(*page) {
                Ok(html) => html.into_bytes().into(),
                Err(d) => error_page(&d.to_string()).into_bytes().into(),
            },
            Item::Export(file) => match file.render(&self.site) {
                Ok(bytes) => bytes.into(),
                Err(e) => e.to_string().into_bytes().into(),
            },
            Item::Static(_) => return None,
        };
        self.rendered.lock().unwrap_or_else(PoisonError::into_inner).insert(rel.to_string(), Arc::clone(&bytes));
        Some(bytes)
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.items.contains_key(rel)
    }
}

/// A page that shows a template error where the page would be (the reload script is added as to any page).
fn error_page(error: &str) -> String {
    let escaped = error.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>template error</title>\n<body><pre>{escaped}</pre></body></html>\n"
    )
}
