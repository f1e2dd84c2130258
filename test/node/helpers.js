'use strict';
// Shared paths and scratch-file helpers for the node:test suites.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const examples = path.join(root, 'examples', 'madace');
const fixtures = path.join(root, 'test', 'fixtures');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
const corpusMissing = fs.existsSync(corpus) ? false : `corpus not found at ${corpus} (clone ../shared beside the repo)`;

/** A fresh temp folder, removed when the process exits. */
function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-core-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(dir, name, content) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Every file under `dir` whose name ends with `suffix`, sorted. */
function findFiles(dir, suffix) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .sort();
}

module.exports = { root, examples, fixtures, corpus, corpusMissing, scratch, write, findFiles };
