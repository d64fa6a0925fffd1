//! How to fix each [`DateErrorKind`]: one plain sentence for the editor. It comes after the stages
//! because a sentence may quote any of them (the honest form of a vague word, the days of a month).

use chrono::Datelike;

use crate::error::{DateError, DateErrorKind, weekday_name};
use crate::lex::honest_example;
use crate::when::last_day;

/// Whether a quoted part of a text is English, so its help gives English examples.
fn english(quoted: &str) -> bool {
    quoted.bytes().any(|b| b.is_ascii_alphabetic())
}

impl DateError {
    /// One plain sentence telling the editor how to fix the text, with examples in the language of the part it
    /// points at (English for `Sept 31st`, Chinese for `9月32日`).
    pub fn help(&self) -> String {
        if let Some(help) = self.english_help() {
            return help;
        }
        match &self.kind {
            DateErrorKind::Empty => "Write when the activity happens, for example 9月18日, \
                 9月18日-22日, 8月下旬, 7月-9月, 全年 or 2023-09-18."
                .to_string(),
            DateErrorKind::MissingDate => "Put the date first and the note after it, for \
                 example 9月（具体时间另行通知） or 全年，按报名预约时间安排."
                .to_string(),
            DateErrorKind::NoMonth(word) => {
                format!("Put the month before \"{word}\", for example 9月{word}.")
            }
            DateErrorKind::MonthOutOfRange(_) => {
                "Months run from 1月 to 12月 (01 to 12 in 2023-09), so check the month number.".to_string()
            }
            DateErrorKind::DayOutOfRange { year, month, day } => match last_day(*year, *month) {
                Some(n) if *month == 2 && *day == 29 => format!(
                    "{year}年2月 has only {n} days because {year} is not a leap year, \
                         so check the day or the year."
                ),
                Some(n) => {
                    format!("{year}年{month}月 has {n} days, so write a day from 1日 to {n}日.")
                }
                None => "Check the day number against the month.".to_string(),
            },
            DateErrorKind::YearOutOfRange(_) => {
                "Write the year in full with four digits, for example 2023年 or 2023-09.".to_string()
            }
            DateErrorKind::EndBeforeStart { .. } => "Put the earlier date first, for example \
                 9月18日-22日, and write both years (2023年12月-2024年1月) for a range that \
                 crosses a year."
                .to_string(),
            DateErrorKind::Unrecognised(_) => "Write a date such as 9月18日, 9月18日-22日, \
                 8月下旬, 7月-9月, 全年 or 2023-09-18, and put anything else in brackets \
                 （…） or after a comma."
                .to_string(),
            DateErrorKind::TrailingText(rest) => format!(
                "Put extra words in brackets after the date, as in 9月（{rest}）, or after a \
                 comma, as in 9月，{rest}."
            ),
            DateErrorKind::Misplaced(_) => "Write each part once in the order year, month, \
                 then day or 上旬/中旬/下旬 (as in 2023年9月下旬), and join two dates with a \
                 single - or 至."
                .to_string(),
            DateErrorKind::MissingUnit(n) => {
                format!("Add 年, 月 or 日 after {n}, for example {n}月 or {n}日.")
            }
            DateErrorKind::IncompleteRange(sep) => {
                format!("Write a date on both sides of \"{sep}\", for example 7月{sep}9月.")
            }
            DateErrorKind::QuarterOutOfRange(_) => {
                "Quarters run from 第一季度 (Q1) to 第四季度 (Q4), so check the number.".to_string()
            }
            DateErrorKind::YearNeeded(words) => format!(
                "This schedule's year crosses into the next calendar year, so write which year, for \
                 example 2025年{words}, or the months themselves (3月-5月)."
            ),
            DateErrorKind::PeriodWithoutTime(word) => format!(
                "Write the clock time after it, as in 下午2:30 or 下午2点, or put \"{word}\" in brackets \
                 as a note: 9月18日（{word}）."
            ),
            DateErrorKind::TimeOutOfRange(_) => "Write a time from 0:00 to 23:59, as 14:30, 14时30分 or \
                 下午2点半, with two digits for the minutes after \":\"."
                .to_string(),
            DateErrorKind::HourNotInPeriod { period, hour } => format!(
                "Check the hour: write it as a 24-hour time without \"{period}\" ({hour}:00), or with \
                 the word that fits it (上午 for the morning, 下午 for 1 to 6 in the afternoon, 晚上 for \
                 the evening)."
            ),
            DateErrorKind::AmbiguousHour(time) => format!(
                "An hour before 6 needs its part of the day: write the afternoon as 下午2:30 or \
                 14:30, or 凌晨{time} if it really is at night."
            ),
            DateErrorKind::TimeEndBeforeStart { .. } => "Put the earlier time first, as in 14:30-16:30; \
                 a time range cannot run past midnight."
                .to_string(),
            DateErrorKind::TimeNeedsDay { time, date } => format!(
                "A time of day can only follow an exact day, as in 9月27日 {time}. If the day is not \
                 known yet, put the time in brackets as a note: {date}（{time}）."
            ),
            DateErrorKind::MisplacedTime(_) => "A time goes right after its day (9月27日 14:30). For \
                 several days, write the hours once after the whole range for the same hours each day \
                 (10月1日-7日 9:00-11:00, or 每天9:00-11:00), or one time after each end for one span \
                 (10月1日9:00-3日17:00)."
                .to_string(),
            DateErrorKind::WeekdayMismatch { date, written, .. } => format!(
                "Check the date and the weekday against a calendar: {}月{}日 is a {}, so either the \
                 date or \"{written}\" is wrong.",
                date.month(),
                date.day(),
                weekday_name(date.weekday())
            ),
            DateErrorKind::WeekdayNeedsDay { weekday, date } => format!(
                "A weekday checks an exact day, as in 9月18日（{weekday}）. For a weekly activity, write \
                 the range with the weekday as a note: {date}（每{weekday}）."
            ),
            DateErrorKind::UnevenList(_) => "Write every date of a list as exactly as the others, so \
                 each is drawn alike: all days (10月1日、10月3日、10月5日) or all months (3月、6月、9月). \
                 A time may follow any day, or the last date for all (10月1日、3日、5日 9:00-11:00)."
                .to_string(),
            DateErrorKind::ListOutOfOrder { .. } => "Write the dates of a list in order, each after \
                 the one before, as in 10月1日、10月3日、10月5日; a date in another year needs its \
                 year (2024年1月8日)."
                .to_string(),
            DateErrorKind::TooManyDigits { value, unit, .. } => {
                format!("Write the {unit} without the extra zeros, as {value}.")
            }
            DateErrorKind::YearFarAway { around, .. } => format!(
                "Check the year: a schedule's dates are in or near its year ({around}年), so this is \
                 most likely a slip of the keyboard."
            ),
            DateErrorKind::LongWrap { year, from, to } => format!(
                "If it does run into the next year, write both years ({year}年{from}月-{}年{to}月) or \
                 次年 ({from}月-次年{to}月); if not, put the earlier month first ({to}月-{from}月).",
                i64::from(*year) + 1
            ),
            DateErrorKind::EndAddsNothing { start, .. } => format!(
                "Write the day it ends, or only {start} if nothing comes after it; an end that \
                 contains its start must reach past it, as 10月1日-10月 runs through October."
            ),
            DateErrorKind::Vague(word) => format!(
                "A calendar cannot draw \"{word}\": write the range you mean and keep the words as \
                 a note, for example {}.",
                honest_example(word)
            ),
            DateErrorKind::WhenTooLong { max, .. } => format!(
                "Write the dates as a range with a note, for example 9月-12月（每周三）, and put long text in the \
                 content; a `when` has at most {max} characters."
            ),
            DateErrorKind::TooManyDates { max, .. } => format!(
                "List at most {max} dates; a recurring activity is a range with a note, for example \
                 9月-12月（每周三）, or one activity per term."
            ),
            DateErrorKind::RangeTooLong { years, .. } => format!(
                "Check the years; an activity of a schedule spans at most {years} years: split a longer plan into \
                 the activities of each year."
            ),
            DateErrorKind::DekadsApart(_) => {
                "Join 旬 that follow each other (7月上旬和中旬 is 7月上中旬), or write two \
                 dates as a list: 7月上旬、7月下旬."
                    .to_string()
            }
            DateErrorKind::WeekWithoutDate(week) => format!(
                "Write the date in brackets after the week and weekday, as timetables do: {week}周3(2026-05-13); the \
                 weekday is checked against it."
            ),
            DateErrorKind::ThirdOfMonths(words) => format!(
                "early, mid and late are thirds of one month, and a quarter or half year is whole months: write the \
                 months you mean (July–August) or the third of one month (early July), and keep the words as a note: \
                 Q3 ({words})."
            ),
            DateErrorKind::NoMeridiem(time) => format!(
                "An hour before 6 needs am or pm: write the afternoon as {time} pm or as a 24-hour time (14:30)."
            ),
            DateErrorKind::NoMonthFor(n) => format!(
                "Write the month beside {n}, as {n} September or September {n}, or write a year with four digits."
            ),
            DateErrorKind::UnclosedBracket(open) => {
                let close = if open == "(" { ")" } else { "）" };
                format!("Close the note with \"{close}\", for example 9月{open}评审阶段{close}.")
            }
        }
    }
}

