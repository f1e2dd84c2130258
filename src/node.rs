//! The Neon boundary: converts arguments in, JSON strings out, and the one
//! error enum into a thrown JS error. No business logic lives here.
//!
//! Results cross as JSON text parsed by `index.js`, so objects are created in
//! the caller's realm (jest / vitest vm contexts) and `toStrictEqual` holds.

use crate::error::Error;
use crate::{agent, validate};
use neon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

type Outcome = Result<String, Error>;
type Job = Box<dyn FnOnce() -> Outcome + Send>;

/// A panic is a bug, but it must reach JS as an E_INTERNAL error, not abort.
fn guarded(file: String, job: Job) -> Outcome {
    catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::Internal { file, message })
    })
}

/// Errors are thrown as JS `Error`s carrying their JSON in `madace`; index.js
/// rebuilds them as `MadaceError` subclasses.
fn settle<'a, C: Context<'a>>(cx: &mut C, outcome: Outcome) -> JsResult<'a, JsString> {
    match outcome {
        Ok(json) => Ok(cx.string(json)),
        Err(err) => {
            let js = cx.error(err.full_message())?;
            let payload = cx.string(err.to_json().to_string());
            js.set(cx, "madace", payload)?;
            cx.throw(js)
        }
    }
}

/// Reads the arguments of one call and returns (file for E_INTERNAL, the work).
type Prepare = fn(&mut FunctionContext) -> NeonResult<(String, Job)>;

/// Exports `name` (blocking) and, when given, its Promise-returning twin,
/// which runs the same job on the libuv thread pool.
fn export(cx: &mut ModuleContext, sync_name: &str, async_name: Option<&str>, prepare: Prepare) -> NeonResult<()> {
    cx.export_function(sync_name, move |mut cx: FunctionContext| {
        let (file, job) = prepare(&mut cx)?;
        settle(&mut cx, guarded(file, job))
    })?;
    if let Some(name) = async_name {
        cx.export_function(name, move |mut cx: FunctionContext| {
            let (file, job) = prepare(&mut cx)?;
            Ok(cx.task(move || guarded(file, job)).promise(|mut cx, outcome| settle(&mut cx, outcome)))
        })?;
    }
    Ok(())
}

fn string_arg(cx: &mut FunctionContext, i: usize) -> NeonResult<String> {
    Ok(cx.argument::<JsString>(i)?.value(cx))
}

fn load_agent(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let path = string_arg(cx, 0)?;
    Ok((path.clone(), Box::new(move || agent::load(Path::new(&path)).map(|a| a.to_json()))))
}

fn parse_agent(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let source = string_arg(cx, 0)?;
    let filename = cx.argument_opt(1).and_then(|v| v.downcast::<JsString, _>(cx).ok()).map(|s| s.value(cx));
    let file = filename.clone().unwrap_or_else(|| "<input>".into());
    Ok((file, Box::new(move || agent::parse(&source, filename.as_deref()).map(|a| a.to_json()))))
}

fn validate_paths(cx: &mut FunctionContext) -> NeonResult<(String, Job)> {
    let list = cx.argument::<JsArray>(0)?.to_vec(cx)?;
    let paths = list
        .into_iter()
        .map(|v| Ok(PathBuf::from(v.downcast_or_throw::<JsString, _>(cx)?.value(cx))))
        .collect::<NeonResult<Vec<_>>>()?;
    let job = move || serde_json::to_string(&validate::validate(&paths)).map_err(|e| Error::Internal { file: String::new(), message: e.to_string() });
    Ok((String::new(), Box::new(job)))
}

#[neon::main]
fn main(mut cx: ModuleContext) -> NeonResult<()> {
    export(&mut cx, "loadAgentSync", Some("loadAgent"), load_agent)?;
    export(&mut cx, "parseAgent", None, parse_agent)?;
    export(&mut cx, "validateSync", Some("validate"), validate_paths)?;
    Ok(())
}
