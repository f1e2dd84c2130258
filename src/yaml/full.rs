//! The full YAML parser: saphyr-parser's event stream consumed with an
//! explicit stack (no recursion), so nesting depth, alias expansion and node
//! count are bounded here. It takes any YAML and is the only source of YAML
//! errors and their locations.

use super::keys::{is_duplicate, key_text};
use super::node::{Entry, Node, Value};
use super::scalar::resolve_plain;
use super::syntax;
use super::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};
use crate::error::{Error, Location, Result};
use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

fn loc(span: &Span) -> Location {
    Location::new(span.start.line(), span.start.col() + 1)
}

/// A collection being built, with what the limits need to know of it.
struct Frame {
    at: Location,
    anchor: usize,
    kind: FrameKind,
    /// Nodes below this one (aliases expanded), for the node budget of anchors.
    size: usize,
    /// Levels below this one, for the depth check when an anchor is reused.
    height: usize,
    /// Bytes below this one (see `MAX_EXPANDED_BYTES`), for the size budget of anchors.
    bytes: usize,
}

enum FrameKind {
    Seq(Vec<Node>),
    /// `index` holds the keys once the mapping is large enough for a linear
    /// duplicate scan to cost more than hashing.
    Map {
        entries: Vec<Entry>,
        pending: Option<(CompactString, Location)>,
        index: Option<HashSet<CompactString>>,
    },
}

/// A finished node with its subtree size, height and bytes, as anchors remember it.
struct Built {
    node: Node,
    size: usize,
    height: usize,
    bytes: usize,
}

struct Builder<'a> {
    file: &'a str,
    text: &'a str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Built>,
    /// The document so far against `MAX_NODES` and `MAX_EXPANDED_BYTES`.
    nodes: usize,
    bytes: usize,
    /// Whether an alias was expanded, for what a limit's message suggests.
    aliased: bool,
    root: Option<Node>,
    documents: usize,
}

/// Parses exactly one YAML document. `file` names the source in errors.
pub fn parse(text: &str, file: &str) -> Result<Node> {
    let mut builder = Builder {
        file,
        text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        bytes: 0,
        aliased: false,
        root: None,
        documents: 0,
    };
    if let Some(offset) = super::flow_budget::over_limit(text) {
        let at = crate::source::location_of(text, offset);
        return Err(builder.limit(at, format!("the document has more than {MAX_NODES} nodes")));
    }
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| builder.scan_error(&e))?;
        if !builder.on_event(event, span)? {
            break;
        }
    }
    match builder.root {
        None | Some(Node { value: Value::Null, .. }) => Err(Error::Empty { file: file.to_string() }),
        Some(root) => Ok(root),
    }
}

