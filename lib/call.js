'use strict';
// Calls into the addon: the Promise and Sync twins of one native job,
// AbortSignal support, and the argument checks that need Node.js (paths and
// file: URLs; the others are lib/args.js's, shared with the WebAssembly
// build). The addon hands back JSON text and errors carrying a JSON payload;
// both are turned into objects here, in the caller's realm, so `instanceof`
// and `toStrictEqual` work under jest and vitest.

const { fileURLToPath } = require('node:url');

const native = require('./native');
const { DIALECTS } = require('./catalog');
const { toMadaceError } = require('./errors');
const checks = require('./args');

const { invalidArg, optionsArg, sourceArg, strictArg, idArg, parseArgs, AbortError, signalArg } = checks;

/** `options.dialect`, else the entry point's own. */
const dialectArg = (options, own) => checks.dialectArg(options, own, DIALECTS);

function callSync(ErrorClass, fn, ...args) {
  try {
    return fn(...args);
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
}

async function callAsync(ErrorClass, promise) {
  try {
    return await promise;
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
}

/** Paths may be strings or file: URLs, as with node:fs. */
function pathArg(value, name = 'path') {
  if (typeof value === 'string' && value.length > 0) return value;
  if (value instanceof URL || (value && typeof value.href === 'string' && value.protocol === 'file:')) {
    return fileURLToPath(value);
  }
  throw invalidArg(name, 'a non-empty string or a file: URL', value);
}

function pathsArg(value) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalidArg('paths', 'a path or a non-empty array of paths', value);
  return list.map((p) => pathArg(p, 'paths'));
}

/** `options.root`, defaulting to the working directory as the MADACE loader does. */
function rootArg(options) {
  const { root } = optionsArg(options);
  return root === undefined ? process.cwd() : pathArg(root, 'options.root');
}

/** `options.root`, else MADACE-METHOD's project root: MADACE_PROJECT_ROOT, else the working directory. */
function projectRootArg(options) {
  const { root } = optionsArg(options);
  if (root !== undefined) return pathArg(root, 'options.root');
  return process.env.MADACE_PROJECT_ROOT || process.cwd();
}

/** `options.collectErrors`: the folder loaders return the files that load and the errors, instead of failing on the first bad file. */
function collectArg(options) {
  const { collectErrors = false } = optionsArg(options);
  if (typeof collectErrors !== 'boolean') throw invalidArg('options.collectErrors', 'a boolean', collectErrors);
  return collectErrors;
}

// One 'abort' listener per signal however many calls share it: a listener
// per call makes Node print MaxListenersExceededWarning past ten calls.
const waitingOn = new WeakMap();

/** Calls `onAbort` when `signal` fires; returns the function that stops waiting. */
function whenAborted(signal, onAbort) {
  let waiting = waitingOn.get(signal);
  if (!waiting) {
    const callbacks = new Set();
    const listener = () => {
      waitingOn.delete(signal);
      for (const callback of callbacks) callback();
    };
    waiting = { callbacks, listener };
    waitingOn.set(signal, waiting);
    signal.addEventListener('abort', listener, { once: true });
  }
  waiting.callbacks.add(onAbort);
  return () => {
    waiting.callbacks.delete(onAbort);
    if (waiting.callbacks.size === 0 && waitingOn.get(signal) === waiting) {
      waitingOn.delete(signal);
      signal.removeEventListener('abort', waiting.listener);
    }
  };
}

/**
 * Runs a native async call under an AbortSignal. Reads reject with an
 * AbortError as soon as the signal fires, and their job is skipped if it has
 * not started. A write (`transition`) is never abandoned half-way: its job is
 * skipped if it has not started, else the promise settles with what happened.
 */
function abortable(signal, write, ErrorClass, start) {
  if (!signal) return callAsync(ErrorClass, start(undefined));
  if (signal.aborted) return Promise.reject(new AbortError(signal));
  const handle = native.abortHandle();
  return new Promise((resolve, reject) => {
    const stopWaiting = whenAborted(signal, () => {
      native.abort(handle);
      if (!write) reject(new AbortError(signal));
    });
    start(handle).then(
      (reply) => {
        stopWaiting();
        resolve(reply);
      },
      (err) => {
        stopWaiting();
        reject(err && err.madaceAborted ? new AbortError(signal) : toMadaceError(err, ErrorClass));
      },
    );
  });
}

/**
 * The Promise and Sync exports of one native job. `args` checks the caller's
 * arguments (throwing TypeError synchronously) and returns the native ones;
 * `finish(reply, ...nativeArgs)` turns the native reply into the result.
 * `options` is the index of the caller's options argument, whose `signal`
 * the Promise export honours; `write` marks a job that changes files.
 */
function twins(name, ErrorClass, args, { finish = (reply) => JSON.parse(reply), options, write = false } = {}) {
  const promised = (...given) => {
    const a = args(...given);
    const signal = signalArg(given[options]);
    const start = (handle) => (handle === undefined ? native[name](...a) : native[name](...a, handle));
    return abortable(signal, write, ErrorClass, start).then((reply) => finish(reply, ...a));
  };
  const blocking = (...given) => {
    const a = args(...given);
    return finish(callSync(ErrorClass, native[`${name}Sync`], ...a), ...a);
  };
  return [promised, blocking];
}

function byIdArgs(root, id, options) {
  optionsArg(options);
  return [pathArg(root, 'root'), idArg(id, 'id')];
}

function pathArgs(path, options, name = 'path') {
  optionsArg(options);
  return [pathArg(path, name)];
}

function moduleArg(module) {
  if (typeof module !== 'string' || module.length === 0) throw invalidArg('module', 'a non-empty string', module);
  return module;
}

module.exports = {
  native,
  invalidArg,
  pathArg,
  pathsArg,
  optionsArg,
  rootArg,
  projectRootArg,
  collectArg,
  strictArg,
  dialectArg,
  idArg,
  twins,
  parseArgs,
  sourceArg,
  byIdArgs,
  pathArgs,
  moduleArg,
};
