//! Plain words for the full parser's syntax errors: each wording
//! saphyr-parser uses is mapped to what is wrong and how to fix it, located
//! at the start of the cause where that differs from where the parser
//! noticed it (the key of an over-indented line, the line missing its `:`,
//! the tab itself).

mod causes;
mod unclosed;

use super::lines::Lines;
use crate::error::Location;
use causes::{shortened, tabs};

/// Every parser wording this table explains, in the order [`explain`] tries
/// them (a wording matches when the parser's message starts with it).
pub const PARSER_WORDINGS: &[&str] = &[
    "tab",
    "while scanning a plain scalar, found a tab",
    "a block scalar content cannot start with a tab",
    "mapping values are not allowed in this context",
    "simple key expect ':'",
    "while parsing a block mapping, did not find expected key",
    "while parsing a block collection, did not find expected '-' indicator",
    "while scanning a quoted scalar, found unexpected end of stream",
    "invalid indentation in quoted scalar",
    "while scanning a quoted scalar, found unexpected document indicator",
    "invalid trailing content after double-quoted scalar",
    "while parsing a quoted scalar, found unknown escape character",
    "block sequence entries are not allowed in this context",
    "comment intercepting the multiline text",
    "comments must be separated from other tokens by whitespace",
    "while parsing a flow sequence, expected ',' or ']'",
    "while parsing a flow mapping, did not find expected ',' or '}'",
    "misplaced bracket",
    "while parsing a node, did not find expected node content",
    "illegal placement of ':' indicator",
    "plain scalar cannot start with '-' followed by ,[]{}",
    "invalid indentation in flow construct",
    "invalid indentation",
    "wrongly indented line in block scalar",
    "while scanning a block scalar, did not find expected comment or line break",
    "while scanning a block scalar, found an indentation indicator equal to 0",
    "'-' must be followed by a valid YAML whitespace",
    "':' must be followed by a valid YAML whitespace",
    "expected whitespace",
    "while scanning a tag, did not find expected whitespace or line break",
    "did not find expected <document start>",
    "invalid content after document end marker",
    "missing explicit document end marker before directive",
    "duplicate version directive",
    "while scanning a directive, did not find expected comment or line break",
    // Wordings the fuzzer's mutants of real files produce.
    "\"-\" is only valid inside a block",
    "':' may not precede any of `[{` in flow mapping",
    "a byte order mark must not appear inside a document",
    "found unprintable character",
    "mapping keys are not allowed in this context",
    "simple key expected",
    "unexpected character: `",
    "while parsing a quoted scalar, did not find expected hexadecimal number",
    "while parsing a quoted scalar, found invalid Unicode character escape code",
    "while parsing node, found unknown anchor",
    "while scanning an anchor or alias, did not find expected alphabetic or numeric character",
    "invalid global tag character",
    "the TAG directive must only be given at most once per handle in the same document",
    "the handle wasn't declared",
    "while parsing a tag directive, did not find expected '!'",
    "while parsing a tag, did not find expected tag URI",
    "while parsing a tag, found an incorrect leading UTF-8 byte",
    "while parsing a tag, found an invalid escape sequence",
    "while scanning TAG, did not find expected whitespace or line break",
    "while scanning a tag, did not find expected '!'",
    "while scanning a verbatim tag, did not find the expected '>'",
    "while scanning a YAML directive, did not find expected digit or '.' character",
    "while scanning a YAML directive, did not find expected version number",
    "while scanning a directive, could not find expected directive name",
    "while scanning a directive, found unexpected non-alphabetical character",
];

