//! How one takes part in an activity: 在线, 现场 or 待定, read from what the schedule publishes, so readers can
//! filter by it without editors tagging every activity by hand.
//!
//! The rule, in order:
//! 1. 在线 when the published 时间地点 (`when`, `where`) says 在线, 线上, 网上 or 直播 (在线答题, 在线观看…).
//! 2. 待定 when the place says 待定, 另行通知, 另定 or 未定 (地点待定).
//! 3. 现场 when there is a place that names somewhere to go (北京, 新加坡, 全国各赛区).
//! 4. Otherwise (no place, or a place naming a procedure rather than a location: 公开征集, 组织专家评审): 在线
//!    when the content says so (发布评选结果，组织在线交流), else 待定: the schedule does not say where.

use serde::Serialize;

use super::Activity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Mode {
    Online,
    OnSite,
    Undecided,
}

const ONLINE: &[&str] = &["在线", "线上", "网上", "直播"];
const UNDECIDED: &[&str] = &["待定", "另行通知", "另定", "未定"];
/// Words of a place text that name a way of taking part rather than a location.
const PROCEDURE: &[&str] = &["征集", "评审", "评选", "申报"];

fn says(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

impl Mode {
    pub fn of(a: &Activity) -> Mode {
        if says(&a.published(), ONLINE) {
            return Mode::Online;
        }
        match a.place.as_deref() {
            Some(p) if says(p, UNDECIDED) => Mode::Undecided,
            Some(p) if !says(p, PROCEDURE) => Mode::OnSite,
            _ if says(&a.body, ONLINE) => Mode::Online,
            _ => Mode::Undecided,
        }
    }

    /// The label readers see and the value of `?mode=` in a filtered calendar's address.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Online => "在线",
            Mode::OnSite => "现场",
            Mode::Undecided => "待定",
        }
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
    use crate::content::dates::parse_when;

    fn activity(when: &str, place: Option<&str>, body: &str) -> Activity {
        Activity {
            slug: "a".into(),
            source: "a.md".into(),
            number: None,
            title: "t".into(),
            when_text: when.into(),
            when: parse_when(when, 2023).unwrap(),
            place: place.map(Into::into),
            tags: vec![],
            milestones: vec![],
            body: body.into(),
            draft: false,
            updated: None,
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
        ] {
            assert_eq!(Mode::of(&activity(when, place, body)), mode, "{when} {place:?} {body}");
        }
    }
}
