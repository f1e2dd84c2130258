//! The agent cache. An entry is reused only while the file's stamp (size,
//! modification time, inode, change time) is unchanged, so edits on disk are
//! always seen: the MADACE loader's cache never noticed them.
//!
//! Each load of a changed file gets a new generation number; the JS side keeps
//! the object it built for a generation and hands the identical object back
//! while the generation is current.

use crate::error::{Error, Result};
use crate::schema::{agent, Dialect};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and ctime catch a same-size rewrite within one mtime tick and
    /// atomic replace-by-rename.
    inode: u64,
    changed_ns: i128,
}

/// A loaded agent as the cache holds it.
#[derive(Debug, Clone)]
pub struct Cached {
    /// Changes whenever the file is read again, so callers can keep their own parsed copy per generation.
    pub generation: u64,
    /// The agent's JSON.
    pub json: Arc<str>,
}

struct Entry {
    stamp: Stamp,
    cached: Cached,
}

static ENTRIES: Mutex<Option<HashMap<(PathBuf, Dialect), Entry>>> = Mutex::new(None);
static GENERATION: AtomicU64 = AtomicU64::new(1);

fn entries() -> MutexGuard<'static, Option<HashMap<(PathBuf, Dialect), Entry>>> {
    // A panic while holding the lock cannot leave a half-written entry.
    ENTRIES.lock().unwrap_or_else(|e| e.into_inner())
}

fn stamp(path: &Path) -> Option<Stamp> {
    Some(stamp_of(&std::fs::metadata(path).ok()?))
}

fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let (inode, changed_ns) = {
        use std::os::unix::fs::MetadataExt;
        (meta.ino(), i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()))
    };
    #[cfg(not(unix))]
    let (inode, changed_ns) = (0, 0);
    Stamp { len: meta.len(), modified: meta.modified().ok(), inode, changed_ns }
}

/// The cache key: absolute, so `a.yaml` and `./a.yaml` share an entry.
fn key(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The agent at `path`, from the cache while the file is unchanged. Errors
/// are not cached: a broken file is re-read until it is fixed. Each dialect
/// has its own entry, since a file can be valid in one and not the other.
pub fn load_agent(path: &Path, within: Option<&Path>, dialect: Dialect) -> Result<Cached> {
    let key = (key(path), dialect);
    // Only a cached entry needs the stat that tells whether it is still current.
    let known = entries().as_ref().and_then(|m| m.get(&key)).map(|entry| (entry.stamp, entry.cached.clone()));
    if let Some((stamp_then, cached)) = known {
        if stamp(path) == Some(stamp_then) {
            return Ok(cached);
        }
    }
    // Stamped as opened, before reading: a write racing the read leaves a
    // stale stamp, so the next call reloads rather than trusting old content.
    let (agent, meta) = agent::load_stamped(path, within, dialect)?;
    let cached = Cached { generation: GENERATION.fetch_add(1, Ordering::Relaxed), json: agent.to_json().into() };
    let entry = Entry { stamp: stamp_of(&meta), cached: cached.clone() };
    entries().get_or_insert_with(HashMap::new).insert(key, entry);
    Ok(cached)
}

/// `load_agent` for many files, in parallel, each with its own outcome.
pub fn load_each(paths: &[PathBuf], within: Option<&Path>, dialect: Dialect) -> Vec<Result<Cached>> {
    crate::parallel::map(paths, |p| load_agent(p, within, dialect))
}

/// `load_agent` for many files; the first failure (in `paths` order) wins.
pub fn load_agents(paths: &[PathBuf], within: Option<&Path>, dialect: Dialect) -> Result<Vec<Cached>> {
    load_each(paths, within, dialect).into_iter().collect::<std::result::Result<_, Error>>()
}

/// Forgets every cached agent.
pub fn clear() {
    *entries() = None;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn agent_yaml(name: &str) -> String {
        format!("agent:\n  metadata: {{ name: {name}, title: T, icon: I }}\n  persona: {{ role: r, identity: i, communication_style: c, principles: [p] }}\n  menu: []\n")
    }

    #[test]
    fn reuses_until_the_file_changes() {
        let dir = std::env::temp_dir().join(format!("madace-cache-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.agent.yaml");
        fs::write(&file, agent_yaml("One")).unwrap();
        let first = load_agent(&file, None, Dialect::Any).unwrap();
        assert_eq!(load_agent(&file, None, Dialect::Any).unwrap().generation, first.generation);
        // Same size, new content: inode/ctime/mtime tell it apart.
        fs::write(&file, agent_yaml("Two")).unwrap();
        let second = load_agent(&file, None, Dialect::Any).unwrap();
        assert_ne!(second.generation, first.generation);
        assert!(second.json.contains(r#""name":"Two""#));
        fs::write(&file, "agent: [").unwrap();
        assert_eq!(load_agent(&file, None, Dialect::Any).unwrap_err().code(), "E_YAML");
        fs::remove_dir_all(&dir).unwrap();
    }
}
