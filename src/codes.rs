//! Every code a problem can carry, once: its severity, a title and a help
//! text. `ERROR_CODES`, the SARIF rules and the README's table come from
//! here or are checked against it (tests). A leaf: it depends on nothing of
//! the crate, so that errors and diagnostics can both name its codes.

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file did not load (or, with `strict`, broke a lint rule).
    Error,
    /// The file loaded, but something in it or that it refers to is wrong.
    Warning,
}

/// What a code means.
#[derive(Debug, Serialize)]
pub struct CodeInfo {
    /// The stable code.
    pub code: &'static str,
    /// How bad a problem with this code is.
    pub severity: Severity,
    /// Whether a call can throw it (else it is only a report entry).
    pub thrown: bool,
    /// A few words.
    pub title: &'static str,
    /// What it means and what to do.
    pub help: &'static str,
}

macro_rules! codes {
    ($($name:ident = $severity:ident, $thrown:literal, $title:literal, $help:literal;)*) => {
        $(
            #[doc = $title]
            pub const $name: &str = stringify!($name);
        )*
        /// Every code, errors first.
        pub const CODES: &[CodeInfo] = &[
            $(CodeInfo { code: $name, severity: Severity::$severity, thrown: $thrown, title: $title, help: $help },)*
        ];
    };
}

