//! The words of a theme in one language: `themes/NAME/i18n/LANG.toml`, LANG the site's `language` (`zh-CN` by
//! default). Templates read them as `t` (`{{ t.nav.home }}`), and a sentence with a number or a name in it takes
//! them through the `fill` filter (`{{ t.nav.all_schedules | fill(n=nav.schedule_count) }}` for
//! "全部 {n} 个日程"). A key a template names that the catalogue lacks stops the build at that template's line,
//! as any unknown field does. A site's copy of the default theme made before catalogues existed has no `i18n/`:
//! it gets the built-in words.

use std::path::Path;

use tera::{Kwargs, State, StringInput, Value};

use super::TemplateError;
use super::theme::{self, ThemeFile};
use crate::content::frontmatter::{Located, TomlError};
use crate::error::{Diagnostic, Diagnostics, FileError};
use crate::words::Words;

/// The theme folder the catalogues are in.
const FOLDER: &str = "i18n";

/// The catalogue of `language` for the theme `theme_name`, as a template value (every value a string, or a
/// list of strings).
pub(crate) fn load(root: &Path, theme_name: &str, language: &str) -> Result<Value, Diagnostics> {
    read::<toml::Table>(root, theme_name, language).map(|table| template_value(toml::Value::Table(table)))
}

/// The part of the catalogue of `language` that almanac's code says (see [`Words`]), for the site model: read
/// once per site, where a missing word is reported.
pub(crate) fn words(root: &Path, theme_name: &str, language: &str) -> Result<Words, Diagnostics> {
    read(root, theme_name, language)
}

/// The catalogue of `language` for the theme `theme_name`, read as `T`.
fn read<T: serde::de::DeserializeOwned>(root: &Path, theme_name: &str, language: &str) -> Result<T, Diagnostics> {
    let file = format!("{language}.toml");
    let mut files = theme::files(root, theme_name, FOLDER)?;
    // A copy of the default theme made before catalogues existed has none: it gets the built-in ones.
    if files.is_empty() && theme_name == "default" {
        files = theme::builtin_files(FOLDER);
    }
    if let Some(found) = files.iter().find(|f| f.name == file) {
        return parse(found);
    }
    let known: Vec<&str> = files.iter().filter_map(|f| f.name.strip_suffix(".toml")).collect();
    let kind = TemplateError::NoCatalogue { language: language.to_string(), theme: theme_name.to_string() };
    Err(at_language(root, kind)
        .with_help(format!(
            "set `language` to one the theme has words for ({}), or add themes/{theme_name}/{FOLDER}/{file}: a copy \
             of zh-CN.toml with every value translated",
            known.join(", ")
        ))
        .into())
}

/// An error about the site's `language`, placed at its value in `almanac.toml` (or on the file, when it names
/// none and the default is the one missing).
fn at_language(root: &Path, kind: TemplateError) -> Diagnostic {
    let path = root.join(crate::config::FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let span = toml::de::DeTable::parse(&text).ok().and_then(|t| t.get_ref().get("language").map(|v| v.span()));
    match span {
        Some(span) => Diagnostic::at(&path, &text, span.start, span.len(), kind),
        None => Diagnostic::file(&path, kind),
    }
}

/// A catalogue file read as `T`.
fn parse<T: serde::de::DeserializeOwned>(file: &ThemeFile) -> Result<T, Diagnostics> {
    let text = std::str::from_utf8(&file.bytes).map_err(|_| {
        Diagnostics::from(Diagnostic::file(&file.path, FileError::NotUtf8).with_help("save the catalogue as UTF-8"))
    })?;
    let at = Located { path: &file.path, file_text: text, offset: 0 };
    toml::from_str(text).map_err(|e| toml_error(&at, &e))
}

/// A catalogue that is not TOML, or lacks a key almanac's code says, at its line.
fn toml_error(at: &Located<'_>, e: &toml::de::Error) -> Diagnostics {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim();
    // serde says "missing field `badge`" for a key the typed words need.
    let missing = message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`'));
    let d = match missing {
        Some(field) => {
            let kind = TemplateError::CatalogueKey { field: field.to_string() };
            Diagnostic::at(at.path, at.file_text, span.start, span.len(), kind)
                .with_help("add it, translated from the same key of the default theme's i18n/zh-CN.toml")
        }
        None => at
            .error(span, TomlError::Syntax(message.to_string()))
            .with_help("a catalogue is TOML: `key = \"words\"` under a `[section]`"),
    };
    Diagnostics::from(d)
}

/// A catalogue's value for templates. Its text goes into pages as written, as a template's own text does (it is
/// the theme's, not the content's): no escaping on every page that shows it. What `fill` puts into it is
/// escaped there.
fn template_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::safe_string(&s),
        toml::Value::Array(items) => Value::from(items.into_iter().map(template_value).collect::<Vec<_>>()),
        toml::Value::Table(t) => Value::from(
            t.into_iter().map(|(k, v)| (k, template_value(v))).collect::<std::collections::BTreeMap<_, _>>(),
        ),
        toml::Value::Integer(n) => Value::from(n),
        toml::Value::Float(x) => Value::from(x),
        toml::Value::Boolean(b) => Value::from(b),
        toml::Value::Datetime(d) => Value::from(d.to_string()),
    }
}

