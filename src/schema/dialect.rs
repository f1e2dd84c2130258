//! Which framework's shapes a definition file is checked against.
//!
//! The default accepts both MADACE and BMAD files. The MADACE dialect
//! (`madace-core/madace` in JS) accepts exactly what the MADACE app's zod
//! schemas accept, so that its results fit the app's own TypeScript types:
//! menu items need `trigger` and `description` (no BMAD `multi` items),
//! prompts need `name`, `trigger` and `content`, workflows must be
//! `workflow: { name, description, steps }` with a non-empty `name` per step,
//! and a config needs `modules.mam`, `.mab` and `.cis`, whose `enabled`
//! defaults to `false`. One deliberate difference: the `route` step action
//! is accepted, as the app's `WorkflowStepAction` type and its workflow
//! engine have it, though its zod enum forgot it.

use serde::Serialize;
use std::str::FromStr;

/// The shapes a file is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// MADACE and BMAD files alike.
    #[default]
    Any,
    /// MADACE files only, as the MADACE app's zod schemas define them.
    Madace,
}

impl Dialect {
    /// Every dialect, by the name the API and the CLI take.
    pub const NAMES: [&'static str; 2] = ["any", "madace"];
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "any" => Ok(Dialect::Any),
            "madace" => Ok(Dialect::Madace),
            other => Err(format!("unknown dialect '{other}' (expected 'any' or 'madace')")),
        }
    }
}
