//! Moving a story in a board's text. only BACKLOG→TODO, TODO→IN_PROGRESS, TODO→BACKLOG,
//! IN_PROGRESS→DONE and IN_PROGRESS→TODO, within the TODO / IN PROGRESS
//! limits. The story's line is cut out and inserted, byte for byte with its
//! own line ending, after the target section's last story (after that story's
//! indented detail lines, which belong to it) or right after the heading when
//! the section has no story. A missing target heading is an error: where a
//! new section would go is the author's call. Every other byte is kept,
//! including a BOM and a missing final newline.

use super::markdown::{scan, Line, Section};
use super::model::{Limits, State, Story};
use super::rules::{count, ids, stale_message};
use crate::error::{Error, Location, Result};

/// The new text with story `id` moved to `to`, and the moved story; or why not.
pub fn plan(text: &str, file: &str, id: &str, to: State, limits: Limits) -> Result<(String, Story)> {
    let scanned = scan(text, file)?;
    let board = &scanned.board;
    // A move rewrites the file: never one whose lines would fall off the board.
    if let Some(problem) = board.problems.first() {
        return Err(Error::StatusFormat {
            file: file.to_string(),
            at: problem.line.map(|line| Location::new(line, 1)),
            message: format!("{}; fix the board before moving stories", problem.message),
        });
    }
    let mut found: Vec<&Story> = board.stories().filter(|s| s.id == id).collect();
    found.sort_by_key(|s| s.line);
    let story = match found[..] {
        [] => {
            return Err(Error::StoryNotFound {
                file: file.to_string(),
                id: id.to_string(),
                place: "in the BACKLOG, TODO, IN PROGRESS or DONE sections",
                hint: crate::schema::suggest::did_you_mean(id, board.stories().map(|s| s.id.as_str())),
            })
        }
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
