//! madace-core: loads and validates MADACE / BMAD definition files.
//!
//! Pipeline: `source` (bytes → text) → `yaml` (text → positioned tree) →
//! `schema`-based checks in `agent` (tree → validated agent). `node` is the
//! only module that knows about Node.js.

pub mod agent;
pub mod atomic_file;
pub mod cache;
pub mod config;
pub mod discover;
pub mod error;
pub mod json_schema;
pub mod layout;
pub mod lint;
pub mod parallel;
pub mod project;
pub mod report;
pub mod schema;
pub mod source;
pub mod status;
pub mod validate;
pub mod workflow;
pub mod yaml;

mod node;

pub use agent::Agent;
pub use error::{Error, Issue, Location, Result};
