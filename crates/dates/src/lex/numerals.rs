//! Chinese numerals as schedules write them in dates (九月, 十二月上旬, 九月十八日, 二〇二三年, 第三季度),
//! and the weekdays (周三, 星期五, 礼拜天).

/// The value of one Chinese digit (两 as in 两点).
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

pub(super) fn is_numeral(c: char) -> bool {
    c == '十' || digit(c).is_some()
}

/// The value and digit count of a run of numerals: with 十 as tens (十, 十二, 二十, 三十一), else
/// digit by digit (二〇二三 is 2023, four digits, as a year is written). `None` if malformed.
pub(super) fn value(run: &str) -> Option<(u32, usize)> {
    let chars: Vec<char> = run.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        Some(k) => {
            let tens = match chars[..k] {
                [] => 1,
                [c] => digit(c).filter(|&d| d > 0)?,
                _ => return None,
            };
            let ones = match chars[k + 1..] {
                [] => 0,
                [c] => digit(c).filter(|&d| d > 0)?,
                _ => return None,
            };
            Some((tens * 10 + ones, 2))
        }
        None if !chars.is_empty() && chars.len() <= 4 => {
            let v = chars.iter().try_fold(0u32, |v, &c| Some(v * 10 + digit(c)?))?;
            Some((v, chars.len()))
        }
        None => None,
    }
}

/// A numeral run at the start of `rest`, read only when a unit follows at once (`units` are the
/// characters allowed next), so words such as 十一期间 or 一周 stay unknown text. Returns the
/// value, digit count and byte length of the run.
pub(super) fn numeral_at(rest: &str, units: &[char]) -> Option<(u32, usize, usize)> {
    let len: usize = rest.chars().take_while(|&c| is_numeral(c)).map(char::len_utf8).sum();
    let next = rest[len..].chars().next()?;
    if len == 0 || !units.contains(&next) {
        return None;
    }
    let run = &rest[..len];
    let (v, digits) = value(run)?;
    // Digit by digit is how a year is written (二〇二三年); before 月 or 日 it is a pair
    // (一二月 is January and February, not December), so it stays unread.
    let by_digit = !run.contains('十') && run.chars().count() > 1;
    // 两 counts only o'clock (两点); 两日 is "two days".
    let hours = ['点', '點', '时', '時'];
    if (by_digit && next != '年') || (run.contains(['两', '兩']) && !hours.contains(&next)) {
        return None;
    }
    Some((v, digits, len))
}

/// A weekday at the start of `rest` (周一 … 周日/周天, 星期一 …, 礼拜一 …): its number from
/// Monday (1) to Sunday (7) and byte length.
pub(super) fn weekday_at(rest: &str) -> Option<(u32, usize)> {
    let prefix = ["星期", "礼拜", "禮拜", "周", "週"].into_iter().find(|p| rest.starts_with(p))?;
    let mut after = rest[prefix.len()..].chars();
    let day = after.next()?;
    let n = match day {
        '日' | '天' => 7,
        // 周3, as timetables number the days: one digit, 1 (Monday) to 7 (Sunday).
        '1'..='7' if !after.next().is_some_and(|c| c.is_ascii_digit()) => day.to_digit(10)?,
        c => digit(c).filter(|d| (1..=6).contains(d) && !matches!(c, '两' | '兩' | '〇' | '零'))?,
    };
    Some((n, prefix.len() + day.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::{numeral_at, value, weekday_at};

    #[test]
    fn values() {
        let cases = [
            ("九", Some((9, 1))),
            ("十", Some((10, 2))),
            ("十二", Some((12, 2))),
            ("二十", Some((20, 2))),
            ("三十一", Some((31, 2))),
            ("二〇二三", Some((2023, 4))),
            ("二零二四", Some((2024, 4))),
            ("两", Some((2, 1))),
            ("十十", None),
            ("一二十", None),
            ("二十〇", None),
            ("〇十", None),
            ("一二三四五", None),
            ("", None),
        ];
        for (run, want) in cases {
            assert_eq!(value(run), want, "{run:?}");
        }
        assert_eq!(numeral_at("九月", &['月']), Some((9, 1, 3)));
        assert_eq!(numeral_at("十一期间", &['月']), None);
        assert_eq!(numeral_at("九", &['月']), None);
        assert_eq!(numeral_at("一二月", &['月']), None);
        assert_eq!(numeral_at("二〇二三年", &['年']), Some((2023, 4, 12)));
        assert_eq!(numeral_at("两日", &['日']), None);
        assert_eq!(numeral_at("两点", &['点']), Some((2, 1, 3)));
        assert_eq!(weekday_at("周三）"), Some((3, 6)));
        assert_eq!(weekday_at("星期日"), Some((7, 9)));
        assert_eq!(weekday_at("礼拜天"), Some((7, 9)));
        assert_eq!(weekday_at("周末"), None);
        assert_eq!(weekday_at("周两"), None);
        assert_eq!(weekday_at("周七"), None);
        assert_eq!(weekday_at("周"), None);
        assert_eq!(weekday_at("周3("), Some((3, 4)));
        assert_eq!(weekday_at("周7"), Some((7, 4)));
        assert_eq!((weekday_at("周8"), weekday_at("周0"), weekday_at("周12")), (None, None, None));
        assert_eq!(numeral_at("兩點", &['點']), Some((2, 1, 3)));
    }
}
