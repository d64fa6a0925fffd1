//! `almanac serve` end to end: the real binary on a copy of a fixture site, over plain HTTP/1.1 on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The running server; killed however the test ends.
struct Serve {
    child: Child,
    port: u16,
    log: tempfile::TempDir,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        // A free port: the OS picks one for a listener we drop at once.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
        let log = tempfile::tempdir().unwrap();
        let file = |name| Stdio::from(std::fs::File::create(log.path().join(name)).unwrap());
        let child = Command::new(env!("CARGO_BIN_EXE_almanac"))
            .args(["serve", "--port", &port.to_string(), "--root", root.to_str().unwrap()])
            .stdout(file("stdout"))
            .stderr(file("stderr"))
            .spawn()
            .unwrap();
        let mut serve = Serve { child, port, log };
        poll("the server to answer", || {
            if let Ok(Some(exit)) = serve.child.try_wait() {
                panic!("almanac serve exited ({exit}):\n{}", serve.output());
            }
            serve.try_get("/__almanac/status").filter(|r| r.status == 200)
        });
        serve
    }

    fn try_get(&self, target: &str) -> Option<Reply> {
        request(self.port, "GET", target).ok()
    }

    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target).unwrap_or_else(|e| panic!("GET {target}: {e}\n{}", self.output()))
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__almanac/status").body).unwrap()
    }

    /// The errors the status reports, once there are some.
    fn errors(&self) -> Vec<serde_json::Value> {
        poll("errors to be reported", || {
            let errors = self.status()["errors"].as_array().cloned().unwrap_or_default();
            (!errors.is_empty()).then_some(errors)
        })
    }

    /// Threads of the server process, as Linux counts them.
    #[cfg(target_os = "linux")]
    fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// Everything the server answers to `raw`, sent as is on a connection of its own, until it closes it.
    fn raw(&self, raw: &[u8]) -> Vec<u8> {
        let mut stream = self.connect();
        stream.write_all(raw).unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out); // a reset after the answer is fine
        out
    }

    /// Whether the process is still running.
    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn output(&self) -> String {
        let read = |name| std::fs::read_to_string(self.log.path().join(name)).unwrap_or_default();
        format!("stdout:\n{}\nstderr:\n{}", read("stdout"), read("stderr"))
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// One HTTP/1.1 request with `Connection: close`, the target sent byte for byte as given.
fn request(port: u16, method: &str, target: &str) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or(std::io::ErrorKind::InvalidData)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    Ok(Reply { status, head, body: raw[split + 4..].to_vec() })
}

