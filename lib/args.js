'use strict';
// The caller's arguments checked as node:fs checks them (TypeErrors with
// ERR_INVALID_ARG_TYPE), and turned into the core's: shared by the addon's
// functions (lib/call.js) and the WebAssembly build's (lib/wasm/), so both
// take and refuse exactly the same. No Node.js module is needed here.

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

function strictArg(options) {
  const { strict = false } = optionsArg(options);
  if (typeof strict !== 'boolean') throw invalidArg('options.strict', 'a boolean', strict);
  return strict;
}

/** `options.dialect`, else the entry point's own; one of the core's `dialects`. */
function dialectArg(options, own, dialects) {
  const { dialect = own } = optionsArg(options);
  if (!dialects.includes(dialect)) throw invalidArg('options.dialect', `one of ${dialects.join(', ')}`, dialect);
  return dialect;
}

/** A file's name where no file is read (the WebAssembly build): a non-empty string. */
function nameArg(value, name) {
  if (typeof value === 'string' && value.length > 0) return value;
  throw invalidArg(name, 'a non-empty string', value);
}

function idArg(id, name) {
  if (typeof id !== 'string') throw invalidArg(name, 'a string', id);
  return id;
}

function kindArg(kind, kinds) {
  if (!kinds.includes(kind)) throw invalidArg('kind', `one of ${kinds.join(', ')}`, kind);
  return kind;
}

function valueArg(value, name = 'value') {
  const json = JSON.stringify(value);
  if (json === undefined) throw invalidArg(name, 'a JSON value', value);
  return json;
}

function operationsArg(operations) {
  if (!Array.isArray(operations)) throw invalidArg('operations', 'an array of JSON Patch operations', operations);
  return JSON.stringify(operations);
}

/** An edit's changes: a merge patch (any JSON value) with `merge`, else JSON Patch operations. */
const editsArg = (edits, merge) => (merge ? valueArg(edits, 'changes') : operationsArg(edits));

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
  // An AbortSignal of this realm or another (jest / vitest contexts): what is
  // called on it later must exist now, so a look-alike fails here, as a
  // TypeError, and never inside a promise callback.
  const tag = Object.prototype.toString.call(signal);
  const callable = (name) => typeof signal[name] === 'function';
  if (tag !== '[object AbortSignal]' || typeof signal.aborted !== 'boolean' || !callable('addEventListener') || !callable('removeEventListener')) {
    throw invalidArg('options.signal', 'an AbortSignal', signal);
  }
  return signal;
}

/** `parse*(source, { filename })`: `(source, filename?)`. */
const parseArgs = (source, options) => [sourceArg(source), filenameArg(options)];

/**
 * `validateText(text, { filename, strict, dialect })`: `(filename, text,
 * strict, dialect)`; `fileArg` checks the name (a path or a file: URL in
 * Node.js, a name in the WebAssembly build).
 */
function validateTextArgs(text, options, { own, dialects, fileArg }) {
  const { filename } = optionsArg(options);
  return [fileArg(filename, 'options.filename'), sourceArg(text), strictArg(options), dialectArg(options, own, dialects)];
}

/** `editText(text, operations, { filename, merge, dialect, strict })`: `(text, filename, edits, merge, dialect, strict)`. */
function editTextArgs(text, operations, options, { own, dialects, fileArg }) {
  const { filename, merge = false } = optionsArg(options);
  if (typeof merge !== 'boolean') throw invalidArg('options.merge', 'a boolean', merge);
  const rules = [dialectArg(options, own, dialects), strictArg(options)];
  return [sourceArg(text), fileArg(filename, 'options.filename'), editsArg(operations, merge), merge, ...rules];
}

module.exports = {
  invalidArg,
  optionsArg,
  filenameArg,
  sourceArg,
  strictArg,
  dialectArg,
  nameArg,
  idArg,
  kindArg,
  valueArg,
  editsArg,
  AbortError,
  signalArg,
  parseArgs,
  validateTextArgs,
  editTextArgs,
};
