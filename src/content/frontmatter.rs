//! Front matter: the `+++` TOML block of a Markdown file, or a whole `.toml` file, read into a typed struct
//! with every problem located in the original file.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, Diagnostics, Kind, did_you_mean};

/// What is wrong with a file's TOML, in `almanac.toml` and in content files alike.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TomlError {
    /// The TOML reader's own message.
    #[error("invalid TOML: {0}")]
    Syntax(String),
    #[error("unknown key `{key}`")]
    UnknownKey { key: String },
    #[error("missing required key `{0}`")]
    MissingKey(&'static str),
    #[error("the front matter is not closed: no line `+++` ends it")]
    UnclosedFrontMatter,
    #[error("the file has no front matter: it must start with a line `+++`")]
    NoFrontMatter,
    #[error("`{key}` of `[{lang}]` is not text")]
    NotText { lang: String, key: String },
}

/// A file split into its TOML part and its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub toml: &'a str,
    /// Byte offset of `toml` in the file, so TOML errors point at the file's own lines.
    pub toml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `+++`-delimited front matter from the body. A leading byte-order mark is skipped.
pub(crate) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_spans(text, start);
    let Some(first) = lines.next() else {
        return Err(Diagnostic::file(path, TomlError::NoFrontMatter).with_help(FRONT_MATTER_HELP));
    };
    if text[first.clone()].trim_end() != "+++" {
        return Err(
            Diagnostic::at(path, text, first.start, first.len(), TomlError::NoFrontMatter).with_help(FRONT_MATTER_HELP)
        );
    }
    let toml_offset = (first.end + 1).min(text.len());
    for line in lines {
        if text[line.clone()].trim_end() == "+++" {
            let body_start = (line.end + 1).min(text.len());
            return Ok(Split {
                toml: &text[toml_offset..line.start],
                toml_offset,
                body: &text[body_start..],
                body_offset: body_start,
            });
        }
    }
    Err(Diagnostic::at(path, text, first.start, first.len(), TomlError::UnclosedFrontMatter)
        .with_help("add a line with only `+++` after the last key, before the body text"))
}

const FRONT_MATTER_HELP: &str =
    "start the file with a line `+++`, then the keys (title = \"…\", when = \"…\"), then another line `+++`";

/// Byte ranges of the lines of `text` from `start`, without their line ends.
fn line_spans(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = pos..end;
        pos = end + 1;
        Some(line)
    })
}

/// The keys a table may hold; `nested` names keys whose values are arrays of tables with their own keys;
/// `translated` the keys a table named by a language (`[en]`, `[zh-TW]`) may hold: what the file says in that
/// language (none: such tables are unknown keys).
pub(crate) struct Schema {
    pub keys: &'static [&'static str],
    pub nested: &'static [(&'static str, &'static [&'static str])],
    pub translated: &'static [&'static str],
}

/// A table named by a language, as written: `[en]` with `title = "…"`. Spans are relative to the TOML.
pub(crate) struct RawTranslation {
    pub lang: Spanned<String>,
    pub values: Vec<(&'static str, Spanned<String>)>,
    /// A table of terms (`[en.tags]`: each original word = its translation).
    pub terms: Vec<(Spanned<String>, Spanned<String>)>,
}

/// The key of a language's table whose value is a table of terms rather than text: the site's tag names.
pub(crate) const TERMS: &str = "tags";

/// Whether `key` has the form of a language tag (BCP 47's common subset: `en`, `zh-TW`, `zh-Hant-HK`).
pub(crate) fn is_language_tag(key: &str) -> bool {
    let mut parts = key.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Where a TOML fragment sits, so spans inside it become file positions.
#[derive(Clone, Copy)]
pub(crate) struct Located<'a> {
    pub path: &'a Path,
    pub file_text: &'a str,
    pub offset: usize,
}

impl Located<'_> {
    pub(crate) fn error(&self, span: Range<usize>, kind: impl Into<Kind>) -> Diagnostic {
        Diagnostic::at(self.path, self.file_text, self.offset + span.start, span.len(), kind)
    }
}

