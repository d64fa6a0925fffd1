//! The site configuration, `almanac.toml` at the site root.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::content::Translation;
use crate::content::file::{check_value, read_translations};
use crate::content::frontmatter::{self, Located, Schema};
use crate::error::{Diagnostic, Diagnostics, IoOp};
use crate::zone::Zone;

pub(crate) const FILE: &str = "almanac.toml";

/// The folders of a site whose files go into a build, beside [`FILE`]: what `serve` watches and what an output
/// folder may not touch.
pub(crate) const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Every source of the site in `root`, relative to it (`/`-separated), for the output guard: [`FILE`], the
/// [`SOURCE_DIRS`], and the folders under them that the build enters even when they are symbolic links to
/// elsewhere: each folder in `content/` (a schedule), each theme in `themes/` and its `templates/` and
/// `static/`. Deeper links are not followed by the build, so they are not its sources. Folders that cannot be
/// listed add nothing: the build reports them.
pub(crate) fn sources(root: &Path) -> Vec<PathBuf> {
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
    /// The languages of the site's editions (`languages = ["zh-CN", "en"]`): the first is `language`, the
    /// original, at the site's root; each other has its edition in a folder of its name (`en/`), made of the
    /// `[en]` tables of the content files. Just `language` when the site has one.
    pub languages: Vec<String>,
    /// What `almanac.toml` says in the other languages (`[en]` with title, description, organiser).
    pub translations: Vec<Translation>,
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
    /// Who publishes the site's schedules: the organiser of a schedule that names none.
    pub organiser: Option<String>,
    /// The organiser's contact address: calendars name it in `ORGANIZER`, which `METHOD:PUBLISH` requires.
    pub email: Option<Email>,
}

#[derive(Deserialize)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_theme")]
    theme: String,
    language: Option<Spanned<String>>,
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    base_url: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default = "yes")]
    archive: bool,
    #[serde(default)]
    compress: bool,
    organiser: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

const SCHEMA: Schema = Schema {
    keys: &[
        "title",
        "description",
        "theme",
        "language",
        "base_url",
        "timezone",
        "unsafe_html",
        "archive",
        "compress",
        "organiser",
        "email",
        "languages",
    ],
    nested: &[],
    translated: TRANSLATED,
};

/// The zone of a site that names none: the first users' (and China's one zone).
pub(crate) const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

fn default_theme() -> String {
    "default".into()
}

/// The site's language when `almanac.toml` names none: the one the default theme's words are written in.
pub(crate) const DEFAULT_LANGUAGE: &str = "zh-CN";

/// What a site's `[en]` table may say: its words in that language.
const TRANSLATED: &[&str] = &["title", "description", "organiser", frontmatter::TERMS];

/// The most editions a site may have: each is a whole site.
pub(crate) const MAX_LANGUAGES: usize = 8;

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

