//! The one error type of the crate. Every failure a caller can see is a
//! variant here; `code()` is the stable string JS and the CLI expose.

use serde::Serialize;
use std::fmt;

/// A 1-based line / column position in a source file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem found while validating a document: `path` names the field
/// (`agent.menu[2].description`), the location is where it is (or should be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Issue {
    pub fn new(path: impl Into<String>, at: Location, message: impl Into<String>) -> Self {
        Issue { path: path.into(), message: message.into(), line: at.line, column: at.column }
    }

    pub fn location(&self) -> Location {
        Location::new(self.line, self.column)
    }
}

/// `file` is the path as the caller gave it (or `<input>` for parsed strings).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no such file or directory")]
    NotFound { file: String },

    #[error("{what}, expected a file")]
    NotAFile { file: String, what: &'static str },

    #[error("cannot read: {message}")]
    Io { file: String, message: String },

    #[error("{message}")]
    Encoding { file: String, at: Location, message: String },

    #[error("the document is empty")]
    Empty { file: String },

    #[error("{message}")]
    Yaml { file: String, at: Location, message: String },

    #[error("duplicate key '{key}' (first defined at line {})", .first.line)]
    DuplicateKey { file: String, at: Location, key: String, first: Location },

    #[error("a second YAML document starts here; a definition file holds exactly one")]
    MultipleDocuments { file: String, at: Location },

    #[error("unsupported YAML tag '{tag}' (only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!seq, !!map are allowed)")]
    Tag { file: String, at: Location, tag: String },

    #[error("{message}")]
    Limit { file: String, at: Option<Location>, message: String },

    #[error("{}", schema_summary(.issues))]
    Schema { file: String, issues: Vec<Issue> },

    #[error("{message}")]
    Path { file: String, message: String },

    #[error("internal error in madace-core (please report it): {message}")]
    Internal { file: String, message: String },

    /// A status file that is not a board: no state section, a state twice, a missing target section.
    #[error("{message}")]
    StatusFormat { file: String, at: Option<Location>, message: String },

    #[error("unknown story state '{value}' (expected BACKLOG, TODO, IN_PROGRESS or DONE)")]
    UnknownState { file: String, value: String },

    #[error("no story '{id}' in the BACKLOG, TODO, IN PROGRESS or DONE sections")]
    StoryNotFound { file: String, id: String },

    #[error("story '{id}' is listed more than once (first at line {}); remove the duplicate before moving it", .first.line)]
    DuplicateStory { file: String, at: Location, id: String, first: Location },

    #[error("{message}")]
    Transition { file: String, at: Location, message: String },

    #[error("{message}")]
    StatusLimit { file: String, at: Location, message: String },

    #[error("{message}")]
    StatusConflict { file: String, message: String },
}

fn schema_summary(issues: &[Issue]) -> String {
    match issues {
        [one] => format!("{}: {}", one.path, one.message),
        _ => issues.iter().fold(format!("{} problems", issues.len()), |out, issue| {
            format!("{out}\n  {}  {}: {}", issue.location(), issue.path, issue.message)
        }),
    }
}

impl Error {
    /// The stable code: part of the public API (README, index.d.ts).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "E_NOT_FOUND",
            Error::NotAFile { .. } => "E_NOT_A_FILE",
            Error::Io { .. } => "E_IO",
            Error::Encoding { .. } => "E_ENCODING",
            Error::Empty { .. } => "E_EMPTY",
            Error::Yaml { .. } => "E_YAML",
            Error::DuplicateKey { .. } => "E_DUPLICATE_KEY",
            Error::MultipleDocuments { .. } => "E_MULTIPLE_DOCUMENTS",
            Error::Tag { .. } => "E_TAG",
            Error::Limit { .. } => "E_LIMIT",
            Error::Schema { .. } => "E_SCHEMA",
            Error::Path { .. } => "E_PATH",
            Error::Internal { .. } => "E_INTERNAL",
            Error::StatusFormat { .. } => "E_STATUS_FORMAT",
            Error::UnknownState { .. } => "E_UNKNOWN_STATE",
            Error::StoryNotFound { .. } => "E_STORY_NOT_FOUND",
            Error::DuplicateStory { .. } => "E_DUPLICATE_STORY",
            Error::Transition { .. } => "E_TRANSITION",
            Error::StatusLimit { .. } => "E_STATUS_LIMIT",
            Error::StatusConflict { .. } => "E_STATUS_CONFLICT",
        }
    }

    pub fn file(&self) -> &str {
        match self {
            Error::NotFound { file }
            | Error::NotAFile { file, .. }
            | Error::Io { file, .. }
            | Error::Encoding { file, .. }
            | Error::Empty { file }
            | Error::Yaml { file, .. }
            | Error::DuplicateKey { file, .. }
            | Error::MultipleDocuments { file, .. }
            | Error::Tag { file, .. }
            | Error::Limit { file, .. }
            | Error::Schema { file, .. }
            | Error::Path { file, .. }
            | Error::Internal { file, .. }
            | Error::StatusFormat { file, .. }
            | Error::UnknownState { file, .. }
            | Error::StoryNotFound { file, .. }
            | Error::DuplicateStory { file, .. }
            | Error::Transition { file, .. }
            | Error::StatusLimit { file, .. }
            | Error::StatusConflict { file, .. } => file,
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
            | Error::DuplicateStory { at, .. }
            | Error::Transition { at, .. }
            | Error::StatusLimit { at, .. } => Some(*at),
            Error::Empty { .. } => Some(Location::START),
            Error::Limit { at, .. } | Error::StatusFormat { at, .. } => *at,
            Error::Schema { issues, .. } => issues.first().map(Issue::location),
            Error::NotFound { .. }
            | Error::NotAFile { .. }
            | Error::Io { .. }
            | Error::Path { .. }
            | Error::Internal { .. }
            | Error::UnknownState { .. }
            | Error::StoryNotFound { .. }
            | Error::StatusConflict { .. } => None,
        }
    }

    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Schema { issues, .. } => issues,
            _ => &[],
        }
    }

    /// `file:line:column: detail`, the form the JS `message` carries.
    pub fn full_message(&self) -> String {
        match self.location() {
            Some(at) => format!("{}:{at}: {self}", self.file()),
            None => format!("{}: {self}", self.file()),
        }
    }

    /// The error as one JSON object, the shape the JS boundary and `--json` share.
    pub fn to_json(&self) -> serde_json::Value {
        let at = self.location();
        let mut value = serde_json::json!({
            "code": self.code(),
            "message": self.full_message(),
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

pub type Result<T> = std::result::Result<T, Error>;
