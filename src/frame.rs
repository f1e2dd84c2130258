//! Code frames: the source lines around a location, with a caret under its
//! column, as babel and eslint show them. A tab is drawn as `→`, one
//! column wide as js-yaml draws it (a raw tab is invisible, and its width
//! depends on the terminal); the caret is placed by display width, so wide
//! characters (emoji icons, CJK) before it do not shift it.

use crate::error::Location;
use unicode_width::UnicodeWidthChar;

/// Lines shown above and below the located one.
const ABOVE: usize = 2;
const BELOW: usize = 1;
/// Characters of a long line shown on each side of the column.
const HALF_WINDOW: usize = 80;

/// The frame of `at` in `text`, or `None` when the location is not in it.
pub fn code_frame(text: &str, at: Location) -> Option<String> {
    code_frame_from(text.strip_prefix('\u{feff}').unwrap_or(text), 1, at)
}

/// [`code_frame`] for a part of a file whose first line is line
/// `first_line` (callers with many locations in one large file pass the
/// lines around each, not the whole text each time).
pub fn code_frame_from(text: &str, first_line: usize, at: Location) -> Option<String> {
    let offset = first_line.checked_sub(1)?;
    let index = at.line.checked_sub(first_line)?;
    // Only the lines shown are kept: those around the location, and one
    // more to tell whether the text goes on.
    let skip_lines = index.saturating_sub(ABOVE);
    let located = index - skip_lines;
    let wanted = located + BELOW + 2;
    let mut lines: Vec<&str> =
        text.split('\n').skip(skip_lines).take(wanted).map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    // The empty piece after a final line break is a line only for a location
    // at the very end (where the parser notices what is missing).
    let at_end = lines.len() < wanted;
    if at_end && text.ends_with('\n') && located + 1 < lines.len() {
        lines.pop();
    }
    let line = *lines.get(located)?;
    let number = |i: usize| offset + skip_lines + i + 1;
    let last = (located + BELOW).min(lines.len() - 1);
    let gutter = number(last).to_string().len();
    // A long line is cut to a window around the column, the same for every line shown.
    let skip = at.column.saturating_sub(1).saturating_sub(HALF_WINDOW);
    let mut out = String::new();
    for (i, text_line) in lines.iter().enumerate().take(last + 1) {
        let n = number(i);
        let (shown, cut_before, cut_after) = window(text_line, skip);
        let marker = if n == at.line { '>' } else { ' ' };
        let dots = |cut: bool| if cut { "…" } else { "" };
        let body = format!("{}{}{}", dots(cut_before), shown.replace('\t', "→"), dots(cut_after));
        out.push_str(format!("{marker} {n:>gutter$} | {body}").trim_end());
        out.push('\n');
        if n == at.line {
            let before: String = line.chars().skip(skip).take(at.column.saturating_sub(1) - skip).collect();
            let pad: String = std::iter::once(if skip > 0 { " " } else { "" })
                .chain(before.chars().map(|c| match c {
                    '\t' => " ",
                    c if c.width().unwrap_or(0) == 2 => "  ",
                    c if c.width().unwrap_or(0) == 0 => "",
                    _ => " ",
                }))
                .collect();
            out.push_str(&format!("  {:gutter$} | {pad}^\n", ""));
        }
    }
    Some(out)
}

/// `line` from character `skip` on, at most two half windows long, and
/// whether something was cut before and after.
fn window(line: &str, skip: usize) -> (String, bool, bool) {
    let mut chars = line.chars().skip(skip);
    let shown: String = chars.by_ref().take(2 * HALF_WINDOW).collect();
    (shown, skip > 0, chars.next().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_column() {
        let text = "agent:\n  metadata:\n    name: x\n      title: y\n    icon: z\n";
        assert_eq!(
            code_frame(text, Location::new(4, 7)).unwrap(),
            "  2 |   metadata:\n  3 |     name: x\n> 4 |       title: y\n    |       ^\n  5 |     icon: z\n"
        );
    }

    #[test]
    fn tabs_and_wide_characters_keep_the_caret_in_place() {
        // 🧪 is two columns wide: the ':' after it is in the 11th column on screen.
        let frame = code_frame("icon: 🧪 x: y\n\tkey: v\n", Location::new(1, 10)).unwrap();
        assert_eq!(frame, format!("> 1 | icon: 🧪 x: y\n    | {}^\n  2 | →key: v\n", " ".repeat(10)));
        // A tab is drawn as one visible column.
        let frame = code_frame("a: 1\n\tb: 2\n", Location::new(2, 2)).unwrap();
        assert_eq!(frame, "  1 | a: 1\n> 2 | →b: 2\n    |  ^\n");
    }

    #[test]
    fn first_and_last_lines_long_lines_and_bad_locations() {
        assert_eq!(code_frame("a: [\n", Location::new(1, 4)).unwrap(), "> 1 | a: [\n    |    ^\n");
        assert_eq!(code_frame("a: [\n", Location::new(2, 1)).unwrap(), "  1 | a: [\n> 2 |\n    | ^\n");
        let long = format!("k: {}X{}\n", "a".repeat(200), "b".repeat(200));
        let frame = code_frame(&long, Location::new(1, 204)).unwrap();
        let (shown, caret) = frame.split_once('\n').unwrap();
        assert_eq!(shown.chars().count(), "> 1 | ".len() + 1 + 160 + 1);
        assert_eq!(caret.find('^').unwrap() - "    | ".len(), shown.find('X').unwrap() - "> 1 | ".len() - 2);
        assert_eq!(code_frame("a: 1\n", Location::new(9, 1)), None);
        // A part of a file, numbered as in the file.
        assert_eq!(
            code_frame_from("  b: 2\n  c: 3\n", 41, Location::new(42, 3)).unwrap(),
            "  41 |   b: 2\n> 42 |   c: 3\n     |   ^\n"
        );
        assert_eq!(code_frame_from("x\n", 41, Location::new(40, 1)), None);
    }
}
