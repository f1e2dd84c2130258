//! Opt-in strict lint for agent files (`validate --strict`): the rules of
//! BMAD's own agent validator, which the loader relaxes so that real files
//! still load, with MADACE's conventions for MADACE files (see
//! [`framework`]). It runs on the raw file tree (before defaults are filled
//! in) and only adds issues. Every message ends with the rule's name in
//! brackets (`[unknown-key]`), so a reader knows which rule fired and tools
//! can count them.

pub mod framework;
pub mod trigger;

use crate::error::{Issue, Location};
use crate::schema::{field, index, suggest, Checker};
use crate::yaml::{Entry, Node, Value};
pub use framework::Framework;
use framework::{COMMAND_ITEM_KEYS, MULTI_ITEM_KEYS, MULTI_TRIGGER_KEYS, MULTI_TRIGGER_TYPES, PERSONA_KEYS, ROOT_KEYS};
use std::collections::HashMap;
use std::fmt::Display;
use trigger::{Trigger, COMPOUND_FORM};

/// Prompt keys of either framework.
const ANY_PROMPT_KEYS: [&str; 5] = ["id", "name", "trigger", "content", "description"];

/// The rules, each named at the end of its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Kebab-case triggers (MADACE: a leading `*` allowed), or BMAD's compound
    /// form with the `[XY]` shortcut leading the description.
    TriggerFormat,
    /// No trigger twice in one agent, `multi` triggers included.
    UniqueTrigger,
    /// A menu with at least one item.
    MenuItems,
    /// Each command item runs something: a target holding text (several allowed).
    CommandTarget,
    /// Each `multi` trigger has `input` and `route` or `action`, and a known `type`.
    MultiTriggers,
    /// Required text fields hold text; `module` and `capabilities` too when present.
    RequiredText,
    /// BMAD: `metadata.hasSidecar` is `true` or `false`.
    HasSidecar,
    /// Principles: a non-empty string or a non-empty list of them.
    Principles,
    /// BMAD prompts have `id` and `content`; MADACE ones `name`, `trigger` and `content`.
    PromptFields,
    /// `discussion: true` comes with a non-empty `conversational_knowledge`.
    ConversationalKnowledge,
    /// Only the keys the framework's schema lists.
    UnknownKey,
    /// `critical_actions`: a list of non-empty strings.
    CriticalActions,
}

impl Rule {
    /// Every rule, in the order the README's lint table lists them.
    pub const ALL: [Rule; 12] = [
        Rule::TriggerFormat,
        Rule::UniqueTrigger,
        Rule::MenuItems,
        Rule::CommandTarget,
        Rule::MultiTriggers,
        Rule::RequiredText,
        Rule::HasSidecar,
        Rule::Principles,
        Rule::PromptFields,
        Rule::ConversationalKnowledge,
        Rule::UnknownKey,
        Rule::CriticalActions,
    ];

