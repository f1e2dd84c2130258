//! TOML text → a positioned tree: every value and key keeps its line and
//! column, and the customization layer it came from, so that a problem in
//! a merged result is reported in the very file that set it.

use crate::error::{Error, Location, Result};
use std::cell::Cell;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Most bytes one TOML layer may have: customization files are a few KiB,
/// and the parser's tree takes ~35 bytes of memory per byte of a dense file.
pub const MAX_LAYER_BYTES: u64 = 1024 * 1024;
/// Most values (and tables) one layer may hold, as for YAML files.
pub const MAX_NODES: usize = crate::yaml::MAX_NODES;

/// A TOML value with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct TNode {
    /// The value.
    pub value: TValue,
    /// Where it starts.
    pub at: Location,
    /// The index of the layer that set it (see [`super::layers`]).
    pub layer: usize,
}

/// TOML's value kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum TValue {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A date, time or date-time, as written (RFC 3339).
    Datetime(String),
    /// An array.
    Array(Vec<TNode>),
    /// A table, keys in file order.
    Table(Vec<TEntry>),
}

/// One key of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TEntry {
    /// The key.
    pub key: String,
    /// Where the key is written.
    pub key_at: Location,
    /// The layer that wrote the key first (a merge keeps the base's).
    pub key_layer: usize,
    /// Its value.
    pub value: TNode,
}

impl TNode {
    /// The value under `key`, if this is a table holding it.
    pub fn get(&self, key: &str) -> Option<&TNode> {
        self.entries()?.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// The entries, if this is a table.
    pub fn entries(&self) -> Option<&[TEntry]> {
        match &self.value {
            TValue::Table(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn items(&self) -> Option<&[TNode]> {
        match &self.value {
            TValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            TValue::Str(text) => Some(text),
            _ => None,
        }
    }

    /// What kind of value this is, for messages: `a string`, `an array`, ….
    pub fn kind(&self) -> &'static str {
        match self.value {
            TValue::Str(_) => "a string",
            TValue::Int(_) => "an integer",
            TValue::Float(_) => "a float",
            TValue::Bool(_) => "a boolean",
            TValue::Datetime(_) => "a date-time",
            TValue::Array(_) => "an array",
            TValue::Table(_) => "a table",
        }
    }

    /// The value as JSON, keys in order; a date-time becomes its text and a
    /// float that JSON cannot hold (`inf`, `nan`) becomes `null`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            TValue::Str(text) | TValue::Datetime(text) => J::String(text.clone()),
            TValue::Int(n) => J::from(*n),
            TValue::Float(x) => serde_json::Number::from_f64(*x).map_or(J::Null, J::Number),
            TValue::Bool(b) => J::Bool(*b),
            TValue::Array(items) => J::Array(items.iter().map(TNode::to_json).collect()),
            TValue::Table(entries) => J::Object(entries.iter().map(|e| (e.key.clone(), e.value.to_json())).collect()),
        }
    }
}

/// Parses a TOML document of layer `layer`; a syntax error is `E_TOML` at
/// its line and column in `file`.
pub fn parse(text: &str, file: &str, layer: usize) -> Result<TNode> {
    let lines = LineStarts::new(text);
    let table = DeTable::parse(text).map_err(|err| {
        let start = err.span().map_or(0, |span| span.start);
        let at = lines.locate(text, start);
        syntax_error(text, file, start, at, err.message().trim())
    })?;
    let root = table.span();
    let reader = Reader { text, file, lines, layer, nodes: Cell::new(0) };
    Ok(TNode { value: reader.table(table.into_inner())?, at: reader.lines.locate(text, root.start), layer })
}

/// The TOML parser's error in the words YAML's errors use: a duplicate key
/// named with its first line, an unclosed string located at its opening
/// quote; other errors as the parser says them.
fn syntax_error(text: &str, file: &str, start: usize, at: Location, message: &str) -> Error {
    let file = file.to_string();
    // A span is a byte offset: kept on a character's first byte.
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].split('\n').next().unwrap_or_default();
    if message == "duplicate key" {
        let key: String = text[start.min(text.len())..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
            .collect();
        let defines =
            |l: &str| l.trim_start().strip_prefix(key.as_str()).is_some_and(|rest| rest.trim_start().starts_with('='));
        // The first definition in the same table: the lines since the last `[header]` above.
        let before: Vec<&str> = text[..line_start].lines().collect();
        let section = before.iter().rposition(|l| l.trim_start().starts_with('[')).map_or(0, |i| i + 1);
        if let Some(n) = (section..before.len()).find(|&n| defines(before[n])).filter(|_| !key.is_empty()) {
            let first = Location::new(n + 1, before[n].len() - before[n].trim_start().len() + 1);
            return Error::DuplicateKey { file, at, key, first, hint: "; keep one of them".into() };
        }
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string") {
        let quote = if message.contains("basic") { '"' } else { '\'' };
        if let Some(open) = line.find('=').and_then(|eq| line[eq..].find(quote).map(|q| eq + q)) {
            let opened = Location::new(at.line, line[..open].chars().count() + 1);
            let message = format!(
                "the string opened at {}:{} is never closed: add the closing {quote}",
                opened.line, opened.column
            );
            return Error::Toml { file, at: opened, message };
        }
    }
    Error::Toml { file, at, message: format!("TOML syntax error: {message}") }
}

struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    lines: LineStarts,
    layer: usize,
    /// Values read so far, against [`MAX_NODES`].
    nodes: Cell<usize>,
}

