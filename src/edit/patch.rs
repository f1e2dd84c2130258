//! JSON Patch (RFC 6902) operations and JSON Merge Patch (RFC 7396), on
//! the value of a file as madace-core loads it.

use crate::edit::pointer;
use serde_json::{Map, Value};

/// Most operations one edit takes: far more than any real edit, few enough
/// that a hostile list is refused before any work.
pub const MAX_OPERATIONS: usize = 10_000;

/// One operation, its pointers parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Adds (or, in a mapping, replaces) a value.
    Add(Vec<String>, Value),
    /// Removes the value at the path.
    Remove(Vec<String>),
    /// Replaces the value at the path, which must exist.
    Replace(Vec<String>, Value),
    /// Moves the value at `from` (the first) to the path.
    Move(Vec<String>, Vec<String>),
    /// Copies the value at `from` (the first) to the path.
    Copy(Vec<String>, Vec<String>),
    /// Fails unless the value at the path equals this one.
    Test(Vec<String>, Value),
}

impl Op {
    /// The operation's name, as written in a patch.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Add(..) => "add",
            Op::Remove(_) => "remove",
            Op::Replace(..) => "replace",
            Op::Move(..) => "move",
            Op::Copy(..) => "copy",
            Op::Test(..) => "test",
        }
    }

    /// The path it changes (or tests).
    pub fn path(&self) -> &[String] {
        match self {
            Op::Add(p, _) | Op::Remove(p) | Op::Replace(p, _) | Op::Test(p, _) | Op::Move(_, p) | Op::Copy(_, p) => p,
        }
    }
}

/// The operations of a JSON Patch document; an error names the operation's index.
pub fn parse(patch: &Value) -> Result<Vec<Op>, String> {
    let Some(list) = patch.as_array() else {
        return Err("a JSON Patch is a list of operations ([{ op, path, … }])".into());
    };
    if list.len() > MAX_OPERATIONS {
        return Err(format!("{} operations in one edit; at most {MAX_OPERATIONS} are taken", list.len()));
    }
    list.iter().enumerate().map(|(i, op)| parse_one(op).map_err(|e| format!("operation {i}: {e}"))).collect()
}

fn parse_one(op: &Value) -> Result<Op, String> {
    let Some(fields) = op.as_object() else { return Err("expected an object { op, path, … }".into()) };
    let text = |key: &str| match fields.get(key) {
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(format!("'{key}' must be a string")),
        None => Err(format!("'{key}' is missing")),
    };
    let pointer_of = |key: &str| text(key).and_then(|p| pointer::parse(p).map_err(|e| format!("{key}: {e}")));
    let value = || fields.get("value").cloned().ok_or_else(|| "'value' is missing".to_string());
    let path = pointer_of("path")?;
    Ok(match text("op")? {
        "add" => Op::Add(path, value()?),
        "remove" => Op::Remove(path),
        "replace" => Op::Replace(path, value()?),
        "move" => Op::Move(pointer_of("from")?, path),
        "copy" => Op::Copy(pointer_of("from")?, path),
        "test" => Op::Test(path, value()?),
        other => {
            let hint =
                crate::schema::suggest::did_you_mean(other, ["add", "remove", "replace", "move", "copy", "test"]);
            return Err(format!("unknown op '{other}'{hint} (expected add, remove, replace, move, copy or test)"));
        }
    })
}

/// The value at `path`, if there is one.
pub fn get<'v>(doc: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(doc, |v, token| match v {
        Value::Object(map) => map.get(token),
        Value::Array(items) => pointer::index(token).and_then(|i| items.get(i)),
        _ => None,
    })
}

fn parent_mut<'v>(doc: &'v mut Value, path: &[String]) -> Result<(&'v mut Value, String), String> {
    let (last, parents) = path.split_last().ok_or("the whole document has no parent")?;
    let mut at = doc;
    for (depth, token) in parents.iter().enumerate() {
        let here = pointer::format(&parents[..=depth]);
        at = match at {
            Value::Object(map) => map.get_mut(token).ok_or_else(|| format!("{here} does not exist"))?,
            Value::Array(items) => {
                let i = pointer::index(token).ok_or_else(|| format!("{here}: '{token}' is not a list index"))?;
                items.get_mut(i).ok_or_else(|| format!("{here} does not exist (the list has fewer items)"))?
            }
            _ => return Err(format!("{here}: its parent is not a mapping or a list")),
        };
    }
    Ok((at, last.clone()))
}

fn add(doc: &mut Value, path: &[String], value: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let shown = pointer::format(path);
    match parent_mut(doc, path)? {
        (Value::Object(map), key) => {
            map.insert(key, value);
        }
        (Value::Array(items), token) => {
            let i = match token.as_str() {
                "-" => items.len(),
                t => pointer::index(t).filter(|&i| i <= items.len()).ok_or_else(|| {
                    format!("{shown}: not an index of the list (it has {} items; '-' appends)", items.len())
                })?,
            };
            items.insert(i, value);
        }
        _ => return Err(format!("{shown}: its parent is not a mapping or a list")),
    }
    Ok(())
}

fn remove(doc: &mut Value, path: &[String]) -> Result<Value, String> {
    let shown = pointer::format(path);
    let missing = || format!("{shown} does not exist");
    match parent_mut(doc, path)? {
        (Value::Object(map), key) => map.shift_remove(&key).ok_or_else(missing),
        (Value::Array(items), token) => {
            let i = pointer::index(&token).filter(|&i| i < items.len()).ok_or_else(missing)?;
            Ok(items.remove(i))
        }
        _ => Err(missing()),
    }
}

