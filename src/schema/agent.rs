//! Agent definition files (`*.agent.yaml`): the MADACE schema, relaxed where
//! real BMAD v6 files differ, and the documented defaults that make every
//! loaded agent carry the fields MADACE apps rely on.

use crate::error::{Issue, Result};
use crate::schema::lint::framework::COMMAND_TARGETS;
use crate::schema::{self, index, Checker, Dialect};
use crate::source;
use crate::yaml::{self, Node, Value};
use std::path::Path;

/// Version given to agents whose metadata has none (BMAD v6 files).
pub const DEFAULT_VERSION: &str = "0.0.0";
/// Module given to agents that name none and sit in no `<module>/agents/` folder.
pub const DEFAULT_MODULE: &str = "custom";

/// A validated agent: the mapping under `agent:`, keys as written, with
/// `persona.principles` as a list and the defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// The validated document, defaults filled in, unknown keys kept.
    pub doc: Node,
}

impl Agent {
    /// A `metadata` field as text.
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.doc.get("metadata")?.get(key)?.as_str()
    }

    /// How many menu items the agent has.
    pub fn menu_len(&self) -> usize {
        self.doc.get("menu").and_then(Node::items).map_or(0, <[Node]>::len)
    }

    /// The agent as JSON (the `agent:` mapping), as the JS API returns it.
    pub fn to_json(&self) -> String {
        self.doc.to_json()
    }
}

/// Reads, parses and validates an agent file.
pub fn load(path: &Path, dialect: Dialect) -> Result<Agent> {
    source::load(path, |text, file| from_text(text, file, Some(path), dialect))
}

/// [`load`], with what `check` finds in the file as written (before
/// defaults): [`lint::unknown_keys`] in the default mode, [`lint::lint_agent`]
/// when strict.
///
/// [`lint::unknown_keys`]: crate::schema::lint::unknown_keys
/// [`lint::lint_agent`]: crate::schema::lint::lint_agent
/// `within`: the folder the file was found in, which it must still be in
/// when read (see [`source::load_in`]).
pub fn load_checked(
    path: &Path,
    within: Option<&Path>,
    dialect: Dialect,
    check: impl FnOnce(&Node) -> Vec<Issue>,
) -> Result<(Agent, Vec<Issue>)> {
    source::load_in(path, within, |text, file| {
        let root = yaml::parse(text, file)?;
        let found = check(&root);
        Ok((from_root(root, file, Some(path), dialect)?, found))
    })
}

/// [`load`], with the file's metadata as opened (see [`source::load_stamped`]).
pub fn load_stamped(path: &Path, within: Option<&Path>, dialect: Dialect) -> Result<(Agent, std::fs::Metadata)> {
    source::load_stamped(path, within, |text, file| from_text(text, file, Some(path), dialect))
}

/// [`load`] for a file that must lie inside `root` (see [`source::load_within`]).
pub fn load_within(path: &Path, root: &Path, dialect: Dialect) -> Result<Agent> {
    source::load_within(path, root, |text, file| from_text(text, file, Some(path), dialect))
}

/// Parses agent YAML given as a string; `filename` is used in errors and
/// for the defaults derived from the file name.
pub fn parse(text: &str, filename: Option<&str>, dialect: Dialect) -> Result<Agent> {
    source::parse(text, filename, |text, file| from_text(text, file, filename.map(Path::new), dialect))
}

fn from_text(text: &str, file: &str, path: Option<&Path>, dialect: Dialect) -> Result<Agent> {
    from_root(yaml::parse(text, file)?, file, path, dialect)
}

/// Validates and normalizes a parsed file (callers that also lint the raw tree).
pub fn from_root(root: Node, file: &str, path: Option<&Path>, dialect: Dialect) -> Result<Agent> {
    if dialect == Dialect::Madace {
        return schema::madace::agent(root, file).map(|doc| Agent { doc });
    }
    let mut checker = Checker::default();
    check(&root, path, &mut checker);
    checker.finish(file)?;
    Ok(normalize(root, path))
}

