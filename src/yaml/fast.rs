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

use super::keys::{is_duplicate, key_text};
use super::node::{Entry, Node, Value};
use super::scalar::{resolve_plain, resolve_plain_owned};
use super::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};
use crate::error::Location;
use compact_str::CompactString;
use std::borrow::Cow;
use std::collections::HashSet;

/// Longest plain key taken here (YAML caps implicit keys at 1024 characters).
const MAX_KEY: usize = 1024;

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

    /// A scalar or a one-line flow collection at `pos`, in a collection at column `indent`.
    fn scalar(&mut self, line: usize, pos: usize, indent: usize, depth: usize) -> Option<Node> {
        let at = self.location(line, pos);
        let end = self.lines[line].end;
        let (raw, value, after) = match self.bytes[pos] {
            b'"' | b'\'' => {
                let (text, after) = self.quoted(pos, end)?;
                (text.len(), Value::Str(text.into()), after)
            }
            b'|' | b'>' => return self.block_scalar(line, pos, indent),
            b'[' => return self.flow_seq(line, pos, depth),
            b'{' => {
                let close = skip_spaces(self.bytes, pos + 1, end);
                if close == end || self.bytes[close] != b'}' || !self.rest_is_blank(close + 1, end) {
                    return None;
                }
                self.count(0)?;
                return Some(Node::new(Value::Map(Vec::new()), at));
            }
            _ => return self.plain(line, pos, indent),
        };
        if !self.rest_is_blank(after, end) {
            return None;
        }
        self.count(raw)?;
        Some(Node::new(value, at))
    }

    /// Only spaces, or a comment after a space, from `pos` to `end`.
    fn rest_is_blank(&self, pos: usize, end: usize) -> bool {
        let q = skip_spaces(self.bytes, pos, end);
        q == end || (self.bytes[q] == b'#' && q > pos)
    }

    /// A plain scalar from `pos`, continued on lines indented past `indent`.
    fn plain(&mut self, line: usize, pos: usize, indent: usize) -> Option<Node> {
        if !plain_may_start(self.bytes, pos, self.lines[line].end) {
            return None;
        }
        let at = self.location(line, pos);
        let (first, mut ended) = self.plain_line(pos, self.lines[line].end)?;
        // Most scalars end on their first line: a copy of the text is made only for one that goes on.
        let mut joined: Option<String> = None;
        let mut breaks = 0;
        let mut next = line + 1;
        let mut last = line;
        while !ended {
            let Some(l) = self.lines.get(next) else { break };
            if l.tab {
                return None;
            }
            let content = l.start + l.indent;
            if content == l.end {
                breaks += 1;
                next += 1;
                continue;
            }
            if l.blank || l.indent <= indent {
                break; // a comment line or a line of the parent ends it
            }
            if matches!(self.bytes[content], b'-' | b'?' | b':' | b'|' | b'>' | b'[' | b']' | b'{' | b'}' | b',')
                || matches!(self.bytes[content], b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'"' | b'\'')
            {
                return None;
            }
            let (more, comment) = self.plain_line(content, l.end)?;
            let text = joined.get_or_insert_with(|| String::from(first));
            if breaks == 0 {
                text.push(' ');
            }
            for _ in 0..breaks {
                text.push('\n');
            }
            text.push_str(more);
            breaks = 0;
            ended = comment;
            last = next;
            next += 1;
        }
        self.line = last + 1;
        self.count(joined.as_ref().map_or(first.len(), String::len))?;
        let value = match joined {
            None => resolve_plain(first),
            Some(text) => resolve_plain_owned(text.into()),
        };
        Some(Node::new(value, at))
    }

    /// One line of a plain scalar, trimmed, and whether a comment ends it;
    /// `None` at `: ` (a key where none may be) or a tab.
    fn plain_line(&self, pos: usize, end: usize) -> Option<(&'t str, bool)> {
        let b = self.bytes;
        let mut stop = end;
        let mut comment = false;
        for i in memchr::memchr3_iter(b'#', b':', b'\t', &b[pos..end]).map(|i| i + pos) {
            match b[i] {
                b'#' if b[i - 1] == b' ' => {
                    stop = i;
                    comment = true;
                    break;
                }
                b':' if i + 1 == end || b[i + 1] == b' ' => return None,
                b'\t' => return None,
                _ => {}
            }
        }
        while stop > pos && b[stop - 1] == b' ' {
            stop -= 1;
        }
        Some((&self.text[pos..stop], comment))
    }

    /// Whether a `key:` the fast path takes starts at `pos` (its text is not built).
    fn looks_like_key(&self, line: usize, pos: usize) -> bool {
        self.key_span(line, pos).is_some()
    }

    /// The key at `pos`: its raw length, its text and the colon's offset.
    fn key(&self, line: usize, pos: usize) -> Option<(usize, CompactString, usize)> {
        let (text, colon) = self.key_span(line, pos)?;
        let (raw, key) = match text {
            KeyText::Quoted(text) => (text.len(), text.into()),
            KeyText::Plain(text) => (
                text.len(),
                match resolve_plain(text) {
                    Value::Str(key) => key,
                    other => key_text(&other)?,
                },
            ),
        };
        Some((raw, key, colon))
    }

    /// The key at `pos` as written, and the colon's offset.
    fn key_span(&self, line: usize, pos: usize) -> Option<(KeyText<'t>, usize)> {
        let b = self.bytes;
        let end = self.lines[line].end;
        let (text, after) = match b[pos] {
            b'"' | b'\'' => self.quoted(pos, end)?,
            _ => {
                if !plain_may_start(b, pos, end) {
                    return None;
                }
                // The first `: ` (or `:` ending the line), found with memchr:
                // most lines asked are values, long and without one.
                let mut from = pos;
                let i = loop {
                    let colon = from + memchr::memchr(b':', &b[from..end])?;
                    if colon + 1 == end || b[colon + 1] == b' ' {
                        break colon;
                    }
                    from = colon + 1;
                };
                // A comment, or flow indicators the full parser reads its own way.
                if b[pos..i].iter().any(|c| matches!(c, b'\t' | b'[' | b']' | b'{' | b'}' | b',' | b'#')) {
                    return None;
                }
                let mut stop = i;
                while b[stop - 1] == b' ' {
                    stop -= 1;
                }
                let text = &self.text[pos..stop];
                return (text.len() <= MAX_KEY).then_some((KeyText::Plain(text), i));
            }
        };
        let colon = skip_spaces(b, after, end);
        if colon < end && b[colon] == b':' && (colon + 1 == end || b[colon + 1] == b' ') {
            Some((KeyText::Quoted(text), colon))
        } else {
            None
        }
    }

    /// A one-line quoted scalar at `pos` (`"` or `'`): its text and the offset
    /// past the closing quote. Text without escapes is borrowed from the source.
    fn quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
        let (text, close) =
            if self.bytes[pos] == b'"' { self.double_quoted(pos, end)? } else { self.single_quoted(pos, end)? };
        Some((text, close + 1))
    }

    /// A one-line double-quoted scalar at `pos`: its text and the closing quote's offset.
    fn double_quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
        let b = self.bytes;
        let mut out = Cow::Borrowed("");
        let mut i = pos + 1;
        let mut run = i;
        loop {
            i += memchr::memchr3(b'"', b'\\', b'\t', &b[i..end])?;
            match b[i] {
                b'"' => return Some((append(out, &self.text[run..i]), i)),
                b'\\' => {
                    let (c, len) = escape(&b[i + 1..end])?;
                    let text = out.to_mut();
                    text.push_str(&self.text[run..i]);
                    text.push(c);
                    i += 1 + len;
                    run = i;
                }
                _ => return None, // a tab
            }
        }
    }

    /// A one-line single-quoted scalar at `pos`: its text and the closing quote's offset.
    fn single_quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
        let b = self.bytes;
        let mut out = Cow::Borrowed("");
        let mut i = pos + 1;
        let mut run = i;
        loop {
            i += memchr::memchr2(b'\'', b'\t', &b[i..end])?;
            match b[i] {
                b'\'' if i + 1 < end && b[i + 1] == b'\'' => {
                    out.to_mut().push_str(&self.text[run..=i]);
                    i += 2;
                    run = i;
                }
                b'\'' => return Some((append(out, &self.text[run..i]), i)),
                _ => return None, // a tab
            }
        }
    }

    /// `[a, "b", 1]` on one line: scalars only.
    fn flow_seq(&mut self, line: usize, pos: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH - 1 {
            return None;
        }
        let b = self.bytes;
        let end = self.lines[line].end;
        let at = self.location(line, pos);
        let mark = self.items.len();
        let mut i = skip_spaces(b, pos + 1, end);
        loop {
            if i >= end {
                return None;
            }
            if b[i] == b']' {
                break;
            }
            let item_at = self.location(line, i);
            let (value, raw, after) = match b[i] {
                b'"' | b'\'' => {
                    let (text, after) = self.quoted(i, end)?;
                    let raw = text.len();
                    (Value::Str(text.into()), raw, after)
                }
                _ => {
                    if !plain_may_start(b, i, end) {
                        return None;
                    }
                    let mut j = i;
                    while j < end && !matches!(b[j], b',' | b']') {
                        match b[j] {
                            b'[' | b'{' | b'}' | b'\t' => return None,
                            b'#' if b[j - 1] == b' ' => return None,
                            b':' if j + 1 == end || matches!(b[j + 1], b' ' | b',' | b']') => return None,
                            // The full parser refuses `-]` and `?,` in flow scalars.
                            b'-' | b'?' if matches!(b.get(j + 1), Some(b',' | b']')) => return None,
                            _ => j += 1,
                        }
                    }
                    let mut stop = j;
                    while b[stop - 1] == b' ' {
                        stop -= 1;
                    }
                    (resolve_plain(&self.text[i..stop]), stop - i, stop)
                }
            };
            self.count(raw)?;
            self.items.push(Node::new(value, item_at));
            i = skip_spaces(b, after, end);
            if i < end && b[i] == b',' {
                i = skip_spaces(b, i + 1, end);
            } else if i >= end || b[i] != b']' {
                return None;
            }
        }
        if !self.rest_is_blank(i + 1, end) {
            return None;
        }
        self.line = line + 1;
        self.count(0)?;
        Some(Node::new(Value::Seq(self.items.drain(mark..).collect()), at))
    }

    /// A `|` or `>` block scalar whose header is at `pos`, in a collection at column `indent`.
    fn block_scalar(&mut self, line: usize, pos: usize, indent: usize) -> Option<Node> {
        let b = self.bytes;
        let end = self.lines[line].end;
        let literal = b[pos] == b'|';
        let (mut chomp, mut explicit) = (b'c', None);
        let mut i = pos + 1;
        while i < end {
            match b[i] {
                b'-' | b'+' if chomp == b'c' => chomp = b[i],
                b'1'..=b'9' if explicit.is_none() => explicit = Some(usize::from(b[i] - b'0')),
                _ => break,
            }
            i += 1;
        }
        if i < end && b[i] != b' ' || !self.rest_is_blank(i, end) {
            return None;
        }
        // Content lines, `line + 1..next`: blank ones, and those indented at least `content`.
        let mut content = explicit.map(|d| indent + d);
        let mut next = line + 1;
        while let Some(l) = self.lines.get(next) {
            let spaces = l.indent;
            if spaces == l.end - l.start {
                // Spaces only: an empty line, unless past the content's
                // indentation (then it is content, which is left to the full parser).
                if content.is_some_and(|c| spaces > c) {
                    return None;
                }
                next += 1;
                continue;
            }
            let c = match content {
                Some(c) => c,
                None if l.tab || spaces <= indent => return None,
                None => {
                    // Leading empty lines may not be indented past the content.
                    if self.lines[line + 1..next].iter().any(|e| e.indent > spaces) {
                        return None;
                    }
                    *content.insert(spaces)
                }
            };
            if spaces < c {
                break;
            }
            next += 1;
        }
        let content = content?;
        let lines = line + 1..next;
        // The first line with content locates the scalar.
        let first = lines.clone().find(|&n| self.lines[n].end - self.lines[n].start > content)?;
        // A last line without a line break is chomped differently: leave it.
        if next == self.lines.len() && !self.text.ends_with('\n') {
            return None;
        }
        // The text is at most its lines, and a line break more.
        let mut text = String::with_capacity(self.lines[next - 1].end - self.lines[first].start + 1);
        let mut previous_more = false;
        let mut empties = 0;
        let mut started = false;
        for n in lines {
            let l = &self.lines[n];
            if l.end - l.start <= content {
                empties += 1;
                continue;
            }
            let body = &self.text[l.start + content..l.end];
            let more = matches!(body.as_bytes()[0], b' ' | b'\t');
            if !started {
                text.extend(std::iter::repeat_n('\n', empties));
            } else if !literal && !previous_more && !more {
                if empties == 0 {
                    text.push(' ');
                } else {
                    text.extend(std::iter::repeat_n('\n', empties));
                }
            } else {
                text.extend(std::iter::repeat_n('\n', empties + 1));
            }
            text.push_str(body);
            started = true;
            previous_more = more;
            empties = 0;
        }
        match chomp {
            b'-' => {}
            b'+' => text.extend(std::iter::repeat_n('\n', empties + 1)),
            _ => text.push('\n'),
        }
        self.line = next;
        self.count(text.len())?;
        let at = self.location(first, self.lines[first].start + content);
        Some(Node::new(Value::Str(text.into()), at))
    }
}

