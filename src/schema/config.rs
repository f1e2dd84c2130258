//! `core/config.yaml`: the project settings every MADACE agent loads.

use crate::error::Result;
use crate::schema::{self, field, Checker, Dialect};
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
pub fn load(path: &Path, dialect: Dialect) -> Result<Config> {
    load_in(path, None, dialect)
}

/// [`load`], confined to `within` when given (see [`source::load_in`]).
pub fn load_in(path: &Path, within: Option<&Path>, dialect: Dialect) -> Result<Config> {
    source::load_in(path, within, |text, file| from_text(text, file, dialect))
}

/// Validates config YAML from a string; `filename` names it in errors.
pub fn parse(text: &str, filename: Option<&str>, dialect: Dialect) -> Result<Config> {
    source::parse(text, filename, |text, file| from_text(text, file, dialect))
}

fn from_text(text: &str, file: &str, dialect: Dialect) -> Result<Config> {
    let doc = yaml::parse(text, file)?;
    if dialect == Dialect::Madace {
        return schema::madace::config(doc, file).map(|doc| Config { doc });
    }
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
        c.required_text(doc, "", key);
    }
    for key in ["madace_version", "installed_at"] {
        c.optional_string(doc, "", key);
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
                    match &limit.value.value {
                        Value::Int(n) => format!("expected a whole number of at least 1, found {n}"),
                        _ => format!("expected a whole number of at least 1, found {}", limit.value.kind()),
                    },
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
        let e = parse(text, Some("core/config.yaml"), Dialect::Any).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
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

    #[test]
    fn the_madace_dialect_needs_the_three_modules_and_returns_what_zod_returns() {
        let base = "project_name: p\noutput_folder: docs\nuser_name: Ann\ncommunication_language: en\n";
        assert!(parse(base, None, Dialect::Any).is_ok());
        let e = parse(base, None, Dialect::Madace).unwrap_err();
        assert_eq!(
            (e.issues()[0].field.as_str(), e.issues()[0].message.as_str()),
            ("modules", "required field 'modules' is missing")
        );
        let text = format!("{base}madace_version: 2\nmodules:\n  mam: {{}}\n  cis: {{ enabled: true }}\n");
        let e = parse(&text, None, Dialect::Madace).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
        assert_eq!(got, [("madace_version", 5, 17), ("modules.mab", 7, 3)]);
        // Unknown keys (a secret among them) and sections zod does not know are not returned.
        let ok = parse(
            &format!("{base}project_root_path: /srv/p\nllm:\n  apiKey: sk-1\nmodules:\n  mam: {{ description: d }}\n  mab: {{ enabled: true }}\n  cis: {{}}\n  extra: {{}}\nstate_machine:\n  max_todo_items: 0\n"),
            None,
            Dialect::Madace,
        )
        .unwrap();
        assert_eq!(
            ok.to_json(),
            r#"{"project_name":"p","output_folder":"docs","user_name":"Ann","communication_language":"en","project_root_path":"/srv/p","modules":{"mam":{"enabled":false},"mab":{"enabled":true},"cis":{"enabled":false}}}"#
        );
        let cwd = std::env::current_dir().unwrap().display().to_string();
        let defaulted =
            parse(&format!("{base}modules: {{mam: {{}}, mab: {{}}, cis: {{}}}}\n"), None, Dialect::Madace).unwrap();
        assert_eq!(defaulted.doc.get("project_root_path").and_then(Node::as_str), Some(cwd.as_str()));
    }
}
