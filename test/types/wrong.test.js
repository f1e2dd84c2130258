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
  [6, 34, 'TS2345', "Argument of type 'number' is not assignable to parameter of type 'PathLike'."],
  [7, 23, 'TS2571', "Object is of type 'unknown'."],
  [8, 9, 'TS2739', "Type 'Promise<Agent>' is missing the following properties from type 'Agent'"],
  [9, 47, 'TS2353', "Object literal may only specify known properties, and 'file' does not exist"],
  [10, 18, 'TS2367', "the types 'ErrorCode' and '\"E_NOPE\"' have no overlap."],
  [11, 21, 'TS18047', "'err.line' is possibly 'null'."],
  [12, 9, 'TS2322', "Type 'string' is not assignable to type 'number'."],
  [13, 24, 'TS2554', 'arguments, but got 0.'],
  [14, 15, 'TS2339', "Property 'push' does not exist on type 'readonly ErrorCode[]'."],
  [15, 57, 'TS2322', "Type 'boolean' is not assignable to type 'AbortSignal'."],
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
