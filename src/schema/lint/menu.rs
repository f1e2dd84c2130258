//! The menu's rules: triggers (format, uniqueness, BMAD's compound form),
//! command targets and `multi` items.

use super::framework::{MULTI_TRIGGER_KEYS, MULTI_TRIGGER_TYPES};
use super::trigger::{self, Trigger, COMPOUND_FORM};
use super::{filled, Framework, Lint, Rule};
use crate::error::Location;
use crate::schema::{field, index};
use crate::yaml::{Entry, Node, Value};

impl Lint {
    pub(super) fn menu(&mut self, agent: &Node) {
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
