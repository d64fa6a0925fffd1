//! The site's time zone (`timezone` in `almanac.toml`): clock times of the schedule become instants with a UTC
//! offset (feeds, data, JSON-LD), and calendars describe the zone's rules (a `VTIMEZONE`). The rules come from
//! the IANA database built into the binary, so a build does not depend on the machine's copy.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use jiff::tz::TimeZone;

/// An IANA time zone, e.g. `Asia/Shanghai`.
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

/// One rule of a zone for a calendar's `VTIMEZONE`: from the local time `start` (in the offset before it), the
/// offset is `to` seconds east of UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    pub daylight: bool,
    pub start: NaiveDateTime,
    pub from: i32,
    pub to: i32,
    pub name: String,
}

impl Zone {
    /// The zone named `name`, if the IANA database has it.
    pub fn get(name: &str) -> Option<Zone> {
        TimeZone::get(name).ok().map(|tz| Zone { name: name.to_string(), tz })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Today's date in the zone, by the machine's clock. Only `almanac reschedule` asks, for the day of an
    /// announcement an editor does not give; no build ever reads the clock.
    pub fn today(&self) -> NaiveDate {
        let d = self.tz.to_datetime(jiff::Timestamp::now()).date();
        NaiveDate::from_ymd_opt(i32::from(d.year()), d.month().unsigned_abs().into(), d.day().unsigned_abs().into())
            .unwrap_or_default()
    }

    fn timestamp(&self, at: NaiveDateTime) -> Option<jiff::Timestamp> {
        let date = jiff::civil::date(
            i16::try_from(at.year()).ok()?,
            i8::try_from(at.month()).ok()?,
            i8::try_from(at.day()).ok()?,
        );
        let time = jiff::civil::time(
            i8::try_from(at.hour()).ok()?,
            i8::try_from(at.minute()).ok()?,
            i8::try_from(at.second()).ok()?,
            0,
        );
        // A local time skipped or repeated by a clock change is taken the way calendar apps take it.
        self.tz.to_timestamp(date.to_datetime(time)).ok()
    }

    /// The zone's offset from UTC at the local time `at`, in seconds.
    pub fn offset_at(&self, at: NaiveDateTime) -> i32 {
        self.timestamp(at).map_or(0, |ts| self.tz.to_offset(ts).seconds())
    }

    /// `at` as an RFC 3339 / ISO 8601 timestamp with the zone's offset: `2024-10-31T13:30:00+08:00`.
    pub fn rfc3339(&self, at: NaiveDateTime) -> String {
        format!("{}{}", at.format("%Y-%m-%dT%H:%M:%S"), offset(self.offset_at(at), true))
    }

    /// The rules in force from `first` to `last` (local days), for a `VTIMEZONE`: the one in force at `first`
    /// and every change until `last`.
    pub fn observances(&self, first: NaiveDate, last: NaiveDate) -> Vec<Observance> {
        let (Some(from), Some(until)) =
            (self.timestamp(first.and_time(NaiveTime::MIN)), self.timestamp(last.and_time(NaiveTime::MIN)))
        else {
            return Vec::new();
        };
        let info = self.tz.to_offset_info(from);
        let before = self.tz.preceding(from).next();
        let previous = before.as_ref().map_or(info.offset().seconds(), |t| {
            self.tz
                .to_offset(t.timestamp().checked_sub(jiff::SignedDuration::from_secs(1)).unwrap_or(t.timestamp()))
                .seconds()
        });
        // The rule in force at `first` starts at the change that brought it, or at the epoch for a zone without.
        let start = before.as_ref().map_or_else(
            || NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default().and_time(NaiveTime::MIN),
            |t| local(t.timestamp(), previous),
        );
        let mut out = vec![Observance {
            daylight: info.dst().is_dst(),
            start,
            from: previous,
            to: info.offset().seconds(),
            name: info.abbreviation().to_string(),
        }];
        let mut last_offset = info.offset().seconds();
        for t in self.tz.following(from).take_while(|t| t.timestamp() <= until) {
            let to = t.offset().seconds();
            out.push(Observance {
                daylight: t.dst().is_dst(),
                start: local(t.timestamp(), last_offset),
                from: last_offset,
                to,
                name: t.abbreviation().to_string(),
            });
            last_offset = to;
        }
        out
    }
}

/// The local time of the instant `ts` at `offset` seconds east of UTC.
fn local(ts: jiff::Timestamp, offset: i32) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(ts.as_second() + i64::from(offset), 0).unwrap_or_default().naive_utc()
}

/// An offset as `+08:00` (`colon`) or `+0800` (iCalendar's UTC-OFFSET).
pub(crate) fn offset(seconds: i32, colon: bool) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    let mut out = if colon { format!("{sign}{h:02}:{m:02}") } else { format!("{sign}{h:02}{m:02}") };
    if sec != 0 {
        out += &if colon { format!(":{sec:02}") } else { format!("{sec:02}") };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn offsets_and_timestamps() {
        let shanghai = Zone::get("Asia/Shanghai").unwrap();
        assert_eq!(shanghai.rfc3339(at("2024-10-31 13:30")), "2024-10-31T13:30:00+08:00");
        let ny = Zone::get("America/New_York").unwrap();
        assert_eq!(ny.rfc3339(at("2024-01-15 09:00")), "2024-01-15T09:00:00-05:00");
        assert_eq!(ny.rfc3339(at("2024-07-15 09:00")), "2024-07-15T09:00:00-04:00");
        let kolkata = Zone::get("Asia/Kolkata").unwrap();
        assert_eq!(kolkata.rfc3339(at("2024-07-15 09:00")), "2024-07-15T09:00:00+05:30");
        assert!(Zone::get("Asia/Beijing").is_none() && Zone::get("").is_none());
        assert_eq!(offset(-16200, false), "-0430");
    }

    #[test]
    fn observances_describe_each_change() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let shanghai = Zone::get("Asia/Shanghai").unwrap().observances(d("2023-01-01"), d("2023-12-31"));
        assert_eq!(shanghai.len(), 1);
        assert_eq!((shanghai[0].to, shanghai[0].daylight, shanghai[0].name.as_str()), (8 * 3600, false, "CST"));
        let ny = Zone::get("America/New_York").unwrap().observances(d("2024-01-01"), d("2024-12-31"));
        let seen: Vec<(bool, String, i32, i32)> =
            ny.iter().map(|o| (o.daylight, o.start.format("%Y%m%dT%H%M%S").to_string(), o.from, o.to)).collect();
        assert_eq!(
            seen,
            [
                (false, "20231105T020000".into(), -4 * 3600, -5 * 3600),
                (true, "20240310T020000".into(), -5 * 3600, -4 * 3600),
                (false, "20241103T020000".into(), -4 * 3600, -5 * 3600),
            ]
        );
    }
}
