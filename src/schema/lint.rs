//! Opt-in strict lint for agent files (`validate --strict`): BMAD's own schema
//! rules, which the loader relaxes so that real files still load. It runs on
//! the raw file tree (before defaults are filled in) and only adds issues.
//! Every message ends with the rule's name in brackets (`[unknown-key]`), so a
//! reader knows which rule fired and tools can count them.

use crate::error::{Issue, Location};
use crate::schema::agent::COMMAND_TARGETS;
use crate::schema::{field, index, suggest, Checker};
use crate::yaml::{Entry, Node};
use std::collections::HashMap;
use std::fmt::Display;

/// Keys allowed at the file root.
pub const ROOT_KEYS: [&str; 1] = ["agent"];
/// Keys allowed in `agent`.
pub const AGENT_KEYS: [&str; 8] = [
    "metadata",
    "persona",
    "critical_actions",
    "menu",
    "prompts",
    "load_always",
    "discussion",
    "conversational_knowledge",
];
/// Keys allowed in `agent.metadata` (`version` is MADACE's, the rest BMAD's).
pub const METADATA_KEYS: [&str; 8] = ["id", "name", "title", "icon", "module", "version", "capabilities", "hasSidecar"];
/// Keys allowed in `agent.persona`.
pub const PERSONA_KEYS: [&str; 4] = ["role", "identity", "communication_style", "principles"];
/// Keys allowed in each `agent.prompts` item.
pub const PROMPT_KEYS: [&str; 3] = ["id", "content", "description"];
/// Keys of a menu item: MADACE's (`workflow`) and those BMAD's own
/// validator allows, command targets and `multi` items included.
pub const MENU_ITEM_KEYS: [&str; 15] = [
    "trigger",
    "description",
    "workflow",
    "exec",
    "action",
    "tmpl",
    "data",
    "validate-workflow",
    "checklist",
    "document",
    "ide-only",
    "web-only",
    "discussion",
    "multi",
    "triggers",
];
/// Prompt keys of either dialect (MADACE prompts have `name` and `trigger`):
/// what the default mode accepts without a warning.
const ANY_PROMPT_KEYS: [&str; 5] = ["id", "name", "trigger", "content", "description"];

/// A trigger name: kebab-case, optionally led by MADACE's `*` (`*plan-project`).
/// Matched by `trigger_name`; BMAD `multi` triggers must be names too.
pub const TRIGGER_PATTERN: &str = r"^\*?[a-z0-9]+(-[a-z0-9]+)*$";
/// BMAD's compound trigger (`WS or fuzzy match on workflow-status`); the item's
/// description must start with the same shortcut in brackets (`[WS] ...`).
/// Matched by `Trigger::parse`.
pub const COMPOUND_PATTERN: &str = r"^([A-Z][A-Z0-9]{0,2}) or fuzzy match on ([a-z0-9]+(-[a-z0-9]+)*)$";

const COMPOUND_SEPARATOR: &str = " or fuzzy match on ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    TriggerFormat,
    UniqueTrigger,
    MenuItems,
    OneCommandTarget,
    RequiredText,
    Principles,
    PromptFields,
    UnknownKey,
    CriticalActions,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::TriggerFormat => "trigger-format",
            Rule::UniqueTrigger => "unique-trigger",
            Rule::MenuItems => "menu-items",
            Rule::OneCommandTarget => "one-command-target",
            Rule::RequiredText => "required-text",
            Rule::Principles => "principles",
            Rule::PromptFields => "prompt-fields",
            Rule::UnknownKey => "unknown-key",
            Rule::CriticalActions => "critical-actions",
        }
    }
}

/// Lints a parsed agent file (the root mapping holding `agent:`). Issues come
/// in file order; the tree is expected to have passed the loader's checks,
/// but anything else only yields fewer issues.
pub fn lint_agent(root: &Node) -> Vec<Issue> {
    let mut lint = Lint::default();
    lint.known_keys(root);
    if let Some(agent) = mapping(root, "agent") {
        lint.agent(agent);
    }
    lint.into_sorted()
}

