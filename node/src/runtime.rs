//! Where async jobs run and how their results come back, without touching
//! the host's resources: jobs run on madace-core's own rayon pool (never on
//! libuv's thread pool, which the host app's `fs`, `dns`, `zlib` and `crypto`
//! share), and results return through one Neon `Channel` per JS environment,
//! in batches: however many jobs finish while the event loop is busy, they
//! cost it one wake-up.
//!
//! The channel is unreferenced while nothing is in flight, so a script that
//! only calls `loadAgent` once exits on its own; it is referenced while any
//! job of its environment is in flight, so Node waits for the results.

use crate::reply::{self, Failure, Outcome, Reply};
use madace_core::error::Error;
use neon::prelude::*;
use neon::thread::LocalKey;
use neon::types::Deferred;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The work of one async call; runs on a pool thread.
pub type Job = Box<dyn FnOnce() -> Outcome + Send>;

/// The pool async jobs run on: one thread per core but one (at least one),
/// so the host's main thread, libuv's pool and V8's GC always have a core.
/// (Measured on 2 cores: a pool of every core at nice 10 made the folder
/// loaders faster, 2.2× → 3.8× js-yaml + zod for 200 files, but an app's
/// `fs.promises.readFile` then waited 1.4–9 ms instead of ~0.7 ms: CFS does
/// not preempt a niced thread at once.)
fn pool() -> Result<&'static rayon::ThreadPool, &'static str> {
    static POOL: OnceLock<Result<rayon::ThreadPool, String>> = OnceLock::new();
    let made = POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .thread_name(|i| format!("madace-core-{i}"))
            .build()
            .map_err(|e| format!("the OS refused to start madace-core's worker threads: {e}"))
    });
    made.as_ref().map_err(String::as_str)
}

/// Set when the caller's `AbortSignal` fires. A job not started yet is
/// dropped at once and its promise rejected, so an aborted call holds
/// nothing while the pool is busy elsewhere (100,000 of them held 147 MiB
/// until the pool reached them); one already running finishes.
#[derive(Default)]
pub struct AbortFlag {
    aborted: AtomicBool,
    waiting: Mutex<Option<Waiting>>,
}

/// A job queued on the pool and not started yet, with what settles it.
struct Waiting {
    job: Job,
    deferred: Deferred,
    file: String,
    settler: Arc<Settler>,
}

impl Finalize for AbortFlag {}

impl AbortFlag {
    pub fn abort(&self) {
        self.aborted.store(true, Ordering::Relaxed);
        if let Some(waiting) = self.take() {
            let Waiting { job, deferred, file, settler } = waiting;
            drop(job);
            finish(&settler, Finished::Done(Done { deferred, file, outcome: Err(Failure::Aborted) }));
        }
    }

    fn aborted(&self) -> bool {
        self.aborted.load(Ordering::Relaxed)
    }

