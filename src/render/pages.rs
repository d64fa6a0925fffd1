//! What each kind of page puts in its template context: the calendar of a schedule, an activity, a month,
//! and the meta description every page has.

use super::*;
use crate::content::Activity;
use crate::export;
use crate::layout::links::{self, Owner};
use crate::markdown::{self, Policy};
use crate::site::YearMonth;

/// Characters of a meta description: search engines show about this many.
const DESCRIPTION_CHARS: usize = 120;

pub(super) fn meta(site: &Site, page: Page, path: &str) -> Meta {
    let d = &site.words.described;
    let fill = crate::words::Words::fill;
    let description = match page {
        Page::Schedule(si) | Page::ScheduleTable(si, _) => {
            let s = &site.schedules[si];
            let intro = markdown::to_plain_text(&s.intro);
            if intro.is_empty() { s.title.clone() } else { intro }
        }
        Page::Activity(id) => {
            let (_, a) = site.get(id);
            fill(&d.activity, &[("title", &a.title), ("published", &a.published()), ("body", &a.body_text)])
        }
        Page::Month(i) => fill(&d.month, &[("month", &site.months[i].label(&site.words))]),
        Page::Week(i) => fill(&d.week, &[("week", &super::week::label(site.week_monday(i), &site.words))]),
        Page::Weeks => fill(&d.weeks, &[("site", &site.config.title)]),
        Page::Tag(i, _) => {
            let t = &site.tags[i];
            fill(&d.tag, &[("tag", &t.name), ("n", &t.members.len().to_string())])
        }
        Page::Embed => fill(&d.embed, &[("site", &site.config.title)]),
        Page::Home | Page::Tags | Page::NotFound if !site.config.description.is_empty() => {
            site.config.description.clone()
        }
        Page::Home | Page::Tags | Page::NotFound => site.config.title.clone(),
    };
    Meta {
        description: shorten(&description.split_whitespace().collect::<Vec<_>>().join(" "), DESCRIPTION_CHARS),
        og_type: if matches!(page, Page::Activity(_)) { "article" } else { "website" },
        locale: site.config.language.replace('-', "_"),
        // The 404 page is served at any address, so it claims none.
        url: site.config.base_url().filter(|_| page != Page::NotFound).map(|b| urls::absolute(b, path)),
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    shorten_cow(text, max).into_owned()
}

/// [`shorten`], borrowing `text` when it is short enough.
pub(super) fn shorten_cow(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= max {
        return text.into();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out.into()
}

pub(super) fn schedule_summary<'a>(s: &'a crate::content::Schedule, w: &Words) -> ScheduleSummary<'a> {
    let facts = super::calendar::facts(s, w);
    let dates_words =
        s.span().map(|(f, l)| super::calendar::months_words(YearMonth::of(f), YearMonth::of(l), w)).unwrap_or_default();
    ScheduleSummary {
        title: &s.title,
        url: urls::schedule(&s.slug),
        year: s.year,
        organiser: s.organiser.as_deref(),
        activity_count: s.activities.len(),
        dates_words,
        facts,
    }
}

/// How many changes a "最近调整" list shows.
const RECENT_CHANGES: usize = 10;

/// The latest recorded changes of the activities `ids`, newest first by the date they were announced (never
/// the clock, so a build stays byte-identical); changes of one day keep schedule order.
pub(super) fn recent_changes(site: &Site, ids: impl Iterator<Item = ActivityId>) -> Vec<RecentChange<'_>> {
    let mut all: Vec<(ActivityId, &crate::content::changes::Change)> =
        ids.flat_map(|id| site.get(id).1.changes.iter().map(move |c| (id, c))).collect();
    all.sort_by_key(|&(_, c)| std::cmp::Reverse(c.date));
    all.into_iter()
        .take(RECENT_CHANGES)
        .map(|(id, c)| {
            let (s, a) = site.get(id);
            RecentChange {
                change: ChangeView::new(c, s.year, &site.words),
                title: &a.title,
                title_lang: site.editions.original_lang(&a.untranslated, "title"),
                url: urls::activity(&s.slug, &a.slug),
                schedule_title: &s.title,
                status: StatusView::new(a, &site.words),
            }
        })
        .collect()
}

impl SiteRenderer<'_> {
    /// The HTML of Markdown written in `owner`'s file, for the page at `page`: its links rewritten to work there.
    pub(super) fn markdown(&self, text: &str, owner: Owner<'_>, page: &str) -> String {
        let rewrite = links::rewriter(self.site, self.layout, owner, page);
        markdown::to_html(text, Policy { unsafe_html: self.site.config.unsafe_html, relative: &rewrite })
    }

    pub(super) fn body_html(&self, s: &crate::content::Schedule, a: &Activity, page: &str) -> String {
        let own = urls::activity(&s.slug, &a.slug);
        self.markdown(&a.body, Owner { page: &own, file: &a.origin.rel }, page)
    }

    pub(super) fn insert_activity(
        &self,
        ctx: &mut Context,
        id: ActivityId,
        page: &str,
        title: &dyn Fn(&str) -> String,
    ) {
        let site = self.site;
        let (s, a) = site.get(id);
        ctx.insert("page_title", &title(&a.title));
        let (first, last) = (YearMonth::of(a.when.start).first_day(), YearMonth::of(a.when.end).last_day());
        ctx.insert(
            "activity",
            &ActivityPage {
                summary: ActivityRef::new(site, s, a),
                body_html: self.body_html(s, a, page),
                organiser: a.organiser.as_deref(),
                host: a.host.as_deref(),
                langs: PartLangs::new(site, a),
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| MilestoneView::new(m, &site.config.timezone, &site.words, first, last))
                    .collect(),
                mode_said: a.mode.said_in(&a.published()),
                months: YearMonth::span(a.when.start, a.when.end)
                    .into_iter()
                    .map(|m| MonthLink::new(m, &site.words))
                    .collect(),
                ics_url: urls::activity_calendar(&s.slug, &a.slug),
                add_to: export::addto::add_to(site, id),
                reason: a.reason.as_deref(),
                changes: a.changes.iter().map(|c| ChangeView::new(c, s.year, &site.words)).collect(),
                jsonld: export::jsonld::event(site, id),
            },
        );
        ctx.insert("schedule", &Link { title: &s.title, url: urls::schedule(&s.slug) });
        ctx.insert("schedule_files", &ScheduleFiles::new(site, s));
        let neighbour = |i: Option<usize>| {
            i.filter(|&i| i < s.activities.len()).map(|i| self.card(ActivityId { schedule: id.schedule, activity: i }))
        };
        ctx.insert("prev", &neighbour(id.activity.checked_sub(1)));
        ctx.insert("next", &neighbour(Some(id.activity + 1)));
    }
}
