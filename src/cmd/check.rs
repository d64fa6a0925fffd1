//! `almanac check`: everything `build` would check, without writing anything, plus warnings and a table of
//! how each date was read, so an editor sees the calendar's reading before publishing.

use std::path::PathBuf;

use almanac::build::{self, CheckReport};

#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct CheckArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include activities marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

impl CheckArgs {
    /// Never fails outright: problems are in the report.
    pub(crate) fn run(&self) -> CheckReport {
        build::check(&self.root, self.drafts, self.strict)
    }
}
