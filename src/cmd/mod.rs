//! The binary's subcommands: each is a clap `Args` struct with a `run` that copies the arguments into the
//! library's own options, calls one library function and returns what `main` prints. They live in the binary,
//! so the library needs no clap.

pub(crate) mod build;
pub(crate) mod check;
#[cfg(feature = "import")]
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod reschedule;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub(crate) mod theme;
