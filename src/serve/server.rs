//! The preview server: answers GET and HEAD from the last good build in memory, adds the reload script to HTML,
//! and tells the script about new builds and failed ones through a long-polled status endpoint.
//!
//! It runs on hyper 1 (HTTP/1.1 only) and tokio's single-threaded runtime, on one thread of its own. Zola's
//! server uses hyper directly and mdBook's uses axum, which is built on it. We use hyper directly: the server
//! has three routes of its own and answers from memory, so axum's routing and tower-http's file serving would
//! add nothing but dependencies, while hyper gives the connection limits we need as plain settings.
//!
//! Every way a client can hold on to the server is bounded (see [`Limits`]): request bodies are never read, so
//! a `Content-Length` costs nothing; headers are limited in size and in time, which also closes idle kept-alive
//! connections; a response the client does not read is abandoned; and the number of open connections is
//! capped, so an idle connection costs a little memory and a task, never a thread. At the cap a new connection
//! is still taken at once: the one idle longest (waiting for, or slowly sending, a request) is closed for it,
//! so hundreds of clients that open connections and stall cannot keep a browser from the preview. Responses go out with
//! `TCP_NODELAY`, and no header carries bytes of the request: the one that depends on it, `Location`, is built
//! from the resolved path, percent-encoded.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use super::Files;
use super::conns::{Busy, Open, Stalling, Tracked};
use super::inject::{STATUS_PATH, building_page, failed_page, inject, reload_tag};
use super::paths::{content_type, resolve};
use super::status::{Shared, Status};

/// How much a client may take of the server, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Limits {
    /// Open connections at most. The next one closes the connection idle longest, or, when every one is busy
    /// answering, waits until one closes.
    pub max_connections: usize,
    /// Time to send a request's header, counted from the connection's start or the end of its last response,
    /// so it is also how long a kept-alive connection may stay idle.
    pub header_timeout: Duration,
    /// Time a response may wait for the client to read it before the connection is dropped.
    pub write_timeout: Duration,
    /// Size of a request's header (request line included); larger ones get 431.
    pub max_header_bytes: usize,
    /// How long a status request waits for a change before answering anyway (browsers and proxies drop idle
    /// requests after a minute or so).
    pub poll_timeout: Duration,
    /// How long a shutdown waits for responses under way.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            max_header_bytes: 64 * 1024,
            poll_timeout: Duration::from_secs(25),
            shutdown_grace: Duration::from_secs(2),
        }
    }
}

/// An HTTP response, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Bytes,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> Reply {
        Reply { status, content_type, body: body.into(), headers: Vec::new() }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", format!("{text}\n"))
    }

    fn json(status: &Status) -> Reply {
        let body = serde_json::to_vec(status).expect("the status is plain data");
        Reply::new(200, "application/json; charset=utf-8", body)
    }

    /// A file of the site; HTML gets the reload script, anything else goes out without a copy.
    fn file(status: u16, rel: &str, body: Arc<[u8]>, generation: u64) -> Reply {
        let ct = content_type(rel);
        if ct.starts_with("text/html") {
            Reply::new(status, ct, inject(&body, &reload_tag(generation)))
        } else {
            Reply::new(status, ct, Bytes::from_owner(body))
        }
    }
}

/// The answer to `method target`. Only the status endpoint may wait (for a new build, up to `poll_timeout`).
pub(super) async fn route(method: &str, target: &str, shared: &Shared, poll_timeout: Duration) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut r = Reply::text(405, "405 method not allowed: this server only serves files");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == STATUS_PATH {
        let since = query.split('&').find_map(|kv| kv.strip_prefix("v=")?.parse().ok());
        let status = match since {
            Some(v) => shared.status_after(v, poll_timeout).await,
            None => shared.status(),
        };
        return Reply::json(&status);
    }
    let (files, generation) = shared.files();
    if generation == 0 {
        // Nothing built yet: a page that carries the script, which shows the errors and reloads once it builds.
        return Reply::file(503, "building.html", Arc::from(building_page().as_bytes()), 0);
    }
    if path.starts_with("/__almanac/") {
        return not_found(&files, generation); // reserved for the server, never the site's
    }
    match resolve(target) {
        Some(rel) => match files.get(&rel) {
            Some(Ok(body)) => Reply::file(200, &rel, body, generation),
            // The whole site is being checked, and the pages will show this error with the others.
            Some(Err(_)) => Reply::file(500, "error.html", Arc::from(failed_page().as_bytes()), generation),
            // Relative links in a folder's index page only work under the folder's URL with its slash.
            None if files.is_folder(&rel) => {
                let mut r = Reply::text(301, "301 moved permanently");
                r.headers.push(("Location", folder_location(&rel, query)));
                r
            }
            None => not_found(&files, generation),
        },
        None => not_found(&files, generation),
    }
}

