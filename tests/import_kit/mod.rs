//! Shared by the import tests: a small .docx writer and running `almanac import` on a fixture site.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

// ---------------------------------------------------------------------------------------------------------
// A small .docx writer, producing what Word writes for a document of paragraphs and one table: runs split
// mid-text, proofing marks, a bookmark, a header row marked to repeat, `w:gridSpan` and `w:vMerge` merges.

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A paragraph's runs, split in two as Word does after an edit, with a proofing mark between them.
pub fn runs(text: &str) -> String {
    let mid = text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i);
    let (a, b) = text.split_at(mid);
    let run = |t: &str| {
        if t.is_empty() {
            String::new()
        } else {
            format!(
                r#"<w:r w:rsidRPr="00A1B2C3"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(t)
            )
        }
    };
    format!(r#"{}<w:proofErr w:type="spellStart"/>{}<w:proofErr w:type="spellEnd"/>"#, run(a), run(b))
}

pub fn para(text: &str) -> String {
    format!(r#"<w:p w:rsidR="00C1D2E3"><w:pPr><w:jc w:val="center"/></w:pPr>{}</w:p>"#, runs(text))
}

/// A table cell: its paragraphs, how many grid columns it spans, and its vertical merge ("restart",
/// "continue" or none).
#[derive(Clone)]
pub struct Tc {
    pub paras: Vec<String>,
    pub span: usize,
    pub vmerge: Option<&'static str>,
}

pub fn tc(text: &str) -> Tc {
    Tc { paras: text.split('\n').map(str::to_string).collect(), span: 1, vmerge: None }
}

pub fn cell_xml(c: &Tc) -> String {
    let mut pr = String::from(r#"<w:tcW w:w="2000" w:type="dxa"/>"#);
    if c.span > 1 {
        pr += &format!(r#"<w:gridSpan w:val="{}"/>"#, c.span);
    }
    match c.vmerge {
        Some("restart") => pr += r#"<w:vMerge w:val="restart"/>"#,
        Some(_) => pr += "<w:vMerge/>",
        None => {}
    }
    let paras: String = c.paras.iter().map(|p| if p.is_empty() { "<w:p/>".to_string() } else { para(p) }).collect();
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>")
}

pub fn table_xml(rows: &[Vec<Tc>], repeat_header: bool) -> String {
    let width = rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
    let grid: String = (0..width).map(|_| r#"<w:gridCol w:w="2000"/>"#).collect();
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
    );
    for (i, row) in rows.iter().enumerate() {
        let pr = if i == 0 && repeat_header { "<w:trPr><w:tblHeader/></w:trPr>" } else { "" };
        xml += &format!("<w:tr w:rsidR=\"00D4E5F6\">{pr}{}</w:tr>", row.iter().map(cell_xml).collect::<String>());
    }
    xml + "</w:tbl>"
}

/// A complete .docx whose body is `body` (paragraphs and tables as XML).
pub fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------------------
// Running and reading back.

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An empty site, and `bytes` saved in it as `name`.
pub fn site_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let site = fixture_site("import-site");
    let file = site.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    (site, file)
}

pub fn import(site: &Path, file: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import", file.to_str().unwrap(), "--root", site.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = almanac(&all, &[("NO_COLOR", "1")]);
    assert_ne!(out.status.code(), Some(101), "panicked:\n{}", stderr(&out));
    out
}

pub fn import_ok(site: &Path, file: &Path, args: &[&str]) -> String {
    let out = import(site, file, args);
    assert!(out.status.success(), "import failed:\n{}\n{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// One activity file's front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Front {
    pub file: String,
    pub number: i64,
    pub title: String,
    pub when: String,
    pub place: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub body: String,
}

pub fn front(path: &Path) -> Front {
    let text = read(path);
    let rest = text.strip_prefix("+++\n").unwrap();
    let (toml, body) = rest.split_once("\n+++\n").unwrap();
    let t: toml::Table = toml::from_str(toml).unwrap();
    let s = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    Front {
        file: path.file_name().unwrap().to_string_lossy().into_owned(),
        number: t["number"].as_integer().unwrap(),
        title: s("title").unwrap(),
        when: s("when").unwrap(),
        place: s("where"),
        tags: t
            .get("tags")
            .and_then(|v| v.as_array())
            .map_or(vec![], |a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect()),
        draft: t.get("draft").and_then(|v| v.as_bool()).unwrap_or(false),
        body: body.trim().to_string(),
    }
}

/// Every activity of a schedule folder by number.
pub fn activities(dir: &Path) -> BTreeMap<i64, Front> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") && !path.ends_with("_index.md") {
            let f = front(&path);
            assert!(out.insert(f.number, f.clone()).is_none(), "two files numbered {}", f.number);
        }
    }
    out
}
