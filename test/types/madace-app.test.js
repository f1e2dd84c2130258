'use strict';
// madace-core/madace's results are assignable to a real MADACE app's own
// types: madace-app/app.ts compiles against ../shared/madace-app-types with
// zero errors (and the main entry's wider types are rejected where expected).

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const appTypes = path.resolve(root, '..', 'shared', 'madace-app-types');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });

test('the MADACE dialect types are assignable to the app types', (t) => {
  if (!fs.existsSync(appTypes)) {
    t.skip(`${appTypes} is absent: the app's type files are needed`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-app-types-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
      paths: {
        'madace-core': [path.join(root, 'index.d.ts')],
        'madace-core/madace': [path.join(root, 'lib', 'madace.d.ts')],
        'madace-app-types/*': [path.join(appTypes, '*')],
        // The app's schema files import zod, resolved from here.
        zod: [path.join(root, 'node_modules', 'zod')],
      },
    },
    files: [path.join(__dirname, 'madace-app', 'app.ts')],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const run = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  const output = run.stdout + run.stderr;
  console.log(`tsc against ${path.relative(root, appTypes)}: ${output.trim() || '0 errors'}`);
  assert.equal(run.status, 0, output);
  assert.equal(output.trim(), '');
});
