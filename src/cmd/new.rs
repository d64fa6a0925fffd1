//! `almanac new`: writes a complete, valid activity file (or a schedule's `_index.md`) for an editor (see
//! [`almanac::content::new`]).

use std::path::PathBuf;

use almanac::content::new::{self, Created, Request};
use almanac::error::Diagnostics;

#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct NewArgs {
    /// The schedule's folder name under content/, e.g. 2023-quality-month.
    pub schedule: String,
    /// The activity's name (or, with --schedule, the schedule's title).
    #[arg(long)]
    pub title: String,
    /// The published time text, e.g. "9月下旬" or "9月18日-22日".
    #[arg(long, required_unless_present = "schedule_index")]
    pub when: Option<String>,
    /// The published place or format, e.g. "北京" or "在线观看".
    #[arg(long = "where", value_name = "WHERE")]
    pub place: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The name after the 序号 in the file's name, NN-SLUG.md (lowercase ASCII, digits, -) [default: from the
    /// title]; `almanac reschedule` finds the activity by it as given.
    #[arg(long)]
    pub slug: Option<String>,
    /// 序号 [default: the next free one].
    #[arg(long)]
    pub number: Option<u32>,
    /// Create the schedule itself (content/SCHEDULE/_index.md) instead of an activity.
    #[arg(long = "schedule", conflicts_with_all = ["when", "place", "tags", "slug", "number"])]
    pub schedule_index: bool,
    /// With --schedule: the year its dates belong to.
    #[arg(long, requires = "schedule_index")]
    pub year: Option<i32>,
    /// With --schedule: who publishes it.
    #[arg(long, requires = "schedule_index")]
    pub organiser: Option<String>,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl NewArgs {
    pub(crate) fn run(&self) -> Result<Created, Diagnostics> {
        new::create(&Request {
            schedule: self.schedule.clone(),
            title: self.title.clone(),
            when: self.when.clone(),
            place: self.place.clone(),
            tags: self.tags.clone(),
            slug: self.slug.clone(),
            number: self.number,
            schedule_index: self.schedule_index,
            year: self.year,
            organiser: self.organiser.clone(),
            root: self.root.clone(),
        })
    }
}
