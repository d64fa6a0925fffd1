//! The date reader, at almanac's boundary. The reader itself is the crate `almanac-dates` (`crates/dates`),
//! which depends on nothing of almanac; its API is re-exported here, so the rest of almanac names dates by
//! `content::dates`. Two things are almanac's own and stay here: [`DatesView`], the one serialised form of a
//! reading (what pages, feeds and data files say about a `when`, with the site's time zone), and turning a
//! [`DateError`] (a byte range of the text) into a `Diagnostic`: `read_when` in `content/file/mod.rs` places it
//! in its file, `almanac new` and `reschedule` in their `--when`, and `import` makes a warning of it.

use serde::Serialize;

use crate::words::{PrecisionWord, Words};
use crate::zone::Zone;

pub use almanac_dates::{
    Clock, Context, DateError, DateErrorKind, MAX_DATES, MAX_RANGE_YEARS, MAX_WHEN_CHARS, Occurrence, Precision,
    WRAP_MONTHS, When, YEAR_WINDOW, english_month_names, excerpt, parse_when, parse_when_in,
};

/// A reading of a `when`: the inclusive range, its precision and the words the pages show. Templates, the JSON
/// data and every other view use this one shape.
#[derive(Debug, Clone, Serialize)]
pub struct DatesView<'a> {
    /// The first day, ISO 8601.
    pub start: String,
    /// The last day, inclusive.
    pub end: String,
    /// When it starts and ends, as ISO 8601 timestamps with the site's UTC offset (`2024-10-31T13:30:00+08:00`),
    /// where the text gives the time; `null` otherwise.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// The coarser precision of the two ends: `time`, `day`, `dekad`, `month` or `year`.
    pub precision: &'static str,
    pub start_precision: &'static str,
    pub end_precision: &'static str,
    /// The precision's short label (时, 日, 旬, 月, 年) and its name in words (具体时间, 具体日期, 按旬, 按月, 全年).
    pub precision_label: &'a str,
    pub precision_name: &'a str,
    /// The note kept from the text (`评审阶段` of `7月-9月（评审阶段）`).
    pub note: Option<&'a str>,
    /// The reading in words, e.g. `2023年8月21日–31日（8月下旬）`.
    pub dates_words: String,
    /// Each date of a list of dates (`10月1日、3日、5日`); empty for one range.
    pub occurrences: Vec<OccurrenceView>,
}

/// One date (or range) of a list of dates.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView {
    pub start: String,
    pub end: String,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub dates_words: String,
}

/// `when` in words as the site's language writes dates, never finer than it was written: `2023年8月21日–31日
/// （8月下旬）`, `Aug 21–31, 2023 (late August)`.
pub fn words(when: &When, w: &Words) -> String {
    when.words_in(w.dates())
}

/// Each date of a list in words of its own, with its year.
pub fn occurrence_words(when: &When, w: &Words) -> Vec<String> {
    when.occurrence_words_in(w.dates())
}

/// A day as the schedule of `year` writes it, in the site's language: 9月1日 (Sep 1), with the year when it is
/// another: 2023年9月1日 (Sep 1, 2023).
pub fn day_words(date: chrono::NaiveDate, year: i32, w: &Words) -> String {
    use chrono::Datelike;
    w.dates().day(date, date.year() != year)
}

/// A precision's words in the site's language (`[precision.NAME]` of the catalogue): its mark beside a bar
/// (日, 旬…) and its name (具体日期, 按旬…).
pub fn precision_words(p: Precision, w: &Words) -> &PrecisionWord {
    match p {
        Precision::Time => &w.precision.time,
        Precision::Day => &w.precision.day,
        Precision::Dekad => &w.precision.dekad,
        Precision::Month => &w.precision.month,
        Precision::Year => &w.precision.year,
    }
}

impl<'a> DatesView<'a> {
    /// `when` with the site's time zone, in the words of the site's language.
    pub fn new(when: &'a When, zone: &Zone, w: &'a Words) -> Self {
        let p = when.precision();
        let occurrences = if when.list.is_empty() {
            Vec::new()
        } else {
            when.list
                .iter()
                .zip(occurrence_words(when, w))
                .map(|(o, words)| OccurrenceView::new(o, words, zone))
                .collect()
        };
        DatesView {
            start: when.start.to_string(),
            end: when.end.to_string(),
            starts_at: when.starts_at().map(|t| zone.rfc3339(t)),
            ends_at: when.ends_at().map(|t| zone.rfc3339(t)),
            precision: p.as_str(),
            start_precision: when.start_precision.as_str(),
            end_precision: when.end_precision.as_str(),
            precision_label: &precision_words(p, w).label,
            precision_name: &precision_words(p, w).name,
            note: when.note.as_deref(),
            dates_words: words(when, w),
            occurrences,
        }
    }
}

impl OccurrenceView {
    fn new(o: &Occurrence, dates_words: String, zone: &Zone) -> Self {
        OccurrenceView {
            start: o.start.to_string(),
            end: o.end.to_string(),
            starts_at: o.starts_at().map(|t| zone.rfc3339(t)),
            ends_at: o.ends_at().map(|t| zone.rfc3339(t)),
            dates_words,
        }
    }
}

/// Each occurrence of a reading with times or several dates, as `[first day, last day, starts at, ends at]`
/// (local times with the site's offset, or null): what the browser needs to tell whether it is on now.
pub fn occurrences(when: &When, zone: &Zone) -> Option<Vec<[Option<String>; 4]>> {
    if when.list.is_empty() && when.time.is_none() {
        return None;
    }
    Some(
        when.occurrences()
            .map(|o| {
                [
                    Some(o.start.to_string()),
                    Some(o.end.to_string()),
                    o.starts_at().map(|t| zone.rfc3339(t)),
                    o.ends_at().map(|t| zone.rfc3339(t)),
                ]
            })
            .collect(),
    )
}

/// [`occurrences`] as JSON, for a `data-occ` attribute.
pub fn occurrences_json(when: &When, zone: &Zone) -> Option<String> {
    occurrences(when, zone).and_then(|o| serde_json::to_string(&o).ok())
}
