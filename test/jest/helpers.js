'use strict';
// Shared by the jest suites: paths, the expected example data and scratch files.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const examples = path.resolve(__dirname, '..', '..', 'examples', 'madace');
const agentFile = (id) => path.join(examples, 'mam', 'agents', `${id}.agent.yaml`);

// Expected values and the broken agent are shared with the vitest suite.
const runners = path.resolve(__dirname, '..', 'fixtures', 'runners');
const { PM_METADATA, MENU_SIZES, BROKEN_ISSUES } = require(path.join(runners, 'expected.json'));
const BROKEN_AGENT = fs.readFileSync(path.join(runners, 'broken.agent.yaml'), 'utf8');

/** A temp folder holding `files` ({ name: content }), removed after the suite. */
function scratchDir(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-core-jest-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/**
 * How this test file is being run: 'threads' (jest --workerThreads),
 * 'processes' (jest child-process workers) or 'in-band' (jest's own process).
 */
function runMode() {
  if (!isMainThread) return 'threads';
  const script = path.basename(process.argv[1] || '');
  return script === 'processChild.js' ? 'processes' : 'in-band';
}

module.exports = { examples, agentFile, PM_METADATA, MENU_SIZES, BROKEN_AGENT, BROKEN_ISSUES, scratchDir, runMode };
