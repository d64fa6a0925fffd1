//! The words almanac's own code says to readers, in the site's language: the part of the theme's catalogue
//! (`themes/NAME/i18n/LANG.toml`, see `render::catalogue`) that Rust reads, as plain typed data. Templates read the
//! whole catalogue as `t`; pages, feeds, calendars, data files and the browser's script (through the page's
//! `static/words.js`) read these fields. A catalogue that lacks one of them is an error at its file, as a missing
//! key a template names is.
//!
//! This module only holds words: the types they describe (a status, a precision, a mode) each say which of these
//! words is theirs (`Status::label`, `precision_words`, `Mode::label`), so no rule is here.

use serde::{Deserialize, Serialize};

/// What Rust says, by where it is said. Field order is the order the browser's data lists them in.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Words {
    pub dates: DateStyle,
    pub state: StateWords,
    pub status: StatusWords,
    pub precision: PrecisionWords,
    pub mode: ModeWords,
    pub says: Says,
    pub titles: Titles,
    pub described: Described,
    pub history: ChangeWords,
    pub described_event: EventWords,
    pub feed: FeedWords,
    pub listing: ListingWords,
    pub grid: GridWords,
    pub month: MonthWords,
    pub week: WeekWords,
    pub language: LanguageWords,
}

/// The language itself: its name as its readers write it ("English", "繁體中文"), for the links to its edition.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LanguageWords {
    pub name: String,
}

/// How a language writes dates: as Chinese does (2023年9月18日–22日, 9月下旬), or as English does
/// (Sep 18–22, 2023; late September 2023). The catalogue says which (`[dates] style`), so a theme adding a
/// language that writes dates as one of these (Japanese, say, as Chinese) needs no code.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DateStyle {
    pub style: Style,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    #[default]
    Chinese,
    English,
}

impl Words {
    /// The language the date reader says dates in for this catalogue.
    pub fn dates(&self) -> almanac_dates::Lang {
        match self.dates.style {
            Style::Chinese => almanac_dates::Lang::Chinese,
            Style::English => almanac_dates::Lang::English,
        }
    }
}

/// Where an activity stands today, in the order the pages count them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct StateWords {
    pub upcoming: String,
    pub running: String,
    pub maybe: String,
    pub past: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusWords {
    pub scheduled: StatusWord,
    pub postponed: StatusWord,
    pub cancelled: StatusWord,
    pub rescheduled: StatusWord,
}

/// A status in words (如期举行, 已改期…) and on its badge (调整, 延期·待定…).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusWord {
    pub label: String,
    pub badge: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PrecisionWords {
    pub time: PrecisionWord,
    pub day: PrecisionWord,
    pub dekad: PrecisionWord,
    pub month: PrecisionWord,
    pub year: PrecisionWord,
}

/// A precision's short mark beside a bar (日, 旬…) and its name (具体日期, 按旬…).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PrecisionWord {
    pub label: String,
    pub name: String,
}

/// How one takes part, as readers see it and as the filter's address says it (`?mode=在线`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModeWords {
    pub online: String,
    pub onsite: String,
    pub tbd: String,
}

/// The browser script's sentences, with `{n}`, `{span}` or `{today}` where it puts a number, a week's days or
/// today's date.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Says {
    pub this_week: String,
    pub other_week: String,
    pub back_to_week: String,
    pub no_week: String,
    pub next_week: String,
    pub week_count: String,
    pub week_maybe: String,
    pub week_none: String,
    pub found_dates: String,
    pub maybe_in: String,
    pub group_now: String,
    pub group_next: String,
    pub group_past: String,
    pub group_maybe: String,
    pub today: String,
    pub beijing_time: String,
    pub today_mark: String,
    pub today_none: String,
    pub today_note: String,
    pub state_count: String,
    pub state_sep: String,
    pub week_span: String,
    pub more_home: String,
    pub none_running: String,
    pub none_next: String,
    pub show_more: String,
    pub filtered_count: String,
    pub total: String,
    pub total_hint: String,
    pub total_matched: String,
    pub no_match: String,
    pub tag_heading: String,
    pub week_end: String,
    pub found_sep: String,
}

/// Pages' titles (the part before " - site").
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Titles {
    /// `{page} - {site}`.
    pub page: String,
    pub table_page: String,
    pub weeks: String,
    pub tag: String,
    pub tag_page: String,
    pub embed: String,
    pub tags: String,
    pub not_found: String,
}

