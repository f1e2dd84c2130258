//! Moving an entry of `sprint-status.yaml`: its status line and
//! `last_updated` rewritten in place by the format-preserving editor,
//! everything else kept, under the file's lock.

use crate::edit::{self, Edits, Options};
use crate::error::{Error, Result};
use crate::source;
use crate::sprint::grammar::{self, KeyKind};
use crate::yaml;
use serde::Serialize;
use serde_json::json;
use std::path::Path;

/// What a move did.
#[derive(Debug, Serialize)]
pub struct Moved {
    /// The key moved.
    pub key: String,
    /// Its status before (as written) and now.
    pub from: Option<String>,
    /// Its status now.
    pub status: String,
    /// `epic-N` when the move started its epic (backlog → in-progress).
    #[serde(rename = "epicStarted")]
    pub epic_started: Option<String>,
    /// The `last_updated` written.
    #[serde(rename = "lastUpdated")]
    pub last_updated: String,
    /// The board's text before and after, and whether it was written.
    #[serde(flatten)]
    pub edited: edit::Edited,
}

/// Story statuses that mean work on it has begun.
const STARTED: [&str; 3] = ["in-progress", "review", "done"];

/// Sets `key`'s status on the board at `path` (a legacy status on the board
/// counts as its modern one); `now` is the `MM-DD-YYYY HH:MM` stamp written to
/// `last_updated`. BMAD's rule applied: an epic in `backlog` goes
/// `in-progress` when one of its stories starts (bmad-build's sprint sync).
/// With `dry_run`, nothing is written.
pub fn set_status(path: &Path, key: &str, status: &str, now: &str, dry_run: bool) -> Result<Moved> {
    let file = path.display().to_string();
    let text = source::read_text(path)?;
    let root = yaml::parse(&text, &file)?;
    let dev = root.get("development_status");
    let Some(entry) = dev.and_then(|d| d.entry(key)) else {
        let known: Vec<&str> =
            dev.and_then(|d| d.entries()).unwrap_or_default().iter().map(|e| e.key.as_str()).collect();
        let hint = crate::schema::suggest::did_you_mean(key, known.iter().copied());
        return Err(Error::StoryNotFound { file, id: key.to_string(), place: "in development_status", hint });
    };
    let kind = grammar::classify(key).map(|(kind, _)| kind);
    let legal = kind.map(grammar::statuses).unwrap_or_default();
    if !legal.contains(&status) {
        let expected = format!("{} for '{key}'", legal.join(", "));
        let hint = crate::schema::suggest::did_you_mean(status, legal.iter().copied());
        return Err(Error::UnknownState { file, value: status.to_string(), expected, hint });
    }
    if !grammar::is_stamp(now) {
        return Err(Error::Patch { file, message: format!("'{now}' is not a {} timestamp", grammar::STAMP_FORMAT) });
    }
    let mut ops =
        vec![json!({ "op": "replace", "path": format!("/development_status/{}", pointer(key)), "value": status })];
    let mut epic_started = None;
    if let (Some(KeyKind::Story), Some((epic, ..))) = (kind, grammar::story_parts(key)) {
        let epic_key = format!("epic-{epic}");
        let epic_status = dev.and_then(|d| d.get(&epic_key)).and_then(yaml::Node::as_str);
        if STARTED.contains(&status) && epic_status == Some("backlog") {
            ops.push(
                json!({ "op": "replace", "path": format!("/development_status/{epic_key}"), "value": "in-progress" }),
            );
            epic_started = Some(epic_key);
        }
    }
    ops.push(json!({ "op": "add", "path": "/last_updated", "value": now }));
    let edited = edit::apply(path, &Edits::Patch(&json!(ops)), Options::default(), None, dry_run)?;
    Ok(Moved {
        edited,
        key: key.to_string(),
        from: entry.value.as_str().map(str::to_string),
        status: status.to_string(),
        epic_started,
        last_updated: now.to_string(),
    })
}

fn pointer(key: &str) -> String {
    edit::pointer::format(&[key.to_string()])[1..].to_string()
}
