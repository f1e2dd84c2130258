//! Rust-only timings of the work `npm run bench` measures through Node, so
//! the cost of the boundary (N-API call, JSON text → JS string, JSON.parse)
//! can be told apart from the core's own work. No harness, no criterion: a
//! plain binary that times with `Instant` and reports medians.
//!
//! ```sh
//! cargo bench --bench core -- [--json] [--iters N] [CORPUS_DIR [DIR_200]]
//! ```
//!
//! Per-file numbers are the median over the corpus files of each file's
//! median over N iterations (the same method as bench/run.js). `DIR_200` is
//! a folder of agent files (bench/run.js makes 200 copies of the corpus).

use madace_core::kind::Kind;
use madace_core::project::{cache, discover};
use madace_core::schema::{agent, Dialect};
use madace_core::{source, yaml};
use saphyr_parser::Parser;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median over files of the per-file median time (µs) of `f`, run `iters`
/// times after a short warm-up; `before` runs untimed before each call.
fn per_file<T>(files: &[PathBuf], iters: usize, mut before: impl FnMut(), mut f: impl FnMut(&Path) -> T) -> f64 {
    let per: Vec<f64> = files
        .iter()
        .map(|p| {
            for _ in 0..iters.div_ceil(10) {
                before();
                black_box(f(p));
            }
            let times = (0..iters)
                .map(|_| {
                    before();
                    let t = Instant::now();
                    black_box(f(p));
                    t.elapsed().as_secs_f64() * 1e6
                })
                .collect();
            median(times)
        })
        .collect();
    median(per)
}

/// Like `per_file`, for calls too short to time one by one: the mean of a
/// batch of `batch` calls, median over `iters` batches and then over files.
fn per_file_batched<T>(files: &[PathBuf], iters: usize, batch: usize, mut f: impl FnMut(&Path) -> T) -> f64 {
    let per: Vec<f64> = files
        .iter()
        .map(|p| {
            black_box(f(p));
            let times = (0..iters)
                .map(|_| {
                    let t = Instant::now();
                    for _ in 0..batch {
                        black_box(f(p));
                    }
                    t.elapsed().as_secs_f64() * 1e6 / batch as f64
                })
                .collect();
            median(times)
        })
        .collect();
    median(per)
}

/// CPU time (ms) used so far by this process, all threads (Linux; None elsewhere).
fn process_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

/// CPU ms per wall ms over `runs` runs of `f`: about 2 when two threads really run at once.
fn cpu_per_wall<T>(runs: usize, mut before: impl FnMut(), mut f: impl FnMut() -> T) -> Option<f64> {
    let (mut wall, cpu0) = (0.0, process_cpu_ms()?);
    for _ in 0..runs {
        before();
        let t = Instant::now();
        black_box(f());
        wall += t.elapsed().as_secs_f64() * 1e3;
    }
    Some((process_cpu_ms()? - cpu0) / wall)
}

