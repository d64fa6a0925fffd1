//! What the browser needs to say about an activity, and the rule "is it on?" it applies, as data: the words for
//! each status, each precision and each of today's states, and the parameters of the rule. Today is known only
//! in the browser (a site is built once and read for years), so almanac.js computes the state; it holds none of
//! these words and none of these parameters, but reads them from `static/words.js` ([`script`]), which every page
//! that runs it loads first (the theme's `base.html`): once for the site, not in every page.
//!
//! The words are the catalogue's, in the site's language ([`crate::words`]); the rule is [`State::at`], here for
//! Rust, and a test runs almanac.js's copy on a table of cases made here (the test
//! `the_browser_applies_the_same_rule`, through `tests/browser/rule.mjs`); another holds the script's days in
//! words to the date reader's (`the_browser_says_days_as_rust_does`). Every table is keyed by the stable ASCII
//! names (`cancelled`, `dekad`, `maybe`).

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Serialize, Serializer};

mod query_dates;

use crate::content::changes::Status;
use crate::content::dates::{Precision, When, precision_words};
use crate::words::{Says, StateWords, Words};

/// Where an activity stands at a moment: not started, certainly on, perhaps on (inside a range known only to
/// the 旬, month or year), or over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Upcoming,
    Running,
    Maybe,
    Past,
}

impl State {
    /// In the order the pages count them (未开始 3 项，进行中 1 项，…): the order of `[state]` in the catalogue,
    /// which the page's data keeps (a test holds the two to each other).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) const ALL: [State; 4] = [State::Upcoming, State::Running, State::Maybe, State::Past];

    /// The name in the page's data and CSS classes (`st--maybe`).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Upcoming => "upcoming",
            State::Running => "running",
            State::Maybe => "maybe",
            State::Past => "past",
        }
    }

    /// Where an activity of `status` dated `when` stands at `at` (local time), or none when it does not take
    /// place at its dates (postponed, cancelled). Inside one of its dates it is on: certainly when the dates are
    /// exact ([`exact`]), else perhaps; it is compared by its times where the text gives them, else by whole days.
    /// Between two dates of a list it is upcoming (its next date is ahead); after its last date, past.
    // The pages decide this in the browser (almanac.js); here it is the rule the tests hold that copy to.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn at(when: &When, status: Status, at: NaiveDateTime) -> Option<State> {
        if !status.is_active() {
            return None;
        }
        let day_end = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
        let from = |o: &crate::content::dates::Occurrence| o.starts_at().unwrap_or(o.start.and_time(NaiveTime::MIN));
        let to = |o: &crate::content::dates::Occurrence| o.ends_at().unwrap_or(o.end.and_time(day_end));
        if when.occurrences().any(|o| from(&o) <= at && at <= to(&o)) {
            return Some(if exact(when.precision()) { State::Running } else { State::Maybe });
        }
        let last = when.occurrences().last();
        Some(if last.is_some_and(|o| at > to(&o)) { State::Past } else { State::Upcoming })
    }

    /// Whether the home page lists an activity in this state, published to precision `p`, as on now: when it
    /// is certainly on, or perhaps on within a range shorter than a year (a 全年 activity would crowd the list
    /// every day).
    pub(crate) fn on_now(self, p: Precision) -> bool {
        self == State::Running || (self == State::Maybe && p != Precision::Year)
    }
}

/// Whether dates of precision `p` are known exactly: inside them an activity is certainly on, not perhaps.
pub(crate) fn exact(p: Precision) -> bool {
    p <= Precision::Day
}

/// A map written in the order given (a JSON object keeps it, and the browser counts states in that order).
struct Ordered<V>(Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// What the browser needs of a status: the badge it draws on an activity it lists (the status's full label is
/// in the page already, in the templates).
#[derive(Serialize)]
struct StatusEntry<'a> {
    badge: &'a str,
    /// It takes place at its dates, so it can be on.
    active: bool,
}

#[derive(Serialize)]
struct PrecisionEntry<'a> {
    label: &'a str,
    /// In words (具体日期, 按旬…), for screen readers where a list marks the precision by its style.
    name: &'a str,
    /// Inside its dates it is certainly on (`running`), else perhaps (`maybe`).
    exact: bool,
    /// Perhaps on, it is still listed as on now on the home page.
    now: bool,
}

#[derive(Serialize)]
struct PageWords<'a> {
    /// In the order the pages count them.
    state: &'a StateWords,
    status: Ordered<StatusEntry<'a>>,
    precision: Ordered<PrecisionEntry<'a>>,
    /// How a date typed into the search box is read (see [`query_dates`]).
    dates: query_dates::QueryDates,
    /// Sentences the script makes (this week, what a date search found), with `{n}`, `{span}` or `{today}` where
    /// it puts a number, a week's days or today's date.
    says: &'a Says,
    /// How days are said (the date style, and each month's short name), for the script's dates in words.
    calendar: CalendarWords,
}

