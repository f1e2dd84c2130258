//! The crate's layout keeps its promises: no module depends on a module
//! that depends back on it (between the crate's top-level modules, and
//! between sibling files of one folder), and no production module is over
//! 400 lines (tests apart). A change that breaks either fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_PRODUCTION_LINES: usize = 400;

/// Every `.rs` file under `src`, with its module path (`yaml::fast::scalar`).
fn modules() -> Vec<(Vec<String>, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut pending = vec![src.clone()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&src).unwrap().with_extension("");
                let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                    parts.pop();
                }
                found.push((parts, path));
            }
        }
    }
    found.sort();
    found
}

/// The production part of a file: up to its `#[cfg(test)]`; none for a `tests` module.
fn production(parts: &[String], path: &Path) -> String {
    if parts.last().is_some_and(|p| p == "tests") {
        return String::new();
    }
    let text = fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap_or_default().to_string()
}

/// The module paths a file names (`crate::a::b`, `super::c`), resolved to absolute paths.
/// Comments (doc links included) are not dependencies.
fn references(parts: &[String], text: &str) -> Vec<Vec<String>> {
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let text = code.as_str();
    let mut found = Vec::new();
    // `super` of a file module and of a folder's mod.rs alike: the module above it.
    let base: Vec<String> = parts[..parts.len().saturating_sub(1)].to_vec();
    for (anchor, prefix) in [("crate::", Vec::new()), ("super::", base)] {
        for (at, _) in text.match_indices(anchor) {
            if at > 0 && text.as_bytes()[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let rest = &text[at + anchor.len()..];
            let path: Vec<String> = rest
                .split("::")
                .map(|s| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>())
                .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                .collect();
            let mut full = prefix.clone();
            full.extend(path);
            found.push(full);
        }
    }
    found
}

/// A cycle in `edges`, as the list of its nodes, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut found = stack[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_depends_back_on_a_module_it_uses() {
    let modules = modules();
    // Level 1: the crate's top-level modules. Level 2: the sibling files of each folder.
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (parts, path) in &modules {
        if parts.is_empty() {
            continue;
        }
        let folder_module = path.file_name().is_some_and(|n| n == "mod.rs");
        for target in references(parts, &production(parts, path)) {
            // The first level where the two paths part: an edge between siblings there.
            let common = parts.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (parts.get(common), target.get(common)) else { continue };
            // A folder's own mod.rs is the folder, not a sibling of its files.
            if folder_module && common == parts.len() - 1 && parts.len() > common {
                continue;
            }
            graphs.entry(parts[..common].to_vec()).or_default().entry(from.clone()).or_default().insert(to.clone());
        }
    }
    for (parent, edges) in &graphs {
        let known: BTreeSet<&String> = modules
            .iter()
            .filter(|&(p, _)| p.len() == parent.len() + 1 && p.starts_with(parent))
            .map(|(p, _)| &p[parent.len()])
            .collect();
        let edges: BTreeMap<String, BTreeSet<String>> = edges
            .iter()
            .filter(|(from, _)| known.contains(from))
            .map(|(from, to)| (from.clone(), to.iter().filter(|t| known.contains(t) && *t != from).cloned().collect()))
            .collect();
        assert_eq!(cycle(&edges), None, "a module cycle under crate::{}", parent.join("::"));
    }
}

#[test]
fn no_production_module_is_over_400_lines() {
    for (parts, path) in modules() {
        let lines = production(&parts, &path).lines().count();
        assert!(lines <= MAX_PRODUCTION_LINES, "{} has {lines} production lines", path.display());
    }
}
