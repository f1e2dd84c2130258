//! Format-preserving YAML rewriting: the text of a document changed to hold
//! a new value, by replacing only what differs. The positioned tree says
//! where each key, item and scalar starts; the lines say where each block
//! ends. Untouched values keep every byte: comments, blank lines, quoting,
//! key order, indentation, CRLF. A changed scalar is replaced in place (its
//! quotes kept where the new text allows, a trailing comment kept); a
//! removed key or item takes its own lines (with the comments on them and
//! inside its block); new keys go after the last key of their mapping, new
//! items where they belong, in the block's indentation. A flow collection
//! (`[a, b]`, `{k: v}`) that changes is written again in flow style.

use crate::edit::align::{align, Step};
use crate::edit::emit::{self, Quotes};
use crate::edit::scan;
use crate::yaml::{Entry, Node, Value as Yaml};
use serde_json::{Map, Value};

/// The text of `root` (parsed from `text`) changed to hold `target`.
pub fn rewrite(text: &str, root: &Node, target: &Value) -> String {
    let mirror = serde_json::to_value(root).unwrap_or(Value::Null);
    let mut doc = Doc::new(text);
    doc.diff(root, &mirror, target, Slot::Root);
    doc.finish()
}

/// Where a value sits: what replacing it wholesale replaces.
#[derive(Clone, Copy)]
enum Slot {
    /// The document.
    Root,
    /// After `key:` (`after` is the byte after the colon), key indented by `indent`.
    Entry { line: usize, indent: usize, after: usize },
    /// After `-` (`after` is the byte after the dash), dash at column `indent`.
    Item { line: usize, indent: usize, after: usize },
}

