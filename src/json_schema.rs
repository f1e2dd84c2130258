//! JSON Schemas (draft-07) of the definition files, for editors: the YAML
//! language server (and taplo, for a skill's TOML) validates and completes
//! with them as people type. Above `schema` and `skill`, whose checks they
//! mirror. They
//! mirror the loader's checks, not the strict `lint`, so unknown keys are
//! allowed everywhere, as the loader keeps them.

use crate::schema::lint::framework::COMMAND_TARGETS;
use serde_json::{json, Map, Value};

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

/// The kinds a JSON Schema is exported for.
pub const KINDS: [&str; 5] = ["agent", "workflow", "config", "skill", "customize"];

/// The schema of a kind of [`KINDS`] (`skill`: SKILL.md's frontmatter, `customize`: a skill's TOML layers); `None` for other kinds.
pub fn json_schema(kind: &str) -> Option<Value> {
    let (title, body) = match kind {
        "agent" => ("MADACE / BMAD agent (*.agent.yaml)", agent()),
        "workflow" => ("MADACE workflow (*.workflow.yaml)", workflow()),
        "config" => ("MADACE core configuration (core/config.yaml)", config()),
        "skill" => ("Agent Skills SKILL.md frontmatter", crate::skill::json_schema::frontmatter()),
        "customize" => (
            "BMAD 6.x skill customization (customize.toml, _bmad/custom/*.toml)",
            crate::skill::json_schema::customize(),
        ),
        _ => return None,
    };
    let mut schema = Map::new();
    schema.insert("$schema".into(), DRAFT_07.into());
    schema.insert("title".into(), title.into());
    if let Value::Object(body) = body {
        schema.extend(body);
    }
    Some(Value::Object(schema))
}

/// An object schema: `required` keys must be present, any other key is allowed.
fn object(description: &str, required: &[&str], properties: Value) -> Value {
    let mut schema = json!({ "description": description, "type": "object" });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema["properties"] = properties;
    schema["additionalProperties"] = true.into();
    schema
}

fn string(description: &str) -> Value {
    json!({ "description": description, "type": "string" })
}

fn non_empty_string(description: &str) -> Value {
    json!({ "description": description, "type": "string", "minLength": 1 })
}

fn strings(description: &str) -> Value {
    json!({ "description": description, "type": "array", "items": { "type": "string" } })
}

fn agent() -> Value {
    let metadata = object(
        "Who the agent is.",
        &["name", "title", "icon"],
        json!({
            "id": string("Unique id; defaults to the file name (pm.agent.yaml → pm)."),
            "name": string("Display name."),
            "title": string("Role title shown beside the name."),
            "icon": string("An emoji shown beside the name."),
            "module": string("Owning module (mam, bmm, ...); defaults to the folder above agents/."),
            "version": string("Agent version; defaults to 0.0.0. Quote numbers such as '1.0'."),
        }),
    );
    let persona = object(
        "How the agent thinks and speaks.",
        &["role", "identity", "communication_style", "principles"],
        json!({
            "role": string("What the agent does."),
            "identity": string("Background and expertise."),
            "communication_style": string("How the agent talks."),
            "principles": {
                "description": "Guiding principles: a list, or a multi-line string with one per line.",
                "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }],
            },
        }),
    );
    let mut item_properties = json!({
        "trigger": string("What the user types: kebab-case (*plan-project) or BMAD's 'XY or fuzzy match on some-name'."),
        "description": string("Shown in the menu; BMAD starts it with the shortcut, e.g. '[WS] ...'."),
        "multi": string("BMAD: one menu line offering several triggers."),
        "triggers": { "description": "BMAD: the triggers a 'multi' item offers.", "type": "array" },
    });
    for target in COMMAND_TARGETS {
        item_properties[target] = string(&format!("Command target: what the item runs ('{target}')."));
    }
    let mut menu_item =
        object("A menu command: trigger + description, or BMAD's multi + triggers.", &[], item_properties);
    menu_item["if"] = json!({ "required": ["multi"] });
    menu_item["then"] = json!({ "required": ["multi", "triggers"] });
    menu_item["else"] = json!({ "required": ["trigger", "description"] });
    let mut prompt = object(
        "A reusable prompt, named by 'name' (MADACE) or 'id' (BMAD).",
        &["content"],
        json!({
            "id": string("BMAD prompt id."),
            "name": string("MADACE prompt name."),
            "content": string("The prompt text."),
        }),
    );
    prompt["anyOf"] = json!([{ "required": ["id"] }, { "required": ["name"] }]);
    let agent = object(
        "The agent definition.",
        &["metadata", "persona"],
        json!({
            "metadata": metadata,
            "persona": persona,
            "critical_actions": strings("Instructions the agent follows on activation."),
            "load_always": strings("Files loaded with the agent."),
            "menu": { "description": "Commands the agent offers.", "type": "array", "items": menu_item },
            "prompts": { "description": "Reusable prompts.", "type": "array", "items": prompt },
        }),
    );
    object("An agent definition file.", &["agent"], json!({ "agent": agent }))
}

