//! Replacing a file safely: an exclusive lock file beside it, writes that
//! readers (and a crash at any point) see whole or not at all, and the
//! compare-and-swap rewrite that story moves and edits share.

use same_file::Handle;
use std::fs::{self, File, OpenOptions, TryLockError};
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

/// `{file}.lock` beside the file, held with an OS lock (`flock`, `LockFileEx`)
/// that dies with its process, so a killed mover never blocks the next one.
/// The holder removes the file on release; a waiter that then gets the lock
/// of a file no longer under that name tries again, so two processes never
/// both hold it.
pub struct Lock {
    path: PathBuf,
    /// Open while held: closing it releases the OS lock.
    _file: File,
}

impl Lock {
    /// The lock file that guards `target`.
    pub fn path_for(target: &Path) -> PathBuf {
        sibling(target, |name| format!("{name}.lock"))
    }

    /// Waits for the lock until `deadline` (`None` then).
    pub fn acquire(target: &Path, deadline: Instant) -> Result<Option<Lock>> {
        let path = Self::path_for(target);
        loop {
            if let Some(lock) = Self::try_acquire(&path)? {
                return Ok(Some(lock));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            thread::sleep(RETRY_PAUSE);
        }
    }

    fn try_acquire(path: &Path) -> Result<Option<Lock>> {
        let file = match OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path) {
            Ok(file) => file,
            // Windows refuses to open a file whose removal is pending: its holder is releasing it.
            Err(e) if e.kind() == ErrorKind::PermissionDenied && cfg!(windows) => return Ok(None),
            Err(e) => return Err(e),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let current = match Handle::from_path(path) {
            Ok(current) => current,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        if current != Handle::from_file(file.try_clone()?)? {
            return Ok(None);
        }
        Ok(Some(Lock { path: path.to_path_buf(), _file: file }))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when `_file` closes, just after.
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether the file starts with a UTF-8 byte order mark (kept on rewrite).
pub fn has_bom(path: &Path) -> Result<bool> {
    let mut head = Vec::with_capacity(3);
    File::open(path)?.take(3).read_to_end(&mut head)?;
    Ok(head == b"\xef\xbb\xbf")
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `.{name}.{pid}.{n}.tmp`, the temp file names of `path`.
fn is_temp_of(name: &str, candidate: &str) -> bool {
    candidate
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(pid, n)| {
            [pid, n].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Replaces `path` by a synced temp file renamed over it, keeping its
/// permissions: readers, and a crash at any point, see the old file or the
/// new one, whole. Call it holding the file's [`Lock`]: any other temp file
/// of `path` is then a killed writer's, and is removed.
pub fn write(path: &Path, content: &str) -> Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(dir) =
        path.parent().and_then(|dir| fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }).ok())
    {
        for entry in dir.flatten() {
            if is_temp_of(&name, &entry.file_name().to_string_lossy()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
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

/// Creates `path` holding `content`, whole or not at all, and never over
/// another file: a synced temp file is linked to the name, which fails
/// with `AlreadyExists` when the name is taken.
pub fn create(path: &Path, content: &str) -> Result<()> {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = sibling(path, |name| format!(".{name}.{}.{n}.tmp", std::process::id()));
    let linked = (|| {
        let mut out = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        out.write_all(content.as_bytes())?;
        out.sync_all()?;
        fs::hard_link(&temp, path)
    })();
    let _ = fs::remove_file(&temp);
    linked
}

/// Why [`rewrite`] gave up.
pub enum GaveUp {
    /// Another process held the lock (the lock file) until the deadline.
    Busy(PathBuf),
    /// The file changed under every attempt until the deadline.
    KeptChanging,
}

/// Rewrites `path` by compare-and-swap: `plan` computes the new text from
/// `text` (the content read) without the lock; it is written (a BOM kept)
/// only if, under the lock, the file still holds that text, else planned
/// again from the new content, until `deadline`. Nothing is written when
/// `plan` fails or returns `None` for the text.
pub fn rewrite<T>(
    path: &Path,
    mut text: String,
    deadline: Instant,
    mut plan: impl FnMut(&str) -> crate::error::Result<(Option<String>, T)>,
    gave_up: impl Fn(GaveUp) -> crate::error::Error,
) -> crate::error::Result<T> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| crate::error::Error::Io { file: file.clone(), message: e.to_string() };
    // Lock, temp file and rename act on the real file, not on a symlink to it.
    let target = fs::canonicalize(path).map_err(io)?;
    loop {
        let (new_text, result) = plan(&text)?;
        let Some(new_text) = new_text else { return Ok(result) };
        let lock = match Lock::acquire(&target, deadline) {
            Ok(Some(lock)) => lock,
            Ok(None) => return Err(gave_up(GaveUp::Busy(Lock::path_for(&target)))),
            Err(e) => return Err(io(e)),
        };
        let current = crate::source::read_text(path)?;
        if current == text {
            let content = if has_bom(&target).map_err(io)? { format!("\u{feff}{new_text}") } else { new_text };
            write(&target, &content).map_err(io)?;
            drop(lock);
            return Ok(result);
        }
        drop(lock);
        if Instant::now() >= deadline {
            return Err(gave_up(GaveUp::KeptChanging));
        }
        text = current;
    }
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
    fn lock_is_exclusive_until_dropped_and_leaves_nothing() {
        let dir = scratch("lock");
        let file = dir.join("f.md");
        let held = Lock::acquire(&file, Instant::now()).unwrap().unwrap();
        assert!(Lock::acquire(&file, Instant::now()).unwrap().is_none());
        drop(held);
        assert!(!Lock::path_for(&file).exists());
        assert!(Lock::acquire(&file, Instant::now()).unwrap().is_some());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_killed_process_is_taken_at_once() {
        let dir = scratch("left");
        let file = dir.join("f.md");
        File::create(Lock::path_for(&file)).unwrap();
        assert!(Lock::acquire(&file, Instant::now()).unwrap().is_some());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn write_removes_temp_files_of_killed_writers_only() {
        let dir = scratch("temps");
        let file = dir.join("f.md");
        fs::write(&file, "old").unwrap();
        for name in [".f.md.4242.0.tmp", ".f.md.7.13.tmp", ".f.md.x.1.tmp", ".g.md.1.1.tmp", "f.md.1.1.tmp"] {
            fs::write(dir.join(name), "").unwrap();
        }
        write(&file, "new").unwrap();
        let mut left: Vec<_> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, [".f.md.x.1.tmp", ".g.md.1.1.tmp", "f.md", "f.md.1.1.tmp"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
