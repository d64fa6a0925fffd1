//! The site configuration, `almanac.toml` at the site root.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::content::frontmatter::{self, Located, Schema};
use crate::error::{Diagnostic, Diagnostics, ErrorKind, IoOp, UrlProblem};
use crate::zone::Zone;

pub const FILE: &str = "almanac.toml";

/// The folders of a site whose files go into a build, beside [`FILE`]: what `serve` watches and what an output
/// folder may not touch.
pub const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Every source of the site in `root`, relative to it (`/`-separated), for the output guard: [`FILE`], the
/// [`SOURCE_DIRS`], and the folders under them that the build enters even when they are symbolic links to
/// elsewhere: each folder in `content/` (a schedule), each theme in `themes/` and its `templates/` and
/// `static/`. Deeper links are not followed by the build, so they are not its sources. Folders that cannot be
/// listed add nothing: the build reports them.
pub fn sources(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::iter::once(FILE).chain(SOURCE_DIRS).map(PathBuf::from).collect();
    let folders = |dir: &str| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return Vec::new() };
        // `is_dir` follows links: a schedule or theme kept elsewhere is a source where it really is.
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| Path::new(dir).join(e.file_name()))
            .collect();
        names.sort();
        names
    };
    out.extend(folders("content"));
    for theme in folders("themes") {
        out.extend(["templates", "static"].map(|sub| theme.join(sub)));
        out.push(theme);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The site's name, shown in every page's header.
    pub title: String,
    pub description: String,
    /// A folder under `themes/`.
    pub theme: String,
    pub language: String,
    /// Where the site is published, e.g. "https://example.org/calendar/". Optional: links never need it.
    pub base_url: Option<BaseUrl>,
    /// The IANA time zone the schedule's dates and times are in.
    pub timezone: Zone,
    /// Publish raw HTML in Markdown as written instead of sanitising it (only for fully trusted editors).
    pub unsafe_html: bool,
    /// Write the whole site as one zip beside it (`offline.zip`), offered on the home and schedule pages.
    pub archive: bool,
    /// Write a gzip and a brotli copy next to each text file, for hosts that serve them as they are.
    pub compress: bool,
}

#[derive(Deserialize)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_language")]
    language: String,
    base_url: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default = "yes")]
    archive: bool,
    #[serde(default)]
    compress: bool,
}

fn yes() -> bool {
    true
}

const SCHEMA: Schema = Schema {
    keys: &["title", "description", "theme", "language", "base_url", "timezone", "unsafe_html", "archive", "compress"],
    nested: &[],
};

/// The zone of a site that names none: the first users' (and China's one zone).
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

fn default_theme() -> String {
    "default".into()
}

fn default_language() -> String {
    "zh-CN".into()
}

/// The address of the site's root: an absolute http(s) URL with a host, no credentials, query or fragment, and
/// a path ending in `/`. Sitemaps, feeds and calendars build absolute URLs and identifiers from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(url::Url);

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, UrlProblem> {
        let mut url = url::Url::parse(text.trim()).map_err(|_| UrlProblem::NotAbsolute)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(UrlProblem::NotHttp);
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlProblem::NoHost);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlProblem::Credentials);
        }
        if url.query().is_some() {
            return Err(UrlProblem::Query);
        }
        if url.fragment().is_some() {
            return Err(UrlProblem::Fragment);
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl(url))
    }

    /// The address, ending in `/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host's domain name, for globally unique calendar UIDs and feed ids; `None` for an IP address, which
    /// a `tag:` URI cannot use.
    pub fn domain(&self) -> Option<&str> {
        self.0.domain()
    }
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path: PathBuf = root.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::io(IoOp::Read, &path, e)
                .with_help(format!("run almanac in the site's folder (the one with {FILE}), or pass --root DIR"))
        })?;
        let at = Located { path: &path, file_text: &text, offset: 0 };
        let raw: RawConfig = frontmatter::parse(at, &text, &SCHEMA)?;
        let base_url = match &raw.base_url {
            None => None,
            Some(url) => Some(BaseUrl::parse(url.get_ref()).map_err(|problem| {
                at.error(url.span(), ErrorKind::BaseUrl { url: url.get_ref().clone(), problem })
                    .with_help(BASE_URL_HELP)
            })?),
        };
        let (name, span) = raw.timezone.as_ref().map_or((DEFAULT_TIMEZONE, 0..0), |t| (t.get_ref().as_str(), t.span()));
        let timezone = Zone::get(name).ok_or_else(|| {
            at.error(span, ErrorKind::UnknownTimezone(name.to_string())).with_help(
                "write an IANA time zone name such as \"Asia/Shanghai\", \"Asia/Hong_Kong\" or \"Europe/Berlin\"",
            )
        })?;
        Ok(Config {
            title: raw.title,
            description: raw.description,
            theme: raw.theme,
            language: raw.language,
            base_url,
            timezone,
            unsafe_html: raw.unsafe_html,
            archive: raw.archive,
            compress: raw.compress,
        })
    }

    /// The host name that makes calendar UIDs and feed ids globally unique, when `base_url` names a domain.
    pub fn host(&self) -> Option<&str> {
        self.base_url.as_ref()?.domain()
    }

    /// `base_url`, ending in `/`.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_ref().map(BaseUrl::as_str)
    }
}

