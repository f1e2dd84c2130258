//! What a definition file is, told by its path alone: the one answer that
//! folder loaders, `validate`, `watch`, the CLI and the language server ask.
//!
//! - agents: `*.agent.yaml` / `*.agent.yml`;
//! - workflows: `*.workflow.yaml` / `.yml` (flat MADACE) and
//!   `<name>/workflow.yaml` / `.yml` (nested BMAD);
//! - configs: `core/config.yaml` / `.yml`;
//! - BMAD 6.x: a skill's `SKILL.md` and `customize.toml`, a skill's team and
//!   user layers `_bmad/custom/<skill>.toml` / `<skill>.user.toml`, and the
//!   central config `_bmad/config.toml` with its layers
//!   (`_bmad/config.user.toml`, `_bmad/custom/config.toml`,
//!   `_bmad/custom/config.user.toml`).
//!
//! A TOML layer is checked through the file that owns it (found by
//! [`crate::project::discover::owner`]): a skill's layers through its
//! `SKILL.md`, the central config's through `_bmad/config.toml`. This module
//! only reads names; it touches no file.

use serde::Serialize;
use std::path::Path;

/// Framework folder names, in the order they are looked for under a root.
pub const FRAMEWORKS: [&str; 3] = ["madace", "bmad", "_bmad"];

/// Folders never searched or watched: dependencies and build output.
pub const SKIPPED_DIRS: [&str; 3] = ["node_modules", ".git", "target"];

/// The file that makes a folder a BMAD 6.x skill.
pub const SKILL_FILE: &str = "SKILL.md";

/// A skill's own customization defaults, beside its `SKILL.md`.
pub const CUSTOMIZE_FILE: &str = "customize.toml";

/// The folder of BMAD 6.x team and user layers, under `_bmad/`.
pub const CUSTOM_DIR: &str = "custom";

/// The folder of BMAD 6.x installs, whose `config.toml` is the central config.
pub const BMAD6_DIR: &str = "_bmad";

/// The central config's file stem (`config.toml`, `config.user.toml`).
const CONFIG_STEM: &str = "config";

/// BMAD 6.x's story board's file stem.
const SPRINT_STATUS_STEM: &str = "sprint-status";

/// The kinds in words, for messages that say what was looked for.
pub const DESCRIPTION: &str = "*.agent.yaml, *.workflow.yaml, <name>/workflow.yaml, core/config.yaml (or .yml), \
                               sprint-status.yaml, SKILL.md, customize.toml or _bmad/ TOML layers";

/// Both spellings of YAML's extension.
const YAML_EXTENSIONS: [&str; 2] = ["yaml", "yml"];

/// The kinds of definition file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// `*.agent.yaml`.
    Agent,
    /// `*.workflow.yaml` or a nested `workflow.yaml`.
    Workflow,
    /// `core/config.yaml`.
    Config,
    /// A BMAD 6.x skill's `SKILL.md`.
    Skill,
    /// A skill's `customize.toml`, or a team or user layer of it under `_bmad/custom/`.
    SkillLayer,
    /// `_bmad/config.toml`, BMAD 6.x's central config.
    CentralConfig,
    /// A layer of the central config (`config.user.toml`, `custom/config*.toml`).
    CentralConfigLayer,
    /// BMAD 6.x's story board, `sprint-status.yaml`.
    SprintStatus,
}

impl Kind {
    /// The kind of a file by its path, or `None` when it is no definition
    /// file (a Hugo `site/config.yaml`, a GitHub workflow, a README).
    pub fn of(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_str()?;
        let parent = parent_name(path);
        if name == SKILL_FILE {
            return Some(Kind::Skill);
        }
        if name == CUSTOMIZE_FILE {
            return Some(Kind::SkillLayer);
        }
        if let Some(stem) = name.strip_suffix(".toml") {
            let stem = stem.strip_suffix(".user").unwrap_or(stem);
            let in_bmad6 = parent == Some(BMAD6_DIR);
            let in_custom = parent == Some(CUSTOM_DIR) && grandparent_name(path) == Some(BMAD6_DIR);
            return match (stem == CONFIG_STEM, in_bmad6, in_custom) {
                (true, true, false) if name == "config.toml" => Some(Kind::CentralConfig),
                (true, true, false) | (true, false, true) => Some(Kind::CentralConfigLayer),
                (false, false, true) if !stem.is_empty() => Some(Kind::SkillLayer),
                _ => None,
            };
        }
        let (stem, extension) = name.rsplit_once('.')?;
        if !YAML_EXTENSIONS.contains(&extension) {
            return None;
        }
        match stem {
            "workflow" => Some(Kind::Workflow),
            SPRINT_STATUS_STEM => Some(Kind::SprintStatus),
            "config" if parent == Some("core") => Some(Kind::Config),
            _ if stem.ends_with(".agent") && stem.len() > ".agent".len() => Some(Kind::Agent),
            _ if stem.ends_with(".workflow") && stem.len() > ".workflow".len() => Some(Kind::Workflow),
            _ => None,
        }
    }

    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::Agent,
        Kind::Workflow,
        Kind::Config,
        Kind::Skill,
        Kind::SkillLayer,
        Kind::CentralConfig,
        Kind::CentralConfigLayer,
        Kind::SprintStatus,
    ];

    /// The kind named `name` (as [`Kind::as_str`] writes it).
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name the API and reports use (`agent`, `skillLayer`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agent => "agent",
            Kind::Workflow => "workflow",
            Kind::Config => "config",
            Kind::Skill => "skill",
            Kind::SkillLayer => "skillLayer",
            Kind::CentralConfig => "centralConfig",
            Kind::CentralConfigLayer => "centralConfigLayer",
            Kind::SprintStatus => "sprintStatus",
        }
    }

    /// Whether files of this kind are YAML (else a skill's Markdown or a TOML layer).
    pub fn is_yaml(self) -> bool {
        matches!(self, Kind::Agent | Kind::Workflow | Kind::Config | Kind::SprintStatus)
    }

    /// Whether a folder search checks files of this kind on their own (a
    /// layer is checked with the file that owns it).
    pub fn is_checked_alone(self) -> bool {
        !matches!(self, Kind::SkillLayer | Kind::CentralConfigLayer)
    }
}

