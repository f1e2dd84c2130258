//! The one error type of the crate. Every failure a caller can see is a
//! variant here; `code()` is the stable string JS and the CLI expose.

use crate::codes;
use serde::Serialize;
use std::fmt;

/// A 1-based line / column position in a source file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes).
    pub column: usize,
}

impl Location {
    /// Line 1, column 1: where whole-file problems are placed.
    pub const START: Location = Location { line: 1, column: 1 };

    /// A location at `line`, `column` (both 1-based).
    pub fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem found while validating a document: `field` names the field
/// (`agent.menu[2].description`), the location is where it is (or should be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The field, as `agent.menu[2].description`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem, in characters.
    pub column: usize,
    /// For a value merged from customization layers: the layer that set it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<LayerRef>,
    /// The lint rule broken (`SKILL-04`, `skill-frontmatter-key`), for a lint issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

/// A customization layer an issue is in: which one, and its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerRef {
    /// `defaults`, `team` or `user` (a skill), or `base`, `base-user`,
    /// `custom`, `custom-user` (the central config).
    pub name: &'static str,
    /// The layer's file.
    pub path: String,
}

impl Issue {
    /// An issue at `field`, located `at`.
    pub fn new(field: impl Into<String>, at: Location, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            message: message.into(),
            line: at.line,
            column: at.column,
            layer: None,
            rule: None,
        }
    }

    /// An issue breaking lint rule `rule`, which the message names at its end.
    pub fn ruled(field: impl Into<String>, at: Location, rule: &'static str, message: impl Into<String>) -> Self {
        Issue { rule: Some(rule), ..Issue::new(field, at, format!("{} [{rule}]", message.into())) }
    }

    /// Where the issue is.
    pub fn location(&self) -> Location {
        Location::new(self.line, self.column)
    }

    /// Its line and column, the order issues are listed in ([`crate::sorted`]).
    pub fn position(&self) -> (usize, usize) {
        (self.line, self.column)
    }
}

/// Every failure a caller can see, one variant per kind; [`Error::code`] is
/// the stable code of each.
///
/// The fields mean the same in every variant: `file` is the path as the
/// caller gave it (`<input>` for parsed strings), `at` where the problem is,
/// `message` what is wrong, and `first` where a repeated key or story first
/// appeared.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // the fields, described once above
pub enum Error {
    /// `E_NOT_FOUND`: the file or folder does not exist, or what was looked
    /// for in a folder is not there; `message` says which.
    #[error("{message}")]
    NotFound { file: String, message: String },

