//! Rendering: loads the theme's templates (a site's own `templates/` overrides them file by file) and turns
//! each page of the site model into HTML through a small view.

mod calendar;
pub(crate) mod catalogue;
mod error;
mod month;
mod pages;
mod templates;
pub(crate) mod text;
pub mod theme;
pub(crate) mod views;
mod week;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::{Context, Tera, Value};

pub use error::TemplateError;

use crate::error::{Diagnostic, Diagnostics, FileError};
use crate::layout::{Layout, Page, TAG_PAGE_SIZE, tag_pages};
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;
use pages::{meta, recent_changes, schedule_summary};
use templates::Template;
use views::*;

/// Schedules named in every page's navigation; an archive of many years links the rest from the home page.
pub(super) const NAV_SCHEDULES: usize = 3;

const TEMPLATE_HELP: &str = "fix the template; its syntax is Tera 2's (keats.github.io/tera)";

/// `name`, line and column from a report line ` --> name:4:24`.
fn report_location(message: &str) -> Option<(&str, usize, usize)> {
    let at = message.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.trim().rsplitn(3, ':');
    let column = parts.next()?.parse().ok().filter(|c| *c > 0)?;
    let line = parts.next()?.parse().ok().filter(|l| *l > 0)?;
    Some((parts.next()?, line, column))
}

/// The loaded templates, and where each came from (for error messages).
pub struct Renderer {
    tera: Tera,
    sources: BTreeMap<String, (PathBuf, String)>,
    /// The theme's words in the site's language (see [`catalogue`]), `t` in every template.
    words: Value,
}

