//! The customization layers and where they live, lowest first, as BMAD's
//! `config_utils` names them: a skill's `customize.toml` (required), then
//! `_bmad/custom/<skill>.toml` (team) and `<skill>.user.toml` (user); the
//! central config `_bmad/config.toml` (required), `config.user.toml`,
//! `custom/config.toml`, `custom/config.user.toml`. A missing optional layer
//! is empty; a present one that is not a file, cannot be read or does not
//! parse is an error, never skipped.

use super::merge;
use super::toml_tree::{self, TNode, TValue};
use crate::error::{Error, Issue, LayerRef, Location, Result};
use crate::kind::{BMAD6_DIR, CUSTOMIZE_FILE, CUSTOM_DIR};
use crate::source;
use std::path::{Path, PathBuf};

/// One layer: its name and its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// `defaults`, `team`, `user`; or `base`, `base-user`, `custom`, `custom-user`.
    pub name: &'static str,
    /// The layer's file.
    pub path: PathBuf,
    /// Whether a missing file is an error (`E_NOT_FOUND`).
    pub required: bool,
    /// The folder the file must really be in (a link out of it is refused,
    /// `E_PATH`): the skill folder for its `customize.toml`, the project
    /// root for the layers under `_bmad/`.
    pub within: PathBuf,
}

impl Layer {
    /// The layer as issues name it.
    pub fn as_ref(&self) -> LayerRef {
        LayerRef { name: self.name, path: self.path.display().to_string() }
    }
}

/// The index of a skill's own `customize.toml` among its layers: the lowest.
pub const DEFAULTS: usize = 0;

/// The layers of the skill in `skill_dir`; without a project root, the
/// defaults only (as BMAD's resolver does).
pub fn skill_layers(skill_dir: &Path, root: Option<&Path>) -> Vec<Layer> {
    let name = skill_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let layer = |name, path, required, within: &Path| Layer { name, path, required, within: source::confine(within) };
    let mut layers = vec![layer("defaults", skill_dir.join(CUSTOMIZE_FILE), true, skill_dir)];
    if let Some(root) = root {
        let custom = root.join(BMAD6_DIR).join(CUSTOM_DIR);
        layers.push(layer("team", custom.join(format!("{name}.toml")), false, root));
        layers.push(layer("user", custom.join(format!("{name}.user.toml")), false, root));
    }
    layers
}

/// The layers of the central config under `root`.
pub fn config_layers(root: &Path) -> Vec<Layer> {
    let bmad = root.join(BMAD6_DIR);
    let custom = bmad.join(CUSTOM_DIR);
    let within = if root.as_os_str().is_empty() { Path::new(".") } else { root };
    let within = source::confine(within);
    let layer = |name, path, required| Layer { name, path, required, within: within.clone() };
    vec![
        layer("base", bmad.join("config.toml"), true),
        layer("base-user", bmad.join("config.user.toml"), false),
        layer("custom", custom.join("config.toml"), false),
        layer("custom-user", custom.join("config.user.toml"), false),
    ]
}

/// The nearest folder at or above `start` holding `_bmad/` or `.git`.
pub fn find_project_root(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start.ancestors().find(|dir| dir.join(BMAD6_DIR).exists() || dir.join(".git").exists()).map(Path::to_path_buf)
}

/// Which layers were there, and the merge of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Every layer, present or not, lowest first.
    pub layers: Vec<Layer>,
    /// Which of them were present.
    pub present: Vec<bool>,
    /// The merged table; each value knows its layer (an index into `layers`).
    pub tree: TNode,
}

impl Merged {
    /// The merged result as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        self.tree.to_json()
    }
}

/// Reads and merges `layers`, lowest first.
pub fn merge_layers(layers: Vec<Layer>) -> Result<Merged> {
    let mut tree = TNode { value: TValue::Table(Vec::new()), at: Location::START, layer: 0 };
    let mut present = Vec::with_capacity(layers.len());
    for (i, layer) in layers.iter().enumerate() {
        let Some(node) = read(layer, i)? else {
            present.push(false);
            continue;
        };
        present.push(true);
        tree = merge::merge(tree, node, "").map_err(|e| located(&layers, e.0, e.1))?;
    }
    Ok(Merged { layers, present, tree })
}

/// An `E_SCHEMA` error for one issue in layer `at`.
fn located(layers: &[Layer], at: usize, issue: Issue) -> Error {
    Error::Schema { file: layers[at].path.display().to_string(), issues: vec![in_layer(layers, at, issue)] }
}

/// `issue`, marked as being in layer `at`.
pub fn in_layer(layers: &[Layer], at: usize, mut issue: Issue) -> Issue {
    issue.layer = Some(layers[at].as_ref());
    issue
}

/// One layer's table, or `None` when an optional layer is absent.
fn read(layer: &Layer, index: usize) -> Result<Option<TNode>> {
    let file = layer.path.display().to_string();
    if let Some(text) = source::overlaid(&layer.path) {
        return toml_tree::parse(&text, &file, index).map(Some);
    }
    match std::fs::metadata(&layer.path) {
        Err(err) if source::absent(&err) => {
            return match layer.required {
                true => Err(Error::missing_file(&layer.path, &file)),
                false => Ok(None),
            };
        }
        Ok(meta) if !meta.is_file() => {
            let what = if meta.is_dir() { "a directory" } else { "not a regular file" };
            return Err(Error::NotAFile { file, what });
        }
        Ok(meta) if meta.len() > toml_tree::MAX_LAYER_BYTES => {
            let message = format!(
                "a customization layer of {} bytes; the limit is {} (1 MiB)",
                meta.len(),
                toml_tree::MAX_LAYER_BYTES
            );
            return Err(Error::Limit { file, at: None, message });
        }
        _ => {}
    }
    let text = source::read_text_in(&layer.path, Some(&layer.within))?;
    toml_tree::parse(&text, &file, index).map(Some)
}

#[cfg(test)]
mod tests;