    /// `E_NOT_A_FILE`: a directory or another non-regular file where a file was expected.
    #[error("{what}, expected a file")]
    NotAFile { file: String, what: &'static str },

    /// `E_NOT_A_DIRECTORY`: a file (or another non-folder) where a folder was expected.
    #[error("{what}, expected a folder")]
    NotADirectory { file: String, what: &'static str },

    /// `E_IO`: the file exists but cannot be read.
    #[error("cannot read: {message}")]
    Io { file: String, message: String },

    /// `E_ENCODING`: not UTF-8 text (invalid UTF-8 or a NUL byte).
    #[error("{message}")]
    Encoding { file: String, at: Location, message: String },

    /// `E_EMPTY`: no document (empty, only comments, or null).
    #[error("the document is empty")]
    Empty { file: String },

    /// `E_YAML`: malformed YAML.
    #[error("{message}")]
    Yaml { file: String, at: Location, message: String },

    /// `E_DUPLICATE_KEY`: a mapping repeats a key.
    /// `hint` says what the repeat probably means, or is empty.
    #[error("duplicate key '{key}' (first defined at line {}){hint}", .first.line)]
    DuplicateKey { file: String, at: Location, key: String, first: Location, hint: String },

    /// `E_MULTIPLE_DOCUMENTS`: a second `---` document.
    #[error("a second YAML document starts here; a definition file holds exactly one")]
    MultipleDocuments { file: String, at: Location },

    /// `E_TOML`: malformed TOML (a customization or config layer).
    #[error("{message}")]
    Toml { file: String, at: Location, message: String },

    /// `E_TAG`: a tag outside the YAML core schema.
    #[error("unsupported YAML tag '{tag}' (only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!seq, !!map are allowed)")]
    Tag { file: String, at: Location, tag: String },

    /// `E_LIMIT`: a safety limit (size, depth, alias expansion) was reached.
    #[error("{message}")]
    Limit { file: String, at: Option<Location>, message: String },

    /// `E_SCHEMA`: valid YAML that is not a valid definition; every problem is in `issues`.
    #[error("{}", schema_summary(.issues))]
    Schema { file: String, issues: Vec<Issue> },

    /// `E_PATH`: a path or id that escapes the allowed root.
    #[error("{message}")]
    Path { file: String, message: String },

    /// `E_INTERNAL`: a bug in madace-core (a caught panic).
    #[error("internal error in madace-core (please report it): {message}")]
    Internal { file: String, message: String },

    /// `E_NOT_IN_BUILD`: a kind of file this build of the core leaves out
    /// ([`crate::reach`]); `what` names the kind.
    #[error("{what} is not read by madace-core/wasm/yaml, which reads the YAML definitions alone: import madace-core/wasm (or madace-core), which reads every kind")]
    NotInBuild { file: String, what: &'static str },

    /// `E_STATUS_FORMAT`: a status file that is not a board: no state section, a state twice, a missing target section.
    #[error("{message}")]
    StatusFormat { file: String, at: Option<Location>, message: String },

    /// `E_UNKNOWN_STATE`: a target state the board does not have; `expected`
    /// lists its states, `hint` is a "did you mean" or empty.
    #[error("unknown story state '{value}' (expected {expected}){hint}")]
    UnknownState { file: String, value: String, expected: String, hint: String },

    /// `E_STORY_NOT_FOUND`: no story with that id on the board; `place` says
    /// where it was looked for, `hint` is a "did you mean" or empty.
    #[error("no story '{id}' {place}{hint}")]
    StoryNotFound { file: String, id: String, place: &'static str, hint: String },

    /// `E_DUPLICATE_STORY`: the story to move is listed more than once.
    /// `hint` says what to do.
    #[error("story '{id}' is listed more than once (first at line {}){hint}", .first.line)]
    DuplicateStory { file: String, at: Location, id: String, first: Location, hint: String },

    /// `E_TRANSITION`: a move the state machine does not allow.
    #[error("{message}")]
    Transition { file: String, at: Location, message: String },

    /// `E_STATUS_LIMIT`: the move would exceed the TODO / IN PROGRESS limit.
    #[error("{message}")]
    StatusLimit { file: String, at: Location, message: String },

    /// `E_STATUS_CONFLICT`: the status file stayed locked or kept changing.
    #[error("{message}")]
    StatusConflict { file: String, message: String },

    /// `E_PATCH`: an edit operation that is malformed, points nowhere, fails its
    /// `test`, or cannot be written in this file; `message` names the operation.
    #[error("{message}")]
    Patch { file: String, message: String },

    /// `E_EDIT_CONFLICT`: the file is not the text the edit was computed from, or stayed locked.
    #[error("{message}")]
    EditConflict { file: String, message: String },

    /// `E_EXISTS`: a new definition would replace a file that exists.
    #[error("the file exists; a new definition never replaces one (edit it with applyEdits)")]
    Exists { file: String },
}

fn schema_summary(issues: &[Issue]) -> String {
    match issues {
        [one] => format!("{}: {}", one.field, one.message),
        _ => issues.iter().fold(format!("{} problems", issues.len()), |out, issue| {
            format!("{out}\n  {}  {}: {}", issue.location(), issue.field, issue.message)
        }),
    }
}

impl Error {
    /// `E_NOT_FOUND` for a missing file, saying whether its folder exists
    /// (a typo in the file name, or in the folder's).
    pub fn missing_file(path: &std::path::Path, file: &str) -> Error {
        let message = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) if dir.is_dir() => format!("no such file (its folder {} exists)", dir.display()),
            Some(dir) => format!("no such file: its folder {} does not exist either", dir.display()),
            None => "no such file".into(),
        };
        Error::NotFound { file: file.to_string(), message }
    }

    /// The stable code: part of the public API (README, index.d.ts).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => codes::E_NOT_FOUND,
            Error::NotAFile { .. } => codes::E_NOT_A_FILE,
            Error::NotADirectory { .. } => codes::E_NOT_A_DIRECTORY,
            Error::Io { .. } => codes::E_IO,
            Error::Encoding { .. } => codes::E_ENCODING,
            Error::Empty { .. } => codes::E_EMPTY,
            Error::Yaml { .. } => codes::E_YAML,
            Error::DuplicateKey { .. } => codes::E_DUPLICATE_KEY,
            Error::MultipleDocuments { .. } => codes::E_MULTIPLE_DOCUMENTS,
            Error::Toml { .. } => codes::E_TOML,
            Error::Tag { .. } => codes::E_TAG,
            Error::Limit { .. } => codes::E_LIMIT,
            Error::Schema { .. } => codes::E_SCHEMA,
            Error::Path { .. } => codes::E_PATH,
            Error::Internal { .. } => codes::E_INTERNAL,
            Error::NotInBuild { .. } => codes::E_NOT_IN_BUILD,
            Error::StatusFormat { .. } => codes::E_STATUS_FORMAT,
            Error::UnknownState { .. } => codes::E_UNKNOWN_STATE,
            Error::StoryNotFound { .. } => codes::E_STORY_NOT_FOUND,
            Error::DuplicateStory { .. } => codes::E_DUPLICATE_STORY,
            Error::Transition { .. } => codes::E_TRANSITION,
            Error::StatusLimit { .. } => codes::E_STATUS_LIMIT,
            Error::StatusConflict { .. } => codes::E_STATUS_CONFLICT,
            Error::Patch { .. } => codes::E_PATCH,
            Error::EditConflict { .. } => codes::E_EDIT_CONFLICT,
            Error::Exists { .. } => codes::E_EXISTS,
        }
    }

