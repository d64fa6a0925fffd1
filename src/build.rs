//! The pipeline, as a library: config and content → site model → layout (every file, by path) → pages and
//! machine-readable files → the output folder. `almanac build`, `check` and `serve` all run it; they differ
//! only in where the files go.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{BASE_URL_HELP, BaseUrl, Config, ConfigError};
use crate::content::{self, dates::When};
use crate::error::{Diagnostic, Diagnostics, IoOp, display_width};
use crate::export;
use crate::layout::{self, Encoding, Item, Layout, links};
use crate::lint;
use crate::output::{Staging, Target};
use crate::render::theme::{self, ThemeFile};
use crate::render::views::ArchiveView;
use crate::render::{Cards, Renderer, SiteRenderer, catalogue};
use crate::site::{Editions, Site};
use crate::urls;
use crate::words::Words;

/// Config and content, with every problem of both reported together. `base_url` overrides the config's.
pub fn load_site(root: &Path, drafts: bool, base_url: Option<&str>) -> Result<Site, Diagnostics> {
    load_site_keeping(root, drafts, base_url, content::Kept::new())
}

/// [`load_site`], keeping the schedules of `kept` instead of reading their folders again (see
/// [`content::load_keeping`]).
pub fn load_site_keeping(
    root: &Path,
    drafts: bool,
    base_url: Option<&str>,
    kept: content::Kept,
) -> Result<Site, Diagnostics> {
    let mut config = Config::load(root);
    if let (Some(url), Ok(c)) = (base_url, config.as_mut()) {
        let parsed = BaseUrl::parse(url).map_err(|problem| {
            Diagnostic::arg("--base-url", ConfigError::BaseUrl { url: url.to_string(), problem })
                .with_help(BASE_URL_HELP.replace("base_url = ", "--base-url "))
        })?;
        c.base_url = Some(parsed);
    }
    let schedules = content::load_keeping(&root.join("content"), drafts, kept);
    let words = config.as_ref().ok().map(|c| crate::render::catalogue::words(root, &c.theme, &c.language));
    match (config, schedules, words) {
        (Ok(c), Ok(mut s), Some(Ok(words))) => {
            // Drafts left out are said on every build and every save: relative to the site, as any problem.
            // A kept schedule, shared with the site read before, had this done when it was read.
            for schedule in s.iter_mut().filter_map(std::sync::Arc::get_mut) {
                schedule.draft_problems = std::mem::take(&mut schedule.draft_problems).relative_to(root);
            }
            Ok(Site::new(c, words, s))
        }
        (c, s, words) => {
            let mut errors = Diagnostics::default();
            errors.extend(c.err().unwrap_or_default());
            errors.extend(s.err().unwrap_or_default());
            errors.extend(words.and_then(Result::err).unwrap_or_default());
            Err(errors.relative_to(root))
        }
    }
}

/// The theme's static files with the site's own `static/` over them, by name. The theme's scripts and style sheets
/// go without their comments (see [`theme::shipped`]); the site's own files go as they are.
pub fn static_files(root: &Path, theme_name: &str) -> Result<BTreeMap<String, ThemeFile>, Diagnostics> {
    let theme_static = theme::files(root, theme_name, "static").map(|files| {
        files.into_iter().map(|f| ThemeFile { bytes: theme::shipped(&f.name, f.bytes), ..f }).collect::<Vec<_>>()
    });
    let site_static = theme::dir_files(&root.join("static"));
    // The site's own files come second, so they replace the theme's of the same name.
    Ok(theme_static?.into_iter().chain(site_static?).map(|f| (f.name.clone(), f)).collect())
}

/// Everything needed to make any file of a site: the model, its layout, the templates and the static files.
/// Making one checks what can be checked before rendering: unique paths and links that resolve.
pub struct Plan {
    pub site: Site,
    pub layout: Layout,
    templates: Renderer,
    statics: Vec<ThemeFile>,
    cards: Cards,
    /// The site's other editions (`languages`), each a whole site written in its folder: ("en/", its plan).
    pub editions: Vec<(String, Plan)>,
}

