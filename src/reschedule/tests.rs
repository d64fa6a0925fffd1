use super::*;

use std::path::Path;

const S: &str = "2025-spring";

/// A site with one schedule (`index` is its front matter) and `files` (name, whole text) in it.
fn site(index: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("content").join(S);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(INDEX_FILE), format!("+++\ntitle = \"春季活动\"\n{index}\n+++\n")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    root
}

const FORUM: &[u8] = b"+++\nnumber = 1\ntitle = \"\xe8\xae\xba\xe5\x9d\x9b\"\nwhen = \"5\xe6\x9c\x88\"\n+++\n";

fn change(root: &Path, activity: &str) -> Change {
    Change {
        root: root.to_path_buf(),
        schedule: S.into(),
        activity: activity.into(),
        when: Some("6月".into()),
        note: "延期".into(),
        ..Change::default()
    }
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn messages(e: &Diagnostics) -> String {
    e.iter().map(|d| format!("{} | {}\n", d.kind, d.help.as_deref().unwrap_or(""))).collect()
}

#[test]
fn without_a_date_today_is_taken_only_inside_the_schedules_span() {
    for (index, today, taken) in [
        ("year = 2025", "2025-04-20", true),
        ("year = 2025", "2025-01-01", true),
        ("year = 2025", "2025-12-31", true),
        ("year = 2025", "2026-12-03", false),
        ("year = 2025", "2024-12-31", false),
        ("span = \"2024年9月-2025年7月\"", "2024-09-01", true),
        ("span = \"2024年9月-2025年7月\"", "2025-07-31", true),
        ("span = \"2024年9月-2025年7月\"", "2025-08-01", false),
    ] {
        let root = site(index, &[("01-forum.md", FORUM)]);
        let file = root.path().join("content").join(S).join("01-forum.md");
        let got = reschedule(&change(root.path(), "01-forum"), || Ok(day(today)));
        match got {
            Ok(done) => {
                assert!(taken, "{index}, {today}: took today");
                assert_eq!((done.announced, done.dated_today), (day(today), true));
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(text.contains(&format!("{{ date = {today}, ")), "{text}");
            }
            Err(e) => {
                assert!(!taken, "{index}, {today}: {e}");
                let said = messages(&e);
                assert!(said.contains(&format!("today ({today}) is outside the schedule's span")), "{said}");
                assert!(said.contains("--date YYYY-MM-DD"), "{said}");
                assert_eq!(std::fs::read(&file).unwrap(), FORUM, "the file was changed");
            }
        }
    }
}

#[test]
fn a_given_date_is_used_and_the_clock_never_asked() {
    let root = site("year = 2025", &[("01-forum.md", FORUM)]);
    let mut c = change(root.path(), "01-forum");
    c.date = Some(day("2025-03-01"));
    let done = reschedule(&c, || panic!("the clock was read")).unwrap();
    assert_eq!((done.announced, done.dated_today), (day("2025-03-01"), false));
}

#[test]
fn a_change_of_dates_removes_their_translation_and_says_so() {
    let file = "+++\nnumber = 1\ntitle = \"论坛\"\nwhen = \"5月\"\nwhere = \"北京\"\n\n[en]\ntitle = \"Forum\"\nwhen = \"May\"\nwhere = \"Beijing\"\n+++\n";
    let root = site("year = 2025", &[("01-forum.md", file.as_bytes())]);
    let mut c = change(root.path(), "01-forum");
    c.date = Some(day("2025-03-01"));
    let done = reschedule(&c, || panic!("the clock was read")).unwrap();
    assert_eq!(done.untranslated, ["[en] when"]);
    let text = std::fs::read_to_string(&done.path).unwrap();
    assert!(text.contains("when = \"6月\"") && !text.contains("when = \"May\""), "{text}");
    // What the change does not touch stays translated; the new keys go before the table, where they belong.
    assert!(text.contains("[en]\ntitle = \"Forum\"\nwhere = \"Beijing\"\n"), "{text}");
    assert!(text.find("changes = [").unwrap() < text.find("[en]").unwrap(), "{text}");
}

/// The lines of `text` as written, each with its line end.
fn lines(text: &[u8]) -> Vec<&[u8]> {
    text.split_inclusive(|b| *b == b'\n').collect()
}

#[test]
fn untouched_lines_keep_their_bytes_line_ends_and_bom_included() {
    let bom = "\u{feff}";
    for (name, text, eol) in [
        (
            "01-forum.md",
            "+++\r\nnumber = 1 # 序号\r\ntitle = \"论坛\"\r\nwhen = \"5月\"\r\nwhere = \"北京\"\r\ntags = [\"a\"]\r\n+++\r\n\r\n正文\r\n第二行\r\n"
                .to_string(),
            "\r\n",
        ),
        (
            "01-forum.md",
            format!("{bom}+++\r\nnumber = 1\ntitle = \"论坛\"\r\nwhen = \"5月\"\r\n# 注释\nwhere = \"北京\"\r\n+++\n正文\r\n"),
            "\r\n",
        ),
        (
            "01-forum.md",
            "+++\nnumber = 1\r\ntitle = \"论坛\"\nwhen = \"5月\"\nwhere = \"北京\"\r\n+++\n正文\n".to_string(),
            "\n",
        ),
        (
            "01-forum.md",
            "+++\r\nnumber = 1\r\ntitle = \"论坛\"\r\nwhen = \"5月\"\r\nwhere = \"北京\"\r\nchanges = [\r\n  { date = 2025-01-02, where = \"上海\", new_where = \"北京\" },\r\n]\r\n+++\r\n"
                .to_string(),
            "\r\n",
        ),
        (
            "01-forum.toml",
            format!("{bom}number = 1\r\ntitle = \"论坛\"\r\nwhen = \"5月\"\nwhere = \"北京\"\r\nbody = \"\"\"\r\n正文\r\n\"\"\"\r\n"),
            "\r\n",
        ),
    ] {
        let root = site("year = 2025", &[(name, text.as_bytes())]);
        let file = root.path().join("content").join(S).join(name);
        let mut c = change(root.path(), "01-forum");
        (c.place, c.date) = (Some("杭州".into()), Some(day("2025-04-01")));
        reschedule(&c, || panic!("no clock")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let after = std::fs::read(&file).unwrap();
        let (old, new) = (lines(text.as_bytes()), lines(&after));
        // Every line of the file is still there, byte for byte, in order, but the two values it changed.
        let edited = |l: &[u8]| l.starts_with(b"when = ") || l.starts_with(b"where = ");
        let kept: Vec<&[u8]> = old.iter().copied().filter(|l| !edited(l)).collect();
        let mut rest = new.iter().copied().filter(|l| !edited(l));
        for line in &kept {
            let shown = String::from_utf8_lossy(&after);
            assert_eq!(rest.find(|l| l == line), Some(*line), "{name}: {:?} lost in {shown:?}", String::from_utf8_lossy(line));
        }
        // What it wrote ends with the file's dominant line end: the two values and the new change.
        let written: Vec<&[u8]> = new.iter().copied().filter(|l| !old.contains(l)).collect();
        assert!(written.len() >= 3, "{name}: {written:?}");
        for line in &written {
            assert!(line.ends_with(eol.as_bytes()), "{name}: {:?} does not end with {eol:?}", String::from_utf8_lossy(line));
            assert!(eol == "\r\n" || !line.ends_with(b"\r\n"), "{name}: {line:?}");
        }
        assert!(written.iter().any(|l| l.starts_with(b"when = \"6")), "{name}: {written:?}");
        assert!(after.starts_with(bom.as_bytes()) == text.starts_with(bom), "{name}: the BOM");
    }
}
