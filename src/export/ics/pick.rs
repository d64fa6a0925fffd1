//! The pieces a reader's own calendar is put together from in the browser (`SCHEDULE/calendar-pick.js`): a reader
//! ticks activities on the schedule's page and `static/pick.js` joins the pieces of the ticked ones into one `.ics`,
//! with no request to any host, from `file://` too. Each piece is text the build's own calendar writer made, so a
//! picked calendar is the build's calendar of those activities, byte for byte: the same events and UIDs (a later
//! subscription replaces them rather than doubling them), `METHOD:PUBLISH` only when every picked event names its
//! organiser, and a `VTIMEZONE` for the years of the picked timed events only. Picking every activity gives the
//! schedule's `calendar.ics` itself; a smaller choice leaves out the lines that make a calendar a subscription
//! (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`, `SOURCE`: the file is not fetched again from anywhere).
//!
//! The zone's rules for any range of years are a prefix and a suffix of the rules over all the schedule's
//! years, so they come as one list: the rule in force when each year a picked calendar may start with begins,
//! and each later change with the last start year and the first end year whose range holds it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{
    CLOSE, Writer, ZONE_CLOSE, events, header, observance, organiser_email, schedule_head, timed_years, zone_open,
};
use crate::site::Site;
use crate::urls;
use crate::zone::Zone;

/// The global the data script sets, which `static/pick.js` reads.
const GLOBAL: &str = "almanacPick";

#[derive(Serialize)]
struct Data {
    open: String,
    method: String,
    about: String,
    subscription: String,
    zone: Option<ZoneRules>,
    close: &'static str,
    /// Per activity, in the schedule's order.
    events: Vec<Event>,
}

/// An activity's link as the schedule's page writes it, its events, whether they name an organiser, and the
/// first and last year of its timed events (`null` for none): an array in the script, as `static/pick.js` reads it.
type Event = (String, String, bool, Option<i32>, Option<i32>);

#[derive(Serialize)]
struct ZoneRules {
    open: String,
    /// The rule in force at the start of each year a picked calendar's timed events may start in.
    first: BTreeMap<i32, String>,
    /// Each later change: in a calendar from year `a` to year `b` when `a <= .1` and `b >= .2`.
    changes: Vec<(String, i32, i32)>,
    close: &'static str,
}

/// The data script of schedule `si`: `window.almanacPick = {…};`.
pub(crate) fn data(site: &Site, si: usize) -> String {
    let s = &site.schedules[si];
    let h = header(site, &schedule_head(site, si));
    let root = urls::root_for(&urls::schedule(&s.slug));
    let mut spans = Vec::new();
    let events = site
        .schedule_ids(si)
        .map(|id| {
            let a = site.get(id).1;
            let mut w = Writer::default();
            events(&mut w, site, id);
            let years = timed_years(site, id);
            spans.extend(years);
            let href = format!("{root}{}", urls::activity(&s.slug, &a.slug));
            (href, w.out, organiser_email(site, id).is_some(), years.map(|y| y.0.year()), years.map(|y| y.1.year()))
        })
        .collect();
    let data = Data {
        open: h.open,
        method: h.method,
        about: h.about,
        subscription: h.subscription,
        zone: zone_rules(&site.config.timezone, &spans),
        close: CLOSE,
        events,
    };
    format!("window.{GLOBAL} = {};\n", serde_json::to_string(&data).unwrap_or_default())
}

/// The zone's rules for every range of years the activities' timed `spans` can make.
fn zone_rules(zone: &Zone, spans: &[(NaiveDate, NaiveDate)]) -> Option<ZoneRules> {
    let starts: Vec<i32> = dedup(spans.iter().map(|s| s.0.year()));
    let ends: Vec<i32> = dedup(spans.iter().map(|s| s.1.year()));
    let (&first, &last) = (starts.first()?, ends.last()?);
    let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    let dec31 = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    let rules = |a: i32, b: i32| match (jan1(a), dec31(b)) {
        (Some(from), Some(until)) => zone.observances(from, until),
        _ => Vec::new(),
    };
    let all = rules(first, last);
    let changes = all.len().saturating_sub(1);
    // Where the changes of a range starting in year `a` begin in the list, and where those of one ending in `b`
    // stop: a suffix and a prefix of the whole, by the one rule `Zone::observances`. The first of a range's rules
    // is the one in force as its first year begins.
    let mut first_rules = BTreeMap::new();
    let mut begins: Vec<(i32, usize)> = Vec::new();
    for &a in &starts {
        let from_a = rules(a, last);
        if let Some(o) = from_a.first() {
            first_rules.insert(a, observance(o));
        }
        begins.push((a, changes - from_a.len().saturating_sub(1).min(changes)));
    }
    let stops: Vec<(i32, usize)> = ends.iter().map(|&b| (b, rules(first, b).len().saturating_sub(1))).collect();
    let changes = all
        .iter()
        .skip(1)
        .enumerate()
        .filter_map(|(i, o)| {
            // The last start year whose changes begin at or before this one, and the first end year whose stop
            // after it: every range that holds it, and no other.
            let lo = begins.iter().rev().find(|&&(_, at)| at <= i)?.0;
            let hi = stops.iter().find(|&&(_, at)| i < at)?.0;
            Some((observance(o), lo, hi))
        })
        .collect();
    Some(ZoneRules { open: zone_open(zone), first: first_rules, changes, close: ZONE_CLOSE })
}

/// The distinct values, in order.
fn dedup(years: impl Iterator<Item = i32>) -> Vec<i32> {
    let mut v: Vec<i32> = years.collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests;
