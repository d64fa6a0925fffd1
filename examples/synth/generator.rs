//! A synthetic schedule site, deterministic from a seed, written three ways: for almanac, Zola and Hugo.
//!
//! Shared by `examples/synth/main.rs` (the command) and `benches/stages.rs` (the criterion fixture), which
//! includes this file with `#[path]`. It only uses almanac's public library (`parse_when`) and std.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use almanac::content::dates::{When, parse_when};
use chrono::{Datelike, NaiveDate};

/// splitmix64: small, fast, and the same numbers on every machine. No randomness from the OS.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo + 1)) as u32
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

pub const YEARS: std::ops::RangeInclusive<i32> = 2016..=2025;

/// (folder part, department name) — 8 departments × 10 years = 80 schedules.
pub const DEPARTMENTS: &[(&str, &str)] = &[
    ("quality", "质量管理部"),
    ("standards", "标准化工作部"),
    ("brand", "品牌建设部"),
    ("education", "教育培训部"),
    ("research", "研究发展部"),
    ("evaluation", "评价认证部"),
    ("members", "会员服务部"),
    ("international", "国际合作部"),
];

const TAGS: &[&str] = &[
    "论坛",
    "评价",
    "发布",
    "培训",
    "竞赛",
    "在线",
    "征集",
    "标准",
    "品牌",
    "QC小组",
    "质量技术奖",
    "讲座",
    "考试",
    "标杆",
    "满意度",
    "卓越绩效",
    "教育",
    "ESG",
    "调研",
    "认证",
];

const PLACES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "成都",
    "武汉",
    "西安",
    "南京",
    "天津",
    "重庆",
    "青岛",
    "苏州",
    "长沙",
    "在线观看",
    "在线观看",
    "地点待定",
    "地点待定",
];

const TOPICS: &[(&str, &str)] = &[
    ("质量管理", "quality-management"),
    ("质量评价", "quality-evaluation"),
    ("品牌建设", "brand-building"),
    ("卓越绩效", "performance-excellence"),
    ("用户满意度", "user-satisfaction"),
    ("QC小组", "qc-group"),
    ("标准化", "standardisation"),
    ("质量技术", "quality-technology"),
    ("数字化质量", "digital-quality"),
    ("现场管理", "site-management"),
    ("质量诚信", "quality-credit"),
    ("精益六西格玛", "lean-six-sigma"),
    ("质量教育", "quality-education"),
    ("ESG", "esg"),
];

const KINDS: &[(&str, &str)] = &[
    ("论坛", "forum"),
    ("培训班", "course"),
    ("成果发表赛", "contest"),
    ("评价活动", "evaluation"),
    ("专题讲座", "lecture"),
    ("标杆学习", "benchmarking"),
    ("案例征集", "call"),
    ("成果发布会", "release"),
    ("知识竞赛", "quiz"),
    ("专家研讨会", "workshop"),
];

const NOTES: &[&str] = &["评审阶段", "暂定", "具体时间另行通知", "以通知为准", "按报名预约时间安排", "分批进行"];

const MILESTONE_LABELS: &[&str] = &["报名截止", "初评", "终评", "开幕", "颁奖", "材料提交", "结果发布"];

const SUBJECTS: &[&str] =
    &["本次活动", "各参加单位", "组委会", "专家组", "中国质量协会", "承办单位", "The organisers ", "参评企业"];
const VERBS: &[&str] = &[
    "围绕质量强国建设",
    "聚焦全面质量管理",
    "结合企业质量管理实践",
    "依据 ISO 9001:2015 要求",
    "按照卓越绩效评价准则",
    "推广 PDCA 与精益六西格玛方法",
    "面向制造业与服务业",
    "以数字化转型为抓手",
];
const OBJECTS: &[&str] = &[
    "开展质量评价与经验交流",
    "总结推广优秀质量管理成果",
    "提升一线员工的质量意识和改进能力",
    "促进标准、计量、认证认可协同发展",
    "遴选并发布一批标杆案例",
    "组织专家进行现场评审与点评",
    "建立健全质量管理体系并持续改进",
    "推动品牌建设与用户满意度提升",
];
const ENGLISH: &[&str] = &[
    "Sessions are held in Chinese with English slides.",
    "Participants should bring their QC story and data.",
    "Results are published on the association's website.",
    "Online viewers can ask questions in the live chat.",
];
const LIST_ITEMS: &[&str] = &[
    "报名对象：企业质量负责人、QC小组成员",
    "提交材料：申报表、成果报告（PDF）",
    "评审方式：材料评审 + 现场发表",
    "费用：会员单位免费，非会员单位另行通知",
    "联系人：活动组织部 010-00000000",
    "Format: keynote, panel and Q&A",
    "输出成果：案例集与评价报告",
    "培训学时：16 学时，颁发结业证书",
];

