'use strict';
// Error paths under jest: classes survive jest's module registry and vm
// context (`instanceof`, `toThrow(Class)`), with exact codes and positions.

const fs = require('node:fs');
const path = require('node:path');
const { loadAgent, loadAgentSync, parseAgent, validate, MadaceError, AgentLoadError } = require('madace-core');
const { agentFile, BROKEN_AGENT, BROKEN_ISSUES, scratchDir, runMode } = require('./helpers');

const dir = scratchDir({
  'broken.agent.yaml': BROKEN_AGENT,
  'unclosed.agent.yaml': 'agent:\n  metadata:\n    name: "Unclosed\n',
  'dup.agent.yaml': 'agent:\n  metadata:\n    id: a\n    id: b\n',
});
const broken = path.join(dir, 'broken.agent.yaml');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('runs in the jest mode this run asked for', () => {
  const expected = process.env.MADACE_JEST_MODE;
  if (expected) expect(runMode()).toBe(expected);
  else expect(['in-band', 'processes', 'threads']).toContain(runMode());
});

describe('schema errors', () => {
  test('loadAgentSync throws an AgentLoadError with every issue', () => {
    let error;
    try {
      loadAgentSync(broken);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AgentLoadError);
    expect(error).toBeInstanceOf(MadaceError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AgentLoadError');
    expect({ code: error.code, path: error.path, line: error.line, column: error.column }).toStrictEqual({
      code: 'E_SCHEMA',
      path: broken,
      line: 6,
      column: 12,
    });
    expect(error.filePath).toBe(broken);
    expect(error.issues).toStrictEqual(BROKEN_ISSUES);
    expect(error.message).toBe(
      `${broken}:6:12: 2 problems\n` +
        '  6:12  agent.metadata.title: expected a string, found a number (quote the value to keep it as text)\n' +
        "  17:7  agent.menu[1].description: required field 'description' is missing",
    );
  });

  test('toThrow matches by class', () => {
    expect(() => loadAgentSync(broken)).toThrow(MadaceError);
    expect(() => loadAgentSync(broken)).toThrow(AgentLoadError);
    expect(() => parseAgent(BROKEN_AGENT, { filename: 'broken.agent.yaml' })).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'broken.agent.yaml', line: 6, column: 12, issues: BROKEN_ISSUES }),
    );
  });

  test('loadAgent rejects with the same error', async () => {
    await expect(loadAgent(broken)).rejects.toThrow(AgentLoadError);
    await expect(loadAgent(broken)).rejects.toMatchObject({ code: 'E_SCHEMA', line: 6, column: 12, issues: BROKEN_ISSUES });
  });
});

describe('other codes, sync and async', () => {
  const cases = [
    ['missing file', path.join(dir, 'ghost.agent.yaml'), { code: 'E_NOT_FOUND', line: null, column: null, issues: [] }],
    ['a directory', dir, { code: 'E_NOT_A_FILE', line: null, column: null, issues: [] }],
    ['unclosed quote', path.join(dir, 'unclosed.agent.yaml'), { code: 'E_YAML', line: 3, column: 11, issues: [] }],
    ['duplicate key', path.join(dir, 'dup.agent.yaml'), { code: 'E_DUPLICATE_KEY', line: 4, column: 5, issues: [] }],
  ];

  test.each(cases)('%s', async (_name, file, expected) => {
    expect(() => loadAgentSync(file)).toThrow(AgentLoadError);
    let error;
    try {
      await loadAgent(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MadaceError);
    expect({ code: error.code, line: error.line, column: error.column, issues: error.issues }).toStrictEqual(expected);
    expect(error.path).toBe(file);
  });

  test('parseAgent locates YAML errors in the string', () => {
    expect(() => parseAgent('agent:\n  menu: [\n')).toThrow(
      expect.objectContaining({ code: 'E_YAML', path: '<input>', line: 2, column: 9 }),
    );
  });
});

test('validate reports bad files instead of rejecting', async () => {
  const report = await validate([agentFile('pm'), broken]);
  expect(report.passed).toBe(1);
  expect(report.failed).toBe(1);
  expect(report.files[1]).toMatchObject({
    path: broken,
    kind: 'agent',
    problems: BROKEN_ISSUES.map((issue) => ({
      code: 'E_SCHEMA',
      message: issue.message,
      field: issue.field,
      line: issue.line,
      column: issue.column,
    })),
  });
  expect(report.files[1].problems).toHaveLength(2);
  expect(report.files[1].agent).toBeUndefined();
});

test('wrong argument types throw TypeError synchronously', () => {
  expect(() => loadAgentSync(42)).toThrow(TypeError);
  expect(() => loadAgent(null)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
});
