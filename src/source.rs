//! Reading a definition file into text: existence, kind, size limit and
//! encoding are checked here, before any YAML is looked at.

use crate::error::{Error, Location, Result};
use same_file::Handle;
use std::cell::RefCell;
use std::fs::{File, Metadata};
use std::io::{ErrorKind, Read};
use std::path::{Component, Path, PathBuf};

/// How text handed over as a string is named in errors when no filename is given.
pub const INPUT: &str = "<input>";

/// Largest definition file accepted (real agent files are a few KiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

thread_local! {
    /// Text standing for one file during [`with_text`]: (the file's key, its text).
    static OVERLAY: RefCell<Option<(PathBuf, String)>> = const { RefCell::new(None) };
}

/// Runs `work` with `text` standing for the file at `path`, on this thread:
/// every read of that file in the core gets `text`, whether or not the file
/// exists. This is how unsaved editor text, `--stdin` and dry runs are
/// checked exactly as the file would be, with the other files it brings in
/// (a skill's layers) read from disk, and nothing written anywhere.
pub fn with_text<T>(path: &Path, text: &str, work: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            OVERLAY.with(|o| o.borrow_mut().take());
        }
    }
    OVERLAY.with(|o| *o.borrow_mut() = Some((overlay_key(path), text.to_string())));
    let _reset = Reset;
    work()
}

/// The text standing for `path` during [`with_text`], if any.
pub fn overlaid(path: &Path) -> Option<String> {
    OVERLAY.with(|o| {
        let overlay = o.borrow();
        let (key, text) = overlay.as_ref()?;
        (*key == overlay_key(path)).then(|| text.clone())
    })
}

/// Whether the text of [`with_text`] stands for a file inside `dir`: then
/// `dir` is there for that file, on disk or not (a skill pasted into a
/// browser, `--stdin` naming a folder still to be made).
/// The folder is spelled as the overlay's key spells its own (resolved when
/// it exists, else as given), and `.` stands for no folder at all, so
/// `_bmad/x.toml` is inside `.` and inside the empty path alike.
pub fn overlays_in(dir: &Path) -> bool {
    OVERLAY.with(|o| {
        let overlay = o.borrow();
        let Some((key, _)) = overlay.as_ref() else { return false };
        let spelled = overlay_key(&dir.join("_"));
        spelled.parent().is_some_and(|dir| parts(key).starts_with(&parts(dir)))
    })
}

/// A path's components without `.`.
fn parts(path: &Path) -> Vec<Component<'_>> {
    path.components().filter(|c| *c != Component::CurDir).collect()
}

/// Whether `path` is a regular file, or stands for one during [`with_text`].
pub fn is_file(path: &Path) -> bool {
    overlaid(path).is_some() || path.is_file()
}

/// `path` with its folder's symlinks resolved, so that two spellings of one
/// file compare equal (the folder exists even when the file does not yet).
fn overlay_key(path: &Path) -> PathBuf {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (folder.canonicalize(), path.file_name()) {
        (Ok(real), Some(name)) => real.join(name),
        _ => path.to_path_buf(),
    }
}

/// The text of `path`: the overlay's, else the file's.
fn text_of(path: &Path, within: Option<&Path>) -> Result<String> {
    match overlaid(path) {
        Some(text) => check_text(text, &path.display().to_string()),
        None => read(path, within).map(|(text, _)| text),
    }
}

/// Reads `path` and builds a result from its text; errors name the file as given.
pub fn load<T>(path: &Path, build: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    load_in(path, None, build)
}

/// [`load`], confined to `within` when given: files a call found by walking
/// a folder are read only if they are still inside it. `within` is the
/// folder as [`confine`] gives it, computed once per call, not per file.
pub fn load_in<T>(path: &Path, within: Option<&Path>, build: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    build(&text_of(path, within)?, &path.display().to_string())
}

