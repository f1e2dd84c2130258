'use strict';
// madace-core/wasm against the addon: the same results, errors (classes,
// codes, messages, locations, issues), frames and argument errors, on every
// definition of the examples, the fixtures and the corpus, and on hostile
// text; a panic costs one call, not the module. madace-core/wasm/yaml, the
// small build: the same as the addon on every YAML kind, E_NOT_IN_BUILD on
// the others. `npm test` builds both modules first (npm run build:wasm).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const { root, fixtures, corpus, corpusMissing, findFiles } = require('./helpers');

const wasmFile = path.join(root, 'lib', 'wasm', 'madace_core.wasm');
const yamlFile = path.join(root, 'lib', 'wasm', 'madace_core_yaml.wasm');
for (const file of [wasmFile, yamlFile]) {
  assert.ok(fs.existsSync(file), `${path.relative(root, file)} is built by \`npm run build:wasm\` (npm test runs it first)`);
}

const native = require('../..');
const wasm = require('../../lib/wasm/node.js');
const yaml = require('../../lib/wasm/node-yaml.js');

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

/** The calls compared on each file. */
const callsOn = ({ name, text }) => [
  ['parseAgent', text, { filename: name }],
  ['parseWorkflow', text, { filename: name }],
  ['parseConfig', text, { filename: name }],
  ['validateTextSync', text, { filename: name }],
  ['validateTextSync', text, { filename: name, strict: true }],
];

test('every definition parses and validates as the addon does: results, errors, frames', (t) => {
  if (corpusMissing) t.diagnostic(`corpus skipped: ${corpusMissing}`);
  const files = texts();
  assert.ok(files.length > 150, `${files.length} files`);
  let compared = 0;
  for (const file of files) {
    for (const [fn, ...args] of callsOn(file)) {
      assert.deepEqual(outcome(wasm, fn, ...args), outcome(native, fn, ...args), `${fn} ${file.name}`);
      compared++;
    }
  }
  t.diagnostic(`${files.length} files, ${compared} calls compared with the addon: the same on each`);
});

/** Whether the addon checked `name` as a skill or as the TOML central config: what the YAML build leaves out. */
const skillOrToml = (name, report) => report.files[0].kind === 'skill' || (report.files[0].kind === 'config' && name.endsWith('.toml'));

