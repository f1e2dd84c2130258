// vitest runs the suite in the `forks` pool (child processes) and in the
// `threads` pool (worker threads), each twice: with madace-core externalized
// (loaded by Node itself, as when it is installed in node_modules) and
// inlined (run through vitest's module runner, as with `npm link` or a
// workspace package); and in the `vmForks` and `vmThreads` pools (each test
// file in its own vm context). `madace-core` resolves to this repo's
// index.js, which loads the compiled index.node.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const entry = fileURLToPath(new URL('../../index.js', import.meta.url));
// vitest matches string patterns only inside node_modules: use a RegExp.
const entryPattern = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

type Pool = 'forks' | 'threads' | 'vmForks' | 'vmThreads';

const project = (pool: Pool, loading: 'external' | 'inline') => ({
  extends: true as const,
  test: {
    name: `${pool}-${loading}`,
    pool,
    provide: { pool, loading, entry },
    server: { deps: loading === 'external' ? { external: [entryPattern] } : { inline: [entryPattern] } },
  },
});

export default defineConfig({
  root: here,
  resolve: {
    alias: [
      { find: /^madace-core$/, replacement: entry },
      { find: /^madace-core\/testing$/, replacement: fileURLToPath(new URL('../../lib/testing.js', import.meta.url)) },
    ],
  },
  test: {
    include: ['*.test.ts'],
    projects: [
      project('forks', 'external'),
      project('threads', 'external'),
      project('forks', 'inline'),
      project('threads', 'inline'),
      project('vmForks', 'external'),
      project('vmThreads', 'external'),
    ],
  },
});
