//! `almanac serve`'s error overlay in a real browser (Node driving Debian's Chromium through playwright-core):
//! opaque, in Chinese, and its marker under the right characters after CJK text. A test binary of its own
//! (`harness = false`) so that a missing browser is reported as an ignored test with the reason; under CI=true
//! it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use common::serve::Serve;
use common::*;

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

fn main() -> ExitCode {
    let chromium = PathBuf::from(std::env::var("ALMANAC_CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    let name = "the_overlay_in_a_real_browser_is_opaque_chinese_and_marks_the_right_character";
    run_trials(vec![tool_trial(name, browser_missing(&chromium), move || overlay(&chromium))])
}

fn overlay(chromium: &Path) {
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
        .env("ALMANAC_CHROMIUM", chromium)
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
