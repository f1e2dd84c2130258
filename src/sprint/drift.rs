//! A sprint board against its story files: BMAD writes each story to
//! `<story_location>/<key>.md` with a `Status:` line, and the board and the
//! file drift apart when one is edited without the other.

use crate::codes::{W_STORY_DRIFT, W_STORY_FILE_MISSING};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Issue, Location};
use crate::sprint::{grammar, SprintStatus};
use std::path::{Path, PathBuf};

/// Where the board's story files are: `story_location` (`{project-root}`
/// resolved, relative to the project root), else the board's own folder.
fn story_dir(board_path: &Path, board: &SprintStatus, root: &Path) -> PathBuf {
    match board.metadata.get("story_location").and_then(|v| v.as_str()) {
        Some(location) => {
            let location = location.replace("{project-root}/", "").replace("{project-root}", ".");
            root.join(location)
        }
        None => board_path.parent().unwrap_or(root).to_path_buf(),
    }
}

/// The status a story file states on its `Status:` line (`**Status:**` too), if any.
fn file_status(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim().trim_start_matches("**");
        let rest = line.strip_prefix("Status:").or_else(|| line.strip_prefix("status:"))?;
        let value = rest.trim_start_matches("**").trim();
        value.split_whitespace().next().map(str::to_lowercase)
    })
}

/// Warnings where a story file and the board disagree, or where the board
/// says a story is past `backlog` but its file does not exist; located at
/// the board's entry.
pub fn drift(board_path: &Path, board: &SprintStatus, root: &Path) -> Vec<Diagnostic> {
    let dir = story_dir(board_path, board, root);
    let mut found = Vec::new();
    for story in board.epics.iter().flat_map(|e| &e.stories) {
        let Some(status) = story.status.as_deref() else { continue };
        let status = grammar::modern(status).unwrap_or(status);
        let file = dir.join(format!("{}.md", story.key));
        let at = Location::new(story.line, 3);
        let field = format!("development_status.{}", story.key);
        let (code, message) = match crate::source::read_text(&file) {
            Err(_) if status != "backlog" => (
                W_STORY_FILE_MISSING,
                format!("the board says '{status}', but the story file {} does not exist", file.display()),
            ),
            Ok(text) => match file_status(&text) {
                Some(said) if grammar::modern(&said).unwrap_or(&said) != status => (
                    W_STORY_DRIFT,
                    format!("the story file {} says 'Status: {said}', the board says '{status}'", file.display()),
                ),
                _ => continue,
            },
            Err(_) => continue,
        };
        let diagnostic = Diagnostic::from_issue(Severity::Warning, code, &Issue::new(field, at, message));
        found.push(diagnostic.at_path(&board_path.display().to_string()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_as_stories_write_them() {
        assert_eq!(file_status("# Story 1.2\n\nStatus: review\n").as_deref(), Some("review"));
        assert_eq!(file_status("**Status:** Done\n").as_deref(), Some("done"));
        assert_eq!(file_status("no status here\n"), None);
    }
}
