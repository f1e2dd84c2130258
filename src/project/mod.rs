//! `loadProject(root)`: config, modules with their agents and workflows, and
//! every problem, in one call. Files that fail are reported, not thrown;
//! broken cross-references (missing workflow files, sub-workflow cycles) are
//! warnings located at the reference.

pub mod cache;
pub mod discover;
pub mod layout;
pub mod madace_dirs;
mod references;

use crate::codes::{W_CONFIG_NOT_FOUND, W_UNKNOWN_KEY};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Issue, Result};
use crate::kind::{Kind, BMAD6_DIR};
use crate::parallel;
use crate::schema::agent::{self, Agent};
use crate::schema::config::{self, Config};
use crate::schema::workflow::{self, Format, Workflow};
use crate::schema::{lint, Dialect};
use crate::skill;
use crate::yaml::Node;
use layout::Layout;
pub use references::resolve_reference;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Everything under a project root, as `loadProject` returns it.
#[derive(Debug, Serialize)]
pub struct Project {
    /// The root as given.
    pub root: String,
    /// `madace` or `bmad`.
    pub framework: &'static str,
    /// `core/config.yaml`, when it exists and is valid.
    pub config: Option<Node>,
    /// The modules, in name order.
    pub modules: Vec<ModuleEntry>,
    /// BMAD 6.x: the merged central config (`_bmad/config.toml` and its layers), when there is one.
    #[serde(rename = "bmadConfig")]
    pub bmad_config: Option<serde_json::Value>,
    /// BMAD 6.x: every skill folder (a `SKILL.md`) that loaded, in path order.
    pub skills: Vec<SkillEntry>,
    /// Every problem found, errors and cross-reference warnings, in file
    /// order; each names its file in `path`.
    pub issues: Vec<Diagnostic>,
}

/// One module folder and what loaded from it.
#[derive(Debug, Serialize)]
pub struct ModuleEntry {
    /// The module's folder name (`mam`, `bmm`, `cis`, …).
    pub name: String,
    /// The module folder.
    pub path: String,
    /// Agents that loaded, in path order.
    pub agents: Vec<AgentEntry>,
    /// Workflows that loaded, in path order.
    pub workflows: Vec<WorkflowEntry>,
}

/// An agent file that loaded.
#[derive(Debug, Serialize)]
pub struct AgentEntry {
    /// The file.
    pub path: String,
    /// The validated agent document.
    pub agent: Node,
}

/// A workflow file that loaded.
#[derive(Debug, Serialize)]
pub struct WorkflowEntry {
    /// The file.
    pub path: String,
    /// Which of the two workflow formats it is.
    pub format: Format,
    /// The validated workflow document.
    pub workflow: Node,
}

/// A BMAD 6.x skill that loaded.
#[derive(Debug, Serialize)]
pub struct SkillEntry {
    /// The skill folder.
    pub path: String,
    /// Its frontmatter `name`.
    pub name: String,
    /// `agent`, `workflow` or `skill`.
    pub kind: &'static str,
    /// The merged customization, when the skill has a `customize.toml`.
    pub customization: Option<serde_json::Value>,
}

enum Loaded {
    /// The agent and its unknown keys (warnings).
    Agent(Result<(Agent, Vec<Issue>)>),
    Workflow(Result<Workflow>),
}

