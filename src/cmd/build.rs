//! `almanac build`: content → site model → pages → `output/`, atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::error::{Diagnostic, Diagnostics, ErrorKind};
use crate::export::{self, Export};
use crate::output::Staging;
use crate::render::theme::ThemeFile;
use crate::render::{Cards, Page, Renderer};
use crate::site::Site;
use crate::urls;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct BuildArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include activities marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// The address the site will be published at, overriding `base_url` in almanac.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// What a successful build did, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub schedules: usize,
    pub activities: usize,
    pub pages: usize,
    /// Calendars, feeds, data and the sitemap.
    pub data_files: usize,
    pub static_files: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// One line each about what was left out (e.g. the sitemap without a base_url), for the binary to print.
    pub notices: Vec<String>,
    /// Drafts left out that cannot be read (see `Schedule::draft_problems`), for the binary to print.
    pub warnings: Diagnostics,
}

impl BuildArgs {
    pub fn run(&self) -> Result<BuildSummary, Diagnostics> {
        let started = Instant::now();
        let root = self.root.as_path();
        let output = self.output.clone().unwrap_or_else(|| root.join("output"));
        let site = load_site(root, self.drafts, self.base_url.as_deref())?;
        let staging = Staging::new(&output).map_err(|e| io_error(&output, e))?;
        let counts = write_site(root, &site, &staging, &output)?;
        staging.commit().map_err(|e| io_error(&output, e))?;
        let mut summary = counts.summary(&site, output, started.elapsed());
        summary.warnings = std::mem::take(&mut summary.warnings).relative_to(root);
        drop_in_background(site);
        Ok(summary)
    }
}

/// How many files of each kind a build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    pub data_files: usize,
    pub static_files: usize,
}

impl Counts {
    pub fn summary(self, site: &Site, output: PathBuf, elapsed: Duration) -> BuildSummary {
        BuildSummary {
            schedules: site.schedules.len(),
            activities: site.activity_count(),
            pages: self.pages,
            data_files: self.data_files,
            static_files: self.static_files,
            output,
            elapsed,
            notices: export::notices(site),
            warnings: Diagnostics(site.schedules.iter().flat_map(|s| s.draft_problems.iter().cloned()).collect()),
        }
    }
}

/// Freeing a large build's values takes a visible fraction of a second and nobody waits for the result:
/// let another thread do it (a command-line build exits without waiting for it).
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path, ErrorKind::Io { what: "the output folder", message: e.to_string() })
}

/// Renders every page, data file and static file of `site` (whose sources are under `root`) into `sink`;
/// `output` names the destination in messages.
pub fn write_site(root: &Path, site: &Site, sink: &Staging, output: &Path) -> Result<Counts, Diagnostics> {
    let templates = Renderer::new(root, &site.config.theme).map_err(|e| e.relative_to(root))?;
    let cards = Cards::new(site);
    let renderer = templates.for_site(site, &cards);
    let pages = Page::all(site);
    let exports = Export::all(site);
    let results: Vec<Result<(), Diagnostic>> = pages
        .par_iter()
        .map(|&page| {
            let html = renderer.render(page)?;
            let path = page.path(site);
            sink.write(&path, html.as_bytes()).map_err(|e| io_error(&output.join(&path), e))
        })
        .chain(exports.par_iter().map(|&file| {
            let path = file.path(site);
            let io = |e| io_error(&output.join(&path), e);
            sink.write(&path, &file.render(site).map_err(io)?).map_err(io)
        }))
        .collect();
    drop(renderer);
    drop_in_background(cards);
    let mut errors = Diagnostics::default();
    for d in results.into_iter().filter_map(Result::err) {
        // A broken template fails every page that uses it: say it once.
        if !errors.iter().any(|e| *e == d) {
            errors.push(d);
        }
    }
    if !errors.is_empty() {
        return Err(errors.relative_to(root));
    }
    let statics = static_files(root, &site.config.theme)?;
    for f in statics.values() {
        let rel = format!("{}/{}", urls::STATIC_DIR, f.name);
        sink.write(&rel, &f.bytes).map_err(|e| io_error(&f.path, e))?;
    }
    Ok(Counts { pages: pages.len(), data_files: exports.len(), static_files: statics.len() })
}

/// The theme's static files with the site's own `static/` over them, by name.
pub fn static_files(root: &Path, theme: &str) -> Result<BTreeMap<String, ThemeFile>, Diagnostics> {
    let theme_static = crate::render::theme::files(root, theme, "static");
    let site_static = crate::render::theme::dir_files(&root.join("static"));
    // The site's own files come second, so they replace the theme's of the same name.
    Ok(theme_static?.into_iter().chain(site_static?).map(|f| (f.name.clone(), f)).collect())
}

/// Config and content, with every problem of both reported together. `base_url` overrides the config's.
pub fn load_site(root: &Path, drafts: bool, base_url: Option<&str>) -> Result<Site, Diagnostics> {
    let mut config = Config::load(root);
    if let (Some(url), Ok(c)) = (base_url, config.as_mut()) {
        if let Err(why) = crate::config::check_base_url(url) {
            let d = Diagnostic::file("--base-url", ErrorKind::Invalid(why))
                .with_help("pass a full address such as --base-url https://example.org/calendar/");
            return Err(d.into());
        }
        c.base_url = Some(url.to_string());
    }
    let schedules = content::load(&root.join("content"), drafts);
    match (config, schedules) {
        (Ok(c), Ok(s)) => Ok(Site::new(c, s)),
        (c, s) => {
            let mut errors = Diagnostics::default();
            errors.extend(c.err().unwrap_or_default());
            errors.extend(s.err().unwrap_or_default());
            Err(errors.relative_to(root))
        }
    }
}
