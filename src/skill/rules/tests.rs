use super::*;
use std::fs;

#[test]
fn rule_ids_are_unique_and_bmad_severities_map_to_ours() {
    for (i, r) in RULES.iter().enumerate() {
        assert!(RULES[..i].iter().all(|o| o.id != r.id), "{} twice", r.id);
        if let Some(bmad) = r.bmad {
            let ours = if matches!(bmad, "CRITICAL" | "HIGH") { Severity::Error } else { Severity::Warning };
            assert_eq!(r.severity, ours, "{}", r.id);
        }
    }
}

#[test]
fn bmad_skills_are_told_by_name_or_tree() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("skills/notes");
    fs::create_dir_all(&dir).unwrap();
    assert!(!is_bmad(&dir, Some("notes")));
    assert!(is_bmad(&dir, Some("bmad-notes")));
    assert!(is_bmad(&root.path().join("src/core-skills/notes"), Some("notes")));
    fs::create_dir(root.path().join("_bmad")).unwrap();
    assert!(is_bmad(&dir, Some("notes")), "a skill of a project with _bmad/");
}

#[test]
fn every_finding_names_a_rule_of_the_catalog_and_is_located() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("bmad-x");
    fs::create_dir_all(dir.join("steps")).unwrap();
    fs::write(
        dir.join("SKILL.md"),
        "---\nname: bmad-y\ndescription: Does x.\nversion: 2\nmetadata: [a]\n---\n\nLoad {installed_path}/a.md; takes 5 min.\n",
    )
    .unwrap();
    fs::write(dir.join("steps/one.md"), "---\nname: one\n---\n").unwrap();
    let found = check(&dir);
    let got: Vec<_> =
        found.iter().map(|f| (f.issue.rule.unwrap(), f.issue.line, f.issue.column, f.file.is_some())).collect();
    assert_eq!(
        got,
        [
            ("SKILL-05", 2, 7, false),
            ("SKILL-06", 3, 14, false),
            ("skill-metadata", 5, 11, false),
            ("skill-frontmatter-key", 4, 1, false),
            ("PATH-02", 8, 7, false),
            ("SEQ-02", 8, 29, false),
            ("STEP-01", 1, 1, true),
            ("STEP-06", 2, 1, true),
        ]
    );
    assert!(found.iter().all(|f| rule(f.issue.rule.unwrap()).is_some()));
    assert!(found.iter().all(|f| f.issue.message.ends_with(&format!("[{}]", f.issue.rule.unwrap()))));
}