impl Plan {
    /// Lays out `site` (whose sources are under `root`) and its edition in each other language it has,
    /// reporting every problem found.
    pub fn new(root: &Path, mut site: Site) -> Result<Plan, Diagnostics> {
        let mut errors = translation_problems(&site);
        let others: Vec<String> = site.config.languages.iter().skip(1).cloned().collect();
        let words: Vec<Words> = others
            .iter()
            .filter_map(|l| catalogue::words(root, &site.config.theme, l).map_err(|e| errors.extend(e)).ok())
            .collect();
        if !errors.is_empty() {
            return Err(errors.relative_to(root).sorted());
        }
        let languages = std::iter::once((site.config.language.clone(), site.words.language.name.clone()))
            .chain(others.iter().zip(&words).map(|(l, w)| (l.clone(), w.language.name.clone())))
            .collect();
        site.editions = Editions { languages, this: 0 };
        let translated: Vec<Site> = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| site.translated(Editions { this: i + 1, ..site.editions.clone() }, w))
            .collect();
        let mut plan = Plan::one(root, site);
        let mut editions = Vec::new();
        for t in translated {
            let folder = urls::edition_folder(&t.config.language);
            match (Plan::one(root, t), &mut plan) {
                (Ok(p), _) => editions.push((folder, p)),
                // One problem is said once, though each edition finds it (a template every edition uses).
                (Err(e), Err(found)) => e.0.into_iter().for_each(|d| found.push_once(d)),
                (Err(e), Ok(_)) => plan = Err(e),
            }
        }
        plan.map(|p| Plan { editions, ..p })
    }

    /// Lays out one edition of a site.
    fn one(root: &Path, site: Site) -> Result<Plan, Diagnostics> {
        let templates = Renderer::new(root, &site.config.theme, &site.config.language);
        let statics = static_files(root, &site.config.theme);
        let (templates, statics) = match (templates, statics) {
            (Ok(t), Ok(s)) => (t, s.into_values().collect::<Vec<_>>()),
            (t, s) => {
                let mut errors = t.err().unwrap_or_default();
                errors.extend(s.err().unwrap_or_default());
                return Err(errors.relative_to(root));
            }
        };
        let names: Vec<String> = statics.iter().map(|f| f.name.clone()).collect();
        let layout = Layout::new(&site, &names).map_err(|e| e.relative_to(root))?;
        let broken = links::check(&site, &layout);
        if !broken.is_empty() {
            return Err(broken.relative_to(root));
        }
        let cards = Cards::new(&site);
        Ok(Plan { site, layout, templates, statics, cards, editions: Vec::new() })
    }

    /// This plan and its editions', with the folder each is written in.
    fn all(&self) -> impl Iterator<Item = (&str, &Plan)> {
        std::iter::once(("", self)).chain(self.editions.iter().map(|(f, p)| (f.as_str(), p)))
    }

    /// The bytes of a file that is made from no other file of the site: a page (as the archive holds it, for a
    /// page that offers the archive), a machine-readable file, a static file.
    fn render_alone(&self, renderer: &SiteRenderer<'_>, item: Item) -> Result<Vec<u8>, Diagnostic> {
        match item {
            Item::Page(page) if item.offers_archive() && self.layout.has_archive() => {
                let view = ArchiveView {
                    url: None,
                    size: None,
                    bytes: None,
                    offline: true,
                    online_url: self.site.config.base_url().map(|b| urls::absolute(b, &page.path(&self.site))),
                };
                renderer.render_with(page, Some(&view)).map(String::into_bytes)
            }
            Item::Page(page) => renderer.render(page).map(String::into_bytes),
            Item::Export(file) => export::render(file, &self.site, &self.layout)
                .map_err(|e| Diagnostic::io(IoOp::Write, file.path(&self.site), e)),
            Item::Static(i) => Ok(self.statics[i].bytes.clone()),
            Item::Archive | Item::Compressed(_) => unreachable!("made from other files, in Plan::write"),
        }
    }

    /// One file, for a server that renders on request; `None` when the layout has no file at `path`, or only one
    /// made from the whole site (the archive, a compressed copy), which a preview leaves out.
    pub fn render_path(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        if let Some((rest, plan)) =
            self.editions.iter().find_map(|(folder, plan)| Some((path.strip_prefix(folder.as_str())?, plan)))
        {
            return plan.render_path(rest);
        }
        let item = self.layout.get(path).filter(|item| item.in_archive())?;
        Some(self.render_alone(&self.templates.for_site(&self.site, &self.layout, &self.cards), item))
    }

    /// Renders every page in memory, keeping nothing but the errors: what `check` needs to know that the
    /// templates work on every activity's data. (Machine-readable files have no templates.)
    pub fn check_pages(&self) -> Diagnostics {
        self.check_pages_while(|| true)
    }

    /// [`Plan::check_pages`], rendering pages only while `go_on` says so (a preview stops when a newer save
    /// makes the answer moot).
    pub fn check_pages_while(&self, go_on: impl Fn() -> bool + Sync) -> Diagnostics {
        let mut errors = Diagnostics::default();
        for (_, plan) in self.all() {
            plan.check_edition_while(&go_on).0.into_iter().for_each(|d| errors.push_once(d));
        }
        errors.sorted()
    }

    fn check_edition_while(&self, go_on: impl Fn() -> bool + Sync) -> Diagnostics {
        let renderer = self.templates.for_site(&self.site, &self.layout, &self.cards);
        let pages: Vec<_> =
            self.layout.items().filter_map(|(_, item)| if let Item::Page(p) = item { Some(p) } else { None }).collect();
        let results: Vec<Option<Diagnostic>> =
            pages.par_iter().map(|&p| if go_on() { renderer.render(p).err() } else { None }).collect();
        let mut errors = Diagnostics::default();
        results.into_iter().flatten().for_each(|d| errors.push_once(d));
        errors.sorted()
    }

    /// Renders each file of every edition straight into `sink` (the original's at its root, each other's in its
    /// folder), in three stages, each in parallel:
    /// 1. every file made from no other (a page that offers the offline archive as the archive holds it:
    ///    saying that it is the offline copy, never the archive's size, which cannot be known yet), each
    ///    compressed at once as its archive entry and appended to the one archive of every edition, in the
    ///    layouts' order;
    /// 2. the pages that offer the archive, as served, naming its size;
    /// 3. the compressed copies of the text files.
    ///
    /// So no file depends on itself, and every build is the same. A broken template fails every page that
    /// uses it: it is said once.
    fn write(&self, sink: &Staging) -> Result<(), Diagnostics> {
        let plans: Vec<(&str, &Plan)> = self.all().collect();
        let renderers: Vec<SiteRenderer<'_>> =
            plans.iter().map(|(_, p)| p.templates.for_site(&p.site, &p.layout, &p.cards)).collect();
        // Every file of every edition: which edition, its path there, its path in the output.
        let items: Vec<(usize, &str, String, Item)> = plans
            .iter()
            .enumerate()
            .flat_map(|(e, (folder, p))| {
                p.layout.items().map(move |(path, item)| (e, path, format!("{folder}{path}"), item))
            })
            .collect();
        let then = |path: &str, bytes: &[u8]| {
            sink.write(path, bytes).map_err(|e| Diagnostic::io(IoOp::Write, sink.target().join(path), e))
        };
        let archive_error = |e| Diagnostic::io(IoOp::Write, sink.target().join(urls::ARCHIVE), e);
        let archive = self.layout.has_archive();
        let compress = plans.iter().any(|(_, p)| p.layout.compressed() > 0);
        let zip = match archive.then(|| sink.create(urls::ARCHIVE)).transpose() {
            Ok(file) => file.map(|f| {
                export::archive::Writer::new(io::BufWriter::with_capacity(1 << 20, f), self.site.content_updated())
            }),
            Err(e) => return Err(Diagnostics(vec![archive_error(e)])),
        };
        // What later stages read: the text files that get compressed copies.
        let keep = |path: &str, bytes: Vec<u8>| Kept { raw: (compress && layout::is_text(path)).then_some(bytes) };
        let mut done = Done::default();

        // 1. Files made from no other, a chunk at a time in the layouts' order. Each chunk's archive entries go
        // to a thread that appends them to the archive while the next chunk renders: only a few chunks of
        // entries are ever held, and the zip's order is the layouts' whatever thread made an entry.
        let alone: Vec<&(usize, &str, String, Item)> = items.iter().filter(|(.., item)| item.in_archive()).collect();
        let written = std::thread::scope(|scope| {
            let (to_zip, entries) = std::sync::mpsc::sync_channel::<Vec<export::archive::Entry>>(2);
            let zipping = zip.map(|mut zip| {
                scope.spawn(move || {
                    for chunk in entries {
                        chunk.into_iter().try_for_each(|entry| zip.add(entry))?;
                    }
                    zip.finish().map(|(_, size)| size)
                })
            });
            for chunk in alone.chunks(ARCHIVE_CHUNK) {
                let made: Vec<Rendered> = chunk
                    .par_iter()
                    .map(|&&(e, _, ref full, item)| {
                        let plan = plans[e].1;
                        // The site-wide data grows with the site: written as it is made, into the file and its
                        // archive entry at once. (Compressed copies need the whole bytes: then it is made whole.)
                        if let Item::Export(file) = item
                            && export::streams(file)
                            && !compress
                        {
                            let entry = plan
                                .stream(sink, full, file, archive)
                                .map_err(|e| Diagnostic::io(IoOp::Write, sink.target().join(full), e))?;
                            return Ok((full.as_str(), Kept::NONE, entry));
                        }
                        let bytes = plan.render_alone(&renderers[e], item)?;
                        // The archive's copy of a page that offers it is not the served page: kept, not handed on.
                        if !(archive && item.offers_archive()) {
                            then(full, &bytes)?;
                        }
                        let entry =
                            archive.then(|| export::archive::entry(full, &bytes)).transpose().map_err(archive_error)?;
                        Ok((full.as_str(), keep(full, bytes), entry))
                    })
                    .collect();
                let mut entries = Vec::with_capacity(made.len());
                let kept = made
                    .into_iter()
                    .map(|r| {
                        r.map(|(path, kept, entry)| {
                            entries.extend(entry);
                            (path, kept)
                        })
                    })
                    .collect();
                done.take(kept);
                // After a failure the archive is not finished; a writer that failed has said why (below).
                if done.errors.is_empty() && !entries.is_empty() {
                    let _ = to_zip.send(entries);
                }
            }
            drop(to_zip);
            zipping.map(|thread| thread.join().unwrap_or_else(|_| Err(io::Error::other("the archive's writer failed"))))
        });

        // 2. The pages that offer the archive, once it is whole; an edition's pages link to it at the root.
        if let Some(written) = written.filter(|_| done.errors.is_empty()) {
            let size = match written {
                Ok(size) => usize::try_from(size).unwrap_or(usize::MAX),
                Err(e) => return Err(Diagnostics(vec![archive_error(e)])),
            };
            let views: Vec<ArchiveView> = plans
                .iter()
                .map(|(_, p)| ArchiveView {
                    url: Some(format!("{}{}", p.site.editions.root_of(0), urls::ARCHIVE)),
                    size: Some(export::archive::size_words(size)),
                    bytes: Some(size),
                    offline: false,
                    online_url: None,
                })
                .collect();
            let offering: Vec<_> = items.iter().filter(|(.., item)| item.offers_archive()).collect();
            done.take(
                offering
                    .par_iter()
                    .map(|&&(e, _, ref full, item)| {
                        let Item::Page(page) = item else { unreachable!("only pages offer the archive") };
                        let bytes = renderers[e].render_with(page, Some(&views[e])).map(String::into_bytes)?;
                        then(full, &bytes)?;
                        Ok((full.as_str(), keep(full, bytes)))
                    })
                    .collect(),
            );
        }

        // 3. The compressed copies.
        if compress && done.errors.is_empty() {
            let copies: Vec<(&str, String, Encoding)> = items
                .iter()
                .filter_map(|&(e, path, ref full, item)| match item {
                    Item::Compressed(enc) => {
                        Some((full.as_str(), format!("{}{}", plans[e].0, layout::original(path, enc)), enc))
                    }
                    _ => None,
                })
                .collect();
            let kept = &done.kept;
            let results: Vec<_> = copies
                .par_iter()
                .map(|&(path, ref original, e)| {
                    let original = kept.get(original.as_str()).and_then(|k| k.raw.as_deref()).unwrap_or_default();
                    let bytes = export::compress::compress(original, e)
                        .map_err(|err| Diagnostic::io(IoOp::Write, path, err))?;
                    then(path, &bytes)?;
                    Ok((path, Kept::NONE))
                })
                .collect();
            done.take(results);
        }
        done.errors.sorted().or_ok(())
    }

    /// Writes `file` at `path` of `sink` as it is made, and its archive entry when `archive`.
    fn stream(
        &self,
        sink: &Staging,
        path: &str,
        file: layout::Export,
        archive: bool,
    ) -> io::Result<Option<export::archive::Entry>> {
        // Buffered before the tee: serialisers write a few bytes at a time, and the compressor and the file
        // each want large pieces.
        let mut out = io::BufWriter::with_capacity(
            1 << 16,
            Tee { file: sink.create(path)?, entry: archive.then(|| export::archive::EntryWriter::new(path)) },
        );
        export::write_to(file, &self.site, &self.layout, &mut out)?;
        let tee = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        tee.entry.map(export::archive::EntryWriter::finish).transpose()
    }

    /// What the build wrote, for its summary line.
    pub fn summary(&self, output: PathBuf, elapsed: Duration) -> BuildSummary {
        let (mut pages, mut data_files, mut static_files) = (0, 0, 0);
        for (_, plan) in self.all() {
            let (p, d, s) = plan.layout.counts();
            (pages, data_files, static_files) = (pages + p, data_files + d, static_files + s);
        }
        BuildSummary {
            schedules: self.site.schedules.len(),
            activities: self.site.activity_count(),
            pages,
            data_files,
            static_files,
            archive: self.layout.has_archive(),
            compressed: self.all().map(|(_, p)| p.layout.compressed()).sum(),
            languages: self.site.editions.languages.len(),
            output,
            elapsed,
            notices: export::notices(&self.site),
            warnings: Diagnostics(
                self.site.schedules.iter().flat_map(|s| s.draft_problems.0.iter().cloned()).collect(),
            ),
        }
    }
}

