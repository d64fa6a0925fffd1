//! The edits `reschedule` makes with `toml_edit`, which keeps the comments, order and spacing around them.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use super::RescheduleError;

pub(super) fn toml_date(d: chrono::NaiveDate) -> toml_edit::Datetime {
    use chrono::Datelike;
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or_default(),
        month: u8::try_from(d.month()).unwrap_or_default(),
        day: u8::try_from(d.day()).unwrap_or_default(),
    };
    toml_edit::Datetime { date: Some(date), time: None, offset: None }
}

/// Sets `key` to the string `value`, keeping the spacing and comment around the old value; a new key goes
/// after the others.
pub(super) fn set(table: &mut Table, key: &str, value: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = Value::from(value);
            *v.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::value(value));
        }
    }
}

/// Appends `entry` to `changes` in the form the file uses: a line of its own in an array of inline tables
/// (made when there is none), or a `[[changes]]` table.
pub(super) fn push_change(doc: &mut DocumentMut, mut entry: InlineTable) -> Result<(), RescheduleError> {
    entry.fmt();
    match doc.get_mut("changes") {
        None => {
            let mut array = Array::new();
            array.push_formatted(Value::InlineTable(entry));
            format_lines(&mut array);
            doc.insert("changes", Item::Value(Value::Array(array)));
        }
        Some(Item::Value(Value::Array(array))) => {
            array.push_formatted(Value::InlineTable(entry));
            format_lines(array);
        }
        Some(Item::ArrayOfTables(tables)) => tables.push(entry.into_table()),
        Some(Item::Table(_)) | Some(Item::Value(_)) | Some(Item::None) => {
            return Err(RescheduleError::ChangesNotAList);
        }
    }
    Ok(())
}

/// One entry a line, indented, with a trailing comma, the way README shows `changes`.
fn format_lines(array: &mut Array) {
    for item in array.iter_mut() {
        item.decor_mut().set_prefix("\n  ");
        item.decor_mut().set_suffix("");
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
}
