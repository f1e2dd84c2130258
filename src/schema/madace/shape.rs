//! The few zod constructs the MADACE app's schemas are made of, as data: a
//! shape checks a node the way zod's `safeParse` does (same verdict, our
//! located messages) and projects it the way zod's output does (unknown keys
//! dropped at every level, keys in the schema's order, defaults filled in).

use crate::schema::{field, index, Checker};
use crate::yaml::{Entry, Node, Value};

/// A zod schema.
pub enum Shape {
    /// `z.string()`.
    Text,
    /// `z.string().min(1)`: at least one character (white space counts, as in zod).
    NonEmpty,
    /// `z.boolean()`.
    Flag,
    /// `z.enum([...])`.
    OneOf(&'static [&'static str]),
    /// `z.array(shape)`.
    List(&'static Shape),
    /// `z.object({...})`: fields in the schema's order, every other key stripped.
    Object(&'static [Field]),
    /// `z.record(z.string(), shape)`: a mapping, all of its keys kept.
    Record(&'static Shape),
    /// `z.unknown()`.
    Anything,
}

/// One field of a `z.object`.
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// Its schema.
    pub shape: Shape,
    /// What an absent key means.
    pub absent: Absent,
}

/// What zod does with a missing key.
pub enum Absent {
    /// Fails.
    Required,
    /// Leaves it out (`.optional()`).
    Optional,
    /// Fills in a value (`.default(...)`), computed when the file is loaded.
    Default(fn() -> Value),
}

impl Field {
    /// A field zod requires.
    pub const fn required(key: &'static str, shape: Shape) -> Field {
        Field { key, shape, absent: Absent::Required }
    }

    /// A field zod leaves out when absent.
    pub const fn optional(key: &'static str, shape: Shape) -> Field {
        Field { key, shape, absent: Absent::Optional }
    }

    /// A field zod fills in when absent.
    pub const fn default(key: &'static str, shape: Shape, value: fn() -> Value) -> Field {
        Field { key, shape, absent: Absent::Default(value) }
    }
}

impl Shape {
    /// Records every way `node` (at `path`) fails this shape.
    pub fn check(&self, node: &Node, path: &str, c: &mut Checker) {
        match self {
            Shape::Text => _ = c.string(node, path),
            Shape::NonEmpty => {
                if c.string(node, path).is_some_and(str::is_empty) {
                    let name = path.rsplit('.').next().unwrap_or(path);
                    c.issue(path, node.at, format!("'{name}' must not be empty"));
                }
            }
            Shape::Flag => {
                if !matches!(node.value, Value::Bool(_)) {
                    c.issue(path, node.at, format!("expected true or false, found {}", node.kind()));
                }
            }
            Shape::OneOf(allowed) => match c.string(node, path) {
                Some(text) if !allowed.contains(&text) => {
                    let name = path.rsplit('.').next().unwrap_or(path);
                    c.issue(
                        path,
                        node.at,
                        format!("unknown {name} '{text}' (expected one of: {})", allowed.join(", ")),
                    );
                }
                _ => {}
            },
            Shape::List(item) => {
                for (i, each) in c.list(node, path).unwrap_or_default().iter().enumerate() {
                    item.check(each, &index(path, i), c);
                }
            }
            Shape::Object(fields) => {
                if c.map(node, path).is_none() {
                    return;
                }
                let parent = if path == "(root)" { "" } else { path };
                for f in *fields {
                    let value = match f.absent {
                        Absent::Required => c.required(node, parent, f.key),
                        _ => node.get(f.key),
                    };
                    if let Some(value) = value {
                        f.shape.check(value, &field(parent, f.key), c);
                    }
                }
            }
            Shape::Record(value) => {
                for entry in c.map(node, path).unwrap_or_default() {
                    value.check(&entry.value, &field(path, &entry.key), c);
                }
            }
            Shape::Anything => {}
        }
    }

    /// zod's output for a node that passed [`Shape::check`].
    pub fn project(&self, node: Node) -> Node {
        match (self, node.value) {
            (Shape::List(item), Value::Seq(items)) => {
                Node::new(Value::Seq(items.into_iter().map(|each| item.project(each)).collect()), node.at)
            }
            (Shape::Object(fields), Value::Map(mut entries)) => {
                let mut kept = Vec::with_capacity(fields.len());
                for f in *fields {
                    match entries.iter().position(|e| e.key == f.key) {
                        Some(i) => {
                            let Entry { key, key_at, value } = entries.swap_remove(i);
                            kept.push(Entry { key, key_at, value: f.shape.project(value) });
                        }
                        None => {
                            if let Absent::Default(value) = f.absent {
                                kept.push(Entry {
                                    key: f.key.into(),
                                    key_at: node.at,
                                    value: Node::new(value(), node.at),
                                });
                            }
                        }
                    }
                }
                Node::new(Value::Map(kept), node.at)
            }
            (Shape::Record(shape), Value::Map(entries)) => {
                let entries = entries.into_iter().map(|e| Entry { value: shape.project(e.value), ..e }).collect();
                Node::new(Value::Map(entries), node.at)
            }
            (_, value) => Node::new(value, node.at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    const ITEM: Shape = Shape::Object(&[
        Field::required("name", Shape::NonEmpty),
        Field::optional("tags", Shape::List(&Shape::Text)),
        Field::default("on", Shape::Flag, || Value::Bool(false)),
        Field::optional("vars", Shape::Record(&Shape::Anything)),
    ]);

    #[test]
    fn the_output_keeps_the_schemas_keys_in_its_order_with_defaults() {
        let doc = parse("extra: 1\ntags: [a]\nvars: {x: {deep: 1}}\nname: n\n", "t").unwrap();
        let mut c = Checker::default();
        ITEM.check(&doc, "(root)", &mut c);
        assert!(!c.has_issues());
        assert_eq!(ITEM.project(doc).to_json(), r#"{"name":"n","tags":["a"],"on":false,"vars":{"x":{"deep":1}}}"#);
    }

    #[test]
    fn the_verdict_is_zods() {
        let doc = parse("name: ''\ntags: [1]\non: null\nvars: []\n", "t").unwrap();
        let mut c = Checker::default();
        ITEM.check(&doc, "(root)", &mut c);
        let got: Vec<_> = c.into_issues().into_iter().map(|i| (i.field, i.line, i.column)).collect();
        assert_eq!(got, [("name".into(), 1, 7), ("tags[0]".into(), 2, 8), ("on".into(), 3, 5), ("vars".into(), 4, 7)]);
    }
}