struct Doc<'t> {
    text: &'t str,
    /// Byte offset where each line starts (line 1 at index 0).
    starts: Vec<usize>,
    crlf: bool,
    edits: Vec<(usize, usize, String)>,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        Doc { text, starts, crlf: text.contains("\r\n"), edits: Vec::new() }
    }

    fn lines(&self) -> usize {
        self.starts.len()
    }

    fn start(&self, line: usize) -> usize {
        self.starts.get(line - 1).copied().unwrap_or(self.text.len())
    }

    /// Where the text of `line` ends, before its line break.
    fn end(&self, line: usize) -> usize {
        let next = self.start(line + 1);
        let text = &self.text[self.start(line)..next];
        next - (text.len() - text.trim_end_matches(['\n', '\r']).len())
    }

    fn line(&self, line: usize) -> &'t str {
        &self.text[self.start(line)..self.end(line)]
    }

    /// The byte of a (1-based line, character column) position.
    fn offset(&self, line: usize, column: usize) -> usize {
        let text = self.line(line);
        self.start(line) + text.char_indices().nth(column - 1).map_or(text.len(), |(i, _)| i)
    }

    fn indent(&self, line: usize) -> usize {
        self.line(line).bytes().take_while(|&b| b == b' ').count()
    }

    /// The last line of the block that starts on `line`: the following
    /// lines indented more than `indent` (and, when `dashes`, list items at
    /// `indent`), blank and comment lines inside it included.
    fn extent(&self, line: usize, indent: usize, dashes: bool) -> usize {
        let mut last = line;
        for n in line + 1..=self.lines() {
            let text = self.line(n);
            let content = text.trim_start();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let at = self.indent(n);
            if at > indent || (dashes && at == indent && (content == "-" || content.starts_with("- "))) {
                last = n;
            } else {
                break;
            }
        }
        last
    }

    /// Past an anchor and a tag before a value (see [`scan::skip_properties`]).
    fn skip_properties(&self, at: usize) -> usize {
        scan::skip_properties(self.text, at)
    }

    /// The end of the one-line scalar at byte `at` of `line` (see [`scan::scalar_end`]).
    fn scalar_end(&self, line: usize, at: usize) -> Option<usize> {
        scan::scalar_end(&self.text[..self.end(line)], at)
    }

    /// The end of the flow collection at byte `at` (see [`scan::flow_end`]).
    fn flow_end(&self, at: usize) -> Option<usize> {
        scan::flow_end(self.text, at)
    }

    fn edit(&mut self, start: usize, end: usize, with: String) {
        let with = if self.crlf { with.replace('\n', "\r\n") } else { with };
        self.edits.push((start, end, with));
    }

    /// Where `node`'s own text starts, past its anchor and tag.
    fn node_start(&self, node: &Node) -> usize {
        self.skip_properties(self.offset(node.at.line, node.at.column))
    }

    fn is_flow(&self, node: &Node) -> bool {
        matches!(self.text.as_bytes().get(self.node_start(node)), Some(b'[' | b'{'))
    }

    fn diff(&mut self, node: &Node, mirror: &Value, target: &Value, slot: Slot) {
        if mirror == target {
            return;
        }
        match (&node.value, mirror, target) {
            (Yaml::Map(entries), Value::Object(old), Value::Object(new))
                if !self.is_flow(node) && !entries.is_empty() && old.keys().any(|k| new.contains_key(k)) =>
            {
                self.diff_map(entries, old, new)
            }
            (Yaml::Seq(items), Value::Array(old), Value::Array(new))
                if !self.is_flow(node) && !items.is_empty() && !new.is_empty() =>
            {
                if !self.diff_seq(items, old, new) {
                    self.replace(node, target, slot);
                }
            }
            (Yaml::Map(_), _, Value::Object(_)) | (Yaml::Seq(_), _, Value::Array(_)) if self.is_flow(node) => {
                let start = self.node_start(node);
                match self.flow_end(start) {
                    Some(end) => self.edit(start, end, emit::flow(target)),
                    None => self.replace(node, target, slot),
                }
            }
            _ => self.replace(node, target, slot),
        }
    }

    /// Whether `node` is a scalar written on its line alone: the end of its text then.
    fn inline_end(&self, node: &Node, slot: Slot) -> Option<usize> {
        if matches!(node.value, Yaml::Map(_) | Yaml::Seq(_)) {
            return None;
        }
        let (line, indent) = match slot {
            Slot::Entry { line, indent, .. } | Slot::Item { line, indent, .. } => (line, indent),
            Slot::Root => return None,
        };
        if node.at.line != line || self.extent(line, indent, false) != line {
            return None;
        }
        let start = self.node_start(node);
        if self.text.as_bytes().get(start) == Some(&b':') {
            // `key:` with nothing after it: the value is empty.
            return Some(start + 1);
        }
        self.scalar_end(line, start)
    }

    /// Writes `target` in place of `node`'s text.
    fn replace(&mut self, node: &Node, target: &Value, slot: Slot) {
        let inline = self.inline_end(node, slot);
        let start = self.node_start(node);
        let quotes = match self.text.as_bytes().get(start) {
            Some(b'"') => Quotes::Double,
            Some(b'\'') => Quotes::Single,
            _ => Quotes::None,
        };
        if let (Some(end), Some(scalar)) = (inline, emit::scalar(target, quotes, false)) {
            if self.text.as_bytes().get(start) != Some(&b':') && !matches!(target, Value::String(s) if s.contains('\n'))
            {
                self.edit(start, end, scalar);
                return;
            }
        }
        match slot {
            Slot::Root => self.edit(0, self.text.len(), emit::document(target)),
            Slot::Entry { line, indent, after } => {
                let end = inline.unwrap_or_else(|| self.end(self.extent(line, indent, true)));
                self.edit(after, end.max(after), emit::after_key(target, indent, quotes));
            }
            Slot::Item { line, indent, after } => {
                let end = inline.unwrap_or_else(|| self.end(self.extent(line, indent, false)));
                self.edit(after, end.max(after), emit::after_dash(target, indent));
            }
        }
    }

    /// The slot of an entry's value, or `None` when the key's colon is not where expected.
    fn entry_slot(&self, entry: &Entry) -> Option<Slot> {
        let (line, column) = (entry.key_at.line, entry.key_at.column);
        let key = self.offset(line, column);
        let rest = &self.text[key..self.end(line)];
        let skip = match rest.as_bytes().first() {
            Some(b'"') | Some(b'\'') => self.scalar_end(line, key).map(|e| e - key)?,
            _ => 0,
        };
        let colon = rest[skip..].find(':').map(|i| key + skip + i)?;
        Some(Slot::Entry { line, indent: column - 1, after: colon + 1 })
    }

    fn diff_map(&mut self, entries: &[Entry], old: &Map<String, Value>, new: &Map<String, Value>) {
        let indent = entries[0].key_at.column - 1;
        let first_on_line = |doc: &Self, e: &Entry| doc.line(e.key_at.line)[..indent].trim().is_empty();
        let mut removing_from: Option<usize> = None;
        for entry in entries {
            let (Some(mirror), Some(slot)) = (old.get(entry.key.as_str()), self.entry_slot(entry)) else { continue };
            match new.get(entry.key.as_str()) {
                Some(target) => {
                    if let Some(from) = removing_from.take() {
                        // Keys removed from a `- key:` line: this key moves up to the dash.
                        let to = self.offset(entry.key_at.line, entry.key_at.column);
                        self.edit(from, to, String::new());
                    }
                    self.diff(&entry.value, mirror, target, slot);
                }
                None if removing_from.is_some() => {}
                None if !first_on_line(self, entry) => {
                    removing_from = Some(self.offset(entry.key_at.line, entry.key_at.column));
                }
                None => {
                    let last = self.extent(entry.key_at.line, indent, matches!(entry.value.value, Yaml::Seq(_)));
                    let (start, end) = (self.start(entry.key_at.line), self.start(last + 1));
                    self.edit(start, end, String::new());
                }
            }
        }
        let added: Vec<_> = new.iter().filter(|(k, _)| !old.contains_key(k.as_str())).collect();
        if added.is_empty() {
            return;
        }
        let last = entries.last().expect("a mapping with entries");
        let end_line = self.extent(last.key_at.line, indent, matches!(last.value.value, Yaml::Seq(_)));
        let at = self.start(end_line + 1);
        let mut lines = String::new();
        if at == self.text.len() && !self.text.ends_with('\n') {
            lines.push('\n');
        }
        for (key, value) in added {
            let mut one = Map::new();
            one.insert(key.clone(), value.clone());
            lines.push_str(&emit::block(&Value::Object(one), indent));
        }
        self.edit(at, at, lines);
    }

    /// The dash before an item's text (the item's first line), if it starts its line.
    fn dash(&self, item: &Node) -> Option<(usize, usize)> {
        let line = item.at.line;
        let before = &self.line(line)[..self.offset(line, item.at.column) - self.start(line)];
        let trimmed = before.trim_end();
        let indent = trimmed.len().checked_sub(1)?;
        (trimmed.ends_with('-') && trimmed[..indent].trim().is_empty()).then_some((line, indent))
    }

    /// Changes a block list item by item; `false` when its layout is one this does not edit.
    fn diff_seq(&mut self, items: &[Node], old: &[Value], new: &[Value]) -> bool {
        let Some(dashes) = items.iter().map(|item| self.dash(item)).collect::<Option<Vec<_>>>() else { return false };
        let indent = dashes[0].1;
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
        let (old_mid, new_mid) = (prefix..old.len() - suffix, prefix..new.len() - suffix);
        if old_mid.len() == new_mid.len() {
            for i in old_mid {
                let (line, _) = dashes[i];
                let after = self.start(line) + indent + 1;
                self.diff(&items[i], &old[i], &new[i], Slot::Item { line, indent, after });
            }
            return true;
        }
        let item_start = |doc: &Self, i: usize| match i {
            i if i < items.len() => doc.start(dashes[i].0),
            _ => doc.start(doc.extent(dashes[items.len() - 1].0, indent, false) + 1),
        };
        let item_end = |doc: &Self, i: usize| doc.start(doc.extent(dashes[i].0, indent, false) + 1);
        // Items removed, added or changed in place: the others keep their text.
        let mut pending: Vec<Value> = Vec::new();
        for step in align(&old[old_mid.clone()], &new[new_mid.clone()]) {
            match step {
                Step::Same(i, j) | Step::Changed(i, j) => {
                    let i = old_mid.start + i;
                    self.insert_items(item_start(self, i), &pending, indent);
                    pending.clear();
                    let (line, _) = dashes[i];
                    let after = self.start(line) + indent + 1;
                    self.diff(&items[i], &old[i], &new[new_mid.start + j], Slot::Item { line, indent, after });
                }
                Step::Dropped(i) => {
                    self.edit(item_start(self, old_mid.start + i), item_end(self, old_mid.start + i), String::new())
                }
                Step::Added(j) => pending.push(new[new_mid.start + j].clone()),
            }
        }
        self.insert_items(item_start(self, old_mid.end), &pending, indent);
        true
    }

    /// New list items as lines at `at`, the dashes at column `indent`.
    fn insert_items(&mut self, at: usize, items: &[Value], indent: usize) {
        if items.is_empty() {
            return;
        }
        let mut lines = String::new();
        if at == self.text.len() && !self.text.ends_with('\n') {
            lines.push('\n');
        }
        lines.push_str(&emit::block(&Value::Array(items.to_vec()), indent));
        self.edit(at, at, lines);
    }

    fn finish(mut self) -> String {
        crate::sorted::by_position(&mut self.edits, |&(start, end, _)| (start, end));
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (start, end, with) in self.edits {
            if start < at {
                continue;
            }
            out.push_str(&self.text[at..start]);
            out.push_str(&with);
            at = end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, change: impl FnOnce(&mut Value)) -> String {
        let root = crate::yaml::parse(text, "t").unwrap();
        let mut target = serde_json::to_value(&root).unwrap();
        change(&mut target);
        rewrite(text, &root, &target)
    }

    #[test]
    fn a_key_removed_from_a_dash_line_lets_the_next_move_up() {
        let text = "outputs:\n  - id: a\n    description: d\n    path: p\nweb: false\n\n";
        let out = edit(text, |v| _ = v["outputs"][0].as_object_mut().unwrap().shift_remove("id"));
        assert_eq!(out, "outputs:\n  - description: d\n    path: p\nweb: false\n\n");
    }
}
