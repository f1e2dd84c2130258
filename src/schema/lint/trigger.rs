//! Menu triggers as BMAD's validator reads them: a kebab-case name
//! (`plan-project`, in MADACE also `*plan-project`), or, when the text holds
//! ` or `, the compound `XY or fuzzy match on kebab-name` whose item
//! description starts with `[XY]`.

/// A kebab-case trigger name, with MADACE's optional `*`. The hand matcher is
/// [`name`]; BMAD's pattern is the same without `\*?`.
pub const NAME_PATTERN: &str = r"^\*?[a-z0-9]+(-[a-z0-9]+)*$";
/// BMAD's compound trigger (`WS or fuzzy match on workflow-status`); the hand
/// matcher is [`Trigger::parse`].
pub const COMPOUND_PATTERN: &str = r"^([A-Z]{1,3}) or fuzzy match on ([a-z0-9]+(-[a-z0-9]+)*)$";
/// BMAD's compound form, as messages name it.
pub const COMPOUND_FORM: &str = "XY or fuzzy match on kebab-name";

const COMPOUND_SEPARATOR: &str = " or fuzzy match on ";

/// A menu trigger as written.
#[derive(Debug, PartialEq, Eq)]
pub enum Trigger<'t> {
    /// `plan-project` (or `*plan-project` where allowed), holding `plan-project`.
    Name(&'t str),
    /// `XY or fuzzy match on name`.
    Compound {
        /// `XY`.
        shortcut: &'t str,
        /// `name`.
        name: &'t str,
    },
    /// Holds ` or ` but is not the compound form.
    BadCompound,
    /// Neither.
    Invalid,
}

impl<'t> Trigger<'t> {
    /// Reads `text` as BMAD does: compound when it holds ` or `, else a name.
    pub fn parse(text: &'t str, allow_star: bool) -> Self {
        if !text.contains(" or ") {
            return name(text, allow_star).map_or(Trigger::Invalid, Trigger::Name);
        }
        match text.split_once(COMPOUND_SEPARATOR) {
            Some((shortcut, name)) if is_shortcut(shortcut) && is_kebab(name) => Trigger::Compound { shortcut, name },
            _ => Trigger::BadCompound,
        }
    }

    /// What duplicates are compared by: `*x` as `x`, a compound by its name.
    pub fn key(&self, text: &'t str) -> &'t str {
        match self {
            Trigger::Name(name) | Trigger::Compound { name, .. } => name,
            Trigger::BadCompound | Trigger::Invalid => text,
        }
    }
}

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub fn is_kebab(text: &str) -> bool {
    text.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `[A-Z]{1,3}`
pub fn is_shortcut(text: &str) -> bool {
    (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// The kebab-case name in `text`, without the `*` MADACE may lead it with.
pub fn name(text: &str, allow_star: bool) -> Option<&str> {
    let name = if allow_star { text.strip_prefix('*').unwrap_or(text) } else { text };
    is_kebab(name).then_some(name)
}

/// The shortcut of a description starting `[XY]`.
pub fn described_shortcut(description: &str) -> Option<&str> {
    let (shortcut, _) = description.strip_prefix('[')?.split_once(']')?;
    is_shortcut(shortcut).then_some(shortcut)
}

/// The compound trigger a malformed one means, when it can be told: the
/// leading shortcut and the first kebab-case part, else the fuzzy words in
/// kebab case. `WS or workflow-status or fuzzy match on workflow status` →
/// `WS or fuzzy match on workflow-status`.
pub fn corrected_compound(text: &str) -> Option<String> {
    let (shortcut, rest) = text.split_once(" or ")?;
    let shortcut = shortcut.trim();
    if !is_shortcut(shortcut) {
        return None;
    }
    let parts: Vec<&str> = rest.split(" or ").map(str::trim).collect();
    let fuzzy = parts.iter().find_map(|p| p.strip_prefix("fuzzy match on ")).map(kebab_case);
    let name = parts.iter().copied().find(|p| is_kebab(p)).map(str::to_string).or(fuzzy)?;
    is_kebab(&name).then(|| format!("{shortcut}{COMPOUND_SEPARATOR}{name}"))
}

/// `Workflow Status!` → `workflow-status`.
fn kebab_case(words: &str) -> String {
    let lower = words.to_lowercase();
    let words = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    words.collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_matchers_follow_the_documented_patterns() {
        for good in ["a", "plan-project", "v2-x9"] {
            assert_eq!(name(good, false), Some(good));
        }
        assert_eq!(name("*plan-project", true), Some("plan-project"));
        assert_eq!(name("*plan-project", false), None);
        for bad in ["", "*", "**a", "Plan", "a--b", "-a", "a-", "a_b", "a b"] {
            assert_eq!(name(bad, true), None, "{bad}");
        }
        assert_eq!(Trigger::parse("W or fuzzy match on x", false), Trigger::Compound { shortcut: "W", name: "x" });
        assert_eq!(
            Trigger::parse("ABC or fuzzy match on a-b", false),
            Trigger::Compound { shortcut: "ABC", name: "a-b" }
        );
        for bad in ["ABCD or fuzzy match on x", "A1 or fuzzy match on x", "WS or fuzzy match on x y", "WS or x"] {
            assert_eq!(Trigger::parse(bad, true), Trigger::BadCompound, "{bad}");
        }
        assert_eq!(Trigger::parse("Plan Project", true), Trigger::Invalid);
        assert_eq!(described_shortcut("[WS] Status"), Some("WS"));
        assert_eq!(described_shortcut("[ws] Status"), None);
        assert_eq!(described_shortcut("[W1] Status"), None);
        assert_eq!(described_shortcut("WS Status"), None);
    }

    #[test]
    fn malformed_compounds_are_corrected_when_they_can_be() {
        for (written, meant) in [
            ("WS or workflow-status or fuzzy match on workflow status", Some("WS or fuzzy match on workflow-status")),
            ("TS or tech-spec or fuzzy match on tech-spec", Some("TS or fuzzy match on tech-spec")),
            ("CH or fuzzy match on Chat Now", Some("CH or fuzzy match on chat-now")),
            ("PP or plan project", None),
            ("plan or fuzzy match on x", None),
        ] {
            assert_eq!(corrected_compound(written).as_deref(), meant, "{written}");
        }
    }
}
