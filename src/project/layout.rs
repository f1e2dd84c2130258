//! Where definitions live in a project: the framework folder (`madace/`,
//! `bmad/`, `_bmad/`, or a BMAD source tree's `src/`), its modules (with the
//! MADACE ↔ BMAD name aliases), and safe lookup of files by id.

use crate::error::{Error, Result};
use crate::kind::{self, Kind, FRAMEWORKS};
use crate::project::{discover, madace_dirs};
use crate::source;
use std::path::{Path, PathBuf};

/// MADACE module names and their BMAD twins.
pub const MODULE_ALIASES: [(&str, &str); 2] = [("mam", "bmm"), ("mab", "bmb")];

/// `mam` → [`mam`, `bmm`]; `bmb` → [`bmb`, `mab`]; others → themselves.
pub fn module_names(name: &str) -> Vec<&str> {
    let twin = MODULE_ALIASES.iter().find_map(|&(m, b)| match name {
        n if n == m => Some(b),
        n if n == b => Some(m),
        _ => None,
    });
    std::iter::once(name).chain(twin).collect()
}

/// A module folder of a project.
#[derive(Debug, Clone)]
pub struct Module {
    /// The folder name.
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
}

/// Where a project's framework folder and modules are.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The project root as given.
    pub root: PathBuf,
    /// The folder `{project-root}/_bmad/…` and `madace/…` references resolve into.
    pub framework_dir: PathBuf,
    /// `madace` or `bmad`.
    pub framework: &'static str,
    /// The modules, in name order.
    pub modules: Vec<Module>,
}

fn subdirs(dir: &Path) -> Vec<Module> {
    let mut found: Vec<Module> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| Module { name: e.file_name().to_string_lossy().into_owned(), dir: e.path() })
        .filter(|m| !m.name.starts_with('.'))
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// Finds the framework folder under `root` (or `root` itself when it is one).
pub fn detect(root: &Path) -> Result<Layout> {
    if !root.is_dir() {
        return Err(match root.exists() {
            true => Error::NotADirectory { file: root.display().to_string(), what: "a file" },
            false => Error::NotFound { file: root.display().to_string(), message: "no such folder".into() },
        });
    }
    let own_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let framework_dir = FRAMEWORKS
        .iter()
        .map(|f| root.join(f))
        .find(|d| d.is_dir())
        .or_else(|| FRAMEWORKS.contains(&own_name.as_str()).then(|| root.to_path_buf()));
    if let Some(dir) = framework_dir {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let framework = if name == "madace" { "madace" } else { "bmad" };
        return Ok(Layout { root: root.to_path_buf(), modules: subdirs(&dir), framework_dir: dir, framework });
    }
    // A BMAD-METHOD source checkout: src/core and src/modules/<name>.
    let src = root.join("src");
    if src.join("modules").is_dir() {
        let mut modules: Vec<Module> = Vec::new();
        if src.join("core").is_dir() {
            modules.push(Module { name: "core".into(), dir: src.join("core") });
        }
        modules.extend(subdirs(&src.join("modules")));
        return Ok(Layout { root: root.to_path_buf(), framework_dir: src, framework: "bmad", modules });
    }
    Err(Error::NotFound {
        file: root.display().to_string(),
        message:
            "not a MADACE or BMAD project: looked for madace/, bmad/ and _bmad/ in this folder (and for src/modules/ \
                  of a BMAD source tree), found none"
                .into(),
    })
}

impl Layout {
    /// The module named `name` or its alias (`mam` finds `bmm`).
    pub fn module(&self, name: &str) -> Result<&Module> {
        module_names(name).into_iter().find_map(|n| self.modules.iter().find(|m| m.name == n)).ok_or_else(|| {
            let known: Vec<_> = self.modules.iter().map(|m| m.name.as_str()).collect();
            Error::NotFound {
                file: self.root.display().to_string(),
                message: format!("no module '{name}' in this project (its modules: {})", known.join(", ")),
            }
        })
    }

