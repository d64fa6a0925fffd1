//! criterion benchmark of `almanac import --dry-run` (reading, header, every row's date, planning every file)
//! on generated tables of 2,000, 10,000 and 20,000 rows, as CSV, Excel and Word: the time must grow linearly
//! with the rows (issue 20: a 20,000-row dry run took 48 s when planning was quadratic; the target is a
//! 10,000-row sheet in under 2 s).
//!
//! ```sh
//! cargo bench --bench import
//! ```
//!
//! The rows are an exam timetable's: one course title on many rows (its sittings), which is the case that
//! made slug planning quadratic.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use almanac::import::{Options, plan};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 3] = [2_000, 10_000, 20_000];

/// Row `i`: 序号, 活动名称 (50 courses), 时间, 地点.
fn row(i: usize) -> [String; 4] {
    [i.to_string(), format!("质量管理课程{}", i % 50), format!("{}月{}日", i % 12 + 1, i % 28 + 1), "北京".into()]
}

const HEADER: [&str; 4] = ["序号", "活动名称", "时间", "地点"];

fn csv(n: usize) -> Vec<u8> {
    let mut out = HEADER.join(",") + "\n";
    for i in 1..=n {
        out += &row(i).join(",");
        out.push('\n');
    }
    out.into_bytes()
}

fn xlsx(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=n {
        for (c, v) in row(i).iter().enumerate() {
            sheet.write_string(i as u32, c as u16, v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn docx(n: usize) -> Vec<u8> {
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let tr = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>());
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>"#,
    );
    xml += &tr(&HEADER.map(String::from));
    for i in 1..=n {
        xml += &tr(&row(i));
    }
    xml += "</w:tbl></w:body></w:document>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("almanac.toml"), "title = \"bench\"\nbase_url = \"https://example.org/\"\n")
        .unwrap();
    dir
}

fn options(root: &Path, file: PathBuf) -> Options {
    Options { file, root: root.to_path_buf(), year: Some(2026), ..Options::default() }
}

fn import(c: &mut Criterion) {
    let dir = site();
    let mut group = c.benchmark_group("import --dry-run");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
    for n in SIZES {
        group.throughput(Throughput::Elements(n as u64));
        for (ext, bytes) in [("csv", csv(n)), ("xlsx", xlsx(n)), ("docx", docx(n))] {
            let file = dir.path().join(format!("t{n}.{ext}"));
            std::fs::write(&file, bytes).unwrap();
            let a = options(dir.path(), file);
            group.bench_with_input(BenchmarkId::new(ext, n), &a, |b, a| {
                b.iter(|| black_box(plan(a).map(|p| p.rows.len()).unwrap_or_default()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
