//! YAML text to a positioned tree. saphyr-parser's event stream is consumed
//! with an explicit stack (no recursion), so nesting depth, alias expansion and
//! node count are bounded here, and every node and key keeps its location.

use crate::error::{Error, Location, Result};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Deepest nesting of collections accepted (agent files use < 10).
pub const MAX_DEPTH: usize = 128;
/// Most nodes one document may hold, aliases expanded and anchored nodes
/// counted twice (they are kept for reuse). The largest real definition file
/// has under 2,000.
pub const MAX_NODES: usize = 100_000;
/// Most bytes one document may expand to: every scalar's text and every
/// key, plus one byte per node, with aliases expanded and anchored nodes
/// counted twice. An alias-free document never expands past its own size, so
/// with the 8 MiB file limit only aliases can reach this.
pub const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;

/// A YAML value with the position it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it starts.
    pub at: Location,
}

/// A YAML 1.2 core-schema value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer (decimal, `0x`, `0o`).
    Int(i64),
    /// A float, `.inf` and `.nan` included.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in file order.
    Map(Vec<Entry>),
}

/// A mapping entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key (always a string in definition files).
    pub key: String,
    /// Where the key is written.
    pub key_at: Location,
    /// The value.
    pub value: Node,
}

impl Node {
    /// A node holding `value`, located `at`.
    pub fn new(value: Value, at: Location) -> Self {
        Node { value, at }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()?.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// The value of `key` for changing, if this is a mapping that has it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.value {
            Value::Map(entries) => entries.iter_mut().find(|e| e.key == key).map(|e| &mut e.value),
            _ => None,
        }
    }

    /// Appends `key` to a mapping (located at the mapping itself).
    pub fn insert(&mut self, key: &str, value: Value) {
        let at = self.at;
        if let Value::Map(entries) = &mut self.value {
            entries.push(Entry { key: key.to_string(), key_at: at, value: Node::new(value, at) });
        }
    }

    /// The entries, if this is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// How the value is named in messages ("expected a list, found a string").
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// JSON text with every non-ASCII character escaped: V8 makes a string
    /// from ASCII bytes without decoding UTF-8, which costs more than the escapes.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(1024);
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
        // Serializing a tree of strings and finite numbers into memory cannot fail.
        if self.serialize(&mut serializer).is_err() {
            return "null".into();
        }
        String::from_utf8(out).unwrap_or_else(|_| "null".into())
    }
}

struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut plain = 0;
        for (i, c) in fragment.char_indices().filter(|(_, c)| !c.is_ascii()) {
            w.write_all(&fragment.as_bytes()[plain..i])?;
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(w, "\\u{unit:04x}")?;
            }
            plain = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[plain..])
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.value {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            // JSON has no NaN / Infinity: they become null, as JSON.stringify does.
            Value::Float(f) if f.is_finite() => s.serialize_f64(*f),
            Value::Float(_) => s.serialize_unit(),
            Value::Str(v) => s.serialize_str(v),
            Value::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for e in entries {
                    map.serialize_entry(&e.key, &e.value)?;
                }
                map.end()
            }
        }
    }
}

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
        pending: Option<(String, Location)>,
        index: Option<HashSet<String>>,
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
                    let key = key_text(&built.node).ok_or_else(|| Error::Yaml {
                        file: file.to_string(),
                        at: built.node.at,
                        message: format!("mapping keys must be plain values, found {}", built.node.kind()),
                    })?;
                    if is_duplicate(entries, index, &key) {
                        let first = entries.iter().find(|e| e.key == key).map_or(built.node.at, |e| e.key_at);
                        return Err(Error::DuplicateKey { file: file.to_string(), at: built.node.at, key, first });
                    }
                    *pending = Some((key, built.node.at));
                }
                Some((key, key_at)) => entries.push(Entry { key, key_at, value: built.node }),
            },
        }
        Ok(())
    }

    fn scalar(&self, text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>, at: Location) -> Result<Value> {
        let Some(tag) = tag else {
            return Ok(match style {
                ScalarStyle::Plain => resolve_plain(&text),
                _ => Value::Str(text.into_owned()),
            });
        };
        let bad = |what: &str| self.yaml_error(at, format!("'{text}' is not a valid {what} for tag {}", tag_name(tag)));
        let core = match classify(tag) {
            TagKind::NonSpecific => return Ok(Value::Str(text.into_owned())),
            TagKind::Other => return Err(self.tag_error(tag, at)),
            TagKind::Core(suffix) => suffix,
        };
        match core {
            "str" => Ok(Value::Str(text.into_owned())),
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
        let mut at = Location::new(mark.line().max(1), mark.col() + 1);
        let mut message = e.info().to_string();
        // Tabs in indentation are the commonest hand-editing mistake: name them.
        if let Some(tab) = leading_tab(self.text, at.line) {
            at = Location::new(at.line, tab);
            message = format!("tab character used for indentation (YAML indents with spaces only): {message}");
        } else if message.contains("recursion limit") {
            return self.limit(at, format!("flow nesting is deeper than the parser's limit: {message}"));
        }
        self.yaml_error(at, message)
    }
}