#[derive(Serialize)]
struct CalendarWords {
    style: crate::words::Style,
    months: Vec<String>,
}

/// [`json`] as the script file every page loads before almanac.js (`static/words.js`): once for the site, not in
/// each page (3.8 KB a page at the time it moved).
pub(crate) fn file(w: &Words) -> String {
    format!("window.almanacWords = {};\n", json(w))
}

/// The words and the rule's parameters as JSON:
/// `{"state": {"upcoming": "未开始", …}, "status": {"cancelled": {"badge": "已取消", "active": false}, …},
/// "precision": {"dekad": {"label": "旬", "exact": false, "now": true}, …}}`.
pub(crate) fn json(w: &Words) -> String {
    let words = PageWords {
        state: &w.state,
        status: Ordered(
            Status::ALL
                .iter()
                .map(|s| (s.as_str(), StatusEntry { badge: &s.words(w).badge, active: s.is_active() }))
                .collect(),
        ),
        precision: Ordered(
            Precision::ALL
                .iter()
                .map(|&p| {
                    (
                        p.as_str(),
                        PrecisionEntry {
                            label: &precision_words(p, w).label,
                            name: &precision_words(p, w).name,
                            exact: exact(p),
                            now: State::Maybe.on_now(p),
                        },
                    )
                })
                .collect(),
        ),
        dates: query_dates::vocabulary(),
        says: &w.says,
        calendar: CalendarWords { style: w.dates.style, months: (1..=12).map(|m| w.dates().month_short(m)).collect() },
    };
    // A script file, not an element of a page: nothing in it can end one.
    serde_json::to_string(&words).unwrap_or_default()
}

