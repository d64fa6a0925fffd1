//! How one takes part in an activity: 在线, 现场 or 待定, read from what the schedule publishes, so readers can
//! filter by it without editors tagging every activity by hand.
//!
//! The rule, in order:
//! 1. 在线 when the published 时间地点 (`when`, `where`) says 在线, 线上, 网上 or 直播 (在线答题, 在线观看…).
//! 2. 待定 when the place says 待定, 另行通知, 另定 or 未定 (地点待定).
//! 3. 现场 when there is a place that names somewhere to go (北京, 新加坡, 全国各赛区).
//! 4. Otherwise (no place, or a place naming a procedure rather than a location: 公开征集, 组织专家评审): 在线
//!    when the content says so (发布评选结果，组织在线交流), else 待定: the schedule does not say where.
//!
//! The loader reads it once into [`crate::content::Activity::mode`]; pages, filters and JSON-LD all read that.

use serde::Serialize;

use crate::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Mode {
    Online,
    OnSite,
    Undecided,
}

// Simplified, Traditional and English words, as schedules are written in each; English ones are matched in lower
// case, as whole words (`online`, not `onlineshop`).
const ONLINE: &[&str] = &[
    "在线",
    "线上",
    "网上",
    "直播",
    "線上",
    "網上",
    "online",
    "virtual",
    "webinar",
    "livestream",
    "livestreamed",
    "live stream",
    "live-streamed",
];
const UNDECIDED: &[&str] = &[
    "待定",
    "另行通知",
    "另定",
    "未定",
    "tbd",
    "tba",
    "to be announced",
    "to be confirmed",
    "to be decided",
    "to be determined",
];
/// Words of a place text that name a way of taking part rather than a location.
const PROCEDURE: &[&str] = &["征集", "评审", "评选", "申报", "徵集", "評審", "評選", "申報", "call for", "review"];

fn says(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| {
        if !w.is_ascii() {
            return text.contains(w);
        }
        // An English word counts where it stands alone: not `online` in `onlineshop`.
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

impl Mode {
    /// The mode an activity's published time text, place and content say.
    pub fn of(when: &str, place: Option<&str>, body: &str) -> Mode {
        if says(when, ONLINE) || place.is_some_and(|p| says(p, ONLINE)) {
            return Mode::Online;
        }
        match place {
            Some(p) if says(p, UNDECIDED) => Mode::Undecided,
            Some(p) if !says(p, PROCEDURE) => Mode::OnSite,
            _ if says(body, ONLINE) => Mode::Online,
            _ => Mode::Undecided,
        }
    }

    /// The label readers see and the value of `?mode=` in a filtered calendar's address, in the site's language.
    pub fn label(self, w: &Words) -> &str {
        match self {
            Mode::Online => &w.mode.online,
            Mode::OnSite => &w.mode.onsite,
            Mode::Undecided => &w.mode.tbd,
        }
    }

    /// Whether `published` (an activity's 时间地点) already says this mode in its own words: 待定 when it says
    /// 地点待定 or 另行通知. A page then need not say it a second time.
    pub fn said_in(self, published: &str) -> bool {
        self == Mode::Undecided && says(published, UNDECIDED)
    }

    /// For CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Online => "online",
            Mode::OnSite => "onsite",
            Mode::Undecided => "tbd",
        }
    }

    pub const ALL: [Mode; 3] = [Mode::Online, Mode::OnSite, Mode::Undecided];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_undecided_place_says_the_mode() {
        for (mode, published, said) in [
            (Mode::Undecided, "9月18日-22日，地点待定", true),
            (Mode::Undecided, "9月，另行通知", true),
            (Mode::Undecided, "9月下旬", false),
            (Mode::Undecided, "8月-10月，公开征集", false),
            (Mode::Online, "8月下旬，在线观看", false),
            (Mode::OnSite, "9月，北京", false),
            (Mode::Undecided, "9月18日-22日，地點待定", true),
            (Mode::Undecided, "18–22 September, Beijing, venue TBD", true),
            (Mode::Undecided, "18–22 September, venue to be announced", true),
        ] {
            assert_eq!(mode.said_in(published), said, "{published}");
        }
    }

    #[test]
    fn the_published_text_decides() {
        for (when, place, body, mode) in [
            ("8月25日-11月30日", Some("在线答题"), "", Mode::Online),
            ("8月下旬", Some("在线观看"), "", Mode::Online),
            ("9月-10月", None, "发布评选结果，组织在线交流。", Mode::Online),
            ("9月18日-22日", Some("地点待定"), "", Mode::Undecided),
            ("9月下旬", None, "开展宣贯。", Mode::Undecided),
            ("8月-10月", Some("公开征集"), "", Mode::Undecided),
            ("9月-10月", Some("组织专家评审"), "", Mode::Undecided),
            ("9月", Some("内蒙古呼和浩特"), "", Mode::OnSite),
            ("7月-11月", Some("全国各赛区"), "采用在线答题形式", Mode::OnSite),
            ("9月21日-22日", Some("新加坡"), "", Mode::OnSite),
            ("9月", Some("北京（直播）"), "", Mode::Online),
            ("9月", Some("地点未定"), "", Mode::Undecided),
            ("9月", Some("另行通知"), "在线报名", Mode::Undecided),
            ("8月下旬", Some("線上觀看"), "", Mode::Online),
            ("9月", Some("地點待定"), "", Mode::Undecided),
            ("8月-10月", Some("公開徵集"), "", Mode::Undecided),
            ("9月", Some("台北"), "", Mode::OnSite),
            ("late August", Some("Online"), "", Mode::Online),
            ("Sep 27", Some("Shanghai (livestreamed)"), "", Mode::Online),
            ("Sep 27", Some("Shanghai and online"), "", Mode::Online),
            ("Sep 27", Some("Onlineshop Plaza"), "", Mode::OnSite),
            ("18–22 September", Some("Beijing, venue to be announced"), "", Mode::Undecided),
            ("Q3", Some("TBD"), "", Mode::Undecided),
            ("Q3", Some("Call for entries"), "", Mode::Undecided),
            ("Q3", None, "Sessions are held online.", Mode::Online),
            ("Q3", None, "Details later.", Mode::Undecided),
        ] {
            assert_eq!(Mode::of(when, place, body), mode, "{when} {place:?} {body}");
        }
    }
}