/// Calls `f` until it gives a value, for at most 10 seconds.
fn poll<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_rebuilds_shows_errors_and_keeps_to_the_site() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    // Files beside the site that no request may reach, one through a symlink in static/.
    std::fs::write(root.join("secret.txt"), "SECRET").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("secret.txt"), root.join("static/leak.txt")).unwrap();

    let serve = Serve::start(root);

    // Pages, with the reload script in HTML only.
    let home = serve.get("/");
    assert_eq!(home.status, 200, "{}", serve.output());
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(home.text().contains("测试站点"));
    assert_eq!(home.text().matches("/__almanac/status").count(), 1);
    assert!(home.text().trim_end().ends_with("</script>\n</body>\n</html>"), "{}", home.text());
    let css = serve.get("/static/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    assert!(!css.text().contains("<script"));
    let folder = serve.get("/spring");
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/spring/")));
    assert!(serve.get("/spring/").text().contains("2024年春季活动"));
    let head = request(serve.port, "HEAD", "/index.html").unwrap();
    assert_eq!((head.status, head.body.len()), (200, 0));

    // An edit is served after the rebuild.
    let page = "/spring/01-forum.html";
    let file = root.join("content/spring/01-forum.md");
    let original = read(&file);
    std::fs::write(&file, original.replace("质量论坛", "质量论坛（已改期）")).unwrap();
    poll("the edit to be served", || serve.try_get(page).filter(|r| r.text().contains("质量论坛（已改期）")));
    let generation = serve.status()["generation"].as_u64().unwrap();

    // A broken file: the error, with file, line and column, goes to the overlay; the last good page is still served.
    let broken = read(&file).replace("when = \"3月18日-22日\"", "when = \"13月\"");
    assert!(broken.contains("13月"));
    std::fs::write(&file, &broken).unwrap();
    let errors = serve.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "content/spring/01-forum.md");
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["column"].as_u64()), (Some(4), Some(9)));
    assert_eq!(errors[0]["source"]["before"], "when = \"");
    assert!(errors[0]["message"].as_str().unwrap().contains("13月"), "{errors:?}");
    let stale = serve.get(page);
    assert_eq!(stale.status, 200);
    assert!(stale.text().contains("质量论坛（已改期）"));
    assert_eq!(serve.status()["generation"].as_u64(), Some(generation));

    // Fixing it clears the error and serves a new generation, which reloads the pages.
    std::fs::write(&file, broken.replace("when = \"13月\"", "when = \"3月19日\"")).unwrap();
    let status = poll("the error to clear", || {
        let s = serve.status();
        (s["errors"] == serde_json::json!([]) && s["generation"].as_u64() > Some(generation)).then_some(s)
    });
    assert!(status["generation"].as_u64() > Some(generation));
    assert!(serve.get(page).text().contains("3月19日"));
    let terminal = serve.output();
    assert!(terminal.contains("content/spring/01-forum.md:4:"), "{terminal}");

    // Nothing outside the built site, however it is asked for.
    let outside = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/spring/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/static%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/index.html%00.png",
        "/static/leak.txt",
        "/secret.txt",
        "/almanac.toml",
        "/content/spring/01-forum.md",
        "/themes/default/templates/base.html",
        "/.git/config",
        "http://127.0.0.1/../secret.txt",
    ];
    for target in outside {
        let r = serve.get(target);
        assert_eq!(r.status, 404, "{target} → {}\n{}", r.status, r.text());
        assert!(!r.text().contains("SECRET") && !r.text().contains("root:"), "{target} leaked");
        assert!(r.text().contains("页面不存在"), "{target} did not get the site's 404 page");
    }
    let post = request(serve.port, "POST", "/index.html").unwrap();
    assert_eq!((post.status, post.header("Allow")), (405, Some("GET, HEAD")));

    // Serving never writes the site's output folder.
    assert!(!root.join("output").exists());
}

/// The header lines of a raw response.
fn head_lines(raw: &[u8]) -> Vec<String> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..end]).split("\r\n").map(str::to_string).collect()
}

