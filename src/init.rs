//! `almanac init DIR`: a new site that builds at once: config, a schedule, one example activity. It uses the
//! theme built into almanac, so it gets the theme's fixes with each new almanac; `almanac theme copy` overrides
//! a file of it.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, IoOp};

/// Why `almanac init` creates nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InitError {
    #[error("a site already exists here")]
    SiteExists,
}

/// Creates a site in `dir` titled `title`, its first schedule for `year`; returns the files written.
pub fn create(dir: &Path, title: &str, year: i32) -> Result<Vec<PathBuf>, Diagnostics> {
    let config = dir.join(crate::config::FILE);
    if config.exists() {
        return Err(Diagnostic::file(&config, InitError::SiteExists)
            .with_help("choose an empty folder, or edit this site")
            .into());
    }
    let schedule = format!("content/{year}-activities");
    let files = [
        (
            crate::config::FILE.to_string(),
            format!(
                "# Site configuration; every key is described in almanac's docs/reference.md.\ntitle = {}\ntheme = \"default\"    # built into almanac; `almanac theme list` shows its files\nlanguage = \"zh-CN\"\n# base_url = \"https://example.org/calendar/\"\n\
                 # archive = false    # no offline.zip of the whole site\n\
                 # compress = true    # .gz and .br copies of text files, for nginx's gzip_static\n",
                toml::Value::String(title.to_string())
            ),
        ),
        (
            format!("{schedule}/_index.md"),
            format!("+++\ntitle = \"{year}年活动安排\"\nyear = {year}\n# organiser = \"…\"\n# note = \"注：…\"\n+++\n\n这里写日程的简介。\n"),
        ),
        (
            format!("{schedule}/01-example.md"),
            "+++\nnumber = 1\ntitle = \"示例活动\"\nwhen = \"9月下旬\"\nwhere = \"北京\"\ntags = [\"示例\"]\nmilestones = [{ when = \"9月下旬\", label = \"报名\" }]\n+++\n\n这是一个示例活动。把它改成真实的活动，或用 `almanac new` 添加新的活动。\n".to_string(),
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        written.push(write(&dir.join(rel), text.as_bytes())?);
    }
    Ok(written)
}

fn write(path: &Path, bytes: &[u8]) -> Result<PathBuf, Diagnostics> {
    let io = |e: std::io::Error| Diagnostics::from(Diagnostic::io(IoOp::Create, path, e));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)?;
    Ok(path.to_path_buf())
}
