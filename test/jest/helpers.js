'use strict';
// Shared by the jest suites: paths, the expected example data and scratch files.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');

const examples = path.resolve(__dirname, '..', '..', 'examples', 'madace');
const agentFile = (id) => path.join(examples, 'mam', 'agents', `${id}.agent.yaml`);

const PM_METADATA = { id: 'pm', name: 'PM', title: 'Product Manager', icon: '📋', module: 'mam', version: '1.0.0' };
const MENU_SIZES = { analyst: 3, architect: 4, dev: 3, pm: 4, sm: 5 };

/** Line numbers matter: the assertions name them. */
const BROKEN_AGENT = [
  '# Deliberately broken: two schema problems, each reported with its position.', // 1
  'agent:', // 2
  '  metadata:', // 3
  '    id: broken', // 4
  '    name: Broken', // 5
  '    title: 42', // 6: a number where text is expected
  '    icon: "🧨"', // 7
  '  persona:', // 8
  '    role: Tester', // 9
  '    identity: Breaks things on purpose', // 10
  '    communication_style: Blunt', // 11
  '    principles:', // 12
  '      - Fail loudly', // 13
  '  menu:', // 14
  '    - trigger: "*ok"', // 15
  '      description: Works', // 16
  '    - trigger: "*no-description"', // 17: this item has no description
  '      action: nothing', // 18
  '',
].join('\n');

const BROKEN_ISSUES = [
  {
    path: 'agent.metadata.title',
    message: 'expected a string, found a number (quote the value to keep it as text)',
    line: 6,
    column: 12,
  },
  { path: 'agent.menu[1].description', message: "required field 'description' is missing", line: 17, column: 7 },
];

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