impl<'a> Builder<'a> {
    /// Returns false at the end of the stream.
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<bool> {
        let at = loc(&span);
        match event {
            Event::StreamEnd => return Ok(false),
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Error::MultipleDocuments { file: self.file.to_string(), at });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let bytes = text.len() + 1;
                self.count(1, bytes, at)?;
                let value = self.scalar(text, style, tag.as_deref(), at)?;
                self.finish(Built { node: Node::new(value, at), size: 1, height: 0, bytes }, anchor)?;
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "seq", at)?;
                self.open(at, anchor, FrameKind::Seq(Vec::new()))?;
            }
            Event::MappingStart(anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "map", at)?;
                let kind = FrameKind::Map { entries: Vec::new(), pending: None, index: None };
                self.open(at, anchor, kind)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = self.stack.pop().ok_or_else(|| self.internal("unbalanced collection end"))?;
                let value = match frame.kind {
                    FrameKind::Seq(items) => Value::Seq(items),
                    FrameKind::Map { entries, .. } => Value::Map(entries),
                };
                self.count(1, 1, frame.at)?;
                let built = Built {
                    node: Node::new(value, frame.at),
                    size: frame.size + 1,
                    height: frame.height + 1,
                    bytes: frame.bytes + 1,
                };
                self.finish(built, frame.anchor)?;
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(self.yaml_error(at, "alias refers to a node that contains it (recursive alias)"));
                };
                if self.stack.len() + target.height > MAX_DEPTH {
                    return Err(self.limit(at, format!("alias expands past the nesting limit of {MAX_DEPTH} levels")));
                }
                let (size, height, bytes) = (target.size, target.height, target.bytes);
                // Counted before anything is copied: a bomb stops here, at its first alias over budget.
                self.aliased = true;
                self.count(size, bytes, at)?;
                let node = Node::new(self.anchors[&id].node.value.clone(), at);
                self.finish(Built { node, size, height, bytes }, 0)?;
            }
        }
        Ok(true)
    }

    fn open(&mut self, at: Location, anchor: usize, kind: FrameKind) -> Result<()> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.limit(at, format!("nesting is deeper than the limit of {MAX_DEPTH} levels")));
        }
        self.stack.push(Frame { at, anchor, kind, size: 0, height: 0, bytes: 0 });
        Ok(())
    }

    /// Adds `nodes` and `bytes` to the document's size, or refuses it at `at`.
    fn count(&mut self, nodes: usize, bytes: usize, at: Location) -> Result<()> {
        self.nodes += nodes;
        self.bytes += bytes;
        let over = if self.nodes > MAX_NODES {
            format!("{MAX_NODES} nodes")
        } else if self.bytes > MAX_EXPANDED_BYTES {
            format!("{} MiB of text", MAX_EXPANDED_BYTES >> 20)
        } else {
            return Ok(());
        };
        Err(self.limit(
            at,
            if self.aliased {
                format!("aliases expand the document past {over} (an alias bomb?)")
            } else {
                format!("the document has more than {over}")
            },
        ))
    }

    /// Places a finished node into its parent (or as the root).
    fn finish(&mut self, built: Built, anchor: usize) -> Result<()> {
        if anchor != 0 {
            // The remembered copy is memory too: count it.
            self.count(built.size, built.bytes, built.node.at)?;
            let remembered =
                Built { node: built.node.clone(), size: built.size, height: built.height, bytes: built.bytes };
            self.anchors.insert(anchor, remembered);
        }
        let file = self.file;
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(built.node);
            return Ok(());
        };
        parent.size += built.size;
        parent.height = parent.height.max(built.height);
        parent.bytes += built.bytes;
        match &mut parent.kind {
            FrameKind::Seq(items) => items.push(built.node),
            FrameKind::Map { entries, pending, index } => match pending.take() {
                None => {
                    let key = key_text(&built.node.value).ok_or_else(|| Error::Yaml {
                        file: file.to_string(),
                        at: built.node.at,
                        message: format!("mapping keys must be plain values, found {}", built.node.kind()),
                    })?;
                    if is_duplicate(entries, index, &key) {
                        let first = entries.iter().find(|e| e.key == key).map_or(built.node.at, |e| e.key_at);
                        let at = built.node.at;
                        let hint = self.missing_dash_hint(at);
                        return Err(Error::DuplicateKey { file: file.to_string(), at, key: key.into(), first, hint });
                    }
                    *pending = Some((key, built.node.at));
                }
                Some((key, key_at)) => entries.push(Entry { key, key_at, value: built.node }),
            },
        }
        Ok(())
    }

    /// For a key repeated at the first key's column of a mapping that is a
    /// list item: the commonest cause, a forgotten `- ` before a new item.
    fn missing_dash_hint(&self, key: Location) -> String {
        let [.., list_owner, list, item] = self.stack.as_slice() else { return String::new() };
        let (FrameKind::Seq(_), FrameKind::Map { pending: None, .. }) = (&list.kind, &item.kind) else {
            return String::new();
        };
        if key.column != item.at.column {
            return String::new();
        }
        match &list_owner.kind {
            FrameKind::Map { pending: Some((name, _)), .. } => {
                format!("; if this line starts a new item of '{name}', begin it with '- '")
            }
            _ => "; if this line starts a new list item, begin it with '- '".into(),
        }
    }

    fn scalar(&self, text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>, at: Location) -> Result<Value> {
        let Some(tag) = tag else {
            return Ok(match style {
                ScalarStyle::Plain => resolve_plain(&text),
                _ => Value::Str(text.into()),
            });
        };
        let bad = |what: &str| self.yaml_error(at, format!("'{text}' is not a valid {what} for tag {}", tag_name(tag)));
        let core = match classify(tag) {
            TagKind::NonSpecific => return Ok(Value::Str(text.into())),
            TagKind::Other => return Err(self.tag_error(tag, at)),
            TagKind::Core(suffix) => suffix,
        };
        match core {
            "str" => Ok(Value::Str(text.into())),
            "null" => match resolve_plain(&text) {
                Value::Null => Ok(Value::Null),
                _ => Err(bad("null")),
            },
            "bool" => match resolve_plain(&text) {
                v @ Value::Bool(_) => Ok(v),
                _ => Err(bad("boolean")),
            },
            "int" => match resolve_plain(&text) {
                v @ Value::Int(_) => Ok(v),
                _ => Err(bad("integer")),
            },
            "float" => match resolve_plain(&text) {
                Value::Int(i) => Ok(Value::Float(i as f64)),
                v @ Value::Float(_) => Ok(v),
                _ => Err(bad("float")),
            },
            _ => Err(self.tag_error(tag, at)),
        }
    }

    fn check_collection_tag(&self, tag: Option<&Tag>, expected: &str, at: Location) -> Result<()> {
        match tag {
            None => Ok(()),
            Some(t) => match classify(t) {
                TagKind::NonSpecific => Ok(()),
                TagKind::Core(suffix) if suffix == expected => Ok(()),
                _ => Err(self.tag_error(t, at)),
            },
        }
    }

    fn tag_error(&self, tag: &Tag, at: Location) -> Error {
        Error::Tag { file: self.file.to_string(), at, tag: tag_name(tag) }
    }

    fn yaml_error(&self, at: Location, message: impl Into<String>) -> Error {
        Error::Yaml { file: self.file.to_string(), at, message: message.into() }
    }

    fn limit(&self, at: Location, message: String) -> Error {
        Error::Limit { file: self.file.to_string(), at: Some(at), message }
    }

    fn internal(&self, message: &str) -> Error {
        Error::Internal { file: self.file.to_string(), message: message.to_string() }
    }

    fn scan_error(&self, e: &ScanError) -> Error {
        let mark = e.marker();
        let at = Location::new(mark.line().max(1), mark.col() + 1);
        let info = e.info();
        if info.contains("recursion limit") {
            return self.limit(at, format!("flow nesting is deeper than the parser's limit: {info}"));
        }
        match syntax::explain(info, self.text, at) {
            Some((at, message)) => self.yaml_error(at, message),
            // A wording the table does not know yet: still said as a YAML error.
            None => self.yaml_error(at, format!("YAML syntax error: {info}")),
        }
    }
}

