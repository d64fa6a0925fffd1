//! `almanac build`: the library's pipeline, from the command line.

use std::path::PathBuf;

use almanac::build::{self, BuildEvent, BuildSummary, Options};
use almanac::error::Diagnostics;

#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct BuildArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include activities marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// The address the site will be published at, overriding `base_url` in almanac.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Replace the output folder even if no almanac build wrote it, deleting everything in it. A folder of
    /// the site's sources is never replaced.
    #[arg(long)]
    pub force: bool,
    /// Also write a gzip (.gz) and a brotli (.br) copy of each text file, for hosts that serve them as they
    /// are (nginx's gzip_static); the same as `compress = true` in almanac.toml.
    #[arg(long)]
    pub compress: bool,
}

impl BuildArgs {
    /// Builds; `on_event` hears what the build waits for.
    pub(crate) fn run(&self, on_event: impl FnMut(BuildEvent)) -> Result<BuildSummary, Diagnostics> {
        let options = Options {
            root: self.root.clone(),
            output: self.output.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            force: self.force,
            compress: self.compress,
        };
        build::build_with(&options, on_event)
    }
}
