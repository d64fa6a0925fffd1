//! An activity's `changes`: each entry read and checked where it is written (the model's rules about them are in
//! [`crate::content::changes`]).

use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::super::ContentError;
use super::super::changes::{Change, FieldChange, Status, WhenChange};
use super::super::dates::Context;
use super::super::frontmatter::Located;
use super::text::check_value;
use super::{read_when, toml_date};
use crate::error::{Diagnostic, Diagnostics};

/// One entry of `changes`: the announcement's date, and for each field it changed the value before and after.
#[derive(Deserialize)]
pub(super) struct RawChange {
    date: Spanned<Datetime>,
    when: Option<Spanned<String>>,
    new_when: Option<Spanned<String>>,
    #[serde(rename = "where")]
    place: Option<Spanned<String>>,
    new_where: Option<Spanned<String>>,
    status: Option<Spanned<String>>,
    new_status: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

/// A field's value before and after, as written.
type Pair<'a> = (&'a Spanned<String>, &'a Spanned<String>);

/// A field's value before and after, both written or neither.
fn pair<'a>(
    at: Located<'_>,
    before: Option<&'a Spanned<String>>,
    after: Option<&'a Spanned<String>>,
    (was, became): (&'static str, &'static str),
) -> Result<Option<Pair<'a>>, Diagnostic> {
    let (value, have, missing) = match (before, after) {
        (Some(b), Some(a)) => return Ok(Some((b, a))),
        (None, None) => return Ok(None),
        (Some(v), None) => (v, was, became),
        (None, Some(v)) => (v, became, was),
    };
    Err(at
        .error(value.span(), ContentError::HalfChange { have, missing })
        .with_help(format!("a change says what `{was}` was and what it became: add `{missing}`")))
}

const STATUS_HELP: &str = "write one of: scheduled, postponed, cancelled, rescheduled";

pub(super) fn read_status(at: Located<'_>, value: &Spanned<String>) -> Result<Status, Diagnostic> {
    Status::parse(value.get_ref()).ok_or_else(|| {
        at.error(value.span(), ContentError::UnknownStatus(value.get_ref().clone())).with_help(STATUS_HELP)
    })
}

