//! The MADACE dialect: the MADACE app's zod schemas (MADACE-Method-v2's
//! `lib/agents/schema.ts`, `lib/workflows/schema.ts`, and MADACE-METHOD's
//! `lib/config/schema.ts`, which adds `project_root_path`) as shapes. A file
//! passes exactly when zod's `safeParse` of it would, and loads as zod's
//! output: only the schema's keys, at every level, in its order, defaults
//! filled in — so a key the app never declared (an `llm.apiKey` in the
//! config, a step's `model`) never reaches the app.

mod shape;

use crate::error::Result;
use crate::schema::workflow::APP_STEP_ACTIONS;
use crate::schema::{self, Checker};
use crate::yaml::{Node, Value};
use shape::{Field, Shape};

const STRINGS: Shape = Shape::List(&Shape::Text);

const AGENT_FILE: Shape = Shape::Object(&[Field::required(
    "agent",
    Shape::Object(&[
        Field::required(
            "metadata",
            Shape::Object(&[
                Field::required("id", Shape::Text),
                Field::required("name", Shape::Text),
                Field::required("title", Shape::Text),
                Field::required("icon", Shape::Text),
                Field::optional("module", Shape::Text),
                Field::optional("version", Shape::Text),
            ]),
        ),
        Field::required(
            "persona",
            Shape::Object(&[
                Field::required("role", Shape::Text),
                Field::required("identity", Shape::Text),
                Field::required("communication_style", Shape::Text),
                Field::required("principles", STRINGS),
            ]),
        ),
        Field::optional("critical_actions", STRINGS),
        Field::optional(
            "menu",
            Shape::List(&Shape::Object(&[
                Field::required("trigger", Shape::Text),
                Field::optional("action", Shape::Text),
                Field::optional("workflow", Shape::Text),
                Field::optional("exec", Shape::Text),
                Field::required("description", Shape::Text),
            ])),
        ),
        Field::optional("load_always", STRINGS),
        Field::optional(
            "prompts",
            Shape::List(&Shape::Object(&[
                Field::required("name", Shape::Text),
                Field::required("trigger", Shape::Text),
                Field::required("content", Shape::Text),
            ])),
        ),
    ]),
)]);

const STEP: Shape = Shape::Object(&[
    Field::required("name", Shape::NonEmpty),
    Field::required("action", Shape::OneOf(APP_STEP_ACTIONS)),
    Field::optional("content", Shape::Text),
    Field::optional("prompt", Shape::Text),
    Field::optional("variable", Shape::Text),
    Field::optional("template", Shape::Text),
    Field::optional("output_file", Shape::Text),
    Field::optional("condition", Shape::Text),
    Field::optional("error_message", Shape::Text),
    Field::optional("message", Shape::Text),
    Field::optional("status_file", Shape::Text),
    Field::optional("variables", Shape::Record(&Shape::Anything)),
    Field::optional("validation", Shape::Text),
    Field::optional("subworkflow", Shape::Text),
    Field::optional("workflow_path", Shape::Text),
    Field::optional("context_vars", Shape::Record(&Shape::Text)),
]);

const WORKFLOW_FILE: Shape = Shape::Object(&[Field::required(
    "workflow",
    Shape::Object(&[
        Field::required("name", Shape::NonEmpty),
        Field::required("description", Shape::Text),
        Field::required("steps", Shape::List(&STEP)),
    ]),
)]);

const MODULE: Shape = Shape::Object(&[Field::default("enabled", Shape::Flag, || Value::Bool(false))]);

const CONFIG: Shape = Shape::Object(&[
    Field::required("project_name", Shape::NonEmpty),
    Field::required("output_folder", Shape::NonEmpty),
    Field::required("user_name", Shape::NonEmpty),
    Field::required("communication_language", Shape::NonEmpty),
    Field::default("project_root_path", Shape::NonEmpty, working_dir),
    Field::optional("madace_version", Shape::Text),
    Field::optional("installed_at", Shape::Text),
    Field::required(
        "modules",
        Shape::Object(&[
            Field::required("mam", MODULE),
            Field::required("mab", MODULE),
            Field::required("cis", MODULE),
        ]),
    ),
]);

/// zod's default for `project_root_path`: the process's working directory.
fn working_dir() -> Value {
    Value::Str(std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| ".".into()).into())
}

/// An agent file as the app's `AgentFileSchema` returns it: the mapping under `agent:`.
pub fn agent(root: Node, file: &str) -> Result<Node> {
    load(&AGENT_FILE, root, file).map(|doc| schema::unwrap(doc, "agent"))
}

/// A workflow file as the app's `WorkflowFileSchema` returns it: the mapping under `workflow:`.
pub fn workflow(root: Node, file: &str) -> Result<Node> {
    load(&WORKFLOW_FILE, root, file).map(|doc| schema::unwrap(doc, "workflow"))
}

/// A config file as MADACE-METHOD's `ConfigSchema` returns it.
pub fn config(root: Node, file: &str) -> Result<Node> {
    load(&CONFIG, root, file)
}

fn load(shape: &Shape, root: Node, file: &str) -> Result<Node> {
    let mut c = Checker::default();
    shape.check(&root, "(root)", &mut c);
    c.finish(file)?;
    Ok(shape.project(root))
}
