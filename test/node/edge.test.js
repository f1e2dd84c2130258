'use strict';
// In an Edge runtime, a worker or a browser bundle (the `edge-light`,
// `worker` and `browser` export conditions), madace-core resolves to a
// module without native code whose every function says it needs Node.js.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('./helpers');

for (const condition of ['edge-light', 'worker', 'browser']) {
  test(`under the '${condition}' condition every export exists, and every function says it needs Node.js`, () => {
    const script = `
      const names = (m) => Object.keys(m).sort();
      const nodeEntries = { 'madace-core': ${JSON.stringify(root)}, 'madace-core/madace': ${JSON.stringify(path.join(root, 'lib', 'madace.js'))} };
      for (const [entry, file] of Object.entries(nodeEntries)) {
        const edge = require(entry);
        if (JSON.stringify(names(edge)) !== JSON.stringify(names(require(file)))) throw new Error(entry + ': other names');
        for (const [name, value] of Object.entries(edge)) {
          if (typeof value !== 'function' || /^class /.test(value.toString())) continue;
          try { value(); throw new Error(name + ' did not throw'); }
          catch (err) { if (!(err instanceof edge.MadaceError) || err.code !== 'MADACE_NODE_RUNTIME_REQUIRED') throw err; }
        }
      }
      try { require('madace-core').parseAgent('agent: {}'); } catch (err) { console.log(err.message); }`;
    const run = spawnSync(process.execPath, [`--conditions=${condition}`, '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.deepEqual(run.stdout.split('\n'), [
      "madace-core needs the Node.js runtime (it loads native code): add `export const runtime = 'nodejs'` to the route (Next.js), or call madace-core from server code that runs on Node.js.",
      '',
    ]);
    // Alone, it loads nothing but itself: no addon, no fs-based dependency.
    const alone = spawnSync(process.execPath, [`--conditions=${condition}`, '-e', "require('madace-core'); console.log(Object.keys(require.cache).join('\\n'))"], { cwd: root, encoding: 'utf8' });
    assert.deepEqual(alone.stdout.trim().split('\n').map((f) => path.relative(root, f)), [path.join('lib', 'edge.js'), path.join('lib', 'needs-node.js')]);
  });
}
