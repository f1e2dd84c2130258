'use strict';
// What a user installs: `npm pack` of the main package and of this
// platform's binary package hold exactly the intended files; installed into a
// fresh project on a machine without cargo or rustc (also with
// --ignore-scripts), madace-core works from CommonJS, ESM, TypeScript and the
// CLI without compiling anything; without the platform package, loading
// fails with an error that names the platform, the package and the fix.

const { describe, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, run, tempDir, note } = require('../support/run');
const { PLATFORM, PLATFORM_PACKAGE, VERSION, packPackages, installPackages, rustlessEnv } = require('../support/packages');
const { PM_METADATA } = require('../fixtures/runners/expected.json');

const MAIN_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'SECURITY.md',
  'bin/madace-core.js',
  'docs/crate.md',
  'docs/design.md',
  'docs/migrating.md',
  'docs/performance.md',
  'examples/bmad/.claude/skills/bmad-agent-pm/SKILL.md',
  'examples/bmad/.claude/skills/bmad-agent-pm/customize.toml',
  'examples/bmad/_bmad-output/implementation-artifacts/1-1-patient-login.md',
  'examples/bmad/_bmad-output/implementation-artifacts/1-2-book-appointment.md',
  'examples/bmad/_bmad-output/implementation-artifacts/1-3-cancel-appointment.md',
  'examples/bmad/_bmad-output/implementation-artifacts/sprint-status.yaml',
  'examples/bmad/_bmad/config.toml',
  'examples/bmad/_bmad/custom/bmad-agent-pm.toml',
  'examples/madace/README.md',
  'examples/madace/core/config.yaml',
  'examples/madace/mam/agents/analyst.agent.yaml',
  'examples/madace/mam/agents/architect.agent.yaml',
  'examples/madace/mam/agents/dev.agent.yaml',
  'examples/madace/mam/agents/pm.agent.yaml',
  'examples/madace/mam/agents/sm.agent.yaml',
  'examples/madace/mam/workflows/create-story.workflow.yaml',
  'examples/madace/mam/workflows/design-architecture.workflow.yaml',
  'examples/madace/mam/workflows/dev-story.workflow.yaml',
  'examples/madace/mam/workflows/plan-project.workflow.yaml',
  'index.d.ts',
  'index.js',
  'lib/addon.js',
  'lib/args.js',
  'lib/call.js',
  'lib/catalog-text.js',
  'lib/catalog.js',
  'lib/cli/board.js',
  'lib/cli/edit.js',
  'lib/cli/index.js',
  'lib/cli/lsp.js',
  'lib/cli/move.js',
  'lib/cli/schema.js',
  'lib/cli/status.js',
  'lib/cli/terminal.js',
  'lib/cli/usage.js',
  'lib/cli/validate.js',
  'lib/definitions.js',
  'lib/edge.js',
  'lib/edits.js',
  'lib/errors.js',
  'lib/freeze.js',
  'lib/lsp/server.js',
  'lib/madace-edge.js',
  'lib/madace-method.js',
  'lib/madace.d.ts',
  'lib/madace.js',
  'lib/native.js',
  'lib/needs-node.js',
  'lib/problem.js',
  'lib/render.js',
  'lib/settings.js',
  'lib/show.js',
  'lib/skills.js',
  'lib/testing.d.ts',
  'lib/testing.js',
  'lib/wasm/api.js',
  'lib/wasm/browser-yaml.mjs',
  'lib/wasm/browser.mjs',
  'lib/wasm/catalog.json',
  'lib/wasm/edge-yaml.mjs',
  'lib/wasm/edge.mjs',
  'lib/wasm/engine.js',
  'lib/wasm/index.d.ts',
  'lib/wasm/madace_core.wasm',
  'lib/wasm/madace_core_yaml.wasm',
  'lib/wasm/node-build.js',
  'lib/wasm/node-yaml.js',
  'lib/wasm/node-yaml.mjs',
  'lib/wasm/node.js',
  'lib/wasm/node.mjs',
  'lib/wasm/ready.mjs',
  'lib/watch.js',
  'package.json',
];
const PLATFORM_FILES = ['README.md', 'index.node', 'package.json'];
const ALL_PLATFORMS = [
  'darwin-arm64',
  'darwin-x64',
  'linux-arm64-gnu',
  'linux-arm64-musl',
  'linux-x64-gnu',
  'linux-x64-musl',
  'win32-x64-msvc',
];

