//! Warnings: input that is legal but probably a mistake. `almanac check` reports them; the build does not.
//! Each points at the key it is about, from the positions the loader kept.

use std::collections::BTreeMap;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::content::changes::{FieldChange, Status};
use crate::content::dates::{When, parse_when_in};
use crate::content::{Activity, Schedule};
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::site::Site;

mod years;

use years::Crossing;

/// What is probably a mistake but still builds: `almanac check` reports it (and fails on it under `--strict`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Lint {
    #[error("the dates {start} … {end} fall outside the schedule's year {year}")]
    OutsideYear { start: NaiveDate, end: NaiveDate, year: i32 },
    #[error("the dates {start} … {end} fall outside the schedule's span {first} … {last}")]
    OutsideSpan { start: NaiveDate, end: NaiveDate, first: NaiveDate, last: NaiveDate },
    #[error("the date has no year and reads as {start}, before the schedule's first dated activity ({first})")]
    BareBeforeDated { start: NaiveDate, first: NaiveDate },
    /// Another activity of the schedule has this 序号; `other` is its file, relative to `content/`.
    #[error("another activity has the same number (序号) `{number}`: {other}")]
    DuplicateNumber { number: u32, other: String },
    /// Another activity has this title at the same time and place.
    #[error("another activity has the same title `{title}`: {other}")]
    DuplicateTitle { title: String, other: String },
    #[error("`where` reads like a date: `{0}`")]
    PlaceLooksLikeDate(String),
    #[error("the milestone `{label}` ({when}) falls outside the activity's dates")]
    MilestoneOutside { label: String, when: String },
    #[error("the milestone `{label}` ({when}) says `outside = true` but falls within the activity's dates")]
    MilestoneNotOutside { label: String, when: String },
    #[error("the tag `{tag}` looks like a misspelling of `{other}`")]
    TagLooksLike { tag: String, other: String },
    /// What the sanitiser removes, in words ("the image `…` from another host").
    #[error("{0} is removed from the published page")]
    Sanitised(String),
    // A history that does not match the file.
    #[error("`status` is `{}`, but {recorded}", status.as_str())]
    StatusNotRecorded { status: Status, recorded: Recorded },
    #[error("`{field}` is `{now}`, but the last recorded change set it to `{recorded}`")]
    NotRecorded { field: &'static str, now: String, recorded: String },
    #[error("the change says `{field}` was `{before}`, but the change before it set it to `{previous}`")]
    ChangeChainBroken { field: &'static str, before: String, previous: String },
    #[error("the change leaves `{field}` as it was: `{value}`")]
    ChangeChangesNothing { field: &'static str, value: String },
}

/// What the recorded changes make of an activity's status, for [`Lint::StatusNotRecorded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// `changes` records no change.
    Nothing,
    /// The changes only move its dates, which makes it rescheduled.
    OnlyMoves,
    /// The changes leave it at this status.
    Leaves(Status),
}

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recorded::Nothing => f.write_str("`changes` records no change"),
            Recorded::OnlyMoves => {
                f.write_str("the recorded changes only move its dates, which makes it `rescheduled`")
            }
            Recorded::Leaves(status) => write!(f, "the recorded changes leave it `{}`", status.as_str()),
        }
    }
}

/// Every warning for `site`, in file order.
pub(crate) fn lint(site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    for s in &site.schedules {
        out.extend(s.draft_problems.clone());
        duplicates(s, &mut out);
        // A year across the calendar's that the schedule's dates, as a set, plausibly have.
        let dates =
            s.activities.iter().flat_map(|a| std::iter::once(&a.when).chain(a.milestones.iter().map(|m| &m.when)));
        let crossing = s.declared_span.is_none().then(|| years::crossing(dates, s.year)).flatten();
        for a in &s.activities {
            activity(s, a, crossing, &mut out);
            history(a, &mut out);
            sanitised(a, site.config.unsafe_html, &mut out);
        }
    }
    tags(site, &mut out);
    // More than ten copies of one warning: the first ten, then one line with the count.
    out.sorted().summarised(10, 10)
}

