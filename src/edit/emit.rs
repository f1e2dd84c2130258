//! Writing values as YAML: scalars quoted only where YAML needs it, block
//! mappings and lists at two spaces, multi-line text as block scalars. Used
//! for the values an edit writes and for whole new files (`stringify`).

use crate::yaml::{resolve_plain, Value as Yaml};
use serde_json::Value;

/// How a string scalar was written: kept by a replacement where the new text allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// Plain.
    None,
    /// `'…'`.
    Single,
    /// `"…"`.
    Double,
}

/// Characters that cannot start a plain scalar (YAML's indicators).
const INDICATORS: &str = "-?:,[]{}#&*!|>'\"%@`";

/// Whether `text`, written plain, would read back as anything but this
/// string (another type, another text, or not parse), here or (for the
/// YAML 1.1 words and dates js-yaml still reads) in the tools that read it.
fn needs_quotes(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return true };
    let yaml11 = matches!(text.to_ascii_lowercase().as_str(), "yes" | "no" | "on" | "off");
    let date = text.len() >= 8 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit) && text.as_bytes()[4] == b'-';
    INDICATORS.contains(first)
        || first.is_whitespace()
        || text.ends_with(char::is_whitespace)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}')
        || (flow && text.contains([',', '[', ']', '{', '}']))
        || yaml11
        || date
        || !matches!(resolve_plain(text), Yaml::Str(_))
}

/// `text` in double quotes, escaped.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One-line text of a string: plain when it reads back the same, else in
/// `prefer` quotes where they can hold it, else double quotes.
pub fn string(text: &str, prefer: Quotes, flow: bool) -> String {
    let single_ok = !text.chars().any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'));
    match prefer {
        Quotes::Double => double_quoted(text),
        Quotes::Single if single_ok => format!("'{}'", text.replace('\'', "''")),
        _ if !needs_quotes(text, flow) => text.to_string(),
        _ if single_ok && !text.contains('\'') => format!("'{text}'"),
        _ => double_quoted(text),
    }
}

/// A scalar on one line (strings as [`string`]); `None` for a mapping or list.
pub fn scalar(value: &Value, prefer: Quotes, flow: bool) -> Option<String> {
    Some(match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, prefer, flow),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

/// A value in flow style, on one line: `[a, b]`, `{k: v}`.
pub fn flow(value: &Value) -> String {
    match value {
        Value::Array(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            let entries: Vec<_> =
                map.iter().map(|(k, v)| format!("{}: {}", string(k, Quotes::None, true), flow(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
        scalar_value => scalar(scalar_value, Quotes::None, true).unwrap_or_default(),
    }
}

/// Whether a string is written as a block scalar (`|`): it spans lines and
/// a literal can hold it exactly.
fn as_literal(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && !text.chars().any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'))
}

/// A literal block scalar of `text` whose lines are indented by `indent`:
/// the header (`|`, `|-`, `|+`) then each line.
fn literal(text: &str, indent: usize) -> String {
    let body = text.trim_end_matches('\n');
    let chomp = match text.len() - body.len() {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// What follows `key:` for `value` when the key is indented by `indent`:
/// ` scalar`, ` |` and its lines, ` []` / ` {}`, or a line break and a block
/// two spaces deeper. No trailing line break.
pub fn after_key(value: &Value, indent: usize, prefer: Quotes) -> String {
    match value {
        Value::String(s) if as_literal(s) => format!(" {}", literal(s, indent + 2)),
        Value::Array(items) if items.is_empty() => " []".into(),
        Value::Object(map) if map.is_empty() => " {}".into(),
        Value::Array(_) | Value::Object(_) => format!("\n{}", block(value, indent + 2).trim_end_matches('\n')),
        other => format!(" {}", scalar(other, prefer, false).unwrap_or_default()),
    }
}

/// What follows `-` for an item at `indent` (the dash's column): as
/// [`after_key`], a mapping starting on the dash's line.
pub fn after_dash(value: &Value, indent: usize) -> String {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let nested = block(value, indent + 2);
            format!(" {}", nested.trim_start_matches(' ').trim_end_matches('\n'))
        }
        other => after_key(other, indent, Quotes::None),
    }
}

/// A mapping or list as block lines indented by `indent`, each ending in a line break.
pub fn block(value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                out.push_str(&format!(
                    "{pad}{}:{}\n",
                    string(key, Quotes::None, false),
                    after_key(v, indent, Quotes::None)
                ));
            }
        }
        Value::Array(items) => {
            for v in items {
                out.push_str(&format!("{pad}-{}\n", after_dash(v, indent)));
            }
        }
        other => out.push_str(&format!("{pad}{}\n", flow(other))),
    }
    out
}

/// A whole document: a mapping as block lines at the margin, anything else on its own line.
pub fn document(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "{}\n".into(),
        Value::Array(items) if items.is_empty() => "[]\n".into(),
        Value::Object(_) | Value::Array(_) => block(value, 0),
        Value::String(s) if as_literal(s) => format!("{}\n", literal(s, 2)),
        other => format!("{}\n", flow(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_quoted_exactly_where_yaml_needs_it() {
        let plain = ["PM", "📋 Product", "a-b", "x:y", "it's", "v1.0.0-beta", "n", "not*first"];
        let cases = [
            ("", "''"),
            ("*show-status", "'*show-status'"),
            ("- item", "'- item'"),
            ("@scope", "'@scope'"),
            ("&anchor", "'&anchor'"),
            ("!tag", "'!tag'"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("yes", "'yes'"),
            ("No", "'No'"),
            ("null", "'null'"),
            ("~", "'~'"),
            ("12", "'12'"),
            ("1.5", "'1.5'"),
            ("0x1F", "'0x1F'"),
            ("2025-01-01", "'2025-01-01'"),
            ("tab\there", "\"tab\\there\""),
            (" lead", "' lead'"),
            ("trail ", "'trail '"),
            ("it's: x", "\"it's: x\""),
            ("bell\u{7}", "\"bell\\u0007\""),
        ];
        for text in plain {
            assert_eq!(string(text, Quotes::None, false), text);
        }
        for (text, written) in cases {
            assert_eq!(string(text, Quotes::None, false), written, "{text:?}");
        }
        assert_eq!(string("x", Quotes::Double, false), "\"x\"");
        assert_eq!(string("it's", Quotes::Single, false), "'it''s'");
        assert_eq!(string("a, b", Quotes::None, true), "'a, b'");
    }

    #[test]
    fn blocks_nest_at_two_spaces() {
        let value = json!({
            "name": "PM",
            "menu": [{ "trigger": "*help", "description": "Help" }, "x"],
            "empty": [],
            "none": {},
            "text": "line one\nline two\n",
            "exact": "a\nb",
            "n": 1.5,
            "ok": true,
            "nothing": null
        });
        assert_eq!(
            document(&value),
            "name: PM\nmenu:\n  - trigger: '*help'\n    description: Help\n  - x\nempty: []\nnone: {}\ntext: |\n  line one\n  line two\nexact: |-\n  a\n  b\nn: 1.5\nok: true\nnothing: null\n"
        );
        assert_eq!(flow(&json!({ "a": [1, "b c", "d,e"] })), "{a: [1, b c, 'd,e']}");
    }
}