    /// The job, if neither the pool nor an abort took it yet.
    fn take(&self) -> Option<Waiting> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

pub type AbortHandle = JsBox<Arc<AbortFlag>>;

struct Done {
    deferred: Deferred,
    /// The file a failure is reported against when the job itself cannot say.
    file: String,
    outcome: Outcome,
}

/// What a drain hands to JS, in the order the pool threads queued it.
enum Finished {
    /// A job's outcome: its promise settles.
    Done(Done),
    /// Part of a running job's result, for its JS callback (see [`Sink`]).
    Chunk(Arc<Root<JsFunction>>, Reply),
}

/// One per JS environment (main thread, each worker thread).
struct Settler {
    /// Unreferenced: used by pool threads to schedule a drain.
    sender: Channel,
    /// Referenced exactly while `in_flight > 0`; touched on the JS thread only.
    keepalive: Mutex<(Channel, usize)>,
    finished: Mutex<Vec<Finished>>,
}

static SETTLER: LocalKey<Arc<Settler>> = LocalKey::new();

fn settler<'a, C: Context<'a>>(cx: &mut C) -> Arc<Settler> {
    let made = SETTLER.get_or_try_init(cx, |cx| {
        let mut sender = cx.channel();
        sender.unref(cx);
        let mut keepalive = cx.channel();
        keepalive.unref(cx);
        Ok::<_, Infallible>(Arc::new(Settler {
            sender,
            keepalive: Mutex::new((keepalive, 0)),
            finished: Mutex::new(Vec::new()),
        }))
    });
    match made {
        Ok(settler) => settler.clone(),
        Err(never) => match never {},
    }
}

/// Runs `job` on the pool; the returned promise settles with its outcome.
/// A job whose abort flag is set before it starts is skipped (its promise
/// rejects as aborted); one already running finishes, so a story move is
/// never left half-decided.
pub fn spawn<'a>(
    cx: &mut FunctionContext<'a>,
    file: String,
    job: Job,
    abort: Option<Arc<AbortFlag>>,
) -> JsResult<'a, JsPromise> {
    let (deferred, promise) = cx.promise();
    let pool = match pool() {
        Ok(pool) => pool,
        Err(message) => {
            // No threads to be had (a process at its limit): the call still answers, with E_IO.
            let err = Error::Io { file: file.clone(), message: message.to_string() };
            reply::settle_deferred(cx, deferred, &file, Err(err.into()))?;
            return Ok(promise);
        }
    };
    let settler = settler(cx);
    {
        let mut keepalive = settler.keepalive.lock().unwrap_or_else(|e| e.into_inner());
        keepalive.1 += 1;
        if keepalive.1 == 1 {
            keepalive.0.reference(cx);
        }
    }
    match abort {
        // The job waits in the flag, where an abort can take it back.
        Some(flag) => {
            *flag.waiting.lock().unwrap_or_else(|e| e.into_inner()) = Some(Waiting { job, deferred, file, settler });
            pool.spawn(move || {
                let Some(Waiting { job, deferred, file, settler }) = flag.take() else { return };
                let outcome = if flag.aborted() { Err(Failure::Aborted) } else { reply::guarded(&file, job) };
                finish(&settler, Finished::Done(Done { deferred, file, outcome }));
            });
        }
        None => pool.spawn(move || {
            let outcome = reply::guarded(&file, job);
            finish(&settler, Finished::Done(Done { deferred, file, outcome }));
        }),
    }
    Ok(promise)
}

/// Hands parts of a running job's result to a JS callback. They share the
/// queue of finished jobs, so each arrives before the job's promise settles.
/// (A `Root` dropped off the JS thread goes to Neon's drop queue, so pool
/// threads may hold it.)
pub struct Sink {
    settler: Arc<Settler>,
    callback: Arc<Root<JsFunction>>,
}

impl Sink {
    pub fn new<'a, C: Context<'a>>(cx: &mut C, callback: Root<JsFunction>) -> Self {
        Sink { settler: settler(cx), callback: Arc::new(callback) }
    }

    pub fn send(&self, part: Reply) {
        finish(&self.settler, Finished::Chunk(self.callback.clone(), part));
    }
}

fn finish(settler: &Arc<Settler>, item: Finished) {
    let schedule = {
        let mut finished = settler.finished.lock().unwrap_or_else(|e| e.into_inner());
        finished.push(item);
        finished.len() == 1
    };
    if schedule {
        let settler = settler.clone();
        // Fails only when the environment is shutting down; its promises go with it.
        let _ = settler.sender.clone().try_send(move |mut cx| {
            drain(&mut cx, &settler);
            Ok(())
        });
    }
}

/// Settles every finished job in one event-loop wake-up.
fn drain(cx: &mut TaskContext, settler: &Settler) {
    let batch = std::mem::take(&mut *settler.finished.lock().unwrap_or_else(|e| e.into_inner()));
    let mut settled = 0;
    for item in batch {
        // Fails only if V8 itself throws (out of memory, or a callback that
        // throws); the next results must still be settled.
        let _ = cx.try_catch(|cx| match item {
            Finished::Done(Done { deferred, file, outcome }) => {
                settled += 1;
                reply::settle_deferred(cx, deferred, &file, outcome)
            }
            Finished::Chunk(callback, part) => {
                let value =
                    reply::value(cx, "", part).or_else(|failure| reply::error(cx, failure).map(|e| e.upcast()))?;
                callback.to_inner(cx).call_with(cx).arg(value).exec(cx)
            }
        });
    }
    let mut keepalive = settler.keepalive.lock().unwrap_or_else(|e| e.into_inner());
    keepalive.1 -= settled;
    if keepalive.1 == 0 {
        keepalive.0.unref(cx);
    }
}
