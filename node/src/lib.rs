//! The Neon binding of madace-core, and nothing else of substance: each
//! export reads its arguments, runs the core's work on the calling thread
//! (`*Sync`) or hands it to [`runtime`] (Promises), and [`reply`] turns the
//! outcome into a JS value or error, in one place.

mod reply;
mod runtime;

use madace_core::edit;
use madace_core::json_schema;
use madace_core::kind::Kind;
use madace_core::project::cache;
use madace_core::project::layout::{self, AgentFolder, Layout};
use madace_core::project::{self, discover, madace_dirs};
use madace_core::schema::{agent, config, workflow, Dialect};
use madace_core::settings;
use madace_core::skill;
use madace_core::sprint;
use madace_core::status::{self, Board, Limits, State};
use madace_core::validate;
use neon::prelude::*;
use reply::{json, Outcome, Reply};
use runtime::{AbortFlag, AbortHandle, Job};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads the arguments of one call and returns (the file a failure is reported against, the work).
type Prepare = fn(&mut FunctionContext) -> NeonResult<(String, Job)>;

/// Exports `<name>Sync`, which runs the job on the calling thread.
fn export_sync(cx: &mut ModuleContext, name: &str, prepare: Prepare) -> NeonResult<()> {
    cx.export_function(&format!("{name}Sync"), move |mut cx: FunctionContext| {
        let (file, job) = prepare(&mut cx)?;
        let outcome = reply::guarded(&file, job);
        reply::settle(&mut cx, &file, outcome)
    })
}

/// Exports `<name>Sync` and `<name>`, a Promise of the same job run on
/// madace-core's own threads. A trailing abort handle (from `abortHandle()`)
/// lets the caller's AbortSignal skip a job that has not started. index.js
/// picks the public names.
fn export(cx: &mut ModuleContext, name: &str, prepare: Prepare) -> NeonResult<()> {
    export_sync(cx, name, prepare)?;
    export_async(cx, name, prepare)
}

/// The Promise half of [`export`], for jobs whose async form differs.
fn export_async(cx: &mut ModuleContext, name: &str, prepare: Prepare) -> NeonResult<()> {
    cx.export_function(name, move |mut cx: FunctionContext| {
        let (file, job) = prepare(&mut cx)?;
        let abort = match cx.len() {
            0 => None,
            n => cx.argument::<JsValue>(n - 1)?.downcast::<AbortHandle, _>(&mut cx).ok().map(|h| Arc::clone(&h)),
        };
        runtime::spawn(&mut cx, file, job, abort)
    })
}

fn string_arg(cx: &mut FunctionContext, i: usize) -> NeonResult<String> {
    Ok(cx.argument::<JsString>(i)?.value(cx))
}

fn optional_string_arg(cx: &mut FunctionContext, i: usize) -> Option<String> {
    let value = cx.argument_opt(i)?.downcast::<JsString, _>(cx).ok()?;
    Some(value.value(cx))
}

/// The dialect a definition is checked in (`'any'` or `'madace'`), always
/// passed by index.js at a fixed place.
fn dialect_arg(cx: &mut FunctionContext, i: usize) -> NeonResult<Dialect> {
    let name = string_arg(cx, i)?;
    name.parse().or_else(|message: String| cx.throw_type_error(message))
}

fn path_job(cx: &mut FunctionContext, work: fn(&Path) -> Outcome) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    Ok((path.clone(), Box::new(move || work(Path::new(&path)))))
}

/// `(path, dialect)`: one definition file.
fn file_job(cx: &mut FunctionContext, work: fn(&Path, Dialect) -> Outcome) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    let dialect = dialect_arg(cx, 1)?;
    Ok((path.clone(), Box::new(move || work(Path::new(&path), dialect))))
}

/// `(source, filename?, dialect)`.
fn parse_job(cx: &mut FunctionContext, work: fn(&str, Option<&str>, Dialect) -> Outcome) -> NeonResult<(String, Job)> {
    let source = string_arg(cx, 0)?;
    let filename = optional_string_arg(cx, 1);
    let dialect = dialect_arg(cx, 2)?;
    let file = filename.clone().unwrap_or_else(|| madace_core::source::INPUT.into());
    Ok((file, Box::new(move || work(&source, filename.as_deref(), dialect))))
}

