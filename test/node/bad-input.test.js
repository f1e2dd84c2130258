'use strict';
// Each class of bad input gets its own code and location, sync and async,
// and none of them crashes, hangs or grows memory without bound.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { loadAgent, loadAgentSync, parseAgent, AgentLoadError } = require('../..');
const { fixtures, scratch, write } = require('./helpers');

const fixture = (name) => path.join(fixtures, 'agents', name);

/** Asserts both twins fail with the same AgentLoadError fields. */
async function expectError(file, expected) {
  let syncError;
  assert.throws(
    () => loadAgentSync(file),
    (err) => {
      syncError = err;
      return err instanceof AgentLoadError;
    },
  );
  const actual = {
    code: syncError.code,
    path: syncError.path,
    line: syncError.line,
    column: syncError.column,
  };
  assert.deepEqual(actual, { path: file, ...expected });
  await assert.rejects(loadAgent(file), (err) => {
    assert.ok(err instanceof AgentLoadError);
    assert.equal(err.message, syncError.message);
    assert.deepEqual(err.issues, syncError.issues);
    return true;
  });
  return syncError;
}

test('missing file', async () => {
  await expectError(fixture('missing.agent.yaml'), { code: 'E_NOT_FOUND', line: null, column: null });
});

test('a directory', async () => {
  const err = await expectError(path.join(fixtures, 'agents'), { code: 'E_NOT_A_FILE', line: null, column: null });
  assert.match(err.message, /a directory, expected a file$/);
});

test('empty file', async () => {
  await expectError(fixture('empty.agent.yaml'), { code: 'E_EMPTY', line: 1, column: 1 });
});

test('invalid UTF-8', async (t) => {
  const file = write(scratch(t), 'latin1.agent.yaml', Buffer.from('agent:\n  metadata:\n    name: Jos\xe9\n', 'latin1'));
  const err = await expectError(file, { code: 'E_ENCODING', line: 3, column: 14 });
  assert.match(err.message, /invalid UTF-8 \(byte 0xe9 at offset 32\)/);
});

test('binary data', async (t) => {
  const bytes = Buffer.concat([Buffer.from('agent:\n  x: '), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])]);
  const png = write(scratch(t), 'image.agent.yaml', bytes);
  await expectError(png, { code: 'E_ENCODING', line: 2, column: 6 });
  const nul = write(scratch(t), 'nul.agent.yaml', 'agent:\n  x: 1\n\0\0');
  await expectError(nul, { code: 'E_ENCODING', line: 3, column: 1 });
});

test('malformed YAML points at the fault', async () => {
  const err = await expectError(fixture('malformed.agent.yaml'), { code: 'E_YAML', line: 4, column: 11 });
  assert.match(err.message, /malformed\.agent\.yaml:4:11: /);
});

test('tab indentation', async () => {
  const err = await expectError(fixture('tabs.agent.yaml'), { code: 'E_YAML', line: 3, column: 1 });
  assert.match(err.message, /tabs\.agent\.yaml:3:1: a tab indents this line; YAML indents with spaces only: replace the tab with spaces$/);
});

test('duplicate keys', async () => {
  const err = await expectError(fixture('duplicate-key.agent.yaml'), { code: 'E_DUPLICATE_KEY', line: 6, column: 5 });
  assert.match(err.message, /duplicate key 'name' \(first defined at line 4\)/);
});

test('wrong types', async () => {
  const err = await expectError(fixture('wrong-types.agent.yaml'), { code: 'E_SCHEMA', line: 11, column: 17 });
  assert.deepEqual(err.issues, [
    {
      field: 'agent.persona.principles',
      message: 'expected a list of strings or a multi-line string, found a number',
      line: 11,
      column: 17,
    },
  ]);
});

test('every schema problem is listed at once, in file order', async () => {
  const err = await expectError(fixture('schema-errors.agent.yaml'), { code: 'E_SCHEMA', line: 3, column: 5 });
  assert.deepEqual(
    err.issues.map((i) => [i.field, i.line, i.column]),
    [
      ['agent.metadata.icon', 3, 5],
      ['agent.metadata.title', 5, 12],
      ['agent.persona.principles', 10, 17],
      ['agent.critical_actions[1]', 13, 7],
      ['agent.menu[1].description', 18, 7],
      ['agent.menu[2].trigger', 20, 7],
      ['agent.prompts', 21, 12],
    ],
  );
  assert.equal(err.issues[1].message, 'expected a string, found a number (quote the value to keep it as text)');
  assert.equal(err.issues[4].message, "required field 'description' is missing");
});

test('several YAML documents in one file', async () => {
  await expectError(fixture('multi-doc.agent.yaml'), { code: 'E_MULTIPLE_DOCUMENTS', line: 4, column: 1 });
});

test('unknown YAML tags', async () => {
  const err = await expectError(fixture('unknown-tag.agent.yaml'), { code: 'E_TAG', line: 4, column: 11 });
  assert.match(err.message, /unsupported YAML tag '!!python\/object\/apply:os.system'/);
  assert.throws(() => parseAgent('agent: !include other.yaml\n', { filename: 'x.agent.yaml' }), { code: 'E_TAG' });
});

test('an alias bomb (9 levels x 9 references) stops at the node budget', async (t) => {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level++) {
    lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
  }
  const file = write(scratch(t), 'bomb.agent.yaml', lines.join('\n') + '\n');
  // Level 4 already expands to 9⁴ × 10 nodes, and its anchor keeps a copy.
  const err = await expectError(file, { code: 'E_LIMIT', line: 5, column: 5 });
  assert.match(err.message, /aliases expand the document past 100000 nodes \(an alias bomb\?\)$/);
});

test('100,000-deep nesting stops at the depth limit (block and flow)', async (t) => {
  const dir = scratch(t);
  const block = write(dir, 'block.agent.yaml', 'agent:\n' + '- '.repeat(100_000) + 'x\n');
  const deep = await expectError(block, { code: 'E_LIMIT', line: 2, column: 255 });
  assert.match(deep.message, /nesting is deeper than the limit of 128 levels/);
  const flow = write(dir, 'flow.agent.yaml', 'agent: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
  // The scanner's own flow limit (255 levels) trips while it looks ahead, before ours.
  const err = await expectError(flow, { code: 'E_LIMIT', line: 1, column: 7 + 256 });
  assert.match(err.message, /flow nesting is deeper than the parser's limit/);
});

test('a 50 MB file is refused by the size limit without being read', async (t) => {
  const file = write(scratch(t), 'huge.agent.yaml', Buffer.alloc(50 * 1024 * 1024, 'a'));
  const err = await expectError(file, { code: 'E_LIMIT', line: null, column: null });
  assert.match(err.message, /file is 52428800 bytes, over the 8388608 byte limit/);
});

test('parseAgent applies the same limits to strings', () => {
  assert.throws(() => parseAgent('x'.repeat(9 * 1024 * 1024)), { code: 'E_LIMIT', line: null });
  assert.throws(() => parseAgent('a: 1\nb: \0'), { code: 'E_ENCODING', line: 2, column: 4 });
});