/// What the site's translations say that its `languages` cannot hold: a table into a language it does not name,
/// an edition whose folder is a schedule's.
fn translation_problems(site: &Site) -> Diagnostics {
    let languages = &site.config.languages;
    let mut errors = Diagnostics::default();
    for s in &site.schedules {
        let tables = s.translations.iter().map(|t| (&s.origin, t));
        for (origin, t) in tables.chain(s.activities.iter().flat_map(|a| a.translations.iter().map(|t| (&a.origin, t))))
        {
            if !languages[1..].contains(&t.lang) {
                errors.push(
                    origin
                        .at(Some(t.span.clone()), ConfigError::NotALanguage(t.lang.clone()))
                        .with_help(crate::config::not_a_language_help(&t.lang)),
                );
            }
        }
        for l in &languages[1..] {
            // The schedule's name and organiser are on every list of its edition (its navigation, the home
            // page): never left in the original's words.
            let written = [("title", true), ("organiser", s.organiser.is_some())];
            for (key, _) in written.into_iter().filter(|&(_, w)| w) {
                if !s.translations.iter().any(|t| &t.lang == l && t.get(key).is_some()) {
                    errors.push(
                        s.origin.at(Some(0..3), ConfigError::Untranslated { lang: l.clone(), key }).with_help(format!(
                            "add a table `[{l}]` with {key} = \"…\" at the end of the front matter"
                        )),
                    );
                }
            }
            if urls::edition_folder(l) == format!("{}/", s.slug) {
                errors.push(
                    s.origin
                        .at(None, ConfigError::EditionFolder { lang: l.clone(), slug: s.slug.clone() })
                        .with_help("rename the schedule's folder: the edition in that language is written there"),
                );
            }
        }
    }
    errors
}

