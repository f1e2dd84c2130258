//! Story status boards (`workflow-status.md`): the BACKLOG / TODO /
//! IN PROGRESS / DONE sections, the one-story limits, and moving a story
//! between sections by rewriting only its line, atomically and without losing
//! a concurrent move.
//!
//! Parsing rules, taken from the real MADACE status files:
//! - Headings are ATX headings starting in column 1 (`## TODO`); lines inside
//!   fenced code blocks (``` or ~~~, at any indentation) are never headings or stories.
//! - A state section starts at a level-2 heading naming a state, in any case:
//!   `BACKLOG`, `TODO` / `TO DO` / `TO-DO`, `IN PROGRESS` / `IN-PROGRESS` /
//!   `IN_PROGRESS`, `DONE`. Emoji or markup may precede the name, and a qualifier
//!   whose first non-space character is not a letter or digit may follow it:
//!   `## ✅ DONE`, `## In Progress (max 1)`, `## TODO - next`. `## Done criteria`
//!   and `### TODO` are not state headings.
//! - A section runs to the next `#` or `##` heading; `###` and deeper headings
//!   (milestones, phases, totals) are groups inside it. Each state has at most
//!   one section, and a file without any is not a status file.
//! - A story is a bullet (`-`, `*`, `+`) in column 1 inside a state section:
//!   an optional checkbox (`[ ]`, `[x]`), an optional status emoji (`✅`), then
//!   the id in brackets, optionally bold: `- [CORE-011] Title`,
//!   `- ✅ **[DB-001]** Title`, `- **[ID] Title** (2025-10-20)`. An id is
//!   uppercase letters and digits in `-`-joined groups, starting with a letter
//!   (`CORE-011`, `STORY-V3-001`, `P0-FIX-001`); `[ADR-003](link)` is a link.
//!   Indented bullets are a story's details, never stories; a ✅ line that is
//!   not a bullet is prose.
//! - Points come from the first `[Points: N]`, `[N pts]`, `[N pt]`,
//!   `[N points]` or `[N point]` (any case, `[]` or `()`). The title is the text
//!   after the id up to the first points or `(YYYY-MM-DD)` date group, without a
//!   trailing ` - **DONE**`-style status mark; other groups such as `(CRITICAL)`
//!   or `(lib/config.ts)` stay in the title.
//!
//! Moving: only BACKLOG→TODO, TODO→IN_PROGRESS, TODO→BACKLOG,
//! IN_PROGRESS→DONE and IN_PROGRESS→TODO, within the TODO / IN PROGRESS
//! limits. The story's line is cut out and inserted, byte for byte with its
//! own line ending, after the target section's last story (after that story's
//! indented detail lines, which belong to it) or right after the heading when
//! the section has no story. A missing target heading is an error: where a
//! new section would go is the author's call. Every other byte is kept,
//! including a BOM and a missing final newline.

pub mod atomic_file;

use crate::error::{Error, Issue, Location, Result};
use crate::source;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::{Entry, HashMap};
use std::fmt;
use std::fs;
use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// How long a move keeps retrying while the file is locked or keeps changing.
const CONFLICT_TIMEOUT: Duration = Duration::from_secs(2);

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
    fn spellings(self) -> &'static [&'static str] {
        match self {
            State::Backlog => &["BACKLOG"],
            State::Todo => &["TODO", "TO DO", "TO-DO"],
            State::InProgress => &["IN PROGRESS", "IN-PROGRESS", "IN_PROGRESS"],
            State::Done => &["DONE"],
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
            .ok_or_else(|| Error::UnknownState { file: source::INPUT.to_string(), value: text.to_string() })
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
    fn at(&self) -> Location {
        Location::new(self.line, 1)
    }
}

/// The stories of each section, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl Board {
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

    fn section_mut(&mut self, state: State) -> &mut Vec<Story> {
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
    fn of(self, state: State) -> Option<usize> {
        match state {
            State::Todo => Some(self.max_todo),
            State::InProgress => Some(self.max_in_progress),
            State::Backlog | State::Done => None,
        }
    }
}

/// Reads and parses a status file.
pub fn load(path: &Path) -> Result<Board> {
    source::load(path, |text, file| Ok(scan(text, file)?.board))
}

/// Parses status markdown given as a string; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Board> {
    source::parse(text, Some(file), |text, file| Ok(scan(text, file)?.board))
}

/// Limit overruns (at the first story over the limit) and repeated ids, in
/// line order. A story listed in DONE is done: its entries in other sections
/// are stale, reported as `stale.<ID>` (warnings: the board still reads
/// right); any other repeat is reported as `stories.<ID>`, at each repeat.
pub fn validate(board: &Board, limits: Limits) -> Vec<Issue> {
    let mut issues = Vec::new();
    for state in State::ALL {
        let stories = board.section(state);
        if let Some((max, over)) = limits.of(state).and_then(|max| Some((max, stories.get(max)?))) {
            let path = if state == State::Todo { "todo" } else { "inProgress" };
            let message =
                format!("{} holds {} ({}); the limit is {max}", state.heading(), count(stories.len()), ids(stories));
            issues.push(Issue::new(path, over.at(), message));
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
            issues.push(Issue::new(format!("stale.{}", story.id), story.at(), stale_message(story, finished)));
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
                issues.push(Issue::new(format!("stories.{}", story.id), story.at(), message));
            }
            Entry::Vacant(slot) => {
                slot.insert(story);
            }
        }
    }
    issues.sort_by_key(Issue::location);
    issues
}

/// Moves story `id` to `to` within the default limits; see `transition_with`.
pub fn transition(path: &Path, id: &str, to: State) -> Result<Story> {
    transition_with(path, id, to, Limits::default())
}

