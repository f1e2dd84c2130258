//! Problems as report data: what `validate` and `loadProject` list instead
//! of throwing, one entry per located problem.

use crate::error::{Error, Issue, LayerRef};
use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file did not load (or, with `strict`, broke a lint rule).
    Error,
    /// The file loaded, but something it refers to is wrong.
    Warning,
}

/// One located problem of a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code (`E_SCHEMA`, `E_LINT`, `W_…`).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The field the problem is in (`agent.menu[2].description`), if any.
    pub field: Option<String>,
    /// 1-based line, when the problem has a place.
    pub line: Option<usize>,
    /// 1-based column (characters), when the problem has a place.
    pub column: Option<usize>,
    /// The file the problem is in, when it is not the report's own file (a
    /// skill's `customize.toml`, team and user layers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The customization layer the problem is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<LayerRef>,
}

impl Problem {
    /// An E_SCHEMA error becomes one problem per issue; any other error, one.
    pub fn from_error(err: &Error) -> Vec<Problem> {
        if err.issues().is_empty() {
            let at = err.location();
            return vec![Problem {
                severity: Severity::Error,
                code: err.code(),
                message: err.to_string(),
                field: None,
                line: at.map(|l| l.line),
                column: at.map(|l| l.column),
                path: None,
                layer: None,
            }];
        }
        err.issues().iter().map(|issue| Problem::from_issue(Severity::Error, err.code(), issue)).collect()
    }

    /// A problem from a schema issue.
    pub fn from_issue(severity: Severity, code: &'static str, issue: &Issue) -> Problem {
        Problem {
            severity,
            code,
            message: issue.message.clone(),
            field: Some(issue.field.clone()),
            line: Some(issue.line),
            column: Some(issue.column),
            path: issue.layer.as_ref().map(|l| l.path.clone()),
            layer: issue.layer.clone(),
        }
    }

    /// This problem, in `file` when it is not the report's own.
    pub fn in_file(mut self, file: &str, own: &str) -> Problem {
        if self.path.is_none() && file != own {
            self.path = Some(file.to_string());
        }
        self
    }
}
