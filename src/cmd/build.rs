//! `almanac build`: the library's pipeline, from the command line.

use std::path::PathBuf;

use crate::build::{self, BuildSummary, Options};
use crate::error::Diagnostics;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct BuildArgs {
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
}

impl BuildArgs {
    pub fn run(&self) -> Result<BuildSummary, Diagnostics> {
        build::build(&Options {
            root: self.root.clone(),
            output: self.output.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
        })
    }
}
