'use strict';
// The JS face of madace-core. The addon hands back JSON text and errors
// carrying a JSON payload; both are turned into objects here, in the caller's
// realm, so `instanceof` and `toStrictEqual` work under jest and vitest.

const { fileURLToPath } = require('node:url');

const native = require('./addon').loadAddon();
const { deepFreeze } = require('./freeze');

class MadaceError extends Error {
  constructor(info) {
    super(info.message);
    this.name = new.target.name;
    this.code = info.code;
    this.path = info.path;
    this.line = info.line;
    this.column = info.column;
    this.issues = info.issues || [];
  }

  /** The MADACE TypeScript loaders' name for `path`. */
  get filePath() {
    return this.path;
  }
}

class AgentLoadError extends MadaceError {}

class WorkflowLoadError extends MadaceError {}

class ConfigLoadError extends MadaceError {}

class StatusError extends MadaceError {}

/** Every code a MadaceError can carry (see README, "Error codes"). */
const ERROR_CODES = Object.freeze([
  'E_NOT_FOUND',
  'E_NOT_A_FILE',
  'E_NOT_A_DIRECTORY',
  'E_IO',
  'E_ENCODING',
  'E_EMPTY',
  'E_YAML',
  'E_DUPLICATE_KEY',
  'E_MULTIPLE_DOCUMENTS',
  'E_TAG',
  'E_LIMIT',
  'E_SCHEMA',
  'E_PATH',
  'E_INTERNAL',
  'E_STATUS_FORMAT',
  'E_UNKNOWN_STATE',
  'E_STORY_NOT_FOUND',
  'E_DUPLICATE_STORY',
  'E_TRANSITION',
  'E_STATUS_LIMIT',
  'E_STATUS_CONFLICT',
]);

function toMadaceError(err, ErrorClass) {
  if (err && typeof err.madace === 'string') return new ErrorClass(JSON.parse(err.madace));
  // Not one of ours: a bug in the addon, surfaced with the stable internal code.
  const message = `madace-core internal error: ${err && err.message ? err.message : String(err)}`;
  return new ErrorClass({ code: 'E_INTERNAL', message, path: null, line: null, column: null });
}

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

