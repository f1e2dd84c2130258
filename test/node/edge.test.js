'use strict';
// Where madace-core runs without Node.js (the `edge-light`, `worker` and
// `browser` export conditions): the main entry and madace-core/wasm serve
// the WebAssembly build (tested in wasm.test.js, in Chromium by the
// playground test and in a Next.js Edge route by the e2e test), pointed to
// here; madace-core/madace, the MADACE dialect, is made of functions that
// say they need Node.js.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('./helpers');
const manifest = require('../../package.json');

test('the main entry, madace-core/wasm and /wasm/yaml resolve to the WebAssembly builds where Node.js is not', () => {
  const wasm = { 'edge-light': './lib/wasm/edge.mjs', worker: './lib/wasm/edge.mjs', browser: './lib/wasm/browser.mjs' };
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', ...wasm, browser: './lib/wasm/ready.mjs', default: './index.js' });
  assert.deepEqual(manifest.exports['./wasm'], { types: './lib/wasm/index.d.ts', ...wasm, import: './lib/wasm/node.mjs', default: './lib/wasm/node.js' });
  // madace-core/wasm/yaml: the same entries over the small module.
  const small = Object.fromEntries(Object.entries(manifest.exports['./wasm']).map(([k, v]) => [k, v.replace(/(node|browser|edge)\./, '$1-yaml.')]));
  assert.deepEqual(manifest.exports['./wasm/yaml'], { ...small, types: './lib/wasm/index.d.ts' });
  // For init(url) without a bundler: the modules' own files.
  for (const file of ['madace_core.wasm', 'madace_core_yaml.wasm']) {
    assert.equal(require.resolve(`madace-core/wasm/${file}`), path.join(root, 'lib', 'wasm', file));
  }
});

for (const condition of ['edge-light', 'worker', 'browser']) {
  test(`madace-core/madace under the '${condition}' condition: every export exists, and every function says it needs Node.js`, () => {
    const script = `
      const names = (m) => Object.keys(m).sort();
      const edge = require('madace-core/madace');
      if (JSON.stringify(names(edge)) !== JSON.stringify(names(require(${JSON.stringify(path.join(root, 'lib', 'madace.js'))})))) throw new Error('other names');
      for (const [name, value] of Object.entries(edge)) {
        if (typeof value !== 'function' || /^class /.test(value.toString())) continue;
        try { value(); throw new Error(name + ' did not throw'); }
        catch (err) { if (!(err instanceof edge.MadaceError) || err.code !== 'MADACE_NODE_RUNTIME_REQUIRED') throw err; }
      }
      try { edge.parseAgent('agent: {}'); } catch (err) { console.log(err.message); }`;
    const run = spawnSync(process.execPath, [`--conditions=${condition}`, '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.deepEqual(run.stdout.split('\n'), [
      "parseAgent needs the Node.js runtime (it works with files or native code): call it from server code on Node.js (in a Next.js route, `export const runtime = 'nodejs'`). parseAgent, parseWorkflow, parseConfig, validateText, editText, stringify, codeFrame and formatError from 'madace-core' run everywhere.",
      '',
    ]);
    // Alone, it loads nothing but itself: no addon, no fs-based dependency.
    const alone = spawnSync(process.execPath, [`--conditions=${condition}`, '-e', "require('madace-core/madace'); console.log(Object.keys(require.cache).join('\\n'))"], { cwd: root, encoding: 'utf8' });
    const loaded = alone.stdout.trim().split('\n').map((f) => path.relative(root, f));
    assert.deepEqual(loaded.sort(), ['edge.js', 'errors.js', 'madace-edge.js', 'needs-node.js', 'problem.js'].map((f) => path.join('lib', f)));
  });
}
