'use strict';
// The README's quick start runs exactly as written: its CommonJS and its
// ESM/TypeScript snippets are extracted, run (the TypeScript one compiled by
// tsc first) in a project folder holding the example `madace/` tree, and
// their output must be the `text` block printed under each.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, run, tempDir } = require('../support/run');

/** The fenced blocks of the README's "Quick start" section, as `{ lang, code }`. */
function quickStartBlocks() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start\n'));
  assert.ok(section, 'README.md has no "## Quick start" section');
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** A project folder with madace-core installed (linked to this checkout) and the example tree. */
function project() {
  const dir = tempDir('readme');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'madace-core'), 'dir');
  fs.cpSync(path.join(root, 'examples', 'madace'), path.join(dir, 'madace'), { recursive: true });
  return dir;
}

const blocks = quickStartBlocks();

test('the quick start has a CommonJS and a TypeScript snippet, each followed by its output', () => {
  assert.deepEqual(
    blocks.map((b) => b.lang),
    ['js', 'text', 'ts', 'text'],
  );
});

test('the CommonJS snippet prints what the README says', async () => {
  const [js, output] = blocks.slice(0, 2);
  const dir = project();
  fs.writeFileSync(path.join(dir, 'quickstart.cjs'), js.code);
  const result = await run(process.execPath, ['quickstart.cjs'], { cwd: dir });
  assert.equal(result.stdout, output.code);
  assert.equal(result.stderr, '');
});

test('the TypeScript snippet compiles under strict NodeNext and prints what the README says', async () => {
  const [ts, output] = blocks.slice(2, 4);
  const dir = project();
  fs.writeFileSync(path.join(dir, 'quickstart.mts'), ts.code);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  await run(process.execPath, [
    tsc,
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--types',
    'node',
    '--typeRoots',
    path.join(root, 'node_modules', '@types'),
    'quickstart.mts',
  ], { cwd: dir });
  const result = await run(process.execPath, ['quickstart.mjs'], { cwd: dir });
  assert.equal(result.stdout, output.code);
  assert.equal(result.stderr, '');
});
