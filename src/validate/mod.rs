//! `validate(paths)`: the CLI's and CI's main job. Files and folders in,
//! one report per definition file out, every problem located.

pub mod report;

use crate::error::{Error, Result};
use crate::parallel;
use crate::project::discover::{self, AGENT_SUFFIX};
use crate::schema::agent::{self, Agent};
use crate::schema::config;
use crate::schema::lint::{self, Framework};
use crate::schema::workflow::{self, Format, Workflow};
use crate::schema::Dialect;
use crate::skill;
use crate::yaml::Node;
use report::{Problem, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The result of validating many files.
#[derive(Debug, Serialize)]
pub struct Report {
    /// One entry per definition file, in path order.
    pub files: Vec<FileReport>,
    /// Files that loaded without an error.
    pub passed: usize,
    /// How many files have errors.
    pub failed: usize,
}

/// What kind of definition file an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An `*.agent.yaml`.
    Agent,
    /// A `*.workflow.yaml` or nested `workflow.yaml`.
    Workflow,
    /// A `core/config.yaml`.
    Config,
    /// A BMAD 6.x skill: its `SKILL.md`, with the folder's `customize.toml` and layers.
    Skill,
}

impl Kind {
    /// What a file is, by its name: `*.agent.yaml`, `*.workflow.yaml` or a
    /// nested `workflow.yaml`, `config.yaml` (or BMAD 6.x's `_bmad/config.toml`),
    /// a skill's `SKILL.md`; anything else named explicitly is checked as an agent.
    pub fn of(path: &Path) -> Kind {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name == SKILL_FILE {
            Kind::Skill
        } else if is_central_config(path) {
            Kind::Config
        } else if workflow::is_workflow_file(&name) {
            Kind::Workflow
        } else if name == "config.yaml" {
            Kind::Config
        } else {
            Kind::Agent
        }
    }

    /// Files a folder search picks up: agents, workflows, and `core/config.yaml`
    /// (other `config.yaml` files, such as BMAD module configs, are not MADACE configs).
    fn wanted(path: &Path) -> bool {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let in_core = path.parent().and_then(Path::file_name).is_some_and(|d| d == "core");
        name.ends_with(AGENT_SUFFIX)
            || workflow::is_workflow_file(&name)
            || (name == "config.yaml" && in_core)
            || name == SKILL_FILE
            || is_central_config(path)
    }
}

/// BMAD 6.x's central config, `_bmad/config.toml`, checked with its layers.
fn is_central_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "config.toml")
        && path.parent().and_then(Path::file_name).is_some_and(|d| d == "_bmad")
}

/// The file that makes a folder a BMAD 6.x skill.
pub const SKILL_FILE: &str = "SKILL.md";

/// The result for one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The file.
    pub path: String,
    /// Its kind.
    pub kind: Kind,
    /// Present when an agent loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentSummary>,
    /// Present when a workflow loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<WorkflowSummary>,
    /// Present when a skill loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill: Option<SkillSummary>,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
}