/// Runs `script` (under `tests/browser/`) through node with `body` in a JSON file named by its argument, and fails
/// with `what` and the script's output when it exits otherwise than 0: how tests hold almanac.js to the rules
/// Rust gives it as data.
#[cfg(test)]
pub(crate) fn assert_node_agrees(script: &str, body: &serde_json::Value, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("cases.json");
    std::fs::write(&table, body.to_string()).unwrap();
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(&table)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::parse_when;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn is_it_on() {
        let on = |text: &str, status, moment: &str| {
            State::at(&parse_when(text, 2023).unwrap(), status, at(moment)).map(State::as_str)
        };
        let s = Status::Scheduled;
        assert_eq!(on("9月18日-22日", s, "2023-09-17T23:59"), Some("upcoming"));
        assert_eq!(on("9月18日-22日", s, "2023-09-22T23:59"), Some("running"));
        assert_eq!(on("9月18日-22日", s, "2023-09-23T00:00"), Some("past"));
        assert_eq!(on("9月18日-22日", Status::Rescheduled, "2023-09-20T12:00"), Some("running"));
        assert_eq!(on("9月18日-22日", Status::Cancelled, "2023-09-20T12:00"), None);
        assert_eq!(on("9月18日-22日", Status::Postponed, "2023-09-20T12:00"), None);
        assert_eq!(on("8月下旬", s, "2023-08-25T12:00"), Some("maybe"));
        assert_eq!(on("全年", s, "2023-08-25T12:00"), Some("maybe"));
        assert_eq!(on("9月27日14:30-16:30", s, "2023-09-27T14:29"), Some("upcoming"));
        assert_eq!(on("9月27日14:30-16:30", s, "2023-09-27T16:30"), Some("running"));
        assert_eq!(on("9月27日14:30-16:30", s, "2023-09-27T16:31"), Some("past"));
        assert_eq!(on("10月1日、3日、5日", s, "2023-10-02T12:00"), Some("upcoming"));
        assert_eq!(on("10月1日、3日、5日", s, "2023-10-03T00:00"), Some("running"));
        assert!(State::Maybe.on_now(Precision::Dekad) && !State::Maybe.on_now(Precision::Year));
        assert!(State::Running.on_now(Precision::Day) && !State::Upcoming.on_now(Precision::Day));
    }

    #[test]
    fn the_page_gets_every_word_in_order() {
        let w = Words::builtin_zh_cn();
        let text = json(&w);
        let words: serde_json::Value = serde_json::from_str(&text).unwrap();
        // The browser counts states in the order the text writes them (a parsed map would sort its keys).
        let mut order: Vec<(usize, &str)> = State::ALL
            .iter()
            .filter_map(|s| text.find(&format!("\"{}\":\"", s.as_str())).map(|i| (i, s.as_str())))
            .collect();
        order.sort();
        assert_eq!(order.iter().map(|o| o.1).collect::<Vec<_>>(), ["upcoming", "running", "maybe", "past"]);
        assert_eq!(words["state"]["maybe"], "可能进行中");
        assert_eq!(words["status"]["postponed"]["badge"], "延期·待定");
        assert_eq!(words["status"]["cancelled"]["active"], false);
        assert_eq!(words["precision"]["dekad"]["label"], "旬");
        assert_eq!(words["precision"]["month"]["name"], "按月");
        assert_eq!(words["precision"]["day"]["exact"], true);
        assert_eq!(words["precision"]["year"]["now"], false);
    }

    /// almanac.js says days as Rust does, in each date style: a day with and without its year, and ranges of days
    /// with their year and without it, over the cases that leave out a repeated month or year.
    #[test]
    fn the_browser_says_days_as_rust_does() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let pairs = [
            (d(2023, 9, 18), d(2023, 9, 18)),
            (d(2023, 9, 18), d(2023, 9, 24)),
            (d(2023, 9, 25), d(2023, 10, 1)),
            (d(2023, 12, 25), d(2024, 1, 1)),
            (d(2024, 1, 1), d(2024, 1, 7)),
            (d(2024, 2, 26), d(2024, 3, 3)),
        ];
        let mut styles = Vec::new();
        for style in [crate::words::Style::Chinese, crate::words::Style::English] {
            let mut w = Words::builtin_zh_cn();
            w.dates.style = style;
            let lang = w.dates();
            let cases: Vec<_> = pairs
                .iter()
                .map(|&(a, b)| {
                    serde_json::json!({
                        "a": a.to_string(), "b": b.to_string(),
                        "day": lang.day(a, true), "day_of_year": lang.day(a, false),
                        "days": lang.days(a, b), "days_of_year": lang.days_of_year(a, b),
                    })
                })
                .collect();
            let words: serde_json::Value = serde_json::from_str(&json(&w)).unwrap();
            styles.push(serde_json::json!({ "name": format!("{style:?}"), "words": words, "cases": cases }));
        }
        assert_node_agrees(
            "tests/browser/days.mjs",
            &serde_json::json!({ "styles": styles }),
            "almanac.js says days otherwise than Rust",
        );
    }

    /// Rust's rule and almanac.js's agree: a table of cases (dates as the page ships them in data- attributes, a
    /// status, a moment) with what Rust says of each, run by node through the script's own functions, with the
    /// page's words and parameters.
    #[test]
    fn the_browser_applies_the_same_rule() {
        // Node is on every machine the project supports (README: Development); without it this fails, never
        // passes unseen.
        let node = std::process::Command::new("node").arg("--version").output();
        assert!(node.is_ok_and(|o| o.status.success()), "this test needs Node.js (`node` on the PATH)");
        let zone = crate::zone::Zone::get("Asia/Shanghai").unwrap();
        let texts = [
            "9月18日-22日",
            "9月20日",
            "8月下旬",
            "9月中下旬",
            "10月",
            "7月-9月（评审阶段）",
            "全年",
            "9月27日14:30-16:30",
            "9月27日14:30",
            "10月1日-3日 每天9:00-11:00",
            "10月1日9:00-3日17:00",
            "10月1日、3日、5日",
            "9月1日-10月31日",
        ];
        let minute = chrono::Duration::minutes(1);
        let mut cases = Vec::new();
        for text in texts {
            let when = parse_when(text, 2023).unwrap();
            let mut moments = Vec::new();
            for o in when.occurrences() {
                let (first, last) = (o.start.and_time(NaiveTime::MIN), o.end.and_hms_opt(23, 59, 0).unwrap());
                moments.extend([first - minute, first, first + chrono::Duration::hours(12), last, last + minute]);
                moments.extend(o.starts_at().into_iter().flat_map(|t| [t - minute, t, t + minute]));
                moments.extend(o.ends_at().into_iter().flat_map(|t| [t - minute, t, t + minute]));
            }
            for status in Status::ALL {
                for &moment in &moments {
                    let state = State::at(&when, status, moment);
                    cases.push(serde_json::json!({
                        "text": text,
                        "data": {
                            "start": when.start.to_string(),
                            "end": when.end.to_string(),
                            "p": when.precision().as_str(),
                            "occ": crate::content::dates::occurrences_json(&when, &zone),
                            "status": status.as_str(),
                        },
                        "at": moment.format("%Y-%m-%dT%H:%M").to_string(),
                        "state": state.map(State::as_str),
                        "now": state.is_some_and(|s| s.on_now(when.precision())),
                    }));
                }
            }
        }
        let states: Vec<_> = cases.iter().map(|c| c["state"].as_str().unwrap_or("none").to_string()).collect();
        for want in ["upcoming", "running", "maybe", "past", "none"] {
            assert!(states.iter().any(|s| s == want), "the table has no case that is {want}");
        }
        let words: serde_json::Value = serde_json::from_str(&json(&Words::builtin_zh_cn())).unwrap();
        super::assert_node_agrees(
            "tests/browser/rule.mjs",
            &serde_json::json!({ "words": words, "cases": cases }),
            "almanac.js disagrees with Rust",
        );
    }
}
