//! The fast path: block YAML as definition files write it, scanned line by
//! line straight into the positioned tree, with the values and locations the
//! full parser gives.
//!
//! It covers block mappings and sequences (compact `- key: value` items
//! included), plain scalars over several lines, one-line quoted scalars with
//! every escape, `|` / `>` block scalars with their indicators, one-line flow
//! sequences of scalars, `{}`, comments, a BOM and CRLF. On anything else
//! (anchors, aliases, tags, complex keys, document markers, tabs around
//! structure, a limit reached, any doubt or any error) it returns `None`
//! before building more, and [`super::full`] parses the text from the start.

mod chars;
mod flow;
mod key;
mod scalar;

use super::keys::is_duplicate;
use super::node::{Entry, Node, Value};
use super::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};
use crate::error::Location;
use chars::{check_characters, describe, skip_spaces};
use compact_str::CompactString;
use std::borrow::Cow;
use std::collections::HashSet;

/// Longest plain key taken here (YAML caps implicit keys at 1024 characters).
const MAX_KEY: usize = 1024;

/// Most lines taken here: the line table costs 32 bytes a line, so a file of
/// millions of blank lines goes to the full parser, which streams (real
/// definition files have a few thousand lines at most).
const MAX_LINES: usize = 100_000;

/// The tree of `text`, or `None` where the full parser must decide.
pub fn parse(text: &str) -> Option<Node> {
    let mut scanner = Scanner::new(text)?;
    let first = scanner.next_content(0)?;
    let line = scanner.lines.get(first)?;
    let (pos, indent) = (line.start + line.indent, line.indent);
    let root = if scanner.is_dash(first, pos) {
        scanner.block_seq(first, indent, 0)?
    } else {
        scanner.block_map(first, pos, indent, 0)?
    };
    // Whatever follows the root collection is either nothing or an error.
    if scanner.next_content(scanner.line)? != scanner.lines.len() {
        return None;
    }
    Some(root)
}

/// One line: `start..end` without its line break; `indent` leading spaces.
struct Line {
    start: usize,
    end: usize,
    indent: usize,
    /// Nothing but spaces, or a comment, after the indentation.
    blank: bool,
    /// A tab in the leading whitespace.
    tab: bool,
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    lines: Vec<Line>,
    /// The first line not consumed yet.
    line: usize,
    nodes: usize,
    expanded: usize,
    /// Entries and items of the collections being built, innermost last:
    /// each collection takes its own off the end in one exact allocation.
    entries: Vec<Entry>,
    items: Vec<Node>,
}