/// `text` after `head`: `text` itself, borrowed, when `head` is empty.
fn append<'t>(head: Cow<'t, str>, text: &'t str) -> Cow<'t, str> {
    match head {
        Cow::Borrowed("") => Cow::Borrowed(text),
        mut head => {
            head.to_mut().push_str(text);
            head
        }
    }
}

/// `None` for a character YAML does not allow, or treats specially,
/// anywhere: controls (a CR only before LF), C1 controls and NEL, U+FEFF past
/// the start, LS, PS, U+FFFE, U+FFFF. Runs of printable ASCII are skipped a
/// chunk at a time.
fn check_characters(bytes: &[u8]) -> Option<()> {
    const CHUNK: usize = 32;
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + CHUNK).min(bytes.len());
        // Branch-free, so that it vectorizes.
        let plain = bytes[i..end]
            .iter()
            .fold(true, |ok, &c| ok & ((c.wrapping_sub(0x20) < 0x5F) | (c == b'\n') | (c == b'\t')));
        if !plain {
            for j in i..end {
                let ok = match bytes[j] {
                    b'\t' | b'\n' | 0x20..=0x7E => true,
                    b'\r' => bytes.get(j + 1) == Some(&b'\n'),
                    0xC2 => !matches!(bytes.get(j + 1), Some(0x80..=0x9F)),
                    0xEF => !matches!(bytes.get(j + 1..j + 3), Some([0xBB, 0xBF] | [0xBF, 0xBE | 0xBF])),
                    0xE2 => !matches!(bytes.get(j + 1..j + 3), Some([0x80, 0xA8 | 0xA9])),
                    c => c >= 0x80,
                };
                if !ok {
                    return None;
                }
            }
        }
        i = end;
    }
    Some(())
}