/// [`load`], also returning the metadata of the file as opened, taken before
/// it was read (so a write racing the read leaves it stale, never too new).
pub fn load_stamped<T>(
    path: &Path,
    within: Option<&Path>,
    build: impl FnOnce(&str, &str) -> Result<T>,
) -> Result<(T, Metadata)> {
    let (text, meta) = read(path, within)?;
    Ok((build(&text, &path.display().to_string())?, meta))
}

/// [`load`] for a file that must lie inside `root` (symlinks resolved), else
/// `E_PATH`. The file is opened once and the opened file itself is compared
/// with what its real path names, so a symlink swapped during the call cannot
/// lead outside.
pub fn load_within<T>(path: &Path, root: &Path, build: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    load_in(path, Some(&confine(root)), build)
}

/// The folder reads are confined to: `root` with every link resolved. A
/// root that cannot be resolved is kept as given, and nothing is found inside it.
pub fn confine(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Checks text handed over as a string and builds a result from it;
/// `filename` (else `<input>`) names it in errors.
pub fn parse<T>(text: &str, filename: Option<&str>, build: impl FnOnce(&str, &str) -> Result<T>) -> Result<T> {
    let file = filename.unwrap_or(INPUT);
    build(&check_text(text.to_string(), file)?, file)
}

/// Reads `path` as UTF-8 text, never more than `MAX_FILE_BYTES` (+1 to tell).
pub fn read_text(path: &Path) -> Result<String> {
    text_of(path, None)
}

/// [`read_text`], confined to `within` when given (see [`load_within`]).
pub fn read_text_in(path: &Path, within: Option<&Path>) -> Result<String> {
    text_of(path, within)
}

/// The real path of `path` (symlinks resolved), if it lies inside `root`; else `E_PATH`.
pub fn real_path_within(path: &Path, root: &Path) -> Result<PathBuf> {
    let real_root = root.canonicalize();
    let escapes = || Error::Path {
        file: path.display().to_string(),
        message: format!("resolves outside {}", real_root.as_deref().unwrap_or(root).display()),
    };
    let real_root = real_root.as_deref().map_err(|_| escapes())?;
    let real = path.canonicalize().map_err(|_| escapes())?;
    if real.starts_with(real_root) {
        Ok(real)
    } else {
        Err(escapes())
    }
}

/// Whether an I/O error means nothing is at the path: not found, or no file
/// system at all (WebAssembly, where only text handed in is checked).
pub fn absent(err: &std::io::Error) -> bool {
    matches!(err.kind(), ErrorKind::NotFound | ErrorKind::Unsupported)
}

fn read(path: &Path, within: Option<&Path>) -> Result<(String, Metadata)> {
    let file_name = path.display().to_string();
    let io_error = |e: std::io::Error| match e.kind() {
        _ if absent(&e) => Error::missing_file(path, &file_name),
        ErrorKind::IsADirectory => Error::NotAFile { file: file_name.clone(), what: "a directory" },
        _ => Error::Io { file: file_name.clone(), message: e.to_string() },
    };
    // Elsewhere, opening may block (a FIFO) or fail (a folder): a first look
    // gives plain errors. On Unix the non-blocking open makes that look a
    // wasted system call: the opened file is checked below.
    #[cfg(not(unix))]
    check_kind(&std::fs::metadata(path).map_err(io_error)?, &file_name)?;
    // A path that cannot be opened (a socket, say) gets the plain error of its kind.
    let file = open_for_reading(path).map_err(|e| match std::fs::metadata(path) {
        Ok(meta) => check_kind(&meta, &file_name).err().unwrap_or_else(|| io_error(e)),
        Err(_) => io_error(e),
    })?;
    // What was opened is what is read.
    let meta = file.metadata().map_err(io_error)?;
    check_kind(&meta, &file_name)?;
    if let Some(root) = within {
        // Where the file opened really is, as the kernel says: neither a link
        // nor a folder on the path swapped for one at any moment can hide it.
        // Elsewhere, the opened file must be the one its real path names.
        match opened_path(&file) {
            Some(at) => {
                if !at.starts_with(root) {
                    let message = format!("resolves outside {}", root.display());
                    return Err(Error::Path { file: file_name, message });
                }
            }
            None => {
                let real = real_path_within(path, root)?;
                let opened = file.try_clone().and_then(Handle::from_file).map_err(io_error)?;
                if Handle::from_path(&real).map_err(io_error)? != opened {
                    return Err(Error::Path {
                        file: file_name,
                        message: format!(
                            "changed while being opened (a swapped link?); refusing to read outside {}",
                            root.display()
                        ),
                    });
                }
            }
        }
    }
    // One read asks for the size fstat gave and a byte more. Getting exactly
    // that size is the end of the file (the read that would return 0 is
    // saved); a file that grew since, or a short read, is read on, never
    // past the limit.
    let expected = meta.len() as usize;
    let mut bytes = vec![0; expected + 1];
    let mut file = file;
    let first = read_some(&mut file, &mut bytes).map_err(io_error)?;
    bytes.truncate(first);
    if first != expected {
        file.take(MAX_FILE_BYTES + 1 - first as u64).read_to_end(&mut bytes).map_err(io_error)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&file_name, bytes.len() as u64));
    }
    Ok((decode(bytes, &file_name)?, meta))
}

