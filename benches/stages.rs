//! criterion benchmarks of almanac's stages, on a synthetic site made by the same generator as
//! `examples/synth` (included below with `#[path]`), written into a temporary folder:
//!
//! ```sh
//! cargo bench --bench stages                        # 1000 activities
//! ALMANAC_BENCH_N=10000 cargo bench --bench stages  # another size
//! ```
//!
//! Stages, in the order `almanac build` runs them: dates (`parse_when`), content (`content::load`,
//! `build::load_site`), Markdown (`markdown::to_html`), links (`layout::links::check`, every link of every body
//! against the layout), rendering (`Renderer::render` of every page, by kind of page, single-threaded, nothing
//! written), writing (`output::Staging` write + commit).
// A tool run by hand: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../examples/synth/generator.rs"]
#[allow(dead_code)]
mod generator;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use almanac::build::load_site;
use almanac::content::dates::parse_when;
use almanac::layout::{Layout, Page, links};
use almanac::markdown::{self, Policy};
use almanac::output::{Staging, Target};
use almanac::render::{Cards, Renderer};
use almanac::site::Site;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

fn size() -> usize {
    std::env::var("ALMANAC_BENCH_N").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    synth: generator::Synth,
}

fn fixture() -> Fixture {
    let n = size();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("almanac");
    let synth = generator::generate(n, 1);
    generator::write_almanac(&synth, &root).expect("the fixture site is written");
    Fixture { _dir: dir, root, synth }
}

fn kind(page: Page) -> &'static str {
    match page {
        Page::Home => "home",
        Page::Schedule(_) | Page::ScheduleTable(..) => "schedule",
        Page::Activity(_) => "activity",
        Page::Month(_) | Page::Week(_) | Page::Weeks => "month",
        Page::Tag(..) => "tag",
        Page::Tags | Page::NotFound | Page::Embed => "tags+404",
    }
}

const KINDS: &[&str] = &["home", "schedule", "activity", "month", "tag", "tags+404"];

fn stages(c: &mut Criterion) {
    let f = fixture();
    let n = f.synth.activities.len();
    let site: Site = load_site(&f.root, false, None).expect("the synthetic site loads");
    let templates =
        Renderer::new(&f.root, &site.config.theme, &site.config.language).expect("the built-in theme loads");
    let cards = Cards::new(&site);
    let layout = Layout::new(&site, &["style.css".into(), "almanac.js".into()]).expect("paths are unique");
    let renderer = templates.for_site(&site, &layout, &cards);
    let pages = Page::all(&site);

    // What the render stage produces, per kind of page: so the timings below can be read per byte.
    eprintln!("fixture: {n} activities, {} pages", pages.len());
    for k in KINDS {
        let of_kind: Vec<Page> = pages.iter().copied().filter(|p| kind(*p) == *k).collect();
        let bytes: usize = of_kind.iter().map(|&p| renderer.render(p).map_or(0, |h| h.len())).sum();
        eprintln!("  {k:>9}: {:>6} pages, {:>12} bytes of HTML", of_kind.len(), bytes);
    }

    let mut g = c.benchmark_group("dates");
    let whens: Vec<(&str, i32)> =
        f.synth.activities.iter().map(|a| (a.when.as_str(), f.synth.schedules[a.schedule].year)).collect();
    g.throughput(Throughput::Elements(whens.len() as u64));
    g.bench_function(format!("parse_when x{}", whens.len()), |b| {
        b.iter(|| {
            for &(text, year) in &whens {
                black_box(parse_when(black_box(text), year).ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("content");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("content::load {n}"), |b| {
        b.iter(|| black_box(almanac::content::load(&f.root.join("content"), false).expect("loads")))
    });
    g.bench_function(format!("load_site {n}"), |b| {
        b.iter(|| black_box(load_site(&f.root, false, None).expect("loads")))
    });
    g.finish();

    let mut g = c.benchmark_group("markdown");
    let bodies: Vec<&str> = f.synth.activities.iter().map(|a| a.body.as_str()).collect();
    let keep = |url: &str| Some(url.to_string());
    let policy = Policy { unsafe_html: false, relative: &keep };
    g.throughput(Throughput::Bytes(bodies.iter().map(|b| b.len() as u64).sum()));
    g.bench_function(format!("to_html x{}", bodies.len()), |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(markdown::to_html(black_box(body), policy));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("links");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("check every link of {n} activities"), |b| {
        b.iter(|| black_box(links::check(&site, &layout)))
    });
    g.finish();

    let mut g = c.benchmark_group("render");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for k in KINDS {
        let of_kind: Vec<Page> = pages.iter().copied().filter(|p| kind(*p) == *k).collect();
        g.throughput(Throughput::Elements(of_kind.len() as u64));
        g.bench_function(format!("{k} ({} pages)", of_kind.len()), |b| {
            b.iter(|| {
                for &p in &of_kind {
                    black_box(renderer.render(p).expect("renders"));
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("write");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let rendered: Vec<(String, String)> =
        pages.iter().map(|&p| (p.path(&site), renderer.render(p).expect("renders"))).collect();
    let total: u64 = rendered.iter().map(|(_, h)| h.len() as u64).sum();
    g.throughput(Throughput::Bytes(total));
    // Once into the temporary folder (usually on disk), once on tmpfs when there is one.
    let mut places = vec![("temp dir", tempfile::tempdir().expect("a temporary folder"))];
    if Path::new("/dev/shm").is_dir()
        && let Ok(shm) = tempfile::tempdir_in("/dev/shm")
    {
        places.push(("tmpfs", shm));
    }
    for (place, out_parent) in &places {
        let output = out_parent.path().join("output");
        let target = Target::resolve(&out_parent.path().join("site"), &output, false).expect("an output folder");
        g.bench_function(format!("Staging write+commit {} pages, {place}", rendered.len()), |b| {
            b.iter_batched(
                || remove(&output),
                |()| {
                    let staging = Staging::new(&target, || {}).expect("staging");
                    for (path, html) in &rendered {
                        staging.write(path, html.as_bytes()).expect("written");
                    }
                    staging.commit().expect("committed");
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn remove(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("the previous output is removed");
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
