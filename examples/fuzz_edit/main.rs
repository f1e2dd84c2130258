//! The edit fuzzer, for as long as asked:
//!
//!     cargo run --release --example fuzz_edit -- --seconds 1800 [--seed N]
//!
//! Texts: the corpus files madace-core edits (../shared/corpus and the
//! bundled examples), and mutants of them (lines duplicated, dropped,
//! re-indented, CRLF, comments added) that still load. Operations: random
//! sequences of one to four. Each edit must be written and load as the
//! value with the operations applied, with the text changed only where
//! they say, or be refused with a located error; nothing may panic.
//! Failures are saved in target/fuzz-edit/. Exits 1 if any failed.

mod cases;
#[path = "../fuzz_yaml/mutate.rs"]
#[allow(dead_code)]
mod mutate;

use madace_core::edit::{self, Options};
use mutate::Rng;
use std::path::Path;
use std::time::{Duration, Instant};

/// A mutant of `text`: a change of its lines a person might make.
fn mutant(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let i = rng.below(lines.len());
    match rng.below(6) {
        0 => lines.insert(i, format!("{}# a comment 🏷️", " ".repeat(rng.below(6)))),
        1 => lines.insert(i, String::new()),
        2 => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        3 => _ = lines.remove(i),
        4 => lines[i].push_str("  # trailing"),
        _ => return lines.join("\r\n") + "\r\n",
    }
    lines.join("\n") + "\n"
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: u64| mutate::number_flag(&args, flag, default);
    let seconds = value("--seconds", 60);
    let mut rng = Rng::new(value("--seed", 0x5eed));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = cases::corpus(&[root.join("../shared/corpus"), root.join("examples/madace")]);
    println!("fuzzing edits for {seconds} s on {} files", files.len());
    let save = root.join("target/fuzz-edit");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut tried, mut written, mut refused, mut failures) = (0u64, 0u64, 0u64, 0usize);
    let mut last_report = Instant::now();
    while Instant::now() < deadline && !files.is_empty() {
        let (path, original) = &files[rng.below(files.len())];
        let text = if rng.below(2) == 0 { mutant(original, &mut rng) } else { original.clone() };
        let Ok(value) = edit::value_of(path, &text, Options::default()) else { continue };
        let ops = cases::random_operations(&value, &mut |n| rng.below(n));
        tried += 1;
        let outcome = std::panic::catch_unwind(|| cases::check(path, &text, &ops))
            .unwrap_or_else(|_| Err(format!("{}: {ops}: panicked", path.display())));
        match outcome {
            Ok(true) => written += 1,
            Ok(false) => refused += 1,
            Err(message) => {
                failures += 1;
                if failures <= 1000 {
                    let _ = std::fs::create_dir_all(&save);
                    let _ = std::fs::write(
                        save.join(format!("failure-{failures}.txt")),
                        format!("{message}\n--- text\n{text}"),
                    );
                }
            }
        }
        if last_report.elapsed() > Duration::from_secs(60) {
            println!("{tried} edits: {written} written and checked, {refused} refused, {failures} failures");
            last_report = Instant::now();
        }
    }
    println!("fuzz-edit: {tried} edits: {written} written and checked, {refused} refused with a located error, {failures} failures");
    std::process::exit(i32::from(failures > 0));
}
