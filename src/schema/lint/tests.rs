//! Strict lint rule by rule, on both frameworks, and on the corpus.

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
    - name: scope-check
      trigger: "*scope"
      content: Review the scope
"#;

/// Lints as a MADACE file.
fn lint(text: &str) -> Vec<Issue> {
    lint_agent(&parse(text, "t.agent.yaml").unwrap(), Framework::Madace)
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
                "trigger 'Plan Project' is neither kebab-case ('plan-project', '*plan-project') nor compound ('XY or fuzzy match on kebab-name') [trigger-format]"
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
                "trigger 'Chat' in a multi item must be kebab-case ('plan-project') [trigger-format]"
            ),
            issue(
                "agent.menu[2].triggers[1].trigger",
                29,
                20,
                "expected a kebab-case trigger name, found a number [trigger-format]"
            ),
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
    // BMAD's compound form only: the message shows the trigger as BMAD wants it.
    let old_form =
        edit(&[("WS or fuzzy match on workflow-status", "WS or workflow-status or fuzzy match on workflow status")]);
    assert_eq!(
        lint(&old_form),
        [issue(
            "agent.menu[1].trigger",
            21,
            16,
            "trigger 'WS or workflow-status or fuzzy match on workflow status' is not BMAD's compound form 'XY or fuzzy match on kebab-name'; write 'WS or fuzzy match on workflow-status' [trigger-format]"
        )]
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
fn rule_command_target() {
    // Several targets are fine (BMAD pairs `data` with the target it feeds); none is not.
    let text = edit(&[
        (
            "      workflow: plan-project.workflow.yaml\n",
            "      workflow: plan-project.workflow.yaml\n      data: extra.csv\n      action: ''\n",
        ),
        ("      exec: status.md\n", "      data: ''\n"),
    ]);
    assert_eq!(
        lint(&text),
        [
            issue("agent.menu[0].action", 21, 15, "expected a non-empty string, found a blank string [command-target]"),
            issue(
                "agent.menu[1]",
                23,
                7,
                "menu item has no command target (one of: validate-workflow, exec, action, tmpl, data, workflow) [command-target]"
            ),
        ]
    );
    // `workflow` is MADACE's: a BMAD file's only `workflow` is no target.
    let bmad = lint_agent(&parse(BMAD_CLEAN, "t.agent.yaml").unwrap(), Framework::Bmad);
    assert_eq!(bmad, []);
    let workflow = BMAD_CLEAN.replace("      exec: status.md\n", "      workflow: status.yaml\n");
    assert_eq!(
        bmad_lint(&workflow),
        [
            issue(
                "agent.menu[0]",
                17,
                7,
                "menu item has no command target (one of: validate-workflow, exec, action, tmpl, data); 'workflow' is MADACE's, BMAD runs a workflow with 'exec' [command-target]"
            ),
            issue(
                "agent.menu[0].workflow",
                19,
                7,
                "unknown key 'workflow' in agent.menu[0] (allowed: trigger, description, validate-workflow, exec, action, tmpl, data, checklist, document, ide-only, web-only, discussion) [unknown-key]"
            ),
        ]
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
            issue("agent.metadata.name", 3, 11, "expected a non-empty string, found a blank string [required-text]"),
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
        [issue("agent.persona.principles[1]", 15, 9, "expected a non-empty string, found a blank string [principles]")]
    );
    let empty = edit(&[("principles:\n      - Users first\n", "principles: []\n")]);
    assert_eq!(lint(&empty), [issue("agent.persona.principles", 13, 17, "the principles list is empty [principles]")]);
    let blank = edit(&[("principles:\n      - Users first\n", "principles: \"\"\n")]);
    assert_eq!(
        lint(&blank),
        [issue("agent.persona.principles", 13, 17, "expected a non-empty string, found a blank string [principles]")]
    );
    let missing = edit(&[("    principles:\n      - Users first\n", "")]);
    assert_eq!(
        lint(&missing),
        [issue("agent.persona.principles", 10, 5, "required field 'principles' is missing [principles]")]
    );
}

#[test]
fn rule_prompt_fields() {
    let text = edit(&[(
        "      trigger: \"*scope\"\n      content: Review the scope\n",
        "      content: ' '\n      description: ''\n",
    )]);
    assert_eq!(
        lint(&text),
        [
            issue("agent.prompts[0].trigger", 33, 7, "required field 'trigger' is missing [prompt-fields]"),
            issue(
                "agent.prompts[0].content",
                34,
                16,
                "expected a non-empty string, found a blank string [prompt-fields]"
            ),
            issue(
                "agent.prompts[0].description",
                35,
                7,
                "unknown key 'description' in agent.prompts[0] (allowed: name, trigger, content) [unknown-key]"
            ),
            issue(
                "agent.prompts[0].description",
                35,
                20,
                "expected a non-empty string, found a blank string [prompt-fields]"
            ),
        ]
    );
    // BMAD prompts are named by `id`.
    let bmad = BMAD_CLEAN.replace("    - id: scope-check\n", "    - name: scope-check\n");
    assert_eq!(
        bmad_lint(&bmad),
        [
            issue(
                "agent.prompts[0].name",
                25,
                7,
                "unknown key 'name' in agent.prompts[0] (allowed: id, content, description) [unknown-key]"
            ),
            issue("agent.prompts[0].id", 25, 7, "required field 'id' is missing [prompt-fields]"),
        ]
    );
}

#[test]
fn rule_unknown_key() {
    let text = edit(&[
        ("    version: 1.0.0\n", "    version: 1.0.0\n    type: expert\n"),
        ("  critical_actions:", "  webskip: true\n  critical_actions:"),
        ("content: Review the scope", "content: Review the scope\n      id: scope"),
    ]) + "saved_answers: {}\n";
    assert_eq!(
        lint(&text),
        [
            issue(
                "agent.metadata.type",
                9,
                5,
                "unknown key 'type' in agent.metadata (allowed: id, name, title, icon, module, capabilities, hasSidecar, version) [unknown-key]"
            ),
            issue(
                "agent.webskip",
                16,
                3,
                "unknown key 'webskip' in agent (allowed: metadata, persona, critical_actions, menu, prompts, discussion, conversational_knowledge, load_always) [unknown-key]"
            ),
            issue(
                "agent.prompts[0].id",
                38,
                7,
                "unknown key 'id' in agent.prompts[0] (allowed: name, trigger, content) [unknown-key]"
            ),
            issue("saved_answers", 39, 1, "unknown key 'saved_answers' in the file root (allowed: agent) [unknown-key]"),
        ]
    );
    // BMAD's validator has no `version` and no `load_always`.
    let bmad = BMAD_CLEAN.replace("    hasSidecar: false\n", "    hasSidecar: false\n    version: 1.0.0\n")
        + "  load_always: [a.md]\n";
    assert_eq!(
        bmad_lint(&bmad),
        [
            issue(
                "agent.metadata.version",
                9,
                5,
                "unknown key 'version' in agent.metadata (allowed: id, name, title, icon, module, capabilities, hasSidecar) [unknown-key]"
            ),
            issue(
                "agent.load_always",
                29,
                3,
                "unknown key 'load_always' in agent (allowed: metadata, persona, critical_actions, menu, prompts, discussion, conversational_knowledge) [unknown-key]"
            ),
        ]
    );
}

/// A clean BMAD agent, as BMAD's validator wants it.
const BMAD_CLEAN: &str = r#"agent:
  metadata:
    id: analyst
    name: Mary
    title: Business Analyst
    icon: "📊"
    module: bmm
    hasSidecar: false
  persona:
    role: Analyst
    identity: A careful analyst
    communication_style: Plain
    principles: Evidence first
  critical_actions:
    - Load the config
  menu:
    - trigger: WS or fuzzy match on workflow-status
      description: "[WS] Show the workflow status"
      exec: status.md
    - trigger: brainstorm
      description: Brainstorm
      exec: brainstorm.md
      data: ideas.csv
  prompts:
    - id: scope-check
      content: Review the scope
      description: Checks the scope
"#;

/// Lints as a BMAD file.
fn bmad_lint(text: &str) -> Vec<Issue> {
    lint_agent(&parse(text, "t.agent.yaml").unwrap(), Framework::Bmad)
}

#[test]
fn rule_trigger_format_bmad_has_no_star() {
    let text = BMAD_CLEAN.replace("trigger: brainstorm", "trigger: '*brainstorm'");
    assert_eq!(
        bmad_lint(&text),
        [issue(
            "agent.menu[1].trigger",
            20,
            16,
            "trigger '*brainstorm' starts with '*', which BMAD does not allow; write 'brainstorm' [trigger-format]"
        )]
    );
    let madace = lint_agent(&parse(&text, "t").unwrap(), Framework::Madace);
    assert!(madace.iter().all(|i| !i.message.ends_with("[trigger-format]")), "{madace:?}");
}

#[test]
fn rule_has_sidecar() {
    let missing = BMAD_CLEAN.replace("    hasSidecar: false\n", "");
    assert_eq!(
        bmad_lint(&missing),
        [issue(
            "agent.metadata.hasSidecar",
            3,
            5,
            "required field 'hasSidecar' is missing (BMAD: true when the agent keeps a sidecar folder, else false) [has-sidecar]"
        )]
    );
    let text = BMAD_CLEAN.replace("hasSidecar: false", "hasSidecar: 'no'");
    assert_eq!(
        bmad_lint(&text),
        [issue("agent.metadata.hasSidecar", 8, 17, "expected true or false, found a string [has-sidecar]")]
    );
    // MADACE agents have no sidecar folders.
    assert_eq!(lint(CLEAN), []);
}

#[test]
fn rule_required_text_covers_optional_metadata() {
    let text = BMAD_CLEAN
        .replace("module: bmm", "module: ''")
        .replace("    hasSidecar", "    capabilities: ' '\n    hasSidecar");
    assert_eq!(
        bmad_lint(&text),
        [
            issue("agent.metadata.module", 7, 13, "expected a non-empty string, found a blank string [required-text]"),
            issue(
                "agent.metadata.capabilities",
                8,
                19,
                "expected a non-empty string, found a blank string [required-text]"
            ),
        ]
    );
}

#[test]
fn rule_multi_triggers() {
    let text = edit(&[
        ("            - action: converse\n", "            - data: x\n"),
        ("          route: party.md\n", "          route: party.md\n          type: run\n"),
        ("  prompts:\n", "    - multi: \"[X] Nothing\"\n      triggers: []\n  prompts:\n"),
    ]);
    assert_eq!(
        lint(&text),
        [
            issue(
                "agent.menu[2].triggers[0].chat",
                26,
                11,
                "a trigger needs 'route' or 'action' (what it runs) [multi-triggers]"
            ),
            issue(
                "agent.menu[2].triggers[1].type",
                32,
                17,
                "type 'run' is not one of: exec, action, workflow [multi-triggers]"
            ),
            issue("agent.menu[3].triggers", 34, 17, "a multi item needs at least one trigger [multi-triggers]"),
        ]
    );
    let no_input = edit(&[("          input: PM or fuzzy match on party-mode\n", "")]);
    assert_eq!(
        lint(&no_input),
        [issue("agent.menu[2].triggers[1].input", 29, 11, "required field 'input' is missing [multi-triggers]")]
    );
    let shapeless = edit(&[("- chat:\n", "- [chat]\n        - other:\n")]);
    assert_eq!(
        lint(&shapeless)[0],
        issue(
            "agent.menu[2].triggers[0]",
            26,
            11,
            "expected a mapping named by its trigger ('- party-mode: ...') or with a 'trigger' field [multi-triggers]"
        )
    );
}

#[test]
fn rule_conversational_knowledge() {
    let text = BMAD_CLEAN.to_string() + "  discussion: true\n";
    assert_eq!(
        bmad_lint(&text),
        [issue(
            "agent.conversational_knowledge",
            28,
            15,
            "'discussion: true' needs 'conversational_knowledge', the sources the agent discusses [conversational-knowledge]"
        )]
    );
    let with = format!("{text}  conversational_knowledge:\n    - docs: docs/index.md\n");
    assert_eq!(bmad_lint(&with), []);
    let empty = format!("{text}  conversational_knowledge: []\n");
    assert_eq!(
        bmad_lint(&empty),
        [issue(
            "agent.conversational_knowledge",
            29,
            29,
            "the conversational_knowledge list is empty [conversational-knowledge]"
        )]
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
        out.insert(name, lint_agent(&root, Framework::of(&path)));
    }
    Ok(out)
}

/// Issues per rule name, every rule listed (zero counts included).
fn counts<'a>(issues: impl Iterator<Item = &'a Issue>) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<_, _> = Rule::ALL.iter().map(|rule| (rule.name(), 0)).collect();
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
    // BMAD's files are late 2025; BMAD's validator (March 2026) requires
    // `hasSidecar` (since Dec 31, 2025) and knows no `workflow` targets.
    assert_eq!(
        counts(linted.values().flatten()),
        BTreeMap::from([
            ("command-target", 76),
            ("conversational-knowledge", 0),
            ("critical-actions", 0),
            ("has-sidecar", 34),
            ("menu-items", 0),
            ("multi-triggers", 0),
            ("principles", 0),
            ("prompt-fields", 0),
            ("required-text", 2),
            ("trigger-format", 125),
            ("unique-trigger", 0),
            ("unknown-key", 94),
        ])
    );
    let unknown: Vec<_> = linted
        .values()
        .flatten()
        .filter(|i| i.message.starts_with("unknown key"))
        .map(|i| i.field.rsplit('.').next().unwrap_or_default())
        .collect();
    for (key, times) in [("workflow", 77), ("type", 10), ("webskip", 5), ("TODO", 1), ("saved_answers", 1)] {
        assert_eq!(unknown.iter().filter(|k| **k == key).count(), times, "{key}");
    }
    // The MADACE agents follow MADACE's rules: `*` triggers, `workflow` targets, named prompts.
    let clean: Vec<_> = linted.iter().filter(|(_, issues)| issues.is_empty()).map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        clean,
        [
            "madace-method/madace/mam/agents/analyst.agent.yaml",
            "madace-method/madace/mam/agents/architect.agent.yaml",
            "madace-method/madace/mam/agents/dev.agent.yaml",
            "madace-method/madace/mam/agents/pm.agent.yaml",
            "madace-method/madace/mam/agents/sm.agent.yaml",
        ]
    );
    // The message shows the trigger as BMAD wants it.
    let pm = &linted["bmad-method/src/modules/bmm/agents/pm.agent.yaml"];
    assert_eq!(
        pm[2],
        issue(
            "agent.menu[0].trigger",
            22,
            16,
            "trigger 'WS or workflow-status or fuzzy match on workflow status' is not BMAD's compound form 'XY or fuzzy match on kebab-name'; write 'WS or fuzzy match on workflow-status' [trigger-format]"
        )
    );
    assert_eq!(
        pm[1],
        issue(
            "agent.menu[0]",
            22,
            7,
            "menu item has no command target (one of: validate-workflow, exec, action, tmpl, data); 'workflow' is MADACE's, BMAD runs a workflow with 'exec' [command-target]"
        )
    );
    // BMAD pairs `data` (an input file) with the target it feeds: several targets are fine.
    assert!(linted["bmad-method/src/modules/bmm/agents/analyst.agent.yaml"]
        .iter()
        .all(|i| i.field != "agent.menu[2].data"));
    assert_eq!(
        linted["bmad-method/src/modules/bmb/reference/agents/module-examples/security-engineer.agent.yaml"],
        [
            issue(
                "agent.metadata.hasSidecar",
                13,
                5,
                "required field 'hasSidecar' is missing (BMAD: true when the agent keeps a sidecar folder, else false) [has-sidecar]"
            ),
            issue(
                "agent.menu[2]",
                42,
                7,
                "menu item has no command target (one of: validate-workflow, exec, action, tmpl, data) [command-target]"
            ),
            issue(
                "agent.menu[2].TODO",
                43,
                7,
                "unknown key 'TODO' in agent.menu[2] (allowed: trigger, description, validate-workflow, exec, action, tmpl, data, checklist, document, ide-only, web-only, discussion) [unknown-key]"
            ),
        ]
    );
    assert_eq!(
        linted["bmad-method/src/modules/bmb/reference/agents/expert-examples/journal-keeper/journal-keeper.agent.yaml"]
            .iter()
            .map(|i| (i.field.as_str(), i.line, i.column))
            .collect::<Vec<_>>(),
        [("agent.metadata.id", 3, 5), ("agent.metadata.hasSidecar", 3, 5), ("agent.metadata.type", 6, 5)]
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

/// The MADACE examples are clean under MADACE's rules (under BMAD's, their
/// `*` triggers, `workflow` targets and named prompts would not be).
#[test]
fn example_agents() -> Result<(), Box<dyn std::error::Error>> {
    let linted = lint_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace/mam/agents"))?;
    let names: Vec<_> = linted.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["analyst.agent.yaml", "architect.agent.yaml", "dev.agent.yaml", "pm.agent.yaml", "sm.agent.yaml"]
    );
    assert!(linted.values().all(Vec::is_empty), "{linted:?}");
    let pm = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace/mam/agents/pm.agent.yaml");
    let as_bmad = lint_agent(&parse(&std::fs::read_to_string(pm)?, "pm")?, Framework::Bmad);
    assert_eq!(counts(as_bmad.iter())["trigger-format"], 4);
    assert_eq!(counts(as_bmad.iter())["prompt-fields"], 2);
    Ok(())
}
