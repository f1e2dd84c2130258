//! JSON Schemas of a skill's files, for editors: `SKILL.md`'s frontmatter
//! (the Agent Skills specification's keys and limits, from [`super::rules`])
//! and `customize.toml` with its override layers (BMAD 6.x's agent and
//! workflow surface, as [`super::agent`] checks it; for taplo).

use super::agent::{LIST_FIELDS, TEXT_FIELDS};
use super::rules::frontmatter::{MAX_COMPATIBILITY, MAX_DESCRIPTION, MAX_NAME, NAME_PATTERN};
use serde_json::{json, Map, Value};

/// `SKILL.md`'s frontmatter.
pub fn frontmatter() -> Value {
    json!({
        "description": "The YAML frontmatter of a skill's SKILL.md (Agent Skills specification).",
        "type": "object",
        "required": ["name", "description"],
        "properties": {
            "name": {
                "description": "The skill's name: its folder's name.",
                "type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": NAME_PATTERN,
            },
            "description": {
                "description": "What the skill does and when to use it ('Use when …').",
                "type": "string", "minLength": 1, "maxLength": MAX_DESCRIPTION,
            },
            "license": { "description": "The license's name, or the file that holds it.", "type": "string" },
            "compatibility": {
                "description": "What the skill needs (products, packages, network access).",
                "type": "string", "minLength": 1, "maxLength": MAX_COMPATIBILITY,
            },
            "metadata": {
                "description": "Any other keys, as text (BMAD's shims: lifecycle: shim).",
                "type": "object", "additionalProperties": { "type": "string" },
            },
            "allowed-tools": { "description": "Tools the skill may use, separated by spaces.", "type": "string" },
        },
        "additionalProperties": false,
    })
}

/// `customize.toml`, `_bmad/custom/<skill>.toml` and `<skill>.user.toml`.
pub fn customize() -> Value {
    let text = |d: &str| json!({ "description": d, "type": "string", "minLength": 1 });
    let list = |d: &str| json!({ "description": d, "type": "array", "items": { "type": "string" } });
    let mut agent = Map::new();
    agent.insert("name".into(), text("The agent's name (read-only identity: overrides have no effect)."));
    agent.insert("title".into(), text("The agent's title (read-only identity)."));
    for key in TEXT_FIELDS {
        agent.insert(key.into(), text("Text; an override replaces it."));
    }
    for key in LIST_FIELDS {
        agent.insert(key.into(), list("A list of text; overrides append to it."));
    }
    agent.insert(
        "menu".into(),
        json!({
            "description": "Menu items; an override replaces the item with the same code and appends new ones.",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "description"],
                "properties": {
                    "code": text("A short code, unique in the menu (PRD)."),
                    "description": text("What the item does."),
                    "skill": text("The skill to invoke."),
                    "prompt": text("Text to run instead of a skill."),
                },
                "oneOf": [{ "required": ["skill"] }, { "required": ["prompt"] }],
            },
        }),
    );
    json!({
        "description": "A BMAD 6.x skill's customization (customize.toml) or one of its override layers.",
        "type": "object",
        "properties": {
            "agent": { "description": "An agent skill's surface.", "type": "object", "properties": agent },
            "workflow": {
                "description": "A workflow skill's surface; its customize.toml lists every key.",
                "type": "object",
                "properties": {
                    "activation_steps_prepend": list("Steps before activation; overrides append."),
                    "activation_steps_append": list("Steps after the greeting; overrides append."),
                    "persistent_facts": list("Facts kept in mind for the whole run; overrides append."),
                    "on_complete": { "description": "What to do when the workflow ends.", "type": "string" },
                },
            },
        },
    })
}
