//! Scalars on the fast path: plain (over several lines), one-line quoted
//! with every escape, and `|` / `>` block scalars with their indicators.

use super::chars::{plain_may_start, skip_spaces};
use super::Scanner;
use crate::yaml::node::{Node, Value};
use crate::yaml::scalar::{resolve_plain, resolve_plain_owned};
use std::borrow::Cow;

impl<'t> Scanner<'t> {
    /// A scalar or a one-line flow collection at `pos`, in a collection at column `indent`.
    pub(super) fn scalar(&mut self, line: usize, pos: usize, indent: usize, depth: usize) -> Option<Node> {
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
    pub(super) fn rest_is_blank(&self, pos: usize, end: usize) -> bool {
        let q = skip_spaces(self.bytes, pos, end);
        q == end || (self.bytes[q] == b'#' && q > pos)
    }

    /// A plain scalar from `pos`, continued on lines indented past `indent`.
    pub(super) fn plain(&mut self, line: usize, pos: usize, indent: usize) -> Option<Node> {
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
    pub(super) fn plain_line(&self, pos: usize, end: usize) -> Option<(&'t str, bool)> {
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

    /// A one-line quoted scalar at `pos` (`"` or `'`): its text and the offset
    /// past the closing quote. Text without escapes is borrowed from the source.
    pub(super) fn quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
        let (text, close) =
            if self.bytes[pos] == b'"' { self.double_quoted(pos, end)? } else { self.single_quoted(pos, end)? };
        Some((text, close + 1))
    }

    /// A one-line double-quoted scalar at `pos`: its text and the closing quote's offset.
    pub(super) fn double_quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
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
    pub(super) fn single_quoted(&self, pos: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
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

    /// A `|` or `>` block scalar whose header is at `pos`, in a collection at column `indent`.
    pub(super) fn block_scalar(&mut self, line: usize, pos: usize, indent: usize) -> Option<Node> {
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
pub(super) fn append<'t>(head: Cow<'t, str>, text: &'t str) -> Cow<'t, str> {
    match head {
        Cow::Borrowed("") => Cow::Borrowed(text),
        mut head => {
            head.to_mut().push_str(text);
            head
        }
    }
}

/// The character a double-quoted escape stands for, and the bytes it took after `\`.
pub(super) fn escape(after: &[u8]) -> Option<(char, usize)> {
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

pub(super) fn hex(after: &[u8], digits: usize) -> Option<(char, usize)> {
    let digits_text = after.get(1..=digits)?;
    if !digits_text.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let code = u32::from_str_radix(std::str::from_utf8(digits_text).ok()?, 16).ok()?;
    Some((char::from_u32(code)?, digits + 1))
}