fn workflow() -> Value {
    let mut step = object(
        "One step the workflow engine runs.",
        &["action"],
        json!({
            "action": { "description": "What the step does.", "type": "string", "enum": crate::schema::workflow::STEP_ACTIONS },
            "name": string("Step name shown while running."),
            "workflow_path": string("For sub-workflow steps: the workflow to run, relative to this file."),
        }),
    );
    step["if"] = json!({ "properties": { "action": { "const": "sub-workflow" } }, "required": ["action"] });
    step["then"] = json!({ "required": ["workflow_path"], "properties": { "workflow_path": { "type": "string", "minLength": 1 } } });
    let workflow = object(
        "The workflow definition.",
        &["name", "description", "steps"],
        json!({
            "name": string("Workflow name."),
            "description": string("What the workflow achieves."),
            "steps": { "description": "Steps, run in order.", "type": "array", "items": step },
        }),
    );
    object("A MADACE workflow file.", &["workflow"], json!({ "workflow": workflow }))
}

fn config() -> Value {
    let module = |description: &str| {
        object(
            description,
            &["enabled"],
            json!({ "enabled": { "description": "Whether the module is active.", "type": "boolean" } }),
        )
    };
    let mut modules = object(
        "Which MADACE modules are active.",
        &[],
        json!({
            "mam": module("MADACE Agile Method."),
            "mab": module("MADACE Agent Builder."),
            "cis": module("Creative Intelligence Suite."),
        }),
    );
    modules["additionalProperties"] = module("A further module.");
    let limit = |description: &str| json!({ "description": description, "type": "integer", "minimum": 1 });
    let state_machine = object(
        "Story state machine limits.",
        &[],
        json!({
            "max_todo_items": limit("Most stories allowed in TODO."),
            "max_in_progress_items": limit("Most stories allowed in IN PROGRESS."),
        }),
    );
    let mut properties = json!({
        "project_name": non_empty_string("The project's name."),
        "output_folder": non_empty_string("Where agents write documents, relative to the project root."),
        "user_name": non_empty_string("How agents address the user."),
        "communication_language": non_empty_string("Language agents answer in."),
    });
    properties["modules"] = modules;
    properties["state_machine"] = state_machine;
    object("MADACE project settings, loaded by every agent.", &crate::schema::config::REQUIRED, properties)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(kind: &str) -> Value {
        let schema = json_schema(kind).unwrap();
        let text = serde_json::to_string_pretty(&schema).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), schema);
        assert_eq!(schema["$schema"], DRAFT_07);
        assert!(schema["title"].is_string() && schema["description"].is_string());
        schema
    }

    #[test]
    fn unknown_kind() {
        assert_eq!(json_schema("status"), None);
    }

    #[test]
    fn agent_schema() {
        let s = schema("agent");
        let keys: Vec<_> = s.as_object().unwrap().keys().take(3).collect();
        assert_eq!(keys, ["$schema", "title", "description"]);
        assert_eq!(s["required"], json!(["agent"]));
        let agent = &s["properties"]["agent"];
        assert_eq!(agent["required"], json!(["metadata", "persona"]));
        assert_eq!(agent["additionalProperties"], true);
        assert_eq!(agent["properties"]["metadata"]["required"], json!(["name", "title", "icon"]));
        assert_eq!(
            agent["properties"]["persona"]["required"],
            json!(["role", "identity", "communication_style", "principles"])
        );
        let item = &agent["properties"]["menu"]["items"];
        assert_eq!(item["else"]["required"], json!(["trigger", "description"]));
        assert_eq!(item["properties"]["validate-workflow"]["type"], "string");
        let prompt = &agent["properties"]["prompts"]["items"];
        assert_eq!(prompt["required"], json!(["content"]));
        assert_eq!(prompt["anyOf"], json!([{ "required": ["id"] }, { "required": ["name"] }]));
    }

    #[test]
    fn workflow_schema() {
        let s = schema("workflow");
        assert_eq!(s["required"], json!(["workflow"]));
        let workflow = &s["properties"]["workflow"];
        assert_eq!(workflow["required"], json!(["name", "description", "steps"]));
        let step = &workflow["properties"]["steps"]["items"];
        assert_eq!(step["required"], json!(["action"]));
        assert_eq!(step["properties"]["action"]["enum"].as_array().unwrap().len(), 11);
        assert_eq!(step["then"]["required"], json!(["workflow_path"]));
    }

    #[test]
    fn config_schema() {
        let s = schema("config");
        assert_eq!(s["required"], json!(["project_name", "output_folder", "user_name", "communication_language"]));
        assert_eq!(s["properties"]["user_name"]["minLength"], 1);
        let modules = &s["properties"]["modules"];
        assert_eq!(modules["properties"]["cis"]["required"], json!(["enabled"]));
        assert_eq!(modules["additionalProperties"]["properties"]["enabled"]["type"], "boolean");
        let limit = &s["properties"]["state_machine"]["properties"]["max_in_progress_items"];
        assert_eq!((&limit["type"], &limit["minimum"]), (&json!("integer"), &json!(1)));
    }
}
