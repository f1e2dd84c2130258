'use strict';
// Every snippet of the README and of docs/migrating.md runs as written, in a
// fresh folder set up as the document says (test/support/snippets.js tells
// how each kind of block is run and checked), and prints what the document
// says it prints.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('../support/run');
const { blocks, runDocument } = require('../support/snippets');

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

test('the README opens with the two commands, then a table of contents of its sections', () => {
  const first = blocks(readme)[0];
  assert.deepEqual([first.lang, first.code], ['sh', 'npm install && npx madace-core validate examples/madace\nnpm test\n']);
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  const contents = readme.split('\n## Contents\n')[1].split('\n## ')[0];
  const listed = [...contents.matchAll(/^- \[([^\]]+)\]\(#([^)]+)\)/gm)];
  assert.deepEqual(listed.map((m) => m[1]), headings.filter((h) => h !== 'Contents'));
  // Each link is the anchor GitHub makes of the heading.
  const anchor = (h) => h.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
  assert.deepEqual(listed.map((m) => m[2]), listed.map((m) => anchor(m[1])));
});

test("every link to a section of the README or of docs/migrating.md names a heading that exists", () => {
  const anchor = (h) => h.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
  for (const file of ['README.md', 'docs/migrating.md']) {
    const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
    const anchors = new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 0 || file !== 'README.md');
    assert.deepEqual(links.filter((l) => !anchors.has(l)), [], file);
  }
});

test('the README says no version or work it is not true to', () => {
  const { version } = require('../../package.json');
  for (const [, said] of readme.matchAll(/\b(?:Since|since|in|from) (\d+\.\d+\.\d+)/g)) {
    assert.ok(said <= version, `the README speaks of ${said}, the package is ${version}`);
  }
  assert.doesNotMatch(readme, /\bsession/i);
});

test('every README snippet runs as written and prints what the README says', { timeout: 600_000 }, async (t) => {
  const ran = await runDocument(t, readme, 'readme', '## Install');
  t.diagnostic(`${ran} README blocks run`);
  assert.ok(ran >= 20, `only ${ran} blocks run`);
});

test('every snippet of docs/migrating.md runs as written', { timeout: 600_000 }, async (t) => {
  const guide = fs.readFileSync(path.join(root, 'docs', 'migrating.md'), 'utf8');
  const ran = await runDocument(t, guide, 'migrating');
  t.diagnostic(`${ran} migrating-guide blocks run`);
  assert.ok(ran >= 8, `only ${ran} blocks run`);
});