/// Applies one operation to `doc` (left unchanged when it fails).
pub fn apply(doc: &mut Value, op: &Op) -> Result<(), String> {
    let shown = |p: &[String]| pointer::format(p);
    match op {
        Op::Add(path, value) => add(doc, path, value.clone()),
        Op::Remove(path) if path.is_empty() => Err("the whole document cannot be removed".into()),
        Op::Remove(path) => remove(doc, path).map(drop),
        Op::Replace(path, value) => {
            let target = get_mut(doc, path).ok_or_else(|| format!("{} does not exist (use add)", shown(path)))?;
            *target = value.clone();
            Ok(())
        }
        Op::Move(from, path) => {
            if path.len() > from.len() && path.starts_with(from) {
                return Err(format!("cannot move {} into itself ({})", shown(from), shown(path)));
            }
            let value = get(doc, from).cloned().ok_or_else(|| format!("from {} does not exist", shown(from)))?;
            let mut copy = doc.clone();
            remove(&mut copy, from)?;
            add(&mut copy, path, value)?;
            *doc = copy;
            Ok(())
        }
        Op::Copy(from, path) => {
            let value = get(doc, from).cloned().ok_or_else(|| format!("from {} does not exist", shown(from)))?;
            add(doc, path, value)
        }
        Op::Test(path, value) => match get(doc, path) {
            Some(found) if found == value => Ok(()),
            Some(found) => Err(format!("test failed: {} is {found}, not {value}", shown(path))),
            None => Err(format!("test failed: {} does not exist", shown(path))),
        },
    }
}

fn get_mut<'v>(doc: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(doc, |v, token| match v {
        Value::Object(map) => map.get_mut(token),
        Value::Array(items) => pointer::index(token).and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// A JSON Merge Patch (RFC 7396) of `doc` as JSON Patch operations: `null`
/// removes a key, a mapping merges into a mapping, anything else replaces.
pub fn merge_operations(doc: &Value, patch: &Value) -> Vec<Op> {
    let mut ops = Vec::new();
    merge_into(doc, patch, &mut Vec::new(), &mut ops);
    ops
}

fn merge_into(doc: &Value, patch: &Value, at: &mut Vec<String>, ops: &mut Vec<Op>) {
    let (Value::Object(changes), Some(current)) = (patch, doc.as_object()) else {
        ops.push(Op::Add(at.clone(), strip_nulls(patch)));
        return;
    };
    for (key, change) in changes {
        at.push(key.clone());
        match (change, current.get(key)) {
            (Value::Null, Some(_)) => ops.push(Op::Remove(at.clone())),
            (Value::Null, None) => {}
            (Value::Object(_), Some(existing)) if existing.is_object() => merge_into(existing, change, at, ops),
            _ => ops.push(Op::Add(at.clone(), strip_nulls(change))),
        }
        at.pop();
    }
}

/// A merge patch's new mapping, without the `null`s that would remove keys from nothing.
fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(doc: Value, patch: Value) -> Result<Value, String> {
        let mut doc = doc;
        for op in parse(&patch)? {
            apply(&mut doc, &op)?;
        }
        Ok(doc)
    }

    #[test]
    fn the_rfc_6902_operations() {
        let doc = json!({ "a": { "b": [1, 2] }, "c": "x" });
        let ops = json!([
            { "op": "add", "path": "/a/b/1", "value": 9 },
            { "op": "add", "path": "/a/b/-", "value": 3 },
            { "op": "replace", "path": "/c", "value": "y" },
            { "op": "copy", "from": "/c", "path": "/d" },
            { "op": "move", "from": "/a/b", "path": "/e" },
            { "op": "remove", "path": "/a" },
            { "op": "test", "path": "/e/1", "value": 9 }
        ]);
        assert_eq!(run(doc.clone(), ops).unwrap(), json!({ "c": "y", "d": "y", "e": [1, 9, 2, 3] }));
        let failing = [
            (json!([{ "op": "replace", "path": "/nope", "value": 1 }]), "/nope does not exist (use add)"),
            (json!([{ "op": "add", "path": "/a/b/7", "value": 1 }]), "/a/b/7: not an index of the list (it has 2 items; '-' appends)"),
            (json!([{ "op": "test", "path": "/c", "value": "z" }]), "test failed: /c is \"x\", not \"z\""),
            (json!([{ "op": "move", "from": "/a", "path": "/a/x" }]), "cannot move /a into itself (/a/x)"),
            (json!([{ "op": "replce", "path": "/a" }]), "operation 0: unknown op 'replce' — did you mean 'replace'? (expected add, remove, replace, move, copy or test)"),
            (json!([{ "op": "add", "path": "/a" }, { "op": "add" }]), "operation 0: 'value' is missing"),
            (json!({ "op": "add" }), "a JSON Patch is a list of operations ([{ op, path, … }])"),
        ];
        for (patch, message) in failing {
            assert_eq!(run(doc.clone(), patch).unwrap_err(), message);
        }
    }

    #[test]
    fn a_merge_patch_is_operations() {
        let doc = json!({ "a": 1, "m": { "x": 1, "y": 2 }, "s": "t" });
        let patch = json!({ "a": null, "m": { "x": null, "z": { "k": null, "v": 1 } }, "s": [1], "n": null });
        let mut out = doc.clone();
        for op in merge_operations(&doc, &patch) {
            apply(&mut out, &op).unwrap();
        }
        assert_eq!(out, json!({ "m": { "y": 2, "z": { "v": 1 } }, "s": [1] }));
    }
}
