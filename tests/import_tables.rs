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
    // A blank string at A1 (as a cleared cell is saved) would make calamine's range the whole sheet.
    let (site, file) = site_with("far.xlsx", &xlsx(&[(0, 0, " "), (1_048_575, 16_383, "x")]));
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

/// An exam timetable as a registrar publishes it: a merged title naming the academic term, a blank row, the
/// header in row 3, one course on several sittings, Excel date cells beside a time-slot column, and a column
/// almanac does not know. Every row is imported; the year comes from the term; `check` finds no duplicate.
fn exam_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 5, "XX大学2025-2026学年第二学期期末考试安排", &fmt).unwrap();
    for (c, h) in ["序号", "课程名称", "考试日期", "时段", "考场", "监考教师"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let rows = [
        ("高等数学", (2026, 6, 15), "08:30-10:30", "A101", "张老师"),
        ("高等数学", (2026, 6, 16), "08:30-10:30", "A101", "李老师"),
        ("大学英语", (2026, 6, 15), "13:30-15:30", "B202", "王老师"),
    ];
    for (i, (course, (y, m, d), slot, room, teacher)) in rows.iter().enumerate() {
        let r = i as u32 + 3;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *course).unwrap();
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_datetime_with_format(r, 2, &day, &date).unwrap();
        sheet.write_string(r, 3, *slot).unwrap();
        sheet.write_string(r, 4, *room).unwrap();
        sheet.write_string(r, 5, *teacher).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_exam_table_with_its_header_in_row_3_under_a_merged_title() {
    let (site, file) = site_with("exam.xlsx", &exam_xlsx());
    let dry = stdout(&import(site.path(), &file, &["--schedule", "exam", "--dry-run"]));
    let said = import_ok(site.path(), &file, &["--schedule", "exam"]);
    assert!(said.contains("year 2026, from the academic year in the title"), "{said}");
    assert!(
        said.contains("考试日期 → when, 时段 → when (after the date)") && said.contains("监考教师 → body"),
        "{said}"
    );
    // The dry run printed the same report.
    assert_eq!(dry.lines().take(5).collect::<Vec<_>>(), said.lines().take(5).collect::<Vec<_>>());
    let dir = site.path().join("content/exam");
    let index = read(&dir.join("_index.md"));
    assert!(index.contains("year = 2026\n") && index.contains("title = \"XX大学2025-2026学年第二学期期末考试安排\""));
    let a = activities(&dir);
    assert_eq!(a.len(), 3);
    assert_eq!((a[&1].when.as_str(), a[&1].place.as_deref()), ("2026-06-15 08:30-10:30", Some("A101")));
    assert_eq!((a[&2].title.as_str(), a[&2].when.as_str()), ("高等数学", "2026-06-16 08:30-10:30"));
    assert_eq!(a[&3].body, "监考教师：王老师");
    assert!(a.values().all(|f| !f.draft));
    let out = almanac(&["check", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("same title"), "two sittings of one course are no duplicate:\n{}", stderr(&out));
}

/// English headers, and dates that each write their year: no --year needed.
#[test]
fn english_headers_and_the_year_from_the_dates() {
    let csv = "No.,Event,Date,Time,Location,Notes,Speaker\n1,Opening,2026-05-13,09:00-10:00,Hall A,Free,Ann Lee\n\
               2,Workshop,2026-05-14,13:30-15:20,Room 2,,Bo Chen\n";
    let (site, file) = site_with("conf.csv", csv.as_bytes());
    let said = import_ok(site.path(), &file, &["--schedule", "conf"]);
    assert!(said.contains("year 2026, from the dates, which all write their year"), "{said}");
    let a = activities(&site.path().join("content/conf"));
    assert_eq!((a[&1].title.as_str(), a[&1].when.as_str()), ("Opening", "2026-05-13 09:00-10:00"));
    assert_eq!(a[&1].place.as_deref(), Some("Hall A"));
    assert_eq!(a[&1].body, "备注：Free\n\nSpeaker：Ann Lee");
    // Dates without their year still need one.
    let (site, file) = site_with("conf.csv", "Event,Date\nOpening,5月13日\n".as_bytes());
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("pass --year"), "{}", stderr(&out));
}

/// Headers almanac does not know: the error shows the cells it saw and a `--columns` that works as pasted.
#[test]
fn unknown_headers_get_a_columns_suggestion_that_works() {
    let csv = "期末考试安排\n,,,\n代码,课目,考试时刻,考场\nM1,高等数学,2026-06-15 08:30,A101\n";
    let (site, file) = site_with("odd.csv", csv.as_bytes());
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("the header cells in row 3 are `代码` | `课目` | `考试时刻` | `考场`"), "{err}");
    let suggestion = err.split("--columns ").nth(1).unwrap().lines().next().unwrap().trim();
    assert_eq!(suggestion, "标题=课目,时间=考试时刻,地点=考场");
    assert!(!site.path().join("content").exists());
    let said = import_ok(site.path(), &file, &["--columns", suggestion]);
    assert!(said.contains("课目 → title, 考试时刻 → when, 考场 → where"), "{said}");
    // A header --columns names that the table does not have is an error that shows the headers.
    let out = import(site.path(), &file, &["--columns", "标题=课程", "--schedule", "x"]);
    assert!(stderr(&out).contains("--columns names 课程, but the header cells"), "{}", stderr(&out));
    let out = import(site.path(), &file, &["--columns", "颜色=考场", "--schedule", "x"]);
    assert!(stderr(&out).contains("`颜色` is not a field"), "{}", stderr(&out));
}

