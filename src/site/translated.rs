//! A site's edition in another of its languages: the same schedules, activities, dates and pages, with what
//! each file's `[en]` table says in place of its own words, and what it does not say marked as untranslated.

use std::sync::Arc;

use super::{Editions, Site};
use crate::config::Config;
use crate::content::dates::{Context, parse_when_in};
use crate::content::{Activity, Schedule, Translated, Translation};
use crate::words::Words;

impl Site {
    /// The edition of this site in `editions.languages[editions.this]`, spoken in `words`.
    pub fn translated(&self, editions: Editions, words: Words) -> Site {
        let lang = editions.languages[editions.this].0.clone();
        let config = translate_config(&self.config, &lang);
        let terms: Vec<(String, String)> =
            find(&self.config.translations, &lang).map(|t| t.terms.clone()).unwrap_or_default();
        let schedules: Vec<Schedule> = self.schedules.iter().map(|s| translate_schedule(s, &lang, &terms)).collect();
        let mut site = Site::new(config, words, schedules);
        // A tag's pages stay where the original's are, so each page of an edition has its twin at the same path.
        // A name no term gives is the original's, and marked so.
        let original_lang = &editions.languages[0].0;
        for tag in &mut site.tags {
            let term = terms.iter().find(|(_, said)| *said == tag.name);
            if term.is_none() {
                tag.lang = Some(original_lang.clone());
            }
            if let Some(t) = self.tag(term.map_or(tag.name.as_str(), |(word, _)| word)) {
                tag.slug = t.slug.clone();
            }
        }
        site.editions = editions;
        site
    }
}

fn find<'a>(translations: &'a [Translation], lang: &str) -> Option<&'a Translation> {
    translations.iter().find(|t| t.lang == lang)
}

fn translate_config(config: &Config, lang: &str) -> Config {
    let mut c = config.clone();
    c.language = lang.to_string();
    // Feeds, calendars and the sitemap of the edition give its own addresses.
    let folder = crate::urls::edition_folder(lang);
    c.base_url = config.base_url().and_then(|b| crate::config::BaseUrl::parse(&format!("{b}{folder}")).ok());
    if let Some(t) = find(&config.translations, lang) {
        if let Some(v) = t.get("title") {
            c.title = v.text.clone();
        }
        if let Some(v) = t.get("description") {
            c.description = v.text.clone();
        }
        if let Some(v) = t.get("organiser") {
            c.organiser = Some(v.text.clone());
        }
    }
    c
}

/// What `translation` says for each key a page shows, noting in `untranslated` each key the original has a
/// value for and the translation does not.
struct Taking<'a> {
    translation: Option<&'a Translation>,
    untranslated: Vec<&'static str>,
}

impl<'a> Taking<'a> {
    /// The translation of `key`, if written; `written` says whether the original has a value for it.
    fn take(&mut self, key: &'static str, written: bool) -> Option<&'a Translated> {
        let said = self.translation.and_then(|t| t.get(key));
        if said.is_none() && written {
            self.untranslated.push(key);
        }
        said
    }
}

fn translate_schedule(s: &Arc<Schedule>, lang: &str, terms: &[(String, String)]) -> Schedule {
    let mut out = Schedule { activities: Vec::new(), span_once: Default::default(), ..Schedule::clone(s) };
    let mut t = Taking { translation: find(&s.translations, lang), untranslated: Vec::new() };
    if let Some(v) = t.take("title", true) {
        out.title = v.text.clone();
    }
    for (key, slot) in [("organiser", &mut out.organiser), ("note", &mut out.note)] {
        if let Some(v) = t.take(key, slot.is_some()) {
            *slot = Some(v.text.clone());
        }
    }
    if let Some(v) = t.take("body", !s.intro.trim().is_empty()) {
        (out.intro, out.intro_offset) = (v.text.clone(), v.offset);
    }
    out.untranslated = t.untranslated;
    out.activities = s.activities.iter().map(|a| translate_activity(a, lang, s.context, terms)).collect();
    out
}

fn translate_activity(a: &Activity, lang: &str, context: Context, terms: &[(String, String)]) -> Activity {
    let mut out = a.clone();
    out.tags.clear();
    for tag in &a.tags {
        let said = terms.iter().find(|(word, _)| word == tag).map_or(tag, |(_, said)| said);
        if !out.tags.contains(said) {
            out.tags.push(said.clone());
        }
    }
    let mut t = Taking { translation: find(&a.translations, lang), untranslated: Vec::new() };
    if let Some(v) = t.take("title", true) {
        out.title = v.text.trim().to_string();
    }
    if let Some(v) = t.take("when", true) {
        // The same dates (the reader checked when the file was read), with the note as this language writes it.
        out.when.note = parse_when_in(&v.text, context).ok().and_then(|w| w.note);
        out.when_text = v.text.clone();
    }
    let slots = [
        ("where", &mut out.place),
        ("organiser", &mut out.organiser),
        ("host", &mut out.host),
        ("reason", &mut out.reason),
    ];
    for (key, slot) in slots {
        if let Some(v) = t.take(key, slot.is_some()) {
            *slot = Some(v.text.clone());
        }
    }
    if let Some(v) = t.take("body", !a.body.trim().is_empty()) {
        let read = crate::markdown::read(&v.text);
        (out.body, out.body_text, out.body_links, out.spans.body) = (v.text.clone(), read.text, read.links, v.offset);
    }
    out.untranslated = t.untranslated;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::site_of;

    #[test]
    fn says_what_each_file_translates_and_marks_the_rest() {
        let site = site_of(None, &[("a", "9月18日", Some("北京"), "正文")]);
        let mut schedules: Vec<Schedule> = site.schedules.iter().map(|s| Schedule::clone(s)).collect();
        schedules[0].activities[0].translations = vec![Translation {
            lang: "en".into(),
            span: 0..2,
            values: vec![crate::content::Translated { key: "title", text: "Forum".into(), offset: 0 }],
            terms: vec![],
        }];
        let site = Site::new(site.config.clone(), Words::builtin_zh_cn(), schedules);
        let editions =
            Editions { languages: vec![("zh-CN".into(), "中文".into()), ("en".into(), "English".into())], this: 1 };
        let en = site.translated(editions, Words::builtin_zh_cn());
        let a = &en.schedules[0].activities[0];
        assert_eq!(a.title, "Forum");
        assert_eq!(a.place.as_deref(), Some("北京"));
        assert_eq!(a.untranslated, ["when", "where", "body"]);
        assert_eq!(en.schedules[0].untranslated, ["title"]);
        assert_eq!(en.config.language, "en");
    }
}