/// Loads every module, agent, workflow and the config under `root`, and
/// BMAD 6.x skills with the central config; a file that fails is an issue,
/// never an error. Fails only when `root` holds neither a framework folder
/// nor skills under `src/`.
pub fn load(root: &Path) -> Result<Project> {
    let layout = match layout::detect(root) {
        Ok(layout) => layout,
        Err(err @ crate::Error::NotFound { .. }) => {
            // A BMAD 6.x source tree has skills under `src/` and no module
            // folders; only `src/` is searched, so that a folder that is no
            // project at all still fails at once instead of being walked.
            let src = root.join("src");
            let skills = if src.is_dir() { skill_files(&src)? } else { Vec::new() };
            if skills.is_empty() {
                return Err(err);
            }
            let (skills, issues) = load_skills(root, &skills);
            return Ok(Project {
                root: shown(root),
                framework: "bmad",
                config: None,
                modules: Vec::new(),
                bmad_config: None,
                skills,
                issues,
            });
        }
        Err(err) => return Err(err),
    };
    let mut issues = Vec::new();
    // Every file is read only while it is inside the project.
    let confined = crate::source::confine(&layout.root);
    // BMAD 6.x keeps its settings in `_bmad/config.toml` (and its layers);
    // the root may be the project or its `_bmad` folder.
    let bmad6 = layout.framework_dir.ends_with(BMAD6_DIR) && layout.framework_dir.join("config.toml").is_file();
    let root = match layout.framework_dir.parent() {
        Some(parent) if bmad6 && parent.as_os_str().is_empty() => Path::new("."),
        Some(parent) if bmad6 => parent,
        _ => root,
    };
    let config_path = layout.framework_dir.join("core").join("config.yaml");
    let config = if config_path.is_file() {
        match config::load_in(&config_path, Some(&confined), Dialect::Any) {
            Ok(Config { doc }) => Some(doc),
            Err(err) => {
                issues.extend(file_issues(&config_path, &err));
                None
            }
        }
    } else {
        if !bmad6 {
            let message = "no core/config.yaml in the project".to_string();
            issues.push(Diagnostic::whole_file(W_CONFIG_NOT_FOUND, message).at_path(&shown(&config_path)));
        }
        None
    };

    // One parallel pass over every file of every module.
    let mut jobs: Vec<(usize, PathBuf, bool)> = Vec::new();
    for (m, module) in layout.modules.iter().enumerate() {
        for path in discover::files_of_kind(&module.dir, Kind::Agent)? {
            jobs.push((m, path, true));
        }
        for path in Layout::workflow_files(module)? {
            jobs.push((m, path, false));
        }
    }
    let loaded = parallel::map(&jobs, |(_, path, is_agent)| match is_agent {
        true => Loaded::Agent(agent::load_checked(path, Some(&confined), Dialect::Any, lint::unknown_keys)),
        false => Loaded::Workflow(workflow::load_in(path, Some(&confined), Dialect::Any)),
    });

    let mut modules: Vec<ModuleEntry> = layout
        .modules
        .iter()
        .map(|m| ModuleEntry { name: m.name.clone(), path: shown(&m.dir), agents: vec![], workflows: vec![] })
        .collect();
    // Every workflow file found, loadable or not, answers `workflow:NAME`.
    let workflow_names: HashSet<&str> = jobs
        .iter()
        .filter(|(_, _, is_agent)| !is_agent)
        .filter_map(|(_, path, _)| layout::workflow_name(path))
        .collect();
    let mut workflows_by_file: Vec<(PathBuf, Workflow)> = Vec::new();
    for ((m, path, _), result) in jobs.iter().zip(loaded) {
        let (m, path) = (*m, path.clone());
        match result {
            Loaded::Agent(Ok((agent, unknown))) => {
                for issue in &unknown {
                    issues.push(Diagnostic::from_issue(Severity::Warning, W_UNKNOWN_KEY, issue).at_path(&shown(&path)));
                }
                issues.extend(references::check_menu(&layout, &workflow_names, &path, &agent));
                modules[m].agents.push(AgentEntry { path: shown(&path), agent: agent.doc });
            }
            Loaded::Workflow(Ok(wf)) => workflows_by_file.push((path, wf)),
            Loaded::Agent(Err(err)) | Loaded::Workflow(Err(err)) => issues.extend(file_issues(&path, &err)),
        }
    }
    issues.extend(references::check_sub_workflows(&layout, &workflows_by_file));
    for (path, wf) in workflows_by_file {
        let m = layout.modules.iter().position(|m| path.starts_with(&m.dir)).unwrap_or_default();
        modules[m].workflows.push(WorkflowEntry { path: shown(&path), format: wf.format, workflow: wf.doc });
    }
    // BMAD 6.x: the central config and the skills, where `_bmad/config.toml` says it is one.
    let (mut bmad_config, mut skills) = (None, Vec::new());
    if bmad6 {
        match skill::resolve_config(root) {
            Ok(merged) => bmad_config = Some(merged.to_json()),
            Err(err) => issues.extend(file_issues(Path::new(err.file()), &err)),
        }
        let (found, problems) = load_skills(root, &skill_files(root)?);
        skills = found;
        issues.extend(problems);
        // Story boards against their story files (a board that does not load is validate's to report).
        for board_path in discover::files_of_kind(root, Kind::SprintStatus)? {
            if let Ok(board) = crate::sprint::load(&board_path) {
                issues.extend(crate::sprint::drift(&board_path, &board, root));
            }
        }
    }
    Ok(Project { root: shown(&layout.root), framework: layout.framework, config, modules, bmad_config, skills, issues })
}

/// Every `SKILL.md` under `root`, in path order.
fn skill_files(root: &Path) -> Result<Vec<PathBuf>> {
    discover::files_of_kind(root, Kind::Skill)
}

/// The skills of these `SKILL.md` files, loaded in parallel; an agent
/// skill's agent is checked. A failure is an issue located in its file.
fn load_skills(root: &Path, files: &[PathBuf]) -> (Vec<SkillEntry>, Vec<Diagnostic>) {
    let loaded = parallel::map(files, |file| skill::load_checked(file.parent().unwrap_or(root), Some(root)));
    let (mut skills, mut issues) = (Vec::new(), Vec::new());
    for result in loaded {
        match result {
            Ok(loaded) => skills.push(SkillEntry {
                path: shown(&loaded.path),
                name: loaded.name().to_string(),
                kind: loaded.kind(),
                customization: loaded.customization.as_ref().map(|c| c.to_json()),
            }),
            Err(err) => {
                // A problem in a TOML layer is that layer's; the others are in the file that failed.
                issues.extend(Diagnostic::from_error(&err).into_iter().map(|d| d.at_path(err.file())));
            }
        }
    }
    (skills, issues)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn file_issues(path: &Path, err: &crate::Error) -> Vec<Diagnostic> {
    Diagnostic::from_error(err).into_iter().map(|d| d.at_path(&shown(path))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_project_loads_clean() {
        let project = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")).unwrap();
        assert_eq!(project.framework, "madace");
        assert!(project.issues.is_empty(), "{:?}", project.issues);
        let mam = project.modules.iter().find(|m| m.name == "mam").unwrap();
        assert_eq!(mam.agents.len(), 5);
        assert_eq!(mam.workflows.len(), 4);
        assert_eq!(project.config.unwrap().get("project_name").and_then(Node::as_str), Some("Lanternfish Tasks"));
    }
}
