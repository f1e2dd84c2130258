//! Seeded mutation of YAML texts, and the property every mutant must hold:
//! the fast path either gives up or builds exactly the full parser's tree,
//! and neither parser panics. Shared by `tests/yaml_fuzz.rs` (a few seconds
//! in `cargo test`) and `examples/fuzz_yaml` (as long as asked).

use madace_core::yaml::{fast, full};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Snippets that put every construct the fast path knows into the seeds,
/// also those the corpus seldom uses.
pub const SNIPPETS: &[&str] = &[
    "a:\nb: 1\nc:\n  - x\n  -\n  - k: v\n    j:\n  - \"q\"\nd: |\n  lit\ne: >-\n  f\n  g\nh:   # c\n  p\n",
    "lit: |+\n  keep\n\n\nfold: >\n  a\n   more\n\n  b\n  c\nstrip: |-\n  x\n\n",
    "x: |2\n    two\n  y\nitems:\n- |\n  one\n- >1\n  t\n",
    "q: \"esc \\t \\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\N \\_ \\/ \\0\"\ns: 'it''s'\n\"quoted key\": 1\n'single': 2\n",
    "\u{feff}bom: 1\r\ncrlf: |\r\n  a\r\n  b\r\nend: x\r\n",
    "plain: one\n  two\n\n  three\n# comment\nnext: [a, 'b', \"c\", 1, true, ~]\nempty: []\nmap: {}\n",
    "- - a\n  - b\n- k: v\n  l:\n  - 1\n  - 2\n-\n- # c\n",
    "icon: 🧪\nname: 'José'\nn: 0x1F\no: 0o17\nf: -1.5e3\ninf: -.inf\nnan: .NaN\nt: True\nz: null\n1: one\n~: tilde\n",
    "deep:\n  a:\n    b:\n      c:\n        - d: e\n          f: |\n            g\n",
];

/// Every `.yaml` / `.yml` under `dir`, and the YAML test suite's `in.yaml`s.
pub fn seed_files(dirs: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> =
        SNIPPETS.iter().enumerate().map(|(i, s)| (format!("snippet {i}"), s.as_bytes().to_vec())).collect();
    for dir in dirs {
        let mut pending = vec![dir.clone()];
        while let Some(folder) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else { continue };
            let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                if path.is_dir() {
                    pending.push(path);
                } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                    if let Ok(bytes) = std::fs::read(&path) {
                        seeds.push((path.display().to_string(), bytes));
                    }
                }
            }
        }
    }
    seeds
}

/// The number after `flag` on the command line, else `default`; a flag
/// without a number ends the run (exit 2). Shared by the fuzzers' mains.
pub fn number_flag(args: &[String], flag: &str, default: u64) -> u64 {
    match args.iter().position(|a| a == flag) {
        Some(i) => args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            eprintln!("{flag} takes a number");
            std::process::exit(2)
        }),
        None => default,
    }
}

/// xorshift64*: small, seeded, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"\t",
    b"'",
    b"\"",
    b"#",
    b" #",
    b":",
    b": ",
    b"- ",
    b"-",
    b"|",
    b">",
    b"|-",
    b">+",
    b"|2",
    b" ",
    b"  ",
    b"\r",
    b"\r\n",
    b"\n",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\\",
    b"\\x4",
    b"\\u00e9",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a ",
    b"*a",
    b"!!str ",
    b"? ",
    b"---\n",
    b"...",
    b"%YAML 1.2\n",
    b"~",
    b"0x1F",
    b".inf",
    b"\xf0\x9f\xa7\xaa",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b"\xef\xbb\xbf",
];

