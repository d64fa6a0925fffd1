//! The schedule as data: `activities.json` (a stable, versioned format; README "Calendars, feeds and data")
//! and `activities.csv` (for spreadsheets).

use std::io::{self, Write};

use serde::Serialize;

use crate::content::changes::Change;
use crate::content::dates::{self, DatesView};
use crate::content::{Activity, Milestone};
use crate::site::{ActivityId, Site};
use crate::urls;
use crate::words::Words;
use crate::zone::Zone;

pub(crate) const FORMAT: &str = "almanac-activities";
/// Raised only when a field changes meaning or goes away; new fields may appear within a version.
pub(crate) const VERSION: u32 = 1;

/// The top level of `activities.json`. Field order is the key order in the file.
#[derive(Serialize)]
pub(crate) struct Document<'a> {
    pub format: &'static str,
    pub version: u32,
    pub schedules: Vec<ScheduleRecord<'a>>,
    pub activities: Records<'a>,
}

/// The activities of a [`Document`], each record made as it is written: the file is never held whole (at
/// 100,000 activities it is over 100 MB).
pub(crate) struct Records<'a> {
    site: &'a Site,
    ids: Vec<ActivityId>,
}

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.ids.len()))?;
        for &id in &self.ids {
            seq.serialize_element(&record(self.site, id))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub(crate) struct ScheduleRecord<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub year: i32,
    pub organiser: Option<&'a str>,
    pub note: Option<&'a str>,
    pub url: String,
    pub ics: String,
}

#[derive(Serialize)]
pub(crate) struct ActivityRecord<'a> {
    pub schedule: &'a str,
    pub slug: &'a str,
    pub number: Option<u32>,
    pub title: &'a str,
    pub when: &'a str,
    #[serde(rename = "where")]
    pub place: Option<&'a str>,
    /// 主办 and 承办 of this activity, when its file says (`organiser`, `host`).
    pub organiser: Option<&'a str>,
    pub host: Option<&'a str>,
    pub published: String,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
    pub tags: &'a [String],
    pub milestones: Vec<MilestoneRecord<'a>>,
    /// `scheduled`, `postponed`, `cancelled` or `rescheduled`, and in words.
    pub status: &'static str,
    pub status_label: &'a str,
    pub reason: Option<&'a str>,
    /// Whether a change is recorded or the status is not `scheduled`.
    pub changed: bool,
    /// The number of recorded changes (the calendar's `SEQUENCE`).
    pub sequence: u32,
    /// The recorded changes, oldest first.
    pub changes: Vec<ChangeRecord<'a>>,
    pub updated: String,
    pub body: &'a str,
    pub url: String,
    pub ics: String,
}

#[derive(Serialize)]
pub(crate) struct MilestoneRecord<'a> {
    pub label: &'a str,
    pub when: &'a str,
    #[serde(flatten)]
    pub dates: DatesView<'a>,
}

/// One recorded change: when it was announced, what it said, and each field it changed, before and after.
#[derive(Serialize)]
pub(crate) struct ChangeRecord<'a> {
    pub date: String,
    /// In words: `原定9月18日-22日，调整为10月9日-13日`.
    pub summary: String,
    pub note: Option<&'a str>,
    pub when: Option<WhenRecord<'a>>,
    #[serde(rename = "where")]
    pub place: Option<Before<Option<&'a str>>>,
    pub status: Option<Before<&'static str>>,
}

#[derive(Serialize)]
pub(crate) struct Before<T> {
    pub before: T,
    pub after: T,
}

/// A move of the dates: the time texts, and how each was read.
#[derive(Serialize)]
pub(crate) struct WhenRecord<'a> {
    pub before: &'a str,
    pub after: &'a str,
    pub before_dates: DatesView<'a>,
    pub after_dates: DatesView<'a>,
}

impl<'a> ChangeRecord<'a> {
    fn new(c: &'a Change, zone: &Zone, w: &'a Words) -> Self {
        ChangeRecord {
            date: c.date.to_string(),
            summary: c.summary(w),
            note: c.note.as_deref(),
            when: c.when.as_ref().map(|m| WhenRecord {
                before: &m.text.before,
                after: &m.text.after,
                before_dates: DatesView::new(&m.before, zone, w),
                after_dates: DatesView::new(&m.after, zone, w),
            }),
            place: c.place.as_ref().map(|p| Before { before: p.before.as_deref(), after: p.after.as_deref() }),
            status: c.status.as_ref().map(|s| Before { before: s.before.as_str(), after: s.after.as_str() }),
        }
    }
}

impl<'a> MilestoneRecord<'a> {
    fn new(m: &'a Milestone, zone: &Zone, w: &'a Words) -> Self {
        MilestoneRecord { label: &m.label, when: &m.when_text, dates: DatesView::new(&m.when, zone, w) }
    }
}

fn ids(site: &Site, which: Option<usize>) -> Vec<ActivityId> {
    match which {
        Some(si) => site.schedule_ids(si).collect(),
        None => site.activity_ids().collect(),
    }
}

