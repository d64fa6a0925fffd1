//! What can be wrong with the files a site would write and the links between them.

use std::fmt;

/// A path two files claim, a name no file system holds, or a link that leads nowhere. The `Display` text is
/// one plain sentence; the fix goes in the diagnostic's help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    /// `first` and `second` say, in words, what each file is and where it comes from.
    #[error("two files of the site would be written to `{path}`: {first} and {second}")]
    PathCollision { path: String, first: String, second: String },
    /// `what` says, in words, what the file is and where it comes from.
    #[error("the name `{name}` of {what} is {bytes} bytes long, more than a file system allows ({max})", max = crate::urls::MAX_NAME_BYTES)]
    NameTooLong { name: String, what: String, bytes: usize },
    #[error("the link `{link}` {problem}")]
    BrokenLink { link: String, problem: LinkProblem },
}

/// Why a link in a body does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// A `.md`/`.toml` link to a file that is not a published activity.
    NoSuchContent,
    /// A relative link to a file the build does not write.
    NoSuchPage,
    /// A relative link that climbs out of the site.
    OutsideSite,
    /// `/x.html`: breaks under a sub-path and from disk.
    RootRelative,
}

impl fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkProblem::NoSuchContent => "points to a content file that is not a published activity",
            LinkProblem::NoSuchPage => "points to a file the site does not have",
            LinkProblem::OutsideSite => "climbs out of the site",
            LinkProblem::RootRelative => {
                "starts with `/`, which breaks when the site is opened from disk or served under a sub-path"
            }
        })
    }
}