pub const BASE_URL_HELP: &str =
    "write the address of the site's folder, e.g. base_url = \"https://example.org/calendar/\", or remove the line";

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
        assert!(load("").is_err());
        assert_eq!(c.timezone.name(), "Asia/Shanghai");
        let e = load("title = \"x\"\ntimezone = \"Asia/Beijing\"\n").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (2, 12));
        assert_eq!(load("title = \"x\"\ntimezone = \"Europe/Berlin\"\n").unwrap().timezone.name(), "Europe/Berlin");
        assert_eq!((c.archive, c.compress), (true, false));
        let c = load("title = \"x\"\narchive = false\ncompress = true\n").unwrap();
        assert_eq!((c.archive, c.compress), (false, true));
        let e = load("title = \"x\"\narchive = \"no\"\n").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (2, 11));
    }

    #[test]
    fn base_urls_are_parsed_not_cut() {
        let ok = [
            ("https://a.org/c", "https://a.org/c/", Some("a.org")),
            ("https://cq.example.org:8080/a/", "https://cq.example.org:8080/a/", Some("cq.example.org")),
            ("http://[::1]:8080/cal/", "http://[::1]:8080/cal/", None),
            ("http://127.0.0.1:1111/", "http://127.0.0.1:1111/", None),
            ("HTTPS://Example.ORG", "https://example.org/", Some("example.org")),
            (
                "https://例子.中国/日历/",
                "https://xn--fsqu00a.xn--fiqs8s/%E6%97%A5%E5%8E%86/",
                Some("xn--fsqu00a.xn--fiqs8s"),
            ),
        ];
        for (text, url, domain) in ok {
            let b = BaseUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((b.as_str(), b.domain()), (url, domain), "{text}");
        }
        let bad = [
            ("example.org", UrlProblem::NotAbsolute),
            ("/calendar/", UrlProblem::NotAbsolute),
            ("ftp://example.org/", UrlProblem::NotHttp),
            ("mailto:a@b.org", UrlProblem::NotHttp),
            ("https://user@example.org/", UrlProblem::Credentials),
            ("https://u:p@example.org/", UrlProblem::Credentials),
            ("https://example.org/cal?x=1", UrlProblem::Query),
            ("https://example.org/cal#top", UrlProblem::Fragment),
            ("http://a b", UrlProblem::NotAbsolute),
        ];
        for (text, problem) in bad {
            assert_eq!(BaseUrl::parse(text), Err(problem), "{text}");
        }
    }

    #[test]
    fn a_bad_base_url_points_at_its_value() {
        let e = load("title = \"x\"\n\nbase_url = \"https://example.org/cal?x=1\"\n").unwrap_err();
        assert_eq!((e.0[0].line, e.0[0].column), (3, 12));
        assert!(e.0[0].kind.to_string().contains("has a query"), "{}", e.0[0].kind);
    }
}