fn check(root: &Node, path: Option<&Path>, c: &mut Checker) {
    let Some(agent) = schema::wrapped(root, "agent", c) else { return };
    if let Some(metadata) = c.required_map(agent, "agent", "metadata") {
        check_metadata(metadata, path, c);
    }
    if let Some(persona) = c.required_map(agent, "agent", "persona") {
        for key in ["role", "identity", "communication_style"] {
            c.required_string(persona, "agent.persona", key);
        }
        if let Some(principles) = c.required(persona, "agent.persona", "principles") {
            match principles.value {
                Value::Str(_) => {}
                Value::Seq(_) => c.string_list(principles, "agent.persona.principles"),
                _ => c.issue(
                    "agent.persona.principles",
                    principles.at,
                    format!("expected a list of strings or a multi-line string, found {}", principles.kind()),
                ),
            }
        }
    }
    c.optional_string_list(agent, "agent", "critical_actions");
    c.optional_string_list(agent, "agent", "load_always");
    c.optional_bool(agent, "agent", "discussion");
    if let Some(knowledge) = agent.get("conversational_knowledge") {
        for (i, item) in c.list(knowledge, "agent.conversational_knowledge").unwrap_or_default().iter().enumerate() {
            c.map(item, &index("agent.conversational_knowledge", i));
        }
    }
    // Optional, as in the MADACE app's schema (a missing menu is `[]`); `--strict` requires one.
    if let Some(menu) = agent.get("menu").and_then(|menu| c.list(menu, "agent.menu")) {
        for (i, item) in menu.iter().enumerate() {
            check_menu_item(item, &index("agent.menu", i), c);
        }
    }
    if let Some(prompts) = agent.get("prompts") {
        for (i, prompt) in c.list(prompts, "agent.prompts").unwrap_or_default().iter().enumerate() {
            let p = index("agent.prompts", i);
            if c.map(prompt, &p).is_none() {
                continue;
            }
            c.required_string(prompt, &p, "content");
            // MADACE prompts are named by `name`, BMAD ones by `id`.
            if prompt.get("name").is_none() {
                c.required_string(prompt, &p, "id");
            }
            c.optional_string(prompt, &p, "name");
            c.optional_string(prompt, &p, "trigger");
            c.optional_string(prompt, &p, "id");
            c.optional_string(prompt, &p, "description");
        }
    }
}

fn check_metadata(metadata: &Node, path: Option<&Path>, c: &mut Checker) {
    for key in ["name", "title", "icon"] {
        c.required_string(metadata, "agent.metadata", key);
    }
    for key in ["module", "version", "capabilities"] {
        c.optional_string(metadata, "agent.metadata", key);
    }
    c.optional_bool(metadata, "agent.metadata", "hasSidecar");
    if metadata.get("id").is_none() && path.is_none() {
        c.issue(
            "agent.metadata.id",
            metadata.at,
            "required field 'id' is missing (it defaults to the file name, but no filename was given)",
        );
    }
    c.optional_string(metadata, "agent.metadata", "id");
}

fn check_menu_item(item: &Node, p: &str, c: &mut Checker) {
    if c.map(item, p).is_none() {
        return;
    }
    // BMAD `multi` items bundle several triggers under one description line.
    if item.get("multi").is_some() {
        c.required_string(item, p, "multi");
        if let Some(trigger) = item.entry("trigger") {
            let message = "a 'multi' item lists its triggers under 'triggers', so it has no 'trigger' of its own";
            c.issue(schema::field(p, "trigger"), trigger.key_at, message);
        }
        if let Some(triggers) = c.required_list(item, p, "triggers") {
            for (j, entry) in triggers.iter().enumerate() {
                check_multi_trigger(entry, &index(&schema::field(p, "triggers"), j), c);
            }
        }
    } else {
        c.required_string(item, p, "trigger");
        c.required_string(item, p, "description");
    }
    for key in COMMAND_TARGETS.into_iter().chain(["checklist", "document"]) {
        c.optional_string(item, p, key);
    }
    for key in ["ide-only", "web-only", "discussion"] {
        c.optional_bool(item, p, key);
    }
}

/// The fields a trigger of a `multi` item may set, each a string.
const MULTI_TRIGGER_FIELDS: [&str; 6] = ["input", "route", "action", "data", "description", "type"];