/// A 校历 (a month-by-weekday grid) and a document without a table are told apart from a table with
/// unknown headers: each its own message, exit 1, nothing written.
#[test]
fn a_calendar_grid_and_a_document_without_a_table_get_their_own_message() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 0, 8, "2025-2026学年校历", &rust_xlsxwriter::Format::new()).unwrap();
    for (c, h) in ["月份", "周次", "一", "二", "三", "四", "五", "六", "日"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for week in 0..5u32 {
        sheet.write_string(2 + week, 0, "九月").unwrap();
        sheet.write_number(2 + week, 1, f64::from(week + 1)).unwrap();
        for d in 0..7u16 {
            sheet.write_number(2 + week, 2 + d, f64::from(week * 7 + u32::from(d) + 1)).unwrap();
        }
    }
    let (site, file) = site_with("xiaoli.xlsx", &book.save_to_buffer().unwrap());
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a calendar grid"), "{}", stderr(&out));
    assert!(!site.path().join("content").exists());

    let body = format!("{}{}", para("关于举办质量月活动的通知"), para("各单位：定于9月举办质量论坛。"));
    let (site, file) = site_with("notice.docx", &docx(&body));
    let out = import(site.path(), &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the file has no table, only 2 paragraph(s)"), "{}", stderr(&out));
    assert!(!site.path().join("content").exists());
}

/// One problem down a long table is one line with a count and the first cells, in the report and the dry run.
#[test]
fn a_problem_repeated_down_the_table_is_reported_once_with_a_count() {
    let mut csv = String::from("2026年培训计划\n序号,培训课程,培训时间\n");
    for i in 1..=20 {
        csv += &format!("{i},课程{i},xx{i}\n");
    }
    let (site, file) = site_with("plan.csv", csv.as_bytes());
    for args in [&["--dry-run"][..], &[]] {
        let out = import(site.path(), &file, args);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("cannot read the date").count(), 2, "{err}");
        assert!(err.contains("19 more like this: the row is written as a draft"), "{err}");
        assert!(err.contains("plan.csv, cell C4, cell C5, cell C6, …"), "{err}");
    }
}

/// `check` on a big table: one title at one place on one day is a duplicate, but past ten copies the rest is
/// one line with their count.
#[test]
fn check_summarises_a_warning_repeated_more_than_ten_times() {
    let mut csv = String::from("2026年考试安排\n序号,课程名称,考试时间,考场\n");
    for i in 1..=15 {
        csv += &format!("{i},高等数学,6月15日,A101\n");
    }
    let (site, file) = site_with("dup.csv", csv.as_bytes());
    import_ok(site.path(), &file, &["--schedule", "dup"]);
    let out = almanac(&["check", "--root", site.path().to_str().unwrap()], &[("NO_COLOR", "1")]);
    let err = stderr(&out);
    assert_eq!(err.matches("warning: another activity has the same title").count(), 10, "{err}");
    assert!(err.contains("4 more like this: another activity has the same title `…`"), "{err}");
}
