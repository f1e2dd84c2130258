'use strict';
// The smoke test each runtime runs (Node 20/22/24, Bun, Deno): load an agent
// sync and async, get a located error of the right class, validate a tree.
// Prints one line per check and `smoke: N checks passed`; exits non-zero on a failure.

const assert = require('node:assert/strict');
const path = require('node:path');
const madace = require('../..');

const agents = path.join(__dirname, '..', '..', 'examples', 'madace', 'mam', 'agents');
let passed = 0;

async function check(name, fn) {
  await fn();
  passed += 1;
  console.log(`ok ${passed} - ${name}`);
}

(async () => {
  await check('loadAgentSync', () => {
    assert.equal(madace.loadAgentSync(path.join(agents, 'pm.agent.yaml')).metadata.title, 'Product Manager');
  });
  await check('loadAgent (Promise)', async () => {
    assert.equal((await madace.loadAgent(path.join(agents, 'dev.agent.yaml'))).metadata.id, 'dev');
  });
  await check('a located AgentLoadError', () => {
    assert.throws(() => madace.parseAgent('agent:\n  metadata: [\n', { filename: 'bad.agent.yaml' }), (err) => {
      assert.ok(err instanceof madace.AgentLoadError && err instanceof madace.MadaceError);
      assert.deepEqual([err.code, err.path, err.line, err.column], ['E_YAML', 'bad.agent.yaml', 2, 13]);
      return true;
    });
  });
  await check('validate a folder', async () => {
    const report = await madace.validate(agents);
    assert.deepEqual([report.files.length, report.passed, report.failed], [5, 5, 0]);
  });
  console.log(`smoke: ${passed} checks passed`);
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
