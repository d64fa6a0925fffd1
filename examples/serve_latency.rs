//! Measures `almanac serve`'s save-to-page latency: starts the real binary on a site, then repeatedly edits
//! one activity's title and times how long until the server returns the page with the new title.
//!
//! cargo build --release && cargo run --release --example serve_latency -- SITE_DIR [RUNS]
//!
//! SITE_DIR is an almanac site (e.g. made by `cargo run --release --example synth`); it is restored after.
// A tool run by hand: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).ok()?;
    let text = String::from_utf8_lossy(&body).into_owned();
    text.starts_with("HTTP/1.1 200").then_some(text)
}

/// The first activity file of the first schedule, and its page's path.
fn first_activity(site: &Path) -> (PathBuf, String) {
    let mut schedules: Vec<PathBuf> =
        std::fs::read_dir(site.join("content")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    schedules.sort();
    let dir = &schedules[0];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    let file = files[0].clone();
    let page =
        format!("{}/{}.html", dir.file_name().unwrap().to_string_lossy(), file.file_stem().unwrap().to_string_lossy());
    (file, page)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: serve_latency SITE_DIR [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/almanac");
    let child = Command::new(&binary)
        .args(["serve", "--port", &port.to_string(), "--root", site.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("target/release/almanac runs (cargo build --release first)");
    let _server = Server(child);
    let (file, page) = first_activity(&site);
    let started = Instant::now();
    while get(port, &page).is_none() {
        assert!(started.elapsed() < Duration::from_secs(300), "the server did not come up");
        std::thread::sleep(Duration::from_millis(20));
    }
    let first_build = started.elapsed();
    let original = std::fs::read_to_string(&file).unwrap();
    let mut times = Vec::new();
    for run in 0..runs {
        let marker = format!("改{run}号");
        let edited = original.replacen("title = \"", &format!("title = \"{marker}"), 1);
        let t = Instant::now();
        std::fs::write(&file, edited).unwrap();
        loop {
            if get(port, &page).is_some_and(|b| b.contains(&marker)) {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(60), "the edit never showed");
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(300)); // let the watcher settle between edits
    }
    std::fs::write(&file, &original).unwrap();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "first build served after {:.0} ms; save → new page over {runs} edits: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        ms(first_build),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}
