//! `almanac import`: a Word table, a spreadsheet or a CSV file into a schedule folder. [`almanac::import::plan`]
//! reads everything and decides every file without writing; [`almanac::import::Plan::write`] writes. The binary
//! prints the plan's report between the two, so an editor sees what was read before anything is written.

use std::path::PathBuf;

use almanac::error::Diagnostics;
use almanac::import::{self, Options, Plan};

#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct ImportArgs {
    /// The schedule to read: a .docx, .xlsx, .xls, .ods or .csv file.
    pub file: PathBuf,
    /// The schedule's folder name under content/ [default: from the file name].
    #[arg(long, value_name = "SLUG")]
    pub schedule: Option<String>,
    /// The year of the schedule's dates [default: from "2023年…" in its title].
    #[arg(long)]
    pub year: Option<i32>,
    /// The site's folder (the one holding almanac.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Print what would be imported, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// In a workbook: the sheet to read [default: the first with an activity-name column].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// In a Word document: the table to read, counted from 1 [default: the first with an activity-name column].
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// For a CSV file: its encoding, e.g. gbk or utf-8 [default: UTF-8 if it is valid UTF-8, else GB18030].
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Which column is which, where the headers are not ones almanac knows: FIELD=HEADER pairs, e.g.
    /// `标题=课程名称,时间=考试时间` (fields: 序号 标题 时间 时刻 地点 时间地点 内容 备注 标签 主办 承办 联系人).
    #[arg(long, value_name = "FIELD=HEADER,…")]
    pub columns: Option<String>,
}

impl ImportArgs {
    /// Reads the file and plans every file, writing nothing.
    pub(crate) fn run(&self) -> Result<Plan, Diagnostics> {
        import::plan(&Options {
            file: self.file.clone(),
            schedule: self.schedule.clone(),
            year: self.year,
            root: self.root.clone(),
            sheet: self.sheet.clone(),
            table: self.table,
            encoding: self.encoding.clone(),
            columns: self.columns.clone(),
        })
    }
}
