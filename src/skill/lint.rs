//! Strict lint of a BMAD 6.x skill's customization (`validate --strict`),
//! from BMAD's own docs (`docs/how-to/customize-bmad.md`): override files
//! are sparse and only set what the skill's `customize.toml` defines
//! (its "complete customization surface"); `agent.name` and `agent.title`
//! are read-only identity, so an override of them has no effect. The rules of
//! the skill folder itself are in [`super::rules`].

use super::layers::{in_layer, DEFAULTS};
use super::toml_tree::{TNode, TValue};
use super::Skill;
use crate::error::Issue;
use crate::schema::{field, suggest};

/// Most keys a "did you mean" looks through.
const MAX_GUESS_KEYS: usize = 200;

/// The keys override layers add that the skill's customize.toml does not
/// have (`[unknown-override]`), each located in its layer: `validate`'s
/// warnings without `--strict`.
pub fn unknown_overrides(skill: &Skill) -> Vec<Issue> {
    let Some(merged) = &skill.customization else { return Vec::new() };
    let mut found = Vec::new();
    overrides(&merged.tree, "", &mut found);
    found.sort_by_key(|(layer, issue)| (*layer, issue.location()));
    found.into_iter().map(|(layer, issue)| in_layer(&merged.layers, layer, issue)).collect()
}

/// Every strict problem of a loaded skill, each located in its file.
pub fn lint(skill: &Skill) -> Vec<Issue> {
    let mut issues = Vec::new();
    let Some(merged) = &skill.customization else { return issues };
    let mut found = Vec::new();
    overrides(&merged.tree, "", &mut found);
    if let Some(agent) = merged.tree.get("agent") {
        for key in ["name", "title"] {
            if let Some(value) = agent.get(key).filter(|v| v.layer != DEFAULTS) {
                let message = format!(
                    "agent.{key} is the agent's read-only identity: an override has no effect (copy the skill to make a new agent)"
                );
                found.push((value.layer, Issue::ruled(field("agent", key), value.at, "read-only-identity", message)));
            }
        }
    }
    found.sort_by_key(|(layer, issue)| (*layer, issue.location()));
    issues.extend(found.into_iter().map(|(layer, issue)| in_layer(&merged.layers, layer, issue)));
    issues
}

/// Keys that a team or user layer adds to a table of the defaults: not
/// part of the customization surface, so a typo or a stale key.
fn overrides(table: &TNode, path: &str, found: &mut Vec<(usize, Issue)>) {
    let Some(entries) = table.entries() else { return };
    let known: Vec<&str> = entries.iter().filter(|e| e.key_layer == DEFAULTS).map(|e| e.key.as_str()).collect();
    for entry in entries {
        let here = field(path, &entry.key);
        if entry.key_layer != DEFAULTS {
            // A whole table added by an override is one problem, at its key.
            // A near miss among a handful of keys, not among thousands of a hostile file.
            let guess = match known.len() <= MAX_GUESS_KEYS {
                true => suggest::did_you_mean(&entry.key, known.iter().copied()),
                false => String::new(),
            };
            let place = if path.is_empty() { "the customization".to_string() } else { format!("[{path}]") };
            let message = format!(
                "'{}' is not in the skill's customize.toml, so it customizes nothing in {place}{guess}",
                entry.key
            );
            found.push((entry.key_layer, Issue::ruled(here, entry.key_at, "unknown-override", message)));
        } else if matches!(entry.value.value, TValue::Table(_)) {
            overrides(&entry.value, &here, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn overrides_outside_the_surface() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("skills/bmad-prd");
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(root.path().join("_bmad/custom")).unwrap();
        fs::write(dir.join("SKILL.md"), "---\nname: bmad-create-prd\ndescription: PRD\n---\n").unwrap();
        fs::write(dir.join("customize.toml"), "[workflow]\non_complete = \"\"\n[workflow.paths]\nout = \"docs\"\n")
            .unwrap();
        fs::write(
            root.path().join("_bmad/custom/bmad-prd.user.toml"),
            "[workflow]\non_complete = \"notify\"\n[workflow.paths]\nouts = \"x\"\n[workflow.extra]\na = 1\n",
        )
        .unwrap();
        let skill = super::super::load(&dir, Some(root.path())).unwrap();
        let got: Vec<_> = lint(&skill)
            .iter()
            .map(|i| (i.layer.as_ref().map(|l| l.name), i.field.clone(), i.line, i.column, i.message.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("user"),
                    "workflow.paths.outs".into(),
                    4,
                    1,
                    "'outs' is not in the skill's customize.toml, so it customizes nothing in [workflow.paths] — did you mean 'out'? [unknown-override]".into()
                ),
                (
                    Some("user"),
                    "workflow.extra".into(),
                    5,
                    11,
                    "'extra' is not in the skill's customize.toml, so it customizes nothing in [workflow] [unknown-override]".into()
                ),
            ]
        );
    }
}