/// What the parser's `info`, noticed `at` in `text`, means, and where its
/// cause starts; `None` for a wording not in [`PARSER_WORDINGS`].
pub fn explain(info: &str, text: &str, at: Location) -> Option<(Location, String)> {
    let lines = Lines::new(text);
    // Tabs in indentation are the commonest hand-editing mistake, whatever the parser noticed.
    if let Some(found) = tabs(&lines, at) {
        return Some(found);
    }
    if let Some((opened, closer)) = unclosed::unclosed_before(text, at) {
        return Some((opened, unclosed::message(closer)));
    }
    let wording = PARSER_WORDINGS.iter().find(|w| info.starts_with(**w))?;
    let quote = || lines.char_at(at).filter(|c| *c == '"' || *c == '\'').unwrap_or('"');
    let message = match *wording {
        "tab" | "while scanning a plain scalar, found a tab" | "a block scalar content cannot start with a tab" => {
            "a tab where YAML expects spaces: replace it with spaces".into()
        }
        "mapping values are not allowed in this context" => return Some(lines.colon_out_of_place(at)),
        "simple key expect ':'" => return Some(lines.missing_colon(at)),
        "while parsing a block mapping, did not find expected key" => {
            let start = lines.content_start(at.line);
            let message = match lines.previous_content(at.line) {
                Some((line, indent)) if indent != start.column - 1 => format!(
                    "this line is indented differently from line {line} above: align it with the keys of its \
                     mapping, or indent it under the key it belongs to"
                ),
                _ => "this line does not continue its mapping: a key ('name: value') was expected here".into(),
            };
            return Some((start, message));
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            return Some((
                lines.content_start(at.line),
                "this line is inside a list but does not start with '- ': start it with '- ', or indent it \
                 less to end the list"
                    .into(),
            ));
        }
        "while scanning a quoted scalar, found unexpected end of stream" => {
            format!("the string opened at {at} is never closed: add the closing {}", quote())
        }
        "invalid indentation in quoted scalar" => format!(
            "the string opened at {at} is never closed (its next line is indented too little to continue it): \
             add the closing {}",
            quote()
        ),
        "while scanning a quoted scalar, found unexpected document indicator" => {
            format!("the string opened at {at} runs into a '---' or '...' line: add its closing {}", quote())
        }
        "invalid trailing content after double-quoted scalar" => return Some(lines.quote_inside(at)),
        "while parsing a quoted scalar, found unknown escape character" => {
            "unknown escape in a double-quoted string: write '\\\\' for a backslash, or use single quotes".into()
        }
        "\"-\" is only valid inside a block" | "block sequence entries are not allowed in this context" => {
            "a list item ('- ') cannot start here: start the list on its own line below its key".into()
        }
        "comment intercepting the multiline text" => {
            "a comment ends this text, but the text goes on in the next line: remove the comment or quote the \
             whole text"
                .into()
        }
        "comments must be separated from other tokens by whitespace" => {
            "put a space before '#': a comment must be separated from what comes before it".into()
        }
        "while parsing a flow sequence, expected ',' or ']'" => {
            "a [ ] list is not closed: a ',' or the closing ']' was expected here".into()
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            "a { } mapping is not closed: a ',' or the closing '}' was expected here".into()
        }
        "misplaced bracket" => "a stray closing bracket: no '[' or '{' is open here, remove it".into(),
        "while parsing a node, did not find expected node content" => {
            "a value is missing here (two commas in a row, or a comma right after '[')".into()
        }
        "illegal placement of ':' indicator" => "this ':' must follow its key on the same line".into(),
        "plain scalar cannot start with '-' followed by ,[]{}" => {
            "quote this text: it starts with '-' followed by a bracket or a comma".into()
        }
        "invalid indentation in flow construct" | "invalid indentation" => {
            "this line is indented less than the value it continues: indent it more".into()
        }
        "wrongly indented line in block scalar" => {
            "this line of a block text ('|' or '>') is indented less than its first line: indent it at least as \
             much"
                .into()
        }
        "while scanning a block scalar, did not find expected comment or line break" => {
            "nothing but an indentation digit, '+' or '-' and a comment may follow '|' or '>': start the text on \
             the next line"
                .into()
        }
        "while scanning a block scalar, found an indentation indicator equal to 0" => {
            "the indentation digit after '|' or '>' must be 1 to 9".into()
        }
        "'-' must be followed by a valid YAML whitespace" => "put a space after '-' (a tab is not allowed)".into(),
        "':' must be followed by a valid YAML whitespace" => "put a space after ':' (a tab is not allowed)".into(),
        "expected whitespace" => "put a space after '?' (a tab is not allowed)".into(),
        "while scanning a tag, did not find expected whitespace or line break" => {
            "a tag ('!…') must be followed by a space".into()
        }
        "did not find expected <document start>" => {
            "a directive ('%…') must be followed by a '---' line that starts the document".into()
        }
        "invalid content after document end marker" => "nothing may follow '...' on its line".into(),
        "missing explicit document end marker before directive" => {
            "a directive ('%…') after a document needs a '...' line before it".into()
        }
        "duplicate version directive" => "the %YAML directive is given twice: keep one".into(),
        "while scanning a directive, did not find expected comment or line break" => {
            "unexpected text after the directive".into()
        }
        "':' may not precede any of `[{` in flow mapping" => "put a space after ':' inside { }".into(),
        "a byte order mark must not appear inside a document" => {
            "an invisible byte order mark (U+FEFF) is inside the text: remove it (it may only open the file)".into()
        }
        "found unprintable character" => {
            "a control character YAML does not allow in text: remove it, or write it as an escape ('\\t',              '\\u0007') in a double-quoted string"
                .into()
        }
        "mapping keys are not allowed in this context" => "a '? ' key cannot start here".into(),
        "simple key expected" => "a 'key: value' pair was expected here".into(),
        "unexpected character: `" => {
            "'%', '@' and '`' cannot start a value written without quotes: put the value in quotes".into()
        }
        "while parsing a quoted scalar, did not find expected hexadecimal number" => {
            "an escape '\\x', '\\u' or '\\U' needs 2, 4 or 8 hexadecimal digits".into()
        }
        "while parsing a quoted scalar, found invalid Unicode character escape code" => {
            "this '\\u' or '\\U' escape is not a Unicode character".into()
        }
        "while parsing node, found unknown anchor" => {
            let line = lines.line(at.line).unwrap_or_default();
            let alias: String = line.chars().skip(at.column.saturating_sub(1)).take_while(|c| !c.is_whitespace() && *c != ',').collect();
            let key = line[..line.find(": ").unwrap_or(0)].trim().trim_start_matches("- ").trim();
            let fix = match key.is_empty() {
                true => format!("\"{alias}\""),
                false => format!("{key}: \"{alias}\""),
            };
            format!(
                "'{}' is read as an alias of an anchor '&{}' that is not defined: if it is text (a menu trigger), \
                 quote it: {}",
                shortened(&alias),
                shortened(alias.trim_start_matches('*')),
                shortened(&fix)
            )
        }
        "while scanning an anchor or alias, did not find expected alphabetic or numeric character" => {
            "'&' and '*' start an anchor or an alias and must be followed by its name: quote the value if it \
             starts with '&' or '*'"
                .into()
        }
        "invalid global tag character"
        | "the TAG directive must only be given at most once per handle in the same document"
        | "the handle wasn't declared"
        | "while parsing a tag directive, did not find expected '!'"
        | "while parsing a tag, did not find expected tag URI"
        | "while parsing a tag, found an incorrect leading UTF-8 byte"
        | "while parsing a tag, found an invalid escape sequence"
        | "while scanning TAG, did not find expected whitespace or line break"
        | "while scanning a tag, did not find expected '!'"
        | "while scanning a verbatim tag, did not find the expected '>'" => {
            "a malformed tag ('!…'); definition files need none (only the core tags such as '!!str' are \
             accepted): remove it, or quote the value if it starts with '!'"
                .into()
        }
        "while scanning a YAML directive, did not find expected digit or '.' character"
        | "while scanning a YAML directive, did not find expected version number" => {
            "a malformed %YAML directive: write '%YAML 1.2', or remove the line".into()
        }
        "while scanning a directive, could not find expected directive name"
        | "while scanning a directive, found unexpected non-alphabetical character" => {
            "a malformed directive ('%…' at the start of a line): remove it, or quote the value if it starts with \
             '%'"
                .into()
        }
        _ => return None,
    };
    Some((at, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_missing_its_colon_is_found_above_a_million_blank_lines() {
        // The parser notices the problem at the end; the cause is found
        // looking back, in time linear in the text (hostile input).
        let text = format!("a: 1\nb\n{}", "\n".repeat(1_000_000));
        let (at, message) = explain("simple key expect ':'", &text, Location::new(1_000_003, 1)).unwrap();
        assert_eq!(at, Location::new(2, 1));
        assert_eq!(
            message,
            "'b' is not a 'key: value' pair: add the missing ':' after the key, or indent the line under the value \
             it continues"
        );
    }

    #[test]
    fn every_listed_wording_is_explained() {
        for wording in PARSER_WORDINGS {
            assert!(explain(wording, "a: 1\n", Location::new(1, 1)).is_some(), "{wording}");
        }
        assert_eq!(explain("something new", "a: 1\n", Location::new(1, 1)), None);
    }

    #[test]
    fn newcomers_mistakes_say_their_fix() {
        let error = |text: &str| {
            let e = crate::yaml::parse(text, "t.agent.yaml").unwrap_err();
            (e.location().unwrap(), e.to_string())
        };
        assert_eq!(
            error("menu:\n  - trigger: *show-status\n    description: d\n"),
            (
                Location::new(2, 14),
                "'*show-status' is read as an alias of an anchor '&show-status' that is not defined: if it is text (a menu trigger), quote it: trigger: \"*show-status\"".into()
            )
        );
        assert_eq!(
            error("metadata:\n  name:PM\n  title: T\n"),
            (Location::new(2, 3), "'name:PM' is not a 'key: value' pair: add a space after ':' (name: PM)".into())
        );
        assert_eq!(
            error("title: \"The \"best\" PM\"\n"),
            (
                Location::new(1, 13),
                "this \" ends the \"…\" value early: write \\\" for each \" inside it, or quote the value with ': title: 'The \"best\" PM'".into()
            )
        );
        assert_eq!(
            error("title: 'Riley's \"PM\"'\n"),
            (
                Location::new(1, 14),
                "this ' ends the '…' value early: write '' for each ' inside it, or quote the value with \": title: 'Riley''s \"PM\"'".into()
            )
        );
    }
}