/// A file being written and, when the site has an archive, its archive entry: the same bytes to both.
struct Tee {
    file: std::fs::File,
    entry: Option<export::archive::EntryWriter>,
}

impl io::Write for Tee {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file.write_all(bytes)?;
        if let Some(entry) = &mut self.entry {
            entry.write_all(bytes)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// What [`Plan::write`] has made so far: what later stages read, the errors.
#[derive(Default)]
struct Done<'a> {
    kept: BTreeMap<&'a str, Kept>,
    errors: Diagnostics,
}

/// What a later stage needs of a file: its bytes, for a compressed copy.
struct Kept {
    raw: Option<Vec<u8>>,
}

impl Kept {
    const NONE: Kept = Kept { raw: None };
}

/// How many files are rendered before their archive entries are appended: enough that both cores stay busy
/// between two appends, few enough that the entries waiting are a small part of the site.
const ARCHIVE_CHUNK: usize = 256;

type Made<'a> = Result<(&'a str, Kept), Diagnostic>;

/// A file made from no other: what later stages read, and its archive entry.
type Rendered<'a> = Result<(&'a str, Kept, Option<export::archive::Entry>), Diagnostic>;

impl<'a> Done<'a> {
    fn take(&mut self, results: Vec<Made<'a>>) {
        for r in results {
            match r {
                Ok((path, kept)) => {
                    if kept.raw.is_some() {
                        self.kept.insert(path, kept);
                    }
                }
                Err(d) => self.errors.push_once(d),
            }
        }
    }
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
    /// Whether it wrote the offline archive.
    pub archive: bool,
    /// Compressed copies of text files (`.gz`, `.br`).
    pub compressed: usize,
    /// Editions written: one per language of `languages`.
    pub languages: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// One line each, `note: …` or `warning: …`, about what was left out (e.g. the sitemap without a base_url)
    /// or found beside the output (what interrupted builds left, a previous site that could not be deleted),
    /// for the binary to print.
    pub notices: Vec<String>,
    /// Drafts left out that cannot be read (see `Schedule::draft_problems`), for the binary to print.
    pub warnings: Diagnostics,
}

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site's folder (the one holding almanac.toml).
    pub root: PathBuf,
    /// Where to write the site; `ROOT/output` when `None`.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Replace the output folder even when no almanac build wrote it (it is never a folder of the sources).
    pub force: bool,
    /// Write compressed copies of the text files, whatever `compress` in almanac.toml says.
    pub compress: bool,
}

