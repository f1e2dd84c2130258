//! A text looked at line by line, for messages that point at lines.

use crate::error::Location;

/// The text, looked at line by line (1-based lines, columns in characters).
/// Where every `STRIDE`th line starts is kept (a few bytes per thousand
/// lines, where a table of every line cost 16 bytes a line: 128 MiB for a
/// file of blank lines); a line is found from the nearest one before it.
/// Looking back over many lines (a long run of blank ones before the
/// error) walks the bytes backwards once, so it stays linear.
pub struct Lines<'t> {
    text: &'t str,
    /// The byte offset of lines 1, 1 + STRIDE, 1 + 2 × STRIDE, …
    starts: Vec<usize>,
}

const STRIDE: usize = 256;

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let starts = std::iter::once(0).chain(newlines.skip(STRIDE - 1).step_by(STRIDE).map(|i| i + 1)).collect();
        Lines { text, starts }
    }

    /// Line `line` (1-based) without its line break.
    pub fn line(&self, line: usize) -> Option<&'t str> {
        let index = line.checked_sub(1)?;
        let mut start = *self.starts.get(index / STRIDE)?;
        for _ in 0..index % STRIDE {
            start += memchr::memchr(b'\n', &self.text.as_bytes()[start..])? + 1;
        }
        Some(self.text_at(start))
    }

    /// The line starting at byte `start`, without its line break.
    pub fn text_at(&self, start: usize) -> &'t str {
        let rest = &self.text[start..];
        let line = rest.split('\n').next().unwrap_or_default();
        line.strip_suffix('\r').unwrap_or(line)
    }

    pub fn char_at(&self, at: Location) -> Option<char> {
        self.line(at.line)?.chars().nth(at.column.checked_sub(1)?)
    }

    /// Every content line whose indentation holds a tab: (line, the tab's column).
    pub fn tab_indented(&self) -> impl Iterator<Item = (usize, usize)> + 't {
        let tabbed = |line: &str| line.chars().take_while(|c| *c == ' ' || *c == '\t').position(|c| c == '\t');
        let lines = self.text.split('\n').enumerate().filter(|(_, line)| Self::is_content(line));
        lines.filter_map(move |(n, line)| tabbed(line).map(|i| (n + 1, i + 1)))
    }

    pub fn indent(text: &str) -> usize {
        text.chars().take_while(|c| *c == ' ').count()
    }

    pub fn is_content(text: &str) -> bool {
        let trimmed = text.trim_start();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    }

    /// Where the text of `line` starts.
    pub fn content_start(&self, line: usize) -> Location {
        Location::new(line, self.line(line).map_or(0, Self::indent) + 1)
    }

    /// The nearest line above `line` with content, and its indentation.
    pub fn previous_content(&self, line: usize) -> Option<(usize, usize)> {
        let this = self.line(line)?;
        // Where `line` starts: its text is a slice of the whole.
        let mut end = this.as_ptr() as usize - self.text.as_ptr() as usize;
        let bytes = self.text.as_bytes();
        for n in (1..line).rev() {
            let start = memchr::memrchr(b'\n', &bytes[..end.saturating_sub(1)]).map_or(0, |i| i + 1);
            let text = self.text_at(start);
            if Self::is_content(text) {
                return Some((n, Self::indent(text)));
            }
            end = start;
        }
        None
    }
}
