//! Replacing a file safely: an exclusive lock file beside it, and writes
//! that readers (and a crash at any point) see whole or not at all.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Result, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const RETRY_PAUSE: Duration = Duration::from_millis(2);

/// `{dir}/{make(name)}` for the file `path`.
fn sibling(path: &Path, make: impl FnOnce(&str) -> String) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(make(&name))
}

/// `{file}.lock`, created exclusively; dropping the guard removes it, on every path.
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    /// The lock file that guards `target`.
    pub fn path_for(target: &Path) -> PathBuf {
        sibling(target, |name| format!("{name}.lock"))
    }

    /// Waits for the lock until `deadline` (`None` then). A lock file older
    /// than `stale` was left by a crashed process and is broken.
    pub fn acquire(target: &Path, deadline: Instant, stale: Duration) -> Result<Option<Lock>> {
        let path = Self::path_for(target);
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => return Ok(Some(Lock { path })),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    // Two processes breaking the same stale lock at once could both
                    // get in; that needs a crash plus a race, and costs one write.
                    if is_older_than(&path, stale) && fs::remove_file(&path).is_ok() {
                        continue;
                    }
                    if Instant::now() >= deadline {
                        return Ok(None);
                    }
                    thread::sleep(RETRY_PAUSE);
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn is_older_than(path: &Path, age: Duration) -> bool {
    let elapsed = fs::metadata(path).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    elapsed.is_some_and(|elapsed| elapsed > age)
}

/// Whether the file starts with a UTF-8 byte order mark (kept on rewrite).
pub fn has_bom(path: &Path) -> Result<bool> {
    let mut head = Vec::with_capacity(3);
    File::open(path)?.take(3).read_to_end(&mut head)?;
    Ok(head == b"\xef\xbb\xbf")
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` by a synced temp file renamed over it, keeping its
/// permissions: readers, and a crash at any point, see the old file or the
/// new one, whole.
pub fn write(path: &Path, content: &str) -> Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = sibling(path, |name| format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = (|| {
        let mut out = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        out.write_all(content.as_bytes())?;
        out.set_permissions(permissions)?;
        out.sync_all()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
        return written;
    }
    // Makes the rename itself durable; folders cannot be opened on Windows, hence best effort.
    if let Some(dir) = path.parent().and_then(|dir| File::open(dir).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("madace-atomic-{name}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn write_replaces_whole_and_leaves_no_temp() {
        let dir = scratch("write");
        let file = dir.join("f.md");
        fs::write(&file, "old").unwrap();
        write(&file, "new content").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new content");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn lock_is_exclusive_until_dropped_and_stale_locks_break() {
        let dir = scratch("lock");
        let file = dir.join("f.md");
        let held = Lock::acquire(&file, Instant::now(), Duration::from_secs(60)).unwrap().unwrap();
        assert!(Lock::acquire(&file, Instant::now(), Duration::from_secs(60)).unwrap().is_none());
        assert!(Lock::acquire(&file, Instant::now(), Duration::ZERO).unwrap().is_some_and(|l| l.path == held.path));
        drop(held);
        fs::remove_dir_all(&dir).unwrap();
    }
}