/// One trigger of a BMAD `multi` item, in one of BMAD's three forms:
/// `{ trigger: name, input, route, … }`, `{ name: { input, route, … } }` or
/// `{ name: [{ input }, { route }, …] }`.
fn check_multi_trigger(entry: &Node, p: &str, c: &mut Checker) {
    let Some(entries) = c.map(entry, p) else { return };
    let fields = |node: &Node, path: &str, c: &mut Checker| {
        for key in MULTI_TRIGGER_FIELDS {
            c.optional_string(node, path, key);
        }
    };
    if entry.get("trigger").is_some() {
        c.required_string(entry, p, "trigger");
        fields(entry, p, c);
        return;
    }
    let [named] = entries else {
        let message = "expected a mapping named by its trigger ('- party-mode: ...') or with a 'trigger' field";
        c.issue(p, entry.at, message);
        return;
    };
    let path = schema::field(p, &named.key);
    match &named.value.value {
        Value::Map(_) => fields(&named.value, &path, c),
        Value::Seq(items) => {
            for (k, item) in items.iter().enumerate() {
                let item_path = index(&path, k);
                if c.map(item, &item_path).is_some() {
                    fields(item, &item_path, c);
                }
            }
        }
        _ => c.issue(
            path,
            named.value.at,
            format!("expected the trigger's fields as a mapping or a list, found {}", named.value.kind()),
        ),
    }
}

/// Applies the documented defaults; only called on a tree that passed `check`.
fn normalize(root: Node, path: Option<&Path>) -> Agent {
    let mut doc = schema::unwrap(root, "agent");
    if let Some(persona) = doc.get_mut("persona") {
        if let Some(principles) = persona.get_mut("principles") {
            if let Value::Str(text) = &principles.value {
                let at = principles.at;
                principles.value =
                    Value::Seq(split_principles(text).map(|line| Node::new(Value::Str(line.into()), at)).collect());
            }
        }
    }
    let metadata = doc.get_mut("metadata").expect("checked: metadata is present");
    let defaults = [
        ("id", path.map(file_stem)),
        ("module", Some(path.and_then(module_from_path).unwrap_or(DEFAULT_MODULE.to_string()))),
        ("version", Some(DEFAULT_VERSION.to_string())),
    ];
    for (key, default) in defaults {
        if let (None, Some(value)) = (metadata.get(key), default) {
            metadata.insert(key, Value::Str(value.into()));
        }
    }
    for key in ["menu", "prompts"] {
        if doc.get(key).is_none() {
            doc.insert(key, Value::Seq(Vec::new()));
        }
    }
    Agent { doc }
}

/// A principles string becomes its non-empty lines, list markers removed.
pub fn split_principles(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(strip_marker).filter(|line| !line.is_empty()).map(str::to_string)
}

