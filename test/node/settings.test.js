'use strict';
// One rule set everywhere: the same files, with the same dialect and
// strictness, get the same verdict from the loaders, validate, the CLI,
// watch and the language server, whether the setting is given as an option,
// a flag, an editor setting or the "madace-core" key of package.json.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const main = require('../..');
const dialect = require('madace-core/madace');
const { root, examples, scratch, write } = require('./helpers');
const { startServer } = require('../support/lsp-client');

const bin = path.join(root, 'bin', 'madace-core.js');

const FILES = {
  // Valid in both dialects.
  'madace/mam/agents/pm.agent.yaml': fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8'),
  // A MADACE workflow step needs a name in the MADACE app's schema.
  'madace/mam/workflows/ship.workflow.yaml':
    'workflow:\n  name: ship\n  description: Ship it\n  steps:\n    - action: guide\n      prompt: Go\n',
  // A MADACE config needs modules.
  'madace/core/config.yaml': "project_name: 'P'\noutput_folder: docs\nuser_name: R\ncommunication_language: English\n",
};

/** A project with the files, and optionally a package.json with `settings`. */
function project(t, settings) {
  const dir = scratch(t);
  for (const [rel, text] of Object.entries(FILES)) write(dir, rel, text);
  if (settings) write(dir, 'package.json', JSON.stringify({ name: 'app', 'madace-core': settings }, null, 2));
  return dir;
}

/** `{ relative path: [codes of errors] }` of a report. */
const verdicts = (report, dir) =>
  Object.fromEntries(
    report.files.map((f) => [path.relative(dir, path.resolve(dir, f.path)), f.problems.filter((p) => p.severity === 'error').map((p) => p.code)]),
  );

const EXPECTED = {
  any: { 'madace/core/config.yaml': [], 'madace/mam/agents/pm.agent.yaml': [], 'madace/mam/workflows/ship.workflow.yaml': [] },
  madace: {
    'madace/core/config.yaml': ['E_SCHEMA'],
    'madace/mam/agents/pm.agent.yaml': [],
    'madace/mam/workflows/ship.workflow.yaml': ['E_SCHEMA'],
  },
};

/** What each entry point's loaders say of the files. */
function loaders(lib, dir) {
  const load = {
    'madace/core/config.yaml': lib.loadConfigSync,
    'madace/mam/agents/pm.agent.yaml': lib.loadAgentSync,
    'madace/mam/workflows/ship.workflow.yaml': lib.loadWorkflowSync,
  };
  return Object.fromEntries(
    Object.entries(load).map(([rel, fn]) => {
      try {
        fn(path.join(dir, rel));
        return [rel, []];
      } catch (err) {
        return [rel, [err.code]];
      }
    }),
  );
}

for (const name of ['any', 'madace']) {
  test(`dialect ${name}: loaders, validate, the CLI (flag and package.json) and watch agree`, async (t) => {
    const dir = project(t);
    assert.deepEqual(loaders(name === 'madace' ? dialect : main, dir), EXPECTED[name]);
    assert.deepEqual(verdicts(main.validateSync(path.join(dir, 'madace'), { dialect: name }), dir), EXPECTED[name]);
    assert.deepEqual(verdicts(await main.validate(path.join(dir, 'madace'), { dialect: name }), dir), EXPECTED[name]);

    const cli = (cwd, ...args) => spawnSync(process.execPath, [bin, 'validate', '--json', ...args], { cwd, encoding: 'utf8' });
    const flagged = cli(dir, 'madace', '--dialect', name);
    assert.deepEqual(verdicts(JSON.parse(flagged.stdout), dir), EXPECTED[name]);
    assert.equal(flagged.status, name === 'madace' ? 1 : 0);
    const configured = project(t, { dialect: name });
    assert.deepEqual(verdicts(JSON.parse(cli(configured, 'madace').stdout), configured), EXPECTED[name]);
    // A flag wins over the file.
    const other = name === 'madace' ? 'any' : 'madace';
    assert.deepEqual(verdicts(JSON.parse(cli(configured, 'madace', '--dialect', other).stdout), configured), EXPECTED[other]);

    let first;
    const watcher = main.watch(path.join(dir, 'madace'), { dialect: name, onReport: (r) => (first ??= r) });
    await watcher.ready;
    await watcher.close();
    assert.deepEqual(verdicts(first, dir), EXPECTED[name]);
  });

  test(`dialect ${name}: the language server agrees, from initializationOptions or package.json`, async (t) => {
    for (const [dir, options] of [
      [project(t), { dialect: name }],
      [project(t, { dialect: name }), undefined],
    ]) {
      const lsp = startServer(t);
      await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: options });
      lsp.notify('initialized', {});
      const found = {};
      for (const [rel, text] of Object.entries(FILES)) {
        const uri = pathToFileURL(path.join(dir, rel)).href;
        lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const { diagnostics } = await lsp.diagnostics();
        found[rel] = [...new Set(diagnostics.filter((d) => d.severity === 1).map((d) => d.code))];
      }
      assert.deepEqual(found, EXPECTED[name]);
    }
  });
}

test('strictness comes from package.json too; a malformed setting is a located error', (t) => {
  const dir = project(t, { strict: true });
  const agent = path.join(dir, 'madace/mam/agents/pm.agent.yaml');
  fs.appendFileSync(agent, '  descripton: a typo\n');
  const strict = spawnSync(process.execPath, [bin, 'validate', '--json', 'madace/mam/agents'], { cwd: dir, encoding: 'utf8' });
  assert.equal(strict.status, 1);
  const codes = (report) => report.files[0].problems.map((p) => `${p.severity} ${p.code}`);
  assert.deepEqual(codes(JSON.parse(strict.stdout)), ['error E_LINT']);
  assert.deepEqual(codes(main.validateSync(agent, { strict: true })), ['error E_LINT']);
  assert.deepEqual(codes(main.validateSync(agent)), ['warning W_UNKNOWN_KEY']);

  const bad = project(t, { dialect: 'zod' });
  const refused = spawnSync(process.execPath, [bin, 'validate', 'madace'], { cwd: bad, encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.equal(
    refused.stderr,
    `${path.join(fs.realpathSync(bad), 'package.json')}:3:3  error  madace-core.dialect: unknown dialect 'zod' (expected 'any' or 'madace')  E_SCHEMA\n`,
  );
});
