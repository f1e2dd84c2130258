//! A board's model: the four states and their moves, story lines, the
//! sections, and the TODO / IN PROGRESS limits.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Issue, Location, Result};
use crate::source;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The states of a MADACE board, in words.
const MADACE_STATES: &str = "BACKLOG, TODO, IN_PROGRESS or DONE";

/// The four states of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    /// Not yet planned.
    Backlog,
    /// Next up.
    Todo,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
}

impl State {
    /// Every state, in board order.
    pub const ALL: [State; 4] = [State::Backlog, State::Todo, State::InProgress, State::Done];

    /// The API name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Backlog => "BACKLOG",
            State::Todo => "TODO",
            State::InProgress => "IN_PROGRESS",
            State::Done => "DONE",
        }
    }

    /// The section heading text.
    pub fn heading(self) -> &'static str {
        match self {
            State::InProgress => "IN PROGRESS",
            other => other.as_str(),
        }
    }

    /// Where a story in this state may move: MADACE's state machine.
    pub fn targets(self) -> &'static [State] {
        match self {
            State::Backlog => &[State::Todo],
            State::Todo => &[State::InProgress, State::Backlog],
            State::InProgress => &[State::Done, State::Todo],
            State::Done => &[],
        }
    }

    /// Accepted spellings, in headings and from callers (compared ignoring ASCII case).
    pub(super) fn spellings(self) -> &'static [&'static str] {
        match self {
            State::Backlog => &["BACKLOG"],
            State::Todo => &["TODO", "TO DO", "TO-DO"],
            State::InProgress => &["IN PROGRESS", "IN-PROGRESS", "IN_PROGRESS"],
            State::Done => &["DONE"],
        }
    }
}

impl State {
    /// The state `text` names, or `E_UNKNOWN_STATE` against the board `file`.
    pub fn named(text: &str, file: &str) -> Result<State> {
        text.parse().map_err(|_| State::unknown(text, file))
    }

    /// `E_UNKNOWN_STATE` for `text`, with the state it is probably a typo of.
    fn unknown(text: &str, file: &str) -> Error {
        let typed = text.trim().to_ascii_uppercase();
        let spellings = State::ALL.into_iter().flat_map(|state| state.spellings().iter().map(move |s| (*s, state)));
        let spellings: Vec<(&str, State)> = spellings.collect();
        let meant = crate::schema::suggest::near_miss(&typed, spellings.iter().map(|(s, _)| *s))
            .and_then(|s| spellings.iter().find(|(spelling, _)| *spelling == s))
            .map(|(_, state)| state.as_str());
        Error::UnknownState {
            file: file.to_string(),
            value: text.to_string(),
            expected: MADACE_STATES.into(),
            hint: crate::schema::suggest::hint(meant),
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `in-progress`, `In Progress`, `IN_PROGRESS`, `todo`, `to do` ... (surrounding spaces ignored).
impl FromStr for State {
    type Err = Error;

    fn from_str(text: &str) -> Result<State> {
        let name = text.trim();
        State::ALL
            .into_iter()
            .find(|state| state.spellings().iter().any(|s| s.eq_ignore_ascii_case(name)))
            .ok_or_else(|| State::unknown(text, source::INPUT))
    }
}

// Deserialize: `validateStatus` takes back a board JS loaded (and maybe edited).
/// A story line of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// The story id, as `STORY-001`.
    pub id: String,
    /// The title, without id, date or points.
    pub title: String,
    /// The section it is listed in.
    pub state: State,
    /// Story points, when the line gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<u32>,
    /// 1-based line of the story line.
    pub line: usize,
}

impl Story {
    pub(super) fn at(&self) -> Location {
        Location::new(self.line, 1)
    }
}

/// The stories of each section, in file order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// Stories in BACKLOG, in file order.
    pub backlog: Vec<Story>,
    /// Stories in TODO.
    pub todo: Vec<Story>,
    /// Stories in IN PROGRESS.
    #[serde(rename = "inProgress")]
    pub in_progress: Vec<Story>,
    /// Stories in DONE.
    pub done: Vec<Story>,
    /// Lines that would fall off the board (see [`super::dropped`]): a
    /// misspelled section, a story without its id in brackets, bad points.
    /// Read from the text, so a board handed back as JSON has none.
    #[serde(default, skip_deserializing)]
    pub problems: Vec<Diagnostic>,
}

impl Board {
    /// A board handed back as JSON (from `loadStatus`, maybe edited), or
    /// `E_SCHEMA` saying why it is none.
    pub fn from_json(text: &str) -> Result<Board> {
        serde_json::from_str(text).map_err(|e| Error::Schema {
            file: "<status>".into(),
            issues: vec![Issue::new("(status)", Location::START, format!("not a status board: {e}"))],
        })
    }

    /// The stories of one state.
    pub fn section(&self, state: State) -> &[Story] {
        match state {
            State::Backlog => &self.backlog,
            State::Todo => &self.todo,
            State::InProgress => &self.in_progress,
            State::Done => &self.done,
        }
    }

    /// Every story, section by section.
    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        State::ALL.into_iter().flat_map(|state| self.section(state))
    }

    pub(super) fn section_mut(&mut self, state: State) -> &mut Vec<Story> {
        match state {
            State::Backlog => &mut self.backlog,
            State::Todo => &mut self.todo,
            State::InProgress => &mut self.in_progress,
            State::Done => &mut self.done,
        }
    }
}

/// The most stories TODO and IN PROGRESS may hold (MADACE: one each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most stories in TODO.
    pub max_todo: usize,
    /// Most stories in IN PROGRESS.
    pub max_in_progress: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_todo: 1, max_in_progress: 1 }
    }
}

impl Limits {
    pub(super) fn of(self, state: State) -> Option<usize> {
        match state {
            State::Todo => Some(self.max_todo),
            State::InProgress => Some(self.max_in_progress),
            State::Backlog | State::Done => None,
        }
    }
}

/// `CORE-011`, `STORY-V3-001`, `P0-FIX-001`: not `X`, `WIP`, `2025-10-20`.
pub(super) fn is_story_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_uppercase())
        && id.contains('-')
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}
