//! The agent a skill's merged customization defines (`[agent]`): BMAD 6.x's
//! flat agent schema. Every problem is located in the layer that set the
//! offending value (defaults, team or user file), and says which.

use super::layers::{in_layer, Merged};
use super::toml_tree::{TNode, TValue};
use crate::error::{Error, Issue, Result};
use crate::schema::{field, index, MAX_ISSUES};
use std::collections::HashMap;

/// Text fields of an agent, each optional.
pub const TEXT_FIELDS: [&str; 4] = ["icon", "role", "identity", "communication_style"];
/// Fields that are lists of text, appended layer by layer.
pub const LIST_FIELDS: [&str; 4] =
    ["principles", "persistent_facts", "activation_steps_prepend", "activation_steps_append"];

/// Checks the merged `[agent]` table: `Err(E_SCHEMA)` with every problem.
pub fn check(merged: &Merged) -> Result<()> {
    let mut issues: Vec<(usize, Issue)> = Vec::new();
    let mut issue =
        |node: &TNode, path: String, message: String| issues.push((node.layer, Issue::new(path, node.at, message)));
    match merged.tree.get("agent") {
        Some(agent) if agent.entries().is_some() => check_agent(agent, &mut issue),
        Some(other) => issue(other, "agent".into(), format!("expected a table, found {}", other.kind())),
        None => issue(
            &merged.tree,
            "agent".into(),
            "no [agent] table: this skill's customization does not define an agent".into(),
        ),
    }
    if issues.is_empty() {
        return Ok(());
    }
    issues.sort_by_key(|(layer, issue)| (*layer, issue.location()));
    let more = issues.len().saturating_sub(MAX_ISSUES);
    issues.truncate(MAX_ISSUES);
    let mut issues: Vec<Issue> =
        issues.into_iter().map(|(layer, issue)| in_layer(&merged.layers, layer, issue)).collect();
    if more > 0 {
        let last = issues.last().cloned().expect("more than MAX_ISSUES issues");
        let message = format!("… and {more} more problems (only the first {MAX_ISSUES} are listed)");
        issues.push(Issue { field: "(more)".into(), message, ..last });
    }
    let file = issues[0].layer.as_ref().map(|l| l.path.clone()).unwrap_or_default();
    Err(Error::Schema { file, issues })
}

fn check_agent(agent: &TNode, issue: &mut impl FnMut(&TNode, String, String)) {
    for key in ["name", "title"] {
        match agent.get(key) {
            None => issue(agent, field("agent", key), format!("required field '{key}' is missing")),
            Some(value) => text(value, field("agent", key), issue),
        }
    }
    for key in TEXT_FIELDS {
        if let Some(value) = agent.get(key) {
            text(value, field("agent", key), issue);
        }
    }
    for key in LIST_FIELDS {
        if let Some(list) = agent.get(key) {
            text_list(list, field("agent", key), issue);
        }
    }
    if let Some(menu) = agent.get("menu") {
        check_menu(menu, issue);
    }
}

fn check_menu(menu: &TNode, issue: &mut impl FnMut(&TNode, String, String)) {
    let Some(items) = menu.items() else {
        return issue(menu, "agent.menu".into(), format!("expected an array of tables, found {}", menu.kind()));
    };
    let mut codes: HashMap<&str, &TNode> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let p = index("agent.menu", i);
        if item.entries().is_none() {
            issue(item, p, format!("expected a table ([[agent.menu]]), found {}", item.kind()));
            continue;
        }
        match item.get("code") {
            None => issue(item, field(&p, "code"), "required field 'code' is missing".into()),
            Some(code) => match code.as_str() {
                Some(text) if !text.trim().is_empty() => match codes.get(text) {
                    Some(first) => issue(
                        code,
                        field(&p, "code"),
                        format!("code '{text}' is already used by another menu item (line {})", first.at.line),
                    ),
                    None => _ = codes.insert(text, code),
                },
                _ => text(code, field(&p, "code"), issue),
            },
        }
        match item.get("description") {
            None => issue(item, field(&p, "description"), "required field 'description' is missing".into()),
            Some(value) => text(value, field(&p, "description"), issue),
        }
        match (item.get("skill"), item.get("prompt")) {
            (None, None) => issue(
                item,
                p.clone(),
                "a menu item needs exactly one of 'skill' (a skill to invoke) or 'prompt' (text to run); it has neither".into(),
            ),
            (Some(_), Some(prompt)) => issue(
                prompt,
                field(&p, "prompt"),
                "a menu item has exactly one of 'skill' or 'prompt'; this one has both".into(),
            ),
            (Some(value), None) => text(value, field(&p, "skill"), issue),
            (None, Some(value)) => text(value, field(&p, "prompt"), issue),
        }
    }
}

fn text(node: &TNode, path: String, issue: &mut impl FnMut(&TNode, String, String)) {
    match &node.value {
        TValue::Str(s) if !s.trim().is_empty() => {}
        TValue::Str(_) => issue(node, path, "expected non-empty text, found an empty string".into()),
        _ => issue(node, path, format!("expected a string, found {} (quote it to make it text)", node.kind())),
    }
}

fn text_list(list: &TNode, path: String, issue: &mut impl FnMut(&TNode, String, String)) {
    let Some(items) = list.items() else {
        return issue(list, path, format!("expected an array of strings, found {}", list.kind()));
    };
    for (i, item) in items.iter().enumerate() {
        if item.as_str().is_none() {
            issue(item, index(&path, i), format!("expected a string, found {}", item.kind()));
        }
    }
}