codes! {
    E_NOT_FOUND = Error, true, "File or folder not found",
        "The path does not exist, or what was looked for in a folder (a framework folder, a module, an id) is not there: the message says which.";
    E_NOT_A_FILE = Error, true, "Not a regular file",
        "A directory or special file was given where a definition file was expected.";
    E_NOT_A_DIRECTORY = Error, true, "Not a folder",
        "A file was given where a folder (of agents, or a project root) was expected.";
    E_IO = Error, true, "File cannot be read",
        "The file exists but could not be read (permissions, a device error).";
    E_ENCODING = Error, true, "Not UTF-8 text",
        "Definition files must be UTF-8 text without NUL bytes; re-save the file as UTF-8.";
    E_EMPTY = Error, true, "Empty document",
        "The file holds no document: add the definition, or remove the file.";
    E_YAML = Error, true, "Malformed YAML",
        "The file is not valid YAML at this position: fix the indentation, quoting or syntax as the message says.";
    E_DUPLICATE_KEY = Error, true, "Duplicate key",
        "A mapping repeats a key; keep one (a missing '- ' before a new list item often causes this).";
    E_MULTIPLE_DOCUMENTS = Error, true, "Several YAML documents",
        "A definition file holds exactly one document: remove the second '---'.";
    E_TAG = Error, true, "Unsupported YAML tag",
        "Only the YAML core schema tags are allowed; tags are never executed.";
    E_TOML = Error, true, "Malformed TOML",
        "A customization or config layer is not valid TOML; the location is in that layer file.";
    E_LIMIT = Error, true, "Safety limit reached",
        "The input is too large, too deeply nested or expands too much through aliases.";
    E_SCHEMA = Error, true, "Invalid definition",
        "Valid YAML or TOML that is not a valid definition: the message names the field and what it needs.";
    E_PATH = Error, true, "Path outside the root",
        "A path or id leads outside the allowed folder.";
    E_INTERNAL = Error, true, "Internal error",
        "A bug in madace-core: please report it with the file.";
    E_NOT_READY = Error, true, "WebAssembly module not loaded yet",
        "In a browser, madace-core/wasm loads its module asynchronously: `await init()` once before the first call (the main entry's browser build does it on import).";
    MADACE_NODE_RUNTIME_REQUIRED = Error, true, "Needs the Node.js runtime",
        "A function that reads or writes files was called where madace-core runs without Node.js (a browser, an Edge runtime, a worker, madace-core/wasm): call it from server code on Node.js (Next.js: `export const runtime = 'nodejs'`), or hand the text to a text function (parseAgent, validateText, editText, …), which run everywhere.";
    E_NOT_IN_BUILD = Error, true, "Not in this build",
        "madace-core/wasm/yaml, the small WebAssembly build, reads the YAML definitions alone (agents, workflows, core/config.yaml, sprint-status.yaml): for a SKILL.md or a TOML layer, import madace-core/wasm (or madace-core), which read every kind.";
    E_STATUS_FORMAT = Error, true, "Not a story board",
        "A status file without state sections, with one twice, or without the section a move needs.";
    E_UNKNOWN_STATE = Error, true, "Unknown story state",
        "A target state other than BACKLOG, TODO, IN_PROGRESS or DONE.";
    E_STORY_NOT_FOUND = Error, true, "Story not found",
        "No story with that id in the board's state sections.";
    E_DUPLICATE_STORY = Error, true, "Story listed twice",
        "A story appears more than once on the board; remove the extra line.";
    E_TRANSITION = Error, true, "Move not allowed",
        "The state machine does not allow this move.";
    E_STATUS_LIMIT = Error, true, "Story limit reached",
        "TODO or IN PROGRESS holds more stories than its limit.";
    E_STATUS_CONFLICT = Error, true, "Board busy",
        "The status file stayed locked or kept changing; try again.";
    E_PATCH = Error, true, "Edit not applicable",
        "An edit operation is malformed, points at nothing, fails its test, or cannot be written in this file; the message names the operation by its index. The file is unchanged.";
    E_EDIT_CONFLICT = Error, true, "File changed under the edit",
        "The file is no longer the text the edit was computed from (options.expected), or stayed locked; read it again and redo the edit. The file is unchanged.";
    E_EXISTS = Error, true, "File exists",
        "A new definition never replaces a file: pick another path, or change the existing file with applyEdits.";
    E_SPRINT_STATUS = Error, false, "Invalid sprint status",
        "BMAD's sprint-status.yaml breaks a rule of BMAD's own checker (sprint_plan.py validate): a required key, a timestamp, a key of development_status, a status, an action item.";
    E_LINT = Error, false, "Strict lint rule",
        "A rule of the strict conventions (--strict) that the file breaks; the message names the rule in brackets, and `rule` holds its id (BMAD's own, such as SKILL-04, where BMAD has one).";
    E_UNKNOWN_KIND = Error, false, "Not a definition file",
        "A file validate cannot tell the kind of by its name, or a TOML layer of a skill that does not exist; rename the file or leave it out.";
    W_LINT = Warning, false, "Lint rule (warning)",
        "A strict rule whose breach a tool still loads past (BMAD's MEDIUM and LOW findings, a frontmatter key the Agent Skills specification does not define); `rule` holds its id.";
    W_RENAMED_SKILL = Warning, false, "Override of a missing skill",
        "An override file in _bmad/custom/ names a skill that is not installed (renamed or retired): it customizes nothing. The message names the current skill when there is one.";
    W_UNKNOWN_PLACEHOLDER = Warning, false, "Unknown placeholder",
        "Override text uses a {placeholder} that the skill's own files never define, so it reaches the agent unreplaced (BMAD 6.12 renamed some: {diff_output} is {diff_file}).";
    W_UNKNOWN_KEY = Warning, false, "Unknown key",
        "A key the schema does not know: a typo (the message suggests the key meant) or a key no tool reads.";
    W_WORKFLOW_NOT_FOUND = Warning, false, "Workflow not found",
        "A menu item refers to a workflow file, or a workflow name, that does not exist.";
    W_SUBWORKFLOW_NOT_FOUND = Warning, false, "Sub-workflow not found",
        "A sub-workflow step's workflow_path does not exist.";
    W_SUBWORKFLOW_CYCLE = Warning, false, "Sub-workflow cycle",
        "Sub-workflows call each other in a cycle.";
    W_CONFIG_NOT_FOUND = Warning, false, "No core config",
        "The project has no core/config.yaml (BMAD 6.x projects, configured by _bmad/config.toml, need none).";
    W_LEGACY_STATUS = Warning, false, "Legacy sprint status",
        "A BMAD v6 status (drafted, contexted) that BMAD still reads as its modern one (ready-for-dev, in-progress); write the modern one.";
    W_STORY_DRIFT = Warning, false, "Story file and board disagree",
        "A story file's Status: line and sprint-status.yaml say different things; update the one that is behind.";
    W_STORY_FILE_MISSING = Warning, false, "Story file missing",
        "sprint-status.yaml says a story is past backlog, but its file (<story_location>/<key>.md) does not exist.";
    W_STALE_STORY = Warning, false, "Stale story entry",
        "A story listed in DONE is also listed in another section: remove the stale line.";
}

/// What `code` means; `None` for a code that is not in the catalog.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_named_by_severity() {
        for (i, c) in CODES.iter().enumerate() {
            assert!(CODES[..i].iter().all(|o| o.code != c.code), "{} twice", c.code);
            let prefix = if c.severity == Severity::Warning { "W_" } else { "E_" };
            // Named before the catalog had it; callers test for it by name.
            assert!(c.code.starts_with(prefix) || c.code == MADACE_NODE_RUNTIME_REQUIRED, "{}", c.code);
        }
    }
}
