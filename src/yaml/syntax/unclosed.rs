//! Finding a `[` or `{` that is never closed. The parser notices a missing
//! `]` far from its cause (at the next key's `:`, or at the end of the
//! file); the message points at the bracket instead, as js-yaml does.

use crate::error::Location;

/// Openers tracked at most: deeper nesting is refused by the parser's own
/// limit long before, and the scan must stay small on hostile input.
const MAX_OPEN: usize = 1024;

/// The innermost `[` or `{` opened on a line before `at`'s and never
/// closed in the whole text: where it is, and the closer it lacks.
pub fn unclosed_before(text: &str, at: Location) -> Option<(Location, char)> {
    let open = scan(text)?;
    open.into_iter().rev().find(|(opened, _)| opened.line < at.line).map(|(opened, c)| (opened, closer(c)))
}

/// The message for a collection opened at `opened` that lacks `closer`.
pub fn message(closer: char) -> String {
    let (what, opener) = if closer == ']' { ("list", '[') } else { ("mapping", '{') };
    format!("this '{opener}' starts a {what} that is never closed: it must end with a '{closer}'")
}

fn closer(opener: char) -> char {
    if opener == '[' {
        ']'
    } else {
        '}'
    }
}

/// The flow openers left open at the end of `text`, outermost first; `None`
/// when the text is too odd to say (more than [`MAX_OPEN`] open).
fn scan(text: &str) -> Option<Vec<(Location, char)>> {
    let mut open: Vec<(Location, char)> = Vec::new();
    let mut quote: Option<char> = None;
    // The indentation of a key whose value is a block text (`|`, `>`): the
    // lines indented more are its text, where brackets are only characters.
    let mut block: Option<usize> = None;
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        match block {
            Some(parent) if line.trim().is_empty() || indent > parent => continue,
            _ => block = None,
        }
        if quote.is_none() && open.is_empty() && starts_block_text(line) {
            block = Some(indent);
        }
        // Where a node may start: the line's start, and after `: `, `- `, `,`, `[`, `{`.
        let mut node_start = true;
        let mut previous = ' ';
        let mut chars = line.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = quote {
                if c == q {
                    // '' inside single quotes and \" inside double quotes are escapes.
                    if q == '\'' && chars.peek().is_some_and(|(_, d)| *d == '\'') {
                        chars.next();
                    } else if !(q == '"' && previous == '\\') {
                        quote = None;
                    }
                }
                previous = if previous == '\\' && c == '\\' { ' ' } else { c };
                continue;
            }
            let in_flow = !open.is_empty();
            match c {
                '#' if previous == ' ' || previous == '\t' || i == 0 => break,
                '"' | '\'' if node_start => quote = Some(c),
                '[' | '{' if node_start || in_flow => {
                    if open.len() == MAX_OPEN {
                        return None;
                    }
                    open.push((Location::new(n + 1, i + 1), c));
                }
                ']' | '}' if in_flow => {
                    open.pop();
                }
                _ => {}
            }
            node_start = match c {
                ' ' | '\t' => node_start || matches!(previous, ':' | '-' | ','),
                '[' | '{' | ',' => in_flow || c != ',',
                _ => false,
            };
            previous = c;
        }
    }
    Some(open)
}

/// Whether `line` ends with a block text indicator (`key: |`, `- >-`, `|2`), before any comment.
fn starts_block_text(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    let Some(at) = code.rfind(['|', '>']) else { return false };
    let header_ok = code[at + 1..].chars().all(|c| matches!(c, '+' | '-' | '1'..='9'));
    let before = code[..at].trim_end();
    header_ok && (before.is_empty() || before.ends_with(':') || before.ends_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bracket_never_closed_is_found() {
        let text = "a:\n  b: [x, y\n  c: 1\n";
        assert_eq!(unclosed_before(text, Location::new(3, 4)), Some((Location::new(2, 6), ']')));
        let text = "a: {x: [1, 2], y: 'q[' \n";
        assert_eq!(unclosed_before(text, Location::new(2, 1)), Some((Location::new(1, 4), '}')));
        // Closed on a later line, brackets inside plain text, quotes and comments: nothing open.
        let block = "a: |\n  [draft\n  {\n\nb: >-\n   [x\nc: 1\n";
        for closed in ["a: [\n  x,\n  y\n]\n", "t: a[1] and {b}\n", "t: \"[\"\n", "t: x # [\n", "t: 'it''s ['\n", block]
        {
            assert_eq!(unclosed_before(closed, Location::new(9, 1)), None, "{closed}");
        }
    }
}