    /// The agent files of module `name` (or its alias): those under its
    /// `agents/` folder, where the MADACE loader reads them, in path order.
    pub fn module_agent_files(&self, name: &str) -> Result<Vec<PathBuf>> {
        let module = self.module(name)?;
        let dir = module.dir.join("agents");
        discover::files_of_kind(&dir, Kind::Agent).map_err(|err| match err {
            Error::NotFound { file, .. } => {
                Error::NotFound { file, message: format!("module '{}' has no agents/ folder", module.name) }
            }
            other => other,
        })
    }

    /// Agent files of every module that has an `agents/` folder, modules in
    /// name order, files in path order. (Example agents elsewhere in a module,
    /// such as BMAD's `reference/` ones, are not the module's agents.)
    pub fn agent_files(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for module in self.modules.iter().filter(|m| m.dir.join("agents").is_dir()) {
            files.extend(discover::files_of_kind(&module.dir.join("agents"), Kind::Agent)?);
        }
        Ok(files)
    }

    /// Workflow files (both layouts) of one module, in path order.
    pub fn workflow_files(module: &Module) -> Result<Vec<PathBuf>> {
        discover::files_of_kind(&module.dir, Kind::Workflow)
    }

    /// The agent whose file is `<id>.agent.yaml` (or `.yml`), first in module order.
    pub fn find_agent(&self, id: &str) -> Result<PathBuf> {
        check_id(id, &self.root)?;
        let stem = |p: &Path| p.file_name().and_then(|n| n.to_str()).and_then(kind::definition_stem) == Some(id);
        let found = self.agent_files()?.into_iter().find(|p| stem(p));
        let path = found.ok_or_else(|| Error::NotFound {
            file: self.root.display().to_string(),
            message: format!("no agent '{id}' in this project (no {id}.agent.yaml or {id}.agent.yml in any module)"),
        })?;
        self.inside_root(path)
    }

    /// `<name>.workflow.yaml` (flat MADACE) or `<name>/workflow.yaml` (nested
    /// BMAD), first in module order.
    pub fn find_workflow(&self, name: &str) -> Result<Option<PathBuf>> {
        check_id(name, &self.root)?;
        for module in &self.modules {
            let found = Self::workflow_files(module)?.into_iter().find(|p| workflow_name(p) == Some(name));
            if let Some(path) = found {
                return self.inside_root(path).map(Some);
            }
        }
        Ok(None)
    }

    /// [`Layout::find_workflow`], where a missing workflow is `E_NOT_FOUND`.
    pub fn workflow_named(&self, name: &str) -> Result<PathBuf> {
        self.find_workflow(name)?.ok_or_else(|| Error::NotFound {
            file: self.root.display().to_string(),
            message: format!(
                "no workflow '{name}' in this project (no {name}.workflow.yaml or {name}/workflow.yaml in any module)"
            ),
        })
    }

    /// Refuses a file whose real location (symlinks resolved) is outside the
    /// root. Readers check again on the file they open (`load_within`).
    fn inside_root(&self, path: PathBuf) -> Result<PathBuf> {
        source::real_path_within(&path, &self.root)?;
        Ok(path)
    }
}

/// Where a folder loader takes its agents from.
#[derive(Debug, Clone)]
pub enum AgentFolder {
    /// Every agent file under a folder.
    Dir(PathBuf),
    /// The `agents/` folder of a module (or its alias) of the project at `root`.
    Module {
        /// The module's name.
        name: String,
        /// The project root.
        root: PathBuf,
    },
    /// The `agents/` folders of every module of the project at this root.
    All(PathBuf),
    /// [`AgentFolder::Module`] by MADACE-METHOD's rules ([`madace_dirs::agent_dir`]).
    MadaceModule {
        /// The module's name.
        name: String,
        /// The project root.
        root: PathBuf,
    },
    /// The agents of modules `mam`, `mab` and `cis` by MADACE-METHOD's rules,
    /// modules without an agent folder skipped.
    MadaceAll(PathBuf),
}

