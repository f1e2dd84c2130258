//! Lines of a board that would silently fall off it: a section heading
//! misspelled (`## DOEN`: its stories belong to no section), a story written
//! without its id in brackets (`- TASK-008 Email reminders`), an empty or
//! malformed id (`- [] …`, `- [task-8] …`), points that are no number
//! (`[Points: five]`). Each is a located problem of the board, so nothing a
//! user wrote vanishes without a word. Other bullets in a section (an epic's
//! feature list, notes) are prose and stay prose.

use super::model::{is_story_id, State};
use crate::schema::suggest;

/// What is wrong with a level-2 heading that is not a state heading but
/// nearly spells one: the message, naming the state meant.
pub(super) fn heading_typo(title: &str) -> Option<String> {
    let name = title.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).trim();
    let word: String = name.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_')).collect();
    let word = word.trim().to_ascii_uppercase();
    // The same rule as every "did you mean" of madace-core's.
    let spellings = State::ALL.into_iter().flat_map(|state| state.spellings().iter().copied());
    let spelling = suggest::near_miss(&word, spellings)?;
    let meant = State::ALL.into_iter().find(|state| state.spellings().contains(&spelling))?;
    Some(format!(
        "'## {title}' is not a section of the board, so the stories under it are on none: did you mean '## {}'?",
        meant.heading()
    ))
}

/// What is wrong with a bullet line of a state section that is not a story
/// but was meant as one, if it was.
pub(super) fn story_line_problem(line: &str) -> Option<String> {
    // A bullet in column 1, as stories are (`**EPIC-1: …**` is a bold line, not one).
    let rest = line.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with([' ', '\t']))?.trim_start();
    let rest = ["[ ]", "[x]", "[X]"].iter().find_map(|b| rest.strip_prefix(b)).map_or(rest, str::trim_start);
    let rest = rest.trim_start_matches(['*', '_']);
    if let Some(inside) = rest.strip_prefix('[') {
        let id = inside.split(']').next().unwrap_or_default();
        if inside.contains(']') && !inside.starts_with(|c: char| c.is_ascii_whitespace()) && !id.contains(' ') {
            return Some(match id {
                "" => "the story's id is empty: write it between the brackets, as `- [TASK-008] Title`".to_string(),
                _ if id.contains('-') || id.chars().any(|c| c.is_ascii_digit()) => format!(
                    "'{id}' is not a story id: ids are uppercase letters and digits in '-'-joined groups, starting with a letter (TASK-008)"
                ),
                _ => return None,
            });
        }
        return None;
    }
    let token: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != ':').collect();
    let token = token.trim_end_matches(['*', '_']);
    // A story's id written bare; one with a digit, so that a word such as
    // `BMAD-STYLE` in a feature list stays prose.
    let bare_id = is_story_id(token) && token.bytes().any(|b| b.is_ascii_digit());
    bare_id.then(|| format!("a story's id goes in brackets: write `- [{token}] …`"))
}

/// What is wrong with the points of a story line (`[Points: five]`), if anything.
pub(super) fn points_problem(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("points:")?;
    let value: String = line[at + "points:".len()..].chars().take_while(|c| !matches!(c, ']' | ')')).collect();
    let value = value.trim();
    (value.parse::<u32>().is_err())
        .then(|| format!("points '{value}' are not a whole number: write them as `[Points: 5]`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelled_state_headings_name_the_state_meant() {
        assert_eq!(
            heading_typo("DOEN").as_deref(),
            Some(
                "'## DOEN' is not a section of the board, so the stories under it are on none: did you mean '## DONE'?"
            )
        );
        assert!(heading_typo("In Progres").unwrap().ends_with("did you mean '## IN PROGRESS'?"));
        assert!(heading_typo("✅ BAKCLOG").unwrap().ends_with("did you mean '## BACKLOG'?"));
        for prose in ["Notes", "Done criteria", "Summary", "Velocity", "Epics", "Do"] {
            assert_eq!(heading_typo(prose), None, "{prose}");
        }
    }

    #[test]
    fn story_lines_without_their_brackets_are_named() {
        assert_eq!(
            story_line_problem("- TASK-008 Email reminders").as_deref(),
            Some("a story's id goes in brackets: write `- [TASK-008] …`")
        );
        assert!(story_line_problem("- **TASK-8**: x").is_some());
        assert!(story_line_problem("- [] Title").unwrap().starts_with("the story's id is empty"));
        assert!(story_line_problem("- [task-8] Title").unwrap().starts_with("'task-8' is not a story id"));
        assert_eq!(story_line_problem("**EPIC-V3-001: Router** (10 stories)"), None);
        for prose in [
            "- Tech spec template with story context",
            "- 80-95% token reduction",
            "- [ ] todo item",
            "- [link](x)",
            "- BMAD-style flow",
        ] {
            assert_eq!(story_line_problem(prose), None, "{prose}");
        }
        assert_eq!(
            points_problem("- [A-1] T [Points: five]").as_deref(),
            Some("points 'five' are not a whole number: write them as `[Points: 5]`")
        );
        assert_eq!(points_problem("- [A-1] T [Points: 5]"), None);
    }
}
