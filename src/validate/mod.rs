//! `validate(paths)`: the CLI's and CI's main job. Files and folders in,
//! one report per definition file out, every problem located. What a file
//! is comes from [`crate::kind`]; a TOML layer is checked through the file
//! that owns it.

mod summary;

use crate::codes::{E_LINT, E_UNKNOWN_KIND, W_LINT, W_RENAMED_SKILL, W_UNKNOWN_KEY, W_UNKNOWN_PLACEHOLDER};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::kind::Kind;
use crate::parallel;
use crate::project::discover;
use crate::reach::{self, Everything, Reach};
use crate::schema::agent::{self, Agent};
use crate::schema::config;
use crate::schema::lint::{self, Framework};
use crate::schema::workflow;
use crate::schema::Dialect;
use crate::skill;
use crate::source;
use crate::yaml::Node;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
pub use summary::{AgentSummary, SkillSummary, SprintSummary, WorkflowSummary};

/// The result of validating many files.
#[derive(Debug, Serialize)]
pub struct Report {
    /// One entry per definition file, in path order.
    pub files: Vec<FileReport>,
    /// Files that loaded without an error.
    pub passed: usize,
    /// How many files have errors.
    pub failed: usize,
}

/// What a report entry was checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Checked {
    /// An `*.agent.yaml`.
    Agent,
    /// A `*.workflow.yaml` or nested `workflow.yaml`.
    Workflow,
    /// A `core/config.yaml`, or BMAD 6.x's `_bmad/config.toml` with its layers.
    Config,
    /// A BMAD 6.x skill: its `SKILL.md`, with the folder's `customize.toml` and layers.
    Skill,
    /// BMAD 6.x's story board, `sprint-status.yaml`.
    #[serde(rename = "sprintStatus")]
    SprintStatus,
    /// A file that is no definition file, or a layer without its owner.
    Unknown,
}

impl Checked {
    fn of(kind: Option<Kind>) -> Checked {
        match kind {
            Some(Kind::Agent) => Checked::Agent,
            Some(Kind::Workflow) => Checked::Workflow,
            Some(Kind::Config | Kind::CentralConfig | Kind::CentralConfigLayer) => Checked::Config,
            Some(Kind::Skill | Kind::SkillLayer) => Checked::Skill,
            Some(Kind::SprintStatus) => Checked::SprintStatus,
            None => Checked::Unknown,
        }
    }
}

/// The result for one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The file.
    pub path: String,
    /// What it was checked as.
    pub kind: Checked,
    /// Present when an agent loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentSummary>,
    /// Present when a workflow loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<WorkflowSummary>,
    /// Present when a skill loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill: Option<SkillSummary>,
    /// Present for a BMAD sprint board that loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sprint: Option<SprintSummary>,
    /// Every problem, in file order.
    pub problems: Vec<Diagnostic>,
}

impl FileReport {
    fn new(path: &Path, kind: Checked) -> FileReport {
        let path = path.display().to_string();
        FileReport { path, kind, agent: None, workflow: None, skill: None, sprint: None, problems: Vec::new() }
    }

    fn failed(path: &Path, kind: Checked, problems: Vec<Diagnostic>) -> FileReport {
        FileReport { problems, ..FileReport::new(path, kind) }
    }
}

/// How strictly to validate, and in which dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also apply the strict lint rules (`lint::lint_agent`) to agents that
    /// load: MADACE's for the MADACE dialect and files under `madace/`,
    /// BMAD's for the others (see [`Framework::of`]).
    pub strict: bool,
    /// The shapes every file is checked against.
    pub dialect: Dialect,
}

