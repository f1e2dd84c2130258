//! What the integration tests share: the data in ../shared, and
//! finding files in it.

use std::path::{Path, PathBuf};

/// `../shared/<sub>`, or `None` (with the reason printed) when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping {sub}: {} not found (clone ../shared beside the repo)", dir.display());
        None
    }
}

/// Files under `dir` whose name satisfies `keep`, sorted.
pub fn files(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if keep(&entry.file_name().to_string_lossy()) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