fn strip_marker(line: &str) -> &str {
    let line = line.trim();
    let after_bullet = line.strip_prefix(['-', '*', '+', '•']);
    let after_number = line
        .find(['.', ')'])
        .filter(|&i| i > 0 && line[..i].chars().all(|c| c.is_ascii_digit()))
        .map(|i| &line[i + 1..]);
    match after_bullet.or(after_number) {
        Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

/// `pm.agent.yaml` → `pm`.
fn file_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    [".agent.yaml", ".agent.yml", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name)
        .to_string()
}

/// The folder holding the nearest `agents/` ancestor: `mam/agents/pm.agent.yaml` → `mam`.
fn module_from_path(path: &Path) -> Option<String> {
    let parts: Vec<_> = path.parent()?.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    let agents = parts.iter().rposition(|p| p == "agents")?;
    let module = parts.get(agents.checked_sub(1)?)?;
    (!module.is_empty() && module != "." && module != "/").then(|| module.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_missing_menu_is_empty() {
        let agent = parse(&MINIMAL.replace("  menu: []\n", ""), Some("a.agent.yaml"), Dialect::Any).unwrap();
        assert_eq!(agent.doc.get("menu").and_then(Node::items).map(<[Node]>::len), Some(0));
        assert_eq!(agent.menu_len(), 0);
        let e = parse(&MINIMAL.replace("  menu: []\n", "  menu: 3\n"), Some("a.agent.yaml"), Dialect::Any).unwrap_err();
        assert_eq!(e.issues()[0].message, "expected a list, found a number");
    }

    use super::*;
    use crate::error::{Issue, Location};

    const MINIMAL: &str = "agent:\n  metadata:\n    name: A\n    title: T\n    icon: x\n  persona:\n    role: r\n    identity: i\n    communication_style: c\n    principles: p\n  menu: []\n";

    #[test]
    fn defaults_come_from_the_path() {
        let a = parse(MINIMAL, Some("x/bmm/agents/pm.agent.yaml"), Dialect::Any).unwrap();
        assert_eq!(a.metadata("id"), Some("pm"));
        assert_eq!(a.metadata("module"), Some("bmm"));
        assert_eq!(a.metadata("version"), Some(DEFAULT_VERSION));
        assert_eq!(a.doc.get("prompts").unwrap().to_json(), "[]");
        let nested = parse(MINIMAL, Some("cis/agents/storyteller/storyteller.agent.yaml"), Dialect::Any).unwrap();
        assert_eq!(nested.metadata("module"), Some("cis"));
        assert_eq!(
            parse(MINIMAL, Some("loose.agent.yaml"), Dialect::Any).unwrap().metadata("module"),
            Some(DEFAULT_MODULE)
        );
    }

    #[test]
    fn id_needs_a_filename_when_absent() {
        let e = parse(MINIMAL, None, Dialect::Any).unwrap_err();
        assert_eq!(e.code(), "E_SCHEMA");
        assert_eq!(e.issues()[0].field, "agent.metadata.id");
        assert_eq!(e.issues()[0].location(), Location::new(3, 5));
    }

    #[test]
    fn principles_string_becomes_lines() {
        let lines: Vec<_> =
            split_principles("- one\n\n  * two\n3. three\n+four\nplain line\n-1 is a number\n").collect();
        assert_eq!(lines, ["one", "two", "three", "+four", "plain line", "-1 is a number"]);
    }

    #[test]
    fn every_issue_is_reported_at_once() {
        let text = "agent:\n  metadata:\n    name: A\n    title: 5\n  persona:\n    role: r\n    identity: i\n    communication_style: c\n    principles: 5\n  menu:\n    - trigger: a\n      description: d\n    - trigger: b\n    - nope\n";
        let e = parse(text, Some("a.agent.yaml"), Dialect::Any).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
        assert_eq!(
            got,
            [
                ("agent.metadata.icon", 3, 5),
                ("agent.metadata.title", 4, 12),
                ("agent.persona.principles", 9, 17),
                ("agent.menu[1].description", 13, 7),
                ("agent.menu[2]", 14, 7),
            ]
        );
        assert_eq!(
            e.issues()[2],
            Issue::new(
                "agent.persona.principles",
                Location::new(9, 17),
                "expected a list of strings or a multi-line string, found a number"
            )
        );
    }

    #[test]
    fn unknown_keys_are_kept_everywhere() {
        let text = MINIMAL.replace("    icon: x\n", "    icon: x\n    extra_meta: 1\n").replace("  menu: []\n", "  menu:\n    - trigger: t\n      description: d\n      ide-only: true\n  custom: {a: 1}\nsaved_answers: {}\n");
        let a = parse(&text, Some("z.agent.yaml"), Dialect::Any).unwrap();
        let json: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
        assert_eq!(json["metadata"]["extra_meta"], 1);
        assert_eq!(json["menu"][0]["ide-only"], true);
        assert_eq!(json["custom"]["a"], 1);
        assert_eq!(json["saved_answers"], serde_json::json!({}));
        let keys: Vec<_> = a.doc.entries().unwrap().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["metadata", "persona", "menu", "custom", "saved_answers", "prompts"]);
    }

    #[test]
    fn the_madace_dialect_checks_and_returns_as_the_apps_zod_schema() {
        let text = MINIMAL.replace("  menu: []\n", "  menu:\n    - multi: '[CH] Chat'\n      triggers: []\n    - trigger: '*help'\n  prompts:\n    - id: p1\n      content: c\n");
        assert!(parse(&text, Some("a.agent.yaml"), Dialect::Any).is_err());
        let e = parse(&text, Some("a.agent.yaml"), Dialect::Madace).unwrap_err();
        let got: Vec<_> = e.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
        assert_eq!(
            got,
            [
                ("agent.metadata.id", 3, 5),
                ("agent.persona.principles", 10, 17),
                ("agent.menu[0].description", 12, 7),
                ("agent.menu[0].trigger", 13, 7),
                ("agent.menu[1].description", 14, 7),
                ("agent.prompts[0].name", 16, 7),
                ("agent.prompts[0].trigger", 16, 7),
            ]
        );
        let text = "agent:\n  metadata: {id: a, name: A, title: T, icon: x, secret: s}\n  persona: {role: r, identity: i, communication_style: c, principles: [p], extra: 1}\n  menu:\n    - {description: d, trigger: t, model: m}\n  custom: 1\nsaved_answers: {}\n";
        let a = parse(text, Some("a.agent.yaml"), Dialect::Madace).unwrap();
        assert_eq!(
            a.to_json(),
            r#"{"metadata":{"id":"a","name":"A","title":"T","icon":"x"},"persona":{"role":"r","identity":"i","communication_style":"c","principles":["p"]},"menu":[{"trigger":"t","description":"d"}]}"#
        );
    }
}
