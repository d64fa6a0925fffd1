//! The nginx recipe, `docs/deploy/nginx.conf`, proven on a real nginx: Debian's, started by this test on
//! 127.0.0.1 with a temporary prefix (never as a system service), serving a `--compress` build of the
//! repository's site under `/calendar/` through that very file. It crawls every page and every link, requests
//! every file, and checks status codes, content types, caching headers, the pre-compressed copies and the
//! 404 page. A test binary of its own (`harness = false`) so that without nginx it is reported as ignored
//! with the reason; under CI=true it fails instead.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Read;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

use common::serve::{Reply, poll, request, request_with};
use common::*;

const PREFIX: &str = "/calendar/";

fn nginx() -> PathBuf {
    std::env::var_os("ALMANAC_NGINX").map_or_else(|| PathBuf::from("/usr/sbin/nginx"), PathBuf::from)
}

fn missing() -> Option<String> {
    match Command::new(nginx()).arg("-v").output() {
        Ok(out) if out.status.success() => None,
        _ => Some(format!(
            "{} is not installed; run `apt-get install -y --no-install-recommends nginx` (or set ALMANAC_NGINX)",
            nginx().display()
        )),
    }
}

fn main() -> ExitCode {
    run_trials(vec![tool_trial("the_nginx_recipe_serves_the_site_under_a_sub_path", missing(), run)])
}

/// nginx running in the foreground as one process; stopped however the test ends.
struct Nginx {
    child: Child,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

/// The recipe, with the site's folder where the test built it.
fn recipe(www: &Path) -> String {
    let text = read(&repo().join("docs/deploy/nginx.conf"));
    assert_eq!(text.matches("root /var/www;").count(), 1, "the recipe names its root once");
    text.replace("root /var/www;", &format!("root {};", www.display()))
}

/// Starts nginx on `port` with a prefix of its own in `dir`, serving `www` through the recipe.
fn start(dir: &Path, www: &Path, port: u16) -> Nginx {
    let conf = dir.join("conf");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::copy("/etc/nginx/mime.types", conf.join("mime.types")).expect("Debian's nginx has /etc/nginx/mime.types");
    std::fs::write(conf.join("almanac.conf"), recipe(www)).unwrap();
    let temp = dir.join("temp");
    std::fs::create_dir_all(&temp).unwrap();
    let temps: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .iter()
        .map(|t| format!("    {t}_temp_path {};\n", temp.join(t).display()))
        .collect();
    std::fs::write(
        conf.join("nginx.conf"),
        format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {pid};\nerror_log {log} warn;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n    access_log off;\n{temps}    server {{\n        listen 127.0.0.1:{port};\n        \
             server_name localhost;\n        include almanac.conf;\n    }}\n}}\n",
            pid = dir.join("nginx.pid").display(),
            log = dir.join("error.log").display(),
        ),
    )
    .unwrap();
    let args = |extra: &[&str]| {
        let mut cmd = Command::new(nginx());
        cmd.arg("-p").arg(dir).arg("-c").arg(conf.join("nginx.conf")).arg("-e").arg(dir.join("error.log"));
        cmd.args(extra);
        cmd
    };
    // The configuration is checked first: the recipe must load without a warning (a duplicate type, say).
    let test = args(&["-t", "-q"]).output().unwrap();
    let said = format!("{}{}", stderr(&test), String::from_utf8_lossy(&test.stdout));
    assert!(test.status.success() && !said.contains("[warn]"), "nginx -t:\n{said}");
    let child = args(&[]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut nginx = Nginx { child, dir: dir.to_path_buf() };
    poll("nginx to answer", || {
        if let Ok(Some(exit)) = nginx.child.try_wait() {
            panic!("nginx exited ({exit}):\n{}", nginx.log());
        }
        request(port, "GET", PREFIX).ok()
    });
    nginx
}