/// Validates files and (recursively) folders; a path that cannot be read or
/// searched is reported as a failed entry, never as an abort. A layer named
/// on its own is checked through its owner, once however many of its layers
/// are named.
pub fn validate(paths: &[PathBuf], options: Options) -> Report {
    // Each file to check, with the folder it was found in (it is read only
    // while it is still inside it); files named explicitly are the caller's.
    let roots: Vec<Option<PathBuf>> = paths.iter().map(|p| p.is_dir().then(|| source::confine(p))).collect();
    let mut targets: Vec<(PathBuf, Option<&Path>)> = Vec::new();
    let mut files = Vec::new();
    // The skills installed under each project root its override files name, found once a root.
    let mut installed: HashMap<PathBuf, Vec<String>> = HashMap::new();
    for (path, root) in paths.iter().zip(&roots) {
        if let Some(root) = root {
            // Layers too: a customize.toml without its SKILL.md, an override of a skill not installed.
            let wanted = |p: &Path| Kind::of(p).is_some_and(|k| k.is_checked_alone() || k == Kind::SkillLayer);
            match discover::walk(path, wanted) {
                Ok(found) => {
                    for file in found.files {
                        if Kind::of(&file) != Some(Kind::SkillLayer) {
                            add(&mut targets, file, Some(root));
                        } else if let Some(layer) = discover::OverrideLayer::of(&file) {
                            let names = installed
                                .entry(layer.root.clone())
                                .or_insert_with(|| discover::skill_names(&layer.root));
                            if !names.contains(&layer.skill) {
                                files.push(orphan_layer(&file, &layer, names));
                            }
                        } else if let Some(owner) = discover::owner(&file).filter(|owner| !owner.exists()) {
                            // A customize.toml without its SKILL.md.
                            add(&mut targets, owner, Some(root));
                        }
                    }
                    // A folder that could not be searched is reported; the rest is still checked.
                    for err in found.skipped {
                        let folder = PathBuf::from(err.file());
                        files.push(FileReport::failed(&folder, Checked::Unknown, Diagnostic::from_error(&err)));
                    }
                }
                Err(err) => files.push(FileReport::failed(path, Checked::Unknown, Diagnostic::from_error(&err))),
            }
        } else {
            match discover::owner(path) {
                Some(owner) => add(&mut targets, owner, None),
                None if !path.exists() => {
                    let missing = Error::missing_file(path, &path.display().to_string());
                    files.push(FileReport::failed(path, Checked::Unknown, Diagnostic::from_error(&missing)));
                }
                None => files.push(unknown(path)),
            }
        }
    }
    files.extend(parallel::map(&targets, |(path, within)| check_file::<Everything>(path, *within, options)));
    report(files)
}

/// `file` to check, once.
fn add<'r>(targets: &mut Vec<(PathBuf, Option<&'r Path>)>, file: PathBuf, within: Option<&'r Path>) {
    if !targets.iter().any(|(t, _)| *t == file) {
        targets.push((file, within));
    }
}

/// An override file (`_bmad/custom/<skill>.toml`) of a skill that is not
/// installed: a warning naming the skill that took its place, or the
/// installed skill it is probably a typo of.
fn orphan_layer(path: &Path, layer: &discover::OverrideLayer, installed: &[String]) -> FileReport {
    let name = layer.skill.as_str();
    let why = match skill::renames::current(name) {
        Some(now) if installed.iter().any(|n| n == now) => {
            format!(": BMAD renamed it '{now}'; rename this file {}", layer.file_for(now))
        }
        Some(now) => format!(": BMAD renamed it '{now}', which is not installed either"),
        None => match crate::schema::suggest::near_miss(name, installed.iter().map(String::as_str)) {
            Some(meant) => format!(" — did you mean '{meant}'? (rename this file {})", layer.file_for(meant)),
            None => " (renamed or retired?)".to_string(),
        },
    };
    let message = format!("no skill '{name}' is installed in this project, so this override customizes nothing{why}");
    FileReport {
        problems: vec![Diagnostic::whole_file(W_RENAMED_SKILL, message)],
        ..FileReport::new(path, Checked::Skill)
    }
}

/// Checks `text` as the file at `path` would be checked, without reading
/// that file or writing anything: unsaved editor text, `--stdin`. Other
/// files it brings in (a skill's layers, its `SKILL.md`) are read from disk.
pub fn validate_text(path: &Path, text: &str, options: Options) -> Report {
    report(vec![text_report::<Everything>(path, text, options)])
}

/// [`validate_text`] in a build of reach `R`: `E_NOT_IN_BUILD` for a kind outside it.
pub fn validate_text_in<R: Reach>(path: &Path, text: &str, options: Options) -> Result<Report> {
    reach::require::<R>(path)?;
    Ok(report(vec![text_report::<R>(path, text, options)]))
}

fn text_report<R: Reach>(path: &Path, text: &str, options: Options) -> FileReport {
    match discover::owner(path) {
        Some(owner) => source::with_text(path, text, || check_file::<R>(&owner, None, options)),
        None => unknown(path),
    }
}

