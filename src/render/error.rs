//! What can be wrong with a theme or a template.

/// A theme or template the build cannot render with. The `Display` text is one plain sentence; the fix goes in
/// the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("there is no theme `{name}`: no folder themes/{name}")]
    NoSuchTheme { name: String },
    #[error("the theme `{theme}` has no template or static file `{name}`")]
    NoSuchThemeFile { theme: String, name: String },
    #[error("`{name}` is both a template and a static file of the theme")]
    AmbiguousThemeFile { name: String },
    #[error("the theme has no template {0}")]
    MissingTemplate(&'static str),
    #[error("the theme `{theme}` has no words for the language `{language}`")]
    NoCatalogue { language: String, theme: String },
    /// A key almanac's code says is not in the catalogue: `field` under the table the error points at.
    #[error("the catalogue has no `{field}` here, a word almanac needs")]
    CatalogueKey { field: String },
    /// Tera's own message.
    #[error("template error: {0}")]
    Template(String),
}
