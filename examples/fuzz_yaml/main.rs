//! The YAML mutation fuzzer, for as long as asked:
//!
//!     cargo run --release --example fuzz_yaml -- --seconds 1800 [--seed N]
//!
//! Mutates the corpus, the YAML test suite (both from ../shared) and built-in
//! snippets; every mutant must leave the fast path or give exactly the full
//! parser's tree, and neither parser may panic. Failing inputs are saved in
//! target/fuzz-yaml/. Exits 1 if any failed.

mod mutate;

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: u64| mutate::number_flag(&args, flag, default);
    let seconds = value("--seconds", 60);
    let seed = value("--seed", 0x5eed);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    let seeds = mutate::seed_files(&[shared.join("corpus"), shared.join("yaml-test-suite/data")]);
    println!("fuzzing for {seconds} s from {} seeds (seed {seed})", seeds.len());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let save = root.join("target/fuzz-yaml");
    let started = Instant::now();
    let (mut tried, mut fast, mut failures) = (0, 0, Vec::new());
    // Rounds of a minute, each with its own seed, so that progress is printed.
    for round in 0.. {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        let end = deadline.min(now + Duration::from_secs(60));
        let (t, f, mut bad) = mutate::run(&seeds, seed.wrapping_add(round), end, Some(&save));
        tried += t;
        fast += f;
        failures.append(&mut bad);
        println!(
            "{:>6.0} s: {tried} inputs, {fast} took the fast path, {} failures",
            started.elapsed().as_secs_f64(),
            failures.len()
        );
    }
    for failure in failures.iter().take(10) {
        println!("\n{failure}");
    }
    std::process::exit(i32::from(!failures.is_empty()));
}