fn report(files: Vec<FileReport>) -> Report {
    // Warnings alone never fail a file.
    let failed = files.iter().filter(|f| f.problems.iter().any(|p| p.severity == Severity::Error)).count();
    Report { passed: files.len() - failed, failed, files }
}

/// A file validate cannot tell the kind of, or a layer whose skill is gone.
fn unknown(path: &Path) -> FileReport {
    if let Some(layer) = discover::OverrideLayer::of(path) {
        return orphan_layer(path, &layer, &discover::skill_names(&layer.root));
    }
    let message = "cannot tell what kind of definition file this is by its name".to_string();
    FileReport::failed(path, Checked::Unknown, vec![Diagnostic::whole_file(E_UNKNOWN_KIND, message)])
}

/// Loads an agent and, when strict, lints the tree as written (before
/// defaults); else warns of the keys the schema does not know.
fn load_agent(path: &Path, within: Option<&Path>, options: Options) -> Result<(Agent, Vec<Diagnostic>)> {
    let framework = match options.dialect {
        Dialect::Madace => Framework::Madace,
        Dialect::Any => Framework::of(path),
    };
    let (severity, code) = if options.strict { (Severity::Error, E_LINT) } else { (Severity::Warning, W_UNKNOWN_KEY) };
    let check = |root: &Node| if options.strict { lint::lint_agent(root, framework) } else { lint::unknown_keys(root) };
    let (agent, found) = agent::load_checked(path, within, options.dialect, check)?;
    Ok((agent, found.iter().map(|issue| Diagnostic::from_issue(severity, code, issue)).collect()))
}

/// Checks one file; `within`: the folder it was found in, if any. Skills
/// and the central config only when `R` reaches them.
fn check_file<R: Reach>(path: &Path, within: Option<&Path>, options: Options) -> FileReport {
    let kind = Kind::of(path);
    let mut report = FileReport::new(path, Checked::of(kind));
    // Lint findings that stand whether or not the file loads (a skill folder's rules).
    let mut rules = Vec::new();
    let loaded = match kind {
        Some(Kind::Agent) => load_agent(path, within, options).map(|(agent, lint)| {
            report.agent = Some(AgentSummary::of(&agent));
            report.problems = lint;
        }),
        Some(Kind::Workflow) => {
            workflow::load_in(path, within, options.dialect).map(|w| report.workflow = Some(WorkflowSummary::of(&w)))
        }
        Some(Kind::CentralConfig) if R::SKILLS => {
            let root = path.parent().and_then(Path::parent).unwrap_or(Path::new("."));
            skill::resolve_config(root).map(drop)
        }
        Some(Kind::Config) => config::load_in(path, within, options.dialect).map(drop),
        Some(Kind::SprintStatus) => crate::sprint::load(path).map(|board| {
            report.sprint = Some(SprintSummary::of(&board));
            report.problems = board.problems;
        }),
        Some(Kind::Skill) if R::SKILLS => {
            let (loaded, found) = check_skill(path, options);
            rules = found;
            loaded.map(|summary| report.skill = Some(summary))
        }
        // Layers reach here only through their owner; a skill or the central
        // config only in a build that reaches them (validate_text_in refuses them first).
        Some(Kind::Skill | Kind::SkillLayer | Kind::CentralConfig | Kind::CentralConfigLayer) | None => {
            return unknown(path)
        }
    };
    if let Err(err) = loaded {
        report.problems =
            Diagnostic::from_error(&err).into_iter().map(|p| p.in_file(err.file(), &report.path)).collect();
        // Through its customize.toml: a skill whose SKILL.md is missing.
        let customize = path.with_file_name(crate::kind::CUSTOMIZE_FILE);
        let missing =
            R::SKILLS && kind == Some(Kind::Skill) && err.code() == crate::codes::E_NOT_FOUND && !source::is_file(path);
        if missing && source::is_file(&customize) {
            report.problems = without_skill_md(&customize, err.code(), &report.path);
        }
    }
    report.problems.extend(rules);
    report.problems = Diagnostic::capped(report.problems);
    report
}