/// Mappings up to this many keys are checked for duplicates by a scan.
const SCAN_KEYS: usize = 16;

fn is_duplicate(entries: &[Entry], index: &mut Option<HashSet<String>>, key: &str) -> bool {
    if index.is_none() && entries.len() < SCAN_KEYS {
        return entries.iter().any(|e| e.key == key);
    }
    let keys = index.get_or_insert_with(|| entries.iter().map(|e| e.key.clone()).collect());
    !keys.insert(key.to_string())
}

/// Column of a tab inside the leading whitespace of `line` (1-based), if any.
fn leading_tab(text: &str, line: usize) -> Option<usize> {
    let content = text.split('\n').nth(line.checked_sub(1)?)?;
    content.chars().take_while(|c| *c == ' ' || *c == '\t').position(|c| c == '\t').map(|i| i + 1)
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

/// Mapping keys become JSON object keys, so only scalars qualify.
fn key_text(node: &Node) -> Option<String> {
    Some(match &node.value {
        Value::Str(s) => s.clone(),
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Seq(_) | Value::Map(_) => return None,
    })
}

/// YAML 1.2 core schema resolution of an untagged plain scalar.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = text.strip_prefix("0x") {
        if digits(hex, 16) {
            return i64::from_str_radix(hex, 16).map_or_else(|_| Value::Str(text.into()), Value::Int);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if digits(oct, 8) {
            return i64::from_str_radix(oct, 8).map_or_else(|_| Value::Str(text.into()), Value::Int);
        }
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        return match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse().unwrap_or(f64::NAN)),
        };
    }
    if is_core_float(unsigned) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

