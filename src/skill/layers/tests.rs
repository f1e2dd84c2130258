//! The merge rules and layer precedence, with BMAD's own test cases
//! (`src/scripts/tests/test_config_utils.py`, `test_resolve_config.py`)
//! ported first, then every rule and error on written fixture trees.

use super::*;
use serde_json::json;
use std::fs;

/// A project root with `_bmad/custom/` and a skill folder `skill`.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let tree = Tree { dir: tempfile::tempdir().unwrap() };
        fs::create_dir_all(tree.root().join("_bmad/custom")).unwrap();
        fs::create_dir_all(tree.skill()).unwrap();
        tree
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn skill(&self) -> PathBuf {
        self.root().join("_bmad/bmm/sample-skill")
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        fs::write(&path, text).unwrap();
        path
    }

    fn defaults(&self, text: &str) -> PathBuf {
        self.write("_bmad/bmm/sample-skill/customize.toml", text)
    }

    fn team(&self, text: &str) -> PathBuf {
        self.write("_bmad/custom/sample-skill.toml", text)
    }

    fn user(&self, text: &str) -> PathBuf {
        self.write("_bmad/custom/sample-skill.user.toml", text)
    }

    fn resolve(&self) -> Result<Merged> {
        merge_layers(skill_layers(&self.skill(), Some(self.root())))
    }
}

// BMAD: test_structural_merge_recurses_appends_and_replaces_keyed_tables
#[test]
fn bmad_merge_recurses_appends_and_replaces_keyed_tables() {
    let tree = Tree::new();
    tree.defaults(
        "plain = [\"base\"]\n[nested]\nkeep = true\nreplace = \"old\"\n[[items]]\nid = \"one\"\nvalue = \"old\"\n",
    );
    tree.team("plain = [\"override\"]\n[nested]\nreplace = \"new\"\n[[items]]\nid = \"one\"\nvalue = \"new\"\n[[items]]\nid = \"two\"\nvalue = \"added\"\n");
    let merged = tree.resolve().unwrap().to_json();
    assert_eq!(merged["nested"], json!({ "keep": true, "replace": "new" }));
    assert_eq!(merged["plain"], json!(["base", "override"]));
    assert_eq!(merged["items"], json!([{ "id": "one", "value": "new" }, { "id": "two", "value": "added" }]));
}

// BMAD: test_non_string_keyed_identifier_is_rejected
#[test]
fn bmad_non_string_keyed_identifier_is_rejected() {
    let tree = Tree::new();
    tree.defaults("[[items]]\nid = \"valid\"\n");
    let team = tree.team("[[items]]\nid = 42\n");
    let err = tree.resolve().unwrap_err();
    assert_eq!((err.code(), err.file()), ("E_SCHEMA", team.display().to_string().as_str()));
    let issue = &err.issues()[0];
    assert_eq!((issue.field.as_str(), issue.line, issue.column), ("items[0].id", 2, 6));
    assert!(issue.message.starts_with("keyed array identifier `id` must be a string, found an integer"), "{issue:?}");
    assert_eq!(issue.layer.as_ref().map(|l| l.name), Some("team"));
}

// BMAD: test_present_malformed_optional_layer_is_rejected
#[test]
fn bmad_present_malformed_optional_layer_is_rejected() {
    let tree = Tree::new();
    tree.defaults("[agent]\n");
    let user = tree.user("[broken\n");
    let err = tree.resolve().unwrap_err();
    assert_eq!(
        (err.code(), err.file(), err.location()),
        ("E_TOML", user.display().to_string().as_str(), Some(Location::new(1, 8)))
    );
}

// BMAD: test_missing_optional_layer_is_empty
#[test]
fn bmad_missing_optional_layer_is_empty() {
    let tree = Tree::new();
    tree.defaults("[agent]\nname = \"A\"\n");
    let merged = tree.resolve().unwrap();
    assert_eq!(merged.present, [true, false, false]);
    assert_eq!(merged.to_json(), json!({ "agent": { "name": "A" } }));
}

// BMAD: test_filesystem_layer_precedence
#[test]
fn bmad_filesystem_layer_precedence() {
    let tree = Tree::new();
    tree.write("_bmad/config.toml", "[value]\norder = \"base-team\"\n");
    tree.write("_bmad/config.user.toml", "[value]\norder = \"base-user\"\n");
    tree.write("_bmad/custom/config.toml", "[value]\norder = \"custom-team\"\n");
    tree.write("_bmad/custom/config.user.toml", "[value]\norder = \"custom-user\"\n");
    tree.defaults("[value]\norder = \"default\"\n");
    tree.team("[value]\norder = \"team\"\n");
    tree.user("[value]\norder = \"user\"\n");
    assert_eq!(merge_layers(config_layers(tree.root())).unwrap().to_json()["value"]["order"], "custom-user");
    assert_eq!(tree.resolve().unwrap().to_json()["value"]["order"], "user");
}

