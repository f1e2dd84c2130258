// madace-core under vitest, written as a TypeScript user would: sync, async
// and error paths, `instanceof` and `toStrictEqual` on results. The config
// runs this file in six projects (forks/threads × external/inline, vmForks, vmThreads).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { afterAll, describe, expect, inject, test } from 'vitest';
import {
  AgentLoadError,
  ERROR_CODES,
  MadaceError,
  loadAgent,
  loadAgentSync,
  parseAgent,
  validate,
  validateSync,
  type Agent,
  type FrozenAgent,
  type SchemaIssue,
  type ValidationReport,
} from 'madace-core';

declare module 'vitest' {
  export interface ProvidedContext {
    pool: 'forks' | 'threads' | 'vmForks' | 'vmThreads';
    loading: 'external' | 'inline';
    entry: string;
  }
}

const examples = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'examples', 'madace');
const agentFile = (id: string) => join(examples, 'mam', 'agents', `${id}.agent.yaml`);

// Expected values and the broken agent are shared with the jest suites.
const runners = new URL('../fixtures/runners/', import.meta.url);
const { PM_METADATA, MENU_SIZES, BROKEN_ISSUES } = JSON.parse(readFileSync(new URL('expected.json', runners), 'utf8')) as {
  PM_METADATA: Agent['metadata'];
  MENU_SIZES: Record<string, number>;
  BROKEN_ISSUES: SchemaIssue[];
};
const BROKEN_AGENT = readFileSync(new URL('broken.agent.yaml', runners), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'madace-core-vitest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const broken = join(dir, 'broken.agent.yaml');
writeFileSync(broken, BROKEN_AGENT);
writeFileSync(join(dir, 'unclosed.agent.yaml'), 'agent:\n  metadata:\n    name: "Unclosed\n');
writeFileSync(join(dir, 'dup.agent.yaml'), 'agent:\n  metadata:\n    id: a\n    id: b\n');

test('runs in the pool and loading mode its project names', () => {
  const { pool, loading, entry } = { pool: inject('pool'), loading: inject('loading'), entry: inject('entry') };
  expect(isMainThread).toBe(pool === 'forks' || pool === 'vmForks');
  if (pool === 'forks' || pool === 'threads') {
    // Externalized: Node's own loader ran index.js, so it is in require.cache.
    // (The vm pools run even external modules in the test file's vm context.)
    const loadedByNode = Object.keys(createRequire(import.meta.url).cache).includes(entry);
    expect(loadedByNode).toBe(loading === 'external');
  }
});

describe('results', () => {
  test('pm metadata, exactly', () => {
    expect(loadAgentSync(agentFile('pm')).metadata).toStrictEqual(PM_METADATA);
  });

  test('menu sizes of every example agent', () => {
    const sizes = Object.fromEntries(Object.keys(MENU_SIZES).map((id) => [id, loadAgentSync(agentFile(id)).menu.length]));
    expect(sizes).toStrictEqual(MENU_SIZES);
  });

  test('menu items and prompts as written', () => {
    const pm: FrozenAgent = loadAgentSync(agentFile('pm'));
    expect(pm.menu[3]).toStrictEqual({
      trigger: '*show-status',
      action: 'show-status',
      description: 'Show the current story board',
    });
    expect(pm.prompts.map((p) => p.name)).toStrictEqual(['scope-check', 'release-summary']);
  });

  test('results are plain objects and arrays of the test realm', () => {
    const pm = loadAgentSync(agentFile('pm'));
    expect(Object.getPrototypeOf(pm)).toBe(Object.prototype);
    expect(pm.menu).toBeInstanceOf(Array);
    expect(pm).toStrictEqual(JSON.parse(JSON.stringify(pm)));
  });

  test('loadAgent resolves to what loadAgentSync returns', async () => {
    const pending = loadAgent(pathToFileURL(agentFile('sm')));
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toStrictEqual(loadAgentSync(agentFile('sm')));
  });

  test('loads every example agent concurrently', async () => {
    const ids = Object.keys(MENU_SIZES);
    const agents = await Promise.all(ids.map((id) => loadAgent(agentFile(id))));
    expect(agents.map((a) => [a.metadata.id, a.menu.length])).toStrictEqual(Object.entries(MENU_SIZES));
  });

  test('parseAgent takes defaults from the file name', () => {
    const source = readFileSync(agentFile('pm'), 'utf8').replace('    id: pm\n', '');
    expect(parseAgent(source, { filename: 'madace/mam/agents/pm.agent.yaml' })).toStrictEqual(loadAgentSync(agentFile('pm')));
  });

  test('validate and validateSync report the example tree', async () => {
    const agents = join(examples, 'mam', 'agents');
    const report: ValidationReport = validateSync(agents);
    expect({ passed: report.passed, failed: report.failed }).toStrictEqual({ passed: 5, failed: 0 });
    // Reports may grow fields: match the ones that matter, exactly.
    expect(report.files.find((f) => f.path === agentFile('pm'))).toMatchObject({
      path: agentFile('pm'),
      kind: 'agent',
      agent: { id: 'pm', name: 'PM', title: 'Product Manager', icon: '📋', module: 'mam', menuItems: 4 },
      problems: [],
    });
    await expect(validate([agents])).resolves.toStrictEqual(report);
  });

  test('ERROR_CODES lists the stable codes', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['E_NOT_FOUND', 'E_YAML', 'E_SCHEMA', 'E_INTERNAL']));
  });
});