/// `(\.[0-9]+ | [0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from the core schema.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => all_digits(int) && all_digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Error {
        parse(text, "t.yaml").unwrap_err()
    }

    #[test]
    fn keeps_order_positions_and_types() {
        let doc = parse("b: 1\na:\n  - x\n  - 2.5\n  - true\n  - ~\n  - '3'\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"b":1,"a":["x",2.5,true,null,"3"]}"#);
        let entries = doc.entries().unwrap();
        assert_eq!(entries[1].key_at, Location::new(2, 1));
        assert_eq!(doc.get("a").unwrap().items().unwrap()[1].at, Location::new(4, 5));
    }

    #[test]
    fn json_escapes_non_ascii() {
        let doc = parse("icon: 📋\nname: José\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"icon":"\ud83d\udccb","name":"Jos\u00e9"}"#);
        let back: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(back["icon"], "📋");
    }

    #[test]
    fn duplicates_found_in_large_mappings() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        let e = err(&text);
        assert_eq!(e.code(), "E_DUPLICATE_KEY");
        assert_eq!(e.location(), Some(Location::new(41, 1)));
    }

    #[test]
    fn plain_scalar_resolution() {
        assert_eq!(resolve_plain("1.0.0"), Value::Str("1.0.0".into()));
        assert_eq!(resolve_plain("0x1f"), Value::Int(31));
        assert_eq!(resolve_plain("-12"), Value::Int(-12));
        assert_eq!(resolve_plain("1e3"), Value::Float(1000.0));
        assert_eq!(resolve_plain(".5"), Value::Float(0.5));
        assert_eq!(resolve_plain("yes"), Value::Str("yes".into()));
        assert_eq!(resolve_plain("1_000"), Value::Str("1_000".into()));
    }

    #[test]
    fn malformed_yaml_is_located() {
        let e = err("a: 1\nb: [1, 2\nc: 3\n");
        assert_eq!(e.code(), "E_YAML");
        assert_eq!(e.location().unwrap().line, 3);
    }

    #[test]
    fn tab_indentation_named() {
        let e = err("a:\n\tb: 1\n");
        assert_eq!(e.code(), "E_YAML");
        assert_eq!(e.location(), Some(Location::new(2, 1)));
        assert!(e.to_string().contains("tab character"), "{e}");
    }

    #[test]
    fn duplicate_key() {
        let e = err("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(e.code(), "E_DUPLICATE_KEY");
        assert_eq!(e.location(), Some(Location::new(4, 3)));
        assert!(e.to_string().contains("first defined at line 3"), "{e}");
    }

    #[test]
    fn second_document() {
        let e = err("a: 1\n---\nb: 2\n");
        assert_eq!(e.code(), "E_MULTIPLE_DOCUMENTS");
        assert_eq!(e.location(), Some(Location::new(2, 1)));
        assert!(parse("---\na: 1\n", "t").is_ok());
    }

    #[test]
    fn empty_documents() {
        for text in ["", "   \n", "# only a comment\n", "~\n", "---\n"] {
            assert_eq!(err(text).code(), "E_EMPTY", "{text:?}");
        }
    }

    #[test]
    fn unknown_tags() {
        let e = err("a: !!python/object:os.system ls\n");
        assert_eq!(e.code(), "E_TAG");
        assert_eq!(e.location(), Some(Location::new(1, 4)));
        assert_eq!(err("a: !custom [1]\n").code(), "E_TAG");
        assert_eq!(parse("a: !!str 12\n", "t").unwrap().to_json(), r#"{"a":"12"}"#);
        assert_eq!(err("a: !!int abc\n").code(), "E_YAML");
    }

    #[test]
    fn aliases_expand_within_budget() {
        let doc = parse("x: &a [1, 2]\ny: *a\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"x":[1,2],"y":[1,2]}"#);
    }

    #[test]
    fn alias_bomb_stops() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..=9 {
            let refs = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT", "{e}");
        // Level 4 (line 5) already holds 9⁴ × 10 nodes, and its anchor keeps a copy.
        assert_eq!(e.location(), Some(Location::new(5, 5)));
        assert_eq!(e.to_string(), format!("aliases expand the document past {MAX_NODES} nodes (an alias bomb?)"));
    }

    #[test]
    fn non_specific_and_verbatim_core_tags() {
        assert_eq!(
            parse("a: ! 12\nb: !!str 13\nc: !<tag:yaml.org,2002:str> 14\nd: ! [1]\n", "t").unwrap().to_json(),
            r#"{"a":"12","b":"13","c":"14","d":[1]}"#
        );
        assert_eq!(parse("n: !<tag:yaml.org,2002:int> 0x1f\n", "t").unwrap().to_json(), r#"{"n":31}"#);
        let e = err("a: !<!bar> baz\n");
        assert_eq!((e.code(), e.to_string().as_str()), ("E_TAG", "unsupported YAML tag '!<!bar>' (only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!seq, !!map are allowed)"));
        assert_eq!(err("a: !<tag:yaml.org,2002:binary> AAAA\n").code(), "E_TAG");
    }

    #[test]
    fn big_scalar_aliases_stop_at_the_byte_budget() {
        // One 1 MiB scalar and 8,000 aliases to it. The scalar and the copy its
        // anchor keeps count 2 MiB, so the 6th alias (line 8) passes 8 MiB.
        let mut text = format!("a: &big {}\nlist:\n", "x".repeat(1 << 20));
        for _ in 0..8000 {
            text.push_str("  - *big\n");
        }
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(8, 5)));
        assert_eq!(e.to_string(), "aliases expand the document past 8 MiB of text (an alias bomb?)");
    }

    #[test]
    fn long_flow_sequence_stops_at_the_node_budget() {
        let text = format!("list: [{}]\n", vec!["a"; 999_000].join(","));
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.to_string(), format!("the document has more than {MAX_NODES} nodes"));
        // The key `list` is node 1 (collections count when they close), so item
        // 100,000 (at column 8 + 2 × 99,999) is the one over.
        assert_eq!(e.location(), Some(Location::new(1, 8 + 2 * (MAX_NODES - 1))));
    }

    #[test]
    fn deep_nesting_stops_at_limit() {
        let block = "- ".repeat(100_000) + "x\n";
        let e = err(&block);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(1, 2 * MAX_DEPTH + 1)));
        let flow = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(err(&flow).code(), "E_LIMIT");
        let mapping: String = (0..1000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let e = err(&mapping);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(MAX_DEPTH + 1, MAX_DEPTH + 1)));
    }

    #[test]
    fn complex_keys_rejected() {
        let e = err("? [a, b]\n: 1\n");
        assert_eq!(e.code(), "E_YAML");
        assert_eq!(e.location(), Some(Location::new(1, 3)));
    }
}