#[test]
fn hostile_requests_neither_stop_nor_steer_the_server() {
    let site = fixture_site("valid-minimal");
    let mut serve = Serve::start(site.path());

    // A huge declared body is never read nor allocated: the request is answered, and so is the next one.
    for method in ["POST", "PUT", "GET"] {
        let raw = format!("{method} /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nabc");
        let answer = serve.raw(raw.as_bytes());
        let want = if method == "GET" { "HTTP/1.1 200 OK" } else { "HTTP/1.1 405 Method Not Allowed" };
        assert_eq!(head_lines(&answer)[0], want, "{method}");
        assert!(serve.alive(), "{method} with a huge Content-Length stopped the server:\n{}", serve.output());
        assert_eq!(serve.get("/").status, 200);
    }
    let chunked = serve.raw(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffff\r\n");
    assert_eq!(head_lines(&chunked)[0], "HTTP/1.1 405 Method Not Allowed");

    // A header larger than the limit (64 KiB) is refused, not buffered without end.
    let big = format!("GET / HTTP/1.1\r\nHost: x\r\nCookie: {}\r\n\r\n", "a".repeat(100_000));
    assert_eq!(head_lines(&serve.raw(big.as_bytes()))[0], "HTTP/1.1 431 Request Header Fields Too Large");
    assert_eq!(serve.get("/").status, 200);

    // CR, LF and other bytes in the target never reach a header: refused, or the Location is the resolved
    // folder alone.
    let targets: [&[u8]; 8] = [
        b"/spring\rSet-Cookie:injected=1",
        b"/spring?\rSet-Cookie:injected=1",
        b"/spring?\nSet-Cookie:injected=1",
        b"/spring?a%0d%0aSet-Cookie:injected=1",
        b"/spring%0d%0aSet-Cookie:injected=1",
        "/spring?评审\r".as_bytes(),
        b"/spring?\x7f\x01",
        b"/spring\xff",
    ];
    for target in targets {
        let mut raw = b"GET ".to_vec();
        raw.extend_from_slice(target);
        raw.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let answer = serve.raw(&raw);
        let lines = head_lines(&answer);
        let shown = String::from_utf8_lossy(target);
        assert!(!lines.is_empty() && lines[0].starts_with("HTTP/1.1 "), "{shown:?}: {lines:?}");
        for line in &lines[1..] {
            assert!(!line.to_ascii_lowercase().starts_with("set-cookie"), "{shown:?} injected a header: {lines:?}");
            assert!(line.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)), "{shown:?}: {line:?}");
            if let Some(location) = line.strip_prefix("location: ") {
                assert!(location == "/spring/" || location == "/spring/?a%0d%0aSet-Cookie:injected=1", "{location}");
            }
        }
    }
    assert!(serve.alive());

    // Requests on a kept-alive connection are answered at once (they used to wait ~43 ms each for the
    // client's delayed acknowledgement).
    let mut stream = serve.connect();
    let started = Instant::now();
    for _ in 0..30 {
        stream.write_all(b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut got = Vec::new();
        let mut buf = [0; 65536];
        while !complete(&got) {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "the connection closed");
            got.extend_from_slice(&buf[..n]);
        }
    }
    let took = started.elapsed();
    assert!(took < Duration::from_millis(600), "30 requests on one connection took {took:?}");
}

/// Whether `raw` holds a whole response with a Content-Length.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let length: usize = head_lines(raw)
        .iter()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.parse().unwrap()))
        .unwrap();
    raw.len() >= end + 4 + length
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_and_long_polls_cost_no_threads_and_idle_ones_are_closed() {
    let site = fixture_site("valid-minimal");
    let serve = Serve::start(site.path());
    let before = serve.threads();
    let version = serve.status()["version"].as_u64().unwrap();

    let mut idle: Vec<TcpStream> = (0..300).map(|_| serve.connect()).collect();
    let polls: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut s = serve.connect();
            write!(s, "GET /__almanac/status?v={version} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            s
        })
        .collect();
    // The server still answers at once, on as many threads as before.
    let started = Instant::now();
    assert_eq!(serve.get("/").status, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "answering took {:?}", started.elapsed());
    let during = serve.threads();
    assert!(during <= before + 1, "{before} threads before, {during} with 400 open connections");

    // Idle connections are closed by the server after the header timeout (10 s).
    let started = Instant::now();
    for stream in &mut idle {
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut sink = Vec::new();
        assert!(stream.read_to_end(&mut sink).is_ok(), "an idle connection stayed open for {:?}", started.elapsed());
    }
    assert!(serve.threads() <= before + 1);
    drop(polls);
}

