//! Writing definition files without losing a byte the user wrote: JSON
//! Patch and merge patch edits on the value a file loads as, written back
//! by [`yaml_text`] / [`toml_text`] as the smallest change of its text,
//! checked by the same rules as loading before anything is written, and
//! written by compare-and-swap under the file's lock ([`crate::atomic_file`]).
//! [`emit`] writes whole new files.

mod align;
pub mod emit;
pub mod patch;
pub mod pointer;
mod scan;
mod toml_text;
mod yaml_text;

use crate::atomic_file::{self, GaveUp};
use crate::diagnostic::Severity;
use crate::error::{Error, Issue, Location, Result};
use crate::kind::Kind;
use crate::reach::{self, Everything, Reach};
use crate::schema::{agent, config, workflow, Dialect};
use crate::skill::toml_tree;
use crate::source;
use crate::validate;
use crate::yaml;
pub use patch::Op;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a write keeps retrying while the file is locked or keeps changing.
const CONFLICT_TIMEOUT: Duration = Duration::from_secs(2);

/// The rules an edited file is checked by (as `validate` takes them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The shapes the file is checked against.
    pub dialect: Dialect,
    /// Also the strict lint rules.
    pub strict: bool,
}

/// What the edits are.
pub enum Edits<'a> {
    /// A JSON Patch (RFC 6902) document.
    Patch(&'a Value),
    /// A JSON Merge Patch (RFC 7396).
    Merge(&'a Value),
}

fn patch_error(file: &str, message: impl Into<String>) -> Error {
    Error::Patch { file: file.to_string(), message: message.into() }
}

/// Whether a file of this kind is YAML (else TOML); `None` when it is not edited.
fn is_yaml(kind: Kind) -> Option<bool> {
    (kind != Kind::Skill).then(|| kind.is_yaml())
}

/// The kinds a file can be edited or created as, by name.
pub fn writable_kinds() -> Vec<&'static str> {
    Kind::ALL.into_iter().filter(|k| is_yaml(*k).is_some()).map(Kind::as_str).collect()
}

fn kind_of(path: &Path, file: &str) -> Result<(Kind, bool)> {
    let kind = Kind::of(path).ok_or_else(|| {
        patch_error(
            file,
            format!("cannot tell what kind of definition this is by its name ({})", crate::kind::DESCRIPTION),
        )
    })?;
    let yaml = is_yaml(kind).ok_or_else(|| {
        patch_error(
            file,
            "a SKILL.md is Markdown with a frontmatter: edit it as text (its customize.toml is edited here)",
        )
    })?;
    Ok((kind, yaml))
}

/// The value a YAML definition loads as (defaults filled, in the dialect).
fn loaded(kind: Kind, text: &str, file: &str, dialect: Dialect) -> Result<Value> {
    let doc = match kind {
        Kind::Agent => agent::parse(text, Some(file), dialect)?.doc,
        Kind::Workflow => workflow::parse(text, Some(file), dialect)?.doc,
        Kind::SprintStatus => source::parse(text, Some(file), yaml::parse)?,
        _ => config::parse(text, Some(file), dialect)?.doc,
    };
    Ok(serde_json::to_value(&doc).unwrap_or(Value::Null))
}

/// The value of the definition text `text` at `path` as madace-core loads
/// it: what edits point into (for TOML layers, the layer's own table).
pub fn value_of(path: &Path, text: &str, options: Options) -> Result<Value> {
    let file = path.display().to_string();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match kind_of(path, &file)? {
        (kind, true) => loaded(kind, body, &file, options.dialect),
        (_, false) => Ok(toml_tree::parse(body, &file, 0)?.to_json()),
    }
}

/// The mapping a YAML kind's value sits under in the file (`agent:`, `workflow:`).
fn wrapper(kind: Kind, root: &yaml::Node) -> Option<&'static str> {
    match kind {
        Kind::Agent => Some("agent"),
        Kind::Workflow if root.get("workflow").is_some() => Some("workflow"),
        _ => None,
    }
}