/// Median wall time (ms) of `runs` runs of `f`, `before` untimed before each.
fn runs_ms<T>(runs: usize, mut before: impl FnMut(), mut f: impl FnMut() -> T) -> f64 {
    before();
    black_box(f());
    let times = (0..runs)
        .map(|_| {
            before();
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(times)
}

fn main() {
    let mut json = false;
    let mut iters = 200usize;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--iters" => iters = args.next().and_then(|n| n.parse().ok()).expect("--iters N"),
            "--bench" => {} // added by `cargo bench`
            other if other.starts_with("--") => {}
            other => positional.push(PathBuf::from(other)),
        }
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = positional.first().cloned().unwrap_or_else(|| {
        let shared = manifest.join("../shared/corpus");
        if shared.is_dir() {
            shared
        } else {
            manifest.join("examples/madace")
        }
    });
    let files = discover::files_of_kind(&corpus, Kind::Agent).expect("corpus folder");
    assert!(!files.is_empty(), "no *.agent.yaml under {}", corpus.display());
    let texts: Vec<(PathBuf, String)> =
        files.iter().map(|p| (p.clone(), source::read_text(p).expect("corpus file"))).collect();
    let text_of = |p: &Path| &texts.iter().find(|(q, _)| q == p).expect("known file").1;
    let bytes: Vec<f64> = texts.iter().map(|(_, t)| t.len() as f64).collect();
    let json_bytes: Vec<f64> =
        files.iter().map(|p| agent::load(p, Dialect::Any).unwrap().to_json().len() as f64).collect();

    let mut out: Vec<(&str, f64)> = vec![
        ("files", files.len() as f64),
        ("iters", iters as f64),
        ("median_file_bytes", median(bytes)),
        ("median_json_bytes", median(json_bytes)),
        ("threads", std::thread::available_parallelism().map_or(1, |n| n.get()) as f64),
    ];

    // The pieces of one load, then the whole.
    out.push(("read_text_us", per_file(&files, iters, || {}, |p| source::read_text(p).unwrap())));
    out.push((
        "saphyr_events_us",
        per_file(
            &files,
            iters,
            || {},
            |p| {
                let mut n = 0usize;
                for event in Parser::new_from_str(text_of(p)) {
                    black_box(event.unwrap());
                    n += 1;
                }
                n
            },
        ),
    ));
    out.push(("yaml_parse_us", per_file(&files, iters, || {}, |p| yaml::parse(text_of(p), "f").unwrap())));
    // The two YAML parsers apart: the fast path, and the full parser it falls back to.
    out.push(("yaml_fast_us", per_file(&files, iters, || {}, |p| yaml::fast::parse(text_of(p)).unwrap())));
    out.push(("yaml_full_us", per_file(&files, iters, || {}, |p| yaml::full::parse(text_of(p), "f").unwrap())));
    // Throughput of the YAML stage over the whole corpus, every file once per
    // round: text to tree. The trees are freed untimed, as in a load, where
    // a tree lives on in the agent and is freed after to_json.
    let mib_per_s = |parse: &dyn Fn(&str) -> yaml::Node| {
        let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
        let rounds: Vec<f64> = (0..iters / 4)
            .map(|_| {
                let t = Instant::now();
                let trees: Vec<_> = texts.iter().map(|(_, text)| parse(text)).collect();
                let seconds = t.elapsed().as_secs_f64();
                drop(black_box(trees));
                seconds
            })
            .collect();
        total as f64 / (1 << 20) as f64 / median(rounds)
    };
    out.push(("yaml_mib_per_s", mib_per_s(&|text| yaml::parse(text, "f").unwrap())));
    out.push(("yaml_full_mib_per_s", mib_per_s(&|text| yaml::full::parse(text, "f").unwrap())));
    out.push((
        "parse_agent_us",
        per_file(
            &files,
            iters,
            || {},
            |p| agent::parse(text_of(p), Some(&p.display().to_string()), Dialect::Any).unwrap(),
        ),
    ));
    let agents: Vec<agent::Agent> = files.iter().map(|p| agent::load(p, Dialect::Any).unwrap()).collect();
    let agent_of = |p: &Path| &agents[files.iter().position(|q| q == p).unwrap()];
    out.push(("to_json_us", per_file(&files, iters, || {}, |p| agent_of(p).to_json())));
    out.push((
        "parse_to_json_us",
        per_file(
            &files,
            iters,
            || {},
            |p| agent::parse(text_of(p), Some(&p.display().to_string()), Dialect::Any).unwrap().to_json(),
        ),
    ));
    out.push(("load_us", per_file(&files, iters, || {}, |p| agent::load(p, Dialect::Any).unwrap())));
    out.push(("load_to_json_us", per_file(&files, iters, || {}, |p| agent::load(p, Dialect::Any).unwrap().to_json())));
    // What loadAgentSync does on a cold cache: stamp, load, to_json, insert.
    out.push((
        "cache_load_cold_us",
        per_file(&files, iters, cache::clear, |p| cache::load_agent(p, None, Dialect::Any).unwrap()),
    ));
    out.push(("cache_clear_us", per_file_batched(&files[..1], 50, 1000, |_| cache::clear())));
    // A cached reload: stat + lookup.
    cache::clear();
    out.push((
        "cache_hit_us",
        per_file_batched(&files, 20, 500, |p| cache::load_agent(p, None, Dialect::Any).unwrap()),
    ));

    if let Some(dir) = positional.get(1) {
        let runs = 30;
        let listed = discover::files_of_kind(dir, Kind::Agent).expect("dir of copies");
        out.push(("dir_files", listed.len() as f64));
        out.push(("dir_discover_ms", runs_ms(runs, || {}, || discover::files_of_kind(dir, Kind::Agent).unwrap())));
        // What loadAgents(dir) does on a cold cache, parallel as shipped.
        out.push((
            "dir_load_ms",
            runs_ms(runs, cache::clear, || {
                let files = discover::files_of_kind(dir, Kind::Agent).unwrap();
                cache::load_agents(&files, None, Dialect::Any).unwrap()
            }),
        ));
        // How many cores the parallel load really got (the machine may be busy).
        let parallel_load =
            || cache::load_agents(&discover::files_of_kind(dir, Kind::Agent).unwrap(), None, Dialect::Any).unwrap();
        out.push(("dir_load_cpu_per_wall", cpu_per_wall(runs * 2, cache::clear, parallel_load).unwrap_or(f64::NAN)));
        // The same work on one thread, to show what the parallel map buys.
        out.push((
            "dir_load_1thread_ms",
            runs_ms(runs, cache::clear, || {
                let files = discover::files_of_kind(dir, Kind::Agent).unwrap();
                files.iter().map(|p| cache::load_agent(p, None, Dialect::Any).unwrap()).collect::<Vec<_>>()
            }),
        ));
        cache::clear();
    }

    if json {
        let body: Vec<String> = out.iter().map(|(k, v)| format!("\"{k}\":{}", fmt_num(*v))).collect();
        println!("{{{}}}", body.join(","));
    } else {
        println!("corpus: {}", corpus.display());
        for (k, v) in &out {
            println!("{k:>22}  {}", fmt_num(*v));
        }
    }
}

fn fmt_num(v: f64) -> String {
    if v.is_finite() {
        format!("{}", (v * 1000.0).round() / 1000.0)
    } else {
        "null".into()
    }
}