/** A fresh project folder, as `npm init -y` would leave it. */
function freshProject(name) {
  const dir = tempDir(name);
  const manifest = { name: `madace-core-${name}`, version: '1.0.0', private: true };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

const nodeEval = (cwd, code, options = {}) => run(process.execPath, ['-e', code], { cwd, env: rustlessEnv(), ...options });

/** Everything a user does with an installed package, without a Rust toolchain. */
async function checkInstalled(t, project) {
  const pkg = path.join(project, 'node_modules', 'madace-core');
  assert.ok(!fs.existsSync(path.join(pkg, 'target')), 'a cargo build ran in node_modules');
  assert.ok(!fs.existsSync(path.join(pkg, 'index.node')), 'the main package must not carry a binary');
  assert.ok(fs.existsSync(path.join(project, 'node_modules', ...PLATFORM_PACKAGE.split('/'), 'index.node')));

  const cjs = await nodeEval(
    project,
    `const m = require('madace-core');
     const pm = m.loadAgentSync(require.resolve('madace-core/examples/madace/mam/agents/pm.agent.yaml'));
     console.log(JSON.stringify(pm.metadata));`,
  );
  assert.deepEqual(JSON.parse(cjs.stdout), PM_METADATA);

  // What a bundler's file tracer (@vercel/nft, as Next.js's standalone output
  // uses it) copies for madace-core includes the platform binary: the loader
  // names each platform package literally.
  const { nodeFileTrace } = require('@vercel/nft');
  const traced = await nodeFileTrace([path.join(pkg, 'index.js')], { base: project });
  const binary = path.join('node_modules', ...PLATFORM_PACKAGE.split('/'), 'index.node');
  assert.ok(traced.fileList.has(binary), `the trace misses ${binary}`);
  // Nothing optional is loaded by require('madace-core'): the watcher and the language server load on use.
  const loaded = await nodeEval(project, `require('madace-core'); console.log(Object.keys(require.cache).join('\\n'));`);
  assert.doesNotMatch(loaded.stdout, /chokidar|vscode-languageserver|tinyglobby/);

  fs.copyFileSync(path.join(root, 'test', 'esm', 'consumer.mjs'), path.join(project, 'consumer.mjs'));
  const esm = await run(process.execPath, ['consumer.mjs'], { cwd: project, env: rustlessEnv() });
  assert.match(esm.stdout, /^esm consumer: 5 checks passed$/m);

  fs.copyFileSync(path.join(root, 'test', 'types', 'consumer.ts'), path.join(project, 'consumer.ts'));
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
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  await run(process.execPath, [tsc, '-p', project], { cwd: project, env: rustlessEnv() });

  const agents = path.join(pkg, 'examples', 'madace', 'mam', 'agents');
  const cli = await run(path.join(project, 'node_modules', '.bin', 'madace-core'), ['validate', agents], {
    cwd: project,
    env: rustlessEnv(),
  });
  assert.match(cli.stdout, /📋 PM — Product Manager \(4 menu items\)/);
  assert.match(cli.stdout, /^5 files checked: 5 passed, 0 failed$/m);
  note(t, `require, import, tsc and the CLI work from ${project}`);
}

describe('npm packages', () => {
  let packed;

  before(async () => {
    packed = await packPackages();
  });

  test('the main package holds exactly the JS face, the CLI, the example tree and the docs', () => {
    assert.deepEqual(packed.main.files, MAIN_FILES);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(manifest.version, VERSION);
    // The WebAssembly modules (700 KiB, and 435 KiB for the YAML kinds
    // alone) and their four bundles (about 40 KiB each); then the README,
    // the docs, the types and the changelog; the code is under 140 KiB.
    assert.ok(packed.main.info.unpackedSize < 1760 * 1024, `unpacked size ${packed.main.info.unpackedSize} bytes`);
  });

  test('the published manifest pins every platform package to its own version; the repo links them locally', async () => {
    const { stdout } = await run('tar', ['-xzOf', packed.main.tarball, 'package/package.json']);
    const published = JSON.parse(stdout);
    assert.deepEqual(
      published.optionalDependencies,
      Object.fromEntries(ALL_PLATFORMS.map((p) => [`@madace-core/${p}`, VERSION])),
    );
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'build']) {
      assert.equal(published.scripts[script], undefined, `the published manifest has a ${script} script`);
    }
    const repo = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    // The checkout keeps what builds it.
    assert.equal(repo.scripts.prepare, 'npm run build');
    assert.deepEqual(
      repo.optionalDependencies,
      Object.fromEntries(ALL_PLATFORMS.map((p) => [`@madace-core/${p}`, `file:platforms/${p}`])),
    );
    const lock = fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8');
    assert.doesNotMatch(lock, /registry\.npmjs\.org\/@madace-core/, 'the lockfile takes a platform package from the registry');
  });

  test(`the ${PLATFORM} package holds index.node and its README, and declares its platform`, async () => {
    assert.deepEqual(packed.platform.files, PLATFORM_FILES);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'platforms', PLATFORM, 'package.json'), 'utf8'));
    assert.equal(manifest.name, PLATFORM_PACKAGE);
    assert.equal(manifest.version, VERSION);
    assert.deepEqual([manifest.os, manifest.cpu, manifest.libc], [['linux'], ['x64'], ['glibc']]);
  });

  test('every platform package declares os, cpu and (on Linux) libc', () => {
    const expected = {
      'darwin-arm64': [['darwin'], ['arm64'], undefined],
      'darwin-x64': [['darwin'], ['x64'], undefined],
      'linux-arm64-gnu': [['linux'], ['arm64'], ['glibc']],
      'linux-arm64-musl': [['linux'], ['arm64'], ['musl']],
      'linux-x64-gnu': [['linux'], ['x64'], ['glibc']],
      'linux-x64-musl': [['linux'], ['x64'], ['musl']],
      'win32-x64-msvc': [['win32'], ['x64'], undefined],
    };
    assert.deepEqual(fs.readdirSync(path.join(root, 'platforms')).sort(), ALL_PLATFORMS);
    for (const p of ALL_PLATFORMS) {
      const m = JSON.parse(fs.readFileSync(path.join(root, 'platforms', p, 'package.json'), 'utf8'));
      assert.deepEqual([m.os, m.cpu, m.libc], expected[p], p);
      assert.deepEqual(m.files, ['index.node'], p);
      assert.equal(m.main, 'index.node', p);
    }
  });

  test('installed without a Rust toolchain, it works without compiling anything', async (t) => {
    const project = freshProject('install');
    const install = await installPackages(project, packed);
    note(t, `npm install (no cargo on PATH): ${(install.ms / 1000).toFixed(1)} s`);
    // npm 11 announces packages with install scripts; madace-core has none.
    assert.doesNotMatch(install.stdout + install.stderr, /install-scripts|install script/i);
    await checkInstalled(t, project);
  });

  test('installed with --ignore-scripts, it works the same', async (t) => {
    const project = freshProject('ignore-scripts');
    await installPackages(project, packed, ['--ignore-scripts']);
    await checkInstalled(t, project);
  });

  test('without the platform package, require and import fail naming the platform, the package and the fix', async () => {
    const project = freshProject('no-platform');
    await installPackages(project, { main: packed.main }, ['--omit=optional']);
    assert.ok(!fs.existsSync(path.join(project, 'node_modules', '@madace-core')));
    const expected =
      `madace-core: no native addon for this platform (${PLATFORM}): the package ${PLATFORM_PACKAGE} is not installed. ` +
      'Fix: reinstall with optional dependencies (`npm install --include=optional madace-core`; they are skipped by ' +
      '--omit=optional, --no-optional, or a lockfile written on another platform), or build from source with a Rust ' +
      'toolchain (see "Building from source" in madace-core\'s README). The text functions (parseAgent, validateText, ' +
      "editText, …) run without it from 'madace-core/wasm'.";
    const cjs = await nodeEval(
      project,
      "try { require('madace-core') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }",
    );
    assert.deepEqual(JSON.parse(cjs.stdout), { code: 'MADACE_ADDON_NOT_FOUND', message: expected });
    const esm = await run(
      process.execPath,
      ['--input-type=module', '-e', "import('madace-core').catch((e) => console.log(e.message))"],
      { cwd: project, env: rustlessEnv() },
    );
    assert.equal(esm.stdout.trim(), expected);
    // The WebAssembly build needs no platform package, in require and import alike.
    const agent = JSON.stringify('agent:\n  metadata: {id: pm}\n');
    const wasm = await nodeEval(
      project,
      `const w = require('madace-core/wasm'); try { w.parseAgent(${agent}) } catch (e) { console.log(e.name, e.code, e.line, e.column) }`,
    );
    assert.equal(wasm.stdout, 'AgentLoadError E_SCHEMA 2 3\n');
    const wasmEsm = await run(
      process.execPath,
      ['--input-type=module', '-e', `import { parseConfig } from 'madace-core/wasm'; console.log(parseConfig('project_name: p\\noutput_folder: o\\nuser_name: u\\ncommunication_language: en\\n').user_name)`],
      { cwd: project, env: rustlessEnv() },
    );
    assert.equal(wasmEsm.stdout, 'u\n');
    const cli = await run(path.join(project, 'node_modules', '.bin', 'madace-core'), ['validate'], {
      cwd: project,
      env: rustlessEnv(),
      allowFailure: true,
    });
    assert.notEqual(cli.status, 0);
    assert.ok(cli.stderr.includes(expected), cli.stderr);
  });
});
