//! The deploy recipes that need no tool to check: `docs/deploy/netlify.toml` is TOML that builds almanac
//! locked and publishes output/, and every recipe the README names exists. (nginx is proven in
//! tests/nginx.rs, the GitHub Pages workflow linted in tests/workflow.rs.)

mod common;

use common::*;

#[test]
fn the_netlify_recipe_builds_locked_and_publishes_output() {
    let text = read(&repo().join("docs/deploy/netlify.toml"));
    let config: toml::Table = toml::from_str(&text).expect("netlify.toml is TOML");
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("output"));
    let mut commands = vec![build["command"].as_str().unwrap()];
    let contexts = config["context"].as_table().unwrap();
    commands.extend(contexts.values().map(|c| c["command"].as_str().unwrap()));
    for command in commands {
        assert!(command.starts_with("cargo install --path . --locked && almanac build --base-url "), "{command}");
    }
    let headers = config["headers"].as_array().unwrap();
    let types: Vec<&str> = headers.iter().filter_map(|h| h["values"].get("Content-Type")?.as_str()).collect();
    assert!(types.contains(&"text/calendar; charset=utf-8") && types.contains(&"text/csv; charset=utf-8"));
}

#[test]
fn the_readme_links_every_recipe_and_every_recipe_exists() {
    let readme = read(&repo().join("README.md"));
    for recipe in
        ["docs/deploy/README.md", "docs/deploy/nginx.conf", "docs/deploy/github-pages.yml", "docs/deploy/netlify.toml"]
    {
        assert!(repo().join(recipe).is_file(), "{recipe} is missing");
        assert!(readme.contains(&format!("]({recipe})")), "README.md does not link {recipe}");
    }
}
