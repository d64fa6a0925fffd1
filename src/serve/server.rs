//! The preview server: answers GET and HEAD from the last good build in memory, adds the reload script to HTML,
//! and tells the script about new builds and failed ones through a long-polled status endpoint.

use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::Files;
use super::inject::{STATUS_PATH, building_page, inject, reload_tag};
use super::paths::{content_type, resolve};
use super::status::ErrorView;
use crate::error::Diagnostics;

/// How long a status request waits for a change before answering anyway (browsers and proxies drop idle
/// requests after a minute or so).
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// What the server shows: the last good build and the errors of the last build, if it failed.
#[derive(Debug, Default)]
struct State {
    /// Counts every change of state (new build or new error), for the status long poll.
    version: u64,
    /// Counts good builds; 0 until the first one. A page reloads when the generation it came from is old.
    generation: u64,
    files: Arc<Files>,
    /// The errors of the last build, already in the form the pages get; empty when it succeeded.
    errors: Arc<[ErrorView]>,
}

/// The state, shared between the build loop and the request threads.
#[derive(Debug, Default)]
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked leaves the state consistent: every change is one assignment block.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves `files` from now on and clears any error. Returns the new generation.
    pub fn publish(&self, files: Files) -> u64 {
        let mut s = self.lock();
        s.files = Arc::new(files);
        s.generation += 1;
        s.version += 1;
        s.errors = Arc::new([]);
        self.changed.notify_all();
        s.generation
    }

    /// The generation being served; 0 before the first good build.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Keeps serving the last good build and reports `errors` to the pages.
    pub fn fail(&self, errors: &Diagnostics) {
        let views = errors.iter().map(ErrorView::from).collect();
        let mut s = self.lock();
        s.errors = views;
        s.version += 1;
        self.changed.notify_all();
    }

    /// The status as JSON, once it differs from version `since` (or at once without one, or at the timeout).
    fn status(&self, since: Option<u64>, timeout: Duration) -> String {
        let s = self.lock();
        let s = match since {
            Some(v) => {
                self.changed
                    .wait_timeout_while(s, timeout, |s| s.version == v)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
            None => s,
        };
        serde_json::json!({ "version": s.version, "generation": s.generation, "errors": &s.errors[..] }).to_string()
    }
}

/// An HTTP response, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, content_type, body: body.into(), headers: Vec::new() }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", format!("{text}\n"))
    }

    /// A file of the site; HTML gets the reload script.
    fn file(status: u16, rel: &str, body: &[u8], generation: u64) -> Reply {
        let ct = content_type(rel);
        if ct.starts_with("text/html") {
            Reply::new(status, ct, inject(body, &reload_tag(generation)))
        } else {
            Reply::new(status, ct, body)
        }
    }
}

/// The answer to `method target`. Only the status endpoint may wait (for a new build).
pub fn route(method: &str, target: &str, shared: &Shared) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut r = Reply::text(405, "405 method not allowed: this server only serves files");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == STATUS_PATH {
        let since = query.split('&').find_map(|kv| kv.strip_prefix("v=")?.parse().ok());
        return Reply::new(200, "application/json; charset=utf-8", shared.status(since, POLL_TIMEOUT));
    }
    let (files, generation) = {
        let s = shared.lock();
        (Arc::clone(&s.files), s.generation)
    };
    if generation == 0 {
        // Nothing built yet: a page that carries the script, which shows the errors and reloads once it builds.
        return Reply::file(503, "building.html", building_page().as_bytes(), 0);
    }
    if path.starts_with("/__almanac/") {
        return not_found(&files, generation); // reserved for the server, never the site's
    }
    match resolve(target) {
        Some(rel) => match files.get(&rel) {
            Some(body) => Reply::file(200, &rel, &body, generation),
            // Relative links in a folder's index page only work under the folder's URL with its slash.
            None if files.is_folder(&rel) => {
                let mut r = Reply::text(301, "301 moved permanently");
                let query = if query.is_empty() { String::new() } else { format!("?{query}") };
                r.headers.push(("Location", format!("{path}/{query}")));
                r
            }
            None => not_found(&files, generation),
        },
        None => not_found(&files, generation),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(files: &Files, generation: u64) -> Reply {
    match files.get(crate::urls::NOT_FOUND) {
        Some(page) => Reply::file(404, crate::urls::NOT_FOUND, &page, generation),
        None => Reply::text(404, "404 not found"),
    }
}

/// Listens on `addr` (port 0 picks a free one).
pub fn listen(addr: SocketAddr) -> Result<tiny_http::Server, String> {
    tiny_http::Server::http(addr).map_err(|e| e.to_string())
}

/// Answers requests on `server` from `shared`, each on its own thread (a status request may wait long), for
/// as long as the process runs.
pub fn spawn(server: tiny_http::Server, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let reply = route(request.method().as_str(), request.url(), &shared);
                // The browser may have gone away; nothing to do about it.
                let _ = request.respond(response(reply));
            });
        }
    });
}

