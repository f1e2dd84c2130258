//! Every invalid case of the official YAML test suite gets a message in
//! plain words from madace-core's table (`yaml::syntax`), never the parser's
//! own wording. Prints the table: case, what the parser said, what the user
//! reads.

mod common;

use common::{files, shared};
use madace_core::yaml::{self, syntax};
use saphyr_parser::Parser;
use std::path::{Path, PathBuf};

/// The parser's own wording for `text`, if it refuses it.
fn parser_wording(text: &str) -> Option<String> {
    Parser::new_from_str(text).find_map(|event| event.err()).map(|e| e.info().to_string())
}

#[test]
fn invalid_suite_cases_are_said_in_plain_words() {
    let Some(dir) = shared("yaml-test-suite/data") else { return };
    // A case is a folder with `in.yaml`; an invalid one also holds `error`.
    let cases: Vec<PathBuf> = files(&dir, &|name| name == "error")
        .into_iter()
        .filter_map(|error| Some(error.parent()?.to_path_buf()))
        .filter(|case| case.join("in.yaml").is_file())
        .collect();
    let mut unexplained = Vec::new();
    println!("| case | parser said | madace-core says | at |\n|---|---|---|---|");
    for case in &cases {
        let id = case.strip_prefix(&dir).unwrap().display().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(case.join("in.yaml")).unwrap()).into_owned();
        let err = yaml::parse(&text, "in.yaml").expect_err(&id);
        let said = err.to_string();
        let at = err.location().map_or("-".into(), |at| at.to_string());
        let parser = match parser_wording(&text).filter(|_| err.code() == "E_YAML") {
            // One of madace-core's own checks refused it first (a tag, a duplicate key, a second document…).
            None => format!("(madace-core's own check: {})", err.code()),
            Some(wording) => {
                if !syntax::PARSER_WORDINGS.iter().any(|w| wording.starts_with(w)) || said.contains(&wording) {
                    unexplained.push(format!("{id}: {wording}"));
                }
                wording
            }
        };
        println!("| {id} | {parser} | {said} | {at} |");
    }
    println!("{} invalid cases, {} without a message from the table", cases.len(), unexplained.len());
    assert_eq!(cases.len(), 94);
    assert!(unexplained.is_empty(), "said in the parser's words:\n{}", unexplained.join("\n"));
}

#[path = "../examples/fuzz_yaml/mutate.rs"]
#[allow(dead_code)]
mod mutate;

#[test]
fn mutants_of_real_files_are_said_in_plain_words_too() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let seeds = mutate::seed_files(&[shared.join("corpus"), shared.join("yaml-test-suite/data")]);
    let mut rng = mutate::Rng::new(7);
    let (mut errors, mut unexplained) = (0, std::collections::BTreeSet::new());
    // A fixed sequence of mutants: the same inputs on every run.
    for _ in 0..20_000 {
        let (_, base) = &seeds[rng.below(seeds.len())];
        let text = String::from_utf8_lossy(&mutate::mutate(base, &seeds, &mut rng)).into_owned();
        let Err(err) = yaml::parse(&text, "x.yaml") else { continue };
        if err.code() == "E_YAML" {
            errors += 1;
            if err.to_string().starts_with("YAML syntax error: ") {
                unexplained.insert(err.to_string());
            }
        }
    }
    println!("{errors} syntax errors in 20,000 mutants, {} wordings not in the table", unexplained.len());
    assert!(unexplained.is_empty(), "{unexplained:#?}");
}
