//! The date texts the fuzzes generate, shared by the reader's own fuzz (`crates/dates/tests/fuzz.rs`) and
//! almanac's fuzz of the content (`tests/fuzz.rs` at the root includes this file with `#[path]`).

use proptest::prelude::*;

/// Date texts: the published forms (weight `forms`), and their pieces put together in any order (`pieces`) or any
/// characters at all (`noise`), which mostly do not read.
pub(crate) fn when_text(forms: u32, pieces: u32, noise: u32) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "1",
        "3",
        "9",
        "10",
        "12",
        "13",
        "0",
        "18",
        "22",
        "31",
        "32",
        "2023",
        "2024",
        "1999",
        "9999",
        "月",
        "日",
        "年",
        "旬",
        "上",
        "中",
        "下",
        "-",
        "—",
        "～",
        "至",
        "到",
        "/",
        "，",
        "、",
        "（",
        "）",
        "(暂定)",
        "全年",
        "初",
        "底",
        "左右",
        "期间",
        "按通知",
        " ",
        "号",
        "第",
        "季度",
        "上半年",
        // Traditional characters and English words
        "週",
        "時",
        "點",
        "號",
        "貫穿全年",
        "September",
        "Sep",
        "sept.",
        "late ",
        "mid-",
        "early ",
        "end of ",
        "Q3",
        "H2",
        "all year",
        " to ",
        " and ",
        ", ",
        " am",
        "pm",
        "Mon ",
        "TBD",
        "2:30",
        "(review)",
    ]);
    let rest = prop::sample::select(vec![
        "",
        "上旬",
        "中旬",
        "下旬",
        "1日",
        "18日-22日",
        "-11月",
        "下旬至10月上旬",
        "（暂定）",
        "，地点待定",
        "30日到10月",
    ]);
    // English forms: a month name with what may come before and after it.
    let month = prop::sample::select(vec![
        "January", "Feb", "March", "Apr.", "May", "June", "Jul", "August", "Sept", "Sep.", "October", "NOV", "december",
    ]);
    let before =
        prop::sample::select(vec!["", "18 ", "1–3 ", "late ", "mid-", "early ", "end of ", "Mon 18 ", "Sunday, "]);
    let after = prop::sample::select(vec![
        "",
        " 18",
        " 18–22",
        " 18-22, 2023",
        " 2024",
        " 18, 2:30–4:30 pm",
        " 9, 9:00 am–5 pm",
        " 1, 3 and 5",
        " to October",
        "–November 2024",
        " (review)",
        ", online",
        " 31st",
    ]);
    prop_oneof![
        forms => (1..=12u32, rest).prop_map(|(m, rest)| format!("{m}月{rest}")),
        forms => (before, month, after).prop_map(|(b, m, a)| format!("{b}{m}{a}")),
        pieces => prop::collection::vec(piece, 1..7).prop_map(|p| p.concat()),
        noise => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        // Long lists of dates, some past the reader's limits (100 dates, 1,000 characters): refused whole with
        // one error, or read into output that stays proportional.
        1 => (1..400usize, 1..=12u32, any::<bool>()).prop_map(|(n, month, years)| {
            let date = |i: usize| {
                let m = (month as usize - 1 + i / 28) % 12 + 1;
                let day = i % 28 + 1;
                if years { format!("{}年{m}月{day}日", 2023 + (month as usize - 1 + i / 28) / 12) } else { format!("{m}月{day}日") }
            };
            (0..n).map(date).collect::<Vec<_>>().join("、")
        }),
    ]
}