/// The text of `text` (the content of `path`) after the edits, checked.
pub fn edit_text(path: &Path, text: &str, edits: &Edits, options: Options) -> Result<String> {
    edit_text_in::<Everything>(path, text, edits, options)
}

/// [`edit_text`] in a build of reach `R`: `E_NOT_IN_BUILD` for a kind outside it.
pub fn edit_text_in<R: Reach>(path: &Path, text: &str, edits: &Edits, options: Options) -> Result<String> {
    reach::require::<R>(path)?;
    let file = path.display().to_string();
    let (kind, is_yaml) = kind_of(path, &file)?;
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let new_body = match is_yaml {
        true => edit_yaml(kind, body, &file, edits, options)?,
        false if R::SKILLS => edit_toml(body, &file, edits)?,
        false => return Err(reach::refused(kind, &file)),
    };
    if new_body != body {
        check::<R>(path, &new_body, options)?;
    }
    Ok(format!("{bom}{new_body}"))
}

fn operations(file: &str, edits: &Edits, value: &Value) -> Result<Vec<Op>> {
    match edits {
        Edits::Patch(patch) => patch::parse(patch).map_err(|e| patch_error(file, e)),
        Edits::Merge(changes) => Ok(patch::merge_operations(value, changes)),
    }
}

fn failed(file: &str, i: usize, op: &Op, e: String) -> Error {
    patch_error(file, format!("operation {i} ({} {}): {e}", op.name(), pointer::format(op.path())))
}

fn edit_toml(text: &str, file: &str, edits: &Edits) -> Result<String> {
    let mut value = toml_tree::parse(text, file, 0)?.to_json();
    for (i, op) in operations(file, edits, &value)?.iter().enumerate() {
        patch::apply(&mut value, op).map_err(|e| failed(file, i, op, e))?;
    }
    let written = toml_text::rewrite(text, &value).map_err(|e| patch_error(file, e))?;
    // toml_edit ends the lines it writes with LF; in a CRLF file they get CR too.
    let written = match text.contains("\r\n") {
        true => written.replace("\r\n", "\n").replace('\n', "\r\n"),
        false => written,
    };
    if toml_tree::parse(&written, file, 0).map(|t| t.to_json()).ok().as_ref() != Some(&value) {
        return Err(unwritable(file));
    }
    Ok(written)
}

/// An edit whose text would not load as the edited value (never written).
fn unwritable(file: &str) -> Error {
    patch_error(
        file,
        "the edit cannot be written as asked: after it the file would load differently (a default the loader fills in cannot be removed, and a value shared through a YAML alias changes everywhere it is used)",
    )
}

fn edit_yaml(kind: Kind, text: &str, file: &str, edits: &Edits, options: Options) -> Result<String> {
    let root = yaml::parse(text, file)?;
    let prefix: Vec<String> = wrapper(kind, &root).map(String::from).into_iter().collect();
    let mut raw = serde_json::to_value(&root).unwrap_or(Value::Null);
    // A file that does not load is edited as written (so that an edit can fix it).
    let mut value = loaded(kind, text, file, options.dialect).ok();
    let base = value.clone().unwrap_or_else(|| patch::get(&raw, &prefix).cloned().unwrap_or(Value::Null));
    for (i, op) in operations(file, edits, &base)?.iter().enumerate() {
        let in_file = |path: &[String]| prefix.iter().chain(path).cloned().collect::<Vec<_>>();
        let raw_ops = match &mut value {
            Some(value) => {
                let before = value.clone();
                patch::apply(value, op).map_err(|e| failed(file, i, op, e))?;
                // What the loader made of the file (a default, principles as one text) is written out first.
                materialize(&mut raw, &before, &prefix, op.path());
                in_file_ops(op, &raw, &before, &in_file)
            }
            None => vec![in_file_op_raw(op, &in_file)],
        };
        for raw_op in raw_ops {
            patch::apply(&mut raw, &raw_op).map_err(|e| failed(file, i, op, e))?;
        }
    }
    let new_text = yaml_text::rewrite(text, &root, &raw);
    let written = loaded(kind, &new_text, file, options.dialect)?;
    if let Some(expected) = value {
        if written != expected {
            return Err(unwritable(file));
        }
    }
    Ok(new_text)
}

