//! The one serialised form of a reading: what pages, feeds and data files say about a `when`.

use serde::Serialize;

use super::When;

/// A reading of a `when`: the inclusive range, its precision and the words the pages show. Templates, the JSON
/// data and every other view use this one shape.
#[derive(Debug, Clone, Serialize)]
pub struct DatesView<'a> {
    /// The first day, ISO 8601.
    pub start: String,
    /// The last day, inclusive.
    pub end: String,
    /// The coarser precision of the two ends: `day`, `dekad`, `month` or `year`.
    pub precision: &'static str,
    pub start_precision: &'static str,
    pub end_precision: &'static str,
    /// The precision's short label (日, 旬, 月, 年) and its name in words (具体日期, 按旬, 按月, 全年).
    pub precision_label: &'static str,
    pub precision_name: &'static str,
    /// The note kept from the text (`评审阶段` of `7月-9月（评审阶段）`).
    pub note: Option<&'a str>,
    /// The reading in words, e.g. `2023年8月21日–31日（8月下旬）`.
    pub dates_words: String,
}

impl<'a> DatesView<'a> {
    pub fn new(when: &'a When) -> Self {
        let p = when.precision();
        DatesView {
            start: when.start.to_string(),
            end: when.end.to_string(),
            precision: p.as_str(),
            start_precision: when.start_precision.as_str(),
            end_precision: when.end_precision.as_str(),
            precision_label: p.label(),
            precision_name: p.name(),
            note: when.note.as_deref(),
            dates_words: when.in_words(),
        }
    }
}