/// How madace-core reads a tag.
enum TagKind<'t> {
    /// A core schema tag (`!!str`, or written out as `!<tag:yaml.org,2002:str>`), by its suffix.
    Core(&'t str),
    /// The non-specific tag `!`: the node is a string, sequence or mapping, as written.
    NonSpecific,
    /// Anything else (`!!python/object`, `!include`, `!<!bar>`): refused, never executed.
    Other,
}

fn classify(tag: &Tag) -> TagKind<'_> {
    const CORE: &str = "tag:yaml.org,2002:";
    if tag.is_yaml_core_schema() {
        return TagKind::Core(&tag.suffix);
    }
    // saphyr reports `!` as an empty handle with suffix `!`, and a verbatim
    // `!<…>` tag as an empty handle with the whole tag as suffix.
    match (tag.handle.as_str(), tag.suffix.as_str()) {
        ("", "!") | ("!", "") => TagKind::NonSpecific,
        ("", verbatim) => verbatim.strip_prefix(CORE).map_or(TagKind::Other, TagKind::Core),
        _ => TagKind::Other,
    }
}

fn tag_name(tag: &Tag) -> String {
    match classify(tag) {
        TagKind::Core(suffix) => format!("!!{suffix}"),
        TagKind::NonSpecific => "!".to_string(),
        TagKind::Other if tag.handle.is_empty() => format!("!<{}>", tag.suffix),
        TagKind::Other => tag.to_string(),
    }
}
