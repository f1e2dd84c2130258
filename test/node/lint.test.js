'use strict';
// Strict lint through validate / the CLI, and the editor schemas.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const madace = require('../..');
const dialect = require('madace-core/madace');
const { root, examples, fixtures, corpus, corpusMissing, findFiles } = require('./helpers');

const bin = path.join(root, 'bin', 'madace-core.js');
const rule = (problem) => (problem.code === 'E_LINT' ? problem.message.match(/\[([a-z-]+)\]$/)[1] : problem.code);

test('strict mode lints MADACE files by MADACE rules: the examples are clean', () => {
  assert.equal(madace.validateSync(examples).failed, 0);
  const report = madace.validateSync(examples, { strict: true });
  assert.deepEqual([report.passed, report.failed], [10, 0]);
  assert.throws(() => madace.validateSync(examples, { strict: 'yes' }), TypeError);
});

// Each rule has a passing and a failing fixture per framework; a fixture's
// `# expect:` lines are every problem strict lint must report, exactly.
const lintFixtures = findFiles(path.join(fixtures, 'lint'), '.agent.yaml');

test('strict lint fixtures: every rule passes and fails where its fixtures say', () => {
  const rules = new Set();
  for (const file of lintFixtures) {
    const expected = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('# expect: '))
      .map((line) => line.slice('# expect: '.length));
    const [report] = [madace.validateSync(file, { strict: true })];
    const got = report.files[0].problems.map((p) => `${p.field} ${p.line}:${p.column} [${rule(p)}]`);
    assert.deepEqual(got.length ? got : ['pass'], expected, path.relative(fixtures, file));
    rules.add(`${path.basename(path.dirname(path.dirname(file)))}/${path.basename(path.dirname(file))}`);
  }
  assert.equal(lintFixtures.length, 2 * rules.size);
  assert.deepEqual(
    [...rules].filter((r) => r.startsWith('bmad/')).map((r) => r.slice(5)).sort(),
    [
      'command-target',
      'conversational-knowledge',
      'critical-actions',
      'has-sidecar',
      'menu-items',
      'multi-triggers',
      'principles',
      'prompt-fields',
      'required-text',
      'trigger-format',
      'unique-trigger',
      'unknown-key',
    ],
  );
});

test('where MADACE and BMAD differ, the folder decides, and the MADACE dialect lints by MADACE rules', (t) => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'madace-lint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const text = fs.readFileSync(path.join(fixtures, 'lint', 'madace', 'trigger-format', 'pass.agent.yaml'), 'utf8');
  const asBmad = path.join(dir, '_bmad', 'bmm', 'agents', 'pm.agent.yaml');
  fs.mkdirSync(path.dirname(asBmad), { recursive: true });
  fs.writeFileSync(asBmad, text);
  const bmad = madace.validateSync(asBmad, { strict: true }).files[0].problems;
  assert.deepEqual(
    bmad.map((p) => `${p.field} ${p.line}:${p.column} [${rule(p)}]`),
    [
      'agent.metadata.hasSidecar 5:5 [has-sidecar]',
      'agent.metadata.version 10:5 [unknown-key]',
      'agent.load_always 17:3 [unknown-key]',
      'agent.menu[0] 20:7 [command-target]',
      'agent.menu[0].trigger 20:16 [trigger-format]',
      'agent.menu[0].workflow 22:7 [unknown-key]',
      'agent.menu[1].trigger 23:16 [trigger-format]',
      'agent.prompts[0].name 27:7 [unknown-key]',
      'agent.prompts[0].id 27:7 [prompt-fields]',
      'agent.prompts[0].trigger 28:7 [unknown-key]',
    ],
  );
  assert.equal(
    bmad.find((p) => p.field === 'agent.menu[0].trigger').message,
    "trigger '*plan-project' starts with '*', which BMAD does not allow; write 'plan-project' [trigger-format]",
  );
  assert.deepEqual(dialect.validateSync(asBmad, { strict: true }).files[0].problems, []);
});

test('strict mode over the corpus: every problem counted by rule', { skip: corpusMissing }, async () => {
  const report = await madace.validate(corpus, { strict: true });
  assert.deepEqual([report.passed, report.failed], [113, 38]);
  const counts = {};
  for (const p of report.files.flatMap((f) => f.problems)) counts[rule(p)] = (counts[rule(p)] || 0) + 1;
  assert.deepEqual(counts, {
    'has-sidecar': 34,
    'trigger-format': 125,
    'unknown-key': 94,
    'command-target': 76,
    'required-text': 2,
    E_SCHEMA: 6,
  });
});

test('CLI: --strict fails on lint problems; schema prints JSON Schemas', () => {
  const strict = spawnSync(process.execPath, [bin, 'validate', '--strict', 'test/fixtures/lint/bmad/has-sidecar'], { cwd: root, encoding: 'utf8' });
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /^test\/fixtures\/lint\/bmad\/has-sidecar\/fail\.agent\.yaml:5:5 {2}error {2}agent\.metadata\.hasSidecar: required field 'hasSidecar' is missing .* {2}E_LINT$/m);
  assert.match(strict.stdout, /\n2 files checked: 1 passed, 1 failed \(1 problem\)\n$/);
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
