//! Edit cases over real files, shared by `tests/edit_roundtrip.rs` (every
//! single operation on every corpus file, and a few seconds of random
//! sequences) and `examples/fuzz_edit` (random sequences on mutated texts
//! for as long as asked). The property: the edited text loads as the
//! loaded value with the operations applied, and the text changes only
//! where the operations say.

use madace_core::edit::{self, patch, Edits, Options};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Every corpus file of a kind madace-core edits, with its text, that loads.
pub fn corpus(dirs: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().filter(|d| d.is_dir()).cloned().collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if madace_core::kind::Kind::of(&path).is_some_and(|k| k.as_str() != "skill")
                    && edit::value_of(&path, &text, Options::default()).is_ok()
                {
                    out.push((path, text));
                }
            }
        }
    }
    out.sort();
    out
}

/// Every pointer of a value with the value there.
pub fn pointers(value: &Value) -> Vec<(Vec<String>, Value)> {
    let mut out = vec![(Vec::new(), value.clone())];
    let mut i = 0;
    while i < out.len() {
        let (at, v) = out[i].clone();
        let children: Vec<(String, Value)> = match &v {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect(),
            _ => Vec::new(),
        };
        for (k, child) in children {
            let mut p = at.clone();
            p.push(k);
            out.push((p, child));
        }
        i += 1;
    }
    out
}

/// New values that stress the writer: quoting, block text, types.
pub fn new_values() -> Vec<Value> {
    vec![
        json!("Renamed"),
        json!("needs: quotes # here"),
        json!("*show-status"),
        json!("yes"),
        json!("12"),
        json!(""),
        json!("two\nlines\n"),
        json!("🏥 emoji\ttab"),
        json!("it's \"both\""),
        json!(42),
        json!(true),
        json!(["a", "b: c"]),
        json!({ "k": "v", "list": [1, { "x": "y" }] }),
    ]
}

/// The single operations tried on a value: each pointer replaced by each
/// new value, removed, tested; each mapping given a key; each list an item
/// at its start, middle and end; moves and copies of leaves.
pub fn single_operations(value: &Value) -> Vec<Value> {
    let mut ops = Vec::new();
    let values = new_values();
    for (at, v) in pointers(value).into_iter().filter(|(at, _)| !at.is_empty()) {
        let path = edit::pointer::format(&at);
        for new in &values {
            ops.push(json!([{ "op": "replace", "path": path, "value": new }]));
        }
        ops.push(json!([{ "op": "remove", "path": path }]));
        ops.push(json!([{ "op": "test", "path": path, "value": v }, { "op": "copy", "from": path, "path": format!("{path}_copy") }]));
        match &v {
            Value::Object(_) => {
                for new in &values {
                    ops.push(json!([{ "op": "add", "path": format!("{path}/zz_new"), "value": new }]));
                }
            }
            Value::Array(items) => {
                for index in ["0".to_string(), (items.len() / 2).to_string(), "-".to_string()] {
                    ops.push(json!([{ "op": "add", "path": format!("{path}/{index}"), "value": values[0] }]));
                    ops.push(json!([{ "op": "add", "path": format!("{path}/{index}"), "value": values[12] }]));
                }
            }
            _ => {}
        }
    }
    ops.push(json!([{ "op": "add", "path": "/zz_top", "value": values[12] }]));
    ops
}