/// `op` on the file's tree, given the loaded value before it: a `replace`
/// of a value the loader filled in becomes an `add`, a `remove` of one does
/// nothing, a `test` is already done, and a `copy` or `move` writes the
/// value as loaded (its source left as written).
fn in_file_ops(op: &Op, raw: &Value, before: &Value, in_file: &dyn Fn(&[String]) -> Vec<String>) -> Vec<Op> {
    let exists = |path: &[String]| patch::get(raw, &in_file(path)).is_some();
    let loaded_at = |path: &[String]| patch::get(before, path).cloned().unwrap_or(Value::Null);
    match op {
        Op::Test(..) => vec![],
        Op::Replace(path, v) if !exists(path) => vec![Op::Add(in_file(path), v.clone())],
        Op::Remove(path) if !exists(path) => vec![],
        Op::Copy(from, path) => vec![Op::Add(in_file(path), loaded_at(from))],
        Op::Move(from, path) => {
            let remove = exists(from).then(|| Op::Remove(in_file(from)));
            remove.into_iter().chain([Op::Add(in_file(path), loaded_at(from))]).collect()
        }
        other => vec![in_file_op_raw(other, in_file)],
    }
}

fn in_file_op_raw(op: &Op, in_file: &dyn Fn(&[String]) -> Vec<String>) -> Op {
    match op {
        Op::Add(p, v) => Op::Add(in_file(p), v.clone()),
        Op::Remove(p) => Op::Remove(in_file(p)),
        Op::Replace(p, v) => Op::Replace(in_file(p), v.clone()),
        Op::Move(f, p) => Op::Move(in_file(f), in_file(p)),
        Op::Copy(f, p) => Op::Copy(in_file(f), in_file(p)),
        Op::Test(p, v) => Op::Test(in_file(p), v.clone()),
    }
}

/// Where the file's tree lacks, or holds in another shape, a parent of
/// `path` that the loaded value has, writes the loaded one into the tree.
fn materialize(raw: &mut Value, loaded: &Value, prefix: &[String], path: &[String]) {
    for n in 1..path.len() {
        let Some(want) = patch::get(loaded, &path[..n]) else { return };
        let at: Vec<String> = prefix.iter().chain(&path[..n]).cloned().collect();
        match patch::get(raw, &at) {
            Some(have) if std::mem::discriminant(have) == std::mem::discriminant(want) => continue,
            _ => {
                let _ = patch::apply(raw, &Op::Add(at, want.clone()));
                return;
            }
        }
    }
}

/// Checks an edited text by the rules `validate` applies to the file.
fn check<R: Reach>(path: &Path, text: &str, options: Options) -> Result<()> {
    let options = validate::Options { strict: options.strict, dialect: options.dialect };
    let report = validate::validate_text_in::<R>(path, text, options)?;
    let issues: Vec<Issue> = report
        .files
        .iter()
        .flat_map(|f| &f.problems)
        .filter(|p| p.severity == Severity::Error)
        .map(|p| {
            let at = Location::new(p.line.unwrap_or(1), p.column.unwrap_or(1));
            Issue::new(p.field.clone().unwrap_or_else(|| "(file)".into()), at, p.message.clone())
        })
        .collect();
    match issues.is_empty() {
        true => Ok(()),
        false => Err(Error::Schema { file: path.display().to_string(), issues }),
    }
}

/// What an edit of a file did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Edited {
    /// The text before.
    pub before: String,
    /// The text after (written unless a dry run, or unchanged).
    pub text: String,
    /// Whether the file was written.
    pub written: bool,
}

