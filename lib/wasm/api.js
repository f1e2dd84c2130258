'use strict';
// madace-core's text functions on the WebAssembly build (madace-core/wasm,
// and the main entry in browsers, Edge runtimes and workers): the addon's
// argument checks, results, error classes and messages, made by the same
// modules; every function that works with files is the Node.js-runtime
// error (lib/edge.js).

const errors = require('../errors');
const checks = require('../args');
const { readCatalog } = require('../catalog-text');
const { showing } = require('../show');
const stubs = require('../edge');

const { MadaceError, AgentLoadError, WorkflowLoadError, ConfigLoadError, EditError } = errors;
const catalog = readCatalog(require('./catalog.json'));

/** The entry's own dialect, as the main entry's (madace-core/madace needs Node.js). */
const dialect = 'any';

/** The API on `run(op, args, file)`, an engine (./engine.js). */
function textApi(run) {
  const { DIALECTS, WRITABLE_KINDS } = catalog;
  const named = { own: dialect, dialects: DIALECTS, fileArg: checks.nameArg };

  function call(ErrorClass, op, args, file) {
    let answer;
    try {
      answer = run(op, args, file);
    } catch (err) {
      throw errors.toMadaceError(err, ErrorClass);
    }
    return JSON.parse(answer);
  }

  const parse = (op, ErrorClass) =>
    errors.keepingSource((source, options) => {
      const [text, filename = ''] = checks.parseArgs(source, options);
      return call(ErrorClass, op, [text, filename, dialect, ''], filename);
    });

  /** The rules as the module reads them (wasm/src/ops.rs `Rules`): the dialect, then the flags that hold. */
  const rules = (chosen, flags) => [chosen, ...Object.keys(flags).filter((f) => flags[f])].join(' ');

  const validated = ([file, text, strict, chosen]) =>
    call(MadaceError, 'validateText', [text, file, '', rules(chosen, { strict })], file);

  /** Checks `text` as the file `options.filename` would be checked. */
  const validateTextSync = (text, options) => validated(checks.validateTextArgs(text, options, named));

  /**
   * validateTextSync's result as a Promise. The work runs on the calling
   * thread (there are no others here), so `options.signal` is honoured
   * only if it has fired before the call, as the addon's is for a job that
   * has not started.
   */
  function validateText(text, options) {
    const args = checks.validateTextArgs(text, options, named);
    const signal = checks.signalArg(options);
    if (signal && signal.aborted) return Promise.reject(new checks.AbortError(signal));
    return new Promise((resolve) => resolve(validated(args)));
  }

  /** The text after `operations` (or, with `options.merge`, a merge patch), checked as `options.filename`. */
  function editText(text, operations, options) {
    const [source, file, edits, merge, chosen, strict] = checks.editTextArgs(text, operations, options, named);
    return call(EditError, 'editText', [source, file, edits, rules(chosen, { strict, merge })], file);
  }

  /** Canonical YAML (agent, workflow, config) or TOML (layers) for a value as it loads. */
  function stringify(kind, value) {
    const args = [checks.valueArg(value), checks.kindArg(kind, WRITABLE_KINDS), '', ''];
    return call(EditError, 'stringify', args);
  }

  const frame = (lines, line, column, first) =>
    call(MadaceError, 'codeFrame', [lines, '', '', `${line} ${column} ${first}`]);
  // No file is read here: formatError's frames come from the text given or parsed.
  const { codeFrame, formatError } = showing(frame, () => null);

  return {
    ...stubs,
    parseAgent: parse('parseAgent', AgentLoadError),
    parseWorkflow: parse('parseWorkflow', WorkflowLoadError),
    parseConfig: parse('parseConfig', ConfigLoadError),
    validateText,
    validateTextSync,
    editText,
    stringify,
    codeFrame,
    formatError,
    ERROR_CODES: catalog.ERROR_CODES,
    CODES: catalog.CODES,
    RULES: catalog.RULES,
  };
}

/** The error of a call made before a browser's `init()` finished. */
function notReady() {
  return Object.assign(new Error('not ready'), {
    madace: JSON.stringify({
      code: 'E_NOT_READY',
      message: "madace-core's WebAssembly module is not loaded yet: `await init()` once before the first call",
      path: null,
      line: null,
      column: null,
    }),
  });
}

module.exports = { textApi, notReady };