/// What one edit did: `Ok(true)` written and checked, `Ok(false)` refused
/// with a located error, `Err` a broken property.
pub fn check(path: &Path, text: &str, ops: &Value) -> Result<bool, String> {
    let options = Options::default();
    let before = edit::value_of(path, text, options).map_err(|e| e.full_message())?;
    let mut expected = before.clone();
    let parsed = patch::parse(ops).map_err(|e| format!("bad case: {e}"))?;
    let applies = parsed.iter().try_for_each(|op| patch::apply(&mut expected, op)).is_ok();
    let new_text = match edit::edit_text(path, text, &Edits::Patch(ops), options) {
        Ok(new_text) => new_text,
        Err(e) if matches!(e.code(), "E_SCHEMA" | "E_PATCH" | "E_LIMIT") => {
            if e.code() == "E_PATCH" && applies && e.to_string().starts_with("operation") {
                return Err(format!("{}: {ops}: the operations apply to the value, yet: {}", path.display(), e));
            }
            return Ok(false);
        }
        Err(e) => return Err(format!("{}: {ops}: {}", path.display(), e.full_message())),
    };
    if !applies {
        return Err(format!("{}: {ops}: written, though the operations do not apply to the value", path.display()));
    }
    let after = edit::value_of(path, &new_text, options)
        .map_err(|e| format!("{}: {ops}: {}", path.display(), e.full_message()))?;
    if after != expected {
        return Err(format!("{}: {ops}: loads as\n{after}\nnot\n{expected}", path.display()));
    }
    // An edit inside `principles` written as one block of text writes them as the list they load as.
    let through_text = parsed.iter().any(|op| {
        let at = op.path();
        at.iter()
            .position(|t| t == "principles")
            .is_some_and(|i| at.len() > i + 1 && edit::value_of(path, text, options).is_ok() && raw_is_text(text))
    });
    if through_text {
        return Ok(true);
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (text.lines().collect(), new_text.lines().collect());
    let kinds: Vec<&str> = parsed.iter().map(|op| op.name()).collect();
    // An add or a remove rewrites at most the one line its value sits on
    // (a TOML array, a list item whose first key moves up to the dash); a
    // value of another type than its list's items changes the list's form.
    let limit = parsed.len();
    let (gone, appeared) = line_changes(&old, &new);
    let mixed = parsed.iter().any(|op| {
        let added = match op {
            patch::Op::Add(_, v) => Some(v),
            patch::Op::Copy(from, _) => patch::get(&before, from),
            _ => None,
        };
        let parent = op.path().split_last().and_then(|(_, parent)| patch::get(&before, parent));
        let other = |items: &Vec<Value>, v: &Value| {
            items.iter().any(|i| std::mem::discriminant(i) != std::mem::discriminant(v))
        };
        added.zip(parent.and_then(Value::as_array)).is_some_and(|(v, items)| other(items, v))
    });
    let broken = if kinds.iter().all(|k| matches!(*k, "add" | "test" | "copy")) && !mixed {
        (gone > limit).then_some("lines the user wrote are gone after an add")
    } else if kinds.iter().all(|k| matches!(*k, "remove" | "test")) {
        (appeared > limit).then_some("lines appeared after a remove")
    } else if kinds == ["replace"] && !ops[0]["value"].is_object() && !ops[0]["value"].is_array() {
        let changed = old.iter().zip(&new).filter(|(a, b)| a != b).count() + old.len().abs_diff(new.len());
        let multi = ops[0]["value"].as_str().is_some_and(|s| s.contains('\n'));
        (!multi && old.len() == new.len() && changed > 1).then_some("a replace changed more than one line")
    } else {
        None
    };
    if let Some(what) = broken {
        return Err(format!("{}: {ops}: {what}\n--- before\n{text}\n--- after\n{new_text}", path.display()));
    }
    if text.contains("\r\n") && new_text.replace("\r\n", "").contains('\n') {
        return Err(format!("{}: {ops}: a bare line break in a CRLF file", path.display()));
    }
    Ok(true)
}

/// Whether the file writes `principles:` as a block of text.
fn raw_is_text(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start().starts_with("principles:") && l.trim_end().len() > l.trim_end().find(':').unwrap_or(0) + 1
    })
}

/// How many lines of `old` are gone and how many of `new` appeared (a
/// longest-common-subsequence diff of what lies between the common start and end).
fn line_changes(old: &[&str], new: &[&str]) -> (usize, usize) {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - start;
    let end = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    let (a, b) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    if a.len() * b.len() > 4_000_000 {
        return (a.len(), b.len());
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let common = row[b.len()];
    (a.len() - common, b.len() - common)
}

/// A random sequence of one to four operations on `value`, from the single
/// operations and from ones with random pointers and values.
pub fn random_operations(value: &Value, rng: &mut impl FnMut(usize) -> usize) -> Value {
    let singles = single_operations(value);
    let pointers = pointers(value);
    let values = new_values();
    let mut ops = Vec::new();
    for _ in 0..1 + rng(4) {
        let op = match rng(3) {
            0 if !singles.is_empty() => singles[rng(singles.len())][0].clone(),
            _ => {
                let (at, _) = &pointers[rng(pointers.len())];
                let path = edit::pointer::format(at);
                let (from, _) = &pointers[rng(pointers.len())];
                let from = edit::pointer::format(from);
                let value = values[rng(values.len())].clone();
                match rng(6) {
                    0 => json!({ "op": "add", "path": format!("{path}/-"), "value": value }),
                    1 => json!({ "op": "remove", "path": path }),
                    2 => json!({ "op": "replace", "path": path, "value": value }),
                    3 => json!({ "op": "move", "from": from, "path": format!("{path}/zz") }),
                    4 => json!({ "op": "copy", "from": from, "path": format!("{path}/0") }),
                    _ => json!({ "op": "add", "path": format!("{path}/zz_{}", rng(3)), "value": value }),
                }
            }
        };
        ops.push(op);
    }
    Value::Array(ops)
}
