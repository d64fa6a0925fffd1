//! criterion benchmark of the date reader alone, on the `when` texts of the repository's own site: every
//! activity's and every milestone's `when` under `content/` (the 2023 质量月 schedule, whose texts are the
//! published table's), each read against its schedule's `year`.
//!
//! ```sh
//! cargo bench -p almanac-dates --bench read
//! ```
//!
//! `benches/stages.rs` at the root times the same reader as one stage of a build, on generated texts.
// A tool run by hand: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use almanac_dates::{When, parse_when};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Every string value of a `when` key in `text`, on one line with its quotes: `when = "9月-10月"` and
/// `{ when = "11月", label = "…" }`. The site's files are written so; this is no TOML reader.
fn when_values(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("when = \"") {
            let value = &rest[at + "when = \"".len()..];
            let Some(end) = value.find('"') else { break };
            out.push(value[..end].to_string());
            rest = &value[end..];
        }
    }
    out
}

/// The `year = N` of a schedule's `_index.md`.
fn year_of(index: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(index).ok()?;
    text.lines().find_map(|l| l.strip_prefix("year = ")?.trim().parse().ok())
}

/// Every `when` text of the site in `content`, with the year it is read against.
fn site_texts(content: &Path) -> Vec<(String, i32)> {
    let mut schedules: Vec<PathBuf> = std::fs::read_dir(content)
        .expect("the repository's content/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("_index.md").is_file())
        .collect();
    schedules.sort();
    let mut texts = Vec::new();
    for dir in schedules {
        let year = year_of(&dir.join("_index.md")).expect("each schedule has a year");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a schedule folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a content file");
            texts.extend(when_values(&text).into_iter().map(|w| (w, year)));
        }
    }
    texts
}

fn read(c: &mut Criterion) {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let texts = site_texts(&content);
    let readings: Vec<When> = texts.iter().filter_map(|(t, y)| parse_when(t, *y).ok()).collect();
    // The site builds, so every text of it reads: a bench of errors would measure something else.
    assert!(!texts.is_empty() && readings.len() == texts.len(), "{} of {} texts read", readings.len(), texts.len());
    eprintln!("{} when texts from {}", texts.len(), content.display());

    let mut g = c.benchmark_group("dates");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function(format!("parse_when x{}", texts.len()), |b| {
        b.iter(|| {
            for (text, year) in &texts {
                black_box(parse_when(black_box(text), *year).ok());
            }
        })
    });
    g.bench_function(format!("in_words x{}", readings.len()), |b| {
        b.iter(|| {
            for when in &readings {
                black_box(when.in_words());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
