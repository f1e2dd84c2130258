'use strict';
// madace-core/wasm against the addon: the same results, errors (classes,
// codes, messages, locations, issues), frames and argument errors, on every
// definition of the examples, the fixtures and the corpus, and on hostile
// text; a panic costs one call, not the module. `npm test` builds the module
// first (npm run build:wasm).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const { root, fixtures, corpus, corpusMissing, findFiles } = require('./helpers');

const wasmFile = path.join(root, 'lib', 'wasm', 'madace_core.wasm');
assert.ok(fs.existsSync(wasmFile), 'lib/wasm/madace_core.wasm is built by `npm run build:wasm` (npm test runs it first)');

const native = require('../..');
const wasm = require('../../lib/wasm/node.js');

/** What a call gave: its result, or its error as every field a caller reads. */
function outcome(api, name, ...args) {
  try {
    return { result: api[name](...args) };
  } catch (err) {
    const { name: cls, code, message, detail, path: file, line, column, issues } = err;
    const formatted = err instanceof api.MadaceError ? api.formatError(err) : undefined;
    return { error: { cls, code, message, detail, file, line, column, issues }, formatted };
  }
}

const definitionFiles = (dir) =>
  ['.yaml', '.yml', '.toml', '.md'].flatMap((suffix) => findFiles(dir, suffix)).filter((f) => !f.includes('node_modules'));

/** The files compared, each named as it is under its folder: names that are not on disk, so neither reads a file. */
function texts() {
  const dirs = [path.join(root, 'examples'), fixtures, ...(corpusMissing ? [] : [corpus])];
  return dirs.flatMap((dir) =>
    definitionFiles(dir).map((file) => ({ name: path.join('/nonexistent', path.relative(root, file)), text: fs.readFileSync(file, 'utf8') })),
  );
}

test('every definition parses and validates as the addon does: results, errors, frames', (t) => {
  if (corpusMissing) t.diagnostic(`corpus skipped: ${corpusMissing}`);
  const files = texts();
  assert.ok(files.length > 150, `${files.length} files`);
  let compared = 0;
  for (const { name, text } of files) {
    const calls = [
      ['parseAgent', text, { filename: name }],
      ['parseWorkflow', text, { filename: name }],
      ['parseConfig', text, { filename: name }],
      ['validateTextSync', text, { filename: name }],
      ['validateTextSync', text, { filename: name, strict: true }],
    ];
    for (const [fn, ...args] of calls) {
      assert.deepEqual(outcome(wasm, fn, ...args), outcome(native, fn, ...args), `${fn} ${name}`);
      compared++;
    }
  }
  t.diagnostic(`${files.length} files, ${compared} calls compared with the addon: the same on each`);
});

test('errors are the same classes, codes, lines and columns, and format the same', () => {
  const broken = 'agent:\n  metadata:\n    id: pm\n    name: PM\n\ttitle: x\n';
  let err;
  assert.throws(() => wasm.parseAgent(broken, { filename: 'pm.agent.yaml' }), (e) => (err = e) instanceof wasm.AgentLoadError);
  assert.ok(err instanceof wasm.MadaceError && err instanceof Error);
  assert.deepEqual([err.name, err.code, err.line, err.column, err.path], ['AgentLoadError', 'E_YAML', 5, 1, 'pm.agent.yaml']);
  assert.equal(wasm.formatError(err), native.formatError(outcomeError(native, broken)));
  assert.match(wasm.formatError(err), /^pm\.agent\.yaml:5:1 {2}error {2}.*E_YAML\n/);
  assert.equal(wasm.codeFrame(broken, 5, 1), native.codeFrame(broken, 5, 1));
  assert.equal(wasm.codeFrame(broken, 5, 1), '  3 |     id: pm\n  4 |     name: PM\n> 5 | →title: x\n    | ^\n');
  assert.deepEqual(wasm.ERROR_CODES, native.ERROR_CODES);
  assert.deepEqual(wasm.CODES, native.CODES);
  assert.deepEqual(wasm.RULES, native.RULES);
});

function outcomeError(api, text) {
  try {
    api.parseAgent(text, { filename: 'pm.agent.yaml' });
  } catch (err) {
    return err;
  }
  throw new Error('no error');
}