#[derive(Debug, Clone)]
pub struct SynthSchedule {
    pub slug: String,
    pub title: String,
    pub year: i32,
    pub organiser: String,
    pub note: String,
    pub intro: String,
}

#[derive(Debug, Clone)]
pub struct SynthActivity {
    /// Index into [`Synth::schedules`].
    pub schedule: usize,
    pub number: u32,
    /// File stem, also the page slug in every tool.
    pub slug: String,
    pub title: String,
    pub when: String,
    /// The first day `when` reads as (almanac's own reading), for Zola's and Hugo's `date`.
    pub date: NaiveDate,
    pub place: Option<String>,
    pub tags: Vec<String>,
    /// (when, label)
    pub milestones: Vec<(String, String)>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Synth {
    pub schedules: Vec<SynthSchedule>,
    pub activities: Vec<SynthActivity>,
}

/// `n` activities over 8 departments × 10 years (divided evenly; the first schedules take the remainder).
pub fn generate(n: usize, seed: u64) -> Synth {
    generate_in(n, seed, YEARS.count() * DEPARTMENTS.len())
}

/// `n` activities over the first `schedules` of the 80 (years first, then departments): 1 gives one year of
/// one department, a schedule as large as `n` (what a schedule page must stay light at).
pub fn generate_in(n: usize, seed: u64, schedules: usize) -> Synth {
    let mut rng = Rng::new(seed);
    let mut schedules_left = schedules.max(1);
    let mut schedules = Vec::new();
    for year in YEARS {
        for &(dept, dept_name) in DEPARTMENTS {
            if schedules_left == 0 {
                break;
            }
            schedules_left -= 1;
            schedules.push(SynthSchedule {
                slug: format!("{year}-{dept}"),
                title: format!("{year}年{dept_name}活动安排"),
                year,
                organiser: format!("中国质量协会{dept_name}"),
                note: "注：根据业务情况个别活动安排可能作动态调整，请以具体活动通知为准。".to_string(),
                intro: format!(
                    "本页列出{dept_name}{year}年的活动安排，各项活动的日期按原文公布的精确程度显示。\n\nThis is a synthetic schedule for benchmarks.\n"
                ),
            });
        }
    }
    let per = n / schedules.len();
    let extra = n % schedules.len();
    let mut activities = Vec::with_capacity(n);
    for (si, s) in schedules.iter().enumerate() {
        let count = per + usize::from(si < extra);
        for i in 0..count {
            let mut a = activity(&mut rng, si, s.year, i as u32 + 1);
            // One link to another activity's file per body, as editors write them (almanac checks each).
            if i > 0
                && let Some(prev) = activities.last().map(|p: &SynthActivity| p.slug.clone())
            {
                a.body.push_str(&format!("\n上一项：[{prev}]({prev}.md)\n"));
            }
            activities.push(a);
        }
    }
    Synth { schedules, activities }
}

fn activity(rng: &mut Rng, schedule: usize, year: i32, number: u32) -> SynthActivity {
    let (when, reading) = when(rng, year);
    let &(topic, topic_slug) = rng.pick(TOPICS);
    let &(kind, kind_slug) = rng.pick(KINDS);
    let title = if rng.chance(30) {
        format!("{year}年{topic}{kind}（第{number}期）")
    } else {
        format!("第{number}项 {topic}{kind}")
    };
    let place = if rng.chance(15) { None } else { Some(rng.pick(PLACES).to_string()) };
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let t = rng.pick(TAGS).to_string();
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let milestones = if rng.chance(20) { milestones(rng, &reading) } else { Vec::new() };
    let body = body(rng, topic, kind, number);
    SynthActivity {
        schedule,
        number,
        slug: format!("{number:04}-{topic_slug}-{kind_slug}"),
        title,
        when,
        date: reading.start,
        place,
        tags,
        milestones,
        body,
    }
}

fn last_day(year: i32, month: u32) -> u32 {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|d| d.pred_opt()).map_or(28, |d| d.day())
}