impl AgentFolder {
    /// The folder its files must be inside: the folder, or the project root.
    pub fn root(&self) -> PathBuf {
        match self {
            AgentFolder::Dir(dir)
            | AgentFolder::All(dir)
            | AgentFolder::MadaceAll(dir)
            | AgentFolder::Module { root: dir, .. }
            | AgentFolder::MadaceModule { root: dir, .. } => dir.clone(),
        }
    }

    /// The agent files, in path order.
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        match self {
            AgentFolder::Dir(dir) => discover::files_of_kind(dir, Kind::Agent),
            AgentFolder::Module { name, root } => detect(root)?.module_agent_files(name),
            AgentFolder::All(root) => detect(root)?.agent_files(),
            AgentFolder::MadaceModule { name, root } => {
                discover::files_of_kind(&madace_dirs::agent_dir(root, name)?, Kind::Agent)
            }
            AgentFolder::MadaceAll(root) => {
                let mut files = Vec::new();
                for dir in madace_dirs::AGENT_MODULES.iter().filter_map(|m| madace_dirs::module_dir(root, m, "agents"))
                {
                    files.extend(discover::files_of_kind(&dir, Kind::Agent)?);
                }
                Ok(files)
            }
        }
    }
}

/// The name a workflow file is found by: `<name>.workflow.yaml` (flat MADACE
/// layout) or `<name>/workflow.yaml` (nested BMAD layout), `.yml` alike.
pub fn workflow_name(path: &Path) -> Option<&str> {
    let file = path.file_name()?.to_str()?;
    match kind::definition_stem(file) {
        Some(stem) => Some(stem),
        None if kind::is_workflow_file(file) => path.parent()?.file_name()?.to_str(),
        None => None,
    }
}

/// Longest id accepted: file names are at most 255 bytes on common file systems.
const MAX_ID_LEN: usize = 128;

/// Ids name files; they may not be paths.
pub fn check_id(id: &str, root: &Path) -> Result<()> {
    if id.len() > MAX_ID_LEN {
        let shown: String = id.chars().take(40).collect();
        return Err(Error::Path {
            file: format!("{shown}…"),
            message: format!(
                "an id of {} bytes is longer than a file name can be (ids have at most {MAX_ID_LEN}); refusing to look for it in {}",
                id.len(),
                root.display()
            ),
        });
    }
    let ok = !id.is_empty()
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        return Ok(());
    }
    Err(Error::Path {
        file: id.to_string(),
        message: format!(
            "'{id}' is not an id: ids are file names made of letters, digits, '-', '_' and '.', never paths; refusing to look outside {}",
            root.display()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
    }

    #[test]
    fn aliases_both_ways() {
        assert_eq!(module_names("mam"), ["mam", "bmm"]);
        assert_eq!(module_names("bmb"), ["bmb", "mab"]);
        assert_eq!(module_names("cis"), ["cis"]);
    }

    #[test]
    fn example_layout() {
        let layout = detect(&examples()).unwrap();
        assert_eq!(layout.framework, "madace");
        let names: Vec<_> = layout.modules.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["core", "mam"]);
        assert_eq!(layout.module("bmm").unwrap().name, "mam");
        assert_eq!(layout.module("cis").unwrap_err().code(), "E_NOT_FOUND");
        assert!(layout.find_agent("pm").unwrap().ends_with("madace/mam/agents/pm.agent.yaml"));
        assert!(layout.find_workflow("create-story").unwrap().unwrap().ends_with("create-story.workflow.yaml"));
        assert_eq!(layout.find_workflow("nope").unwrap(), None);
    }

    #[test]
    fn ids_cannot_escape() {
        let layout = detect(&examples()).unwrap();
        for id in ["../pm", "..", "/etc/passwd", "mam/agents/pm", "a\\b", "", ".hidden", "pm\0"] {
            assert_eq!(layout.find_agent(id).unwrap_err().code(), "E_PATH", "{id:?}");
        }
        assert_eq!(layout.find_agent("ghost").unwrap_err().code(), "E_NOT_FOUND");
    }
}
