//! The official YAML test suite (`../shared/yaml-test-suite/data`, 402
//! cases) through the public YAML entry point, `madace_core::yaml::parse`.
//!
//! madace-core reads definition files, so some valid YAML is refused by
//! design (a second document, a tag outside the core schema, a mapping key
//! that is not a scalar, an empty document). Everything else must hold:
//! every invalid case rejected, every accepted valid case equal to the
//! suite's `in.json`, and no panic. Prints a summary table.

use madace_core::yaml;
use serde_json::Value;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
mod common;

use common::{files, shared};
use std::path::{Path, PathBuf};

/// Every case folder (those holding `in.yaml`), as (id, folder), sorted.
fn cases(dir: &Path) -> Vec<(String, PathBuf)> {
    files(dir, &|name| name == "in.yaml")
        .into_iter()
        .filter_map(|file| {
            let folder = file.parent()?.to_path_buf();
            let id = folder.strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((id, folder))
        })
        .collect()
}

/// The JSON values of `in.json`, one after another.
fn expected_values(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text).into_iter::<Value>().map(|v| v.unwrap()).collect()
}

/// Numbers compare by value (the suite writes `1.0` and `1` alike).
fn same(ours: &Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => ours == theirs,
    }
}

#[derive(Default)]
struct Tally {
    invalid_rejected: usize,
    invalid_accepted: Vec<String>,
    valid_equal: Vec<String>,
    valid_mismatch: Vec<String>,
    refused_by_design: BTreeMap<&'static str, Vec<String>>,
    not_comparable: usize,
    /// Every valid case that loaded, with its value as JSON.
    loaded: BTreeMap<String, String>,
    panics: Vec<String>,
}

#[test]
fn yaml_test_suite() {
    let Some(dir) = shared("yaml-test-suite/data") else { return };
    let mut t = Tally::default();
    for (id, folder) in cases(&dir) {
        let text = std::fs::read_to_string(folder.join("in.yaml")).unwrap();
        let outcome = match catch_unwind(AssertUnwindSafe(|| yaml::parse(&text, "in.yaml"))) {
            Ok(outcome) => outcome,
            Err(_) => {
                t.panics.push(id);
                continue;
            }
        };
        if folder.join("error").exists() {
            match outcome {
                Ok(_) => t.invalid_accepted.push(id),
                Err(_) => t.invalid_rejected += 1,
            }
            continue;
        }
        if let Ok(node) = &outcome {
            t.loaded.insert(id.clone(), node.to_json());
        }
        let expected = std::fs::read_to_string(folder.join("in.json")).ok().map(|j| expected_values(&j));
        match (outcome, expected.as_deref()) {
            (Ok(node), Some([value])) => {
                let ours: Value = serde_json::from_str(&node.to_json()).unwrap();
                if same(&ours, value) {
                    t.valid_equal.push(id);
                } else {
                    t.valid_mismatch.push(format!("{id}: ours {ours}, suite {value}"));
                }
            }
            (Err(e), Some([_])) => t.refused_by_design.entry(e.code()).or_default().push(id),
            _ => t.not_comparable += 1,
        }
    }

    println!("YAML test suite through madace_core::yaml::parse");
    println!("| outcome | cases |");
    println!("|---|---:|");
    println!("| invalid, rejected | {} |", t.invalid_rejected);
    println!("| invalid, accepted | {} |", t.invalid_accepted.len());
    println!("| valid (one document), value equal to in.json | {} |", t.valid_equal.len());
    println!("| valid (one document), value differs | {} |", t.valid_mismatch.len());
    for (code, ids) in &t.refused_by_design {
        println!("| valid (one document), refused by design: {code} | {} |", ids.len());
    }
    println!("| valid, zero or several documents, or no in.json (not comparable) | {} |", t.not_comparable);
    println!("| panics | {} |", t.panics.len());
    for (code, ids) in &t.refused_by_design {
        println!("refused by design, {code}: {}", ids.join(" "));
    }

    assert_eq!(t.panics, Vec::<String>::new(), "panics");
    assert_eq!(t.invalid_accepted, Vec::<String>::new(), "invalid YAML accepted");
    assert_eq!(t.valid_mismatch, Vec::<String>::new(), "values that differ from in.json");
    assert_eq!(t.invalid_rejected, 94);
    // The non-specific tag `!`; UKK6/02 (`!` alone) has no in.json: it is the empty string.
    for id in ["52DL", "8MK2", "S4JQ"] {
        assert!(t.valid_equal.iter().any(|e| e == id), "{id} (the non-specific tag `!`) must load");
    }
    assert_eq!(t.loaded.get("UKK6/02").map(String::as_str), Some("\"\""));
}
