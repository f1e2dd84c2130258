//! Story status boards (`workflow-status.md`): the BACKLOG / TODO /
//! IN PROGRESS / DONE sections, the one-story limits, and moving a story
//! between sections by rewriting only its line, atomically and without losing
//! a concurrent move. [`model`] holds the board, [`markdown`] reads it,
//! [`rules`] says what it breaks, [`edit`] moves a line, and
//! [`atomic_file`] locks and replaces the file.

mod dropped;
pub mod edit;
mod markdown;
pub mod model;
mod rules;

use crate::atomic_file::{self, GaveUp};
use crate::error::{Error, Result};
use crate::source;
use markdown::scan;
pub use model::{Board, Limits, State, Story};
pub use rules::validate;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a move keeps retrying while the file is locked or keeps changing.
const CONFLICT_TIMEOUT: Duration = Duration::from_secs(2);

/// Reads and parses a status file.
pub fn load(path: &Path) -> Result<Board> {
    source::load(path, |text, file| Ok(scan(text, file)?.board))
}

/// Parses status markdown given as a string; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Board> {
    source::parse(text, Some(file), |text, file| Ok(scan(text, file)?.board))
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
    let plan = |text: &str| edit::plan(text, &file, id, to, limits).map(|(new_text, story)| (Some(new_text), story));
    let gave_up = |why| {
        let message = match why {
            GaveUp::Busy(lock) => format!(
                "{} is held by another process moving stories; gave up after {} s",
                lock.display(),
                CONFLICT_TIMEOUT.as_secs()
            ),
            GaveUp::KeptChanging => {
                format!("the file kept changing while moving {id}; gave up after {} s", CONFLICT_TIMEOUT.as_secs())
            }
        };
        Error::StatusConflict { file: file.clone(), message }
    };
    atomic_file::rewrite(path, source::read_text(path)?, deadline, plan, gave_up)
}

#[cfg(test)]
mod tests {
    use super::markdown::*;
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::error::{Issue, Location};
    use std::fs;
    use std::fs::File;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread;

    const BOARD: &str = "# Status\n\n## BACKLOG\n\n- [A-001] First [Points: 1]\n- [A-002] Second [2 pts]\n\n## TODO\n\n- [B-001] Todo one [Points: 3]\n\n## IN PROGRESS\n\n- [C-001] Doing (2025-10-20) [Points: 5]\n\n## DONE\n\n- [D-001] Finished (2025-10-01) [1 pt]\n\n## Notes\n\n- [E-001] in notes, not a story\n";

    fn error(code: &'static str, issue: Issue) -> Diagnostic {
        Diagnostic::from_issue(Severity::Error, code, &issue)
    }

    fn stale(issue: Issue) -> Diagnostic {
        Diagnostic::from_issue(Severity::Warning, "W_STALE_STORY", &issue)
    }

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
        assert!(issues.iter().all(|i| i.code == "W_STALE_STORY"), "{issues:?}");
        assert_eq!(
            issues[0],
            stale(Issue::new(
                "stale.STORY-V3-001",
                Location::new(59, 1),
                "STORY-V3-001 is done (listed in DONE at line 1091); this entry in BACKLOG at line 59 is stale: remove it"
            ))
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
        assert_eq!(
            (
                issues.len(),
                issues.iter().filter(|i| i.field.as_deref().is_some_and(|f| f.starts_with("stale."))).count()
            ),
            (36, 36)
        );
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
                error(
                    "E_DUPLICATE_STORY",
                    Issue::new(
                        "stories.A-1",
                        Location::new(3, 1),
                        "duplicate story id A-1 (first at line 2 in BACKLOG)"
                    )
                ),
                stale(Issue::new(
                    "stale.T-1",
                    Location::new(5, 1),
                    "T-1 is done (listed in DONE at line 12); this entry in TODO at line 5 is stale: remove it"
                )),
                error(
                    "E_STATUS_LIMIT",
                    Issue::new("todo", Location::new(6, 1), "TODO holds 2 stories (T-1, T-2); the limit is 1")
                ),
                error(
                    "E_STATUS_LIMIT",
                    Issue::new(
                        "inProgress",
                        Location::new(9, 1),
                        "IN PROGRESS holds 3 stories (P-1, P-2, P-3); the limit is 1"
                    )
                ),
                error(
                    "E_DUPLICATE_STORY",
                    Issue::new(
                        "stories.D-1",
                        Location::new(14, 1),
                        "duplicate story id D-1 (first at line 13 in DONE)"
                    )
                ),
            ]
        );
        assert_eq!(validate(&board, Limits { max_todo: 2, max_in_progress: 3 }).len(), 3);
        let none_allowed = validate(&board, Limits { max_todo: 0, max_in_progress: 3 });
        assert_eq!(
            none_allowed[1],
            error(
                "E_STATUS_LIMIT",
                Issue::new("todo", Location::new(5, 1), "TODO holds 2 stories (T-1, T-2); the limit is 0")
            )
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
