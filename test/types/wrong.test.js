'use strict';
// The types reject wrong uses: tsc must fail on wrong/wrong.ts with exactly
// these errors (line, column, code), no more and no fewer.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });

const EXPECTED = [
  [19, 34, 'TS2345', "Argument of type 'number' is not assignable to parameter of type 'PathLike'."],
  [20, 54, 'TS2339', "Property 'then' does not exist on type '{ readonly metadata: {"],
  [21, 9, 'TS2739', "is missing the following properties from type 'Agent': metadata, persona, menu, prompts"],
  [22, 47, 'TS2353', "Object literal may only specify known properties, and 'file' does not exist"],
  [23, 18, 'TS2367', "the types 'ErrorCode' and '\"E_NOPE\"' have no overlap."],
  [24, 21, 'TS18047', "'err.line' is possibly 'null'."],
  [25, 9, 'TS2322', "Type 'string' is not assignable to type 'number'."],
  [26, 24, 'TS2554', 'arguments, but got 0.'],
  [27, 15, 'TS2339', "Property 'push' does not exist on type 'readonly ErrorCode[]'."],
  [28, 57, 'TS2322', "Type 'boolean' is not assignable to type 'AbortSignal'."],
  // Known fields only: typos do not compile.
  [33, 35, 'TS2339', "Property 'nmae' does not exist on type 'AgentMetadata'."],
  [34, 33, 'TS2551', "Did you mean 'communication_style'?"],
  // Menu items and workflows must be narrowed before use.
  [35, 9, 'TS2322', "Type 'string | undefined' is not assignable to type 'string'."],
  // Each error class has its own codes.
  [36, 22, 'TS2367', "the types 'AgentErrorCode' and '\"E_STATUS_LIMIT\"' have no overlap."],
  // `field` is the field, `path` a file.
  [37, 25, 'TS2339', "Property 'path' does not exist on type 'SchemaIssue'."],
  [38, 17, 'TS2532', "Object is possibly 'undefined'."],
  [39, 93, 'TS18048', "'w.workflow.steps' is possibly 'undefined'."],
  // Problems are errors or warnings.
  [40, 16, 'TS2367', "the types 'Severity' and '\"info\"' have no overlap."],
  // Loaded agents are deep-frozen, and typed so.
  [46, 18, 'TS2540', "Cannot assign to 'name' because it is a read-only property."],
  [47, 21, 'TS2339', "Property 'push' does not exist on type 'readonly ("],
];

test('tsc rejects each deliberate misuse, at its line', () => {
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'wrong'), '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  const output = run.stdout + run.stderr;
  assert.equal(run.status, 2, `tsc should fail with status 2 (errors, no emit); output:\n${output}`);
  const errors = output
    .split('\n')
    .map((line) => /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line))
    .filter(Boolean);
  assert.ok(errors.every((m) => m[1].endsWith('wrong.ts')), output);
  assert.deepEqual(
    errors.map((m) => [Number(m[2]), Number(m[3]), m[4]]),
    EXPECTED.map(([line, column, code]) => [line, column, code]),
    output,
  );
  for (const [i, [, , , text]] of EXPECTED.entries()) {
    assert.ok(errors[i][5].includes(text), `error ${i + 1}: expected "${text}" in "${errors[i][5]}"`);
  }
});
