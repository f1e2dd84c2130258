//! MADACE-METHOD's own folder rules (its `lib/agents/loader.ts` and
//! `lib/workflows/loader.ts`), which `madace-core/madace` follows: a module's
//! folder is `<root>/<framework>/<module>/{agents,workflows}`, the framework
//! `madace` or its BMAD twin `bmad`, the module its name or its twin (`mam` ↔
//! `bmm`, `mab` ↔ `bmb`), names matched in lower case.

use crate::error::{Error, Result};
use crate::project::layout::{check_id, module_names};
use std::path::{Path, PathBuf};

/// The framework folders a module is looked for in, in order.
pub const FRAMEWORKS: [&str; 2] = ["madace", "bmad"];
/// The modules `loadAllAgents` reads.
pub const AGENT_MODULES: [&str; 3] = ["mam", "mab", "cis"];
/// The modules `loadAllWorkflows` and `getWorkflowDirectories` cover.
pub const WORKFLOW_MODULES: [&str; 4] = ["mam", "mab", "cis", "core"];

/// `MAM` → [`mam`, `bmm`]; a name without a twin → [itself], lower-cased.
pub fn module_variants(name: &str) -> Vec<String> {
    module_names(&name.to_lowercase()).into_iter().map(str::to_string).collect()
}

/// `madace` → [`madace`, `bmad`], `bmad` → [`bmad`, `madace`]; others → [itself], lower-cased.
pub fn framework_variants(name: &str) -> Vec<String> {
    let name = name.to_lowercase();
    let twin = match name.as_str() {
        "madace" => Some("bmad"),
        "bmad" => Some("madace"),
        _ => None,
    };
    std::iter::once(name.clone()).chain(twin.map(str::to_string)).collect()
}

/// Every `<root>/<framework>/<variant>/<sub>` of the modules, existing or
/// not, in lookup order: frameworks, then modules, then each module's twins.
fn candidates(root: &Path, frameworks: &[String], modules: &[&str], sub: &str) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for framework in frameworks {
        for module in modules {
            dirs.extend(module_variants(module).iter().map(|m| root.join(framework).join(m).join(sub)));
        }
    }
    dirs
}

/// The first existing `agents/` or `workflows/` folder (`sub`) of `module`
/// (`resolveAgentDirectory`, `resolveWorkflowDirectory`).
pub fn module_dir(root: &Path, module: &str, sub: &str) -> Option<PathBuf> {
    candidates(root, &FRAMEWORKS.map(String::from), &[module], sub).into_iter().find(|d| d.is_dir())
}

/// [`module_dir`] for agents, where none is `E_NOT_FOUND` naming the folders looked in.
pub fn agent_dir(root: &Path, module: &str) -> Result<PathBuf> {
    module_dir(root, module, "agents").ok_or_else(|| {
        let looked: Vec<_> = candidates(Path::new(""), &FRAMEWORKS.map(String::from), &[module], "agents")
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        Error::NotFound {
            file: root.display().to_string(),
            message: format!("no agent folder for module '{module}' (looked for {})", looked.join(", ")),
        }
    })
}

/// Every workflow folder MADACE-METHOD looks in (`getWorkflowDirectories`), existing or not.
pub fn workflow_dirs(root: &Path) -> Vec<PathBuf> {
    candidates(root, &FRAMEWORKS.map(String::from), &WORKFLOW_MODULES, "workflows")
}

/// The `.yaml` files directly inside every existing workflow folder of
/// `module` (`loadWorkflowsByModule`), folder by folder, names sorted.
pub fn module_workflow_files(root: &Path, module: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for dir in candidates(root, &framework_variants("madace"), &[module], "workflows").iter().filter(|d| d.is_dir()) {
        let read = std::fs::read_dir(dir)
            .map_err(|e| Error::Io { file: dir.display().to_string(), message: e.to_string() })?;
        let mut found: Vec<PathBuf> = read
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// `findWorkflow(name)`: in each of [`workflow_dirs`], `<name>.workflow.yaml`,
/// `<name>.yaml`, then a nested `<folder>/<name>/workflow.yaml` or
/// `<name>/workflow.yaml`. Unlike MADACE-METHOD, a name is never a path
/// (`E_PATH`), so it cannot reach outside the project.
pub fn find_workflow(root: &Path, name: &str) -> Result<Option<PathBuf>> {
    check_id(name, root)?;
    for dir in workflow_dirs(root) {
        let flat = [format!("{name}.workflow.yaml"), format!("{name}.yaml")].map(|f| dir.join(f));
        if let Some(found) = flat.into_iter().find(|p| p.is_file()) {
            return Ok(Some(found));
        }
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut folders: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            let nested = folder.join(name).join("workflow.yaml");
            if nested.is_file() {
                return Ok(Some(nested));
            }
            if folder.file_name().is_some_and(|n| n == name) && folder.join("workflow.yaml").is_file() {
                return Ok(Some(folder.join("workflow.yaml")));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_their_twins() {
        assert_eq!(module_variants("MAM"), ["mam", "bmm"]);
        assert_eq!(module_variants("bmb"), ["bmb", "mab"]);
        assert_eq!(module_variants("cis"), ["cis"]);
        assert_eq!(framework_variants("BMAD"), ["bmad", "madace"]);
        assert_eq!(framework_variants("other"), ["other"]);
    }

    #[test]
    fn folders_are_found_through_either_twin() {
        let root = std::env::temp_dir().join(format!("madace-dirs-{}", std::process::id()));
        std::fs::create_dir_all(root.join("bmad/bmm/agents")).unwrap();
        std::fs::create_dir_all(root.join("madace/mam/workflows")).unwrap();
        std::fs::create_dir_all(root.join("bmad/bmm/workflows/nested")).unwrap();
        for file in [
            "madace/mam/workflows/b.yaml",
            "madace/mam/workflows/a.workflow.yaml",
            "madace/mam/workflows/notes.md",
            "bmad/bmm/workflows/c.yaml",
        ] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        assert_eq!(agent_dir(&root, "mam").unwrap(), root.join("bmad/bmm/agents"));
        let e = agent_dir(&root, "cis").unwrap_err();
        assert_eq!(e.code(), "E_NOT_FOUND");
        assert!(e.to_string().contains("looked for madace/cis/agents, bmad/cis/agents"), "{e}");
        let files = module_workflow_files(&root, "bmm").unwrap();
        let names: Vec<_> = files.iter().map(|p| p.strip_prefix(&root).unwrap().display().to_string()).collect();
        assert_eq!(
            names,
            ["madace/mam/workflows/a.workflow.yaml", "madace/mam/workflows/b.yaml", "bmad/bmm/workflows/c.yaml"]
        );
        assert_eq!(workflow_dirs(&root).len(), 12);
        std::fs::create_dir_all(root.join("bmad/bmm/workflows/2-plan/prd")).unwrap();
        std::fs::write(root.join("bmad/bmm/workflows/2-plan/prd/workflow.yaml"), "x").unwrap();
        let found =
            |name| find_workflow(&root, name).unwrap().map(|p| p.strip_prefix(&root).unwrap().display().to_string());
        assert_eq!(found("a").as_deref(), Some("madace/mam/workflows/a.workflow.yaml"));
        assert_eq!(found("b").as_deref(), Some("madace/mam/workflows/b.yaml"));
        assert_eq!(found("prd").as_deref(), Some("bmad/bmm/workflows/2-plan/prd/workflow.yaml"));
        assert_eq!(found("nothing"), None);
        assert_eq!(find_workflow(&root, "../../etc/passwd").unwrap_err().code(), "E_PATH");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