/// Everything but unreserved characters is escaped in a path segment of a `Location`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `/rel/`, for the folder `rel` of the site (already resolved, so inside it), percent-encoded, with the query
/// kept only when it holds nothing but the characters a URI's query may (RFC 3986): never a byte the client
/// chose that could end the header or confuse the browser.
fn folder_location(rel: &str, query: &str) -> String {
    let mut location = String::from("/");
    for segment in rel.split('/') {
        location.extend(utf8_percent_encode(segment, SEGMENT));
        location.push('/');
    }
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b);
    if !query.is_empty() && query.bytes().all(allowed) {
        location.push('?');
        location.push_str(query);
    }
    location
}

/// The site's own 404 page, with status 404.
fn not_found(files: &Files, generation: u64) -> Reply {
    match files.get(crate::urls::NOT_FOUND) {
        Some(Ok(page)) => Reply::file(404, crate::urls::NOT_FOUND, page, generation),
        _ => Reply::text(404, "404 not found"),
    }
}

/// Listens on `addr` (port 0 picks a free one).
pub(super) fn listen(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Answers requests on `listener` from `shared` on a thread of its own, until the process ends or Ctrl+C;
/// after Ctrl+C and a clean shutdown it calls `on_interrupt` and returns.
pub(super) fn spawn(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    limits: Limits,
    on_interrupt: impl FnOnce() + Send + 'static,
) -> io::Result<()> {
    let interrupted = async {
        // Without a Ctrl+C handler, the default one ends the process as before.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    spawn_until(listener, shared, limits, interrupted, on_interrupt)
}

/// [`spawn`], stopping when `stop` resolves.
fn spawn_until(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    limits: Limits,
    stop: impl Future<Output = ()> + Send + 'static,
    stopped: impl FnOnce() + Send + 'static,
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let listener = {
        let _inside = runtime.enter();
        TcpListener::from_std(listener)?
    };
    std::thread::Builder::new().name("almanac-serve".into()).spawn(move || {
        runtime.block_on(serve(listener, shared, limits, stop));
        stopped();
    })?;
    Ok(())
}

/// Accepts connections until `stop` resolves, then stops accepting, answers waiting status requests at once
/// and gives the responses under way `limits.shutdown_grace` to finish.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>, limits: Limits, stop: impl Future<Output = ()>) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_header_bytes)
        .max_buf_size(limits.max_header_bytes.max(8192));
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let open = Arc::new(Open::default());
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or a connection reset before it was accepted: wait a moment
                    // rather than spin, and go on.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stop.as_mut() => break,
        };
        let slot = match Arc::clone(&slots).try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                // At the cap: the connection idle longest makes room (its task ends at once and frees its
                // slot); if every one is busy answering, the first to finish does.
                open.close_idlest();
                tokio::select! {
                    slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
                    () = stop.as_mut() => break,
                }
            }
        };
        // Small responses go out at once instead of waiting for the client's delayed acknowledgement.
        let _ = stream.set_nodelay(true);
        let conn = open.add();
        let shared = Arc::clone(&shared);
        let service = service_fn({
            let conn = Arc::clone(&conn);
            move |request| {
                // Busy from the request's header until its response is written (see `Tracked`).
                let busy = Busy::start(&conn);
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(answer(request, &shared, limits, busy).await) }
            }
        });
        let io = Stalling::new(stream, limits.write_timeout, Arc::clone(&conn));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(io), service));
        let open = Arc::clone(&open);
        tokio::spawn(async move {
            // A client that goes away, sends garbage or times out ends its own connection; nothing to report.
            tokio::select! {
                _ = connection => {}
                () = conn.closing.notified() => {}
            }
            open.remove(conn.id);
            drop(slot);
        });
    }
    drop(listener);
    shared.stop();
    let _ = tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await;
}