impl Renderer {
    /// Loads the theme's templates, then the site's `templates/` over them, and the theme's words in `language`.
    pub fn new(root: &Path, theme_name: &str, language: &str) -> Result<Renderer, Diagnostics> {
        let mut sources = BTreeMap::new();
        let mut errors = Diagnostics::default();
        let words = catalogue::load(root, theme_name, language).unwrap_or_else(|e| {
            errors.extend(e);
            Value::none()
        });
        let theme_files = theme::files(root, theme_name, "templates")?;
        for f in theme_files.into_iter().chain(theme::dir_files(&root.join("templates"))?) {
            match String::from_utf8(f.bytes) {
                Ok(text) => {
                    sources.insert(f.name, (f.path, text));
                }
                Err(_) => {
                    errors.push(Diagnostic::file(&f.path, FileError::NotUtf8).with_help("save the template as UTF-8"))
                }
            }
        }
        for name in Template::ALL.map(Template::name) {
            if !sources.contains_key(name) {
                errors.push(
                    Diagnostic::file(
                        root.join("themes").join(theme_name).join("templates").join(name),
                        TemplateError::MissingTemplate(name),
                    )
                    .with_help(Template::help()),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Templates escape by the same rule as the rest of the site (Tera's own writes `/` as `&#x2F;`).
        tera.set_escape_fn(crate::escape::escape_to);
        tera.register_filter("fill", catalogue::fill);
        let raw: Vec<(&str, &str)> = sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())).collect();
        let renderer = Renderer { tera: Tera::new(), sources: sources.clone(), words: Value::none() };
        if let Err(e) = tera.add_raw_templates(raw) {
            return Err(renderer.diagnose(&e).into());
        }
        Ok(Renderer { tera, sources, words })
    }

    /// Turns a Tera error into a diagnostic naming the template file, line and column.
    fn diagnose(&self, e: &tera::Error) -> Diagnostic {
        if let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = e.kind()
            && let Some((path, text)) = self.sources.get(r.filename())
        {
            let range = r.span().range.clone();
            return Diagnostic::at(
                path,
                text,
                range.start,
                range.len(),
                TemplateError::Template(r.message().to_string()),
            )
            .with_help(TEMPLATE_HELP);
        }
        let message = e.to_string();
        // Some errors (an unknown filter, say) come as a ready-made report: "error: …\n --> name:line:col".
        if let Some((name, line, column)) = report_location(&message)
            && let Some((path, text)) = self.sources.get(name)
        {
            let offset = text.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>()
                + text.lines().nth(line - 1).unwrap_or("").chars().take(column - 1).map(char::len_utf8).sum::<usize>();
            let first = message.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
            let word = text[offset..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').count().max(1);
            return Diagnostic::at(path, text, offset, word, TemplateError::Template(first)).with_help(TEMPLATE_HELP);
        }
        // Errors without a span (a missing parent template, say) still name the template in their text.
        let path = self
            .sources
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map_or_else(|| PathBuf::from("templates"), |(_, (p, _))| p.clone());
        Diagnostic::file(path, TemplateError::Template(message))
    }

    /// Binds the templates to `site`, with what its pages share prepared once: the site and navigation values,
    /// and `cards` (made with [`Cards::new`] for this site) to hold each activity's card.
    pub fn for_site<'a>(&'a self, site: &'a Site, layout: &'a Layout, cards: &'a Cards) -> SiteRenderer<'a> {
        let mut common = Context::new();
        common.insert(
            "site",
            &SiteView {
                title: &site.config.title,
                lang: &site.config.language,
                description: &site.config.description,
                timezone: site.config.timezone.name(),
            },
        );
        common.insert("feed_url", urls::FEED);
        // In a translated edition, the original's language: what marks (`lang`) the words that have no
        // translation anywhere (milestone labels, change notes), and each part an activity left untranslated.
        common.insert("original_lang", &site.editions.translated_from());
        common.insert("t", &self.words);
        // What each precision's mark is called, for the legends of lists (`partials/rows_legend.html`).
        common.insert("precisions", &precisions(&site.words));
        common.insert("edition", &EditionView::new(site));
        common.insert("archive", &None::<ArchiveView>);
        common.insert(
            "nav",
            &Nav {
                home_url: urls::HOME,
                tags_url: urls::TAGS,
                schedules: site
                    .schedules
                    .iter()
                    .take(NAV_SCHEDULES)
                    .map(|s| Link { title: &s.title, url: urls::schedule(&s.slug) })
                    .collect(),
                more_schedules: site.schedules.len() > NAV_SCHEDULES,
                weeks: (site.week_count() > 0).then_some(WeeksNav { url: urls::WEEKS }),
                schedule_count: site.schedules.len(),
            },
        );
        SiteRenderer { renderer: self, site, layout, cards, common }
    }
}

fn to_value<T: serde::Serialize>(view: &T) -> Value {
    // Views are plain data; serialising them cannot fail, but if it ever did the page shows nothing there.
    Value::try_from_serializable(view).unwrap_or_else(|_| Value::none())
}

/// Each activity's card: an [`ActivityRef`] as a template value, made on first use and then cloned cheaply
/// (an `Arc`) on every page that lists the activity.
pub struct Cards(Vec<Vec<OnceLock<Value>>>);

impl Cards {
    pub fn new(site: &Site) -> Cards {
        Cards(site.schedules.iter().map(|s| s.activities.iter().map(|_| OnceLock::new()).collect()).collect())
    }
}

/// A [`Renderer`] bound to one site, with what its pages share prepared once.
pub struct SiteRenderer<'a> {
    renderer: &'a Renderer,
    site: &'a Site,
    layout: &'a Layout,
    cards: &'a Cards,
    /// Context entries every page has.
    common: Context,
}

impl SiteRenderer<'_> {
    pub(super) fn card(&self, id: ActivityId) -> Value {
        let cell = &self.cards.0[id.schedule][id.activity];
        cell.get_or_init(|| {
            let (s, a) = self.site.get(id);
            to_value(&ActivityRef::new(self.site, s, a))
        })
        .clone()
    }

    /// The page's HTML; a page that offers the offline archive offers none (see [`Self::render_with`]).
    pub fn render(&self, page: Page) -> Result<String, Diagnostic> {
        self.render_with(page, None)
    }

    /// The page's HTML, showing `archive` where its template does (the home and schedule pages).
    pub fn render_with(&self, page: Page, archive: Option<&ArchiveView>) -> Result<String, Diagnostic> {
        let site = self.site;
        let path = page.path(site);
        let path = path.as_str();
        let mut ctx = self.common.clone();
        if let Some(archive) = archive {
            ctx.insert("archive", archive);
        }
        ctx.insert("root", &urls::root_for(path));
        ctx.insert("editions", &EditionLink::all(site, path));
        ctx.insert("meta", &meta(site, page, path));
        let w = &site.words;
        let title = |t: &str| Words::fill(&w.titles.page, &[("page", t), ("site", &site.config.title)]);
        match page {
            Page::Home => {
                ctx.insert("page_title", &site.config.title);
                self.insert_home(&mut ctx, path);
                let summaries: Vec<_> = site.schedules.iter().map(|s| schedule_summary(s, w)).collect();
                ctx.insert("schedules", &summaries);
                ctx.insert("recent_changes", &recent_changes(site, site.activity_ids()));
            }
            Page::Schedule(si) => {
                ctx.insert("page_title", &title(&site.schedules[si].title));
                self.insert_calendar(&mut ctx, si, path);
                ctx.insert("recent_changes", &recent_changes(site, site.schedule_ids(si)));
            }
            Page::ScheduleTable(si, page_index) => {
                let n = (page_index + 1).to_string();
                let page = Words::fill(&w.titles.table_page, &[("title", &site.schedules[si].title), ("n", &n)]);
                ctx.insert("page_title", &title(&page));
                self.insert_table_page(&mut ctx, si, page_index, path);
            }
            Page::Activity(id) => self.insert_activity(&mut ctx, id, path, &title),
            Page::Month(i) => {
                let m = site.months[i];
                ctx.insert("page_title", &title(&m.label(w)));
                self.insert_month(&mut ctx, i, m);
            }
            Page::Week(i) => {
                ctx.insert("page_title", &title(&week::label(site.week_monday(i), w)));
                self.insert_week(&mut ctx, i);
            }
            Page::Weeks => {
                ctx.insert("page_title", &title(&w.titles.weeks));
                self.insert_weeks(&mut ctx);
            }
            Page::Tag(i, n) => {
                let t = &site.tags[i];
                let pages = tag_pages(t.members.len());
                let label = if pages > 1 {
                    Words::fill(&w.titles.tag_page, &[("tag", &t.name), ("n", &(n + 1).to_string())])
                } else {
                    Words::fill(&w.titles.tag, &[("tag", &t.name)])
                };
                ctx.insert("page_title", &title(&label));
                let subscribe = Some(Subscription::new(site, urls::tag_calendar(&t.slug)));
                ctx.insert(
                    "tag",
                    &TagView {
                        name: &t.name,
                        lang: t.lang.as_deref(),
                        url: urls::tag(&t.slug),
                        count: t.members.len(),
                        subscribe,
                    },
                );
                ctx.insert("pager", &Pager::new(n, pages, |k| urls::tag_page(&t.slug, k + 1)));
                let members = t.members.chunks(TAG_PAGE_SIZE).nth(n).unwrap_or_default();
                let mut groups: Vec<TagGroup> = Vec::new();
                for (i, &id) in members.iter().enumerate() {
                    let s = &site.schedules[id.schedule];
                    // Members are in schedule order, so a new schedule starts a new group.
                    if i == 0 || members[i - 1].schedule != id.schedule {
                        groups.push(TagGroup {
                            schedule: Link { title: &s.title, url: urls::schedule(&s.slug) },
                            activities: Vec::new(),
                        });
                    }
                    if let Some(g) = groups.last_mut() {
                        g.activities.push(self.card(id));
                    }
                }
                ctx.insert("groups", &groups);
            }
            Page::Embed => {
                ctx.insert("page_title", &title(&w.titles.embed));
                ctx.insert("embed", &self.embed_items());
            }
            Page::Tags => {
                ctx.insert("page_title", &title(&w.titles.tags));
                let tags: Vec<_> = site
                    .tags
                    .iter()
                    .map(|t| TagView {
                        name: &t.name,
                        lang: t.lang.as_deref(),
                        url: urls::tag(&t.slug),
                        count: t.members.len(),
                        subscribe: None,
                    })
                    .collect();
                ctx.insert("tags", &tags);
            }
            Page::NotFound => {
                ctx.insert("page_title", &title(&w.titles.not_found));
                // Hosts serve this page at any depth. With a base_url its links are absolute; without one they are
                // written for the site's root and the page's script finds the root in the address (see
                // 404.html), by the folders that only the site's root has.
                let root = site.config.base_url().map(|b| urls::absolute(b, "")).unwrap_or_default();
                ctx.insert("root", &root);
                // Served at any address: it cannot name its twin in another edition.
                ctx.insert("editions", &Vec::<EditionLink>::new());
                ctx.insert("home_url", &format!("{root}{}", urls::HOME));
                let mut folders: Vec<&str> = site.schedules.iter().map(|s| s.slug.as_str()).collect();
                folders.extend(urls::RESERVED_FOLDERS);
                ctx.insert("root_folders_json", &text::script_json(&folders));
            }
        }
        self.renderer.tera.render(Template::of(page).name(), &ctx).map_err(|e| self.renderer.diagnose(&e))
    }
}