/// A `when` text of one of the forms almanac reads, in rough proportion to real schedules, always inside the
/// schedule's year; and almanac's reading of it.
fn when(rng: &mut Rng, year: i32) -> (String, When) {
    let m = rng.range(1, 12);
    let last = last_day(year, m);
    let d = rng.range(1, last);
    let m2 = rng.range(m, 12);
    let form = rng.below(100);
    let mut text = match form {
        // single days
        0..=13 => format!("{m}月{d}日"),
        14..=15 => format!("{m}月{d}号"),
        // day ranges within a month
        16..=25 => {
            let (a, b) = (d.min(last - 1), rng.range(d.min(last - 1) + 1, last));
            format!("{m}月{a}日-{b}日")
        }
        26..=28 => {
            let (a, b) = (d.min(last - 1), rng.range(d.min(last - 1) + 1, last));
            format!("{m}月{a}日至{b}日")
        }
        29..=30 => {
            let (a, b) = (d.min(last - 1), rng.range(d.min(last - 1) + 1, last));
            format!("{m}月{a}-{b}日")
        }
        // day ranges across months
        31..=35 => {
            let m = m.min(11);
            let m2 = rng.range(m + 1, 12);
            format!("{m}月{}日-{m2}月{}日", d.min(last_day(year, m)), rng.range(1, last_day(year, m2)))
        }
        // dekads
        36..=45 => format!("{m}月{}", rng.pick(&["上旬", "中旬", "下旬"])),
        46..=49 => format!("{m}月{}", rng.pick(&["中下旬", "上中旬"])),
        50..=51 => format!("{m}月{}", rng.pick(&["初", "底", "末"])),
        52..=54 => {
            let m = m.min(11);
            format!("{m}月下旬至{}月上旬", m + 1)
        }
        // single months
        55..=66 => format!("{m}月"),
        // month ranges
        67..=72 => format!("{}月-{}月", m.min(11), m2.max(m.min(11) + 1)),
        73..=75 => format!("{}-{}月", m.min(11), m2.max(m.min(11) + 1)),
        76..=77 => format!("{}月至{}月", m.min(11), m2.max(m.min(11) + 1)),
        // whole year
        78..=81 => "全年".to_string(),
        82 => format!("{year}年全年"),
        // ISO 8601 and intervals
        83..=87 => format!("{year}-{m:02}-{d:02}"),
        88..=89 => format!("{year}-{m:02}"),
        90..=94 => {
            let (a, b) = (d.min(last - 1), rng.range(d.min(last - 1) + 1, last));
            format!("{year}-{m:02}-{a:02}/{year}-{m:02}-{b:02}")
        }
        95..=96 => format!("{year}-{:02}/{year}-{:02}", m.min(11), m2.max(m.min(11) + 1)),
        // explicit years
        _ => format!("{year}年{m}月{d}日"),
    };
    // Notes: a bracket after the date, or a clause after a comma.
    match rng.below(100) {
        0..=9 => {
            let _ = write!(text, "（{}）", rng.pick(NOTES));
        }
        10..=14 => {
            let _ = write!(text, "，{}", rng.pick(NOTES));
        }
        _ => {}
    }
    let reading =
        parse_when(&text, year).unwrap_or_else(|e| panic!("the generator wrote an unreadable date {text:?}: {e}"));
    (text, reading)
}

