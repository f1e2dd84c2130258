//! Mapping keys: their text and the duplicate check, shared by both parsers.

use super::node::{Entry, Value};
use compact_str::CompactString;
use std::collections::HashSet;

/// Mapping keys become JSON object keys, so only scalars qualify.
pub(super) fn key_text(value: &Value) -> Option<CompactString> {
    Some(match value {
        Value::Str(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(b) => CompactString::const_new(if *b { "true" } else { "false" }),
        Value::Int(i) => CompactString::from(i.to_string()),
        Value::Float(f) => CompactString::from(f.to_string()),
        Value::Seq(_) | Value::Map(_) => return None,
    })
}

/// Mappings up to this many keys are checked for duplicates by a scan.
const SCAN_KEYS: usize = 16;

pub(super) fn is_duplicate(entries: &[Entry], index: &mut Option<HashSet<CompactString>>, key: &str) -> bool {
    if index.is_none() && entries.len() < SCAN_KEYS {
        return entries.iter().any(|e| e.key == key);
    }
    let keys = index.get_or_insert_with(|| entries.iter().map(|e| e.key.clone()).collect());
    !keys.insert(key.into())
}