/// The real path of an opened file, from the kernel, where it says.
fn opened_path(file: &File) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(target_os = "macos")]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let mut buffer = vec![0u8; libc::PATH_MAX as usize];
        // SAFETY: F_GETPATH writes at most PATH_MAX bytes, NUL-terminated, into the buffer.
        let done = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETPATH, buffer.as_mut_ptr()) };
        let end = buffer.iter().position(|&b| b == 0)?;
        (done != -1).then(|| PathBuf::from(std::ffi::OsStr::from_bytes(&buffer[..end])))
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        let _ = file;
        None
    }
}

/// One `read`, retried only when a signal interrupts it.
fn read_some(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match file.read(buffer) {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn check_kind(meta: &std::fs::Metadata, file_name: &str) -> Result<()> {
    if meta.is_dir() {
        return Err(Error::NotAFile { file: file_name.to_string(), what: "a directory" });
    }
    if !meta.is_file() {
        return Err(Error::NotAFile { file: file_name.to_string(), what: "not a regular file" });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(file_name, meta.len()));
    }
    Ok(())
}

/// Opening never blocks: a FIFO swapped in after the first look would
/// otherwise wait for a writer forever (non-blocking mode changes nothing for
/// a regular file).
fn open_for_reading(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

fn too_large(file: &str, len: u64) -> Error {
    Error::Limit {
        file: file.to_string(),
        at: None,
        message: format!("file is {len} bytes, over the {} byte limit for definition files", MAX_FILE_BYTES),
    }
}

/// UTF-8 only (a leading BOM is dropped); NUL bytes mean binary data.
pub fn decode(bytes: Vec<u8>, file: &str) -> Result<String> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if matches!(e.as_bytes(), [0xff, 0xfe, ..] | [0xfe, 0xff, ..]) => {
            let mark = &e.as_bytes()[..2];
            return Err(Error::Encoding {
                file: file.to_string(),
                at: Location::START,
                message: format!(
                    "the file is UTF-16 (it starts with the byte order mark {:02X} {:02X}, as Windows \"Unicode\" saves it): save it as UTF-8",
                    mark[0], mark[1]
                ),
            });
        }
        // Non-ASCII text in UTF-16 (an emoji icon) is invalid UTF-8 before its first NUL is seen.
        Err(e) if looks_utf16(e.as_bytes()) => {
            return Err(Error::Encoding { file: file.to_string(), at: Location::START, message: BARE_UTF16.into() })
        }
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..bad]).unwrap_or_default();
            return Err(Error::Encoding {
                file: file.to_string(),
                at: location_of(prefix, bad),
                message: format!(
                    "invalid UTF-8 (byte 0x{:02x} at offset {bad}); definition files must be UTF-8 text",
                    e.as_bytes()[bad]
                ),
            });
        }
    };
    check_text(text, file)
}