/// One or two milestones inside the activity's range, as days or (when one fits) a dekad.
fn milestones(rng: &mut Rng, w: &When) -> Vec<(String, String)> {
    let days = (w.end - w.start).num_days() as u64;
    let mut out = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    for _ in 0..rng.range(1, 2) {
        let day = w.start + chrono::Duration::days(rng.below(days + 1) as i64);
        let label = *rng.pick(MILESTONE_LABELS);
        if labels.contains(&label) {
            continue;
        }
        labels.push(label);
        // A dekad milestone when the whole dekad of `day` lies inside the range.
        let third = match day.day() {
            1..=10 => (1, 10, "上旬"),
            11..=20 => (11, 20, "中旬"),
            _ => (21, last_day(day.year(), day.month()), "下旬"),
        };
        let fits = NaiveDate::from_ymd_opt(day.year(), day.month(), third.0).is_some_and(|s| s >= w.start)
            && NaiveDate::from_ymd_opt(day.year(), day.month(), third.1).is_some_and(|e| e <= w.end);
        let text = if fits && rng.chance(30) {
            format!("{}月{}", day.month(), third.2)
        } else {
            format!("{}月{}日", day.month(), day.day())
        };
        out.push((text, label.to_string()));
    }
    out
}

/// Markdown, 300–800 bytes: a paragraph of Chinese (and some ASCII) sentences, a list, and a link.
fn body(rng: &mut Rng, topic: &str, kind: &str, number: u32) -> String {
    let target = rng.range(300, 800) as usize;
    let mut list = String::new();
    let first = rng.below(LIST_ITEMS.len() as u64) as usize;
    for i in 0..rng.range(2, 4) as usize {
        let _ = writeln!(list, "- {}", LIST_ITEMS[(first + i) % LIST_ITEMS.len()]);
    }
    let link = format!(
        "详见[活动通知（第{number}号）](https://example.org/notices/{number}.html)，或访问 <https://example.org/>。\n"
    );
    let mut para = format!("{topic}{kind}是本年度重点活动之一。");
    loop {
        let sentence = if rng.chance(15) {
            format!("{} ", rng.pick(ENGLISH))
        } else {
            format!("{}{}，{}。", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS))
        };
        if para.len() + sentence.len() + list.len() + link.len() + 4 > target {
            break;
        }
        para.push_str(&sentence);
    }
    let mut out = String::with_capacity(target);
    let _ = write!(out, "{}\n\n{list}\n{link}", para.trim_end());
    while out.len() < 300 {
        out.push_str("\n本项活动欢迎各单位积极参加。\n");
    }
    out
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn q_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|t| q(t)).collect::<Vec<_>>().join(", "))
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// `dir/almanac.toml` and `dir/content/SCHEDULE/{_index.md, NNNN-….md}`.
pub fn write_almanac(synth: &Synth, dir: &Path) -> io::Result<()> {
    write_almanac_in(synth, dir, false)
}

/// [`write_almanac`]; `bilingual` adds an English edition (`languages = ["zh-CN", "en"]`): the site, every
/// schedule and every activity say their title, place and body in an `[en]` table, the tags are named in
/// `[en.tags]`; the dates stay as written (the edition shows them as the original has them, marked).
pub fn write_almanac_in(synth: &Synth, dir: &Path, bilingual: bool) -> io::Result<()> {
    let mut config =
        "title = \"合成活动日历\"\ndescription = \"A synthetic site for benchmarks.\"\ntheme = \"default\"\nlanguage = \"zh-CN\"\n"
            .to_string();
    if bilingual {
        config += "languages = [\"zh-CN\", \"en\"]\n\n[en]\ntitle = \"A synthetic calendar\"\n\n[en.tags]\n";
        let mut tags: Vec<&String> = synth.activities.iter().flat_map(|a| &a.tags).collect();
        tags.sort();
        tags.dedup();
        for (i, t) in tags.iter().enumerate() {
            let _ = writeln!(config, "{} = \"Tag {}\"", q(t), i + 1);
        }
    }
    write(&dir.join("almanac.toml"), &config)?;
    let content = dir.join("content");
    for (i, s) in synth.schedules.iter().enumerate() {
        let en = if bilingual {
            format!("\n[en]\ntitle = \"Schedule {} ({})\"\norganiser = \"Department {}\"\n", i + 1, s.year, i % 8 + 1)
        } else {
            String::new()
        };
        let text = format!(
            "+++\ntitle = {}\nyear = {}\norganiser = {}\nnote = {}\n{en}+++\n\n{}",
            q(&s.title),
            s.year,
            q(&s.organiser),
            q(&s.note),
            s.intro
        );
        write(&content.join(&s.slug).join("_index.md"), &text)?;
    }
    for a in &synth.activities {
        let mut fm = format!("number = {}\ntitle = {}\nwhen = {}\n", a.number, q(&a.title), q(&a.when));
        if let Some(p) = &a.place {
            let _ = writeln!(fm, "where = {}", q(p));
        }
        let _ = writeln!(fm, "tags = {}", q_list(&a.tags));
        if !a.milestones.is_empty() {
            fm.push_str("milestones = [\n");
            for (when, label) in &a.milestones {
                let _ = writeln!(fm, "  {{ when = {}, label = {} }},", q(when), q(label));
            }
            fm.push_str("]\n");
        }
        if bilingual {
            let _ = write!(fm, "\n[en]\ntitle = \"Activity {} of schedule {}\"\n", a.number, a.schedule + 1);
            if a.place.is_some() {
                fm.push_str("where = \"The association's offices\"\n");
            }
            let _ = writeln!(
                fm,
                "body = \"\"\"\nWhat activity {} is about, who it is for and how to take part, as the English edition \
                 says it: {} characters of the original.\n\"\"\"",
                a.number,
                a.body.chars().count()
            );
        }
        let path = content.join(&synth.schedules[a.schedule].slug).join(format!("{}.md", a.slug));
        write(&path, &format!("+++\n{fm}+++\n\n{}", a.body))?;
    }
    Ok(())
}

