//! Where a mapping key starts on the fast path, and its text.

use super::chars::{plain_may_start, skip_spaces};
use super::{KeyText, Scanner, MAX_KEY};
use crate::yaml::keys::key_text;
use crate::yaml::node::Value;
use crate::yaml::scalar::resolve_plain;
use compact_str::CompactString;

impl<'t> Scanner<'t> {
    /// Whether a `key:` the fast path takes starts at `pos` (its text is not built).
    pub(super) fn looks_like_key(&self, line: usize, pos: usize) -> bool {
        self.key_span(line, pos).is_some()
    }

    /// The key at `pos`: its raw length, its text and the colon's offset.
    pub(super) fn key(&self, line: usize, pos: usize) -> Option<(usize, CompactString, usize)> {
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
    pub(super) fn key_span(&self, line: usize, pos: usize) -> Option<(KeyText<'t>, usize)> {
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
}
