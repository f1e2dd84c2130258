'use strict';
// One catalog of codes, defined in the core: ERROR_CODES, the SARIF rules,
// index.d.ts and the README's table all name exactly its codes; one renderer
// writes a problem the same way in formatError, the CLI and the language
// server.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, scratch, write } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const byKind = (predicate) => madace.CODES.filter(predicate).map((c) => c.code).sort();

/** The string literals of the union type `name` in index.d.ts. */
function union(name) {
  const source = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8');
  const match = new RegExp(`export type ${name} =([^;]*);`).exec(source);
  assert.ok(match, `index.d.ts declares ${name}`);
  return [...match[1].matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
}

test('the catalog: unique codes, each with a severity, a title and help', () => {
  const codes = madace.CODES.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(codes.length, 43);
  for (const c of madace.CODES) {
    assert.equal(c.severity, c.code.startsWith('W_') ? 'warning' : 'error', c.code);
    assert.ok(c.title.length > 5 && c.help.length > 20, c.code);
  }
  assert.ok(Object.isFrozen(madace.CODES) && Object.isFrozen(madace.CODES[0]));
  assert.deepEqual([...madace.ERROR_CODES].sort(), byKind((c) => c.thrown));
});

test("index.d.ts's WritableKind is the core's list of kinds a file can be written as", () => {
  const { WRITABLE_KINDS } = require('../../lib/catalog');
  const source = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8');
  const kinds = [.../export type WritableKind =([^;]*);/.exec(source)[1].matchAll(/'(\w+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(kinds, [...WRITABLE_KINDS].sort());
  assert.deepEqual([...WRITABLE_KINDS].sort(), ['agent', 'centralConfig', 'centralConfigLayer', 'config', 'skillLayer', 'sprintStatus', 'workflow']);
});

test('index.d.ts types exactly the catalog: thrown codes, report-only errors, warnings', () => {
  assert.deepEqual(union('ErrorCode'), byKind((c) => c.thrown));
  assert.deepEqual(union('ReportErrorCode'), byKind((c) => !c.thrown && c.severity === 'error'));
  assert.deepEqual(union('WarningCode'), byKind((c) => c.severity === 'warning'));
});

test("the README's code table lists exactly the catalog's codes, with their severity", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('### Limits'));
  const rows = [...table.matchAll(/^\| `([A-Z_]+)` \| (error|warning) \| (yes|no) \|/gm)].map((m) => [m[1], m[2], m[3] === 'yes']);
  assert.deepEqual(
    rows.sort(),
    madace.CODES.map((c) => [c.code, c.severity, c.thrown]).sort(),
  );
});

test('SARIF has a rule for every code and every skill rule, W_UNKNOWN_KEY and W_STALE_STORY included', (t) => {
  const dir = scratch(t);
  write(dir, 'pm.agent.yaml', 'agent:\n  metadata: {id: pm, name: PM, title: T, icon: x}\n  persona: {role: r, identity: i, communication_style: c, principles: [p]}\n  menu: []\n  descripton: typo\n');
  const run = spawnSync(process.execPath, [bin, 'validate', '--format', 'sarif', 'pm.agent.yaml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [log] = JSON.parse(run.stdout).runs;
  assert.deepEqual(
    log.tool.driver.rules.map((r) => r.id),
    [...madace.CODES.map((c) => c.code), ...madace.RULES.map((r) => r.id)],
  );
  const [result] = log.results;
  assert.equal(result.ruleId, 'W_UNKNOWN_KEY');
  assert.equal(log.tool.driver.rules[result.ruleIndex].id, 'W_UNKNOWN_KEY');
  assert.equal(log.tool.driver.rules[result.ruleIndex].defaultConfiguration.level, 'warning');
});

test('a problem reads the same in formatError, the CLI and the language server', (t) => {
  const dir = scratch(t);
  const text = 'agent:\n  metadata:\n    id: pm\n    name: PM\n    title: 42\n    icon: x\n  persona: {role: r, identity: i, communication_style: c, principles: [p]}\n  menu: []\n';
  const file = write(dir, 'pm.agent.yaml', text);
  const line = 'pm.agent.yaml:5:12  error  agent.metadata.title: expected a string, found a number (quote the value to keep it as text)  E_SCHEMA';
  let thrown;
  try {
    process.chdir(dir);
    madace.loadAgentSync('pm.agent.yaml');
  } catch (e) {
    thrown = e;
  } finally {
    process.chdir(root);
  }
  assert.equal(madace.formatError(thrown, { frame: false }), `${line}\n`);
  assert.equal(thrown.message, `pm.agent.yaml:5:12: ${thrown.detail}`);
  const cli = spawnSync(process.execPath, [bin, 'validate', '--no-frame', 'pm.agent.yaml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(cli.stdout.split('\n')[0], line);
  // The language server's message is the same `field: message` (lsp.test.js checks its diagnostics).
  const render = require('../../lib/render');
  const [problem] = madace.validateSync(file).files[0].problems;
  assert.equal(render.problemLine('pm.agent.yaml', problem), line);
});
