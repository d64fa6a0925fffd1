//! `almanac init DIR`: a new site that builds at once: config, a schedule, one example activity. It uses the
//! theme built into almanac, so it gets the theme's fixes with each new almanac; `almanac theme copy` overrides
//! a file of it.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, IoOp};

/// Why `almanac init` creates nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InitError {
    #[error("a site already exists here")]
    SiteExists,
    #[error("the built-in theme has no words for the language `{0}`")]
    Language(String),
}

/// The example schedule of a new site in each language the built-in theme speaks: the site's title, the
/// schedule's title (`{year}`) and intro, the activity's title, date, place, tag, milestone and body, written
/// as an editor of that language writes them.
struct Example {
    language: &'static str,
    site: &'static str,
    schedule: &'static str,
    intro: &'static str,
    activity: [&'static str; 6],
}

const EXAMPLES: [Example; 3] = [
    Example {
        language: "zh-CN",
        site: "活动日历",
        schedule: "{year}年活动安排",
        intro: "这里写日程的简介。",
        activity: [
            "示例活动",
            "9月下旬",
            "北京",
            "示例",
            "报名",
            "这是一个示例活动。把它改成真实的活动，或用 `almanac new` 添加新的活动。",
        ],
    },
    Example {
        language: "zh-TW",
        site: "活動行事曆",
        schedule: "{year}年活動安排",
        intro: "這裡寫日程的簡介。",
        activity: [
            "示範活動",
            "9月下旬",
            "台北",
            "示範",
            "報名",
            "這是一個示範活動。把它改成真實的活動，或用 `almanac new` 新增活動。",
        ],
    },
    Example {
        language: "en",
        site: "Activities",
        schedule: "Activities {year}",
        intro: "A few words about this schedule.",
        activity: [
            "Example activity",
            "late September",
            "Beijing",
            "Example",
            "Registration",
            "An example activity. Change it into a real one, or add activities with `almanac new`.",
        ],
    },
];

/// The languages `almanac init` writes a site in.
pub fn languages() -> impl Iterator<Item = &'static str> {
    EXAMPLES.iter().map(|e| e.language)
}

/// Creates a site in `dir` in `language`, titled `title` (or the language's default), its first schedule for
/// `year`; returns the files written.
pub fn create(dir: &Path, title: Option<&str>, year: i32, language: &str) -> Result<Vec<PathBuf>, Diagnostics> {
    let Some(example) = EXAMPLES.iter().find(|e| e.language == language) else {
        let known: Vec<&str> = languages().collect();
        return Err(Diagnostic::arg("--language", InitError::Language(language.to_string()))
            .with_help(format!(
                "give one of {}, or start in one and add a catalogue to a theme (README \"Words\")",
                known.join(", ")
            ))
            .into());
    };
    let config = dir.join(crate::config::FILE);
    if config.exists() {
        return Err(Diagnostic::file(&config, InitError::SiteExists)
            .with_help("choose an empty folder, or edit this site")
            .into());
    }
    let title = title.unwrap_or(example.site);
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let [name, when, place, tag, milestone, body] = example.activity;
    let schedule = format!("content/{year}-activities");
    let files = [
        (
            crate::config::FILE.to_string(),
            format!(
                "# Site configuration; every key is described in almanac's docs/reference.md.\ntitle = {}\ntheme = \"default\"    # built into almanac; `almanac theme list` shows its files\nlanguage = {}\n# base_url = \"https://example.org/calendar/\"\n\
                 # archive = false    # no offline.zip of the whole site\n\
                 # compress = true    # .gz and .br copies of text files, for nginx's gzip_static\n",
                quoted(title),
                quoted(language)
            ),
        ),
        (
            format!("{schedule}/_index.md"),
            format!(
                "+++\ntitle = {}\nyear = {year}\n# organiser = \"…\"\n# note = \"…\"\n+++\n\n{}\n",
                quoted(&example.schedule.replace("{year}", &year.to_string())),
                example.intro
            ),
        ),
        (
            format!("{schedule}/01-example.md"),
            format!(
                "+++\nnumber = 1\ntitle = {}\nwhen = {}\nwhere = {}\ntags = [{}]\nmilestones = [{{ when = {}, label = {} }}]\n+++\n\n{body}\n",
                quoted(name),
                quoted(when),
                quoted(place),
                quoted(tag),
                quoted(when),
                quoted(milestone)
            ),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        written.push(write(&dir.join(rel), text.as_bytes())?);
    }
    Ok(written)
}

fn write(path: &Path, bytes: &[u8]) -> Result<PathBuf, Diagnostics> {
    let io = |e: std::io::Error| Diagnostics::from(Diagnostic::io(IoOp::Create, path, e));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_init_writes_in_is_one_the_built_in_theme_speaks() {
        let catalogues: Vec<String> = crate::render::theme::builtin_files("i18n").into_iter().map(|f| f.name).collect();
        for language in languages() {
            assert!(catalogues.contains(&format!("{language}.toml")), "{language}: {catalogues:?}");
        }
        assert_eq!(languages().count(), catalogues.len(), "a language of the theme that init cannot start a site in");
    }
}