#[test]
fn a_template_error_at_render_time_reaches_the_terminal_and_the_overlay() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let serve = Serve::start(root);
    let page = "/spring/01-forum.html";
    assert!(serve.get(page).text().contains("质量论坛"));
    let generation = serve.status()["generation"].as_u64().unwrap();

    // Only rendering an activity page finds this: the template parses, the field does not exist.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let template = "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ activity.title }}</h1>\n\
                    <p>{{ activity.nonexistent_field }}</p>\n{% endblock content %}\n";
    std::fs::write(root.join("templates/activity.html"), template).unwrap();

    let errors = serve.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e["severity"], "error");
    assert_eq!(e["path"], "templates/activity.html");
    assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(4), Some(16)));
    assert!(e["message"].as_str().unwrap().contains("nonexistent_field"), "{e}");
    assert!(e["help"].as_str().is_some_and(|h| !h.is_empty()), "{e}");
    assert_eq!(
        e["source"],
        serde_json::json!({"before": "<p>{{ activity.", "marked": "nonexistent_field", "after": " }}</p>"})
    );
    let terminal = poll("the terminal to show the error", || {
        let out = serve.output();
        out.contains("1 error found; still serving the last good build").then_some(out)
    });
    assert!(terminal.contains("templates/activity.html:4:16"), "{terminal}");
    assert!(terminal.contains("<p>{{ activity.nonexistent_field }}</p>"), "{terminal}");
    assert_eq!(terminal.matches("Built ").count(), 1, "the failed rebuild said Built:\n{terminal}");

    // The last good page, with the script that shows the overlay.
    let stale = serve.get(page);
    assert_eq!(stale.status, 200);
    assert!(stale.text().contains("质量论坛") && stale.text().contains("最近一次修改未能构建"));
    assert_eq!(serve.status()["generation"].as_u64(), Some(generation));

    // Removing the template serves a new build without errors.
    std::fs::remove_file(root.join("templates/activity.html")).unwrap();
    poll("the error to clear", || {
        let s = serve.status();
        (s["errors"] == serde_json::json!([]) && s["generation"].as_u64() > Some(generation)).then_some(())
    });
}

