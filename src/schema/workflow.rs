//! Workflow files. MADACE `*.workflow.yaml` files hold `workflow: { name,
//! description, steps }`; BMAD's nested `workflow.yaml` files are flat
//! key/value configs (`name`, `instructions`, `{config_source}:key` values)
//! and load as their own format rather than failing the MADACE schema.

use crate::error::{Location, Result};
use crate::schema::{self, field, index, Checker, Dialect};
use crate::source;
use crate::yaml::{self, Node};
use serde::Serialize;
use std::path::Path;

/// The step actions MADACE's workflow engine runs: the app's zod enum, then
/// `route`, which its engine and its TypeScript type have but the enum lacks.
pub const STEP_ACTIONS: [&str; 11] = [
    "elicit",
    "reflect",
    "guide",
    "template",
    "render_template",
    "validate",
    "display",
    "load_state_machine",
    "sub-workflow",
    "api_call",
    "route",
];

/// The step actions of the MADACE app's zod enum.
pub const APP_STEP_ACTIONS: &[&str] = STEP_ACTIONS.split_at(10).0;

/// Step fields that hold text, as MADACE's workflow engine reads them.
const STEP_TEXT_FIELDS: [&str; 14] = [
    "content",
    "prompt",
    "variable",
    "template",
    "output_file",
    "condition",
    "error_message",
    "message",
    "status_file",
    "validation",
    "subworkflow",
    "output_var",
    "model",
    "store_as",
];

/// The two workflow file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `workflow: { name, description, steps }`; the result is the inner mapping.
    Madace,
    /// A flat BMAD workflow config; the result is the whole mapping.
    Bmad,
}

/// A validated workflow file.
#[derive(Debug, Clone, PartialEq)]
pub struct Workflow {
    /// Which format it is in.
    pub format: Format,
    /// The document: the `workflow:` mapping (MADACE) or the whole file (BMAD).
    pub doc: Node,
}

/// A `sub-workflow` step's target as written, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct SubWorkflow {
    /// The step's field path.
    pub field: String,
    /// The path as written.
    pub workflow_path: String,
    /// Where it is written.
    pub at: Location,
}

impl Workflow {
    /// The workflow's `name`.
    pub fn name(&self) -> Option<&str> {
        self.doc.get("name")?.as_str()
    }

    /// The workflow as JSON, as the JS API returns it.
    pub fn to_json(&self) -> String {
        self.doc.to_json()
    }

    /// Every `sub-workflow` step's reference.
    pub fn sub_workflows(&self) -> Vec<SubWorkflow> {
        let steps = self.doc.get("steps").and_then(Node::items).unwrap_or_default();
        steps
            .iter()
            .enumerate()
            .filter(|(_, step)| step.get("action").and_then(Node::as_str) == Some("sub-workflow"))
            .filter_map(|(i, step)| {
                let target = step.get("workflow_path")?;
                Some(SubWorkflow {
                    field: format!("workflow.steps[{i}].workflow_path"),
                    workflow_path: target.as_str()?.to_string(),
                    at: target.at,
                })
            })
            .collect()
    }
}

/// Reads and validates a workflow file of either format.
pub fn load(path: &Path, dialect: Dialect) -> Result<Workflow> {
    load_in(path, None, dialect)
}

/// [`load`], confined to `within` when given (see [`source::load_in`]).
pub fn load_in(path: &Path, within: Option<&Path>, dialect: Dialect) -> Result<Workflow> {
    source::load_in(path, within, |text, file| from_text(text, file, dialect))
}

/// [`load`] for a file that must lie inside `root` (see [`source::load_within`]).
pub fn load_within(path: &Path, root: &Path, dialect: Dialect) -> Result<Workflow> {
    source::load_within(path, root, |text, file| from_text(text, file, dialect))
}

/// Validates workflow YAML from a string; `filename` names it in errors.
pub fn parse(text: &str, filename: Option<&str>, dialect: Dialect) -> Result<Workflow> {
    source::parse(text, filename, |text, file| from_text(text, file, dialect))
}

fn from_text(text: &str, file: &str, dialect: Dialect) -> Result<Workflow> {
    let root = yaml::parse(text, file)?;
    if dialect == Dialect::Madace {
        return schema::madace::workflow(root, file).map(|doc| Workflow { format: Format::Madace, doc });
    }
    let mut c = Checker::default();
    let format = match root.get("workflow") {
        Some(_) => {
            if let Some(workflow) = schema::wrapped(&root, "workflow", &mut c) {
                check_madace(workflow, &mut c);
            }
            Format::Madace
        }
        None => {
            if c.map(&root, "(root)").is_some() {
                c.required_string(&root, "", "name");
                c.optional_string(&root, "", "description");
                // A MADACE workflow that lost its `workflow:` line, not a BMAD config.
                if let Some(steps) = root.entry("steps") {
                    let message = "'steps' at the top level: a MADACE workflow puts name, description and steps under 'workflow:'";
                    c.issue("steps", steps.key_at, message);
                }
            }
            Format::Bmad
        }
    };
    c.finish(file)?;
    let doc = match format {
        Format::Madace => schema::unwrap(root, "workflow"),
        Format::Bmad => root,
    };
    Ok(Workflow { format, doc })
}

