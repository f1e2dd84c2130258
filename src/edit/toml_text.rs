//! Format-preserving TOML rewriting through `toml_edit`, the TOML
//! ecosystem's document model: only the keys whose values differ are
//! touched (a changed value keeps the comment after it), removed keys go
//! with their lines, new keys are appended to their table.

use crate::edit::align::{align, Step};
use serde_json::{Map, Value};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike};

/// The text of TOML document `text` changed to hold `target`, or why it cannot hold it.
pub fn rewrite(text: &str, target: &Value) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let Value::Object(target) = target else { return Err("a TOML document is a table (a mapping)".into()) };
    diff_table(doc.as_table_mut(), target, false)?;
    Ok(doc.to_string())
}

/// A JSON value as TOML, or why TOML cannot hold it.
pub fn value(json: &Value) -> Result<toml_edit::Value, String> {
    Ok(match json {
        Value::Null => return Err("TOML has no null: remove the key instead".into()),
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into(),
            (None, Some(f)) => f.into(),
            _ => return Err(format!("{n} is out of TOML's integer range")),
        },
        // A basic string on one line, escapes and all (JSON's are TOML's), whatever it holds.
        Value::String(s) => {
            serde_json::to_string(s).ok().and_then(|q| q.parse().ok()).unwrap_or_else(|| s.as_str().into())
        }
        Value::Array(items) => {
            let mut array = Array::new();
            for item in items {
                array.push_formatted(value(item)?);
            }
            array.into()
        }
        Value::Object(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                table.insert(k, value(v)?);
            }
            table.into()
        }
    })
}

/// A value for a key of a standard table: mappings as `[tables]`, lists
/// of mappings as `[[arrays of tables]]`, the rest inline.
fn item(v: &Value) -> Result<Item, String> {
    match v {
        Value::Object(map) => {
            let mut table = Table::new();
            diff_table(&mut table, map, false)?;
            Ok(Item::Table(table))
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            let mut tables = ArrayOfTables::new();
            for each in items {
                let Value::Object(map) = each else { unreachable!("checked: all are mappings") };
                let mut table = Table::new();
                diff_table(&mut table, map, false)?;
                tables.push(table);
            }
            Ok(Item::ArrayOfTables(tables))
        }
        other => Ok(Item::Value(value(other)?)),
    }
}

fn as_json(item: &Item) -> Value {
    match item {
        Item::None => Value::Null,
        Item::Value(v) => value_json(v),
        Item::Table(t) => table_json(t.iter()),
        Item::ArrayOfTables(a) => Value::Array(a.iter().map(|t| table_json(t.iter())).collect()),
    }
}

fn table_json<'a>(entries: impl Iterator<Item = (&'a str, &'a Item)>) -> Value {
    Value::Object(entries.map(|(k, item)| (k.to_string(), as_json(item))).collect())
}

/// A TOML value as JSON, as the layers load it: a date-time is its text.
fn value_json(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match value {
        V::String(s) => Value::String(s.value().clone()),
        V::Integer(i) => Value::from(*i.value()),
        V::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::String(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(value_json).collect()),
        V::InlineTable(t) => Value::Object(t.iter().map(|(k, v)| (k.to_string(), value_json(v))).collect()),
    }
}

/// `inline`: the table is an inline table, which holds values only.
fn diff_table(table: &mut dyn TableLike, target: &Map<String, Value>, inline: bool) -> Result<(), String> {
    let gone: Vec<String> = table.iter().map(|(k, _)| k.to_string()).filter(|k| !target.contains_key(k)).collect();
    for key in gone {
        table.remove(&key);
    }
    for (key, want) in target {
        let Some(existing) = table.get_mut(key) else {
            let new = if inline { Item::Value(value(want)?) } else { item(want)? };
            table.insert(key, new);
            continue;
        };
        if as_json(existing) == *want {
            continue;
        }
        match (existing, want) {
            (Item::Table(t), Value::Object(map)) => diff_table(t, map, false)?,
            (Item::Value(toml_edit::Value::InlineTable(t)), Value::Object(map)) => diff_table(t, map, true)?,
            (Item::ArrayOfTables(tables), Value::Array(items)) if items.iter().all(Value::is_object) => {
                diff_tables(tables, items)?;
                if tables.is_empty() {
                    // No `[[table]]` left to write: the key stays, as `key = []`.
                    *table.get_mut(key).expect("the key is there") = Item::Value(Array::new().into());
                }
            }
            (Item::Value(toml_edit::Value::Array(array)), Value::Array(items)) => diff_array(array, items)?,
            (Item::Value(old), want) => {
                let decor = old.decor().clone();
                let mut new = value(want)?;
                *new.decor_mut() = decor;
                *old = new;
            }
            (slot, want) => *slot = item(want)?,
        }
    }
    Ok(())
}