#[test]
fn a_first_build_that_fails_says_nothing_is_built_until_it_is_fixed() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let file = root.join("content/spring/01-forum.md");
    let good = read(&file);
    std::fs::write(&file, good.replace("when = \"3月18日-22日\"", "when = \"3月中旬到13月\"")).unwrap();
    let serve = Serve::start(root);

    let status = serve.status();
    assert_eq!(status["generation"], 0, "{status}");
    let e = &status["errors"][0];
    assert_eq!(
        (e["path"].as_str(), e["line"].as_u64(), e["column"].as_u64()),
        (Some("content/spring/01-forum.md"), Some(4), Some(14))
    );
    assert_eq!(e["source"], serde_json::json!({"before": "when = \"3月中旬到", "marked": "13", "after": "月\""}));

    // Every page says, in Chinese, that nothing is built yet, and carries the overlay's script.
    for target in ["/", "/spring/01-forum.html", "/nope"] {
        let r = serve.get(target);
        assert_eq!(r.status, 503, "{target}");
        assert!(r.text().contains("<html lang=\"zh-CN\">"), "{target}");
        assert!(r.text().contains("站点还没有成功构建过"), "{target}");
        assert!(r.text().contains("const shown = 0;"), "{target}");
    }
    let terminal = serve.output();
    assert!(terminal.contains("content/spring/01-forum.md:4:14"), "{terminal}");
    assert!(terminal.contains("nothing is built yet"), "{terminal}");
    assert!(!terminal.contains("Built "), "{terminal}");

    std::fs::write(&file, &good).unwrap();
    poll("the first good build", || (serve.status()["generation"] == 1).then_some(()));
    assert_eq!(serve.status()["errors"], serde_json::json!([]));
    let home = serve.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("测试站点"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_answers_waiting_pages_and_stops_cleanly() {
    let site = fixture_site("valid-minimal");
    let mut serve = Serve::start(site.path());
    let version = serve.status()["version"].as_u64().unwrap();
    let mut waiting = serve.connect();
    write!(waiting, "GET /__almanac/status?v={version} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100)); // let the request arrive and wait

    let interrupt = Command::new("kill").args(["-INT", &serve.child.id().to_string()]).status().unwrap();
    assert!(interrupt.success());
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = waiting.read_to_end(&mut answer);
    assert_eq!(head_lines(&answer)[0], "HTTP/1.1 200 OK");
    let exit = poll("serve to exit", || serve.child.try_wait().unwrap());
    assert!(exit.success(), "{exit}\n{}", serve.output());
    assert!(started.elapsed() < Duration::from_secs(3), "stopping took {:?}", started.elapsed());
    assert!(serve.output().contains("Stopped."), "{}", serve.output());
}

/// What the browser check does, in Node with playwright-core and the machine's Chromium: opens a page while the
/// first build fails, fixes the site and sees the page reload, breaks it in two files and measures the overlay.
const OVERLAY_SCRIPT: &str = r#"
import { writeFileSync } from "node:fs";
const { launch } = await import(process.env.ALMANAC_LIB);
const url = process.env.ALMANAC_SERVE_URL;
const files = JSON.parse(process.env.ALMANAC_EDITS);
const measure = () => {
  const host = document.querySelector("almanac-serve-overlay");
  if (!host) return null;
  const root = host.shadowRoot;
  const panel = root.querySelector(".panel");
  const box = panel.getBoundingClientRect();
  const rect = (e) => e && (({ left, right, top, bottom }) => ({ left, right, top, bottom }))(e.getBoundingClientRect());
  const centre = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
  return {
    background: getComputedStyle(panel).backgroundColor,
    covers: box.left <= 0 && box.top <= 0 && box.right >= innerWidth && box.bottom >= innerHeight,
    onTop: centre === host,
    lang: panel.lang,
    lead: root.querySelector(".lead").textContent,
    count: root.querySelector(".count").textContent,
    items: [...root.querySelectorAll("li")].map((li) => ({
      where: li.querySelector(".where").textContent,
      message: li.querySelector(".message").textContent,
      help: li.querySelector(".help")?.textContent ?? null,
      line: li.querySelector(".line")?.textContent ?? null,
      elements: li.querySelectorAll(".line *").length,
      mark: rect(li.querySelector("mark")),
      under: rect(li.querySelector(".under")),
    })),
  };
};
const overlayWith = (n) => page.waitForFunction(
  (n) => document.querySelector("almanac-serve-overlay")?.shadowRoot.querySelectorAll("li").length === n, n,
  { timeout: 15000 });
const browser = await launch();
const page = await browser.context.newPage();
const out = {};
try {
  await page.goto(url + "spring/01-forum.html");
  await overlayWith(1);
  out.first = await page.evaluate(measure);
  const reloaded = page.waitForEvent("load", { timeout: 15000 });
  writeFileSync(files.forum, files.good);
  await reloaded;
  out.reloaded = await page.evaluate(() => ({ overlay: !!document.querySelector("almanac-serve-overlay"), title: document.title }));
  writeFileSync(files.forum, files.forumBroken);
  writeFileSync(files.review, files.reviewBroken);
  await overlayWith(2);
  out.kept = await page.evaluate(measure);
  await page.screenshot({ path: process.env.ALMANAC_SHOT, fullPage: false });
  await page.keyboard.press("Escape");
  out.dismissed = await page.evaluate(() => !document.querySelector("almanac-serve-overlay"));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
"#;

/// Why the browser check cannot run here, if it cannot.
fn browser_missing(chromium: &Path) -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !repo().join("node_modules/playwright-core/package.json").is_file() {
        return Some("node_modules/playwright-core is missing; run `npm ci`".into());
    }
    if !chromium.is_file() {
        return Some(format!("{} is missing (or set ALMANAC_CHROMIUM)", chromium.display()));
    }
    None
}

#[test]
fn the_overlay_in_a_real_browser_is_opaque_chinese_and_marks_the_right_character() {
    let chromium = std::path::PathBuf::from(std::env::var("ALMANAC_CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    if let Some(why) = browser_missing(&chromium) {
        assert!(std::env::var("CI").is_err(), "CI must run the browser check of the overlay, but {why}");
        eprintln!(
            "SKIPPED: the browser check of the serve overlay needs node, playwright-core and Chromium, and {why}"
        );
        return;
    }
    let site = fixture_site("valid-minimal");
    let root = site.path();
    let forum = root.join("content/spring/01-forum.md");
    let review = root.join("content/spring/02-review.toml");
    let good = read(&forum);
    // Wide characters before the mark, and markup after one: neither may shift the caret or become elements.
    let forum_broken = good.replace("when = \"3月18日-22日\"", "when = \"3月中旬到13月\"");
    let review_broken = read(&review).replace("when = \"3月下旬至4月\"", "when = \"【初评】<b>3月下旬至4月</b>\"");
    std::fs::write(&forum, &forum_broken).unwrap();
    let serve = Serve::start(root);

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("browser-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let edits = serde_json::json!({
        "forum": forum, "review": review, "good": good, "forumBroken": forum_broken, "reviewBroken": review_broken,
    });
    let out = Command::new("node")
        .args(["--input-type=module", "-e", OVERLAY_SCRIPT])
        .current_dir(repo())
        .env("ALMANAC_LIB", format!("file://{}", repo().join("tests/browser/lib.mjs").display()))
        .env("ALMANAC_CHROMIUM", &chromium)
        .env("ALMANAC_SERVE_URL", format!("http://127.0.0.1:{}/", serve.port))
        .env("ALMANAC_EDITS", edits.to_string())
        .env("ALMANAC_SHOT", artifacts.join("serve-overlay.png"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "node failed:\n{}\n{}\n{}",
        stderr(&out),
        String::from_utf8_lossy(&out.stdout),
        serve.output()
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    // The first build failed: nothing is built, and the overlay says so, opaque, over the whole page.
    let first = &r["first"];
    assert_eq!(first["lead"], "站点还没有成功构建过，暂无可显示的页面。", "{first}");
    assert_eq!(first["background"], "rgb(30, 30, 36)", "not opaque: {first}");
    assert_eq!((first["covers"].as_bool(), first["onTop"].as_bool()), (Some(true), Some(true)), "{first}");
    assert_eq!(first["lang"], "zh-CN");
    // Fixing it reloads the page, which is the site's own, without the overlay.
    assert_eq!(r["reloaded"]["overlay"], false, "{r}");
    assert!(r["reloaded"]["title"].as_str().unwrap().contains("质量论坛"), "{r}");

    // Two broken files: both errors, with file:line:column, over the last good page.
    let kept = &r["kept"];
    assert_eq!(kept["lead"], "最近一次修改未能构建，页面显示的是上一次成功的构建。", "{kept}");
    assert_eq!(kept["count"], "共 2 个错误");
    let items = kept["items"].as_array().unwrap();
    assert_eq!(items[0]["where"], "content/spring/01-forum.md:4:14", "{kept}");
    assert_eq!(items[1]["where"], "content/spring/02-review.toml:3:9", "{kept}");
    assert_eq!(items[1]["line"], "when = \"【初评】<b>3月下旬至4月</b>\"", "{kept}");
    for item in items {
        assert!(item["message"].as_str().unwrap().starts_with("错误"), "{item}");
        assert!(item["help"].as_str().unwrap().starts_with("提示："), "{item}");
        assert_eq!(item["elements"], 1, "source text became markup: {item}");
        // The caret bar starts and ends under the marked characters, and sits below them.
        let (mark, under) = (&item["mark"], &item["under"]);
        let at = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap();
        assert!((at(mark, "left") - at(under, "left")).abs() < 0.5, "caret not under the mark: {item}");
        assert!((at(mark, "right") - at(under, "right")).abs() < 0.5, "caret not as wide as the mark: {item}");
        assert!(at(under, "top") >= at(mark, "bottom") - 1.0, "caret not below the mark: {item}");
    }
    assert_eq!(r["dismissed"], true, "Escape does not close the overlay");
}
