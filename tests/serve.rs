//! `almanac serve` end to end: the real binary on a copy of a fixture site, over plain HTTP/1.1 on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::serve::{Serve, poll, request};
use common::*;

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

    // The last good page, with the script that shows the overlay. The broken build was served while every page
    // was rendered, so the good one comes back as a newer generation: the pages reload to it.
    let stale = serve.get(page);
    assert_eq!(stale.status, 200);
    assert!(stale.text().contains("质量论坛") && stale.text().contains("最近一次修改未能构建"));
    assert!(!stale.text().contains("<p></p>"), "the broken template's page is served:\n{}", stale.text());
    let restored = serve.status()["generation"].as_u64().unwrap();
    assert!(restored > generation);

    // Removing the template serves a new build without errors.
    std::fs::remove_file(root.join("templates/activity.html")).unwrap();
    poll("the error to clear", || {
        let s = serve.status();
        (s["errors"] == serde_json::json!([]) && s["generation"].as_u64() > Some(restored)).then_some(())
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

/// Issue 20.8: more slow clients than the server's cap (512), each sending half a request line and stalling,
/// used to keep every slot until the header timeout (10 s). Now the idlest makes room: a browser's request is
/// answered at once, and the stalled connections are closed, the oldest first.
#[test]
fn slow_connections_beyond_the_cap_do_not_keep_a_request_waiting() {
    let site = fixture_site("valid-minimal");
    let mut serve = Serve::start(site.path());
    let mut stalled: Vec<TcpStream> = (0..600)
        .map(|_| {
            let mut s = serve.connect();
            s.write_all(b"GET /index.ht").unwrap();
            s
        })
        .collect();
    // Well within the header timeout, which is what freed a slot before.
    let started = Instant::now();
    let mut stream = serve.connect();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    assert!(read.is_ok(), "no answer after {:?} with 600 stalled connections: {read:?}", started.elapsed());
    assert_eq!(head_lines(&answer)[0], "HTTP/1.1 200 OK");
    assert!(serve.alive());
    // The oldest stalled connection was closed to make room.
    stalled[0].set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert!(stalled[0].read_to_end(&mut Vec::new()).is_ok(), "the oldest stalled connection is still open");
    drop(stalled);
    assert_eq!(serve.get("/").status, 200);
}

#[test]
fn a_save_reads_its_own_schedule_again_and_every_one_changed_while_builds_failed() {
    let site = fixture_site("valid-minimal");
    let root = site.path();
    // A second schedule, so a save in one leaves the other to be kept.
    let autumn = root.join("content/autumn");
    std::fs::create_dir_all(&autumn).unwrap();
    for name in ["_index.md", "01-forum.md"] {
        std::fs::copy(root.join("content/spring").join(name), autumn.join(name)).unwrap();
    }
    let serve = Serve::start(root);
    let (spring_page, autumn_page) = ("/spring/01-forum.html", "/autumn/01-forum.html");
    assert_eq!(serve.get(autumn_page).status, 200, "{}", serve.output());
    let edit = |file: &std::path::Path, from: &str, to: &str| {
        let text = read(file);
        assert!(text.contains(from), "{from} in {}", file.display());
        std::fs::write(file, text.replace(from, to)).unwrap();
    };

    // Autumn broken: no build stands until it is fixed, whatever else is saved meanwhile.
    let autumn_file = autumn.join("01-forum.md");
    edit(&autumn_file, "when = \"3月18日-22日\"", "when = \"13月\"");
    serve.errors();
    // Each failed build reports autumn's error on the terminal: one more report, spring's save was built.
    let reports = poll("the report", || Some(serve.output().matches("13月").count()).filter(|&n| n > 0));
    edit(&root.join("content/spring/01-forum.md"), "title = \"质量论坛\"", "title = \"春季论坛\"");
    poll("spring's save to be read and fail", || (serve.output().matches("13月").count() >= 2 * reports).then_some(()));
    // Fixing autumn: spring's save, made while the builds failed, is read too.
    edit(&autumn_file, "when = \"13月\"", "when = \"9月18日\"");
    poll("spring's edit to be served", || serve.try_get(spring_page).filter(|r| r.text().contains("春季论坛")));
    assert_eq!(serve.status()["errors"], serde_json::json!([]));

    // A save in autumn alone: autumn is read again, spring is kept as it was last read.
    edit(&autumn_file, "title = \"质量论坛\"", "title = \"秋季论坛\"");
    poll("autumn's edit to be served", || serve.try_get(autumn_page).filter(|r| r.text().contains("秋季论坛")));
    assert!(serve.get(spring_page).text().contains("春季论坛"));
    // A schedule folder removed is gone from the next build.
    std::fs::remove_dir_all(&autumn).unwrap();
    poll("autumn to be gone", || serve.try_get(autumn_page).filter(|r| r.status == 404));
    assert!(serve.get(spring_page).text().contains("春季论坛"));
}

#[test]
fn a_bilingual_site_serves_each_edition_and_an_edit_to_a_translation() {
    let site = fixture_site("valid-bilingual");
    let root = site.path();
    let serve = Serve::start(root);
    let page = "/en/2023-quality-month/14-global-chinese-quality-summit.html";
    let english = serve.get(page);
    assert_eq!(english.status, 200, "{}", serve.output());
    assert!(
        english.text().contains("<html lang=\"en\"") && english.text().contains("8th Global Chinese Quality Summit")
    );
    assert_eq!(english.text().matches("/__almanac/status").count(), 1);
    assert!(serve.get("/en/").text().contains("China Association for Quality: calendar"));
    assert_eq!(serve.get("/en/static/words.js").status, 200);
    // The original's file holds the translation: an edit to it is the English page's.
    let file = root.join("content/2023-quality-month/14-global-chinese-quality-summit.md");
    std::fs::write(
        &file,
        read(&file).replace("8th Global Chinese Quality Summit", "The 8th Global Chinese Quality Summit"),
    )
    .unwrap();
    poll("the edit to be served", || serve.try_get(page).filter(|r| r.text().contains("The 8th Global")));
    assert!(
        serve
            .get("/2023-quality-month/14-global-chinese-quality-summit.html")
            .text()
            .contains("第八届全球华人品质峰会")
    );
}
