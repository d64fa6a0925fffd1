//! `almanac serve`: a preview server that rebuilds on every change (see [`almanac::serve::run`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use almanac::serve::{self, Options, ServeError, ServeEvent};

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include activities marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; the default is reachable from this computer only.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    /// Serves until Ctrl+C; `on_event` hears what happens.
    pub(crate) fn run(&self, on_event: impl FnMut(ServeEvent)) -> Result<(), ServeError> {
        let options = Options {
            root: self.root.clone(),
            drafts: self.drafts,
            addr: SocketAddr::new(self.bind, self.port),
            open: self.open,
        };
        serve::run(&options, on_event)
    }
}
