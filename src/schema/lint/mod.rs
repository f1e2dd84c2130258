//! Opt-in strict lint for agent files (`validate --strict`): the rules of
//! BMAD's own agent validator, which the loader relaxes so that real files
//! still load, with MADACE's conventions for MADACE files (see
//! [`framework`]). It runs on the raw file tree (before defaults are filled
//! in) and only adds issues. Every message ends with the rule's name in
//! brackets (`[unknown-key]`), so a reader knows which rule fired and tools
//! can count them.

pub mod framework;
mod menu;
pub mod rule;
pub mod trigger;

use crate::error::{Issue, Location};
use crate::schema::{field, index, suggest, Checker};
use crate::yaml::{Node, Value};
pub use framework::Framework;
use framework::{COMMAND_ITEM_KEYS, MULTI_ITEM_KEYS, PERSONA_KEYS, ROOT_KEYS};
pub use rule::Rule;
use std::collections::HashMap;
use std::fmt::Display;

/// Prompt keys of either framework.
const ANY_PROMPT_KEYS: [&str; 5] = ["id", "name", "trigger", "content", "description"];

/// Lints a parsed agent file (the root mapping holding `agent:`) by the
/// rules of `framework`. Issues come in file order; the tree is expected to
/// have passed the loader's checks, but anything else only yields fewer issues.
pub fn lint_agent(root: &Node, framework: Framework) -> Vec<Issue> {
    let mut lint = Lint { framework, ..Lint::default() };
    lint.known_keys(root);
    if let Some(agent) = mapping(root, "agent") {
        lint.agent(agent);
    }
    lint.into_sorted()
}

/// Keys of an agent file that neither framework knows, with "did you mean"
/// where one is a typo: what the default (non-strict) mode reports as
/// `W_UNKNOWN_KEY` warnings. The messages carry no rule name.
pub fn unknown_keys(root: &Node) -> Vec<Issue> {
    let mut lint = Lint { plain: true, framework: Framework::Madace, ..Lint::default() };
    lint.known_keys(root);
    lint.into_sorted()
}

/// The mapping under `key`; anything else is the loader's to report.
fn mapping<'n>(parent: &'n Node, key: &str) -> Option<&'n Node> {
    parent.get(key).filter(|node| node.entries().is_some())
}

/// The text of a string with something besides whitespace.
fn filled(node: &Node) -> Option<&str> {
    node.as_str().filter(|text| !text.trim().is_empty())
}

struct Lint {
    checker: Checker,
    framework: Framework,
    /// Trigger key → where it was first used (path, location).
    triggers: HashMap<String, (String, Location)>,
    /// Messages without the rule's name (warnings outside strict mode).
    plain: bool,
}

impl Default for Lint {
    fn default() -> Self {
        Lint { checker: Checker::default(), framework: Framework::Bmad, triggers: HashMap::new(), plain: false }
    }
}

impl Lint {
    fn report(&mut self, rule: Rule, path: impl Into<String>, at: Location, detail: impl Display) {
        if self.plain {
            self.checker.issue(path, at, detail.to_string());
        } else {
            self.checker.issue(path, at, format!("{detail} [{}]", rule.name()));
        }
    }

    fn into_sorted(self) -> Vec<Issue> {
        let mut issues = self.checker.into_issues();
        crate::sorted::by_position(&mut issues, Issue::position);
        issues
    }

    /// Unknown keys in every mapping whose keys the schema lists; in the
    /// default mode, what either framework knows.
    fn known_keys(&mut self, root: &Node) {
        let f = self.framework;
        let plain = self.plain;
        self.keys(root, "", &ROOT_KEYS);
        let Some(agent) = mapping(root, "agent") else { return };
        self.keys(agent, "agent", f.agent_keys());
        if let Some(metadata) = mapping(agent, "metadata") {
            self.keys(metadata, "agent.metadata", f.metadata_keys());
        }
        if let Some(persona) = mapping(agent, "persona") {
            self.keys(persona, "agent.persona", &PERSONA_KEYS);
        }
        let menu = agent.get("menu").and_then(Node::items).unwrap_or_default();
        for (i, item) in menu.iter().enumerate().filter(|(_, item)| item.entries().is_some()) {
            let allowed: Vec<&str> = match (plain, item.get("multi").is_some()) {
                // Either kind of item of either framework: what the default mode accepts without a warning.
                (true, _) => COMMAND_ITEM_KEYS.iter().chain(&MULTI_ITEM_KEYS[..2]).copied().collect(),
                (false, true) => MULTI_ITEM_KEYS.to_vec(),
                (false, false) => f.command_item_keys().to_vec(),
            };
            self.keys(item, &index("agent.menu", i), &allowed);
        }
        let prompts = agent.get("prompts").and_then(Node::items).unwrap_or_default();
        for (i, prompt) in prompts.iter().enumerate().filter(|(_, p)| p.entries().is_some()) {
            let allowed = if plain { &ANY_PROMPT_KEYS } else { f.prompt_keys() };
            self.keys(prompt, &index("agent.prompts", i), allowed);
        }
    }

