'use strict';
// ESM users: consumer.mjs imports `madace-core` by package name, from an
// .mjs file and from a `"type": "module"` package, in a fresh process. The
// package is this repo, linked into a temp node_modules (Node resolves the
// link to the real path, as with `npm link`).

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const consumer = fs.readFileSync(path.join(__dirname, 'consumer.mjs'), 'utf8');
const CHECKS = 5;

function project(t, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-core-esm-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'madace-core'), 'dir');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function runConsumer(dir, file) {
  const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const output = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, `node ${file} failed:\n${output}`);
  assert.match(run.stdout, new RegExp(`^esm consumer: ${CHECKS} checks passed$`, 'm'), output);
  return run.stdout;
}

test('an .mjs consumer imports { loadAgent, MadaceError } from madace-core', (t) => {
  const dir = project(t, { 'package.json': '{ "name": "consumer", "private": true }\n', 'consumer.mjs': consumer });
  runConsumer(dir, 'consumer.mjs');
});

test('a .js consumer in a "type": "module" package does the same', (t) => {
  const dir = project(t, { 'package.json': '{ "name": "consumer", "private": true, "type": "module" }\n', 'consumer.js': consumer });
  runConsumer(dir, 'consumer.js');
});

test('the consumer fails loudly when a check fails', (t) => {
  // Guards the guard: a wrong expectation must make the process exit non-zero.
  const broken = consumer.replace("title: 'Product Manager'", "title: 'Product Owner'");
  assert.notEqual(broken, consumer);
  const dir = project(t, { 'package.json': '{ "name": "consumer", "private": true }\n', 'consumer.mjs': broken });
  const run = spawnSync(process.execPath, ['consumer.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /AssertionError/);
});
