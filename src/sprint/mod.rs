//! BMAD 6.x's story board, `sprint-status.yaml`: metadata, epics with their
//! stories and retrospective, action items; checked with BMAD's own verdict
//! (valid exactly when `sprint_plan.py validate` says valid, every problem
//! located), and moved in place by the format-preserving editor.

mod drift;
pub mod grammar;
mod set;

pub use drift::drift;
pub use set::{set_status, Moved};

use crate::codes::{E_SPRINT_STATUS, W_LEGACY_STATUS};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Issue, Location, Result};
use crate::source;
use crate::yaml::{self, Node, Value};
use grammar::KeyKind;
use serde::Serialize;
use std::path::Path;

/// The metadata fields, in the order BMAD writes them.
pub const METADATA: [&str; 6] =
    ["generated", "last_updated", "project", "project_key", "tracking_system", "story_location"];

/// A board as `loadSprintStatus` returns it.
#[derive(Debug, Serialize)]
pub struct SprintStatus {
    /// The metadata fields present, as text.
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Epics in the order of their first key on the board (an epic named only by its stories has `status: null`).
    pub epics: Vec<Epic>,
    /// `action_items` (each as written, with its line).
    #[serde(rename = "actionItems")]
    pub action_items: Vec<ActionItem>,
    /// Every problem, BMAD's and its legacy statuses (warnings).
    pub problems: Vec<Diagnostic>,
}

/// One entry of `development_status`.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The status as written (a legacy one included).
    pub status: Option<String>,
    /// The line of the key.
    pub line: usize,
}

/// An epic and what the board lists under its number.
#[derive(Debug, Serialize)]
pub struct Epic {
    /// Its number.
    pub number: u64,
    /// `epic-N`, when the board has it.
    #[serde(flatten)]
    pub entry: Option<Entry>,
    /// Its stories, in board order.
    pub stories: Vec<Entry>,
    /// `epic-N-retrospective`, when the board has it.
    pub retrospective: Option<Entry>,
}

/// An action item.
#[derive(Debug, Serialize)]
pub struct ActionItem {
    /// The item as written.
    #[serde(flatten)]
    pub fields: serde_json::Value,
    /// Its line.
    pub line: usize,
}

/// Reads and checks a board; board problems are in `problems`, only a file
/// that cannot be read or is not YAML fails.
pub fn load(path: &Path) -> Result<SprintStatus> {
    source::load(path, parse_text)
}

/// [`load`] of a text.
pub fn parse(text: &str, file: &str) -> Result<SprintStatus> {
    source::parse(text, Some(file), parse_text)
}

fn parse_text(text: &str, file: &str) -> Result<SprintStatus> {
    let root = yaml::parse(text, file)?;
    Ok(read(&root))
}

/// The scalar's text as Python's `str()` gives it for the values that matter here.
fn text_of(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.into()),
        _ => None,
    }
}

