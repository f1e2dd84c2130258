//! `loadProject(root)`: config, modules with their agents and workflows, and
//! every problem, in one call. Files that fail are reported, not thrown;
//! broken cross-references (missing workflow files, sub-workflow cycles) are
//! warnings located at the reference.

pub mod cache;
pub mod discover;
pub mod layout;

use crate::error::{Issue, Location, Result};
use crate::parallel;
use crate::schema::agent::{self, Agent};
use crate::schema::config::{self, Config};
use crate::schema::workflow::{self, Format, Workflow};
use crate::schema::{lint, Dialect};
use crate::skill;
use crate::validate::report::{Problem, Severity};
use crate::validate::{SKILL_FILE, W_UNKNOWN_KEY};
use crate::yaml::Node;
use layout::{Layout, FRAMEWORKS};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A menu item names a workflow file that does not exist.
pub const W_WORKFLOW_NOT_FOUND: &str = "W_WORKFLOW_NOT_FOUND";
/// A sub-workflow step's `workflow_path` does not exist.
pub const W_SUBWORKFLOW_NOT_FOUND: &str = "W_SUBWORKFLOW_NOT_FOUND";
/// Sub-workflows call each other in a cycle.
pub const W_SUBWORKFLOW_CYCLE: &str = "W_SUBWORKFLOW_CYCLE";
/// The project has no `core/config.yaml`.
pub const W_CONFIG_NOT_FOUND: &str = "W_CONFIG_NOT_FOUND";

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
    /// Every problem found, errors and cross-reference warnings, in file order.
    pub issues: Vec<ProjectIssue>,
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

/// A problem of one file of the project.
#[derive(Debug, Serialize)]
pub struct ProjectIssue {
    /// The file.
    pub path: String,
    /// The problem, located in that file.
    #[serde(flatten)]
    pub problem: Problem,
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
    // BMAD 6.x keeps its settings in `_bmad/config.toml` (and its layers).
    let bmad6 = root.join("_bmad").join("config.toml").is_file();
    let config_path = layout.framework_dir.join("core").join("config.yaml");
    let config = if config_path.is_file() {
        match config::load(&config_path, Dialect::Any) {
            Ok(Config { doc }) => Some(doc),
            Err(err) => {
                issues.extend(file_issues(&config_path, &err));
                None
            }
        }
    } else {
        if !bmad6 {
            issues.push(warning(&config_path, W_CONFIG_NOT_FOUND, None, "no core/config.yaml in the project".into()));
        }
        None
    };

    // One parallel pass over every file of every module.
    let mut jobs: Vec<(usize, PathBuf, bool)> = Vec::new();
    for (m, module) in layout.modules.iter().enumerate() {
        for path in crate::project::discover::files_with_suffix(&module.dir, crate::project::discover::AGENT_SUFFIX)? {
            jobs.push((m, path, true));
        }
        for path in Layout::workflow_files(module)? {
            jobs.push((m, path, false));
        }
    }
    let loaded = parallel::map(&jobs, |(_, path, is_agent)| match is_agent {
        true => Loaded::Agent(agent::load_checked(path, Dialect::Any, lint::unknown_keys)),
        false => Loaded::Workflow(workflow::load(path, Dialect::Any)),
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
                    let problem = Problem::from_issue(Severity::Warning, W_UNKNOWN_KEY, issue);
                    issues.push(ProjectIssue { path: shown(&path), problem });
                }
                issues.extend(check_menu_references(&layout, &workflow_names, &path, &agent));
                modules[m].agents.push(AgentEntry { path: shown(&path), agent: agent.doc });
            }
            Loaded::Workflow(Ok(wf)) => workflows_by_file.push((path, wf)),
            Loaded::Agent(Err(err)) | Loaded::Workflow(Err(err)) => issues.extend(file_issues(&path, &err)),
        }
    }
    issues.extend(check_sub_workflows(&layout, &workflows_by_file));
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
    }
    Ok(Project { root: shown(&layout.root), framework: layout.framework, config, modules, bmad_config, skills, issues })
}

/// Every `SKILL.md` under `root`, in path order.
fn skill_files(root: &Path) -> Result<Vec<PathBuf>> {
    discover::files_where_path(root, |p| p.file_name().is_some_and(|n| n == SKILL_FILE))
}

/// The skills of these `SKILL.md` files, loaded in parallel; an agent
/// skill's agent is checked. A failure is an issue located in its file.
fn load_skills(root: &Path, files: &[PathBuf]) -> (Vec<SkillEntry>, Vec<ProjectIssue>) {
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
                for mut problem in Problem::from_error(&err) {
                    // A problem in a TOML layer is that layer's; the others are in the file that failed.
                    let path = problem.path.take().unwrap_or_else(|| err.file().to_string());
                    issues.push(ProjectIssue { path, problem });
                }
            }
        }
    }
    (skills, issues)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn file_issues(path: &Path, err: &crate::Error) -> Vec<ProjectIssue> {
    Problem::from_error(err).into_iter().map(|problem| ProjectIssue { path: shown(path), problem }).collect()
}

fn warning(path: &Path, code: &'static str, at: Option<(&str, Location)>, message: String) -> ProjectIssue {
    let problem = match at {
        Some((field, at)) => Problem::from_issue(Severity::Warning, code, &Issue::new(field, at, message)),
        None => Problem {
            severity: Severity::Warning,
            code,
            message,
            field: None,
            line: None,
            column: None,
            path: None,
            layer: None,
        },
    };
    ProjectIssue { path: shown(path), problem }
}

