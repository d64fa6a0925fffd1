//! almanac: a static site generator for schedules of activities, honest about fuzzy dates.
//!
//! The pipeline, one module per stage in the order data flows: `config` → [`content`] (front matter, activity
//! model, dates) → [`markdown`] → [`site`] (immutable model with its indexes) → [`layout`] (every file the site
//! writes, by path, and the link rule) → `export` (calendars, feeds, data) and [`render`] (Tera, views) →
//! [`output`] (atomic write). [`build`] runs the pipeline for `build`, `check` and `serve`; `lint` adds
//! `check`'s warnings; `urls` makes every link. [`error`] holds the diagnostics every stage returns.
//!
//! The commands' features: [`build`] (`build`, `check`), [`content::new`], [`init`], [`reschedule`], and behind
//! the cargo features of the same names `serve` (a preview server that rebuilds on change) and `import` (a Word
//! table, a spreadsheet or a CSV file into a schedule folder). The binary's `cmd/` turns arguments into their
//! options. The library never prints; the binary does.

// `pub` only what a user of the library can reach; the rest says `pub(crate)`.
#![warn(unreachable_pub)]
// A `Diagnostic` carries its source line and help; it only travels on the error path, where size is no cost.
#![allow(clippy::result_large_err)]

// Public: what the binary, the tests, the benchmarks and the examples use. The rest is the library's own.
pub mod build;
mod config;
pub mod content;
pub mod error;
mod escape;
mod export;
#[cfg(feature = "import")]
pub mod import;
pub mod init;
pub mod layout;
mod lint;
pub mod markdown;
pub mod output;
pub mod render;
pub mod reschedule;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
mod urls;
pub mod words;
mod zone;
