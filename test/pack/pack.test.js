'use strict';
// `npm pack` ships what a user needs and nothing else; the tarball installs
// into a fresh project, compiles the addon there and works from CommonJS,
// ESM, TypeScript and the CLI; an `--ignore-scripts` install fails with a
// message naming the fix, and that fix works.

const { describe, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, cleanEnv, run, tempDir, note } = require('../support/run');
const { PM_METADATA } = require('../fixtures/runners/expected.json');

// What the package is meant to contain: these files, and every file under
// these folders. `benches/` is there because Cargo.toml names a [[bench]]:
// without its file, cargo refuses the manifest and the install cannot build.
const SHIPPED_FILES = ['package.json', 'README.md', 'index.js', 'index.d.ts', 'Cargo.toml', 'Cargo.lock'];
const SHIPPED_DIRS = ['bin', 'src', 'benches', 'examples/madace'];
const NEVER_SHIPPED = /^(target|node_modules|test|\.ci|\.git|examples\/nextjs)(\/|$)|(^|\/)index\.node$|\.tgz$/;

function filesUnder(dir) {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)));
}

function intendedFiles() {
  const files = SHIPPED_FILES.filter((f) => fs.existsSync(path.join(root, f)));
  for (const f of fs.readdirSync(root)) if (/^(LICEN[CS]E|NOTICE)/i.test(f)) files.push(f); // npm always adds these
  return [...files, ...SHIPPED_DIRS.flatMap(filesUnder)].sort();
}

const npm = (args, options) => run('npm', [...args, '--no-audit', '--no-fund'], options);

/** A fresh project folder with a package.json that allows madace-core's install script. */
function freshProject(name) {
  const dir = tempDir(name);
  const manifest = { name: `madace-core-${name}`, version: '1.0.0', private: true };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

const nodeEval = (cwd, code, options = {}) => run(process.execPath, ['-e', code], { cwd, ...options });

describe('npm pack', () => {
  let tarball;
  let installed; // project folder with the tarball installed normally

  before(async () => {
    const dest = tempDir('pack');
    const packed = await npm(['pack', '--json', '--pack-destination', dest], { cwd: root });
    const [info] = JSON.parse(packed.stdout);
    tarball = path.join(dest, info.filename);
    assert.ok(fs.existsSync(tarball), `npm pack made no ${tarball}`);
  });

  test('the tarball lists exactly the intended files', async () => {
    const dry = await npm(['pack', '--dry-run', '--json'], { cwd: root });
    const [info] = JSON.parse(dry.stdout);
    const files = info.files.map((f) => f.path).sort();
    const unwanted = files.filter((f) => NEVER_SHIPPED.test(f));
    assert.deepEqual(unwanted, [], 'build output, tests or dependencies in the package');
    assert.deepEqual(files, intendedFiles());
    assert.ok(info.unpackedSize < 1024 * 1024, `unpacked size ${info.unpackedSize} bytes`);
  });

  test('installing the tarball compiles the addon, and the package works', async (t) => {
    const project = freshProject('install');
    const install = await npm(['install', tarball], { cwd: project, timeoutMs: 600_000 });
    note(t, `npm install <tarball> (compiles the addon): ${(install.ms / 1000).toFixed(1)} s`);
    const pkg = path.join(project, 'node_modules', 'madace-core');
    assert.ok(fs.existsSync(path.join(pkg, 'index.node')), 'the install script did not produce index.node');
    assert.ok(!fs.existsSync(path.join(pkg, 'target')), 'the cargo build folder was left in node_modules');

    const cjs = await nodeEval(
      project,
      `const m = require('madace-core');
       const pm = m.loadAgentSync(require.resolve('madace-core/examples/madace/mam/agents/pm.agent.yaml'));
       console.log(JSON.stringify(pm.metadata));`,
    );
    assert.deepEqual(JSON.parse(cjs.stdout), PM_METADATA);
    installed = project;
  });

  test('the installed package works from an .mjs consumer', async (t) => {
    if (!installed) return t.skip('install failed');
    fs.copyFileSync(path.join(root, 'test', 'esm', 'consumer.mjs'), path.join(installed, 'consumer.mjs'));
    const esm = await run(process.execPath, ['consumer.mjs'], { cwd: installed });
    assert.match(esm.stdout, /^esm consumer: 4 checks passed$/m);
  });

  test('the installed types compile a TypeScript consumer', async (t) => {
    if (!installed) return t.skip('install failed');
    fs.copyFileSync(path.join(root, 'test', 'types', 'consumer.ts'), path.join(installed, 'consumer.ts'));
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [path.join(root, 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    };
    fs.writeFileSync(path.join(installed, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
    await run(process.execPath, [tsc, '-p', installed], { cwd: installed });
  });

  test('the CLI runs from the installed package', async (t) => {
    if (!installed) return t.skip('install failed');
    const agents = path.join(installed, 'node_modules', 'madace-core', 'examples', 'madace', 'mam', 'agents');
    const cli = await run(path.join(installed, 'node_modules', '.bin', 'madace-core'), ['validate', agents], { cwd: installed });
    assert.match(cli.stdout, /📋 PM — Product Manager \(4 menu items\)/);
    assert.match(cli.stdout, /^5 files checked: 5 passed, 0 failed$/m);
  });

  test('an --ignore-scripts install fails on require with the fix, and the fix works', async (t) => {
    const project = freshProject('ignore-scripts');
    await npm(['install', '--ignore-scripts', tarball], { cwd: project, timeoutMs: 120_000 });
    assert.ok(!fs.existsSync(path.join(project, 'node_modules', 'madace-core', 'index.node')));

    for (const code of ["require('madace-core')", "import('madace-core').catch((e) => { console.error(e.message); process.exit(1); })"]) {
      const failed = await nodeEval(project, code, { allowFailure: true });
      assert.equal(failed.status, 1, failed.output);
      assert.match(failed.stderr, /madace-core: the native addon \(index\.node\) was never built/, failed.stderr);
      assert.match(failed.stderr, /--ignore-scripts/);
      assert.match(failed.stderr, /Fix: run `npm rebuild madace-core`/);
      assert.doesNotMatch(failed.stderr, /Cannot find module/);
    }

    // The named fix. It recompiles the crate; the repo's own target folder
    // (built by `npm install` here) keeps the dependencies compiled.
    const env = cleanEnv({ CARGO_TARGET_DIR: path.join(root, 'target') });
    const rebuild = await npm(['rebuild', 'madace-core'], { cwd: project, env, timeoutMs: 600_000 });
    note(t, `npm rebuild madace-core: ${(rebuild.ms / 1000).toFixed(1)} s`);
    const fixed = await nodeEval(project, "console.log(typeof require('madace-core').loadAgent)");
    assert.equal(fixed.stdout.trim(), 'function');
  });
});