/// Parses `toml` (found at `at`) into `T`, after checking every key against `schema`. Reports all syntax
/// errors and all unknown keys, not just the first.
/// With it, the tables named by a language that `schema` allows, in the order written.
pub(crate) fn parse_translated<T: DeserializeOwned>(
    at: Located<'_>,
    toml: &str,
    schema: &Schema,
) -> Result<(T, Vec<RawTranslation>), Diagnostics> {
    let mut errors = Diagnostics::default();
    let (table, syntax) = DeTable::parse_recoverable(toml);
    for e in syntax {
        let span = e.span().unwrap_or(0..0);
        errors.push(at.error(span, TomlError::Syntax(e.message().to_string())).with_help(TOML_HELP));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let translations = translations(at, table.get_ref(), schema, &mut errors);
    check_keys(
        at,
        table.get_ref(),
        schema.keys,
        |name| translations.iter().any(|t| t.lang.get_ref() == name),
        &mut errors,
    );
    for (name, keys) in schema.nested {
        let Some(value) = table.get_ref().get(*name) else { continue };
        if let DeValue::Array(items) = value.get_ref() {
            for item in items.iter() {
                if let DeValue::Table(t) = item.get_ref() {
                    check_keys(at, t, keys, |_| false, &mut errors);
                }
            }
        }
    }
    match toml::from_str::<T>(toml) {
        Ok(value) if errors.is_empty() => Ok((value, translations)),
        Ok(_) => Err(errors.sorted()),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let mut d = at.error(span, TomlError::Syntax(e.message().trim().to_string()));
            if let Some(key) = missing_field(e.message()) {
                d.kind = TomlError::MissingKey(key_name(key, schema)).into();
                d.help = Some(format!("add a line `{key} = …` to the front matter"));
            }
            errors.push(d);
            Err(errors.sorted())
        }
    }
}

const TOML_HELP: &str = "front matter is TOML: each line is `key = value`, text goes in double quotes";

/// The tables of `table` named by a language, when `schema` allows them, their keys checked.
fn translations(
    at: Located<'_>,
    table: &DeTable<'_>,
    schema: &Schema,
    errors: &mut Diagnostics,
) -> Vec<RawTranslation> {
    let mut out = Vec::new();
    if schema.translated.is_empty() {
        return out;
    }
    for (key, value) in table.iter() {
        let DeValue::Table(inner) = value.get_ref() else { continue };
        if !is_language_tag(key.get_ref()) || schema.keys.contains(&key.get_ref().as_ref()) {
            continue;
        }
        let lang = key.get_ref().to_string();
        check_keys(at, inner, schema.translated, |_| false, errors);
        let (mut values, mut terms) = (Vec::new(), Vec::new());
        for (k, v) in inner.iter() {
            let Some(&name) = schema.translated.iter().find(|n| **n == k.get_ref().as_ref()) else { continue };
            match v.get_ref() {
                DeValue::String(text) if name != TERMS => values.push((name, Spanned::new(v.span(), text.to_string()))),
                DeValue::Table(t) if name == TERMS => terms = read_terms(at, &lang, t, errors),
                _ => errors.push(
                    at.error(v.span(), TomlError::NotText { lang: lang.clone(), key: name.to_string() })
                        .with_help(format!("write it in double quotes: {name} = \"…\"")),
                ),
            }
        }
        out.push(RawTranslation { lang: Spanned::new(key.span(), lang), values, terms });
    }
    out
}

/// A language's table of terms (`[en.tags]`): each original word with what it is in `lang`, both spanned.
fn read_terms(
    at: Located<'_>,
    lang: &str,
    table: &DeTable<'_>,
    errors: &mut Diagnostics,
) -> Vec<(Spanned<String>, Spanned<String>)> {
    let mut terms = Vec::new();
    for (word, said) in table.iter() {
        match said.get_ref() {
            DeValue::String(text) => terms.push((
                Spanned::new(word.span(), word.get_ref().to_string()),
                Spanned::new(said.span(), text.to_string()),
            )),
            _ => errors.push(
                at.error(said.span(), TomlError::NotText { lang: lang.to_string(), key: word.get_ref().to_string() })
                    .with_help("write each term as 原词 = \"its translation\""),
            ),
        }
    }
    terms
}

/// Reports the keys of `table` that are not `known` (nor `also` allows).
fn check_keys(
    at: Located<'_>,
    table: &DeTable<'_>,
    known: &[&str],
    also: impl Fn(&str) -> bool,
    errors: &mut Diagnostics,
) {
    for key in table.keys() {
        let name = key.get_ref();
        if known.contains(&name.as_ref()) || also(name) {
            continue;
        }
        let help = match did_you_mean(name, known) {
            Some(s) => format!("did you mean `{s}`? The keys here are: {}", known.join(", ")),
            None => format!("the keys here are: {}", known.join(", ")),
        };
        errors.push(at.error(key.span(), TomlError::UnknownKey { key: name.to_string() }).with_help(help));
    }
}

/// serde reports a missing field only as text: "missing field `title`".
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