describe('errors', () => {
  test('a schema error carries every issue with its position', () => {
    let error: unknown;
    try {
      loadAgentSync(broken);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AgentLoadError);
    expect(error).toBeInstanceOf(MadaceError);
    expect(error).toBeInstanceOf(Error);
    if (!(error instanceof AgentLoadError)) throw new Error('unreachable');
    expect(error.name).toBe('AgentLoadError');
    expect([error.code, error.path, error.line, error.column]).toStrictEqual(['E_SCHEMA', broken, 6, 12]);
    expect(error.filePath).toBe(broken);
    expect(error.issues).toStrictEqual(BROKEN_ISSUES);
  });

  test('toThrow and rejects match by class and fields', async () => {
    expect(() => loadAgentSync(broken)).toThrow(AgentLoadError);
    expect(() => parseAgent(BROKEN_AGENT, { filename: 'broken.agent.yaml' })).toThrow(MadaceError);
    await expect(loadAgent(broken)).rejects.toThrow(MadaceError);
    await expect(loadAgent(broken)).rejects.toMatchObject({ code: 'E_SCHEMA', line: 6, column: 12, issues: BROKEN_ISSUES });
  });

  test.each([
    ['missing file', 'ghost.agent.yaml', { code: 'E_NOT_FOUND', line: null, column: null }],
    ['unclosed quote', 'unclosed.agent.yaml', { code: 'E_YAML', line: 3, column: 11 }],
    ['duplicate key', 'dup.agent.yaml', { code: 'E_DUPLICATE_KEY', line: 4, column: 5 }],
  ])('%s: same error sync and async', async (_name, file, expected) => {
    const path = join(dir, file);
    const caught = await loadAgent(path).then(
      () => null,
      (err: unknown) => err,
    );
    expect(caught).toBeInstanceOf(AgentLoadError);
    const err = caught as AgentLoadError;
    expect({ code: err.code, line: err.line, column: err.column }).toStrictEqual(expected);
    expect(err.path).toBe(path);
    expect(err.issues).toStrictEqual([]);
    expect(() => loadAgentSync(path)).toThrow(err.message);
  });

  test('validate reports a bad file instead of rejecting', async () => {
    const report = await validate([agentFile('pm'), broken]);
    expect([report.passed, report.failed]).toStrictEqual([1, 1]);
    expect(report.files[1].problems).toHaveLength(2);
    expect(report.files[1].problems).toMatchObject(
      BROKEN_ISSUES.map((i) => ({ code: 'E_SCHEMA', message: i.message, field: i.field, line: i.line, column: i.column })),
    );
  });

  test('wrong argument types throw TypeError synchronously', () => {
    // @ts-expect-error: a number is not a path
    expect(() => loadAgentSync(42)).toThrow(TypeError);
  });
});
