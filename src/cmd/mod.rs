//! Subcommands: each is an Args struct (parsed by clap in the binary) with a `run` that returns data.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod reschedule;
pub mod serve;
pub mod theme;
