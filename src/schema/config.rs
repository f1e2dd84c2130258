//! `core/config.yaml`: the project settings every MADACE agent loads.

use crate::error::Result;
use crate::schema::{field, Checker};
use crate::source;
use crate::yaml::{self, Node, Value};
use std::path::Path;

/// Settings MADACE cannot run without; each must be a non-empty string.
pub const REQUIRED: [&str; 4] = ["project_name", "output_folder", "user_name", "communication_language"];

/// A validated `core/config.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The document, keys as written.
    pub doc: Node,
}

impl Config {
    /// The config as JSON.
    pub fn to_json(&self) -> String {
        self.doc.to_json()
    }
}

/// Reads and validates a config file.
pub fn load(path: &Path) -> Result<Config> {
    source::load(path, from_text)
}

/// Validates config YAML from a string; `filename` names it in errors.
pub fn parse(text: &str, filename: Option<&str>) -> Result<Config> {
    source::parse(text, filename, from_text)
}

fn from_text(text: &str, file: &str) -> Result<Config> {
    let doc = yaml::parse(text, file)?;
    let mut c = Checker::default();
    check(&doc, &mut c);
    c.finish(file)?;
    Ok(Config { doc })
}

fn check(doc: &Node, c: &mut Checker) {
    if c.map(doc, "(root)").is_none() {
        return;
    }
    for key in REQUIRED {
        if let Some(value) = c.required_string(doc, "", key) {
            if value.trim().is_empty() {
                c.issue(key, doc.get(key).map_or(doc.at, |n| n.at), format!("'{key}' must not be empty"));
            }
        }
    }
    if let Some(modules) = doc.get("modules") {
        for module in c.map(modules, "modules").unwrap_or_default() {
            let p = field("modules", &module.key);
            if c.map(&module.value, &p).is_none() {
                continue;
            }
            if let Some(enabled) = c.required(&module.value, &p, "enabled") {
                if !matches!(enabled.value, Value::Bool(_)) {
                    c.issue(
                        field(&p, "enabled"),
                        enabled.at,
                        format!("expected true or false, found {}", enabled.kind()),
                    );
                }
            }
        }
    }
    if let Some(machine) = doc.get("state_machine") {
        for limit in c.map(machine, "state_machine").unwrap_or_default() {
            if limit.key.starts_with("max_") && !matches!(limit.value.value, Value::Int(n) if n >= 1) {
                c.issue(
                    field("state_machine", &limit.key),
                    limit.value.at,
                    format!("expected a whole number of at least 1, found {}", limit.value.kind()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_named() {
        let text = "project_name: ''\noutput_folder: 5\nuser_name: Ann\nmodules:\n  mam: { enabled: yes }\n  cis: true\n  mab: {}\nstate_machine:\n  max_todo_items: 0\n";
        let e = parse(text, Some("core/config.yaml")).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.path.as_str(), i.line, i.column)).collect();
        assert_eq!(
            got,
            [
                ("communication_language", 1, 1),
                ("project_name", 1, 15),
                ("output_folder", 2, 16),
                ("modules.mam.enabled", 5, 19),
                ("modules.cis", 6, 8),
                ("modules.mab.enabled", 7, 8),
                ("state_machine.max_todo_items", 9, 19),
            ]
        );
    }
}
