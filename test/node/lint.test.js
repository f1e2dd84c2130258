'use strict';
// Strict lint through validate / the CLI, and the editor schemas.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const madace = require('../..');
const { root, examples, corpus, corpusMissing } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const rule = (problem) => (problem.code === 'E_LINT' ? problem.message.match(/\[([a-z-]+)\]$/)[1] : problem.code);

test('strict mode adds located E_LINT problems with their rule', () => {
  assert.equal(madace.validateSync(examples).failed, 0);
  const report = madace.validateSync(examples, { strict: true });
  assert.equal(report.failed, 1);
  const pm = report.files.find((f) => f.problems.length > 0);
  assert.equal(pm.path, path.join(examples, 'mam/agents/pm.agent.yaml'));
  assert.equal(pm.agent.id, 'pm');
  assert.deepEqual(
    pm.problems.map((p) => [p.code, p.field, p.line, p.column, rule(p)]),
    [
      ['E_LINT', 'agent.prompts[0].name', 49, 7, 'unknown-key'],
      ['E_LINT', 'agent.prompts[0].id', 49, 7, 'prompt-fields'],
      ['E_LINT', 'agent.prompts[0].trigger', 50, 7, 'unknown-key'],
      ['E_LINT', 'agent.prompts[1].name', 55, 7, 'unknown-key'],
      ['E_LINT', 'agent.prompts[1].id', 55, 7, 'prompt-fields'],
      ['E_LINT', 'agent.prompts[1].trigger', 56, 7, 'unknown-key'],
    ],
  );
  assert.equal(pm.problems[0].message, "unknown key 'name' in agent.prompts[0] (allowed: id, content, description) [unknown-key]");
  assert.throws(() => madace.validateSync(examples, { strict: 'yes' }), TypeError);
});

test('strict mode over the corpus: every problem counted by rule', { skip: corpusMissing }, async () => {
  const report = await madace.validate(corpus, { strict: true });
  assert.deepEqual([report.passed, report.failed], [66, 36]);
  const counts = {};
  for (const p of report.files.flatMap((f) => f.problems)) counts[rule(p)] = (counts[rule(p)] || 0) + 1;
  assert.deepEqual(counts, {
    'trigger-format': 125,
    'unknown-key': 19,
    'one-command-target': 4,
    'required-text': 2,
    'prompt-fields': 1,
    E_SCHEMA: 6,
  });
});

test('CLI: --strict fails on lint problems; schema prints JSON Schemas', () => {
  const strict = spawnSync(process.execPath, [bin, 'validate', '--strict', 'examples/madace'], { cwd: root, encoding: 'utf8' });
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /^examples\/madace\/mam\/agents\/pm\.agent\.yaml:49:7 {2}agent\.prompts\[0\]\.name: unknown key 'name'.* {2}E_LINT$/m);
  assert.match(strict.stdout, /\n10 files checked: 9 passed, 1 failed \(6 problems\)\n$/);
  for (const kind of ['agent', 'workflow', 'config']) {
    const out = spawnSync(process.execPath, [bin, 'schema', kind], { encoding: 'utf8' });
    assert.equal(out.status, 0);
    const schema = JSON.parse(out.stdout);
    assert.deepEqual(schema, madace.jsonSchema(kind));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  }
  assert.deepEqual(madace.jsonSchema('config').required, ['project_name', 'output_folder', 'user_name', 'communication_language']);
  assert.deepEqual(madace.jsonSchema('agent').required, ['agent']);
  assert.equal(spawnSync(process.execPath, [bin, 'schema', 'story'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(process.execPath, [bin, 'schema'], { encoding: 'utf8' }).status, 2);
});
