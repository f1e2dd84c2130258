//! Edits of every corpus file: each single operation on each of its values
//! (tens of thousands), then random sequences of them; `value_of(edit(text))
//! == apply(value_of(text), ops)`, and the text changes only where they say.
//! And `value_of(stringify(v)) == v` for every corpus value.

#[path = "../examples/fuzz_edit/cases.rs"]
mod cases;
#[path = "../examples/fuzz_yaml/mutate.rs"]
#[allow(dead_code)]
mod mutate;

use madace_core::edit::{self, Options};
use madace_core::kind::Kind;
use std::path::Path;

fn corpus() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus");
    if !shared.is_dir() {
        println!("editing the bundled examples only: {} not found", shared.display());
    }
    cases::corpus(&[shared, root.join("examples/madace")])
}

#[test]
fn every_single_operation_on_every_corpus_file() {
    let files = corpus();
    let (mut written, mut refused, mut failures) = (0, 0, Vec::new());
    for (path, text) in &files {
        let value = edit::value_of(path, text, Options::default()).unwrap();
        for ops in cases::single_operations(&value) {
            match cases::check(path, text, &ops) {
                Ok(true) => written += 1,
                Ok(false) => refused += 1,
                Err(e) => failures.push(e),
            }
        }
        // The same edits on the file with CRLF line ends.
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        for ops in cases::single_operations(&value).into_iter().step_by(7) {
            if let Err(e) = cases::check(path, &crlf, &ops) {
                failures.push(e);
            }
        }
    }
    println!(
        "edits: {} files, {written} single-operation edits written and checked, {refused} refused with a located error, {} failures",
        files.len(),
        failures.len()
    );
    assert!(files.len() >= 10 || !Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").is_dir());
    if let Ok(out) = std::env::var("EDIT_FAILURES") {
        std::fs::write(out, failures.join("\n=====\n")).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n"));
}

#[test]
fn stringify_writes_what_loads_back() {
    let files = corpus();
    for (path, text) in &files {
        let kind = Kind::of(path).unwrap();
        let value = edit::value_of(path, text, Options::default()).unwrap();
        let written = edit::stringify(kind, &value).unwrap();
        let again = edit::value_of(path, &written, Options::default())
            .unwrap_or_else(|e| panic!("{}: {}\n{written}", path.display(), e.full_message()));
        assert_eq!(again, value, "{}:\n{written}", path.display());
    }
    println!("stringify: {} corpus values written and loaded back unchanged", files.len());
}

#[test]
fn random_sequences_of_operations() {
    let files = corpus();
    let mut seeded = mutate::Rng::new(0x5eed);
    let mut rng = |n: usize| seeded.below(n);
    let (mut tried, mut failures) = (0, Vec::new());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while std::time::Instant::now() < deadline && !files.is_empty() {
        let (path, text) = &files[rng(files.len())];
        let value = edit::value_of(path, text, Options::default()).unwrap();
        let ops = cases::random_operations(&value, &mut rng);
        tried += 1;
        if let Err(e) = cases::check(path, text, &ops) {
            failures.push(e);
        }
    }
    println!("edits: {tried} random sequences of operations, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.iter().take(3).cloned().collect::<Vec<_>>().join("\n\n"));
}

#[test]
fn the_yaml_build_edits_yaml_kinds_as_the_full_one_and_refuses_the_others() {
    use madace_core::edit::Edits;
    use madace_core::reach::YamlOnly;
    let (mut yaml, mut refused) = (0, 0);
    for (path, text) in corpus() {
        let Some(kind) = Kind::of(&path) else { continue };
        let value = edit::value_of(&path, &text, Options::default()).unwrap();
        for ops in cases::single_operations(&value).into_iter().step_by(37) {
            let full = edit::edit_text(&path, &text, &Edits::Patch(&ops), Options::default());
            let small = edit::edit_text_in::<YamlOnly>(&path, &text, &Edits::Patch(&ops), Options::default());
            match kind.is_yaml() {
                true => {
                    yaml += 1;
                    let outcome = |r: madace_core::Result<String>| r.map_err(|e| e.to_json());
                    assert_eq!(outcome(small), outcome(full), "{}: {ops}", path.display());
                }
                false => {
                    refused += 1;
                    assert_eq!(small.unwrap_err().code(), "E_NOT_IN_BUILD", "{}", path.display());
                }
            }
        }
        let stringified = edit::stringify_in::<YamlOnly>(kind, &value);
        match kind.is_yaml() {
            true => assert_eq!(stringified.unwrap(), edit::stringify(kind, &value).unwrap()),
            false => assert_eq!(stringified.unwrap_err().code(), "E_NOT_IN_BUILD"),
        }
    }
    println!("the YAML build: {yaml} edits as the full build's, {refused} TOML edits refused");
    assert!(yaml > 100, "{yaml}");
}