fn activity(s: &Schedule, a: &Activity, crossing: Option<Crossing>, out: &mut Diagnostics) {
    let w = &a.when;
    years(s, w, a.spans.when.clone().unwrap_or_default(), crossing, a, out);
    for m in &a.milestones {
        years(s, &m.when, m.span.clone(), crossing, a, out);
    }
    if let Some(place) = &a.place
        && parse_when_in(place, s.context).is_ok()
    {
        out.push(
            a.origin
                .at(a.spans.place.clone(), Lint::PlaceLooksLikeDate(place.clone()))
                .with_help("`where` is the place or format; put dates in `when`"),
        );
    }
    // A phase before or after the activity's published dates (a registration, results announced later) is
    // real when the content names it, and the milestone then says `outside = true`; unsaid, it is more likely
    // a slip of the month.
    for m in &a.milestones {
        let (label, when) = (m.label.clone(), m.when_text.clone());
        let beyond = m.when.start < w.start || m.when.end > w.end;
        if beyond && !m.outside {
            out.push(a.origin.at(Some(m.span.clone()), Lint::MilestoneOutside { label, when }).with_help(format!(
                "the activity runs {} … {}; check the milestone's `when` or the activity's, or, if the content \
                     names this phase before or after the activity's dates, add `outside = true` to the milestone",
                w.start, w.end
            )));
        } else if !beyond && m.outside {
            out.push(
                a.origin
                    .at(Some(m.span.clone()), Lint::MilestoneNotOutside { label, when })
                    .with_help("remove `outside = true`, or check the milestone's `when`"),
            );
        }
    }
}

/// A date outside the schedule's declared span or year, or a date without a year that reads before the first
/// dated one of a schedule whose dates plausibly cross the year ([`years::crossing`]): probably its year is not the
/// one meant (an academic year, say).
fn years(s: &Schedule, w: &When, span: Range<usize>, crossing: Option<Crossing>, a: &Activity, out: &mut Diagnostics) {
    let at = |kind: Lint| a.origin.at(Some(span.clone()), kind);
    match s.declared_span {
        Some((first, last)) => {
            if w.start < first || w.end > last {
                let kind = Lint::OutsideSpan { start: w.start, end: w.end, first, last };
                out.push(at(kind).with_help("check the year: the schedule's `span` says when it runs"));
            }
        }
        None => {
            if w.start.year() != s.year || w.end.year() != s.year {
                let kind = Lint::OutsideYear { start: w.start, end: w.end, year: s.year };
                out.push(
                    at(kind).with_help(
                        "check the year; a range into another year is fine if that is what the schedule says",
                    ),
                );
            } else if let Some(c) = crossing
                && !w.year_written
                && w.start < c.start
            {
                let help = format!(
                    "write the year ({}年{}月), or declare the span the schedule's dates fit in its _index.md: span = \
                     \"{}年{}月-{}年{}月\"",
                    s.year + 1,
                    w.start.month(),
                    c.start.year(),
                    c.start.month(),
                    c.last.year(),
                    c.last.month()
                );
                out.push(at(Lint::BareBeforeDated { start: w.start, first: c.first_dated }).with_help(help));
            }
        }
    }
}

const RECORD_HELP: &str = "record each change in `changes`: `almanac reschedule SCHEDULE SLUG --when \"…\" --note \"…\"` \
    writes the entry and the new value together";

