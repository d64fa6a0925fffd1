//! `almanac init DIR`: a new site that builds at once (see [`almanac::init`]).

use std::path::PathBuf;

use almanac::error::Diagnostics;

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in (it must not hold a site already).
    pub dir: PathBuf,
    /// The site's title.
    #[arg(long, default_value = "活动日历")]
    pub title: String,
    /// The first schedule's year.
    #[arg(long, default_value_t = 2024)]
    pub year: i32,
}

impl InitArgs {
    /// Returns the files written.
    pub(crate) fn run(&self) -> Result<Vec<PathBuf>, Diagnostics> {
        almanac::init::create(&self.dir, &self.title, self.year)
    }
}
