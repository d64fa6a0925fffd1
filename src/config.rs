//! The site configuration, `almanac.toml` at the site root.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::frontmatter::{self, Located, Schema};
use crate::error::{Diagnostic, Diagnostics, ErrorKind};

pub const FILE: &str = "almanac.toml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// The site's name, shown in every page's header.
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is published, e.g. "https://example.org/calendar/". Optional: links never need it.
    pub base_url: Option<String>,
    /// The IANA time zone the schedule's dates are in (calendar files say it).
    #[serde(default = "default_timezone")]
    pub timezone: String,
}

const SCHEMA: Schema =
    Schema { keys: &["title", "description", "theme", "language", "base_url", "timezone"], nested: &[] };

fn default_timezone() -> String {
    "Asia/Shanghai".into()
}

fn default_theme() -> String {
    "default".into()
}

/// `base_url` must be an absolute http(s) address: sitemaps, feeds and calendars need absolute URLs.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace) => Ok(()),
        _ => Err(format!("base_url `{url}` is not an absolute http(s) URL")),
    }
}

fn default_language() -> String {
    "zh-CN".into()
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path: PathBuf = root.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::file(&path, ErrorKind::Io { what: "the site configuration", message: e.to_string() })
                .with_help(format!("run almanac in the site's folder (the one with {FILE}), or pass --root DIR"))
        })?;
        let at = Located { path: &path, file_text: &text, offset: 0 };
        let config: Config = frontmatter::parse(at, &text, &SCHEMA)?;
        if let Some(url) = &config.base_url
            && let Err(why) = check_base_url(url)
        {
            let offset = text.find(url.as_str()).unwrap_or(0);
            return Err(Diagnostic::at(&path, &text, offset, url.len(), ErrorKind::Invalid(why))
                .with_help(
                    "write the full address, e.g. base_url = \"https://example.org/calendar/\", or remove the line",
                )
                .into());
        }
        Ok(config)
    }

    /// The site's host name, from `base_url` (it makes calendar UIDs globally unique).
    pub fn host(&self) -> Option<&str> {
        let rest = self.base_url.as_deref()?.split_once("://")?.1;
        rest.split(['/', ':', '?', '#']).next().filter(|h| !h.is_empty())
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), text).unwrap();
        Config::load(dir.path())
    }

    #[test]
    fn defaults_and_unknown_keys() {
        let c = load("title = \"日历\"\n").unwrap();
        assert_eq!((c.theme.as_str(), c.language.as_str(), c.base_url()), ("default", "zh-CN", None));
        let e = load("title = \"x\"\nthme = \"dark\"\n").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].help.as_deref().unwrap().starts_with("did you mean `theme`?")), (2, true));
        let e = load("title = \"x\"\nbase_url = \"example.org\"\n").unwrap_err();
        assert_eq!(e.0[0].line, 2);
        assert_eq!(
            load("title = \"x\"\nbase_url = \"https://a.org/c\"\n").unwrap().base_url().unwrap(),
            "https://a.org/c/"
        );
        assert!(load("").is_err());
        let c = load("title = \"x\"\nbase_url = \"https://cq.example.org:8080/a/\"\n").unwrap();
        assert_eq!((c.host(), c.timezone.as_str()), (Some("cq.example.org"), "Asia/Shanghai"));
        assert!(check_base_url("https://").is_err() && check_base_url("http://a b").is_err());
    }
}
