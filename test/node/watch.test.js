'use strict';
// watch(): a real temp tree and real edits (an edit, an editor's
// save-by-rename, a new file, a deletion), the exact reports received, and
// a closed watcher that lets the process exit. Each step waits for its
// report (no fixed sleeps), so a slow machine only makes it slower.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, examples, scratch } = require('./helpers');

const pmSource = fs.readFileSync(path.join(examples, 'mam', 'agents', 'pm.agent.yaml'), 'utf8');
const broken = 'agent:\n  metadata: {}\n  metadata: {}\n';

/** The reports a watcher delivers, as a queue that can be awaited. */
function reports() {
  const queue = [];
  const waiting = [];
  return {
    onReport(report) {
      const next = waiting.shift();
      if (next) next(report);
      else queue.push(report);
    },
    next() {
      return queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const summary = (report) => ({
  files: report.files.map((f) => [path.basename(f.path), f.problems.map((p) => p.code)]),
  passed: report.passed,
  failed: report.failed,
  removed: report.removed.map((f) => path.basename(f)),
  totals: Object.values(report.totals),
});

test('watch reports what changes: an edit, a save-by-rename, a new file, a deletion', async (t) => {
  const dir = scratch(t);
  fs.writeFileSync(path.join(dir, 'pm.agent.yaml'), pmSource);
  fs.writeFileSync(path.join(dir, 'notes.md'), 'not watched');
  const got = reports();
  const watcher = madace.watch(dir, { onReport: got.onReport });
  t.after(() => watcher.close());
  assert.deepEqual(summary(await got.next()), { files: [['pm.agent.yaml', []]], passed: 1, failed: 0, removed: [], totals: [1, 0, 0] });
  await watcher.ready;

  fs.writeFileSync(path.join(dir, 'pm.agent.yaml'), broken);
  assert.deepEqual(summary(await got.next()), { files: [['pm.agent.yaml', ['E_DUPLICATE_KEY']]], passed: 0, failed: 1, removed: [], totals: [1, 1, 0] });

  // An editor's save: write a temp file, rename it over the original.
  fs.writeFileSync(path.join(dir, '.pm.agent.yaml.swp'), pmSource);
  fs.renameSync(path.join(dir, '.pm.agent.yaml.swp'), path.join(dir, 'pm.agent.yaml'));
  assert.deepEqual(summary(await got.next()), { files: [['pm.agent.yaml', []]], passed: 1, failed: 0, removed: [], totals: [1, 0, 0] });

  fs.writeFileSync(path.join(dir, 'dev.agent.yaml'), pmSource.replace('id: pm', 'id: dev'));
  assert.deepEqual(summary(await got.next()), { files: [['dev.agent.yaml', []]], passed: 1, failed: 0, removed: [], totals: [2, 0, 0] });

  fs.unlinkSync(path.join(dir, 'dev.agent.yaml'));
  assert.deepEqual(summary(await got.next()), { files: [], passed: 0, failed: 0, removed: ['dev.agent.yaml'], totals: [1, 0, 0] });
});

test('watch checks its arguments', () => {
  assert.throws(() => madace.watch(examples, {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.onReport" argument must be a function. Received type undefined',
  });
});

test('a closed watcher lets the process exit', () => {
  const script = `
    const m = require(${JSON.stringify(root)});
    const w = m.watch(${JSON.stringify(path.join(examples, 'mam', 'agents'))}, { onReport: (r) => console.log(r.files.length) });
    w.ready.then(() => w.close()).then(() => console.log('closed'));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.error, undefined, 'the process did not exit');
  assert.deepEqual([child.status, child.stdout, child.stderr], [0, '5\nclosed\n', '']);
});

test('validate --watch prints the changed files and a summary, and stops on Ctrl-C', async (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'pm.agent.yaml');
  fs.writeFileSync(file, pmSource);
  const cli = spawn(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'validate', '--watch', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => cli.kill('SIGKILL'));
  let out = '';
  let err = '';
  cli.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const seen = (pattern) =>
    new Promise((resolve) => {
      const check = () => pattern.test(out) && (cli.stdout.off('data', onData), resolve());
      const onData = (d) => {
        out += d;
        check();
      };
      cli.stdout.setEncoding('utf8').on('data', onData);
      check();
    });
  await seen(/Watching for changes \(Ctrl-C to stop\)…\n/);
  fs.writeFileSync(file, broken);
  await seen(/Found 1 error and 0 warnings in 1 file\.\n/);
  const exited = new Promise((resolve) => cli.on('exit', (code, signal) => resolve([code, signal])));
  cli.kill('SIGINT');
  assert.deepEqual(await exited, [0, null]);
  assert.equal(err, '');
  assert.equal(
    out,
    `ok    📋 PM — Product Manager (4 menu items)  ${file}\n\n1 file checked: 1 passed, 0 failed\n` +
      'Found 0 errors and 0 warnings in 1 file.\n' +
      'Watching for changes (Ctrl-C to stop)…\n' +
      `${file}:3:3  error  duplicate key 'metadata' (first defined at line 2)  E_DUPLICATE_KEY\n` +
      '  1 | agent:\n  2 |   metadata: {}\n> 3 |   metadata: {}\n    |   ^\n\n' +
      '1 file changed: 0 passed, 1 failed, 0 gone\n' +
      'Found 1 error and 0 warnings in 1 file.\n',
  );
});