/// A history of changes that does not lead to what the file says now: an edit that was not recorded (a new
/// `when` or `where` typed over the old), a status that no change announces, entries that do not follow on
/// from each other, or one that changes nothing. Each would leave readers and calendars with a wrong story.
fn history(a: &Activity, out: &mut Diagnostics) {
    let h = a.history();
    if let Some(written) = h.written
        && written != h.recorded_status()
    {
        let recorded = match (a.changes.is_empty(), h.recorded_status()) {
            (true, _) => Recorded::Nothing,
            (false, Status::Rescheduled) if h.last_status().is_none() => Recorded::OnlyMoves,
            (false, r) => Recorded::Leaves(r),
        };
        let kind = Lint::StatusNotRecorded { status: written, recorded };
        let help = match written {
            Status::Scheduled if h.recorded_status() == Status::Rescheduled => {
                "its date moved: write status = \"rescheduled\", or leave `status` out".to_string()
            }
            Status::Rescheduled => {
                "a rescheduled activity records its old date: add a `changes` entry with `when` and \
                `new_when` (almanac reschedule does it)"
                    .to_string()
            }
            _ => format!(
                "add a `changes` entry with status = \"{}\", new_status = \"{}\" and its date, so subscribed calendars \
                 are told (almanac reschedule --status does it)",
                h.recorded_status().as_str(),
                written.as_str()
            ),
        };
        out.push(a.origin.at(a.spans.status.clone(), kind).with_help(help));
    }
    // Each field's chain: before of each entry = after of the one before; the last after = the file's value.
    let mut when: Option<&FieldChange<String>> = None;
    let mut place: Option<&FieldChange<Option<String>>> = None;
    let mut status: Option<&FieldChange<Status>> = None;
    let shown = |v: &Option<String>| v.clone().unwrap_or_default();
    for c in &a.changes {
        if let Some(w) = &c.when {
            link(a, "when", &w.text, when.map(|p| &p.after), |v| v.clone(), out);
            when = Some(&w.text);
        }
        if let Some(p) = &c.place {
            link(a, "where", p, place.map(|p| &p.after), shown, out);
            place = Some(p);
        }
        if let Some(s) = &c.status {
            link(a, "status", s, status.map(|p| &p.after), |s| s.as_str().to_string(), out);
            status = Some(s);
        }
    }
    if let Some(w) = when
        && w.after != a.when_text
    {
        let kind = Lint::NotRecorded { field: "when", now: a.when_text.clone(), recorded: w.after.clone() };
        out.push(a.origin.at(a.spans.when.clone(), kind).with_help(RECORD_HELP));
    }
    if let Some(p) = place
        && p.after.as_deref().map(str::trim) != a.place.as_deref().map(str::trim)
    {
        let kind = Lint::NotRecorded { field: "where", now: shown(&a.place), recorded: shown(&p.after) };
        let span = a.spans.place.clone().or_else(|| a.spans.when.clone());
        out.push(a.origin.at(span, kind).with_help(RECORD_HELP));
    }
}

/// One link of a field's chain of changes: the entry `change` starts from what the one before it left
/// (`previous`).
fn link<T: PartialEq>(
    a: &Activity,
    field: &'static str,
    change: &FieldChange<T>,
    previous: Option<&T>,
    show: impl Fn(&T) -> String,
    out: &mut Diagnostics,
) {
    if change.before == change.after {
        let kind = Lint::ChangeChangesNothing { field, value: show(&change.before) };
        out.push(
            a.origin
                .at(Some(change.after_span.clone()), kind)
                .with_help("write the new value, or remove the entry if nothing changed"),
        );
    }
    if let Some(after) = previous
        && *after != change.before
    {
        let kind = Lint::ChangeChainBroken { field, before: show(&change.before), previous: show(after) };
        out.push(a.origin.at(Some(change.before_span.clone()), kind).with_help(format!(
            "each change starts from the value the one before it left: correct `{field}` here or `new_{field}` in \
             the change before",
        )));
    }
}

