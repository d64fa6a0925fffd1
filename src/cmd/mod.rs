//! The binary's subcommands: each is a clap `Args` struct with a `run` that copies the arguments into the
//! library's own options, calls one library function and returns what `main` prints. They live in the binary,
//! so the library needs no clap.

pub mod build;
pub mod check;
#[cfg(feature = "import")]
pub mod import;
pub mod init;
pub mod new;
pub mod reschedule;
#[cfg(feature = "serve")]
pub mod serve;
pub mod theme;
