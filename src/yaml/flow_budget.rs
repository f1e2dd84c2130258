//! The node limit, checked before the full parser sees a flow collection
//! that starts where a key may start: at the start of a line, after `- ` or
//! `? `, or anywhere inside another flow collection (`[a, {b: c}: d]` is
//! YAML). Such a collection could be a key, so the parser keeps every token
//! of it until it knows: about 170 bytes per input byte, 1.5 GiB for 8 MiB
//! of `[1,1,…]`, before the tree builder's own count could refuse it.
//! Counted here first, it costs one pass over the text and no memory. A flow
//! collection that is a mapping value (`key: [1, 2, …]`) streams, so its own
//! entries are left to the builder, which locates the node past the limit.

use super::MAX_NODES;

/// The byte offset of the entry that takes a key-position flow collection
/// past [`MAX_NODES`] entries, if one does.
pub fn over_limit(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
        let mut at = line_start;
        // Skip indentation and block indicators after which a key may start.
        loop {
            while at < line_end && bytes[at] == b' ' {
                at += 1;
            }
            if at + 1 < line_end && (bytes[at] == b'-' || bytes[at] == b'?') && bytes[at + 1] == b' ' {
                at += 2;
                continue;
            }
            break;
        }
        // Where to go on from: the line after the collection, or after this line.
        let resume = match bytes.get(at) {
            Some(b'[' | b'{') if at < line_end => match entries(bytes, at, 1) {
                Scan::Over(offset) => return Some(offset),
                Scan::End(end) => end,
            },
            _ => match value_collection(&bytes[at..line_end]) {
                // A mapping value: only what nests inside it is a key position.
                Some(open) => match entries(bytes, at + open, 2) {
                    Scan::Over(offset) => return Some(offset),
                    Scan::End(end) => end,
                },
                None => line_end,
            },
        };
        line_start = memchr::memchr(b'\n', &bytes[resume..]).map_or(bytes.len(), |i| resume + i + 1);
    }
    None
}

enum Scan {
    /// The collection ends (or the text does) before this offset.
    End(usize),
    /// The entry at this offset is one too many.
    Over(usize),
}

/// Where `key: [` or `key: {` opens a flow collection as a mapping value in
/// this part of a line, if it does.
fn value_collection(line: &[u8]) -> Option<usize> {
    let colon = memchr::memmem::find(line, b": ")?;
    let open = colon + 2 + line[colon + 2..].iter().position(|&b| b != b' ')?;
    matches!(line[open], b'[' | b'{').then_some(open)
}

/// Counts the entries of the flow collection opening at `open`: commas and
/// nested openings, outside quoted scalars and comments, at `from_depth`
/// and deeper (1: the collection's own entries; 2: only those of the
/// collections inside it).
fn entries(bytes: &[u8], open: usize, from_depth: usize) -> Scan {
    let (mut depth, mut count, mut i) = (0usize, 0usize, open);
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth >= from_depth {
                    count += 1;
                }
            }
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Scan::End(i + 1);
                }
            }
            b',' if depth >= from_depth => count += 1,
            quote @ (b'"' | b'\'') if starts_scalar(bytes, i) => i = skip_quoted(bytes, i, quote),
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            _ => {}
        }
        if count > MAX_NODES {
            return Scan::Over(i);
        }
        i += 1;
    }
    Scan::End(bytes.len())
}

/// Whether a quote at `at` opens a quoted scalar: only where a scalar may
/// start (after `[`, `{`, `,`, `:`, `?` or `-` and spaces); elsewhere it is
/// part of a plain scalar (`let's`).
fn starts_scalar(bytes: &[u8], at: usize) -> bool {
    let before = bytes[..at].iter().rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    before.is_none_or(|i| matches!(bytes[i], b'[' | b'{' | b',' | b':' | b'?' | b'-'))
}

/// The offset of the quote closing the scalar opened at `open` (`\` escapes
/// in double quotes, `''` in single ones), or the end of the text.
fn skip_quoted(bytes: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            c if c == quote && quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            c if c == quote => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: usize) -> String {
        format!("[{}1]", "1,".repeat(n))
    }

    #[test]
    fn key_position_collections_are_counted() {
        assert_eq!(over_limit(&list(MAX_NODES - 1)), None);
        let root = list(MAX_NODES);
        assert_eq!(over_limit(&root), Some(2 * MAX_NODES));
        assert!(over_limit(&format!("- {root}")).is_some());
        assert!(over_limit(&format!("a: 1\n? {root}\n")).is_some());
        assert!(over_limit(&format!("x:\n  - - {}", list(MAX_NODES + 5))).is_some());
    }

    #[test]
    fn collections_inside_a_value_are_counted() {
        let nested = format!("a: [x, {{{}b: 1}}]", "b: 1, ".repeat(MAX_NODES + 5));
        assert!(over_limit(&nested).is_some());
        assert_eq!(over_limit(&format!("a: [x, {{{}b: 1}}]", "b: 1, ".repeat(10))), None);
    }

    #[test]
    fn values_quotes_and_comments_are_not_counted() {
        // After a key the parser does not buffer: the tree builder counts those.
        assert_eq!(over_limit(&format!("a: {}", list(MAX_NODES + 5))), None);
        let quoted = format!("[\"{}\", '{}']", ",".repeat(MAX_NODES + 5), "'',".repeat(MAX_NODES));
        assert_eq!(over_limit(&quoted), None);
        let commented = format!("[1, # {}\n 2]", ",".repeat(MAX_NODES + 5));
        assert_eq!(over_limit(&commented), None);
        // An apostrophe inside a plain scalar opens nothing.
        assert!(over_limit(&format!("- {{a: let's go, {}b: 1}}", "b: 1,".repeat(MAX_NODES + 5))).is_some());
    }
}
