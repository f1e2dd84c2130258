//! `validate(paths)`: the CLI's and CI's main job. Files and folders in,
//! one report per definition file out, every problem located.

use crate::agent::{self, Agent};
use crate::discover::{self, AGENT_SUFFIX};
use crate::error::Error;
use crate::report::Problem;
use crate::parallel;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Files that loaded without an error.
    pub passed: usize,
    pub failed: usize,
}

#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub kind: &'static str,
    /// Present when the file loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentSummary>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub struct AgentSummary {
    pub id: String,
    pub name: String,
    pub title: String,
    pub icon: String,
    pub module: String,
    #[serde(rename = "menuItems")]
    pub menu_items: usize,
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

/// Validates files and (recursively) folders; a path that cannot be read or
/// searched is reported as a failed entry, never as an abort.
pub fn validate(paths: &[PathBuf]) -> Report {
    let mut targets = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match discover::files_with_suffix(path, AGENT_SUFFIX) {
                Ok(found) => targets.extend(found),
                Err(err) => files.push(failed(path, &err)),
            }
        } else {
            targets.push(path.clone());
        }
    }
    files.extend(parallel::map(&targets, |path| check_file(path)));
    let failed = files.iter().filter(|f| !f.problems.is_empty()).count();
    Report { passed: files.len() - failed, failed, files }
}

fn check_file(path: &Path) -> FileReport {
    match agent::load(path) {
        Ok(agent) => FileReport {
            path: path.display().to_string(),
            kind: "agent",
            agent: Some(AgentSummary::of(&agent)),
            problems: Vec::new(),
        },
        Err(err) => failed(path, &err),
    }
}

fn failed(path: &Path, err: &Error) -> FileReport {
    FileReport { path: path.display().to_string(), kind: "agent", agent: None, problems: Problem::from_error(err) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_tree_validates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace");
        let report = validate(&[root]);
        assert_eq!((report.passed, report.failed), (5, 0));
        let pm = report.files.iter().find_map(|f| f.agent.as_ref().filter(|a| a.id == "pm")).unwrap();
        assert_eq!((pm.name.as_str(), pm.title.as_str(), pm.menu_items), ("PM", "Product Manager", 4));
    }

    #[test]
    fn unreadable_paths_are_reported_not_fatal() {
        let report = validate(&[PathBuf::from("/no/such/dir/x.agent.yaml")]);
        assert_eq!((report.passed, report.failed), (0, 1));
        assert_eq!(report.files[0].problems[0].code, "E_NOT_FOUND");
    }
}