/// The `fill` filter: `{name}` in a sentence replaced by the argument of that name (`fill(n=3)`), escaped where
/// the template is (the sentence is the theme's text, the argument may be the content's). A name the template
/// does not give is an error, so a sentence never shows its braces to a reader.
pub(crate) fn fill(sentence: StringInput, kwargs: Kwargs, state: &State) -> tera::TeraResult<Value> {
    // The theme's words are safe; any other text given to `fill` is escaped like the rest.
    let escape = |text: &str| -> String {
        if state.autoescaping_enabled() { crate::escape::escape(text) } else { text.to_string() }
    };
    let sentence = if sentence.is_safe() { sentence.as_str().to_string() } else { escape(sentence.as_str()) };
    let out = crate::words::fill_with(&sentence, |name| -> tera::TeraResult<Option<String>> {
        let value: Value = kwargs.must_get(name)?;
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
        Ok(Some(if value.is_safe() { text } else { escape(&text) }))
    })?;
    Ok(Value::safe_string(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_has_words_for_its_default_language_and_an_unknown_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let zh = load(dir.path(), "default", "zh-CN").unwrap();
        assert!(zh.get_from_path("nav.home").is_some_and(|v| v.as_str() == Some("首页")));
        let e = load(dir.path(), "default", "xx").unwrap_err();
        let d = &e.0[0];
        assert!(d.kind.to_string().contains("`xx`"), "{}", d.kind);
        assert!(d.help.as_deref().unwrap_or_default().contains("zh-CN"), "{:?}", d.help);
    }

    #[test]
    fn fill_escapes_what_it_puts_in_and_names_a_missing_argument() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("fill", fill);
        tera.add_raw_templates([
            ("a.html", "{{ t | fill(site=title, n=3) }}"),
            ("b.html", "{{ t | fill(n=3) }}"),
            ("c.html", "{{ title | fill(n=3) }}"),
        ])
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("t", &Value::safe_string("返回{site}首页（{n} 项）"));
        ctx.insert("title", "<b>&{n}");
        assert_eq!(tera.render("a.html", &ctx).unwrap(), "返回&lt;b&gt;&amp;{n}首页（3 项）");
        let e = tera.render("b.html", &ctx).unwrap_err();
        assert!(format!("{e:?}").contains("site"), "{e:?}");
        // Text that is not the theme's is escaped, sentence and all.
        assert_eq!(tera.render("c.html", &ctx).unwrap(), "&lt;b&gt;&amp;3");
    }

    #[test]
    fn a_broken_catalogue_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let i18n = dir.path().join("themes/mine/i18n");
        std::fs::create_dir_all(&i18n).unwrap();
        std::fs::write(i18n.join("zh-CN.toml"), "[nav]\nhome = \"首页\nx = 1\n").unwrap();
        let e = load(dir.path(), "mine", "zh-CN").unwrap_err();
        assert_eq!(e.0[0].line(), 2, "{:?}", e.0[0]);
        // A theme of its own with no catalogue for the language: said, with the ones it has.
        let e = load(dir.path(), "mine", "en").unwrap_err();
        assert!(e.0[0].help.as_deref().unwrap_or_default().contains("zh-CN"));
        // A catalogue without a word almanac's code says: at the table that lacks it.
        let default = include_str!("../../themes/default/i18n/zh-CN.toml");
        let lacking = default.replace(
            "[status.cancelled]\nlabel = \"已取消\"\nbadge = \"已取消\"\n",
            "[status.cancelled]\nlabel = \"已取消\"\n",
        );
        assert_ne!(lacking, default);
        std::fs::write(i18n.join("zh-CN.toml"), &lacking).unwrap();
        let e = words(dir.path(), "mine", "zh-CN").unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.kind.to_string(), "the catalogue has no `badge` here, a word almanac needs");
        let line = lacking.lines().position(|l| l == "[status.cancelled]").unwrap() + 1;
        assert_eq!(d.line(), line);
    }

    /// Every key of a catalogue, with the `{names}` its value holds (a list's items one by one).
    fn shape(value: &toml::Value, at: &str, out: &mut Vec<(String, Vec<String>)>) {
        match value {
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| shape(v, &format!("{at}.{k}"), out)),
            toml::Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| shape(v, &format!("{at}[{i}]"), out))
            }
            toml::Value::String(s) => {
                let mut names: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
                names.sort();
                out.push((at.to_string(), names));
            }
            _ => out.push((at.to_string(), Vec::new())),
        }
    }

    /// The default theme's catalogues say the same things: each has every key of zh-CN's, no other, and each
    /// value fills in the same names, so no page of any language lacks a word or shows a `{name}` unfilled.
    #[test]
    fn every_built_in_catalogue_has_the_keys_and_names_of_the_default() {
        let files = theme::builtin_files(FOLDER);
        let of = |file: &ThemeFile| {
            let table: toml::Table = toml::from_str(std::str::from_utf8(&file.bytes).unwrap()).unwrap();
            let mut out = Vec::new();
            shape(&toml::Value::Table(table), "", &mut out);
            out.sort();
            out
        };
        let default = of(files.iter().find(|f| f.name == "zh-CN.toml").unwrap());
        assert!(default.len() > 300, "{} keys", default.len());
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["en.toml", "zh-CN.toml", "zh-TW.toml"]);
        for file in &files {
            let this = of(file);
            let missing: Vec<_> = default.iter().filter(|k| !this.contains(k)).collect();
            let extra: Vec<_> = this.iter().filter(|k| !default.contains(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: lacks {missing:?}, has besides {extra:?}", file.name);
            let language = file.name.trim_end_matches(".toml");
            load(Path::new("/nonexistent"), "default", language).unwrap();
            words(Path::new("/nonexistent"), "default", language).unwrap();
        }
    }
}
