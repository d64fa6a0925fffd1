//! What the package claims about itself holds: no dependency needs a newer Rust than `rust-version` says, and
//! every crate of the workspace says the same `rust-version`.
//! (CI has one toolchain, so the claim cannot be checked by compiling with that version; clippy's
//! `incompatible_msrv` lint, on under `-D warnings`, checks the standard library items the code uses.)

use std::process::Command;

/// The host's target triple, as rustc names it (`host: x86_64-unknown-linux-gnu`).
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().expect("rustc -vV runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc -vV names the host").trim().to_string()
}

fn version(v: &str) -> Vec<u32> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn no_dependency_needs_a_newer_rust_than_ours() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Only the host's dependencies: a machine that has built the project has downloaded those and no others
    // (android_system_properties and the like are never fetched on Linux), and the check must run offline there.
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline", "--filter-platform", &host_triple()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    assert!(ours >= version("1.89"), "let chains need Rust 1.88, File::lock 1.89");
    let newer: Vec<String> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| Some((p["name"].as_str()?, p["rust_version"].as_str()?)))
        .filter(|(_, v)| version(v) > ours)
        .map(|(name, v)| format!("{name} needs {v}"))
        .collect();
    assert!(newer.is_empty(), "rust-version is {}, but {newer:?}", env!("CARGO_PKG_RUST_VERSION"));
    // Each crate of the workspace (almanac and crates/dates) claims the same Rust.
    let members: Vec<&str> = meta["workspace_members"].as_array().unwrap().iter().filter_map(|m| m.as_str()).collect();
    let claims: Vec<(String, Option<&str>)> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| members.contains(&id)))
        .map(|p| (p["name"].as_str().unwrap_or_default().to_string(), p["rust_version"].as_str()))
        .collect();
    assert!(claims.len() >= 2, "the workspace has almanac and almanac-dates: {claims:?}");
    assert!(claims.iter().all(|(_, v)| *v == Some(env!("CARGO_PKG_RUST_VERSION"))), "{claims:?}");
}