/// What a build says while it runs, for the binary to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildEvent {
    /// Another build of the same output folder holds its lock; this one waits for it to finish.
    Waiting { output: PathBuf },
}

/// Builds the site of `options.root` into its output folder, replacing it only when everything succeeded.
pub fn build(options: &Options) -> Result<BuildSummary, Diagnostics> {
    build_with(options, |_| {})
}

/// [`build`], telling `on_event` what it waits for.
pub fn build_with(options: &Options, mut on_event: impl FnMut(BuildEvent)) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let root = options.root.as_path();
    let output = options.output.clone().unwrap_or_else(|| root.join("output"));
    // Where the site goes is checked before anything is read, and its problems reported with the content's
    // (naming the folder as it was given).
    let target = Target::resolve(root, &output, options.force).map_err(Diagnostics::from);
    let plan = load_site(root, options.drafts, options.base_url.as_deref()).and_then(|mut site| {
        site.config.compress |= options.compress;
        Plan::new(root, site)
    });
    let (target, plan) = match (target, plan) {
        (Ok(t), Ok(p)) => (t, p),
        (t, p) => {
            let mut errors = t.err().unwrap_or_default();
            errors.extend(p.err().unwrap_or_default());
            return Err(errors.sorted());
        }
    };
    let staging = Staging::new(&target, || on_event(BuildEvent::Waiting { output: output.clone() }))?;
    plan.write(&staging).map_err(|e| e.relative_to(root))?;
    let notes = staging.commit()?;
    let mut summary = plan.summary(output, started.elapsed());
    summary.notices.extend(notes.iter().map(ToString::to_string));
    drop_in_background(plan);
    Ok(summary)
}