// BMAD: test_resolve_config's full output follows layer precedence
#[test]
fn bmad_central_config_full_output_follows_precedence() {
    let tree = Tree::new();
    tree.write("_bmad/config.toml", "[core]\nname = \"base\"\nkeep = \"yes\"\n");
    tree.write("_bmad/custom/config.user.toml", "[core]\nname = \"user\"\n");
    assert_eq!(
        merge_layers(config_layers(tree.root())).unwrap().to_json()["core"],
        json!({ "name": "user", "keep": "yes" })
    );
    // …and a malformed present layer fails.
    tree.write("_bmad/config.user.toml", "[core\n");
    assert_eq!(merge_layers(config_layers(tree.root())).unwrap_err().code(), "E_TOML");
}

#[test]
fn menus_merge_by_code_in_place_and_append_new_codes() {
    let tree = Tree::new();
    tree.defaults("[agent]\n[[agent.menu]]\ncode = \"PRD\"\nskill = \"bmad-prd\"\n[[agent.menu]]\ncode = \"CE\"\nskill = \"bmad-ce\"\n");
    tree.team(
        "[[agent.menu]]\ncode = \"CE\"\nskill = \"custom-ce\"\n[[agent.menu]]\ncode = \"RC\"\nprompt = \"check\"\n",
    );
    tree.user("[[agent.menu]]\ncode = \"PRD\"\nprompt = \"mine\"\n");
    let menu = tree.resolve().unwrap().to_json()["agent"]["menu"].clone();
    assert_eq!(
        menu,
        json!([{ "code": "PRD", "prompt": "mine" }, { "code": "CE", "skill": "custom-ce" }, { "code": "RC", "prompt": "check" }])
    );
}

#[test]
fn other_arrays_append_base_then_team_then_user() {
    let tree = Tree::new();
    tree.defaults("[agent]\nprinciples = [\"a\"]\n[[agent.mixed]]\ncode = \"X\"\n");
    tree.team("[agent]\nprinciples = [\"b\"]\n[[agent.mixed]]\nid = \"X\"\n");
    tree.user("[agent]\nprinciples = [\"c\"]\n");
    let agent = tree.resolve().unwrap().to_json()["agent"].clone();
    assert_eq!(agent["principles"], json!(["a", "b", "c"]));
    // Items with `code` and items with `id` do not share a key: append.
    assert_eq!(agent["mixed"], json!([{ "code": "X" }, { "id": "X" }]));
}

#[test]
fn scalars_and_shape_changes_take_the_override() {
    let tree = Tree::new();
    tree.defaults("[agent]\nicon = \"📋\"\nrole = \"r\"\nlist = [1]\n");
    tree.team("[agent]\nicon = \"🏥\"\nlist = \"now text\"\n");
    let merged = tree.resolve().unwrap();
    assert_eq!(merged.to_json()["agent"], json!({ "icon": "🏥", "role": "r", "list": "now text" }));
    // Each value remembers the layer that set it.
    let agent = merged.tree.get("agent").unwrap();
    let layer_of = |key: &str| merged.layers[agent.get(key).unwrap().layer].name;
    assert_eq!((layer_of("icon"), layer_of("role"), layer_of("list")), ("team", "defaults", "team"));
}

#[test]
fn an_empty_keyed_identifier_is_rejected_in_its_layer() {
    let tree = Tree::new();
    tree.defaults("[[agent.menu]]\ncode = \"A\"\n");
    tree.user("[[agent.menu]]\ncode = \"\"\n");
    let err = tree.resolve().unwrap_err();
    let issue = &err.issues()[0];
    assert_eq!((issue.field.as_str(), issue.line, issue.column), ("agent.menu[0].code", 2, 8));
    assert!(issue.message.starts_with("keyed array identifier `code` must not be empty"));
    assert_eq!(issue.layer.as_ref().map(|l| l.name), Some("user"));
}

#[test]
fn a_missing_required_layer_and_a_layer_that_is_a_folder_are_errors() {
    let tree = Tree::new();
    let err = tree.resolve().unwrap_err();
    assert_eq!(err.code(), "E_NOT_FOUND");
    assert!(err.file().ends_with("customize.toml"));
    tree.defaults("[agent]\n");
    fs::create_dir(tree.root().join("_bmad/custom/sample-skill.toml")).unwrap();
    assert_eq!(tree.resolve().unwrap_err().code(), "E_NOT_A_FILE");
    assert_eq!(merge_layers(config_layers(tree.root())).unwrap_err().code(), "E_NOT_FOUND");
}

#[test]
fn without_a_project_root_only_the_defaults_count() {
    let tree = Tree::new();
    tree.defaults("[agent]\nicon = \"a\"\n");
    tree.team("[agent]\nicon = \"b\"\n");
    let merged = merge_layers(skill_layers(&tree.skill(), None)).unwrap();
    assert_eq!((merged.layers.len(), merged.to_json()["agent"]["icon"].clone()), (1, json!("a")));
}

#[test]
fn the_project_root_is_the_nearest_folder_with_bmad_or_git() {
    let tree = Tree::new();
    let root = tree.root().canonicalize().unwrap();
    assert_eq!(find_project_root(&tree.skill()), Some(root.clone()));
    fs::create_dir_all(tree.skill().join(".git")).unwrap();
    assert_eq!(find_project_root(&tree.skill()), Some(tree.skill().canonicalize().unwrap()));
}
