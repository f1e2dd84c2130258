//! `{placeholder}`s in override text: the agent replaces those the skill
//! defines (they appear in its own files: `SKILL.md`, `customize.toml`, its
//! steps and templates), the central config's keys (`{user_name}`) and the
//! runtime's own; any other reaches the agent as written. BMAD 6.12 renamed some (`{diff_output}` is `{diff_file}` in
//! review-layer instructions), so an override written before silently stops
//! working: `W_UNKNOWN_PLACEHOLDER`, with "did you mean".

use super::layers::{in_layer, DEFAULTS};
use super::toml_tree::{TNode, TValue};
use super::Skill;
use crate::error::Issue;
use crate::schema::suggest;
use crate::source;
use std::collections::BTreeSet;

/// Placeholders every skill gets from BMAD's runtime and installer.
const RUNTIME: &[&str] = &["project-root", "skill-root", "skill-name", "date", "time"];

/// Every placeholder an override layer writes that the skill never defines, each located in its layer.
pub fn unknown(skill: &Skill) -> Vec<Issue> {
    let Some(merged) = &skill.customization else { return Vec::new() };
    let mut written = Vec::new();
    overridden(&merged.tree, "", &mut written);
    if written.is_empty() {
        return Vec::new();
    }
    let known = defined(skill);
    let mut found = Vec::new();
    for (field, node, text) in written {
        for name in names(text) {
            if known.contains(name) || RUNTIME.contains(&name) {
                continue;
            }
            let renamed = super::renames::current_placeholder(name).filter(|now| known.contains(*now));
            let meant = renamed.or_else(|| suggest::near_miss(name, known.iter().map(String::as_str)));
            let meant = meant.map(|k| format!("{{{k}}}"));
            let guess = suggest::hint(meant.as_deref());
            let message = format!(
                "'{{{name}}}' is not a placeholder of {} (none of its files uses it), so the agent gets it as written{guess}",
                skill.name()
            );
            found.push(in_layer(&merged.layers, node.layer, Issue::new(field.clone(), node.at, message)));
        }
    }
    found
}

/// The placeholders used anywhere in the skill's own files, and the keys of
/// the project's central config.
fn defined(skill: &Skill) -> BTreeSet<String> {
    let within = source::confine(&skill.path);
    let mut known = BTreeSet::new();
    if let Some(config) = super::project_root(&skill.path, None).and_then(|root| super::resolve_config(&root).ok()) {
        keys(&config.tree, &mut known);
    }
    for file in super::rules::skill_files(&skill.path) {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "md" | "toml" | "yaml" | "yml" | "csv" | "txt" | "json") {
            continue;
        }
        if let Ok(text) = source::read_text_in(&file, Some(&within)) {
            known.extend(names(&text).map(str::to_string));
        }
    }
    known
}

/// Every key of a table, at any depth.
fn keys(node: &TNode, found: &mut BTreeSet<String>) {
    if let TValue::Table(entries) = &node.value {
        for entry in entries {
            found.insert(entry.key.clone());
            keys(&entry.value, found);
        }
    }
}

/// Strings an override layer set, with their field.
fn overridden<'t>(node: &'t TNode, field: &str, found: &mut Vec<(String, &'t TNode, &'t str)>) {
    match &node.value {
        TValue::Str(text) if node.layer != DEFAULTS => found.push((field.to_string(), node, text)),
        TValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                overridden(item, &format!("{field}[{i}]"), found);
            }
        }
        TValue::Table(entries) => {
            for entry in entries {
                overridden(&entry.value, &crate::schema::field(field, &entry.key), found);
            }
        }
        _ => {}
    }
}

/// The `{name}`s of `text` (not `{{name}}`, not `{ x }`).
fn names(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    text.match_indices('{').filter_map(move |(i, _)| {
        if i > 0 && bytes[i - 1] == b'{' {
            return None;
        }
        let rest = &text[i + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        valid.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_single_braced_names() {
        let got: Vec<_> = names("Use {diff_file} and {project-root}/x, not {{.var}}, { x }, {1a} or {a b}").collect();
        assert_eq!(got, ["diff_file", "project-root"]);
    }
}