/// Freeing a large build's values takes a visible fraction of a second and nobody waits for the result:
/// let another thread do it (a command-line build exits without waiting for it).
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
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

/// What `almanac check` found: how each date was read, and every error and warning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub readings: Vec<Reading>,
    /// Errors and warnings, in file order.
    pub diagnostics: Diagnostics,
    pub strict: bool,
    /// For each edition in another language, what is not translated yet (see [`Translated`]).
    pub translated: Vec<Translated>,
}

/// How much of the site an edition in another language has in its own words: its activities with no translation
/// (their pages show the original's words, marked) and those translated in part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translated {
    pub lang: String,
    pub activities: usize,
    /// Each file, relative to the site root, with what it leaves in the original ("title", "body" …).
    pub untranslated: Vec<(PathBuf, Vec<&'static str>)>,
    /// The tags `[en.tags]` names no translation of, in the site's order.
    pub tags: Vec<String>,
}

impl CheckReport {
    /// Whether the check failed: any error, or under `--strict` any warning.
    pub fn failed(&self) -> bool {
        self.diagnostics.errors() > 0 || (self.strict && !self.diagnostics.is_empty())
    }

    /// The readings as an aligned table: `8月下旬 → 2023-08-21 … 2023-08-31 (旬)  file  title`.
    pub fn table(&self) -> String {
        let width = self.readings.iter().map(|r| display_width(&r.text)).max().unwrap_or(0);
        let mut out = String::new();
        for r in &self.readings {
            let pad = " ".repeat(width - display_width(&r.text));
            let w = &r.when;
            let minute = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
            let start = w.starts_at().map_or_else(|| w.start.to_string(), minute);
            // A start time alone on one day is a moment: nothing to say after it.
            let end = match w.ends_at() {
                Some(t) => format!(" … {}", minute(t)),
                None if w.list.is_empty() && w.start == w.end && w.starts_at().is_some() => String::new(),
                None => format!(" … {}", w.end),
            };
            let dates = if w.list.is_empty() { String::new() } else { format!(", {} dates", w.list.len()) };
            out += &format!(
                "{}{pad} → {start}{end} ({}{dates})  {}  {}\n",
                r.text,
                w.precision().label(),
                r.file.display(),
                r.what
            );
        }
        out
    }
}

