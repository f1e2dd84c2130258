//! One-line flow sequences of scalars (`[a, b]`) on the fast path.

use super::chars::{plain_may_start, skip_spaces};
use super::Scanner;
use crate::yaml::node::{Node, Value};
use crate::yaml::scalar::resolve_plain;
use crate::yaml::MAX_DEPTH;

impl<'t> Scanner<'t> {
    /// `[a, "b", 1]` on one line: scalars only.
    pub(super) fn flow_seq(&mut self, line: usize, pos: usize, depth: usize) -> Option<Node> {
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
}
