//! The rules a skill folder is linted by (`validate --strict`): the Agent
//! Skills specification's for every skill (`name`, `description`,
//! `compatibility`, `metadata`, `allowed-tools`, no other top-level keys),
//! and BMAD's deterministic ones for BMAD skills, by the ids and severities
//! of BMAD-METHOD's `tools/validate-skills.js` (its CRITICAL and HIGH are
//! errors here, MEDIUM and LOW warnings). Each finding names its rule.

mod files;
pub mod frontmatter;

pub use files::files as skill_files;

use crate::codes::Severity;
use crate::error::Issue;
use crate::kind::SKILL_FILE;
use crate::source;
use std::path::{Path, PathBuf};

/// A lint rule of skills.
#[derive(Debug, serde::Serialize)]
pub struct Rule {
    /// The id findings carry: BMAD's own where BMAD has the rule.
    pub id: &'static str,
    /// Error (`E_LINT`) or warning (`W_LINT`).
    pub severity: Severity,
    /// BMAD's severity, for BMAD's rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bmad: Option<&'static str>,
    /// Which skills it applies to: `every skill` or `BMAD skills`.
    pub applies: &'static str,
    /// What the rule asks, in a line.
    pub title: &'static str,
}

const EVERY: &str = "every skill";
const BMAD: &str = "BMAD skills";

macro_rules! rules {
    ($($id:literal $severity:ident $bmad:expr, $applies:ident, $title:literal;)*) => {
        /// Every rule, in the README's order.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, severity: Severity::$severity, bmad: $bmad, applies: $applies, title: $title },)*];
    };
}

rules! {
    "SKILL-01" Error Some("CRITICAL"), BMAD, "the skill folder has a SKILL.md";
    "SKILL-02" Error Some("CRITICAL"), EVERY, "the frontmatter has a name, as text";
    "SKILL-03" Error Some("CRITICAL"), EVERY, "the frontmatter has a description, as text";
    "SKILL-04" Error Some("HIGH"), BMAD, "name is 'bmad-' then lowercase words joined by single hyphens";
    "SKILL-05" Error Some("HIGH"), EVERY, "name is the skill folder's name";
    "SKILL-06" Warning Some("MEDIUM"), BMAD, "description is at most 1,024 characters and says when to use the skill ('Use when' or 'Use if')";
    "SKILL-07" Error Some("HIGH"), BMAD, "SKILL.md has instructions after its frontmatter";
    "PATH-02" Error Some("HIGH"), BMAD, "no installed_path variable, key or mention in the skill's Markdown and YAML";
    "STEP-01" Warning Some("MEDIUM"), BMAD, "step files are named step-NN[a]-name.md";
    "STEP-06" Warning Some("MEDIUM"), BMAD, "a step file's frontmatter has no name or description";
    "STEP-07" Warning Some("LOW"), BMAD, "a steps/ folder holds 2 to 10 step files";
    "SEQ-02" Warning Some("LOW"), BMAD, "no time estimates (takes 5 min, ~10 min, estimated time, ETA)";
    "TPL-01" Error Some("HIGH"), BMAD, "template files hold no compile-time {{.var}} substitution";
    "skill-name" Error None, EVERY, "name is 1 to 64 lowercase letters, digits and single hyphens, not starting or ending with one";
    "skill-description" Error None, EVERY, "description is 1 to 1,024 characters";
    "skill-compatibility" Error None, EVERY, "compatibility, when given, is text of at most 500 characters";
    "skill-metadata" Error None, EVERY, "metadata, when given, maps text keys to text values";
    "skill-allowed-tools" Error None, EVERY, "allowed-tools, when given, is text (tools separated by spaces)";
    "skill-frontmatter-key" Warning None, EVERY, "the frontmatter has only the specification's keys (name, description, license, compatibility, metadata, allowed-tools)";
    "read-only-identity" Error None, BMAD, "an override does not set agent.name or agent.title (the agent's identity)";
    "unknown-override" Error None, BMAD, "an override only sets keys the skill's customize.toml has";
}

/// The rule `id`; every id a finding carries is in [`RULES`] (a test checks it).
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A finding: the rule broken, in `SKILL.md` (`file` `None`) or in another
/// file of the skill.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Another file of the skill than `SKILL.md`, when the finding is there.
    pub file: Option<PathBuf>,
    /// The rule broken (`issue.rule`), where, and why.
    pub issue: Issue,
}

impl Finding {
    fn in_skill_md(issue: Issue) -> Finding {
        Finding { file: None, issue }
    }
}

/// The severity of the rule `issue` breaks (an issue of no rule is an error).
pub fn severity(issue: &Issue) -> Severity {
    issue.rule.and_then(rule).map_or(Severity::Error, |r| r.severity)
}

/// Whether the skill at `dir` named `name` is a BMAD skill: its name starts
/// with `bmad-`, or it lives in a BMAD tree (under `_bmad/`, in a BMAD
/// source tree's `src/*-skills/`, or in a project with a `_bmad/` folder).
pub fn is_bmad(dir: &Path, name: Option<&str>) -> bool {
    let named = |p: &Path, f: &dyn Fn(&str) -> bool| p.file_name().and_then(|n| n.to_str()).is_some_and(f);
    name.is_some_and(|n| n.starts_with("bmad-"))
        || dir.ancestors().any(|a| {
            named(a, &|n| n == "_bmad")
                || (named(a, &|n| n.ends_with("-skills")) && a.parent().is_some_and(|p| named(p, &|n| n == "src")))
                || a.join("_bmad").is_dir()
        })
}

/// Every finding of the rules for the skill folder `dir` (its `SKILL.md`
/// read from inside the folder). A `SKILL.md` that cannot be read gets none
/// here: loading the skill reports it.
pub fn check(dir: &Path) -> Vec<Finding> {
    let Ok(text) = source::read_text_in(&dir.join(SKILL_FILE), Some(&source::confine(dir))) else { return Vec::new() };
    let parsed = frontmatter::Parsed::of(&text);
    let name = parsed.name();
    let bmad = is_bmad(dir, name.as_deref());
    let mut found: Vec<Finding> =
        frontmatter::check(dir, &parsed, bmad).into_iter().map(Finding::in_skill_md).collect();
    if bmad {
        found.extend(files::check(dir));
    }
    found
}

#[cfg(test)]
mod tests;
