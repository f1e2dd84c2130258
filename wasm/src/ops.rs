//! The operations JS calls by name, each on up to four strings, each
//! answering JSON text or the core's error: the text functions of
//! madace-core, as the Node addon runs them (node/src/lib.rs).

use madace_core::error::Error;
use madace_core::kind::Kind;
use madace_core::schema::{agent, config, workflow, Dialect};
use madace_core::{catalog, edit, frame, source, validate, Location, Result};
use serde::Deserialize;
use std::path::Path;

/// The rules a text is checked by (`validateText`, `editText`).
#[derive(Deserialize)]
struct Rules {
    strict: bool,
    dialect: String,
    #[serde(default)]
    merge: bool,
}

/// Where a code frame points: `line`:`column` of a text whose first line is `first`.
#[derive(Deserialize)]
struct At {
    line: usize,
    column: usize,
    first: usize,
}

/// Runs `op` on `args`; what the JS side passes is already checked there,
/// so a malformed argument here is a bug, reported as `E_INTERNAL`.
pub fn run(op: &str, [a, b, c, d]: [&str; 4]) -> Result<String> {
    match op {
        "catalog" => Ok(catalog::json()),
        "parseAgent" => Ok(agent::parse(a, named(b), dialect(c)?)?.to_json()),
        "parseWorkflow" => Ok(workflow::parse(a, named(b), dialect(c)?)?.to_json()),
        "parseConfig" => Ok(config::parse(a, named(b), dialect(c)?)?.to_json()),
        "validateText" => {
            let rules: Rules = argument(d)?;
            let options = validate::Options { strict: rules.strict, dialect: dialect(&rules.dialect)? };
            json(&validate::validate_text(Path::new(b), a, options))
        }
        "editText" => {
            let (rules, edits): (Rules, serde_json::Value) = (argument(d)?, argument(c)?);
            let options = edit::Options { dialect: dialect(&rules.dialect)?, strict: rules.strict };
            let edits = if rules.merge { edit::Edits::Merge(&edits) } else { edit::Edits::Patch(&edits) };
            json(&edit::edit_text(Path::new(b), a, &edits, options)?)
        }
        "stringify" => {
            let kind = Kind::named(b).ok_or_else(|| internal(format!("unknown kind '{b}'")))?;
            json(&edit::stringify(kind, &argument(a)?)?)
        }
        "codeFrame" => {
            let at: At = argument(d)?;
            json(&frame::code_frame_from(a, at.first, Location::new(at.line, at.column)))
        }
        // A trap's message (`a`) in the file it concerns (`b`), as the core words an internal error.
        "internal" => {
            Err(Error::Internal { file: named(b).unwrap_or(source::INPUT).to_string(), message: a.to_string() })
        }
        // A real panic, for the test that a trap costs one call, not the module (test/node/wasm.test.js).
        "panic" => panic!("{a}"),
        other => Err(internal(format!("unknown operation '{other}'"))),
    }
}

/// The file name a text is reported under; none when JS passes ''.
fn named(name: &str) -> Option<&str> {
    (!name.is_empty()).then_some(name)
}

fn dialect(name: &str) -> Result<Dialect> {
    name.parse().map_err(internal)
}

fn argument<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| internal(format!("a malformed argument: {e}")))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| internal(e.to_string()))
}

fn internal(message: String) -> Error {
    Error::Internal { file: source::INPUT.to_string(), message }
}

#[cfg(test)]
mod tests {
    use super::run;

    const AGENT: &str = "agent:\n  metadata:\n    id: pm\n    name: PM\n    title: Product Manager\n    icon: \"📋\"\n    module: mam\n    version: 1.0.0\n  persona:\n    role: PM\n    identity: I plan.\n    communication_style: Direct\n    principles: [Ship]\n  menu:\n    - trigger: plan\n      action: workflow:plan\n      description: Plan\n";

    #[test]
    fn parses_an_agent_as_the_addon_does() {
        let json = run("parseAgent", [AGENT, "pm.agent.yaml", "any", ""]).unwrap();
        assert!(json.starts_with(r#"{"metadata":{"id":"pm","name":"PM","#), "{json}");
    }

    #[test]
    fn a_broken_agent_is_the_cores_located_error() {
        let err = run("parseAgent", ["agent:\n  metadata: [\n", "pm.agent.yaml", "any", ""]).unwrap_err();
        let payload = err.to_json();
        assert_eq!(payload["code"], "E_YAML");
        assert_eq!((payload["line"].as_u64(), payload["column"].as_u64()), (Some(2), Some(13)));
    }

    #[test]
    fn checks_edits_frames_and_stringifies() {
        let report =
            run("validateText", ["agent: {}\n", "pm.agent.yaml", "", r#"{"strict":false,"dialect":"any"}"#]).unwrap();
        assert!(report.contains(r#""failed":1"#), "{report}");
        let text = AGENT.replace("name: PM", "name: PM # kept");
        let patch = r#"[{"op":"replace","path":"/metadata/name","value":"Lead"}]"#;
        let edited = run("editText", [&text, "pm.agent.yaml", patch, r#"{"strict":false,"dialect":"any"}"#]).unwrap();
        assert_eq!(edited, serde_json::to_string(&AGENT.replace("name: PM", "name: Lead # kept")).unwrap());
        assert_eq!(
            run("codeFrame", ["a: 1\nb: 2", "", "", r#"{"line":2,"column":4,"first":1}"#]).unwrap(),
            r#""  1 | a: 1\n> 2 | b: 2\n    |    ^\n""#
        );
        assert_eq!(run("stringify", [r#"{"a":1}"#, "config", "", ""]).unwrap(), r#""a: 1\n""#);
        assert_eq!(run("stringify", ["{}", "skill", "", ""]).unwrap_err().to_json()["code"], "E_PATCH");
    }

    #[test]
    fn an_unknown_operation_is_internal() {
        assert_eq!(run("loadAgent", ["", "", "", ""]).unwrap_err().to_json()["code"], "E_INTERNAL");
        let trapped = run("internal", ["unreachable", "pm.agent.yaml", "", ""]).unwrap_err().to_json();
        assert_eq!((trapped["code"].as_str(), trapped["path"].as_str()), (Some("E_INTERNAL"), Some("pm.agent.yaml")));
    }
}
