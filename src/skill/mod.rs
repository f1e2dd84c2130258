//! BMAD 6.x skills: a folder with `SKILL.md` (frontmatter, then the
//! instructions) and, for agents and workflows, `customize.toml`, customized
//! through team and user layers that are merged as BMAD's own resolver
//! (`resolve_customization.py`) merges them: [`layers`] finds and reads
//! them, [`merge`] merges by shape, [`toml_tree`] keeps every value's place
//! and layer, [`agent`] checks a resolved agent, [`frontmatter`] reads
//! `SKILL.md`.

pub mod agent;
pub mod frontmatter;
pub mod json_schema;
pub mod layers;
pub mod lint;
pub mod merge;
pub mod placeholders;
pub mod renames;
pub mod rules;
pub mod toml_tree;

use crate::error::{Error, Result};
use crate::kind::{CUSTOMIZE_FILE, SKILL_FILE};
use crate::source;
use crate::yaml::Node;
use layers::{find_project_root, Merged};
use std::path::{Path, PathBuf};

/// A skill folder, loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Skill {
    /// The folder.
    pub path: PathBuf,
    /// `SKILL.md`'s frontmatter.
    pub frontmatter: Node,
    /// The merged customization, when the skill has a `customize.toml`.
    pub customization: Option<Merged>,
}

impl Skill {
    /// The frontmatter's `name`.
    pub fn name(&self) -> &str {
        self.frontmatter.get("name").and_then(Node::as_str).unwrap_or_default()
    }

    /// The frontmatter's `description`.
    pub fn description(&self) -> &str {
        self.frontmatter.get("description").and_then(Node::as_str).unwrap_or_default()
    }

    /// An agent skill's menu items; 0 for the others.
    pub fn menu_len(&self) -> usize {
        let tree = self.customization.as_ref().map(|c| &c.tree);
        tree.and_then(|t| t.get("agent")?.get("menu")?.items()).map_or(0, <[_]>::len)
    }

    /// `agent` or `workflow` for a customization with that table, else `skill`.
    pub fn kind(&self) -> &'static str {
        let tree = self.customization.as_ref().map(|c| &c.tree);
        match (tree.and_then(|t| t.get("agent")), tree.and_then(|t| t.get("workflow"))) {
            (Some(_), _) => "agent",
            (None, Some(_)) => "workflow",
            (None, None) => "skill",
        }
    }

    /// The skill as JSON: `path`, `name`, `description`, `kind`,
    /// `frontmatter`, `customization` (or null) and its `layers`.
    pub fn to_json(&self) -> String {
        let frontmatter: serde_json::Value = serde_json::from_str(&self.frontmatter.to_json()).unwrap_or_default();
        let json = serde_json::json!({
            "path": self.path.display().to_string(),
            "name": self.name(),
            "description": self.description(),
            "kind": self.kind(),
            "frontmatter": frontmatter,
            "customization": self.customization.as_ref().map(Merged::to_json),
            "layers": self.customization.as_ref().map(layers_json).unwrap_or_default(),
        });
        json.to_string()
    }
}

/// `[{ name, path, present }]`, lowest layer first.
pub fn layers_json(merged: &Merged) -> serde_json::Value {
    let layers = merged.layers.iter().zip(&merged.present);
    layers.map(|(l, present)| serde_json::json!({ "name": l.name, "path": l.path.display().to_string(), "present": present })).collect()
}

/// The project root for a skill: `root` when given, else the nearest folder
/// above the skill, then above the working directory, holding `_bmad/` or
/// `.git` (as BMAD's resolver finds it); none means the defaults alone.
pub fn project_root(skill_dir: &Path, root: Option<&Path>) -> Option<PathBuf> {
    match root {
        Some(root) => Some(root.to_path_buf()),
        None => find_project_root(skill_dir).or_else(|| find_project_root(&std::env::current_dir().ok()?)),
    }
}

/// A folder that must exist: `E_NOT_FOUND` / `E_NOT_A_DIRECTORY`. The
/// empty path (the parent of a relative `_bmad`) is the working directory.
/// A folder that text checked by [`source::with_text`] stands in is there.
fn folder(path: &Path) -> Result<()> {
    let file = path.display().to_string();
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::NotADirectory { file, what: "a file" }),
        Err(_) if source::overlays_in(path) => Ok(()),
        Err(_) => Err(Error::NotFound { file, message: "no such folder".into() }),
    }
}

/// The skill's merged customization (BMAD's `resolve_customization.py`).
pub fn resolve_customization(skill_dir: &Path, root: Option<&Path>) -> Result<Merged> {
    folder(skill_dir)?;
    let root = project_root(skill_dir, root);
    layers::merge_layers(layers::skill_layers(skill_dir, root.as_deref()))
}

/// The merged central config under the project root.
pub fn resolve_config(root: &Path) -> Result<Merged> {
    folder(root)?;
    layers::merge_layers(layers::config_layers(root))
}

/// A skill: its `SKILL.md` and, when it has one, its merged customization.
/// Its own files are read only from inside the skill folder, its layers
/// under `_bmad/` only from inside the project: a file linked out is `E_PATH`.
pub fn load(skill_dir: &Path, root: Option<&Path>) -> Result<Skill> {
    folder(skill_dir)?;
    let frontmatter = frontmatter::load(&skill_dir.join(SKILL_FILE), Some(&source::confine(skill_dir)))?;
    let customization = match source::is_file(&skill_dir.join(CUSTOMIZE_FILE)) {
        true => Some(resolve_customization(skill_dir, root)?),
        false => None,
    };
    Ok(Skill { path: skill_dir.to_path_buf(), frontmatter, customization })
}

/// [`load`], with an agent skill's agent checked (as [`load_agent`] checks it).
pub fn load_checked(skill_dir: &Path, root: Option<&Path>) -> Result<Skill> {
    let skill = load(skill_dir, root)?;
    if let (Some(merged), "agent") = (&skill.customization, skill.kind()) {
        agent::check(merged)?;
    }
    Ok(skill)
}

/// The agent a skill defines (its merged `[agent]` table), checked.
pub fn load_agent(skill_dir: &Path, root: Option<&Path>) -> Result<serde_json::Value> {
    let merged = resolve_customization(skill_dir, root)?;
    agent::check(&merged)?;
    Ok(merged.to_json()["agent"].take())
}
