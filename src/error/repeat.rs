//! One line for a warning repeated many times: an exam table with 1,521 unreadable week-numbered dates, or a
//! site whose 10,000 activities share a problem, gets a count and the first places instead of every copy.

use super::{Diagnostic, Diagnostics, Kind, Origin};
use std::collections::BTreeMap;

/// How many places a summary names.
const EXAMPLES: usize = 3;

/// A message with what changes between repeats of one problem masked: quoted text (`…`, "…", “…”) and
/// numbers. `cannot read the date `第11周`: "第" is not a date` and the same for `第12周` have one shape.
pub(super) fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut close: Option<char> = None;
    for c in message.chars() {
        match close {
            Some(end) if c == end => {
                out.push(c);
                close = None;
            }
            Some(_) => {}
            None => {
                let end = match c {
                    '`' => Some('`'),
                    '"' => Some('"'),
                    '“' => Some('”'),
                    _ => None,
                };
                if end.is_some() {
                    out.push(c);
                    out.push('…');
                    close = end;
                } else if c.is_ascii_digit() {
                    if !out.ends_with('#') {
                        out.push('#');
                    }
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

impl Diagnostics {
    /// Warnings of one [`shape`] that occur more than `limit` times keep their first `keep` copies, followed by
    /// one [`Kind::Repeated`] with the count of the others and the first of their places. Errors are
    /// never collapsed. Order is kept.
    pub fn summarised(self, limit: usize, keep: usize) -> Diagnostics {
        let shapes: Vec<Option<String>> =
            self.0.iter().map(|d| (!d.is_error()).then(|| shape(&d.kind.to_string()))).collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for s in shapes.iter().flatten() {
            *counts.entry(s.as_str()).or_default() += 1;
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut rest: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        // Where each summary goes: after the last copy kept.
        let mut order: Vec<Result<&Diagnostic, &str>> = Vec::new();
        for (d, s) in self.0.iter().zip(&shapes) {
            let Some(s) = s.as_deref().filter(|s| counts[s] > limit) else {
                order.push(Ok(d));
                continue;
            };
            let n = seen.entry(s).or_default();
            *n += 1;
            if *n <= keep {
                order.push(Ok(d));
            } else {
                if *n == keep + 1 {
                    order.push(Err(s));
                }
                rest.entry(s).or_default().push(d);
            }
        }
        let mut out = Diagnostics::default();
        for item in order {
            match item {
                Ok(d) => out.push(d.clone()),
                Err(s) => out.push(summary(s, &rest[s])),
            }
        }
        out
    }
}

/// The summary of `rest`, the copies of one warning not shown: located at the first of them, with the first
/// few places named.
fn summary(shape: &str, rest: &[&Diagnostic]) -> Diagnostic {
    let places = rest.iter().take(EXAMPLES).map(|d| d.origin.clone()).collect();
    let origin = Origin::Places { places, more: rest.len() > EXAMPLES };
    let kind = Kind::Repeated { count: rest.len(), what: shape.to_string() };
    let help = rest.first().and_then(|d| d.help.clone()).unwrap_or_default();
    Diagnostic::new(origin, kind).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_mask_what_varies() {
        for (a, b, same) in [
            (
                "cannot read the date `第11周周3`: \"第\" is not a date",
                "cannot read the date `x`: \"y\" is not a date",
                true,
            ),
            ("the dates 2023-01-01 … 2023-01-02 fall outside", "the dates 2024-05-01 … 2024-05-09 fall outside", true),
            ("another activity has the same title `a`: x.md", "the 序号 `a` is not a whole number", false),
        ] {
            assert_eq!(shape(a) == shape(b), same, "{a} / {b}");
        }
    }

    fn warning(line: usize, value: &str) -> Diagnostic {
        let text = format!("{}where = \"{value}\"", "\n".repeat(line - 1));
        let kind = crate::lint::Lint::PlaceLooksLikeDate(value.into());
        Diagnostic::at("a.md", &text, text.len() - 2, 1, kind).with_help("h")
    }

    #[test]
    fn repeats_past_the_limit_become_one_line_in_place() {
        let mut all = Diagnostics::default();
        all.push(warning(1, "x"));
        all.push(Diagnostic::file("a.md", crate::content::ContentError::EmptyTitle));
        for i in 2..=30 {
            all.push(warning(i, &format!("v{i}")));
        }
        all.push(Diagnostic::file("b.md", crate::lint::Lint::Sanitised("a script".into())));
        let out = all.clone().summarised(3, 1);
        let lines: Vec<String> = out.iter().map(|d| format!("{} | {}", d.origin, d.kind)).collect();
        assert_eq!(
            lines,
            [
                "a.md:1:10 | `where` reads like a date: `x`",
                "a.md | the title is empty",
                "a.md:2, a.md:3, a.md:4, … | 29 more like this: `…` reads like a date: `…`",
                "b.md | a script is removed from the published page",
            ],
            "{lines:#?}"
        );
        // At or under the limit nothing changes.
        assert_eq!(all.clone().summarised(30, 1), all);
    }
}