function invalidArg(name, expected, value) {
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'number'
          ? `${value}`
          : `type ${typeof value}`;
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${got}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
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

function optionsArg(options, name = 'options') {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw invalidArg(name, 'an object', options);
  return options;
}

function filenameArg(options) {
  const { filename } = optionsArg(options);
  if (filename !== undefined && typeof filename !== 'string') {
    throw invalidArg('options.filename', 'a string', filename);
  }
  return filename;
}

function sourceArg(source) {
  if (typeof source !== 'string') throw invalidArg('source', 'a string', source);
  return source;
}

/** `options.root`, defaulting to the working directory as the MADACE loader does. */
function rootArg(options) {
  const { root } = optionsArg(options);
  return root === undefined ? process.cwd() : pathArg(root, 'options.root');
}

function idArg(id, name) {
  if (typeof id !== 'string') throw invalidArg(name, 'a string', id);
  return id;
}

// Agents are cached by path: while the file is unchanged on disk (the addon
// checks its size, mtime, inode and ctime) the identical object is returned,
// deep-frozen because every caller shares it.
const agentObjects = new Map();

function cachedAgent(path, reply) {
  if (reply === null) return agentObjects.get(path).agent;
  const [generation, json] = reply;
  const agent = deepFreeze(JSON.parse(json));
  agentObjects.set(path, { generation, agent });
  return agent;
}

function knownGeneration(path) {
  const entry = agentObjects.get(path);
  return entry ? entry.generation : 0;
}

/**
 * Batches arrive as `[generation, json, path]` entries, in path order, and
 * with `collectErrors` a failed file as `[null, errorJson, path]`: then the
 * result is `{ agents, errors }`. The Promise loaders get the first entries
 * early, through `sink` (see `agentSink`); the reply holds the rest.
 */
function cachedAgents(entries, _kind, _dirOrModule, _root, collect, sink = agentSink()) {
  sink(entries);
  return collect ? { agents: sink.agents, errors: sink.errors } : sink.agents;
}

/** A function that turns batches of entries into agents as they arrive. */
function agentSink() {
  const sink = (entries) => {
    for (const [generation, json, path] of entries) {
      if (generation === null) {
        sink.errors.push(new AgentLoadError(JSON.parse(json)));
        continue;
      }
      const entry = agentObjects.get(path);
      sink.agents.push(entry && entry.generation === generation ? entry.agent : cachedAgent(path, [generation, json]));
    }
  };
  sink.agents = [];
  sink.errors = [];
  return sink;
}

/** `options.collectErrors`: return `{ agents, errors }` instead of failing on the first bad file. */
function collectArg(options) {
  const { collectErrors = false } = optionsArg(options);
  if (typeof collectErrors !== 'boolean') throw invalidArg('options.collectErrors', 'a boolean', collectErrors);
  return collectErrors;
}

/** What an aborted call rejects with, as `fs.promises` does: `name` AbortError, `code` ABORT_ERR. */
class AbortError extends Error {
  constructor(signal) {
    super('The operation was aborted', { cause: signal.reason });
    this.name = 'AbortError';
    this.code = 'ABORT_ERR';
  }
}

/** `options.signal`: undefined or an AbortSignal. */
function signalArg(options) {
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  const { signal } = options;
  if (signal === undefined) return undefined;
  if (!signal || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw invalidArg('options.signal', 'an AbortSignal', signal);
  }
  return signal;
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
    const onAbort = () => {
      native.abort(handle);
      if (!write) reject(new AbortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    start(handle).then(
      (reply) => {
        signal.removeEventListener('abort', onAbort);
        resolve(reply);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
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

const parseArgs = (source, options) => [sourceArg(source), filenameArg(options)];

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

const [loadAgent, loadAgentSync] = twins(
  'loadAgentCached',
  AgentLoadError,
  (path, options) => {
    const [p] = pathArgs(path, options);
    return [p, knownGeneration(p)];
  },
  { finish: (reply, p) => cachedAgent(p, reply), options: 1 },
);
const parseAgent = keepingSource(twins('parseAgent', AgentLoadError, parseArgs)[1]);
const [loadAgents, loadAgentsSync] = twins(
  'loadAgents',
  AgentLoadError,
  (dir, options) => ['dir', ...pathArgs(dir, options, 'dir'), '', collectArg(options), agentSink()],
  { finish: cachedAgents, options: 1 },
);
const [loadAgentsByModule, loadAgentsByModuleSync] = twins(
  'loadAgents',
  AgentLoadError,
  (module, options) => ['module', moduleArg(module), rootArg(options), collectArg(options), agentSink()],
  { finish: cachedAgents, options: 1 },
);
const [loadAllAgents, loadAllAgentsSync] = twins(
  'loadAgents',
  AgentLoadError,
  (options) => ['all', rootArg(options), '', collectArg(options), agentSink()],
  { finish: cachedAgents, options: 0 },
);
const [loadAgentById, loadAgentByIdSync] = twins('loadAgentById', AgentLoadError, byIdArgs, { options: 2 });

function loadMAMAgents(options) {
  return loadAgentsByModule('mam', options);
}

function clearAgentCache() {
  agentObjects.clear();
  native.clearAgentCache();
}

const [loadWorkflow, loadWorkflowSync] = twins('loadWorkflow', WorkflowLoadError, pathArgs, { options: 1 });
const parseWorkflow = keepingSource(twins('parseWorkflow', WorkflowLoadError, parseArgs)[1]);
const [findWorkflow, findWorkflowSync] = twins(
  'findWorkflow',
  WorkflowLoadError,
  (name, options) => [rootArg(options), idArg(name, 'name')],
  { options: 1 },
);
const [loadWorkflowById, loadWorkflowByIdSync] = twins('loadWorkflowById', WorkflowLoadError, byIdArgs, { options: 2 });

const [loadConfig, loadConfigSync] = twins('loadConfig', ConfigLoadError, pathArgs, { options: 1 });
const parseConfig = keepingSource(twins('parseConfig', ConfigLoadError, parseArgs)[1]);

const [loadProject, loadProjectSync] = twins('loadProject', MadaceError, (root, options) => pathArgs(root, options, 'root'), {
  options: 1,
});

/** `{ maxTodo, maxInProgress }` from the options, else from `options.config.state_machine`, else 1 and 1. */
function limitsArg(options) {
  const { maxTodo, maxInProgress, config } = optionsArg(options);
  const machine = (config && config.state_machine) || {};
  const limit = (value, name) => {
    if (value === undefined) return 1;
    if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number of at least 1', value);
    return value;
  };
  return [
    limit(maxTodo ?? machine.max_todo_items, 'options.maxTodo'),
    limit(maxInProgress ?? machine.max_in_progress_items, 'options.maxInProgress'),
  ];
}

function boardArg(status) {
  const sections = ['backlog', 'todo', 'inProgress', 'done'];
  if (!status || typeof status !== 'object' || !sections.every((s) => Array.isArray(status[s]))) {
    throw invalidArg('status', 'a board from loadStatus ({ backlog, todo, inProgress, done })', status);
  }
  return JSON.stringify(status);
}

function stateArg(to) {
  if (typeof to !== 'string') throw invalidArg('to', 'a state name (BACKLOG, TODO, IN_PROGRESS, DONE)', to);
  return to;
}

const [loadStatus, loadStatusSync] = twins('loadStatus', StatusError, pathArgs, { options: 1 });
const validateStatus = twins('validateStatus', StatusError, (status, options) => [boardArg(status), ...limitsArg(options)])[1];
const [transition, transitionSync] = twins(
  'transition',
  StatusError,
  (path, id, to, options) => [pathArg(path), idArg(id, 'id'), stateArg(to), ...limitsArg(options)],
  { options: 3, write: true },
);

function strictArg(options) {
  const { strict = false } = optionsArg(options);
  if (typeof strict !== 'boolean') throw invalidArg('options.strict', 'a boolean', strict);
  return strict;
}

const [validate, validateSync] = twins('validate', MadaceError, (paths, options) => [pathsArg(paths), strictArg(options)], {
  options: 1,
});

/**
 * Validates `paths` once, then again as definition files are created,
 * edited, renamed or deleted; `options.onReport` gets each ValidationReport
 * of the files whose result changed (plus `removed`). Returns `{ ready, close }`.
 */
function watch(paths, options) {
  const list = pathsArg(paths);
  const strict = strictArg(options);
  const { onReport } = optionsArg(options);
  if (typeof onReport !== 'function') throw invalidArg('options.onReport', 'a function', onReport);
  return require('./watch').watch(validateSync, list, { strict, onReport });
}

const SCHEMA_KINDS = ['agent', 'workflow', 'config'];

/**
 * A parse function whose errors remember the text they were found in (as a
 * non-enumerable `source`), so that `formatError` can show it.
 */
function keepingSource(parse) {
  return (source, options) => {
    try {
      return parse(source, options);
    } catch (err) {
      if (err instanceof MadaceError) Object.defineProperty(err, 'source', { value: source, configurable: true });
      throw err;
    }
  };
}

function positiveInteger(value, name) {
  if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number from 1 up', value);
  return value;
}

/**
 * The lines of `source` around `line`:`column` with a caret under the column
 * (tabs and wide characters before it keep it in place), or `null` when the
 * location is not in the text.
 */
function codeFrame(source, line, column) {
  if (typeof source !== 'string') throw invalidArg('source', 'a string', source);
  positiveInteger(line, 'line');
  positiveInteger(column, 'column');
  if (source !== framed.source) framed = { source, lines: source.replace(/^\uFEFF/, '').split('\n') };
  // Only the lines around the location cross to the addon: a report with a
  // thousand problems in one large file splits it once, not a thousand times.
  const first = Math.max(1, line - 2);
  return native.codeFrame(framed.lines.slice(first - 1, line + 2).join('\n'), line, column, first);
}

/** The text `codeFrame` saw last, split into lines. */
let framed = { source: null, lines: [] };

/**
 * The text of `file` for a frame, or null when it cannot be read now. Only
 * a regular file within the size limit is read: reading a FIFO would block.
 */
function readSource(file) {
  const fs = require('node:fs');
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= MAX_SOURCE_BYTES ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The file size limit of definition files (README, "Limits"). */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/**
 * An error as a person reads it: `file:line:column  message  CODE` for the
 * error, or for each of its issues, each followed by its code frame. The
 * frames come from `options.source`, else from the text a `parse*` call was
 * given, else from the file at `err.path` as it is on disk now; without a
 * readable source (or with `frame: false`) there are no frames.
 */
function formatError(err, options) {
  if (!(err instanceof MadaceError)) throw invalidArg('err', 'a MadaceError', err);
  const { source, frame = true } = optionsArg(options);
  if (source !== undefined && typeof source !== 'string') throw invalidArg('options.source', 'a string', source);
  const where = err.line === null ? err.path : `${err.path}:${err.line}:${err.column}`;
  const bare = err.message.startsWith(`${where}: `) ? err.message.slice(where.length + 2) : err.message;
  const entries = err.issues.length
    ? err.issues.map((i) => ({ line: i.line, column: i.column, message: `${i.message} (${i.path})` }))
    : [{ line: err.line, column: err.column, message: bare }];
  // The source is only looked for when there is a location to show.
  const located = frame && entries.some((e) => e.line !== null);
  const text = located ? (source ?? err.source ?? readSource(err.path)) : null;
  return entries
    .map(({ line, column, message }) => {
      const head = `${line === null ? err.path : `${err.path}:${line}:${column}`}  ${message}  ${err.code}`;
      const shown = text !== null && line !== null ? codeFrame(text, line, column) : null;
      return shown ? `${head}\n${shown}` : `${head}\n`;
    })
    .join('\n');
}

/** The JSON Schema (draft-07) of a definition file kind, for editors. */
function jsonSchema(kind) {
  if (!SCHEMA_KINDS.includes(kind)) throw invalidArg('kind', `one of ${SCHEMA_KINDS.join(', ')}`, kind);
  return JSON.parse(native.jsonSchema(kind));
}

// A literal object, so Node's ESM loader can see the named exports.
module.exports = {
  loadAgent,
  loadAgentSync,
  parseAgent,
  loadAgents,
  loadAgentsSync,
  loadAgentsFromDirectory: loadAgents,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadMAMAgents,
  clearAgentCache,
  loadAgentById,
  loadAgentByIdSync,
  loadWorkflow,
  loadWorkflowSync,
  parseWorkflow,
  findWorkflow,
  findWorkflowSync,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadConfig,
  loadConfigSync,
  parseConfig,
  loadProject,
  loadProjectSync,
  validate,
  validateSync,
  watch,
  jsonSchema,
  codeFrame,
  formatError,
  loadStatus,
  loadStatusSync,
  validateStatus,
  transition,
  transitionSync,
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  ERROR_CODES,
};