/// `(root, name, dialect)`: a definition found by name in a project.
fn root_job(cx: &mut FunctionContext, work: fn(&Layout, &str, Dialect) -> Outcome) -> NeonResult<(String, Job)> {
    let root = string_arg(cx, 0)?;
    let name = string_arg(cx, 1)?;
    let dialect = dialect_arg(cx, 2)?;
    Ok((root.clone(), Box::new(move || work(&layout::detect(Path::new(&root))?, &name, dialect))))
}

/// `(skillDir, projectRoot)`: a BMAD 6.x skill; an empty root means "find it".
fn skill_job(cx: &mut FunctionContext, work: fn(&Path, Option<&Path>) -> Outcome) -> NeonResult<(String, Job)> {
    let dir = string_arg(cx, 0)?;
    let root = string_arg(cx, 1)?;
    let file = dir.clone();
    let job = move || work(Path::new(&dir), (!root.is_empty()).then(|| Path::new(&root)));
    Ok((file, Box::new(job)))
}

/// `(path, knownGeneration, dialect)`.
fn load_agent(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    let known = cx.argument::<JsNumber>(1)?.value(cx) as u64;
    let dialect = dialect_arg(cx, 2)?;
    let job = move || {
        let cached = cache::load_agent(Path::new(&path), None, dialect)?;
        Ok(Reply::Agent((cached.generation != known).then_some(cached)))
    };
    Ok((String::new(), Box::new(job)))
}

/// `(from, a, b, collect, dialect)`: `dir` a folder `a`; `module` the module `a` under
/// root `b`; `all` under root `a`. With `collect`, every file's outcome comes back
/// (failures as error payloads); without, the first failure fails the call.
fn load_agents(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    load_agents_job(cx, None)
}

/// [`load_agents`] for the Promise export, with a trailing `onChunk`
/// function: while later files are still being read, the agents of earlier
/// ones are handed to it in chunks, so that the JS thread parses them
/// meanwhile instead of all at the end. The reply holds the last chunk.
fn load_agents_streamed(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let on_chunk = cx.argument::<JsFunction>(5)?.root(cx);
    let sink = runtime::Sink::new(cx, on_chunk);
    load_agents_job(cx, Some(sink))
}

fn load_agents_job(cx: &mut FunctionContext, sink: Option<runtime::Sink>) -> NeonResult<(String, Job)> {
    let from = string_arg(cx, 0)?;
    let a = PathBuf::from(string_arg(cx, 1)?);
    let b = PathBuf::from(string_arg(cx, 2)?);
    let collect = cx.argument::<JsBoolean>(3)?.value(cx);
    let dialect = dialect_arg(cx, 4)?;
    let folder = match from.as_str() {
        "dir" => AgentFolder::Dir(a),
        "module" => AgentFolder::Module { name: a.to_string_lossy().into_owned(), root: b },
        "all" => AgentFolder::All(a),
        "madaceModule" => AgentFolder::MadaceModule { name: a.to_string_lossy().into_owned(), root: b },
        "madaceAll" => AgentFolder::MadaceAll(a),
        other => return cx.throw_type_error(format!("unknown agent folder kind '{other}'")),
    };
    let job = move || {
        // A file is read only while it is still inside the folder it was found in.
        let (files, root) = (folder.files()?, madace_core::source::confine(&folder.root()));
        let chunk = match sink {
            Some(_) => AGENTS_PER_CHUNK,
            None => files.len().max(1),
        };
        let mut chunks = files.chunks(chunk).peekable();
        while let Some(paths) = chunks.next() {
            let outcomes = cache::load_each(paths, Some(&root), dialect);
            let outcomes = if collect {
                outcomes
            } else {
                // The first failure, in path order, fails the call.
                outcomes.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().map(Ok).collect()
            };
            let list: Vec<_> = paths.iter().cloned().zip(outcomes).collect();
            match (&sink, chunks.peek()) {
                (Some(sink), Some(_)) => sink.send(Reply::Agents(list)),
                _ => return Ok(Reply::Agents(list)),
            }
        }
        Ok(Reply::Agents(Vec::new()))
    };
    Ok((String::new(), Box::new(job)))
}