fn record(site: &Site, id: ActivityId) -> ActivityRecord<'_> {
    let (s, a): (_, &Activity) = site.get(id);
    ActivityRecord {
        schedule: &s.slug,
        slug: &a.slug,
        number: a.number,
        title: &a.title,
        when: &a.when_text,
        place: a.place.as_deref(),
        organiser: a.organiser.as_deref(),
        host: a.host.as_deref(),
        published: a.published(),
        dates: DatesView::new(&a.when, &site.config.timezone, &site.words),
        tags: &a.tags,
        milestones: a.milestones.iter().map(|m| MilestoneRecord::new(m, &site.config.timezone, &site.words)).collect(),
        status: a.status().as_str(),
        status_label: a.status().label(&site.words),
        reason: a.reason.as_deref(),
        changed: a.changed(),
        sequence: a.sequence(),
        changes: a.changes.iter().map(|c| ChangeRecord::new(c, &site.config.timezone, &site.words)).collect(),
        updated: site.updated(id).to_string(),
        body: &a.body,
        url: urls::activity(&s.slug, &a.slug),
        ics: urls::activity_calendar(&s.slug, &a.slug),
    }
}

/// The activities of schedule `which` (or of the whole site for `None`) as pretty-printed JSON.
pub(crate) fn json(site: &Site, which: Option<usize>) -> String {
    let mut bytes = Vec::new();
    // Into memory: writing cannot fail, nor can serialising plain data.
    let _ = json_to(site, which, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`json`], written to `out` as it is made.
pub(crate) fn json_to(site: &Site, which: Option<usize>, mut out: impl Write) -> io::Result<()> {
    let schedules = match which {
        Some(si) => vec![si],
        None => (0..site.schedules.len()).collect(),
    };
    let doc = Document {
        format: FORMAT,
        version: VERSION,
        schedules: schedules
            .into_iter()
            .map(|si| {
                let s = &site.schedules[si];
                ScheduleRecord {
                    slug: &s.slug,
                    title: &s.title,
                    year: s.year,
                    organiser: s.organiser.as_deref(),
                    note: s.note.as_deref(),
                    url: urls::schedule(&s.slug),
                    ics: urls::schedule_calendar(&s.slug),
                }
            })
            .collect(),
        activities: Records { site, ids: ids(site, which) },
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")
}

/// Column headers: the published table's four in its own words, then the reading; English after each so
/// programs and non-Chinese readers can tell them apart.
pub(crate) const CSV_HEADER: &[&str] = &[
    "序号 number",
    "活动名称 title",
    "时间地点 published",
    "主要内容 content",
    "开始 start",
    "结束 end",
    "精度 precision",
    "日期解读 dates_words",
    "地点 where",
    "标签 tags",
    "日程 schedule",
    "页面 url",
    "开始时间 starts_at",
    "结束时间 ends_at",
    "状态 status",
    "调整前时间 previous_when",
    "调整前开始 previous_start",
    "调整前结束 previous_end",
    "调整记录 changes",
    "主办 organiser",
    "承办 host",
];

/// A cell as it is safe to open in a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would run as a formula (`=HYPERLINK(…)` in a title), so it gets a leading `'`, which spreadsheets
/// take as "text" (OWASP's advice on CSV injection). The JSON keeps the exact text.
pub(crate) fn cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text }
}

/// The activities as CSV that spreadsheet programs open correctly and safely: UTF-8 with a byte order mark
/// (Excel reads BOM-less files in the local code page), RFC 4180 quoting, CRLF line ends, every [`cell`]
/// neutralised.
pub(crate) fn csv(site: &Site, which: Option<usize>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    csv_to(site, which, &mut bytes)?;
    Ok(bytes)
}

/// [`csv`], written to `out` as it is made.
pub(crate) fn csv_to(site: &Site, which: Option<usize>, mut out: impl Write) -> io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(CSV_HEADER)?;
    let zone = &site.config.timezone;
    for id in ids(site, which) {
        let (s, a) = site.get(id);
        let p = a.when.precision();
        let moved = a.latest_move();
        let record = [
            a.number.map(|n| n.to_string()).unwrap_or_default(),
            a.title.clone(),
            a.published(),
            a.body_text.clone(),
            a.when.start.to_string(),
            a.when.end.to_string(),
            p.as_str().to_string(),
            dates::words(&a.when, &site.words),
            a.place.clone().unwrap_or_default(),
            a.tags.join("、"),
            s.title.clone(),
            urls::activity(&s.slug, &a.slug),
            a.when.starts_at().map(|t| zone.rfc3339(t)).unwrap_or_default(),
            a.when.ends_at().map(|t| zone.rfc3339(t)).unwrap_or_default(),
            a.status().as_str().to_string(),
            moved.map(|m| m.text.before.clone()).unwrap_or_default(),
            moved.map(|m| m.before.start.to_string()).unwrap_or_default(),
            moved.map(|m| m.before.end.to_string()).unwrap_or_default(),
            a.change_notice(s.year, &site.words).join("\n"),
            a.organiser.clone().unwrap_or_default(),
            a.host.clone().unwrap_or_default(),
        ];
        w.write_record(record.map(cell))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_start_with_a_quote() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"] {
            assert_eq!(cell(text.to_string()), format!("'{text}"), "{text:?}");
        }
        for text in ["", "质量论坛", "9月18日-22日，北京", "a=b", " =1", "'=1", "1-2"] {
            assert_eq!(cell(text.to_string()), text, "{text:?}");
        }
    }
}