/// Moves story `id` to `to` and returns it as it now stands. Compare-and-swap:
/// the new text is computed without the lock, then written only if the file
/// still holds the text it came from; otherwise it is recomputed, for up to
/// `CONFLICT_TIMEOUT`.
pub fn transition_with(path: &Path, id: &str, to: State, limits: Limits) -> Result<Story> {
    let file = path.display().to_string();
    let deadline = Instant::now() + CONFLICT_TIMEOUT;
    let mut text = source::read_text(path)?;
    // Lock, temp file and rename act on the real file, not on a symlink to it.
    let target = fs::canonicalize(path).map_err(|e| io_error(&file, e))?;
    loop {
        let (new_text, story) = plan(&text, &file, id, to, limits)?;
        let lock = match atomic_file::Lock::acquire(&target, deadline) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                return Err(Error::StatusConflict {
                    message: format!(
                        "{} is held by another process moving stories; gave up after {} s",
                        atomic_file::Lock::path_for(&target).display(),
                        CONFLICT_TIMEOUT.as_secs()
                    ),
                    file,
                })
            }
            Err(e) => return Err(io_error(&file, e)),
        };
        let current = source::read_text(path)?;
        if current == text {
            let bom = atomic_file::has_bom(&target).map_err(|e| io_error(&file, e))?;
            let content = if bom { format!("\u{feff}{new_text}") } else { new_text };
            atomic_file::write(&target, &content).map_err(|e| io_error(&file, e))?;
            drop(lock);
            return Ok(story);
        }
        drop(lock);
        if Instant::now() >= deadline {
            return Err(Error::StatusConflict {
                file,
                message: format!(
                    "the file kept changing while moving {id}; gave up after {} s",
                    CONFLICT_TIMEOUT.as_secs()
                ),
            });
        }
        text = current;
    }
}

/// Says that `stale` (a story's entry outside DONE) is left over from `done`.
fn stale_message(stale: &Story, done: &Story) -> String {
    format!(
        "{} is done (listed in DONE at line {}); this entry in {} at line {} is stale: remove it",
        stale.id,
        done.line,
        stale.state.heading(),
        stale.line
    )
}

/// The new text with story `id` moved to `to`, and the moved story; or why not.
fn plan(text: &str, file: &str, id: &str, to: State, limits: Limits) -> Result<(String, Story)> {
    let scanned = scan(text, file)?;
    let board = &scanned.board;
    let mut found: Vec<&Story> = board.stories().filter(|s| s.id == id).collect();
    found.sort_by_key(|s| s.line);
    let story = match found[..] {
        [] => return Err(Error::StoryNotFound { file: file.to_string(), id: id.to_string() }),
        [one] => one,
        [first, second, ..] => {
            let done = found.iter().find(|s| s.state == State::Done);
            let stale = found.iter().find(|s| s.state != State::Done);
            let (at, hint) = match (done, stale) {
                (Some(done), Some(stale)) => (stale.at(), format!(": {}", stale_message(stale, done))),
                _ => (second.at(), "; remove the duplicate before moving it".into()),
            };
            return Err(Error::DuplicateStory {
                file: file.to_string(),
                at,
                id: id.to_string(),
                first: first.at(),
                hint,
            });
        }
    };
    let from = story.state;
    if !from.targets().contains(&to) {
        let allowed = match from.targets() {
            [] => format!("{from} is final"),
            targets => {
                let names: Vec<_> = targets.iter().map(|s| s.as_str()).collect();
                format!("from {from} a story may move to {}", names.join(" or "))
            }
        };
        let message = format!("cannot move {id} from {from} to {to}: {allowed}");
        return Err(Error::Transition { file: file.to_string(), at: story.at(), message });
    }
    if let Some(max) = limits.of(to) {
        let held = board.section(to);
        if held.len() >= max {
            let holding = if held.is_empty() { String::new() } else { format!(" ({})", ids(held)) };
            let (heading, n) = (to.heading(), count(held.len()));
            let message = format!("cannot move {id} to {to}: {heading} already holds {n}{holding}, the limit is {max}");
            return Err(Error::StatusLimit { file: file.to_string(), at: story.at(), message });
        }
    }
    let Some(section) = scanned.sections[to as usize] else {
        return Err(Error::StatusFormat {
            file: file.to_string(),
            at: None,
            message: format!("no '## {}' section to move {id} into; add the heading", to.heading()),
        });
    };
    let new_text = move_line(text, &scanned.lines, story.line - 1, insert_after(&scanned.lines, section));
    // Re-reading the result gives the story's new line and proves the text still parses.
    let moved = scan(&new_text, file)?.board.section(to).iter().find(|s| s.id == id).cloned();
    let lost = || Error::Internal { file: file.to_string(), message: format!("moved story {id} not found in {to}") };
    Ok((new_text, moved.ok_or_else(lost)?))
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 story".to_string()
    } else {
        format!("{n} stories")
    }
}

fn ids(stories: &[Story]) -> String {
    stories.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
}

/// One line of the text: `text` without its terminator, `end` after it.
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl Line<'_> {
    /// `""`, `"\n"` or `"\r\n"`, as the file has it.
    fn ending<'t>(&self, all: &'t str) -> &'t str {
        &all[self.start + self.text.len()..self.end]
    }
}

#[derive(Clone, Copy)]
struct Section {
    heading: usize,
    last_story: Option<usize>,
}

/// The board plus where its sections sit (0-based line indexes), for rewriting.
struct Scan<'a> {
    lines: Vec<Line<'a>>,
    board: Board,
    sections: [Option<Section>; 4],
}