/// Keys of an agent file that the schema does not know, with "did you mean"
/// where one is a typo: what the default (non-strict) mode reports as
/// `W_UNKNOWN_KEY` warnings. The messages carry no rule name.
pub fn unknown_keys(root: &Node) -> Vec<Issue> {
    let mut lint = Lint { plain: true, ..Lint::default() };
    lint.known_keys(root);
    lint.into_sorted()
}

/// A menu trigger as written.
enum Trigger<'t> {
    /// `plan-project` or `*plan-project`, holding `plan-project`.
    Name(&'t str),
    Compound {
        shortcut: &'t str,
        name: &'t str,
    },
    Invalid,
}

impl<'t> Trigger<'t> {
    fn parse(text: &'t str) -> Self {
        let compound = text.split_once(COMPOUND_SEPARATOR).filter(|(s, n)| is_shortcut(s) && is_kebab(n));
        match (compound, trigger_name(text)) {
            (Some((shortcut, name)), _) => Trigger::Compound { shortcut, name },
            (None, Some(name)) => Trigger::Name(name),
            (None, None) => Trigger::Invalid,
        }
    }

    /// What duplicates are compared by: `*x` as `x`, a compound by its name.
    fn key(&self, text: &'t str) -> &'t str {
        match self {
            Trigger::Name(name) | Trigger::Compound { name, .. } => name,
            Trigger::Invalid => text,
        }
    }
}

/// `[a-z0-9]+(-[a-z0-9]+)*`
fn is_kebab(text: &str) -> bool {
    text.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `[A-Z][A-Z0-9]{0,2}`
fn is_shortcut(text: &str) -> bool {
    match text.as_bytes() {
        [first, rest @ ..] if rest.len() <= 2 => {
            first.is_ascii_uppercase() && rest.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        _ => false,
    }
}

/// The name in a trigger matching `TRIGGER_PATTERN`, without its `*`.
fn trigger_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix('*').unwrap_or(text);
    is_kebab(name).then_some(name)
}

/// The shortcut of a description starting `[XY]`.
fn described_shortcut(description: &str) -> Option<&str> {
    let (shortcut, _) = description.strip_prefix('[')?.split_once(']')?;
    is_shortcut(shortcut).then_some(shortcut)
}

/// The mapping under `key`; anything else is the loader's to report.
fn mapping<'n>(parent: &'n Node, key: &str) -> Option<&'n Node> {
    parent.get(key).filter(|node| node.entries().is_some())
}

/// The text of a string with something besides whitespace.
fn filled(node: &Node) -> Option<&str> {
    node.as_str().filter(|text| !text.trim().is_empty())
}

#[derive(Default)]
struct Lint {
    checker: Checker,
    /// Trigger key → where it was first used (path, location).
    triggers: HashMap<String, (String, Location)>,
    /// Messages without the rule's name (warnings outside strict mode).
    plain: bool,
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

    /// Unknown keys in every mapping whose keys the schema lists.
    fn known_keys(&mut self, root: &Node) {
        self.keys(root, "", &ROOT_KEYS);
        let Some(agent) = mapping(root, "agent") else { return };
        self.keys(agent, "agent", &AGENT_KEYS);
        if let Some(metadata) = mapping(agent, "metadata") {
            self.keys(metadata, "agent.metadata", &METADATA_KEYS);
        }
        if let Some(persona) = mapping(agent, "persona") {
            self.keys(persona, "agent.persona", &PERSONA_KEYS);
        }
        let menu = agent.get("menu").and_then(Node::items).unwrap_or_default();
        for (i, item) in menu.iter().enumerate().filter(|(_, item)| item.entries().is_some()) {
            self.keys(item, &index("agent.menu", i), &MENU_ITEM_KEYS);
        }
        let prompts = agent.get("prompts").and_then(Node::items).unwrap_or_default();
        for (i, prompt) in prompts.iter().enumerate().filter(|(_, p)| p.entries().is_some()) {
            let allowed: &[&str] = if self.plain { &ANY_PROMPT_KEYS } else { &PROMPT_KEYS };
            self.keys(prompt, &index("agent.prompts", i), allowed);
        }
    }

