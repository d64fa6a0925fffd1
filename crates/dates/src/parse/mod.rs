//! Stage 2, parse: the tokens of the date part into [`Item`]s, one per date of a list, each the
//! two ends of a range as written. Nothing is resolved yet: a [`Part`] says which year, month and
//! day or 旬 the text wrote, not which days they are, and what each end says beside its date (notes,
//! a time of day, a weekday) is kept in its [`Extras`].
//!
//! - `item.rs` splits a list at 、, opens brackets (a note, or a time or weekday in brackets),
//!   and cuts each range into its two sides;
//! - `time.rs` reads the times of day (14:30, 下午2点半, 9:00-11:00/13:00-16:00) into [`ClockEl`]s;
//! - `part.rs` reads each side's date, ISO 8601 or Chinese, into a [`Part`].
//!
//! Takes from lex: [`Token`](crate::lex::Token)s and their [`Span`]s. Hands on to resolve:
//! [`read_items`] and the types below. Imports nothing from resolve or words.

mod item;
mod part;
mod time;

use chrono::NaiveTime;

use crate::lex::{Dekad, Half, RelYear, Span};

pub(crate) use item::{check_unknown, read_items};

/// A number as written, with where it was written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub(crate) value: u32,
    /// How many digits were written ("009" has three), or numerals (二〇二三 has four).
    pub(crate) digits: usize,
    pub(crate) span: Span,
}

/// What is finer than a month in one end.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fine {
    /// The day number and the span of the whole piece ("18日"), for messages.
    Day(Num, Span),
    Dekad(Dekad, Span),
}

impl Fine {
    pub(crate) fn span(self) -> Span {
        match self {
            Fine::Day(_, span) | Fine::Dekad(_, span) => span,
        }
    }
}

/// The year of one end as written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum YearSpec {
    Written(Num),
    Relative(RelYear, Span),
}

/// The month or months of one end as written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum MonthSpec {
    One(Num),
    /// 第三季度, 三季度, Q3: the number and the span of the whole piece.
    Quarter(Num, Span),
    Half(Half, Span),
}

/// One end of a range as written. No year means "inherit"; no month and no fine part
/// means a whole year.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    pub(crate) span: Span,
    pub(crate) year: Option<YearSpec>,
    pub(crate) month: Option<MonthSpec>,
    pub(crate) fine: Option<Fine>,
}

/// A time or a time range as read, and where it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClockEl {
    pub(crate) start: NaiveTime,
    pub(crate) end: Option<NaiveTime>,
    /// 每天 was written before it.
    pub(crate) daily: bool,
    pub(crate) span: Span,
    /// The inside of the bracket it was written in, if any: if it cannot be read with a day, it
    /// is kept as a note, as brackets always were.
    pub(crate) group: Option<Span>,
    /// Two or more slots of hours (9:00-11:00/13:00-16:00): `start` and `end` are the first start and the last
    /// end, and the slots as written are kept as a note.
    pub(crate) slots: bool,
}

/// A weekday written after a day, to be checked against it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WeekdayEl {
    /// From Monday (1) to Sunday (7).
    pub(crate) day: u32,
    pub(crate) span: Span,
    /// The inside of its bracket, if any (see [`ClockEl::group`]).
    pub(crate) group: Option<Span>,
}

/// What one end of a range says beside its date.
#[derive(Debug, Default, Clone)]
pub(crate) struct Extras {
    pub(crate) notes: Vec<Span>,
    pub(crate) clock: Option<ClockEl>,
    pub(crate) weekday: Option<WeekdayEl>,
}

/// A range as written (one date of a list): its two ends and what each says beside its date.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The whole range as written, for messages about it.
    pub(crate) span: Span,
    pub(crate) start: Part,
    pub(crate) end: Option<Part>,
    pub(crate) start_extras: Extras,
    pub(crate) end_extras: Extras,
}

impl Item {
    /// The notes in the order written.
    pub(crate) fn notes(&self) -> impl Iterator<Item = Span> + '_ {
        self.start_extras.notes.iter().chain(&self.end_extras.notes).copied()
    }
}