/// `dir/content/`: sections per schedule (transparent, so the home section sees every page), pages with `date`,
/// the `tags` taxonomy and `when`/`where` in `[extra]`. The site's config and templates are in benches/zola-site/.
pub fn write_zola(synth: &Synth, dir: &Path) -> io::Result<()> {
    let content = dir.join("content");
    write(&content.join("_index.md"), "+++\ntitle = \"合成活动日历\"\nsort_by = \"date\"\n+++\n")?;
    for s in &synth.schedules {
        let text = format!(
            "+++\ntitle = {}\nsort_by = \"date\"\ntransparent = true\n[extra]\nyear = {}\norganiser = {}\nnote = {}\n+++\n\n{}",
            q(&s.title),
            s.year,
            q(&s.organiser),
            q(&s.note),
            s.intro
        );
        write(&content.join(&s.slug).join("_index.md"), &text)?;
    }
    for a in &synth.activities {
        let mut fm = format!("title = {}\ndate = {}\nweight = {}\n", q(&a.title), a.date, a.number);
        let _ = write!(
            fm,
            "[taxonomies]\ntags = {}\n[extra]\nnumber = {}\nwhen = {}\n",
            q_list(&a.tags),
            a.number,
            q(&a.when)
        );
        if let Some(p) = &a.place {
            let _ = writeln!(fm, "where = {}", q(p));
        }
        let path = content.join(&synth.schedules[a.schedule].slug).join(format!("{}.md", a.slug));
        write(&path, &format!("+++\n{fm}+++\n\n{}", a.body))?;
    }
    Ok(())
}

/// `dir/content/`: a section per schedule, pages with `date`, `tags` and `when`/`where` in `[params]`. The
/// site's config and layouts are in benches/hugo-site/.
pub fn write_hugo(synth: &Synth, dir: &Path) -> io::Result<()> {
    let content = dir.join("content");
    write(&content.join("_index.md"), "+++\ntitle = \"合成活动日历\"\n+++\n")?;
    for s in &synth.schedules {
        let text = format!(
            "+++\ntitle = {}\n[params]\nyear = {}\norganiser = {}\nnote = {}\n+++\n\n{}",
            q(&s.title),
            s.year,
            q(&s.organiser),
            q(&s.note),
            s.intro
        );
        write(&content.join(&s.slug).join("_index.md"), &text)?;
    }
    for a in &synth.activities {
        let mut fm = format!(
            "title = {}\ndate = {}\nweight = {}\ntags = {}\n[params]\nnumber = {}\nwhen = {}\n",
            q(&a.title),
            a.date,
            a.number,
            q_list(&a.tags),
            a.number,
            q(&a.when)
        );
        if let Some(p) = &a.place {
            let _ = writeln!(fm, "where = {}", q(p));
        }
        let path = content.join(&synth.schedules[a.schedule].slug).join(format!("{}.md", a.slug));
        write(&path, &format!("+++\n{fm}+++\n\n{}", a.body))?;
    }
    Ok(())
}