fn scan<'a>(text: &'a str, file: &str) -> Result<Scan<'a>> {
    let mut start = 0;
    let lines: Vec<Line> = text
        .split_inclusive('\n')
        .map(|raw| {
            let text = raw.strip_suffix('\n').map_or(raw, |l| l.strip_suffix('\r').unwrap_or(l));
            let line = Line { start, end: start + raw.len(), text };
            start = line.end;
            line
        })
        .collect();
    let mut board = Board::default();
    let mut sections: [Option<Section>; 4] = [None; 4];
    let mut current = None;
    let mut open_fence: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        match (open_fence, fence(line.text)) {
            (None, Some((c, len, _))) => open_fence = Some((c, len)),
            (Some((c, len)), Some((close, close_len, after)))
                if close == c && close_len >= len && after.trim().is_empty() =>
            {
                open_fence = None
            }
            (Some(_), _) => {}
            (None, None) => {
                if let Some((level, title)) = heading(line.text) {
                    if level <= 2 {
                        current = None;
                    }
                    if let Some(state) = state_heading(title).filter(|_| level == 2) {
                        if let Some(first) = sections[state as usize] {
                            let (heading, first) = (state.heading(), first.heading + 1);
                            let message = format!("a second '## {heading}' section (the first is at line {first}); keep one section per state");
                            return Err(Error::StatusFormat {
                                file: file.to_string(),
                                at: Some(Location::new(i + 1, 1)),
                                message,
                            });
                        }
                        sections[state as usize] = Some(Section { heading: i, last_story: None });
                        current = Some(state);
                    }
                } else if let (Some(state), Some((id, title, points))) = (current, parse_story(line.text)) {
                    board.section_mut(state).push(Story { id, title, state, points, line: i + 1 });
                    if let Some(section) = &mut sections[state as usize] {
                        section.last_story = Some(i);
                    }
                }
            }
        }
    }
    if sections.iter().all(Option::is_none) {
        return Err(Error::StatusFormat {
            file: file.to_string(),
            at: None,
            message: "no story sections: expected '## BACKLOG', '## TODO', '## IN PROGRESS' and '## DONE' headings"
                .to_string(),
        });
    }
    Ok(Scan { lines, board, sections })
}

/// `(fence char, run length, text after the run)` when `line` is a code fence.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = t.len() - t.trim_start_matches(c).len();
    (len >= 3).then(|| (c, len, &t[len..]))
}

/// `(level, text)` of an ATX heading starting in column 1.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| (level, rest.trim()))
}

fn state_heading(title: &str) -> Option<State> {
    let name = title.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    State::ALL.into_iter().find(|state| {
        state.spellings().iter().any(|spelling| {
            name.get(..spelling.len()).is_some_and(|head| head.eq_ignore_ascii_case(spelling))
                && !name[spelling.len()..].trim_start().starts_with(|c: char| c.is_alphanumeric())
        })
    })
}

/// `(id, title, points)` when `line` is a story line.
fn parse_story(line: &str) -> Option<(String, String, Option<u32>)> {
    let mut rest = line.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with([' ', '\t']))?.trim_start();
    if let Some(after) = ["[ ]", "[x]", "[X]"].iter().find_map(|b| rest.strip_prefix(b)) {
        rest = after.trim_start();
    }
    // A status mark such as ✅ or 🚧: one token of non-ASCII symbols.
    if let Some((mark, after)) = rest.split_once(char::is_whitespace) {
        if !mark.is_empty() && mark.chars().all(|c| !c.is_ascii() && !c.is_alphanumeric()) {
            rest = after.trim_start();
        }
    }
    let mut bold = ["**", "__"].into_iter().find(|b| rest.starts_with(b));
    let inner = rest[bold.map_or(0, str::len)..].strip_prefix('[')?;
    let (id, mut rest) = inner.split_once(']')?;
    if !is_story_id(id) || rest.starts_with('(') {
        return None;
    }
    if let Some(after) = bold.and_then(|b| rest.strip_prefix(b)) {
        rest = after;
        bold = None;
    }
    // The title ends at the first date or points group; points come from the first points group.
    let (mut cut, mut points) = (None, None);
    for (i, g) in groups(rest) {
        let in_points = points_in(g);
        if cut.is_none() && (is_date(g) || in_points.is_some()) {
            cut = Some(i);
        }
        points = points.or(in_points);
        if points.is_some() {
            break;
        }
    }
    let mut cut = cut.unwrap_or(rest.len());
    // The MADACE app's own form: `Title | 5 points` (or `| 5 pts`).
    if let Some(bar) = rest[..cut].rfind('|') {
        if let Some(n) = points_in(&rest[bar + 1..cut]) {
            cut = bar;
            points = points.or(Some(n));
        }
    }
    let mut title = strip_status_mark(rest[..cut].trim().trim_start_matches([':', '-', '–', '—']).trim());
    if let Some(b) = bold {
        title = title.strip_suffix(b).unwrap_or(title).trim_end();
    }
    Some((id.to_string(), title.to_string(), points))
}

/// `CORE-011`, `STORY-V3-001`, `P0-FIX-001`: not `X`, `WIP`, `2025-10-20`.
fn is_story_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_uppercase())
        && id.contains('-')
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// Groups longer than this are never a date or points, so they are not looked into.
const MAX_GROUP: usize = 32;

/// Every `[...]` / `(...)` group of `text` that closes within `MAX_GROUP`
/// bytes, as (offset, inside). Each kind of closing bracket is searched for
/// only past the last one found, so a line of millions of brackets costs one
/// pass (searching the rest of the line for each was quadratic).
fn groups(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    // Per closer (`]`, `)`): not searched yet, or the first one after the last search began (None: none left).
    let mut next: [Option<Option<usize>>; 2] = [None, None];
    (0..bytes.len()).filter_map(move |i| {
        let (kind, close) = match bytes[i] {
            b'[' => (0, b']'),
            b'(' => (1, b')'),
            _ => return None,
        };
        let end = match next[kind] {
            Some(None) => None,
            Some(Some(at)) if at > i => Some(at),
            _ => {
                let found = bytes[i + 1..].iter().position(|&b| b == close).map(|p| i + 1 + p);
                next[kind] = Some(found);
                found
            }
        }?;
        (end - i - 1 <= MAX_GROUP).then(|| (i, &text[i + 1..end]))
    })
}