/// One to four random mutations of `input`, bytes or lines.
pub fn mutate(input: &[u8], seeds: &[(String, Vec<u8>)], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(10) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, rng.next() as u8),
            2 if !out.is_empty() => {
                let len = 1 + rng.below(4);
                out.drain(at.min(out.len() - 1)..(at + len).min(out.len()));
            }
            3 | 4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            5 => {
                out = edit_lines(&out, rng, |lines, i, _| {
                    let copy = lines[i].clone();
                    lines.insert(i, copy);
                })
            }
            6 => {
                out = edit_lines(&out, rng, |lines, i, _| {
                    lines.remove(i);
                })
            }
            7 => {
                out = edit_lines(&out, rng, |lines, i, rng| {
                    // Indent a line more or less.
                    if rng.below(2) == 0 {
                        lines[i].splice(0..0, std::iter::repeat_n(b' ', 1 + rng.below(3)));
                    } else {
                        let spaces = lines[i].iter().take_while(|&&c| c == b' ').count();
                        lines[i].drain(..spaces.min(1 + rng.below(3)));
                    }
                })
            }
            8 => {
                // A line from another seed.
                let other = &seeds[rng.below(seeds.len())].1;
                let lines: Vec<&[u8]> = other.split_inclusive(|&c| c == b'\n').collect();
                if let Some(line) = lines.get(rng.below(lines.len())) {
                    let start = out[..at].iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
                    out.splice(start..start, line.iter().copied());
                }
            }
            _ => {
                out = edit_lines(&out, rng, |lines, i, rng| {
                    let j = rng.below(lines.len());
                    lines.swap(i, j);
                })
            }
        }
    }
    out
}

fn edit_lines(input: &[u8], rng: &mut Rng, edit: impl FnOnce(&mut Vec<Vec<u8>>, usize, &mut Rng)) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = input.split_inclusive(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
    if lines.is_empty() {
        return input.to_vec();
    }
    let i = rng.below(lines.len());
    edit(&mut lines, i, rng);
    lines.concat()
}

/// What one input showed, if it breaks the property.
pub fn check(bytes: &[u8]) -> Option<String> {
    // Files are checked as UTF-8 before any YAML is read; the parsers take text.
    let text = String::from_utf8_lossy(bytes);
    let fast = catch_unwind(AssertUnwindSafe(|| fast::parse(&text))).map_err(|_| "the fast path panicked".to_string());
    let full = catch_unwind(AssertUnwindSafe(|| full::parse(&text, "fuzz"))).map_err(|_| "the full parser panicked");
    match (fast, full) {
        (Err(e), _) => Some(e),
        (_, Err(e)) => Some(e.to_string()),
        (Ok(None), Ok(_)) => None,
        (Ok(Some(fast)), Ok(Ok(full))) if format!("{fast:?}") == format!("{full:?}") => None,
        (Ok(Some(fast)), Ok(Ok(full))) => Some(format!("trees differ\nfast: {fast:?}\nfull: {full:?}")),
        (Ok(Some(fast)), Ok(Err(e))) => {
            Some(format!("the fast path accepted what the full parser refuses: {e}\nfast: {fast:?}"))
        }
    }
}

/// Runs mutants of `seeds` until `deadline`; failing inputs are written to
/// `save` (when given). Returns (inputs tried, inputs the fast path took, failures).
pub fn run(
    seeds: &[(String, Vec<u8>)],
    seed: u64,
    deadline: std::time::Instant,
    save: Option<&Path>,
) -> (u64, u64, Vec<String>) {
    let mut rng = Rng::new(seed);
    // Most mutants start from a seed the fast path takes, so that they probe it.
    let taken: Vec<usize> =
        (0..seeds.len()).filter(|&i| fast::parse(&String::from_utf8_lossy(&seeds[i].1)).is_some()).collect();
    let (mut tried, mut fast_taken) = (0u64, 0u64);
    let mut failures = Vec::new();
    // Silence the default panic message; a panic is reported as a failure.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    while std::time::Instant::now() < deadline {
        for _ in 0..64 {
            let pick = if rng.below(5) > 0 && !taken.is_empty() {
                taken[rng.below(taken.len())]
            } else {
                rng.below(seeds.len())
            };
            let (name, base) = &seeds[pick];
            let input = mutate(base, seeds, &mut rng);
            tried += 1;
            fast_taken += u64::from(fast::parse(&String::from_utf8_lossy(&input)).is_some());
            if let Some(problem) = check(&input) {
                let mut report = format!("mutant of {name}: {problem}");
                if let Some(dir) = save {
                    let file = dir.join(format!("failure-{seed}-{tried}.yaml"));
                    if std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&file, &input)).is_ok() {
                        report.push_str(&format!("\nsaved as {}", file.display()));
                    }
                }
                failures.push(report);
            }
        }
    }
    std::panic::set_hook(hook);
    (tried, fast_taken, failures)
}
