// An ESM consumer of madace-core, run as its own process by esm.test.js (and
// by the pack test against the installed tarball). It imports the package by
// name, checks what an .mjs user relies on and prints one line per check;
// any failure exits non-zero.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { loadAgent, loadAgentSync, parseAgent, validate, MadaceError, AgentLoadError, ERROR_CODES } from 'madace-core';
import madace from 'madace-core';
import { loadConfigSync as loadMadaceConfig, loadMAMAgents, MadaceError as DialectError } from 'madace-core/madace';

const require = createRequire(import.meta.url);
const bundled = (file) => require.resolve(`madace-core/examples/madace/${file}`);
let passed = 0;

async function check(name, fn) {
  await fn();
  passed += 1;
  console.log(`ok ${passed} - ${name}`);
}

await check('named imports are the CommonJS exports', async () => {
  assert.equal(madace.loadAgent, loadAgent);
  assert.equal(madace.MadaceError, MadaceError);
  const namespace = await import('madace-core');
  assert.equal(namespace.loadAgent, loadAgent);
  assert.equal(namespace.default, madace);
  assert.equal(require('madace-core'), madace);
});

await check('loadAgent with top-level await, from a path and a file: URL', async () => {
  const file = bundled('mam/agents/pm.agent.yaml');
  const pm = await loadAgent(file);
  assert.deepStrictEqual(pm.metadata, {
    id: 'pm',
    name: 'PM',
    title: 'Product Manager',
    icon: '📋',
    module: 'mam',
    version: '1.0.0',
  });
  assert.equal(pm.menu.length, 4);
  assert.deepStrictEqual(await loadAgent(pathToFileURL(file)), loadAgentSync(file));
});

await check('every bundled agent loads', async () => {
  const ids = ['analyst', 'architect', 'dev', 'pm', 'sm'];
  const agents = await Promise.all(ids.map((id) => loadAgent(bundled(`mam/agents/${id}.agent.yaml`))));
  assert.deepStrictEqual(
    Object.fromEntries(agents.map((a) => [a.metadata.id, a.menu.length])),
    { analyst: 3, architect: 4, dev: 3, pm: 4, sm: 5 },
  );
  const report = await validate(bundled('mam/agents/pm.agent.yaml'));
  assert.deepStrictEqual([report.passed, report.failed], [1, 0]);
});

await check('errors are MadaceError instances with a code and position', async () => {
  await assert.rejects(loadAgent('no-such.agent.yaml'), (err) => {
    assert.ok(err instanceof AgentLoadError);
    assert.ok(err instanceof MadaceError);
    assert.equal(err.code, 'E_NOT_FOUND');
    assert.equal(err.line, null);
    return true;
  });
  assert.throws(
    () => parseAgent('agent:\n  metadata:\n    id: a\n    id: b\n'),
    (err) => err instanceof MadaceError && err.code === 'E_DUPLICATE_KEY' && err.line === 4 && err.column === 5,
  );
  assert.ok(ERROR_CODES.includes('E_SCHEMA'));
});

await check('the MADACE dialect imports by name from madace-core/madace', async () => {
  const config = loadMadaceConfig(bundled('core/config.yaml'));
  assert.deepStrictEqual(config.modules, { mam: { enabled: true }, mab: { enabled: false }, cis: { enabled: false } });
  const root = bundled('core/config.yaml').replace(/[\\/]madace[\\/]core[\\/]config\.yaml$/, '');
  assert.deepStrictEqual((await loadMAMAgents({ root })).map((a) => a.metadata.id), ['analyst', 'architect', 'dev', 'pm', 'sm']);
  assert.equal(DialectError, MadaceError);
  assert.equal(require('madace-core/madace').loadMAMAgents, loadMAMAgents);
});

console.log(`esm consumer: ${passed} checks passed`);