/// Raw HTML the sanitiser will remove from a body: said here, so an editor knows the page differs from the file.
fn sanitised(a: &Activity, unsafe_html: bool, out: &mut Diagnostics) {
    if unsafe_html {
        return;
    }
    for r in markdown::removed(&a.body) {
        let span = a.spans.body + r.range.start..a.spans.body + r.range.end;
        out.push(a.origin.at(Some(span), Lint::Sanitised(r.what)).with_help(
            "raw HTML is cleaned before publishing; write the content in Markdown, or set unsafe_html = true in \
             almanac.toml if every editor is trusted",
        ));
    }
}

/// Two activities with one title are a mistake only when they also take place at once in one place: an exam
/// table lists one course at several sittings, a series repeats its name each month. One number on two
/// activities is always one.
fn duplicates(s: &Schedule, out: &mut Diagnostics) {
    let mut sittings: BTreeMap<(&str, Option<&str>), Vec<&Activity>> = BTreeMap::new();
    let mut numbers: BTreeMap<u32, &Activity> = BTreeMap::new();
    for a in &s.activities {
        sittings.entry((&a.title, a.place.as_deref())).or_default().push(a);
        if let Some(n) = a.number
            && let Some(first) = numbers.insert(n, a)
        {
            let other = first.origin.rel.clone();
            let kind = Lint::DuplicateNumber { number: n, other };
            out.push(a.origin.at(a.spans.number.clone(), kind).with_help("give each activity its own 序号"));
        }
    }
    for mut group in sittings.into_values().filter(|g| g.len() > 1) {
        // By start, each compared with the one reaching furthest before it: linear after the sort.
        group.sort_by_key(|a| (a.when.start, a.when.end));
        let mut furthest: Option<&Activity> = None;
        for a in group {
            if let Some(f) = furthest
                && overlap(&a.when, &f.when)
            {
                let kind = Lint::DuplicateTitle { title: a.title.clone(), other: f.origin.rel.clone() };
                out.push(a.origin.at(a.spans.title.clone(), kind).with_help(
                    "both take place at the same time in the same place: if these are two activities, tell them \
                     apart in the title",
                ));
            }
            if furthest.is_none_or(|f| a.when.end > f.when.end) {
                furthest = Some(a);
            }
        }
    }
}

/// Whether two readings share a day (lists of dates by their dates; times are not compared).
fn overlap(a: &When, b: &When) -> bool {
    let days = |w: &When| w.occurrences().map(|o| (o.start, o.end)).collect::<Vec<_>>();
    a.start <= b.end && b.start <= a.end && {
        let (da, db) = (days(a), days(b));
        da.iter().any(|(s1, e1)| db.iter().any(|(s2, e2)| s1 <= e2 && s2 <= e1))
    }
}

/// The same tag written two ways (QC小组 / ＱＣ小组 / qc小组) splits one tag page into two.
fn tags(site: &Site, out: &mut Diagnostics) {
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for t in &site.tags {
        by_key.entry(fold(&t.name)).or_default().push(&t.name);
    }
    for names in by_key.values().filter(|n| n.len() > 1) {
        let usage = |n: &str| site.tag(n).map_or(0, |t| t.members.len());
        let common = names.iter().copied().max_by_key(|n| (usage(n), std::cmp::Reverse(*n))).unwrap_or_default();
        for &name in names.iter().filter(|n| **n != common) {
            for &id in site.tag(name).map(|t| t.members.as_slice()).unwrap_or_default() {
                let (_, a) = site.get(id);
                let kind = Lint::TagLooksLike { tag: name.to_string(), other: common.to_string() };
                let d: Diagnostic = a.origin.at(a.tag_span(name), kind);
                out.push(d.with_help(format!("did you mean `{common}`?")));
            }
        }
    }
}

/// Full-width ASCII to ASCII, lower case, no spaces.
fn fold(tag: &str) -> String {
    tag.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_tag_spellings() {
        assert_eq!(fold("ＱＣ 小组"), "qc小组");
        assert_eq!(fold("QC小组"), fold("qc小组"));
        assert_ne!(fold("评价"), fold("评审"));
    }
}
