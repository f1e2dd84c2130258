//! BMAD 6.11's own skills (../shared/corpus/bmad-method-6.11, read in
//! place): every skill with a customize.toml loads with its SKILL.md, every
//! agent skill resolves to a valid agent, and team / user layers written
//! here merge onto the real defaults with errors located in their layer.

mod common;

use madace_core::skill;
use serde_json::json;
use std::fs;
use std::path::Path;

#[test]
fn every_bmad_6_11_skill_loads() {
    let Some(corpus) = common::shared("corpus/bmad-method-6.11/src") else { return };
    let files = common::files(&corpus, &|name| name == "customize.toml");
    assert_eq!(files.len(), 35);
    let (mut agents, mut workflows) = (Vec::new(), 0);
    for file in &files {
        let dir = file.parent().unwrap();
        // No project around the corpus: the defaults alone.
        let loaded = skill::load(dir, Some(Path::new("/nonexistent-project"))).unwrap();
        assert_eq!(loaded.frontmatter.get("name").and_then(|n| n.as_str()), dir.file_name().and_then(|n| n.to_str()));
        match loaded.kind() {
            "agent" => agents.push(skill::load_agent(dir, Some(Path::new("/nonexistent-project"))).unwrap()),
            "workflow" => workflows += 1,
            other => panic!("{}: kind {other}", dir.display()),
        }
    }
    println!(
        "BMAD 6.11 skills: {} customize.toml, {} agents, {workflows} workflows, all loaded",
        files.len(),
        agents.len()
    );
    assert_eq!((agents.len(), workflows), (5, 30));
    let names: Vec<_> = agents.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Mary", "Winston", "Amelia", "John", "Sally"]);
    assert!(agents.iter().all(|a| !a["menu"].as_array().unwrap().is_empty()));
}

#[test]
fn team_and_user_layers_merge_onto_the_real_pm_and_errors_name_their_layer() {
    let Some(corpus) = common::shared("corpus/bmad-method-6.11/src") else { return };
    let project = tempfile::tempdir().unwrap();
    let root = project.path();
    let custom = root.join("_bmad/custom");
    fs::create_dir_all(&custom).unwrap();
    // The skill as BMAD's installer lays it out, its two files read from the corpus.
    let skill_dir = root.join(".claude/skills/bmad-agent-pm");
    fs::create_dir_all(&skill_dir).unwrap();
    for name in ["SKILL.md", "customize.toml"] {
        fs::copy(corpus.join("bmm-skills/agents/bmad-agent-pm").join(name), skill_dir.join(name)).unwrap();
    }
    fs::write(custom.join("bmad-agent-pm.toml"), "[agent]\nicon = \"🏥\"\nprinciples = [\"Ship nothing that fails an audit.\"]\n\n[[agent.menu]]\ncode = \"CE\"\ndescription = \"Create epics our way\"\nskill = \"custom-create-epics\"\n\n[[agent.menu]]\ncode = \"RC\"\ndescription = \"Compliance pre-check\"\nprompt = \"Read the checklist\"\n").unwrap();
    fs::write(custom.join("bmad-agent-pm.user.toml"), "[agent]\npersistent_facts = [\"I like estimates.\"]\n").unwrap();
    let agent = skill::load_agent(&skill_dir, None).unwrap();
    assert_eq!(agent["icon"], "🏥");
    assert_eq!(agent["principles"].as_array().unwrap().last().unwrap(), "Ship nothing that fails an audit.");
    assert_eq!(agent["principles"].as_array().unwrap().len(), 4);
    assert_eq!(agent["persistent_facts"], json!(["I like estimates."]));
    let codes: Vec<_> = agent["menu"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["PRD", "CE", "IR", "CC", "RC"]);
    assert_eq!(agent["menu"][1]["skill"], "custom-create-epics");

    // A team item with both `skill` and `prompt`, and a user value of the wrong type.
    fs::write(
        custom.join("bmad-agent-pm.toml"),
        "[[agent.menu]]\ncode = \"RC\"\ndescription = \"Compliance\"\nskill = \"x\"\nprompt = \"y\"\n",
    )
    .unwrap();
    fs::write(custom.join("bmad-agent-pm.user.toml"), "[agent]\nicon = 7\n").unwrap();
    let err = skill::load_agent(&skill_dir, None).unwrap_err();
    assert_eq!(err.code(), "E_SCHEMA");
    let got: Vec<_> =
        err.issues().iter().map(|i| (i.layer.as_ref().unwrap().name, i.field.as_str(), i.line, i.column)).collect();
    assert_eq!(got, [("team", "agent.menu[4].prompt", 5, 10), ("user", "agent.icon", 2, 8)]);
    let team = err.issues()[0].layer.as_ref().unwrap();
    assert_eq!(Path::new(&team.path), custom.join("bmad-agent-pm.toml"));
    assert_eq!(err.file(), team.path);
}

#[test]
fn duplicate_codes_and_items_without_a_target_are_located_in_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let skill_dir = dir.path().join("bmad-agent-x");
    fs::create_dir_all(&skill_dir).unwrap();
    let defaults = skill_dir.join("customize.toml");
    fs::write(&defaults, "[agent]\nname = \"X\"\ntitle = \"T\"\n[[agent.menu]]\ncode = \"A\"\ndescription = \"a\"\nskill = \"s\"\n[[agent.menu]]\ncode = \"A\"\ndescription = \"again\"\n").unwrap();
    let err = skill::load_agent(&skill_dir, Some(dir.path())).unwrap_err();
    let got: Vec<_> = err
        .issues()
        .iter()
        .map(|i| (i.layer.as_ref().unwrap().name, i.field.as_str(), i.line, i.column, i.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("defaults", "agent.menu[1]", 8, 1, "a menu item needs exactly one of 'skill' (a skill to invoke) or 'prompt' (text to run); it has neither"),
            ("defaults", "agent.menu[1].code", 9, 8, "code 'A' is already used by another menu item (line 5)"),
        ]
    );
    assert_eq!(Path::new(err.file()), defaults);
}
