//! almanac: a static site generator for schedules of activities, honest about fuzzy dates.
//!
//! The pipeline, one module per stage in the order data flows:
//! [`config`] → [`content`] (front matter, activity model, dates) → [`markdown`] → [`site`] (immutable model
//! with its indexes) → [`render`] (Tera, views) and [`export`] (calendars, feeds, data) → [`output`] (atomic
//! write). [`urls`] makes every link. [`serve`] holds the parts of `almanac serve` (a preview server that
//! rebuilds on change). [`import`] reads a Word table, a spreadsheet or a CSV file into a schedule folder.
//! The library never prints; the binary does.

// A `Diagnostic` carries its source line and help; it only travels on the error path, where size is no cost.
#![allow(clippy::result_large_err)]

pub mod cmd;
pub mod config;
pub mod content;
pub mod error;
pub mod export;
pub mod import;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod urls;