/// An array of tables changed table by table: the tables that stay keep
/// their layout and comments; a new one is written where it belongs.
fn diff_tables(tables: &mut ArrayOfTables, items: &[Value]) -> Result<(), String> {
    let old: Vec<Table> = tables.iter().cloned().collect();
    let values: Vec<Value> = old.iter().map(|t| table_json(t.iter())).collect();
    let mut out: Vec<Table> = Vec::with_capacity(items.len());
    for step in align(&values, items) {
        let (mut table, j) = match step {
            Step::Same(i, j) | Step::Changed(i, j) => (old[i].clone(), j),
            Step::Dropped(_) => continue,
            Step::Added(j) => {
                let mut table = Table::new();
                // Written beside its neighbour, not after everything else.
                if let Some(at) = out.last().or(old.first()).and_then(Table::position) {
                    table.set_position(at);
                }
                (table, j)
            }
        };
        let Value::Object(map) = &items[j] else { unreachable!("checked: all are mappings") };
        diff_table(&mut table, map, false)?;
        out.push(table);
    }
    tables.clear();
    for t in out {
        tables.push(t);
    }
    Ok(())
}

/// An array changed item by item: items that stay keep their layout, new
/// ones take the layout (decor) of their neighbours.
fn diff_array(array: &mut Array, items: &[Value]) -> Result<(), String> {
    let old: Vec<Value> = array.iter().map(value_json).collect();
    let trailing = array.trailing_comma();
    let mut at = 0;
    for step in align(&old, items) {
        match step {
            Step::Same(..) => at += 1,
            Step::Changed(_, j) => {
                let slot = array.get_mut(at).expect("lined up with the old items");
                let decor = slot.decor().clone();
                *slot = value(&items[j])?;
                *slot.decor_mut() = decor;
                at += 1;
            }
            Step::Dropped(_) => _ = array.remove(at),
            Step::Added(j) => {
                let mut new = value(&items[j])?;
                if let Some(neighbour) = array.get(at).or_else(|| at.checked_sub(1).and_then(|i| array.get(i))) {
                    *new.decor_mut() = neighbour.decor().clone();
                }
                array.insert_formatted(at, new);
                at += 1;
            }
        }
    }
    array.set_trailing_comma(trailing);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_what_differs_changes() {
        let text =
            "# team layer\n[agent]\nicon = \"🏥\"  # the ward\nname = \"Nurse\"\n\n[[agent.menu]]\ncode = \"a\"\n";
        let target = json!({ "agent": { "icon": "🩺", "menu": [{ "code": "a", "extra": true }], "role": "r" } });
        assert_eq!(
            rewrite(text, &target).unwrap(),
            "# team layer\n[agent]\nicon = \"🩺\"  # the ward\nrole = \"r\"\n\n[[agent.menu]]\ncode = \"a\"\nextra = true\n"
        );
        assert_eq!(
            rewrite(text, &json!({ "agent": { "x": null } })).unwrap_err(),
            "TOML has no null: remove the key instead"
        );
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_multi_line_array_keeps_its_lines() {
        let text = "# values\nprinciples = [\n  \"a\",\n  \"b\",\n]\n";
        assert_eq!(
            rewrite(text, &json!({ "principles": ["n", "a", "b"] })).unwrap(),
            "# values\nprinciples = [\n  \"n\",\n  \"a\",\n  \"b\",\n]\n"
        );
        assert_eq!(rewrite(text, &json!({ "principles": ["a"] })).unwrap(), "# values\nprinciples = [\n  \"a\",\n]\n");
    }
}