fn run() {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}{PREFIX}");
    let site = repo_site();
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let output = www.join("calendar");
    let out = almanac(
        &[
            "build",
            "--compress",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--base-url",
            &base,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let files = read_tree(&output);
    let nginx = start(dir.path(), &www, port);
    let get =
        |target: &str| request(port, "GET", target).unwrap_or_else(|e| panic!("GET {target}: {e}\n{}", nginx.log()));

    // Every page and every link, from the site's address.
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([PREFIX.to_string()]);
    let mut pages = 0;
    while let Some(target) = queue.pop_front() {
        if !seen.insert(target.clone()) {
            continue;
        }
        let reply = get(&target);
        assert_eq!(reply.status, 200, "GET {target}:\n{}", reply.head);
        let rel = path_in_site(&target).unwrap();
        let rel = if rel.is_empty() { "index.html".to_string() } else { rel };
        assert_served(&target, &rel, &reply, &files);
        if rel.ends_with(".html") || rel.ends_with(".xml") {
            pages += 1;
            let base_of_page = url::Url::parse(&format!("http://127.0.0.1:{port}{target}")).unwrap();
            for link in tagged_links(&reply.text()) {
                if let Some(next) = own_target(&base_of_page, &link.value, port) {
                    queue.push_back(next);
                }
            }
        }
    }
    assert!(pages > 60, "only {pages} pages crawled");

    // Every file of the site, linked or not (404.html, the compressed copies).
    for path in files.keys().filter(|p| *p != MARKER) {
        let target = format!("{PREFIX}{}", encode(path));
        if seen.contains(&target) {
            continue;
        }
        let reply = get(&target);
        assert_eq!(reply.status, 200, "GET {target}:\n{}", reply.head);
        assert_eq!(reply.body, files[path], "GET {target}");
    }

    // Pre-compressed copies go to clients that accept them, as they are; others get the file.
    for path in ["index.html", "2023-quality-month/calendar.ics", "activities.json", "static/style.css"] {
        let target = format!("{PREFIX}{path}");
        let gz = request_with(port, "GET", &target, &[("Accept-Encoding", "gzip")]).unwrap();
        assert_eq!(gz.status, 200);
        assert_eq!(gz.header("Content-Encoding"), Some("gzip"), "{target}:\n{}", gz.head);
        assert_eq!(gz.header("Vary"), Some("Accept-Encoding"), "{target}:\n{}", gz.head);
        assert!(gz.body == files[&format!("{path}.gz")], "{target}: not the .gz the build wrote");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz.body[..]).read_to_end(&mut back).unwrap();
        assert!(back == files[path], "{target}: the .gz decodes to the file");
        let plain = get(&target);
        assert_eq!(plain.header("Content-Encoding"), None, "{target}");
        assert!(plain.body == files[path]);
    }

    // A page that does not exist, at any depth: status 404 and the site's 404 page, whose links work.
    for target in [format!("{PREFIX}no-such-page.html"), format!("{PREFIX}2023-quality-month/a/b/c")] {
        let reply = get(&target);
        assert_eq!(reply.status, 404, "GET {target}");
        assert_eq!(reply.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert!(reply.body == files["404.html"], "GET {target} is not the site's 404 page");
        let here = url::Url::parse(&format!("http://127.0.0.1:{port}{target}")).unwrap();
        // Its skip link (#main) stays on the page; every other link must lead to a page of the site.
        let links: Vec<String> = tagged_links(&reply.text())
            .iter()
            .filter(|l| !l.value.starts_with('#'))
            .filter_map(|l| own_target(&here, &l.value, port))
            .collect();
        assert!(!links.is_empty());
        for link in links {
            assert_eq!(get(&link).status, 200, "the 404 page's link {link} from {target}");
        }
    }
    // The output folder's marker is not published.
    assert_eq!(get(&format!("{PREFIX}{MARKER}")).status, 404);
    // The folder without its slash, and a schedule's folder, lead to their index pages.
    let bare = get(PREFIX.trim_end_matches('/'));
    assert_eq!((bare.status, bare.header("Location")), (301, Some(PREFIX)));
    let folder = get(&format!("{PREFIX}2023-quality-month"));
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/calendar/2023-quality-month/")));
    assert!(get(&format!("{PREFIX}2023-quality-month/")).body == files["2023-quality-month/index.html"]);
    let log = nginx.log();
    assert!(!log.contains("[error]") && !log.contains("[crit]"), "nginx's error log:\n{log}");
}

/// The path inside the site of a target under [`PREFIX`], decoded.
fn path_in_site(target: &str) -> Option<String> {
    let rest = target.strip_prefix(PREFIX)?;
    Some(percent_encoding::percent_decode_str(rest).decode_utf8().ok()?.into_owned())
}

/// A site path as a request target: each segment percent-encoded as a browser would.
fn encode(path: &str) -> String {
    url::Url::parse("http://x/").unwrap().join(path).unwrap().path().trim_start_matches('/').to_string()
}

/// `link` on the page at `page`, as a target on this server, when it leads into the site.
fn own_target(page: &url::Url, link: &str, port: u16) -> Option<String> {
    let resolved = page.join(link).ok()?;
    if resolved.scheme() != "http" || resolved.host_str() != Some("127.0.0.1") || resolved.port() != Some(port) {
        return None; // another host: the content's links to the web
    }
    let path = resolved.path();
    assert!(path.starts_with(PREFIX), "{link} on {page} leaves the site: {resolved}");
    Some(path.to_string())
}

/// What nginx must say about the file at `rel`: its type (UTF-8 for text) and how long it may be cached.
fn assert_served(target: &str, rel: &str, reply: &Reply, files: &BTreeMap<String, Vec<u8>>) {
    let name = rel.rsplit('/').next().unwrap();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let expected = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "application/javascript; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "xml" if name == "feed.xml" => "application/atom+xml; charset=utf-8",
        "xml" => "text/xml; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        other => panic!("{target}: a link to a .{other} file the test does not expect"),
    };
    assert_eq!(reply.header("Content-Type"), Some(expected), "GET {target}");
    let cache = if rel.starts_with("static/") { "public, max-age=3600" } else { "no-cache" };
    assert_eq!(reply.header("Cache-Control"), Some(cache), "GET {target}");
    let file = files.get(rel).unwrap_or_else(|| panic!("{target} is not a file of the build"));
    assert!(&reply.body == file, "GET {target}: not the file's bytes");
}