/// The line's indentation and kind.
fn describe(bytes: &[u8], start: usize, end: usize) -> Option<Line> {
    let line = &bytes[start..end];
    let indent = line.iter().take_while(|&&c| c == b' ').count();
    let rest = &line[indent..];
    let tab = rest.first() == Some(&b'\t');
    let after_ws =
        if tab { line.iter().position(|&c| c != b' ' && c != b'\t').map_or(&[][..], |p| &line[p..]) } else { rest };
    // Document markers and directives: the full parser's business.
    if indent == 0
        && (rest.first() == Some(&b'%')
            || (rest.starts_with(b"---") || rest.starts_with(b"..."))
                && matches!(rest.get(3), None | Some(b' ' | b'\t')))
    {
        return None;
    }
    Some(Line { start, end, indent, blank: after_ws.is_empty() || after_ws[0] == b'#', tab })
}

fn skip_spaces(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i] == b' ' {
        i += 1;
    }
    i
}

/// Whether a plain scalar may start at `pos`: not at an indicator, except
/// `-`, `?` and `:` followed by a character that is neither a space nor a flow indicator.
fn plain_may_start(b: &[u8], pos: usize, end: usize) -> bool {
    match b[pos] {
        b'-' | b'?' | b':' => pos + 1 < end && !matches!(b[pos + 1], b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}'),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' => false,
        b'%' | b'@' | b'`' | b' ' | b'\t' => false,
        _ => true,
    }
}

/// The character a double-quoted escape stands for, and the bytes it took after `\`.
fn escape(after: &[u8]) -> Option<(char, usize)> {
    let c = match after.first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' | b'\t' => '\t',
        b'n' => '\n',
        b'v' => '\x0B',
        b'f' => '\x0C',
        b'r' => '\r',
        b'e' => '\x1B',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{A0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(after, 2),
        b'u' => return hex(after, 4),
        b'U' => return hex(after, 8),
        _ => return None,
    };
    Some((c, 1))
}

fn hex(after: &[u8], digits: usize) -> Option<(char, usize)> {
    let digits_text = after.get(1..=digits)?;
    if !digits_text.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let code = u32::from_str_radix(std::str::from_utf8(digits_text).ok()?, 16).ok()?;
    Some((char::from_u32(code)?, digits + 1))
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