fn response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut r = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [("Content-Type", reply.content_type.to_string()), ("Cache-Control", "no-store".into())];
    for (name, value) in headers.into_iter().chain(reply.headers) {
        // A value that is not ASCII (a raw non-ASCII request path in a Location) cannot be sent; leave it out.
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Diagnostic, ErrorKind};

    fn site() -> Shared {
        let shared = Shared::default();
        shared.publish(Files::from([
            ("index.html", "<html><body>home</body></html>"),
            ("404.html", "<html><body>not here</body></html>"),
            ("spring/index.html", "<body>spring</body>"),
            ("static/style.css", "body{}"),
        ]));
        shared
    }

    fn body(r: &Reply) -> String {
        String::from_utf8(r.body.clone()).unwrap()
    }

    #[test]
    fn serves_files_with_the_script_in_html_only() {
        let shared = site();
        let home = route("GET", "/", &shared);
        assert_eq!((home.status, home.content_type), (200, "text/html; charset=utf-8"));
        assert_eq!(body(&home).matches("<script>").count(), 1);
        assert!(
            body(&home).starts_with("<html><body>home<script>") && body(&home).ends_with("</script>\n</body></html>")
        );
        let css = route("HEAD", "/static/style.css", &shared);
        assert_eq!((css.status, css.content_type, body(&css).as_str()), (200, "text/css; charset=utf-8", "body{}"));
    }

    #[test]
    fn folders_serve_their_index_and_redirect_without_the_slash() {
        let shared = site();
        assert!(body(&route("GET", "/spring/", &shared)).starts_with("<body>spring<script>"));
        let r = route("GET", "/spring?a=1", &shared);
        assert_eq!(r.status, 301);
        assert_eq!(r.headers, [("Location", "/spring/?a=1".to_string())]);
    }

    #[test]
    fn missing_and_unsafe_paths_get_the_sites_404_page() {
        let shared = site();
        for target in ["/nope.html", "/../etc/passwd", "/%2e%2e/index.html", "/__almanac/other", "/static"] {
            let r = route("GET", target, &shared);
            assert_eq!(r.status, 404, "{target}");
            assert!(body(&r).contains("not here<script>"), "{target}");
        }
    }

    #[test]
    fn only_get_and_head_are_allowed() {
        let shared = site();
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
            let r = route(method, "/index.html", &shared);
            assert_eq!(r.status, 405, "{method}");
            assert_eq!(r.headers, [("Allow", "GET, HEAD".to_string())]);
        }
    }

    #[test]
    fn status_reports_generation_and_errors_and_waits_for_a_change() {
        let shared = Arc::new(site());
        let status = |t| serde_json::from_slice::<serde_json::Value>(&route("GET", t, &shared).body).unwrap();
        assert_eq!(status(STATUS_PATH), serde_json::json!({"version": 1, "generation": 1, "errors": []}));
        let broken = Diagnostic::at("a.md", "when = \"<b>13月\"", 8, 3, ErrorKind::EmptyTitle);
        shared.fail(&broken.into());
        let s = status(STATUS_PATH);
        assert_eq!(s["errors"][0]["source"]["marked"], "<b>");
        assert_eq!((s["errors"][0]["line"].as_u64(), s["errors"][0]["column"].as_u64()), (Some(1), Some(9)));
        // The old site is still served while the errors stand.
        assert_eq!(route("GET", "/", &shared).status, 200);

        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || route("GET", &format!("{STATUS_PATH}?v=2"), &shared))
        };
        std::thread::sleep(Duration::from_millis(50));
        shared.publish(Files::from([("index.html", "new")]));
        let r: serde_json::Value = serde_json::from_slice(&waiter.join().unwrap().body).unwrap();
        assert_eq!(r, serde_json::json!({"version": 3, "generation": 2, "errors": []}));
    }

    #[test]
    fn before_the_first_build_pages_say_so_and_carry_the_script_for_the_overlay() {
        let shared = Shared::default();
        shared.fail(&Diagnostic::file("a.md", ErrorKind::NotUtf8).into());
        let r = route("GET", "/anything.html", &shared);
        assert_eq!(r.status, 503);
        assert!(body(&r).contains("站点还没有成功构建过"));
        assert!(body(&r).contains("const shown = 0;"));
    }
}