    /// The rule's name, as messages end with it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::TriggerFormat => "trigger-format",
            Rule::UniqueTrigger => "unique-trigger",
            Rule::MenuItems => "menu-items",
            Rule::CommandTarget => "command-target",
            Rule::MultiTriggers => "multi-triggers",
            Rule::RequiredText => "required-text",
            Rule::HasSidecar => "has-sidecar",
            Rule::Principles => "principles",
            Rule::PromptFields => "prompt-fields",
            Rule::ConversationalKnowledge => "conversational-knowledge",
            Rule::UnknownKey => "unknown-key",
            Rule::CriticalActions => "critical-actions",
        }
    }
}

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
        issues.sort_by_key(Issue::location);
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

    fn menu(&mut self, agent: &Node) {
        let Some(menu) = agent.get("menu") else {
            return self.report(Rule::MenuItems, "agent.menu", agent.at, "required field 'menu' is missing");
        };
        match menu.items() {
            Some([]) => self.report(Rule::MenuItems, "agent.menu", menu.at, "the menu has no items"),
            Some(items) => {
                for (i, item) in items.iter().enumerate().filter(|(_, item)| item.entries().is_some()) {
                    let p = index("agent.menu", i);
                    if item.get("multi").is_some() {
                        self.multi_item(item, &p);
                    } else {
                        self.menu_item(item, &p);
                    }
                }
            }
            None => {}
        }
    }

    fn menu_item(&mut self, item: &Node, p: &str) {
        self.required_text(Rule::RequiredText, item, p, "trigger");
        self.required_text(Rule::RequiredText, item, p, "description");
        self.command_target(item, p);
        let Some((node, text)) = item.get("trigger").and_then(|t| Some((t, filled(t)?))) else { return };
        let path = field(p, "trigger");
        let trigger = Trigger::parse(text, self.framework.allows_star());
        match trigger {
            Trigger::Name(_) => {}
            Trigger::Compound { shortcut, .. } => self.shortcut(item, p, shortcut),
            Trigger::BadCompound => {
                let fix = trigger::corrected_compound(text).map(|t| format!("; write '{t}'")).unwrap_or_default();
                let message = format!("trigger '{text}' is not BMAD's compound form '{COMPOUND_FORM}'{fix}");
                self.report(Rule::TriggerFormat, &path, node.at, message);
            }
            Trigger::Invalid => {
                let message = self.name_problem(text);
                self.report(Rule::TriggerFormat, &path, node.at, message);
            }
        }
        self.unique(trigger.key(text), path, node.at);
    }

    /// Why `text` is not a trigger name, in this framework's words.
    fn name_problem(&self, text: &str) -> String {
        match (self.framework, text.strip_prefix('*')) {
            (Framework::Bmad, Some(rest)) if trigger::is_kebab(rest) => {
                format!("trigger '{text}' starts with '*', which BMAD does not allow; write '{rest}'")
            }
            (Framework::Bmad, _) => {
                format!("trigger '{text}' is neither kebab-case ('plan-project') nor compound ('{COMPOUND_FORM}')")
            }
            (Framework::Madace, _) => format!(
                "trigger '{text}' is neither kebab-case ('plan-project', '*plan-project') nor compound ('{COMPOUND_FORM}')"
            ),
        }
    }

    /// A compound trigger's description starts with its shortcut: `[WS] ...`.
    fn shortcut(&mut self, item: &Node, p: &str, shortcut: &str) {
        // A missing or blank description is already a required-text issue.
        let Some((description, text)) = item.get("description").and_then(|d| Some((d, filled(d)?))) else { return };
        let message = match trigger::described_shortcut(text) {
            Some(written) if written == shortcut => return,
            Some(written) => {
                format!("description starts with '[{written}]' but the trigger's shortcut is '{shortcut}'")
            }
            None => format!("description must start with '[{shortcut}]', the trigger's shortcut"),
        };
        self.report(Rule::TriggerFormat, field(p, "description"), description.at, message);
    }

    /// BMAD `multi` items: each of `triggers` is `- name: [...]`, `- name: {...}`
    /// or has a `trigger` field, and says what the user types (`input`) and
    /// what runs (`route` or `action`).
    fn multi_item(&mut self, item: &Node, p: &str) {
        self.required_text(Rule::RequiredText, item, p, "multi");
        let list = field(p, "triggers");
        let Some(entries) = item.get("triggers").and_then(Node::items) else { return };
        if entries.is_empty() {
            let at = item.get("triggers").map_or(item.at, |t| t.at);
            self.report(Rule::MultiTriggers, &list, at, "a multi item needs at least one trigger");
        }
        for (j, entry) in entries.iter().enumerate() {
            let tp = index(&list, j);
            let (name, path, at) = match (entry.get("trigger"), entry.entries()) {
                (Some(node), _) => {
                    self.keys(entry, &tp, &MULTI_TRIGGER_KEYS);
                    self.trigger_fields(&[entry], &tp, entry.at);
                    (node.as_str().ok_or(node.kind()), field(&tp, "trigger"), node.at)
                }
                (None, Some([only])) => {
                    let fields: Vec<&Node> = match &only.value.value {
                        Value::Seq(items) => items.iter().collect(),
                        _ => vec![&only.value],
                    };
                    self.trigger_fields(&fields, &field(&tp, &only.key), only.key_at);
                    (Ok(only.key.as_str()), tp, only.key_at)
                }
                _ => {
                    let message =
                        "expected a mapping named by its trigger ('- party-mode: ...') or with a 'trigger' field";
                    self.report(Rule::MultiTriggers, tp, entry.at, message);
                    continue;
                }
            };
            let text = match name {
                Ok(text) => text,
                Err(found) => {
                    let message = format!("expected a kebab-case trigger name, found {found}");
                    self.report(Rule::TriggerFormat, path, at, message);
                    continue;
                }
            };
            let key = trigger::name(text, self.framework.allows_star()).unwrap_or_else(|| {
                let message = format!("trigger '{text}' in a multi item must be kebab-case ('plan-project')");
                self.report(Rule::TriggerFormat, &path, at, message);
                text
            });
            self.unique(key, path, at);
        }
    }

    /// A `multi` trigger's fields, in one mapping or spread over a list of
    /// them: `input` and one of `route` / `action` must be there, `type` one of
    /// BMAD's three.
    fn trigger_fields(&mut self, fields: &[&Node], path: &str, at: Location) {
        let find = |key: &str| fields.iter().find_map(|f| f.entry(key));
        match find("input") {
            None => self.report(Rule::MultiTriggers, field(path, "input"), at, "required field 'input' is missing"),
            Some(input) => self.text(Rule::MultiTriggers, &input.value, &field(path, "input")),
        }
        if find("route").is_none() && find("action").is_none() {
            let message = "a trigger needs 'route' or 'action' (what it runs)";
            self.report(Rule::MultiTriggers, path, at, message);
        }
        if let Some(Entry { value, .. }) = find("type") {
            if !value.as_str().is_some_and(|t| MULTI_TRIGGER_TYPES.contains(&t)) {
                let shown = value.as_str().map_or_else(|| value.kind().to_string(), |t| format!("'{t}'"));
                let message = format!("type {shown} is not one of: {}", MULTI_TRIGGER_TYPES.join(", "));
                self.report(Rule::MultiTriggers, field(path, "type"), value.at, message);
            }
        }
    }

    /// At least one command target holding text; BMAD allows several
    /// (`exec` with the `data` it reads). Each but `data` must hold text.
    fn command_target(&mut self, item: &Node, p: &str) {
        let targets = self.framework.command_targets();
        let present: Vec<&Entry> =
            item.entries().unwrap_or_default().iter().filter(|e| targets.contains(&e.key.as_str())).collect();
        if !present.iter().any(|e| filled(&e.value).is_some()) {
            // BMAD's validator dropped `workflow` targets in March 2026 (ee25fcca6).
            let hint = match (self.framework, item.get("workflow")) {
                (Framework::Bmad, Some(_)) => "; 'workflow' is MADACE's, BMAD runs a workflow with 'exec'",
                _ => "",
            };
            let message = format!("menu item has no command target (one of: {}){hint}", targets.join(", "));
            self.report(Rule::CommandTarget, p, item.at, message);
        }
        for target in present.into_iter().filter(|e| e.key != "data") {
            self.text(Rule::CommandTarget, &target.value, &field(p, &target.key));
        }
    }

    fn unique(&mut self, key: &str, path: String, at: Location) {
        let first = self.triggers.get(key).map(|(first, first_at)| format!("{first} (line {})", first_at.line));
        match first {
            Some(first) => {
                self.report(Rule::UniqueTrigger, path, at, format!("trigger '{key}' is already used by {first}"))
            }
            None => {
                self.triggers.insert(key.to_string(), (path, at));
            }
        }
    }
}

#[cfg(test)]
mod tests;
