//! `almanac serve`'s loop: builds the site in memory, serves it on a local address, rebuilds on every change and
//! reloads the pages; a failed rebuild keeps the last good site and shows its error. It never writes `output/`.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use notify_debouncer_full::DebounceEventResult;

use super::Files;
use super::server::{self, Limits};
use super::status::Shared;
use super::watch::{SiteWatcher, changed_sources};
use crate::build::{BuildSummary, Plan, load_site_keeping};
use crate::content::Kept;
use crate::error::Diagnostics;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder (the one holding almanac.toml).
    pub root: PathBuf,
    /// Include activities marked `draft = true`.
    pub drafts: bool,
    /// The address to listen on (port 0 picks a free one).
    pub addr: SocketAddr,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Serves `options` until Ctrl+C (then returns `Ok`) or the end of the process; returns an error only when
/// serving cannot start or go on. `on_event` hears what happens, for the binary to show.
pub fn run(options: &Options, on_event: impl FnMut(ServeEvent)) -> Result<(), ServeError> {
    options.serve(on_event)
}

/// What happens while serving, for the binary to show.
#[derive(Debug)]
pub enum ServeEvent {
    /// A build succeeded and is served from now on.
    Built(BuildSummary),
    /// A build failed; pages show these errors. `kept_previous`: the last good build is still served (false
    /// when no build has succeeded yet).
    Failed { errors: Diagnostics, kept_previous: bool },
    /// The server answers at this address.
    Listening { url: String },
    /// Source files changed; a rebuild follows.
    Changed(Vec<PathBuf>),
    /// Something worth saying that does not stop serving (the browser would not open, a watch was lost).
    Notice(String),
    /// Ctrl+C: the server has shut down; `run` returns next.
    Stopped,
}

/// What the loop of `run` waits for: changes to the sources, a build's every page rendered, or the end.
enum Wake {
    Changes(DebounceEventResult),
    Checked(Checked),
    Interrupted,
}

/// Every page of the build served as `generation` rendered, and what that found.
struct Checked {
    generation: u64,
    errors: Diagnostics,
    /// The build served before it, to go back to.
    previous: Arc<Files>,
    summary: BuildSummary,
    started: Instant,
}

/// What stops `almanac serve`.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error("cannot watch {} for changes: {message}", path.display())]
    Watch { path: PathBuf, message: String },
}

impl Options {
    /// See [`run`].
    fn serve(&self, mut on_event: impl FnMut(ServeEvent)) -> Result<(), ServeError> {
        // Watch events name absolute, resolved paths; compare them with a root of the same form.
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let addr = self.addr;
        let listen_error = |e: std::io::Error| ServeError::Listen { addr, message: e.to_string() };
        let listener = server::listen(addr).map_err(listen_error)?;
        let local = listener.local_addr().unwrap_or(addr);
        let url = format!("http://{}/", browsable(local));

        let (tx, rx) = mpsc::channel();
        let watch_error =
            |e: notify_debouncer_full::notify::Error| ServeError::Watch { path: root.clone(), message: e.to_string() };
        let changes = tx.clone();
        let mut watcher =
            SiteWatcher::new(&root, move |batch| drop(changes.send(Wake::Changes(batch)))).map_err(watch_error)?;

        let shared = Arc::new(Shared::default());
        let mut checking = Checking { wake: tx.clone(), stop: Arc::default() };
        let mut reuse = Reuse::default();
        self.rebuild(&root, &url, &shared, &mut checking, &mut reuse, &mut on_event);
        server::spawn(listener, Arc::clone(&shared), Limits::default(), move || drop(tx.send(Wake::Interrupted)))
            .map_err(listen_error)?;
        on_event(ServeEvent::Listening { url: url.clone() });
        if self.open
            && let Err(e) = opener::open_browser(&url)
        {
            on_event(ServeEvent::Notice(format!("could not open a browser ({e}); open {url} yourself")));
        }

        for wake in rx {
            let changed = match wake {
                Wake::Interrupted => {
                    on_event(ServeEvent::Stopped);
                    break;
                }
                Wake::Checked(checked) => {
                    checked.report(&root, &shared, &mut on_event);
                    continue;
                }
                Wake::Changes(Ok(events)) => changed_sources(&root, events.iter().map(|e| &e.event)),
                Wake::Changes(Err(errors)) => {
                    // Changes may have gone unseen: the next rebuild reads every schedule.
                    reuse.every = true;
                    for e in errors {
                        on_event(ServeEvent::Notice(format!("watching for changes: {e}")));
                    }
                    continue;
                }
            };
            if let Err(e) = watcher.refresh() {
                on_event(ServeEvent::Notice(format!("watching for changes: {e}")));
            }
            if changed.is_empty() {
                continue;
            }
            reuse.note(&changed);
            on_event(ServeEvent::Changed(changed));
            self.rebuild(&root, &url, &shared, &mut checking, &mut reuse, &mut on_event);
        }
        Ok(())
    }

