//! What each kind of page puts in its template context: the calendar of a schedule, an activity, a month,
//! and the meta description every page has.

use chrono::Datelike;

use super::*;
use crate::content::Activity;
use crate::content::dates::Precision;
use crate::content::mode::Mode;
use crate::export;
use crate::layout::links::{self, Owner};
use crate::markdown::{self, Policy};
use crate::site::YearMonth;

/// Characters of a meta description: search engines show about this many.
const DESCRIPTION_CHARS: usize = 120;

pub(super) fn meta(site: &Site, page: Page, path: &str) -> Meta {
    let description = match page {
        Page::Schedule(si) => {
            let s = &site.schedules[si];
            let intro = markdown::to_plain_text(&s.intro);
            if intro.is_empty() { s.title.clone() } else { intro }
        }
        Page::Activity(id) => {
            let (_, a) = site.get(id);
            format!("{}：{}。{}", a.title, a.published(), a.body_text)
        }
        Page::Month(i) => format!("{}的活动安排。", site.months[i].label()),
        Page::Tag(i, _) => format!("标签“{}”下的 {} 项活动。", site.tags[i].name, site.tags[i].members.len()),
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
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

pub(super) fn schedule_summary(s: &crate::content::Schedule) -> ScheduleSummary<'_> {
    let dates_words = match s.span() {
        Some((f, l)) => {
            let (f, l) = (YearMonth::of(f), YearMonth::of(l));
            if f == l {
                f.label()
            } else if f.year == l.year {
                format!("{}–{}月", f.label(), l.month)
            } else {
                format!("{}–{}", f.label(), l.label())
            }
        }
        None => String::new(),
    };
    ScheduleSummary {
        title: &s.title,
        url: urls::schedule(&s.slug),
        year: s.year,
        organiser: s.organiser.as_deref(),
        activity_count: s.activities.len(),
        dates_words,
    }
}

/// The occurrences of a reading with times or several dates, for the browser's "today" marks.
fn occurrences_json(when: &crate::content::dates::When, zone: &crate::zone::Zone) -> Option<String> {
    if when.list.is_empty() && when.time.is_none() {
        return None;
    }
    let rows: Vec<[Option<String>; 4]> = when
        .occurrences()
        .map(|o| {
            [
                Some(o.start.to_string()),
                Some(o.end.to_string()),
                o.starts_at().map(|t| zone.rfc3339(t)),
                o.ends_at().map(|t| zone.rfc3339(t)),
            ]
        })
        .collect();
    serde_json::to_string(&rows).ok()
}

/// The schedule's tags, most used first (then by name), and the modes its activities have.
fn filter_view<'a>(site: &'a Site, s: &crate::content::Schedule) -> FilterView<'a> {
    let mut tags: Vec<(&str, usize)> = site
        .tags
        .iter()
        .map(|t| (t.name.as_str(), s.activities.iter().filter(|a| a.tags.contains(&t.name)).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let modes = Mode::ALL.into_iter().filter(|m| s.activities.iter().any(|a| a.mode == *m)).map(Mode::label);
    FilterView {
        tags: tags.into_iter().map(|(t, _)| t).collect(),
        modes: modes.collect(),
        timezone: site.config.timezone.name(),
    }
}

impl SiteRenderer<'_> {
    /// The HTML of Markdown written in `owner`'s file, for the page at `page`: its links rewritten to work there.
    pub(super) fn markdown(&self, text: &str, owner: Owner<'_>, page: &str) -> String {
        let rewrite = links::rewriter(self.site, self.layout, owner, page);
        markdown::to_html(text, Policy { unsafe_html: self.site.config.unsafe_html, relative: &rewrite })
    }

    fn body_html(&self, s: &crate::content::Schedule, a: &Activity, page: &str) -> String {
        let own = urls::activity(&s.slug, &a.slug);
        self.markdown(&a.body, Owner { page: &own, file: &a.origin.rel }, page)
    }

    pub(super) fn insert_calendar(&self, ctx: &mut Context, si: usize, page: &str) {
        let (site, s) = (self.site, &self.site.schedules[si]);
        let refs: Vec<Value> =
            (0..s.activities.len()).map(|activity| self.card(ActivityId { schedule: si, activity })).collect();
        let months = s.span().map(|(f, l)| YearMonth::span(f, l)).unwrap_or_default();
        let (first, last) = match (months.first(), months.last()) {
            (Some(f), Some(l)) => (f.first_day(), l.last_day()),
            _ => (chrono::NaiveDate::MIN, chrono::NaiveDate::MIN),
        };
        let rows = s
            .activities
            .iter()
            .zip(&refs)
            .map(|(a, r)| TimelineRow {
                activity: r.clone(),
                bars: a.when.occurrences().map(|o| Bar::place(o.start, o.end, first, last)).collect(),
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| MilestoneView::new(m, &site.config.timezone, first, last))
                    .collect(),
            })
            .collect();
        let timeline = Timeline {
            first: first.to_string(),
            last: last.to_string(),
            months: months
                .iter()
                .map(|m| TimelineMonth { key: m.key(), label: format!("{}月", m.month), year: m.year, url: m.url() })
                .collect(),
            rows,
        };
        // Year-long activities run in every month: list them once rather than in each month of the agenda.
        let year_round = |a: &Activity| a.when.precision() == Precision::Year;
        let agenda: Vec<AgendaMonth> = months
            .iter()
            .map(|m| AgendaMonth {
                key: m.key(),
                label: m.label(),
                url: m.url(),
                activities: s
                    .activities
                    .iter()
                    .zip(&refs)
                    .filter(|(a, _)| !year_round(a) && a.runs_during(m.first_day(), m.last_day()))
                    .map(|(_, r)| r.clone())
                    .collect(),
            })
            .filter(|m| !m.activities.is_empty())
            .collect();
        let all_year: Vec<Value> =
            s.activities.iter().zip(&refs).filter(|(a, _)| year_round(a)).map(|(_, r)| r.clone()).collect();
        ctx.insert("year_round", &all_year);
        ctx.insert("filter", &filter_view(site, s));
        ctx.insert(
            "schedule",
            &ScheduleView {
                title: &s.title,
                url: urls::schedule(&s.slug),
                year: s.year,
                organiser: s.organiser.as_deref(),
                intro_html: self.markdown(
                    &s.intro,
                    Owner { page: &urls::schedule(&s.slug), file: &s.origin.rel },
                    page,
                ),
                note: s.note.as_deref(),
                activity_count: s.activities.len(),
                files: ScheduleFiles::new(site, s),
            },
        );
        ctx.insert("timeline", &timeline);
        ctx.insert("agenda", &agenda);
        // The table carries the main content: printed like the published schedule, and searched by the filter.
        let table: Vec<TableRow> = s
            .activities
            .iter()
            .zip(&refs)
            .map(|(a, r)| TableRow {
                summary: r.clone(),
                body_html: self.body_html(s, a, page),
                tags_json: serde_json::to_string(&a.tags).unwrap_or_default(),
                occurrences_json: occurrences_json(&a.when, &site.config.timezone),
            })
            .collect();
        ctx.insert("activities", &table);
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
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| MilestoneView::new(m, &site.config.timezone, first, last))
                    .collect(),
                months: YearMonth::span(a.when.start, a.when.end).into_iter().map(MonthLink::from).collect(),
                ics_url: urls::activity_calendar(&s.slug, &a.slug),
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

    pub(super) fn insert_month(&self, ctx: &mut Context, i: usize, m: YearMonth) {
        let site = self.site;
        ctx.insert(
            "month",
            &MonthView {
                key: m.key(),
                label: m.label(),
                prev: i.checked_sub(1).map(|p| site.months[p].into()),
                next: site.months.get(i + 1).map(|&n| n.into()),
            },
        );
        let running = site.running_in(i).iter().copied();
        // Day- and dekad-level activities go on the day grid; coarser ones would be drawn on days they may not touch.
        let (on_grid, long): (Vec<ActivityId>, Vec<ActivityId>) =
            running.partition(|&id| site.get(id).1.when.precision() <= Precision::Dekad);
        let first = m.first_day();
        let lead = first.weekday().num_days_from_monday() as usize;
        let mut cells: Vec<DayCell> = (0..lead).map(|_| DayCell::padding()).collect();
        let mut day = first;
        while day <= m.last_day() {
            let mut cell = DayCell::day(day);
            for &id in &on_grid {
                let (s, a) = site.get(id);
                // A list of dates is on its dates only.
                if let Some(o) = a.when.occurrences().find(|o| o.start <= day && day <= o.end) {
                    let p = a.when.precision();
                    let time =
                        o.time.filter(|t| t.daily || day == o.start).map(|t| t.start.format("%H:%M").to_string());
                    cell.items.push(DayItem {
                        title: &a.title,
                        url: urls::activity(&s.slug, &a.slug),
                        number: a.number,
                        precision: p.as_str(),
                        precision_label: p.label(),
                        approximate: p == Precision::Dekad,
                        starts: day == o.start,
                        ends: day == o.end,
                        time,
                    });
                }
            }
            cells.push(cell);
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
        while !cells.len().is_multiple_of(7) {
            cells.push(DayCell::padding());
        }
        let mut weeks: Vec<Vec<DayCell>> = Vec::new();
        for cell in cells {
            match weeks.last_mut() {
                Some(w) if w.len() < 7 => w.push(cell),
                _ => weeks.push(vec![cell]),
            }
        }
        ctx.insert("weeks", &weeks);
        let long: Vec<Value> = long.into_iter().map(|id| self.card(id)).collect();
        ctx.insert("long", &long);
    }
}
