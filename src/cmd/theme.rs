//! `almanac theme`: see the files of the theme a site uses, and copy some (or all) into the site to override them.

use std::path::PathBuf;

use almanac::error::Diagnostics;
use almanac::render::theme::{self, Listing};

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ThemeArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".", global = true)]
    pub root: PathBuf,
    #[command(subcommand)]
    pub action: ThemeAction,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub(crate) enum ThemeAction {
    /// List the theme's templates and static files, marking those the site overrides.
    List,
    /// Copy templates or static files into the site's templates/ and static/ to override them (or, with
    /// --all, the whole default theme into themes/default/). Never overwrites a file without --force.
    Copy(CopyArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CopyArgs {
    /// Files as `almanac theme list` names them: activity.html, partials/calendar.html, style.css.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub names: Vec<String>,
    /// Copy the whole built-in default theme into themes/default/ (the site then uses that copy).
    #[arg(long)]
    pub all: bool,
    /// Replace files that already exist (losing their edits).
    #[arg(long)]
    pub force: bool,
}

/// What `almanac theme` did, for the binary to print.
#[derive(Debug, Clone)]
pub(crate) enum ThemeOutcome {
    Listed(Listing),
    /// The files written, and whether they are a whole theme.
    Copied {
        files: Vec<PathBuf>,
        all: bool,
    },
}

impl ThemeArgs {
    pub(crate) fn run(&self) -> Result<ThemeOutcome, Diagnostics> {
        match &self.action {
            ThemeAction::List => theme::list(&self.root).map(ThemeOutcome::Listed),
            ThemeAction::Copy(c) if c.all => {
                theme::copy_all(&self.root, c.force).map(|files| ThemeOutcome::Copied { files, all: true })
            }
            ThemeAction::Copy(c) => {
                theme::copy(&self.root, &c.names, c.force).map(|files| ThemeOutcome::Copied { files, all: false })
            }
        }
    }
}
