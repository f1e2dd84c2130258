//! JSON Pointers (RFC 6901): `/agent/menu/0/trigger`, `~1` for `/`, `~0` for `~`.

/// Deepest pointer accepted: definitions are a few levels deep; a hostile
/// pointer of thousands of tokens is refused rather than walked.
pub const MAX_DEPTH: usize = 128;

/// The tokens of `pointer` (`""` is the whole document), or what is wrong with it.
pub fn parse(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!("'{pointer}' is not a JSON Pointer: it must be empty or start with '/'"));
    };
    let tokens: Vec<&str> = rest.split('/').collect();
    if tokens.len() > MAX_DEPTH {
        return Err(format!(
            "a pointer of {} tokens is deeper than any definition (at most {MAX_DEPTH})",
            tokens.len()
        ));
    }
    tokens
        .into_iter()
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                match (c, c == '~') {
                    (_, false) => out.push(c),
                    (_, true) => match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return Err(format!("'{pointer}': '~' must be followed by 0 or 1 (write '~0' for '~')")),
                    },
                }
            }
            Ok(out)
        })
        .collect()
}

/// The pointer of `tokens`, escaped.
pub fn format(tokens: &[String]) -> String {
    tokens.iter().map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1"))).collect()
}

/// An array index token: `0`, or digits without a leading zero.
pub fn index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (digits && (token == "0" || !token.starts_with('0'))).then(|| token.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unescaped_and_bad_pointers_named() {
        assert_eq!(parse("").unwrap(), Vec::<String>::new());
        assert_eq!(parse("/a~1b/~0c/0").unwrap(), ["a/b", "~c", "0"]);
        assert_eq!(parse("/").unwrap(), [""]);
        assert!(parse("a").unwrap_err().contains("must be empty or start with '/'"));
        assert!(parse("/a~2").unwrap_err().contains("'~' must be followed by 0 or 1"));
        assert!(parse(&"/a".repeat(200)).unwrap_err().contains("at most 128"));
        assert_eq!(format(&["a/b".into(), "~".into()]), "/a~1b/~0");
        assert_eq!(
            (index("0"), index("12"), index("01"), index("-"), index("")),
            (Some(0), Some(12), None, None, None)
        );
    }
}