test('madace-core/wasm/yaml: the addon\'s answers on every YAML kind, E_NOT_IN_BUILD on skills and TOML layers', (t) => {
  let [same, refused] = [0, 0];
  for (const file of texts()) {
    const leftOut = skillOrToml(file.name, native.validateTextSync(file.text, { filename: file.name }));
    for (const [fn, ...args] of callsOn(file)) {
      const got = outcome(yaml, fn, ...args);
      if (leftOut && fn === 'validateTextSync') {
        assert.equal(got.error.cls, 'MadaceError', file.name);
        assert.deepEqual([got.error.code, got.error.file, got.error.line], ['E_NOT_IN_BUILD', file.name, null], file.name);
        assert.match(got.error.message, /is not read by madace-core\/wasm\/yaml, which reads the YAML definitions alone: import madace-core\/wasm \(or madace-core\), which reads every kind$/);
        refused++;
      } else {
        assert.deepEqual(got, outcome(native, fn, ...args), `${fn} ${file.name}`);
        same++;
      }
    }
  }
  t.diagnostic(`${same} calls the same as the addon's, ${refused} refused (skills and TOML layers)`);
  assert.ok(refused >= 20 && same > 1000, `${same} ${refused}`);
  const agent = fs.readFileSync(path.join(root, 'examples', 'madace', 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
  const edits = [{ op: 'replace', path: '/metadata/name', value: 'Lead PM' }];
  for (const options of [{ filename: 'pm.agent.yaml' }, { filename: 'pm.agent.yaml', strict: true, dialect: 'madace' }]) {
    assert.deepEqual(outcome(yaml, 'editText', agent, edits, options), outcome(native, 'editText', agent, edits, options));
  }
  assert.deepEqual(outcome(yaml, 'stringify', 'agent', native.parseAgent(agent)), outcome(native, 'stringify', 'agent', native.parseAgent(agent)));
  const layer = outcome(yaml, 'editText', '[core]\nuser_name = "Ann"\n', { core: { user_name: 'Bo' } }, { filename: '_bmad/custom/config.toml', merge: true });
  assert.deepEqual([layer.error.cls, layer.error.code, layer.error.file], ['EditError', 'E_NOT_IN_BUILD', '_bmad/custom/config.toml']);
  assert.equal(outcome(yaml, 'stringify', 'skillLayer', {}).error.code, 'E_NOT_IN_BUILD');
  // The same names as madace-core/wasm, the same catalog.
  assert.deepEqual(Object.keys(yaml).sort(), Object.keys(wasm).sort());
  assert.deepEqual(yaml.CODES, native.CODES);
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
  assert.equal(payload.message, 'internal error in madace-core (please report it): an invariant broke');
  // The same engine answers again, from a new instance.
  assert.match(run('parseConfig', [config, 'config.yaml', 'any', '']), /^\{"project_name":"p"/);
});

// Issue 28's target: 200 KB gzipped, met by madace-core/wasm/yaml; the
// full module (skills, their rules, TOML layers and edits too) is about
// 300 KiB (docs/performance.md, "WebAssembly"). These keep both from
// growing unnoticed.
const BUDGETS = [
  [yamlFile, 200_000],
  [wasmFile, 310 * 1024],
];

test('the YAML module is within 200 KB gzipped, the full one within 310 KiB', (t) => {
  for (const [file, budget] of BUDGETS) {
    const bytes = fs.readFileSync(file);
    const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
    t.diagnostic(`${path.relative(root, file)}: ${bytes.length} bytes, ${gzipped} gzipped (budget ${budget})`);
    assert.ok(gzipped <= budget, `${path.relative(root, file)}: ${gzipped} bytes gzipped`);
  }
});

test('ES modules: Node.js imports madace-core/wasm and /wasm/yaml; the browser builds wait for init()', async () => {
  const script = `
    import * as wasm from 'madace-core/wasm';
    import * as small from 'madace-core/wasm/yaml';
    import * as browser from ${JSON.stringify(path.join(root, 'lib', 'wasm', 'browser.mjs'))};
    import * as smallBrowser from ${JSON.stringify(path.join(root, 'lib', 'wasm', 'browser-yaml.mjs'))};
    import { readFileSync } from 'node:fs';
    const agent = 'agent: {}\\n';
    const fail = (api) => { try { api.parseAgent(agent); } catch (err) { return [err.constructor.name, err.code, err.message.split(':')[0]].join(' '); } };
    const skill = (api) => { try { api.validateTextSync('x', { filename: 's/SKILL.md' }); return 'checked'; } catch (err) { return err.code; } };
    console.log(fail(wasm), fail(small));
    console.log(fail(browser), fail(smallBrowser));
    await browser.init(readFileSync(${JSON.stringify(wasmFile)}));
    await smallBrowser.init(readFileSync(${JSON.stringify(yamlFile)}));
    console.log(fail(browser), fail(smallBrowser));
    console.log(skill(browser), skill(smallBrowser), skill(small));
    await wasm.init();
    console.log(Object.keys(browser).length === Object.keys(wasm).length, Object.keys(smallBrowser).length === Object.keys(small).length);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  const schema = 'AgentLoadError E_SCHEMA <input>';
  const notReady = "AgentLoadError E_NOT_READY madace-core's WebAssembly module is not loaded yet";
  assert.deepEqual(run.stdout.trim().split('\n'), [
    `${schema} ${schema}`,
    `${notReady} ${notReady}`,
    `${schema} ${schema}`,
    'checked E_NOT_IN_BUILD E_NOT_IN_BUILD',
    'true true',
  ]);
});