/// A customize.toml whose SKILL.md is missing. In a folder on disk, that
/// breaks BMAD's SKILL-01, and the layer's own mistakes are reported beside
/// it; a customize.toml standing alone (pasted, piped, its folder nowhere)
/// is checked as the skill's defaults, its `[agent]` table included.
fn without_skill_md(customize: &Path, code: &'static str, own: &str) -> Vec<Diagnostic> {
    let dir = customize.parent().unwrap_or(Path::new("."));
    let on_disk = dir.is_dir();
    let mut problems = Vec::new();
    if on_disk {
        let message = "the skill folder has a customize.toml but no SKILL.md: add SKILL.md (a frontmatter with \
                       name and description, then the instructions)";
        problems.push(Diagnostic { rule: Some("SKILL-01"), ..Diagnostic::whole_file(code, message.into()) });
    }
    let checked = skill::resolve_customization(dir, None).and_then(|merged| {
        if on_disk || merged.tree.get("agent").is_none() {
            Ok(())
        } else {
            skill::agent::check(&merged)
        }
    });
    if let Err(err) = checked {
        problems.extend(Diagnostic::from_error(&err).into_iter().map(|p| p.in_file(err.file(), own)));
    }
    problems
}

/// A skill: its SKILL.md and merged customization; an agent skill's agent
/// checked. Strict: the rules of the skill folder and of its layers, each
/// finding an error or a warning by its rule; else the keys an override
/// layer adds that the skill does not have, as warnings.
fn check_skill(skill_md: &Path, options: Options) -> (Result<SkillSummary>, Vec<Diagnostic>) {
    let dir = skill_md.parent().unwrap_or(Path::new("."));
    let own = skill_md.display().to_string();
    // The folder's rules hold whether or not the skill loads (BMAD reports them all).
    let mut found: Vec<Diagnostic> = match options.strict {
        true => {
            skill::rules::check(dir).into_iter().map(|f| rule_diagnostic(&f.issue, f.file.as_deref(), &own)).collect()
        }
        false => Vec::new(),
    };
    let loaded = match skill::load_checked(dir, None) {
        Ok(loaded) => loaded,
        Err(err) => return (Err(err), found),
    };
    let layers = match options.strict {
        true => skill::lint::lint(&loaded),
        false => skill::lint::unknown_overrides(&loaded),
    };
    found.extend(layers.iter().map(|issue| match options.strict {
        true => rule_diagnostic(issue, None, &own),
        false => Diagnostic::from_issue(Severity::Warning, W_UNKNOWN_KEY, issue),
    }));
    let placeholders = skill::placeholders::unknown(&loaded);
    found.extend(
        placeholders.iter().map(|issue| Diagnostic::from_issue(Severity::Warning, W_UNKNOWN_PLACEHOLDER, issue)),
    );
    (Ok(SkillSummary::of(&loaded)), found)
}

