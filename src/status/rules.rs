//! What a board breaks: a section over its limit, a story listed twice, a
//! stale entry of a story already DONE.

use super::model::{Board, Limits, State, Story};
use crate::codes::{E_DUPLICATE_STORY, E_STATUS_LIMIT, W_STALE_STORY};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Issue;
use std::collections::hash_map::{Entry, HashMap};

/// Limit overruns (`E_STATUS_LIMIT`, at the first story over the limit) and
/// repeated ids, in line order. A story listed in DONE is done: its entries
/// in other sections are stale (`W_STALE_STORY`, field `stale.<ID>`: a
/// warning, the board still reads right); any other repeat is
/// `E_DUPLICATE_STORY` (field `stories.<ID>`), at each repeat.
pub fn validate(board: &Board, limits: Limits) -> Vec<Diagnostic> {
    let mut issues = Vec::new();
    let error = |code, issue| Diagnostic::from_issue(Severity::Error, code, &issue);
    for state in State::ALL {
        let stories = board.section(state);
        if let Some((max, over)) = limits.of(state).and_then(|max| Some((max, stories.get(max)?))) {
            let path = if state == State::Todo { "todo" } else { "inProgress" };
            let message =
                format!("{} holds {} ({}); the limit is {max}", state.heading(), count(stories.len()), ids(stories));
            issues.push(error(E_STATUS_LIMIT, Issue::new(path, over.at(), message)));
        }
    }
    let mut in_order: Vec<&Story> = board.stories().collect();
    in_order.sort_by_key(|s| s.line);
    let mut done: HashMap<&str, &Story> = HashMap::new();
    for story in board.section(State::Done) {
        done.entry(&story.id).or_insert(story);
    }
    let mut first: HashMap<&str, &Story> = HashMap::new();
    for story in in_order {
        if let Some(finished) = done.get(story.id.as_str()).filter(|_| story.state != State::Done) {
            let issue = Issue::new(format!("stale.{}", story.id), story.at(), stale_message(story, finished));
            issues.push(Diagnostic::from_issue(Severity::Warning, W_STALE_STORY, &issue));
            continue;
        }
        match first.entry(&story.id) {
            Entry::Occupied(earlier) => {
                let earlier = earlier.get();
                let message = format!(
                    "duplicate story id {} (first at line {} in {})",
                    story.id,
                    earlier.line,
                    earlier.state.heading()
                );
                issues.push(error(E_DUPLICATE_STORY, Issue::new(format!("stories.{}", story.id), story.at(), message)));
            }
            Entry::Vacant(slot) => {
                slot.insert(story);
            }
        }
    }
    issues.sort_by_key(|d| d.line);
    issues
}

/// Says that `stale` (a story's entry outside DONE) is left over from `done`.
pub(super) fn stale_message(stale: &Story, done: &Story) -> String {
    format!(
        "{} is done (listed in DONE at line {}); this entry in {} at line {} is stale: remove it",
        stale.id,
        done.line,
        stale.state.heading(),
        stale.line
    )
}

pub(super) fn count(n: usize) -> String {
    if n == 1 {
        "1 story".to_string()
    } else {
        format!("{n} stories")
    }
}

pub(super) fn ids(stories: &[Story]) -> String {
    stories.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
}