/// Whether a folder search or a watcher goes into the folder `name`.
pub fn is_searched_dir(name: &str) -> bool {
    !SKIPPED_DIRS.contains(&name)
}

/// Whether `name` is an agent file name (`x.agent.yaml` / `.yml`).
pub fn is_agent_file(name: &str) -> bool {
    Kind::of(Path::new(name)) == Some(Kind::Agent)
}

/// Whether `name` is a workflow file name (flat or nested, `.yaml` / `.yml`).
pub fn is_workflow_file(name: &str) -> bool {
    Kind::of(Path::new(name)) == Some(Kind::Workflow)
}

/// `name` without its definition suffix: `pm.agent.yml` → `pm`,
/// `plan.workflow.yaml` → `plan`; `None` for other names.
pub fn definition_stem(name: &str) -> Option<&str> {
    let (stem, extension) = name.rsplit_once('.')?;
    YAML_EXTENSIONS.contains(&extension).then_some(())?;
    stem.strip_suffix(".agent").or_else(|| stem.strip_suffix(".workflow")).filter(|s| !s.is_empty())
}

/// The name of the folder holding `path`.
pub fn parent_name(path: &Path) -> Option<&str> {
    path.parent()?.file_name()?.to_str()
}

fn grandparent_name(path: &Path) -> Option<&str> {
    path.parent()?.parent()?.file_name()?.to_str()
}

/// What the JS side is told once: the folder rules and the kinds in words
/// (a file's own kind it asks of [`Kind::of`]).
#[derive(Debug, Serialize)]
pub struct Catalog {
    /// Framework folder names.
    pub frameworks: [&'static str; 3],
    /// Folders never searched or watched.
    #[serde(rename = "skippedDirs")]
    pub skipped_dirs: [&'static str; 3],
    /// The kinds in words.
    pub described: &'static str,
}

/// The kinds and folder rules, as the binding exports them.
pub fn catalog() -> Catalog {
    Catalog { frameworks: FRAMEWORKS, skipped_dirs: SKIPPED_DIRS, described: DESCRIPTION }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<Kind> {
        Kind::of(Path::new(path))
    }

    #[test]
    fn yaml_definitions_by_name_in_both_spellings() {
        assert_eq!(kind("madace/mam/agents/pm.agent.yaml"), Some(Kind::Agent));
        assert_eq!(kind("x/pm.agent.yml"), Some(Kind::Agent));
        assert_eq!(kind("plan.workflow.yml"), Some(Kind::Workflow));
        assert_eq!(kind("bmad/bmm/workflows/plan/workflow.yaml"), Some(Kind::Workflow));
        assert_eq!(kind("bmad/bmm/workflows/plan/workflow.yml"), Some(Kind::Workflow));
        assert_eq!(kind("madace/core/config.yaml"), Some(Kind::Config));
        assert_eq!(kind("madace/core/config.yml"), Some(Kind::Config));
    }

    #[test]
    fn other_yaml_is_no_definition() {
        for path in ["site/config.yaml", ".github/workflows/ci.yml", "docker-compose.yml", ".agent.yaml", "x.yaml"] {
            assert_eq!(kind(path), None, "{path}");
        }
    }

    #[test]
    fn bmad6_files_and_layers() {
        assert_eq!(kind("src/skills/bmad-pm/SKILL.md"), Some(Kind::Skill));
        assert_eq!(kind("src/skills/bmad-pm/customize.toml"), Some(Kind::SkillLayer));
        assert_eq!(kind("_bmad/custom/bmad-agent-pm.toml"), Some(Kind::SkillLayer));
        assert_eq!(kind("_bmad/custom/bmad-agent-pm.user.toml"), Some(Kind::SkillLayer));
        assert_eq!(kind("_bmad/config.toml"), Some(Kind::CentralConfig));
        assert_eq!(kind("_bmad/config.user.toml"), Some(Kind::CentralConfigLayer));
        assert_eq!(kind("_bmad/custom/config.toml"), Some(Kind::CentralConfigLayer));
        assert_eq!(kind("_bmad/custom/config.user.toml"), Some(Kind::CentralConfigLayer));
        for path in ["Cargo.toml", "custom/x.toml", "_bmad/other.toml", "_bmad/custom/.toml", "README.md"] {
            assert_eq!(kind(path), None, "{path}");
        }
    }

    #[test]
    fn definition_stems() {
        assert_eq!(definition_stem("pm.agent.yml"), Some("pm"));
        assert_eq!(definition_stem("plan.workflow.yaml"), Some("plan"));
        assert_eq!(definition_stem("workflow.yaml"), None);
    }
}