/// A lint finding as a problem: `E_LINT` or `W_LINT` by its rule's severity,
/// in `file` when it is not the skill's `SKILL.md`.
fn rule_diagnostic(issue: &crate::Issue, file: Option<&Path>, own: &str) -> Diagnostic {
    let severity = skill::rules::severity(issue);
    let code = if severity == Severity::Error { E_LINT } else { W_LINT };
    let diagnostic = Diagnostic::from_issue(severity, code, issue);
    match file {
        Some(file) => diagnostic.in_file(&file.display().to_string(), own),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` written at `name` under `dir`, its folders made.
    fn written(dir: &Path, name: &str, text: &str) -> PathBuf {
        let file = dir.join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        file
    }

    #[test]
    fn example_tree_validates() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/madace");
        let report = validate(&[root], Options::default());
        assert_eq!((report.passed, report.failed), (10, 0));
        let kinds: Vec<_> = report.files.iter().map(|f| f.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == Checked::Workflow).count(), 4);
        assert_eq!(kinds.iter().filter(|k| **k == Checked::Config).count(), 1);
        let pm = report.files.iter().find_map(|f| f.agent.as_ref().filter(|a| a.id == "pm")).unwrap();
        assert_eq!((pm.name.as_str(), pm.title.as_str(), pm.menu_items), ("PM", "Product Manager", 4));
    }

    #[test]
    fn the_yaml_build_checks_yaml_kinds_as_the_full_one_and_refuses_the_others() {
        use crate::reach::YamlOnly;
        let options = Options { strict: true, dialect: Dialect::Any };
        let texts = [
            ("pm.agent.yaml", "agent:\n  metadata: {name: PM}\n"),
            ("w/workflow.yaml", "name: w\nsteps: [\n"),
            ("sprint-status.yaml", "development_status: {}\n"),
            ("notes.md", "# notes\n"),
        ];
        for (name, text) in texts {
            let full = serde_json::to_value(validate_text(Path::new(name), text, options)).unwrap();
            let yaml =
                serde_json::to_value(validate_text_in::<YamlOnly>(Path::new(name), text, options).unwrap()).unwrap();
            assert_eq!(yaml, full, "{name}");
            assert_eq!(full["failed"], 1, "{name}");
        }
        let refused = validate_text_in::<YamlOnly>(Path::new("s/customize.toml"), "[agent]\n", options).unwrap_err();
        assert_eq!((refused.code(), refused.file()), ("E_NOT_IN_BUILD", "s/customize.toml"));
    }

    #[test]
    fn unreadable_paths_are_reported_not_fatal() {
        let report = validate(&[PathBuf::from("/no/such/dir/x.agent.yaml")], Options::default());
        assert_eq!((report.passed, report.failed), (0, 1));
        assert_eq!(report.files[0].problems[0].code, "E_NOT_FOUND");
    }

    #[test]
    fn a_file_of_no_known_kind_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let hugo = written(dir.path(), "site/config.yaml", "baseURL: https://example.org/\n");
        let report = validate(&[hugo], Options::default());
        assert_eq!((report.failed, report.files[0].kind), (1, Checked::Unknown));
        assert_eq!(report.files[0].problems[0].code, "E_UNKNOWN_KIND");
    }

    #[test]
    fn text_is_checked_as_the_file_it_stands_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pm.agent.yml");
        let report = validate_text(&path, "agent:\n  metadata:\n    name: PM\n", Options::default());
        assert_eq!(report.files[0].kind, Checked::Agent);
        let problems: Vec<_> = report.files[0].problems.iter().map(|p| (p.code, p.line)).collect();
        assert!(problems.iter().all(|(code, _)| *code == "E_SCHEMA"), "{problems:?}");
        assert!(!path.exists(), "nothing is written");
    }

    #[test]
    fn a_skill_is_checked_from_its_text_where_its_folder_does_not_exist() {
        let nowhere = Path::new("/no/such/dir/my-skill");
        let skill_md = "---\nname: my-skill\ndescription: Does a thing.\n---\n# My skill\n";
        let report = validate_text(&nowhere.join("SKILL.md"), skill_md, Options { strict: true, ..Options::default() });
        assert_eq!((report.passed, report.files[0].skill.as_ref().map(|s| s.name.as_str())), (1, Some("my-skill")));
        // A customize.toml alone: its own mistakes, located in it, and no SKILL-01 for a folder that is nowhere.
        let layer = nowhere.join("customize.toml");
        let report = validate_text(&layer, "[agent]\nname = \"John\"\ntitle = 3\n", Options::default());
        let found: Vec<_> = report.files[0].problems.iter().map(|p| (p.code, p.line, p.column, p.rule)).collect();
        assert_eq!(found, [("E_SCHEMA", Some(3), Some(9), None)]);
        assert_eq!(validate_text(&layer, "[workflow]\nsteps = 3\n", Options::default()).failed, 0);
    }

    #[test]
    fn a_customize_toml_in_a_folder_without_skill_md_breaks_skill_01() {
        let dir = tempfile::tempdir().unwrap();
        let layer = written(dir.path(), "my-skill/customize.toml", "[agent]\nname = \"John\"\n");
        let report = validate(std::slice::from_ref(&layer), Options::default());
        let found: Vec<_> = report.files[0].problems.iter().map(|p| (p.code, p.rule)).collect();
        assert_eq!(found, [("E_NOT_FOUND", Some("SKILL-01"))]);
        // With the layer's own mistake beside it, located in the layer.
        let report = validate_text(&layer, "[agent]\nname = \"John\n", Options::default());
        let found: Vec<_> = report.files[0].problems.iter().map(|p| (p.code, p.rule, p.line)).collect();
        assert_eq!(found, [("E_NOT_FOUND", Some("SKILL-01"), None), ("E_TOML", None, Some(2))]);
    }
}
