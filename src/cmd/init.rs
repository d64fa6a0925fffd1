//! `almanac init DIR`: a new site that builds at once (see [`almanac::init`]).

use std::path::PathBuf;

use almanac::error::Diagnostics;

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in (it must not hold a site already).
    pub dir: PathBuf,
    /// The site's title [default: 活动日历, 活動行事曆 or Activities, by --language].
    #[arg(long)]
    pub title: Option<String>,
    /// The first schedule's year.
    #[arg(long, default_value_t = 2024)]
    pub year: i32,
    /// The site's language: zh-CN, zh-TW or en. Its pages speak it, and the example schedule is written in it.
    #[arg(long, default_value = "zh-CN")]
    pub language: String,
}

impl InitArgs {
    /// Returns the files written.
    pub(crate) fn run(&self) -> Result<Vec<PathBuf>, Diagnostics> {
        almanac::init::create(&self.dir, self.title.as_deref(), self.year, &self.language)
    }
}
