'use strict';
// The JS face of madace-core. The addon hands back JSON text and errors
// carrying a JSON payload; both are turned into objects here, in the caller's
// realm, so `instanceof` and `toStrictEqual` work under jest and vitest.

const { fileURLToPath } = require('node:url');

const native = loadAddon();

function loadAddon() {
  try {
    return require('./index.node');
  } catch (err) {
    const missing = err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('index.node');
    const why = missing
      ? 'the native addon (index.node) was never built; this happens when the package is installed with --ignore-scripts'
      : `the native addon (index.node) failed to load: ${err && err.message}`;
    throw new Error(
      `madace-core: ${why}. Fix: run \`npm rebuild madace-core\` (it compiles the addon and needs a Rust toolchain, https://rustup.rs).`,
    );
  }
}

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

function callSyncRaw(ErrorClass, fn, ...args) {
  try {
    return fn(...args);
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
}

async function callAsyncRaw(ErrorClass, promise) {
  try {
    return await promise;
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
}

function callSync(ErrorClass, fn, ...args) {
  return JSON.parse(callSyncRaw(ErrorClass, fn, ...args));
}

function callAsync(ErrorClass, promise) {
  return callAsyncRaw(ErrorClass, promise).then(JSON.parse);
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

function loadAgent(path) {
  const p = pathArg(path);
  return callAsyncRaw(AgentLoadError, native.loadAgentCached(p, knownGeneration(p))).then((r) => cachedAgent(p, r));
}

function loadAgentSync(path) {
  const p = pathArg(path);
  return cachedAgent(p, callSyncRaw(AgentLoadError, native.loadAgentCachedSync, p, knownGeneration(p)));
}

function parseAgent(source, options) {
  const filename = filenameArg(options);
  return callSync(AgentLoadError, native.parseAgentSync, sourceArg(source), filename);
}

function loadAgents(dir) {
  return callAsyncRaw(AgentLoadError, native.loadAgents('dir', pathArg(dir, 'dir'))).then(cachedAgents);
}

function loadAgentsSync(dir) {
  return cachedAgents(callSyncRaw(AgentLoadError, native.loadAgentsSync, 'dir', pathArg(dir, 'dir')));
}

function moduleArg(module) {
  if (typeof module !== 'string' || module.length === 0) throw invalidArg('module', 'a non-empty string', module);
  return module;
}

function loadAgentsByModule(module, options) {
  const args = ['module', moduleArg(module), rootArg(options)];
  return callAsyncRaw(AgentLoadError, native.loadAgents(...args)).then(cachedAgents);
}

function loadAgentsByModuleSync(module, options) {
  return cachedAgents(callSyncRaw(AgentLoadError, native.loadAgentsSync, 'module', moduleArg(module), rootArg(options)));
}

function loadAllAgents(options) {
  return callAsyncRaw(AgentLoadError, native.loadAgents('all', rootArg(options))).then(cachedAgents);
}

function loadAllAgentsSync(options) {
  return cachedAgents(callSyncRaw(AgentLoadError, native.loadAgentsSync, 'all', rootArg(options)));
}

function loadMAMAgents(options) {
  return loadAgentsByModule('mam', options);
}

function clearAgentCache() {
  agentObjects.clear();
  native.clearAgentCache();
}

function loadAgentById(root, id) {
  return callAsync(AgentLoadError, native.loadAgentById(pathArg(root, 'root'), idArg(id, 'id')));
}

function loadAgentByIdSync(root, id) {
  return callSync(AgentLoadError, native.loadAgentByIdSync, pathArg(root, 'root'), idArg(id, 'id'));
}

function loadWorkflow(path) {
  return callAsync(WorkflowLoadError, native.loadWorkflow(pathArg(path)));
}

function loadWorkflowSync(path) {
  return callSync(WorkflowLoadError, native.loadWorkflowSync, pathArg(path));
}

function parseWorkflow(source, options) {
  const filename = filenameArg(options);
  return callSync(WorkflowLoadError, native.parseWorkflowSync, sourceArg(source), filename);
}

function findWorkflow(name, options) {
  return callAsync(WorkflowLoadError, native.findWorkflow(rootArg(options), idArg(name, 'name')));
}

function findWorkflowSync(name, options) {
  return callSync(WorkflowLoadError, native.findWorkflowSync, rootArg(options), idArg(name, 'name'));
}

function loadWorkflowById(root, id) {
  return callAsync(WorkflowLoadError, native.loadWorkflowById(pathArg(root, 'root'), idArg(id, 'id')));
}

function loadWorkflowByIdSync(root, id) {
  return callSync(WorkflowLoadError, native.loadWorkflowByIdSync, pathArg(root, 'root'), idArg(id, 'id'));
}

function loadConfig(path) {
  return callAsync(ConfigLoadError, native.loadConfig(pathArg(path)));
}

function loadConfigSync(path) {
  return callSync(ConfigLoadError, native.loadConfigSync, pathArg(path));
}

function parseConfig(source, options) {
  const filename = filenameArg(options);
  return callSync(ConfigLoadError, native.parseConfigSync, sourceArg(source), filename);
}

function loadProject(root) {
  return callAsync(MadaceError, native.loadProject(pathArg(root, 'root')));
}

function loadProjectSync(root) {
  return callSync(MadaceError, native.loadProjectSync, pathArg(root, 'root'));
}

function loadStatus(path) {
  return callAsync(StatusError, native.loadStatus(pathArg(path)));
}

function loadStatusSync(path) {
  return callSync(StatusError, native.loadStatusSync, pathArg(path));
}

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

function validateStatus(status, options) {
  return callSync(StatusError, native.validateStatusSync, boardArg(status), ...limitsArg(options));
}

function stateArg(to) {
  if (typeof to !== 'string') throw invalidArg('to', 'a state name (BACKLOG, TODO, IN_PROGRESS, DONE)', to);
  return to;
}

function transition(path, id, to, options) {
  const args = [pathArg(path), idArg(id, 'id'), stateArg(to), ...limitsArg(options)];
  return callAsync(StatusError, native.transition(...args));
}

function transitionSync(path, id, to, options) {
  const args = [pathArg(path), idArg(id, 'id'), stateArg(to), ...limitsArg(options)];
  return callSync(StatusError, native.transitionSync, ...args);
}

function strictArg(options) {
  const { strict = false } = optionsArg(options);
  if (typeof strict !== 'boolean') throw invalidArg('options.strict', 'a boolean', strict);
  return strict;
}

function validate(paths, options) {
  return callAsync(MadaceError, native.validate(pathsArg(paths), strictArg(options)));
}

function validateSync(paths, options) {
  return callSync(MadaceError, native.validateSync, pathsArg(paths), strictArg(options));
}

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