fn key_name(key: &str, schema: &Schema) -> &'static str {
    schema.keys.iter().chain(schema.nested.iter().flat_map(|n| n.1.iter())).find(|k| **k == key).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn splits_front_matter_in_its_forms() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("+++\na = 1\n+++\nbody\n", Some(("a = 1\n", "body\n"))),
            ("+++\r\na = 1\r\n+++\r\nbody", Some(("a = 1\r\n", "body"))),
            ("\u{feff}+++\na = 1\n+++\n", Some(("a = 1\n", ""))),
            ("+++ \na = 1\n+++", Some(("a = 1\n", ""))),
            ("+++\n+++\n", Some(("", ""))),
            ("a = 1\n", None),
            ("+++\na = 1\n", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = split(Path::new("x.md"), text).ok().map(|s| (s.toml, s.body));
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(default)]
        items: Vec<Item>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        label: String,
    }
    const SCHEMA: Schema =
        Schema { keys: &["title", "items"], nested: &[("items", &["label"])], translated: &["title"] };

    fn run(file: &str) -> Result<T, Diagnostics> {
        let s = split(Path::new("x.md"), file).unwrap();
        parse_translated(Located { path: Path::new("x.md"), file_text: file, offset: s.toml_offset }, s.toml, &SCHEMA)
            .map(|(t, _)| t)
    }

    #[test]
    fn reports_every_unknown_key_with_a_suggestion() {
        let e = run("+++\ntitel = \"a\"\ntitle = \"b\"\nitems = [{ lable = \"x\" }]\ncolour = 1\n+++\n").unwrap_err();
        let found: Vec<_> = e.iter().map(|d| (d.line(), d.column(), d.kind.to_string())).collect();
        assert_eq!(
            found,
            [
                (2, 1, "unknown key `titel`".to_string()),
                (4, 10, "missing required key `label`".to_string()),
                (4, 12, "unknown key `lable`".to_string()),
                (5, 1, "unknown key `colour`".to_string()),
            ]
        );
        assert!(e.0[0].help.as_deref().unwrap().starts_with("did you mean `title`?"));
        assert!(e.0[2].help.as_deref().unwrap().starts_with("did you mean `label`?"));
    }

    #[test]
    fn tables_named_by_a_language_are_translations() {
        let file = "+++\ntitle = \"论坛\"\n[en]\ntitle = \"Forum\"\n[zh-TW]\ntitle = \"論壇\"\n+++\n";
        let s = split(Path::new("x.md"), file).unwrap();
        let at = Located { path: Path::new("x.md"), file_text: file, offset: s.toml_offset };
        let (_, t): (T, _) = parse_translated(at, s.toml, &SCHEMA).unwrap();
        let got: Vec<_> = t.iter().map(|t| (t.lang.get_ref().as_str(), t.values[0].1.get_ref().as_str())).collect();
        assert_eq!(got, [("en", "Forum"), ("zh-TW", "論壇")]);
        // Not a language's name, or not a table: an unknown key as any other.
        for (file, key) in [
            ("+++\ntitle = \"a\"\n[english]\ntitle = \"b\"\n+++\n", "english"),
            ("+++\ntitle = \"a\"\nen = \"b\"\n+++\n", "en"),
            ("+++\ntitle = \"a\"\n[en]\nbody = \"b\"\n+++\n", "body"),
        ] {
            let e = run(file).unwrap_err();
            assert_eq!(e.0[0].kind.to_string(), format!("unknown key `{key}`"), "{file}");
        }
        let cases = [
            ("en", true),
            ("zh-TW", true),
            ("zh-Hant-HK", true),
            ("yue", true),
            ("EN", false),
            ("e", false),
            ("en-", false),
            ("english", false),
        ];
        for (tag, is) in cases {
            assert_eq!(is_language_tag(tag), is, "{tag}");
        }
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let e = run("+++\ntitle = \"a\"\nitems = [\n+++\n").unwrap_err();
        assert!(e.0[0].line() >= 3, "{:?}", e.0[0]);
        let e = run("+++\ntitle = a b\n+++\n").unwrap_err();
        assert_eq!(e.0[0].line(), 2);
        assert!(matches!(e.0[0].kind, Kind::Toml(TomlError::Syntax(_))));
    }

    #[test]
    fn missing_and_mistyped_keys() {
        let e = run("+++\nitems = []\n+++\n").unwrap_err();
        assert_eq!(e.0[0].kind, Kind::Toml(TomlError::MissingKey("title")));
        let e = run("+++\ntitle = 3\n+++\n").unwrap_err();
        assert_eq!((e.0[0].line(), e.0[0].column()), (2, 9));
    }
}
