'use strict';
// Builds madace-core/wasm: the core's text functions compiled to
// WebAssembly (wasm/, profile `wasm`) twice, every kind
// (lib/wasm/madace_core.wasm) and the YAML kinds alone
// (lib/wasm/madace_core_yaml.wasm, madace-core/wasm/yaml: the `yaml-only`
// feature, src/reach.rs), each shrunk by binaryen's wasm-opt; the catalog
// the full one carries (lib/wasm/catalog.json); and their ES module entries
// (node*.mjs, and browser*.mjs and edge*.mjs bundled by esbuild).
//
// std is built from its source with `-Z build-std` (a nightly flag, on a
// stable compiler through RUSTC_BOOTSTRAP), so that panics carry no
// source locations (`-Z location-detail=none`: 2 % of the module) and both
// routes build the same module. The compiler: rustup's when it has std's
// source (`rustup component add rust-src`: a contributor's machine, the
// release workflow); else Debian's `rustc-web` toolchain, unpacked once into
// target/wasm-toolchain (never installed system-wide, so nothing shadows
// rustup's rustc) and linked by LLVM's wasm-ld. Package names carry
// versions (`libstd-rust-web-1.96`, `lld-22`): they are resolved from apt's
// dependency lists, not written here.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const TARGET = 'wasm32-unknown-unknown';
const toolchain = path.join(root, 'target', 'wasm-toolchain');
const out = path.join(root, 'lib', 'wasm');
/** Older rustc cannot build the core (std's file locking). */
const MIN_RUSTC = [1, 89];

const text = (cmd, args, env = process.env) =>
  execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...options });
const log = (line) => console.log(`build-wasm: ${line}`);

function rustupHasSource() {
  try {
    return text('rustup', ['component', 'list', '--installed']).split('\n').includes('rust-src');
  } catch {
    return false;
  }
}

/** The package `pkg` depends on whose name matches `pattern` (apt-cache depends). */
function dependency(pkg, pattern) {
  const found = text('apt-cache', ['depends', pkg])
    .split('\n')
    .map((line) => /^\s*Depends: (\S+)$/.exec(line))
    .find((m) => m && pattern.test(m[1]));
  if (!found) throw new Error(`build-wasm: apt-cache lists no ${pattern} dependency of ${pkg}`);
  return found[1];
}

/** Debian's rustc-web, its std (with source) and wasm-ld, unpacked into target/wasm-toolchain. */
function debianToolchain() {
  const marker = path.join(toolchain, 'packages.txt');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  const asRoot = process.getuid && process.getuid() === 0;
  if (!asRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(
      `build-wasm: no std source to build ${TARGET} with: run \`rustup component add rust-src\` (or, on Debian, run this as root to unpack rustc-web)`,
    );
  }
  log("unpacking Debian's rustc-web toolchain into target/wasm-toolchain (once)");
  // A machine's package lists may predate the rustc-web that builds the core.
  run('apt-get', ['update', '-qq']);
  const std = dependency('libstd-rust-web-dev', /^libstd-rust-web-\d/);
  const llvm = dependency(std, /^libllvm\d+$/);
  const lld = `lld-${llvm.slice('libllvm'.length)}`;
  const packages = ['rustc-web', 'rust-web-src', 'libstd-rust-web-dev', std, llvm, lld];
  const downloads = fs.mkdtempSync(path.join(root, 'target', 'wasm-debs-'));
  // `_apt` cannot write into root's folders; the download is checked by apt either way.
  run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', ...packages], { cwd: downloads });
  const staging = `${toolchain}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  for (const deb of fs.readdirSync(downloads)) run('dpkg', ['-x', path.join(downloads, deb), staging]);
  fs.rmSync(downloads, { recursive: true, force: true });
  const found = { lld, packages };
  fs.writeFileSync(path.join(staging, 'packages.txt'), JSON.stringify(found));
  fs.rmSync(toolchain, { recursive: true, force: true });
  fs.renameSync(staging, toolchain);
  return found;
}

/** The cargo arguments and environment of the builds. */
function compiler() {
  const args = ['build', '-p', 'madace-core-wasm', '--profile', 'wasm', '--target', TARGET, '-Z', 'build-std=std,panic_abort'];
  // build-std and location-detail are nightly flags; both compilers are stable ones.
  const nightly = { RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '-Z location-detail=none' };
  if (rustupHasSource()) {
    log("rustup's compiler with -Z build-std");
    return { args, env: { ...process.env, ...nightly } };
  }
  const { lld } = debianToolchain();
  const usr = path.join(toolchain, 'usr');
  const rustc = path.join(usr, 'bin', 'rustc');
  const libs = [path.join(usr, 'lib', 'x86_64-linux-gnu'), path.join(usr, 'lib', lld.replace('lld', 'llvm'), 'lib')];
  const env = {
    ...process.env,
    ...nightly,
    LD_LIBRARY_PATH: [...libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    RUSTC: rustc,
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER: path.join(usr, 'bin', `wasm-ld-${lld.slice(4)}`),
  };
  const version = text(rustc, ['--version'], env);
  const [major, minor] = /(\d+)\.(\d+)/.exec(version).slice(1).map(Number);
  if (major < MIN_RUSTC[0] || (major === MIN_RUSTC[0] && minor < MIN_RUSTC[1])) {
    throw new Error(`build-wasm: Debian's ${version.trim()} is older than ${MIN_RUSTC.join('.')}`);
  }
  log(`Debian's ${version.trim()} with -Z build-std`);
  return { args, env };
}