    fn agent(&mut self, agent: &Node) {
        if let Some(metadata) = mapping(agent, "metadata") {
            // `id` too: the loader defaults it to the file name, strict mode wants it written.
            for key in ["id", "name", "title", "icon"] {
                self.required_text(Rule::RequiredText, metadata, "agent.metadata", key);
            }
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
            let p = index("agent.prompts", i);
            self.required_text(Rule::PromptFields, prompt, &p, "id");
            self.required_text(Rule::PromptFields, prompt, &p, "content");
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
        let trigger = Trigger::parse(text);
        match trigger {
            Trigger::Name(_) => {}
            Trigger::Compound { shortcut, .. } => self.shortcut(item, p, shortcut),
            Trigger::Invalid => {
                let message = format!(
                    "trigger '{text}' is neither kebab-case ('plan-project', '*plan-project') \
                     nor compound ('PP or fuzzy match on plan-project')"
                );
                self.report(Rule::TriggerFormat, &path, node.at, message);
            }
        }
        self.unique(trigger.key(text), path, node.at);
    }

    /// A compound trigger's description starts with its shortcut: `[WS] ...`.
    fn shortcut(&mut self, item: &Node, p: &str, shortcut: &str) {
        // A missing or blank description is already a required-text issue.
        let Some((description, text)) = item.get("description").and_then(|d| Some((d, filled(d)?))) else { return };
        let message = match described_shortcut(text) {
            Some(written) if written == shortcut => return,
            Some(written) => {
                format!("description starts with '[{written}]' but the trigger's shortcut is '{shortcut}'")
            }
            None => format!("description must start with '[{shortcut}]', the trigger's shortcut"),
        };
        self.report(Rule::TriggerFormat, field(p, "description"), description.at, message);
    }

    /// BMAD `multi` items: each of `triggers` is `- name: ...` or has a `trigger` field.
    fn multi_item(&mut self, item: &Node, p: &str) {
        self.required_text(Rule::RequiredText, item, p, "multi");
        let list = field(p, "triggers");
        for (j, entry) in item.get("triggers").and_then(Node::items).unwrap_or_default().iter().enumerate() {
            let tp = index(&list, j);
            let (name, path, at) = match (entry.get("trigger"), entry.entries()) {
                (Some(node), _) => (node.as_str().ok_or(node.kind()), field(&tp, "trigger"), node.at),
                (None, Some([only])) => (Ok(only.key.as_str()), tp, only.key_at),
                _ => {
                    let message =
                        "expected a mapping named by its trigger ('- party-mode: ...') or with a 'trigger' field";
                    self.report(Rule::TriggerFormat, tp, entry.at, message);
                    continue;
                }
            };
            let text = match name {
                Ok(text) => text,
                Err(found) => {
                    self.report(
                        Rule::TriggerFormat,
                        path,
                        at,
                        format!("expected a kebab-case trigger name, found {found}"),
                    );
                    continue;
                }
            };
            let key = trigger_name(text).unwrap_or_else(|| {
                let message =
                    format!("trigger '{text}' in a multi item must be kebab-case ('plan-project', '*plan-project')");
                self.report(Rule::TriggerFormat, &path, at, message);
                text
            });
            self.unique(key, path, at);
        }
    }

    /// Exactly one of `COMMAND_TARGETS`, holding a non-empty string.
    fn command_target(&mut self, item: &Node, p: &str) {
        let is_target = |e: &&Entry| COMMAND_TARGETS.contains(&e.key.as_str());
        let targets: Vec<&Entry> = item.entries().unwrap_or_default().iter().filter(is_target).collect();
        match targets.as_slice() {
            [] => {
                let message = format!("menu item has no command target (one of: {})", COMMAND_TARGETS.join(", "));
                self.report(Rule::OneCommandTarget, p, item.at, message);
            }
            [first, second, ..] => {
                let message = format!(
                    "second command target '{}' (the item already has '{}'); keep exactly one",
                    second.key, first.key
                );
                self.report(Rule::OneCommandTarget, field(p, &second.key), second.key_at, message);
            }
            [_] => {}
        }
        for target in targets {
            self.text(Rule::OneCommandTarget, &target.value, &field(p, &target.key));
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
mod tests {
    use super::*;
    use crate::yaml::parse;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    const CLEAN: &str = r#"agent:
  metadata:
    id: pm
    name: PM
    title: Product Manager
    icon: "📋"
    module: mam
    version: 1.0.0
  persona:
    role: Plans the product
    identity: A seasoned product manager
    communication_style: Direct
    principles:
      - Users first
  critical_actions:
    - load-config
  menu:
    - trigger: "*plan-project"
      workflow: plan-project.workflow.yaml
      description: Plan the project
    - trigger: WS or fuzzy match on workflow-status
      exec: status.md
      description: "[WS] Show the workflow status"
    - multi: "[CH] Chat or [PM] Party mode"
      triggers:
        - chat:
            - input: CH or fuzzy match on chat
            - action: converse
        - trigger: party-mode
          input: PM or fuzzy match on party-mode
          route: party.md
  prompts:
    - id: scope-check
      content: Review the scope
"#;

    fn lint(text: &str) -> Vec<Issue> {
        lint_agent(&parse(text, "t.agent.yaml").unwrap())
    }

    /// `CLEAN` with each `(from, to)` replaced once (and checked to be there).
    fn edit(edits: &[(&str, &str)]) -> String {
        edits.iter().fold(CLEAN.to_string(), |text, (from, to)| {
            assert!(text.contains(from), "{from:?} not in CLEAN");
            text.replacen(from, to, 1)
        })
    }

    fn issue(path: &str, line: usize, column: usize, message: &str) -> Issue {
        Issue::new(path, Location::new(line, column), message)
    }

    #[test]
    fn clean_agent_has_no_issues() {
        assert_eq!(lint(CLEAN), []);
    }

    #[test]
    fn hand_matchers_follow_the_documented_patterns() {
        for good in ["a", "plan-project", "*plan-project", "v2-x9"] {
            assert!(trigger_name(good).is_some(), "{good}");
        }
        for bad in ["", "*", "**a", "Plan", "a--b", "-a", "a-", "a_b", "a b"] {
            assert!(trigger_name(bad).is_none(), "{bad}");
        }
        assert!(matches!(Trigger::parse("W or fuzzy match on x"), Trigger::Compound { shortcut: "W", name: "x" }));
        assert!(matches!(Trigger::parse("A1B or fuzzy match on a-b"), Trigger::Compound { shortcut: "A1B", .. }));
        for bad in ["ABCD or fuzzy match on x", "1A or fuzzy match on x", "WS or fuzzy match on x y", "WS or x"] {
            assert!(matches!(Trigger::parse(bad), Trigger::Invalid), "{bad}");
        }
        assert_eq!(described_shortcut("[WS] Status"), Some("WS"));
        assert_eq!(described_shortcut("[ws] Status"), None);
        assert_eq!(described_shortcut("WS Status"), None);
    }

    #[test]
    fn rule_trigger_format() {
        let text = edit(&[
            ("\"*plan-project\"", "Plan Project"),
            ("[WS] Show", "[WT] Show"),
            ("- chat:", "- Chat:"),
            ("trigger: party-mode", "trigger: 5"),
        ]);
        assert_eq!(
            lint(&text),
            [
                issue(
                    "agent.menu[0].trigger",
                    18,
                    16,
                    "trigger 'Plan Project' is neither kebab-case ('plan-project', '*plan-project') nor compound ('PP or fuzzy match on plan-project') [trigger-format]"
                ),
                issue(
                    "agent.menu[1].description",
                    23,
                    20,
                    "description starts with '[WT]' but the trigger's shortcut is 'WS' [trigger-format]"
                ),
                issue(
                    "agent.menu[2].triggers[0]",
                    26,
                    11,
                    "trigger 'Chat' in a multi item must be kebab-case ('plan-project', '*plan-project') [trigger-format]"
                ),
                issue("agent.menu[2].triggers[1].trigger", 29, 20, "expected a kebab-case trigger name, found a number [trigger-format]"),
            ]
        );
        let unbracketed = edit(&[("\"[WS] Show the workflow status\"", "Show the workflow status")]);
        assert_eq!(
            lint(&unbracketed),
            [issue(
                "agent.menu[1].description",
                23,
                20,
                "description must start with '[WS]', the trigger's shortcut [trigger-format]"
            )]
        );
        let shapeless = edit(&[("- chat:\n", "- [chat]\n        - other:\n")]);
        assert_eq!(
            lint(&shapeless)[0],
            issue(
                "agent.menu[2].triggers[0]",
                26,
                11,
                "expected a mapping named by its trigger ('- party-mode: ...') or with a 'trigger' field [trigger-format]"
            )
        );
    }

    #[test]
    fn rule_unique_trigger() {
        let text = edit(&[("- chat:", "- workflow-status:"), ("trigger: party-mode", "trigger: plan-project")]);
        assert_eq!(
            lint(&text),
            [
                issue(
                    "agent.menu[2].triggers[0]",
                    26,
                    11,
                    "trigger 'workflow-status' is already used by agent.menu[1].trigger (line 21) [unique-trigger]"
                ),
                issue(
                    "agent.menu[2].triggers[1].trigger",
                    29,
                    20,
                    "trigger 'plan-project' is already used by agent.menu[0].trigger (line 18) [unique-trigger]"
                ),
            ]
        );
    }

    #[test]
    fn rule_menu_items() {
        let start = CLEAN.find("  menu:").unwrap();
        let end = CLEAN.find("  prompts:").unwrap();
        let empty = format!("{}  menu: []\n{}", &CLEAN[..start], &CLEAN[end..]);
        assert_eq!(lint(&empty), [issue("agent.menu", 17, 9, "the menu has no items [menu-items]")]);
        let missing = format!("{}{}", &CLEAN[..start], &CLEAN[end..]);
        assert_eq!(lint(&missing), [issue("agent.menu", 2, 3, "required field 'menu' is missing [menu-items]")]);
    }

    #[test]
    fn rule_one_command_target() {
        let text = edit(&[
            (
                "      workflow: plan-project.workflow.yaml\n",
                "      workflow: plan-project.workflow.yaml\n      data: extra.csv\n",
            ),
            ("      exec: status.md\n", ""),
        ]);
        assert_eq!(
            lint(&text),
            [
                issue(
                    "agent.menu[0].data",
                    20,
                    7,
                    "second command target 'data' (the item already has 'workflow'); keep exactly one [one-command-target]"
                ),
                issue(
                    "agent.menu[1]",
                    22,
                    7,
                    "menu item has no command target (one of: workflow, exec, action, tmpl, data, validate-workflow) [one-command-target]"
                ),
            ]
        );
        let empty = edit(&[("exec: status.md", "exec: ''")]);
        assert_eq!(
            lint(&empty),
            [issue(
                "agent.menu[1].exec",
                22,
                13,
                "expected a non-empty string, found a blank string [one-command-target]"
            )]
        );
    }

    #[test]
    fn rule_required_text() {
        let text = edit(&[
            ("    id: pm\n", ""),
            ("name: PM", "name: ''"),
            ("role: Plans the product", "role: '  '"),
            ("      description: Plan the project\n", ""),
            ("multi: \"[CH] Chat or [PM] Party mode\"", "multi:"),
        ]);
        assert_eq!(
            lint(&text),
            [
                issue("agent.metadata.id", 3, 5, "required field 'id' is missing [required-text]"),
                issue(
                    "agent.metadata.name",
                    3,
                    11,
                    "expected a non-empty string, found a blank string [required-text]"
                ),
                issue("agent.persona.role", 9, 11, "expected a non-empty string, found a blank string [required-text]"),
                issue("agent.menu[0].description", 17, 7, "required field 'description' is missing [required-text]"),
                issue("agent.menu[2].multi", 22, 12, "expected a non-empty string, found null [required-text]"),
            ]
        );
    }

    #[test]
    fn rule_principles() {
        let blank_item = edit(&[("      - Users first\n", "      - Users first\n      - ''\n")]);
        assert_eq!(
            lint(&blank_item),
            [issue(
                "agent.persona.principles[1]",
                15,
                9,
                "expected a non-empty string, found a blank string [principles]"
            )]
        );
        let empty = edit(&[("principles:\n      - Users first\n", "principles: []\n")]);
        assert_eq!(
            lint(&empty),
            [issue("agent.persona.principles", 13, 17, "the principles list is empty [principles]")]
        );
        let blank = edit(&[("principles:\n      - Users first\n", "principles: \"\"\n")]);
        assert_eq!(
            lint(&blank),
            [issue(
                "agent.persona.principles",
                13,
                17,
                "expected a non-empty string, found a blank string [principles]"
            )]
        );
        let missing = edit(&[("    principles:\n      - Users first\n", "")]);
        assert_eq!(
            lint(&missing),
            [issue("agent.persona.principles", 10, 5, "required field 'principles' is missing [principles]")]
        );
    }

    #[test]
    fn rule_prompt_fields() {
        let text = edit(&[("    - id: scope-check\n      content: Review the scope\n", "    - content: ' '\n")]);
        assert_eq!(
            lint(&text),
            [
                issue("agent.prompts[0].id", 33, 7, "required field 'id' is missing [prompt-fields]"),
                issue(
                    "agent.prompts[0].content",
                    33,
                    16,
                    "expected a non-empty string, found a blank string [prompt-fields]"
                ),
            ]
        );
    }

    #[test]
    fn rule_unknown_key() {
        let text = edit(&[
            ("    version: 1.0.0\n", "    version: 1.0.0\n    type: expert\n"),
            ("  critical_actions:", "  webskip: true\n  critical_actions:"),
            ("content: Review the scope", "content: Review the scope\n      name: scope"),
        ]) + "saved_answers: {}\n";
        assert_eq!(
            lint(&text),
            [
                issue(
                    "agent.metadata.type",
                    9,
                    5,
                    "unknown key 'type' in agent.metadata (allowed: id, name, title, icon, module, version, capabilities, hasSidecar) [unknown-key]"
                ),
                issue(
                    "agent.webskip",
                    16,
                    3,
                    "unknown key 'webskip' in agent (allowed: metadata, persona, critical_actions, menu, prompts, load_always, discussion, conversational_knowledge) [unknown-key]"
                ),
                issue("agent.prompts[0].name", 37, 7, "unknown key 'name' in agent.prompts[0] (allowed: id, content, description) [unknown-key]"),
                issue("saved_answers", 38, 1, "unknown key 'saved_answers' in the file root (allowed: agent) [unknown-key]"),
            ]
        );
    }

    #[test]
    fn rule_critical_actions() {
        let blank = edit(&[("    - load-config\n", "    - load-config\n    - \"\"\n")]);
        assert_eq!(
            lint(&blank),
            [issue(
                "agent.critical_actions[1]",
                17,
                7,
                "expected a non-empty string, found a blank string [critical-actions]"
            )]
        );
        let scalar = edit(&[("critical_actions:\n    - load-config\n", "critical_actions: load-config\n")]);
        assert_eq!(
            lint(&scalar),
            [issue(
                "agent.critical_actions",
                15,
                21,
                "expected a list of non-empty strings, found a string [critical-actions]"
            )]
        );
    }

    #[test]
    fn odd_trees_give_fewer_issues_not_panics() {
        for text in ["agent: 5\n", "- a\n", "agent:\n  metadata: x\n  persona: []\n  menu: {}\n  prompts: [1, x]\n"] {
            assert_eq!(lint(text), [], "{text}");
        }
    }

    fn agent_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                agent_files(&path, out)?;
            } else if path.to_string_lossy().ends_with(".agent.yaml") {
                out.push(path);
            }
        }
        Ok(())
    }

    /// Lints every agent file under `dir`, keyed by path relative to it.
    fn lint_dir(dir: &Path) -> Result<BTreeMap<String, Vec<Issue>>, Box<dyn std::error::Error>> {
        let mut files = Vec::new();
        agent_files(dir, &mut files)?;
        let mut out = BTreeMap::new();
        for path in files {
            let name = path.strip_prefix(dir)?.to_string_lossy().into_owned();
            let root = crate::yaml::parse(&std::fs::read_to_string(&path)?, &name)?;
            out.insert(name, lint_agent(&root));
        }
        Ok(out)
    }

    const RULES: [Rule; 9] = [
        Rule::TriggerFormat,
        Rule::UniqueTrigger,
        Rule::MenuItems,
        Rule::OneCommandTarget,
        Rule::RequiredText,
        Rule::Principles,
        Rule::PromptFields,
        Rule::UnknownKey,
        Rule::CriticalActions,
    ];

    /// Issues per rule name, every rule listed (zero counts included).
    fn counts<'a>(issues: impl Iterator<Item = &'a Issue>) -> BTreeMap<&'static str, usize> {
        let mut counts: BTreeMap<_, _> = RULES.iter().map(|rule| (rule.name(), 0)).collect();
        for issue in issues {
            let rule = issue.message.rsplit_once(" [").map(|(_, rule)| rule.trim_end_matches(']'));
            *rule.and_then(|rule| counts.get_mut(rule)).expect("message ends with a known rule") += 1;
        }
        counts
    }

    #[test]
    fn corpus() -> Result<(), Box<dyn std::error::Error>> {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if !corpus.is_dir() {
            eprintln!("skipped: no corpus at {}", corpus.display());
            return Ok(());
        }
        let linted = lint_dir(&corpus)?;
        assert_eq!(linted.len(), 42);
        assert_eq!(
            counts(linted.values().flatten()),
            BTreeMap::from([
                ("critical-actions", 0),
                ("menu-items", 0),
                ("one-command-target", 4),
                ("principles", 0),
                ("prompt-fields", 1),
                ("required-text", 2),
                ("trigger-format", 125),
                ("unique-trigger", 0),
                // 5 of them in menu items: `type` (4×) and a `TODO` key, which BMAD's validator refuses too.
                ("unknown-key", 19),
            ])
        );
        let menu_keys: Vec<_> = linted
            .values()
            .flatten()
            .filter(|i| i.field.starts_with("agent.menu[") && i.message.starts_with("unknown key"))
            .map(|i| i.field.rsplit('.').next().unwrap_or_default())
            .collect();
        assert_eq!(menu_keys.iter().filter(|k| **k == "type").count(), 4);
        assert_eq!(menu_keys.iter().filter(|k| **k == "TODO").count(), 1);
        let clean: Vec<_> =
            linted.iter().filter(|(_, issues)| issues.is_empty()).map(|(name, _)| name.as_str()).collect();
        // The second security-engineer copy has no TODO item. (The wellness
        // samples' plain menu items carry a `type`, which BMAD does not allow.)
        assert_eq!(
            clean,
            [
                "bmad-method/src/modules/bmb/reference/agents/module-examples/trend-analyst.agent.yaml",
                "bmad-method/src/modules/bmb/workflows/create-agent/data/reference/agents/module-examples/security-engineer.agent.yaml",
                "bmad-method/src/modules/bmb/workflows/create-agent/data/reference/agents/module-examples/trend-analyst.agent.yaml",
                "madace-method/madace/mam/agents/analyst.agent.yaml",
                "madace-method/madace/mam/agents/architect.agent.yaml",
                "madace-method/madace/mam/agents/pm.agent.yaml",
                "madace-method/madace/mam/agents/sm.agent.yaml",
            ]
        );
        // BMAD's snapshot writes compound triggers as 'XY or name or fuzzy match on words'.
        assert_eq!(
            linted["bmad-method/src/modules/bmm/agents/pm.agent.yaml"][0],
            issue(
                "agent.menu[0].trigger",
                22,
                16,
                "trigger 'WS or workflow-status or fuzzy match on workflow status' is neither kebab-case ('plan-project', '*plan-project') nor compound ('PP or fuzzy match on plan-project') [trigger-format]"
            )
        );
        // BMAD pairs `data` (an input file) with the target it feeds.
        assert!(linted["bmad-method/src/modules/bmm/agents/analyst.agent.yaml"].contains(&issue(
            "agent.menu[2].data",
            31,
            7,
            "second command target 'data' (the item already has 'exec'); keep exactly one [one-command-target]"
        )));
        assert_eq!(
            linted["bmad-method/src/modules/bmb/reference/agents/module-examples/security-engineer.agent.yaml"],
            [
                issue(
                    "agent.menu[2]",
                    42,
                    7,
                    "menu item has no command target (one of: workflow, exec, action, tmpl, data, validate-workflow) [one-command-target]"
                ),
                issue(
                    "agent.menu[2].TODO",
                    43,
                    7,
                    "unknown key 'TODO' in agent.menu[2] (allowed: trigger, description, workflow, exec, action, tmpl, data, validate-workflow, checklist, document, ide-only, web-only, discussion, multi, triggers) [unknown-key]"
                ),
            ]
        );
        assert_eq!(
            linted["bmad-method/src/modules/bmb/reference/agents/expert-examples/journal-keeper/journal-keeper.agent.yaml"],
            [
                issue("agent.metadata.id", 3, 5, "required field 'id' is missing [required-text]"),
                issue(
                    "agent.metadata.type",
                    6,
                    5,
                    "unknown key 'type' in agent.metadata (allowed: id, name, title, icon, module, version, capabilities, hasSidecar) [unknown-key]"
                ),
            ]
        );
        let toolsmith = &linted
            ["bmad-method/samples/sample-custom-modules/sample-unitary-module/agents/toolsmith/toolsmith.agent.yaml"];
        assert_eq!(
            toolsmith.last(),
            Some(&issue(
                "saved_answers",
                109,
                1,
                "unknown key 'saved_answers' in the file root (allowed: agent) [unknown-key]"
            ))
        );
        Ok(())
    }

    /// The MADACE examples are clean except that prompts are named by `name`
    /// (not BMAD's `id`) and carry a `trigger`.
    #[test]
    fn example_agents() -> Result<(), Box<dyn std::error::Error>> {
        let linted = lint_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace/mam/agents"))?;
        let names: Vec<_> = linted.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            ["analyst.agent.yaml", "architect.agent.yaml", "dev.agent.yaml", "pm.agent.yaml", "sm.agent.yaml"]
        );
        let found: Vec<_> = linted
            .iter()
            .flat_map(|(name, issues)| issues.iter().map(move |i| (name.as_str(), i.field.as_str(), i.line, i.column)))
            .collect();
        let pm = "pm.agent.yaml";
        assert_eq!(
            found,
            [
                (pm, "agent.prompts[0].name", 49, 7),
                (pm, "agent.prompts[0].id", 49, 7),
                (pm, "agent.prompts[0].trigger", 50, 7),
                (pm, "agent.prompts[1].name", 55, 7),
                (pm, "agent.prompts[1].id", 55, 7),
                (pm, "agent.prompts[1].trigger", 56, 7),
            ]
        );
        assert_eq!(
            linted[pm][..2],
            [
                issue(
                    "agent.prompts[0].name",
                    49,
                    7,
                    "unknown key 'name' in agent.prompts[0] (allowed: id, content, description) [unknown-key]"
                ),
                issue("agent.prompts[0].id", 49, 7, "required field 'id' is missing [prompt-fields]"),
            ]
        );
        Ok(())
    }
}