/// Text handed over as a string (parseAgent) passes the same checks; a
/// leading BOM is dropped.
pub fn check_text(text: String, file: &str) -> Result<String> {
    let text = strip_bom(text);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, text.len() as u64));
    }
    if let Some(nul) = text.find('\0') {
        let message = match looks_utf16(&text.as_bytes()[nul & !1..]) {
            true => BARE_UTF16.to_string(),
            false => format!("binary data (NUL byte at offset {nul}); definition files must be text"),
        };
        return Err(Error::Encoding { file: file.to_string(), at: location_of(&text, nul), message });
    }
    Ok(text)
}

const BARE_UTF16: &str =
    "the file looks like UTF-16 without a byte order mark (every other byte is NUL): save it as UTF-8";

/// ASCII text saved as UTF-16 without a byte order mark: in the first 16
/// bytes, every pair holds one NUL and one other byte.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(16)];
    head.len() >= 4 && head.chunks(2).all(|pair| pair.contains(&0) && pair.iter().any(|&b| b != 0))
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Line / column (in characters) of byte offset `at` within `text`.
pub fn location_of(text: &str, at: usize) -> Location {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location::new(before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_memory_stands_in_its_folders_on_disk_or_not() {
        with_text(Path::new("_bmad/custom/config.toml"), "", || {
            // Folders that are not on disk (the working directory is, so `.` is resolved here).
            for inside in ["_bmad", "./_bmad/custom", "_bmad/./custom"] {
                assert!(overlays_in(Path::new(inside)), "{inside:?}");
            }
            assert!(!overlays_in(Path::new("_bmad/other")) && !overlays_in(Path::new("/no/such/dir")));
        });
        with_text(Path::new("/no/such/dir/skill/SKILL.md"), "", || {
            assert!(overlays_in(Path::new("/no/such/dir")) && overlays_in(Path::new("/no/such/dir/skill")));
            assert!(!overlays_in(Path::new("/no/such/other")));
        });
        assert!(!overlays_in(Path::new(".")), "no text, no folder");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"a: 1\nb: \xff\xfe\n".to_vec(), "x.yaml").unwrap_err();
        assert_eq!(err.code(), "E_ENCODING");
        assert_eq!(err.location(), Some(Location::new(2, 4)));
    }

    #[test]
    fn nul_byte_means_binary() {
        let err = decode(b"a: 1\n\0\0\0".to_vec(), "x.yaml").unwrap_err();
        assert_eq!(err.code(), "E_ENCODING");
        assert_eq!(err.location(), Some(Location::new(2, 1)));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfa: 1".to_vec(), "x").unwrap(), "a: 1");
    }

    #[test]
    fn location_counts_characters() {
        assert_eq!(location_of("é: ü\nab", 6), Location::new(1, 5));
        assert_eq!(location_of("ab\ncd", 4), Location::new(2, 2));
    }

    #[test]
    fn missing_and_directory() {
        assert_eq!(read_text(Path::new("/no/such/file.yaml")).unwrap_err().code(), "E_NOT_FOUND");
        assert_eq!(read_text(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err().code(), "E_NOT_A_FILE");
    }
}

#[cfg(test)]
mod encoding_tests {
    use super::*;

    #[test]
    fn utf16_is_named_with_its_fix() {
        let with_bom = decode(vec![0xff, 0xfe, b'a', 0, b':', 0], "w.agent.yaml").unwrap_err();
        assert_eq!(with_bom.location(), Some(Location::START));
        assert_eq!(
            with_bom.to_string(),
            "the file is UTF-16 (it starts with the byte order mark FF FE, as Windows \"Unicode\" saves it): save it as UTF-8"
        );
        let bare = decode(b"a\0g\0e\0n\0t\0:\0".to_vec(), "w.agent.yaml").unwrap_err();
        assert!(bare.to_string().starts_with("the file looks like UTF-16 without a byte order mark"), "{bare}");
        let binary = decode(b"agent:\n  x: \0\x01\x02".to_vec(), "w.agent.yaml").unwrap_err();
        assert!(binary.to_string().starts_with("binary data (NUL byte at offset 12)"), "{binary}");
    }
}
