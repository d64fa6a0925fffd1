//! `almanac import`, run as the real binary on Word, Excel and CSV files generated here from the seed (the
//! 2023 质量月 table as published), then built: every title, 时间地点 and 主要内容 must reach the site as
//! published and match the repository's hand-made `content/2023-quality-month/`.

mod common;
mod import_kit;

use std::io::Write;
use std::path::Path;

use common::*;
use import_kit::*;

/// The seed as Word had it: the title (after the `_GoBack` bookmark the text dump shows), the table with its
/// header row marked to repeat on every page, an empty paragraph, the closing 注.
fn seed_docx() -> Vec<u8> {
    let (title, rows, note) = seed();
    let mut table = vec![["序号", "活动名称", "时间地点", "主要内容"].iter().map(|h| tc(h)).collect::<Vec<_>>()];
    for r in &rows {
        table.push(vec![tc(&r.number), tc(&r.title), tc(&r.time_place), tc(&r.content)]);
    }
    let title_para =
        format!(r#"<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>{}</w:p>"#, runs(&title));
    docx(&format!("{title_para}{}<w:p/>{}", table_xml(&table, true), para(&note)))
}

/// The seed as a workbook: the title merged across the first row, the header, the rows (序号 as numbers), an
/// empty row, and the 注 merged across the last.
fn seed_xlsx() -> Vec<u8> {
    let (title, rows, note) = seed();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("活动安排").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    sheet.merge_range(0, 0, 0, 3, &title, &fmt).unwrap();
    for (c, h) in ["序号", "活动名称", "时间地点", "主要内容"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        sheet.write_number(row, 0, r.number.parse::<f64>().unwrap()).unwrap();
        sheet.write_string(row, 1, &r.title).unwrap();
        sheet.write_string(row, 2, &r.time_place).unwrap();
        sheet.write_string(row, 3, &r.content).unwrap();
    }
    let last = rows.len() as u32 + 3;
    sheet.merge_range(last, 0, last, 3, &note, &fmt).unwrap();
    book.save_to_buffer().unwrap()
}

/// The imported schedule against the repository's own content and the seed, then built: every title, 时间地点
/// and 主要内容 character as published.
fn assert_round_trip(site: &Path, slug: &str) {
    let (title, rows, note) = seed();
    let dir = site.join("content").join(slug);
    let imported = activities(&dir);
    let today = activities(&repo().join("content/2023-quality-month"));
    assert_eq!(imported.len(), 24);
    assert_eq!(imported.keys().collect::<Vec<_>>(), today.keys().collect::<Vec<_>>());
    for (n, mine) in &imported {
        let theirs = &today[n];
        // The split of 时间地点 into when and where is the one the editors made by hand.
        assert_eq!(
            (&mine.title, &mine.when, &mine.place, &mine.body, mine.draft),
            (&theirs.title, &theirs.when, &theirs.place, &theirs.body, false),
            "row {n}: {} vs {}",
            mine.file,
            theirs.file
        );
        assert!(mine.file.starts_with(&format!("{n:02}-")) && mine.file.is_ascii(), "{}", mine.file);
    }
    let index = read(&dir.join("_index.md"));
    let t: toml::Table = toml::from_str(index.split("+++").nth(1).unwrap()).unwrap();
    assert_eq!((t["title"].as_str(), t["year"].as_integer()), (Some(title.as_str()), Some(2023)));
    assert_eq!(t["note"].as_str(), Some(note.as_str()));

    let output = build(site);
    let calendar = html_text(&read(&output.join(slug).join("index.html")));
    assert!(calendar.contains(&title) && calendar.contains(&note), "title or note missing from the calendar");
    for row in &rows {
        let file = &imported[&row.number.parse::<i64>().unwrap()].file;
        let page = html_text(&read(&output.join(slug).join(file.replace(".md", ".html"))));
        for (what, text) in [("name", &row.title), ("时间地点", &row.time_place), ("主要内容", &row.content)] {
            assert!(page.contains(text.as_str()), "row {} page lacks its {what}: {text}", row.number);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The draft mechanism, on a hand-written file.

/// A draft that cannot be read no longer stops the build: it is left out, and `build` and `check` warn about it;
/// `--drafts` (which builds drafts) makes it an error.
#[test]
fn a_draft_that_cannot_be_read_is_a_warning_unless_drafts_are_built() {
    let site = fixture_site("import-site");
    let dir = site.path().join("content/s");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_index.md"), "+++\ntitle = \"日程\"\nyear = 2023\n+++\n").unwrap();
    std::fs::write(dir.join("01-a.md"), "+++\ntitle = \"论坛\"\nwhen = \"9月\"\n+++\n").unwrap();
    std::fs::write(dir.join("02-b.md"), "+++\ntitle = \"交流\"\nwhen = \"13月\"\ndraft = true\n+++\n").unwrap();
    let root = site.path().to_str().unwrap();
    let (output, built) = build_with(site.path(), &[]);
    let warned = stderr(&built);
    assert!(
        warned
            .contains("warning: a draft is left out of the site: cannot read the date `13月`: month 13 does not exist"),
        "{warned}"
    );
    assert!(warned.contains("content/s/02-b.md:3:9") && warned.contains("1 warning"), "{warned}");
    assert!(output.join("s/01-a.html").is_file() && !output.join("s/02-b.html").exists());
    let checked = almanac(&["check", "--root", root], &[]);
    assert!(checked.status.success() && stdout(&checked).contains("0 errors, 1 warning"), "{}", stdout(&checked));
    let strict = almanac(&["check", "--root", root, "--strict"], &[]);
    assert_eq!(strict.status.code(), Some(1));
    for command in ["build", "check"] {
        let with_drafts = almanac(&[command, "--root", root, "--drafts"], &[]);
        assert_eq!(with_drafts.status.code(), Some(1), "{command} --drafts");
        assert!(stderr(&with_drafts).contains("error: cannot read the date `13月`"), "{}", stderr(&with_drafts));
    }
}

// ---------------------------------------------------------------------------------------------------------
// The round trip on the real data.

#[test]
fn word_table_of_the_seed_round_trips_to_the_site() {
    let (site, file) = site_with("quality-month-2023.docx", &seed_docx());
    let said = import_ok(site.path(), &file, &["--schedule", "2023-quality-month"]);
    assert!(said.contains("(Word document, Word table 1): 24 activity rows."), "{said}");
    assert!(
        said.contains("Columns: 序号 → number, 活动名称 → title, 时间地点 → when + where, 主要内容 → body"),
        "{said}"
    );
    assert!(said.contains("(year 2023, from the title)"), "{said}");
    // Each reading as `check` prints it.
    let line = said.lines().find(|l| l.contains("质量大讲堂")).unwrap();
    assert!(
        line.starts_with("+    5  8月下旬 ") && line.contains("→ 2023-08-21 … 2023-08-31 (旬)  在线观看"),
        "{line}"
    );
    let line = said.lines().find(|l| l.contains("专家行")).unwrap();
    assert!(
        line.starts_with("+   24  全年，按报名预约时间安排 ") && line.contains("→ 2023-01-01 … 2023-12-31 (年)  —"),
        "{line}"
    );
    assert!(said.contains("Created the schedule's _index.md and 24 activity files in"), "{said}");
    assert_round_trip(site.path(), "2023-quality-month");
}

#[test]
fn excel_sheet_of_the_seed_round_trips_to_the_site() {
    let (site, file) = site_with("活动安排.xlsx", &seed_xlsx());
    let said = import_ok(site.path(), &file, &["--schedule", "quality-month"]);
    assert!(said.contains("(Excel workbook, sheet 活动安排): 24 activity rows."), "{said}");
    assert!(said.contains("1 empty row(s) skipped"), "{said}");
    assert_round_trip(site.path(), "quality-month");
}

#[test]
fn importing_again_adds_nothing_and_never_overwrites() {
    let (site, file) = site_with("quality-month-2023.docx", &seed_docx());
    import_ok(site.path(), &file, &[]);
    let dir = site.path().join("content/quality-month-2023");
    let before = read_tree(&dir);
    let said = import_ok(site.path(), &file, &[]);
    assert!(said.contains("(year 2023, from the existing schedule)"), "{said}");
    assert!(said.contains("Created 0 activity files in"), "{said}");
    assert!(said.contains("24 rows already in the schedule or not added"), "{said}");
    assert!(said.lines().filter(|l| l.starts_with('=')).count() == 24, "{said}");
    assert_eq!(read_tree(&dir), before);

    // Into the repository's own schedule: every row is already there, by title.
    let own = repo_site();
    let said = import_ok(own.path(), &file, &["--schedule", "2023-quality-month"]);
    assert!(said.contains("Created 0 activity files"), "{said}");
    assert!(said.contains("(already in 13-central-soe-qc-contest.md)"), "{said}");
}

#[test]
fn a_new_row_is_added_to_an_existing_schedule_and_a_taken_number_reported() {
    let (site, file) = site_with("s.docx", &seed_docx());
    import_ok(site.path(), &file, &["--schedule", "s"]);
    let table = vec![
        vec![tc("序号"), tc("活动名称"), tc("时间地点")],
        vec![tc("1"), tc("2023年市场质量信用等级评价"), tc("7月-9月（评审阶段），全国")],
        vec![tc("25"), tc("质量沙龙"), tc("11月上旬，上海")],
        vec![tc("3"), tc("换了名字的活动"), tc("9月")],
    ];
    let more = site.path().join("more.docx");
    std::fs::write(&more, docx(&table_xml(&table, false))).unwrap();
    let out = import(site.path(), &more, &["--schedule", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (said, err) = (stdout(&out), stderr(&out));
    assert!(said.contains("Created 1 activity file in"), "{said}");
    assert!(err.contains("warning: not imported: 序号 3 is taken by"), "{err}");
    assert!(err.contains("--> ") && err.contains("more.docx, Word table 1, row 4"), "{err}");
    let added = front(&site.path().join("content/s/25-zhi-liang-sha-long.md"));
    assert_eq!((added.when.as_str(), added.place.as_deref()), ("11月上旬", Some("上海")));
}

#[test]
fn rows_added_to_an_academic_year_are_read_in_it_as_the_build_reads_them() {
    let (site, file) = site_with("more.csv", "序号,活动名称,时间,地点\n1,春季讲座,3月中旬,北京\n".as_bytes());
    let dir = site.path().join("content/school");
    std::fs::create_dir_all(&dir).unwrap();
    let index = "+++\ntitle = \"2024-2025学年校历\"\nyear = 2024\nspan = \"2024年9月-2025年7月\"\n+++\n";
    std::fs::write(dir.join("_index.md"), index).unwrap();
    let said = import_ok(site.path(), &file, &["--schedule", "school", "--dry-run"]);
    // March comes after the year's September: 2025, never 2024.
    assert!(said.contains("2025-03-11"), "{said}");
    assert!(!said.contains("2024-03"), "{said}");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let (site, file) = site_with("quality-month-2023.docx", &seed_docx());
    let said = import_ok(site.path(), &file, &["--dry-run"]);
    assert!(said.contains("Dry run: nothing was written."), "{said}");
    assert_eq!(said.lines().filter(|l| l.starts_with('+')).count(), 24, "{said}");
    assert!(!site.path().join("content").exists());
}

// ---------------------------------------------------------------------------------------------------------
// Tables as they come.

#[test]
fn merged_cells_sections_and_a_repeated_header() {
    let span = |text: &str, span| Tc { span, ..tc(text) };
    let vm = |text: &str, m| Tc { vmerge: Some(m), ..tc(text) };
    let table = vec![
        vec![tc("序  号"), tc("活动名称"), tc("时间地点"), tc("主要内容")],
        vec![span("一、评价类活动", 4)],
        vec![tc("1"), tc("现场管理评价"), vm("9月-10月，北京", "restart"), tc("第一段\n\n第二段")],
        vec![tc("2"), tc("质量标杆遴选"), vm("", "continue"), tc("遴选。")],
        // The table went on over a page break, pasted with its header again.
        vec![tc("序号"), tc("活动名称"), tc("时间地点"), tc("主要内容")],
        vec![span("二、竞赛", 4)],
        vec![tc("3"), tc("中国质量\n大讲堂"), tc("9月18日-22日\n地点待定"), span("宣讲。", 1)],
        vec![tc(""), tc(""), tc(""), tc("")],
    ];
    let body = format!("{}{}{}", para("附件1"), para("2024年质量月活动"), table_xml(&table, false));
    let (site, file) = site_with("m.docx", &docx(&body));
    let said = import_ok(site.path(), &file, &[]);
    assert!(said.contains("Word table 1, row 5: the header again"), "{said}");
    assert!(said.contains("section “一、评价类活动”, a tag of the rows under it: 评价类活动"), "{said}");
    let a = activities(&site.path().join("content/m"));
    let got: Vec<_> =
        a.values().map(|f| (f.title.as_str(), f.when.as_str(), f.place.as_deref(), f.tags.clone())).collect();
    assert_eq!(
        got,
        [
            ("现场管理评价", "9月-10月", Some("北京"), vec!["评价类活动".to_string()]),
            ("质量标杆遴选", "9月-10月", Some("北京"), vec!["评价类活动".to_string()]),
            ("中国质量大讲堂", "9月18日-22日", Some("地点待定"), vec!["竞赛".to_string()]),
        ]
    );
    assert_eq!(a[&1].body, "第一段\n\n第二段");
    let index = read(&site.path().join("content/m/_index.md"));
    assert!(index.contains("title = \"2024年质量月活动\"\nyear = 2024\n"), "{index}");
    let output = build(site.path());
    assert!(output.join("tags/ping-jia-lei-huo-dong.html").is_file());
}

#[test]
fn gbk_csv_with_extra_columns_keeps_every_column() {
    let text = read(&repo().join("tests/fixtures/import-csv/extra-columns.csv"));
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let (site, file) = site_with("活动.csv", &gbk);
    let out = import(site.path(), &file, &["--schedule", "autumn"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("pass --year"), "{}", stderr(&out));

    let out = import(site.path(), &file, &["--schedule", "autumn", "--year", "2024"]);
    let (said, err) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{err}");
    assert!(said.contains("(CSV file (gb18030)): 3 activity rows."), "{said}");
    assert!(said.contains("负责部门 → body (kept as “header：value”)"), "{said}");
    let a = activities(&site.path().join("content/autumn"));
    assert_eq!(a[&1].body, "第一段。\n\n第二段。\n\n备注：免费参加\n\n负责部门：会员部");
    assert_eq!(a[&1].tags, ["论坛", "沙龙"]);
    assert_eq!((a[&1].when.as_str(), a[&1].place.as_deref()), ("9月下旬", Some("北京")));
    assert_eq!(a[&3].body, "宣讲\\*团体标准\\*，见\\[通知\\]。\n\n负责部门：标准部");
    assert!(a[&2].draft && a[&2].when == "待定");
    assert!(
        err.contains("warning: the row is written as a draft: cannot read the date `待定`")
            && err.contains("活动.csv, cell C3"),
        "{err}"
    );

    // The same bytes named by --encoding; a wrong one is an error.
    let (site2, file2) = site_with("a.csv", &gbk);
    import_ok(site2.path(), &file2, &["--year", "2024", "--encoding", "gbk"]);
    let out = import(site2.path(), &file2, &["--year", "2024", "--encoding", "utf-8", "--schedule", "b"]);
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));

    // The markup-like characters are shown as typed.
    let output = build(site.path());
    let page = html_text(&read(&output.join("autumn").join(a[&3].file.replace(".md", ".html"))));
    assert!(page.contains("宣讲*团体标准*，见[通知]。"), "{page}");
}

/// An OpenDocument spreadsheet (LibreOffice, WPS): the zip and XML written here as LibreOffice writes them.
#[test]
fn opendocument_spreadsheet() {
    let row = |cells: &[&str]| {
        let cells: String = cells
            .iter()
            .map(|c| {
                let paras: String = c.split('\n').map(|p| format!("<text:p>{}</text:p>", esc(p))).collect();
                format!(r#"<table:table-cell office:value-type="string" calcext:value-type="string">{paras}</table:table-cell>"#)
            })
            .collect();
        format!("<table:table-row>{cells}</table:table-row>")
    };
    let rows = [
        row(&["2023年质量论坛日程"]),
        row(&["编号", "活动", "日期", "形式", "简介"]),
        row(&["1", "质量论坛", "9月18日", "线上", "第一段\n第二段"]),
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="日程"><table:table-column/>{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows.concat()
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    let (site, file) = site_with("forum.ods", &zip.finish().unwrap().into_inner());
    let said = import_ok(site.path(), &file, &[]);
    assert!(said.contains("(OpenDocument spreadsheet, sheet 日程): 1 activity row."), "{said}");
    let a = activities(&site.path().join("content/forum"));
    assert_eq!(
        (a[&1].title.as_str(), a[&1].when.as_str(), a[&1].place.as_deref()),
        ("质量论坛", "9月18日", Some("线上"))
    );
    assert_eq!(a[&1].body, "第一段\n\n第二段");
}

/// A row whose date cannot be read is written as a draft with the date as published; `build` reports it on every
/// run, `check` lists it, and `--drafts` makes it an error, until it is fixed.
#[test]
fn an_unreadable_date_is_a_reported_draft_until_fixed() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["序号", "活动名称", "举办时间", "举办地点"],
        ["1", "质量论坛", "9月下旬", "北京"],
        ["2", "QC交流", "待定", "在线"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let (site, file) = site_with("2023年活动.xlsx", &book.save_to_buffer().unwrap());
    let out = import(site.path(), &file, &["--schedule", "s", "--year", "2023"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (said, err) = (stdout(&out), stderr(&out));
    assert!(said.contains("!    2  待定") && said.contains("cannot read: written as a draft"), "{said}");
    assert!(err.contains("2023年活动.xlsx, sheet Sheet1, cell C3"), "{err}");
    assert!(said.contains("(drafts: 1)"), "{said}");
    let draft = front(&site.path().join("content/s/02-qc-jiao-liu.md"));
    assert!(draft.draft && draft.when == "待定" && draft.place.as_deref() == Some("在线"));

    let root = site.path().to_str().unwrap();
    let built = almanac(&["build", "--root", root], &[("NO_COLOR", "1")]);
    assert!(built.status.success(), "{}", stderr(&built));
    let warned = stderr(&built);
    assert!(
        warned.contains("warning: a draft is left out of the site: cannot read the date `待定`")
            && warned.contains("content/s/02-qc-jiao-liu.md"),
        "{warned}"
    );
    assert!(!site.path().join("output/s/02-qc-jiao-liu.html").exists());
    let checked = almanac(&["check", "--root", root], &[("NO_COLOR", "1")]);
    assert!(checked.status.success() && stdout(&checked).contains("0 errors, 1 warning"), "{}", stdout(&checked));
    assert!(
        stderr(&checked).contains("warning: a draft is left out of the site: cannot read the date `待定`"),
        "{}",
        stderr(&checked)
    );
    let strict = almanac(&["build", "--root", root, "--drafts"], &[]);
    assert_eq!(strict.status.code(), Some(1));

    // Fixed: the date corrected and the draft line deleted.
    let path = site.path().join("content/s/02-qc-jiao-liu.md");
    let fixed = read(&path).replace("when = \"待定\"", "when = \"10月\"").replace("draft = true\n", "");
    std::fs::write(&path, fixed).unwrap();
    let (_, again) = build_with(site.path(), &[]);
    assert!(!stderr(&again).contains("warning"), "{}", stderr(&again));
    assert!(site.path().join("output/s/02-qc-jiao-liu.html").is_file());
}

// ---------------------------------------------------------------------------------------------------------
// Bad input: a clear error, never a panic, nothing written.

fn refused(name: &str, bytes: &[u8], args: &[&str]) -> String {
    let (site, file) = site_with(name, bytes);
    let out = import(site.path(), &file, args);
    assert_eq!(out.status.code(), Some(1), "{name}: {}", stdout(&out));
    assert!(!site.path().join("content").exists(), "{name}: something was written");
    let err = stderr(&out);
    assert!(err.contains("help:") && err.contains("nothing was written"), "{err}");
    err
}

#[test]
fn bad_files_get_clear_errors() {
    let seed = seed_docx();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("notes.docx", "这不是Word文档".as_bytes().to_vec(), "not a .docx file"),
        ("table.xlsx", b"\x00\x01\x02".to_vec(), "not a .xlsx file"),
        ("broken.docx", seed[..seed.len() / 2].to_vec(), "damaged"),
        ("old.doc", cfb("WordDocument"), "Word 97–2003"),
        ("secret.docx", cfb("EncryptedPackage"), "password-protected"),
        ("secret.xlsx", cfb("EncryptionInfo"), "password-protected"),
        ("scan.pdf", b"%PDF-1.7\n".to_vec(), "PDF"),
        ("photo.png", b"\x89PNG\r\n".to_vec(), "cannot tell what kind of file"),
        (
            "no-title.docx",
            docx(&table_xml(&[vec![tc("时间"), tc("地点")], vec![tc("9月"), tc("北京")]], false)),
            "has a column that names the activity",
        ),
        ("no-table.docx", docx(&para("2023年质量月")), "the file has no table"),
        ("no-time.docx", docx(&table_xml(&[vec![tc("活动名称")], vec![tc("论坛")]], false)), "has no time column"),
        ("empty.csv", Vec::new(), "has a header row"),
    ];
    for (name, bytes, says) in cases {
        let err = refused(name, &bytes, &["--year", "2023"]);
        assert!(err.contains(says), "{name}: {err}");
    }
    let err = refused("a.docx", &seed, &["--table", "2"]);
    assert!(err.contains("there is no table 2"), "{err}");
    let err = refused("a.xlsx", &seed_xlsx(), &["--sheet", "Sheet9"]);
    assert!(err.contains("no sheet named `Sheet9`") && err.contains("活动安排"), "{err}");
}

/// An OLE compound file holding a stream of this name (enough of one for the format to be told).
fn cfb(stream: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let site = fixture_site("import-site");
    let file = site.path().join("huge.docx");
    // Sparse: the size is reported without writing 200 MB.
    std::fs::File::create(&file).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the file is 200 MB, more than the 50 MB almanac import reads"), "{}", stderr(&out));
}

#[test]
fn outside_a_site_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.docx");
    std::fs::write(&file, seed_docx()).unwrap();
    let out = import(dir.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no almanac.toml"), "{}", stderr(&out));
    assert!(!dir.path().join("content").exists());
}