/// What the CLI shows of a valid agent.
#[derive(Debug, Serialize)]
pub struct AgentSummary {
    /// `metadata.id`.
    pub id: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.title`.
    pub title: String,
    /// `metadata.icon`.
    pub icon: String,
    /// `metadata.module`.
    pub module: String,
    /// How many menu items.
    #[serde(rename = "menuItems")]
    pub menu_items: usize,
}

/// What the CLI shows of a valid skill.
#[derive(Debug, Serialize)]
pub struct SkillSummary {
    /// The frontmatter's `name`.
    pub name: String,
    /// `agent`, `workflow` or `skill`.
    pub kind: &'static str,
    /// An agent's menu items; 0 for the others.
    #[serde(rename = "menuItems")]
    pub menu_items: usize,
}

/// What the CLI shows of a valid workflow.
#[derive(Debug, Serialize)]
pub struct WorkflowSummary {
    /// `name`.
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Steps of a MADACE workflow; BMAD configs have none.
    pub steps: usize,
}

impl AgentSummary {
    fn of(agent: &Agent) -> Self {
        let meta = |key| agent.metadata(key).unwrap_or_default().to_string();
        AgentSummary {
            id: meta("id"),
            name: meta("name"),
            title: meta("title"),
            icon: meta("icon"),
            module: meta("module"),
            menu_items: agent.menu_len(),
        }
    }
}

impl WorkflowSummary {
    fn of(wf: &Workflow) -> Self {
        let steps = wf.doc.get("steps").and_then(|s| s.items()).map_or(0, <[_]>::len);
        WorkflowSummary { name: wf.name().unwrap_or_default().to_string(), format: wf.format, steps }
    }
}

/// The code of strict-mode lint problems (they are report entries, never thrown).
pub const E_LINT: &str = "E_LINT";
/// The code of the warning for a key the schema does not know (the default
/// mode keeps such keys; `--strict` makes them `E_LINT` errors).
pub const W_UNKNOWN_KEY: &str = "W_UNKNOWN_KEY";

/// How strictly to validate, and in which dialect.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also apply the strict lint rules (`lint::lint_agent`) to agents that
    /// load: MADACE's for the MADACE dialect and files under `madace/`,
    /// BMAD's for the others (see [`Framework::of`]).
    pub strict: bool,
    /// The shapes every file is checked against.
    pub dialect: Dialect,
}

/// Validates files and (recursively) folders; a path that cannot be read or
/// searched is reported as a failed entry, never as an abort.
pub fn validate(paths: &[PathBuf], options: Options) -> Report {
    let mut targets = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match discover::files_where_path(path, Kind::wanted) {
                Ok(found) => targets.extend(found),
                Err(err) => files.push(failed(path, Kind::Agent, &err)),
            }
        } else {
            targets.push(path.clone());
        }
    }
    files.extend(parallel::map(&targets, |path| check_file(path, options)));
    // Warnings alone never fail a file.
    let failed = files.iter().filter(|f| f.problems.iter().any(|p| p.severity == Severity::Error)).count();
    Report { passed: files.len() - failed, failed, files }
}

/// Loads an agent and, when strict, lints the tree as written (before
/// defaults); else warns of the keys the schema does not know.
fn load_agent(path: &Path, options: Options) -> Result<(Agent, Vec<Problem>)> {
    let framework = match options.dialect {
        Dialect::Madace => Framework::Madace,
        Dialect::Any => Framework::of(path),
    };
    let (severity, code) = if options.strict { (Severity::Error, E_LINT) } else { (Severity::Warning, W_UNKNOWN_KEY) };
    let check = |root: &Node| if options.strict { lint::lint_agent(root, framework) } else { lint::unknown_keys(root) };
    let (agent, found) = agent::load_checked(path, options.dialect, check)?;
    Ok((agent, found.iter().map(|issue| Problem::from_issue(severity, code, issue)).collect()))
}

fn check_file(path: &Path, options: Options) -> FileReport {
    let kind = Kind::of(path);
    let mut report = FileReport {
        path: path.display().to_string(),
        kind,
        agent: None,
        workflow: None,
        skill: None,
        problems: Vec::new(),
    };
    let loaded = match kind {
        Kind::Agent => load_agent(path, options).map(|(agent, lint)| {
            report.agent = Some(AgentSummary::of(&agent));
            report.problems = lint;
        }),
        Kind::Workflow => {
            workflow::load(path, options.dialect).map(|w| report.workflow = Some(WorkflowSummary::of(&w)))
        }
        Kind::Config if is_central_config(path) => {
            let root = path.parent().and_then(Path::parent).unwrap_or(Path::new("."));
            skill::resolve_config(root).map(drop)
        }
        Kind::Config => config::load(path, options.dialect).map(drop),
        Kind::Skill => check_skill(path, options).map(|(summary, lint)| {
            report.skill = Some(summary);
            report.problems = lint;
        }),
    };
    if let Err(err) = loaded {
        report.problems = Problem::from_error(&err).into_iter().map(|p| p.in_file(err.file(), &report.path)).collect();
    }
    report
}

/// A skill: its SKILL.md and merged customization; an agent skill's agent
/// checked; strict lint when asked.
fn check_skill(skill_md: &Path, options: Options) -> Result<(SkillSummary, Vec<Problem>)> {
    let loaded = skill::load_checked(skill_md.parent().unwrap_or(Path::new(".")), None)?;
    let lint = match options.strict {
        true => {
            skill::lint::lint(&loaded).iter().map(|issue| Problem::from_issue(Severity::Error, E_LINT, issue)).collect()
        }
        false => Vec::new(),
    };
    let summary = SkillSummary { name: loaded.name().to_string(), kind: loaded.kind(), menu_items: loaded.menu_len() };
    Ok((summary, lint))
}

fn failed(path: &Path, kind: Kind, err: &Error) -> FileReport {
    FileReport {
        path: path.display().to_string(),
        kind,
        agent: None,
        workflow: None,
        skill: None,
        problems: Problem::from_error(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_tree_validates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace");
        let report = validate(&[root], Options::default());
        assert_eq!((report.passed, report.failed), (10, 0));
        let kinds: Vec<_> = report.files.iter().map(|f| f.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == Kind::Workflow).count(), 4);
        assert_eq!(kinds.iter().filter(|k| **k == Kind::Config).count(), 1);
        let pm = report.files.iter().find_map(|f| f.agent.as_ref().filter(|a| a.id == "pm")).unwrap();
        assert_eq!((pm.name.as_str(), pm.title.as_str(), pm.menu_items), ("PM", "Product Manager", 4));
    }

    #[test]
    fn unreadable_paths_are_reported_not_fatal() {
        let report = validate(&[PathBuf::from("/no/such/dir/x.agent.yaml")], Options::default());
        assert_eq!((report.passed, report.failed), (0, 1));
        assert_eq!(report.files[0].problems[0].code, "E_NOT_FOUND");
    }
}