/** The two builds: every kind, and the YAML kinds alone (`suffix` names its files). */
const BUILDS = [
  { suffix: '', features: [] },
  { suffix: '_yaml', features: ['--features', 'yaml-only'] },
];

/** The ES module entries of a build: Node.js names over node*.js; browser and edge bundles with the module beside them. */
async function entries(suffix) {
  const dash = suffix.replace('_', '-');
  const names = Object.keys(require(path.join(out, `node${dash}.js`))).filter((n) => n !== 'init');
  const exported = `export const { ${names.join(', ')} } = api;\n`;
  fs.writeFileSync(
    path.join(out, `node${dash}.mjs`),
    `// Generated by scripts/build-wasm.js: the names of lib/wasm/node${dash}.js for \`import\` in Node.js.\nimport api from './node${dash}.js';\n\nexport const { init } = api;\n${exported}`,
  );
  const esbuild = require('esbuild');
  for (const [entry, loader] of [
    [`browser${dash}.mjs`, `load-browser${dash}.mjs`],
    [`edge${dash}.mjs`, `load-edge${dash}.mjs`],
  ]) {
    await esbuild.build({
      stdin: { contents: `import { api, init } from './${loader}';\n\nexport { init };\n${exported}`, resolveDir: out },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      external: ['*.wasm?module'],
      outfile: path.join(out, entry),
      banner: { js: `// Generated by scripts/build-wasm.js from lib/wasm/${loader}: one ES module.` },
      // Class names are API (`err.name`): the bundle must not rename them.
      keepNames: true,
      logLevel: 'warning',
    });
  }
}

/** Builds one module into lib/wasm/madace_core<suffix>.wasm; its size. */
function build({ suffix, features }, { args, env }) {
  run('cargo', [...args, ...features], { cwd: root, env });
  const built = path.join(root, 'target', TARGET, 'wasm', 'madace_core_wasm.wasm');
  // The features rustc's wasm32 target emits by default; wasm-opt must be told them.
  const enabled = ['bulk-memory', 'sign-ext', 'nontrapping-float-to-int', 'mutable-globals', 'multivalue', 'reference-types'];
  const wasmOpt = path.join(path.dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');
  const file = path.join(out, `madace_core${suffix}.wasm`);
  run(process.execPath, [wasmOpt, '-Oz', ...enabled.map((f) => `--enable-${f}`), built, '-o', file]);
  const bytes = fs.readFileSync(file);
  const gzipped = require('node:zlib').gzipSync(bytes, { level: 9 }).length;
  log(`lib/wasm/madace_core${suffix}.wasm: ${(bytes.length / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
}

async function main() {
  const cargo = compiler();
  for (const each of BUILDS) build(each, cargo);
  // The catalog the modules' JS side reads, asked of the full module itself.
  const { createEngine } = require(path.join(out, 'engine.js'));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(out, 'madace_core.wasm')));
  fs.writeFileSync(path.join(out, 'catalog.json'), createEngine(module)('catalog', ['', '', '', '']));
  for (const { suffix } of BUILDS) await entries(suffix);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
