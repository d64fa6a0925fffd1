//! A running `almanac serve` for the end-to-end tests, and plain HTTP/1.1 requests to it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running server; killed however the test ends.
pub struct Serve {
    pub child: Child,
    pub port: u16,
    pub log: tempfile::TempDir,
}

impl Serve {
    pub fn start(root: &Path) -> Serve {
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

    pub fn try_get(&self, target: &str) -> Option<Reply> {
        request(self.port, "GET", target).ok()
    }

    pub fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target).unwrap_or_else(|e| panic!("GET {target}: {e}\n{}", self.output()))
    }

    pub fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__almanac/status").body).unwrap()
    }

    /// The errors the status reports, once there are some.
    pub fn errors(&self) -> Vec<serde_json::Value> {
        poll("errors to be reported", || {
            let errors = self.status()["errors"].as_array().cloned().unwrap_or_default();
            (!errors.is_empty()).then_some(errors)
        })
    }

    /// Threads of the server process, as Linux counts them.
    #[cfg(target_os = "linux")]
    pub fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream
    }

    /// Everything the server answers to `raw`, sent as is on a connection of its own, until it closes it.
    pub fn raw(&self, raw: &[u8]) -> Vec<u8> {
        let mut stream = self.connect();
        stream.write_all(raw).unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out); // a reset after the answer is fine
        out
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn output(&self) -> String {
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

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// One HTTP/1.1 request with `Connection: close`, the target sent byte for byte as given.
pub fn request(port: u16, method: &str, target: &str) -> std::io::Result<Reply> {
    request_with(port, method, target, &[])
}

/// [`request`] with more header lines, e.g. `("Accept-Encoding", "gzip")`.
pub fn request_with(port: u16, method: &str, target: &str, headers: &[(&str, &str)]) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let extra: String = headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n{extra}\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or(std::io::ErrorKind::InvalidData)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    Ok(Reply { status, head, body: raw[split + 4..].to_vec() })
}

/// Calls `f` until it gives a value, for at most 10 seconds.
pub fn poll<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