/// Everything `build` checks, without writing anything, plus warnings and how each date was read.
pub fn check(root: &Path, drafts: bool, strict: bool) -> CheckReport {
    let mut report = CheckReport { strict, ..CheckReport::default() };
    let mut found = Diagnostics::default();
    match load_site(root, drafts, None) {
        Ok(site) => {
            report.readings = readings(&site, root);
            match Plan::new(root, site) {
                Ok(plan) => {
                    report.translated = plan
                        .editions
                        .iter()
                        .map(|(_, p)| Translated {
                            lang: p.site.config.language.clone(),
                            activities: p.site.activity_count(),
                            untranslated: p
                                .site
                                .schedules
                                .iter()
                                .flat_map(|s| &s.activities)
                                .filter(|a| !a.untranslated.is_empty())
                                .map(|a| {
                                    let file = a.origin.path.strip_prefix(root).unwrap_or(&a.origin.path);
                                    (file.to_path_buf(), a.untranslated.clone())
                                })
                                .collect(),
                            tags: p.site.tags.iter().filter(|t| t.lang.is_some()).map(|t| t.name.clone()).collect(),
                        })
                        .collect();
                    // Every page is rendered (in memory) so template errors that depend on the data show too.
                    found.extend(plan.check_pages());
                    found.extend(lint::lint(&plan.site));
                }
                Err(e) => found.extend(e),
            }
        }
        Err(e) => {
            found.extend(e);
            // Templates are checked even when the content is broken, so one run shows both.
            let (theme, language) = Config::load(root)
                .map(|c| (c.theme, c.language))
                .unwrap_or_else(|_| ("default".into(), crate::config::DEFAULT_LANGUAGE.into()));
            // A catalogue the site could not be read with is said once, not again for the templates.
            if let Err(e) = Renderer::new(root, &theme, &language) {
                e.relative_to(root).0.into_iter().for_each(|d| found.push_once(d));
            }
        }
    }
    report.diagnostics = found.relative_to(root);
    report
}

fn readings(site: &Site, root: &Path) -> Vec<Reading> {
    let mut out = Vec::new();
    for s in &site.schedules {
        for a in &s.activities {
            let file = a.origin.path.strip_prefix(root).unwrap_or(&a.origin.path).to_path_buf();
            // A changed activity says its status and how many changes calendars have seen.
            let what = if a.changed() {
                format!("{} ({}, sequence {})", a.title, a.status().as_str(), a.sequence())
            } else {
                a.title.clone()
            };
            out.push(Reading { file: file.clone(), what, text: a.when_text.clone(), when: a.when.clone() });
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