    /// Reads the site again and serves it, or reports the errors (the last good site stays up).
    ///
    /// A site that reads and lays out without error is served at once, its pages rendered as browsers ask for
    /// them, so a save shows in the browser after reading the content, not after rendering every page. Then
    /// every page is rendered on another thread, for the errors a template meets only on some activity's data
    /// ([`Checked::report`]); a newer save stops that and starts its own.
    fn rebuild(
        &self,
        root: &Path,
        url: &str,
        shared: &Shared,
        checking: &mut Checking,
        reuse: &mut Reuse,
        on_event: &mut impl FnMut(ServeEvent),
    ) {
        let started = Instant::now();
        checking.stop.store(true, Ordering::Relaxed);
        let (files, summary) = match self.build(root, url, reuse.kept()) {
            Ok(built) => built,
            Err(errors) => {
                shared.fail(&errors);
                on_event(ServeEvent::Failed { errors, kept_previous: shared.generation() > 0 });
                return;
            }
        };
        let (previous, _) = shared.files();
        let files = Arc::new(files);
        *reuse = Reuse { last: Some(Arc::clone(&files)), ..Reuse::default() };
        let generation = shared.publish(Arc::clone(&files));
        let stop = Arc::new(AtomicBool::new(false));
        checking.stop = Arc::clone(&stop);
        let wake = checking.wake.clone();
        std::thread::spawn(move || {
            // On a pool of its own, of one thread: rendering every page must not hold up the next save's
            // layout and link check, which use the shared pool.
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
            let checked = match &pool {
                Ok(pool) => pool.install(|| files.check(&stop)),
                Err(_) => files.check(&stop),
            };
            if let Some(errors) = checked {
                drop(wake.send(Wake::Checked(Checked { generation, errors, previous, summary, started })));
            }
        });
    }

    /// Reads and lays out the whole site, as `almanac build` would, in memory: every error of the content, the
    /// layout and the links is found here. Nothing is written to disk, and `output/` is never touched.
    fn build(&self, root: &Path, url: &str, kept: Kept) -> Result<(Files, BuildSummary), Diagnostics> {
        let started = Instant::now();
        // Like a published site, but at the preview's address: the 404 page's link home then works here.
        let mut site = load_site_keeping(root, self.drafts, Some(url), kept)?;
        // What is made from the whole site is left out: no browser asks for the compressed copies, and the
        // archive would have every page rendered on every save.
        site.config.compress = false;
        site.config.archive = false;
        let plan = Plan::new(root, site)?;
        let summary = plan.summary(PathBuf::from(url), started.elapsed());
        Ok((Files::live(plan), summary))
    }
}

/// What a rebuild may keep of the last site read without error: its schedules, but those whose folders changed
/// since. Reading the content is most of a rebuild (at 10,000 activities in 80 schedules, 500 of 560 ms), and a
/// save touches one schedule. A schedule is read from its own folder alone (`content::load`, which no other
/// file informs), so only a change inside `content/` can change one; the config, templates and the rest are read
/// again on every rebuild as before, and the site's indexes, layout and links are always made anew.
#[derive(Default)]
struct Reuse {
    /// The last site read without error.
    last: Option<Arc<Files>>,
    /// Folders under `content/` changed since it was read.
    changed: BTreeSet<String>,
    /// Read every schedule again: `content/` itself changed, or changes may have gone unseen.
    every: bool,
}

impl Reuse {
    /// Notes changed paths, relative to the site's root.
    fn note(&mut self, paths: &[PathBuf]) {
        for path in paths {
            let mut parts = path.components();
            if parts.next().is_none_or(|c| c.as_os_str() != "content") {
                continue;
            }
            match parts.next() {
                Some(folder) => drop(self.changed.insert(folder.as_os_str().to_string_lossy().into_owned())),
                None => self.every = true,
            }
        }
    }

    /// The schedules a rebuild keeps: each that has not changed since it was read (shared, not copied).
    fn kept(&self) -> Kept {
        let site = match (&self.last, self.every) {
            (Some(files), false) => files.site(),
            _ => None,
        };
        site.map_or_else(Kept::new, |site| {
            site.schedules
                .iter()
                .filter(|s| !self.changed.contains(&s.slug))
                .map(|s| (s.slug.clone(), Arc::clone(s)))
                .collect()
        })
    }
}

/// The render of every page going on in the background: where it reports, and what stops it.
struct Checking {
    wake: mpsc::Sender<Wake>,
    stop: Arc<AtomicBool>,
}

impl Checked {
    /// Says the build is good, or serves the last good build again and shows the errors, unless a newer build
    /// is served by now.
    fn report(self, root: &Path, shared: &Shared, on_event: &mut impl FnMut(ServeEvent)) {
        if shared.generation() != self.generation {
            return;
        }
        let errors = self.errors.relative_to(root);
        if errors.is_empty() {
            on_event(ServeEvent::Built(BuildSummary { elapsed: self.started.elapsed(), ..self.summary }));
        } else if self.generation > 1 {
            shared.restore(self.previous, self.generation, &errors);
            on_event(ServeEvent::Failed { errors, kept_previous: true });
        } else {
            // No good build to go back to: the pages that fail say so, and the overlay says why.
            shared.fail(&errors);
            on_event(ServeEvent::Failed { errors, kept_previous: false });
        }
    }
}

/// The address a browser on this computer can open: "any address" binds become the loopback address.
fn browsable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port()),
        _ => addr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_address_binds_are_browsed_on_loopback() {
        let url = |a: &str| browsable(a.parse().unwrap()).to_string();
        assert_eq!(url("0.0.0.0:1111"), "127.0.0.1:1111");
        assert_eq!(url("[::]:1111"), "[::1]:1111");
        assert_eq!(url("192.0.2.7:8080"), "192.0.2.7:8080");
    }
}
