//! BMAD's rules of a skill's other files: no `installed_path` (PATH-02) and
//! no time estimates (SEQ-02) in its Markdown and YAML, no compile-time
//! `{{.var}}` in its templates (TPL-01), and its `steps/` folder's names,
//! frontmatter and count (STEP-01, STEP-06, STEP-07). Code blocks are left
//! out of the text rules, as BMAD leaves them out.

use super::Finding;
use crate::error::{Issue, Location};
use crate::skill::frontmatter::split;
use crate::source;
use regex_lite::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Most files looked at in one skill, how deep, and how many bytes in all:
/// real skills have a few dozen files of a few KB, two levels deep.
const MAX_FILES: usize = 2_000;
const MAX_DEPTH: usize = 8;
const MAX_TOTAL_BYTES: u64 = 32 * 1024 * 1024;
const STEPS_DIR: &str = "steps";

static STEP_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^step-\d{2}[a-z]?-[a-z0-9-]+\.md$").unwrap());
static TIME_ESTIMATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:takes?\s+\d+\s*min|~\s*\d+\s*min|estimated\s+time)|\bETA\b").unwrap());
static COMPILE_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{\.\w+\}\}").unwrap());

/// The findings in the files of the skill folder `dir`, `SKILL.md` included.
pub fn check(dir: &Path) -> Vec<Finding> {
    let mut found = Vec::new();
    let within = source::confine(dir);
    for file in files(dir) {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "md" | "yaml" | "yml") {
            continue;
        }
        let Ok(text) = source::read_text_in(&file, Some(&within)) else { continue };
        let in_file =
            |issue: Issue| Finding { file: (file != dir.join(crate::kind::SKILL_FILE)).then(|| file.clone()), issue };
        let template =
            ext == "md" && file.file_name().is_some_and(|n| n.to_string_lossy().to_lowercase().contains("template"));
        for (n, line, in_code) in lines(&text) {
            if template {
                if let Some(m) = COMPILE_TIME.find(line) {
                    let message = format!(
                        "'{}' is substituted when the template is rendered, freezing a machine-local value into every \
                         file made from it: write '{{var}}' for the agent to resolve",
                        m.as_str()
                    );
                    found.push(in_file(Issue::ruled("(template)", at(n, line, m.start()), "TPL-01", message)));
                }
            }
            if in_code {
                continue;
            }
            if let Some(i) = line.to_ascii_lowercase().find("installed_path") {
                let message =
                    "installed_path is gone from BMAD skills: refer to files by relative paths (./file, ../file)";
                found.push(in_file(Issue::ruled("(text)", at(n, line, i), "PATH-02", message)));
            }
            if let Some(m) = TIME_ESTIMATE.find(line) {
                let message =
                    format!("'{}' is a time estimate: an agent's speed varies too much for one, remove it", m.as_str());
                found.push(in_file(Issue::ruled("(text)", at(n, line, m.start()), "SEQ-02", message)));
            }
        }
    }
    found.extend(steps(dir, &within));
    found
}

/// The `steps/` folder's rules.
fn steps(dir: &Path, within: &Path) -> Vec<Finding> {
    let folder = dir.join(STEPS_DIR);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .take(MAX_FILES)
        .collect();
    names.sort();
    let mut found = Vec::new();
    for name in &names {
        let file = folder.join(name);
        if !STEP_NAME.is_match(name) {
            let message =
                format!("the step file '{name}' is not named step-NN-name.md (NN two digits, a letter may follow)");
            found.push(Finding {
                file: Some(file.clone()),
                issue: Issue::ruled("(file name)", Location::START, "STEP-01", message),
            });
        }
        let Ok(text) = source::read_text_in(&file, Some(within)) else { continue };
        for (key, at) in step_keys(&text) {
            let message = format!("'{key}' does not belong in a step file's frontmatter (SKILL.md names and describes the skill): remove it");
            found.push(Finding { file: Some(file.clone()), issue: Issue::ruled(key, at, "STEP-06", message) });
        }
    }
    let count = names.iter().filter(|n| n.starts_with("step-")).count();
    if count == 1 || count > 10 {
        let message = match count {
            1 => "only 1 step file: put its instructions in the workflow itself".to_string(),
            n if n >= MAX_FILES => {
                format!("at least {n} step files: more than 10 risks the agent losing context; merge some")
            }
            n => format!("{n} step files: more than 10 risks the agent losing context; merge some"),
        };
        found.push(Finding { file: Some(folder), issue: Issue::ruled("(steps)", Location::START, "STEP-07", message) });
    }
    found
}

/// `name:` and `description:` lines at the top level of a step file's
/// frontmatter (BMAD's reading: leading blank lines skipped, a frontmatter
/// never closed is none).
fn step_keys(text: &str) -> Vec<(&'static str, Location)> {
    let trimmed = text.trim_start();
    let Some((yaml, _)) = split(trimmed) else { return Vec::new() };
    let skipped = text[..text.len() - trimmed.len()].matches('\n').count();
    // `split` puts an empty line in place of the opening `---`: its lines are the file's.
    let keys = yaml.lines().enumerate().flat_map(|(i, line)| {
        let at = Location::new(skipped + i + 1, 1);
        ["name", "description"]
            .into_iter()
            .filter(move |key| line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
            .map(move |key| (key, at))
    });
    keys.collect()
}

/// The lines of `text`, numbered from 1, each with whether it is inside a
/// fenced code block (the fences included).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut in_code = false;
    text.lines().enumerate().map(move |(i, line)| {
        let fence = line.trim_start().starts_with("```");
        let inside = in_code || fence;
        if fence {
            in_code = !in_code;
        }
        (i + 1, line, inside)
    })
}

fn at(line: usize, text: &str, byte: usize) -> Location {
    Location::new(line, text[..byte].chars().count() + 1)
}

/// The skill's files, sorted, without following links or going into
/// `node_modules` and `.git`; at most [`MAX_FILES`] of [`MAX_TOTAL_BYTES`]
/// in all, [`MAX_DEPTH`] deep (a hostile folder is cut, not read whole).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut total = 0u64;
    let mut pending = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.filter_map(|e| e.ok()) {
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            if kind.is_dir() && depth < MAX_DEPTH && name != "node_modules" && name != ".git" {
                pending.push((entry.path(), depth + 1));
            } else if kind.is_file() && found.len() < MAX_FILES {
                total += entry.metadata().map_or(0, |m| m.len());
                if total <= MAX_TOTAL_BYTES {
                    found.push(entry.path());
                }
            }
        }
    }
    found.sort();
    found
}
