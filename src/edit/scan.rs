//! Where a YAML value's text ends, for the rewriter: past an anchor or tag,
//! the end of a one-line scalar (quoted or plain, before a comment), the
//! matching bracket of a flow collection.

/// Past an anchor (`&a`) and a tag (`!!str`) before a value.
pub fn skip_properties(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while matches!(bytes.get(at), Some(b'&' | b'!')) {
        while at < bytes.len() && !matches!(bytes[at], b' ' | b'\n' | b'\r') {
            at += 1;
        }
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
    }
    at
}

/// The end of the scalar starting at byte `at` of `line` (the text up to
/// the end of its line), or `None` when it does not end on that line.
pub fn scalar_end(line: &str, at: usize) -> Option<usize> {
    let rest = &line[at..];
    match rest.as_bytes().first() {
        Some(b'"') => {
            let mut escaped = false;
            rest.char_indices().skip(1).find_map(|(i, c)| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close.then_some(at + i + 1)
            })
        }
        Some(b'\'') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\'', Some(b'\'')) => i += 2,
                    (b'\'', _) => return Some(at + i + 1),
                    _ => i += 1,
                }
            }
            None
        }
        Some(b'|' | b'>') => None,
        _ => {
            let cut = rest.find(" #").unwrap_or(rest.len());
            Some(at + rest[..cut].trim_end().len())
        }
    }
}

/// The bytes of a flow collection starting at `at` (its bracket), brackets matched outside quotes.
pub fn flow_end(text: &str, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q && q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if b == b'\\' && q == b'"' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}
