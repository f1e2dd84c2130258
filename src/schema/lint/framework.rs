//! Whose conventions strict lint follows for a file, and the keys each
//! framework's schema allows. BMAD's rules are those of BMAD's own agent
//! validator (`tools/schema/agent.js`, BMAD-METHOD before f0c7cf41c), rule
//! for rule; MADACE differs where its files do: `*` triggers, `workflow`
//! command targets, `metadata.version`, `load_always`, prompts named by
//! `name` with a `trigger`, and no `hasSidecar`.

use std::path::Path;

/// The framework a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    /// Files under a `madace/` folder, and everything the MADACE dialect checks.
    Madace,
    /// Files under `bmad/`, `_bmad/` or a BMAD source tree's `src/`, and any other file.
    Bmad,
}

impl Framework {
    /// The nearest folder above `path` named `madace` (MADACE) or `bmad`,
    /// `_bmad` or `src` (BMAD) decides; BMAD when there is none, since strict
    /// lint is BMAD's validator.
    pub fn of(path: &Path) -> Framework {
        let folders = path.parent().into_iter().flat_map(Path::ancestors);
        for folder in folders {
            match folder.file_name().and_then(|n| n.to_str()) {
                Some("madace") => return Framework::Madace,
                Some("bmad" | "_bmad" | "src") => return Framework::Bmad,
                _ => {}
            }
        }
        Framework::Bmad
    }

    /// Keys allowed in `agent`.
    pub fn agent_keys(self) -> &'static [&'static str] {
        match self {
            Framework::Bmad => &AGENT_KEYS[..7],
            Framework::Madace => &AGENT_KEYS,
        }
    }

    /// Keys allowed in `agent.metadata`.
    pub fn metadata_keys(self) -> &'static [&'static str] {
        match self {
            Framework::Bmad => &METADATA_KEYS[..7],
            Framework::Madace => &METADATA_KEYS,
        }
    }

    /// Keys allowed in a menu item that runs a command.
    pub fn command_item_keys(self) -> &'static [&'static str] {
        match self {
            Framework::Bmad => &COMMAND_ITEM_KEYS[..12],
            Framework::Madace => &COMMAND_ITEM_KEYS,
        }
    }

    /// Keys naming what a menu item runs; at least one must hold text.
    pub fn command_targets(self) -> &'static [&'static str] {
        match self {
            Framework::Bmad => &COMMAND_TARGETS[..5],
            Framework::Madace => &COMMAND_TARGETS,
        }
    }

    /// Keys allowed in a prompt.
    pub fn prompt_keys(self) -> &'static [&'static str] {
        match self {
            Framework::Bmad => &BMAD_PROMPT_KEYS,
            Framework::Madace => &MADACE_PROMPT_KEYS,
        }
    }

    /// Whether a trigger may start with `*` (MADACE's `*plan-project`).
    pub fn allows_star(self) -> bool {
        self == Framework::Madace
    }
}

/// Keys allowed at the file root.
pub const ROOT_KEYS: [&str; 1] = ["agent"];
/// Keys allowed in `agent`: BMAD's seven, then MADACE's own.
pub const AGENT_KEYS: [&str; 8] = [
    "metadata",
    "persona",
    "critical_actions",
    "menu",
    "prompts",
    "discussion",
    "conversational_knowledge",
    "load_always",
];
/// Keys allowed in `agent.metadata`: BMAD's seven, then MADACE's `version`.
pub const METADATA_KEYS: [&str; 8] = ["id", "name", "title", "icon", "module", "capabilities", "hasSidecar", "version"];
/// Keys allowed in `agent.persona`.
pub const PERSONA_KEYS: [&str; 4] = ["role", "identity", "communication_style", "principles"];
/// A BMAD prompt's keys.
pub const BMAD_PROMPT_KEYS: [&str; 3] = ["id", "content", "description"];
/// A MADACE prompt's keys (the app's schema).
pub const MADACE_PROMPT_KEYS: [&str; 3] = ["name", "trigger", "content"];
/// Keys of a menu item running a command: BMAD's twelve, then MADACE's `workflow`.
pub const COMMAND_ITEM_KEYS: [&str; 13] = [
    "trigger",
    "description",
    "validate-workflow",
    "exec",
    "action",
    "tmpl",
    "data",
    "checklist",
    "document",
    "ide-only",
    "web-only",
    "discussion",
    "workflow",
];
/// Command targets: BMAD's five, then MADACE's `workflow`.
pub const COMMAND_TARGETS: [&str; 6] = ["validate-workflow", "exec", "action", "tmpl", "data", "workflow"];
/// Keys of a BMAD `multi` item.
pub const MULTI_ITEM_KEYS: [&str; 3] = ["multi", "triggers", "discussion"];
/// Keys of a `multi` item's trigger written `{ trigger: name, … }`.
pub const MULTI_TRIGGER_KEYS: [&str; 6] = ["trigger", "input", "route", "action", "data", "type"];
/// The values of a `multi` trigger's `type`.
pub const MULTI_TRIGGER_TYPES: [&str; 3] = ["exec", "action", "workflow"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_framework_folder_decides() {
        for (path, framework) in [
            ("app/madace/mam/agents/pm.agent.yaml", Framework::Madace),
            ("project/bmad/bmm/agents/pm.agent.yaml", Framework::Bmad),
            ("project/_bmad/bmm/agents/pm.agent.yaml", Framework::Bmad),
            ("BMAD-METHOD/src/modules/bmm/agents/pm.agent.yaml", Framework::Bmad),
            ("src/madace/mam/agents/pm.agent.yaml", Framework::Madace),
            ("madace/vendor/bmad/agents/pm.agent.yaml", Framework::Bmad),
            ("pm.agent.yaml", Framework::Bmad),
            ("madace.agent.yaml", Framework::Bmad),
        ] {
            assert_eq!(Framework::of(Path::new(path)), framework, "{path}");
        }
    }

    #[test]
    fn bmad_key_sets_are_madace_ones_without_madace_keys() {
        assert_eq!(Framework::Bmad.agent_keys().len() + 1, Framework::Madace.agent_keys().len());
        assert!(!Framework::Bmad.agent_keys().contains(&"load_always"));
        assert!(!Framework::Bmad.metadata_keys().contains(&"version"));
        assert!(!Framework::Bmad.command_item_keys().contains(&"workflow"));
        assert_eq!(Framework::Bmad.command_targets(), ["validate-workflow", "exec", "action", "tmpl", "data"]);
    }
}