    /// The file the error concerns, as the caller named it.
    pub fn file(&self) -> &str {
        match self {
            Error::NotFound { file, .. }
            | Error::NotAFile { file, .. }
            | Error::NotADirectory { file, .. }
            | Error::Io { file, .. }
            | Error::Encoding { file, .. }
            | Error::Empty { file }
            | Error::Yaml { file, .. }
            | Error::DuplicateKey { file, .. }
            | Error::MultipleDocuments { file, .. }
            | Error::Tag { file, .. }
            | Error::Toml { file, .. }
            | Error::Limit { file, .. }
            | Error::Schema { file, .. }
            | Error::Path { file, .. }
            | Error::Internal { file, .. }
            | Error::NotInBuild { file, .. }
            | Error::StatusFormat { file, .. }
            | Error::UnknownState { file, .. }
            | Error::StoryNotFound { file, .. }
            | Error::DuplicateStory { file, .. }
            | Error::Transition { file, .. }
            | Error::StatusLimit { file, .. }
            | Error::StatusConflict { file, .. }
            | Error::Patch { file, .. }
            | Error::EditConflict { file, .. }
            | Error::Exists { file } => file,
        }
    }

    /// Where the problem is; `None` when it concerns the file as a whole.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Encoding { at, .. }
            | Error::Yaml { at, .. }
            | Error::DuplicateKey { at, .. }
            | Error::MultipleDocuments { at, .. }
            | Error::Tag { at, .. }
            | Error::Toml { at, .. }
            | Error::DuplicateStory { at, .. }
            | Error::Transition { at, .. }
            | Error::StatusLimit { at, .. } => Some(*at),
            Error::Empty { .. } => Some(Location::START),
            Error::Limit { at, .. } | Error::StatusFormat { at, .. } => *at,
            Error::Schema { issues, .. } => issues.first().map(Issue::location),
            Error::NotFound { .. }
            | Error::NotAFile { .. }
            | Error::NotADirectory { .. }
            | Error::Io { .. }
            | Error::Path { .. }
            | Error::Internal { .. }
            | Error::NotInBuild { .. }
            | Error::UnknownState { .. }
            | Error::StoryNotFound { .. }
            | Error::StatusConflict { .. }
            | Error::Patch { .. }
            | Error::EditConflict { .. }
            | Error::Exists { .. } => None,
        }
    }

    /// Every schema problem of an `E_SCHEMA` error; empty for the others.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Schema { issues, .. } => issues,
            _ => &[],
        }
    }

    /// `file:line:column: detail`, for Rust callers that print an error alone.
    pub fn full_message(&self) -> String {
        match self.location() {
            Some(at) => format!("{}:{at}: {self}", self.file()),
            None => format!("{}: {self}", self.file()),
        }
    }

    /// The error as one JSON object, the shape the JS boundary and `--json`
    /// share; `message` says what is wrong, without the file and location
    /// (the JS side places them once).
    pub fn to_json(&self) -> serde_json::Value {
        let at = self.location();
        let mut value = serde_json::json!({
            "code": self.code(),
            "message": self.to_string(),
            "path": self.file(),
            "line": at.map(|l| l.line),
            "column": at.map(|l| l.column),
        });
        if let Error::Schema { issues, .. } = self {
            value["issues"] = serde_json::json!(issues);
        }
        value
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