/// A contact address, `name@domain` (RFC 5322's dot-atom form, ASCII): what calendars write as `mailto:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Email, EmailProblem> {
        let Some((local, domain)) = text.split_once('@') else { return Err(EmailProblem::NoAt) };
        if domain.contains('@') {
            return Err(EmailProblem::NoAt);
        }
        // RFC 5322 atext: what a name may hold without quoting; quoted names are not worth their trouble here.
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
        let dot_atom = |s: &str| s.split('.').all(|part| !part.is_empty() && part.chars().all(atext));
        if local.len() > 64 || !dot_atom(local) {
            return Err(EmailProblem::BadLocalPart);
        }
        let label = |l: &str| {
            (1..=63).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if domain.len() > 253 || !domain.contains('.') || !domain.split('.').all(label) {
            return Err(EmailProblem::BadDomain);
        }
        Ok(Email(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address as a `mailto:` URI (RFC 6068): what an address may hold but a URI may not is %-escaped.
    pub fn mailto(&self) -> String {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        const KEEP: &AsciiSet =
            &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'!').remove(b'$');
        const MAILTO: &AsciiSet = &KEEP.remove(b'\'').remove(b'*').remove(b'+').remove(b'@');
        format!("mailto:{}", utf8_percent_encode(&self.0, MAILTO))
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
        let (raw, translated): (RawConfig, _) = frontmatter::parse_translated(at, &text, &SCHEMA)?;
        // Every problem of the file at once, not the first.
        let mut errors = Diagnostics::default();
        let (language, languages) = read_languages(at, raw.language.as_ref(), raw.languages.as_ref(), &mut errors);
        let translations = read_translations(at, &text, translated, &mut errors);
        for l in &languages[1..] {
            if !translations.iter().any(|t| &t.lang == l && t.get("title").is_some()) {
                let span = raw.languages.as_ref().map_or(0..0, |l| l.span());
                errors.push(at.error(span, ConfigError::Untranslated { lang: l.clone(), key: "title" }).with_help(
                    format!("add at the end of {FILE} a table `[{l}]` with the site's title in it: title = \"…\""),
                ));
            }
        }
        for t in &translations {
            if !languages[1..].contains(&t.lang) {
                errors.push(
                    Diagnostic::at(&path, &text, t.span.start, t.span.len(), ConfigError::NotALanguage(t.lang.clone()))
                        .with_help(not_a_language_help(&t.lang)),
                );
            }
        }
        let base_url = raw.base_url.as_ref().and_then(|url| {
            BaseUrl::parse(url.get_ref())
                .map_err(|problem| {
                    errors.push(
                        at.error(url.span(), ConfigError::BaseUrl { url: url.get_ref().clone(), problem })
                            .with_help(BASE_URL_HELP),
                    );
                })
                .ok()
        });
        let (name, span) = raw.timezone.as_ref().map_or((DEFAULT_TIMEZONE, 0..0), |t| (t.get_ref().as_str(), t.span()));
        let timezone = Zone::get(name);
        if timezone.is_none() {
            errors.push(at.error(span, ConfigError::UnknownTimezone(name.to_string())).with_help(
                "write an IANA time zone name such as \"Asia/Shanghai\", \"Asia/Hong_Kong\" or \"Europe/Berlin\"",
            ));
        }
        if let Some(o) = &raw.organiser {
            check_value(at, "organiser", o, true, &mut errors);
        }
        let email = raw.email.as_ref().and_then(|e| {
            Email::parse(e.get_ref())
                .map_err(|problem| {
                    errors.push(
                        at.error(e.span(), ConfigError::Email { email: e.get_ref().clone(), problem })
                            .with_help(EMAIL_HELP),
                    );
                })
                .ok()
        });
        let Some(timezone) = timezone.filter(|_| errors.is_empty()) else { return Err(errors.sorted()) };
        Ok(Config {
            title: raw.title,
            description: raw.description,
            theme: raw.theme,
            language,
            languages,
            translations,
            base_url,
            timezone,
            unsafe_html: raw.unsafe_html,
            archive: raw.archive,
            compress: raw.compress,
            organiser: raw.organiser.map(Spanned::into_inner).filter(|o| !o.trim().is_empty()),
            email,
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

pub(crate) const LANGUAGES_HELP: &str = "name every language of the site, the original first: languages = [\"zh-CN\", \"en\"], \
     then its words in a table of its name: [en] with title = \"…\"";

/// What to do with a translation into a language the site does not publish in.
pub(crate) fn not_a_language_help(lang: &str) -> String {
    format!("add \"{lang}\" to `languages` in {FILE} to publish an edition in it, or remove the table")
}

/// What is wrong with `languages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguagesProblem {
    Empty,
    NotATag(String),
    Twice(String),
    TooMany(usize),
    /// `language` is written and is not the first of `languages`.
    NotFirst {
        language: String,
    },
}

impl fmt::Display for LanguagesProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LanguagesProblem::Empty => write!(f, "names no language"),
            LanguagesProblem::NotATag(l) => {
                write!(f, "names `{l}`, which is not a language tag such as \"en\" or \"zh-TW\"")
            }
            LanguagesProblem::Twice(l) => write!(f, "names `{l}` twice"),
            LanguagesProblem::TooMany(n) => write!(f, "names {n} languages; a site has at most {MAX_LANGUAGES}"),
            LanguagesProblem::NotFirst { language } => {
                write!(f, "does not start with the site's `language` (`{language}`), the original")
            }
        }
    }
}

/// `language` and `languages`, read together: the site's language and every edition's, the original first.
fn read_languages(
    at: Located<'_>,
    language: Option<&Spanned<String>>,
    languages: Option<&Spanned<Vec<Spanned<String>>>>,
    errors: &mut Diagnostics,
) -> (String, Vec<String>) {
    let fallback = language.map_or(DEFAULT_LANGUAGE, |l| l.get_ref().as_str()).to_string();
    let Some(list) = languages else { return (fallback.clone(), vec![fallback]) };
    let mut problem = |span: std::ops::Range<usize>, p: LanguagesProblem| {
        errors.push(at.error(span, ConfigError::Languages(p)).with_help(LANGUAGES_HELP));
    };
    let names = list.get_ref();
    if names.is_empty() {
        problem(list.span(), LanguagesProblem::Empty);
        return (fallback.clone(), vec![fallback]);
    }
    if names.len() > MAX_LANGUAGES {
        problem(list.span(), LanguagesProblem::TooMany(names.len()));
    }
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let l = name.get_ref();
        if !frontmatter::is_language_tag(l) {
            problem(name.span(), LanguagesProblem::NotATag(l.clone()));
        } else if out.iter().any(|o| o.eq_ignore_ascii_case(l)) {
            problem(name.span(), LanguagesProblem::Twice(l.clone()));
        } else {
            out.push(l.clone());
        }
    }
    if let Some(l) = language
        && names[0].get_ref() != l.get_ref()
    {
        problem(names[0].span(), LanguagesProblem::NotFirst { language: l.get_ref().clone() });
    }
    match out.first() {
        Some(first) => (first.clone(), out),
        None => (fallback.clone(), vec![fallback]),
    }
}

