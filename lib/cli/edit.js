'use strict';
// `madace-core set FILE POINTER VALUE` and `madace-core edit FILE --patch
// ops.json`: edits checked by the library and written without losing a
// comment; the change is printed as a unified diff (--dry-run: only that).

const fs = require('node:fs');
const { visible } = require('../render');
const { UsageError } = require('./usage');

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  patch: { type: 'string' },
  merge: { type: 'string' },
  json: { type: 'boolean' },
  dialect: { type: 'string' },
  strict: { type: 'boolean' },
};

/** A JSON value on the command line, else the text as a string (`set f /name PM`). */
function valueOf(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readJson(file, flag) {
  let text;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new UsageError(`--${flag} ${file}: ${err.message}`, { usage: false });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${flag} ${file} is not JSON: ${err.message}`, { usage: false });
  }
}

function print(result, flags) {
  if (flags.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  if (result.diff) process.stdout.write(visible(result.diff, '\t\n'));
  const what = result.diff === '' ? 'no change' : result.written ? 'written' : 'nothing written (--dry-run)';
  console.log(what);
  return 0;
}

function options(flags) {
  const { dialect, strict } = flags;
  return { dryRun: Boolean(flags['dry-run']), ...(dialect && { dialect }), ...(strict && { strict }) };
}

function setCommand(lib, args, flags) {
  if (args.length !== 3) throw new UsageError('set takes FILE POINTER VALUE, e.g. set madace/core/config.yaml /project_name "New name"', {
      usage: false,
    });
  const [file, pointer, text] = args;
  const value = valueOf(text);
  const add = [{ op: 'add', path: pointer, value }];
  if (pointer.endsWith('/-')) return print(lib.applyEditsSync(file, add, options(flags)), flags);
  try {
    return print(lib.applyEditsSync(file, [{ op: 'replace', path: pointer, value }], options(flags)), flags);
  } catch (err) {
    // Nothing there yet: set adds it.
    if (!(err instanceof lib.MadaceError && err.code === 'E_PATCH' && /does not exist \(use add\)$/.test(err.detail))) throw err;
    return print(lib.applyEditsSync(file, add, options(flags)), flags);
  }
}

function editCommand(lib, args, flags) {
  if (args.length !== 1 || Boolean(flags.patch) === Boolean(flags.merge)) {
    throw new UsageError('edit takes FILE and one of --patch OPS.json (RFC 6902) or --merge CHANGES.json (RFC 7396)', { usage: false });
  }
  const [file] = args;
  const result = flags.patch
    ? lib.applyEditsSync(file, readJson(flags.patch, 'patch'), options(flags))
    : lib.updateConfigSync(file, readJson(flags.merge, 'merge'), options(flags));
  return print(result, flags);
}

module.exports = {
  set: { run: setCommand, options: OPTIONS },
  edit: { run: editCommand, options: OPTIONS },
};
