//! `almanac import` on tables in the shapes organisations publish and on hostile ones, run as the real binary on
//! files generated here: the limits, refusals that write nothing, headers found under title rows.

mod common;
mod import_kit;

use std::path::Path;

use common::*;
use import_kit::*;

/// Every file under `dir` with its bytes, to tell that a refused import changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

fn xlsx(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, c, t) in cells {
        sheet.write_string(*r, *c, *t).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// A sheet whose one cell is XFD1048576 (it declares 17 billion cells) is read as the one cell it is: a clear
/// error about its missing header, not an abort allocating 512 GB.
#[test]
fn a_sheet_with_one_far_cell_is_read_by_its_cells() {
    let (site, file) = site_with("far.xlsx", &xlsx(&[(1_048_575, 16_383, "x")]));
    let out = import(site.path(), &file, &["--year", "2025"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("memory allocation"), "{}", stderr(&out));
    assert!(!site.path().join("content").exists());
}

/// A 2 MB title in the third row refuses the import before the first file is written: the schedule folder
/// (here one that already exists) is left byte for byte as it was.
#[test]
fn a_huge_cell_refuses_the_import_before_anything_is_written() {
    let huge = "长".repeat(700_000);
    let csv = format!("序号,活动名称,时间\n1,论坛,9月1日\n2,讲座,9月2日\n3,{huge},9月3日\n");
    let (site, file) = site_with("big.csv", csv.as_bytes());
    let dir = site.path().join("content/big");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_index.md"), "+++\ntitle = \"x\"\nyear = 2025\n+++\n").unwrap();
    let before = snapshot(site.path());
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("cell B4") && err.contains("700000 characters"), "{err}");
    assert_eq!(snapshot(site.path()), before, "a refused import wrote something");
}

/// Past the row limit a table is refused with the limits named, nothing written.
#[test]
fn too_many_rows_are_refused_with_the_limit() {
    let mut csv = String::from("序号,活动名称,时间\n");
    for i in 1..=50_001 {
        csv += &format!("{i},活动,9月1日\n");
    }
    let (site, file) = site_with("many.csv", csv.as_bytes());
    let out = import(site.path(), &file, &["--year", "2025"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("more than almanac imports (50000 rows"), "{}", stderr(&out));
    assert!(!site.path().join("content").exists());
}

/// A Word row of cells that each span 64 grid columns would make every row that wide: refused as it is read.
#[test]
fn a_word_table_past_the_column_limit_is_refused() {
    let wide: Vec<Tc> = (0..10).map(|_| Tc { span: 64, ..tc("x") }).collect();
    let body = table_xml(&[vec![tc("活动名称"), tc("时间")], vec![tc("论坛"), tc("9月")], wide], false);
    let (site, file) = site_with("wide.docx", &docx(&body));
    let out = import(site.path(), &file, &["--year", "2025"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Word table 1 has 3 rows and"), "{}", stderr(&out));
}

/// 主办单位 and 承办单位 columns become the activity's `organiser` and `host` (issue 19.8), not body text: the
/// page shows them, JSON-LD's `organizer` is the activity's own before the schedule's, and the data has them.
/// A 负责人 column stays in the body under its header.
#[test]
fn organiser_and_host_columns_become_typed_fields_shown_everywhere() {
    let csv = "2025年质量活动安排\n序号,活动名称,时间,地点,主办单位,承办单位,负责人\n\
               1,质量论坛,9月18日,北京,中国质量协会,北京质量协会,张三\n2,质量讲座,9月20日,上海,,,\n";
    let (site, file) = site_with("plan.csv", csv.as_bytes());
    let said = stdout(&import(site.path(), &file, &["--schedule", "plan"]));
    assert!(said.contains("主办单位 → organiser") && said.contains("承办单位 → host"), "{said}");
    let dir = site.path().join("content/plan");
    let first = read(&dir.join("01-zhi-liang-lun-tan.md"));
    assert!(first.contains("organiser = \"中国质量协会\"\nhost = \"北京质量协会\"\n"), "{first}");
    let a = front(&dir.join("01-zhi-liang-lun-tan.md"));
    assert_eq!(a.body, "负责人：张三");
    std::fs::write(
        dir.join("_index.md"),
        read(&dir.join("_index.md")).replace("year = 2025\n", "year = 2025\norganiser = \"日程的主办方\"\n"),
    )
    .unwrap();
    let output = build(site.path());
    let page = read(&output.join("plan/01-zhi-liang-lun-tan.html"));
    assert!(page.contains("<dt>主办</dt><dd>中国质量协会</dd>") && page.contains("<dt>承办</dt><dd>北京质量协会</dd>"));
    let ld = |html: &str| -> serde_json::Value {
        let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap()
    };
    assert_eq!(ld(&page)["organizer"]["name"], "中国质量协会");
    // Without its own, the schedule's organiser; and no 主办 line on the page.
    let second = read(&output.join("plan/02-zhi-liang-jiang-zuo.html"));
    assert_eq!(ld(&second)["organizer"]["name"], "日程的主办方");
    assert!(!second.contains("<dt>主办</dt>") && !second.contains("<dt>承办</dt>"));
    let json: serde_json::Value = serde_json::from_str(&read(&output.join("activities.json"))).unwrap();
    let acts = json["activities"].as_array().unwrap();
    assert_eq!((acts[0]["organiser"].as_str(), acts[0]["host"].as_str()), (Some("中国质量协会"), Some("北京质量协会")));
    assert!(acts[1]["organiser"].is_null() && acts[1]["host"].is_null());
    let table = read(&output.join("activities.csv"));
    let mut rows = csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first_row = rows.records().next().unwrap().unwrap();
    assert_eq!((&first_row[col("主办 organiser")], &first_row[col("承办 host")]), ("中国质量协会", "北京质量协会"));
}