/// Edits the file at `path`: the edited text is checked, then written by
/// compare-and-swap under the lock (retried while another writer holds it).
/// `expected`: the text the caller computed the edits from; when the file
/// holds another, `E_EDIT_CONFLICT` and nothing is written.
pub fn apply(path: &Path, edits: &Edits, options: Options, expected: Option<&str>, dry_run: bool) -> Result<Edited> {
    let file = path.display().to_string();
    kind_of(path, &file)?;
    let text = source::read_text(path)?;
    let conflict = |message: String| Error::EditConflict { file: file.clone(), message };
    if expected.is_some_and(|e| e.strip_prefix('\u{feff}').unwrap_or(e) != text) {
        return Err(conflict(
            "the file is not the text the edit was computed from (options.expected): read it again".into(),
        ));
    }
    let plan = |current: &str| {
        if expected.is_some_and(|e| e.strip_prefix('\u{feff}').unwrap_or(e) != current) {
            return Err(conflict("the file changed while the edit was written: read it again".into()));
        }
        let new_text = edit_text(path, current, edits, options)?;
        let write = !dry_run && new_text != current;
        let edited = Edited { before: current.to_string(), written: write, text: new_text.clone() };
        Ok((write.then_some(new_text), edited))
    };
    let gave_up = |why| {
        conflict(match why {
            GaveUp::Busy(lock) => {
                format!("{} stayed locked by another writer for {} s", lock.display(), CONFLICT_TIMEOUT.as_secs())
            }
            GaveUp::KeptChanging => format!("the file kept changing for {} s", CONFLICT_TIMEOUT.as_secs()),
        })
    };
    atomic_file::rewrite(path, text, Instant::now() + CONFLICT_TIMEOUT, plan, gave_up)
}

/// A whole new file of `kind` holding `value` (the value as it loads: for an
/// agent the mapping under `agent:`), canonical YAML or TOML; a value that
/// cannot be one is an `E_PATCH` error of the input.
pub fn stringify(kind: Kind, value: &Value) -> Result<String> {
    stringify_in::<Everything>(kind, value)
}

/// [`stringify`] in a build of reach `R`: `E_NOT_IN_BUILD` for a kind outside it.
pub fn stringify_in<R: Reach>(kind: Kind, value: &Value) -> Result<String> {
    if !reach::reaches::<R>(kind) {
        return Err(reach::refused(kind, source::INPUT));
    }
    text_of::<R>(kind, value).map_err(|e| patch_error(source::INPUT, e))
}

fn text_of<R: Reach>(kind: Kind, value: &Value) -> std::result::Result<String, String> {
    let wrapped = |key: &str| Value::Object([(key.to_string(), value.clone())].into_iter().collect());
    match kind {
        Kind::Agent => Ok(emit::document(&wrapped("agent"))),
        Kind::Workflow if value.get("steps").is_some() => Ok(emit::document(&wrapped("workflow"))),
        Kind::Workflow | Kind::Config | Kind::SprintStatus => Ok(emit::document(value)),
        Kind::SkillLayer | Kind::CentralConfig | Kind::CentralConfigLayer if R::SKILLS => toml_text::rewrite("", value),
        Kind::SkillLayer | Kind::CentralConfig | Kind::CentralConfigLayer => {
            Err(reach::refused(kind, source::INPUT).to_string())
        }
        Kind::Skill => Err("a SKILL.md is Markdown with a frontmatter, not a value".into()),
    }
}

/// Writes a new definition file of `kind` at `path` holding `value`,
/// checked first; `E_EXISTS` when a file is there (never replaced).
/// Folders are created.
pub fn create(path: &Path, kind: Kind, value: &Value, options: Options) -> Result<String> {
    let file = path.display().to_string();
    let (named, _) = kind_of(path, &file)?;
    if named != kind {
        return Err(patch_error(
            &file,
            format!(
                "this name is a {} file's, not a {}'s ({})",
                named.as_str(),
                kind.as_str(),
                crate::kind::DESCRIPTION
            ),
        ));
    }
    let text = text_of::<Everything>(kind, value).map_err(|e| patch_error(&file, e))?;
    check::<Everything>(path, &text, options)?;
    if path.exists() {
        return Err(Error::Exists { file });
    }
    let io = |e: std::io::Error| Error::Io { file: file.clone(), message: e.to_string() };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    atomic_file::create(path, &text).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists { file: file.clone() },
        _ => io(e),
    })?;
    Ok(text)
}
