//! The Markdown grammar of a board, taken from the real MADACE status files:
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

use super::dropped;
use super::model::{is_story_id, Board, State, Story};
use crate::codes::E_STATUS_FORMAT;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Issue, Location, Result};

/// One line of the text: `text` without its terminator, `end` after it.
pub(super) struct Line<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
}

impl Line<'_> {
    /// `""`, `"\n"` or `"\r\n"`, as the file has it.
    pub(super) fn ending<'t>(&self, all: &'t str) -> &'t str {
        &all[self.start + self.text.len()..self.end]
    }
}

#[derive(Clone, Copy)]
pub(super) struct Section {
    pub(super) heading: usize,
    pub(super) last_story: Option<usize>,
}

/// The board plus where its sections sit (0-based line indexes), for rewriting.
pub(super) struct Scan<'a> {
    pub(super) lines: Vec<Line<'a>>,
    pub(super) board: Board,
    pub(super) sections: [Option<Section>; 4],
}

pub(super) fn scan<'a>(text: &'a str, file: &str) -> Result<Scan<'a>> {
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
                    } else if let Some(message) = dropped::heading_typo(title).filter(|_| level == 2) {
                        board.problems.push(problem("heading", i, message));
                    }
                } else if let (Some(state), Some((id, title, points))) = (current, parse_story(line.text)) {
                    if let Some(message) = dropped::points_problem(line.text) {
                        board.problems.push(problem(&format!("stories.{id}"), i, message));
                    }
                    board.section_mut(state).push(Story { id, title, state, points, line: i + 1 });
                    if let Some(section) = &mut sections[state as usize] {
                        section.last_story = Some(i);
                    }
                } else if let Some(message) = current.and_then(|_| dropped::story_line_problem(line.text)) {
                    board.problems.push(problem("story", i, message));
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

/// A line of the board that would fall off it, at 0-based line `index`.
fn problem(field: &str, index: usize, message: String) -> Diagnostic {
    Diagnostic::from_issue(Severity::Error, E_STATUS_FORMAT, &Issue::new(field, Location::new(index + 1, 1), message))
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

pub(super) fn state_heading(title: &str) -> Option<State> {
    let name = title.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    State::ALL.into_iter().find(|state| {
        state.spellings().iter().any(|spelling| {
            name.get(..spelling.len()).is_some_and(|head| head.eq_ignore_ascii_case(spelling))
                && !name[spelling.len()..].trim_start().starts_with(|c: char| c.is_alphanumeric())
        })
    })
}

/// `(id, title, points)` when `line` is a story line.
pub(super) fn parse_story(line: &str) -> Option<(String, String, Option<u32>)> {
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

/// Groups longer than this are never a date or points, so they are not looked into.
pub(super) const MAX_GROUP: usize = 32;

/// Every `[...]` / `(...)` group of `text` that closes within `MAX_GROUP`
/// bytes, as (offset, inside). Each kind of closing bracket is searched for
/// only past the last one found, so a line of millions of brackets costs one
/// pass (searching the rest of the line for each was quadratic).
pub(super) fn groups(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
