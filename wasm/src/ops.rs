//! The operations JS calls by name, each on up to four strings, each
//! answering JSON text or the core's error: the text functions of
//! madace-core, as the Node addon runs them (node/src/lib.rs), within the
//! build's reach: every kind (madace-core/wasm), or with the `yaml-only`
//! feature the YAML kinds alone (madace-core/wasm/yaml, which leaves the
//! skills and TOML out of the module).

use madace_core::error::Error;
use madace_core::kind::Kind;
use madace_core::schema::{agent, config, workflow, Dialect};
use madace_core::{edit, frame, source, validate, Location, Result};
use serde::Deserialize;
use std::path::Path;

#[cfg(not(feature = "yaml-only"))]
type Build = madace_core::reach::Everything;
#[cfg(feature = "yaml-only")]
type Build = madace_core::reach::YamlOnly;

/// The rules a text is checked by (`validateText`, `editText`): the
/// dialect's name, then `strict` and `merge` when they hold, as words.
struct Rules {
    dialect: Dialect,
    strict: bool,
    merge: bool,
}

impl Rules {
    fn of(words: &str) -> Result<Rules> {
        let mut words = words.split(' ');
        let dialect = dialect(words.next().unwrap_or_default())?;
        let (mut strict, mut merge) = (false, false);
        for word in words {
            match word {
                "strict" => strict = true,
                "merge" => merge = true,
                other => return Err(internal(format!("a malformed argument: '{other}'"))),
            }
        }
        Ok(Rules { dialect, strict, merge })
    }
}

/// Where a code frame points: `line column first`, of a text whose first line is `first`.
fn at(numbers: &str) -> Result<(Location, usize)> {
    let number = |n: &str| n.parse::<usize>().map_err(|e| internal(format!("a malformed argument: {e}")));
    match numbers.split(' ').collect::<Vec<_>>()[..] {
        [line, column, first] => Ok((Location::new(number(line)?, number(column)?), number(first)?)),
        _ => Err(internal(format!("a malformed argument: '{numbers}'"))),
    }
}

/// Runs `op` on `args`; what the JS side passes is already checked there,
/// so a malformed argument here is a bug, reported as `E_INTERNAL`.
pub fn run(op: &str, [a, b, c, d]: [&str; 4]) -> Result<String> {
    match op {
        // Asked at build time (lib/wasm/catalog.json), of the full build: the small one need not carry it.
        #[cfg(not(feature = "yaml-only"))]
        "catalog" => Ok(madace_core::catalog::json()),
        "parseAgent" => Ok(agent::parse(a, named(b), dialect(c)?)?.to_json()),
        "parseWorkflow" => Ok(workflow::parse(a, named(b), dialect(c)?)?.to_json()),
        "parseConfig" => Ok(config::parse(a, named(b), dialect(c)?)?.to_json()),
        "validateText" => {
            let rules = Rules::of(d)?;
            let options = validate::Options { strict: rules.strict, dialect: rules.dialect };
            json(&validate::validate_text_in::<Build>(Path::new(b), a, options)?)
        }
        "editText" => {
            let (rules, edits): (Rules, serde_json::Value) = (Rules::of(d)?, argument(c)?);
            let options = edit::Options { dialect: rules.dialect, strict: rules.strict };
            let edits = if rules.merge { edit::Edits::Merge(&edits) } else { edit::Edits::Patch(&edits) };
            json(&edit::edit_text_in::<Build>(Path::new(b), a, &edits, options)?)
        }
        "stringify" => {
            let kind = Kind::named(b).ok_or_else(|| internal(format!("unknown kind '{b}'")))?;
            json(&edit::stringify_in::<Build>(kind, &argument(a)?)?)
        }
        "codeFrame" => {
            let (location, first) = at(d)?;
            json(&frame::code_frame_from(a, first, location))
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
    use super::{at, run, Dialect, Location, Rules};

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
        let report = run("validateText", ["agent: {}\n", "pm.agent.yaml", "", "any"]).unwrap();
        assert!(report.contains(r#""failed":1"#), "{report}");
        let text = AGENT.replace("name: PM", "name: PM # kept");
        let patch = r#"[{"op":"replace","path":"/metadata/name","value":"Lead"}]"#;
        let edited = run("editText", [&text, "pm.agent.yaml", patch, "any"]).unwrap();
        assert_eq!(edited, serde_json::to_string(&AGENT.replace("name: PM", "name: Lead # kept")).unwrap());
        assert_eq!(
            run("codeFrame", ["a: 1\nb: 2", "", "", "2 4 1"]).unwrap(),
            r#""  1 | a: 1\n> 2 | b: 2\n    |    ^\n""#
        );
        assert_eq!(run("stringify", [r#"{"a":1}"#, "config", "", ""]).unwrap(), r#""a: 1\n""#);
        assert_eq!(run("stringify", ["{}", "skill", "", ""]).unwrap_err().to_json()["code"], "E_PATCH");
    }

    #[test]
    fn rules_and_positions_are_words_and_numbers() {
        let rules = Rules::of("madace strict merge").unwrap();
        assert_eq!((rules.dialect, rules.strict, rules.merge), (Dialect::Madace, true, true));
        let rules = Rules::of("any").unwrap();
        assert_eq!((rules.dialect, rules.strict, rules.merge), (Dialect::Any, false, false));
        for malformed in ["", "any loud", "yaml strict"] {
            assert_eq!(Rules::of(malformed).err().unwrap().code(), "E_INTERNAL", "{malformed}");
        }
        assert_eq!(at("2 4 1").unwrap(), (Location::new(2, 4), 1));
        for malformed in ["2 4", "2 x 1", "1 2 3 4"] {
            assert_eq!(at(malformed).unwrap_err().code(), "E_INTERNAL", "{malformed}");
        }
    }

    #[test]
    fn an_unknown_operation_is_internal() {
        assert_eq!(run("loadAgent", ["", "", "", ""]).unwrap_err().to_json()["code"], "E_INTERNAL");
        let trapped = run("internal", ["unreachable", "pm.agent.yaml", "", ""]).unwrap_err().to_json();
        assert_eq!((trapped["code"].as_str(), trapped["path"].as_str()), (Some("E_INTERNAL"), Some("pm.agent.yaml")));
    }
}