fn check_madace(workflow: &Node, c: &mut Checker) {
    c.required_string(workflow, "workflow", "name");
    c.required_string(workflow, "workflow", "description");
    c.optional_string(workflow, "workflow", "agent");
    c.optional_number(workflow, "workflow", "phase");
    c.optional_map(workflow, "workflow", "variables");
    let Some(steps) = c.required_list(workflow, "workflow", "steps") else { return };
    for (i, step) in steps.iter().enumerate() {
        let p = index("workflow.steps", i);
        if c.map(step, &p).is_none() {
            continue;
        }
        c.optional_string(step, &p, "name");
        for key in STEP_TEXT_FIELDS {
            c.optional_string(step, &p, key);
        }
        // A sub-workflow step's `workflow_path` is checked with the step below.
        if step.get("action").and_then(Node::as_str) != Some("sub-workflow") {
            c.optional_string(step, &p, "workflow_path");
        }
        for key in ["variables", "context_vars", "routing"] {
            c.optional_map(step, &p, key);
        }
        for key in ["max_tokens", "temperature"] {
            c.optional_number(step, &p, key);
        }
        let Some(action) = c.required_string(step, &p, "action") else { continue };
        if !STEP_ACTIONS.contains(&action) {
            let at = step.get("action").map_or(step.at, |a| a.at);
            c.issue(
                field(&p, "action"),
                at,
                format!("unknown step action '{action}' (expected one of: {})", STEP_ACTIONS.join(", ")),
            );
        }
        if action == "sub-workflow" {
            match step.get("workflow_path") {
                None => c.issue(field(&p, "workflow_path"), step.at, "a sub-workflow step needs 'workflow_path'"),
                Some(target) => {
                    if c.string(target, &field(&p, "workflow_path")).is_some_and(|t| t.trim().is_empty()) {
                        c.issue(field(&p, "workflow_path"), target.at, "'workflow_path' is empty");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madace_workflow_is_unwrapped() {
        let text = "workflow:\n  name: plan\n  description: d\n  custom: 1\n  steps:\n    - name: ask\n      action: elicit\n    - action: sub-workflow\n      workflow_path: ./child.workflow.yaml\n";
        let wf = parse(text, Some("plan.workflow.yaml"), Dialect::Any).unwrap();
        assert_eq!(wf.format, Format::Madace);
        assert_eq!(wf.name(), Some("plan"));
        assert_eq!(
            wf.sub_workflows(),
            [SubWorkflow {
                field: "workflow.steps[1].workflow_path".into(),
                workflow_path: "./child.workflow.yaml".into(),
                at: Location::new(9, 22),
            }]
        );
        assert!(wf.to_json().starts_with(r#"{"name":"plan","description":"d","custom":1,"steps":"#));
    }

    #[test]
    fn bmad_config_is_its_own_format() {
        let wf =
            parse("name: story\nconfig_source: \"{project-root}/x.yaml\"\nweb_bundle: {a: 1}\n", None, Dialect::Any)
                .unwrap();
        assert_eq!(wf.format, Format::Bmad);
        assert_eq!(wf.to_json(), r#"{"name":"story","config_source":"{project-root}/x.yaml","web_bundle":{"a":1}}"#);
        assert_eq!(parse("description: no name\n", None, Dialect::Any).unwrap_err().issues()[0].field, "name");
    }

    #[test]
    fn step_problems_are_all_reported() {
        let text = "workflow:\n  name: w\n  steps:\n    - action: dance\n    - action: sub-workflow\n    - action: sub-workflow\n      workflow_path: ''\n    - just text\n";
        let e = parse(text, Some("w.workflow.yaml"), Dialect::Any).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
        assert_eq!(
            got,
            [
                ("workflow.description", 2, 3),
                ("workflow.steps[0].action", 4, 15),
                ("workflow.steps[1].workflow_path", 5, 7),
                ("workflow.steps[2].workflow_path", 7, 22),
                ("workflow.steps[3]", 8, 7),
            ]
        );
        assert!(e.issues()[1].message.starts_with("unknown step action 'dance' (expected one of: elicit, reflect"));
    }

    #[test]
    fn the_madace_dialect_checks_as_the_apps_schema() {
        let e = parse("name: story\ninstructions: x.md\n", Some("story/workflow.yaml"), Dialect::Madace).unwrap_err();
        assert_eq!(e.issues()[0].message, "required field 'workflow' is missing");
        // zod's `min(1)` counts characters: a blank name passes.
        let text = "workflow:\n  name: ''\n  description: d\n  steps:\n    - action: elicit\n    - name: ' '\n      action: route\n    - name: ok\n      action: guide\n      context_vars: { level: 2 }\n";
        assert!(parse(text, Some("w.workflow.yaml"), Dialect::Any).is_ok());
        let e = parse(text, Some("w.workflow.yaml"), Dialect::Madace).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column, i.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("workflow.name", 2, 9, "'name' must not be empty"),
                ("workflow.steps[0].name", 5, 7, "required field 'name' is missing"),
                (
                    "workflow.steps[1].action",
                    7,
                    15,
                    "unknown action 'route' (expected one of: elicit, reflect, guide, template, render_template, validate, display, load_state_machine, sub-workflow, api_call)"
                ),
                (
                    "workflow.steps[2].context_vars.level",
                    10,
                    30,
                    "expected a string, found a number (quote the value to keep it as text)"
                ),
            ]
        );
        // What zod strips: `agent`, `phase`, `variables` of the workflow, a step's `model`; a
        // sub-workflow step without `workflow_path` passes.
        let text = "name: outside\nworkflow:\n  agent: pm\n  phase: 1\n  variables: {a: 1}\n  steps:\n    - action: sub-workflow\n      model: gpt\n      name: s\n      variables: {k: [1]}\n  description: d\n  name: w\n";
        let wf = parse(text, Some("w.workflow.yaml"), Dialect::Madace).unwrap();
        assert_eq!(
            wf.to_json(),
            r#"{"name":"w","description":"d","steps":[{"name":"s","action":"sub-workflow","variables":{"k":[1]}}]}"#
        );
    }
}
