'use strict';
// The two npm packages a user installs on this machine, packed from this
// checkout: the main package (no binary, no Rust sources) and this
// platform's prebuilt-binary package, staged as the release workflow stages
// it (platforms/<platform>/ plus the built index.node). Consumers installed
// from them must never compile Rust, so they run with cargo and rustc off PATH.

const fs = require('node:fs');
const path = require('node:path');
const { currentPlatform } = require('@neon-rs/load');
const { root, cleanEnv, run, tempDir } = require('./run');

const PLATFORM = currentPlatform();
const PLATFORM_PACKAGE = `@madace-core/${PLATFORM}`;
const VERSION = require(path.join(root, 'package.json')).version;

const npm = (args, options) => run('npm', [...args, '--no-audit', '--no-fund'], options);

async function packDir(dir, dest) {
  const packed = await npm(['pack', '--json', '--pack-destination', dest], { cwd: dir, timeoutMs: 600_000 });
  const [info] = JSON.parse(packed.stdout);
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort(), info };
}

/** Packs both packages; resolves to `{ main, platform }`, each `{ tarball, files, info }`. */
async function packPackages() {
  const dest = tempDir('tarballs');
  const main = await packDir(root, dest); // its prepare script builds index.node
  const staged = tempDir('platform-package');
  for (const file of ['package.json', 'README.md']) {
    fs.copyFileSync(path.join(root, 'platforms', PLATFORM, file), path.join(staged, file));
  }
  fs.copyFileSync(path.join(root, 'index.node'), path.join(staged, 'index.node'));
  const platform = await packDir(staged, dest);
  return { main, platform };
}

/** PATH without any folder that holds cargo or rustc. */
function pathWithoutRust() {
  const hasRust = (dir) => ['cargo', 'rustc'].some((tool) => fs.existsSync(path.join(dir, tool)));
  return (process.env.PATH || '').split(path.delimiter).filter((dir) => dir && !hasRust(dir)).join(path.delimiter);
}

/** The environment of a user's machine with no Rust toolchain. */
function rustlessEnv(extra = {}) {
  return cleanEnv({ PATH: pathWithoutRust(), ...extra });
}

/**
 * Installs the packed packages into `dir` (a project folder with a
 * package.json): `npm install <main.tgz>`, with the platform package
 * resolved from its tarball, never from the registry. `args` adds npm flags.
 */
async function installPackages(dir, { main, platform }, args = []) {
  const manifestPath = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (platform) manifest.overrides = { ...manifest.overrides, [PLATFORM_PACKAGE]: `file:${platform.tarball}` };
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return npm(['install', '--no-package-lock', ...args, main.tarball], { cwd: dir, env: rustlessEnv(), timeoutMs: 600_000 });
}

module.exports = { PLATFORM, PLATFORM_PACKAGE, VERSION, npm, packPackages, installPackages, rustlessEnv, pathWithoutRust };
