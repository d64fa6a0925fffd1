//! The content model: schedules and their activities, as plain data.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::dates::When;
use crate::error::Diagnostics;

/// One schedule: a folder under `content/` with an `_index.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Folder name; the schedule's URL segment.
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub year: i32,
    pub organiser: Option<String>,
    /// The closing note, verbatim (e.g. "注：…").
    pub note: Option<String>,
    /// When the schedule was last changed, if the editor says so (`updated = 2023-08-15`).
    pub updated: Option<NaiveDate>,
    /// Markdown intro, the body of `_index.md`.
    pub intro: String,
    /// Sorted by number, then start date, then slug.
    pub activities: Vec<Activity>,
    /// Problems of drafts left out of this build, as warnings: `build` prints them and `check` lists them, so
    /// a draft written by `almanac import` with an unreadable date is reported until it is fixed. With
    /// `--drafts` they are errors instead, and this is empty.
    pub draft_problems: Diagnostics,
}

/// One activity of a schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub slug: String,
    pub source: PathBuf,
    /// 序号, as published.
    pub number: Option<u32>,
    pub title: String,
    /// The published time text, verbatim.
    pub when_text: String,
    /// How `when_text` was read, after any `start`/`end` override.
    pub when: When,
    /// The published place or format text, verbatim.
    pub place: Option<String>,
    pub tags: Vec<String>,
    pub milestones: Vec<Milestone>,
    /// Markdown source of the main content.
    pub body: String,
    pub draft: bool,
    /// When this entry was last changed (`updated = 2023-08-15`): feeds and calendars say it, not the clock.
    pub updated: Option<NaiveDate>,
}

/// A dated phase named by an activity's content, e.g. 8月评价 / 9月公示.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub label: String,
    pub when_text: String,
    pub when: When,
}

impl Activity {
    /// The 时间地点 cell as published: the time text, then the place after a full-width comma.
    pub fn published(&self) -> String {
        match &self.place {
            Some(place) => format!("{}，{}", self.when_text, place),
            None => self.when_text.clone(),
        }
    }

    pub fn runs_during(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.when.overlaps(first, last)
    }
}