/// `(root, module, sub)`: MADACE-METHOD's `agents/` or `workflows/` folder of a module, or null.
fn madace_dir(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let (root, module, sub) = (string_arg(cx, 0)?, string_arg(cx, 1)?, string_arg(cx, 2)?);
    Ok((String::new(), Box::new(move || json(&madace_dirs::module_dir(Path::new(&root), &module, &sub)))))
}

/// A JSON argument (the JS side stringifies it).
fn json_arg(cx: &mut FunctionContext, i: usize) -> NeonResult<serde_json::Value> {
    let text = string_arg(cx, i)?;
    serde_json::from_str(&text).or_else(|e| cx.throw_type_error(format!("argument {i} is not JSON: {e}")))
}

fn kind_arg(cx: &mut FunctionContext, i: usize) -> NeonResult<Kind> {
    let name = string_arg(cx, i)?;
    Kind::named(&name).map_or_else(|| cx.throw_type_error(format!("unknown kind '{name}'")), Ok)
}

/// `(dialect, strict)` at `first`.
fn edit_options(cx: &mut FunctionContext, first: usize) -> NeonResult<edit::Options> {
    let dialect = dialect_arg(cx, first)?;
    let strict = cx.argument::<JsBoolean>(first + 1)?.value(cx);
    Ok(edit::Options { dialect, strict })
}

/// `(path, edits, merge, dialect, strict, expected | null, dryRun)`: `{ before, text, written }`.
fn apply_edits(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    let edits = json_arg(cx, 1)?;
    let merge = cx.argument::<JsBoolean>(2)?.value(cx);
    let options = edit_options(cx, 3)?;
    let expected = optional_string_arg(cx, 5);
    let dry_run = cx.argument::<JsBoolean>(6)?.value(cx);
    let job = move || {
        let edits = if merge { edit::Edits::Merge(&edits) } else { edit::Edits::Patch(&edits) };
        json(&edit::apply(Path::new(&path), &edits, options, expected.as_deref(), dry_run)?)
    };
    Ok((String::new(), Box::new(job)))
}

/// `(text, filename, edits, merge, dialect, strict)`: the edited text, written nowhere.
fn edit_text(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let text = string_arg(cx, 0)?;
    let file = string_arg(cx, 1)?;
    let edits = json_arg(cx, 2)?;
    let merge = cx.argument::<JsBoolean>(3)?.value(cx);
    let options = edit_options(cx, 4)?;
    let shown = file.clone();
    let job = move || {
        let edits = if merge { edit::Edits::Merge(&edits) } else { edit::Edits::Patch(&edits) };
        json(&edit::edit_text(Path::new(&file), &text, &edits, options)?)
    };
    Ok((shown, Box::new(job)))
}

/// Agents handed to JS at once while a folder loads: small enough that the
/// JS thread starts parsing early, large enough that the wake-ups (tens of
/// µs each) stay few.
const AGENTS_PER_CHUNK: usize = 32;

/// `(strict, dialect)` at `first`.
fn validate_options(cx: &mut FunctionContext, first: usize) -> NeonResult<validate::Options> {
    let strict = cx.argument::<JsBoolean>(first)?.value(cx);
    Ok(validate::Options { strict, dialect: dialect_arg(cx, first + 1)? })
}

fn validate_paths(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let list = cx.argument::<JsArray>(0)?.to_vec(cx)?;
    let paths = list
        .into_iter()
        .map(|v| Ok(PathBuf::from(v.downcast_or_throw::<JsString, _>(cx)?.value(cx))))
        .collect::<NeonResult<Vec<_>>>()?;
    let options = validate_options(cx, 1)?;
    Ok((String::new(), Box::new(move || json(&validate::validate(&paths, options)))))
}

