//! madace-core loads and validates MADACE / BMAD definition files: agents,
//! workflows, core config and story status boards.
//!
//! The layers, each a module:
//! - [`source`]: bytes on disk → checked text (size limit, UTF-8, no NUL);
//! - [`yaml`]: text → a positioned tree (every node and key keeps its line and
//!   column; depth, alias and duplicate-key checks);
//! - [`schema`]: tree → validated [`Agent`], workflow or config, with every
//!   problem collected as a located [`Issue`]; strict lint; JSON Schemas;
//! - [`project`]: framework folders, module aliases, discovery, the agent
//!   cache and whole-project loading with cross-reference warnings;
//! - [`status`]: story boards and their atomic, locked moves;
//! - [`validate`]: many files at once, as a report.
//!
//! Every failure is one [`Error`] variant with a stable code. This crate knows
//! nothing of Node.js; the `madace-core-node` crate is the Neon binding.

#![warn(missing_docs)]

pub mod atomic_file;
pub mod catalog;
pub mod codes;
pub mod diagnostic;
pub mod edit;
pub mod error;
pub mod frame;
pub mod json_schema;
pub mod kind;
pub mod parallel;
pub mod project;
pub mod reach;
pub mod schema;
pub mod settings;
pub mod skill;
pub mod sorted;
pub mod source;
pub mod sprint;
pub mod status;
pub mod validate;
pub mod yaml;

pub use error::{Error, Issue, Location, Result};
pub use schema::agent::Agent;