fn is_date(g: &str) -> bool {
    let b = g.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// `Points: 5`, `5 pts`, `5 pt`, `5 points`, `5 point` (any case) → 5.
fn points_in(g: &str) -> Option<u32> {
    let g = g.trim().to_ascii_lowercase();
    if let Some(n) = g.strip_prefix("points") {
        return n.trim_start().strip_prefix(':')?.trim().parse().ok();
    }
    let (n, unit) = g.split_at(g.find(|c: char| !c.is_ascii_digit())?);
    matches!(unit.trim(), "pts" | "pt" | "points" | "point").then(|| n.parse().ok()).flatten()
}

/// `Title - **DONE**` → `Title`.
fn strip_status_mark(title: &str) -> &str {
    let Some(body) = title.strip_suffix("**") else { return title };
    match body.rfind(" - **") {
        Some(i) if !body[i + 5..].is_empty() && !body[i + 5..].contains('*') => title[..i].trim_end(),
        _ => title,
    }
}

/// The line after which a story is added to `section`: the last story's
/// indented detail lines belong to it, so they stay before the new line.
fn insert_after(lines: &[Line], section: Section) -> usize {
    let Some(last) = section.last_story else { return section.heading };
    let mut end = last;
    for (i, line) in lines.iter().enumerate().skip(last + 1) {
        if line.text.trim().is_empty() {
            continue;
        }
        if !line.text.starts_with([' ', '\t']) {
            break;
        }
        end = i;
    }
    end
}

/// `text` with line `from` moved to just after line `after` (another section,
/// so never next to it); the moved bytes are the line and its own ending.
fn move_line(text: &str, lines: &[Line], from: usize, after: usize) -> String {
    let line = &lines[from];
    let target = &lines[after];
    // The last line has no ending: take the one before it instead, so the file
    // still ends as it did (a section heading always precedes a story line).
    let (cut, ending) = match line.ending(text) {
        "" => (line.start - lines[from - 1].ending(text).len()..line.end, lines[from - 1].ending(text)),
        ending => (line.start..line.end, ending),
    };
    let insert = if target.ending(text).is_empty() {
        format!("{ending}{}", line.text)
    } else {
        format!("{}{ending}", line.text)
    };
    let at = target.end;
    let mut out = String::with_capacity(text.len());
    if at <= cut.start {
        out.extend([&text[..at], &insert, &text[at..cut.start], &text[cut.end..]]);
    } else {
        out.extend([&text[..cut.start], &text[cut.end..at], &insert, &text[at..]]);
    }
    out
}

fn io_error(file: &str, e: std::io::Error) -> Error {
    Error::Io { file: file.to_string(), message: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread;

    const BOARD: &str = "# Status\n\n## BACKLOG\n\n- [A-001] First [Points: 1]\n- [A-002] Second [2 pts]\n\n## TODO\n\n- [B-001] Todo one [Points: 3]\n\n## IN PROGRESS\n\n- [C-001] Doing (2025-10-20) [Points: 5]\n\n## DONE\n\n- [D-001] Finished (2025-10-01) [1 pt]\n\n## Notes\n\n- [E-001] in notes, not a story\n";

    const GENEROUS: Limits = Limits { max_todo: 100, max_in_progress: 100 };

    /// A fresh folder under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let n = N.fetch_add(1, Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("madace-status-test-{}-{n}", std::process::id()));
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn board(&self, text: &str) -> PathBuf {
            let path = self.0.join("workflow-status.md");
            fs::write(&path, text).unwrap();
            path
        }

        /// Everything beside `workflow-status.md`: temp and lock files would show here.
        fn leftovers(&self) -> Vec<String> {
            let names = fs::read_dir(&self.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
            names.filter(|n| n != "workflow-status.md").collect()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// `text` with 1-based line `from` moved after line `after`, computed independently of `move_line`.
    fn moved(text: &str, from: usize, after: usize) -> String {
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        let line = lines.remove(from - 1);
        lines.insert(if after < from { after } else { after - 1 }, line);
        lines.concat()
    }

    fn story(id: &str, title: &str, state: State, points: Option<u32>, line: usize) -> Story {
        Story { id: id.to_string(), title: title.to_string(), state, points, line }
    }

    fn ids_in(board: &Board, state: State) -> Vec<&str> {
        board.section(state).iter().map(|s| s.id.as_str()).collect()
    }

    fn corpus(name: &str) -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/madace-method/status");
        if !dir.is_dir() {
            eprintln!("skipping: corpus not found at {}", dir.display());
            return None;
        }
        Some(dir.join(name))
    }

    #[test]
    fn story_line_variants() {
        let some = |id: &str, title: &str, points| Some((id.to_string(), title.to_string(), points));
        let cases = [
            ("- [CORE-011] Agent Loader (2025-10-20) [Points: 5]", some("CORE-011", "Agent Loader", Some(5))),
            ("- [STORY-V3-001] Title [5 pts]", some("STORY-V3-001", "Title", Some(5))),
            ("- [STORY-V3-010] E2E Testing [1 pt]", some("STORY-V3-010", "E2E Testing", Some(1))),
            (
                "- **[LLM-017]** Local (Ollama) impl (lib/local.ts) (2025-10-22) [Points: 6]  ",
                some("LLM-017", "Local (Ollama) impl (lib/local.ts)", Some(6)),
            ),
            (
                "- ✅ [DB-010] Create v2.0 → v3.0 tool (2 points) - **N/A** (greenfield)",
                some("DB-010", "Create v2.0 → v3.0 tool", Some(2)),
            ),
            (
                "- ✅ [P0-FIX-002] Update .env.example - **DONE** (2025-10-29)",
                some("P0-FIX-002", "Update .env.example", None),
            ),
            (
                "- ✅ [P0-FIX-001] Create config.yaml (CRITICAL)",
                some("P0-FIX-001", "Create config.yaml (CRITICAL)", None),
            ),
            ("- ✅ [DB-011] Tests (1 point) - **DONE**", some("DB-011", "Tests", Some(1))),
            ("* [x] [TASK-1] Checked [1 PT]", some("TASK-1", "Checked", Some(1))),
            ("+ [ ] [TASK-2]: Colon title (points: 3)", some("TASK-2", "Colon title", Some(3))),
            ("- **[TASK-3] Bold title** [Points: 8] - see notes", some("TASK-3", "Bold title", Some(8))),
            ("- 🚧 [TASK-4] Emoji - the rest", some("TASK-4", "Emoji - the rest", None)),
            ("- [TASK-5] Too big [Points: 99999999999]", some("TASK-5", "Too big [Points: 99999999999]", None)),
            ("- [F11-SUB-WORKFLOWS] Sub-Workflow Support", some("F11-SUB-WORKFLOWS", "Sub-Workflow Support", None)),
            ("- [TASK-6]", some("TASK-6", "", None)),
            ("- [ ] **[STORY-001]** First story | 5 points", some("STORY-001", "First story", Some(5))),
            ("- [x] [STORY-002] Second | 3 pts", some("STORY-002", "Second", Some(3))),
            ("- [STORY-003] Pipes | in | titles", some("STORY-003", "Pipes | in | titles", None)),
            ("  - [CORE-011] indented detail", None),
            ("✅ [CORE-016] Not a bullet", None),
            ("- [ADR-003](../adrs/ADR-003.md) - a link", None),
            ("- [x] checkbox without id", None),
            ("- [WIP] no dash", None),
            ("- [2025-10-20] a date", None),
            ("- [core-011] lowercase", None),
            ("-[CORE-011] no space", None),
            ("- Story [CORE-011] later", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_story(line), want, "{line}");
        }
    }

    #[test]
    fn brackets_are_only_looked_into_as_far_as_a_date_or_points_can_reach() {
        let found: Vec<_> = groups("a [Points: 5] (x [y)] [").collect();
        assert_eq!(found, [(2, "Points: 5"), (14, "x [y"), (17, "y)")]);
        let long = format!("[{}] [{}]", "x".repeat(MAX_GROUP), "y".repeat(MAX_GROUP + 1));
        assert_eq!(groups(&long).map(|(_, g)| g.len()).collect::<Vec<_>>(), [MAX_GROUP]);
        let line = format!("- [TASK-7] Brackets {} [3 pts]", "([".repeat(400_000));
        assert_eq!(parse_story(&line), Some(("TASK-7".into(), format!("Brackets {}", "([".repeat(400_000)), Some(3))));
    }

    #[test]
    fn heading_variants() {
        let cases = [
            ("BACKLOG", Some(State::Backlog)),
            ("Backlog", Some(State::Backlog)),
            ("TODO", Some(State::Todo)),
            ("To Do (max 1)", Some(State::Todo)),
            ("TODO - next up", Some(State::Todo)),
            ("IN PROGRESS", Some(State::InProgress)),
            ("🚧 In-Progress:", Some(State::InProgress)),
            ("**IN_PROGRESS**", Some(State::InProgress)),
            ("✅ DONE ✅", Some(State::Done)),
            ("DONE (42 stories)", Some(State::Done)),
            ("DONE 2025", None),
            ("Done criteria", None),
            ("TODO list", None),
            ("Story Counts", None),
            ("INPROGRESS", None),
        ];
        for (title, want) in cases {
            assert_eq!(state_heading(title), want, "{title}");
        }
    }

    #[test]
    fn sections_and_their_ends() {
        let text = "## BACKLOG\n- [A-1] a\n### TODO\n- [A-2] still backlog\n```\n## TODO\n- [X-1] in a fence\n```\n  ~~~\n- [X-2] indented fence\n  ~~~\n# Other\n- [X-3] outside\n##  done  ##\n- [D-1] d\n####### DONE\n- [D-2] seven hashes is text\n##TODO\n- [D-3] no space, not a heading\n";
        let board = parse(text, "s.md").unwrap();
        assert_eq!(ids_in(&board, State::Backlog), ["A-1", "A-2"]);
        assert!(board.todo.is_empty());
        assert_eq!(ids_in(&board, State::Done), ["D-1", "D-2", "D-3"]);
        assert_eq!(board.done[2].line, 19);
    }

    #[test]
    fn not_a_board() {
        let none = parse("# Notes\n\n- [A-1] x\n", "n.md").unwrap_err();
        assert_eq!(none.code(), "E_STATUS_FORMAT");
        assert_eq!(none.location(), None);
        let twice = parse("## TODO\n\n## DONE\n\n## to do\n", "t.md").unwrap_err();
        assert_eq!(twice.code(), "E_STATUS_FORMAT");
        assert_eq!(
            twice.full_message(),
            "t.md:5:1: a second '## TODO' section (the first is at line 1); keep one section per state"
        );
        assert_eq!(parse("a\0b", "b.md").unwrap_err().code(), "E_ENCODING");
    }

    #[test]
    fn state_names() {
        for (text, want) in [
            ("in-progress", State::InProgress),
            ("in progress", State::InProgress),
            ("IN_PROGRESS", State::InProgress),
            (" todo ", State::Todo),
            ("To-Do", State::Todo),
            ("backlog", State::Backlog),
            ("Done", State::Done),
        ] {
            assert_eq!(text.parse::<State>().unwrap(), want, "{text}");
        }
        let e = "review".parse::<State>().unwrap_err();
        assert_eq!(e.code(), "E_UNKNOWN_STATE");
        assert_eq!(
            e.full_message(),
            "<input>: unknown story state 'review' (expected BACKLOG, TODO, IN_PROGRESS or DONE)"
        );
        assert_eq!(
            serde_json::to_value(State::ALL).unwrap(),
            serde_json::json!(["BACKLOG", "TODO", "IN_PROGRESS", "DONE"])
        );
    }

    #[test]
    fn example_board() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/docs/workflow-status.md");
        let board = load(&path).unwrap();
        let counts: Vec<usize> = State::ALL.iter().map(|s| board.section(*s).len()).collect();
        assert_eq!(counts, [6, 1, 1, 5]);
        assert_eq!(board.backlog[2], story("TASK-009", "Shared task lists between users", State::Backlog, Some(8), 11));
        assert_eq!(board.done[3], story("TASK-004", "Mark tasks complete", State::Done, Some(3), 29));
        let json = serde_json::to_value(&board).unwrap();
        assert_eq!(
            json["inProgress"],
            serde_json::json!([{"id": "TASK-005", "title": "Task tagging and tag search", "state": "IN_PROGRESS", "points": 5, "line": 22}])
        );
        assert_eq!(validate(&board, Limits::default()), []);
        let no_points = serde_json::to_value(&parse("\u{feff}## TODO\n- [A-1] x\n", "p.md").unwrap().todo[0]).unwrap();
        assert_eq!(no_points, serde_json::json!({"id": "A-1", "title": "x", "state": "TODO", "line": 2}));
    }

    #[test]
    fn corpus_boards() {
        let Some(mam) = corpus("mam-workflow-status.md") else { return };
        let board = load(&mam).unwrap();
        let counts: Vec<usize> = State::ALL.iter().map(|s| board.section(*s).len()).collect();
        assert_eq!(counts, [14, 0, 0, 64]);
        assert_eq!(
            board.backlog[0],
            story("STORY-V3-001", "Implement Complexity Scoring Algorithm", State::Backlog, Some(5), 59)
        );
        assert_eq!(
            board.backlog[8],
            story("STORY-V3-010", "E2E Testing for Scale Router", State::Backlog, Some(1), 67)
        );
        assert_eq!(
            board.done[0],
            story("STORY-V3-006", "Add Conditional Workflow Execution", State::Done, Some(5), 178)
        );
        assert_eq!(
            board.done.iter().find(|s| s.id == "LLM-017"),
            Some(&story(
                "LLM-017",
                "Local model provider (Ollama/Docker models) implementation (lib/llm/providers/local.ts)",
                State::Done,
                Some(6),
                2452
            ))
        );
        assert_eq!(board.done[63], story("DOCKER-001", "Docker deployment configuration", State::Done, Some(8), 2942));
        // Every repeat on the real board is a BACKLOG line of a story that is DONE: stale, not a conflict.
        let issues = validate(&board, Limits::default());
        assert_eq!(issues.len(), 11);
        assert!(issues.iter().all(|i| i.field.starts_with("stale.")), "{issues:?}");
        assert_eq!(
            issues[0],
            Issue::new(
                "stale.STORY-V3-001",
                Location::new(59, 1),
                "STORY-V3-001 is done (listed in DONE at line 1091); this entry in BACKLOG at line 59 is stale: remove it"
            )
        );

        let Some(v3) = corpus("workflow-status.md") else { return };
        let board = load(&v3).unwrap();
        let counts: Vec<usize> = State::ALL.iter().map(|s| board.section(*s).len()).collect();
        assert_eq!(counts, [41, 0, 0, 37]);
        assert_eq!(
            board.backlog[0],
            story("PLAN-001", "Create v3.0 PRD with epic breakdown", State::Backlog, Some(5), 87)
        );
        assert_eq!(
            board.backlog[2],
            story("P0-FIX-001", "Create madace/core/config.yaml (CRITICAL)", State::Backlog, None, 89)
        );
        assert_eq!(
            board.backlog[14],
            story("DB-010", "Create v2.0 → v3.0 data migration tool", State::Backlog, Some(2), 115)
        );
        assert_eq!(
            board.done[36],
            story("IDE-004", "Add Integrated Terminal with Command Execution", State::Done, Some(8), 1278)
        );
        let issues = validate(&board, Limits::default());
        assert_eq!((issues.len(), issues.iter().filter(|i| i.field.starts_with("stale.")).count()), (36, 36));
    }

    #[test]
    fn corpus_move_touches_one_line() {
        let Some(mam) = corpus("mam-workflow-status.md") else { return };
        let text = fs::read_to_string(mam).unwrap();
        let dir = TempDir::new();
        let path = dir.board(&text);
        let story = transition(&path, "STORY-V3-010", State::Todo).unwrap();
        assert_eq!(story, self::story("STORY-V3-010", "E2E Testing for Scale Router", State::Todo, Some(1), 156));
        assert_eq!(fs::read_to_string(&path).unwrap(), moved(&text, 67, 156));
        let twice = transition(&path, "STORY-V3-001", State::Todo).unwrap_err();
        assert_eq!(twice.code(), "E_DUPLICATE_STORY");
        assert_eq!(twice.location(), Some(Location::new(59, 1)));
        assert_eq!(
            twice.to_string(),
            "story 'STORY-V3-001' is listed more than once (first at line 59): STORY-V3-001 is done (listed in DONE at \
             line 1091); this entry in BACKLOG at line 59 is stale: remove it"
        );
        assert_eq!(dir.leftovers(), Vec::<String>::new());
    }

    #[test]
    fn validate_reports_limits_and_duplicates() {
        let text = "## BACKLOG\n- [A-1] a\n- [A-1] again\n## TODO\n- [T-1] t\n- [T-2] t\n## IN PROGRESS\n- [P-1] p\n- [P-2] p\n- [P-3] p\n## DONE\n- [T-1] done too\n- [D-1] d\n- [D-1] d again\n";
        let board = parse(text, "v.md").unwrap();
        assert_eq!(
            validate(&board, Limits::default()),
            [
                Issue::new("stories.A-1", Location::new(3, 1), "duplicate story id A-1 (first at line 2 in BACKLOG)"),
                Issue::new(
                    "stale.T-1",
                    Location::new(5, 1),
                    "T-1 is done (listed in DONE at line 12); this entry in TODO at line 5 is stale: remove it"
                ),
                Issue::new("todo", Location::new(6, 1), "TODO holds 2 stories (T-1, T-2); the limit is 1"),
                Issue::new(
                    "inProgress",
                    Location::new(9, 1),
                    "IN PROGRESS holds 3 stories (P-1, P-2, P-3); the limit is 1"
                ),
                Issue::new("stories.D-1", Location::new(14, 1), "duplicate story id D-1 (first at line 13 in DONE)"),
            ]
        );
        assert_eq!(validate(&board, Limits { max_todo: 2, max_in_progress: 3 }).len(), 3);
        let none_allowed = validate(&board, Limits { max_todo: 0, max_in_progress: 3 });
        assert_eq!(
            none_allowed[1],
            Issue::new("todo", Location::new(5, 1), "TODO holds 2 stories (T-1, T-2); the limit is 0")
        );
    }

    #[test]
    fn allowed_moves_rewrite_one_line() {
        let cases = [
            ("A-001", State::Todo, 5, 10, story("A-001", "First", State::Todo, Some(1), 10)),
            ("B-001", State::InProgress, 10, 14, story("B-001", "Todo one", State::InProgress, Some(3), 14)),
            ("B-001", State::Backlog, 10, 6, story("B-001", "Todo one", State::Backlog, Some(3), 7)),
            ("C-001", State::Done, 14, 18, story("C-001", "Doing", State::Done, Some(5), 18)),
            ("C-001", State::Todo, 14, 10, story("C-001", "Doing", State::Todo, Some(5), 11)),
        ];
        for (id, to, from_line, after_line, want) in cases {
            let dir = TempDir::new();
            let path = dir.board(BOARD);
            assert_eq!(transition_with(&path, id, to, GENEROUS).unwrap(), want);
            assert_eq!(fs::read_to_string(&path).unwrap(), moved(BOARD, from_line, after_line), "{id} → {to}");
            assert_eq!(dir.leftovers(), Vec::<String>::new());
        }
    }

    #[test]
    fn refused_moves_leave_the_file_alone() {
        let dir = TempDir::new();
        let path = dir.board(BOARD);
        let mut refused = 0;
        for (id, from, line) in [
            ("A-001", State::Backlog, 5),
            ("B-001", State::Todo, 10),
            ("C-001", State::InProgress, 14),
            ("D-001", State::Done, 18),
        ] {
            for to in State::ALL.into_iter().filter(|to| !from.targets().contains(to)) {
                let e = transition_with(&path, id, to, GENEROUS).unwrap_err();
                assert_eq!((e.code(), e.location()), ("E_TRANSITION", Some(Location::new(line, 1))), "{id} → {to}");
                refused += 1;
            }
        }
        assert_eq!(refused, 11);
        let e = transition(&path, "A-001", State::Done).unwrap_err();
        assert_eq!(e.to_string(), "cannot move A-001 from BACKLOG to DONE: from BACKLOG a story may move to TODO");
        let e = transition(&path, "C-001", State::Backlog).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot move C-001 from IN_PROGRESS to BACKLOG: from IN_PROGRESS a story may move to DONE or TODO"
        );
        let e = transition(&path, "D-001", State::Done).unwrap_err();
        assert_eq!(e.to_string(), "cannot move D-001 from DONE to DONE: DONE is final");
        assert_eq!(fs::read_to_string(&path).unwrap(), BOARD);
        assert_eq!(dir.leftovers(), Vec::<String>::new());
    }

    #[test]
    fn moves_respect_the_limits() {
        let dir = TempDir::new();
        let path = dir.board(BOARD);
        let e = transition(&path, "A-001", State::Todo).unwrap_err();
        assert_eq!(e.code(), "E_STATUS_LIMIT");
        assert_eq!(
            e.full_message(),
            format!(
                "{}:5:1: cannot move A-001 to TODO: TODO already holds 1 story (B-001), the limit is 1",
                path.display()
            )
        );
        assert_eq!(transition(&path, "B-001", State::InProgress).unwrap_err().code(), "E_STATUS_LIMIT");
        let e =
            transition_with(&path, "B-001", State::InProgress, Limits { max_todo: 1, max_in_progress: 0 }).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot move B-001 to IN_PROGRESS: IN PROGRESS already holds 1 story (C-001), the limit is 0"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), BOARD);
    }

    #[test]
    fn the_madace_flow_on_the_example() {
        let example =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/docs/workflow-status.md")).unwrap();
        let dir = TempDir::new();
        let path = dir.board(&example);
        let steps = [
            ("TASK-005", State::Done, 22, 30),
            ("TASK-006", State::InProgress, 18, 20),
            ("TASK-007", State::Todo, 9, 16),
        ];
        let mut text = example;
        for (id, to, from_line, after_line) in steps {
            assert_eq!(transition(&path, id, to).unwrap().state, to);
            text = moved(&text, from_line, after_line);
            assert_eq!(fs::read_to_string(&path).unwrap(), text, "{id} → {to}");
        }
        let board = load(&path).unwrap();
        assert_eq!(ids_in(&board, State::Todo), ["TASK-007"]);
        assert_eq!(ids_in(&board, State::InProgress), ["TASK-006"]);
        assert_eq!(ids_in(&board, State::Done).last(), Some(&"TASK-005"));
    }

    #[test]
    fn unknown_duplicate_and_missing_section() {
        let dir = TempDir::new();
        let path = dir.board(BOARD);
        let e = transition(&path, "Z-999", State::Todo).unwrap_err();
        assert_eq!((e.code(), e.location()), ("E_STORY_NOT_FOUND", None));
        assert_eq!(e.to_string(), "no story 'Z-999' in the BACKLOG, TODO, IN PROGRESS or DONE sections");
        assert_eq!(transition(&path, "E-001", State::Todo).unwrap_err().code(), "E_STORY_NOT_FOUND");

        let path = dir.board("## BACKLOG\n- [A-1] a\n## DONE\n- [A-1] a\n");
        let e = transition(&path, "A-1", State::Todo).unwrap_err();
        assert_eq!(
            e.full_message(),
            format!(
                "{}:2:1: story 'A-1' is listed more than once (first at line 2): A-1 is done (listed in DONE at line 4); this entry in BACKLOG at line 2 is stale: remove it",
                path.display()
            )
        );

        let text = "## BACKLOG\n- [A-1] a\n## IN PROGRESS\n";
        let path = dir.board(text);
        let e = transition(&path, "A-1", State::Todo).unwrap_err();
        assert_eq!((e.code(), e.location()), ("E_STATUS_FORMAT", None));
        assert_eq!(e.to_string(), "no '## TODO' section to move A-1 into; add the heading");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(transition(&dir.0.join("missing.md"), "A-1", State::Todo).unwrap_err().code(), "E_NOT_FOUND");
    }

    #[test]
    fn line_endings_bom_and_final_newline_are_kept() {
        let dir = TempDir::new();
        let crlf = BOARD.replace('\n', "\r\n");
        let path = dir.board(&crlf);
        transition_with(&path, "C-001", State::Todo, GENEROUS).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), moved(&crlf, 14, 10));

        let bom = format!("\u{feff}{BOARD}");
        let path = dir.board(&bom);
        assert_eq!(transition(&path, "C-001", State::Done).unwrap().line, 18);
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("\u{feff}{}", moved(BOARD, 14, 18)));

        // The moved line was the last one, without a line ending.
        let path = dir.board("## DONE\r\n\r\n## IN PROGRESS\r\n- [C-1] c");
        assert_eq!(transition(&path, "C-1", State::Done).unwrap().line, 2);
        assert_eq!(fs::read_to_string(&path).unwrap(), "## DONE\r\n- [C-1] c\r\n\r\n## IN PROGRESS");
        // The target heading was the last line, without a line ending.
        let path = dir.board("## IN PROGRESS\n- [C-1] c\n## DONE");
        assert_eq!(transition(&path, "C-1", State::Done).unwrap().line, 3);
        assert_eq!(fs::read_to_string(&path).unwrap(), "## IN PROGRESS\n## DONE\n- [C-1] c");
        assert_eq!(dir.leftovers(), Vec::<String>::new());
    }

    #[test]
    fn details_stay_with_their_story() {
        let dir = TempDir::new();
        let path = dir
            .board("## IN PROGRESS\n- [C-1] Doing\n## DONE\n- [D-1] Done\n  - detail\n\n  more detail\n\n## Notes\n");
        assert_eq!(transition(&path, "C-1", State::Done).unwrap().line, 7);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "## IN PROGRESS\n## DONE\n- [D-1] Done\n  - detail\n\n  more detail\n- [C-1] Doing\n\n## Notes\n"
        );
    }

    #[test]
    fn concurrent_moves_are_all_kept() {
        let ids: Vec<String> = (1..=8).map(|i| format!("S-{i:03}")).collect();
        let backlog: String = ids.iter().map(|id| format!("- [{id}] Story {id}\n")).collect();
        let dir = TempDir::new();
        let path = dir.board(&format!("# Board\n\n## BACKLOG\n\n{backlog}\n## TODO\n\n## DONE\n"));
        thread::scope(|scope| {
            for id in &ids {
                let path = &path;
                scope.spawn(move || transition_with(path, id, State::Todo, GENEROUS).unwrap());
            }
        });
        let board = load(&path).unwrap();
        let mut todo = ids_in(&board, State::Todo);
        todo.sort_unstable();
        assert_eq!(todo, ids);
        assert!(board.backlog.is_empty());
        assert_eq!(dir.leftovers(), Vec::<String>::new());
    }

    #[test]
    fn a_lock_file_left_behind_does_not_block_and_a_held_lock_times_out() {
        let dir = TempDir::new();
        let path = dir.board(BOARD);
        let lock = dir.0.join("workflow-status.md.lock");

        // A killed mover leaves its lock file, but not its OS lock: the next move goes ahead.
        File::create(&lock).unwrap();
        transition(&path, "C-001", State::Done).unwrap();
        assert_eq!(dir.leftovers(), Vec::<String>::new());

        // A live holder: waited for, and taken once it lets go.
        let held = atomic_file::Lock::acquire(&path, Instant::now()).unwrap().unwrap();
        let release = thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            drop(held);
        });
        transition(&path, "B-001", State::InProgress).unwrap();
        release.join().unwrap();

        let _held = atomic_file::Lock::acquire(&path, Instant::now()).unwrap().unwrap();
        let started = Instant::now();
        let e = transition(&path, "A-001", State::Todo).unwrap_err();
        assert!(started.elapsed() >= CONFLICT_TIMEOUT);
        assert_eq!(e.code(), "E_STATUS_CONFLICT");
        assert_eq!(
            e.to_string(),
            format!("{} is held by another process moving stories; gave up after 2 s", lock.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_symlinks_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new();
        let path = dir.board(BOARD);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.0.join("link.md");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        transition(&link, "C-001", State::Done).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&path).unwrap(), moved(BOARD, 14, 18));
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(dir.leftovers(), ["link.md"]);
    }
}
