'use strict';
// Writing definition files: JSON Patch / merge patch edits, checked and
// written by the core without losing a comment, a blank line or a quote
// (src/edit/), `stringify` and `createDefinition` for new files. The
// unified diff of a dry run is made here, by the `diff` package.

const { createTwoFilesPatch } = require('diff');
const { EditError } = require('./errors');
const { DIALECTS, WRITABLE_KINDS } = require('./catalog');
const { invalidArg, optionsArg, pathArg, twins, dialectArg, strictArg } = require('./call');
const checks = require('./args');

const { valueArg, editsArg } = checks;

/** `options.dialect` (else the entry's), `options.strict`: the rules the edited file is checked by. */
const rulesArgs = (options, own) => [dialectArg(options, own), strictArg(options)];

const kindArg = (kind) => checks.kindArg(kind, WRITABLE_KINDS);

/** `{ text, diff, written }` (and the reply's other fields) from the core's `{ before, text, written, … }`. */
function withDiff(reply, file) {
  const { before, text, written, ...rest } = JSON.parse(reply);
  const shown = file.replace(/\\/g, '/');
  // From the '---' line on: the unified diff git and patch(1) read, without jsdiff's 'Index:' header.
  const patch = before === text ? '' : createTwoFilesPatch(shown, shown, before, text, '', '', { context: 3 });
  const diff = patch.slice(Math.max(0, patch.indexOf('--- ')));
  return { ...rest, text, diff, written };
}

function editing(dialect) {
  const fileArgs = (merge) => (file, edits, options) => {
    const { expected = null, dryRun = false } = optionsArg(options);
    if (expected !== null && typeof expected !== 'string') throw invalidArg('options.expected', 'a string', expected);
    if (typeof dryRun !== 'boolean') throw invalidArg('options.dryRun', 'a boolean', dryRun);
    return [pathArg(file), editsArg(edits, merge), merge, ...rulesArgs(options, dialect), expected, dryRun];
  };
  const finish = (reply, file) => withDiff(reply, file);

  /**
   * Applies RFC 6902 operations to the file's value as madace-core loads it
   * and writes the smallest change of its text, checked first, atomically.
   */
  const [applyEdits, applyEditsSync] = twins('applyEdits', EditError, fileArgs(false), { finish, options: 2, write: true });
  /** `changes` as an RFC 7396 merge patch of a config (or any definition). */
  const [updateConfig, updateConfigSync] = twins('applyEdits', EditError, fileArgs(true), { finish, options: 2, write: true });
  /** Writes a new definition file of `kind` holding `value`, checked; E_EXISTS when the file is there. */
  const [createDefinition, createDefinitionSync] = twins(
    'createDefinition',
    EditError,
    (file, kind, value, options) => [pathArg(file), kindArg(kind), valueArg(value), ...rulesArgs(options, dialect)],
    { options: 3, write: true },
  );

  /** The text after `operations` (or, with `options.merge`, a merge patch), checked as `options.filename`; nothing is read or written. */
  const [, editText] = twins('editText', EditError, (text, operations, options) =>
    checks.editTextArgs(text, operations, options, { own: dialect, dialects: DIALECTS, fileArg: pathArg }),
  );

  return {
    applyEdits,
    applyEditsSync,
    updateConfig,
    updateConfigSync,
    createDefinition,
    createDefinitionSync,
    editText,
  };
}

/** Canonical YAML (agent, workflow, config) or TOML (layers) for a value as it loads. */
const [, stringify] = twins('stringify', EditError, (kind, value) => [kindArg(kind), valueArg(value)]);

module.exports = { editing, stringify, withDiff };
