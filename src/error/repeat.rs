//! One line for a warning repeated many times: an exam table with 1,521 unreadable week-numbered dates, or a
//! site whose 10,000 activities share a problem, gets a count and the first places instead of every copy.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Diagnostic, Diagnostics, WarningKind};

/// How many places a summary names.
const EXAMPLES: usize = 3;

/// A message with what changes between repeats of one problem masked: quoted text (`…`, "…", “…”) and
/// numbers. `cannot read the date `第11周`: "第" is not a date` and the same for `第12周` have one shape.
pub fn shape(message: &str) -> String {
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
    /// one [`WarningKind::Repeated`] with the count of the others and the first of their places. Errors are
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
    let place = |d: &Diagnostic| {
        let p = d.path.display().to_string();
        if d.line > 0 { format!("{p}:{}", d.line) } else { p }
    };
    let mut places: Vec<String> = rest.iter().take(EXAMPLES).map(|d| place(d)).collect();
    // Places in one file ("plan.csv, cell C6", "plan.csv, cell C7") name the file once.
    let file = places.first().and_then(|p| p.split_once(", ")).map(|(f, _)| format!("{f}, "));
    if let Some(f) = &file
        && places.iter().all(|p| p.starts_with(f.as_str()))
    {
        places =
            places.iter().enumerate().map(|(i, p)| if i == 0 { p.clone() } else { p[f.len()..].to_string() }).collect();
    }
    if rest.len() > EXAMPLES {
        places.push("…".to_string());
    }
    let kind = WarningKind::Repeated { count: rest.len(), what: shape.to_string() };
    let help = rest.first().and_then(|d| d.help.clone()).unwrap_or_default();
    Diagnostic::file(PathBuf::from(places.join(", ")), kind).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

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

    fn warning(at: &str, value: &str) -> Diagnostic {
        Diagnostic::file(at, WarningKind::NotANumber(value.into())).with_help("h")
    }

    #[test]
    fn repeats_past_the_limit_become_one_line_in_place() {
        let mut all = Diagnostics::default();
        all.push(warning("a.csv, cell A1", "x"));
        all.push(Diagnostic::file("a.csv", ErrorKind::EmptyTitle));
        for i in 2..=30 {
            all.push(warning(&format!("a.csv, cell A{i}"), &format!("v{i}")));
        }
        all.push(Diagnostic::file("a.csv", WarningKind::NoScheduleTitle));
        let out = all.clone().summarised(3, 1);
        let lines: Vec<String> = out.iter().map(|d| format!("{} | {}", d.path.display(), d.kind)).collect();
        assert_eq!(
            lines,
            [
                "a.csv, cell A1 | the 序号 `x` is not a whole number",
                "a.csv | the title is empty",
                "a.csv, cell A2, cell A3, cell A4, … | 29 more like this: the 序号 `…` is not a whole number",
                "a.csv | there is no title before the table; the schedule is named after the file",
            ],
            "{lines:#?}"
        );
        // At or under the limit nothing changes.
        assert_eq!(all.clone().summarised(30, 1), all);
    }
}