/// Sentences that describe a page to search engines and link previews (`<meta name="description">`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Described {
    pub activity: String,
    pub month: String,
    pub week: String,
    pub weeks: String,
    pub tag: String,
    pub embed: String,
}

/// An activity's recorded changes in words, for pages, feeds, calendars and data files.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChangeWords {
    pub moved: String,
    pub place_moved: String,
    pub place_set: String,
    pub place_dropped: String,
    pub place_same: String,
    pub cancelled: String,
    pub postponed: String,
    pub resumed: String,
    pub as_planned: String,
    pub status_now: String,
    /// Between the parts of one change.
    pub sep: String,
    pub announced: String,
    pub line: String,
    pub noted: String,
    pub status: String,
    pub reason: String,
}

/// An activity described in a calendar, in structured data and in add-to-calendar links.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventWords {
    pub cancelled: String,
    pub postponed: String,
    pub changed: String,
    pub published: String,
    pub reading: String,
    pub milestone_time: String,
    pub milestone_of: String,
    pub milestone: String,
    pub approximate_dekad: String,
    pub approximate_month: String,
    pub approximate_year: String,
    pub schedule_note: String,
    pub may_change: String,
    pub no_place: String,
    pub tag_calendar: String,
}

/// What lists of activities say around them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ListingWords {
    pub count: String,
    pub until: String,
    pub month_list: String,
    pub week: String,
    pub week_number: String,
}

/// The marks of a bar crossing weeks in a month's grid.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GridWords {
    pub starts: String,
    pub through: String,
    pub ends: String,
}

/// A month page's list: its groups' headings and notes, a list of dates' dates in the month.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MonthWords {
    pub earlier: String,
    pub in_month: String,
    pub year_round: String,
    pub dekad_note: String,
    pub month_note: String,
    pub year_note: String,
    pub this_month: String,
    pub dates_in: String,
    pub place: String,
    /// A day's heading: {date} the day, {weekday} its name.
    pub day: String,
}

/// A week page's list: the groups it says differently from a month's.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WeekWords {
    pub earlier: String,
    pub by_month: String,
    pub by_month_note: String,
    pub year_note: String,
    pub this_week: String,
}

/// The Atom feeds' words.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FeedWords {
    pub notice: String,
    pub summary: String,
    pub changes_title: String,
    pub changes_subtitle: String,
    pub now: String,
    pub now_off: String,
    pub change: String,
    pub change_note: String,
    pub change_title: String,
}

impl Words {
    /// The default theme's Simplified Chinese words: for what is said outside a site (a test's model made by hand,
    /// a command run where the site's catalogue cannot be read). A test holds that the file reads.
    pub(crate) fn builtin_zh_cn() -> Words {
        toml::from_str(include_str!("../themes/default/i18n/zh-CN.toml")).unwrap_or_default()
    }

    /// The catalogue's `sentence` with each `{name}` replaced by its value in `args`: the Rust side of the
    /// templates' `fill` filter (no escaping: the caller's output format escapes).
    pub fn fill(sentence: &str, args: &[(&str, &str)]) -> String {
        let found = fill_with(sentence, |name| -> Result<Option<String>, std::convert::Infallible> {
            Ok(args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
        });
        found.unwrap_or_else(|never| match never {})
    }
}

/// `sentence` with each `{name}` replaced by what `value` gives for it; a name it gives nothing for stays as
/// written. The one reading of a catalogue's sentences, for Rust ([`Words::fill`]) and for templates (the `fill`
/// filter, whose `value` escapes and fails on a name the template does not give).
pub(crate) fn fill_with<E>(
    sentence: &str,
    mut value: impl FnMut(&str) -> Result<Option<String>, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        match value(&rest[open + 1..close])? {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_words_read() {
        let w: Result<Words, _> = toml::from_str(include_str!("../themes/default/i18n/zh-CN.toml"));
        assert_eq!(w.map(|w| w.state.maybe).unwrap(), "可能进行中");
    }

    #[test]
    fn fill_puts_each_name_in_its_place_and_leaves_others() {
        assert_eq!(Words::fill("{title}（第 {n} 页）", &[("n", "2"), ("title", "A")]), "A（第 2 页）");
        assert_eq!(Words::fill("{x} {", &[]), "{x} {");
    }
}