/// The board and BMAD's problems with it.
pub fn read(root: &Node) -> SprintStatus {
    let mut board = SprintStatus {
        metadata: Default::default(),
        epics: Vec::new(),
        action_items: Vec::new(),
        problems: Vec::new(),
    };
    let problem = |field: &str, at: Location, message: String| {
        Diagnostic::from_issue(Severity::Error, E_SPRINT_STATUS, &Issue::new(field, at, message))
    };
    if root.entries().is_none() {
        board.problems.push(problem("(root)", root.at, format!("the board is not a mapping (found {})", root.kind())));
        return board;
    }
    for key in ["generated", "last_updated", "project", "development_status"] {
        if root.get(key).is_none_or(|v| v.value == Value::Null) {
            let at = root.entry(key).map_or(root.at, |e| e.key_at);
            board.problems.push(problem(key, at, format!("missing required key '{key}'")));
        }
    }
    for key in ["generated", "last_updated"] {
        if let Some(value) = root.get(key).filter(|v| v.value != Value::Null) {
            if !text_of(value).is_some_and(|t| grammar::is_stamp(&t)) {
                let shown = text_of(value).unwrap_or_else(|| value.kind().to_string());
                let message = format!(
                    "'{key}' timestamp '{shown}' does not match '{}' (or YYYY-MM-DD [HH:MM])",
                    grammar::STAMP_FORMAT
                );
                board.problems.push(problem(key, value.at, message));
            }
        }
    }
    for key in METADATA {
        if let Some(text) = root.get(key).and_then(text_of) {
            board.metadata.insert(key.to_string(), text.into());
        }
    }
    match root.get("development_status").filter(|v| v.value != Value::Null) {
        Some(dev) if dev.entries().is_none() => board.problems.push(problem(
            "development_status",
            dev.at,
            format!("development_status is not a mapping (found {})", dev.kind()),
        )),
        Some(dev) if dev.entries().is_some_and(<[_]>::is_empty) => {
            board.problems.push(problem("development_status", dev.at, "development_status is empty".into()))
        }
        Some(dev) => read_statuses(dev.entries().unwrap_or_default(), &mut board),
        None => {}
    }
    if let Some(items) = root.get("action_items").filter(|v| v.value != Value::Null) {
        match items.items() {
            None => board.problems.push(problem(
                "action_items",
                items.at,
                format!("action_items is not a list (found {})", items.kind()),
            )),
            Some(list) => {
                for (i, item) in list.iter().enumerate() {
                    let field = format!("action_items[{i}]");
                    if item.entries().is_none() {
                        board.problems.push(problem(
                            &field,
                            item.at,
                            format!("{field} is not a mapping (found {})", item.kind()),
                        ));
                        continue;
                    }
                    let status = item.get("status");
                    if !status.and_then(Node::as_str).is_some_and(|s| grammar::ACTION_STATUSES.contains(&s)) {
                        let shown = status.and_then(text_of).map_or("none".into(), |s| format!("'{s}'"));
                        let message = format!(
                            "{field} has a missing or unknown status ({shown}; expected open, in-progress or done)"
                        );
                        board.problems.push(problem(
                            &format!("{field}.status"),
                            status.map_or(item.at, |s| s.at),
                            message,
                        ));
                    }
                    board.action_items.push(ActionItem {
                        fields: serde_json::to_value(item).unwrap_or_default(),
                        line: item.at.line,
                    });
                }
            }
        }
    }
    crate::sorted::by_position(&mut board.problems, |p| (p.line.unwrap_or(0), p.column.unwrap_or(0)));
    board
}

fn read_statuses(entries: &[yaml::Entry], board: &mut SprintStatus) {
    for e in entries {
        let key = e.key.to_string();
        let field = format!("development_status.{key}");
        let status = text_of(&e.value);
        let entry = Entry { key: key.clone(), status: status.clone(), line: e.key_at.line };
        let Some((kind, number)) = grammar::classify(&key) else {
            let message = format!("unrecognized key '{key}' (expected epic-N, N-M-slug, or epic-N-retrospective)");
            board.problems.push(Diagnostic::from_issue(
                Severity::Error,
                E_SPRINT_STATUS,
                &Issue::new(field, e.key_at, message),
            ));
            continue;
        };
        let written = e.value.as_str();
        let modern = written.and_then(grammar::modern);
        if let (Some(old), Some(new)) = (written, modern) {
            let message = format!("'{old}' is a legacy status: BMAD reads it as '{new}'; write '{new}'");
            board.problems.push(Diagnostic::from_issue(
                Severity::Warning,
                W_LEGACY_STATUS,
                &Issue::new(field.clone(), e.value.at, message),
            ));
        }
        let legal = grammar::statuses(kind);
        if !modern.or(written).is_some_and(|s| legal.contains(&s)) {
            let kind_name = match kind {
                KeyKind::Story => "story",
                KeyKind::Epic => "epic",
                KeyKind::Retro => "retro",
            };
            let shown = status.clone().unwrap_or_else(|| e.value.kind().to_string());
            let hint =
                written.map(|w| crate::schema::suggest::did_you_mean(w, legal.iter().copied())).unwrap_or_default();
            let message =
                format!("illegal {kind_name} status '{shown}' on '{key}'{hint} (expected {})", legal.join(", "));
            board.problems.push(Diagnostic::from_issue(
                Severity::Error,
                E_SPRINT_STATUS,
                &Issue::new(field, e.value.at, message),
            ));
        }
        let epic = match board.epics.iter().position(|ep| ep.number == number) {
            Some(i) => &mut board.epics[i],
            None => {
                board.epics.push(Epic { number, entry: None, stories: Vec::new(), retrospective: None });
                board.epics.last_mut().expect("just pushed")
            }
        };
        match kind {
            KeyKind::Epic => epic.entry = Some(entry),
            KeyKind::Story => epic.stories.push(entry),
            KeyKind::Retro => epic.retrospective = Some(entry),
        }
    }
}
