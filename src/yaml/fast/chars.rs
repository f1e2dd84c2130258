//! Byte-level helpers of the fast path: which characters it takes, what a
//! line is, where plain text may start.

use super::Line;

/// `None` for a character YAML does not allow, or treats specially,
/// anywhere: controls (a CR only before LF), C1 controls and NEL, U+FEFF past
/// the start, LS, PS, U+FFFE, U+FFFF. Runs of printable ASCII are skipped a
/// chunk at a time.
pub(super) fn check_characters(bytes: &[u8]) -> Option<()> {
    const CHUNK: usize = 32;
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + CHUNK).min(bytes.len());
        // Branch-free, so that it vectorizes.
        let plain = bytes[i..end]
            .iter()
            .fold(true, |ok, &c| ok & ((c.wrapping_sub(0x20) < 0x5F) | (c == b'\n') | (c == b'\t')));
        if !plain {
            for j in i..end {
                let ok = match bytes[j] {
                    b'\t' | b'\n' | 0x20..=0x7E => true,
                    b'\r' => bytes.get(j + 1) == Some(&b'\n'),
                    0xC2 => !matches!(bytes.get(j + 1), Some(0x80..=0x9F)),
                    0xEF => !matches!(bytes.get(j + 1..j + 3), Some([0xBB, 0xBF] | [0xBF, 0xBE | 0xBF])),
                    0xE2 => !matches!(bytes.get(j + 1..j + 3), Some([0x80, 0xA8 | 0xA9])),
                    c => c >= 0x80,
                };
                if !ok {
                    return None;
                }
            }
        }
        i = end;
    }
    Some(())
}

/// The line's indentation and kind.
pub(super) fn describe(bytes: &[u8], start: usize, end: usize) -> Option<Line> {
    let line = &bytes[start..end];
    let indent = line.iter().take_while(|&&c| c == b' ').count();
    let rest = &line[indent..];
    let tab = rest.first() == Some(&b'\t');
    let after_ws =
        if tab { line.iter().position(|&c| c != b' ' && c != b'\t').map_or(&[][..], |p| &line[p..]) } else { rest };
    // Document markers and directives: the full parser's business.
    if indent == 0
        && (rest.first() == Some(&b'%')
            || (rest.starts_with(b"---") || rest.starts_with(b"..."))
                && matches!(rest.get(3), None | Some(b' ' | b'\t')))
    {
        return None;
    }
    Some(Line { start, end, indent, blank: after_ws.is_empty() || after_ws[0] == b'#', tab })
}

pub(super) fn skip_spaces(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i] == b' ' {
        i += 1;
    }
    i
}

/// Whether a plain scalar may start at `pos`: not at an indicator, except
/// `-`, `?` and `:` followed by a character that is neither a space nor a flow indicator.
pub(super) fn plain_may_start(b: &[u8], pos: usize, end: usize) -> bool {
    match b[pos] {
        b'-' | b'?' | b':' => pos + 1 < end && !matches!(b[pos + 1], b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}'),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' => false,
        b'%' | b'@' | b'`' | b' ' | b'\t' => false,
        _ => true,
    }
}