/// `(path, text, strict, dialect)`: text checked as the file at `path`.
fn validate_text(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    let text = string_arg(cx, 1)?;
    let options = validate_options(cx, 2)?;
    let job = move || json(&validate::validate_text(Path::new(&path), &text, options));
    Ok((String::new(), Box::new(job)))
}

/// Story limits arrive as the trailing `(maxTodo, maxInProgress)` numbers.
fn limits_args(cx: &mut FunctionContext, first: usize) -> NeonResult<Limits> {
    let max_todo = cx.argument::<JsNumber>(first)?.value(cx) as usize;
    let max_in_progress = cx.argument::<JsNumber>(first + 1)?.value(cx) as usize;
    Ok(Limits { max_todo, max_in_progress })
}

fn validate_status(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let board = string_arg(cx, 0)?;
    let limits = limits_args(cx, 1)?;
    let job = move || json(&status::validate(&Board::from_json(&board)?, limits));
    Ok((String::new(), Box::new(job)))
}

fn transition(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    let id = string_arg(cx, 1)?;
    let to = string_arg(cx, 2)?;
    let limits = limits_args(cx, 3)?;
    let job = move || json(&status::transition_with(Path::new(&path), &id, State::named(&to, &path)?, limits)?);
    Ok((String::new(), Box::new(job)))
}

/// `(text, file, id, to, maxTodo, maxInProgress)`: a move planned on a board's
/// text, written nowhere (`move --dry-run`): `{ text, story }`.
fn plan_move(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let text = string_arg(cx, 0)?;
    let file = string_arg(cx, 1)?;
    let id = string_arg(cx, 2)?;
    let to = string_arg(cx, 3)?;
    let limits = limits_args(cx, 4)?;
    let job = move || {
        let (text, story) = status::edit::plan(&text, &file, &id, State::named(&to, &file)?, limits)?;
        json(&serde_json::json!({ "text": text, "story": story }))
    };
    Ok((String::new(), Box::new(job)))
}

