//! `almanac reschedule`: records a change of an activity (see [`almanac::reschedule`]).

use std::path::PathBuf;

use chrono::NaiveDate;

use almanac::error::Diagnostics;
use almanac::reschedule::{self, Change, Rescheduled};

#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct RescheduleArgs {
    /// The schedule's folder name under content/, e.g. 2023-quality-month.
    pub schedule: String,
    /// The activity: its slug (the page's name, e.g. 13-central-soe-qc-contest), its file name, the name given
    /// to `new --slug`, its 序号 or its exact title.
    #[arg(value_name = "ACTIVITY")]
    pub slug: String,
    /// The new published time text, e.g. "10月9日-13日" (the status becomes rescheduled unless --status says otherwise).
    #[arg(long)]
    pub when: Option<String>,
    /// The new published place, e.g. "上海".
    #[arg(long = "where", value_name = "WHERE")]
    pub place: Option<String>,
    /// The new status: scheduled, postponed, cancelled or rescheduled.
    #[arg(long)]
    pub status: Option<String>,
    /// Why it is postponed or cancelled, shown with its status.
    #[arg(long)]
    pub reason: Option<String>,
    /// What the announcement said, verbatim (e.g. "因场地调整，论坛延后一周").
    #[arg(long)]
    pub note: String,
    /// The day the change was announced, e.g. 2023-09-01 [default: today in the site's time zone, if today is
    /// in the schedule's span; required otherwise].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl RescheduleArgs {
    pub(crate) fn run(&self) -> Result<Rescheduled, Diagnostics> {
        let change = Change {
            root: self.root.clone(),
            schedule: self.schedule.clone(),
            activity: self.slug.clone(),
            when: self.when.clone(),
            place: self.place.clone(),
            status: self.status.clone(),
            reason: self.reason.clone(),
            note: self.note.clone(),
            date: self.date,
        };
        reschedule::run(&change)
    }
}
