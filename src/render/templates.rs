//! The templates a theme provides: one per kind of page, listed once here. Loading checks each is there, rendering
//! picks one by page (an exhaustive match, so a new kind of page must name its template), and README "Themes"
//! lists the same names (a test compares).

use crate::layout::Page;

/// A template every theme must provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Template {
    Home,
    Schedule,
    ScheduleTable,
    Activity,
    Month,
    Week,
    Weeks,
    Tag,
    Tags,
    NotFound,
    Embed,
}

impl Template {
    /// Every template, in the order README and the help name them.
    pub(super) const ALL: [Template; 11] = [
        Template::Home,
        Template::Schedule,
        Template::ScheduleTable,
        Template::Activity,
        Template::Month,
        Template::Week,
        Template::Weeks,
        Template::Tag,
        Template::Tags,
        Template::NotFound,
        Template::Embed,
    ];

    /// Its file name in the theme's `templates/`.
    pub(super) fn name(self) -> &'static str {
        match self {
            Template::Home => "home.html",
            Template::Schedule => "schedule.html",
            Template::ScheduleTable => "schedule_table.html",
            Template::Activity => "activity.html",
            Template::Month => "month.html",
            Template::Week => "week.html",
            Template::Weeks => "weeks.html",
            Template::Tag => "tag.html",
            Template::Tags => "tags.html",
            Template::NotFound => "404.html",
            Template::Embed => "embed.html",
        }
    }

    /// The template that renders `page`.
    pub(super) fn of(page: Page) -> Template {
        match page {
            Page::Home => Template::Home,
            Page::Schedule(_) => Template::Schedule,
            Page::ScheduleTable(..) => Template::ScheduleTable,
            Page::Activity(_) => Template::Activity,
            Page::Month(_) => Template::Month,
            Page::Week(_) => Template::Week,
            Page::Weeks => Template::Weeks,
            Page::Tag(..) => Template::Tag,
            Page::Tags => Template::Tags,
            Page::NotFound => Template::NotFound,
            Page::Embed => Template::Embed,
        }
    }

    /// What a theme missing one is told: "every theme needs home, schedule, …, tags and 404 templates".
    pub(super) fn help() -> String {
        let names: Vec<&str> = Template::ALL.iter().map(|t| t.name().trim_end_matches(".html")).collect();
        match names.split_last() {
            Some((last, rest)) => format!("every theme needs {} and {last} templates", rest.join(", ")),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::ActivityId;

    #[test]
    fn every_page_kind_has_a_listed_template_and_each_is_listed_once() {
        let id = ActivityId { schedule: 0, activity: 0 };
        let pages = [
            Page::Home,
            Page::Schedule(0),
            Page::ScheduleTable(0, 0),
            Page::Activity(id),
            Page::Month(0),
            Page::Week(0),
            Page::Weeks,
            Page::Tag(0, 0),
            Page::Tags,
            Page::NotFound,
            Page::Embed,
        ];
        let used: Vec<Template> = pages.into_iter().map(Template::of).collect();
        assert_eq!(used, Template::ALL);
        for (i, t) in Template::ALL.iter().enumerate() {
            assert!(!Template::ALL[..i].iter().any(|u| u.name() == t.name()), "{} listed twice", t.name());
        }
        assert_eq!(
            Template::help(),
            "every theme needs home, schedule, schedule_table, activity, month, week, weeks, tag, tags, 404 and embed templates"
        );
    }

    /// docs/themes.md says which templates a theme needs: the same names, in the same order.
    #[test]
    fn the_theme_docs_list_the_templates() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/themes.md")).unwrap();
        let start = readme.find("A theme needs ").expect("docs/themes.md says which templates a theme needs");
        let sentence = &readme[start..start + readme[start..].find(". ").unwrap_or(readme.len() - start)];
        let listed: Vec<&str> = sentence.split('`').skip(1).step_by(2).filter(|name| name.ends_with(".html")).collect();
        let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(listed, names, "docs/themes.md's list of templates: {sentence}");
    }
}
