//! Writes a synthetic schedule site for benchmarks, the same N activities for almanac, Zola and Hugo:
//!
//! ```sh
//! cargo run --release --example synth -- --activities 10000 --seed 1 --out /tmp/synth
//! # → /tmp/synth/almanac/{almanac.toml,content/}, /tmp/synth/zola/content/, /tmp/synth/hugo/content/
//! cargo run --release --example synth -- --activities 3333 --schedules 1 --out /tmp/year
//! # → one schedule (one year) of 3,333 activities
//! ```
//!
//! Deterministic from the seed. Zola's and Hugo's configuration and templates live in benches/zola-site/ and
//! benches/hugo-site/; benches/compare.sh puts them together with this content.
// A tool run by hand: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "generator.rs"]
mod generator;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Writes a synthetic schedule site for almanac, Zola and Hugo")]
struct Args {
    /// How many activities.
    #[arg(long, default_value_t = 1000)]
    activities: usize,
    /// How many schedules share them (of 8 departments × 10 years, all 80 unless given); 1 makes one year of
    /// N activities.
    #[arg(long)]
    schedules: Option<usize>,
    /// The seed of the generator: the same seed writes the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write `almanac/`, `zola/` and `hugo/` into (they must not exist yet).
    #[arg(long)]
    out: PathBuf,
    /// Give almanac's site an English edition too (`languages = ["zh-CN", "en"]`, an `[en]` table in every file).
    #[arg(long)]
    bilingual: bool,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    for tool in ["almanac", "zola", "hugo"] {
        if args.out.join(tool).exists() {
            eprintln!("error: {} already exists; remove it or choose another --out", args.out.join(tool).display());
            return std::process::ExitCode::FAILURE;
        }
    }
    let synth = match args.schedules {
        Some(k) => generator::generate_in(args.activities, args.seed, k),
        None => generator::generate(args.activities, args.seed),
    };
    let almanac = args.out.join("almanac");
    let written = if args.bilingual {
        generator::write_almanac_in(&synth, &almanac, true)
    } else {
        generator::write_almanac(&synth, &almanac)
    };
    let written = written
        .and_then(|()| generator::write_zola(&synth, &args.out.join("zola")))
        .and_then(|()| generator::write_hugo(&synth, &args.out.join("hugo")));
    if let Err(e) = written {
        eprintln!("error: writing into {}: {e}", args.out.display());
        return std::process::ExitCode::FAILURE;
    }
    let bodies: Vec<usize> = synth.activities.iter().map(|a| a.body.len()).collect();
    let milestones = synth.activities.iter().filter(|a| !a.milestones.is_empty()).count();
    println!(
        "Wrote {} activities in {} schedules into {}/{{almanac,zola,hugo}} (seed {}): bodies {}–{} bytes \
         (mean {}), {} with milestones.",
        synth.activities.len(),
        synth.schedules.len(),
        args.out.display(),
        args.seed,
        bodies.iter().min().unwrap_or(&0),
        bodies.iter().max().unwrap_or(&0),
        bodies.iter().sum::<usize>() / bodies.len().max(1),
        milestones,
    );
    std::process::ExitCode::SUCCESS
}
