//! The fast path against the full parser: for every case of the official YAML
//! test suite and every real definition file in `../shared/corpus`, whenever
//! the fast path accepts, its tree (values, key order, every line and column)
//! equals the full parser's. Prints how many files take the fast path.

mod common;

use common::{files, shared};
use madace_core::yaml::{fast, full, Node};

/// Debug text compares NaN equal to NaN, which `PartialEq` does not.
fn same(a: &Node, b: &Node) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Whether the fast path took `text`; a difference from the full parser is
/// added to `wrong`.
fn check(name: &str, text: &str, wrong: &mut Vec<String>) -> bool {
    let Some(fast) = fast::parse(text) else { return false };
    match full::parse(text, name) {
        Ok(full) if same(&fast, &full) => {}
        Ok(full) => wrong.push(format!("{name}: the fast path differs\nfast: {fast:?}\nfull: {full:?}")),
        Err(e) => {
            wrong.push(format!("{name}: the fast path accepted what the full parser refuses: {e}\nfast: {fast:?}"))
        }
    }
    true
}

#[test]
fn corpus_files_take_the_fast_path_with_identical_trees() {
    let Some(dir) = shared("corpus") else { return };
    let yaml = files(&dir, &|n| n.ends_with(".yaml") || n.ends_with(".yml"));
    let (mut fast_files, mut agents, mut fast_agents) = (0, 0, 0);
    let (mut fell_back, mut wrong) = (Vec::new(), Vec::new());
    for path in &yaml {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        let took = check(&name, &text, &mut wrong);
        let agent = name.ends_with(".agent.yaml");
        agents += usize::from(agent);
        fast_files += usize::from(took);
        fast_agents += usize::from(took && agent);
        if !took {
            fell_back.push(name);
        }
    }
    println!("fast path: {fast_files} of {} corpus YAML files, {fast_agents} of {agents} agents", yaml.len());
    for name in &fell_back {
        println!("  full parser: {name}");
    }
    assert!(wrong.is_empty(), "{} files differ:\n{}", wrong.len(), wrong.join("\n"));
    assert!(fast_agents + 2 >= agents, "{fast_agents} of {agents} agents take the fast path");
    assert!(fast_files * 10 >= yaml.len() * 9, "{fast_files} of {} files take the fast path", yaml.len());
}

#[test]
fn yaml_test_suite_cases_agree_whenever_the_fast_path_accepts() {
    let Some(dir) = shared("yaml-test-suite/data") else { return };
    let cases = files(&dir, &|n| n == "in.yaml");
    let (mut took, mut wrong) = (0, Vec::new());
    for path in &cases {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let id = path.parent().unwrap().strip_prefix(&dir).unwrap().display().to_string();
        took += usize::from(check(&id, &text, &mut wrong));
    }
    println!("fast path: {took} of {} YAML test suite cases (the rest go to the full parser)", cases.len());
    assert!(wrong.is_empty(), "{} cases differ:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn corpus_json_text_is_ascii_and_reads_back_as_the_tree() {
    let Some(dir) = shared("corpus") else { return };
    let yaml = files(&dir, &|n| n.ends_with(".yaml") || n.ends_with(".yml"));
    for path in &yaml {
        let Ok(tree) = madace_core::yaml::parse(&std::fs::read_to_string(path).unwrap(), "f") else { continue };
        let text = tree.to_json();
        assert!(text.is_ascii(), "{}", path.display());
        // serde's view of the same tree (the Serialize impl the project results use).
        let expected = serde_json::to_value(&tree).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), expected, "{}", path.display());
    }
}
