//! What a build of the core reads: every kind of definition file, or the
//! YAML kinds alone. madace-core/wasm/yaml, the WebAssembly build for pages
//! that must stay small, is the core at [`YamlOnly`]: the functions taking a
//! [`Reach`] test [`Reach::SKILLS`] where they would reach a skill or a TOML
//! layer, the test is a constant, and the optimiser drops the skills, their
//! rules and both TOML crates from that build.

use crate::error::{Error, Result};
use crate::kind::Kind;
use std::path::Path;

/// A build's reach.
pub trait Reach {
    /// Whether it reads BMAD 6.x skills and TOML layers (else the YAML kinds alone).
    const SKILLS: bool;
}

/// Every kind: the addon, the CLI, madace-core/wasm.
pub struct Everything;

/// Agents, workflows, `core/config.yaml` and `sprint-status.yaml`: madace-core/wasm/yaml.
pub struct YamlOnly;

impl Reach for Everything {
    const SKILLS: bool = true;
}

impl Reach for YamlOnly {
    const SKILLS: bool = false;
}

/// Whether a build of reach `R` reads files of `kind`.
pub fn reaches<R: Reach>(kind: Kind) -> bool {
    R::SKILLS || kind.is_yaml()
}

/// `E_NOT_IN_BUILD` when the file at `path` is of a kind outside `R`.
pub fn require<R: Reach>(path: &Path) -> Result<()> {
    match Kind::of(path) {
        Some(kind) if !reaches::<R>(kind) => Err(refused(kind, &path.display().to_string())),
        _ => Ok(()),
    }
}

/// The `E_NOT_IN_BUILD` error for a file of `kind` named `file`.
pub fn refused(kind: Kind, file: &str) -> Error {
    let what = match kind {
        Kind::Skill => "a skill's SKILL.md",
        Kind::SkillLayer => "a skill's customize.toml or override layer",
        _ => "BMAD's central config (_bmad/config.toml and its layers)",
    };
    Error::NotInBuild { file: file.to_string(), what }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_only_refuses_skills_and_toml_layers_by_name() {
        let paths = ["a.agent.yaml", "w/workflow.yml", "core/config.yaml", "sprint-status.yaml", "notes.md"];
        for path in paths.map(Path::new) {
            assert!(require::<YamlOnly>(path).is_ok(), "{}", path.display());
        }
        let paths = ["x/SKILL.md", "x/customize.toml", "_bmad/custom/x.user.toml", "_bmad/config.toml"];
        for path in paths.map(Path::new) {
            assert!(require::<Everything>(path).is_ok());
            assert_eq!(require::<YamlOnly>(path).unwrap_err().code(), "E_NOT_IN_BUILD", "{}", path.display());
        }
        let err = require::<YamlOnly>(Path::new("x/SKILL.md")).unwrap_err().to_json();
        assert_eq!((err["path"].as_str(), err["line"].as_u64()), (Some("x/SKILL.md"), None));
        assert_eq!(
            err["message"],
            "a skill's SKILL.md is not read by madace-core/wasm/yaml, which reads the YAML definitions alone: import madace-core/wasm (or madace-core), which reads every kind"
        );
    }
}