    fn agent(&mut self, agent: &Node) {
        if let Some(metadata) = mapping(agent, "metadata") {
            self.metadata(metadata);
        }
        if let Some(persona) = mapping(agent, "persona") {
            for key in ["role", "identity", "communication_style"] {
                self.required_text(Rule::RequiredText, persona, "agent.persona", key);
            }
            self.principles(persona);
        }
        if let Some(actions) = agent.get("critical_actions") {
            self.critical_actions(actions);
        }
        self.menu(agent);
        let prompts = agent.get("prompts").and_then(Node::items).unwrap_or_default();
        for (i, prompt) in prompts.iter().enumerate().filter(|(_, p)| p.entries().is_some()) {
            self.prompt(prompt, &index("agent.prompts", i));
        }
        self.conversational_knowledge(agent);
    }

    fn metadata(&mut self, metadata: &Node) {
        let path = "agent.metadata";
        // `id` too: the loader defaults it to the file name, strict mode wants it written.
        for key in ["id", "name", "title", "icon"] {
            self.required_text(Rule::RequiredText, metadata, path, key);
        }
        for key in ["module", "capabilities"] {
            if let Some(value) = metadata.get(key) {
                self.text(Rule::RequiredText, value, &field(path, key));
            }
        }
        if self.framework == Framework::Bmad {
            match metadata.get("hasSidecar") {
                None => self.report(
                    Rule::HasSidecar,
                    field(path, "hasSidecar"),
                    metadata.at,
                    "required field 'hasSidecar' is missing (BMAD: true when the agent keeps a sidecar folder, else false)",
                ),
                Some(node) if !matches!(node.value, Value::Bool(_)) => {
                    let message = format!("expected true or false, found {}", node.kind());
                    self.report(Rule::HasSidecar, field(path, "hasSidecar"), node.at, message);
                }
                Some(_) => {}
            }
        }
    }

    fn prompt(&mut self, prompt: &Node, p: &str) {
        let required: &[&str] = match self.framework {
            Framework::Bmad => &["id", "content"],
            Framework::Madace => &["name", "trigger", "content"],
        };
        for key in required {
            self.required_text(Rule::PromptFields, prompt, p, key);
        }
        if let Some(description) = prompt.get("description") {
            self.text(Rule::PromptFields, description, &field(p, "description"));
        }
    }

    /// BMAD: `discussion: true` wants the sources to discuss, and a list of them is not empty.
    fn conversational_knowledge(&mut self, agent: &Node) {
        let path = "agent.conversational_knowledge";
        match (agent.get("discussion"), agent.get("conversational_knowledge")) {
            (Some(discussion), None) if matches!(discussion.value, Value::Bool(true)) => self.report(
                Rule::ConversationalKnowledge,
                path,
                discussion.at,
                "'discussion: true' needs 'conversational_knowledge', the sources the agent discusses",
            ),
            (_, Some(knowledge)) if knowledge.items().is_some_and(<[Node]>::is_empty) => self.report(
                Rule::ConversationalKnowledge,
                path,
                knowledge.at,
                "the conversational_knowledge list is empty",
            ),
            _ => {}
        }
    }

    fn keys(&mut self, map: &Node, path: &str, allowed: &[&str]) {
        let place = if path.is_empty() { "the file root" } else { path };
        for e in map.entries().unwrap_or_default().iter().filter(|e| !allowed.contains(&e.key.as_str())) {
            let guess = suggest::did_you_mean(&e.key, allowed.iter().copied());
            let message = format!("unknown key '{}' in {place}{guess} (allowed: {})", e.key, allowed.join(", "));
            self.report(Rule::UnknownKey, field(path, &e.key), e.key_at, message);
        }
    }

    fn required_text(&mut self, rule: Rule, parent: &Node, path: &str, key: &str) {
        match parent.get(key) {
            None => self.report(rule, field(path, key), parent.at, format!("required field '{key}' is missing")),
            Some(value) => self.text(rule, value, &field(path, key)),
        }
    }

    /// `node` must be a string with something besides whitespace.
    fn text(&mut self, rule: Rule, node: &Node, path: &str) {
        if filled(node).is_none() {
            let found = if node.as_str().is_some() { "a blank string" } else { node.kind() };
            self.report(rule, path, node.at, format!("expected a non-empty string, found {found}"));
        }
    }

    fn principles(&mut self, persona: &Node) {
        let path = "agent.persona.principles";
        let Some(principles) = persona.get("principles") else {
            return self.report(Rule::Principles, path, persona.at, "required field 'principles' is missing");
        };
        match principles.items() {
            Some([]) => self.report(Rule::Principles, path, principles.at, "the principles list is empty"),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.text(Rule::Principles, item, &index(path, i));
                }
            }
            None => self.text(Rule::Principles, principles, path),
        }
    }

    fn critical_actions(&mut self, actions: &Node) {
        let path = "agent.critical_actions";
        let Some(items) = actions.items() else {
            let message = format!("expected a list of non-empty strings, found {}", actions.kind());
            return self.report(Rule::CriticalActions, path, actions.at, message);
        };
        for (i, item) in items.iter().enumerate() {
            self.text(Rule::CriticalActions, item, &index(path, i));
        }
    }
}

#[cfg(test)]
mod tests;