impl Reader<'_> {
    fn table(&self, table: DeTable<'_>) -> Result<TValue> {
        let entries = table
            .into_iter()
            .map(|(key, value)| {
                Ok(TEntry {
                    key_at: self.lines.locate(self.text, key.span().start),
                    key_layer: self.layer,
                    key: key.into_inner().into_owned(),
                    value: self.node(value)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(TValue::Table(entries))
    }

    fn node(&self, value: Spanned<DeValue<'_>>) -> Result<TNode> {
        let at = self.lines.locate(self.text, value.span().start);
        self.nodes.set(self.nodes.get() + 1);
        if self.nodes.get() > MAX_NODES {
            return Err(Error::Limit {
                file: self.file.to_string(),
                at: Some(at),
                message: format!("more than {MAX_NODES} values in one TOML layer"),
            });
        }
        let value = match value.into_inner() {
            DeValue::String(s) => TValue::Str(s.into_owned()),
            DeValue::Integer(i) => TValue::Int(self.integer(i.as_str(), i.radix(), at)?),
            DeValue::Float(f) => TValue::Float(float(f.as_str())),
            DeValue::Boolean(b) => TValue::Bool(b),
            DeValue::Datetime(d) => TValue::Datetime(d.to_string()),
            DeValue::Array(items) => TValue::Array(items.into_iter().map(|v| self.node(v)).collect::<Result<_>>()?),
            DeValue::Table(table) => self.table(table)?,
        };
        Ok(TNode { value, at, layer: self.layer })
    }

    /// A TOML integer's digits in its radix (the parser has checked them and
    /// removed `0x`); TOML integers are 64-bit, and one that is not is an
    /// error, as the TOML spec requires, never a silently changed number.
    fn integer(&self, digits: &str, radix: u32, at: Location) -> Result<i64> {
        let clean: String = digits.chars().filter(|c| *c != '_').collect();
        i64::from_str_radix(&clean, radix).map_err(|_| Error::Toml {
            file: self.file.to_string(),
            at,
            message: format!(
                "integer {digits} does not fit in 64 bits (TOML integers are 64-bit; quote it to keep it as text)"
            ),
        })
    }
}

/// TOML floats as written (`1_000.5`, `inf`, `-nan`), already validated by the parser.
fn float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    match clean.trim_start_matches(['+', '-']) {
        "inf" if clean.starts_with('-') => f64::NEG_INFINITY,
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => clean.parse().unwrap_or_default(),
    }
}

/// Byte offsets → 1-based line and column (in characters). Values are
/// located in the order they are written, so the last answer is where the
/// next count of characters starts: one long line of 80,000 inline values is
/// counted once, not once per value (that was quadratic).
struct LineStarts {
    starts: Vec<usize>,
    /// The last offset located: (its line's start, the offset, its column).
    last: Cell<(usize, usize, usize)>,
}

impl LineStarts {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        LineStarts { starts, last: Cell::new((0, 0, 1)) }
    }

    fn locate(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let (last_start, last_offset, last_column) = self.last.get();
        let (from, column) = match last_start == start && last_offset <= offset {
            true => (last_offset, last_column),
            false => (start, 1),
        };
        let column = column + text.get(from..offset).map_or(offset - from, |s| s.chars().count());
        self.last.set((start, offset, column));
        Location::new(line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_places_and_kinds() {
        let text = "# c\n[agent]\nname = \"Jo\"\nicon = '🧭'\nn = 1_000\nhex = 0xff\nneg = -5\nx = 1.5e2\nok = true\nwhen = 2026-12-02\n\n[[agent.menu]]\ncode = \"A\"\n";
        let root = parse(text, "c.toml", 0).unwrap();
        let agent = root.get("agent").unwrap();
        assert_eq!(agent.get("name").unwrap().at, Location::new(3, 8));
        assert_eq!(agent.entries().unwrap()[1].key_at, Location::new(4, 1));
        let values: Vec<_> =
            ["n", "hex", "neg", "x", "ok", "when"].iter().map(|k| agent.get(k).unwrap().to_json()).collect();
        assert_eq!(
            values,
            [
                serde_json::json!(1000),
                serde_json::json!(255),
                serde_json::json!(-5),
                serde_json::json!(150.0),
                serde_json::json!(true),
                serde_json::json!("2026-12-02")
            ]
        );
        let menu = agent.get("menu").unwrap().items().unwrap();
        assert_eq!(menu[0].get("code").unwrap().at, Location::new(13, 8));
        assert_eq!(
            root.to_json().to_string(),
            r#"{"agent":{"name":"Jo","icon":"🧭","n":1000,"hex":255,"neg":-5,"x":150.0,"ok":true,"when":"2026-12-02","menu":[{"code":"A"}]}}"#
        );
    }

    #[test]
    fn a_syntax_error_is_located() {
        let err = parse("[agent]\nname = \"Jo\"\nicon = \n", "team.toml", 1).unwrap_err();
        assert_eq!(err.code(), "E_TOML");
        assert_eq!(err.file(), "team.toml");
        assert_eq!(err.location(), Some(Location::new(3, 8)));
        let err = parse("[broken\n", "t.toml", 1).unwrap_err();
        assert_eq!(err.location().map(|l| l.line), Some(1));
        assert!(err.to_string().starts_with("TOML syntax error: "), "{err}");
    }

    #[test]
    fn a_duplicate_key_and_an_unclosed_string_are_said_as_for_yaml() {
        let err = parse("[agent]\nicon = \"a\"\nname = \"x\"\nicon = \"b\"\n", "team.toml", 1).unwrap_err();
        assert_eq!((err.code(), err.location()), ("E_DUPLICATE_KEY", Some(Location::new(4, 1))));
        assert_eq!(err.to_string(), "duplicate key 'icon' (first defined at line 2); keep one of them");
        let err = parse("[agent]\nicon = \"a\"\nname = \"Jo\n", "team.toml", 1).unwrap_err();
        assert_eq!((err.code(), err.location()), ("E_TOML", Some(Location::new(3, 8))));
        assert_eq!(err.to_string(), "the string opened at 3:8 is never closed: add the closing \"");
    }

    #[test]
    fn an_integer_past_64_bits_is_an_error() {
        let err = parse("[a]\nb = 99999999999999999999\n", "big.toml", 0).unwrap_err();
        assert_eq!((err.code(), err.location()), ("E_TOML", Some(Location::new(2, 5))));
        assert_eq!(parse("b = -9223372036854775808\n", "x", 0).unwrap().to_json()["b"], i64::MIN);
    }

    #[test]
    fn a_layer_of_too_many_values_is_refused() {
        let text: String = (0..=MAX_NODES).map(|i| format!("k{i} = 1\n")).collect();
        let err = parse(&text, "many.toml", 0).unwrap_err();
        assert_eq!((err.code(), err.location()), ("E_LIMIT", Some(Location::new(MAX_NODES + 1, 11))));
        let last_line = text.trim_end().rfind('\n').unwrap() + 1;
        assert!(parse(&text[..last_line], "fewer.toml", 0).is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&text, "deep.toml", 0).unwrap_err().code(), "E_TOML");
    }
}