/// Resolves a reference written in a definition: `{project-root}/_bmad/bmm/x`
/// and `madace/mam/x` go through the module folders (so BMAD source trees
/// resolve too); other relative paths are taken from the project root.
/// `None` when the reference uses other placeholders and cannot be checked.
pub fn resolve_reference(layout: &Layout, reference: &str) -> Option<PathBuf> {
    let rel = reference.strip_prefix("{project-root}/").unwrap_or(reference);
    if rel.contains('{') {
        return None;
    }
    let rel = Path::new(rel);
    if rel.is_absolute() {
        return Some(rel.to_path_buf());
    }
    let mut parts = rel.components();
    if let (Some(Component::Normal(fw)), Some(Component::Normal(module))) = (parts.next(), parts.next()) {
        if FRAMEWORKS.contains(&fw.to_string_lossy().as_ref()) {
            if let Ok(m) = layout.module(&module.to_string_lossy()) {
                return Some(m.dir.join(parts.as_path()));
            }
        }
    }
    Some(layout.root.join(rel))
}

/// Menu items naming a workflow file (BMAD `workflow:`) or a workflow by
/// name (MADACE `action: workflow:NAME`) that does not exist.
fn check_menu_references(
    layout: &Layout,
    workflow_names: &HashSet<&str>,
    path: &Path,
    agent: &Agent,
) -> Vec<ProjectIssue> {
    let mut found = Vec::new();
    let menu = agent.doc.get("menu").and_then(Node::items).unwrap_or_default();
    for (i, item) in menu.iter().enumerate() {
        if let Some(target) = item.get("workflow").filter(|t| t.as_str().is_some()) {
            let reference = target.as_str().unwrap_or_default();
            if resolve_reference(layout, reference).is_some_and(|p| !p.is_file()) {
                let field = format!("agent.menu[{i}].workflow");
                let message = format!("workflow file '{reference}' does not exist");
                found.push(warning(path, W_WORKFLOW_NOT_FOUND, Some((&field, target.at)), message));
            }
        }
        if let Some(action) = item.get("action") {
            if let Some(name) = action.as_str().and_then(|a| a.strip_prefix("workflow:")) {
                if !workflow_names.contains(name) {
                    let field = format!("agent.menu[{i}].action");
                    let message = format!("no workflow named '{name}' in the project");
                    found.push(warning(path, W_WORKFLOW_NOT_FOUND, Some((&field, action.at)), message));
                }
            }
        }
    }
    found
}

/// Missing sub-workflow targets, and cycles among the ones that exist.
fn check_sub_workflows(layout: &Layout, workflows: &[(PathBuf, Workflow)]) -> Vec<ProjectIssue> {
    let mut found = Vec::new();
    let index: HashMap<PathBuf, usize> =
        workflows.iter().enumerate().filter_map(|(i, (p, _))| Some((p.canonicalize().ok()?, i))).collect();
    // edges[i] = (target index, the reference) for every resolvable sub-workflow.
    let mut edges: BTreeMap<usize, Vec<(usize, workflow::SubWorkflow)>> = BTreeMap::new();
    for (i, (path, wf)) in workflows.iter().enumerate() {
        for sub in wf.sub_workflows() {
            let beside = path.parent().map(|d| d.join(&sub.workflow_path));
            let target = beside
                .filter(|p| p.is_file())
                .or_else(|| resolve_reference(layout, &sub.workflow_path).filter(|p| p.is_file()));
            match target.and_then(|t| t.canonicalize().ok()) {
                Some(real) => {
                    if let Some(&j) = index.get(&real) {
                        edges.entry(i).or_default().push((j, sub));
                    }
                }
                None if sub.workflow_path.contains('{') => {}
                None => {
                    let message = format!("sub-workflow '{}' does not exist", sub.workflow_path);
                    found.push(warning(path, W_SUBWORKFLOW_NOT_FOUND, Some((&sub.field, sub.at)), message));
                }
            }
        }
    }
    for cycle in find_cycles(workflows.len(), &edges) {
        let (from, to) = (cycle[cycle.len() - 2], cycle[cycle.len() - 1]);
        let Some((_, sub)) = edges[&from].iter().find(|(j, _)| *j == to) else { continue };
        let names: Vec<_> = cycle.iter().map(|&i| workflows[i].1.name().unwrap_or("?").to_string()).collect();
        let message = format!("sub-workflow cycle: {}", names.join(" → "));
        found.push(warning(&workflows[from].0, W_SUBWORKFLOW_CYCLE, Some((&sub.field, sub.at)), message));
    }
    found
}

/// Each cycle once, as the path of nodes from its first node back to it.
fn find_cycles(n: usize, edges: &BTreeMap<usize, Vec<(usize, workflow::SubWorkflow)>>) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative DFS: (node, next edge to try); `path` mirrors the stack.
        let mut stack = vec![(start, 0usize)];
        marks[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let targets = edges.get(&node).map_or(&[][..], Vec::as_slice);
            if let Some((to, _)) = targets.get(*next) {
                *next += 1;
                match marks[*to] {
                    Mark::New => {
                        marks[*to] = Mark::Open;
                        stack.push((*to, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|(s, _)| s == to).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|(s, _)| *s).collect();
                        cycle.push(*to);
                        cycles.push(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    cycles
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

    #[test]
    fn cycles_are_found_once() {
        let sub = |to: usize| {
            (to, workflow::SubWorkflow { field: String::new(), workflow_path: String::new(), at: Location::START })
        };
        let edges = BTreeMap::from([(0, vec![sub(1)]), (1, vec![sub(2)]), (2, vec![sub(0)]), (3, vec![sub(3)])]);
        assert_eq!(find_cycles(4, &edges), [vec![0, 1, 2, 0], vec![3, 3]]);
    }
}
