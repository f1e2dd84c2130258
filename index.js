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
}

class AgentLoadError extends MadaceError {
  /** The MADACE TypeScript loader's name for `path`. */
  get filePath() {
    return this.path;
  }
}

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
]);

function toMadaceError(err, ErrorClass) {
  if (err && typeof err.madace === 'string') return new ErrorClass(JSON.parse(err.madace));
  // Not one of ours: a bug in the addon, surfaced with the stable internal code.
  const message = `madace-core internal error: ${err && err.message ? err.message : String(err)}`;
  return new ErrorClass({ code: 'E_INTERNAL', message, path: null, line: null, column: null });
}

function callSync(ErrorClass, fn, ...args) {
  let json;
  try {
    json = fn(...args);
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
  return JSON.parse(json);
}

async function callAsync(ErrorClass, promise) {
  let json;
  try {
    json = await promise;
  } catch (err) {
    throw toMadaceError(err, ErrorClass);
  }
  return JSON.parse(json);
}

function invalidArg(name, expected, value) {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `type ${typeof value}`;
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

function loadAgent(path) {
  return callAsync(AgentLoadError, native.loadAgent(pathArg(path)));
}

function loadAgentSync(path) {
  return callSync(AgentLoadError, native.loadAgentSync, pathArg(path));
}

function parseAgent(source, options) {
  if (typeof source !== 'string') throw invalidArg('source', 'a string', source);
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw invalidArg('options', 'an object', options);
  }
  const filename = options && options.filename;
  if (filename !== undefined && typeof filename !== 'string') {
    throw invalidArg('options.filename', 'a string', filename);
  }
  return callSync(AgentLoadError, native.parseAgent, source, filename);
}

function validate(paths) {
  return callAsync(MadaceError, native.validate(pathsArg(paths)));
}

function validateSync(paths) {
  return callSync(MadaceError, native.validateSync, pathsArg(paths));
}

// A literal object, so Node's ESM loader can see the named exports.
module.exports = {
  loadAgent,
  loadAgentSync,
  parseAgent,
  validate,
  validateSync,
  MadaceError,
  AgentLoadError,
  ERROR_CODES,
};
