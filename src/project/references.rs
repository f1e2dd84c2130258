//! A project's cross-references: menu items naming workflows, sub-workflow
//! steps naming workflow files, and cycles among those; each broken one is a
//! warning located at the reference.

use super::layout::Layout;
use crate::codes::{W_SUBWORKFLOW_CYCLE, W_SUBWORKFLOW_NOT_FOUND, W_WORKFLOW_NOT_FOUND};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Issue, Location};
use crate::kind::FRAMEWORKS;
use crate::schema::agent::Agent;
use crate::schema::workflow::{self, Workflow};
use crate::yaml::Node;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A warning at `field` of the file `path`.
fn warning(path: &Path, code: &'static str, field: &str, at: Location, message: String) -> Diagnostic {
    Diagnostic::from_issue(Severity::Warning, code, &Issue::new(field, at, message))
        .at_path(&path.display().to_string())
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
pub(super) fn check_menu(
    layout: &Layout,
    workflow_names: &HashSet<&str>,
    path: &Path,
    agent: &Agent,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let menu = agent.doc.get("menu").and_then(Node::items).unwrap_or_default();
    for (i, item) in menu.iter().enumerate() {
        if let Some(target) = item.get("workflow").filter(|t| t.as_str().is_some()) {
            let reference = target.as_str().unwrap_or_default();
            if resolve_reference(layout, reference).is_some_and(|p| !p.is_file()) {
                let field = format!("agent.menu[{i}].workflow");
                let message = format!("workflow file '{reference}' does not exist");
                found.push(warning(path, W_WORKFLOW_NOT_FOUND, &field, target.at, message));
            }
        }
        if let Some(action) = item.get("action") {
            if let Some(name) = action.as_str().and_then(|a| a.strip_prefix("workflow:")) {
                if !workflow_names.contains(name) {
                    let field = format!("agent.menu[{i}].action");
                    let message = format!("no workflow named '{name}' in the project");
                    found.push(warning(path, W_WORKFLOW_NOT_FOUND, &field, action.at, message));
                }
            }
        }
    }
    found
}

/// Missing sub-workflow targets, and cycles among the ones that exist.
pub(super) fn check_sub_workflows(layout: &Layout, workflows: &[(PathBuf, Workflow)]) -> Vec<Diagnostic> {
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
                    found.push(warning(path, W_SUBWORKFLOW_NOT_FOUND, &sub.field, sub.at, message));
                }
            }
        }
    }
    for cycle in find_cycles(workflows.len(), &edges) {
        let (from, to) = (cycle[cycle.len() - 2], cycle[cycle.len() - 1]);
        let Some((_, sub)) = edges[&from].iter().find(|(j, _)| *j == to) else { continue };
        let names: Vec<_> = cycle.iter().map(|&i| workflows[i].1.name().unwrap_or("?").to_string()).collect();
        let message = format!("sub-workflow cycle: {}", names.join(" → "));
        found.push(warning(&workflows[from].0, W_SUBWORKFLOW_CYCLE, &sub.field, sub.at, message));
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
    fn cycles_are_found_once() {
        let sub = |to: usize| {
            (to, workflow::SubWorkflow { field: String::new(), workflow_path: String::new(), at: Location::START })
        };
        let edges = BTreeMap::from([(0, vec![sub(1)]), (1, vec![sub(2)]), (2, vec![sub(0)]), (3, vec![sub(3)])]);
        assert_eq!(find_cycles(4, &edges), [vec![0, 1, 2, 0], vec![3, 3]]);
    }
}
