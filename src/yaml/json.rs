//! The JSON text of a tree, as the addon hands it to `JSON.parse`.
//!
//! Written by hand because it is a fifth of a load: serde_json escapes a
//! string a byte at a time and then checks each run again for non-ASCII,
//! where this writer skips clean text eight bytes at a time. Everything
//! non-ASCII is escaped (`\uXXXX`): V8 makes a string from ASCII bytes
//! without decoding UTF-8, which costs more than the escapes. The text is
//! serde_json's, escapes aside (tested).

use super::node::{Node, Value};

impl Node {
    /// JSON text, ASCII only.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(1024);
        write(self, &mut out);
        // Only ASCII was written.
        String::from_utf8(out).unwrap_or_else(|_| "null".into())
    }
}

/// Appends the JSON text of `node` to `out`.
pub fn write(node: &Node, out: &mut Vec<u8>) {
    match &node.value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        // Numbers are rare in definition files: serde_json writes them, so they stay its text.
        Value::Int(i) => number(out, *i),
        // JSON has no NaN / Infinity: they become null, as JSON.stringify does.
        Value::Float(f) if f.is_finite() => number(out, *f),
        Value::Float(_) => out.extend_from_slice(b"null"),
        Value::Str(text) => string(text, out),
        Value::Seq(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out);
            }
            out.push(b']');
        }
        Value::Map(entries) => {
            out.push(b'{');
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(&entry.key, out);
                out.push(b':');
                write(&entry.value, out);
            }
            out.push(b'}');
        }
    }
}

fn number(out: &mut Vec<u8>, n: impl serde::Serialize) {
    // Writing a number into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &n);
}

/// `text` as a JSON string, ASCII only.
fn string(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let special = specials(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
            if special == 0 {
                i += 8;
                continue;
            }
            i += special.trailing_zeros() as usize / 8;
        } else if (0x20..0x80).contains(&bytes[i]) && bytes[i] != b'"' && bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let b = bytes[i];
        out.extend_from_slice(&bytes[run..i]);
        if b < 0x80 {
            escape_ascii(b, out);
            i += 1;
        } else {
            // `i` is on a character boundary: only whole ASCII bytes and whole characters are stepped over.
            let c = text[i..].chars().next().expect("a character starts here");
            for unit in c.encode_utf16(&mut [0; 2]) {
                unicode_escape(*unit, out);
            }
            i += c.len_utf8();
        }
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The high bit of each of the eight bytes in `x` (little-endian) that needs
/// escaping: a control character, `"`, `\` or a non-ASCII byte. The bit
/// tricks of "Bit Twiddling Hacks" may also flag bytes after the first one
/// that matches, never before it: the lowest bit set is exact.
fn specials(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let quote = zero_bytes(x ^ (ONES * u64::from(b'"')));
    let backslash = zero_bytes(x ^ (ONES * u64::from(b'\\')));
    below_space | quote | backslash | (x & HIGH)
}

/// serde_json's escapes: the short ones where JSON has them, else `\u00XX`.
fn escape_ascii(b: u8, out: &mut Vec<u8>) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => return unicode_escape(u16::from(b), out),
    };
    out.extend_from_slice(&[b'\\', short]);
}

fn unicode_escape(unit: u16, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let nibble = |shift: u16| HEX[usize::from((unit >> shift) & 0xF)];
    out.extend_from_slice(&[b'\\', b'u', nibble(12), nibble(8), nibble(4), nibble(0)]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn json(value: Value) -> String {
        let mut out = Vec::new();
        write(&Node::new(value, Location::new(1, 1)), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does_and_non_ascii_as_utf16_units() {
        let text = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é 🧪 plain text past eight bytes";
        assert_eq!(
            json(Value::Str(text.into())),
            // DEL (0x7f) stays as it is, as with serde_json.
            "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f} \\u00e9 \\ud83e\\uddea plain text past eight bytes\""
        );
    }

    #[test]
    fn every_character_class_at_every_offset_reads_back_as_written() {
        // Each special character at each position of a chunk, between plain runs.
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "€", "🧪", " ", "~"] {
            for offset in 0..17 {
                let text = format!("{}{special}{}", "x".repeat(offset), "y".repeat(17 - offset));
                let written = json(Value::Str(text.as_str().into()));
                assert!(written.is_ascii(), "{written}");
                let expected = serde_json::to_string(&text).unwrap();
                let back: String = serde_json::from_str(&written).unwrap();
                assert_eq!(back, text);
                if text.is_ascii() {
                    assert_eq!(written, expected);
                }
            }
        }
    }

    #[test]
    fn collections_and_numbers_are_serde_json_text() {
        let doc = crate::yaml::parse(
            "k: [1, -2, 2.5, 1e20, .inf, .nan, true, false, ~, '']\nempty: {}\nnone: []\nnested: {a: x}\n",
            "t",
        )
        .unwrap();
        assert_eq!(
            json(doc.value.clone()),
            r#"{"k":[1,-2,2.5,1e+20,null,null,true,false,null,""],"empty":{},"none":[],"nested":{"a":"x"}}"#
        );
        assert_eq!(json(Value::Float(0.1)), serde_json::to_string(&0.1).unwrap());
        assert_eq!(json(Value::Int(i64::MIN)), i64::MIN.to_string());
    }
}
