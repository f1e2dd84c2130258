//! Where the cause of a syntax error starts, found in the text around where
//! the parser noticed it: a tab in the indentation, a line missing its `:`
//! or its space, a `:` out of place, a quote inside quotes.

use crate::error::Location;
use crate::yaml::lines::Lines;

/// A tab indenting the line the parser stopped at, or the next line it was
/// reading: located at the tab, with every other tab-indented line listed,
/// so a file indented with tabs throughout is fixed in one pass.
pub(super) fn tabs(lines: &Lines, at: Location) -> Option<(Location, String)> {
    const LISTED: usize = 10;
    let (mut here, mut after) = (None, None);
    let (mut count, mut listed) = (0, Vec::new());
    for (line, column) in lines.tab_indented() {
        if line == at.line {
            here = Some(Location::new(line, column));
        } else if line > at.line && after.is_none() {
            after = Some(Location::new(line, column));
        }
        count += 1;
        if listed.len() < LISTED {
            listed.push(line.to_string());
        }
    }
    // The first tabbed line below counts when it is the next line the parser read.
    let next_read = |tab: &Location| lines.previous_content(tab.line).is_none_or(|(above, _)| above <= at.line);
    let here = here.or(after.filter(next_read));
    let mut message = "a tab indents this line; YAML indents with spaces only: replace the tab with spaces".to_string();
    if count > 1 {
        let more = if count > LISTED { format!(" and {} more", count - LISTED) } else { String::new() };
        message.push_str(&format!(" (tabs indent {count} lines: {}{more})", listed.join(", ")));
    }
    here.map(|at| (at, message))
}

impl Lines<'_> {
    /// `key: value` with a plain key: (key, value).
    fn key_value(text: &str) -> Option<(&str, &str)> {
        let (key, value) = text.trim().split_once(": ")?;
        (!key.is_empty() && !key.contains(' ') || key.starts_with('"') || key.starts_with('\''))
            .then_some((key, value.trim()))
    }

    /// "mapping values are not allowed": a `key:` where no key may start.
    /// Either the line is indented past a `key: value` above it, or a value
    /// holds `: ` and needs quotes.
    pub(super) fn colon_out_of_place(&self, at: Location) -> (Location, String) {
        let text = self.line(at.line).unwrap_or_default();
        let start = self.content_start(at.line);
        let before: String = text.chars().take(at.column.saturating_sub(1)).collect();
        let head = before.trim_start();
        if let Some((written, _)) = head.split_once(": ").filter(|(key, _)| !key.contains(' ')) {
            // `description: Note: this` – the value itself holds ': '.
            let value = Location::new(at.line, start.column + written.chars().count() + 2);
            let key = shortened(written);
            let message = format!(
                "the value of '{key}' contains ': ', which YAML reads as the start of another key: put the whole \
                 value in quotes"
            );
            return (value, message);
        }
        let key = shortened(head.trim_end());
        match self.previous_content(at.line) {
            Some((line, indent)) if indent < start.column - 1 => {
                let above = self.line(line).unwrap_or_default();
                match Self::key_value(above) {
                    Some((above_key, value)) if !value.is_empty() && !value.starts_with('#') => {
                        let above_key = shortened(above_key);
                        let message = format!(
                            "'{key}' is indented more than '{above_key}' above it (line {line}), which already has a \
                             value: align '{key}' with '{above_key}' (column {}), or remove the value after \
                             '{above_key}:' if '{key}' belongs under it",
                            indent + 1
                        );
                        (start, message)
                    }
                    _ => (
                        start,
                        format!(
                            "'{key}:' cannot start a key here: the text of line {line} goes on in this line; \
                             quote that text, or end it and align '{key}' with the keys of its mapping"
                        ),
                    ),
                }
            }
            // `name:PM` on the line above, the same indent: one text, continued by this line.
            Some((line, _)) if glued_colon(self.line(line).unwrap_or_default().trim()).is_some() => {
                let above = self.line(line).unwrap_or_default().trim();
                let fixed = glued_colon(above).unwrap_or_default();
                let message =
                    format!("'{}' is not a 'key: value' pair: add a space after ':' ({fixed})", shortened(above));
                (self.content_start(line), message)
            }
            _ => (
                Location::new(at.line, at.column),
                "a ':' followed by a space makes what comes before it a key, and no key can start here: quote \
                 the text if ':' is part of it"
                    .into(),
            ),
        }
    }

    /// Text after a closing quote: a quote inside the value ended it. The
    /// message shows the line fixed, with the other quotes or escaped.
    pub(super) fn quote_inside(&self, at: Location) -> (Location, String) {
        let generic = || {
            (
                at,
                "text after a closing quote: a quote inside a quoted value ends it; write \\\" for a \" inside \
                       double quotes (or '' for a ' inside single quotes), or quote the value with the other kind"
                    .into(),
            )
        };
        let line = self.line(at.line).unwrap_or_default().trim();
        let quote = Location::new(at.line, at.column.saturating_sub(1));
        let Some(q) = self.char_at(quote).filter(|c| *c == '"' || *c == '\'') else { return generic() };
        let (Some(open), Some(close)) = (line.find(q), line.rfind(q)) else { return generic() };
        if close <= open || !line[close + 1..].trim().is_empty() {
            return generic();
        }
        let (head, inner) = (&line[..open], &line[open + 1..close]);
        let (other, escaped) = if q == '"' { ('\'', "\\\"") } else { ('"', "''") };
        let fixed = match inner.contains(other) {
            false => format!("{head}{other}{inner}{other}"),
            true => format!("{head}{q}{}{q}", inner.replace(q, escaped)),
        };
        let message = format!(
            "this {q} ends the {q}…{q} value early: write {escaped} for each {q} inside it, or quote the value with \
             {other}: {}",
            shortened(&fixed)
        );
        (quote, message)
    }

    /// "simple key expect ':'": a line of text where a `key: value` was
    /// expected; the parser notices it at the next token, often a line later.
    pub(super) fn missing_colon(&self, at: Location) -> (Location, String) {
        let same = self.line(at.line).filter(|t| Self::is_content(t) && Self::indent(t) < at.column - 1);
        let line = match same {
            Some(_) => at.line,
            None => self.previous_content(at.line).map_or(at.line, |(line, _)| line),
        };
        let text = self.line(line).unwrap_or_default().trim();
        let shown = shortened(text);
        let message = match glued_colon(text) {
            Some(fixed) => format!("'{shown}' is not a 'key: value' pair: add a space after ':' ({fixed})"),
            None => format!(
                "'{shown}' is not a 'key: value' pair: add the missing ':' after the key, or indent the line under the \
                 value it continues"
            ),
        };
        (self.content_start(line), message)
    }
}

/// `name:PM` written for `name: PM`: the line as it should be, when its
/// first ':' follows a key-like word and no space follows it.
fn glued_colon(text: &str) -> Option<String> {
    let i = text.find(':')?;
    let key = text[..i].trim_start_matches("- ");
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    let rest = &text[i + 1..];
    (is_key && rest.starts_with(|c: char| !c.is_whitespace())).then(|| shortened(&format!("{}: {rest}", &text[..i])))
}

/// Text of the file quoted in a message, cut at 40 characters: a hostile
/// line must not make a message of megabytes.
pub(super) fn shortened(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