/// A key as written: plain text (resolved when the key is built) or a quoted string.
enum KeyText<'t> {
    Plain(&'t str),
    Quoted(Cow<'t, str>),
}

/// Where a node starts: after `key:` or after `- `. It decides what an empty
/// node is located at and whether a collection may start on the same line.
#[derive(Clone, Copy)]
enum Slot {
    /// A mapping value; empty, it sits at the colon (a 0-based byte offset).
    Value { colon: usize },
    /// A sequence item; empty, it sits at the end of its line.
    Item,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Option<Self> {
        let bytes = text.as_bytes();
        let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        check_characters(&bytes[start..])?;
        let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
        let mut line_start = start;
        for newline in memchr::memchr_iter(b'\n', &bytes[start..]).map(|i| i + start).chain([bytes.len()]) {
            if line_start == bytes.len() {
                break; // no line after the last line break
            }
            let end = if newline > line_start && bytes[newline - 1] == b'\r' { newline - 1 } else { newline };
            if lines.len() == MAX_LINES {
                return None;
            }
            lines.push(describe(bytes, line_start, end)?);
            line_start = newline + 1;
        }
        Some(Scanner { text, bytes, lines, line: 0, nodes: 0, expanded: 0, entries: Vec::new(), items: Vec::new() })
    }

    /// The next line at or after `from` with content, or `lines.len()`;
    /// `None` when a line on the way has a tab where indentation is read.
    fn next_content(&self, from: usize) -> Option<usize> {
        let mut i = from;
        while let Some(line) = self.lines.get(i) {
            if line.tab {
                return None;
            }
            if !line.blank {
                break;
            }
            i += 1;
        }
        Some(i)
    }

    fn location(&self, line: usize, pos: usize) -> Location {
        let start = self.lines[line].start;
        let prefix = &self.bytes[start..pos];
        let column = if prefix.is_ascii() { prefix.len() } else { self.text[start..pos].chars().count() };
        Location::new(line + 1, column + 1)
    }

    /// Counts a node against the document limits; `None` over them.
    fn count(&mut self, bytes: usize) -> Option<()> {
        self.nodes += 1;
        self.expanded += bytes + 1;
        (self.nodes <= MAX_NODES && self.expanded <= MAX_EXPANDED_BYTES).then_some(())
    }

    fn is_dash(&self, line: usize, pos: usize) -> bool {
        self.bytes[pos] == b'-' && (pos + 1 == self.lines[line].end || self.bytes[pos + 1] == b' ')
    }

    /// A block mapping whose first key is at `pos` on `line`, its keys at column `indent`.
    fn block_map(&mut self, mut line: usize, pos: usize, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH - 1 {
            return None;
        }
        let at = self.location(line, pos);
        let mark = self.entries.len();
        let mut index: Option<HashSet<CompactString>> = None;
        let mut pos = pos;
        loop {
            let (raw, key, colon) = self.key(line, pos)?;
            self.count(raw)?;
            if is_duplicate(&self.entries[mark..], &mut index, &key) {
                return None;
            }
            let key_at = self.location(line, pos);
            let value = self.node_after(line, colon + 1, indent, Slot::Value { colon }, depth + 1)?;
            self.entries.push(Entry { key, key_at, value });
            let next = self.next_content(self.line)?;
            match self.lines.get(next) {
                Some(l) if l.indent == indent => {
                    line = next;
                    pos = l.start + indent;
                }
                Some(l) if l.indent > indent => return None,
                _ => break,
            }
        }
        self.count(0)?;
        Some(Node::new(Value::Map(self.entries.drain(mark..).collect()), at))
    }

    /// A block sequence whose dashes are at column `indent`, the first on `line`.
    fn block_seq(&mut self, mut line: usize, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH - 1 {
            return None;
        }
        let pos = self.lines[line].start + indent;
        let at = self.location(line, pos);
        let mark = self.items.len();
        loop {
            let dash = self.lines[line].start + indent;
            if !self.is_dash(line, dash) {
                return None;
            }
            let item = self.node_after(line, dash + 1, indent, Slot::Item, depth + 1)?;
            self.items.push(item);
            let next = self.next_content(self.line)?;
            match self.lines.get(next) {
                Some(l) if l.indent == indent && self.is_dash(next, l.start + indent) => line = next,
                Some(l) if l.indent > indent => return None,
                // A key at the same column ends a sequence written under its own key.
                _ => break,
            }
        }
        self.count(0)?;
        Some(Node::new(Value::Seq(self.items.drain(mark..).collect()), at))
    }

    /// The node after `key:` or `-` (`pos` is just past the indicator), in a
    /// collection at column `indent`.
    fn node_after(&mut self, line: usize, pos: usize, indent: usize, slot: Slot, depth: usize) -> Option<Node> {
        let end = self.lines[line].end;
        let q = skip_spaces(self.bytes, pos, end);
        if q < end && self.bytes[q] != b'#' {
            self.line = line + 1;
            return self.node_inline(line, q, indent, slot, depth);
        }
        // Nothing more on this line: the node is on the next ones, or empty.
        let next = self.next_content(line + 1)?;
        if let Some(n) = self.lines.get(next) {
            let first = n.start + n.indent;
            if n.indent > indent {
                return self.node_on_own_line(next, indent, depth);
            }
            if n.indent == indent && matches!(slot, Slot::Value { .. }) && self.is_dash(next, first) {
                // The full parser locates a sequence written at its key's
                // column at the first token after its first dash, or at the
                // end of that line.
                let end = n.end;
                let token = skip_spaces(self.bytes, first + 1, end);
                let at = self.location(next, if token < end && self.bytes[token] != b'#' { token } else { end });
                let mut seq = self.block_seq(next, indent, depth)?;
                seq.at = at;
                return Some(seq);
            }
        }
        self.line = line + 1;
        self.count(0)?;
        let at = match slot {
            Slot::Value { colon } => self.location(line, colon),
            Slot::Item => self.location(line, end),
        };
        Some(Node::new(Value::Null, at))
    }

    /// A node that starts a line of its own (after an empty `key:` or `-` of
    /// a collection at column `parent`).
    fn node_on_own_line(&mut self, line: usize, parent: usize, depth: usize) -> Option<Node> {
        let l = &self.lines[line];
        let (pos, indent) = (l.start + l.indent, l.indent);
        if self.is_dash(line, pos) {
            return self.block_seq(line, indent, depth);
        }
        if self.looks_like_key(line, pos) {
            return self.block_map(line, pos, indent, depth);
        }
        self.line = line + 1;
        match self.bytes[pos] {
            b'|' | b'>' => None,
            _ => self.scalar(line, pos, parent, depth),
        }
    }

    /// A node starting at `pos`, after `key: ` or `- ` on the same line.
    fn node_inline(&mut self, line: usize, pos: usize, indent: usize, slot: Slot, depth: usize) -> Option<Node> {
        if matches!(slot, Slot::Item) {
            // Compact collections: `- - x` and `- key: value`; their column is `pos`.
            let column = pos - self.lines[line].start;
            if self.is_dash(line, pos) {
                return self.block_seq(line, column, depth);
            }
            if self.looks_like_key(line, pos) {
                return self.block_map(line, pos, column, depth);
            }
        } else if self.is_dash(line, pos) {
            return None; // `key: - x`: an error
        }
        // `key: a: b` is an error too, which `scalar` finds without asking for
        // a key first: a plain line stops at `: `, and a quoted key's `:` is
        // not the blank a quoted value must end with.
        self.scalar(line, pos, indent, depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path's tree, checked against the full parser's.
    fn both(text: &str) -> Node {
        let fast = parse(text).unwrap_or_else(|| panic!("fast path gave up on {text:?}"));
        let full = super::super::full::parse(text, "t").unwrap();
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{text:?}");
        fast
    }

    #[test]
    fn block_collections_and_scalars() {
        let doc = both(
            "a:\nb: 1\nc:\n  - x\n  -\n  - k: v\n    j:\n  - \"q\"\nd: |\n  lit\ne: >-\n  f\n  g\nh:   # c\n  p\n",
        );
        assert_eq!(
            doc.to_json(),
            r#"{"a":null,"b":1,"c":["x",null,{"k":"v","j":null},"q"],"d":"lit\n","e":"f g","h":"p"}"#
        );
        assert_eq!(doc.get("c").unwrap().items().unwrap()[1].at, Location::new(5, 4));
        assert_eq!(doc.get("d").unwrap().at, Location::new(10, 3));
    }

    #[test]
    fn block_scalar_indicators() {
        let doc = both("keep: |+\n  a\n\nstrip: >-\n  b\n   more\n  c\n\nclip: |2\n    d\n  e\n");
        assert_eq!(doc.to_json(), r#"{"keep":"a\n\n","strip":"b\n more\nc","clip":"  d\ne\n"}"#);
    }

    #[test]
    fn quoted_plain_and_flow() {
        let doc = both(
            "q: \"\\t\\x41\\u00e9\\U0001F600\\N\"\ns: 'it''s'\np: one\n  two\n\n  three\nf: [a, 'b', 1, ~]\ne: {}\n",
        );
        assert_eq!(
            doc.to_json(),
            r#"{"q":"\tA\u00e9\ud83d\ude00\u0085","s":"it's","p":"one two\nthree","f":["a","b",1,null],"e":{}}"#
        );
    }

    #[test]
    fn compact_sequences_are_located_at_their_first_token() {
        let doc = both("a:\n- x\nb:\n- # c\nc:\n- |\n  t\n");
        let at = |key| doc.get(key).unwrap().at;
        assert_eq!((at("a"), at("b"), at("c")), (Location::new(2, 3), Location::new(4, 6), Location::new(6, 3)));
    }

    #[test]
    fn bom_crlf_and_wide_characters_keep_columns() {
        let doc = both("\u{feff}icon: 🧪\r\nname: é x\r\nnext: 1\r\n");
        assert_eq!(doc.get("name").unwrap().at, Location::new(2, 7));
        assert_eq!(doc.to_json(), r#"{"icon":"\ud83e\uddea","name":"\u00e9 x","next":1}"#);
    }

    #[test]
    fn gives_up_on_what_it_does_not_take() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "? a\n: 1\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a:\n\tb: 1\n",
            "a: [1,\n  2]\n",
            "a: \"open\n  still\"\n",
            "a: 1\na: 2\n",
            "a: b: c\n",
            "  a: 1\nb: 2\n",
            "a: 1\r",
            "plain scalar\n",
            "",
            "# only a comment\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }
}
