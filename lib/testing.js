'use strict';
// Real files for tests of code that uses madace-core. madace-core reads
// files in native code, so mocking `fs` or `fs/promises` does not reach it:
// write the files a test needs to a temp folder instead, in a line or two.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** `rel` as a path inside `root`; a TypeError for paths that would leave it. */
function inside(root, rel) {
  const parts = typeof rel === 'string' ? rel.split(/[\\/]+/) : [];
  if (typeof rel !== 'string' || rel === '' || path.isAbsolute(rel) || parts.includes('..')) {
    throw new TypeError(`madace-core/testing: '${rel}' is not a relative path inside the fixture folder`);
  }
  return path.join(root, ...parts);
}

function contentOf(rel, content) {
  if (typeof content === 'string' || content instanceof Uint8Array) return content;
  throw new TypeError(`madace-core/testing: the content of '${rel}' must be a string or a Uint8Array`);
}

/**
 * Writes `files` (`{ 'madace/mam/agents/pm.agent.yaml': 'agent: …' }`, paths
 * relative and `/`-separated) into a fresh temp folder. Returns the folder
 * (`root`), `path(rel)` for a file's absolute path, `write(rel, content)` to
 * add or change a file, and `remove()`, which deletes the folder.
 */
function createFixture(files = {}) {
  if (files === null || typeof files !== 'object') throw new TypeError('madace-core/testing: files must be an object');
  const checked = Object.entries(files).map(([rel, content]) => [rel, contentOf(rel, content)]);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-fixture-'));
  const fixture = {
    root,
    path: (rel) => inside(root, rel),
    write(rel, content) {
      const file = inside(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, contentOf(rel, content));
      return file;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  try {
    for (const [rel, content] of checked) fixture.write(rel, content);
  } catch (err) {
    fixture.remove();
    throw err;
  }
  return fixture;
}

/**
 * Runs `fn(fixture)` with `files` written, and removes them afterwards, also
 * when `fn` throws or its promise rejects. Resolves to what `fn` returns.
 */
async function withFixture(files, fn) {
  const fixture = createFixture(files);
  try {
    return await fn(fixture);
  } finally {
    fixture.remove();
  }
}

module.exports = { createFixture, withFixture };