#[neon::main]
fn main(mut cx: ModuleContext) -> NeonResult<()> {
    reply::silence_panics();
    export(&mut cx, "loadAgentCached", load_agent)?;
    export_sync(&mut cx, "loadAgents", load_agents)?;
    export_async(&mut cx, "loadAgents", load_agents_streamed)?;
    export_sync(&mut cx, "parseAgent", |cx| {
        parse_job(cx, |s, f, d| Ok(Reply::Json(agent::parse(s, f, d)?.to_json())))
    })?;
    export(&mut cx, "loadAgentById", |cx| {
        root_job(cx, |layout, id, d| {
            Ok(Reply::Json(agent::load_within(&layout.find_agent(id)?, &layout.root, d)?.to_json()))
        })
    })?;
    export(&mut cx, "loadWorkflow", |cx| file_job(cx, |p, d| Ok(Reply::Json(workflow::load(p, d)?.to_json()))))?;
    export_sync(&mut cx, "parseWorkflow", |cx| {
        parse_job(cx, |s, f, d| Ok(Reply::Json(workflow::parse(s, f, d)?.to_json())))
    })?;
    export(&mut cx, "findWorkflow", |cx| {
        root_job(cx, |layout, name, _| json(&layout.find_workflow(name)?.map(|p| p.display().to_string())))
    })?;
    export(&mut cx, "loadWorkflowById", |cx| {
        root_job(cx, |layout, name, d| {
            Ok(Reply::Json(workflow::load_within(&layout.workflow_named(name)?, &layout.root, d)?.to_json()))
        })
    })?;
    export(&mut cx, "loadConfig", |cx| file_job(cx, |p, d| Ok(Reply::Json(config::load(p, d)?.to_json()))))?;
    export_sync(&mut cx, "parseConfig", |cx| {
        parse_job(cx, |s, f, d| Ok(Reply::Json(config::parse(s, f, d)?.to_json())))
    })?;
    export(&mut cx, "loadProject", |cx| path_job(cx, |p| json(&project::load(p)?)))?;
    export(&mut cx, "resolveCustomization", |cx| {
        skill_job(cx, |dir, root| Ok(Reply::Json(skill::resolve_customization(dir, root)?.to_json().to_string())))
    })?;
    export(&mut cx, "resolveConfig", |cx| {
        path_job(cx, |root| Ok(Reply::Json(skill::resolve_config(root)?.to_json().to_string())))
    })?;
    export(&mut cx, "loadSkill", |cx| skill_job(cx, |dir, root| Ok(Reply::Json(skill::load(dir, root)?.to_json()))))?;
    export(&mut cx, "loadSkillAgent", |cx| {
        skill_job(cx, |dir, root| Ok(Reply::Json(skill::load_agent(dir, root)?.to_string())))
    })?;
    export(&mut cx, "validate", validate_paths)?;
    export(&mut cx, "validateText", validate_text)?;
    export_sync(&mut cx, "planMove", plan_move)?;
    export_sync(&mut cx, "settings", |cx| path_job(cx, |p| json(&settings::find(p)?)))?;
    // MADACE-METHOD's folder rules, for madace-core/madace's helpers.
    export(&mut cx, "madaceDir", madace_dir)?;
    export(&mut cx, "madaceFindWorkflow", |cx| {
        let (root, name) = (string_arg(cx, 0)?, string_arg(cx, 1)?);
        Ok((root.clone(), Box::new(move || json(&madace_dirs::find_workflow(Path::new(&root), &name)?)) as Job))
    })?;
    export(&mut cx, "madaceWorkflowFiles", |cx| {
        let (root, module) = (string_arg(cx, 0)?, string_arg(cx, 1)?);
        let job = move || {
            let root = Path::new(&root);
            let files = match module.as_str() {
                "" => madace_dirs::WORKFLOW_MODULES
                    .iter()
                    .map(|m| madace_dirs::module_workflow_files(root, m))
                    .collect::<Result<Vec<_>, _>>()?
                    .concat(),
                one => madace_dirs::module_workflow_files(root, one)?,
            };
            json(&files)
        };
        Ok((String::new(), Box::new(job) as Job))
    })?;
    cx.export_function("madaceNames", |mut cx: FunctionContext| {
        let (of, name) = (string_arg(&mut cx, 0)?, string_arg(&mut cx, 1)?);
        let names = match of.as_str() {
            "module" => madace_dirs::module_variants(&name),
            _ => madace_dirs::framework_variants(&name),
        };
        Ok(cx.string(serde_json::to_string(&names).unwrap_or_default()))
    })?;
    cx.export_function("madaceWorkflowDirs", |mut cx: FunctionContext| {
        let root = string_arg(&mut cx, 0)?;
        Ok(cx.string(serde_json::to_string(&madace_dirs::workflow_dirs(Path::new(&root))).unwrap_or_default()))
    })?;
    export(&mut cx, "applyEdits", apply_edits)?;
    export_sync(&mut cx, "editText", edit_text)?;
    export_sync(&mut cx, "stringify", |cx| {
        let (kind, value) = (kind_arg(cx, 0)?, json_arg(cx, 1)?);
        Ok((String::new(), Box::new(move || json(&edit::stringify(kind, &value)?)) as Job))
    })?;
    export(&mut cx, "createDefinition", |cx| {
        let (path, kind, value, options) =
            (string_arg(cx, 0)?, kind_arg(cx, 1)?, json_arg(cx, 2)?, edit_options(cx, 3)?);
        Ok((path.clone(), Box::new(move || json(&edit::create(Path::new(&path), kind, &value, options)?)) as Job))
    })?;
    export(&mut cx, "loadSprintStatus", |cx| path_job(cx, |p| json(&sprint::load(p)?)))?;
    export(&mut cx, "setStoryStatus", |cx| {
        let (path, key, status) = (string_arg(cx, 0)?, string_arg(cx, 1)?, string_arg(cx, 2)?);
        // The caller's local time as (year, month, day, hour, minute): the stamp's format is the core's.
        let part = |cx: &mut FunctionContext, i| cx.argument::<JsNumber>(i).map(|n| n.value(cx) as u32);
        let (y, m, d, h, min) = (part(cx, 3)?, part(cx, 4)?, part(cx, 5)?, part(cx, 6)?, part(cx, 7)?);
        let now = sprint::grammar::stamp(y, m, d, h, min);
        let dry_run = cx.argument::<JsBoolean>(8)?.value(cx);
        let file = path.clone();
        let job = move || json(&sprint::set_status(Path::new(&path), &key, &status, &now, dry_run)?);
        Ok((file, Box::new(job) as Job))
    })?;
    export(&mut cx, "loadStatus", |cx| path_job(cx, |p| json(&status::load(p)?)))?;
    export_sync(&mut cx, "validateStatus", validate_status)?;
    export(&mut cx, "transition", transition)?;
    cx.export_function("jsonSchema", |mut cx: FunctionContext| {
        let kind = string_arg(&mut cx, 0)?;
        match json_schema::json_schema(&kind) {
            Some(schema) => Ok(cx.string(schema.to_string()).upcast::<JsValue>()),
            None => Ok(cx.null().upcast()),
        }
    })?;
    // What the JS side asks of the core instead of knowing it (madace_core::catalog).
    let catalog = madace_core::catalog::json();
    cx.export_function("catalog", move |mut cx: FunctionContext| Ok(cx.string(&catalog)))?;
    cx.export_function("kindOf", |mut cx: FunctionContext| {
        let path = string_arg(&mut cx, 0)?;
        match Kind::of(Path::new(&path)) {
            Some(kind) => Ok(cx.string(kind.as_str()).upcast::<JsValue>()),
            None => Ok(cx.null().upcast()),
        }
    })?;
    // The one "did you mean" rule, for the CLI's commands and options.
    cx.export_function("didYouMean", |mut cx: FunctionContext| {
        let word = string_arg(&mut cx, 0)?;
        let list = cx.argument::<JsArray>(1)?.to_vec(&mut cx)?;
        let known = list
            .into_iter()
            .map(|v| Ok(v.downcast_or_throw::<JsString, _>(&mut cx)?.value(&mut cx)))
            .collect::<NeonResult<Vec<_>>>()?;
        let hint = madace_core::schema::suggest::did_you_mean(&word, known.iter().map(String::as_str));
        Ok(cx.string(hint))
    })?;
    cx.export_function("ownerOf", |mut cx: FunctionContext| {
        let path = string_arg(&mut cx, 0)?;
        match discover::owner(Path::new(&path)) {
            Some(owner) => Ok(cx.string(owner.display().to_string()).upcast::<JsValue>()),
            None => Ok(cx.null().upcast()),
        }
    })?;
    cx.export_function("codeFrame", |mut cx: FunctionContext| {
        let text = string_arg(&mut cx, 0)?;
        let line = cx.argument::<JsNumber>(1)?.value(&mut cx) as usize;
        let column = cx.argument::<JsNumber>(2)?.value(&mut cx) as usize;
        let first_line = cx.argument::<JsNumber>(3)?.value(&mut cx) as usize;
        let at = madace_core::Location::new(line, column);
        match madace_core::frame::code_frame_from(&text, first_line, at) {
            Some(frame) => Ok(cx.string(frame).upcast::<JsValue>()),
            None => Ok(cx.null().upcast()),
        }
    })?;
    cx.export_function("abortHandle", |mut cx: FunctionContext| Ok(cx.boxed(Arc::new(AbortFlag::default()))))?;
    cx.export_function("abort", |mut cx: FunctionContext| {
        cx.argument::<AbortHandle>(0)?.abort();
        Ok(cx.undefined())
    })?;
    cx.export_function("clearAgentCache", |mut cx: FunctionContext| {
        cache::clear();
        Ok(cx.undefined())
    })?;
    Ok(())
}
