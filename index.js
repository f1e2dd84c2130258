'use strict';
// The JS face of madace-core. The addon hands back JSON text and errors
// carrying a JSON payload; both are turned into objects here, in the caller's
// realm, so `instanceof` and `toStrictEqual` work under jest and vitest.

const { fileURLToPath } = require('node:url');

const native = require('./addon').loadAddon();

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
// checks its size, mtime, inode and ctime) the identical object is returned.
const agentObjects = new Map();

function cachedAgent(path, reply) {
  if (reply === null) return agentObjects.get(path).agent;
  const [generation, json] = reply;
  const agent = JSON.parse(json);
  agentObjects.set(path, { generation, agent });
  return agent;
}

function knownGeneration(path) {
  const entry = agentObjects.get(path);
  return entry ? entry.generation : 0;
}

/** Batches arrive as `[generation, json, path]` entries, in path order. */
function cachedAgents(entries) {
  return entries.map(([generation, json, path]) => {
    const entry = agentObjects.get(path);
    return entry && entry.generation === generation ? entry.agent : cachedAgent(path, [generation, json]);
  });
}

/**
 * The Promise and Sync exports of one native job. `args` checks the caller's
 * arguments (throwing TypeError synchronously) and returns the native ones;
 * `finish(reply, ...nativeArgs)` turns the native reply into the result.
 */
function twins(name, ErrorClass, args, finish = (reply) => JSON.parse(reply)) {
  const promised = (...given) => {
    const a = args(...given);
    return callAsync(ErrorClass, native[name](...a)).then((reply) => finish(reply, ...a));
  };
  const blocking = (...given) => {
    const a = args(...given);
    return finish(callSync(ErrorClass, native[`${name}Sync`], ...a), ...a);
  };
  return [promised, blocking];
}

const parseArgs = (source, options) => [sourceArg(source), filenameArg(options)];
const byIdArgs = (root, id) => [pathArg(root, 'root'), idArg(id, 'id')];
const pathArgs = (path) => [pathArg(path)];

function moduleArg(module) {
  if (typeof module !== 'string' || module.length === 0) throw invalidArg('module', 'a non-empty string', module);
  return module;
}

const [loadAgent, loadAgentSync] = twins(
  'loadAgentCached',
  AgentLoadError,
  (path) => {
    const p = pathArg(path);
    return [p, knownGeneration(p)];
  },
  (reply, p) => cachedAgent(p, reply),
);
const parseAgent = twins('parseAgent', AgentLoadError, parseArgs)[1];
const [loadAgents, loadAgentsSync] = twins('loadAgents', AgentLoadError, (dir) => ['dir', pathArg(dir, 'dir')], cachedAgents);
const [loadAgentsByModule, loadAgentsByModuleSync] = twins(
  'loadAgents',
  AgentLoadError,
  (module, options) => ['module', moduleArg(module), rootArg(options)],
  cachedAgents,
);
const [loadAllAgents, loadAllAgentsSync] = twins('loadAgents', AgentLoadError, (options) => ['all', rootArg(options)], cachedAgents);
const [loadAgentById, loadAgentByIdSync] = twins('loadAgentById', AgentLoadError, byIdArgs);

function loadMAMAgents(options) {
  return loadAgentsByModule('mam', options);
}

function clearAgentCache() {
  agentObjects.clear();
  native.clearAgentCache();
}

const [loadWorkflow, loadWorkflowSync] = twins('loadWorkflow', WorkflowLoadError, pathArgs);
const parseWorkflow = twins('parseWorkflow', WorkflowLoadError, parseArgs)[1];
const [findWorkflow, findWorkflowSync] = twins('findWorkflow', WorkflowLoadError, (name, options) => [
  rootArg(options),
  idArg(name, 'name'),
]);
const [loadWorkflowById, loadWorkflowByIdSync] = twins('loadWorkflowById', WorkflowLoadError, byIdArgs);

const [loadConfig, loadConfigSync] = twins('loadConfig', ConfigLoadError, pathArgs);
const parseConfig = twins('parseConfig', ConfigLoadError, parseArgs)[1];

const [loadProject, loadProjectSync] = twins('loadProject', MadaceError, (root) => [pathArg(root, 'root')]);

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

const [loadStatus, loadStatusSync] = twins('loadStatus', StatusError, pathArgs);
const validateStatus = twins('validateStatus', StatusError, (status, options) => [boardArg(status), ...limitsArg(options)])[1];
const [transition, transitionSync] = twins('transition', StatusError, (path, id, to, options) => [
  pathArg(path),
  idArg(id, 'id'),
  stateArg(to),
  ...limitsArg(options),
]);

function strictArg(options) {
  const { strict = false } = optionsArg(options);
  if (typeof strict !== 'boolean') throw invalidArg('options.strict', 'a boolean', strict);
  return strict;
}

const [validate, validateSync] = twins('validate', MadaceError, (paths, options) => [pathsArg(paths), strictArg(options)]);

const SCHEMA_KINDS = ['agent', 'workflow', 'config'];

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
  jsonSchema,
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
