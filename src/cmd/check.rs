//! `almanac check`: everything `build` would check, without writing anything, plus warnings and a table of
//! how each date was read, so an editor sees the calendar's reading before publishing.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cmd::build::load_site;
use crate::content::dates::When;
use crate::error::{Diagnostics, Severity, display_width};
use crate::lint::lint;
use crate::render::{Page, Renderer};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct CheckArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include activities marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

/// How one `when` was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The activity's file, relative to the site root.
    pub file: PathBuf,
    /// The activity's title, or "title：label" for a milestone.
    pub what: String,
    pub text: String,
    pub when: When,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub readings: Vec<Reading>,
    /// Errors and warnings, in file order.
    pub diagnostics: Diagnostics,
    pub strict: bool,
}

impl CheckReport {
    /// Whether the check failed: any error, or under `--strict` any warning.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error || self.strict)
    }

    /// The readings as an aligned table: `8月下旬 → 2023-08-21 … 2023-08-31 (旬)  file`.
    pub fn table(&self) -> String {
        let width = self.readings.iter().map(|r| display_width(&r.text)).max().unwrap_or(0);
        let mut out = String::new();
        for r in &self.readings {
            let pad = " ".repeat(width - display_width(&r.text));
            let w = &r.when;
            out += &format!(
                "{}{pad} → {} … {} ({})  {}  {}\n",
                r.text,
                w.start,
                w.end,
                w.precision().label(),
                r.file.display(),
                r.what
            );
        }
        out
    }
}

impl CheckArgs {
    /// Never fails outright: problems are in the report.
    pub fn run(&self) -> CheckReport {
        let root = self.root.as_path();
        let mut report = CheckReport { strict: self.strict, ..CheckReport::default() };
        let site = load_site(root, self.drafts, None);
        // Templates are checked even when the content is broken, so one run shows both.
        let theme = match &site {
            Ok(s) => s.config.theme.clone(),
            Err(_) => crate::config::Config::load(root).map(|c| c.theme).unwrap_or_else(|_| "default".into()),
        };
        let renderer = Renderer::new(root, &theme);
        let mut found = Diagnostics::default();
        match (&site, &renderer) {
            (Ok(site), Ok(renderer)) => {
                let cards = crate::render::Cards::new(site);
                let renderer = renderer.for_site(site, &cards);
                let results: Vec<_> = Page::all(site).par_iter().map(|&p| renderer.render(p)).collect();
                for d in results.into_iter().filter_map(Result::err) {
                    if !found.iter().any(|e| *e == d) {
                        found.push(d);
                    }
                }
                found.extend(lint(site));
            }
            _ => {
                found.extend(site.as_ref().err().cloned().unwrap_or_default());
                found.extend(renderer.as_ref().err().cloned().unwrap_or_default());
            }
        }
        if let Ok(site) = &site {
            report.readings = readings(site, root);
        }
        report.diagnostics = found.relative_to(root);
        report
    }
}

fn readings(site: &crate::site::Site, root: &Path) -> Vec<Reading> {
    let mut out = Vec::new();
    for s in &site.schedules {
        for a in &s.activities {
            let file = a.source.strip_prefix(root).unwrap_or(&a.source).to_path_buf();
            out.push(Reading {
                file: file.clone(),
                what: a.title.clone(),
                text: a.when_text.clone(),
                when: a.when.clone(),
            });
            for m in &a.milestones {
                out.push(Reading {
                    file: file.clone(),
                    what: format!("{}：{}", a.title, m.label),
                    text: m.when_text.clone(),
                    when: m.when.clone(),
                });
            }
        }
    }
    out
}