test("edits and stringify give the addon's text, comments kept", () => {
  const agent = fs.readFileSync(path.join(root, 'examples', 'madace', 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
  const edits = [
    { op: 'replace', path: '/metadata/name', value: 'Lead PM' },
    { op: 'add', path: '/menu/-', value: { trigger: 'retro', action: 'workflow:retro', description: 'Run a retro' } },
  ];
  const options = { filename: 'pm.agent.yaml' };
  const edited = wasm.editText(agent, edits, options);
  assert.equal(edited, native.editText(agent, edits, options));
  assert.match(edited, /name: Lead PM/);
  assert.equal(edited.split('\n').filter((l) => l.trim().startsWith('#')).length, agent.split('\n').filter((l) => l.trim().startsWith('#')).length);
  const merged = { filename: '_bmad/custom/config.toml', merge: true };
  assert.deepEqual(outcome(wasm, 'editText', '# team\n[core]\nuser_name = "Ann"\n', { core: { user_name: 'Bo' } }, merged), outcome(native, 'editText', '# team\n[core]\nuser_name = "Ann"\n', { core: { user_name: 'Bo' } }, merged));
  assert.deepEqual(outcome(wasm, 'editText', agent, [{ op: 'remove', path: '/persona' }], options), outcome(native, 'editText', agent, [{ op: 'remove', path: '/persona' }], options));
  const value = native.parseConfig(fs.readFileSync(path.join(root, 'examples', 'madace', 'core', 'config.yaml'), 'utf8'));
  assert.equal(wasm.stringify('config', value), native.stringify('config', value));
  assert.deepEqual(outcome(wasm, 'stringify', 'skill', {}), outcome(native, 'stringify', 'skill', {}));
});

test("hostile text gets the addon's errors, not a crash", () => {
  const hostile = [
    '['.repeat(100_000),
    `a: &a [${'x, '.repeat(10)}x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${`*${i ? `b${i - 1}` : 'a'}, `.repeat(9)}x]`).join('\n')}\n`,
    `k: ${'v'.repeat(1_000_000)}\n`,
    'a'.repeat(16 * 2 ** 20 + 1),
    'agent:\n  metadata:\u0000\n',
    'agent:\n  metadata: \ud800\n',
    '\ufeff\ufeffagent: {}\n',
  ];
  for (const text of hostile) {
    for (const fn of ['parseAgent', 'validateTextSync']) {
      const options = { filename: 'x.agent.yaml' };
      assert.deepEqual(outcome(wasm, fn, text, options), outcome(native, fn, text, options), `${fn} ${JSON.stringify(text.slice(0, 40))}`);
    }
  }
});

test('arguments are checked as the addon checks them', () => {
  const bad = [
    ['parseAgent', 42],
    ['parseAgent', 'a: 1', { filename: 3 }],
    ['parseAgent', 'a: 1', null],
    ['validateTextSync', 'a: 1', { filename: 'x.agent.yaml', dialect: 'yaml' }],
    ['validateTextSync', 'a: 1', { filename: 'x.agent.yaml', strict: 'yes' }],
    ['editText', 'a: 1', {}, { filename: 'config.yaml' }],
    ['editText', 'a: 1', [], { filename: 'config.yaml', merge: 1 }],
    ['stringify', 'toml', {}],
    ['stringify', 'config', undefined],
    ['codeFrame', 'a', 0, 1],
    ['formatError', new Error('x')],
  ];
  for (const [fn, ...args] of bad) {
    let thrown;
    assert.throws(() => wasm[fn](...args), (err) => (thrown = err) instanceof TypeError, fn);
    assert.throws(() => native[fn](...args), (err) => err.message === thrown.message && err.code === 'ERR_INVALID_ARG_TYPE', fn);
  }
  // A file name is a name here: no file: URLs, as nothing is read.
  assert.throws(() => wasm.validateTextSync('a: 1', {}), {
    name: 'TypeError',
    message: 'The "options.filename" argument must be a non-empty string. Received type undefined',
  });
});

test('validateText returns a Promise: the report, or a rejection with the error', async () => {
  const report = await wasm.validateText('agent: {}\n', { filename: 'pm.agent.yaml' });
  assert.deepEqual(report, await native.validateText('agent: {}\n', { filename: 'pm.agent.yaml' }));
  assert.equal(report.failed, 1);
  assert.throws(() => wasm.validateText('x', {}), TypeError);
  // An AbortSignal: checked as the addon checks it; one that has fired rejects as fs.promises does.
  const options = (signal) => ({ filename: 'pm.agent.yaml', signal });
  assert.throws(() => wasm.validateText('x', options({ aborted: false })), { code: 'ERR_INVALID_ARG_TYPE', message: /options\.signal/ });
  await assert.rejects(wasm.validateText('x', options(AbortSignal.abort())), { name: 'AbortError', code: 'ABORT_ERR' });
  await assert.rejects(native.validateText('x', options(AbortSignal.abort())), { name: 'AbortError', code: 'ABORT_ERR' });
  assert.equal((await wasm.validateText('agent: {}\n', options(new AbortController().signal))).failed, 1);
});

test('the functions that work with files say so, naming themselves', () => {
  const readers = Object.keys(native).filter((n) => typeof native[n] === 'function' && /^(load|find|resolve|watch|validate$|validateSync|apply|update|create|set|transition|clearAgentCache|json)/.test(n));
  assert.ok(readers.length > 40, readers.join());
  for (const name of readers) {
    assert.throws(() => wasm[name]('x'), (err) => err instanceof wasm.MadaceError && err.code === 'MADACE_NODE_RUNTIME_REQUIRED' && err.message.startsWith(`${name} needs the Node.js runtime`), name);
  }
  // Every name of the main entry is there, and init.
  assert.deepEqual(Object.keys(wasm).sort(), [...Object.keys(native), 'init'].sort());
  // The functions the Node.js-runtime error names as running everywhere are exactly those that do here.
  const { TEXT_FUNCTIONS } = require('../../lib/needs-node');
  const served = Object.keys(wasm).filter((name) => {
    const value = wasm[name];
    if (typeof value !== 'function' || /^class\b/.test(Function.prototype.toString.call(value)) || name === 'init') return false;
    try {
      value('x');
    } catch (err) {
      return err.code !== 'MADACE_NODE_RUNTIME_REQUIRED';
    }
    return true;
  });
  assert.deepEqual(served.sort(), [...TEXT_FUNCTIONS].sort());
});

test('a panic inside the module is E_INTERNAL with its message, and the next call works on a fresh instance', () => {
  const { createEngine } = require('../../lib/wasm/engine.js');
  const run = createEngine(new WebAssembly.Module(fs.readFileSync(wasmFile)));
  const config = 'project_name: p\noutput_folder: docs\nuser_name: Ann\ncommunication_language: en\n';
  assert.match(run('parseConfig', [config, 'config.yaml', 'any', '']), /^\{"project_name":"p"/);
  let payload;
  assert.throws(
    () => run('panic', ['an invariant broke', '', '', ''], 'pm.agent.yaml'),
    (err) => Boolean((payload = JSON.parse(err.madace))),
  );
  assert.equal(payload.code, 'E_INTERNAL');
  assert.equal(payload.path, 'pm.agent.yaml');
  assert.match(payload.message, /^internal error in madace-core \(please report it\): panicked at wasm\/src\/ops\.rs:\d+:\d+:\nan invariant broke$/);
  // The same engine answers again, from a new instance.
  assert.match(run('parseConfig', [config, 'config.yaml', 'any', '']), /^\{"project_name":"p"/);
});

// The issue's target is 200 KB; with every text function (three parsers,
// validateText of every kind with the skill rules, YAML and TOML edits) the
// module is 313 KiB gzipped at opt-level s (docs/performance.md, "WebAssembly").
// This keeps it from growing unnoticed.
const GZIPPED_BUDGET = 330 * 1024;

test(`the module stays within ${GZIPPED_BUDGET / 1024} KiB gzipped`, (t) => {
  const bytes = fs.readFileSync(wasmFile);
  const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
  t.diagnostic(`lib/wasm/madace_core.wasm: ${bytes.length} bytes, ${gzipped} gzipped`);
  assert.ok(gzipped <= GZIPPED_BUDGET, `${gzipped} bytes gzipped`);
});

test('ES modules: Node.js imports madace-core/wasm; the browser build waits for init()', async () => {
  const script = `
    import * as wasm from 'madace-core/wasm';
    import * as browser from ${JSON.stringify(path.join(root, 'lib', 'wasm', 'browser.mjs'))};
    import { readFileSync } from 'node:fs';
    const agent = 'agent: {}\\n';
    const fail = (api) => { try { api.parseAgent(agent); } catch (err) { return [err.constructor.name, err.code, err.message.split(':')[0]].join(' '); } };
    console.log(fail(wasm));
    console.log(fail(browser));
    await browser.init(readFileSync(${JSON.stringify(wasmFile)}));
    console.log(fail(browser));
    await wasm.init();
    console.log(Object.keys(browser).length === Object.keys(wasm).length);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.deepEqual(run.stdout.trim().split('\n'), [
    'AgentLoadError E_SCHEMA <input>',
    "AgentLoadError E_NOT_READY madace-core's WebAssembly module is not loaded yet",
    'AgentLoadError E_SCHEMA <input>',
    'true',
  ]);
});
