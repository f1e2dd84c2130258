//! BMAD 6.x's grammar of `sprint-status.yaml`, as its `sprint_plan.py`
//! (bmad-code-org/BMAD-METHOD, `src/bmm-skills/plan/bmad-sprint-planning/`)
//! defines it: the keys of `development_status`, the statuses of each kind,
//! the legacy v6 statuses, action item statuses and timestamps.

use serde::Serialize;

/// What a key of `development_status` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// `epic-N`.
    Epic,
    /// `N-M[a]-slug`.
    Story,
    /// `epic-N-retrospective`.
    Retro,
}

/// A key's kind and epic number: `epic-2` → (Epic, 2), `2-6a-chat` → (Story, 2).
pub fn classify(key: &str) -> Option<(KeyKind, u64)> {
    if let Some(n) = key.strip_prefix("epic-").and_then(|r| r.strip_suffix("-retrospective")).and_then(number) {
        return Some((KeyKind::Retro, n));
    }
    if let Some(n) = key.strip_prefix("epic-").and_then(number) {
        return Some((KeyKind::Epic, n));
    }
    story_parts(key).map(|(epic, ..)| (KeyKind::Story, epic))
}

/// `2-6a-chat` → (2, 6, "a"); BMAD's `^(\d+)-(\d+)([a-z]?)-.+`.
pub fn story_parts(key: &str) -> Option<(u64, u64, &str)> {
    let (epic, rest) = key.split_once('-')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (story, rest) = rest.split_at(digits);
    let letter = rest.bytes().take_while(u8::is_ascii_lowercase).count().min(1);
    let (suffix, rest) = rest.split_at(letter);
    let slug = rest.strip_prefix('-')?;
    (!slug.is_empty()).then_some(())?;
    Some((number(epic)?, number(story)?, suffix))
}

/// Digits only (Python's `\d+`, ASCII here), as a number.
fn number(text: &str) -> Option<u64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// The statuses of a kind, in the order work moves through them.
pub fn statuses(kind: KeyKind) -> &'static [&'static str] {
    match kind {
        KeyKind::Story => &["backlog", "ready-for-dev", "in-progress", "review", "done"],
        KeyKind::Epic => &["backlog", "in-progress", "done"],
        KeyKind::Retro => &["optional", "done"],
    }
}

/// v6's statuses, still written in the wild, and the modern ones they mean.
pub const LEGACY: [(&str, &str); 2] = [("drafted", "ready-for-dev"), ("contexted", "in-progress")];

/// The modern status of a legacy one.
pub fn modern(status: &str) -> Option<&'static str> {
    LEGACY.iter().find(|(old, _)| *old == status).map(|(_, new)| *new)
}

/// The statuses of an action item.
pub const ACTION_STATUSES: [&str; 3] = ["open", "in-progress", "done"];

/// The timestamp format BMAD writes (`MM-DD-YYYY HH:MM`).
pub const STAMP_FORMAT: &str = "MM-DD-YYYY HH:MM";

/// A time as BMAD writes it (`MM-DD-YYYY HH:MM`).
pub fn stamp(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{month:02}-{day:02}-{year} {hour:02}:{minute:02}")
}

/// Whether `text` is a timestamp `sprint_plan.py` reads: `MM-DD-YYYY HH:MM`,
/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (strptime's rules: one or two digits
/// for fields but the year, in range).
pub fn is_stamp(text: &str) -> bool {
    let (date, time) = match text.split_once(' ') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let [a, b, c] = parts[..] else { return false };
    let field = |t: &str, max: u32| t.len() <= 2 && number(t).is_some_and(|n| (1..=u64::from(max)).contains(&n));
    let year = |t: &str| t.len() == 4 && number(t).is_some();
    let time_ok = |t: Option<&str>| {
        t.and_then(|t| t.split_once(':')).is_some_and(|(h, m)| {
            h.len() <= 2 && m.len() <= 2 && number(h).is_some_and(|h| h < 24) && number(m).is_some_and(|m| m < 60)
        })
    };
    let us = field(a, 12) && field(b, 31) && year(c) && time_ok(time) && valid_day(c, a, b);
    let iso = year(a) && field(b, 12) && field(c, 31) && valid_day(a, b, c) && (time.is_none() || time_ok(time));
    us || iso
}

/// Whether the day exists in that month (strptime refuses 02-30).
fn valid_day(year: &str, month: &str, day: &str) -> bool {
    let (y, m, d) = (number(year).unwrap_or(0), number(month).unwrap_or(0), number(day).unwrap_or(0));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_bmads() {
        assert_eq!(classify("epic-1"), Some((KeyKind::Epic, 1)));
        assert_eq!(classify("epic-12-retrospective"), Some((KeyKind::Retro, 12)));
        assert_eq!(classify("2-6a-chat-interface"), Some((KeyKind::Story, 2)));
        assert_eq!(classify("1-1-x"), Some((KeyKind::Story, 1)));
        for bad in ["epic-", "epic-x", "1-1", "1-1-", "story-1", "1-ab-x", "TASK-008", "epic-1-retro"] {
            assert_eq!(classify(bad), None, "{bad}");
        }
    }

    #[test]
    fn stamps_as_sprint_plan_reads_them() {
        for ok in ["05-06-2025 21:30", "5-6-2025 9:05", "2025-05-06 21:30", "2025-05-06", "02-29-2024 00:00"] {
            assert!(is_stamp(ok), "{ok}");
        }
        assert_eq!(stamp(2026, 12, 5, 9, 7), "12-05-2026 09:07");
        for bad in
            ["2025-05-06T21:30", "05-06-2025", "13-01-2025 10:00", "02-30-2025 10:00", "05-06-25 10:00", "yesterday"]
        {
            assert!(!is_stamp(bad), "{bad}");
        }
    }
}