impl DateError {
    /// The help for an error in an English text, where it quotes English words; `None` for the rest.
    fn english_help(&self) -> Option<String> {
        Some(match &self.kind {
            DateErrorKind::NoMonth(word) if english(word) => format!(
                "Say which month \"{word}\" is in, as in {word} September; a third of a month (early, mid, late) \
                 needs its month."
            ),
            DateErrorKind::Unrecognised(words) if english(words) => "Write a date such as Sep 18, 18–22 September, \
                 late August, July–September, Q3 2024, all year or 2023-09-18, and put anything else in brackets (…) \
                 or after a comma, as in September (week 1) or all year, by appointment."
                .to_string(),
            DateErrorKind::TrailingText(rest) if english(rest) => format!(
                "Put extra words in brackets after the date, as in September ({rest}), or after a comma, as in \
                 all year, {rest}."
            ),
            DateErrorKind::Misplaced(word) if english(word) => "Write each part once (a day, a month, a year), as in \
                 18 September 2023 or Mon 18 Sep, and join two dates with a single –, - or to."
                .to_string(),
            DateErrorKind::MissingUnit(n) if english(n) => {
                format!("Write the month with {n}, as {n} September or September {n}.")
            }
            DateErrorKind::IncompleteRange(sep) if english(sep) => {
                format!("Write a date on both sides of \"{sep}\", for example July {sep} September.")
            }
            DateErrorKind::PeriodWithoutTime(word) | DateErrorKind::MisplacedTime(word) if english(word) => {
                "A time goes right after its day, with am or pm after it: Sep 27, 2:30–4:30 pm or Sep 18, 9 am."
                    .to_string()
            }
            DateErrorKind::TimeNeedsDay { time, date } if english(date) => format!(
                "A time of day can only follow an exact day, as in Sep 27, {time}. If the day is not known yet, put \
                 the time in brackets as a note: {date} ({time})."
            ),
            DateErrorKind::HourNotInPeriod { period, hour } if english(period) => {
                let twelve = match hour {
                    0 => "12 am".to_string(),
                    13..=23 => format!("{} pm", hour - 12),
                    _ => "an hour from 1 to 12".to_string(),
                };
                format!(
                    "With am or pm an hour runs from 1 to 12: write {twelve}, or a 24-hour time without \"{period}\"."
                )
            }
            DateErrorKind::WeekdayMismatch { date, written, .. } if english(written) => format!(
                "Check the date and the weekday against a calendar: {} {} is a {}, so either the date or \
                 \"{written}\" is wrong.",
                month_name(date.month()),
                date.day(),
                weekday_name(date.weekday())
            ),
            DateErrorKind::WeekdayNeedsDay { weekday, date } if english(weekday) => format!(
                "A weekday checks an exact day, as in {weekday} 18 September. For a weekly activity, write the range \
                 with the weekday as a note: {date} (every {weekday})."
            ),
            _ => return None,
        })
    }
}

/// An English month's name, for help (the words' own).
fn month_name(month: u32) -> &'static str {
    match crate::words::month_name(month) {
        "" => "the month",
        name => name,
    }
}
