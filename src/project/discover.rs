//! Finding definition files under a folder: recursive, deterministic (sorted
//! by path), safe on symlink loops (linked folders are not followed), and
//! never leading outside it: a linked file is found only when its real path
//! (symlinks resolved) is inside the folder searched. Every directory walk of
//! the crate goes through here.

use crate::error::{Error, Result};
use crate::kind::{self, parent_name, Kind, CUSTOMIZE_FILE, CUSTOM_DIR, SKILL_FILE};
use crate::source;
use std::path::{Path, PathBuf};

/// Every file of `kind` under `dir`, sorted by path.
pub fn files_of_kind(dir: &Path, kind: Kind) -> Result<Vec<PathBuf>> {
    files_where_path(dir, |path| Kind::of(path) == Some(kind))
}

/// The `SKILL.md` of the skill folder named `name` under `root`, first in path order.
pub fn skill_named(root: &Path, name: &str) -> Option<PathBuf> {
    let found = files_where_path(root, |p| {
        p.file_name().is_some_and(|n| n == SKILL_FILE)
            && p.parent().and_then(Path::file_name).is_some_and(|d| d == name)
    });
    found.ok()?.into_iter().next()
}

/// The names of the skills installed under `root` (their folders' names), sorted.
pub fn skill_names(root: &Path) -> Vec<String> {
    let found = files_where_path(root, |p| p.file_name().is_some_and(|n| n == SKILL_FILE)).unwrap_or_default();
    let names = found.iter().filter_map(|p| p.parent()?.file_name()?.to_str().map(str::to_string));
    let mut names: Vec<String> = names.collect();
    names.sort();
    names
}

/// Deepest folder searched below the one given: real trees are a few levels
/// deep; a hostile chain of thousands is cut here instead of being walked.
pub const MAX_FOLDER_DEPTH: usize = 64;

/// What a walk found: the files, and the folders it could not search (each
/// as its error), so one bad branch does not hide the rest.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files kept, sorted by path.
    pub files: Vec<PathBuf>,
    /// Folders that could not be read, or lie deeper than [`MAX_FOLDER_DEPTH`].
    pub skipped: Vec<Error>,
}

/// Every file under `dir` whose path passes `keep`, sorted by path; a folder
/// that cannot be searched fails the whole call (see [`walk`] for the rest).
pub fn files_where_path(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let found = walk(dir, keep)?;
    match found.skipped.into_iter().next() {
        Some(err) => Err(err),
        None => Ok(found.files),
    }
}