/// The entries of `changes`, each checked: a date, at least one field with its value before and after (dates
/// read like `when`), oldest first. Every problem goes to `errors`; only whole entries are returned.
pub(super) fn read_changes(
    at: Located<'_>,
    toml: &str,
    raw: &[Spanned<RawChange>],
    context: Context,
    errors: &mut Diagnostics,
) -> Vec<Change> {
    let file_span = |s: Range<usize>| at.offset + s.start..at.offset + s.end;
    let mut out: Vec<Change> = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for entry in raw {
        let c = entry.get_ref();
        let before = errors.len();
        for value in [&c.when, &c.new_when, &c.place, &c.new_where].into_iter().flatten() {
            check_value(at, "changes", value, true, errors);
        }
        if let Some(n) = &c.note {
            check_value(at, "note", n, false, errors);
        }
        let date = toml_date(at, &c.date).map_err(|e| errors.push(e)).ok();
        if let (Some(d), Some(p)) = (date, previous)
            && d < p
        {
            errors.push(
                at.error(c.date.span(), ContentError::ChangesOutOfOrder { date: d, previous: p })
                    .with_help("list the changes oldest first: a new change goes at the end"),
            );
        }
        previous = date.or(previous);
        let mut pair = |b, a, names| pair(at, b, a, names).map_err(|e| errors.push(e)).ok().flatten();
        let when = pair(c.when.as_ref(), c.new_when.as_ref(), ("when", "new_when"));
        let place = pair(c.place.as_ref(), c.new_where.as_ref(), ("where", "new_where"));
        let status = pair(c.status.as_ref(), c.new_status.as_ref(), ("status", "new_status"));
        if c.when.is_none()
            && c.new_when.is_none()
            && c.place.is_none()
            && c.new_where.is_none()
            && c.status.is_none()
            && c.new_status.is_none()
        {
            errors.push(at.error(entry.span(), ContentError::EmptyChange).with_help(
                "say what changed, e.g. { date = 2023-09-01, when = \"9月18日-22日\", new_when = \"10月9日-13日\" }; \
                 `almanac reschedule` writes it for you",
            ));
        }
        let field = |(b, a): (&Spanned<String>, &Spanned<String>)| FieldChange {
            before: b.get_ref().clone(),
            after: a.get_ref().clone(),
            before_span: file_span(b.span()),
            after_span: file_span(a.span()),
        };
        let when = when.and_then(|(b, a)| {
            let mut read = |v: &Spanned<String>| read_when(at, toml, v, context).map_err(|e| errors.push(e)).ok();
            let (before_when, after_when) = (read(b), read(a));
            Some(WhenChange { text: field((b, a)), before: before_when?, after: after_when? })
        });
        let place = place.map(|p| {
            let f = field(p);
            let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
            FieldChange {
                before: some(f.before),
                after: some(f.after),
                before_span: f.before_span,
                after_span: f.after_span,
            }
        });
        let status = status.and_then(|(b, a)| {
            let (sb, sa) = (
                read_status(at, b).map_err(|e| errors.push(e)).ok(),
                read_status(at, a).map_err(|e| errors.push(e)).ok(),
            );
            Some(FieldChange {
                before: sb?,
                after: sa?,
                before_span: file_span(b.span()),
                after_span: file_span(a.span()),
            })
        });
        if errors.len() > before {
            continue;
        }
        let Some(date) = date else { continue };
        out.push(Change {
            date,
            when,
            place,
            status,
            note: c.note.as_ref().map(|n| n.get_ref().clone()).filter(|n| !n.trim().is_empty()),
            span: file_span(c.date.span()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, load_str};
    use super::*;
    use chrono::NaiveDate;

    const MOVED: &str = "+++\ntitle = \"论坛\"\nwhen = \"10月16日-20日\"\nwhere = \"上海\"\nchanges = [\n  \
        { date = 2023-08-20, when = \"9月18日-22日\", new_when = \"10月9日-13日\", note = \"因场地调整\" },\n  \
        { date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", where = \"北京\", new_where = \"上海\" },\n\
        ]\n+++\n";

    #[test]
    fn reads_the_history_of_changes() {
        let a = load_str(MOVED, "a.md").unwrap();
        assert_eq!((a.status(), a.sequence()), (Status::Rescheduled, 2));
        assert_eq!(a.last_change(), NaiveDate::from_ymd_opt(2023, 9, 1));
        let first = &a.changes[0];
        let w = first.when.as_ref().unwrap();
        assert_eq!((w.before.start.to_string(), w.after.start.to_string()), ("2023-09-18".into(), "2023-10-09".into()));
        assert_eq!(&a.origin.text[w.text.before_span.clone()], "\"9月18日-22日\"");
        assert_eq!(first.note.as_deref(), Some("因场地调整"));
        let p = a.changes[1].place.as_ref().unwrap();
        assert_eq!((p.before.as_deref(), p.after.as_deref()), (Some("北京"), Some("上海")));
        let whole = "title = \"x\"\nwhen = \"9月\"\nstatus = \"cancelled\"\nreason = \"报名不足\"\n\
            [[changes]]\ndate = 2023-09-05\nstatus = \"scheduled\"\nnew_status = \"cancelled\"\n";
        let a = load_str(whole, "a.toml").unwrap();
        assert_eq!((a.status(), a.sequence(), a.reason.as_deref()), (Status::Cancelled, 1, Some("报名不足")));
    }

    #[test]
    fn a_history_that_cannot_be_read_is_an_error_where_it_is() {
        for (from, to, expected) in [
            ("changes = [", "status = \"canceled\"\nchanges = [", (5, 10, "`canceled` is not a status")),
            (", new_when = \"10月9日-13日\", note", ", note", (6, 31, "the change records `when` without `new_when`")),
            (
                "date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", ",
                "date = 2023-09-01, ",
                (0, 0, ""),
            ),
            (
                "date = 2023-09-01",
                "date = 2023-08-01",
                (7, 12, "the change of 2023-08-01 is listed after the change of 2023-08-20"),
            ),
            ("\"9月18日-22日\"", "\"9月38日\"", (6, 34, "cannot read the date")),
            ("date = 2023-08-20, ", "", (6, 3, "missing required key `date`")),
            (
                "new_where = \"上海\"",
                "new_where = \"上海\", new_status = \"done\"",
                (7, 114, "the change records `new_status` without `status`"),
            ),
        ] {
            let text = MOVED.replacen(from, to, 1);
            let result = load_str(&text, "a.md");
            if expected.2.is_empty() {
                assert!(result.is_ok(), "a change of the place alone is a change: {text}");
                continue;
            }
            let e = result.unwrap_err();
            let (line, column, message) = found(&e).remove(0);
            assert!(message.starts_with(expected.2), "{text}\n{message}");
            assert_eq!(line, expected.0, "{text}\n{message}");
            if expected.1 > 0 {
                assert_eq!(column, expected.1, "{text}\n{message}");
            }
        }
        let e = load_str(&MOVED.replace("note = \"因场地调整\"", "note = \"x\"").replace(
            "{ date = 2023-09-01, when = \"10月9日-13日\", new_when = \"10月16日-20日\", where = \"北京\", new_where = \"上海\" }",
            "{ date = 2023-09-01 }"), "a.md").unwrap_err();
        assert_eq!(found(&e)[0].2, "the change records nothing: it has no `when`, `where` or `status`");
    }
}