pub(crate) const BASE_URL_HELP: &str =
    "write the address of the site's folder, e.g. base_url = \"https://example.org/calendar/\", or remove the line";

pub(crate) const EMAIL_HELP: &str =
    "write one address such as email = \"calendar@example.org\" (ASCII, no name or brackets), or remove the line";

/// What is wrong with a value of `almanac.toml` (or `--base-url`). The `Display` text is one plain sentence;
/// the fix goes in the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("base_url `{url}` {problem}")]
    BaseUrl { url: String, problem: UrlProblem },
    #[error("email `{email}` {problem}")]
    Email { email: String, problem: EmailProblem },
    #[error("`{0}` is not a time zone of the IANA database")]
    UnknownTimezone(String),
    #[error("`[{0}]` is a translation into a language that `languages` does not name")]
    NotALanguage(String),
    #[error("the edition in `{lang}` is written in the folder `{lang}/`, which is schedule `{slug}`'s")]
    EditionFolder { lang: String, slug: String },
    #[error("no `{key}` in `[{lang}]`: the pages of the edition in that language name it")]
    Untranslated { lang: String, key: &'static str },
    #[error("`languages` {0}")]
    Languages(LanguagesProblem),
}

/// Why an `email` is not an address calendars can write as `mailto:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    NoAt,
    BadLocalPart,
    BadDomain,
}

impl fmt::Display for EmailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EmailProblem::NoAt => "is not one address of the form name@domain",
            EmailProblem::BadLocalPart => {
                "has a name before `@` that is empty, too long or has characters an address cannot"
            }
            EmailProblem::BadDomain => "has a domain after `@` that is not a host name such as example.org",
        })
    }
}

