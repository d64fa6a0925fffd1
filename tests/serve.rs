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

    // A broken file: the error, with file and line, goes to the overlay; the last good page is still served.
    let broken = read(&file).replace("when = \"3月18日-22日\"", "when = \"13月\"");
    assert!(broken.contains("13月"));
    std::fs::write(&file, &broken).unwrap();
    let error = poll("the error to be reported", || serve.status()["error"].as_str().map(str::to_string));
    assert!(error.contains("content/spring/01-forum.md:4:"), "{error}");
    assert!(error.contains("13月"), "{error}");
    let stale = serve.get(page);
    assert_eq!(stale.status, 200);
    assert!(stale.text().contains("质量论坛（已改期）"));
    assert_eq!(serve.status()["generation"].as_u64(), Some(generation));

    // Fixing it clears the error and serves a new generation, which reloads the pages.
    std::fs::write(&file, broken.replace("when = \"13月\"", "when = \"3月19日\"")).unwrap();
    let status = poll("the error to clear", || {
        let s = serve.status();
        (s["error"].is_null() && s["generation"].as_u64() > Some(generation)).then_some(s)
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
