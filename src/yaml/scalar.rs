//! Plain scalars resolved by the YAML 1.2 core schema, shared by both parsers
//! so that they agree byte for byte.

use super::node::Value;
use compact_str::CompactString;

/// YAML 1.2 core schema resolution of an untagged plain scalar.
pub fn resolve_plain(text: &str) -> Value {
    if is_surely_string(text) {
        return Value::Str(text.into());
    }
    resolve_special(text).unwrap_or_else(|| Value::Str(text.into()))
}

/// [`resolve_plain`] of a scalar already built, which a string result keeps.
pub fn resolve_plain_owned(text: CompactString) -> Value {
    if is_surely_string(&text) {
        return Value::Str(text);
    }
    resolve_special(&text).unwrap_or(Value::Str(text))
}

/// Whether `text` cannot be a null, boolean or number: by its first
/// character, or by its length where only `null`, `true` and `false` start so.
fn is_surely_string(text: &str) -> bool {
    match text.as_bytes().first() {
        None | Some(b'0'..=b'9' | b'.' | b'+' | b'-' | b'~') => false,
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F') => !matches!(text.len(), 4 | 5),
        Some(_) => true,
    }
}

/// The null, boolean or number `text` stands for, if any.
fn resolve_special(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(Value::Float(f64::INFINITY)),
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = text.strip_prefix("0x") {
        if digits(hex, 16) {
            return i64::from_str_radix(hex, 16).ok().map(Value::Int);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if digits(oct, 8) {
            return i64::from_str_radix(oct, 8).ok().map(Value::Int);
        }
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse().unwrap_or(f64::NAN)),
        });
    }
    if is_core_float(unsigned) {
        return text.parse::<f64>().ok().map(Value::Float);
    }
    None
}

/// `(\.[0-9]+ | [0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from the core schema.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => all_digits(int) && all_digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}