/// Why a `base_url` cannot be the address of a site's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    NotAbsolute,
    NotHttp,
    NoHost,
    Credentials,
    Query,
    Fragment,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::NotAbsolute => "is not an absolute address",
            UrlProblem::NotHttp => "is not an http(s) address",
            UrlProblem::NoHost => "has no host name",
            UrlProblem::Credentials => "carries a user name or password",
            UrlProblem::Query => "has a query (`?…`), which cannot be a folder",
            UrlProblem::Fragment => "has a fragment (`#…`), which cannot be a folder",
        })
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
    fn languages_name_the_editions_the_original_first() {
        let en = "\n[en]\ntitle = \"Calendar\"\n";
        let ok: &[(&str, &str, &[&str])] = &[
            ("title = \"日历\"\n", "zh-CN", &["zh-CN"]),
            ("title = \"日历\"\nlanguage = \"zh-TW\"\n", "zh-TW", &["zh-TW"]),
            ("title = \"日历\"\nlanguages = [\"zh-CN\", \"en\"]\n", "zh-CN", &["zh-CN", "en"]),
            ("title = \"日历\"\nlanguage = \"zh-CN\"\nlanguages = [\"zh-CN\", \"en\"]\n", "zh-CN", &["zh-CN", "en"]),
            ("title = \"Calendar\"\nlanguages = [\"en\"]\n", "en", &["en"]),
        ];
        for (text, language, languages) in ok {
            let text = if languages.len() > 1 { format!("{text}{en}") } else { text.to_string() };
            let c = load(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(
                (c.language.as_str(), c.languages.as_slice()),
                (*language, &languages.iter().map(|l| l.to_string()).collect::<Vec<_>>()[..]),
                "{text}"
            );
        }
        let bad: &[(&str, &str)] = &[
            ("languages = []", "names no language"),
            ("languages = [\"zh-CN\", \"English\"]", "names `English`, which is not a language tag"),
            ("languages = [\"zh-CN\", \"en\", \"EN\"]", "names `EN`, which is not a language tag"),
            ("languages = [\"zh-CN\", \"en\", \"en\"]", "names `en` twice"),
            (
                "language = \"zh-TW\"\nlanguages = [\"zh-CN\", \"en\"]",
                "does not start with the site's `language` (`zh-TW`)",
            ),
            ("languages = [\"zh-CN\", \"fr\"]", "no `title` in `[fr]`"),
            ("languages = [\"zh-CN\"]", "`[en]` is a translation into a language that `languages` does not name"),
        ];
        for (line, said) in bad {
            let text = format!("title = \"日历\"\n{line}\n{en}");
            let e = load(&text).unwrap_err();
            assert!(
                e.iter().any(|d| d.kind.to_string().contains(said)),
                "{line}: {:?}",
                e.iter().map(|d| d.kind.to_string()).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_language_table_holds_the_sites_words_and_its_tags() {
        let c = load("title = \"日历\"\nlanguages = [\"zh-CN\", \"en\"]\n[en]\ntitle = \"Calendar\"\n[en.tags]\n\"论坛\" = \"Forum\"\n").unwrap();
        let t = &c.translations[0];
        assert_eq!((t.lang.as_str(), t.get("title").map(|v| v.text.as_str())), ("en", Some("Calendar")));
        assert_eq!(t.terms, [("论坛".to_string(), "Forum".to_string())]);
        let e = load("title = \"日历\"\nlanguages = [\"zh-CN\", \"en\"]\n[en]\ntitle = \"Calendar\"\ntitel = \"x\"\n")
            .unwrap_err();
        assert_eq!(e.0[0].kind.to_string(), "unknown key `titel`");
        assert!(e.0[0].help.as_deref().unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn defaults_and_unknown_keys() {
        let c = load("title = \"日历\"\n").unwrap();
        assert_eq!((c.theme.as_str(), c.language.as_str(), c.base_url()), ("default", "zh-CN", None));
        let e = load("title = \"x\"\nthme = \"dark\"\n").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].help.as_deref().unwrap().starts_with("did you mean `theme`?")), (2, true));
        assert!(load("").is_err());
        assert_eq!(c.timezone.name(), "Asia/Shanghai");
        let e = load("title = \"x\"\ntimezone = \"Asia/Beijing\"\n").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (2, 12));
        assert_eq!(load("title = \"x\"\ntimezone = \"Europe/Berlin\"\n").unwrap().timezone.name(), "Europe/Berlin");
        assert_eq!((c.archive, c.compress), (true, false));
        let c = load("title = \"x\"\narchive = false\ncompress = true\n").unwrap();
        assert_eq!((c.archive, c.compress), (false, true));
        let e = load("title = \"x\"\narchive = \"no\"\n").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (2, 11));
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
        assert_eq!((e.0[0].line(), e.0[0].column()), (3, 12));
        assert!(e.0[0].kind.to_string().contains("has a query"), "{}", e.0[0].kind);
    }

    #[test]
    fn organiser_and_email() {
        let c = load("title = \"x\"\n").unwrap();
        assert_eq!((c.organiser, c.email), (None, None));
        let c = load("title = \"x\"\norganiser = \"中国质量协会\"\nemail = \"cal.2023+q@cqa.example.org\"\n").unwrap();
        assert_eq!(c.organiser.as_deref(), Some("中国质量协会"));
        assert_eq!(c.email.as_ref().map(Email::mailto).as_deref(), Some("mailto:cal.2023+q@cqa.example.org"));
        // Every bad value at once, each at its own line and column.
        let e = load("title = \"x\"\nemail = \"协会@example.org\"\ntimezone = \"Mars/Base\"\norganiser = \"a\\nb\"\n")
            .unwrap_err();
        let at: Vec<(usize, usize)> = e.0.iter().map(|d| (d.line(), d.column())).collect();
        assert_eq!(at, [(2, 9), (3, 12), (4, 15)], "{e:?}");
        assert!(e.0[0].kind.to_string().contains("email `协会@example.org`"), "{}", e.0[0].kind);
    }

    #[test]
    fn email_addresses() {
        for ok in ["a@b.org", "first.last@example.co.uk", "x_y-z@sub-1.example.org", "o'neil&co=1@a.io"] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        let bad = [
            ("", EmailProblem::NoAt),
            ("example.org", EmailProblem::NoAt),
            ("a@b@c.org", EmailProblem::NoAt),
            ("Name <a@b.org>", EmailProblem::BadLocalPart),
            ("@b.org", EmailProblem::BadLocalPart),
            ("a..b@b.org", EmailProblem::BadLocalPart),
            (".a@b.org", EmailProblem::BadLocalPart),
            ("a b@b.org", EmailProblem::BadLocalPart),
            ("a@localhost", EmailProblem::BadDomain),
            ("a@-b.org", EmailProblem::BadDomain),
            ("a@b..org", EmailProblem::BadDomain),
            ("a@b.org ", EmailProblem::BadDomain),
            ("a@例子.中国", EmailProblem::BadDomain),
        ];
        for (text, problem) in bad {
            assert_eq!(Email::parse(text), Err(problem), "{text:?}");
        }
        // What a URI may not hold is escaped; the address reads back the same.
        let e = Email::parse("a%b#c?d/e@x.org").unwrap();
        assert_eq!(e.mailto(), "mailto:a%25b%23c%3Fd%2Fe@x.org");
    }
}
