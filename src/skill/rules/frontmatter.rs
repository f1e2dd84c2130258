//! The rules of `SKILL.md` itself: its frontmatter by the Agent Skills
//! specification and BMAD's SKILL-04 to SKILL-07. Presence of `name` and
//! `description` (SKILL-02, SKILL-03) is checked when the skill loads.

use crate::error::{Issue, Location};
use crate::skill::frontmatter::split;
use crate::yaml::{self, Node, Value};
use regex_lite::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The keys the specification defines; any other is `skill-frontmatter-key`.
pub const SPEC_KEYS: &[&str] = &["name", "description", "license", "compatibility", "metadata", "allowed-tools"];
/// The specification's limits, in characters.
pub const MAX_NAME: usize = 64;
/// See [`MAX_NAME`].
pub const MAX_DESCRIPTION: usize = 1024;
/// See [`MAX_NAME`].
pub const MAX_COMPATIBILITY: usize = 500;
/// The specification's name pattern (the JSON Schema export states it too).
pub const NAME_PATTERN: &str = r"^[a-z0-9]+(-[a-z0-9]+)*$";

static SPEC_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(NAME_PATTERN).unwrap());
static BMAD_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^bmad-[a-z0-9]+(-[a-z0-9]+)*$").unwrap());
static USE_WHEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)use\s+(when|if)\b").unwrap());
static DEPRECATED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*deprecated\b").unwrap());

/// `SKILL.md`, split: the frontmatter as YAML (`None` when absent or not
/// YAML: loading reports that) and whether instructions follow it.
pub struct Parsed {
    /// The frontmatter, parsed.
    pub yaml: Option<Node>,
    /// Whether anything but blanks follows the frontmatter.
    pub has_body: bool,
}

impl Parsed {
    /// `SKILL.md`'s text, split and parsed.
    pub fn of(text: &str) -> Parsed {
        match split(text) {
            Some((yaml, body)) => {
                Parsed { yaml: yaml::parse(&yaml, "SKILL.md").ok(), has_body: !body.trim().is_empty() }
            }
            // Without frontmatter, the whole file is the body (as BMAD reads it).
            None => Parsed { yaml: None, has_body: !text.trim().is_empty() },
        }
    }

    /// The frontmatter's `name`, when it is text.
    pub fn name(&self) -> Option<String> {
        self.yaml.as_ref()?.get("name")?.as_str().map(str::to_string)
    }
}

/// The findings of `SKILL.md` in the skill folder `dir`.
pub(super) fn check(dir: &Path, parsed: &Parsed, bmad: bool) -> Vec<Issue> {
    let mut found = Vec::new();
    if bmad && !parsed.has_body {
        let message = "SKILL.md has no instructions after its frontmatter: add the skill's Markdown body";
        found.push(Issue::ruled("(body)", Location::START, "SKILL-07", message));
    }
    let Some(doc) = parsed.yaml.as_ref().filter(|d| d.entries().is_some()) else { return found };
    let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(name) = doc.get("name").and_then(|n| n.as_str().map(|s| (n.at, s))) {
        names(&mut found, name, &folder, bmad);
    }
    if let Some(node) = doc.get("description") {
        description(&mut found, node, bmad);
    }
    optional(&mut found, doc);
    for entry in doc.entries().unwrap_or_default() {
        if !SPEC_KEYS.contains(&entry.key.as_str()) {
            let message = format!(
                "'{}' is not a frontmatter key of the Agent Skills specification, so tools ignore it (or warn): \
                 move it under metadata",
                entry.key
            );
            found.push(Issue::ruled(entry.key.as_str(), entry.key_at, "skill-frontmatter-key", message));
        }
    }
    found
}

fn names(found: &mut Vec<Issue>, (at, name): (Location, &str), folder: &str, bmad: bool) {
    let length = name.chars().count();
    if !(1..=MAX_NAME).contains(&length) || !SPEC_NAME.is_match(name) {
        let message = format!(
            "the name '{name}' is not 1 to {MAX_NAME} lowercase letters, digits and single hyphens ({length} characters)"
        );
        found.push(Issue::ruled("name", at, "skill-name", message));
    }
    if bmad && !BMAD_NAME.is_match(name) {
        let message = format!("the name '{name}' is not 'bmad-' followed by lowercase words joined by single hyphens");
        found.push(Issue::ruled("name", at, "SKILL-04", message));
    }
    if name != folder {
        let message = format!("the skill's name '{name}' is not its folder's name '{folder}': rename one of them");
        found.push(Issue::ruled("name", at, "SKILL-05", message));
    }
}

fn description(found: &mut Vec<Issue>, node: &Node, bmad: bool) {
    let Some(text) = node.as_str() else { return };
    let length = text.chars().count();
    if length == 0 || length > MAX_DESCRIPTION {
        let message =
            format!("the description is {length} characters; the specification allows 1 to {MAX_DESCRIPTION}");
        found.push(Issue::ruled("description", node.at, "skill-description", message));
    }
    if !bmad {
        return;
    }
    if length > MAX_DESCRIPTION {
        let message = format!("the description is {length} characters (at most {MAX_DESCRIPTION}): shorten it");
        found.push(Issue::ruled("description", node.at, "SKILL-06", message));
    }
    // A deprecated shim steers users elsewhere, so it says no "Use when" (as BMAD exempts it).
    if !USE_WHEN.is_match(text) && !DEPRECATED.is_match(text) {
        let message = "the description does not say when to use the skill: add a 'Use when …' (or 'Use if …') sentence";
        found.push(Issue::ruled("description", node.at, "SKILL-06", message));
    }
}

/// The specification's optional keys, each in its shape.
fn optional(found: &mut Vec<Issue>, doc: &Node) {
    if let Some(node) = doc.get("compatibility") {
        let length = node.as_str().map(|s| s.chars().count());
        if length.is_none_or(|n| n == 0 || n > MAX_COMPATIBILITY) {
            let message =
                format!("compatibility must be text of 1 to {MAX_COMPATIBILITY} characters, found {}", shape(node));
            found.push(Issue::ruled("compatibility", node.at, "skill-compatibility", message));
        }
    }
    if let Some(node) = doc.get("metadata") {
        match node.entries() {
            Some(entries) => {
                for entry in entries.iter().filter(|e| e.value.as_str().is_none()) {
                    let message = format!("metadata values are text: quote it, found {}", shape(&entry.value));
                    found.push(Issue::ruled(
                        format!("metadata.{}", entry.key),
                        entry.value.at,
                        "skill-metadata",
                        message,
                    ));
                }
            }
            None => {
                let message = format!("metadata must map text keys to text values, found {}", shape(node));
                found.push(Issue::ruled("metadata", node.at, "skill-metadata", message));
            }
        }
    }
    if let Some(node) = doc.get("allowed-tools").filter(|n| n.as_str().is_none()) {
        let message = format!("allowed-tools is one text of tool names separated by spaces, found {}", shape(node));
        found.push(Issue::ruled("allowed-tools", node.at, "skill-allowed-tools", message));
    }
}

fn shape(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("{} characters of text", s.chars().count()),
        _ => node.kind().to_string(),
    }
}
