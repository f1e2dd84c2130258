//! The one record of a problem, whatever found it: a thrown error, a schema
//! or lint issue, a project's cross-reference warning, a skill layer, a story
//! board. `validate`, `loadProject`, `validateStatus` and the language server
//! list these; the codes and what they mean are in [`crate::codes`].

use crate::codes;
pub use crate::codes::Severity;
use crate::error::{Error, Issue, LayerRef};
use serde::Serialize;

/// The most problems listed for one file; past it, one more says how many
/// were left out.
pub const MAX_PER_FILE: usize = 1_000;

/// One located problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning: the code's, from the catalog, unless a mode changes it.
    pub severity: Severity,
    /// The stable code (see [`crate::codes`]).
    pub code: &'static str,
    /// What is wrong, in plain words, without a location prefix.
    pub message: String,
    /// The field the problem is in (`agent.menu[2].description`), if any.
    pub field: Option<String>,
    /// 1-based line, when the problem has a place.
    pub line: Option<usize>,
    /// 1-based column (characters), when the problem has a place.
    pub column: Option<usize>,
    /// The file the problem is in, where the list it is in does not say it
    /// (a project's issues; a skill's TOML layers in a file report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The customization layer the problem is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<LayerRef>,
    /// The lint rule broken, for a lint problem (also the SARIF `ruleId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

impl Diagnostic {
    /// An error becomes one diagnostic per issue (E_SCHEMA), else one.
    pub fn from_error(err: &Error) -> Vec<Diagnostic> {
        if err.issues().is_empty() {
            let at = err.location();
            return vec![Diagnostic {
                severity: Severity::Error,
                code: err.code(),
                message: err.to_string(),
                field: None,
                line: at.map(|l| l.line),
                column: at.map(|l| l.column),
                path: None,
                layer: None,
                rule: None,
            }];
        }
        err.issues().iter().map(|issue| Diagnostic::from_issue(Severity::Error, err.code(), issue)).collect()
    }

    /// A diagnostic from a field-level issue of a schema, lint or layer check.
    pub fn from_issue(severity: Severity, code: &'static str, issue: &Issue) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: issue.message.clone(),
            field: Some(issue.field.clone()),
            line: Some(issue.line),
            column: Some(issue.column),
            path: issue.layer.as_ref().map(|l| l.path.clone()),
            layer: issue.layer.clone(),
            rule: issue.rule,
        }
    }

    /// A problem of a file as a whole, with no place in it.
    pub fn whole_file(code: &'static str, message: String) -> Diagnostic {
        let severity = codes::info(code).map_or(Severity::Error, |c| c.severity);
        Diagnostic {
            severity,
            code,
            message,
            field: None,
            line: None,
            column: None,
            path: None,
            layer: None,
            rule: None,
        }
    }

    /// This diagnostic, naming `file` when it is not `own` (the file of the
    /// report it is listed in); a layer's file is kept.
    pub fn in_file(mut self, file: &str, own: &str) -> Diagnostic {
        if self.path.is_none() && file != own {
            self.path = Some(file.to_string());
        }
        self
    }

    /// `list` cut to [`MAX_PER_FILE`], with one last diagnostic counting the
    /// rest (at the first of them): a file of a million problems is a report
    /// of a thousand and one.
    pub fn capped(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if list.len() <= MAX_PER_FILE {
            return list;
        }
        let more = list.len() - MAX_PER_FILE;
        list.truncate(MAX_PER_FILE + 1);
        let last = &mut list[MAX_PER_FILE];
        last.field = Some("(more)".into());
        last.message = format!("… and {more} more problems (only the first {MAX_PER_FILE} are listed)");
        list
    }

    /// This diagnostic in `file`, unless it already names one (a layer's).
    pub fn at_path(mut self, file: &str) -> Diagnostic {
        self.path.get_or_insert_with(|| file.to_string());
        self
    }
}