/// Every file under `dir` whose path passes `keep`, and the folders below it
/// that could not be searched; only `dir` itself failing is an error.
pub fn walk(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Walk> {
    let shown = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|e| match source::absent(&e) {
        true => Error::NotFound { file: shown.clone(), message: "no such folder".into() },
        false => Error::Io { file: shown.clone(), message: e.to_string() },
    })?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory { file: shown, what: if meta.is_file() { "a file" } else { "not a folder" } });
    }
    let real_dir = dir.canonicalize().map_err(|e| Error::Io { file: shown.clone(), message: e.to_string() })?;
    let mut found = Walk::default();
    let mut pending = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = pending.pop() {
        let unreadable = |e: std::io::Error| Error::Io { file: folder.display().to_string(), message: e.to_string() };
        if depth > MAX_FOLDER_DEPTH {
            let message = format!("folders nested more than {MAX_FOLDER_DEPTH} levels deep are not searched");
            found.skipped.push(Error::Limit { file: folder.display().to_string(), at: None, message });
            continue;
        }
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if depth == 0 => return Err(unreadable(e)),
            Err(e) => {
                found.skipped.push(unreadable(e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.skipped.push(unreadable(e));
                    break;
                }
            };
            // The working directory's files are `x`, not `./x`, as the caller would write them.
            let path = if folder == Path::new(".") { PathBuf::from(entry.file_name()) } else { entry.path() };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if kind::is_searched_dir(&name) {
                    pending.push((path, depth + 1));
                }
            } else if keep(&path) && (!kind.is_symlink() || links_inside(&path, &real_dir)) {
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    found.skipped.sort_by(|a, b| a.file().cmp(b.file()));
    Ok(found)
}

/// A team or user override file, `<root>/_bmad/custom/<skill>[.user].toml`, read by its name.
pub struct OverrideLayer {
    /// The project root (`.` for a path relative to the working directory).
    pub root: PathBuf,
    /// The skill it customizes.
    pub skill: String,
    /// Whether it is the user's layer (`.user.toml`).
    pub user: bool,
}

impl OverrideLayer {
    /// The override file `path` read by its name; `None` for any other path.
    pub fn of(path: &Path) -> Option<OverrideLayer> {
        let own_defaults = path.file_name().is_some_and(|n| n == CUSTOMIZE_FILE);
        if Kind::of(path) != Some(Kind::SkillLayer) || own_defaults || parent_name(path) != Some(CUSTOM_DIR) {
            return None;
        }
        let stem = path.file_name()?.to_str()?.strip_suffix(".toml")?;
        let (skill, user) = match stem.strip_suffix(".user") {
            Some(skill) => (skill, true),
            None => (stem, false),
        };
        let root = path.parent()?.parent()?.parent()?;
        // `_bmad/custom/x.toml` relative to the working directory: its root is "".
        let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
        Some(OverrideLayer { root: root.to_path_buf(), skill: skill.to_string(), user })
    }

    /// Its file name for the skill `skill`.
    pub fn file_for(&self, skill: &str) -> String {
        format!("{skill}{}.toml", if self.user { ".user" } else { "" })
    }
}

/// What a file is checked through: itself, or for a layer the file that owns
/// it (a skill's `SKILL.md`, the central `_bmad/config.toml`). A team or
/// user layer of a skill names the skill by its file stem; the skill is
/// looked for under the project root (the folder holding `_bmad/`), and
/// `None` means no skill of that name exists there.
pub fn owner(path: &Path) -> Option<PathBuf> {
    let kind = Kind::of(path)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    match kind {
        Kind::SkillLayer if path.file_name().is_some_and(|n| n == CUSTOMIZE_FILE) => Some(dir.join(SKILL_FILE)),
        Kind::SkillLayer => {
            let layer = OverrideLayer::of(path)?;
            skill_named(&layer.root, &layer.skill)
        }
        Kind::CentralConfigLayer => {
            let bmad = if parent_name(path) == Some(CUSTOM_DIR) { dir.parent()? } else { dir };
            Some(bmad.join("config.toml"))
        }
        _ => Some(path.to_path_buf()),
    }
}

/// Whether the link `path` ends at a file inside `real_dir`.
fn links_inside(path: &Path, real_dir: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(real_dir) && real.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_example_agents_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace");
        let files = files_of_kind(&dir, Kind::Agent).unwrap();
        let names: Vec<_> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(
            names,
            ["analyst.agent.yaml", "architect.agent.yaml", "dev.agent.yaml", "pm.agent.yaml", "sm.agent.yaml"]
        );
    }

    #[test]
    fn agents_are_found_in_both_spellings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.agent.yaml"), "x").unwrap();
        std::fs::write(dir.path().join("b.agent.yml"), "x").unwrap();
        std::fs::write(dir.path().join("c.yaml"), "x").unwrap();
        let found = files_of_kind(dir.path(), Kind::Agent).unwrap();
        assert_eq!(found, [dir.path().join("a.agent.yaml"), dir.path().join("b.agent.yml")]);
    }

    #[cfg(unix)]
    #[test]
    fn linked_files_are_found_only_when_they_end_inside_the_folder() {
        use std::os::unix::fs::symlink;
        let base = std::env::temp_dir().join(format!("madace-discover-links-{}", std::process::id()));
        let (dir, outside) = (base.join("agents"), base.join("outside"));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(dir.join("real.agent.yaml"), "x").unwrap();
        std::fs::write(outside.join("secret.agent.yaml"), "x").unwrap();
        symlink(dir.join("real.agent.yaml"), dir.join("sub/inside.agent.yaml")).unwrap();
        symlink(outside.join("secret.agent.yaml"), dir.join("escape.agent.yaml")).unwrap();
        symlink(&outside, dir.join("linked-folder.agent.yaml")).unwrap();
        symlink(dir.join("gone.yaml"), dir.join("dangling.agent.yaml")).unwrap();
        let found = files_of_kind(&dir, Kind::Agent).unwrap();
        assert_eq!(found, [dir.join("real.agent.yaml"), dir.join("sub/inside.agent.yaml")]);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn layers_are_checked_through_their_owner() {
        assert_eq!(owner(Path::new("s/customize.toml")), Some(PathBuf::from("s/SKILL.md")));
        assert_eq!(owner(Path::new("p/_bmad/custom/config.user.toml")), Some(PathBuf::from("p/_bmad/config.toml")));
        assert_eq!(owner(Path::new("p/_bmad/config.user.toml")), Some(PathBuf::from("p/_bmad/config.toml")));
        assert_eq!(owner(Path::new("a/pm.agent.yml")), Some(PathBuf::from("a/pm.agent.yml")));
        assert_eq!(owner(Path::new("site/config.yaml")), None);
    }

    #[test]
    fn missing_folder() {
        assert_eq!(files_of_kind(Path::new("/no/such/dir"), Kind::Agent).unwrap_err().code(), "E_NOT_FOUND");
    }
}
