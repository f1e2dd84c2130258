//! What a job hands back, and the one place where outcomes become JS values
//! and the core's error enum becomes a JS error.
//!
//! Results cross as JSON text parsed by `index.js`, so objects are created in
//! the caller's realm (jest / vitest vm contexts) and `toStrictEqual` holds.
//! Errors are JS `Error`s carrying their JSON in `madace`; index.js rebuilds
//! them as `MadaceError` subclasses.

use madace_core::error::Error;
use madace_core::project::cache::Cached;
use neon::prelude::*;
use neon::types::Deferred;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

pub enum Reply {
    /// JSON text, parsed by index.js.
    Json(String),
    /// A cached agent: `null` when the caller's generation is current, else `[generation, json]`.
    Agent(Option<Cached>),
    /// Agents of a folder: `[[generation, json, path], …]`, or `[null, errorJson, path]` for a file that failed.
    Agents(Vec<(PathBuf, Result<Cached, Error>)>),
}

pub enum Failure {
    Error(Error),
    /// The caller's AbortSignal fired before the job ran or before its result was handed back.
    Aborted,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Error(err)
    }
}

pub type Outcome = Result<Reply, Failure>;

pub fn json<T: serde::Serialize>(value: &T) -> Outcome {
    serde_json::to_string(value)
        .map(Reply::Json)
        .map_err(|e| Error::Internal { file: String::new(), message: e.to_string() }.into())
}

thread_local! {
    /// What the last panic on this thread said and where, for its E_INTERNAL message.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A library must not print to the host's stderr: panics (bugs, reported as
/// E_INTERNAL) are recorded instead of printed. The hook belongs to this
/// addon's own Rust runtime; other native addons keep theirs.
pub fn silence_panics() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
    }));
}

/// A panic is a bug, but it must reach JS as an E_INTERNAL error, not abort
/// the process.
pub fn guarded(file: &str, job: impl FnOnce() -> Outcome) -> Outcome {
    catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|_| {
        let message = LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_else(|| "unknown panic".into());
        Err(Error::Internal { file: file.to_string(), message }.into())
    })
}

/// A JS string of `text`, or E_LIMIT when it is longer than V8 allows.
fn string<'a, C: Context<'a>>(cx: &mut C, file: &str, text: &str) -> Result<Handle<'a, JsString>, Error> {
    cx.try_string(text).map_err(|_| Error::Limit {
        file: file.to_string(),
        at: None,
        message: format!(
            "the result is too large to hand to JavaScript ({} bytes of JSON; V8 strings hold at most about 512 MiB)",
            text.len()
        ),
    })
}

fn cached_pair<'a, C: Context<'a>>(cx: &mut C, file: &str, cached: &Cached) -> Result<Handle<'a, JsArray>, Failure> {
    let pair = cx.empty_array();
    let generation = cx.number(cached.generation as f64);
    let text = string(cx, file, &cached.json)?;
    pair.set(cx, 0, generation).map_err(internal)?;
    pair.set(cx, 1, text).map_err(internal)?;
    Ok(pair)
}

fn internal(_: neon::result::Throw) -> Failure {
    Error::Internal { file: String::new(), message: "a JS exception while building a result".into() }.into()
}

pub fn value<'a, C: Context<'a>>(cx: &mut C, file: &str, reply: Reply) -> Result<Handle<'a, JsValue>, Failure> {
    Ok(match reply {
        Reply::Json(text) => string(cx, file, &text)?.upcast(),
        Reply::Agent(None) => cx.null().upcast(),
        Reply::Agent(Some(cached)) => cached_pair(cx, file, &cached)?.upcast(),
        Reply::Agents(list) => {
            let out = cx.empty_array();
            for (i, (path, outcome)) in list.iter().enumerate() {
                let shown = path.display().to_string();
                let entry = match outcome {
                    Ok(cached) => cached_pair(cx, &shown, cached)?,
                    Err(err) => {
                        let failed = cx.empty_array();
                        let null = cx.null();
                        let payload = string(cx, &shown, &err.to_json().to_string())?;
                        failed.set(cx, 0, null).map_err(internal)?;
                        failed.set(cx, 1, payload).map_err(internal)?;
                        failed
                    }
                };
                let shown = string(cx, &shown, &shown)?;
                entry.set(cx, 2, shown).map_err(internal)?;
                out.set(cx, i as u32, entry).map_err(internal)?;
            }
            out.upcast()
        }
    })
}

pub fn error<'a, C: Context<'a>>(cx: &mut C, failure: Failure) -> JsResult<'a, JsError> {
    match failure {
        Failure::Error(err) => {
            let js = cx.error(err.full_message())?;
            let payload = cx.string(err.to_json().to_string());
            js.set(cx, "madace", payload)?;
            Ok(js)
        }
        Failure::Aborted => {
            let js = cx.error("The operation was aborted")?;
            let flag = cx.boolean(true);
            js.set(cx, "madaceAborted", flag)?;
            Ok(js)
        }
    }
}

/// The value of a finished job, or its error thrown (`*Sync` functions).
pub fn settle<'a, C: Context<'a>>(cx: &mut C, file: &str, outcome: Outcome) -> JsResult<'a, JsValue> {
    match outcome.and_then(|reply| value(cx, file, reply)) {
        Ok(value) => Ok(value),
        Err(failure) => {
            let err = error(cx, failure)?;
            cx.throw(err)
        }
    }
}

/// Resolves or rejects `deferred` with the job's outcome (async functions).
pub fn settle_deferred<'a, C: Context<'a>>(
    cx: &mut C,
    deferred: Deferred,
    file: &str,
    outcome: Outcome,
) -> NeonResult<()> {
    match outcome.and_then(|reply| value(cx, file, reply)) {
        Ok(value) => deferred.resolve(cx, value),
        Err(failure) => {
            let err = error(cx, failure)?;
            deferred.reject(cx, err);
        }
    }
    Ok(())
}
