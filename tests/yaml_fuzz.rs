//! A few seconds of the mutation fuzzer (`examples/fuzz_yaml` runs it for as
//! long as asked): mutants of the corpus, the YAML test suite and snippets
//! either leave the fast path or give exactly the full parser's tree.

#[path = "../examples/fuzz_yaml/mutate.rs"]
#[allow(dead_code)]
mod mutate;

use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn mutants_agree_or_leave_the_fast_path() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.is_dir() {
        println!("fuzzing the snippets only: {} not found", shared.display());
    }
    let seeds = mutate::seed_files(&[shared.join("corpus"), shared.join("yaml-test-suite/data")]);
    let save = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-yaml");
    let (tried, fast, failures) = mutate::run(&seeds, 0x5eed, Instant::now() + Duration::from_secs(3), Some(&save));
    println!("fuzz: {tried} mutants of {} seeds, {fast} took the fast path, {} failures", seeds.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n"));
}
