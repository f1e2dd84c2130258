//! BMAD's structural merge (`config_utils.structural_merge`), by shape, never
//! by field name: scalars — the override wins; tables — deep merge; arrays
//! whose items are all tables that all carry `code` (else all `id`) — merge
//! by that key, a matching key replacing the item in place and a new one
//! appending; any other array — append.

use super::toml_tree::{TEntry, TNode, TValue};
use crate::error::Issue;
use crate::schema::{field, index};
use std::collections::HashMap;

/// The array item keys BMAD merges by, in the order it tries them.
pub const KEYED_MERGE_FIELDS: [&str; 2] = ["code", "id"];

/// A problem found while merging, with the index of the layer it is in.
pub type MergeError = Box<(usize, Issue)>;

/// `override_` merged onto `base`; a keyed identifier that is not a
/// non-empty string is an issue located at it (in the layer that set it).
/// `path` is the field merged (`agent.menu`), for messages.
pub fn merge(base: TNode, override_: TNode, path: &str) -> Result<TNode, MergeError> {
    match (base.value, override_.value) {
        (TValue::Table(mut entries), TValue::Table(over)) => {
            // By key through a map: a table of many keys merges in linear time.
            let mut position: HashMap<String, usize> =
                entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect();
            for entry in over {
                match position.get(&entry.key) {
                    Some(&i) => {
                        let base_value = std::mem::replace(&mut entries[i].value, placeholder());
                        entries[i].value = merge(base_value, entry.value, &field(path, &entry.key))?;
                    }
                    None => {
                        position.insert(entry.key.clone(), entries.len());
                        entries.push(entry);
                    }
                }
            }
            Ok(TNode { value: TValue::Table(entries), ..base })
        }
        (TValue::Array(items), TValue::Array(over)) => {
            Ok(TNode { value: TValue::Array(merge_arrays(items, over, path)?), at: base.at, layer: base.layer })
        }
        (_, value) => Ok(TNode { value, ..override_ }),
    }
}

fn placeholder() -> TNode {
    TNode { value: TValue::Bool(false), at: crate::error::Location::START, layer: 0 }
}

fn merge_arrays(base: Vec<TNode>, over: Vec<TNode>, path: &str) -> Result<Vec<TNode>, MergeError> {
    let Some(field) = keyed_field(&base, &over, path)? else {
        return Ok(base.into_iter().chain(over).collect());
    };
    let key = |item: &TNode| item.get(field).and_then(TNode::as_str).unwrap_or_default().to_string();
    let mut result: Vec<TNode> = Vec::with_capacity(base.len() + over.len());
    let mut index_by_key: HashMap<String, usize> = HashMap::new();
    // As BMAD: every base item stays (a repeated key points at the last one);
    // an override item replaces the item its key points at, or appends.
    for item in base {
        index_by_key.insert(key(&item), result.len());
        result.push(item);
    }
    for item in over {
        match index_by_key.get(&key(&item)) {
            Some(&at) => result[at] = item,
            None => {
                index_by_key.insert(key(&item), result.len());
                result.push(item);
            }
        }
    }
    Ok(result)
}

/// `code` when every item is a table with a `code`, else `id` likewise, else
/// none; the identifiers of the chosen field must be non-empty strings.
/// (The field path of an item names its index in its own layer's array.)
fn keyed_field(base: &[TNode], over: &[TNode], path: &str) -> Result<Option<&'static str>, MergeError> {
    let items = || base.iter().enumerate().chain(over.iter().enumerate());
    let tables: Option<Vec<(usize, &[TEntry])>> = items().map(|(i, item)| Some((i, item.entries()?))).collect();
    let Some(tables) = tables.filter(|t| !t.is_empty()) else { return Ok(None) };
    for key in KEYED_MERGE_FIELDS {
        let ids: Option<Vec<(usize, &TNode)>> =
            tables.iter().map(|(i, entries)| Some((*i, &entries.iter().find(|e| e.key == key)?.value))).collect();
        let Some(ids) = ids else { continue };
        for (i, id) in ids {
            let problem = match id.as_str() {
                Some("") => "must not be empty".to_string(),
                Some(_) => continue,
                None => format!("must be a string, found {}", id.kind()),
            };
            let message =
                format!("keyed array identifier `{key}` {problem} (the items of this array merge by `{key}`)");
            return Err(Box::new((id.layer, Issue::new(field(&index(path, i), key), id.at, message))));
        }
        return Ok(Some(key));
    }
    Ok(None)
}