/// The response to `request`. Its body is never read: a request that has one gets its answer and the
/// connection is closed after it.
async fn answer(request: Request<Incoming>, shared: &Shared, limits: Limits, busy: Busy) -> Response<Tracked> {
    let has_body = !request.body().is_end_stream();
    // The request target as sent: a path, or an absolute URL (which is not the site's and gets 404).
    let target = request.uri().to_string();
    let reply = route(request.method().as_str(), &target, shared, limits.poll_timeout).await;
    let mut response = Response::new(Tracked { body: Full::new(reply.body), _busy: busy });
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(hyper::header::CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    headers.insert(hyper::header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if has_body {
        headers.insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    for (name, value) in reply.headers {
        // Values are built by the server from checked parts; one that is not a valid header is left out
        // rather than sent.
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentError;
    use crate::error::{Diagnostic, FileError};
    use std::io::{Read, Write};
    use std::net::{Ipv4Addr, TcpStream};
    use std::time::Instant;

    fn site() -> Shared {
        let shared = Shared::default();
        shared.publish(Files::from([
            ("index.html", "<html><body>home</body></html>"),
            ("404.html", "<html><body>not here</body></html>"),
            ("spring/index.html", "<body>spring</body>"),
            ("评审 1/index.html", "<body>review</body>"),
            ("static/style.css", "body{}"),
            ("static/big.bin", &"x".repeat(32 << 20)),
        ]));
        shared
    }

    fn body(r: &Reply) -> String {
        String::from_utf8(r.body.to_vec()).unwrap()
    }

    async fn get(target: &str, shared: &Shared) -> Reply {
        route("GET", target, shared, Duration::from_secs(5)).await
    }

    #[tokio::test]
    async fn serves_files_with_the_script_in_html_only() {
        let shared = site();
        let home = get("/", &shared).await;
        assert_eq!((home.status, home.content_type), (200, "text/html; charset=utf-8"));
        assert_eq!(body(&home).matches("<script>").count(), 1);
        assert!(
            body(&home).starts_with("<html><body>home<script>") && body(&home).ends_with("</script>\n</body></html>")
        );
        let css = route("HEAD", "/static/style.css", &shared, Duration::ZERO).await;
        assert_eq!((css.status, css.content_type, body(&css).as_str()), (200, "text/css; charset=utf-8", "body{}"));
    }

    #[tokio::test]
    async fn folders_serve_their_index_and_redirect_without_the_slash() {
        let shared = site();
        assert!(body(&get("/spring/", &shared).await).starts_with("<body>spring<script>"));
        let r = get("/spring?a=1", &shared).await;
        assert_eq!(r.status, 301);
        assert_eq!(r.headers, [("Location", "/spring/?a=1".to_string())]);
        // The location is the resolved folder, percent-encoded, whatever form the request took.
        let r = get("/%E8%AF%84%E5%AE%A1%201", &shared).await;
        assert_eq!(r.headers, [("Location", "/%E8%AF%84%E5%AE%A1%201/".to_string())]);
        let r = get("/评审 1", &shared).await;
        assert_eq!(r.headers, [("Location", "/%E8%AF%84%E5%AE%A1%201/".to_string())]);
    }

    #[tokio::test]
    async fn a_location_never_carries_what_a_header_cannot() {
        let shared = site();
        // Raw CR, LF, NUL, DEL, spaces, quotes, non-ASCII in the query: dropped, not echoed or encoded.
        for query in ["a\rSet-Cookie:x=1", "a\nb", "a\r\nb", "\0", "\x7f", "a b", "\"x\"", "评审", "<x>"] {
            let r = get(&format!("/spring?{query}"), &shared).await;
            assert_eq!(r.headers, [("Location", "/spring/".to_string())], "{query:?}");
        }
        // Encoded CR/LF in the path make no file: 404, no header.
        for target in ["/spring%0d%0aSet-Cookie:x=1", "/spring%0D", "/spring\r\nX: y"] {
            let r = get(target, &shared).await;
            assert_eq!((r.status, r.headers.len()), (404, 0), "{target:?}");
        }
        // Whatever the folder is called, the header is printable ASCII.
        for rel in ["spring", "评审 1", "a\"b", "a<b>", "x%y", "a?b#c"] {
            let location = folder_location(rel, "");
            assert!(location.bytes().all(|b| b.is_ascii_graphic()), "{location}");
            assert!(HeaderValue::try_from(location).is_ok());
        }
    }

    #[tokio::test]
    async fn missing_and_unsafe_paths_get_the_sites_404_page() {
        let shared = site();
        for target in ["/nope.html", "/../etc/passwd", "/%2e%2e/index.html", "/__almanac/other", "/static", "*"] {
            let r = get(target, &shared).await;
            assert_eq!(r.status, 404, "{target}");
            assert!(body(&r).contains("not here<script>"), "{target}");
        }
    }

    #[tokio::test]
    async fn only_get_and_head_are_allowed() {
        let shared = site();
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
            let r = route(method, "/index.html", &shared, Duration::ZERO).await;
            assert_eq!(r.status, 405, "{method}");
            assert_eq!(r.headers, [("Allow", "GET, HEAD".to_string())]);
        }
    }

    #[tokio::test]
    async fn status_reports_generation_and_errors_and_waits_for_a_change() {
        let shared = Arc::new(site());
        let status = async |t: &str| serde_json::from_slice::<serde_json::Value>(&get(t, &shared).await.body).unwrap();
        assert_eq!(status(STATUS_PATH).await, serde_json::json!({"version": 1, "generation": 1, "errors": []}));
        let broken = Diagnostic::at("a.md", "when = \"<b>13月\"", 8, 3, ContentError::EmptyTitle);
        shared.fail(&broken.into());
        let s = status(STATUS_PATH).await;
        assert_eq!(s["errors"][0]["source"]["marked"], "<b>");
        assert_eq!((s["errors"][0]["line"].as_u64(), s["errors"][0]["column"].as_u64()), (Some(1), Some(9)));
        // The old site is still served while the errors stand.
        assert_eq!(get("/", &shared).await.status, 200);

        let waiter = tokio::spawn({
            let shared = Arc::clone(&shared);
            async move { get(&format!("{STATUS_PATH}?v=2"), &shared).await }
        });
        tokio::task::yield_now().await;
        shared.publish(Files::from([("index.html", "new")]));
        let r: serde_json::Value = serde_json::from_slice(&waiter.await.unwrap().body).unwrap();
        assert_eq!(r, serde_json::json!({"version": 3, "generation": 2, "errors": []}));
    }

    #[tokio::test]
    async fn before_the_first_build_pages_say_so_and_carry_the_script_for_the_overlay() {
        let shared = Shared::default();
        shared.fail(&Diagnostic::file("a.md", FileError::NotUtf8).into());
        let r = get("/anything.html", &shared).await;
        assert_eq!(r.status, 503);
        assert!(body(&r).contains("站点还没有成功构建过"));
        assert!(body(&r).contains("const shown = 0;"));
    }

    /// A server on 127.0.0.1 with `limits`, for as long as the returned sender lives.
    fn start(limits: Limits) -> (u16, std::sync::mpsc::Receiver<()>, tokio::sync::oneshot::Sender<()>) {
        let listener = listen((Ipv4Addr::LOCALHOST, 0).into()).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (stop, stopping) = tokio::sync::oneshot::channel::<()>();
        let (done, stopped) = std::sync::mpsc::channel();
        let stop_when = async move {
            let _ = stopping.await;
        };
        spawn_until(listener, Arc::new(site()), limits, stop_when, move || {
            let _ = done.send(()); // a test that no longer waits has dropped its receiver
        })
        .unwrap();
        (port, stopped, stop)
    }

    fn connect(port: u16) -> TcpStream {
        let stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// The whole answer to `raw`, until the server closes the connection.
    fn exchange(port: u16, raw: &[u8]) -> String {
        let mut stream = connect(port);
        stream.write_all(raw).unwrap();
        let mut out = Vec::new();
        stream.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
        stream.set_read_timeout(Some(limit)).unwrap();
        let mut sink = Vec::new();
        stream.read_to_end(&mut sink).is_ok()
    }

    const SHORT: Limits = Limits {
        max_connections: 2,
        header_timeout: Duration::from_millis(300),
        write_timeout: Duration::from_millis(300),
        max_header_bytes: 8192,
        poll_timeout: Duration::from_secs(5),
        shutdown_grace: Duration::from_secs(2),
    };

    #[test]
    fn idle_and_slow_connections_are_closed_by_the_header_timeout() {
        let (port, _stopped, _stop) = start(Limits { max_connections: 8, ..SHORT });
        let mut idle = connect(port);
        let mut half = connect(port);
        half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap(); // never finished
        assert!(closed_within(&mut idle, Duration::from_secs(5)), "the idle connection stays open");
        assert!(closed_within(&mut half, Duration::from_secs(5)), "the unfinished header holds the connection");
    }

    fn open_after(stream: &mut TcpStream, wait: Duration) -> bool {
        stream.set_read_timeout(Some(wait)).unwrap();
        matches!(stream.read(&mut [0; 1]), Err(e) if e.kind() == io::ErrorKind::WouldBlock)
    }

    #[test]
    fn at_the_cap_the_connection_idle_longest_makes_room_at_once() {
        // A header timeout far longer than the test: only the cap can close a connection here.
        let (port, _stopped, _stop) = start(Limits { header_timeout: Duration::from_secs(60), ..SHORT });
        let mut idle = connect(port);
        std::thread::sleep(Duration::from_millis(50));
        let mut half = connect(port);
        half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap(); // never finished
        std::thread::sleep(Duration::from_millis(50));
        // Both slots are taken, both idle: a third client is answered, in place of the one idle longest.
        let third = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(third.starts_with("HTTP/1.1 200 OK\r\n"), "{third}");
        assert!(closed_within(&mut idle, Duration::from_secs(5)), "the connection idle longest stays open");
        assert!(open_after(&mut half, Duration::from_millis(200)), "the newer one was closed too");
        // With a newer idle connection in the other slot, the unfinished header is the idlest: the next client
        // closes it, and only it.
        let mut newer = connect(port);
        std::thread::sleep(Duration::from_millis(50));
        let fourth = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(fourth.starts_with("HTTP/1.1 200 OK\r\n"), "{fourth}");
        assert!(closed_within(&mut half, Duration::from_secs(5)), "the unfinished header stays open");
        assert!(open_after(&mut newer, Duration::from_millis(200)), "the newer one was closed");
    }

    #[test]
    fn a_connection_answering_is_never_closed_for_a_new_one() {
        // One slot, held by a status request waiting for a build: the next client waits for its answer, which
        // arrives whole, then is answered itself.
        let limits = Limits { max_connections: 1, poll_timeout: Duration::from_millis(400), ..SHORT };
        let (port, _stopped, _stop) = start(limits);
        let mut poll = connect(port);
        poll.write_all(format!("GET {STATUS_PATH}?v=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
            .unwrap();
        std::thread::sleep(Duration::from_millis(50));
        let next = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(next.starts_with("HTTP/1.1 200 OK\r\n"), "{next}");
        let mut answer = Vec::new();
        poll.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n") && answer.ends_with('}'), "{answer}");
    }

    #[test]
    fn a_kept_alive_connection_is_closed_when_idle_after_its_answer() {
        let (port, _stopped, _stop) = start(SHORT);
        let mut stream = connect(port);
        stream.write_all(b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0; 4096];
        let n = stream.read(&mut buf).unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).ends_with("body{}"));
        assert!(closed_within(&mut stream, Duration::from_secs(5)));
    }

    #[test]
    fn a_client_that_does_not_read_is_dropped() {
        let (port, _stopped, _stop) = start(Limits { max_connections: 1, ..SHORT });
        let mut stalled = connect(port);
        // 32 MiB, far more than the socket buffers hold, and never read.
        stalled.write_all(b"GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let next = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(next.starts_with("HTTP/1.1 200 OK\r\n"), "{next}");
    }

    #[test]
    fn bodies_are_never_read_and_headers_are_bounded() {
        let (port, _stopped, _stop) = start(SHORT);
        for method in ["POST", "GET"] {
            let raw = format!("{method} /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nabc");
            let answer = exchange(port, raw.as_bytes());
            let status = if method == "GET" { "200 OK" } else { "405 Method Not Allowed" };
            assert!(answer.starts_with(&format!("HTTP/1.1 {status}\r\n")), "{answer}");
            assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
        }
        let chunked = exchange(port, b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\n");
        assert!(chunked.starts_with("HTTP/1.1 405 "), "{chunked}");
        let big = format!("GET / HTTP/1.1\r\nHost: x\r\nCookie: {}\r\n\r\n", "a".repeat(SHORT.max_header_bytes));
        let answer = exchange(port, big.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        assert!(exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 200"));
    }

    #[test]
    fn a_stop_answers_long_polls_at_once_and_ends_the_server() {
        let (port, stopped, stop) = start(Limits { poll_timeout: Duration::from_secs(60), ..SHORT });
        let mut poll = connect(port);
        poll.write_all(format!("GET {STATUS_PATH}?v=1 HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        let started = Instant::now();
        stop.send(()).unwrap();
        let mut answer = Vec::new();
        poll.read_to_end(&mut answer).unwrap();
        assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200 OK\r\n"));
        stopped.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err(), "still listening");
    }
}
